// SPDX-License-Identifier: MIT
// ArmClient through the C# binding against the emulator's Resource Manager: a vault under RBAC,
// idempotent grants, permissions, identities, Batch pools, typed errors.
using System;
using System.Linq;
using System.Text.RegularExpressions;
using KvBridge;

static partial class Program
{
    const string ArmSubscription = "33333333-4444-5555-6666-777777777777";

    /// <summary>String member <paramref name="name"/> of a JSON document (the first one).</summary>
    static string Member(string json, string name)
    {
        var m = Regex.Match(json ?? "", "\"" + name + "\":\"([^\"]*)\"");
        return m.Success ? m.Groups[1].Value : null;
    }

    static void RunArm(string tenant, string client, ClientOptions options)
    {
        var endpoint = "https://management.localhost:" + Environment.GetEnvironmentVariable("KVB_EMULATOR_PORT");
        using (var cred = new ClientSecretCredential(tenant, client, TestSecret, options))
        using (var arm = new ArmClient(ArmSubscription, cred, options, endpoint))
        {
            Check(arm.CheckVaultName("cs-arm-vault").Contains("\"nameAvailable\":true"), "name available");
            var vault = arm.CreateVault("rg-cs", "cs-arm-vault", "westeurope", tenant,
                                        new VaultCreateOptions { SoftDeleteRetentionDays = 7 }, TimeSpan.FromSeconds(30));
            Check(vault.Contains("\"enableRbacAuthorization\":true"), "RBAC on by default");
            var vaultId = Member(vault, "id");
            Check(Member(arm.GetVault("rg-cs", "cs-arm-vault"), "id") == vaultId, "get vault");

            var role = arm.FindRoleDefinition(vaultId, "Key Vault Secrets User");
            Check(Member(role, "name") == KeyVaultRoles.SecretsUser, "role by name");
            var identity = arm.CreateUserAssignedIdentity("rg-cs", "cs-id", "eastus");
            var principal = Member(identity, "principalId");
            Check(Member(arm.GetUserAssignedIdentity("rg-cs", "cs-id"), "clientId") == Member(identity, "clientId"),
                  "get identity");
            var grant = arm.CreateRoleAssignment(vaultId, principal, KeyVaultRoles.SecretsUser, description: "cs");
            var again = arm.CreateRoleAssignment(vaultId, principal, KeyVaultRoles.SecretsUser);
            Check(Member(grant, "name") != null && Member(grant, "name") == Member(again, "name"), "idempotent grant");
            Check(arm.ListRoleAssignments(vaultId, principal).Count() == 1, "one assignment");
            var permissions = arm.GetPermissions(vaultId);
            Check(ArmClient.PermissionSetAllows(permissions, "Microsoft.KeyVault/vaults/write"), "owner may write");
            Check(!ArmClient.PermissionSetAllows(permissions, "Microsoft.KeyVault/vaults/secrets/getSecret/action", true),
                  "owner has no data action");
            Check(arm.DeleteRoleAssignment(vaultId, Member(grant, "name")), "revoke");
            Check(!arm.DeleteRoleAssignment(vaultId, Member(grant, "name")), "revoke again: none");

            Check(arm.GetBatchAccount("rg-cs", "emubatch").Contains("poolAllocationMode"), "batch account");
            var pool = "{\"identity\":{\"type\":\"UserAssigned\",\"userAssignedIdentities\":{\"" + Member(identity, "id") +
                       "\":{}}},\"properties\":{\"vmSize\":\"STANDARD_D2S_V3\",\"deploymentConfiguration\":{" +
                       "\"virtualMachineConfiguration\":{\"imageReference\":{\"publisher\":\"canonical\",\"offer\":" +
                       "\"ubuntu-24_04-lts\",\"sku\":\"server\"},\"nodeAgentSkuId\":\"batch.node.ubuntu 24.04\"}}}}";
            Check(arm.CreatePool("rg-cs", "emubatch", "cs-arm-pool", pool).Contains(Member(identity, "clientId")),
                  "pool identity resolved");
            Check(arm.GetPool("rg-cs", "emubatch", "cs-arm-pool").Contains("STANDARD_D2S_V3"), "get pool");
            Check(arm.UpdatePool("rg-cs", "emubatch", "cs-arm-pool", new ArmPoolUpdateOptions { TargetDedicatedNodes = 2 })
                     .Contains("\"targetDedicatedNodes\":2"), "resize pool");
            Throws<InvalidArgumentException>(() => arm.UpdatePool("rg-cs", "emubatch", "cs-arm-pool", new ArmPoolUpdateOptions()),
                                             "an update that changes nothing");
            arm.DeletePool("rg-cs", "emubatch", "cs-arm-pool", TimeSpan.FromSeconds(30));
            Throws<NotFoundException>(() => arm.GetPool("rg-cs", "emubatch", "cs-arm-pool"), "pool gone");

            Check(arm.DeleteVault("rg-cs", "cs-arm-vault"), "delete vault");
            Check(!arm.DeleteVault("rg-cs", "cs-arm-vault"), "delete again: none");
            var missing = Throws<NotFoundException>(() => arm.GetVault("rg-cs", "cs-arm-vault"), "vault gone");
            Check(missing != null && missing.ServiceCode == "ResourceNotFound" && missing.RequestId.Length > 0,
                  "ARM error code and request id");
            Throws<InvalidArgumentException>(() => arm.CreateVault("rg-cs", "bad_name", "westeurope", tenant),
                                             "bad vault name refused before sending");
        }
    }
}
