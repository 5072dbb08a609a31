"""Processes of a job: started in their own session, output streamed to the log,
signalled as a group (the way a container ends everything inside it).

Every process of a job carries ``SAGEMAKER_NLP_JOB_ID=<marker>`` in its
environment, so the ones that left the process group (``setsid``) are found
too: at the end of each process, and after a server crash (``kill_job``).
"""

from __future__ import annotations

import asyncio
import errno
import logging
import os
import signal
import time
from typing import Callable, Optional

import psutil

from . import argsize
from .errors import LocalError
from .logs import LogWriter

MARKER = "SAGEMAKER_NLP_JOB_ID"
log = logging.getLogger(__name__)


async def run_logged(cmd: list, cwd: str, env: dict, writer: LogWriter,
                     on_start: Callable[[asyncio.subprocess.Process], None],
                     after_chunk: Optional[Callable[[], None]] = None) -> int:
    """Run cmd, its stdout+stderr into the log; answer its exit code.

    Output is fed to the log in a worker thread (metric regexes run there), and
    after_chunk runs on the event loop after each chunk. When the process exits,
    whatever it left in its process group or carrying its job's marker is
    killed, and the rest of its output is read (at most 5 s more).
    """
    try:
        proc = await asyncio.create_subprocess_exec(
            *cmd, cwd=cwd, env=env, stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
            start_new_session=True)
    except OSError as e:
        if e.errno == errno.E2BIG:
            raise LocalError(argsize.too_long_message(cmd, env))
        raise LocalError(f"Could not start {cmd[0]}: {e.strerror or e} — check the "
                         "notebook kernel's Python.")
    on_start(proc)

    async def read() -> None:
        broken = False
        while True:
            data = await proc.stdout.read(65536)
            if not data:
                return
            if broken:
                continue  # keep draining: a process blocked on a full pipe never ends
            try:
                await asyncio.to_thread(writer.feed, data)
                if after_chunk is not None:
                    after_chunk()
            except Exception:
                log.exception("The output of %s could not be logged; discarding the rest", cmd[0])
                broken = True

    reader = asyncio.ensure_future(read())
    rc = await exited(proc)
    killpg(proc.pid, signal.SIGKILL)
    if env.get(MARKER):
        await asyncio.to_thread(kill_job, env[MARKER], None)
    try:
        await asyncio.wait_for(reader, 5)
    except asyncio.TimeoutError:
        reader.cancel()
    return rc


async def exited(proc: asyncio.subprocess.Process) -> int:
    """Its exit code, once it has exited. (wait() also waits for its pipes to close,
    which processes it left behind may hold open for ever.)"""
    while proc.returncode is None:
        await asyncio.sleep(0.05)
    return proc.returncode


def terminate(proc: asyncio.subprocess.Process, grace: float) -> asyncio.TimerHandle:
    """SIGTERM to the group now, SIGKILL after the grace if it is still running."""
    killpg(proc.pid, signal.SIGTERM)

    def kill() -> None:
        if proc.returncode is None:
            killpg(proc.pid, signal.SIGKILL)

    return asyncio.get_running_loop().call_later(grace, kill)


def end_groups(pids: list, grace: float) -> None:
    """End process groups as a container stop does: SIGTERM to each, up to
    ``grace`` seconds while any leader is still alive, then SIGKILL to each.

    Blocking: for the server's exit, when the event loop no longer runs."""
    for pid in pids:
        killpg(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while pids and time.monotonic() < deadline and any(alive(p) for p in pids):
        time.sleep(0.02)
    for pid in pids:
        killpg(pid, signal.SIGKILL)


def kill_job(marker: Optional[str], pgid: Optional[int], rounds: int = 20) -> None:
    """Kill every process of a job: those carrying its marker, and its process group.

    Blocking (it scans /proc); repeated while something survives, for processes
    forked during the kill, at most ``rounds`` times.
    """
    if not marker and not pgid:
        return
    for _ in range(rounds):
        targets = _job_processes(marker, pgid)
        if not targets:
            return
        for p in targets:
            try:
                p.send_signal(signal.SIGKILL)
            except psutil.Error:
                pass
        time.sleep(0.05)


def _job_processes(marker: Optional[str], pgid: Optional[int]) -> list:
    """The live processes (of our user) carrying the marker or in the job's group."""
    if pgid and not _group_is_the_jobs(marker, pgid):
        pgid = None
    me, uid = os.getpid(), os.getuid()
    found = []
    for p in psutil.process_iter(["uids", "status"]):
        try:
            if p.pid == me or p.info["uids"] is None or p.info["uids"].real != uid:
                continue
            if p.info["status"] == psutil.STATUS_ZOMBIE:
                continue
            if (pgid and os.getpgid(p.pid) == pgid) or (marker and _marked(p, marker)):
                found.append(p)
        except (psutil.Error, OSError):
            continue  # gone meanwhile, or not ours to read
    return found


def _group_is_the_jobs(marker: Optional[str], pgid: int) -> bool:
    # A pid is not reused while a group of that id exists, so the group is the
    # job's unless a new process now leads it: then only the marker can tell.
    try:
        leader = psutil.Process(pgid)
        if leader.status() == psutil.STATUS_ZOMBIE:
            return True
    except psutil.NoSuchProcess:
        return True
    except psutil.Error:
        return False
    return bool(marker) and _marked(leader, marker)


def _marked(p: psutil.Process, marker: str) -> bool:
    try:
        return p.environ().get(MARKER) == marker
    except (psutil.Error, OSError):
        return False


def kill_orphan(pid: Optional[int], cwd: str) -> None:
    """Kill a process that outlived its server, if it still runs in that job's folder.

    For records without a marker (written by an older version)."""
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
