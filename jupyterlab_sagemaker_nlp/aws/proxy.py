"""The signing proxy: /sagemaker-nlp/aws/<service>/<path...> → AWS, signed by the server.

The browser's AWS SDK v3 clients use ``<origin><base_url>sagemaker-nlp/aws/<service>``
as their endpoint. Only logged-in Jupyter users get here (``@authenticated``); the
service and operation must be allow-listed (operations.py); the upstream endpoint and
region come from server configuration (endpoints.py, config.py); only safe headers
pass either way; the request is signed anew with the server's credentials (signing.py).
"""

from __future__ import annotations

import json
import re
import time
from typing import Optional
from urllib.parse import quote, unquote

import tornado.web
from botocore.exceptions import BotoCoreError
from jupyter_server.base.handlers import APIHandler
from jupyter_server.utils import url_path_join
from tornado.httpclient import HTTPClientError, HTTPRequest
from tornado.ioloop import IOLoop

from .config import NO_REGION
from .endpoints import SERVICES, signing_name
from .operations import ALLOWED, operation_of, refusal
from .signing import NO_CREDENTIALS, host_of, sign

STATE_KEY = "sagemaker_nlp_aws"
ERROR_HEADER = "X-SageMaker-NLP-Proxy-Error"

REQUEST_HEADERS = {
    "accept", "cache-control", "content-disposition", "content-encoding", "content-language",
    "content-md5", "content-type", "expires", "if-match", "if-modified-since",
    "if-none-match", "if-unmodified-since", "range", "smithy-protocol",
    "x-amz-expected-bucket-owner", "x-amz-sdk-checksum-algorithm", "x-amz-storage-class",
    "x-amz-tagging", "x-amz-target",
}
RESPONSE_HEADERS = {
    "accept-ranges", "cache-control", "content-disposition", "content-encoding",
    "content-language", "content-range", "content-type", "etag", "expires", "last-modified",
    "location", "smithy-protocol", "x-amz-bucket-region", "x-amz-delete-marker",
    "x-amz-expiration", "x-amz-id-2", "x-amz-mp-parts-count", "x-amz-request-id",
    "x-amz-storage-class", "x-amz-tagging-count", "x-amz-version-id", "x-amzn-errortype",
    "x-amzn-invoked-production-variant", "x-amzn-query-error", "x-amzn-requestid",
}
HEADER_PREFIXES = ("x-amz-server-side-encryption", "x-amz-checksum-", "x-amz-meta-",
                   "x-amzn-sagemaker-")
UNRESERVED = "-_.~"


def _allowed(name: str, names: set) -> bool:
    name = name.lower()
    return name in names or name.startswith(HEADER_PREFIXES)


# Elements of S3 signature errors that echo the credentials (the canonical request
# holds the session token, in text and in hex).
_ECHOES = re.compile(rb"<(CanonicalRequest|CanonicalRequestBytes|StringToSign|StringToSignBytes|"
                     rb"AWSAccessKeyId|SignatureProvided)>.*?</\1>", re.S)


def scrub(body: bytes, credentials) -> bytes:
    """An error body without anything of the server's credentials in it."""
    body = _ECHOES.sub(b"", body)
    for secret in (credentials.access_key, credentials.secret_key, credentials.token):
        if secret:
            body = body.replace(secret.encode(), b"[redacted]")
    return body


def clean_path(raw: str) -> Optional[str]:
    """raw path, each segment re-encoded the AWS way; None if it has dot segments."""
    segments = []
    for segment in (raw or "/").split("/"):
        decoded = unquote(segment)
        if decoded in (".", ".."):
            return None
        segments.append(quote(decoded, safe=UNRESERVED))
    path = "/".join(segments)
    return path if path.startswith("/") else "/" + path


# Query-string signatures (presigned URLs): the proxy signs in headers, so these go.
QUERY_AUTH = {"x-amz-algorithm", "x-amz-credential", "x-amz-date", "x-amz-expires",
              "x-amz-signedheaders", "x-amz-signature", "x-amz-security-token"}


def clean_query(raw: str) -> str:
    """raw query, re-encoded the AWS way, without query-string signature parameters."""
    pieces = []
    for piece in raw.split("&"):
        key, eq, value = piece.partition("=")
        if piece and unquote(key).lower() not in QUERY_AUTH:
            pieces.append(quote(unquote(key), safe=UNRESERVED) + eq
                          + quote(unquote(value), safe=UNRESERVED))
    return "&".join(pieces)


class ProxyHandler(APIHandler):
    @property
    def aws(self):
        return self.settings[STATE_KEY]

    def compute_etag(self):
        return None

    def fail(self, status: int, reason: str, message: str) -> int:
        """An answer of the proxy itself (not of AWS): JSON, and a header to tell it by."""
        self.set_status(status)
        self.set_header(ERROR_HEADER, reason)
        self.finish(json.dumps({"message": message, "reason": reason}))
        return status

    @tornado.web.authenticated
    async def get(self, service: str, path: str = ""):
        await self.proxy(service)

    @tornado.web.authenticated
    async def head(self, service: str, path: str = ""):
        await self.proxy(service)

    @tornado.web.authenticated
    async def put(self, service: str, path: str = ""):
        await self.proxy(service)

    @tornado.web.authenticated
    async def post(self, service: str, path: str = ""):
        await self.proxy(service)

    @tornado.web.authenticated
    async def delete(self, service: str, path: str = ""):
        await self.proxy(service)

    async def proxy(self, service: str) -> None:
        started = time.monotonic()
        self._operation = "-"
        status = 500
        try:
            status = await self._proxy(service)
        finally:
            self.log.info("sagemaker-nlp aws %s %s -> %s in %d ms", service, self._operation,
                          status, (time.monotonic() - started) * 1000)

    async def _proxy(self, service: str) -> int:
        request, state = self.request, self.aws
        method = request.method
        if service not in SERVICES:
            return self.fail(403, "refused", f"Request refused: {service} is not a service "
                             "this extension uses")
        limit = state.settings.max_body_bytes
        if len(request.body or b"") > limit:
            return self.fail(413, "too-large", f"The request body is {len(request.body)} "
                             f"bytes; the proxy forwards at most {limit} bytes per request "
                             "(upload large files to S3 in multipart parts of 5-16 MiB)")
        prefix = url_path_join(self.base_url, "sagemaker-nlp", "aws", service)
        path = clean_path(request.path[len(prefix):])
        if path is None or not request.path.startswith(prefix):
            return self.fail(400, "bad-request", "The path must not have . or .. segments.")
        if "aws-chunked" in request.headers.get("Content-Encoding", ""):
            return self.fail(400, "bad-request", "aws-chunked bodies are not forwarded: send "
                             "the body whole (requestChecksumCalculation: 'WHEN_REQUIRED')")
        query = clean_query(request.query)
        body = request.body or b""
        operation = operation_of(service, method, path, query, request.headers, body)
        self._operation = operation or "?"
        if operation not in ALLOWED[service]:
            described = operation or f"{method} {path}{'?' + query if query else ''}"
            return self.fail(403, "refused", refusal(service, described))
        region = state.config.region()
        if not region:
            return self.fail(400, "no-region", NO_REGION)
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
        headers = {k: v for k, v in request.headers.get_all() if _allowed(k, REQUEST_HEADERS)}
        if service == "s3" and method == "POST" and "Content-Type" not in request.headers:
            headers["Content-Type"] = "binary/octet-stream"
        if service in ("s3", "sagemaker-runtime"):
            headers.pop("X-Amz-Target", None)
        send_body = body if (body or method in ("POST", "PUT")) else None
        signed = await loop.run_in_executor(None, sign, credentials, signing_name(service),
                                            region, method, url, headers, send_body)
        settings = state.settings
        upstream = HTTPRequest(
            url, method=method, headers=signed, body=send_body, follow_redirects=False,
            decompress_response=False, allow_nonstandard_methods=True,
            connect_timeout=settings.connect_timeout, request_timeout=settings.request_timeout,
        )
        try:
            response = await state.http_client().fetch(upstream, raise_error=False)
        except (HTTPClientError, OSError, ValueError) as e:
            reason = getattr(e, "message", None) or str(e) or type(e).__name__
            return self.fail(502, "unreachable",
                             f"AWS could not be reached at {host_of(endpoint)}: {reason}")
        if response.code == 599:
            reason = str(response.error) if response.error else "no answer"
            return self.fail(502, "unreachable",
                             f"AWS could not be reached at {host_of(endpoint)}: {reason}")
        return self.answer(response, credentials)

    def answer(self, response, credentials) -> int:
        self.set_status(response.code)
        content_type = "binary/octet-stream"
        for name, value in response.headers.get_all():
            lower = name.lower()
            if lower == "content-type":
                content_type = value
            elif lower == "location" and 300 <= response.code < 400:
                continue  # never send the browser to another host
            elif _allowed(lower, RESPONSE_HEADERS):
                self.add_header(name, value)
        body = response.body or b""
        if response.code >= 300 and len(body) < 1024 * 1024:
            body = scrub(body, credentials)
        if self.request.method == "HEAD" or response.code in (204, 304):
            length = response.headers.get("Content-Length")
            if self.request.method == "HEAD" and length is not None:
                self.set_header("Content-Length", length)
            self.finish(set_content_type=content_type)
        else:
            self.finish(body, set_content_type=content_type)
        return response.code
