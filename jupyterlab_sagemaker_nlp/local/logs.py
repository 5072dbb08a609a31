"""A job's log: ``output.log``, one event per line as ``<ms since epoch>\\t<message>``.

The timestamp is kept with its line in the same file so the two can never
drift apart. Output is split into events on ``\\n`` and on ``\\r`` (progress
bars), as CloudWatch shows them. Pages are read from a byte offset, which is
the ``nextForwardToken``: reading never starts over from the top.
"""

from __future__ import annotations

import codecs
import collections
import os
import re
import threading
from typing import Callable, Optional

from .timeutil import now_ms

LineCallback = Callable[[int, str], None]
MAX_LINE = 256 * 1024  # a longer run without a newline is cut into events
_NEWLINE = re.compile(r"\r\n|\r|\n")


class LogWriter:
    """Turns a byte stream into timestamped lines appended to the log file.

    Safe to use from the event loop and a worker thread at once. It never
    raises: after a write error (a full disk) it keeps accepting output and
    discards it, so the process' pipe is still drained; ``error`` says why.
    """

    def __init__(self, path: str, on_line: Optional[LineCallback] = None, tail: int = 200):
        self.error: Optional[OSError] = None
        self._file = None
        try:
            self._file = open(path, "a", encoding="utf-8", errors="replace")
        except OSError as e:
            self.error = e
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._pending = ""
        self._skip_lf = False
        self._on_line = on_line
        self._lock = threading.Lock()
        # Lines read in one chunk would share a millisecond, and a metric chart (like
        # CloudWatch) keeps one value per time: each line gets a time of its own.
        self._last_ts = 0
        self.tail: collections.deque[str] = collections.deque(maxlen=tail)

    def write_line(self, message: str) -> None:
        """Log one line of our own (e.g. the command being run)."""
        with self._lock:
            for part in _NEWLINE.split(message):
                self._emit(part)
            self._flush()

    def feed(self, data: bytes) -> None:
        with self._lock:
            if self._file is None:
                return
            text = self._decoder.decode(data)
            if self._skip_lf and text:
                # The previous chunk ended in "\r": a "\n" now completes that "\r\n".
                text = text[1:] if text.startswith("\n") else text
                self._skip_lf = False
            text = self._pending + text
            parts = _NEWLINE.split(text)
            self._pending = parts.pop()
            self._skip_lf = text.endswith("\r")
            if len(self._pending) > MAX_LINE:
                parts.append(self._pending)
                self._pending = ""
            for part in parts:
                self._emit(part)
            self._flush()

    def close(self) -> None:
        with self._lock:
            rest = self._pending + self._decoder.decode(b"", final=True)
            self._pending = ""
            if rest:
                self._emit(rest)
            self._fail(None)

    def _emit(self, message: str) -> None:
        if self._file is None:
            return
        ts = self._last_ts = max(now_ms(), self._last_ts + 1)
        try:
            self._file.write(f"{ts}\t{message}\n")
            self.tail.append(message)
            if self._on_line is not None:
                self._on_line(ts, message)  # metrics.jsonl is written there
        except OSError as e:
            self._fail(e)

    def _flush(self) -> None:
        if self._file is not None:
            try:
                self._file.flush()
            except OSError as e:
                self._fail(e)

    def _fail(self, error: Optional[OSError]) -> None:
        """Close the file; with an error, discard what comes next."""
        if error is not None and self.error is None:
            self.error = error
        if self._file is not None:
            try:
                self._file.close()
            except OSError as e:
                self.error = self.error or e
            self._file = None


MAX_PAGE_BYTES = 1024 * 1024  # as a CloudWatch GetLogEvents page (at most 1 MB)


def read_page(path: str, token: Optional[str], limit: int,
              max_bytes: int = MAX_PAGE_BYTES) -> dict:
    """GetLogEvents' shape: ``{"events": [...], "nextForwardToken": str}``.

    At most ``limit`` events and about ``max_bytes`` of log, but always one
    event if there is one. Only complete lines are returned; the token is the
    offset just past the last one, so at the end it stays where it was.
    """
    try:
        offset = max(0, int(token)) if token else 0
    except ValueError:
        offset = 0
    events = []
    size = 0
    if not os.path.exists(path) or offset > os.path.getsize(path):
        return {"events": events, "nextForwardToken": str(offset)}  # seek would fail far past
    with open(path, "rb") as f:
        f.seek(offset)
        while len(events) < limit:
            raw = f.readline()
            if not raw.endswith(b"\n"):
                break  # end, or a line still being written
            size += len(raw)
            if events and size > max_bytes:
                break  # the next page starts with this line
            offset += len(raw)
            ts, _, message = raw[:-1].decode("utf-8", "replace").partition("\t")
            try:
                timestamp = int(ts)
            except ValueError:
                timestamp, message = 0, raw[:-1].decode("utf-8", "replace")
            events.append({"timestamp": timestamp, "message": message})
    return {"events": events, "nextForwardToken": str(offset)}


def tail_lines(path: str, count: int = 200, max_bytes: int = 256 * 1024) -> list[str]:
    """The messages of the last lines of a log file (for reasons after a restart)."""
    if not os.path.exists(path):
        return []
    with open(path, "rb") as f:
        f.seek(0, os.SEEK_END)
        size = f.tell()
        f.seek(max(0, size - max_bytes))
        data = f.read().decode("utf-8", "replace")
    lines = [line.partition("\t")[2] for line in data.splitlines()]
    return lines[-count:]


def traceback_reason(lines: list[str]) -> Optional[str]:
    """The exception line of the last Python traceback, e.g. ``ValueError: bad``."""
    start = None
    for i in range(len(lines) - 1, -1, -1):
        if lines[i].startswith("Traceback (most recent call last):"):
            start = i
            break
    if start is None:
        return None
    for line in lines[start + 1:]:
        if line.strip() and not line[0].isspace():
            return line.strip()
    return None
