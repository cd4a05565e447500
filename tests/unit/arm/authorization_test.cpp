// SPDX-License-Identifier: MIT
// AuthorizationClient against the vendored Microsoft.Authorization examples, the deterministic
// role assignment names, and the permission checks with wildcards.

#include <kvbridge/arm/authorization_client.hpp>
#include <kvbridge/error.hpp>

#include <doctest/doctest.h>

#include <string>

#include "arm/uuid_v5.hpp"
#include "arm_test_util.hpp"

using namespace kvb;
using namespace kvb::arm;
using kvb::test::ArmExample;
using kvb::test::ArmRig;

namespace {

constexpr const char* kPrincipal = "ce2ce14e-85d7-4629-bdbc-454d0519d987";
constexpr const char* kSubscription = "a925f2f7-5c63-4b7b-8799-25a5f97bc3b2";
constexpr const char* kRole = "0b5fe924-9a61-425c-96af-cfe6e287ca2d";

const ResourceId& vaultScope() {
    static const auto scope = ResourceId::resourceGroup(kSubscription, "testrg")
                                  .withProvider("Microsoft.KeyVault", "vaults", "myvault");
    return scope;
}

http::Headers header(const char* name, const char* value) {
    http::Headers h;
    h.set(name, value);
    return h;
}

} // namespace

TEST_SUITE("arm::AuthorizationClient") {
    TEST_CASE("getRoleDefinition: GET {scope}/providers/Microsoft.Authorization/roleDefinitions/{guid}") {
        const ArmExample e("authorization/2022-04-01/examples/GetRoleDefinitionByName.json");
        ArmRig rig;
        rig.serve(e, 200);
        AuthorizationClient client(rig.credential, rig.options());
        const auto role = client.getRoleDefinition(vaultScope(), kKeyVaultSecretsUserRole);
        const auto request = rig.request(0);
        CHECK(request.method == http::Method::Get);
        CHECK(test::pathOf(request.url) == vaultScope().str() +
                                               "/providers/Microsoft.Authorization/roleDefinitions/" +
                                               kKeyVaultSecretsUserRole);
        CHECK(test::queryOf(request.url, "api-version") == e.param("api-version"));
        CHECK(role->id ==
              "/subscriptions/subID/providers/Microsoft.Authorization/roleDefinitions/roleDefinitionId");
        CHECK(role->name == "roleDefinitionId");
        CHECK(role->type == "Microsoft.Authorization/roleDefinitions");
        CHECK(role->roleName == "Role name");
        CHECK(role->roleType == "roletype");
        CHECK(role->description == "Role description");
        CHECK(role->assignableScopes == std::vector<std::string>{"/subscriptions/subId"});
        REQUIRE(role->permissions.size() == 1);
        CHECK(role->permissions[0].actions == std::vector<std::string>{"action"});
        CHECK(role->permissions[0].dataActions == std::vector<std::string>{"dataAction"});
        CHECK(role->permissions[0].notActions.empty());
    }

    TEST_CASE("findRoleDefinitionByName: the roleName filter, quotes doubled; none found is nullopt") {
        const ArmExample e("authorization/2022-04-01/examples/GetRoleDefinitionByName.json");
        ArmRig rig;
        rig.transport->respond(200, R"({"value":[)" + e.body(200) + "]}");
        rig.transport->respond(200, R"({"value":[]})");
        AuthorizationClient client(rig.credential, rig.options());
        const auto scope = ResourceId::subscription(kSubscription);
        const auto found = client.findRoleDefinitionByName(scope, "Key Vault Secrets User");
        REQUIRE(found->has_value());
        CHECK((*found)->roleName == "Role name");
        const auto request = rig.request(0);
        CHECK(test::pathOf(request.url) == std::string("/subscriptions/") + kSubscription +
                                               "/providers/Microsoft.Authorization/roleDefinitions");
        CHECK(test::queryOf(request.url, "$filter") == "roleName eq 'Key Vault Secrets User'");
        const auto none = client.findRoleDefinitionByName(scope, "O'Brien's role");
        CHECK_FALSE(none->has_value());
        CHECK(test::queryOf(rig.request(1).url, "$filter") == "roleName eq 'O''Brien''s role'");
        CHECK_THROWS_AS(client.findRoleDefinitionByName(scope, ""), InvalidArgument);
    }

    TEST_CASE("createRoleAssignment: PUT the example's body under the deterministic name") {
        const ArmExample e("authorization/2022-04-01/examples/RoleAssignments_CreateForResource.json");
        ArmRig rig;
        rig.serve(e, 201);
        AuthorizationClient client(rig.credential, rig.options());
        const auto scope = ResourceId::parse("/" + e.param("scope"));
        const auto& sent = e.paramValue("parameters");
        const auto created = client.createRoleAssignment(scope, sent["properties"]["principalId"].GetString(),
                                                         sent["properties"]["roleDefinitionId"].GetString(),
                                                         {.principalType = "User", .description = {}});
        CHECK(created.status == 201);
        const auto request = rig.request(0);
        CHECK(request.method == http::Method::Put);
        const auto name = roleAssignmentName(scope, kPrincipal, kRole);
        CHECK(test::pathOf(request.url) ==
              "/" + e.param("scope") + "/providers/Microsoft.Authorization/roleAssignments/" + name);
        CHECK(test::queryOf(request.url, "api-version") == e.param("api-version"));
        CHECK(test::bodyOf(request) == sent);
        CHECK(created->name == e.param("roleAssignmentName"));
        CHECK(created->principalId == kPrincipal);
        CHECK(created->principalType == "User");
        CHECK(created->scope == "/" + e.param("scope"));
        CHECK(roleDefinitionGuid(created->roleDefinitionId) == kRole);
    }

    TEST_CASE("granting again: 409 RoleAssignmentExists finds the existing assignment, nothing new is made") {
        const ArmExample e("authorization/2022-04-01/examples/RoleAssignments_ListForScope.json");
        ArmRig rig;
        rig.transport->respond(
            409,
            R"({"error":{"code":"RoleAssignmentExists","message":"The role assignment already exists."}})");
        rig.serve(e, 200);
        AuthorizationClient client(rig.credential, rig.options());
        const auto scope = ResourceId::subscription(kSubscription);
        const auto existing = client.createRoleAssignment(scope, kPrincipal, kRole);
        CHECK(existing.status == 200);
        CHECK(existing->name == "b0f43c54-e787-4862-89b1-a653fa9cf747");
        REQUIRE(rig.transport->count() == 2);
        CHECK(rig.request(1).method == http::Method::Get);
        CHECK(test::queryOf(rig.request(1).url, "$filter") ==
              std::string("principalId eq '") + kPrincipal + "'");

        // Another 409, or one whose assignment cannot be found, is the caller's to see.
        rig.transport->respond(409, R"({"error":{"code":"ScopeLocked","message":"locked"}})");
        CHECK_THROWS_WITH_AS(client.createRoleAssignment(scope, kPrincipal, kRole),
                             doctest::Contains("ScopeLocked"), ConflictError);
        rig.transport->respond(409, R"({"error":{"code":"RoleAssignmentExists","message":"exists"}})");
        rig.serve(e, 200);
        CHECK_THROWS_AS(client.createRoleAssignment(scope, kPrincipal, kKeyVaultSecretsUserRole),
                        ConflictError);
    }

    TEST_CASE("the same grant always goes to the same name, whatever the spelling") {
        ArmRig rig;
        for (int i = 0; i < 2; ++i) rig.transport->respond(201, "{}");
        AuthorizationClient client(rig.credential, rig.options());
        client.createRoleAssignment(vaultScope(), kPrincipal, kKeyVaultSecretsUserRole);
        const auto upper =
            ResourceId::parse("/SUBSCRIPTIONS/A925F2F7-5C63-4B7B-8799-25A5F97BC3B2/resourcegroups/TESTRG/"
                              "providers/microsoft.keyvault/vaults/MYVAULT");
        client.createRoleAssignment(upper, "CE2CE14E-85D7-4629-BDBC-454D0519D987",
                                    std::string("/subscriptions/") + kSubscription +
                                        "/providers/Microsoft.Authorization/roleDefinitions/" +
                                        kKeyVaultSecretsUserRole);
        const auto first = test::pathOf(rig.request(0).url);
        const auto second = test::pathOf(rig.request(1).url);
        CHECK(first.substr(first.rfind('/')) == second.substr(second.rfind('/')));
        CHECK(test::bodyOf(rig.request(0))["properties"]["roleDefinitionId"] ==
              rapidjson::Value(
                  rapidjson::StringRef("/subscriptions/a925f2f7-5c63-4b7b-8799-25a5f97bc3b2/providers/"
                                       "Microsoft.Authorization/roleDefinitions/"
                                       "4633458b-17de-408a-b874-0445c86b69e6")));
        CHECK(std::string(test::bodyOf(rig.request(0))["properties"]["principalType"].GetString()) ==
              "ServicePrincipal");
    }

    TEST_CASE("roleAssignmentName is the documented UUID v5; bad principals and roles are refused") {
        // Computed independently: Python's uuid.uuid5(UUID('6f0ac9c6-3b4f-5d1e-9a47-6b7672696467'),
        // "<lower scope>|<lower principal>|<role guid>").
        CHECK(roleAssignmentName(vaultScope(), kPrincipal, kKeyVaultSecretsUserRole) ==
              "5e402abd-ba54-532f-8f4b-deb21d8f8611");
        // RFC 4122 / Python: uuid5(NAMESPACE_DNS, "python.org").
        CHECK(arm::nameBasedUuid("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "python.org") ==
              "886313e1-3b8a-5372-9b90-0c9aee199e5d");
        CHECK(roleAssignmentName(vaultScope(), kPrincipal, kKeyVaultCertificateUserRole) !=
              roleAssignmentName(vaultScope(), kPrincipal, kKeyVaultSecretsUserRole));
        CHECK(roleAssignmentName(ResourceId::subscription(kSubscription), kPrincipal,
                                 kKeyVaultSecretsUserRole) !=
              roleAssignmentName(vaultScope(), kPrincipal, kKeyVaultSecretsUserRole));
        CHECK_THROWS_WITH_AS(roleAssignmentName(vaultScope(), "not-a-guid", kRole),
                             doctest::Contains("principal id must be a GUID"), InvalidArgument);
        CHECK_THROWS_WITH_AS(roleAssignmentName(vaultScope(), kPrincipal, "Key Vault Secrets User"),
                             doctest::Contains("role definition must be a GUID"), InvalidArgument);
        CHECK_THROWS_AS(
            roleDefinitionGuid("/subscriptions/s/providers/Microsoft.Authorization/roleAssignments/" +
                               std::string(kRole)),
            InvalidArgument);
        CHECK(roleDefinitionIdAt(ResourceId::parse("/providers/Microsoft.Management/managementGroups/mg"),
                                 kKeyVaultAdministratorRole) ==
              "/providers/Microsoft.Authorization/roleDefinitions/00482a5a-887f-4fb3-b363-3b7fe8e74483");
    }

    TEST_CASE(
        "listRoleAssignments: the principal filter at the example's scope; the page reads into models") {
        const ArmExample e("authorization/2022-04-01/examples/RoleAssignments_ListForScope.json");
        ArmRig rig;
        rig.serve(e, 200);
        AuthorizationClient client(rig.credential, rig.options());
        const auto all =
            client.listRoleAssignments(ResourceId::parse("/" + e.param("scope")), kPrincipal).collect();
        const auto request = rig.request(0);
        CHECK(request.method == http::Method::Get);
        CHECK(test::pathOf(request.url) ==
              "/" + e.param("scope") + "/providers/Microsoft.Authorization/roleAssignments");
        CHECK(test::queryOf(request.url, "api-version") == e.param("api-version"));
        CHECK(test::queryOf(request.url, "$filter") == std::string("principalId eq '") + kPrincipal + "'");
        REQUIRE(all.size() == 1);
        CHECK(all[0].id ==
              "/subscriptions/a925f2f7-5c63-4b7b-8799-25a5f97bc3b2/providers/Microsoft.Authorization/"
              "roleAssignments/b0f43c54-e787-4862-89b1-a653fa9cf747");
        CHECK(all[0].scope == "/subscriptions/a925f2f7-5c63-4b7b-8799-25a5f97bc3b2");
        CHECK(all[0].principalType == "User");
        CHECK(all[0].roleDefinitionId ==
              "/providers/Microsoft.Authorization/roleDefinitions/0b5fe924-9a61-425c-96af-cfe6e287ca2d");
        CHECK_THROWS_AS(client.listRoleAssignments(vaultScope(), "x' or principalId ne '"), InvalidArgument);
        CHECK(rig.transport->count() == 1);
    }

    TEST_CASE("deleteRoleAssignment: DELETE by name; 200 gives the deleted one, 204 none") {
        const ArmExample e("authorization/2022-04-01/examples/RoleAssignments_Delete.json");
        ArmRig rig;
        rig.serve(e, 200);
        rig.transport->respond(204);
        AuthorizationClient client(rig.credential, rig.options());
        const auto scope = ResourceId::parse("/" + e.param("scope"));
        const auto deleted = client.deleteRoleAssignment(scope, e.param("roleAssignmentName"));
        REQUIRE(deleted->has_value());
        CHECK((*deleted)->name == e.param("roleAssignmentName"));
        const auto request = rig.request(0);
        CHECK(request.method == http::Method::Delete);
        CHECK(test::pathOf(request.url) == "/" + e.param("scope") +
                                               "/providers/Microsoft.Authorization/roleAssignments/" +
                                               e.param("roleAssignmentName"));
        CHECK(test::queryOf(request.url, "api-version") == e.param("api-version"));
        const auto gone = client.deleteRoleAssignment(scope, e.param("roleAssignmentName"));
        CHECK(gone.status == 204);
        CHECK_FALSE(gone->has_value());
        CHECK_THROWS_AS(client.deleteRoleAssignment(scope, "../x"), InvalidArgument);
    }

    TEST_CASE("getPermissions: GET .../providers/Microsoft.Authorization/permissions; every page read") {
        // The 2022-04-01 folder holds no permissions example; these are 2015-07-01's, same shape.
        const ArmExample resource("authorization/2015-07-01/examples/GetResourcePermissions.json");
        ArmRig rig;
        rig.transport->respond(200,
                               R"({"value":[{"actions":["Microsoft.KeyVault/vaults/read"],"notActions":[]}],)"
                               R"("nextLink":"https://management.azure.com/next?api-version=2022-04-01"})",
                               header("x-ms-request-id", "p1"));
        rig.serve(resource, 200);
        AuthorizationClient client(rig.credential, rig.options());
        const auto permissions = client.getPermissions(vaultScope());
        const auto request = rig.request(0);
        CHECK(request.method == http::Method::Get);
        CHECK(test::pathOf(request.url) ==
              vaultScope().str() + "/providers/Microsoft.Authorization/permissions");
        CHECK(test::queryOf(request.url, "api-version") == kAuthorizationApiVersion);
        CHECK(rig.request(1).url == "https://management.azure.com/next?api-version=2022-04-01");
        REQUIRE(permissions->permissions.size() == 2);
        CHECK(permissions->permissions[1].actions.empty());
        CHECK(permissions->allowsAction("Microsoft.KeyVault/vaults/read"));
        CHECK_FALSE(permissions->allowsAction("Microsoft.KeyVault/vaults/write"));

        // The resource-group example's nextLink ("nextlink") is no URL: refused, not guessed at.
        const ArmExample group("authorization/2015-07-01/examples/GetPermissions.json");
        rig.serve(group, 200);
        CHECK_THROWS_WITH_AS(client.getPermissions(ResourceId::resourceGroup(
                                 group.param("subscriptionId"), group.param("resourceGroupName"))),
                             doctest::Contains("next link is not a valid URL"), ParseError);
        CHECK(test::pathOf(rig.request(2).url) == "/subscriptions/subID/resourceGroups/rgname/providers/"
                                                  "Microsoft.Authorization/permissions");
        CHECK_THROWS_WITH_AS(client.getPermissions(ResourceId::subscription(kSubscription)),
                             doctest::Contains("resource group or a resource"), InvalidArgument);
    }

    TEST_CASE("nextLink paging reads every page, and a link to another host is refused") {
        ArmRig rig;
        const ArmExample list("authorization/2022-04-01/examples/RoleAssignments_ListForScope.json");
        const std::string next =
            "https://management.azure.com/subscriptions/a925f2f7-5c63-4b7b-8799-25a5f97bc3b2/providers/"
            "Microsoft.Authorization/roleAssignments?api-version=2022-04-01&%24skiptoken=abc";
        rig.transport->respond(200, R"({"value":[],"nextLink":")" + next + R"("})");
        rig.serve(list, 200);
        AuthorizationClient client(rig.credential, rig.options());
        const auto scope = ResourceId::subscription("a925f2f7-5c63-4b7b-8799-25a5f97bc3b2");
        const auto all = client.listRoleAssignments(scope, "ce2ce14e-85d7-4629-bdbc-454d0519d987").collect();
        REQUIRE(all.size() == 1);
        CHECK(all[0].name == "b0f43c54-e787-4862-89b1-a653fa9cf747");
        REQUIRE(rig.transport->count() == 2);
        CHECK(rig.request(1).url == next);

        rig.transport->respond(200, R"({"value":[],"nextLink":"https://elsewhere.example/x"})");
        auto pager = client.listRoleAssignments(scope, "ce2ce14e-85d7-4629-bdbc-454d0519d987");
        CHECK_THROWS_WITH_AS(pager.collect(), doctest::Contains("another host"), ParseError);
    }
}

TEST_SUITE("arm::PermissionSet") {
    TEST_CASE("actions minus notActions, blocks added up, wildcards and case as Azure RBAC") {
        // Contributor, then User Access Administrator's block.
        PermissionSet contributor{{{{"*"},
                                    {"Microsoft.Authorization/*/Delete", "Microsoft.Authorization/*/Write",
                                     "Microsoft.Authorization/elevateAccess/Action"},
                                    {},
                                    {}}}};
        CHECK(contributor.allowsAction("Microsoft.KeyVault/vaults/write"));
        CHECK(contributor.allowsAction("microsoft.keyvault/VAULTS/delete"));
        CHECK_FALSE(contributor.allowsAction("Microsoft.Authorization/roleAssignments/write"));
        CHECK_FALSE(contributor.allowsAction("microsoft.authorization/roleassignments/WRITE"));
        CHECK(contributor.allowsAction("Microsoft.Authorization/roleAssignments/read"));
        CHECK_FALSE(contributor.allowsDataAction("Microsoft.KeyVault/vaults/secrets/getSecret/action"));

        auto both = contributor;
        both.permissions.push_back({{"*/read", "Microsoft.Authorization/*"}, {}, {}, {}});
        CHECK(both.allowsAction("Microsoft.Authorization/roleAssignments/write"));

        // Key Vault Secrets User's data actions, and Administrator's wildcard minus an exclusion.
        PermissionSet secretsUser{{{{},
                                    {},
                                    {"Microsoft.KeyVault/vaults/secrets/getSecret/action",
                                     "Microsoft.KeyVault/vaults/secrets/readMetadata/action"},
                                    {}}}};
        CHECK(secretsUser.allowsDataAction("Microsoft.KeyVault/vaults/secrets/getSecret/action"));
        CHECK_FALSE(secretsUser.allowsDataAction("Microsoft.KeyVault/vaults/secrets/setSecret/action"));
        CHECK_FALSE(secretsUser.allowsAction("Microsoft.KeyVault/vaults/secrets/getSecret/action"));
        PermissionSet admin{
            {{{}, {}, {"Microsoft.KeyVault/vaults/*"}, {"Microsoft.KeyVault/vaults/keys/*"}}}};
        CHECK(admin.allowsDataAction("Microsoft.KeyVault/vaults/certificates/import/action"));
        CHECK_FALSE(admin.allowsDataAction("Microsoft.KeyVault/vaults/keys/sign/action"));
        CHECK_FALSE(PermissionSet{}.allowsAction("Microsoft.KeyVault/vaults/read"));
    }

    TEST_CASE("actionMatches: '*' spans any run of characters, slashes included") {
        CHECK(actionMatches("*", ""));
        CHECK(actionMatches("*/read", "Microsoft.Web/sites/read"));
        CHECK_FALSE(actionMatches("*/read", "Microsoft.Web/sites/write"));
        CHECK(actionMatches("Microsoft.Authorization/*/write",
                            "Microsoft.Authorization/roleAssignments/write"));
        CHECK(actionMatches("a*b*c", "aXbYbZc"));
        CHECK_FALSE(actionMatches("a*b*c", "aXbYbZ"));
        CHECK(actionMatches("a**c", "ac"));
        CHECK(actionMatches("", ""));
        CHECK_FALSE(actionMatches("", "a"));
        CHECK_FALSE(actionMatches("Microsoft.KeyVault/vaults/read", "Microsoft.KeyVault/vaults/read/more"));
    }
}
