"""Invoke latency of a local endpoint through the Jupyter server (issue 10; goal p50 <= 10 ms).

A real local job trains the scikit-learn example's model (TF-IDF + logistic regression, as in
examples/sklearn-text-classifier.ipynb) on examples/data/train/reviews.csv; a local endpoint
serves it; 1000 POST .../invocations of one realistic review on a kept-alive connection, as a
browser sends them, each timed from the request to the whole answer.
"""

from __future__ import annotations

import http.client
import json
import statistics
import sys
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from jupyter_server import jupyter_server  # noqa: E402

CALLS = 1000
GOAL_P50_MS = 10.0
DATA = Path(__file__).resolve().parent.parent / "examples" / "data" / "train"
REVIEW = ("The kettle boils fast and looks lovely on the counter, but the lid started to stick "
          "after two weeks and customer service never answered my emails.")
TRAIN = """
import csv, os, joblib
from pathlib import Path
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
texts, labels = [], []
for path in sorted(Path(os.environ["SM_CHANNEL_TRAIN"]).glob("*.csv")):
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            texts.append(row["text"]); labels.append(row["label"])
model = Pipeline([
    ("tfidf", TfidfVectorizer(max_features=5000, ngram_range=(1, 2), sublinear_tf=True)),
    ("classifier", LogisticRegression(C=1.0, max_iter=1000, random_state=42)),
]).fit(texts, labels)
joblib.dump(model, os.path.join(os.environ["SM_MODEL_DIR"], "model.joblib"))
print(f"trained on {len(texts)} reviews")
"""


class Client:
    def __init__(self, url: str, auth: dict):
        parts = urllib.parse.urlsplit(url)
        self.conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        self.base = parts.path.rstrip("/") + "/sagemaker-nlp/local/"
        self.auth = auth

    def call(self, method: str, path: str, body=None, content_type="application/json"):
        data = body if isinstance(body, (bytes, str)) or body is None else json.dumps(body)
        self.conn.request(method, self.base + path, body=data,
                          headers={**self.auth, "Content-Type": content_type})
        response = self.conn.getresponse()
        text = response.read().decode()
        return response.status, json.loads(text) if text else None

    def until(self, path: str, done, seconds: float = 120):
        deadline = time.monotonic() + seconds
        while True:
            status, answer = self.call("GET", path)
            if done(answer):
                return answer
            if time.monotonic() > deadline:
                raise RuntimeError(f"{path} did not finish: {answer}")
            time.sleep(0.1)


def job_spec(name: str) -> dict:
    return {
        "definition": {
            "TrainingJobName": name,
            "HyperParameters": {"sagemaker_program": json.dumps("train.py")},
            "AlgorithmSpecification": {},
            "ResourceConfig": {"InstanceCount": 1, "InstanceType": "local"},
            "InputDataConfig": [{"ChannelName": "train"}],
            "Tags": [],
        },
        "framework": "sklearn", "frameworkVersion": "1.2-1", "pyVersion": "py3",
        "sourceFiles": [{"path": "train.py", "content": TRAIN}],
        "channelFolders": {"train": str(DATA)},
        "kernelName": "python3",
    }


def percentile(sorted_ms: list[float], q: float) -> float:
    return sorted_ms[min(len(sorted_ms) - 1, int(round(q * (len(sorted_ms) - 1))))]


def main() -> None:
    with jupyter_server() as (url, auth, _pid):
        client = Client(url, auth)
        status, answer = client.call("POST", "jobs", job_spec("bench-sklearn"))
        assert status == 201, answer
        job = client.until("jobs/bench-sklearn",
                           lambda j: j["TrainingJobStatus"] in ("Completed", "Failed", "Stopped"))
        assert job["TrainingJobStatus"] == "Completed", job.get("FailureReason")
        status, answer = client.call("POST", "endpoints", {"jobName": "bench-sklearn",
                                                          "endpointName": "bench"})
        assert status == 201, answer
        endpoint = client.until("endpoints/bench", lambda e: e["EndpointStatus"] != "Creating")
        assert endpoint["EndpointStatus"] == "InService", endpoint.get("FailureReason")

        body = json.dumps([REVIEW])
        for _ in range(20):  # warm-up: first calls pay for imports and caches
            client.call("POST", "endpoints/bench/invocations", body)
        times = []
        for _ in range(CALLS):
            t0 = time.perf_counter()
            status, answer = client.call("POST", "endpoints/bench/invocations", body)
            times.append((time.perf_counter() - t0) * 1000)
            assert status == 200, answer
        times.sort()
        p50, p99 = percentile(times, 0.50), percentile(times, 0.99)
        verdict = "met" if p50 <= GOAL_P50_MS else "MISSED"
        print(f"local endpoint invoke ({CALLS} calls, answer {answer}): p50 {p50:.2f} ms, "
              f"p99 {p99:.2f} ms, mean {statistics.fmean(times):.2f} ms "
              f"(goal p50 <= {GOAL_P50_MS:g} ms: {verdict})")
        client.call("DELETE", "endpoints/bench")


if __name__ == "__main__":
    main()
