"""Throughput of a local batch transform through the Jupyter server (issue 10).

The scikit-learn example's model (trained by a real local job, as bench/local_endpoint.py does)
scores a folder of 10,000 reviews, one per line (text/csv, split Line): once one record per
request (SingleRecord) and once as many as fit in 6 MB (MultiRecord). Printed: records per
second from POST to Completed, and the time to the first answer file.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from jupyter_server import jupyter_server  # noqa: E402
from local_endpoint import REVIEW, Client, job_spec  # noqa: E402

RECORDS = 10_000


def put_file(client: Client, path: str, text: str) -> None:
    body = json.dumps({"type": "file", "format": "text", "content": text})
    client.conn.request("PUT", f"/api/contents/{path}", body=body,
                        headers={**client.auth, "Content-Type": "application/json"})
    response = client.conn.getresponse()
    response.read()
    assert response.status in (200, 201), response.status


def put_folder(client: Client, path: str) -> None:
    body = json.dumps({"type": "directory"})
    client.conn.request("PUT", f"/api/contents/{path}", body=body,
                        headers={**client.auth, "Content-Type": "application/json"})
    response = client.conn.getresponse()
    response.read()


def main() -> None:
    with jupyter_server() as (url, auth, _pid):
        client = Client(url, auth)
        status, answer = client.call("POST", "jobs", job_spec("bench-sklearn"))
        assert status == 201, answer
        job = client.until("jobs/bench-sklearn",
                           lambda j: j["TrainingJobStatus"] in ("Completed", "Failed", "Stopped"))
        assert job["TrainingJobStatus"] == "Completed", job.get("FailureReason")
        put_folder(client, "score")
        lines = "".join(f'"{REVIEW} ({i})"\n' for i in range(RECORDS))
        put_file(client, "score/reviews.csv", lines)
        for strategy in ("SingleRecord", "MultiRecord"):
            t0 = time.perf_counter()
            status, record = client.call("POST", "transforms", {
                "jobName": "bench-sklearn", "input": "score", "output": f"out-{strategy}",
                "contentType": "text/csv", "splitType": "Line", "strategy": strategy,
                "assembleWith": "Line"})
            assert status == 201, record
            name = record["TransformJobName"]
            done = client.until(f"transforms/{name}",
                                lambda t: t["TransformJobStatus"] not in ("InProgress", "Stopping"),
                                seconds=600)
            seconds = time.perf_counter() - t0
            assert done["TransformJobStatus"] == "Completed", done.get("FailureReason")
            assert done["Progress"]["records"] == RECORDS, done["Progress"]
            print(f"local transform, {strategy}: {RECORDS} records in {seconds:.1f} s "
                  f"({RECORDS / seconds:,.0f} records/s, model load included)")


if __name__ == "__main__":
    main()
