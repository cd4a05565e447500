// SPDX-License-Identifier: MIT
// The vendored Resource Manager examples (tests/data/specs/arm) through the emulator: each
// example's request is accepted as written (its subscription and tenant swapped for the
// emulator's), and the reply carries every member the example's response shows at the top and
// under "properties", except the few the emulator does not model (listed per example).

#include "emulator_client.hpp"
#include "test_files.hpp"

#include "../json_util.hpp"

#include <set>

#include <doctest/doctest.h>

using namespace emutest;

namespace {

constexpr const char* kTenant = "11111111-2222-3333-4444-555555555555";
const std::string kSubId = "33333333-4444-5555-6666-777777777777";

struct Example {
    std::unique_ptr<emu::JsonDoc> doc;
    const emu::JsonValue& parameters() const { return (*doc)["parameters"]; }
    std::string param(const char* name) const { return emu::getString(parameters(), name).value_or(""); }
    // The request body with the example's subscription and tenant made the emulator's.
    std::string body() const {
        std::string text = emu::toJson(parameters()["parameters"]);
        for (const std::string sub :
             {"/subscriptions/subid/", "/subscriptions/00000000-0000-0000-0000-000000000000/"}) {
            for (std::size_t at = text.find(sub); at != std::string::npos; at = text.find(sub, at + 1))
                text.replace(at, sub.size(), "/subscriptions/" + kSubId + "/");
        }
        const std::string zero = "\"tenantId\":\"00000000-0000-0000-0000-000000000000\"";
        for (std::size_t at = text.find(zero); at != std::string::npos; at = text.find(zero, at + 1))
            text.replace(at, zero.size(), std::string("\"tenantId\":\"") + kTenant + "\"");
        return text;
    }
    const emu::JsonValue& response() const {
        const auto& r = (*doc)["responses"];
        return r.HasMember("201") ? r["201"]["body"] : r["200"]["body"];
    }
};

Example load(const std::string& relative) {
    Example e{emu::parseJsonObject(kvb::test::readText(kvb::test::specsDir() / "arm" / relative))};
    REQUIRE(e.doc);
    return e;
}

// Every member of the example's response (top level and properties) is in ours, unless ignored.
void checkShape(const Example& example, const Reply& ours, const std::set<std::string>& ignored) {
    auto doc = emu::parseJsonObject(ours.body);
    REQUIRE(doc);
    const emu::JsonValue& want = example.response();
    for (const auto& m : want.GetObject()) {
        const std::string name = m.name.GetString();
        if (ignored.count(name) == 0) CHECK_MESSAGE(doc->HasMember(name.c_str()), name);
    }
    if (!want.HasMember("properties")) return;
    REQUIRE(doc->HasMember("properties"));
    for (const auto& m : want["properties"].GetObject()) {
        const std::string name = m.name.GetString();
        const std::string label = "properties." + name;
        if (ignored.count(label) == 0) CHECK_MESSAGE((*doc)["properties"].HasMember(name.c_str()), label);
    }
}

Reply arm(const EmulatorProcess& emu, const std::string& method, const std::string& path,
          const std::string& body = "") {
    std::vector<std::string> headers = {"Authorization: Bearer " +
                                        token(emu, "https://management.azure.com/.default")};
    if (!body.empty()) headers.push_back("Content-Type: application/json");
    return request(emu, method, "https://management.azure.com/subscriptions/" + kSubId + path, headers, body);
}

} // namespace

TEST_CASE("arm examples: Key Vault vaults") {
    auto& emu = sharedEmulator();
    REQUIRE(control(emu, "reset").status == 200);
    const Example create = load("keyvault/2025-05-01/examples/createVault.json");
    const std::string path = "/resourceGroups/" + create.param("resourceGroupName") +
                             "/providers/Microsoft.KeyVault/vaults/" + create.param("vaultName") +
                             "?api-version=" + create.param("api-version");
    Reply created = arm(emu, "PUT", path, create.body());
    REQUIRE(created.status == 201);
    checkShape(create, created, {"systemData", "properties.hsmPoolResourceId"});
    auto doc = emu::parseJsonObject(created.body);
    for (const char* flag :
         {"enabledForDeployment", "enabledForDiskEncryption", "enabledForTemplateDeployment"})
        CHECK(emu::getBool((*doc)["properties"], flag) == std::optional<bool>(true));

    const Example get = load("keyvault/2025-05-01/examples/getVault.json");
    checkShape(get, arm(emu, "GET", path), {"systemData", "properties.hsmPoolResourceId"});
}

TEST_CASE("arm examples: identities, Batch accounts and pools") {
    auto& emu = sharedEmulator();
    REQUIRE(control(emu, "reset").status == 200);
    const Example identity = load("msi/2024-11-30/examples/IdentityCreate.json");
    Reply made = arm(emu, "PUT",
                     "/resourceGroups/" + identity.param("resourceGroupName") +
                         "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/" +
                         identity.param("resourceName") + "?api-version=" + identity.param("api-version"),
                     identity.body());
    REQUIRE(made.status == 201);
    checkShape(identity, made, {});

    const Example account = load("batch/2024-07-01/examples/BatchAccountGet.json");
    REQUIRE(control(emu, "batch/accounts",
                    R"({"name":")" + account.param("accountName") + R"(","region":"japaneast"})")
                .status == 200);
    const std::string accountPath = "/resourceGroups/" + account.param("resourceGroupName") +
                                    "/providers/Microsoft.Batch/batchAccounts/" +
                                    account.param("accountName");
    Reply got = arm(emu, "GET", accountPath + "?api-version=2024-07-01");
    REQUIRE(got.status == 200);
    checkShape(account, got, {"properties.autoStorage"});

    // The pool example's identities, made first in its resource group.
    for (const char* id : {"id1", "id2"}) {
        REQUIRE(arm(emu, "PUT",
                    "/resourceGroups/default-azurebatch-japaneast/providers/Microsoft.ManagedIdentity/"
                    "userAssignedIdentities/" +
                        std::string(id) + "?api-version=2023-01-31",
                    R"({"location":"japaneast"})")
                    .status == 201);
    }
    for (const std::string file : {"PoolCreate_UserAssignedIdentities.json",
                                   "PoolCreate_VirtualMachineConfiguration_Extensions.json"}) {
        CAPTURE(file);
        const Example pool = load("batch/2024-07-01/examples/" + file);
        Reply put = arm(emu, "PUT",
                        "/resourceGroups/" + pool.param("resourceGroupName") +
                            "/providers/Microsoft.Batch/batchAccounts/" + pool.param("accountName") +
                            "/pools/" + pool.param("poolName") + "?api-version=" + pool.param("api-version"),
                        pool.body());
        REQUIRE(put.status == 200);
        checkShape(pool, put, {});
        if (pool.response().HasMember("identity")) {
            for (const auto& m : pool.response()["identity"]["userAssignedIdentities"].GetObject()) {
                const std::string id = std::string(m.name.GetString()).replace(15, 5, kSubId);
                CHECK_MESSAGE(put.body.find(id) != std::string::npos, id);
            }
        }
    }
}

TEST_CASE("arm examples: role definitions and assignments") {
    auto& emu = sharedEmulator();
    REQUIRE(control(emu, "reset").status == 200);
    const Example role = load("authorization/2022-04-01/examples/GetRoleDefinitionByName.json");
    Reply got = arm(emu, "GET",
                    "/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6"
                    "?api-version=2022-04-01");
    REQUIRE(got.status == 200);
    checkShape(role, got, {});

    const Example assignment = load("authorization/2022-04-01/examples/RoleAssignments_Get.json");
    const std::string path = "/providers/Microsoft.Authorization/roleAssignments/" +
                             assignment.param("roleAssignmentName") + "?api-version=2022-04-01";
    REQUIRE(
        arm(emu, "PUT", path,
            R"({"properties":{"roleDefinitionId":"/subscriptions/)" + kSubId +
                R"(/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6",)"
                R"("principalId":"ce2ce14e-85d7-4629-bdbc-454d0519d987","principalType":"User"}})")
            .status == 201);
    checkShape(assignment, arm(emu, "GET", path), {});
}
