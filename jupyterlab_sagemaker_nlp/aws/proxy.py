"""The signing proxy: /sagemaker-nlp/aws/<service>/<path...> → AWS, signed by the server.

The browser's AWS SDK v3 clients use ``<origin><base_url>sagemaker-nlp/aws/<service>``
as their endpoint. Only logged-in Jupyter users get here (``@authenticated``); the
service and operation must be allow-listed (operations.py); the upstream endpoint and
region come from server configuration (endpoints.py, config.py); only safe headers
pass either way, each once (forwarding.py); the request is signed anew with the server's
credentials (signing.py); the answer streams back scrubbed of them (relay.py).
"""

from __future__ import annotations

import json
import time

import tornado.web
from botocore.exceptions import BotoCoreError
from jupyter_server.base.handlers import APIHandler
from jupyter_server.utils import url_path_join
from tornado.httpclient import HTTPClientError, HTTPRequest
from tornado.ioloop import IOLoop
from tornado.simple_httpclient import HTTPTimeoutError

from .config import NO_REGION
from .endpoints import SERVICES, signing_name, upstream_region
from .forwarding import PATH_SERVICES, clean_path, clean_query, forwarded_headers
from .operations import ALLOWED, decide, refusal
from .refusal import Refusal
from .relay import Relay
from .signing import NO_CREDENTIALS, host_of, sign
from .upstream import kind_of

STATE_KEY = "sagemaker_nlp_aws"
ERROR_HEADER = "X-SageMaker-NLP-Proxy-Error"
MiB = 1024 * 1024


@tornado.web.stream_request_body
class ProxyHandler(APIHandler):
    """Login, service, operation and size are decided from the headers, before the body is
    read; the body is then checked once more, as the exact bytes that go upstream."""

    @property
    def aws(self):
        return self.settings[STATE_KEY]

    def compute_etag(self):
        return None

    def fail(self, status: int, reason: str, message: str) -> int:
        """An answer of the proxy itself (not of AWS): JSON, and a header to tell it by."""
        if self._finished:
            return status
        self.clear()
        self.set_status(status)
        self.set_header(ERROR_HEADER, reason)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps({"message": message, "reason": reason}))
        return status

    async def prepare(self):
        self._started = time.monotonic()
        self._operation = "-"
        self._chunks: list[bytes] = []
        self._received = 0
        self._deadline = None
        self._relay = None
        await super().prepare()
        if self.current_user is None:
            raise tornado.web.HTTPError(403)
        try:
            self._read_headers()
        except Refusal as r:
            self.fail(r.status, r.reason, r.message)
            return
        timeout = self.aws.settings.body_timeout
        self._deadline = IOLoop.current().call_later(timeout, self._body_too_slow, timeout)

    def _read_headers(self) -> None:
        request, settings = self.request, self.aws.settings
        service = self.path_kwargs["service"]
        if service not in SERVICES:
            raise Refusal(f"Request refused: {service} is not a service this extension uses")
        prefix = url_path_join(self.base_url, "sagemaker-nlp", "aws", service)
        path = clean_path(request.path[len(prefix):])
        if path is None or not request.path.startswith(prefix):
            raise Refusal("The path must not have . or .. segments.", 400, "bad-request")
        if "Transfer-Encoding" in request.headers:
            raise Refusal("The request body must come with a Content-Length (not chunked).",
                          411, "bad-request")
        self._limit = settings.max_body_bytes if service in PATH_SERVICES else \
            settings.max_api_body_bytes
        length = int(request.headers.get("Content-Length") or 0)
        if length > self._limit:
            raise Refusal(f"The request body is {length} bytes; the proxy forwards at most "
                          f"{self._limit} bytes per {service} request (upload large files to "
                          "S3 in multipart parts of 5-16 MiB)", 413, "too-large")
        headers = forwarded_headers(service, request.method, request.headers)
        query = clean_query(request.query)
        operation, _ = decide(service, request.method, path, query, headers, None)
        if operation is not None:
            self._check_allowed(service, operation)
        self._reading = (service, path, query, headers)

    def _check_allowed(self, service: str, operation: str) -> None:
        self._operation = operation
        if operation not in ALLOWED[service]:
            raise Refusal(refusal(service, operation))

    def data_received(self, chunk: bytes) -> None:
        if self._finished:
            return
        self._received += len(chunk)
        if self._received > self._limit:
            self.fail(413, "too-large", f"The request body is over {self._limit} bytes, "
                      "the most the proxy forwards per request")
            return
        self._chunks.append(chunk)

    def _body_too_slow(self, timeout: float) -> None:
        self.fail(408, "timeout", f"The request body did not arrive within {timeout:g} s — "
                  "check the connection and try again")

    def on_connection_close(self) -> None:
        super().on_connection_close()
        if getattr(self, "_relay", None) is not None:
            self._relay.hang_up()

    def on_finish(self) -> None:
        if self._deadline is not None:
            IOLoop.current().remove_timeout(self._deadline)
        self.log.info("sagemaker-nlp aws %s %s -> %s in %d ms", self.path_kwargs.get("service"),
                      getattr(self, "_operation", "-"), self.get_status(),
                      (time.monotonic() - getattr(self, "_started", time.monotonic())) * 1000)

    @tornado.web.authenticated
    async def get(self, service: str, path: str = ""):
        await self.proxy()

    @tornado.web.authenticated
    async def head(self, service: str, path: str = ""):
        await self.proxy()

    @tornado.web.authenticated
    async def put(self, service: str, path: str = ""):
        await self.proxy()

    @tornado.web.authenticated
    async def post(self, service: str, path: str = ""):
        await self.proxy()

    @tornado.web.authenticated
    async def delete(self, service: str, path: str = ""):
        await self.proxy()

    async def proxy(self) -> None:
        if self._finished:
            return
        IOLoop.current().remove_timeout(self._deadline)
        self._deadline = None
        service, path, query, headers = self._reading
        method = self.request.method
        try:
            operation, body = decide(service, method, path, query, headers,
                                     b"".join(self._chunks))
            if operation is None:
                described = f"{method} {path}{'?' + query if query else ''}"
                raise Refusal(refusal(service, described))
            self._check_allowed(service, operation)
        except Refusal as r:
            self.fail(r.status, r.reason, r.message)
            return
        await self._forward(service, operation, method, path, query, headers, body)

    async def _forward(self, service, operation, method, path, query, headers, body) -> None:
        state = self.aws
        region = state.config.region()
        if not region:
            return self.fail(400, "no-region", NO_REGION)
        try:
            region = upstream_region(service, region)
        except ValueError as e:
            return self.fail(400, "no-endpoint", str(e))
        loop = IOLoop.current()
        try:
            endpoint = await loop.run_in_executor(None, state.endpoints.url, service, region)
        except BotoCoreError as e:
            return self.fail(400, "no-region", f"No {service} endpoint for region {region}: {e}")
        try:
            credentials = await loop.run_in_executor(None, state.credentials.frozen)
        except BotoCoreError as e:  # a refresh failed: expired SSO login, no instance role...
            return self.fail(401, "no-credentials", f"{NO_CREDENTIALS} ({e})")
        if credentials is None:
            return self.fail(401, "no-credentials", NO_CREDENTIALS)
        url = endpoint + path + ("?" + query if query else "")
        send_body = body if (body or method in ("POST", "PUT")) else None
        signed = await loop.run_in_executor(None, sign, credentials, signing_name(service),
                                            region, method, url, dict(headers.get_all()),
                                            send_body)
        kind = kind_of(service, operation)
        timeout = state.upstream.timeout(kind)
        relay = self._relay = Relay(self, credentials,
                                    attachment=service == "s3" and method == "GET")
        upstream = HTTPRequest(
            url, method=method, headers=signed, body=send_body, follow_redirects=False,
            decompress_response=False, allow_nonstandard_methods=True,
            connect_timeout=state.settings.connect_timeout, request_timeout=timeout,
            header_callback=relay.on_header, streaming_callback=relay.on_chunk,
        )
        where = host_of(endpoint)
        try:
            await state.upstream.client(service, kind).fetch(upstream, raise_error=False)
        except Exception as e:
            # relay.on_chunk raised BrowserHungUp (tornado hands back its own wrapper of it)
            if relay.hung_up:
                return self._browser_left(relay, service, operation)
            if isinstance(e, HTTPTimeoutError):
                return self._upstream_failed(relay, 504, "timeout",
                                             f"AWS did not answer {service} {operation} within "
                                             f"{timeout:g} s at {where} — try again later")
            if isinstance(e, (HTTPClientError, OSError, ValueError)):
                reason = getattr(e, "message", None) or str(e) or type(e).__name__
                return self._upstream_failed(relay, 502, "unreachable",
                                             f"AWS could not be reached at {where}: {reason}")
            raise
        if relay.hung_up:
            return self._browser_left(relay, service, operation)
        if relay.code is None:
            return self.fail(502, "unreachable", f"AWS could not be reached at {where}: "
                             "no answer")
        relay.end()

    def _browser_left(self, relay: Relay, service: str, operation: str) -> None:
        """Nobody is left to answer: no error page, no stack trace, one line."""
        self.log.info("browser hung up after %d bytes of %s %s", relay.received, service,
                      operation)

    def _upstream_failed(self, relay: Relay, status: int, reason: str, message: str) -> None:
        if relay.started:  # part of the answer is already on its way: cut it off
            self.request.connection.close()
            return
        self.fail(status, reason, message)
