"""Shared by the Python benchmarks: a throwaway `jupyter server` with the extension, and moto.

Set PYTHONPATH to another checkout to measure that checkout's server extension.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

VENV_BIN = Path(__file__).resolve().parent.parent / ".venv" / "bin"
TOKEN = "bench-token"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, headers: dict | None = None, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=2)
            return
        except Exception:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer in {seconds} s")


@contextlib.contextmanager
def moto_server():
    port = free_port()
    proc = subprocess.Popen([str(VENV_BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_for(f"{url}/moto-api/")
        yield url
    finally:
        proc.kill()
        proc.wait()


@contextlib.contextmanager
def jupyter_server(extra_env: dict | None = None, extra_args: tuple = ()):
    """Yields (base url, auth headers, the server's psutil-less pid)."""
    port = free_port()
    root, jobs = tempfile.mkdtemp(prefix="bench-root-"), tempfile.mkdtemp(prefix="bench-jobs-")
    env = {**os.environ, "AWS_EC2_METADATA_DISABLED": "true", "AWS_ACCESS_KEY_ID": "benchkey",
           "AWS_SECRET_ACCESS_KEY": "benchsecret", "AWS_DEFAULT_REGION": "us-east-1",
           **(extra_env or {})}
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyter_server", "--no-browser", "--allow-root",
         f"--port={port}", "--ip=127.0.0.1", f"--IdentityProvider.token={TOKEN}",
         f"--ServerApp.root_dir={root}", f"--SageMakerNLP.jobs_dir={jobs}", *extra_args],
        env=env, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    auth = {"Authorization": f"token {TOKEN}"}
    try:
        wait_for(url + "sagemaker-nlp/health", auth)
        yield url, auth, proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
