# SPDX-License-Identifier: MIT
"""kvbridge for Python: a ctypes binding of libkvbridge-c (standard library only).

The library is KVBRIDGE_LIBRARY (a path) when set, else the libkvbridge-c.so.0 that a wheel
(`pip install .`) carries inside this package, else the system's (found by the dynamic loader
by its soname, so the runtime package is enough). Errors raise KvbError subclasses carrying
status, http_status, service_code, message, request_id and client_request_id.
"""
import ctypes
import json
import os

__all__ = [
    "KvbError", "InvalidArgumentError", "TransportError", "ServiceError", "NotFoundError",
    "ConflictError", "ThrottledError", "CertificateRetiredError", "AuthenticationError",
    "ParseError", "CryptoError", "CancelledError", "WrongHandleError", "OperationTimeoutError",
    "ClientOptions", "Credential", "ClientSecretCredential", "SecretClient", "Secret", "Attributes", "thumbprints",
    "hex_to_x5t", "x5t_to_hex",
    "version", "ABI_VERSION", "set_log_handler",
]

__version__ = "0.1.0"
ABI_VERSION = 0


class KvbError(Exception):
    """A failed kvbridge call, with the fields of kvb_error_last()."""

    def __init__(self, status, http_status, service_code, message, request_id, client_request_id):
        super().__init__(message)
        self.status = status
        self.http_status = http_status
        self.service_code = service_code
        self.message = message
        self.request_id = request_id
        self.client_request_id = client_request_id


class InvalidArgumentError(KvbError):
    """A bad argument, refused before any request was sent (KVB_E_INVALID_ARGUMENT)."""
class TransportError(KvbError):
    """The request did not get an answer: connection, TLS or timeout (KVB_E_TRANSPORT)."""
class ServiceError(KvbError):
    """The service answered with an error status; http_status and service_code say which."""
class NotFoundError(ServiceError):
    """The service answered 404: no such object (or version)."""
class ConflictError(ServiceError):
    """The service answered 409: the object exists, or is being deleted or recovered."""
class ThrottledError(ServiceError):
    """The service answered 429 and retries did not get through."""
class CertificateRetiredError(ServiceError):
    """Batch answered CertificateRetired: its certificate API is gone for this account."""
class AuthenticationError(KvbError):
    """No token could be had, or the service's authentication challenge was refused."""
class ParseError(KvbError):
    """An answer, or a JSON document given to the library, could not be read."""
class CryptoError(KvbError):
    """Key material could not be used: wrong password, bad PFX or PEM, thumbprint mismatch."""
class CancelledError(KvbError):
    """Cancelled by the caller (e.g. a progress callback) or past its deadline."""
class WrongHandleError(KvbError):
    """A NULL handle, one of another kind, or one already closed was passed."""


class OperationTimeoutError(KvbError, TimeoutError):
    """A wait for a long-running operation passed its `timeout`; the operation goes on at the
    service (look at it again later). The message names it and how long the wait lasted."""


_ERRORS = {
    -1: InvalidArgumentError, -2: TransportError, -3: ServiceError, -4: NotFoundError,
    -5: ConflictError, -6: ThrottledError, -7: CertificateRetiredError, -8: AuthenticationError,
    -9: ParseError, -10: CryptoError, -11: CancelledError, -13: WrongHandleError, -15: OperationTimeoutError,
}


class _Error(ctypes.Structure):
    _fields_ = [("status", ctypes.c_int), ("http_status", ctypes.c_int),
                ("service_code", ctypes.c_char_p), ("message", ctypes.c_char_p),
                ("request_id", ctypes.c_char_p), ("client_request_id", ctypes.c_char_p)]


class _String(ctypes.Structure):
    _fields_ = [("ptr", ctypes.c_void_p), ("size", ctypes.c_size_t)]


class _Options(ctypes.Structure):
    """Base of the kvb_*_options structs: `_init` names the C function that fills the defaults,
    `_version` the version this binding knows."""

    _init = None
    _version = 1

    @classmethod
    def make(cls, **fields):
        """The defaults (from the struct's _init), then `fields`; a field given None keeps its default.
        Text is UTF-8 encoded; the struct keeps what its pointers point to alive."""
        if "_init_fn" not in cls.__dict__:  # declared once per struct, on its first use
            cls._init_fn = _fn(cls._init, [ctypes.POINTER(cls), ctypes.c_uint])
        o = cls()
        _check(cls._init_fn(ctypes.byref(o), cls._version))
        for name, value in fields.items():
            if value is not None:
                setattr(o, name, value.encode("utf-8") if isinstance(value, str) else value)
        return o


_UNSET = -1  # KVB_UNSET


def _flag(value):
    """An optional yes/no field: None is KVB_UNSET."""
    return _UNSET if value is None else int(bool(value))


def _ref(options):
    """A struct by reference for a C call."""
    return ctypes.byref(options)


class _ClientOptions(_Options):
    _init = "kvb_client_options_init"
    _version = 2
    _fields_ = [("version", ctypes.c_uint), ("ca_file", ctypes.c_char_p), ("ca_path", ctypes.c_char_p),
                ("verify_tls", ctypes.c_int), ("proxy", ctypes.c_char_p),
                ("proxy_username", ctypes.c_char_p), ("proxy_password", ctypes.c_char_p),
                ("connect_timeout_ms", ctypes.c_uint32), ("timeout_ms", ctypes.c_uint32),
                ("connect_to", ctypes.POINTER(ctypes.c_char_p)), ("connect_to_count", ctypes.c_size_t),
                ("max_retries", ctypes.c_int32), ("retry_base_delay_ms", ctypes.c_uint32),
                ("retry_max_delay_ms", ctypes.c_uint32), ("application_id", ctypes.c_char_p),
                ("api_version", ctypes.c_char_p), ("disable_challenge_resource_verification", ctypes.c_int),
                ("authority_host", ctypes.c_char_p),
                ("total_timeout_ms", ctypes.c_uint32), ("http2", ctypes.c_int),
                ("max_idle_connections", ctypes.c_uint32)]


class _ListOptions(_Options):
    _init = "kvb_keyvault_list_options_init"
    _fields_ = [("version", ctypes.c_uint), ("max_results", ctypes.c_int32)]


class _WaitOptions(_Options):
    _init = "kvb_operation_wait_options_init"
    _fields_ = [("version", ctypes.c_uint), ("interval_ms", ctypes.c_uint32), ("timeout_ms", ctypes.c_uint32)]


class _Tag(ctypes.Structure):
    _fields_ = [("name", ctypes.c_char_p), ("value", ctypes.c_char_p)]


# The fields of the Key Vault options structs that set tags, and attributes and tags, in their C order.
_TAG_FIELDS_C = [("tags", ctypes.POINTER(_Tag)), ("tag_count", ctypes.c_size_t)]
_ATTRIBUTE_FIELDS_C = [("enabled", ctypes.c_int), ("not_before", ctypes.c_int64),
                       ("expires_on", ctypes.c_int64)] + _TAG_FIELDS_C


class _SecretSetOptions(_Options):
    _init = "kvb_secret_set_options_init"
    _fields_ = [("version", ctypes.c_uint), ("content_type", ctypes.c_char_p)] + _ATTRIBUTE_FIELDS_C


class _SecretUpdateOptions(_Options):
    _init = "kvb_secret_update_options_init"
    _fields_ = _SecretSetOptions._fields_


class _SecretGetOptions(_Options):
    _init = "kvb_secret_get_options_init"
    _fields_ = [("version", ctypes.c_uint), ("out_content_type", ctypes.c_char_p)]


class _Thumbprints(ctypes.Structure):
    _fields_ = [("sha1_hex", ctypes.c_char * 41), ("x5t", ctypes.c_char * 29),
                ("sha256_hex", ctypes.c_char * 65), ("has_private_key", ctypes.c_int)]


def _library_path():
    """KVBRIDGE_LIBRARY, else the copy inside this package (a wheel), else the soname for the loader."""
    soname = "libkvbridge-c.so.%d" % ABI_VERSION
    bundled = os.path.join(os.path.dirname(os.path.abspath(__file__)), soname)
    return os.environ.get("KVBRIDGE_LIBRARY") or (bundled if os.path.isfile(bundled) else soname)


def _load():
    lib = ctypes.CDLL(_library_path())
    lib.kvb_error_last.restype = ctypes.POINTER(_Error)
    lib.kvb_version_string.restype = ctypes.c_char_p
    lib.kvb_abi_version.restype = ctypes.c_int
    lib.kvb_string_dispose.argtypes = [ctypes.POINTER(_String)]
    lib.kvb_string_dispose.restype = None
    lib.kvb_credential_new_client_secret.argtypes = [ctypes.POINTER(ctypes.c_void_p), ctypes.c_char_p,
                                                     ctypes.c_char_p, ctypes.c_char_p,
                                                     ctypes.POINTER(_ClientOptions)]
    lib.kvb_credential_free.argtypes = [ctypes.c_void_p]
    lib.kvb_credential_free.restype = None
    lib.kvb_credential_get_token.argtypes = [ctypes.POINTER(_String), ctypes.POINTER(ctypes.c_int64),
                                             ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p]
    vp, cp = ctypes.c_void_p, ctypes.c_char_p
    lib.kvb_secret_client_new.argtypes = [ctypes.POINTER(vp), cp, vp, ctypes.POINTER(_ClientOptions)]
    lib.kvb_secret_client_set_secret.argtypes = [ctypes.POINTER(vp), vp, cp, cp, ctypes.POINTER(_SecretSetOptions)]
    lib.kvb_secret_client_get_secret.argtypes = [ctypes.POINTER(vp), vp, cp, cp, ctypes.POINTER(_SecretGetOptions)]
    for getter in ("value", "id", "name", "version", "content_type"):
        f = getattr(lib, "kvb_secret_" + getter)
        f.argtypes, f.restype = [vp], cp
    lib.kvb_secret_client_delete_secret.argtypes = [ctypes.POINTER(_String), vp, cp, ctypes.POINTER(_WaitOptions)]
    lib.kvb_secret_client_purge_deleted_secret.argtypes = [vp, cp]
    for free in ("kvb_secret_client_free", "kvb_secret_free"):
        getattr(lib, free).argtypes, getattr(lib, free).restype = [vp], None
    lib.kvb_pki_thumbprints.argtypes = [ctypes.POINTER(_Thumbprints), ctypes.c_char_p, ctypes.c_size_t,
                                        ctypes.c_char_p]
    lib.kvb_pki_hex_to_x5t.argtypes = [ctypes.POINTER(_String), ctypes.c_char_p]
    lib.kvb_pki_x5t_to_hex.argtypes = [ctypes.POINTER(_String), ctypes.c_char_p]
    lib.kvb_json_pager_next.argtypes = [ctypes.POINTER(_String), vp]
    lib.kvb_json_pager_free.argtypes, lib.kvb_json_pager_free.restype = [vp], None
    if lib.kvb_abi_version() != ABI_VERSION:
        raise ImportError("libkvbridge-c ABI %d, this binding needs %d" % (lib.kvb_abi_version(), ABI_VERSION))
    return lib


_lib = _load()


def _text(value):
    return value.decode("utf-8") if value else ""


def _check(status):
    if status >= 0:
        return status
    e = _lib.kvb_error_last().contents
    cls = _ERRORS.get(e.status, KvbError)
    raise cls(e.status, e.http_status, _text(e.service_code), _text(e.message), _text(e.request_id),
              _text(e.client_request_id))


def _take_string(s):
    """Copy a kvb_string out and dispose (wipe) it."""
    try:
        return ctypes.string_at(s.ptr, s.size).decode("utf-8") if s.ptr else ""
    finally:
        _lib.kvb_string_dispose(ctypes.byref(s))


def _b(text):
    return None if text is None else text.encode("utf-8")


def _take_bytes(s):
    """Copy the bytes of a kvb_string out and dispose (wipe) it."""
    try:
        return ctypes.string_at(s.ptr, s.size) if s.ptr else b""
    finally:
        _lib.kvb_string_dispose(ctypes.byref(s))


def _fn(name, argtypes, restype=ctypes.c_int):
    """Declare the signature of C function `name` and return it."""
    f = getattr(_lib, name)
    f.argtypes, f.restype = argtypes, restype
    return f


def _json_arg(document):
    """A dict (or None) as the JSON text a C call takes."""
    return None if document is None else json.dumps(document).encode("utf-8")


def _call_json(f, *args):
    """Call `f(kvb_string*, *args)` and return the JSON it filled, parsed."""
    s = _String()
    _check(f(ctypes.byref(s), *args))
    return json.loads(_take_string(s))


def _json_pager(start, *args):
    """Start a kvb_json_pager with `start(&pager, *args)` and yield each item as a dict."""
    pager = ctypes.c_void_p()
    _check(start(ctypes.byref(pager), *args))
    try:
        while True:
            s = _String()
            if _check(_lib.kvb_json_pager_next(ctypes.byref(s), pager)) != 0:
                return
            yield json.loads(_take_string(s))
    finally:
        _lib.kvb_json_pager_free(pager)


def _list_options(max_results):
    """A kvb_keyvault_list_options reference for `max_results` (None: the service's page size)."""
    return _ref(_ListOptions.make(max_results=max_results))


class Attributes:
    """The attributes of a secret, key or certificate: enabled (bool), not_before, expires_on,
    created_on, updated_on (Unix seconds), recoverable_days (int) and recovery_level (str);
    each None when the service did not send it."""

    __slots__ = ("enabled", "not_before", "expires_on", "created_on", "updated_on", "recoverable_days",
                 "recovery_level")

    def __repr__(self):
        return "Attributes(%s)" % ", ".join("%s=%r" % (f, getattr(self, f)) for f in self.__slots__)


# In the order of the KVB_ATTRIBUTE_* values.
_ATTRIBUTE_FIELDS = ("enabled", "not_before", "expires_on", "created_on", "updated_on", "recoverable_days",
                     "managed")


def _read_properties(native, kind):
    """(Attributes, tags dict, managed) of a native kvb_secret, kvb_key or kvb_certificate (`kind`);
    managed is None for certificates, which have no such attribute."""
    values = {}
    for which, field in enumerate(_ATTRIBUTE_FIELDS):
        value, present = ctypes.c_int64(), ctypes.c_int()
        _check(getattr(_lib, "kvb_%s_attribute" % kind)(ctypes.byref(value), ctypes.byref(present), native, which))
        values[field] = value.value if present.value else None
    attributes = Attributes()
    for field in Attributes.__slots__[:-1]:
        setattr(attributes, field, values[field])
    if attributes.enabled is not None:
        attributes.enabled = bool(attributes.enabled)
    attributes.recovery_level = _text(getattr(_lib, "kvb_%s_recovery_level" % kind)(native)) or None
    tags = {}
    for index in range(getattr(_lib, "kvb_%s_tag_count" % kind)(native)):
        name, value = ctypes.c_char_p(), ctypes.c_char_p()
        _check(getattr(_lib, "kvb_%s_tag" % kind)(ctypes.byref(name), ctypes.byref(value), native, index))
        tags[_text(name.value)] = _text(value.value)
    managed = values["managed"]
    return attributes, tags, None if managed is None else bool(managed)


_NO_LIMIT_MS = 0xFFFFFFFF


def _wait(timeout):
    """kvb_operation_wait_options for a wait of at most `timeout` seconds (None: the library's
    default, 10 minutes; math.inf: no limit), passed by reference."""
    if timeout is not None and not timeout >= 0:  # NaN too
        raise ValueError("timeout must be a number of seconds >= 0, or None")
    timeout_ms = None if timeout is None else _NO_LIMIT_MS if timeout * 1000 >= _NO_LIMIT_MS else round(timeout * 1000)
    return _ref(_WaitOptions.make(timeout_ms=timeout_ms))


def _tags(tags):
    """The tags and tag_count fields of a Key Vault options struct for a dict (None: not given; {}:
    no tags, which in an update removes them all)."""
    if tags is None:
        return {}
    return {"tags": (_Tag * max(1, len(tags)))(*[_Tag(_b(k), _b(v)) for k, v in tags.items()]),
            "tag_count": len(tags)}


def _attributes(enabled=None, not_before=None, expires_on=None, tags=None):
    """The attribute and tag fields of a Key Vault options struct from keyword arguments (None:
    not given); times as Unix seconds, tags a dict."""
    return dict(enabled=_flag(enabled), not_before=not_before, expires_on=expires_on, **_tags(tags))


def version():
    """Version of the loaded library, e.g. '0.1.0'."""
    return _text(_lib.kvb_version_string())


_LogCallback = ctypes.CFUNCTYPE(None, ctypes.c_int, ctypes.c_void_p, ctypes.c_size_t, ctypes.c_void_p)
_kvb_set_log_callback = _fn("kvb_set_log_callback", [_LogCallback, ctypes.c_int, ctypes.c_void_p])
_log_callback = None  # kept alive while the library may call it


def set_log_handler(handler, min_level=1):
    """Send log lines at min_level (0 verbose .. 3 error) and above to handler(level, line);
    None turns logging off. Lines never hold secrets."""
    global _log_callback
    callback = None
    if handler is not None:
        callback = _LogCallback(lambda level, message, length, _: handler(
            level, ctypes.string_at(message, length).decode("utf-8", "replace")))
    _check(_kvb_set_log_callback(callback if callback else _LogCallback(), min_level, None))
    _log_callback = callback


class ClientOptions:
    """Every field of kvb_client_options (version 2): CA file/dir, TLS verification, proxy and its
    credentials, timeouts, connect_to mappings, retries, application id, api version, challenge
    verification, authority host, HTTP/2, idle connections. 0 or None means the library's default."""

    def __init__(self, ca_file=None, proxy=None, connect_timeout_ms=0, timeout_ms=0, connect_to=(),
                 max_retries=-1, application_id=None, api_version=None, authority_host=None,
                 disable_challenge_resource_verification=False, total_timeout_ms=0, http2=True,
                 max_idle_connections=0, ca_path=None, proxy_username=None, proxy_password=None,
                 verify_tls=True, retry_base_delay_ms=0, retry_max_delay_ms=0):
        self._struct = _ClientOptions.make(
            ca_file=ca_file, ca_path=ca_path, verify_tls=int(bool(verify_tls)), proxy=proxy,
            proxy_username=proxy_username, proxy_password=proxy_password, connect_timeout_ms=connect_timeout_ms,
            timeout_ms=timeout_ms, connect_to=(ctypes.c_char_p * max(1, len(connect_to)))(*[_b(c) for c in connect_to]),
            connect_to_count=len(connect_to), max_retries=max_retries, retry_base_delay_ms=retry_base_delay_ms,
            retry_max_delay_ms=retry_max_delay_ms, application_id=application_id, api_version=api_version,
            disable_challenge_resource_verification=int(bool(disable_challenge_resource_verification)),
            authority_host=authority_host, total_timeout_ms=total_timeout_ms, http2=int(bool(http2)),
            max_idle_connections=max_idle_connections)

    def _ref(self):
        return ctypes.byref(self._struct)


class _Handle:
    """A native handle released once by close(), the context manager or the garbage collector."""

    _free = None

    def close(self):
        """Release the native handle now (idempotent); the object is unusable afterwards."""
        if self._handle:
            type(self)._free(self._handle)
            self._handle = ctypes.c_void_p()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        self.close()


class Credential(_Handle):
    """Base of every credential (a kvb_credential). Use as a context manager or call close()."""

    _free = _lib.kvb_credential_free
    TOKEN = 0
    SHARED_KEY = 1

    @property
    def kind(self):
        """Credential.TOKEN (Entra ID bearer tokens) or Credential.SHARED_KEY (Batch only)."""
        kind = ctypes.c_int()
        _check(_lib.kvb_credential_kind(ctypes.byref(kind), self._handle))
        return kind.value

    def get_token(self, scope, tenant_id=None):
        """Return (token, expires_on_unix_seconds)."""
        s = _String()
        expires = ctypes.c_int64()
        _check(_lib.kvb_credential_get_token(ctypes.byref(s), ctypes.byref(expires), self._handle, _b(scope),
                                             _b(tenant_id)))
        return _take_string(s), expires.value


class ClientSecretCredential(Credential):
    """Entra ID client secret credential."""

    def __init__(self, tenant_id, client_id, client_secret, options=None):
        self._handle = ctypes.c_void_p()
        self._options = options
        _check(_lib.kvb_credential_new_client_secret(ctypes.byref(self._handle), _b(tenant_id), _b(client_id),
                                                     _b(client_secret), options._ref() if options else None))


class Secret:
    """A fetched secret: id, name, version, value, content_type ("" when none), attributes
    (Attributes), tags (dict) and managed (True for the secret behind a certificate)."""

    __slots__ = ("id", "name", "version", "value", "content_type", "attributes", "tags", "managed")

    def __init__(self, native):
        # Copy out, then free the native secret at once so its value is wiped.
        try:
            for field in ("id", "name", "version", "value", "content_type"):
                setattr(self, field, _text(getattr(_lib, "kvb_secret_" + field)(native)))
            self.attributes, self.tags, self.managed = _read_properties(native, "secret")
        finally:
            _lib.kvb_secret_free(native)

    def __repr__(self):
        return "Secret(name=%r, version=%r)" % (self.name, self.version)


class SecretClient(_Handle):
    """The secrets of one Key Vault. Use as a context manager or call close()."""

    _free = _lib.kvb_secret_client_free

    def __init__(self, vault_url, credential, options=None):
        self._handle = ctypes.c_void_p()
        _check(_lib.kvb_secret_client_new(ctypes.byref(self._handle), _b(vault_url), credential._handle,
                                          options._ref() if options else None))

    def set_secret(self, name, value, content_type=None, **attributes):
        """Create secret `name` (or a new version); return the stored Secret.

        Keyword arguments: enabled, not_before, expires_on (Unix seconds), tags (dict)."""
        out = ctypes.c_void_p()
        options = _SecretSetOptions.make(content_type=content_type, **_attributes(**attributes))
        _check(_lib.kvb_secret_client_set_secret(ctypes.byref(out), self._handle, _b(name), _b(value), _ref(options)))
        return Secret(out)

    def get_secret(self, name, version=None, out_content_type=None):
        """The Secret `name` (latest version when `version` is None); out_content_type
        "application/x-pem-file" reads a certificate's PFX secret as PEM."""
        out = ctypes.c_void_p()
        options = _SecretGetOptions.make(out_content_type=out_content_type)
        _check(_lib.kvb_secret_client_get_secret(ctypes.byref(out), self._handle, _b(name), _b(version),
                                                 _ref(options)))
        return Secret(out)

    def update_secret_properties(self, name, version=None, content_type=None, **attributes):
        """Change content type, enabled, not_before, expires_on or tags; return the properties as a dict."""
        update = _SecretUpdateOptions.make(content_type=content_type, **_attributes(**attributes))
        return _call_json(_lib.kvb_secret_client_update_secret_properties, self._handle, _b(name), _b(version),
                          _ref(update))

    def list_secret_properties(self, max_results=None):
        """Yield the latest properties of every secret (dicts, no values); `max_results` items per page."""
        return _json_pager(_lib.kvb_secret_client_list_secrets, self._handle, _list_options(max_results))

    def list_secret_versions(self, name, max_results=None):
        """Yield the properties of every version of `name`."""
        return _json_pager(_lib.kvb_secret_client_list_secret_versions, self._handle, _b(name),
                           _list_options(max_results))

    def get_deleted_secret(self, name):
        """The soft-deleted secret `name` as a dict."""
        return _call_json(_lib.kvb_secret_client_get_deleted_secret, self._handle, _b(name))

    def list_deleted_secrets(self, max_results=None):
        """Yield every soft-deleted secret (dicts)."""
        return _json_pager(_lib.kvb_secret_client_list_deleted_secrets, self._handle, _list_options(max_results))

    def recover_deleted_secret(self, name, timeout=None):
        """Recover `name`, wait (at most `timeout` seconds; None: 10 minutes) until it can be read;
        return its properties. Raises OperationTimeoutError when the wait runs out."""
        return _call_json(_lib.kvb_secret_client_recover_deleted_secret, self._handle, _b(name), _wait(timeout))

    def backup_secret(self, name):
        """Every version of `name` as an opaque blob (bytes)."""
        s = _String()
        _check(_lib.kvb_secret_client_backup_secret(ctypes.byref(s), self._handle, _b(name)))
        return _take_bytes(s)

    def restore_secret_backup(self, backup):
        """Restore a backup_secret() blob; return the properties."""
        return _call_json(_lib.kvb_secret_client_restore_secret_backup, self._handle, backup, len(backup))

    def list_secret_names(self):
        """Yield the names of the vault's secrets, fetching pages as iteration goes."""
        return (properties["name"] for properties in self.list_secret_properties())

    def delete_secret(self, name, timeout=None):
        """Delete secret `name` and wait (at most `timeout` seconds; None: 10 minutes) until the
        deletion is done; return the deleted secret (dict). Raises OperationTimeoutError when the
        wait runs out."""
        return _call_json(_lib.kvb_secret_client_delete_secret, self._handle, _b(name), _wait(timeout))

    def purge_deleted_secret(self, name):
        """Remove soft-deleted secret `name` for good."""
        _check(_lib.kvb_secret_client_purge_deleted_secret(self._handle, _b(name)))


def thumbprints(data, password=None):
    """Thumbprints of the leaf certificate in PFX/PEM/DER bytes: dict sha1_hex, x5t, sha256_hex, has_private_key."""
    t = _Thumbprints()
    _check(_lib.kvb_pki_thumbprints(ctypes.byref(t), data, len(data), _b(password)))
    return {"sha1_hex": _text(t.sha1_hex), "x5t": _text(t.x5t), "sha256_hex": _text(t.sha256_hex),
            "has_private_key": bool(t.has_private_key)}


def hex_to_x5t(thumbprint_hex):
    """The x5t (base64url SHA-1) of a hexadecimal SHA-1 thumbprint."""
    s = _String()
    _check(_lib.kvb_pki_hex_to_x5t(ctypes.byref(s), _b(thumbprint_hex)))
    return _take_string(s)


def x5t_to_hex(x5t):
    """The hexadecimal SHA-1 thumbprint (upper case) of an x5t."""
    s = _String()
    _check(_lib.kvb_pki_x5t_to_hex(ctypes.byref(s), _b(x5t)))
    return _take_string(s)


_vp, _cp, _sp = ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(_String)
_fn("kvb_credential_kind", [ctypes.POINTER(ctypes.c_int), _vp])
_lo = ctypes.POINTER(_ListOptions)
_fn("kvb_secret_client_update_secret_properties", [_sp, _vp, _cp, _cp, ctypes.POINTER(_SecretUpdateOptions)])
_fn("kvb_secret_client_list_secrets", [ctypes.POINTER(_vp), _vp, _lo])
_fn("kvb_secret_client_list_secret_versions", [ctypes.POINTER(_vp), _vp, _cp, _lo])
_fn("kvb_secret_client_get_deleted_secret", [_sp, _vp, _cp])
_fn("kvb_secret_client_list_deleted_secrets", [ctypes.POINTER(_vp), _vp, _lo])
_fn("kvb_secret_client_recover_deleted_secret", [_sp, _vp, _cp, ctypes.POINTER(_WaitOptions)])
_fn("kvb_secret_client_backup_secret", [_sp, _vp, _cp])
_fn("kvb_secret_client_restore_secret_backup", [_sp, _vp, _cp, ctypes.c_size_t])

for _kind in ("secret", "key", "certificate"):
    _fn("kvb_%s_attribute" % _kind, [ctypes.POINTER(ctypes.c_int64), ctypes.POINTER(ctypes.c_int), _vp, ctypes.c_int])
    _fn("kvb_%s_recovery_level" % _kind, [_vp], _cp)
    _fn("kvb_%s_tag_count" % _kind, [_vp], ctypes.c_size_t)
    _fn("kvb_%s_tag" % _kind, [ctypes.POINTER(_cp), ctypes.POINTER(_cp), _vp, ctypes.c_size_t])

# The other areas live in their own modules and are re-exported here.
from .credentials import *  # noqa: E402,F401,F403
from .credentials import __all__ as _credentials_all  # noqa: E402
from .keys import *  # noqa: E402,F401,F403
from .keys import __all__ as _keys_all  # noqa: E402
from .certificates import *  # noqa: E402,F401,F403
from .certificates import __all__ as _certificates_all  # noqa: E402

# Batch and the migration live in their own modules; their names are part of the package.
from .batch import *  # noqa: E402,F401,F403
from .migrate import *  # noqa: E402,F401,F403
from .arm import *  # noqa: E402,F401,F403
from . import batch as _batch, migrate as _migrate, arm as _arm  # noqa: E402


__all__ += _credentials_all + _keys_all + _certificates_all + _batch.__all__ + _migrate.__all__ + _arm.__all__
