"""Who owns a jobs folder: the server holding an exclusive ``fcntl.flock`` on it.

The lock is taken on the folder itself, so the kernel releases it when the
owner exits or crashes: nothing stale is ever left to clean up, and nothing is
added to the folder, whose content is only jobs. The owner is read from
``/proc/locks`` (its pid, and from that its start time) — information only,
best effort. A server that cannot get the lock shows that folder's jobs
without touching them.

A flock belongs to one open file, so two runners of one process would lock each
other out; they share one descriptor instead (tests build several runners over
one folder, and one process is one server).
"""

from __future__ import annotations

import errno
import fcntl
import os
import threading
from typing import Optional

import psutil

from .timeutil import iso_from_ms

_held: dict[str, list] = {}  # folder -> [fd, number of claims]
_guard = threading.Lock()


class Claim:
    """This process owns the folder until release() (or its exit)."""

    def __init__(self, folder: str, locked: bool = True):
        self.folder = folder
        self.locked = locked  # False: the folder could not be locked, we run unguarded
        self._released = False

    def release(self) -> None:
        if self._released or not self.locked:
            return
        self._released = True
        with _guard:
            entry = _held.get(self.folder)
            if entry is None:
                return
            entry[1] -= 1
            if entry[1] == 0:
                del _held[self.folder]
                os.close(entry[0])  # closing the folder releases the lock


def claim(root: str) -> Optional[Claim]:
    """Claim the jobs folder (made if missing); None if another server owns it."""
    folder = os.path.realpath(root)
    with _guard:
        entry = _held.get(folder)
        if entry is not None:
            entry[1] += 1
            return Claim(folder)
        try:
            os.makedirs(folder, exist_ok=True)
            fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        except OSError:
            # A folder we cannot open is not one another server guards; using it will
            # fail with its own message.
            return Claim(folder, locked=False)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as e:
            os.close(fd)
            if e.errno in (errno.EWOULDBLOCK, errno.EAGAIN):
                return None
            return Claim(folder, locked=False)  # e.g. a file system without flock
        _held[folder] = [fd, 1]
        return Claim(folder)


def owner(root: str) -> dict:
    """The owner's {"pid", "startTime"}, as far as /proc tells; {} if unknown."""
    try:
        st = os.stat(root)
        with open("/proc/locks", encoding="ascii", errors="replace") as f:
            lines = f.read().splitlines()
    except OSError:
        return {}
    key = f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}"
    for line in lines:
        # "1: FLOCK  ADVISORY  WRITE 4242 fe:00:2148247 0 EOF"; "->" marks a waiter
        fields = line.split()
        if "->" in fields or len(fields) < 6 or fields[1] != "FLOCK" or fields[5] != key:
            continue
        try:
            pid = int(fields[4])
        except ValueError:
            continue
        if pid <= 0:
            return {}
        try:
            started = iso_from_ms(int(psutil.Process(pid).create_time() * 1000))
        except psutil.Error:
            started = None
        return {"pid": pid, "startTime": started}
    return {}


def busy_message(root: str) -> str:
    """Who owns the folder, and what to do about it."""
    info = owner(root)
    who = [f"pid {info['pid']}"] if info.get("pid") else ["pid unknown"]
    if info.get("startTime"):
        who.append(f"started {info['startTime']}")
    return (f"The jobs folder {root} is in use by another Jupyter server ({', '.join(who)}). "
            "To run and change jobs from this server, stop that server, or set "
            "c.SageMakerNLP.jobs_dir to another folder for this one.")
