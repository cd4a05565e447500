// SPDX-License-Identifier: MIT
// ResourceId: parsing, building, round trips of odd ids, and errors that name the bad id.

#include <kvbridge/arm/resource_id.hpp>
#include <kvbridge/error.hpp>

#include <doctest/doctest.h>

#include <string>

using kvb::InvalidArgument;
using kvb::arm::ResourceId;

namespace {

constexpr const char* kSub = "00000000-0000-0000-0000-000000000000";

std::string errorOf(const std::string& id) {
    try {
        (void)ResourceId::parse(id);
    } catch (const InvalidArgument& e) {
        return e.what();
    }
    return "<no error>";
}

} // namespace

TEST_SUITE("arm::ResourceId") {
    TEST_CASE("a child resource: every part, its type, name and parents") {
        const auto id = ResourceId::parse(
            "/subscriptions/subid/resourceGroups/default-azurebatch-japaneast/providers/Microsoft.Batch/"
            "batchAccounts/sampleacct/pools/testpool");
        CHECK(id.subscriptionId() == "subid");
        CHECK(id.resourceGroupName() == "default-azurebatch-japaneast");
        CHECK(id.providerNamespace() == "Microsoft.Batch");
        CHECK(id.resourceType() == "Microsoft.Batch/batchAccounts/pools");
        CHECK(id.name() == "testpool");
        const auto account = id.parent();
        REQUIRE(account.has_value());
        CHECK(account->str() ==
              "/subscriptions/subid/resourceGroups/default-azurebatch-japaneast/providers/Microsoft.Batch/"
              "batchAccounts/sampleacct");
        CHECK(account->resourceType() == "Microsoft.Batch/batchAccounts");
        const auto group = account->parent();
        REQUIRE(group.has_value());
        CHECK(group->isResourceGroup());
        CHECK(group->resourceType() == "Microsoft.Resources/resourceGroups");
        const auto subscription = group->parent();
        REQUIRE(subscription.has_value());
        CHECK(subscription->isSubscription());
        CHECK(subscription->name() == "subid");
        CHECK_FALSE(subscription->parent().has_value());
    }

    TEST_CASE("built ids equal parsed ones, and str() round-trips through parse()") {
        const auto built = ResourceId::resourceGroup(kSub, "rg")
                               .withProvider("Microsoft.Batch", "batchAccounts", "acct")
                               .child("pools", "p1");
        const std::string text = built.str();
        CHECK(text == std::string("/subscriptions/") + kSub +
                          "/resourceGroups/rg/providers/Microsoft.Batch/batchAccounts/acct/pools/p1");
        CHECK(ResourceId::parse(text) == built);
        CHECK(ResourceId::parse(text).str() == text);
    }

    TEST_CASE("odd but valid ids round-trip") {
        // Each keeps its names, namespaces and types as written; parse(str()) gives the same id.
        const char* ids[] = {
            // a resource group named like a keyword, a resource named "providers"
            "/subscriptions/s/resourceGroups/providers/providers/Microsoft.X/things/providers",
            "/subscriptions/s/resourceGroups/resourceGroups",
            // names with dots, parentheses, spaces, underscores and non-ASCII letters
            "/subscriptions/s/resourceGroups/rg.with(parens) and "
            "spaces_/providers/Microsoft.Web/sites/caf\xc3\xa9",
            // an extension resource: a role assignment on a vault
            "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/v/providers/"
            "Microsoft.Authorization/roleAssignments/05c5a614-a7d6-4502-b150-c2fb455033ff",
            // tenant level: a built-in role definition, a management group
            "/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6",
            "/providers/Microsoft.Management/managementGroups/mg-1",
            // subscription level
            "/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/r",
            // deep children
            "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/a/"
            "ipConfigurations/b",
        };
        for (const char* text : ids) {
            CAPTURE(text);
            const auto id = ResourceId::parse(text);
            CHECK(id.str() == text);
            CHECK(ResourceId::parse(id.str()) == id);
        }
    }

    TEST_CASE("keywords are read in any case and written canonically; equality ignores case") {
        // As Resource Manager writes some ids (the managed identity examples say "resourcegroups").
        const auto id = ResourceId::parse(
            "/SUBSCRIPTIONS/subid/resourcegroups/rgName/PROVIDERS/Microsoft.ManagedIdentity/"
            "userAssignedIdentities/identityName");
        CHECK(id.resourceGroupName() == "rgName");
        CHECK(id.str() == "/subscriptions/subid/resourceGroups/rgName/providers/Microsoft.ManagedIdentity/"
                          "userAssignedIdentities/identityName");
        CHECK(id == ResourceId::parse("/subscriptions/SUBID/resourceGroups/RGNAME/providers/"
                                      "microsoft.managedidentity/userassignedidentities/IDENTITYNAME"));
        CHECK_FALSE(id == ResourceId::parse("/subscriptions/subid/resourceGroups/rgName"));
    }

    TEST_CASE("an extension resource's parent is the resource it extends") {
        const auto assignment = ResourceId::resourceGroup("s", "rg")
                                    .withProvider("Microsoft.KeyVault", "vaults", "v")
                                    .withProvider("Microsoft.Authorization", "roleAssignments", "a");
        CHECK(assignment.resourceType() == "Microsoft.Authorization/roleAssignments");
        CHECK(assignment.providers().size() == 2);
        const auto vault = assignment.parent();
        REQUIRE(vault.has_value());
        CHECK(vault->resourceType() == "Microsoft.KeyVault/vaults");
        CHECK(vault->name() == "v");
        CHECK_FALSE(
            ResourceId::parse("/providers/Microsoft.Management/managementGroups/mg").parent().has_value());
    }

    TEST_CASE("segments() are what a URL is built from") {
        const auto id =
            ResourceId::resourceGroup("s", "rg").withProvider("Microsoft.KeyVault", "vaults", "v");
        CHECK(id.segments() == std::vector<std::string>{"subscriptions", "s", "resourceGroups", "rg",
                                                        "providers", "Microsoft.KeyVault", "vaults", "v"});
    }

    TEST_CASE("malformed ids are refused with a message that quotes the id and says what is wrong") {
        struct Case {
            std::string id;
            std::string says;
        };
        const Case cases[] = {
            {"", "it is empty"},
            {"subscriptions/s", "must start with '/'"},
            {"/subscriptions/s/", "ends with '/'"},
            {"/subscriptions//resourceGroups/rg", "empty segment"},
            {"/subscriptions", "has no subscription id"},
            {"/subscriptions/s/resourceGroups", "has no resource group name"},
            {"/resourceGroups/rg", "must follow '/subscriptions/{id}'"},
            {"/tenants/t", "must start with '/subscriptions/' or '/providers/'"},
            {"/subscriptions/s/resourceGroups/rg/vaults/v", "'vaults' stands where 'providers'"},
            {"/subscriptions/s/providers", "'providers' has no namespace"},
            {"/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault",
             "has no resource type and name"},
            {"/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults",
             "'vaults' has no name"},
            {"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Batch/batchAccounts/a/pools",
             "'pools' has no name"},
            {"/subscriptions/s/resourceGroups/rg?api-version=1", "holds '?', '#'"},
            {"/subscriptions/s/resourceGroups/r\ng", "control character"},
        };
        for (const auto& c : cases) {
            CAPTURE(c.id);
            const auto message = errorOf(c.id);
            CHECK(message.find("resource id '" + c.id + "'") != std::string::npos);
            CHECK(message.find(c.says) != std::string::npos);
        }
    }

    TEST_CASE("builders refuse parts that would change the id's shape") {
        CHECK_THROWS_AS(ResourceId::subscription(""), InvalidArgument);
        CHECK_THROWS_AS(ResourceId::resourceGroup("s", "a/b"), InvalidArgument);
        CHECK_THROWS_AS(
            ResourceId::resourceGroup("s", "rg").withProvider("Microsoft.KeyVault", "vaults", "v?x"),
            InvalidArgument);
        CHECK_THROWS_WITH_AS(ResourceId::resourceGroup("s", "rg").child("pools", "p"),
                             doctest::Contains("names no provider resource"), InvalidArgument);
    }
}
