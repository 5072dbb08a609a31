"""The local runner serves what the views follow in SageMaker's shapes: one log stream per
host (algo-1 here), log pages of a stream, and metric points after a time."""

from __future__ import annotations

from conftest import spec

from jupyterlab_sagemaker_nlp.local.timeutil import ms_from_iso

SCRIPT = """
import time
for step in range(3):
    print(f"step={step} loss={1.0 / (step + 1)}", flush=True)
    time.sleep(0.05)
"""
LOSS = [{"Name": "loss", "Regex": r"loss=([0-9.]+)"}]


async def test_a_local_job_has_one_log_stream_and_reads_it(api):
    job = await api.submit(spec(SCRIPT, metricDefinitions=LOSS))
    name = job["TrainingJobName"]
    await api.wait(name)
    streams = await api.get(f"local/jobs/{name}/streams")
    assert [s["logStreamName"] for s in streams["logStreams"]] == ["algo-1"]
    page = await api.get(f"local/jobs/{name}/logs", stream="algo-1")
    assert any("loss=" in e["message"] for e in page["events"])
    code, answer = await api.call("GET", f"local/jobs/{name}/logs", stream="algo-2")
    assert code == 404 and "algo-1" in answer["message"]


async def test_metrics_since_a_time_are_only_the_newer_points(api):
    job = await api.submit(spec(SCRIPT, metricDefinitions=LOSS))
    name = job["TrainingJobName"]
    await api.wait(name)
    every = (await api.get(f"local/jobs/{name}/metrics"))["MetricDataResults"][0]
    assert every["Values"] == [1.0, 0.5, 1 / 3]
    first = ms_from_iso(every["Timestamps"][0])
    newer = (await api.get(f"local/jobs/{name}/metrics", since=str(first)))
    assert newer["MetricDataResults"][0]["Values"] == [0.5, 1 / 3]
    last = ms_from_iso(every["Timestamps"][-1])
    none = (await api.get(f"local/jobs/{name}/metrics", since=str(last)))
    assert none["MetricDataResults"][0]["Values"] == []
    code, answer = await api.call("GET", f"local/jobs/{name}/metrics", since="yesterday")
    assert code == 400 and "since" in answer["message"]
