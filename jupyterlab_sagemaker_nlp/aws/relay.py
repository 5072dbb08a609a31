"""AWS's answer on its way back to the browser: streamed, filtered, scrubbed.

A successful answer streams through as it arrives (a large S3 object is never
held whole); an error answer is held and scrubbed of the server's credentials
whatever its size, since AWS echoes them in signature errors. Header values
are scrubbed too. Nothing the proxy returns may render as a page in the
Jupyter origin: every answer is ``nosniff`` and sandboxed, and S3 object
bodies are attachments.
"""

from __future__ import annotations

import logging
import re
from typing import Optional

from tornado.httputil import HTTPHeaders, parse_response_start_line
from tornado.log import app_log

from .forwarding import is_forwarded_header

RESPONSE_HEADERS = {
    "accept-ranges", "cache-control", "content-encoding",
    "content-language", "content-range", "content-type", "etag", "expires", "last-modified",
    "location", "smithy-protocol", "x-amz-bucket-region", "x-amz-delete-marker",
    "x-amz-expiration", "x-amz-id-2", "x-amz-mp-parts-count", "x-amz-request-id",
    "x-amz-storage-class", "x-amz-tagging-count", "x-amz-version-id", "x-amzn-errortype",
    "x-amzn-invoked-production-variant", "x-amzn-query-error", "x-amzn-requestid",
}
SAFE_ANSWER = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
}

# Elements of S3 signature errors that echo the credentials (the canonical request
# holds the session token, in text and in hex).
_ECHOES = re.compile(rb"<(CanonicalRequest|CanonicalRequestBytes|StringToSign|StringToSignBytes|"
                     rb"AWSAccessKeyId|SignatureProvided)>.*?</\1>", re.S)


class BrowserHungUp(OSError):
    """Raised from the streaming callback once the browser is gone: tornado's client then
    fails the fetch and closes its connection to AWS, so the rest is never downloaded."""


class _QuietHangUps(logging.Filter):
    """tornado logs whatever a streaming callback raises as an uncaught exception;
    a hang-up is expected and the proxy logs it itself, in one line."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        return not isinstance(error, BrowserHungUp)


app_log.addFilter(_QuietHangUps())


def _secrets(credentials) -> list[str]:
    return [s for s in (credentials.access_key, credentials.secret_key, credentials.token) if s]


def scrub(body: bytes, credentials) -> bytes:
    """An error body without anything of the server's credentials in it."""
    body = _ECHOES.sub(b"", body)
    for secret in _secrets(credentials):
        body = body.replace(secret.encode(), b"[redacted]")
    return body


def scrub_text(value: str, credentials) -> str:
    for secret in _secrets(credentials):
        value = value.replace(secret, "[redacted]")
    return value


class Relay:
    """Feeds one upstream answer to a RequestHandler: give ``on_header`` and ``on_chunk``
    to tornado's HTTPRequest as header_callback and streaming_callback, then ``end``."""

    def __init__(self, handler, credentials, attachment: bool):
        self.handler = handler
        self.credentials = credentials
        self.attachment = attachment
        self.code: Optional[int] = None
        self.headers = HTTPHeaders()
        self.started = False
        self.received = 0  # body bytes read from AWS
        self.hung_up = False
        self._held: list[bytes] = []

    @property
    def holds_body(self) -> bool:
        return self.code is None or self.code >= 300

    def on_header(self, line: str) -> None:
        if line.startswith("HTTP/"):
            self.code = parse_response_start_line(line.strip()).code
            self.headers = HTTPHeaders()  # a 100 Continue came first
        elif line.strip():
            self.headers.parse_line(line)

    def hang_up(self) -> None:
        """The browser closed its connection: stop at the next chunk from AWS."""
        self.hung_up = True

    def _browser_gone(self) -> bool:
        # The close callback runs a loop turn after a failed write; the stream knows at once.
        stream = getattr(self.handler.request.connection, "stream", None)
        return stream is not None and stream.closed()

    def on_chunk(self, chunk: bytes) -> None:
        if self.hung_up or self._browser_gone():
            self.hung_up = True
            raise BrowserHungUp(f"the browser hung up after {self.received} bytes")
        self.received += len(chunk)
        if self.code in (204, 304):
            return
        if self.holds_body:
            self._held.append(chunk)
            return
        if not self.started:
            self._start(self.headers.get("Content-Length"))
        self.handler.write(chunk)
        self.handler.flush()

    def end(self) -> int:
        """The whole answer arrived: send what is left and finish."""
        body = scrub(b"".join(self._held), self.credentials) if self._held else b""
        if not self.started:
            if self.code in (204, 304):
                length = None
            elif self.handler.request.method == "HEAD":
                length = self.headers.get("Content-Length")
                body = b""
            else:
                length = str(len(body))
            self._start(length)
        self.handler.finish(body or None)
        return self.code

    def _start(self, length: Optional[str]) -> None:
        h = self.handler
        self.started = True
        h.set_status(self.code)
        h.clear_header("Content-Type")
        h.set_header("Content-Type", "binary/octet-stream")
        for name, value in self.headers.get_all():
            lower = name.lower()
            if lower == "location" and 300 <= self.code < 400:
                continue  # never send the browser to another host
            if is_forwarded_header(lower, RESPONSE_HEADERS):
                value = scrub_text(value, self.credentials)
                if lower == "content-type":
                    h.set_header(name, value)
                else:
                    h.add_header(name, value)
        for name, value in SAFE_ANSWER.items():
            h.set_header(name, value)
        if self.attachment and 200 <= self.code < 300:
            h.set_header("Content-Disposition", "attachment")
        if length is not None:
            h.set_header("Content-Length", length)
