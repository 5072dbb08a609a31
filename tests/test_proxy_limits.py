"""Big, slow and hostile traffic through the proxy: bodies are checked before they are read,
answers stream, one slow upstream holds nothing else, and nothing of the server's credentials
or of an S3 object's HTML comes back. A real Jupyter server; moto, and a scripted stand-in
for S3 and sagemaker-runtime on 127.0.0.1."""

from __future__ import annotations

import asyncio
import socket
import threading
import time

import botocore.session
import psutil
import pytest
from tornado.httpclient import AsyncHTTPClient

from aws_fixtures import *  # noqa: F401,F403
from aws_fixtures import KEY_ID, SECRET, TOKEN, body_of, in_thread
from test_proxy import assert_no_credentials

from jupyterlab_sagemaker_nlp.aws.endpoints import Endpoints

MiB = 1024 * 1024


class ScriptedUpstream:
    """A listening socket on 127.0.0.1 whose connections a test answers by hand."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(128)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.server = None

    async def serve(self, answer):
        """answer(reader, writer) handles each connection after its request head is read."""
        async def handle(reader, writer):
            try:
                head = await reader.readuntil(b"\r\n\r\n")
                length = next((int(line.split(b":")[1]) for line in head.split(b"\r\n")
                               if line.lower().startswith(b"content-length:")), 0)
                await reader.readexactly(length)
                await answer(reader, writer)
            except (asyncio.IncompleteReadError, ConnectionError):
                pass
            finally:
                writer.close()
        self.server = await asyncio.start_server(handle, sock=self.sock)

    def close(self):
        if self.server is not None:
            self.server.close()
        self.sock.close()


@pytest.fixture
def upstream():
    scripted = ScriptedUpstream()
    yield scripted
    scripted.close()


@pytest.fixture
def aws_env_overrides(upstream):
    return {"AWS_ENDPOINT_URL_S3": upstream.url,
            "AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME": upstream.url}


@pytest.fixture
def aws_server_config():
    return {"body_timeout": 1.0, "invoke_timeout": 1.5, "max_connections": 2}


@pytest.fixture
def url(http_server, jp_http_port, jp_base_url):
    return lambda path: f"http://127.0.0.1:{jp_http_port}{jp_base_url}sagemaker-nlp/aws/{path}"


def answer_with(status: str, headers: dict, body: bytes = b""):
    async def answer(reader, writer):
        lines = [f"HTTP/1.1 {status}", f"Content-Length: {len(body)}",
                 *(f"{k}: {v}" for k, v in headers.items()), "", ""]
        writer.write("\r\n".join(lines).encode() + body)
        await writer.drain()
    return answer


def raw_request(port: int, head: str, body_bytes: int = 0, chunk: bytes = b"") -> bytes:
    """Send a request head and body_bytes of zeros from one reused buffer (the sender holds
    1 MiB at most); answer what the server said, even if it closed the connection early."""
    buffer = bytes(MiB)
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(head.encode() + chunk)
        sent = 0
        try:
            while sent < body_bytes:
                s.sendall(buffer[:min(MiB, body_bytes - sent)])
                sent += MiB
        except OSError:
            pass  # the server refused and closed: what it answered is still there to read
        answer = b""
        try:
            while b"\r\n\r\n" not in answer:
                data = s.recv(65536)
                if not data:
                    break
                answer += data
        except OSError:
            pass
        return answer


class PeakRss:
    """The largest resident size of this process (the Jupyter server runs in it) while open."""

    def __enter__(self):
        self.process = psutil.Process()
        self.base = self.process.memory_info().rss
        self.peak = self.base
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self):
        while not self._done.wait(0.005):
            self.peak = max(self.peak, self.process.memory_info().rss)

    def __exit__(self, *exc):
        self._done.set()
        self._thread.join()

    @property
    def growth_mib(self) -> float:
        return (self.peak - self.base) / MiB


def put_head(jp_base_url: str, length: int, auth: str = "") -> str:
    return (f"PUT {jp_base_url}sagemaker-nlp/aws/s3/big-bucket/big.bin HTTP/1.1\r\n"
            f"Host: 127.0.0.1\r\nContent-Length: {length}\r\n{auth}\r\n")


async def test_a_big_body_without_a_token_is_refused_before_it_is_read(
        http_server, jp_http_port, jp_base_url):
    size = 200 * MiB
    with PeakRss() as rss:
        answer = await in_thread(raw_request, jp_http_port, put_head(jp_base_url, size), size)
    assert answer.startswith(b"HTTP/1.1 403"), answer[:200]
    assert rss.growth_mib < 40, f"the server grew by {rss.growth_mib:.0f} MiB"


async def test_a_body_over_the_limit_is_refused_before_it_is_read(
        http_server, jp_http_port, jp_base_url, jp_auth_header):
    size = 200 * MiB
    auth = f"Authorization: {jp_auth_header['Authorization']}\r\n"
    with PeakRss() as rss:
        answer = await in_thread(raw_request, jp_http_port, put_head(jp_base_url, size, auth),
                                 size)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert b"too-large" in answer
    assert rss.growth_mib < 40, f"the server grew by {rss.growth_mib:.0f} MiB"


async def test_a_slow_body_times_out(http_server, jp_http_port, jp_base_url, jp_auth_header):
    auth = f"Authorization: {jp_auth_header['Authorization']}\r\n"
    started = time.monotonic()
    answer = await in_thread(raw_request, jp_http_port, put_head(jp_base_url, 1000, auth),
                             0, b"only ten b")
    assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
    assert time.monotonic() - started < 5


async def test_a_chunked_body_needs_a_length(http_server, jp_http_port, jp_base_url,
                                             jp_auth_header):
    head = (f"PUT {jp_base_url}sagemaker-nlp/aws/s3/big-bucket/x HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            f"Authorization: {jp_auth_header['Authorization']}\r\n"
            "Transfer-Encoding: chunked\r\n\r\n")
    answer = await in_thread(raw_request, jp_http_port, head, 0, b"5\r\nhello\r\n0\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 411"), answer[:200]


async def test_a_large_answer_streams_through(upstream, url, jp_auth_header):
    first, rest = b"a" * MiB, b"b" * MiB
    release = asyncio.Event()

    async def answer(reader, writer):
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
                     b"Content-Length: %d\r\n\r\n" % (len(first) + len(rest)) + first)
        await writer.drain()
        await release.wait()
        writer.write(rest)
        await writer.drain()

    await upstream.serve(answer)
    received = []
    fetch = asyncio.ensure_future(AsyncHTTPClient().fetch(
        url("s3/big-bucket/model.tar.gz"), headers=jp_auth_header, request_timeout=20,
        streaming_callback=received.append))
    deadline = time.monotonic() + 10
    while sum(map(len, received)) < len(first) and time.monotonic() < deadline:
        await asyncio.sleep(0.02)
    # The first half reached the browser while AWS still held the second.
    assert sum(map(len, received)) >= len(first)
    release.set()
    response = await fetch
    assert response.code == 200
    assert b"".join(received) == first + rest
    assert response.headers["Content-Disposition"] == "attachment"


async def test_s3_objects_never_render_as_pages(upstream, url, jp_auth_header):
    await upstream.serve(answer_with("200 OK", {"Content-Type": "text/html",
                                                "Content-Disposition": "inline"},
                                     b"<script>alert(document.cookie)</script>"))
    response = await AsyncHTTPClient().fetch(url("s3/big-bucket/page.html"),
                                             headers=jp_auth_header)
    assert response.headers["Content-Disposition"] == "attachment"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response.headers["Content-Security-Policy"]
    for override in ("response-content-type=text/html", "response-content-disposition=inline"):
        refused = await AsyncHTTPClient().fetch(url(f"s3/big-bucket/page.html?{override}"),
                                                headers=jp_auth_header, raise_error=False)
        assert refused.code == 403
        assert "overrides" in body_of(refused)["message"]


async def test_credentials_are_scrubbed_from_headers_and_big_error_bodies(
        upstream, url, jp_auth_header):
    error = b"<Error><Code>AccessDenied</Code>" + b"x" * (2 * MiB) + \
        f"<Message>{KEY_ID} {SECRET} {TOKEN}</Message></Error>".encode()
    answers = iter([
        answer_with("403 Forbidden", {"Content-Type": "application/xml",
                                      "x-amz-request-id": KEY_ID}, error),
        answer_with("200 OK", {"x-amz-meta-echo": f"{SECRET}/{TOKEN}",
                               "ETag": f'"{KEY_ID}"'}, b"object"),
    ])

    async def answer(reader, writer):
        await next(answers)(reader, writer)

    await upstream.serve(answer)
    for key in ("denied", "echo"):
        response = await AsyncHTTPClient().fetch(url(f"s3/big-bucket/{key}"),
                                                 headers=jp_auth_header, raise_error=False)
        assert response.code in (200, 403)
        assert_no_credentials(response.body, list(response.headers.get_all()))
        assert (b"[redacted]" in response.body) == (key == "denied")


async def test_a_hung_endpoint_holds_nothing_else(upstream, proxy, url, jp_auth_header):
    async def never(reader, writer):
        await asyncio.sleep(30)

    await upstream.serve(never)
    invocations = [asyncio.ensure_future(AsyncHTTPClient(force_instance=True).fetch(
        url("sagemaker-runtime/endpoints/hung/invocations"), method="POST", body=b"{}",
        headers={**jp_auth_header, "Content-Type": "application/json"}, raise_error=False,
        request_timeout=60)) for _ in range(34)]
    await asyncio.sleep(0.3)
    started = time.monotonic()
    await in_thread(proxy("sagemaker").list_training_jobs)
    assert time.monotonic() - started < 3, "a call to another service waited for the hung one"
    answers = await asyncio.gather(*invocations)
    assert {a.code for a in answers} == {504}
    message = body_of(answers[0])["message"]
    assert "sagemaker-runtime InvokeEndpoint" in message and "1.5 s" in message
    assert body_of(answers[0])["reason"] == "timeout"


def test_the_endpoint_cache_is_bounded(aws_env):
    endpoints = Endpoints(botocore.session.Session, max_entries=4)
    for n in range(10):
        endpoints.url("sagemaker", f"xx-test-{n}")
    assert len(endpoints) == 4
    assert endpoints.url("sagemaker", "xx-test-9").endswith("127.0.0.1:" + aws_env.rsplit(":")[-1])
