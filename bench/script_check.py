"""How long Python takes to judge a generated training script (POST /sagemaker-nlp/script/check).

Starts a real `jupyter server` with the extension and posts a 5,000-line script
(realistic cells: imports, functions, a Trainer call, floats with trailing dots)
20 times, one after another, with the `python3` kernel. Prints the median and the
slowest round trip, and how much of it is the interpreter's start.

    .venv/bin/python bench/script_check.py
"""

import json
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from jupyter_server import jupyter_server  # noqa: E402

ROUNDS = 20
CELL = """# --- cell {i} ---
import os
import math
def preprocess_{i}(batch, scale=2., offset=0.):
    texts = [t.strip().lower() for t in batch["text"]]
    lengths = [len(t) * scale + offset for t in texts]
    return {{"text": texts, "length": lengths}}
settings_{i} = dict(lr=1e-5, momentum=0., epochs=3, name=f"run-{{os.getpid()}}")
"""


def script(lines: int) -> str:
    text, i = "", 0
    while text.count("\n") < lines:
        text += CELL.format(i=i) + "\n"
        i += 1
    return "\n".join(text.split("\n")[:lines]) + "\n"


def main() -> None:
    source = script(5000)
    assert compile(source, "train.py", "exec")
    with jupyter_server() as (url, auth, _):
        headers = {**auth, "Content-Type": "application/json"}
        body = json.dumps({"script": source, "kernelName": "python3"}).encode()
        times = []
        for _ in range(ROUNDS + 1):
            request = urllib.request.Request(url + "sagemaker-nlp/script/check", data=body,
                                             method="POST", headers=headers)
            start = time.perf_counter()
            answer = json.loads(urllib.request.urlopen(request, timeout=60).read())
            times.append((time.perf_counter() - start) * 1000)
            assert answer["error"] is None, answer
        times = times[1:]  # the first warms the server's imports
    start = time.perf_counter()
    for _ in range(5):
        subprocess.run([sys.executable, "-I", "-c", "pass"], check=True)
    startup = (time.perf_counter() - start) * 1000 / 5
    print(f"script check, 5000-line script, {ROUNDS} rounds: median {statistics.median(times):.0f} ms, "
          f"slowest {max(times):.0f} ms (goal ≤ 200 ms); the interpreter's bare start is "
          f"{startup:.0f} ms of it")


if __name__ == "__main__":
    main()
