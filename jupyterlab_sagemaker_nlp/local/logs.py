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
from typing import Callable, Optional

from .timeutil import now_ms

LineCallback = Callable[[int, str], None]
MAX_LINE = 256 * 1024  # a longer run without a newline is cut into events
_NEWLINE = re.compile(r"\r\n|\r|\n")


class LogWriter:
    """Turns a byte stream into timestamped lines appended to the log file."""

    def __init__(self, path: str, on_line: Optional[LineCallback] = None, tail: int = 200):
        self._file = open(path, "a", encoding="utf-8", errors="replace")
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._pending = ""
        self._skip_lf = False
        self._on_line = on_line
        self.tail: collections.deque[str] = collections.deque(maxlen=tail)

    def write_line(self, message: str) -> None:
        """Log one line of our own (e.g. the command being run)."""
        for part in _NEWLINE.split(message):
            self._emit(part)
        self._file.flush()

    def feed(self, data: bytes) -> None:
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
        self._file.flush()

    def close(self) -> None:
        rest = self._pending + self._decoder.decode(b"", final=True)
        self._pending = ""
        if rest:
            self._emit(rest)
        self._file.close()

    def _emit(self, message: str) -> None:
        ts = now_ms()
        self._file.write(f"{ts}\t{message}\n")
        self.tail.append(message)
        if self._on_line is not None:
            self._on_line(ts, message)


def read_page(path: str, token: Optional[str], limit: int) -> dict:
    """GetLogEvents' shape: ``{"events": [...], "nextForwardToken": str}``.

    Only complete lines are returned; at the end the token stays where it was.
    """
    try:
        offset = max(0, int(token)) if token else 0
    except ValueError:
        offset = 0
    events = []
    if os.path.exists(path):
        with open(path, "rb") as f:
            f.seek(offset)
            while len(events) < limit:
                raw = f.readline()
                if not raw.endswith(b"\n"):
                    break  # end, or a line still being written
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
