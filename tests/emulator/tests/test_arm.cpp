// SPDX-License-Identifier: MIT
// Resource Manager: vaults (long-running create), role definitions and assignments, permissions,
// user-assigned identities and their IMDS tokens, Batch accounts and pools shared with the Batch
// data plane, RBAC on Key Vault's data plane, and faults and throttling on the management host.

#include "emulator_client.hpp"
#include "test_files.hpp"

#include "../crypto_util.hpp"
#include "../json_util.hpp"

#include <chrono>
#include <initializer_list>
#include <thread>

#include <doctest/doctest.h>

using namespace emutest;

namespace {

constexpr const char* kTenant = "11111111-2222-3333-4444-555555555555";
constexpr const char* kOwner = "aaaaaaaa-bbbb-cccc-dddd-000000000001"; // the default client
constexpr const char* kReader = "cccccccc-0000-4000-8000-000000000002";
constexpr const char* kReaderSecret = "reader-secret";
const std::string kSub = "/subscriptions/33333333-4444-5555-6666-777777777777";
const std::string kRg = kSub + "/resourceGroups/rg1";
const std::string kMgmt = "https://management.azure.com";
const std::string kArmScope = "https://management.azure.com/.default";

constexpr const char* kSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
constexpr const char* kCertificateUser = "db79e9a7-68ee-4b58-9aeb-b90e7c24fcba";
constexpr const char* kCertificatesOfficer = "a4417e6f-fecd-4de8-b567-7b0420556985";
constexpr const char* kAdministrator = "00482a5a-887f-4fb3-b363-3b7fe8e74483";

// The member at path (objects only) as text: strings as they are, numbers and booleans written
// out; "" when absent.
std::string at(const Reply& r, std::initializer_list<const char*> path) {
    auto doc = emu::parseJsonObject(r.body);
    if (!doc) return {};
    const emu::JsonValue* v = doc.get();
    for (const char* name : path) {
        if (!v->IsObject() || !v->HasMember(name)) return {};
        v = &(*v)[name];
    }
    if (v->IsString()) return v->GetString();
    if (v->IsBool()) return v->GetBool() ? "true" : "false";
    if (v->IsInt64()) return std::to_string(v->GetInt64());
    return emu::toJson(*v);
}

std::string tokenFor(const EmulatorProcess& emu, const std::string& client, const std::string& secret,
                     const std::string& scope) {
    const Reply r = request(
        emu, "POST", std::string("https://login.microsoftonline.com/") + kTenant + "/oauth2/v2.0/token",
        {"Content-Type: application/x-www-form-urlencoded"},
        "grant_type=client_credentials&client_id=" + client + "&client_secret=" + secret + "&scope=" + scope);
    REQUIRE(r.status == 200);
    return at(r, {"access_token"});
}

Reply arm(const EmulatorProcess& emu, const std::string& method, const std::string& pathAndQuery,
          const std::string& token, const std::string& body = "") {
    std::vector<std::string> headers = {"Authorization: Bearer " + token};
    if (!body.empty()) headers.push_back("Content-Type: application/json");
    return request(emu, method, kMgmt + pathAndQuery, headers, body);
}

std::string vaultPath(const std::string& name) {
    return kRg + "/providers/Microsoft.KeyVault/vaults/" + name;
}

std::string vaultBody(bool rbac) {
    return std::string(R"({"location":"eastus","tags":{"env":"test"},"properties":{"tenantId":")") + kTenant +
           R"(","sku":{"family":"A","name":"standard"})" +
           (rbac ? R"(,"enableRbacAuthorization":true)" : "") + "}}";
}

// A vault made through ARM, created at once (no create delay).
void makeVault(const EmulatorProcess& emu, const std::string& token, const std::string& name, bool rbac) {
    REQUIRE(control(emu, "config", R"({"armVaultCreateDelayMs":0})").status == 200);
    REQUIRE(arm(emu, "PUT", vaultPath(name) + "?api-version=2023-07-01", token, vaultBody(rbac)).status ==
            201);
}

Reply grant(const EmulatorProcess& emu, const std::string& token, const std::string& scope,
            const std::string& name, const std::string& principal, const std::string& role) {
    return arm(emu, "PUT",
               scope + "/providers/Microsoft.Authorization/roleAssignments/" + name +
                   "?api-version=2022-04-01",
               token,
               R"({"properties":{"roleDefinitionId":")" + kSub +
                   "/providers/Microsoft.Authorization/roleDefinitions/" + role + R"(","principalId":")" +
                   principal + R"(","principalType":"ServicePrincipal"}})");
}

// A Key Vault data-plane call on <vault>.vault.azure.net.
Reply kv(const EmulatorProcess& emu, const std::string& method, const std::string& vault,
         const std::string& path, const std::string& token, const std::string& body = "") {
    std::vector<std::string> headers = {"Authorization: Bearer " + token};
    if (!body.empty()) headers.push_back("Content-Type: application/json");
    const std::string sep = path.find('?') == std::string::npos ? "?" : "&";
    return request(emu, method, "https://" + vault + ".vault.azure.net" + path + sep + "api-version=7.5",
                   headers, body);
}

void registerReader(const EmulatorProcess& emu) {
    REQUIRE(control(emu, "entra/clients",
                    std::string(R"({"clientId":")") + kReader + R"(","secret":")" + kReaderSecret + "\"}")
                .status == 200);
}

std::string jwtClaim(const std::string& jwt, const char* name) {
    const std::size_t dot1 = jwt.find('.'), dot2 = jwt.find('.', dot1 + 1);
    auto payload = emu::base64UrlDecode(jwt.substr(dot1 + 1, dot2 - dot1 - 1));
    REQUIRE(payload);
    Reply fake;
    fake.body = *payload;
    return at(fake, {name});
}

const std::string kSelfSignedPolicy =
    R"({"policy":{"key_props":{"exportable":true,"kty":"RSA","key_size":2048,"reuse_key":false},)"
    R"("secret_props":{"contentType":"application/x-pkcs12"},)"
    R"("x509_props":{"subject":"CN=rbac.test","validity_months":12},"issuer":{"name":"Self"}}})";

} // namespace

TEST_CASE("arm: a vault create is a long-running operation polled to Succeeded; the vault serves Key Vault") {
    auto& emu = sharedEmulator();
    REQUIRE(control(emu, "reset").status == 200);
    REQUIRE(control(emu, "config", R"({"armVaultCreateDelayMs":600,"armRetryAfterSeconds":1})").status ==
            200);
    const std::string token = emutest::token(emu, kArmScope);
    const std::string path = vaultPath("lrovault");

    Reply created = arm(emu, "PUT", path + "?api-version=2023-07-01", token, vaultBody(false));
    REQUIRE(created.status == 201);
    CHECK(created.header("retry-after") == "1");
    CHECK(!created.header("x-ms-request-id").empty());
    CHECK(!created.header("x-ms-correlation-request-id").empty());
    CHECK(created.header("x-ms-ratelimit-remaining-subscription-writes") == "1199");
    CHECK(at(created, {"properties", "provisioningState"}) == "Accepted");
    CHECK(at(created, {"properties", "vaultUri"}) == "https://lrovault.vault.azure.net/");
    CHECK(at(created, {"properties", "enableRbacAuthorization"}) == "false");
    CHECK(at(created, {"properties", "softDeleteRetentionInDays"}) == "90");
    CHECK(at(created, {"tags", "env"}) == "test");
    CHECK(at(created, {"id"}) == path);

    const std::string operation = created.header("azure-asyncoperation");
    REQUIRE(operation.rfind(kMgmt + kSub + "/providers/Microsoft.KeyVault/locations/eastus/operationResults/",
                            0) == 0);
    Reply poll = request(emu, "GET", operation, {"Authorization: Bearer " + token});
    REQUIRE(poll.status == 200);
    CHECK(at(poll, {"status"}) == "InProgress");
    int polls = 1;
    while (at(poll, {"status"}) == "InProgress" && polls < 10) {
        REQUIRE(poll.header("retry-after") == "1");
        std::this_thread::sleep_for(std::chrono::seconds(std::stoi(poll.header("retry-after"))));
        poll = request(emu, "GET", operation, {"Authorization: Bearer " + token});
        ++polls;
    }
    CHECK(at(poll, {"status"}) == "Succeeded");
    CHECK(poll.header("retry-after").empty());
    CHECK(polls == 2);
    Reply got = arm(emu, "GET", path + "?api-version=2023-07-01", token);
    CHECK(got.status == 200);
    CHECK(at(got, {"properties", "provisioningState"}) == "Succeeded");
    CHECK(got.header("x-ms-ratelimit-remaining-subscription-reads") == "11999");

    // The data plane at the vault's URI.
    const std::string vaultToken = emutest::token(emu, "https://vault.azure.net/.default");
    CHECK(kv(emu, "PUT", "lrovault", "/secrets/s1", vaultToken, R"({"value":"v1"})").status == 200);
    CHECK(at(kv(emu, "GET", "lrovault", "/secrets/s1", vaultToken), {"value"}) == "v1");

    // A second put updates in place.
    Reply updated = arm(emu, "PUT", path + "?api-version=2023-07-01", token, vaultBody(true));
    CHECK(updated.status == 200);
    CHECK(at(updated, {"properties", "enableRbacAuthorization"}) == "true");

    Reply taken =
        arm(emu, "POST", kSub + "/providers/Microsoft.KeyVault/checkNameAvailability?api-version=2023-07-01",
            token, R"({"name":"lrovault","type":"Microsoft.KeyVault/vaults"})");
    CHECK(at(taken, {"nameAvailable"}) == "false");
    CHECK(at(taken, {"reason"}) == "AlreadyExists");
    Reply free =
        arm(emu, "POST", kSub + "/providers/Microsoft.KeyVault/checkNameAvailability?api-version=2023-07-01",
            token, R"({"name":"freshvault","type":"Microsoft.KeyVault/vaults"})");
    CHECK(at(free, {"nameAvailable"}) == "true");

    CHECK(arm(emu, "DELETE", path + "?api-version=2023-07-01", token).status == 200);
    Reply gone = arm(emu, "GET", path + "?api-version=2023-07-01", token);
    CHECK(gone.status == 404);
    CHECK(at(gone, {"error", "code"}) == "ResourceNotFound");
    CHECK(arm(emu, "DELETE", path + "?api-version=2023-07-01", token).status == 204);
}

TEST_CASE("arm: errors have ARM's shape, request ids, and api-version and token checks") {
    auto& emu = sharedEmulator();
    REQUIRE(control(emu, "reset").status == 200);
    const std::string token = emutest::token(emu, kArmScope);
    const std::string path = vaultPath("errvault");

    Reply missing = arm(emu, "GET", path, token);
    CHECK(missing.status == 400);
    CHECK(at(missing, {"error", "code"}) == "MissingApiVersionParameter");
    CHECK(at(missing, {"error", "details"}) == "[]");
    CHECK(!missing.header("x-ms-request-id").empty());
    Reply unknown = arm(emu, "GET", path + "?api-version=2099-01-01", token);
    CHECK(unknown.status == 400);
    CHECK(at(unknown, {"error", "code"}) == "NoRegisteredProviderFound");

    Reply noToken = request(emu, "GET", kMgmt + path + "?api-version=2023-07-01");
    CHECK(noToken.status == 401);
    CHECK(at(noToken, {"error", "code"}) == "AuthenticationFailed");
    CHECK(!noToken.header("www-authenticate").empty());
    Reply vaultAudience = arm(emu, "GET", path + "?api-version=2023-07-01",
                              emutest::token(emu, "https://vault.azure.net/.default"));
    CHECK(vaultAudience.status == 401);
    CHECK(at(vaultAudience, {"error", "code"}) == "InvalidAuthenticationTokenAudience");

    Reply otherSub = arm(emu, "GET",
                         "/subscriptions/99999999-0000-0000-0000-000000000000/resourceGroups/rg1/providers/"
                         "Microsoft.KeyVault/vaults/x?api-version=2023-07-01",
                         token);
    CHECK(otherSub.status == 404);
    CHECK(at(otherSub, {"error", "code"}) == "SubscriptionNotFound");

    Reply noTenant = arm(emu, "PUT", path + "?api-version=2023-07-01", token,
                         R"({"location":"eastus","properties":{"sku":{"family":"A","name":"standard"}}})");
    CHECK(noTenant.status == 400);
    CHECK(at(noTenant, {"error", "code"}) == "BadRequest");
    CHECK(arm(emu, "GET", path + "?api-version=2023-07-01", token).status == 404); // nothing was made

    // The management host answers under its local name too, with vault URIs on vault.localhost.
    Reply local =
        request(emu, "PUT",
                "https://management.localhost:" + std::to_string(emu.port()) + vaultPath("localvault") +
                    "?api-version=2023-07-01",
                {"Authorization: Bearer " + token, "Content-Type: application/json"}, vaultBody(false));
    CHECK(local.status == 201);
    CHECK(at(local, {"properties", "vaultUri"}) ==
          "https://localvault.vault.localhost:" + std::to_string(emu.port()) + "/");
}

TEST_CASE("arm: a principal without rights gets AuthorizationFailed; the configured owner may act") {
    auto& emu = sharedEmulator();
    REQUIRE(control(emu, "reset").status == 200);
    registerReader(emu);
    const std::string readerToken = tokenFor(emu, kReader, kReaderSecret, kArmScope);
    Reply denied =
        arm(emu, "PUT", vaultPath("deniedvault") + "?api-version=2023-07-01", readerToken, vaultBody(true));
    CHECK(denied.status == 403);
    CHECK(at(denied, {"error", "code"}) == "AuthorizationFailed");
    CHECK(at(denied, {"error", "message"}).find("Microsoft.KeyVault/vaults/write") != std::string::npos);
    Reply noAssign =
        grant(emu, readerToken, kRg, "11111111-0000-4000-8000-000000000001", kReader, kSecretsUser);
    CHECK(noAssign.status == 403);
    CHECK(at(noAssign, {"error", "code"}) == "AuthorizationFailed");

    // The reader's permissions at the resource group: none; the owner's: "*".
    Reply none =
        arm(emu, "GET", kRg + "/providers/Microsoft.Authorization/permissions?api-version=2022-04-01",
            readerToken);
    CHECK(none.status == 200);
    CHECK(at(none, {"value"}) == "[]");
    Reply all = arm(emu, "GET", kRg + "/providers/Microsoft.Authorization/permissions?api-version=2022-04-01",
                    emutest::token(emu, kArmScope));
    CHECK(at(all, {"value"}).find("\"actions\":[\"*\"]") != std::string::npos);

    // Contributor may create vaults but not grant roles.
    const std::string owner = emutest::token(emu, kArmScope);
    REQUIRE(grant(emu, owner, kRg, "22222222-0000-4000-8000-000000000001", kReader,
                  "b24988ac-6180-42a0-ab88-20f7382dd24c")
                .status == 201);
    CHECK(arm(emu, "PUT", vaultPath("contribvault") + "?api-version=2023-07-01", readerToken, vaultBody(true))
              .status == 201);
    CHECK(
        grant(emu, readerToken, kRg, "22222222-0000-4000-8000-000000000002", kReader, kSecretsUser).status ==
        403);
}

TEST_CASE(
    "arm: role definitions by name, assignments idempotent by name, 409 under another name, list, delete") {
    auto& emu = sharedEmulator();
    REQUIRE(control(emu, "reset").status == 200);
    const std::string token = emutest::token(emu, kArmScope);
    makeVault(emu, token, "assignvault", true);
    const std::string scope = vaultPath("assignvault");

    Reply byName = arm(emu, "GET",
                       scope + "/providers/Microsoft.Authorization/"
                               "roleDefinitions?api-version=2022-04-01&$filter=roleName%20eq%20%27Key%"
                               "20Vault%20Secrets%20User%27",
                       token);
    REQUIRE(byName.status == 200);
    CHECK(byName.body.find(std::string("\"name\":\"") + kSecretsUser + "\"") != std::string::npos);
    CHECK(byName.body.find("Microsoft.KeyVault/vaults/secrets/getSecret/action") != std::string::npos);
    CHECK(byName.body.find("Key Vault Administrator") == std::string::npos);

    const std::string name = "33333333-0000-4000-8000-000000000001";
    Reply first = grant(emu, token, scope, name, kReader, kSecretsUser);
    REQUIRE(first.status == 201);
    CHECK(at(first, {"properties", "principalId"}) == kReader);
    CHECK(at(first, {"properties", "scope"}) == scope);
    CHECK(at(first, {"id"}) == scope + "/providers/Microsoft.Authorization/roleAssignments/" + name);
    Reply again = grant(emu, token, scope, name, kReader, kSecretsUser);
    CHECK(again.status == 200);
    Reply other = grant(emu, token, scope, "33333333-0000-4000-8000-000000000002", kReader, kSecretsUser);
    CHECK(other.status == 409);
    CHECK(at(other, {"error", "code"}) == "RoleAssignmentExists");
    Reply changed = grant(emu, token, scope, name, kReader, kCertificateUser);
    CHECK(changed.status == 400);
    CHECK(at(changed, {"error", "code"}) == "RoleAssignmentUpdateNotPermitted");
    CHECK(grant(emu, token, scope, "not-a-guid", kReader, kSecretsUser).status == 400);
    Reply badRole = grant(emu, token, scope, "33333333-0000-4000-8000-000000000003", kReader,
                          "00000000-0000-0000-0000-000000000000");
    CHECK(at(badRole, {"error", "code"}) == "RoleDefinitionDoesNotExist");

    const std::string list = "/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01";
    Reply mine = arm(emu, "GET", kSub + list + "&$filter=principalId%20eq%20%27" + kReader + "%27", token);
    CHECK(mine.body.find(name) != std::string::npos); // below the subscription
    Reply atScope = arm(emu, "GET", kSub + list + "&$filter=atScope()", token);
    CHECK(atScope.body.find(name) == std::string::npos);
    CHECK(atScope.body.find(kOwner) != std::string::npos); // the bootstrap Owner
    Reply atVault = arm(emu, "GET", scope + list + "&$filter=atScope()", token);
    CHECK(atVault.body.find(name) != std::string::npos);
    CHECK(atVault.body.find(kOwner) != std::string::npos); // inherited from the subscription

    const std::string one =
        scope + "/providers/Microsoft.Authorization/roleAssignments/" + name + "?api-version=2022-04-01";
    CHECK(arm(emu, "GET", one, token).status == 200);
    CHECK(arm(emu, "DELETE", one, token).status == 200);
    CHECK(arm(emu, "GET", one, token).status == 404);
    CHECK(arm(emu, "DELETE", one, token).status == 204);
}

TEST_CASE("rbac: a vault with enableRbacAuthorization answers ForbiddenByRbac until a role is assigned") {
    auto& emu = sharedEmulator();
    REQUIRE(control(emu, "reset").status == 200);
    registerReader(emu);
    const std::string owner = emutest::token(emu, kArmScope);
    makeVault(emu, owner, "rbacvault", true);
    const std::string ownerKv = emutest::token(emu, "https://vault.azure.net/.default");
    const std::string readerKv = tokenFor(emu, kReader, kReaderSecret, "https://vault.azure.net/.default");

    // Owner of the subscription has no data actions.
    Reply ownerWrite = kv(emu, "PUT", "rbacvault", "/secrets/app", ownerKv, R"({"value":"hidden"})");
    CHECK(ownerWrite.status == 403);
    CHECK(at(ownerWrite, {"error", "code"}) == "Forbidden");
    CHECK(at(ownerWrite, {"error", "innererror", "code"}) == "ForbiddenByRbac");
    CHECK(at(ownerWrite, {"error", "message"}).find("Microsoft.KeyVault/vaults/secrets/setSecret/action") !=
          std::string::npos);
    CHECK(!ownerWrite.header("x-ms-request-id").empty());
    REQUIRE(grant(emu, owner, vaultPath("rbacvault"), "44444444-0000-4000-8000-000000000001", kOwner,
                  kAdministrator)
                .status == 201);
    REQUIRE(kv(emu, "PUT", "rbacvault", "/secrets/app", ownerKv, R"({"value":"v1"})").status == 200);
    REQUIRE(kv(emu, "PUT", "rbacvault", "/secrets/other", ownerKv, R"({"value":"v2"})").status == 200);

    Reply before = kv(emu, "GET", "rbacvault", "/secrets/app", readerKv);
    CHECK(before.status == 403);
    CHECK(at(before, {"error", "innererror", "code"}) == "ForbiddenByRbac");

    // Secrets User on one secret: that secret only.
    REQUIRE(grant(emu, owner, vaultPath("rbacvault") + "/secrets/app", "44444444-0000-4000-8000-000000000002",
                  kReader, kSecretsUser)
                .status == 201);
    Reply after = kv(emu, "GET", "rbacvault", "/secrets/app", readerKv);
    CHECK(after.status == 200);
    CHECK(at(after, {"value"}) == "v1");
    CHECK(kv(emu, "GET", "rbacvault", "/secrets/other", readerKv).status == 403);
    CHECK(kv(emu, "GET", "rbacvault", "/secrets", readerKv).status == 403); // listing is vault-wide

    // Vaults without RBAC (made through ARM or not) keep answering any valid token.
    makeVault(emu, owner, "policyvault", false);
    CHECK(kv(emu, "PUT", "policyvault", "/secrets/x", readerKv, R"({"value":"y"})").status == 200);
    CHECK(kv(emu, "PUT", "plainvault", "/secrets/x", readerKv, R"({"value":"y"})").status == 200);
}

TEST_CASE("rbac: each Key Vault role allows exactly its data actions") {
    auto& emu = sharedEmulator();
    REQUIRE(control(emu, "reset").status == 200);
    REQUIRE(control(emu, "config", R"({"certificateCreateDelayMs":0})").status == 200);
    registerReader(emu);
    const std::string owner = emutest::token(emu, kArmScope);
    makeVault(emu, owner, "rolevault", true);
    const std::string scope = vaultPath("rolevault");
    const std::string adminKv = emutest::token(emu, "https://vault.azure.net/.default");
    const std::string readerKv = tokenFor(emu, kReader, kReaderSecret, "https://vault.azure.net/.default");
    REQUIRE(grant(emu, owner, scope, "55555555-0000-4000-8000-000000000001", kOwner, kAdministrator).status ==
            201);
    REQUIRE(kv(emu, "PUT", "rolevault", "/secrets/plain", adminKv, R"({"value":"p"})").status == 200);
    REQUIRE(kv(emu, "POST", "rolevault", "/certificates/cert1/create", adminKv, kSelfSignedPolicy).status ==
            202);
    REQUIRE(kv(emu, "GET", "rolevault", "/certificates/cert1", adminKv).status == 200);
    const std::string assignment = scope + "/providers/Microsoft.Authorization/roleAssignments/"
                                           "55555555-0000-4000-8000-000000000002?api-version=2022-04-01";

    SUBCASE("Secrets User reads secret values and metadata, nothing else") {
        REQUIRE(
            grant(emu, owner, scope, "55555555-0000-4000-8000-000000000002", kReader, kSecretsUser).status ==
            201);
        CHECK(kv(emu, "GET", "rolevault", "/secrets/plain", readerKv).status == 200);
        CHECK(kv(emu, "GET", "rolevault", "/secrets", readerKv).status == 200);
        CHECK(kv(emu, "GET", "rolevault", "/secrets/plain/versions", readerKv).status == 200);
        CHECK(kv(emu, "PUT", "rolevault", "/secrets/plain", readerKv, R"({"value":"q"})").status == 403);
        CHECK(kv(emu, "DELETE", "rolevault", "/secrets/plain", readerKv).status == 403);
        CHECK(kv(emu, "GET", "rolevault", "/certificates/cert1", readerKv).status == 403);
        CHECK(
            kv(emu, "POST", "rolevault", "/certificates/cert2/create", readerKv, kSelfSignedPolicy).status ==
            403);
        CHECK(kv(emu, "GET", "rolevault", "/keys/cert1", readerKv).status == 403);
    }
    SUBCASE("Certificate User reads certificates, their secrets and keys, and changes nothing") {
        REQUIRE(grant(emu, owner, scope, "55555555-0000-4000-8000-000000000002", kReader, kCertificateUser)
                    .status == 201);
        CHECK(kv(emu, "GET", "rolevault", "/certificates/cert1", readerKv).status == 200);
        CHECK(kv(emu, "GET", "rolevault", "/certificates", readerKv).status == 200);
        CHECK(kv(emu, "GET", "rolevault", "/secrets/cert1", readerKv).status == 200);
        CHECK(kv(emu, "GET", "rolevault", "/keys/cert1", readerKv).status == 200);
        CHECK(
            kv(emu, "POST", "rolevault", "/certificates/cert2/create", readerKv, kSelfSignedPolicy).status ==
            403);
        CHECK(kv(emu, "DELETE", "rolevault", "/certificates/cert1", readerKv).status == 403);
        CHECK(kv(emu, "PUT", "rolevault", "/secrets/plain", readerKv, R"({"value":"q"})").status == 403);
    }
    SUBCASE("Certificates Officer manages certificates but reads no secret values") {
        REQUIRE(
            grant(emu, owner, scope, "55555555-0000-4000-8000-000000000002", kReader, kCertificatesOfficer)
                .status == 201);
        CHECK(
            kv(emu, "POST", "rolevault", "/certificates/cert2/create", readerKv, kSelfSignedPolicy).status ==
            202);
        CHECK(kv(emu, "GET", "rolevault", "/certificates/cert1", readerKv).status == 200);
        CHECK(kv(emu, "GET", "rolevault", "/secrets/cert1", readerKv).status == 403);
        CHECK(kv(emu, "GET", "rolevault", "/secrets/plain", readerKv).status == 403);
        CHECK(kv(emu, "DELETE", "rolevault", "/certificates/cert1", readerKv).status == 200);
    }
    SUBCASE("Administrator does everything; removing the assignment takes it back") {
        REQUIRE(grant(emu, owner, scope, "55555555-0000-4000-8000-000000000002", kReader, kAdministrator)
                    .status == 201);
        CHECK(kv(emu, "PUT", "rolevault", "/secrets/plain", readerKv, R"({"value":"q"})").status == 200);
        CHECK(kv(emu, "GET", "rolevault", "/secrets/cert1", readerKv).status == 200);
        CHECK(kv(emu, "POST", "rolevault", "/keys/k1/create", readerKv, R"({"kty":"EC","crv":"P-256"})")
                  .status == 200);
        REQUIRE(arm(emu, "DELETE", assignment, owner).status == 200);
        CHECK(kv(emu, "GET", "rolevault", "/secrets/plain", readerKv).status == 403);
    }
}

TEST_CASE("arm: a user-assigned identity gets IMDS tokens carrying its principal id, and reads as its role "
          "allows") {
    auto& emu = sharedEmulator();
    REQUIRE(control(emu, "reset").status == 200);
    const std::string owner = emutest::token(emu, kArmScope);
    const std::string idPath = kRg + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/pool-id";
    Reply made = arm(emu, "PUT", idPath + "?api-version=2023-01-31", owner, R"({"location":"eastus"})");
    REQUIRE(made.status == 201);
    const std::string clientId = at(made, {"properties", "clientId"});
    const std::string principalId = at(made, {"properties", "principalId"});
    CHECK(at(made, {"properties", "tenantId"}) == kTenant);
    CHECK(clientId.size() == 36);
    CHECK(principalId.size() == 36);
    CHECK(clientId != principalId);
    Reply again = arm(emu, "PUT", idPath + "?api-version=2023-01-31", owner,
                      R"({"location":"eastus","tags":{"a":"b"}})");
    CHECK(again.status == 200);
    CHECK(at(again, {"properties", "clientId"}) == clientId);
    CHECK(at(arm(emu, "GET", idPath + "?api-version=2023-01-31", owner), {"tags", "a"}) == "b");

    const std::string imds = "https://127.0.0.1:" + std::to_string(emu.port()) +
                             "/metadata/identity/oauth2/token?api-version=2018-02-01"
                             "&resource=https%3A%2F%2Fvault.azure.net";
    for (const std::string& query :
         {"&client_id=" + clientId, "&object_id=" + principalId, "&msi_res_id=" + idPath}) {
        CAPTURE(query);
        Reply r = request(emu, "GET", imds + query, {"Metadata: true"});
        REQUIRE(r.status == 200);
        CHECK(at(r, {"client_id"}) == clientId);
        CHECK(jwtClaim(at(r, {"access_token"}), "oid") == principalId);
        CHECK(jwtClaim(at(r, {"access_token"}), "appid") == clientId);
    }
    // App tokens carry their principal's object id too.
    CHECK(jwtClaim(emutest::token(emu, kArmScope), "oid") == kOwner);

    // The identity reads a secret of an RBAC vault once granted Secrets User by principal id.
    makeVault(emu, owner, "mivault", true);
    REQUIRE(grant(emu, owner, vaultPath("mivault"), "66666666-0000-4000-8000-000000000001", kOwner,
                  kAdministrator)
                .status == 201);
    REQUIRE(kv(emu, "PUT", "mivault", "/secrets/s", emutest::token(emu, "https://vault.azure.net/.default"),
               R"({"value":"for-the-pool"})")
                .status == 200);
    const std::string miToken =
        at(request(emu, "GET", imds + "&client_id=" + clientId, {"Metadata: true"}), {"access_token"});
    CHECK(kv(emu, "GET", "mivault", "/secrets/s", miToken).status == 403);
    REQUIRE(grant(emu, owner, vaultPath("mivault"), "66666666-0000-4000-8000-000000000002", principalId,
                  kSecretsUser)
                .status == 201);
    CHECK(at(kv(emu, "GET", "mivault", "/secrets/s", miToken), {"value"}) == "for-the-pool");
}

TEST_CASE("arm: a pool put through ARM is the Batch data plane's pool, resizing then steady") {
    auto& emu = sharedEmulator();
    REQUIRE(control(emu, "reset").status == 200);
    REQUIRE(control(emu, "config", R"({"armPoolResizeDelayMs":400})").status == 200);
    const std::string owner = emutest::token(emu, kArmScope);
    const std::string accountPath = kRg + "/providers/Microsoft.Batch/batchAccounts/emubatch";
    Reply account = arm(emu, "GET", accountPath + "?api-version=2024-07-01", owner);
    REQUIRE(account.status == 200);
    CHECK(at(account, {"properties", "poolAllocationMode"}) == "BatchService");
    CHECK(at(account, {"properties", "accountEndpoint"}) == "emubatch.eastus.batch.azure.com");
    CHECK(at(account, {"identity", "type"}) == "None");
    CHECK(
        arm(emu, "GET", kRg + "/providers/Microsoft.Batch/batchAccounts/nosuch?api-version=2024-07-01", owner)
            .status == 404);

    const std::string idPath = kRg + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/pool-id";
    Reply identity = arm(emu, "PUT", idPath + "?api-version=2023-01-31", owner, R"({"location":"eastus"})");
    REQUIRE(identity.status == 201);
    const std::string poolPath = accountPath + "/pools/armpool";
    const std::string poolBody =
        R"({"identity":{"type":"UserAssigned","userAssignedIdentities":{")" + idPath +
        R"(":{}}},"properties":{"vmSize":"STANDARD_D2S_V3","deploymentConfiguration":{"virtualMachineConfiguration":{)"
        R"("imageReference":{"publisher":"Canonical","offer":"ubuntu-24_04-lts","sku":"server","version":"latest"},)"
        R"("nodeAgentSkuId":"batch.node.ubuntu 24.04","extensions":[{"name":"KeyVaultForLinux","publisher":)"
        R"("Microsoft.Azure.KeyVault","type":"KeyVaultForLinux","typeHandlerVersion":"3.0",)"
        R"("autoUpgradeMinorVersion":true,"enableAutomaticUpgrade":true,"settings":{"secretsManagementSettings":)"
        R"({"pollingIntervalInS":"300","observedCertificates":["https://v.vault.azure.net/secrets/c"]}}}]}},)"
        R"("scaleSettings":{"fixedScale":{"targetDedicatedNodes":2}}}})";
    Reply put = arm(emu, "PUT", poolPath + "?api-version=2024-07-01", owner, poolBody);
    REQUIRE(put.status == 200);
    CHECK(at(put, {"properties", "allocationState"}) == "Resizing");
    CHECK(at(put, {"identity", "userAssignedIdentities"}).find(at(identity, {"properties", "principalId"})) !=
          std::string::npos);

    const std::string batchToken = emutest::token(emu, "https://batch.core.windows.net/.default");
    const std::string dataPool =
        "https://emubatch.eastus.batch.azure.com/pools/armpool?api-version=2024-07-01.20.0";
    Reply twin = request(emu, "GET", dataPool, {"Authorization: Bearer " + batchToken});
    REQUIRE(twin.status == 200);
    CHECK(at(twin, {"allocationState"}) == "resizing");
    CHECK(at(twin, {"vmSize"}) == "STANDARD_D2S_V3");
    CHECK(at(twin, {"virtualMachineConfiguration", "nodeAgentSKUId"}) == "batch.node.ubuntu 24.04");
    CHECK(twin.body.find("KeyVaultForLinux") != std::string::npos);
    CHECK(twin.body.find(at(identity, {"properties", "clientId"})) != std::string::npos);
    CHECK(twin.body.find(at(identity, {"properties", "principalId"})) != std::string::npos);
    std::this_thread::sleep_for(std::chrono::milliseconds(900));
    twin = request(emu, "GET", dataPool, {"Authorization: Bearer " + batchToken});
    CHECK(at(twin, {"allocationState"}) == "steady");
    CHECK(at(twin, {"currentDedicatedNodes"}) == "2");
    Reply steady = arm(emu, "GET", poolPath + "?api-version=2024-07-01", owner);
    CHECK(at(steady, {"properties", "allocationState"}) == "Steady");
    CHECK(at(steady, {"properties", "currentDedicatedNodes"}) == "2");

    Reply scaled = arm(emu, "PATCH", poolPath + "?api-version=2024-07-01", owner,
                       R"({"properties":{"scaleSettings":{"fixedScale":{"targetDedicatedNodes":5}}}})");
    REQUIRE(scaled.status == 200);
    CHECK(at(scaled, {"properties", "allocationState"}) == "Resizing");
    CHECK(at(request(emu, "GET", dataPool, {"Authorization: Bearer " + batchToken}),
             {"targetDedicatedNodes"}) == "5");
    std::this_thread::sleep_for(std::chrono::milliseconds(900));
    CHECK(at(request(emu, "GET", dataPool, {"Authorization: Bearer " + batchToken}),
             {"currentDedicatedNodes"}) == "5");

    Reply unknownId = arm(emu, "PUT", accountPath + "/pools/other?api-version=2024-07-01", owner,
                          R"({"identity":{"type":"UserAssigned","userAssignedIdentities":{")" + kRg +
                              R"(/providers/Microsoft.ManagedIdentity/userAssignedIdentities/nobody":{}}},)"
                              R"("properties":{"vmSize":"STANDARD_D2S_V3"}})");
    CHECK(unknownId.status == 400);

    CHECK(arm(emu, "DELETE", poolPath + "?api-version=2024-07-01", owner).status == 200);
    CHECK(request(emu, "GET", dataPool, {"Authorization: Bearer " + batchToken}).status == 404);
    CHECK(arm(emu, "GET", poolPath + "?api-version=2024-07-01", owner).status == 404);
}

TEST_CASE("arm: throttled writes get 429 with Retry-After and the remaining-writes header; faults apply") {
    auto& emu = sharedEmulator();
    REQUIRE(control(emu, "reset").status == 200);
    REQUIRE(control(emu, "throttle", R"({"arm":true,"writes":1,"windowSeconds":30})").status == 200);
    const std::string owner = emutest::token(emu, kArmScope);
    Reply first =
        arm(emu, "PUT", vaultPath("throttled1") + "?api-version=2023-07-01", owner, vaultBody(false));
    CHECK(first.status == 201);
    CHECK(first.header("x-ms-ratelimit-remaining-subscription-writes") == "0");
    Reply second =
        arm(emu, "PUT", vaultPath("throttled2") + "?api-version=2023-07-01", owner, vaultBody(false));
    CHECK(second.status == 429);
    CHECK(at(second, {"error", "code"}) == "TooManyRequests");
    CHECK(std::stoi(second.header("retry-after")) >= 1);
    CHECK(second.header("x-ms-ratelimit-remaining-subscription-writes") == "0");
    CHECK(!second.header("x-ms-request-id").empty());
    CHECK(arm(emu, "GET", vaultPath("throttled2") + "?api-version=2023-07-01", owner).status == 404);
    CHECK(arm(emu, "GET", vaultPath("throttled1") + "?api-version=2023-07-01", owner).status ==
          200); // reads pass

    REQUIRE(
        control(emu, "faults",
                R"({"host":"management.azure.com","method":"GET","count":1,"status":503,"retryAfter":"2"})")
            .status == 200);
    Reply faulted = arm(emu, "GET", vaultPath("throttled1") + "?api-version=2023-07-01", owner);
    CHECK(faulted.status == 503);
    CHECK(at(faulted, {"error", "code"}) == "ServiceUnavailable");
    CHECK(faulted.header("retry-after") == "2");
    CHECK(!faulted.header("x-ms-correlation-request-id").empty());
    CHECK(arm(emu, "GET", vaultPath("throttled1") + "?api-version=2023-07-01", owner).status == 200);

    Reply counters = controlGet(emu, "counters");
    CHECK(std::stoi(at(counters, {"armRequests"})) >= 5);
}

TEST_CASE(
    "arm: --config names the subscription and its owners; --state keeps vaults, identities and grants") {
    const kvb::test::TempDir tmp;
    const std::string dir = tmp.path().string();
    const std::string sub = "/subscriptions/44444444-5555-6666-7777-888888888888";
    kvb::test::writeText(dir + "/config.json",
                         std::string(R"({"subscriptionId":"44444444-5555-6666-7777-888888888888",)") +
                             R"("subscriptionOwners":[")" + kReader + R"("],"clients":[{"clientId":")" +
                             kReader + R"(","secret":")" + kReaderSecret + R"("}]})");
    const std::string rg = sub + "/resourceGroups/rg1";
    const std::string vault = rg + "/providers/Microsoft.KeyVault/vaults/keptvault?api-version=2023-07-01";
    const std::string identity =
        rg + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/kept?api-version=2023-01-31";
    std::string principalId;
    {
        EmulatorProcess emu({"--config", dir + "/config.json", "--state", dir + "/state.json"});
        const std::string defaultClient = emutest::token(emu, kArmScope);
        Reply notOwner = arm(emu, "PUT", vault, defaultClient, vaultBody(true));
        CHECK(notOwner.status == 403);
        CHECK(at(notOwner, {"error", "code"}) == "AuthorizationFailed");
        CHECK(arm(emu, "GET", kRg + "/providers/Microsoft.KeyVault/vaults/x?api-version=2023-07-01",
                  defaultClient)
                  .status == 404); // the default subscription is not served
        const std::string owner = tokenFor(emu, kReader, kReaderSecret, kArmScope);
        REQUIRE(arm(emu, "PUT", vault, owner, vaultBody(true)).status == 201);
        Reply made = arm(emu, "PUT", identity, owner, R"({"location":"eastus"})");
        REQUIRE(made.status == 201);
        principalId = at(made, {"properties", "principalId"});
        REQUIRE(grant(emu, owner, rg + "/providers/Microsoft.KeyVault/vaults/keptvault",
                      "77777777-0000-4000-8000-000000000001", principalId, kSecretsUser)
                    .status == 201);
        CHECK(emu.stop() == 0);
    }
    EmulatorProcess again({"--config", dir + "/config.json", "--state", dir + "/state.json"});
    const std::string owner = tokenFor(again, kReader, kReaderSecret, kArmScope);
    Reply vaultBack = arm(again, "GET", vault, owner);
    CHECK(vaultBack.status == 200);
    CHECK(at(vaultBack, {"properties", "enableRbacAuthorization"}) == "true");
    CHECK(at(arm(again, "GET", identity, owner), {"properties", "principalId"}) == principalId);
    Reply grants = arm(again, "GET",
                       rg +
                           "/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01"
                           "&$filter=principalId%20eq%20%27" +
                           principalId + "%27",
                       owner);
    CHECK(grants.body.find("77777777-0000-4000-8000-000000000001") != std::string::npos);
    CHECK(again.stop() == 0);
}
