# SPDX-License-Identifier: MIT
"""Key Vault keys and cryptography: KeyClient, Key, CryptographyClient, CryptoResult."""
import ctypes
import json

from . import (_ATTRIBUTE_FIELDS_C, _Handle, _ListOptions, _Options, _String, _WaitOptions, _attributes, _b, _call_json,
               _check, _flag, _fn, _json_arg, _json_pager, _lib, _list_options, _read_properties, _ref, _take_bytes,
               _take_string, _text, _wait)

__all__ = ["KeyClient", "Key", "CryptographyClient", "CryptoResult"]

_vp, _cp, _sp, _size = ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(_String), ctypes.c_size_t
_out = ctypes.POINTER(_vp)


class _KeyCreateOptions(_Options):
    _init = "kvb_key_create_options_init"
    _fields_ = [("version", ctypes.c_uint)] + _ATTRIBUTE_FIELDS_C + [
        ("key_ops", ctypes.POINTER(_cp)), ("key_ops_count", _size), ("key_size", ctypes.c_int32),
        ("public_exponent", ctypes.c_int32), ("curve", _cp), ("exportable", ctypes.c_int),
        ("hardware_protected", ctypes.c_int), ("release_policy_json", _cp)]


class _KeyImportOptions(_Options):
    _init = "kvb_key_import_options_init"
    _fields_ = [("version", ctypes.c_uint)] + _ATTRIBUTE_FIELDS_C + [
        ("hardware_protected", ctypes.c_int), ("exportable", ctypes.c_int), ("release_policy_json", _cp)]


class _KeyUpdateOptions(_Options):
    _init = "kvb_key_update_options_init"
    _fields_ = [("version", ctypes.c_uint)] + _ATTRIBUTE_FIELDS_C + [
        ("key_ops", ctypes.POINTER(_cp)), ("key_ops_count", _size), ("release_policy_json", _cp)]


class _KeyReleaseOptions(_Options):
    _init = "kvb_key_release_options_init"
    _fields_ = [("version", ctypes.c_uint), ("nonce", _cp), ("encryption_algorithm", _cp)]


class _CryptographyOptions(_Options):
    _init = "kvb_cryptography_options_init"
    _fields_ = [("version", ctypes.c_uint), ("local_public_operations", ctypes.c_int), ("public_key_jwk", _cp)]


def _key_ops(operations):
    """The key_ops and key_ops_count fields for a list of operation names (None: not given)."""
    if operations is None:
        return {}
    return {"key_ops": (_cp * max(1, len(operations)))(*[_b(o) for o in operations]),
            "key_ops_count": len(operations)}


_fn("kvb_key_client_new", [_out, _cp, _vp, _vp])
_fn("kvb_key_client_free", [_vp], None)
_fn("kvb_key_client_create_key", [_out, _vp, _cp, _cp, ctypes.POINTER(_KeyCreateOptions)])
_fn("kvb_key_client_import_key", [_out, _vp, _cp, _cp, ctypes.POINTER(_KeyImportOptions)])
_fn("kvb_key_client_get_key", [_out, _vp, _cp, _cp])
_fn("kvb_key_client_update_key_properties", [_out, _vp, _cp, _cp, ctypes.POINTER(_KeyUpdateOptions)])
_fn("kvb_key_client_list_keys", [_out, _vp, ctypes.POINTER(_ListOptions)])
_fn("kvb_key_client_list_key_versions", [_out, _vp, _cp, ctypes.POINTER(_ListOptions)])
_fn("kvb_key_client_delete_key", [_sp, _vp, _cp, ctypes.POINTER(_WaitOptions)])
_fn("kvb_key_client_get_deleted_key", [_sp, _vp, _cp])
_fn("kvb_key_client_list_deleted_keys", [_out, _vp, ctypes.POINTER(_ListOptions)])
_fn("kvb_key_client_recover_deleted_key", [_out, _vp, _cp, ctypes.POINTER(_WaitOptions)])
_fn("kvb_key_client_purge_deleted_key", [_vp, _cp])
_fn("kvb_key_client_backup_key", [_sp, _vp, _cp])
_fn("kvb_key_client_restore_key_backup", [_out, _vp, _cp, _size])
_fn("kvb_key_client_rotate_key", [_out, _vp, _cp])
_fn("kvb_key_client_get_rotation_policy", [_sp, _vp, _cp])
_fn("kvb_key_client_update_rotation_policy", [_sp, _vp, _cp, _cp])
_fn("kvb_key_client_get_random_bytes", [_sp, _vp, ctypes.c_int])
_fn("kvb_key_client_release_key", [_sp, _vp, _cp, _cp, _cp, ctypes.POINTER(_KeyReleaseOptions)])
_fn("kvb_key_client_get_key_attestation", [_out, _vp, _cp, _cp])
for _getter in ("id", "name", "version", "type", "curve"):
    _fn("kvb_key_" + _getter, [_vp], _cp)
_fn("kvb_key_to_json", [_sp, _vp])
_fn("kvb_key_free", [_vp], None)
_fn("kvb_cryptography_client_new", [_out, _cp, _vp, ctypes.POINTER(_CryptographyOptions), _vp])
_fn("kvb_cryptography_client_free", [_vp], None)
_fn("kvb_cryptography_client_get_key", [_out, _vp])
_fn("kvb_cryptography_client_encrypt", [_out, _vp, _cp, _cp, _size, _cp, _size, _cp, _size])
_fn("kvb_cryptography_client_decrypt", [_out, _vp, _cp, _cp, _size, _cp, _size, _cp, _size, _cp, _size])
for _op in ("wrap_key", "unwrap_key", "sign", "sign_data"):
    _fn("kvb_cryptography_client_" + _op, [_out, _vp, _cp, _cp, _size])
_fn("kvb_cryptography_client_secure_wrap_key", [_out, _vp, _cp])
_fn("kvb_cryptography_client_secure_unwrap_key", [_out, _vp, _cp, _cp, _size, _cp])
for _op in ("verify", "verify_data"):
    _fn("kvb_cryptography_client_" + _op, [_out, _vp, _cp, _cp, _size, _cp, _size])
_fn("kvb_crypto_result_bytes", [ctypes.POINTER(ctypes.POINTER(ctypes.c_uint8)), ctypes.POINTER(_size), _vp,
                                ctypes.c_int])
_fn("kvb_crypto_result_key_id", [_vp], _cp)
_fn("kvb_crypto_result_algorithm", [_vp], _cp)
_fn("kvb_crypto_result_is_valid", [_vp])
_fn("kvb_crypto_result_free", [_vp], None)


class Key:
    """A key: id, name, version, key_type, curve ("" unless EC), attributes (Attributes), tags
    (dict), managed (True for the key behind a certificate) and `json` (the documented dict, with
    the public JWK under "key")."""

    __slots__ = ("id", "name", "version", "key_type", "curve", "attributes", "tags", "managed", "json")

    def __init__(self, native):
        try:
            self.id = _text(_lib.kvb_key_id(native))
            self.name = _text(_lib.kvb_key_name(native))
            self.version = _text(_lib.kvb_key_version(native))
            self.key_type = _text(_lib.kvb_key_type(native))
            self.curve = _text(_lib.kvb_key_curve(native))
            self.attributes, self.tags, self.managed = _read_properties(native, "key")
            s = _String()
            _check(_lib.kvb_key_to_json(ctypes.byref(s), native))
            self.json = json.loads(_take_string(s))
        finally:
            _lib.kvb_key_free(native)

    def __repr__(self):
        return "Key(name=%r, version=%r, key_type=%r)" % (self.name, self.version, self.key_type)


def _key_call(f, *args):
    out = ctypes.c_void_p()
    _check(f(ctypes.byref(out), *args))
    return Key(out)


class KeyClient(_Handle):
    """The keys of one Key Vault. Use as a context manager or call close()."""

    _free = _lib.kvb_key_client_free

    def __init__(self, vault_url, credential, options=None):
        self._handle = ctypes.c_void_p()
        _check(_lib.kvb_key_client_new(ctypes.byref(self._handle), _b(vault_url), credential._handle,
                                       options._ref() if options else None))

    def create_key(self, name, key_type, key_size=None, curve=None, key_ops=None, public_exponent=None,
                   exportable=None, hardware_protected=None, release_policy=None, **attributes):
        """Create key `name` of `key_type` ("RSA", "EC", "oct", "-HSM" forms). `release_policy` is
        a dict {"encodedPolicy": base64url policy document, "immutable": bool, "contentType": str}.
        Keyword arguments: enabled, not_before, expires_on (Unix seconds), tags (dict)."""
        options = _KeyCreateOptions.make(key_size=key_size, curve=curve, public_exponent=public_exponent,
                                         exportable=_flag(exportable), hardware_protected=int(bool(hardware_protected)),
                                         release_policy_json=_json_arg(release_policy), **_key_ops(key_ops),
                                         **_attributes(**attributes))
        return _key_call(_lib.kvb_key_client_create_key, self._handle, _b(name), _b(key_type), _ref(options))

    def import_key(self, name, jwk, hardware_protected=None, exportable=None, release_policy=None, **attributes):
        """Import `jwk` (a dict in the JSON Web Key form, base64url members)."""
        options = _KeyImportOptions.make(hardware_protected=_flag(hardware_protected), exportable=_flag(exportable),
                                         release_policy_json=_json_arg(release_policy), **_attributes(**attributes))
        return _key_call(_lib.kvb_key_client_import_key, self._handle, _b(name), _json_arg(jwk), _ref(options))

    def get_key(self, name, version=None):
        """The Key `name`: its latest version, or `version`."""
        return _key_call(_lib.kvb_key_client_get_key, self._handle, _b(name), _b(version))

    def update_key_properties(self, name, version=None, key_ops=None, release_policy=None, **attributes):
        """Change key_ops, release_policy, enabled, not_before, expires_on or tags; return the Key."""
        update = _KeyUpdateOptions.make(release_policy_json=_json_arg(release_policy), **_key_ops(key_ops),
                                        **_attributes(**attributes))
        return _key_call(_lib.kvb_key_client_update_key_properties, self._handle, _b(name), _b(version),
                         _ref(update))

    def list_keys(self, max_results=None):
        """Yield the properties of every key's latest version (dicts); `max_results` items per page."""
        return _json_pager(_lib.kvb_key_client_list_keys, self._handle, _list_options(max_results))

    def list_key_versions(self, name, max_results=None):
        """Yield the properties of every version of `name` (dicts); `max_results` items per page."""
        return _json_pager(_lib.kvb_key_client_list_key_versions, self._handle, _b(name), _list_options(max_results))

    def delete_key(self, name, timeout=None):
        """Delete and wait (at most `timeout` seconds; None: 10 minutes); return the deleted key (dict)."""
        return _call_json(_lib.kvb_key_client_delete_key, self._handle, _b(name), _wait(timeout))

    def get_deleted_key(self, name):
        """The soft-deleted key `name` (dict)."""
        return _call_json(_lib.kvb_key_client_get_deleted_key, self._handle, _b(name))

    def list_deleted_keys(self, max_results=None):
        """Yield every soft-deleted key (dicts); `max_results` items per page."""
        return _json_pager(_lib.kvb_key_client_list_deleted_keys, self._handle, _list_options(max_results))

    def recover_deleted_key(self, name, timeout=None):
        """Recover and wait (at most `timeout` seconds; None: 10 minutes) until it can be read."""
        return _key_call(_lib.kvb_key_client_recover_deleted_key, self._handle, _b(name), _wait(timeout))

    def purge_deleted_key(self, name):
        """Remove soft-deleted `name` for good."""
        _check(_lib.kvb_key_client_purge_deleted_key(self._handle, _b(name)))

    def backup_key(self, name):
        """Every version of `name` as an opaque blob (bytes)."""
        s = _String()
        _check(_lib.kvb_key_client_backup_key(ctypes.byref(s), self._handle, _b(name)))
        return _take_bytes(s)

    def restore_key_backup(self, backup):
        """Restore a backup_key() blob; return the Key."""
        return _key_call(_lib.kvb_key_client_restore_key_backup, self._handle, bytes(backup), len(backup))

    def rotate_key(self, name):
        """Make a new version of `name` now; return it."""
        return _key_call(_lib.kvb_key_client_rotate_key, self._handle, _b(name))

    def get_rotation_policy(self, name):
        """The rotation policy (dict: lifetimeActions [{action, timeAfterCreate, timeBeforeExpiry}],
        expiresIn, id, createdOn, updatedOn)."""
        return _call_json(_lib.kvb_key_client_get_rotation_policy, self._handle, _b(name))

    def update_rotation_policy(self, name, policy):
        """Replace the rotation policy of `name` (a dict as get_rotation_policy returns); return the stored one."""
        return _call_json(_lib.kvb_key_client_update_rotation_policy, self._handle, _b(name), _json_arg(policy))

    def get_random_bytes(self, count):
        """`count` random bytes from the vault's HSM."""
        s = _String()
        _check(_lib.kvb_key_client_get_random_bytes(ctypes.byref(s), self._handle, count))
        return _take_bytes(s)

    def release_key(self, name, target_attestation_token, version=None, nonce=None, encryption_algorithm=None):
        """The released key as the vault's signed JWS (str; secret)."""
        s = _String()
        options = _KeyReleaseOptions.make(nonce=nonce, encryption_algorithm=encryption_algorithm)
        _check(_lib.kvb_key_client_release_key(ctypes.byref(s), self._handle, _b(name), _b(version),
                                               _b(target_attestation_token), _ref(options)))
        return _take_string(s)

    def get_key_attestation(self, name, version=None):
        """The Key `name` (or `version`) with its HSM attestation (json["attestation"]); api-version 2026-04-01."""
        return _key_call(_lib.kvb_key_client_get_key_attestation, self._handle, _b(name), _b(version))


class CryptoResult:
    """The result of one operation: key_id, algorithm, output (bytes), iv, tag, aad, is_valid."""

    __slots__ = ("key_id", "algorithm", "output", "iv", "tag", "aad", "is_valid")

    def __init__(self, native):
        try:
            self.key_id = _text(_lib.kvb_crypto_result_key_id(native))
            self.algorithm = _text(_lib.kvb_crypto_result_algorithm(native))
            self.is_valid = bool(_lib.kvb_crypto_result_is_valid(native))
            for which, field in enumerate(("output", "iv", "tag", "aad")):
                data = ctypes.POINTER(ctypes.c_uint8)()
                size = ctypes.c_size_t()
                _check(_lib.kvb_crypto_result_bytes(ctypes.byref(data), ctypes.byref(size), native, which))
                setattr(self, field, ctypes.string_at(data, size.value) if size.value else b"")
        finally:
            _lib.kvb_crypto_result_free(native)


def _opt(data):
    return (None, 0) if data is None else (bytes(data), len(data))


class CryptographyClient(_Handle):
    """Operations with one vault key (`key_id` "https://{vault}/keys/{name}[/{version}]").
    With local_public_operations, encrypt, wrap and verify run locally once the public key is known;
    `public_key` (a JWK dict) saves the fetch."""

    _free = _lib.kvb_cryptography_client_free

    def __init__(self, key_id, credential, options=None, local_public_operations=False, public_key=None):
        self._handle = ctypes.c_void_p()
        cryptography = _CryptographyOptions.make(local_public_operations=int(bool(local_public_operations)),
                                                 public_key_jwk=_json_arg(public_key))
        _check(_lib.kvb_cryptography_client_new(ctypes.byref(self._handle), _b(key_id), credential._handle,
                                                _ref(cryptography), options._ref() if options else None))

    def _result(self, f, *args):
        out = ctypes.c_void_p()
        _check(f(ctypes.byref(out), self._handle, *args))
        return CryptoResult(out)

    def get_key(self):
        """Fetch the key (its public part) and remember it for local public operations."""
        out = ctypes.c_void_p()
        _check(_lib.kvb_cryptography_client_get_key(ctypes.byref(out), self._handle))
        return Key(out)

    def encrypt(self, algorithm, plaintext, iv=None, aad=None):
        """Encrypt `plaintext` with `algorithm` (e.g. "RSA-OAEP-256", "A256GCM"); a CryptoResult."""
        return self._result(_lib.kvb_cryptography_client_encrypt, _b(algorithm), bytes(plaintext), len(plaintext),
                            *_opt(iv), *_opt(aad))

    def decrypt(self, algorithm, ciphertext, iv=None, aad=None, tag=None):
        """Decrypt `ciphertext` (with iv, aad, tag for AES modes); the CryptoResult's output is the plaintext."""
        return self._result(_lib.kvb_cryptography_client_decrypt, _b(algorithm), bytes(ciphertext),
                            len(ciphertext), *_opt(iv), *_opt(aad), *_opt(tag))

    def wrap_key(self, algorithm, key):
        """Wrap (encrypt) the key bytes `key`; a CryptoResult."""
        return self._result(_lib.kvb_cryptography_client_wrap_key, _b(algorithm), bytes(key), len(key))

    def unwrap_key(self, algorithm, encrypted_key):
        """Unwrap `encrypted_key`; the CryptoResult's output is the key."""
        return self._result(_lib.kvb_cryptography_client_unwrap_key, _b(algorithm), bytes(encrypted_key),
                            len(encrypted_key))

    def secure_wrap_key(self, algorithm):
        """A fresh AES-256 key made in the vault's TEE, returned wrapped (api-version 2026-04-01)."""
        return self._result(_lib.kvb_cryptography_client_secure_wrap_key, _b(algorithm))

    def secure_unwrap_key(self, algorithm, encrypted_key, target_attestation_token):
        """Unwrap `encrypted_key` for the TEE named by `target_attestation_token`; a CryptoResult."""
        return self._result(_lib.kvb_cryptography_client_secure_unwrap_key, _b(algorithm), bytes(encrypted_key),
                            len(encrypted_key), _b(target_attestation_token))

    def sign(self, algorithm, digest):
        """Sign `digest` (already hashed) with `algorithm` (e.g. "RS256", "ES256"); a CryptoResult."""
        return self._result(_lib.kvb_cryptography_client_sign, _b(algorithm), bytes(digest), len(digest))

    def verify(self, algorithm, digest, signature):
        """Check `signature` over `digest`; the CryptoResult's is_valid says."""
        return self._result(_lib.kvb_cryptography_client_verify, _b(algorithm), bytes(digest), len(digest),
                            bytes(signature), len(signature))

    def sign_data(self, algorithm, data):
        """Hash `data` as `algorithm` says, then sign; a CryptoResult."""
        return self._result(_lib.kvb_cryptography_client_sign_data, _b(algorithm), bytes(data), len(data))

    def verify_data(self, algorithm, data, signature):
        """Hash `data`, then check `signature`; the CryptoResult's is_valid says."""
        return self._result(_lib.kvb_cryptography_client_verify_data, _b(algorithm), bytes(data), len(data),
                            bytes(signature), len(signature))
