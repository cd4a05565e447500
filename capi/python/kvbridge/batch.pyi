# SPDX-License-Identifier: MIT
# Type hints of kvbridge.batch (kept in step with batch.py by bindings-python-typing).
import ctypes
from typing import Any, Dict, Iterator, List, Optional, Union

from . import ClientOptions, Credential, _Handle

__all__: List[str]

class _Model:
    json: Dict[str, Any]
    def __init__(self, native: ctypes.c_void_p) -> None: ...

class _WithReferences(_Model):
    certificate_references: List[str]

class BatchCertificate(_Model):
    thumbprint: str
    state: str
    previous_state: str
    public_data: str
    delete_error_code: str

class BatchPool(_WithReferences):
    id: str
    state: str
    vm_size: str
    node_agent_sku_id: str

class BatchJobSchedule(_WithReferences):
    id: str
    state: str

class BatchJob(_WithReferences):
    id: str
    state: str

class BatchClient(_Handle):
    PFX: int
    CER: int
    def __init__(self, account_url: str, credential: Credential, options: Optional[ClientOptions] = ...) -> None: ...
    def add_certificate(self, data: bytes, format: str = ..., password: Optional[str] = ...,
                        thumbprint: Optional[str] = ...) -> None: ...
    def get_certificate(self, thumbprint: str, select: Optional[str] = ...) -> BatchCertificate: ...
    def delete_certificate(self, thumbprint: str) -> None: ...
    def cancel_delete_certificate(self, thumbprint: str) -> None: ...
    def list_certificates(self, filter: Optional[str] = ..., select: Optional[str] = ...,
                          max_results: int = ...) -> Iterator[BatchCertificate]: ...
    def get_pool(self, pool_id: str, select: Optional[str] = ..., expand: Optional[str] = ...) -> BatchPool: ...
    def list_pools(self, filter: Optional[str] = ..., select: Optional[str] = ..., expand: Optional[str] = ...,
                   max_results: int = ...) -> Iterator[BatchPool]: ...
    def add_pool(self, pool: Union[Dict[str, Any], str]) -> None: ...
    def patch_pool(self, pool_id: str, patch: Union[Dict[str, Any], str]) -> None: ...
    def delete_pool(self, pool_id: str) -> None: ...
    def clear_pool_certificate_references(self, pool_id: str) -> int: ...
    def get_job_schedule(self, job_schedule_id: str, select: Optional[str] = ...,
                         expand: Optional[str] = ...) -> BatchJobSchedule: ...
    def list_job_schedules(self, filter: Optional[str] = ..., select: Optional[str] = ...,
                           expand: Optional[str] = ..., max_results: int = ...) -> Iterator[BatchJobSchedule]: ...
    def get_job(self, job_id: str, select: Optional[str] = ..., expand: Optional[str] = ...) -> BatchJob: ...
    def list_jobs(self, filter: Optional[str] = ..., select: Optional[str] = ..., expand: Optional[str] = ...,
                  max_results: int = ...) -> Iterator[BatchJob]: ...
