// SPDX-License-Identifier: MIT
// Resource Manager through kvb_arm_client: vaults, role definitions and assignments, permissions,
// user-assigned identities, Batch accounts and pools. Results are the JSON documents of arm.h.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace KvBridge
{
    /// <summary>The built-in Key Vault roles the migration grants, by id.</summary>
    public static class KeyVaultRoles
    {
        public const string SecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
        public const string CertificateUser = "db79e9a7-68ee-4b58-9aeb-b90e7c24fcba";
        public const string CertificatesOfficer = "a4417e6f-fecd-4de8-b567-7b0420556985";
        public const string Administrator = "00482a5a-887f-4fb3-b363-3b7fe8e74483";
    }

    /// <summary>Settings of ArmClient.CreateVault beyond its location and tenant.</summary>
    public sealed class VaultCreateOptions
    {
        /// <summary>"standard" (null) or "premium".</summary>
        public string Sku { get; set; }
        /// <summary>Authorize data actions by role assignments (the default) rather than access policies.</summary>
        public bool EnableRbacAuthorization { get; set; } = true;
        /// <summary>7-90; 0: the service's 90.</summary>
        public int SoftDeleteRetentionDays { get; set; }
        /// <summary>True turns purge protection on for good; null: not sent.</summary>
        public bool? EnablePurgeProtection { get; set; }
        public string PublicNetworkAccess { get; set; }
        public IDictionary<string, string> Tags { get; set; }
    }

    /// <summary>A Resource Manager pool update: a fixed size, or an autoscale formula.</summary>
    public sealed class ArmPoolUpdateOptions
    {
        public int? TargetDedicatedNodes { get; set; }
        public int? TargetLowPriorityNodes { get; set; }
        public string ResizeTimeout { get; set; }
        public string AutoScaleFormula { get; set; }
        public string AutoScaleEvaluationInterval { get; set; }
    }

    internal static class ArmNative
    {
        const string Lib = Native.Lib;

        [StructLayout(LayoutKind.Sequential)]
        internal sealed class NewNative
        {
            public uint version;
            public IntPtr endpoint, scope;
        }

        [StructLayout(LayoutKind.Sequential)]
        internal sealed class VaultCreateNative
        {
            public uint version;
            public IntPtr sku;
            public int enable_rbac_authorization, soft_delete_retention_days, enable_purge_protection;
            public IntPtr public_network_access, tags;
            public UIntPtr tag_count;
        }

        [StructLayout(LayoutKind.Sequential)]
        internal sealed class RoleAssignmentCreateNative
        {
            public uint version;
            public IntPtr principal_type, description;
        }

        [StructLayout(LayoutKind.Sequential)]
        internal sealed class IdentityCreateNative
        {
            public uint version;
            public IntPtr tags;
            public UIntPtr tag_count;
        }

        [StructLayout(LayoutKind.Sequential)]
        internal sealed class PoolUpdateNative
        {
            public uint version;
            public int target_dedicated_nodes, target_low_priority_nodes;
            public IntPtr resize_timeout, auto_scale_formula, auto_scale_evaluation_interval;
        }

        [DllImport(Lib)] internal static extern int kvb_arm_client_new_options_init([In, Out] NewNative o, uint version);
        [DllImport(Lib)] internal static extern int kvb_vault_create_options_init([In, Out] VaultCreateNative o, uint version);
        [DllImport(Lib)]
        internal static extern int kvb_role_assignment_create_options_init([In, Out] RoleAssignmentCreateNative o, uint version);
        [DllImport(Lib)]
        internal static extern int kvb_identity_create_options_init([In, Out] IdentityCreateNative o, uint version);
        [DllImport(Lib)] internal static extern int kvb_arm_pool_update_options_init([In, Out] PoolUpdateNative o, uint version);

        [DllImport(Lib)]
        internal static extern int kvb_arm_client_new(out ArmClientHandle h, byte[] subscription, CredentialHandle c,
                                                      ref Native.ClientOptions o, NewNative n);
        [DllImport(Lib)] internal static extern void kvb_arm_client_free(IntPtr client);
        [DllImport(Lib)]
        internal static extern int kvb_arm_client_create_vault(ref Native.KvbString json, ArmClientHandle c, byte[] group,
            byte[] name, byte[] location, byte[] tenant, VaultCreateNative o, Native.WaitOptions w);
        [DllImport(Lib)]
        internal static extern int kvb_arm_client_get_vault(ref Native.KvbString json, ArmClientHandle c, byte[] group, byte[] name);
        [DllImport(Lib)]
        internal static extern int kvb_arm_client_delete_vault(out int deleted, ArmClientHandle c, byte[] group, byte[] name);
        [DllImport(Lib)]
        internal static extern int kvb_arm_client_check_vault_name(ref Native.KvbString json, ArmClientHandle c, byte[] name);
        [DllImport(Lib)]
        internal static extern int kvb_arm_client_find_role_definition(ref Native.KvbString json, ArmClientHandle c,
                                                                       byte[] scope, byte[] roleName);
        [DllImport(Lib)]
        internal static extern int kvb_arm_client_create_role_assignment(ref Native.KvbString json, ArmClientHandle c,
            byte[] scope, byte[] principal, byte[] role, RoleAssignmentCreateNative o);
        [DllImport(Lib)]
        internal static extern int kvb_arm_client_list_role_assignments(out IntPtr pager, ArmClientHandle c, byte[] scope,
                                                                        byte[] principal);
        [DllImport(Lib)]
        internal static extern int kvb_arm_client_delete_role_assignment(out int deleted, ArmClientHandle c, byte[] scope,
                                                                         byte[] name);
        [DllImport(Lib)]
        internal static extern int kvb_arm_client_get_permissions(ref Native.KvbString json, ArmClientHandle c, byte[] scope);
        [DllImport(Lib)]
        internal static extern int kvb_permission_set_allows(out int allowed, byte[] permissions, byte[] action, int data);
        [DllImport(Lib)]
        internal static extern int kvb_arm_client_create_user_assigned_identity(ref Native.KvbString json, ArmClientHandle c,
            byte[] group, byte[] name, byte[] location, IdentityCreateNative o);
        [DllImport(Lib)]
        internal static extern int kvb_arm_client_get_user_assigned_identity(ref Native.KvbString json, ArmClientHandle c,
                                                                             byte[] group, byte[] name);
        [DllImport(Lib)]
        internal static extern int kvb_arm_client_get_batch_account(ref Native.KvbString json, ArmClientHandle c, byte[] group,
                                                                    byte[] account);
        [DllImport(Lib)]
        internal static extern int kvb_arm_client_create_pool(ref Native.KvbString json, ArmClientHandle c, byte[] group,
                                                              byte[] account, byte[] pool, byte[] poolJson);
        [DllImport(Lib)]
        internal static extern int kvb_arm_client_get_pool(ref Native.KvbString json, ArmClientHandle c, byte[] group,
                                                           byte[] account, byte[] pool);
        [DllImport(Lib)]
        internal static extern int kvb_arm_client_update_pool(ref Native.KvbString json, ArmClientHandle c, byte[] group,
                                                              byte[] account, byte[] pool, PoolUpdateNative o);
        [DllImport(Lib)]
        internal static extern int kvb_arm_client_delete_pool(ArmClientHandle c, byte[] group, byte[] account, byte[] pool,
                                                              Native.WaitOptions w);
    }

    /// <summary>Owns a kvb_arm_client*; freed exactly once.</summary>
    public sealed class ArmClientHandle : OwnedHandle
    {
        public ArmClientHandle() : base(ArmNative.kvb_arm_client_free) { }
    }

    /// <summary>Resource Manager calls in one subscription; resources come back as arm.h's JSON documents.</summary>
    public sealed class ArmClient : IDisposable
    {
        private readonly ArmClientHandle handle;

        /// <summary>
        /// A client of <paramref name="subscriptionId"/>; <paramref name="endpoint"/> is https://host[:port]
        /// (null: the public cloud), <paramref name="scope"/> the token scope (null: Resource Manager's).
        /// </summary>
        public ArmClient(string subscriptionId, Credential credential, ClientOptions options = null, string endpoint = null,
                         string scope = null) =>
            handle = Native.WithNative(text =>
            {
                var n = Native.Defaults<ArmNative.NewNative>(ArmNative.kvb_arm_client_new_options_init);
                n.endpoint = text.Add(endpoint);
                n.scope = text.Add(scope);
                return n;
            }, n => Native.New(options, (out ArmClientHandle h, ref Native.ClientOptions o) =>
                ArmNative.kvb_arm_client_new(out h, Native.Utf8(subscriptionId), credential.Handle, ref o, n)));

        /// <summary>Create a vault and wait until it is provisioned (at most <paramref name="timeout"/>); the "vault" JSON.</summary>
        public string CreateVault(string resourceGroup, string vaultName, string location, string tenantId,
                                  VaultCreateOptions options = null, TimeSpan? timeout = null)
        {
            options = options ?? new VaultCreateOptions();
            return Native.WithNative(text =>
            {
                var o = Native.Defaults<ArmNative.VaultCreateNative>(ArmNative.kvb_vault_create_options_init);
                o.sku = text.Add(options.Sku);
                o.enable_rbac_authorization = options.EnableRbacAuthorization ? 1 : 0;
                o.soft_delete_retention_days = options.SoftDeleteRetentionDays;
                o.enable_purge_protection = Native.Flag(options.EnablePurgeProtection);
                o.public_network_access = text.Add(options.PublicNetworkAccess);
                o.tags = text.AddTags(options.Tags, out o.tag_count);
                return o;
            }, o => Native.TextOf((ref Native.KvbString s) => ArmNative.kvb_arm_client_create_vault(ref s, handle,
                Native.Utf8(resourceGroup), Native.Utf8(vaultName), Native.Utf8(location), Native.Utf8(tenantId), o,
                Native.Wait(timeout))));
        }

        public string GetVault(string resourceGroup, string vaultName) =>
            Native.TextOf((ref Native.KvbString s) =>
                ArmNative.kvb_arm_client_get_vault(ref s, handle, Native.Utf8(resourceGroup), Native.Utf8(vaultName)));

        /// <summary>Soft-delete a vault; false when there was none.</summary>
        public bool DeleteVault(string resourceGroup, string vaultName)
        {
            Native.Check(ArmNative.kvb_arm_client_delete_vault(out int deleted, handle, Native.Utf8(resourceGroup),
                                                               Native.Utf8(vaultName)));
            return deleted == 1;
        }

        /// <summary>The "vault name availability" JSON of a new vault's name.</summary>
        public string CheckVaultName(string vaultName) =>
            Native.TextOf((ref Native.KvbString s) => ArmNative.kvb_arm_client_check_vault_name(ref s, handle, Native.Utf8(vaultName)));

        /// <summary>The "role definition" JSON named <paramref name="roleName"/> at the scope; NotFoundException when none.</summary>
        public string FindRoleDefinition(string scope, string roleName) =>
            Native.TextOf((ref Native.KvbString s) =>
                ArmNative.kvb_arm_client_find_role_definition(ref s, handle, Native.Utf8(scope), Native.Utf8(roleName)));

        /// <summary>Give a principal a role (GUID or id) at a scope, idempotently; the "role assignment" JSON.</summary>
        public string CreateRoleAssignment(string scope, string principalId, string roleDefinition, string principalType = null,
                                           string description = null) =>
            Native.WithNative(text =>
            {
                var o = Native.Defaults<ArmNative.RoleAssignmentCreateNative>(ArmNative.kvb_role_assignment_create_options_init);
                o.principal_type = text.Add(principalType);
                o.description = text.Add(description);
                return o;
            }, o => Native.TextOf((ref Native.KvbString s) => ArmNative.kvb_arm_client_create_role_assignment(ref s, handle,
                Native.Utf8(scope), Native.Utf8(principalId), Native.Utf8(roleDefinition), o)));

        /// <summary>The "role assignment" JSON of every assignment of the principal that applies at the scope.</summary>
        public IEnumerable<string> ListRoleAssignments(string scope, string principalId) =>
            Native.JsonItems((out IntPtr p) =>
                ArmNative.kvb_arm_client_list_role_assignments(out p, handle, Native.Utf8(scope), Native.Utf8(principalId)));

        /// <summary>Delete a role assignment by name; false when there was none.</summary>
        public bool DeleteRoleAssignment(string scope, string assignmentName)
        {
            Native.Check(ArmNative.kvb_arm_client_delete_role_assignment(out int deleted, handle, Native.Utf8(scope),
                                                                         Native.Utf8(assignmentName)));
            return deleted == 1;
        }

        /// <summary>The caller's "permission set" JSON at the scope (see PermissionSetAllows).</summary>
        public string GetPermissions(string scope) =>
            Native.TextOf((ref Native.KvbString s) => ArmNative.kvb_arm_client_get_permissions(ref s, handle, Native.Utf8(scope)));

        /// <summary>Whether a "permission set" JSON allows an action (or, with <paramref name="dataAction"/>, a data action).</summary>
        public static bool PermissionSetAllows(string permissionsJson, string action, bool dataAction = false)
        {
            Native.Check(ArmNative.kvb_permission_set_allows(out int allowed, Native.Utf8(permissionsJson), Native.Utf8(action),
                                                             dataAction ? 1 : 0));
            return allowed == 1;
        }

        /// <summary>Create (or update) a user-assigned identity; its JSON (principalId, clientId, tenantId).</summary>
        public string CreateUserAssignedIdentity(string resourceGroup, string identityName, string location,
                                                 IDictionary<string, string> tags = null) =>
            Native.WithNative(text =>
            {
                var o = Native.Defaults<ArmNative.IdentityCreateNative>(ArmNative.kvb_identity_create_options_init);
                o.tags = text.AddTags(tags, out o.tag_count);
                return o;
            }, o => Native.TextOf((ref Native.KvbString s) => ArmNative.kvb_arm_client_create_user_assigned_identity(ref s,
                handle, Native.Utf8(resourceGroup), Native.Utf8(identityName), Native.Utf8(location), o)));

        public string GetUserAssignedIdentity(string resourceGroup, string identityName) =>
            Native.TextOf((ref Native.KvbString s) => ArmNative.kvb_arm_client_get_user_assigned_identity(ref s, handle,
                Native.Utf8(resourceGroup), Native.Utf8(identityName)));

        /// <summary>The "batch account" JSON (pool allocation mode, Key Vault reference, identity).</summary>
        public string GetBatchAccount(string resourceGroup, string accountName) =>
            Native.TextOf((ref Native.KvbString s) => ArmNative.kvb_arm_client_get_batch_account(ref s, handle,
                Native.Utf8(resourceGroup), Native.Utf8(accountName)));

        /// <summary>Create or replace a pool from its Resource Manager body; the pool as created.</summary>
        public string CreatePool(string resourceGroup, string accountName, string poolName, string poolJson) =>
            Native.TextOf((ref Native.KvbString s) => ArmNative.kvb_arm_client_create_pool(ref s, handle,
                Native.Utf8(resourceGroup), Native.Utf8(accountName), Native.Utf8(poolName), Native.Utf8(poolJson)));

        public string GetPool(string resourceGroup, string accountName, string poolName) =>
            Native.TextOf((ref Native.KvbString s) => ArmNative.kvb_arm_client_get_pool(ref s, handle,
                Native.Utf8(resourceGroup), Native.Utf8(accountName), Native.Utf8(poolName)));

        /// <summary>Resize a pool or switch it to an autoscale formula; the pool after the update.</summary>
        public string UpdatePool(string resourceGroup, string accountName, string poolName, ArmPoolUpdateOptions update) =>
            Native.WithNative(text =>
            {
                var o = Native.Defaults<ArmNative.PoolUpdateNative>(ArmNative.kvb_arm_pool_update_options_init);
                o.target_dedicated_nodes = update.TargetDedicatedNodes ?? -1;
                o.target_low_priority_nodes = update.TargetLowPriorityNodes ?? -1;
                o.resize_timeout = text.Add(update.ResizeTimeout);
                o.auto_scale_formula = text.Add(update.AutoScaleFormula);
                o.auto_scale_evaluation_interval = text.Add(update.AutoScaleEvaluationInterval);
                return o;
            }, o => Native.TextOf((ref Native.KvbString s) => ArmNative.kvb_arm_client_update_pool(ref s, handle,
                Native.Utf8(resourceGroup), Native.Utf8(accountName), Native.Utf8(poolName), o)));

        /// <summary>Delete a pool and wait until it is gone (at most <paramref name="timeout"/>).</summary>
        public void DeletePool(string resourceGroup, string accountName, string poolName, TimeSpan? timeout = null) =>
            Native.Check(ArmNative.kvb_arm_client_delete_pool(handle, Native.Utf8(resourceGroup), Native.Utf8(accountName),
                                                              Native.Utf8(poolName), Native.Wait(timeout)));

        public void Dispose() => handle.Dispose();
    }
}
