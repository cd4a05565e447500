// SPDX-License-Identifier: MIT
// KeyVaultManagementClient against the vendored Microsoft.KeyVault 2025-05-01 examples: the
// request each operation sends, and the example responses read into the models.

#include <kvbridge/arm/key_vault_management_client.hpp>
#include <kvbridge/error.hpp>

#include <doctest/doctest.h>

#include <string>

#include "arm_test_util.hpp"
#include "core/json.hpp"

using namespace kvb;
using namespace kvb::arm;
using kvb::test::ArmExample;
using kvb::test::ArmRig;

namespace {

std::string vaultPath(const ArmExample& e) {
    return "/subscriptions/" + e.param("subscriptionId") + "/resourceGroups/" + e.param("resourceGroupName") +
           "/providers/Microsoft.KeyVault/vaults/" + e.param("vaultName");
}

KeyVaultManagementClient clientFor(const ArmRig& rig, const ArmExample& e) {
    return KeyVaultManagementClient(e.param("subscriptionId"), rig.credential, rig.options());
}

void checkExampleVault(const Vault& v, const ArmExample& e, int status) {
    const auto doc = kvb::detail::parseJson(e.body(status), "example");
    CHECK(v.id == doc["id"].GetString());
    CHECK(v.name == e.param("vaultName"));
    CHECK(v.type == "Microsoft.KeyVault/vaults");
    CHECK(v.location == "westus");
    CHECK(v.tags.empty());
    CHECK(v.properties.tenantId == "00000000-0000-0000-0000-000000000000");
    CHECK(std::string(toString(v.properties.sku)) == "standard");
    CHECK(v.properties.skuFamily == "A");
    CHECK(v.properties.vaultUri == "https://sample-vault.vault.azure.net");
    CHECK(v.properties.provisioningState == "Succeeded");
    CHECK(v.properties.publicNetworkAccess == "Enabled");
    CHECK(v.properties.enabledForDeployment == true);
    CHECK(v.properties.enabledForDiskEncryption == true);
    CHECK(v.properties.enabledForTemplateDeployment == true);
    CHECK_FALSE(v.properties.enableRbacAuthorization.has_value());
    CHECK(v.properties.accessPolicyCount == 1);
}

} // namespace

TEST_SUITE("arm::KeyVaultManagementClient") {
    TEST_CASE("getVault: GET the vault's path with api-version 2025-05-01; the example reads into Vault") {
        const ArmExample e("keyvault/2025-05-01/examples/getVault.json");
        ArmRig rig;
        rig.serve(e, 200);
        const auto vault = clientFor(rig, e).getVault(e.param("resourceGroupName"), e.param("vaultName"));
        const auto request = rig.request(0);
        CHECK(request.method == http::Method::Get);
        CHECK(test::pathOf(request.url) == vaultPath(e));
        CHECK(test::queryOf(request.url, "api-version") == e.param("api-version"));
        CHECK(std::string(kKeyVaultApiVersion) == e.param("api-version"));
        CHECK(vault.status == 200);
        checkExampleVault(*vault, e, 200);
    }

    TEST_CASE("create or update: PUT location, tenant and SKU as the example, RBAC on by default") {
        const ArmExample e("keyvault/2025-05-01/examples/createVault.json");
        for (int status : {200, 201}) {
            CAPTURE(status);
            ArmRig rig;
            rig.serve(e, status);
            const auto& sent = e.paramValue("parameters");
            CreateOrUpdateVaultOptions options;
            options.location = sent["location"].GetString();
            options.tenantId = sent["properties"]["tenantId"].GetString();
            options.publicNetworkAccess = sent["properties"]["publicNetworkAccess"].GetString();
            options.softDeleteRetentionInDays = 7;
            options.tags = {{"owner", "kvbridge"}};
            auto op = clientFor(rig, e).startCreateOrUpdateVault(e.param("resourceGroupName"),
                                                                 e.param("vaultName"), options);
            // provisioningState Succeeded and no status URL: done with the first answer.
            REQUIRE(op.isDone());
            checkExampleVault(op.value(), e, status);

            const auto request = rig.request(0);
            CHECK(request.method == http::Method::Put);
            CHECK(test::pathOf(request.url) == vaultPath(e));
            CHECK(test::queryOf(request.url, "api-version") == e.param("api-version"));
            CHECK(request.headers.get("Content-Type") == "application/json");
            const auto body = test::bodyOf(request);
            CHECK(body["location"] == sent["location"]);
            CHECK(body["properties"]["tenantId"] == sent["properties"]["tenantId"]);
            CHECK(body["properties"]["sku"] == sent["properties"]["sku"]);
            CHECK(body["properties"]["publicNetworkAccess"] == sent["properties"]["publicNetworkAccess"]);
            CHECK(body["properties"]["enableRbacAuthorization"].GetBool());
            CHECK(body["properties"]["accessPolicies"].IsArray());
            CHECK(body["properties"]["accessPolicies"].Empty());
            CHECK(body["properties"]["softDeleteRetentionInDays"].GetInt() == 7);
            CHECK_FALSE(body["properties"].HasMember("enablePurgeProtection"));
            CHECK(std::string(body["tags"]["owner"].GetString()) == "kvbridge");
        }
    }

    TEST_CASE("create options are checked before anything is sent") {
        const ArmExample e("keyvault/2025-05-01/examples/createVault.json");
        ArmRig rig;
        const auto client = clientFor(rig, e);
        CreateOrUpdateVaultOptions good;
        good.location = "westus";
        good.tenantId = "00000000-0000-0000-0000-000000000000";
        auto bad = good;
        bad.location.clear();
        CHECK_THROWS_WITH_AS(client.startCreateOrUpdateVault("rg", "vault1", bad),
                             doctest::Contains("location"), InvalidArgument);
        bad = good;
        bad.tenantId = "contoso.onmicrosoft.com";
        CHECK_THROWS_WITH_AS(client.startCreateOrUpdateVault("rg", "vault1", bad), doctest::Contains("GUID"),
                             InvalidArgument);
        bad = good;
        bad.softDeleteRetentionInDays = 91;
        CHECK_THROWS_WITH_AS(client.startCreateOrUpdateVault("rg", "vault1", bad), doctest::Contains("7-90"),
                             InvalidArgument);
        bad = good;
        bad.enablePurgeProtection = false;
        CHECK_THROWS_WITH_AS(client.startCreateOrUpdateVault("rg", "vault1", bad),
                             doctest::Contains("cannot be turned off"), InvalidArgument);
        for (const char* name : {"ab", "a_b", "this-name-is-far-too-long-1", "-vault"}) {
            CAPTURE(name);
            CHECK_THROWS_WITH_AS(client.startCreateOrUpdateVault("rg", name, good),
                                 doctest::Contains("vault name must be 3-24"), InvalidArgument);
        }
        CHECK_THROWS_AS(client.getVault("rg.", "vault1"), InvalidArgument);
        CHECK_THROWS_AS(client.getVault("rg/x", "vault1"), InvalidArgument);
        CHECK(rig.transport->count() == 0);
    }

    TEST_CASE("deleteVault: DELETE the vault's path; 200 and 204 both succeed") {
        const ArmExample e("keyvault/2025-05-01/examples/deleteVault.json");
        for (int status : {200, 204}) {
            CAPTURE(status);
            ArmRig rig;
            rig.serve(e, status);
            const auto done =
                clientFor(rig, e).deleteVault(e.param("resourceGroupName"), e.param("vaultName"));
            CHECK(done.status == status);
            const auto request = rig.request(0);
            CHECK(request.method == http::Method::Delete);
            CHECK(test::pathOf(request.url) == vaultPath(e));
            CHECK(test::queryOf(request.url, "api-version") == e.param("api-version"));
        }
    }

    TEST_CASE("checkVaultNameAvailability: POST the example's body under the subscription") {
        const ArmExample e("keyvault/2025-05-01/examples/checkVaultNameAvailability.json");
        ArmRig rig;
        rig.serve(e, 200);
        const auto& sent = e.paramValue("vaultName");
        const auto answer = clientFor(rig, e).checkVaultNameAvailability(sent["name"].GetString());
        CHECK(answer->nameAvailable);
        CHECK(answer->reason.empty());
        const auto request = rig.request(0);
        CHECK(request.method == http::Method::Post);
        CHECK(test::pathOf(request.url) == "/subscriptions/" + e.param("subscriptionId") +
                                               "/providers/Microsoft.KeyVault/checkNameAvailability");
        CHECK(test::queryOf(request.url, "api-version") == e.param("api-version"));
        CHECK(test::bodyOf(request) == sent);

        rig.transport->respond(
            200,
            R"({"nameAvailable":false,"reason":"AlreadyExists","message":"The vault name 'x' is already in use."})");
        const auto taken = clientFor(rig, e).checkVaultNameAvailability("x");
        CHECK_FALSE(taken->nameAvailable);
        CHECK(taken->reason == "AlreadyExists");
        CHECK(taken->message.find("already in use") != std::string::npos);
    }
}
