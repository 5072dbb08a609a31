"""How much a real Jupyter server grows while big bodies pass its AWS proxy.

    .venv/bin/python bench/proxy_memory.py          # this checkout
    PYTHONPATH=<other checkout> .venv/bin/python bench/proxy_memory.py

Prints the peak resident-size growth of the server process for: a 200 MiB PUT
without a token, a 200 MiB PUT with one (over the 64 MiB limit), and a
100 MiB S3 object read through the proxy (moto stands in for S3).
"""

from __future__ import annotations

import socket
import sys
import threading
import urllib.request
from pathlib import Path

import boto3
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from jupyter_server import jupyter_server, moto_server  # noqa: E402

MiB = 1024 * 1024


class PeakRss:
    def __init__(self, pid: int):
        self.process = psutil.Process(pid)

    def __enter__(self):
        self.base = self.peak = self.process.memory_info().rss
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
    def growth(self) -> float:
        return (self.peak - self.base) / MiB


def put(url: str, auth: str, size: int) -> str:
    """A raw PUT of size zero bytes sent from one 1 MiB buffer; the answer's status line."""
    host, port = url.split("//")[1].rstrip("/").split(":")
    buffer = bytes(MiB)
    with socket.create_connection((host, int(port)), timeout=60) as s:
        s.sendall((f"PUT /sagemaker-nlp/aws/s3/bench-bucket/big.bin HTTP/1.1\r\nHost: {host}\r\n"
                   f"Content-Length: {size}\r\n{auth}\r\n").encode())
        try:
            for _ in range(size // MiB):
                s.sendall(buffer)
        except OSError:
            pass
        try:
            return s.recv(4096).split(b"\r\n")[0].decode()
        except OSError as e:
            return f"(connection closed: {e})"


def get(url: str, headers: dict) -> int:
    total = 0
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=120) as r:
        while chunk := r.read(MiB):
            total += len(chunk)
    return total


def read_object(url: str, auth: dict) -> str:
    size = get(url + "sagemaker-nlp/aws/s3/bench-bucket/model.tar.gz", auth)
    return f"{size // MiB} MiB read"


def main() -> None:
    cases = [
        ("200 MiB PUT without a token", lambda url, auth: put(url, "", 200 * MiB)),
        ("200 MiB PUT with a token (limit 64 MiB)",
         lambda url, auth: put(url, f"Authorization: {auth['Authorization']}\r\n", 200 * MiB)),
        ("100 MiB S3 object read through the proxy", read_object),
    ]
    with moto_server() as moto:
        s3 = boto3.client("s3", endpoint_url=moto, region_name="us-east-1",
                          aws_access_key_id="benchkey", aws_secret_access_key="benchsecret")
        s3.create_bucket(Bucket="bench-bucket")
        s3.put_object(Bucket="bench-bucket", Key="model.tar.gz", Body=bytes(100 * MiB))
        for label, call in cases:  # a fresh server each: a process keeps what it once grew to
            with jupyter_server({"AWS_ENDPOINT_URL": moto}) as (url, auth, pid):
                with PeakRss(pid) as rss:
                    outcome = call(url, auth)
            print(f"proxy memory: {label}: server grew {rss.growth:.0f} MiB ({outcome})")


if __name__ == "__main__":
    main()
