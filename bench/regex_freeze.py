"""How long a catastrophic metric regex freezes the Jupyter server.

Starts a real `jupyter server` with the extension (a temporary root and jobs
folder, token auth, a free port on 127.0.0.1), submits a local job whose
script prints a line on which the metric regex ``(a|aa)+$`` backtracks
catastrophically, then a normal metric line, and sends GET
/sagemaker-nlp/local/jobs one after another until the job ends. Prints the
longest of those requests: the time the server was frozen.

    .venv/bin/python bench/regex_freeze.py
    PYTHONPATH=<other checkout> .venv/bin/python bench/regex_freeze.py   # the first line
                                                                        # says which is imported
"""

import json
import os
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from jupyter_server import jupyter_server  # noqa: E402

A_COUNT = int(os.environ.get("A_COUNT", "35"))  # Python's re needs seconds for 35
SCRIPT = f"""
import time
time.sleep(0.5)  # the request loop is running by then
print("a" * {A_COUNT} + "b", flush=True)
print("loss=0.5", flush=True)
"""
DEFINITIONS = [{"Name": "bad", "Regex": "(a|aa)+$"}, {"Name": "loss", "Regex": r"loss=([0-9.]+)"}]


def call(url: str, auth: dict, method: str = "GET", body=None, timeout: float = 60):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers={
        **auth, "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as r:
        return json.loads(r.read())


def imported_from() -> str:
    """The file of the package a server started from outside the repository imports."""
    return subprocess.run(
        [sys.executable, "-c", "import jupyterlab_sagemaker_nlp as m; print(m.__file__)"],
        cwd="/", capture_output=True, text=True, check=True).stdout.strip()


def measure(url: str, auth: dict) -> tuple[float, str, dict]:
    name = f"freeze-{uuid.uuid4().hex[:8]}"
    call(url + "sagemaker-nlp/local/jobs", auth, "POST", {
        "definition": {"TrainingJobName": name,
                       "HyperParameters": {"sagemaker_program": '"train.py"'},
                       "AlgorithmSpecification": {"MetricDefinitions": DEFINITIONS}},
        "sourceFiles": [{"path": "train.py", "content": SCRIPT}],
        "framework": "pytorch", "kernelName": "python3"})
    longest, status = 0.0, "InProgress"
    deadline = time.monotonic() + 120
    while status not in ("Completed", "Failed", "Stopped") and time.monotonic() < deadline:
        t0 = time.monotonic()
        jobs = call(url + "sagemaker-nlp/local/jobs", auth)["jobs"]
        longest = max(longest, time.monotonic() - t0)
        status = next(j["TrainingJobStatus"] for j in jobs if j["TrainingJobName"] == name)
    results = call(url + f"sagemaker-nlp/local/jobs/{name}/metrics", auth)["MetricDataResults"]
    return longest, status, {r["Label"]: r["Values"] for r in results}


def main() -> None:
    print(f"package: {imported_from()}")
    with jupyter_server() as (url, auth, _):
        longest, status, values = measure(url, auth)
    print(f"metrics recorded: {values}")
    print(f"regex freeze: longest request {longest * 1000:.0f} ms while a catastrophic metric "
          f"regex ran (job {status})")


if __name__ == "__main__":
    main()
