# SPDX-License-Identifier: MIT
"""Key Vault certificates: CertificateClient and Certificate (plus issuers and contacts)."""
import ctypes
import json

from . import (_ATTRIBUTE_FIELDS_C, _TAG_FIELDS_C, _Handle, _ListOptions, _Options, _String, _WaitOptions,
               _attributes, _b, _call_json, _check, _flag, _fn, _json_arg, _json_pager, _lib, _list_options,
               _read_properties, _ref, _tags, _take_bytes, _take_string, _text, _wait)

__all__ = ["CertificateClient", "Certificate"]

_vp, _cp, _sp, _size = ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(_String), ctypes.c_size_t
_out = ctypes.POINTER(_vp)
_wp = ctypes.POINTER(_WaitOptions)
_P = "kvb_certificate_client_"
_ENABLED_AND_TAGS = [("enabled", ctypes.c_int)] + _TAG_FIELDS_C


class _CertificateCreateOptions(_Options):
    _init = "kvb_certificate_create_options_init"
    _fields_ = [("version", ctypes.c_uint)] + _ENABLED_AND_TAGS + [("preserve_cert_order", ctypes.c_int)]


class _CertificateMergeOptions(_Options):
    _init = "kvb_certificate_merge_options_init"
    _fields_ = [("version", ctypes.c_uint)] + _ENABLED_AND_TAGS


class _CertificateImportOptions(_Options):
    _init = "kvb_certificate_import_options_init"
    _fields_ = _CertificateCreateOptions._fields_ + [("policy_json", _cp), ("reencode", ctypes.c_int)]


class _CertificateUpdateOptions(_Options):
    _init = "kvb_certificate_update_options_init"
    _fields_ = [("version", ctypes.c_uint)] + _ATTRIBUTE_FIELDS_C


class _CertificateListOptions(_Options):
    _init = "kvb_certificate_list_options_init"
    _fields_ = [("version", ctypes.c_uint), ("max_results", ctypes.c_int32), ("include_pending", ctypes.c_int)]


# KVB_PFX_REENCODE_*
_REENCODE = {None: 0, "none": 0, "aes256": 1, "legacy": 2}


def _certificate_list_options(include_pending, max_results):
    return _ref(_CertificateListOptions.make(max_results=max_results, include_pending=int(bool(include_pending))))


_fn("kvb_certificate_client_new", [_out, _cp, _vp, _vp])
_fn("kvb_certificate_client_free", [_vp], None)
_fn(_P + "create_certificate", [_sp, _vp, _cp, _cp, ctypes.POINTER(_CertificateCreateOptions)])
_fn(_P + "wait_certificate_operation", [_sp, _vp, _cp, _wp])
for _op in ("get_certificate_operation", "cancel_certificate_operation", "delete_certificate_operation",
            "get_certificate_policy", "get_deleted_certificate", "backup_certificate",
            "get_issuer", "delete_issuer"):
    _fn(_P + _op, [_sp, _vp, _cp])
_fn(_P + "merge_certificate", [_out, _vp, _cp, ctypes.POINTER(_cp), ctypes.POINTER(_size), _size,
                               ctypes.POINTER(_CertificateMergeOptions)])
_fn(_P + "import_certificate", [_out, _vp, _cp, _cp, _size, _cp, ctypes.POINTER(_CertificateImportOptions)])
_fn(_P + "get_certificate", [_out, _vp, _cp])
_fn(_P + "get_certificate_version", [_out, _vp, _cp, _cp])
_fn(_P + "update_certificate_properties", [_out, _vp, _cp, _cp, ctypes.POINTER(_CertificateUpdateOptions)])
_fn(_P + "update_certificate_policy", [_sp, _vp, _cp, _cp])
_fn(_P + "list_certificates", [_out, _vp, ctypes.POINTER(_CertificateListOptions)])
_fn(_P + "list_certificate_versions", [_out, _vp, _cp, ctypes.POINTER(_ListOptions)])
_fn(_P + "download_certificate", [_sp, _sp, _vp, _cp, _cp])
_fn(_P + "delete_certificate", [_sp, _vp, _cp, _wp])
_fn(_P + "recover_deleted_certificate", [_out, _vp, _cp, _wp])
_fn(_P + "list_deleted_certificates", [_out, _vp, ctypes.POINTER(_CertificateListOptions)])
_fn(_P + "purge_deleted_certificate", [_vp, _cp])
_fn(_P + "restore_certificate_backup", [_out, _vp, _cp, _size])
for _op in ("create_issuer", "update_issuer", "set_contacts"):
    _fn(_P + _op, [_sp, _vp, _cp])
_fn(_P + "list_issuers", [_out, _vp, ctypes.POINTER(_ListOptions)])
_fn(_P + "get_contacts", [_sp, _vp])
_fn(_P + "delete_contacts", [_sp, _vp])
for _getter in ("id", "name", "version", "x5t", "secret_id", "key_id"):
    _fn("kvb_certificate_" + _getter, [_vp], _cp)
_fn("kvb_certificate_cer", [ctypes.POINTER(ctypes.POINTER(ctypes.c_uint8)), ctypes.POINTER(_size), _vp])
_fn("kvb_certificate_to_json", [_sp, _vp])
_fn("kvb_certificate_free", [_vp], None)


class Certificate:
    """A certificate version: id, name, version, x5t, secret_id, key_id, cer (DER bytes),
    attributes (Attributes), tags (dict) and `json` (the documented dict, with the REST policy
    under "policy" when known)."""

    __slots__ = ("id", "name", "version", "x5t", "secret_id", "key_id", "cer", "attributes", "tags", "json")

    def __init__(self, native):
        try:
            for field in ("id", "name", "version", "x5t", "secret_id", "key_id"):
                setattr(self, field, _text(getattr(_lib, "kvb_certificate_" + field)(native)))
            data = ctypes.POINTER(ctypes.c_uint8)()
            size = ctypes.c_size_t()
            _check(_lib.kvb_certificate_cer(ctypes.byref(data), ctypes.byref(size), native))
            self.cer = ctypes.string_at(data, size.value) if size.value else b""
            self.attributes, self.tags, _ = _read_properties(native, "certificate")
            s = _String()
            _check(_lib.kvb_certificate_to_json(ctypes.byref(s), native))
            self.json = json.loads(_take_string(s))
        finally:
            _lib.kvb_certificate_free(native)

    def __repr__(self):
        return "Certificate(name=%r, version=%r, x5t=%r)" % (self.name, self.version, self.x5t)


def _certificate_call(f, *args):
    out = ctypes.c_void_p()
    _check(f(ctypes.byref(out), *args))
    return Certificate(out)


class CertificateClient(_Handle):
    """The certificates, issuers and contacts of one Key Vault. Policies are dicts with the members
    of kvb::keyvault::CertificatePolicy ({"issuerName": "Self", "subject": "CN=...", "keyType":
    "RSA", "keySize": 2048, "validityInMonths": 12, ...}; the "policy" document of certificates.h)."""

    _free = _lib.kvb_certificate_client_free

    def __init__(self, vault_url, credential, options=None):
        self._handle = ctypes.c_void_p()
        _check(_lib.kvb_certificate_client_new(ctypes.byref(self._handle), _b(vault_url), credential._handle,
                                               options._ref() if options else None))

    def create_certificate(self, name, policy=None, wait=True, enabled=None, tags=None, preserve_cert_order=None,
                           timeout=None):
        """Start creating `name` (policy None: self-signed "CN={name}"); with `wait`, until it is done,
        polling at the service's pace for at most `timeout` seconds (None: 10 minutes), then raising
        OperationTimeoutError (an "Unknown" issuer never finishes before a merge; the operation goes on:
        see get_certificate_operation). Returns the pending operation (dict; "status" "completed" when
        created)."""
        options = _CertificateCreateOptions.make(enabled=_flag(enabled), preserve_cert_order=_flag(preserve_cert_order),
                                                 **_tags(tags))
        pacing = _wait(timeout)  # a bad timeout is refused before the creation starts
        operation = _call_json(_lib.kvb_certificate_client_create_certificate, self._handle, _b(name),
                               _json_arg(policy), _ref(options))
        if not wait:
            return operation
        return _call_json(_lib.kvb_certificate_client_wait_certificate_operation, self._handle, _b(name), pacing)

    def get_certificate_operation(self, name):
        """The pending creation of `name` (dict: status, csr, error, ...)."""
        return _call_json(_lib.kvb_certificate_client_get_certificate_operation, self._handle, _b(name))

    def cancel_certificate_operation(self, name):
        """Ask the issuer to stop creating `name`; return the operation (dict)."""
        return _call_json(_lib.kvb_certificate_client_cancel_certificate_operation, self._handle, _b(name))

    def delete_certificate_operation(self, name):
        """Remove the creation operation of `name`; return it (dict)."""
        return _call_json(_lib.kvb_certificate_client_delete_certificate_operation, self._handle, _b(name))

    def merge_certificate(self, name, x5c, enabled=None, tags=None):
        """Finish an "Unknown"-issuer creation with `x5c` (list of DER bytes, signed certificate first)."""
        chain = [bytes(c) for c in x5c]
        options = _CertificateMergeOptions.make(enabled=_flag(enabled), **_tags(tags))
        return _certificate_call(_lib.kvb_certificate_client_merge_certificate, self._handle, _b(name),
                                 (_cp * max(1, len(chain)))(*chain), (_size * max(1, len(chain)))(*map(len, chain)),
                                 len(chain), _ref(options))

    def import_certificate(self, name, data, password=None, policy=None, reencode=None, enabled=None, tags=None,
                           preserve_cert_order=None):
        """Import PFX bytes (with `password`) or PEM text/bytes (certificate chain and key). `reencode`:
        None or "none", "aes256" or "legacy" re-encodes a PFX before sending it."""
        if isinstance(data, str):
            data = data.encode("utf-8")
        if reencode not in _REENCODE:
            raise ValueError("reencode must be None, 'none', 'aes256' or 'legacy'")
        options = _CertificateImportOptions.make(enabled=_flag(enabled), preserve_cert_order=_flag(preserve_cert_order),
                                                 policy_json=_json_arg(policy), reencode=_REENCODE[reencode],
                                                 **_tags(tags))
        return _certificate_call(_lib.kvb_certificate_client_import_certificate, self._handle, _b(name), bytes(data),
                                 len(data), _b(password), _ref(options))

    def get_certificate(self, name, version=None):
        """The Certificate `name`: its latest version, or `version`."""
        if version:
            return _certificate_call(_lib.kvb_certificate_client_get_certificate_version, self._handle, _b(name),
                                     _b(version))
        return _certificate_call(_lib.kvb_certificate_client_get_certificate, self._handle, _b(name))

    def update_certificate_properties(self, name, version=None, **attributes):
        """Change enabled, not_before, expires_on or tags of a version; return the Certificate."""
        update = _CertificateUpdateOptions.make(**_attributes(**attributes))
        return _certificate_call(_lib.kvb_certificate_client_update_certificate_properties, self._handle, _b(name),
                                 _b(version), _ref(update))

    def get_certificate_policy(self, name):
        """The policy of `name` (dict, Key Vault REST form)."""
        return _call_json(_lib.kvb_certificate_client_get_certificate_policy, self._handle, _b(name))

    def update_certificate_policy(self, name, policy):
        """Replace the policy of `name` with `policy`; return the stored one (dict)."""
        return _call_json(_lib.kvb_certificate_client_update_certificate_policy, self._handle, _b(name),
                          _json_arg(policy))

    def list_certificates(self, include_pending=False, max_results=None):
        """Yield the properties of every certificate (dicts); `max_results` items per page."""
        return _json_pager(_lib.kvb_certificate_client_list_certificates, self._handle,
                           _certificate_list_options(include_pending, max_results))

    def list_certificate_versions(self, name, max_results=None):
        """Yield the properties of every version of `name` (dicts); `max_results` items per page."""
        return _json_pager(_lib.kvb_certificate_client_list_certificate_versions, self._handle, _b(name),
                           _list_options(max_results))

    def download_certificate(self, name, version=None):
        """(content bytes, content type): PFX without password or PEM, with the private key."""
        content, content_type = _String(), _String()
        _check(_lib.kvb_certificate_client_download_certificate(ctypes.byref(content), ctypes.byref(content_type),
                                                                self._handle, _b(name), _b(version)))
        return _take_bytes(content), _take_string(content_type)

    def delete_certificate(self, name, timeout=None):
        """Delete every version and wait (at most `timeout` seconds; None: 10 minutes) until done."""
        return _call_json(_lib.kvb_certificate_client_delete_certificate, self._handle, _b(name), _wait(timeout))

    def recover_deleted_certificate(self, name, timeout=None):
        """Recover and wait (at most `timeout` seconds; None: 10 minutes) until it can be read."""
        return _certificate_call(_lib.kvb_certificate_client_recover_deleted_certificate, self._handle, _b(name),
                                 _wait(timeout))

    def get_deleted_certificate(self, name):
        """The soft-deleted certificate `name` (dict)."""
        return _call_json(_lib.kvb_certificate_client_get_deleted_certificate, self._handle, _b(name))

    def list_deleted_certificates(self, include_pending=False, max_results=None):
        """Yield every soft-deleted certificate (dicts); `max_results` items per page; pending ones with include_pending."""
        return _json_pager(_lib.kvb_certificate_client_list_deleted_certificates, self._handle,
                           _certificate_list_options(include_pending, max_results))

    def purge_deleted_certificate(self, name):
        """Remove soft-deleted `name` for good."""
        _check(_lib.kvb_certificate_client_purge_deleted_certificate(self._handle, _b(name)))

    def backup_certificate(self, name):
        """Every version of `name` as an opaque blob (bytes)."""
        s = _String()
        _check(_lib.kvb_certificate_client_backup_certificate(ctypes.byref(s), self._handle, _b(name)))
        return _take_bytes(s)

    def restore_certificate_backup(self, backup):
        """Restore a backup_certificate() blob; return the Certificate."""
        return _certificate_call(_lib.kvb_certificate_client_restore_certificate_backup, self._handle, bytes(backup),
                                 len(backup))

    def create_issuer(self, issuer):
        """`issuer`: dict with name, provider, accountId, password, organizationId, administrators, enabled."""
        return _call_json(_lib.kvb_certificate_client_create_issuer, self._handle, _json_arg(issuer))

    def get_issuer(self, name):
        """The issuer `name` (dict)."""
        return _call_json(_lib.kvb_certificate_client_get_issuer, self._handle, _b(name))

    def update_issuer(self, issuer):
        """Change an issuer (`issuer` dict as for create_issuer); return the stored one."""
        return _call_json(_lib.kvb_certificate_client_update_issuer, self._handle, _json_arg(issuer))

    def delete_issuer(self, name):
        """Delete issuer `name`; return it (dict)."""
        return _call_json(_lib.kvb_certificate_client_delete_issuer, self._handle, _b(name))

    def list_issuers(self, max_results=None):
        """Yield every issuer's properties (dicts); `max_results` items per page."""
        return _json_pager(_lib.kvb_certificate_client_list_issuers, self._handle, _list_options(max_results))

    def set_contacts(self, contacts):
        """`contacts`: list of dicts (name, email, phone); returns the stored list."""
        stored = _call_json(_lib.kvb_certificate_client_set_contacts, self._handle,
                            _json_arg({"contacts": list(contacts)}))
        return stored.get("contacts", [])

    def get_contacts(self):
        """The vault's certificate contacts (list of dicts: name, email, phone)."""
        return _call_json(_lib.kvb_certificate_client_get_contacts, self._handle).get("contacts", [])

    def delete_contacts(self):
        """Delete every certificate contact; return the deleted list."""
        return _call_json(_lib.kvb_certificate_client_delete_contacts, self._handle).get("contacts", [])
