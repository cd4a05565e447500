# SPDX-License-Identifier: MIT
"""Credentials beyond the client secret: client certificate, managed identity, environment,
the default chain, and the Batch shared key. All are kvbridge.Credential objects."""
import ctypes

from . import Credential, _Options, _b, _check, _fn, _lib, _ref

__all__ = ["ClientCertificateCredential", "ManagedIdentityCredential", "EnvironmentCredential",
           "DefaultAzureCredential", "SharedKeyCredential"]


class _ClientCertificateOptions(_Options):
    _init = "kvb_client_certificate_options_init"
    _fields_ = [("version", ctypes.c_uint), ("password", ctypes.c_char_p), ("send_chain", ctypes.c_int)]


class _ManagedIdentityOptions(_Options):
    _init = "kvb_managed_identity_options_init"
    _fields_ = [("version", ctypes.c_uint), ("client_id", ctypes.c_char_p), ("object_id", ctypes.c_char_p),
                ("resource_id", ctypes.c_char_p), ("imds_endpoint", ctypes.c_char_p),
                ("identity_endpoint", ctypes.c_char_p), ("identity_header", ctypes.c_char_p),
                ("probe_timeout_ms", ctypes.c_uint32)]


class _DefaultOptions(_Options):
    _init = "kvb_default_credential_options_init"
    _fields_ = [("version", ctypes.c_uint), ("exclude_environment", ctypes.c_int),
                ("exclude_workload_identity", ctypes.c_int), ("exclude_managed_identity", ctypes.c_int),
                ("exclude_azure_cli", ctypes.c_int), ("managed_identity", ctypes.POINTER(_ManagedIdentityOptions)),
                ("workload_tenant_id", ctypes.c_char_p), ("workload_client_id", ctypes.c_char_p),
                ("workload_token_file_path", ctypes.c_char_p), ("azure_cli_tenant_id", ctypes.c_char_p),
                ("azure_cli_timeout_ms", ctypes.c_uint32)]


_vp, _cp = ctypes.c_void_p, ctypes.c_char_p
_out = ctypes.POINTER(_vp)
_certificate = ctypes.POINTER(_ClientCertificateOptions)
_fn("kvb_credential_new_client_certificate_file", [_out, _cp, _cp, _cp, _certificate, _vp])
_fn("kvb_credential_new_client_certificate", [_out, _cp, _cp, _cp, ctypes.c_size_t, _certificate, _vp])
_fn("kvb_credential_new_managed_identity", [_out, ctypes.POINTER(_ManagedIdentityOptions), _vp])
_fn("kvb_credential_new_environment", [_out, _vp])
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
        how = _ref(_ClientCertificateOptions.make(password=password, send_chain=int(bool(send_certificate_chain))))
        if certificate is not None:
            _check(_lib.kvb_credential_new_client_certificate(
                ctypes.byref(self._handle), _b(tenant_id), _b(client_id), bytes(certificate), len(certificate), how,
                _options_ref(options)))
        else:
            _check(_lib.kvb_credential_new_client_certificate_file(
                ctypes.byref(self._handle), _b(tenant_id), _b(client_id), _b(str(certificate_path)), how,
                _options_ref(options)))


def _managed_identity_struct(client_id=None, object_id=None, resource_id=None, imds_endpoint=None,
                             identity_endpoint=None, identity_header=None, probe_timeout_ms=0):
    return _ManagedIdentityOptions.make(client_id=client_id, object_id=object_id, resource_id=resource_id,
                                        imds_endpoint=imds_endpoint, identity_endpoint=identity_endpoint,
                                        identity_header=identity_header, probe_timeout_ms=probe_timeout_ms)


class ManagedIdentityCredential(Credential):
    """The host's managed identity (system-assigned, or user-assigned by one of the ids).
    Keyword arguments: client_id, object_id, resource_id, imds_endpoint, identity_endpoint,
    identity_header, probe_timeout_ms."""

    def __init__(self, options=None, **identity):
        self._handle = ctypes.c_void_p()
        self._options = options
        _check(_lib.kvb_credential_new_managed_identity(ctypes.byref(self._handle),
                                                        _ref(_managed_identity_struct(**identity)),
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
        chain = _DefaultOptions.make(
            exclude_environment=int(bool(exclude_environment)),
            exclude_workload_identity=int(bool(exclude_workload_identity)),
            exclude_managed_identity=int(bool(exclude_managed_identity)), exclude_azure_cli=int(bool(exclude_azure_cli)),
            workload_tenant_id=workload_tenant_id, workload_client_id=workload_client_id,
            workload_token_file_path=workload_token_file_path, azure_cli_tenant_id=azure_cli_tenant_id,
            azure_cli_timeout_ms=azure_cli_timeout_ms,
            managed_identity=None if managed_identity is None else ctypes.pointer(
                _managed_identity_struct(**managed_identity)))
        _check(_lib.kvb_credential_new_default(ctypes.byref(self._handle), ctypes.byref(chain),
                                               _options_ref(options)))


class SharedKeyCredential(Credential):
    """Batch Shared Key (account name, base64 account key). Only the Batch client takes it."""

    def __init__(self, account_name, base64_key):
        self._handle = ctypes.c_void_p()
        _check(_lib.kvb_credential_new_shared_key(ctypes.byref(self._handle), _b(account_name), _b(base64_key)))
