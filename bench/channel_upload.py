"""What listing a channel folder for upload costs on a real Jupyter server.

    .venv/bin/python bench/channel_upload.py

Prints: the manifest time of a folder of 10,000 small files (first call, which hashes
every file, and the next, which finds their ETags cached), how long /health takes to
answer meanwhile (the hashing runs off the event loop), and how long a folder of
100,000 files takes to be refused with its message.
"""

from __future__ import annotations

import json
import statistics
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from jupyter_server import jupyter_server  # noqa: E402


def make_folder(root: Path, name: str, count: int, per_folder: int = 1000) -> None:
    for i in range(count):
        sub = root / name / f"part-{i // per_folder:03d}"
        if i % per_folder == 0:
            sub.mkdir(parents=True)
        (sub / f"{i:06d}.txt").write_text(f"review {i},{i % 2}\n" * 4)


def get(url: str, auth: dict) -> tuple[float, int, dict]:
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=auth), timeout=600) as r:
            status, body = r.status, r.read()
    except urllib.error.HTTPError as e:
        status, body = e.code, e.read()
    return time.perf_counter() - start, status, json.loads(body)


def health_latencies(url: str, auth: dict, stop: threading.Event, out: list) -> None:
    while not stop.is_set():
        out.append(get(url + "sagemaker-nlp/health", auth)[0])
        time.sleep(0.01)


def main() -> None:
    with jupyter_server() as (url, auth, pid):
        root = Path(f"/proc/{pid}/cwd").resolve()  # the server's root is its working folder
        make_folder(root, "small", 10_000)
        make_folder(root, "huge", 100_000)
        manifest = url + "sagemaker-nlp/folders/manifest?"
        latencies: list[float] = []
        stop = threading.Event()
        watcher = threading.Thread(target=health_latencies, args=(url, auth, stop, latencies))
        watcher.start()
        cold, status, answer = get(manifest + urllib.parse.urlencode({"path": "small"}), auth)
        stop.set()
        watcher.join()
        assert status == 200 and len(answer["files"]) == 10_000, (status, answer)
        warm = [get(manifest + urllib.parse.urlencode({"path": "small"}), auth)[0]
                for _ in range(3)]
        refused, status, answer = get(manifest + urllib.parse.urlencode({"path": "huge"}), auth)
        assert status == 400, (status, answer)
    print(f"manifest of 10,000 small files: {cold * 1000:.0f} ms first (hashing), "
          f"{statistics.median(warm) * 1000:.0f} ms next (median of 3, ETags cached)")
    print(f"/health meanwhile: median {statistics.median(latencies) * 1000:.1f} ms, "
          f"max {max(latencies) * 1000:.1f} ms over {len(latencies)} calls")
    print(f"100,000 files refused in {refused * 1000:.0f} ms: {answer['message']}")


if __name__ == "__main__":
    main()
