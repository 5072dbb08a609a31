"""A completed local job's model in a child process (serving_child.py), shared by local
endpoints (serving.py) and local batch transforms (transform.py).

The child runs with the job's Python (its kernel's, or the requirements venv it trained in),
so a bad model never takes the server down. Frames go over its stdin/stdout: one JSON
header line, then ``length`` raw bytes. Its first answer says whether the model loaded.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from typing import IO, Any, Optional, Union

from . import process, python
from .errors import LocalError

CHILD = os.path.join(os.path.dirname(os.path.abspath(__file__)), "serving_child.py")
Process = asyncio.subprocess.Process


async def job_python(job: dict, kernel_spec_manager: Any, envs_dir: str) -> str:
    """The Python the job trained with: its kernel's today, or the venv of its requirements."""
    exe = job.get("Python") or sys.executable
    if kernel_spec_manager is not None and job.get("KernelName"):
        try:
            exe = await python.resolve_python(kernel_spec_manager, job["KernelName"])
        except LocalError:
            pass  # the kernel went; the Python the job ran with is still the best guess
    # A job with requirements.txt ran in a cached venv on top of the kernel: use it too.
    requirements = os.path.join(job.get("JobDir", ""), "code", "requirements.txt")
    if os.path.isfile(requirements):
        with open(requirements, encoding="utf-8") as f:
            env = os.path.join(envs_dir, python.env_key(exe, f.read()))
        if os.path.exists(os.path.join(env, ".ready")):
            exe = python.venv_python(env)
    return exe


async def start(exe: str, model_dir: str, script: str, hf_task: Optional[str],
                stderr: Union[IO, int], cwd: str, limit: int) -> Process:
    """The child, loading the model; ``limit`` bounds one answer frame's header line."""
    env = {**os.environ, "SM_MODEL_DIR": model_dir, "HF_HUB_OFFLINE": "1",
           "TRANSFORMERS_OFFLINE": "1", "PYTHONUNBUFFERED": "1"}
    if hf_task:
        env["HF_TASK"] = hf_task
    return await asyncio.create_subprocess_exec(
        exe, CHILD, model_dir, script, stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE, stderr=stderr,
        cwd=model_dir if os.path.isdir(model_dir) else cwd, env=env,
        start_new_session=True, limit=limit)


async def read_frame(proc: Process) -> tuple[dict, bytes]:
    """The next answer; EOFError when the child is gone."""
    line = await proc.stdout.readline()
    if not line:
        raise EOFError
    header = json.loads(line)
    length = header.get("length")
    return header, (await proc.stdout.readexactly(length) if length else b"")


async def ask(proc: Process, body: bytes, content_type: str, accept: str) -> tuple[dict, bytes]:
    """One request and its answer (EOFError, OSError or ValueError: the child is gone)."""
    header = {"contentType": content_type, "accept": accept, "length": len(body)}
    proc.stdin.write(json.dumps(header).encode() + b"\n" + body)
    await proc.stdin.drain()
    return await read_frame(proc)


async def end(proc: Optional[Process], grace: float = 1.0) -> None:
    """Close its stdin (the child ends at EOF); kill it when it does not within ``grace``."""
    if proc is None:
        return
    proc.stdin.close()  # also frees the pipe of a child already gone
    if proc.returncode is not None:
        return
    try:
        await asyncio.wait_for(proc.wait(), grace)
    except asyncio.TimeoutError:
        process.killpg(proc.pid, signal.SIGKILL)
        await proc.wait()
