# SPDX-License-Identifier: MIT
# Type hints of kvbridge.credentials (kept in step with credentials.py by bindings-python-typing).
import os
from typing import Any, Dict, List, Optional, Union

from . import ClientOptions, Credential

__all__: List[str]

class ClientCertificateCredential(Credential):
    def __init__(self, tenant_id: str, client_id: str, certificate: Optional[bytes] = ...,
                 certificate_path: Optional[Union[str, os.PathLike[str]]] = ..., password: Optional[str] = ...,
                 send_certificate_chain: bool = ..., options: Optional[ClientOptions] = ...) -> None: ...

class ManagedIdentityCredential(Credential):
    def __init__(self, options: Optional[ClientOptions] = ..., **identity: Any) -> None: ...

class EnvironmentCredential(Credential):
    def __init__(self, options: Optional[ClientOptions] = ...) -> None: ...

class DefaultAzureCredential(Credential):
    def __init__(self, options: Optional[ClientOptions] = ..., exclude_environment: bool = ...,
                 exclude_workload_identity: bool = ..., exclude_managed_identity: bool = ...,
                 exclude_azure_cli: bool = ..., managed_identity: Optional[Dict[str, Any]] = ...,
                 workload_tenant_id: Optional[str] = ..., workload_client_id: Optional[str] = ...,
                 workload_token_file_path: Optional[str] = ..., azure_cli_tenant_id: Optional[str] = ...,
                 azure_cli_timeout_ms: int = ...) -> None: ...

class SharedKeyCredential(Credential):
    def __init__(self, account_name: str, base64_key: str) -> None: ...
