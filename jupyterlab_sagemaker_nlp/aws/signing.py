"""The server's own AWS credentials, and SigV4 signatures made with them."""

from __future__ import annotations

import threading
import time
from typing import Callable, Optional
from urllib.parse import urlsplit

import botocore.session
from botocore.auth import S3SigV4Auth, SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import ReadOnlyCredentials

NO_CREDENTIALS = (
    "The Jupyter server has no AWS credentials: on a SageMaker Notebook instance this is "
    "the instance role; elsewhere set AWS_PROFILE or run aws configure, then restart JupyterLab"
)


class CredentialSource:
    """botocore's credential chain (env, profile, SSO, container, instance role).

    Frozen credentials are taken per request, so refreshable ones (instance role,
    assumed role, SSO) rotate as they expire. The chain itself is looked up again
    every ``recheck_seconds`` (static keys edited in a profile), and while it finds
    nothing, at most every ``retry_seconds`` (the instance-role lookup is slow).
    """

    def __init__(self, session_factory: Callable = botocore.session.Session,
                 recheck_seconds: float = 300.0, retry_seconds: float = 30.0):
        self._session_factory = session_factory
        self._recheck = recheck_seconds
        self._retry = retry_seconds
        self._credentials = None
        self._looked_up = -1e18
        self._lock = threading.Lock()

    def frozen(self) -> Optional[ReadOnlyCredentials]:
        """Current credentials, or None when the server has none. Blocking."""
        with self._lock:
            age = time.monotonic() - self._looked_up
            if age > (self._recheck if self._credentials is not None else self._retry):
                self._credentials = self._session_factory().get_credentials()
                self._looked_up = time.monotonic()
            credentials = self._credentials
        if credentials is None:
            return None
        frozen = credentials.get_frozen_credentials()
        if not frozen.access_key or not frozen.secret_key:
            return None
        return frozen

    def forget(self) -> None:
        with self._lock:
            self._credentials = None
            self._looked_up = -1e18


def host_of(url: str) -> str:
    """The Host header for url: netloc without the scheme's default port."""
    parts = urlsplit(url)
    default = {"http": 80, "https": 443}.get(parts.scheme)
    if parts.port is not None and parts.port == default:
        return parts.hostname or ""
    return parts.netloc


def sign(credentials: ReadOnlyCredentials, signing_name: str, region: str, method: str,
         url: str, headers: dict, body: Optional[bytes]) -> dict:
    """Headers of the request, with Host, X-Amz-Date, the content hash and Authorization."""
    request = AWSRequest(method=method, url=url, headers=dict(headers), data=body or b"")
    request.headers["Host"] = host_of(url)
    auth_class = S3SigV4Auth if signing_name == "s3" else SigV4Auth
    auth_class(credentials, signing_name, region).add_auth(request)
    return dict(request.headers.items())
