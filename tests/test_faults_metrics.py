"""Metric regexes run in a worker thread: a slow one does not stall the server."""

import asyncio
import threading
import time

from conftest import spec

from jupyterlab_sagemaker_nlp.local import runner as runner_module

DEFINITIONS = [{"Name": "bad", "Regex": "(a|aa)+$"}, {"Name": "loss", "Regex": r"loss=([0-9.]+)"}]
SCRIPT = """
print("slow line", flush=True)
print("a" * 30 + "b", flush=True)  # (a|aa)+$ backtracks on it for about a second
print("loss=0.5", flush=True)
"""


async def test_output_is_parsed_off_the_event_loop(api, monkeypatch):
    on_loop = []
    parse = runner_module.Job.on_line

    def slow_on_line(job, timestamp, line):
        if line == "slow line":
            on_loop.append(threading.current_thread() is threading.main_thread())
            time.sleep(1.5)  # a parser this slow must not hold up anything else
        parse(job, timestamp, line)

    monkeypatch.setattr(runner_module.Job, "on_line", slow_on_line)
    gaps = []

    async def tick():
        last = time.monotonic()
        while True:
            await asyncio.sleep(0.01)
            now = time.monotonic()
            gaps.append(now - last)
            last = now

    ticker = asyncio.ensure_future(tick())
    try:
        body = spec(SCRIPT, metricDefinitions=DEFINITIONS)
        await api.submit(body)
        job = await api.wait(body.name, timeout=15)
    finally:
        ticker.cancel()
    assert on_loop == [False]
    assert max(gaps) < 1.0, f"the event loop stalled for {max(gaps):.2f} s"
    assert job["TrainingJobStatus"] == "Completed"
    assert [(m["MetricName"], m["Value"]) for m in job["FinalMetricDataList"]] == [("loss", 0.5)]
    log = await api.all_logs(body.name)
    assert any(line.startswith("Metric 'bad' was turned off") for line in log), log
