# SPDX-License-Identifier: MIT
"""Azure Resource Manager through libkvbridge-c: Key Vault vaults, role definitions and
assignments, permissions, user-assigned identities, Batch accounts and pools. Resources come back
as the C ABI's JSON documents (arm.h), parsed into dicts."""
import ctypes

from . import (_TAG_FIELDS_C, _ClientOptions, _Handle, _Options, _String, _WaitOptions, _b, _call_json, _check, _fn, _flag,
               _json_arg, _json_pager, _lib, _ref, _tags, _wait)

__all__ = ["ArmClient", "KEY_VAULT_SECRETS_USER", "KEY_VAULT_CERTIFICATE_USER", "KEY_VAULT_CERTIFICATES_OFFICER",
           "KEY_VAULT_ADMINISTRATOR", "permission_set_allows"]

KEY_VAULT_SECRETS_USER = "4633458b-17de-408a-b874-0445c86b69e6"
KEY_VAULT_CERTIFICATE_USER = "db79e9a7-68ee-4b58-9aeb-b90e7c24fcba"
KEY_VAULT_CERTIFICATES_OFFICER = "a4417e6f-fecd-4de8-b567-7b0420556985"
KEY_VAULT_ADMINISTRATOR = "00482a5a-887f-4fb3-b363-3b7fe8e74483"

_vp, _cp, _int = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int
_out, _str, _pint = ctypes.POINTER(_vp), ctypes.POINTER(_String), ctypes.POINTER(_int)
_TAGS = _TAG_FIELDS_C


class _NewOptions(_Options):
    _init = "kvb_arm_client_new_options_init"
    _fields_ = [("version", ctypes.c_uint), ("endpoint", _cp), ("scope", _cp)]


class _VaultCreateOptions(_Options):
    _init = "kvb_vault_create_options_init"
    _fields_ = [("version", ctypes.c_uint), ("sku", _cp), ("enable_rbac_authorization", _int),
                ("soft_delete_retention_days", ctypes.c_int32), ("enable_purge_protection", _int),
                ("public_network_access", _cp)] + _TAGS


class _RoleAssignmentCreateOptions(_Options):
    _init = "kvb_role_assignment_create_options_init"
    _fields_ = [("version", ctypes.c_uint), ("principal_type", _cp), ("description", _cp)]


class _IdentityCreateOptions(_Options):
    _init = "kvb_identity_create_options_init"
    _fields_ = [("version", ctypes.c_uint)] + _TAGS


class _PoolUpdateOptions(_Options):
    _init = "kvb_arm_pool_update_options_init"
    _fields_ = [("version", ctypes.c_uint), ("target_dedicated_nodes", ctypes.c_int32),
                ("target_low_priority_nodes", ctypes.c_int32), ("resize_timeout", _cp),
                ("auto_scale_formula", _cp), ("auto_scale_evaluation_interval", _cp)]


_fn("kvb_arm_client_new", [_out, _cp, _vp, ctypes.POINTER(_ClientOptions), ctypes.POINTER(_NewOptions)])
_fn("kvb_arm_client_free", [_vp], None)
_fn("kvb_arm_client_create_vault", [_str, _vp, _cp, _cp, _cp, _cp, ctypes.POINTER(_VaultCreateOptions),
                                    ctypes.POINTER(_WaitOptions)])
_fn("kvb_arm_client_get_vault", [_str, _vp, _cp, _cp])
_fn("kvb_arm_client_delete_vault", [_pint, _vp, _cp, _cp])
_fn("kvb_arm_client_check_vault_name", [_str, _vp, _cp])
_fn("kvb_arm_client_find_role_definition", [_str, _vp, _cp, _cp])
_fn("kvb_arm_client_create_role_assignment", [_str, _vp, _cp, _cp, _cp,
                                              ctypes.POINTER(_RoleAssignmentCreateOptions)])
_fn("kvb_arm_client_list_role_assignments", [_out, _vp, _cp, _cp])
_fn("kvb_arm_client_delete_role_assignment", [_pint, _vp, _cp, _cp])
_fn("kvb_arm_client_get_permissions", [_str, _vp, _cp])
_fn("kvb_permission_set_allows", [_pint, _cp, _cp, _int])
_fn("kvb_arm_client_create_user_assigned_identity", [_str, _vp, _cp, _cp, _cp,
                                                     ctypes.POINTER(_IdentityCreateOptions)])
_fn("kvb_arm_client_get_user_assigned_identity", [_str, _vp, _cp, _cp])
_fn("kvb_arm_client_get_batch_account", [_str, _vp, _cp, _cp])
_fn("kvb_arm_client_create_pool", [_str, _vp, _cp, _cp, _cp, _cp])
_fn("kvb_arm_client_get_pool", [_str, _vp, _cp, _cp, _cp])
_fn("kvb_arm_client_update_pool", [_str, _vp, _cp, _cp, _cp, ctypes.POINTER(_PoolUpdateOptions)])
_fn("kvb_arm_client_delete_pool", [_vp, _cp, _cp, _cp, ctypes.POINTER(_WaitOptions)])


def _deleted(f, *args):
    """Call a delete `f(int *deleted, *args)`; True when something was deleted."""
    deleted = _int()
    _check(f(ctypes.byref(deleted), *args))
    return bool(deleted.value)


def permission_set_allows(permissions, action, data_action=False):
    """Whether the permission set dict (ArmClient.get_permissions()) allows `action`, or with
    `data_action` the data action `action`, wildcards and not-actions applied as Resource Manager does."""
    allowed = _int()
    _check(_lib.kvb_permission_set_allows(ctypes.byref(allowed), _json_arg(permissions), _b(action),
                                          int(bool(data_action))))
    return bool(allowed.value)


class ArmClient(_Handle):
    """Resource Manager calls in one subscription. `endpoint` is https://host[:port] (None: the
    public cloud), `scope` the token scope (None: https://management.azure.com/.default)."""

    _free = _lib.kvb_arm_client_free

    def __init__(self, subscription_id, credential, options=None, endpoint=None, scope=None):
        self._handle = ctypes.c_void_p()
        transport = None if options is None else options._ref()
        _check(_lib.kvb_arm_client_new(ctypes.byref(self._handle), _b(subscription_id), credential._handle, transport,
                                       _ref(_NewOptions.make(endpoint=endpoint, scope=scope))))

    def create_vault(self, resource_group, vault_name, location, tenant_id, sku=None, enable_rbac_authorization=True,
                     soft_delete_retention_days=None, enable_purge_protection=None, public_network_access=None,
                     tags=None, timeout=None):
        """Create a vault (RBAC authorization on by default) and wait until it is provisioned; the vault dict."""
        options = _VaultCreateOptions.make(
            sku=sku, enable_rbac_authorization=int(bool(enable_rbac_authorization)),
            soft_delete_retention_days=soft_delete_retention_days,
            enable_purge_protection=None if enable_purge_protection is None else _flag(enable_purge_protection),
            public_network_access=public_network_access, **_tags(tags))
        return _call_json(_lib.kvb_arm_client_create_vault, self._handle, _b(resource_group), _b(vault_name),
                          _b(location), _b(tenant_id), _ref(options), _wait(timeout))

    def get_vault(self, resource_group, vault_name):
        """The vault dict; NotFoundError when there is none."""
        return _call_json(_lib.kvb_arm_client_get_vault, self._handle, _b(resource_group), _b(vault_name))

    def delete_vault(self, resource_group, vault_name):
        """Soft-delete a vault; False when there was none."""
        return _deleted(_lib.kvb_arm_client_delete_vault, self._handle, _b(resource_group), _b(vault_name))

    def check_vault_name(self, vault_name):
        """{"nameAvailable": bool, "reason", "message"} for a new vault's name."""
        return _call_json(_lib.kvb_arm_client_check_vault_name, self._handle, _b(vault_name))

    def find_role_definition(self, scope, role_name):
        """The role definition dict named `role_name` at `scope`; NotFoundError when there is none."""
        return _call_json(_lib.kvb_arm_client_find_role_definition, self._handle, _b(scope), _b(role_name))

    def create_role_assignment(self, scope, principal_id, role_definition, principal_type=None, description=None):
        """Give `principal_id` the role (GUID or id) at `scope`; idempotent. The role assignment dict."""
        options = _RoleAssignmentCreateOptions.make(principal_type=principal_type, description=description)
        return _call_json(_lib.kvb_arm_client_create_role_assignment, self._handle, _b(scope), _b(principal_id),
                          _b(role_definition), _ref(options))

    def list_role_assignments(self, scope, principal_id):
        """Yield the role assignment dicts of `principal_id` that apply at `scope`."""
        return _json_pager(_lib.kvb_arm_client_list_role_assignments, self._handle, _b(scope), _b(principal_id))

    def delete_role_assignment(self, scope, assignment_name):
        """Delete a role assignment by name; False when there was none."""
        return _deleted(_lib.kvb_arm_client_delete_role_assignment, self._handle, _b(scope), _b(assignment_name))

    def get_permissions(self, scope):
        """The caller's permission set at `scope` (see permission_set_allows())."""
        return _call_json(_lib.kvb_arm_client_get_permissions, self._handle, _b(scope))

    def create_user_assigned_identity(self, resource_group, identity_name, location, tags=None):
        """Create (or update) a user-assigned identity; its dict (principalId, clientId, tenantId)."""
        options = _IdentityCreateOptions.make(**_tags(tags))
        return _call_json(_lib.kvb_arm_client_create_user_assigned_identity, self._handle, _b(resource_group),
                          _b(identity_name), _b(location), _ref(options))

    def get_user_assigned_identity(self, resource_group, identity_name):
        """The user-assigned identity dict."""
        return _call_json(_lib.kvb_arm_client_get_user_assigned_identity, self._handle, _b(resource_group),
                          _b(identity_name))

    def get_batch_account(self, resource_group, account_name):
        """The Batch account dict (pool allocation mode, Key Vault reference, identity)."""
        return _call_json(_lib.kvb_arm_client_get_batch_account, self._handle, _b(resource_group), _b(account_name))

    def create_pool(self, resource_group, account_name, pool_name, pool):
        """Create or replace a pool from its Resource Manager body (a dict); the pool as created."""
        return _call_json(_lib.kvb_arm_client_create_pool, self._handle, _b(resource_group), _b(account_name),
                          _b(pool_name), _json_arg(pool))

    def get_pool(self, resource_group, account_name, pool_name):
        """The pool as Resource Manager sends it."""
        return _call_json(_lib.kvb_arm_client_get_pool, self._handle, _b(resource_group), _b(account_name),
                          _b(pool_name))

    def update_pool(self, resource_group, account_name, pool_name, target_dedicated_nodes=None,
                    target_low_priority_nodes=None, resize_timeout=None, auto_scale_formula=None,
                    auto_scale_evaluation_interval=None):
        """Resize a pool, or switch it to an autoscale formula; the pool after the update."""
        options = _PoolUpdateOptions.make(
            target_dedicated_nodes=target_dedicated_nodes, target_low_priority_nodes=target_low_priority_nodes,
            resize_timeout=resize_timeout, auto_scale_formula=auto_scale_formula,
            auto_scale_evaluation_interval=auto_scale_evaluation_interval)
        return _call_json(_lib.kvb_arm_client_update_pool, self._handle, _b(resource_group), _b(account_name),
                          _b(pool_name), _ref(options))

    def delete_pool(self, resource_group, account_name, pool_name, timeout=None):
        """Delete a pool and wait until it is gone."""
        _check(_lib.kvb_arm_client_delete_pool(self._handle, _b(resource_group), _b(account_name), _b(pool_name),
                                               _wait(timeout)))
