// SPDX-License-Identifier: MIT
// The Resource Manager clients against the emulator over verified TLS: a vault created through
// Resource Manager and used on the data plane, RBAC on its secrets and certificates for a
// user-assigned identity, idempotent grants, the long-running create, and typed ARM errors.
#include <kvbridge/arm/arm_error.hpp>
#include <kvbridge/arm/authorization_client.hpp>
#include <kvbridge/arm/key_vault_management_client.hpp>
#include <kvbridge/arm/managed_identity_client.hpp>
#include <kvbridge/identity/managed_identity_credential.hpp>
#include <kvbridge/keyvault/certificate_client.hpp>
#include <kvbridge/keyvault/secret_client.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <span>
#include <string>

#include "cli_runner.hpp"
#include "credentials.hpp"
#include "emulator.hpp"
#include "openssl_certificates.hpp"

using namespace kvb;
using namespace std::chrono_literals;

namespace {

// The one subscription the emulator's Resource Manager serves; its owner is the test client.
constexpr const char* kSubscription = "33333333-4444-5555-6666-777777777777";
constexpr const char* kGroup = "rg-e2e";

arm::ArmClientOptions armOptions() {
    arm::ArmClientOptions o;
    o.client = test::emulatorClientOptions();
    o.endpoint = "https://management.localhost:" + std::to_string(test::Emulator::shared().port());
    return o;
}

arm::KeyVaultManagementClient vaults() {
    return arm::KeyVaultManagementClient(kSubscription, test::emulatorCredential(), armOptions());
}
arm::AuthorizationClient authorization() {
    return arm::AuthorizationClient(test::emulatorCredential(), armOptions());
}
arm::ManagedIdentityClient identities() {
    return arm::ManagedIdentityClient(kSubscription, test::emulatorCredential(), armOptions());
}

keyvault::KeyVaultClientOptions vaultOptions() {
    keyvault::KeyVaultClientOptions o;
    o.client = test::emulatorClientOptions();
    return o;
}

arm::Vault createVault(const std::string& name, bool rbac = true) {
    arm::CreateOrUpdateVaultOptions create;
    create.location = "westeurope";
    create.tenantId = test::Emulator::kTenant;
    create.enableRbacAuthorization = rbac;
    return vaults().startCreateOrUpdateVault(kGroup, name, create).pollUntilDone({.interval = 20ms});
}

/** A token credential of user-assigned identity @p clientId through the emulator's IMDS. */
std::shared_ptr<const identity::TokenCredential> identityCredential(const std::string& clientId) {
    identity::ManagedIdentityCredentialOptions o;
    o.clientId = clientId;
    o.imdsEndpoint = test::Emulator::shared().baseUrl() + "/metadata/identity/oauth2/token";
    o.client = test::emulatorClientOptions();
    return std::make_shared<const identity::ManagedIdentityCredential>(o);
}

/** The data-plane code of a 403: Key Vault puts ForbiddenByRbac in innererror. */
std::string innerCode(const ServiceError& e) {
    const auto it = e.info().values.find("innererror");
    return it == e.info().values.end() ? std::string() : it->second;
}

} // namespace

TEST_SUITE("arm::e2e") {
    TEST_CASE("a vault created through Resource Manager serves the Key Vault data plane") {
        const auto vault = createVault("e2e-plain", false);
        CHECK(vault.properties.provisioningState == "Succeeded");
        CHECK(vault.properties.enableRbacAuthorization == false);
        REQUIRE_FALSE(vault.properties.vaultUri.empty());
        keyvault::SecretClient secrets(vault.properties.vaultUri, test::emulatorCredential(), vaultOptions());
        secrets.setSecret("greeting", SecretString("hello"));
        CHECK(secrets.getSecret("greeting").value.value.reveal() == "hello");
        CHECK(vaults().getVault(kGroup, "e2e-plain").value.id == vault.id);
        CHECK(vaults().checkVaultNameAvailability("e2e-plain").value.nameAvailable == false);
        CHECK(vaults().deleteVault(kGroup, "e2e-plain").status == 200);
        CHECK(vaults().deleteVault(kGroup, "e2e-plain").status == 204);
    }

    TEST_CASE("the create is polled to completion at the pace of the service's Retry-After") {
        auto& emulator = test::Emulator::shared();
        emulator.control("POST", "config", R"({"armVaultCreateDelayMs":1500,"armRetryAfterSeconds":1})");
        arm::CreateOrUpdateVaultOptions create{.location = "westeurope", .tenantId = test::Emulator::kTenant};
        auto operation = vaults().startCreateOrUpdateVault(kGroup, "e2e-slow", create);
        CHECK_FALSE(operation.isDone());
        const long before = emulator.counter("armRequests");
        const auto started = std::chrono::steady_clock::now();
        // A 20 ms interval of our own: only Retry-After can stretch the polls to a second apart.
        const auto vault = operation.pollUntilDone({.interval = 20ms});
        const auto took = std::chrono::steady_clock::now() - started;
        emulator.control("POST", "config", R"({"armVaultCreateDelayMs":300,"armRetryAfterSeconds":1})");
        CHECK(vault.properties.provisioningState == "Succeeded");
        CHECK(took >= 900ms);
        CHECK(emulator.counter("armRequests") - before <= 5); // not 75 polls at 20 ms
    }

    TEST_CASE("an identity reads a secret only once granted Key Vault Secrets User, once") {
        const auto vault = createVault("e2e-rbac");
        CHECK(vault.properties.enableRbacAuthorization == true);
        // The owner seeds the vault after granting itself the administrator role on it.
        const auto scope = arm::ResourceId::parse(vault.id);
        authorization().createRoleAssignment(scope, test::Emulator::kClientId,
                                             arm::kKeyVaultAdministratorRole);
        keyvault::SecretClient(vault.properties.vaultUri, test::emulatorCredential(), vaultOptions())
            .setSecret("db-password", SecretString("s3cret-value"));

        arm::CreateOrUpdateIdentityOptions where{.location = "westeurope"};
        const auto identity =
            identities().createOrUpdateUserAssignedIdentity(kGroup, "e2e-pool-id", where).value;
        REQUIRE_FALSE(identity.principalId.empty());
        REQUIRE_FALSE(identity.clientId.empty());
        const auto token = identityCredential(identity.clientId);
        keyvault::SecretClient asIdentity(vault.properties.vaultUri, token, vaultOptions());
        try {
            asIdentity.getSecret("db-password");
            FAIL("read without a role");
        } catch (const ServiceError& e) {
            CHECK(e.httpStatus() == 403);
            CHECK(innerCode(e) == "ForbiddenByRbac");
            CHECK_FALSE(e.requestId().empty());
        }

        const auto granted =
            authorization().createRoleAssignment(scope, identity.principalId, arm::kKeyVaultSecretsUserRole);
        CHECK(granted.status == 201);
        CHECK(asIdentity.getSecret("db-password").value.value.reveal() == "s3cret-value");

        // The rerun finds its own assignment: nothing new.
        const auto again =
            authorization().createRoleAssignment(scope, identity.principalId, arm::kKeyVaultSecretsUserRole);
        CHECK(again.status == 200);
        CHECK(again.value.name == granted.value.name);
        std::size_t count = 0;
        for (const auto& a : authorization().listRoleAssignments(scope, identity.principalId)) {
            CHECK(a.name == granted.value.name);
            ++count;
        }
        CHECK(count == 1);

        // Secrets User reads secrets; it may not import a certificate.
        const auto cert = test::makeTestCertificate("kvb-arm-e2e");
        keyvault::CertificateClient certificates(vault.properties.vaultUri, token, vaultOptions());
        keyvault::ImportCertificateOptions import;
        const auto pem = cert.certPem + cert.keyPem;
        import.value = SecretBytes(std::span(reinterpret_cast<const std::uint8_t*>(pem.data()), pem.size()));
        try {
            certificates.importCertificate("web", import);
            FAIL("import with Secrets User");
        } catch (const ServiceError& e) {
            CHECK(e.httpStatus() == 403);
            CHECK(innerCode(e) == "ForbiddenByRbac");
        }

        // Revoked: forbidden again.
        CHECK(authorization().deleteRoleAssignment(scope, granted.value.name).value.has_value());
        CHECK_FALSE(authorization().deleteRoleAssignment(scope, granted.value.name).value.has_value());
        try {
            asIdentity.getSecret("db-password");
            FAIL("read after the revoke");
        } catch (const ServiceError& e) {
            CHECK(innerCode(e) == "ForbiddenByRbac");
        }
    }

    TEST_CASE("Resource Manager errors are typed with their code, message and request id") {
        try {
            vaults().getVault(kGroup, "e2e-nothing-here");
            FAIL("no error");
        } catch (const NotFoundError& e) {
            CHECK(e.httpStatus() == 404);
            CHECK(e.serviceCode() == "ResourceNotFound");
            CHECK_FALSE(e.serviceMessage().empty());
            CHECK_FALSE(e.requestId().empty());
        }
        const auto scope = arm::ResourceId::resourceGroup(kSubscription, kGroup);
        try {
            authorization().getRoleDefinition(scope, "00000000-0000-0000-0000-000000000000");
            FAIL("no error");
        } catch (const ServiceError& e) {
            CHECK(e.httpStatus() == 404);
            CHECK(e.serviceCode() == "RoleDefinitionDoesNotExist");
            CHECK_FALSE(e.requestId().empty());
        }
        const auto secretsUser = authorization().findRoleDefinitionByName(scope, "Key Vault Secrets User");
        REQUIRE(secretsUser.value);
        CHECK(secretsUser.value->name == arm::kKeyVaultSecretsUserRole);
        // The owner's permissions: every action, no data action.
        const auto permissions = authorization().getPermissions(scope).value;
        CHECK(permissions.allowsAction("Microsoft.Authorization/roleAssignments/write"));
        CHECK_FALSE(permissions.allowsDataAction("Microsoft.KeyVault/vaults/secrets/getSecret/action"));
    }

    TEST_CASE("kvbridge vault create and access grant, list and revoke through the CLI") {
        const std::string endpoint = armOptions().endpoint;
        const std::vector<std::string> where = {"--subscription", kSubscription,  "--resource-group",
                                                kGroup,           "--vault-name", "e2e-cli",
                                                "--arm-endpoint", endpoint};
        auto with = [&](std::vector<std::string> args) {
            args.insert(args.end(), where.begin(), where.end());
            return args;
        };
        const auto created = test::runCli(with({"vault", "create", "--location", "westeurope"}));
        INFO(created.err);
        REQUIRE(created.exitCode == 0);
        CHECK(created.out.find("role-based access control") != std::string::npos);
        const auto vault = vaults().getVault(kGroup, "e2e-cli").value;
        CHECK(vault.properties.enableRbacAuthorization == true);

        arm::CreateOrUpdateIdentityOptions at{.location = "westeurope"};
        const auto identity = identities().createOrUpdateUserAssignedIdentity(kGroup, "e2e-cli-id", at).value;
        const std::vector<std::string> grant = {
            "access", "grant", "--principal", identity.principalId, "--role", "Key Vault Secrets User"};
        const auto first = test::runCli(with(grant));
        INFO(first.err);
        REQUIRE(first.exitCode == 0);
        CHECK(first.out.rfind("granted ", 0) == 0);
        const auto again = test::runCli(with(grant));
        CHECK(again.exitCode == 0);
        CHECK(again.out.rfind("already granted ", 0) == 0);
        const auto listed = test::runCli(with({"access", "list", "--principal", identity.principalId}));
        CHECK(listed.exitCode == 0);
        CHECK(listed.out.find(arm::kKeyVaultSecretsUserRole) != std::string::npos);
        CHECK(std::count(listed.out.begin(), listed.out.end(), '\n') == 1);

        // The grant works on the data plane: the identity reads a secret the owner wrote.
        const auto scope = arm::ResourceId::parse(vault.id);
        authorization().createRoleAssignment(scope, test::Emulator::kClientId,
                                             arm::kKeyVaultAdministratorRole);
        keyvault::SecretClient(vault.properties.vaultUri, test::emulatorCredential(), vaultOptions())
            .setSecret("cli", SecretString("granted-by-cli"));
        keyvault::SecretClient asIdentity(vault.properties.vaultUri, identityCredential(identity.clientId),
                                          vaultOptions());
        CHECK(asIdentity.getSecret("cli").value.value.reveal() == "granted-by-cli");

        const auto revoked = test::runCli(with({"access", "revoke", "--principal", identity.principalId,
                                                "--role", arm::kKeyVaultSecretsUserRole}));
        CHECK(revoked.exitCode == 0);
        CHECK(revoked.out.rfind("revoked ", 0) == 0);
        CHECK_THROWS_AS(asIdentity.getSecret("cli"), ServiceError);
        CHECK(test::runCli(with({"access", "list", "--principal", identity.principalId})).out.empty());

        // Bad input: exit 64 before anything is sent.
        const auto bad = test::runCli({"vault", "create", "--subscription", kSubscription, "--resource-group",
                                       kGroup, "--vault-name", "no_underscores", "--location", "westeurope",
                                       "--arm-endpoint", endpoint});
        CHECK(bad.exitCode == 64);
        CHECK(bad.err.find("vault name") != std::string::npos);
        CHECK(test::runCli(with({"access", "grant", "--principal", identity.principalId})).exitCode == 64);
    }
}
