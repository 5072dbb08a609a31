"""Processes of a job: started in their own session, output streamed to the log,
signalled as a group (the way a container ends everything inside it)."""

from __future__ import annotations

import asyncio
import os
import signal
from typing import Callable, Optional

from .errors import LocalError
from .logs import LogWriter


async def run_logged(cmd: list, cwd: str, env: Optional[dict], writer: LogWriter,
                     on_start: Callable[[asyncio.subprocess.Process], None]) -> int:
    """Run cmd, its stdout+stderr into the log; answer its exit code.

    When it exits, whatever it left in its process group is killed, and the
    rest of its output is read (at most 5 s more).
    """
    try:
        proc = await asyncio.create_subprocess_exec(
            *cmd, cwd=cwd, env=env, stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
            start_new_session=True)
    except OSError as e:
        raise LocalError(f"Could not start {cmd[0]}: {e.strerror or e} — check the "
                         "notebook kernel's Python.")
    on_start(proc)

    async def read() -> None:
        while True:
            data = await proc.stdout.read(65536)
            if not data:
                return
            writer.feed(data)

    reader = asyncio.ensure_future(read())
    rc = await proc.wait()
    killpg(proc.pid, signal.SIGKILL)
    try:
        await asyncio.wait_for(reader, 5)
    except asyncio.TimeoutError:
        reader.cancel()
    return rc


def terminate(proc: asyncio.subprocess.Process, grace: float) -> asyncio.TimerHandle:
    """SIGTERM to the group now, SIGKILL after the grace if it is still running."""
    killpg(proc.pid, signal.SIGTERM)

    def kill() -> None:
        if proc.returncode is None:
            killpg(proc.pid, signal.SIGKILL)

    return asyncio.get_running_loop().call_later(grace, kill)


def kill_orphan(pid: Optional[int], cwd: str) -> None:
    """Kill a process that outlived its server, if it still runs in that job's folder."""
    if not pid or not alive(pid):
        return
    try:
        actual = os.path.realpath(os.readlink(f"/proc/{pid}/cwd"))
    except OSError:
        return
    if actual == os.path.realpath(cwd):
        killpg(pid, signal.SIGKILL)


def killpg(pid: int, sig: int) -> None:
    try:
        os.killpg(pid, sig)
    except (ProcessLookupError, PermissionError, OSError):
        pass


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie is not alive
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return True
