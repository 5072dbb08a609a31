"""The code a local job ran: the text files of its folder's ``code/`` (docs/local-api.md).

Only what is safe and useful to show in an editor is answered: text files (UTF-8, no
NUL byte) of at most ``MAX_FILE_BYTES`` each, ``MAX_TOTAL_BYTES`` in all. Anything else
is named in ``skipped`` with the reason, never silently dropped: a binary or too big file,
a symbolic link that leads out of the code folder (or to a folder), files beyond the
limits. ``__pycache__`` folders are left out: Python writes them there, the job was not
given them.
"""

from __future__ import annotations

import os
from typing import Optional

from .errors import NotFound

MAX_FILE_BYTES = 1024 * 1024
MAX_TOTAL_BYTES = 8 * 1024 * 1024
MAX_FILES = 500


def read_source_files(code_dir: str) -> dict:
    """``{"files": [{"path", "content"}], "skipped": [{"path", "reason"}]}``, paths relative
    to ``code_dir`` with ``/``, in path order."""
    if not os.path.isdir(code_dir) or os.path.islink(code_dir):
        raise NotFound("This job has no code folder any more (it was deleted from the jobs "
                       "folder): the code it ran cannot be shown.")
    root = os.path.realpath(code_dir)
    files: list[dict] = []
    skipped: list[dict] = []
    total = 0
    for rel in sorted(_walk(root, skipped)):
        if len(files) >= MAX_FILES:
            skipped.append({"path": rel, "reason": f"more than {MAX_FILES} files"})
            continue
        content, reason = _read_text(root, rel, MAX_TOTAL_BYTES - total)
        if reason:
            skipped.append({"path": rel, "reason": reason})
        else:
            files.append({"path": rel, "content": content})
            total += len(content.encode("utf-8"))
    return {"files": files, "skipped": sorted(skipped, key=lambda s: s["path"])}


def _walk(root: str, skipped: list[dict]):
    """Relative paths of the files under root, sorted; folder links are skipped, not followed."""
    for folder, dirs, names in os.walk(root):
        base = os.path.relpath(folder, root)
        prefix = "" if base == "." else base.replace(os.sep, "/") + "/"
        for d in list(dirs):
            if os.path.islink(os.path.join(folder, d)):
                skipped.append({"path": prefix + d, "reason": "a symbolic link to a folder"})
        dirs[:] = sorted(d for d in dirs
                         if d != "__pycache__" and not os.path.islink(os.path.join(folder, d)))
        for name in sorted(names):
            yield prefix + name


def _read_text(root: str, rel: str, room: int) -> tuple[str, Optional[str]]:
    """The file's text, or why it is not answered."""
    path = os.path.join(root, *rel.split("/"))
    real = os.path.realpath(path)
    if os.path.commonpath([root, real]) != root:
        return "", "a symbolic link out of the job's code folder"
    if not os.path.isfile(real):
        return "", "not a regular file"
    size = os.path.getsize(real)
    if size > MAX_FILE_BYTES:
        return "", f"{size} bytes, over the {_amount(MAX_FILE_BYTES)} shown per file"
    if size > room:
        return "", f"{size} bytes, over the {_amount(MAX_TOTAL_BYTES)} shown per job in all"
    with open(real, "rb") as f:
        data = f.read(MAX_FILE_BYTES + 1)
    if b"\0" in data:
        return "", "a binary file"
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        return "", "not UTF-8 text"


def _amount(n: int) -> str:
    for unit, scale in (("MiB", 2**20), ("KiB", 2**10)):
        if n >= scale:
            return f"{n / scale:g} {unit}"
    return f"{n} bytes"
