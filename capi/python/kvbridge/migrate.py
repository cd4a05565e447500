# SPDX-License-Identifier: MIT
"""The Batch -> Key Vault certificate migration through libkvbridge-c."""
import collections
import ctypes
import json

from . import _ClientOptions, _Handle, _Options, _String, _b, _check, _lib, _ref, _take_string, _text

__all__ = ["Migrator", "Inventory", "Plan", "PlanItem", "MigrationReport", "ReportItem", "Progress"]

_vp, _cp, _sz = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t
_out = ctypes.POINTER(_vp)
_str = ctypes.POINTER(_String)


class _PlanOptions(_Options):
    _init = "kvb_migration_plan_options_init"
    _fields_ = [("version", ctypes.c_uint), ("key_material", ctypes.POINTER(_cp)), ("key_material_count", _sz),
                ("passwords_file", _cp), ("password_env", _cp), ("name_mapping_file", _cp),
                ("name_prefix", _cp), ("recover_deleted", ctypes.c_int), ("verify_mode", ctypes.c_int)]


class _ExecuteOptions(_Options):
    _init = "kvb_migration_execute_options_init"
    _fields_ = [("version", ctypes.c_uint), ("dry_run", ctypes.c_int), ("concurrency", ctypes.c_int),
                ("write_budget", ctypes.c_int), ("journal_path", _cp), ("report_dir", _cp),
                ("clear_pool_references", ctypes.c_int), ("delete_batch_certificates", ctypes.c_int),
                ("msi_client_id", _cp), ("msi_resource_id", _cp), ("polling_interval_seconds", ctypes.c_int)]


class _Progress(ctypes.Structure):
    _fields_ = [("done", _sz), ("total", _sz), ("succeeded", _sz), ("failed", _sz), ("skipped", _sz),
                ("thumbprint", _cp), ("result", _cp)]


_ProgressCallback = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(_Progress), ctypes.c_void_p)

Progress = collections.namedtuple("Progress", "done total succeeded failed skipped thumbprint result")
PlanItem = collections.namedtuple("PlanItem", "thumbprint action reason target_name source_file")
ReportItem = collections.namedtuple("ReportItem", "thumbprint result secret_id")
_RESULTS = {"planned": 0, "succeeded": 1, "skipped": 2, "failed": 3}


def _declare(name, argtypes, restype=ctypes.c_int):
    f = getattr(_lib, name)
    f.argtypes, f.restype = argtypes, restype


def _declare_all():
    _declare("kvb_migrator_new", [_out, _vp, _cp, _vp, ctypes.POINTER(_ClientOptions)])
    _declare("kvb_migrator_inventory", [_out, _vp])
    _declare("kvb_migrator_plan", [_out, _vp, _vp, ctypes.POINTER(_PlanOptions)])
    _declare("kvb_migrator_execute", [_out, _vp, _vp, _vp, ctypes.POINTER(_ExecuteOptions), _ProgressCallback, _vp])
    for free in ("kvb_migrator_free", "kvb_migration_inventory_free", "kvb_migration_plan_free",
                 "kvb_migration_report_free"):
        _declare(free, [_vp], None)
    for name in ("inventory", "plan", "report", "report_pools"):
        _declare("kvb_migration_%s_to_json" % name, [_str, _vp])
    for name in ("inventory_count", "inventory_pool_count", "inventory_job_schedule_count", "plan_count",
                 "report_item_count"):
        _declare("kvb_migration_" + name, [_vp], _sz)
    _declare("kvb_migration_inventory_certificate_api_retired", [_vp])
    _declare("kvb_migration_report_complete", [_vp])
    _declare("kvb_migration_inventory_use_count", [_vp, _sz], _sz)
    _declare("kvb_migration_report_count", [_vp, ctypes.c_int], _sz)
    _declare("kvb_migration_report_write", [_vp, _cp])
    for name in ("inventory_thumbprint", "inventory_state", "plan_thumbprint", "plan_action", "plan_reason",
                 "plan_target_name", "plan_source_file", "report_item_thumbprint", "report_item_result",
                 "report_item_secret_id"):
        _declare("kvb_migration_" + name, [_vp, _sz], _cp)


_declare_all()


def _json_of(function, handle):
    s = _String()
    _check(function(ctypes.byref(s), handle))
    return json.loads(_take_string(s))


def _rows(handle, count, row, fields):
    """Rows of a native list as `row` tuples, reading kvb_migration_<field>(handle, i)."""
    return [row(*(_text(getattr(_lib, "kvb_migration_" + f)(handle, i)) for f in fields)) for i in range(count)]


class Inventory(_Handle):
    """Batch certificates and their users. thumbprints, states, use_counts; to_json() gives the
    whole document."""

    _free = _lib.kvb_migration_inventory_free

    def __init__(self, handle):
        self._handle = handle

    def __len__(self):
        return _lib.kvb_migration_inventory_count(self._handle)

    @property
    def thumbprints(self):
        """The Batch certificates' thumbprints (hex), in inventory order."""
        return [_text(_lib.kvb_migration_inventory_thumbprint(self._handle, i)) for i in range(len(self))]

    def state(self, index):
        """The Batch state of certificate `index` ("active", "deleting", ...; "" when unknown)."""
        return _text(_lib.kvb_migration_inventory_state(self._handle, index))

    def use_count(self, index):
        """How many pools and job schedules reference certificate `index`."""
        return _lib.kvb_migration_inventory_use_count(self._handle, index)

    @property
    def pool_count(self):
        """How many pools the account has."""
        return _lib.kvb_migration_inventory_pool_count(self._handle)

    @property
    def job_schedule_count(self):
        """How many job schedules the account has."""
        return _lib.kvb_migration_inventory_job_schedule_count(self._handle)

    @property
    def certificate_api_retired(self):
        """True when Batch's certificate API answered CertificateRetired."""
        return bool(_lib.kvb_migration_inventory_certificate_api_retired(self._handle))

    def to_json(self):
        """The whole inventory as a dict (documented in kvbridge.h)."""
        return _json_of(_lib.kvb_migration_inventory_to_json, self._handle)


class Plan(_Handle):
    """One PlanItem per certificate (`items`); to_json() gives the whole plan."""

    _free = _lib.kvb_migration_plan_free

    def __init__(self, handle):
        self._handle = handle

    def __len__(self):
        return _lib.kvb_migration_plan_count(self._handle)

    @property
    def items(self):
        """One PlanItem per certificate: thumbprint, action, reason, target_name, source_file."""
        return _rows(self._handle, len(self), PlanItem,
                     ("plan_thumbprint", "plan_action", "plan_reason", "plan_target_name", "plan_source_file"))

    def to_json(self):
        """The whole plan as a dict (documented in kvbridge.h)."""
        return _json_of(_lib.kvb_migration_plan_to_json, self._handle)


class MigrationReport(_Handle):
    """What a run did: items (ReportItem), count(result), complete, to_json(), pools_json(), write(dir)."""

    _free = _lib.kvb_migration_report_free

    def __init__(self, handle):
        self._handle = handle

    @property
    def items(self):
        """One ReportItem per certificate: thumbprint, result, secret_id."""
        count = _lib.kvb_migration_report_item_count(self._handle)
        return _rows(self._handle, count, ReportItem,
                     ("report_item_thumbprint", "report_item_result", "report_item_secret_id"))

    def count(self, result):
        """How many certificates ended "planned", "succeeded", "skipped" or "failed"."""
        return _lib.kvb_migration_report_count(self._handle, _RESULTS[result])

    @property
    def complete(self):
        """True when every certificate is done (nothing failed or left planned)."""
        return bool(_lib.kvb_migration_report_complete(self._handle))

    def to_json(self):
        """The report as a dict, report.json's schema."""
        return _json_of(_lib.kvb_migration_report_to_json, self._handle)

    def pools_json(self):
        """The pool guidance: Key Vault VM extension blocks and replacement pool bodies."""
        return _json_of(_lib.kvb_migration_report_pools_to_json, self._handle)

    def write(self, directory):
        """Write report.md, report.json and the pools/ files into `directory`."""
        _check(_lib.kvb_migration_report_write(self._handle, _b(directory)))


class Migrator(_Handle):
    """Migrates the certificates of a BatchClient's account into the vault at `vault_url`."""

    _free = _lib.kvb_migrator_free

    def __init__(self, batch_client, vault_url, credential, options=None):
        self._handle = ctypes.c_void_p()
        _check(_lib.kvb_migrator_new(ctypes.byref(self._handle), batch_client._handle, _b(vault_url),
                                     credential._handle, options._ref() if options else None))

    def inventory(self):
        """Read the Batch account: certificates, pools, job schedules (an Inventory)."""
        out = ctypes.c_void_p()
        _check(_lib.kvb_migrator_inventory(ctypes.byref(out), self._handle))
        return Inventory(out)

    def plan(self, inventory, key_material=(), passwords_file=None, password_env=None, name_mapping_file=None,
             name_prefix=None, recover_deleted=False, verify="basic"):
        """Decide an action per certificate (never writes). verify: "basic" or "deep"."""
        o = _PlanOptions.make(
            key_material=(_cp * max(1, len(key_material)))(*[_b(str(p)) for p in key_material]),
            key_material_count=len(key_material), passwords_file=passwords_file, password_env=password_env,
            name_mapping_file=name_mapping_file, name_prefix=name_prefix, recover_deleted=int(bool(recover_deleted)),
            verify_mode={"basic": 0, "deep": 1}[verify])
        out = ctypes.c_void_p()
        _check(_lib.kvb_migrator_plan(ctypes.byref(out), self._handle, inventory._handle, _ref(o)))
        return Plan(out)

    def execute(self, inventory, plan, progress=None, dry_run=False, concurrency=0, write_budget=0,
                journal_path=None, report_dir=None, clear_pool_references=False, delete_batch_certificates=False,
                msi_client_id=None, msi_resource_id=None, polling_interval_seconds=0):
        """Carry out `plan`. `progress(Progress)` is called after each certificate that needed a
        write (from any thread); a true return value cancels: CancelledError is raised and a rerun with the same
        journal_path resumes. An exception in `progress` cancels too and is raised again here."""
        o = _ExecuteOptions.make(
            dry_run=int(bool(dry_run)), concurrency=concurrency, write_budget=write_budget,
            journal_path=journal_path and str(journal_path), report_dir=report_dir and str(report_dir),
            clear_pool_references=int(bool(clear_pool_references)),
            delete_batch_certificates=int(bool(delete_batch_certificates)), msi_client_id=msi_client_id,
            msi_resource_id=msi_resource_id, polling_interval_seconds=polling_interval_seconds)
        raised = []

        def bridge(native, _user_data):
            p = native.contents
            try:
                return 1 if progress(Progress(p.done, p.total, p.succeeded, p.failed, p.skipped,
                                              _text(p.thumbprint), _text(p.result))) else 0
            except BaseException as e:  # carried to the caller's thread, the run is cancelled
                raised.append(e)
                return 1

        # A local keeps the ctypes callback alive for the whole (synchronous) call, during which the
        # library calls it from its threads; nothing keeps it afterwards.
        callback = _ProgressCallback(bridge) if progress else _ProgressCallback()
        out = ctypes.c_void_p()
        status = _lib.kvb_migrator_execute(ctypes.byref(out), self._handle, inventory._handle, plan._handle,
                                           _ref(o), callback, None)
        if raised:
            raise raised[0]
        _check(status)
        return MigrationReport(out)
