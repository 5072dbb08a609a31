"""Helpers of the fault tests (no tests here): a real Jupyter server in a subprocess.

It runs this checkout's extension (PYTHONPATH is the repository of this file)
on 127.0.0.1, with no other extension and no user configuration.
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

from tornado.httpclient import AsyncHTTPClient

REPO = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


async def wait_until(predicate, timeout: float, what: str, step: float = 0.05):
    deadline = time.monotonic() + timeout
    while True:
        result = predicate()
        if asyncio.iscoroutine(result):
            result = await result
        if result:
            return result
        assert time.monotonic() < deadline, f"timed out after {timeout} s waiting for {what}"
        await asyncio.sleep(step)


class ServerProcess:
    """`python -m jupyter_server` with this extension, on a free port of 127.0.0.1."""

    def __init__(self, jobs_dir: Path, work: Path, stack_limit: int | None = None,
                 **settings: Any):
        self.jobs_dir = jobs_dir
        self.stack_limit = stack_limit  # bytes of `ulimit -s`; a quarter of it is ARG_MAX
        self.work = work
        self.port = free_port()
        self.token = uuid.uuid4().hex
        self.settings = {"stop_grace_seconds": 1.0, **settings}
        self.proc: subprocess.Popen | None = None
        self.log_path = work / f"server-{self.port}.log"

    async def start(self, timeout: float = 15) -> "ServerProcess":
        root = self.work / "root"
        root.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ, JUPYTER_NO_CONFIG="1", PYTHONPATH=str(REPO),
                   JUPYTER_RUNTIME_DIR=str(self.work / f"runtime-{self.port}"))
        cmd = [sys.executable, "-m", "jupyter_server", "--allow-root", "--no-browser",
               "--ip=127.0.0.1", f"--port={self.port}", "--port-retries=0",
               f"--ServerApp.root_dir={root}",
               '--ServerApp.jpserver_extensions={"jupyterlab_sagemaker_nlp": True}',
               f"--IdentityProvider.token={self.token}",
               f"--SageMakerNLP.jobs_dir={self.jobs_dir}"]
        cmd += [f"--SageMakerNLP.{k}={v}" for k, v in self.settings.items()]
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=log,
                                         stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                         preexec_fn=self._limit if self.stack_limit else None)

        async def up() -> bool:
            assert self.proc.poll() is None, f"the server exited:\n{self.log()}"
            try:
                code, _ = await self.call("GET", "health", timeout=2)
            except OSError:
                return False
            return code == 200

        await wait_until(up, timeout, "the Jupyter server subprocess to answer")
        return self

    def _limit(self) -> None:
        hard = resource.getrlimit(resource.RLIMIT_STACK)[1]
        resource.setrlimit(resource.RLIMIT_STACK, (self.stack_limit, hard))

    async def call(self, method: str, path: str, body: Any = None,
                   timeout: float = 10) -> tuple[int, Any]:
        if body is None and method in ("POST", "PUT"):
            body = {}
        r = await AsyncHTTPClient().fetch(
            f"http://127.0.0.1:{self.port}/sagemaker-nlp/{path}", method=method,
            body=None if body is None else json.dumps(body), raise_error=False,
            headers={"Authorization": f"token {self.token}"}, request_timeout=timeout)
        if r.code == 599:
            raise OSError(str(r.error))
        text = r.body.decode() if r.body else ""
        try:
            return r.code, json.loads(text) if text else None
        except ValueError:
            return r.code, text

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def kill(self) -> None:
        """A crash: SIGKILL, so no atexit runs."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()
