"""When the browser hangs up on a large S3 download, the proxy stops pulling it from AWS.
A real Jupyter server and a real moto server; the browser is a raw socket that reads the
first MiB of the object and closes."""

from __future__ import annotations

import asyncio
import logging
import time

import pytest

from aws_fixtures import *  # noqa: F401,F403
from aws_fixtures import in_thread

from jupyterlab_sagemaker_nlp.aws.relay import Relay

MiB = 1024 * 1024
SIZE = 200 * MiB


@pytest.fixture
def relayed(monkeypatch) -> list[int]:
    """The sizes of the chunks the proxy read from AWS (with or without the fix)."""
    sizes: list[int] = []
    on_chunk = Relay.on_chunk

    def counting(self, chunk: bytes):
        sizes.append(len(chunk))
        return on_chunk(self, chunk)

    monkeypatch.setattr(Relay, "on_chunk", counting)
    return sizes


@pytest.fixture
def big_object(aws_env, moto):
    s3 = moto("s3")
    s3.create_bucket(Bucket="models")
    s3.put_object(Bucket="models", Key="model.tar.gz", Body=bytes(SIZE))
    return "models/model.tar.gz"


async def read_a_little_and_hang_up(port: int, head: bytes, wanted: int) -> tuple[bytes, int]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(head)
    await writer.drain()
    status = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10)
    got = 0
    while got < wanted and status.startswith(b"HTTP/1.1 200"):
        data = await asyncio.wait_for(reader.read(65536), 10)
        if not data:
            break
        got += len(data)
    writer.close()  # unread bytes are left in the socket: the kernel answers with a reset
    return status, got


async def test_the_download_from_aws_stops_when_the_browser_hangs_up(
        big_object, relayed, http_server, jp_http_port, jp_base_url, jp_auth_header, caplog):
    caplog.set_level(logging.INFO)
    head = (f"GET {jp_base_url}sagemaker-nlp/aws/s3/{big_object} HTTP/1.1\r\n"
            f"Host: 127.0.0.1:{jp_http_port}\r\n"
            f"Authorization: {jp_auth_header['Authorization']}\r\n\r\n").encode()
    status, got = await read_a_little_and_hang_up(jp_http_port, head, MiB)
    assert status.startswith(b"HTTP/1.1 200"), status
    assert got >= MiB

    def done() -> bool:
        return any("s3 GetObject ->" in r.getMessage() for r in caplog.records)
    deadline = time.monotonic() + 15
    while not done() and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    assert done(), "the proxy's request never finished"

    pulled = sum(relayed)
    print(f"the proxy read {pulled / MiB:.1f} MiB of {SIZE / MiB:.0f} MiB from S3")
    assert pulled < SIZE // 4, f"the proxy went on reading: {pulled} of {SIZE} bytes"
    messages = [r.getMessage() for r in caplog.records]
    assert any(m.startswith("browser hung up after ") and m.endswith(" bytes of s3 GetObject")
               for m in messages), messages
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR], messages


async def test_a_download_the_browser_reads_whole_still_arrives(aws_env, proxy, moto):
    s3 = moto("s3")
    s3.create_bucket(Bucket="small")
    s3.put_object(Bucket="small", Key="x.bin", Body=b"z" * (3 * MiB))
    client = proxy("s3")
    body = await in_thread(lambda: client.get_object(Bucket="small", Key="x.bin")["Body"].read())
    assert body == b"z" * (3 * MiB)
