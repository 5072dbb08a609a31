"""Where forwarded calls wait: an HTTP client pool per service and kind of call.

API calls, S3 object transfers and endpoint invocations take very different
times, so each kind gets its own timeout, and each (service, kind) its own
pool: slow uploads or a hung endpoint cannot fill the pool that DescribeTrainingJob
or GetLogEvents needs.
"""

from __future__ import annotations

from tornado.simple_httpclient import SimpleAsyncHTTPClient

from .settings import SageMakerNLPAWS

TRANSFERS = frozenset({"PutObject", "GetObject", "UploadPart", "CompleteMultipartUpload"})


def kind_of(service: str, operation: str) -> str:
    if service == "sagemaker-runtime":
        return "invoke"
    if service == "s3" and operation in TRANSFERS:
        return "transfer"
    return "api"


class Upstream:
    def __init__(self, settings: SageMakerNLPAWS):
        self.settings = settings
        self._clients: dict[tuple[str, str], SimpleAsyncHTTPClient] = {}

    def timeout(self, kind: str) -> float:
        s = self.settings
        return {"invoke": s.invoke_timeout, "transfer": s.transfer_timeout}.get(
            kind, s.request_timeout)

    def client(self, service: str, kind: str) -> SimpleAsyncHTTPClient:
        """Made on first use, in the server's event loop."""
        key = (service, kind)
        if key not in self._clients:
            limit = self.settings.max_response_bytes
            self._clients[key] = SimpleAsyncHTTPClient(
                force_instance=True, max_clients=self.settings.max_connections,
                max_buffer_size=limit, max_body_size=limit)
        return self._clients[key]

    def close(self) -> None:
        for client in self._clients.values():
            client.close()
        self._clients.clear()
