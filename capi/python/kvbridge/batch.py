# SPDX-License-Identifier: MIT
"""Azure Batch through libkvbridge-c: certificates, pools, job schedules and jobs."""
import ctypes
import json

from . import _ClientOptions, _Handle, _Options, _String, _b, _check, _lib, _ref, _take_string, _text

__all__ = ["BatchClient", "BatchCertificate", "BatchPool", "BatchJobSchedule", "BatchJob"]

_vp, _cp, _sz = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t
_out = ctypes.POINTER(_vp)
_str = ctypes.POINTER(_String)


class _ListOptions(_Options):
    _init = "kvb_batch_list_options_init"
    _fields_ = [("version", ctypes.c_uint), ("filter", _cp), ("select", _cp), ("expand", _cp),
                ("max_results", ctypes.c_int32)]


class _GetOptions(_Options):
    _init = "kvb_batch_get_options_init"
    _fields_ = [("version", ctypes.c_uint), ("select", _cp), ("expand", _cp)]


def _declare(name, argtypes, restype=ctypes.c_int):
    f = getattr(_lib, name)
    f.argtypes, f.restype = argtypes, restype


def _declare_all():
    _declare("kvb_batch_client_new", [_out, _cp, _vp, ctypes.POINTER(_ClientOptions)])
    _declare("kvb_batch_client_add_certificate", [_vp, ctypes.c_char_p, _sz, ctypes.c_int, _cp, _cp])
    _get = ctypes.POINTER(_GetOptions)
    _declare("kvb_batch_client_get_certificate", [_out, _vp, _cp, _get])
    _declare("kvb_batch_client_delete_certificate", [_vp, _cp])
    _declare("kvb_batch_client_cancel_delete_certificate", [_vp, _cp])
    _declare("kvb_batch_client_get_pool", [_out, _vp, _cp, _get])
    _declare("kvb_batch_client_get_job_schedule", [_out, _vp, _cp, _get])
    _declare("kvb_batch_client_clear_pool_certificate_references", [ctypes.POINTER(_sz), _vp, _cp])
    _declare("kvb_batch_client_add_pool", [_vp, _cp])
    _declare("kvb_batch_client_patch_pool", [_vp, _cp, _cp])
    _declare("kvb_batch_client_delete_pool", [_vp, _cp])
    _declare("kvb_batch_client_get_job", [_out, _vp, _cp, _get])
    for kind in ("certificate", "pool", "job_schedule", "job"):
        plural = "certificates" if kind == "certificate" else kind + "s"
        _declare("kvb_batch_client_list_" + plural, [_out, _vp, ctypes.POINTER(_ListOptions)])
        _declare("kvb_batch_%s_pager_next" % kind, [_out, _vp])
        _declare("kvb_batch_%s_to_json" % kind, [_str, _vp])
        for free in ("kvb_batch_%s_free" % kind, "kvb_batch_%s_pager_free" % kind):
            _declare(free, [_vp], None)
    _declare("kvb_batch_client_free", [_vp], None)
    for getter in ("thumbprint", "state", "previous_state", "public_data", "delete_error_code"):
        _declare("kvb_batch_certificate_" + getter, [_vp], _cp)
    for getter in ("id", "state", "vm_size", "node_agent_sku_id"):
        _declare("kvb_batch_pool_" + getter, [_vp], _cp)
    for getter in ("id", "state"):
        _declare("kvb_batch_job_schedule_" + getter, [_vp], _cp)
        _declare("kvb_batch_job_" + getter, [_vp], _cp)
    for owner in ("pool", "job_schedule", "job"):
        _declare("kvb_batch_%s_certificate_reference_count" % owner, [_vp], _sz)
        _declare("kvb_batch_%s_certificate_reference_thumbprint" % owner, [_vp, _sz], _cp)


_declare_all()


class _Model:
    """A model copied out of its native handle, which is freed at once. `json` is the parsed
    kvb_batch_*_to_json() document; the accessors' values are attributes."""

    _kind = None
    _getters = ()

    def __init__(self, native):
        try:
            for getter in self._getters:
                setattr(self, getter, _text(getattr(_lib, "kvb_batch_%s_%s" % (self._kind, getter))(native)))
            s = _String()
            _check(getattr(_lib, "kvb_batch_%s_to_json" % self._kind)(ctypes.byref(s), native))
            self.json = json.loads(_take_string(s))
            self._read_references(native)
        finally:
            getattr(_lib, "kvb_batch_%s_free" % self._kind)(native)

    def _read_references(self, native):
        pass

    def __repr__(self):
        return "%s(%s)" % (type(self).__name__, ", ".join("%s=%r" % (g, getattr(self, g)) for g in self._getters[:2]))


class _WithReferences(_Model):
    def _read_references(self, native):
        count = getattr(_lib, "kvb_batch_%s_certificate_reference_count" % self._kind)(native)
        thumbprint = getattr(_lib, "kvb_batch_%s_certificate_reference_thumbprint" % self._kind)
        self.certificate_references = [_text(thumbprint(native, i)) for i in range(count)]


class BatchCertificate(_Model):
    """thumbprint, state, previous_state, public_data (base64 DER), delete_error_code, json."""
    _kind = "certificate"
    _getters = ("thumbprint", "state", "previous_state", "public_data", "delete_error_code")


class BatchPool(_WithReferences):
    """id, state, vm_size, node_agent_sku_id, certificate_references (thumbprints), json."""
    _kind = "pool"
    _getters = ("id", "state", "vm_size", "node_agent_sku_id")


class BatchJobSchedule(_WithReferences):
    """id, state, certificate_references (of its auto-pool specification), json."""
    _kind = "job_schedule"
    _getters = ("id", "state")


class BatchJob(_WithReferences):
    """id, state, certificate_references (of its auto-pool specification), json."""
    _kind = "job"
    _getters = ("id", "state")


def _json_text(document):
    """A dict as JSON text, or text as given."""
    return _b(document if isinstance(document, str) else json.dumps(document))


def _get_options(select, expand=None):
    return _ref(_GetOptions.make(select=select, expand=expand))


class BatchClient(_Handle):
    """One Batch account. `credential` is a kvbridge credential (e.g. ClientSecretCredential).
    Use as a context manager or call close()."""

    _free = _lib.kvb_batch_client_free
    PFX, CER = 0, 1

    def __init__(self, account_url, credential, options=None):
        self._handle = ctypes.c_void_p()
        _check(_lib.kvb_batch_client_new(ctypes.byref(self._handle), _b(account_url), credential._handle,
                                         options._ref() if options else None))

    def add_certificate(self, data, format="pfx", password=None, thumbprint=None):
        """Upload PFX (format "pfx", with its password) or DER (format "cer") bytes."""
        fmt = {"pfx": self.PFX, "cer": self.CER}[format]
        _check(_lib.kvb_batch_client_add_certificate(self._handle, bytes(data), len(data), fmt, _b(password),
                                                     _b(thumbprint)))

    def get_certificate(self, thumbprint, select=None):
        """The BatchCertificate of `thumbprint` (sha1, hex); `select` is an OData $select."""
        return self._get(BatchCertificate, _lib.kvb_batch_client_get_certificate, _b(thumbprint), _get_options(select))

    def delete_certificate(self, thumbprint):
        """Start deleting certificate `thumbprint` (its state becomes "deleting")."""
        _check(_lib.kvb_batch_client_delete_certificate(self._handle, _b(thumbprint)))

    def cancel_delete_certificate(self, thumbprint):
        """Stop a failed deletion of `thumbprint`; the certificate is active again."""
        _check(_lib.kvb_batch_client_cancel_delete_certificate(self._handle, _b(thumbprint)))

    def list_certificates(self, filter=None, select=None, max_results=0):
        """Iterate over BatchCertificate objects, fetching pages as iteration goes."""
        return self._iterate(BatchCertificate, "certificates", filter, select, None, max_results)

    def get_pool(self, pool_id, select=None, expand=None):
        """The BatchPool `pool_id`, with its certificate references; OData $select and $expand."""
        return self._get(BatchPool, _lib.kvb_batch_client_get_pool, _b(pool_id), _get_options(select, expand))

    def list_pools(self, filter=None, select=None, expand=None, max_results=0):
        """Iterate over BatchPool objects, fetching pages as iteration goes."""
        return self._iterate(BatchPool, "pools", filter, select, expand, max_results)

    def add_pool(self, pool):
        """Pool_Add: `pool` is a PoolAddParameter (dict or JSON text), sent as is."""
        _check(_lib.kvb_batch_client_add_pool(self._handle, _json_text(pool)))

    def patch_pool(self, pool_id, patch):
        """Pool_Patch: `patch` is a PoolPatchParameter (dict or JSON text); the members given replace
        the pool's, the others stay."""
        _check(_lib.kvb_batch_client_patch_pool(self._handle, _b(pool_id), _json_text(patch)))

    def delete_pool(self, pool_id):
        """Pool_Delete: the pool goes to "deleting", then away."""
        _check(_lib.kvb_batch_client_delete_pool(self._handle, _b(pool_id)))

    def clear_pool_certificate_references(self, pool_id):
        """Remove every certificate reference of a pool; return how many there were."""
        removed = ctypes.c_size_t()
        _check(_lib.kvb_batch_client_clear_pool_certificate_references(ctypes.byref(removed), self._handle,
                                                                       _b(pool_id)))
        return removed.value

    def get_job_schedule(self, job_schedule_id, select=None, expand=None):
        """The BatchJobSchedule `job_schedule_id`, with its auto-pool's certificate references."""
        return self._get(BatchJobSchedule, _lib.kvb_batch_client_get_job_schedule, _b(job_schedule_id),
                         _get_options(select, expand))

    def list_job_schedules(self, filter=None, select=None, expand=None, max_results=0):
        """Iterate over BatchJobSchedule objects, fetching pages as iteration goes."""
        return self._iterate(BatchJobSchedule, "job_schedules", filter, select, expand, max_results)

    def get_job(self, job_id, select=None, expand=None):
        """The BatchJob `job_id` (Job_Get), with its auto-pool's certificate references."""
        return self._get(BatchJob, _lib.kvb_batch_client_get_job, _b(job_id), _get_options(select, expand))

    def list_jobs(self, filter=None, select=None, expand=None, max_results=0):
        """Iterate over BatchJob objects, fetching pages as iteration goes."""
        return self._iterate(BatchJob, "jobs", filter, select, expand, max_results)

    def _get(self, model, function, *args):
        out = ctypes.c_void_p()
        _check(function(ctypes.byref(out), self._handle, *args))
        return model(out)

    def _iterate(self, model, plural, filter, select, expand, max_results):
        options = _ListOptions.make(filter=filter, select=select, expand=expand, max_results=max_results)
        pager = ctypes.c_void_p()
        _check(getattr(_lib, "kvb_batch_client_list_" + plural)(ctypes.byref(pager), self._handle, _ref(options)))
        try:
            while True:
                out = ctypes.c_void_p()
                if _check(getattr(_lib, "kvb_batch_%s_pager_next" % model._kind)(ctypes.byref(out), pager)) != 0:
                    return
                yield model(out)
        finally:
            getattr(_lib, "kvb_batch_%s_pager_free" % model._kind)(pager)
