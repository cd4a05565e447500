// SPDX-License-Identifier: MIT
// What every Resource Manager client shares: endpoint and scope, the ARM error shape as typed
// errors, throttling (429 with Retry-After), long-running operations and nextLink paging.

#include <kvbridge/arm/arm_error.hpp>
#include <kvbridge/arm/key_vault_management_client.hpp>
#include <kvbridge/error.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "arm_test_util.hpp"

using namespace kvb;
using namespace kvb::arm;
using namespace std::chrono_literals;
using kvb::test::ArmExample;
using kvb::test::ArmRig;

namespace {

constexpr const char* kSub = "00000000-0000-0000-0000-000000000000";
constexpr const char* kVaultPath = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/"
                                   "sample-resource-group/providers/Microsoft.KeyVault/vaults/sample-vault";
constexpr const char* kStatusUrl =
    "https://management.azure.com/subscriptions/00000000-0000-0000-0000-000000000000/"
    "providers/Microsoft.KeyVault/locations/westus/operationResults/op-1?api-version=1";

http::Headers headers(std::initializer_list<std::pair<const char*, std::string>> entries) {
    http::Headers h;
    for (const auto& [name, value] : entries) h.add(name, value);
    return h;
}

CreateOrUpdateVaultOptions vaultOptions() {
    CreateOrUpdateVaultOptions o;
    o.location = "westus";
    o.tenantId = kSub;
    return o;
}

std::chrono::milliseconds since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
}

} // namespace

TEST_SUITE("arm::pipeline") {
    TEST_CASE("tokens are asked for the management scope and sent as a bearer header") {
        ArmRig rig;
        rig.serve(ArmExample("keyvault/2025-05-01/examples/getVault.json"), 200);
        KeyVaultManagementClient client(kSub, rig.credential, rig.options());
        client.getVault("sample-resource-group", "sample-vault");
        REQUIRE(rig.credential->requests().size() == 1);
        CHECK(rig.credential->requests()[0].scopes ==
              std::vector<std::string>{"https://management.azure.com/.default"});
        CHECK(rig.request(0).headers.get("Authorization") == "Bearer token-1");
        CHECK(rig.request(0).url.rfind("https://management.azure.com/subscriptions/", 0) == 0);
    }

    TEST_CASE("a sovereign cloud or an emulator takes its own endpoint and scope") {
        ArmRig rig;
        rig.serve(ArmExample("keyvault/2025-05-01/examples/getVault.json"), 200);
        auto options = rig.options();
        options.endpoint = "https://management.usgovcloudapi.net/";
        options.scope = "https://management.usgovcloudapi.net/.default";
        KeyVaultManagementClient client(kSub, rig.credential, options);
        client.getVault("sample-resource-group", "sample-vault");
        CHECK(rig.request(0).url.rfind(std::string("https://management.usgovcloudapi.net") + kVaultPath, 0) ==
              0);
        CHECK(rig.credential->requests()[0].scopes ==
              std::vector<std::string>{"https://management.usgovcloudapi.net/.default"});

        options.endpoint = "https://management.localhost:8443";
        KeyVaultManagementClient local(kSub, rig.credential, options);
        rig.serve(ArmExample("keyvault/2025-05-01/examples/getVault.json"), 200);
        local.getVault("sample-resource-group", "sample-vault");
        CHECK(rig.request(1).url.rfind("https://management.localhost:8443/subscriptions/", 0) == 0);
    }

    TEST_CASE("a bad endpoint, scope, subscription or credential is refused before any request") {
        ArmRig rig;
        auto options = rig.options();
        options.endpoint = "http://management.azure.com";
        CHECK_THROWS_WITH_AS(KeyVaultManagementClient(kSub, rig.credential, options),
                             doctest::Contains("http://management.azure.com"), InvalidArgument);
        options.endpoint = "https://management.azure.com/subscriptions/x";
        CHECK_THROWS_AS(KeyVaultManagementClient(kSub, rig.credential, options), InvalidArgument);
        options = rig.options();
        options.scope.clear();
        CHECK_THROWS_AS(KeyVaultManagementClient(kSub, rig.credential, options), InvalidArgument);
        CHECK_THROWS_AS(KeyVaultManagementClient("sub/../x", rig.credential, rig.options()), InvalidArgument);
        CHECK_THROWS_AS(KeyVaultManagementClient(kSub, nullptr, rig.options()), InvalidArgument);
        CHECK(rig.transport->count() == 0);
    }

    TEST_CASE("an ARM error becomes the typed error with code, message, request id and details") {
        ArmRig rig;
        rig.transport->respond(
            404,
            R"({"error":{"code":"ResourceNotFound","message":"The Resource 'Microsoft.KeyVault/vaults/sample-vault' )"
            R"(under resource group 'sample-resource-group' was not found.","target":"sample-vault",)"
            R"("details":[{"code":"ParentNotFound","message":"no parent","details":[{"code":"Deeper","message":"m2"}]},)"
            R"({"code":"Second","message":"two","target":"t2"}]}})",
            headers({{"x-ms-request-id", "req-1"}, {"x-ms-correlation-request-id", "corr-1"}}));
        KeyVaultManagementClient client(kSub, rig.credential, rig.options());
        try {
            client.getVault("sample-resource-group", "sample-vault");
            FAIL("no error");
        } catch (const NotFoundError& e) {
            CHECK(e.httpStatus() == 404);
            CHECK(e.serviceCode() == "ResourceNotFound");
            CHECK(e.serviceMessage().find("was not found") != std::string::npos);
            CHECK(e.requestId() == "req-1");
            CHECK(e.info().values.at("x-ms-correlation-request-id") == "corr-1");
            CHECK(e.info().values.at("target") == "sample-vault");
            const auto details = armErrorDetails(e);
            REQUIRE(details.size() == 2);
            CHECK(details[0].code == "ParentNotFound");
            CHECK(details[0].message == "no parent");
            REQUIRE(details[0].details.size() == 1);
            CHECK(details[0].details[0].code == "Deeper");
            CHECK(details[1].code == "Second");
            CHECK(details[1].target == "t2");
            CHECK(std::string(e.what()).find("req-1") != std::string::npos);
        }
    }

    TEST_CASE("without x-ms-request-id the correlation id is the request id; 409 is a ConflictError") {
        ArmRig rig;
        rig.transport->respond(409, R"({"error":{"code":"ConflictError","message":"busy"}})",
                               headers({{"x-ms-correlation-request-id", "corr-2"}}));
        KeyVaultManagementClient client(kSub, rig.credential, rig.options());
        CHECK_THROWS_WITH_AS(client.deleteVault("sample-resource-group", "sample-vault"),
                             doctest::Contains("corr-2"), ConflictError);
    }

    TEST_CASE("429 with Retry-After is retried after the pause the service asked for") {
        ArmRig rig;
        auto options = rig.options();
        options.client.retry.maxRetries = 2;
        rig.transport->respond(
            429, R"({"error":{"code":"TooManyRequests","message":"slow down"}})",
            headers({{"Retry-After", "2"}, {"x-ms-ratelimit-remaining-subscription-reads", "0"}}));
        rig.serve(ArmExample("keyvault/2025-05-01/examples/getVault.json"), 200);
        KeyVaultManagementClient client(kSub, rig.credential, options);
        const auto start = std::chrono::steady_clock::now();
        const auto vault = client.getVault("sample-resource-group", "sample-vault");
        CHECK(since(start) >= 1950ms); // the retry policy's own first pause is at most 960 ms
        CHECK(vault->name == "sample-vault");
        CHECK(rig.transport->count() == 2);
        CHECK(rig.request(0).headers.get("x-ms-client-request-id") ==
              rig.request(1).headers.get("x-ms-client-request-id"));
    }

    TEST_CASE("throttled past the retries: ThrottledError says which quota ran out") {
        ArmRig rig;
        auto options = rig.options();
        options.client.retry.maxRetries = 1;
        for (int i = 0; i < 2; ++i)
            rig.transport->respond(429, R"({"error":{"code":"TooManyRequests","message":"slow down"}})",
                                   headers({{"Retry-After", "0"},
                                            {"x-ms-ratelimit-remaining-subscription-writes", "0"},
                                            {"x-ms-ratelimit-remaining-subscription-reads", "11999"},
                                            {"x-ms-request-id", "req-429"}}));
        KeyVaultManagementClient client(kSub, rig.credential, options);
        try {
            client.deleteVault("sample-resource-group", "sample-vault");
            FAIL("no error");
        } catch (const ThrottledError& e) {
            CHECK(e.serviceCode() == "TooManyRequests");
            CHECK(e.requestId() == "req-429");
            CHECK(e.info().values.at("x-ms-ratelimit-remaining-subscription-writes") == "0");
            CHECK(e.info().values.at("x-ms-ratelimit-remaining-subscription-reads") == "11999");
        }
        CHECK(rig.transport->count() == 2);
    }

    TEST_CASE("long-running create: Azure-AsyncOperation polled at the Retry-After pace to the vault") {
        ArmRig rig;
        const ArmExample create("keyvault/2025-05-01/examples/createVault.json");
        rig.transport->respond(201, create.body(201),
                               headers({{"Azure-AsyncOperation", kStatusUrl}, {"Retry-After", "1"}}));
        rig.transport->respond(200, R"({"status":"InProgress"})", headers({{"Retry-After", "1"}}));
        rig.transport->respond(200, R"({"status":"Succeeded"})");
        rig.serve(ArmExample("keyvault/2025-05-01/examples/getVault.json"), 200);
        KeyVaultManagementClient client(kSub, rig.credential, rig.options());
        auto op = client.startCreateOrUpdateVault("sample-resource-group", "sample-vault", vaultOptions());
        CHECK_FALSE(op.isDone());
        CHECK(op.resumeToken() == kVaultPath);
        const auto start = std::chrono::steady_clock::now();
        const auto& vault = op.pollUntilDone({.interval = 10ms, .timeout = 30s});
        CHECK(since(start) >= 1900ms); // two Retry-After pauses of 1 s, not the 10 ms interval
        CHECK(vault.properties.vaultUri == "https://sample-vault.vault.azure.net");
        REQUIRE(rig.transport->count() == 4);
        CHECK(rig.request(1).url == kStatusUrl);
        CHECK(rig.request(2).url == kStatusUrl);
        CHECK(rig.request(3).method == http::Method::Get);
        CHECK(test::pathOf(rig.request(3).url) == kVaultPath);
        CHECK(rig.request(1).headers.get("Authorization").has_value());
    }

    TEST_CASE("a wait that cannot end within its timeout or the context's deadline stops at once") {
        ArmRig rig;
        const ArmExample create("keyvault/2025-05-01/examples/createVault.json");
        rig.transport->respond(201, create.body(201),
                               headers({{"Azure-AsyncOperation", kStatusUrl}, {"Retry-After", "30"}}));
        KeyVaultManagementClient client(kSub, rig.credential, rig.options());
        auto op = client.startCreateOrUpdateVault("sample-resource-group", "sample-vault", vaultOptions());
        const auto start = std::chrono::steady_clock::now();
        CHECK_THROWS_WITH_AS(op.pollUntilDone({.timeout = 1s}),
                             doctest::Contains("creation of vault 'sample-vault'"), OperationTimeoutError);
        CHECK(since(start) < 5s);
        CHECK_THROWS_AS(op.pollUntilDone({.timeout = 60s}, Context().withTimeout(100ms)), OperationCancelled);
        CHECK(since(start) < 5s);
        CHECK(rig.transport->count() == 1);
    }

    TEST_CASE("an operation status of Failed is an ArmOperationFailedError with its code and request id") {
        ArmRig rig;
        const ArmExample create("keyvault/2025-05-01/examples/createVault.json");
        rig.transport->respond(201, create.body(201), headers({{"Azure-AsyncOperation", kStatusUrl}}));
        rig.transport->respond(
            200,
            R"({"status":"Failed","error":{"code":"VaultNameNotValid","message":"name taken by a deleted vault",)"
            R"("details":[{"code":"SoftDeleted","message":"purge it or recover it"}]}})",
            headers({{"x-ms-request-id", "req-failed"}}));
        KeyVaultManagementClient client(kSub, rig.credential, rig.options());
        auto op = client.startCreateOrUpdateVault("sample-resource-group", "sample-vault", vaultOptions());
        try {
            op.pollUntilDone({.interval = 1ms});
            FAIL("no error");
        } catch (const ArmOperationFailedError& e) {
            CHECK(e.serviceCode() == "VaultNameNotValid");
            CHECK(e.serviceMessage() == "name taken by a deleted vault");
            CHECK(e.provisioningState() == "Failed");
            CHECK(e.requestId() == "req-failed");
            CHECK(e.operation() == "creation of vault 'sample-vault'");
            REQUIRE(armErrorDetails(e).size() == 1);
            CHECK(armErrorDetails(e)[0].code == "SoftDeleted");
            CHECK(e.kind() == ErrorKind::Service);
        }
    }

    TEST_CASE("without status URLs the resource's provisioningState is polled; Failed is an error") {
        ArmRig rig;
        rig.transport->respond(
            201, R"({"name":"sample-vault","properties":{"provisioningState":"RegisteringDns"}})");
        rig.transport->respond(200, R"({"name":"sample-vault","properties":{"provisioningState":"Failed"}})");
        KeyVaultManagementClient client(kSub, rig.credential, rig.options());
        auto op = client.startCreateOrUpdateVault("sample-resource-group", "sample-vault", vaultOptions());
        CHECK_FALSE(op.isDone());
        REQUIRE(op.hasValue());
        CHECK(op.value().properties.provisioningState == "RegisteringDns");
        CHECK_THROWS_WITH_AS(op.poll(), doctest::Contains("ended in provisioning state Failed"),
                             ArmOperationFailedError);
        CHECK(test::pathOf(rig.request(1).url) == kVaultPath);
    }

    TEST_CASE("a polling URL on another host is refused, so that the token does not follow it") {
        ArmRig rig;
        rig.transport->respond(201, "{}", headers({{"Azure-AsyncOperation", "https://attacker.example/op"}}));
        KeyVaultManagementClient client(kSub, rig.credential, rig.options());
        CHECK_THROWS_WITH_AS(
            client.startCreateOrUpdateVault("sample-resource-group", "sample-vault", vaultOptions()),
            doctest::Contains("Azure-AsyncOperation URL points to another host"), ParseError);
    }
}
