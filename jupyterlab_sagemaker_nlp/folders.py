"""GET /sagemaker-nlp/folders/manifest?path=<folder>: the files of a folder next to the notebook.

The browser uploads a local channel folder to S3 and sends only what changed, so it needs,
for each file, its path relative to the folder, its size and the ETag S3 would give it
when uploaded with the browser's part size: the MD5 for a single PUT, the MD5 of the parts'
MD5s followed by ``-N`` for a multipart upload. Hashing runs in a thread, never on the
event loop, and a file seen before (same size and mtime) is not hashed again.

Refused, with a message that names the fix: a path outside the Jupyter root (also through
a symlink), a missing folder, more than ``MAX_FILES`` files, a file too big to upload.
Hidden files and folders (``.ipynb_checkpoints``) are left out: Jupyter does not serve them.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
from pathlib import Path
from typing import Optional

import tornado.web
from jupyter_server.base.handlers import APIHandler

MAX_FILES = 10_000
MiB = 1024 * 1024
DEFAULT_PART_SIZE = 8 * MiB
MIN_PART_SIZE = 5 * MiB  # S3's smallest part
MAX_PARTS = 10_000  # S3's most parts in one upload
MAX_OBJECT_BYTES = 5 * 1024**4  # S3's largest object, 5 TB
_READ = 1 * MiB
_SYNC_FIX = ("or upload it yourself (`aws s3 sync {folder} s3://<bucket>/<prefix>/`) and give "
             "that S3 URI as the channel's location")

# (real path, size, mtime_ns, part size) → ETag; bounded so a huge tree cannot grow it forever.
_etags: dict[tuple[str, int, int, int], str] = {}
_MAX_CACHED = 200_000
# Hashing is disk-bound: a few notebooks at once must not take every core.
_running = asyncio.Semaphore(2)


class FolderError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def s3_etag(path: str, size: int, part_size: int) -> str:
    """The ETag S3 gives this file uploaded in parts of ``part_size`` (one PUT up to it)."""
    digests = []
    with open(path, "rb") as f:
        while True:
            part = hashlib.md5()
            left = part_size
            while left > 0:
                chunk = f.read(min(_READ, left))
                if not chunk:
                    break
                part.update(chunk)
                left -= len(chunk)
            digests.append(part)
            if left > 0 or f.tell() >= size:
                break
    if size <= part_size:
        return f'"{digests[0].hexdigest()}"'
    whole = hashlib.md5(b"".join(d.digest() for d in digests))
    return f'"{whole.hexdigest()}-{len(digests)}"'


def _cached_etag(real: str, stat: os.stat_result, part_size: int) -> str:
    key = (real, stat.st_size, stat.st_mtime_ns, part_size)
    etag = _etags.get(key)
    if etag is None:
        etag = s3_etag(real, stat.st_size, part_size)
        if len(_etags) >= _MAX_CACHED:
            _etags.clear()
        _etags[key] = etag
    return etag


def resolve_folder(root: str, relative: str) -> Path:
    """The folder's real path, which must be inside the root."""
    root_path = Path(root).resolve()
    if os.path.isabs(relative) or relative.startswith("~"):
        raise FolderError(400, f'"{relative}" is not a path under the Jupyter root: give the '
                          "folder relative to the root, as the file browser shows it.")
    folder = (root_path / relative).resolve()
    if not folder.is_relative_to(root_path):
        raise FolderError(400, f'"{relative}" is outside the Jupyter root ({root_path}): move '
                          "the data under the root, or upload it yourself and give its S3 URI.")
    if not folder.exists():
        raise FolderError(404, f'The folder "{relative}" does not exist: create it next to the '
                          "notebook with the channel's data, or give the channel an S3 URI.")
    if not folder.is_dir():
        raise FolderError(400, f'"{relative}" is a file, not a folder: a channel is a folder; '
                          "put the file in a folder and give that folder.")
    return folder


def list_files(root: str, relative: str, part_size: int,
               max_files: int = MAX_FILES) -> dict:
    """The manifest of a folder under ``root`` (blocking: run it in a thread)."""
    root_path = Path(root).resolve()
    folder = resolve_folder(root, relative)
    max_bytes = min(MAX_OBJECT_BYTES, part_size * MAX_PARTS)
    found: list[tuple[str, str, os.stat_result]] = []  # (relative path, real path, stat)
    seen_dirs = {str(folder)}
    skipped_hidden = 0
    pending = [(folder, "")]
    while pending:
        directory, prefix = pending.pop()
        with os.scandir(directory) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.name.startswith("."):
                    skipped_hidden += 1
                    continue
                name = prefix + entry.name
                # The folders walked are real paths already: only a link needs resolving.
                real = entry.path
                if entry.is_symlink():
                    real = os.path.realpath(entry.path)
                    if not Path(real).is_relative_to(root_path):
                        raise FolderError(400, f'"{relative}/{name}" is a link to {real}, '
                                          "outside the Jupyter root: copy the data into the "
                                          "folder, or upload it yourself and give its S3 URI.")
                if entry.is_dir():
                    if real not in seen_dirs:  # a link back up would loop
                        seen_dirs.add(real)
                        pending.append((Path(real), name + "/"))
                    continue
                if not entry.is_file():
                    continue
                if len(found) >= max_files:
                    raise FolderError(400, (
                        f'The folder "{relative}" has more than {max_files:,} files, too many '
                        "to upload one by one from the browser: pack it into a few archives "
                        "(tar or zip, unpacked by the training script), "
                        + _SYNC_FIX.format(folder=relative) + "."))
                stat = os.stat(real)
                if stat.st_size > max_bytes:
                    limit = ("5 TB, the most S3 holds in one object" if max_bytes == MAX_OBJECT_BYTES
                             else f"{max_bytes // 1024**3} GiB, the most an upload through "
                             "the Jupyter server takes")
                    raise FolderError(400, (
                        f'"{relative}/{name}" is {stat.st_size:,} bytes, over {limit}: split '
                        "it into smaller files, " + _SYNC_FIX.format(folder=relative) + "."))
                found.append((name, real, stat))
    files = [{"path": name, "size": stat.st_size, "etag": _cached_etag(real, stat, part_size)}
             for name, real, stat in sorted(found)]
    return {"path": relative, "partSize": part_size, "files": files,
            "bytes": sum(f["size"] for f in files), "skippedHidden": skipped_hidden}


def _part_size(text: Optional[str]) -> int:
    if text is None:
        return DEFAULT_PART_SIZE
    if not text.isdigit() or not MIN_PART_SIZE <= int(text) <= 5 * 1024**3:
        raise FolderError(400, f"partSize must be a whole number of bytes between {MIN_PART_SIZE} "
                          "(5 MiB) and 5 GiB, S3's limits for a part.")
    return int(text)


class FolderManifestHandler(APIHandler):
    @tornado.web.authenticated
    async def get(self):
        relative = self.get_query_argument("path", "").strip("/")
        try:
            part_size = _part_size(self.get_query_argument("partSize", None))
            if not relative:
                raise FolderError(400, "path must name a folder under the Jupyter root, "
                                  "e.g. data/train.")
            async with _running:
                manifest = await asyncio.to_thread(
                    list_files, self.contents_manager.root_dir, relative, part_size)
        except FolderError as e:
            raise tornado.web.HTTPError(e.status, e.message)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(manifest))


ROUTES = [(r"/folders/manifest", FolderManifestHandler)]
