# SPDX-License-Identifier: MIT
"""Credentials beyond the client secret: client certificate, managed identity, environment,
the default chain, and the Batch shared key. All are kvbridge.Credential objects."""
import ctypes

from . import Credential, _b, _check, _fn, _lib

__all__ = ["ClientCertificateCredential", "ManagedIdentityCredential", "EnvironmentCredential",
           "DefaultAzureCredential", "SharedKeyCredential"]


class _ManagedIdentityOptions(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint), ("client_id", ctypes.c_char_p), ("object_id", ctypes.c_char_p),
                ("resource_id", ctypes.c_char_p), ("imds_endpoint", ctypes.c_char_p),
                ("identity_endpoint", ctypes.c_char_p), ("identity_header", ctypes.c_char_p),
                ("probe_timeout_ms", ctypes.c_uint32)]


class _DefaultOptions(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint), ("exclude_environment", ctypes.c_int),
                ("exclude_workload_identity", ctypes.c_int), ("exclude_managed_identity", ctypes.c_int),
                ("exclude_azure_cli", ctypes.c_int), ("managed_identity", ctypes.POINTER(_ManagedIdentityOptions)),
                ("workload_tenant_id", ctypes.c_char_p), ("workload_client_id", ctypes.c_char_p),
                ("workload_token_file_path", ctypes.c_char_p), ("azure_cli_tenant_id", ctypes.c_char_p),
                ("azure_cli_timeout_ms", ctypes.c_uint32)]


_vp, _cp = ctypes.c_void_p, ctypes.c_char_p
_out = ctypes.POINTER(_vp)
_fn("kvb_credential_new_client_certificate_file", [_out, _cp, _cp, _cp, _cp, ctypes.c_int, _vp])
_fn("kvb_credential_new_client_certificate", [_out, _cp, _cp, _cp, ctypes.c_size_t, _cp, ctypes.c_int, _vp])
_fn("kvb_managed_identity_options_init", [ctypes.POINTER(_ManagedIdentityOptions), ctypes.c_uint])
_fn("kvb_credential_new_managed_identity", [_out, ctypes.POINTER(_ManagedIdentityOptions), _vp])
_fn("kvb_credential_new_environment", [_out, _vp])
_fn("kvb_default_credential_options_init", [ctypes.POINTER(_DefaultOptions), ctypes.c_uint])
_fn("kvb_credential_new_default", [_out, ctypes.POINTER(_DefaultOptions), _vp])
_fn("kvb_credential_new_shared_key", [_out, _cp, _cp])


def _options_ref(options):
    return options._ref() if options else None


class ClientCertificateCredential(Credential):
    """A service principal authenticating with a certificate: give `certificate` (PEM or PFX bytes)
    or `certificate_path` (a PEM or PFX file), with `password` when the key or PFX has one."""

    def __init__(self, tenant_id, client_id, certificate=None, certificate_path=None, password=None,
                 send_certificate_chain=False, options=None):
        if (certificate is None) == (certificate_path is None):
            raise ValueError("give exactly one of certificate and certificate_path")
        self._handle = ctypes.c_void_p()
        self._options = options
        chain = 1 if send_certificate_chain else 0
        if certificate is not None:
            _check(_lib.kvb_credential_new_client_certificate(
                ctypes.byref(self._handle), _b(tenant_id), _b(client_id), bytes(certificate), len(certificate),
                _b(password), chain, _options_ref(options)))
        else:
            _check(_lib.kvb_credential_new_client_certificate_file(
                ctypes.byref(self._handle), _b(tenant_id), _b(client_id), _b(str(certificate_path)), _b(password),
                chain, _options_ref(options)))


def _managed_identity_struct(client_id=None, object_id=None, resource_id=None, imds_endpoint=None,
                             identity_endpoint=None, identity_header=None, probe_timeout_ms=0):
    s = _ManagedIdentityOptions()
    _check(_lib.kvb_managed_identity_options_init(ctypes.byref(s), 1))
    keep = [_b(client_id), _b(object_id), _b(resource_id), _b(imds_endpoint), _b(identity_endpoint),
            _b(identity_header)]
    (s.client_id, s.object_id, s.resource_id, s.imds_endpoint, s.identity_endpoint, s.identity_header) = keep
    s.probe_timeout_ms = probe_timeout_ms
    return s, keep


class ManagedIdentityCredential(Credential):
    """The host's managed identity (system-assigned, or user-assigned by one of the ids).
    Keyword arguments: client_id, object_id, resource_id, imds_endpoint, identity_endpoint,
    identity_header, probe_timeout_ms."""

    def __init__(self, options=None, **identity):
        self._handle = ctypes.c_void_p()
        self._options = options
        s, _keep = _managed_identity_struct(**identity)
        _check(_lib.kvb_credential_new_managed_identity(ctypes.byref(self._handle), ctypes.byref(s),
                                                        _options_ref(options)))


class EnvironmentCredential(Credential):
    """AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH
    (+ _PASSWORD), read when created; get_token() says what is missing."""

    def __init__(self, options=None):
        self._handle = ctypes.c_void_p()
        self._options = options
        _check(_lib.kvb_credential_new_environment(ctypes.byref(self._handle), _options_ref(options)))


class DefaultAzureCredential(Credential):
    """Environment, workload identity, managed identity, Azure CLI: the first that gives a token.
    `managed_identity` is a dict of ManagedIdentityCredential keyword arguments."""

    def __init__(self, options=None, exclude_environment=False, exclude_workload_identity=False,
                 exclude_managed_identity=False, exclude_azure_cli=False, managed_identity=None,
                 workload_tenant_id=None, workload_client_id=None, workload_token_file_path=None,
                 azure_cli_tenant_id=None, azure_cli_timeout_ms=0):
        self._handle = ctypes.c_void_p()
        self._options = options
        chain = _DefaultOptions()
        _check(_lib.kvb_default_credential_options_init(ctypes.byref(chain), 1))
        chain.exclude_environment = int(bool(exclude_environment))
        chain.exclude_workload_identity = int(bool(exclude_workload_identity))
        chain.exclude_managed_identity = int(bool(exclude_managed_identity))
        chain.exclude_azure_cli = int(bool(exclude_azure_cli))
        keep = [_b(workload_tenant_id), _b(workload_client_id), _b(workload_token_file_path),
                _b(azure_cli_tenant_id)]
        (chain.workload_tenant_id, chain.workload_client_id, chain.workload_token_file_path,
         chain.azure_cli_tenant_id) = keep
        chain.azure_cli_timeout_ms = azure_cli_timeout_ms
        if managed_identity is not None:
            mi, _keep_mi = _managed_identity_struct(**managed_identity)
            chain.managed_identity = ctypes.pointer(mi)
        _check(_lib.kvb_credential_new_default(ctypes.byref(self._handle), ctypes.byref(chain),
                                               _options_ref(options)))


class SharedKeyCredential(Credential):
    """Batch Shared Key (account name, base64 account key). Only the Batch client takes it."""

    def __init__(self, account_name, base64_key):
        self._handle = ctypes.c_void_p()
        _check(_lib.kvb_credential_new_shared_key(ctypes.byref(self._handle), _b(account_name), _b(base64_key)))
