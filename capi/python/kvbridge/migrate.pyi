# SPDX-License-Identifier: MIT
# Type hints of kvbridge.migrate (kept in step with migrate.py by bindings-python-typing).
import ctypes
import os
from typing import Any, Callable, Dict, List, NamedTuple, Optional, Sequence, Union

from . import ClientOptions, Credential, _Handle
from .batch import BatchClient

__all__: List[str]

_Path = Union[str, os.PathLike[str]]

class Progress(NamedTuple):
    done: int
    total: int
    succeeded: int
    failed: int
    skipped: int
    thumbprint: str
    result: str

class PlanItem(NamedTuple):
    thumbprint: str
    action: str
    reason: str
    target_name: str
    source_file: str

class ReportItem(NamedTuple):
    thumbprint: str
    result: str
    secret_id: str

class Inventory(_Handle):
    def __init__(self, handle: ctypes.c_void_p) -> None: ...
    def __len__(self) -> int: ...
    @property
    def thumbprints(self) -> List[str]: ...
    def state(self, index: int) -> str: ...
    def use_count(self, index: int) -> int: ...
    @property
    def pool_count(self) -> int: ...
    @property
    def job_schedule_count(self) -> int: ...
    @property
    def certificate_api_retired(self) -> bool: ...
    def to_json(self) -> Dict[str, Any]: ...

class Plan(_Handle):
    def __init__(self, handle: ctypes.c_void_p) -> None: ...
    def __len__(self) -> int: ...
    @property
    def items(self) -> List[PlanItem]: ...
    def to_json(self) -> Dict[str, Any]: ...

class MigrationReport(_Handle):
    def __init__(self, handle: ctypes.c_void_p) -> None: ...
    @property
    def items(self) -> List[ReportItem]: ...
    def count(self, result: str) -> int: ...
    @property
    def complete(self) -> bool: ...
    def to_json(self) -> Dict[str, Any]: ...
    def pools_json(self) -> Any: ...
    def write(self, directory: str) -> None: ...

class Migrator(_Handle):
    def __init__(self, batch_client: BatchClient, vault_url: str, credential: Credential,
                 options: Optional[ClientOptions] = ...) -> None: ...
    def inventory(self) -> Inventory: ...
    def plan(self, inventory: Inventory, key_material: Sequence[_Path] = ..., passwords_file: Optional[str] = ...,
             password_env: Optional[str] = ..., name_mapping_file: Optional[str] = ...,
             name_prefix: Optional[str] = ..., recover_deleted: bool = ..., verify: str = ...) -> Plan: ...
    def execute(self, inventory: Inventory, plan: Plan, progress: Optional[Callable[[Progress], object]] = ...,
                dry_run: bool = ..., concurrency: int = ..., write_budget: int = ...,
                journal_path: Optional[_Path] = ..., report_dir: Optional[_Path] = ...,
                clear_pool_references: bool = ..., delete_batch_certificates: bool = ...,
                msi_client_id: Optional[str] = ..., msi_resource_id: Optional[str] = ...,
                polling_interval_seconds: int = ...) -> MigrationReport: ...
