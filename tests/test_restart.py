"""Persistence: a new runner over the same jobs folder (what a server restart does)."""

import asyncio
import json
import os
import shutil
import subprocess
import sys
import time

from conftest import spec

from jupyterlab_sagemaker_nlp.local.runner import SERVER_STOPPED, LocalRunner

SLEEPER = "import time\nprint('sleeping', flush=True)\ntime.sleep(60)\n"


def dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


async def test_restart_keeps_finished_jobs_fails_running_ones_requeues_pending(api, jobs_dir):
    done = spec(metricDefinitions=[{"Name": "loss", "Regex": r"loss=([0-9.]+)"}])
    await api.submit(done)
    finished = await api.wait(done.name)
    assert finished["TrainingJobStatus"] == "Completed"

    # A job left Pending by a server that never started it.
    idle = LocalRunner(str(jobs_dir))
    pending = spec("print('ran after the restart')")
    await idle.submit(pending)

    # Jobs that were running when their server died: one process gone, one still there.
    records = {}
    for name, pid in (("crashed-gone", dead_pid()), ("crashed-alive", None)):
        shutil.copytree(jobs_dir / done.name, jobs_dir / name, symlinks=True)
        record = json.loads((jobs_dir / name / "job.json").read_text())
        record.update(TrainingJobName=name, TrainingJobStatus="InProgress",
                      SecondaryStatus="Training")
        record.pop("TrainingEndTime")
        record["SecondaryStatusTransitions"] = record["SecondaryStatusTransitions"][:4]
        record["SecondaryStatusTransitions"][-1].pop("EndTime")
        records[name] = record
    orphan = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"],
                              cwd=jobs_dir / "crashed-alive" / "code", start_new_session=True)
    records["crashed-gone"]["_local"]["pid"] = dead_pid()
    records["crashed-alive"]["_local"]["pid"] = orphan.pid
    for name, record in records.items():
        (jobs_dir / name / "job.json").write_text(json.dumps(record))

    restarted = LocalRunner(str(jobs_dir))
    restarted.load()
    try:
        again = restarted.describe(done.name)
        assert again["TrainingJobStatus"] == "Completed"
        assert again["FinalMetricDataList"] == finished["FinalMetricDataList"]
        assert "probe done" in [e["message"] for e in
                                restarted.logs(done.name, None, 100)["events"]]
        assert restarted.metrics(done.name)["MetricDataResults"][0]["Values"] == [
            1.0, 0.5, 0.3333]
        for name in records:
            job = restarted.describe(name)
            assert job["TrainingJobStatus"] == "Failed" and job["SecondaryStatus"] == "Failed"
            assert job["FailureReason"] == SERVER_STOPPED
            assert "TrainingEndTime" in job
            on_disk = json.loads((jobs_dir / name / "job.json").read_text())
            assert on_disk["FailureReason"] == SERVER_STOPPED
        assert orphan.wait(timeout=5) == -9  # it was that job's process: killed

        queued = restarted.describe(pending.name)
        assert queued["SecondaryStatus"] == "Pending" and queued["QueuePosition"] == 1
        restarted.start()
        deadline = time.monotonic() + 10
        while restarted.describe(pending.name)["TrainingJobStatus"] == "InProgress":
            assert time.monotonic() < deadline
            await asyncio.sleep(0.05)
        assert restarted.describe(pending.name)["TrainingJobStatus"] == "Completed"
        assert "ran after the restart" in [
            e["message"] for e in restarted.logs(pending.name, None, 100)["events"]]
    finally:
        await restarted.aclose()


async def test_server_exit_stops_running_jobs_and_says_why(api, jobs_dir):
    body = spec(SLEEPER)
    await api.submit(body)
    job = await api.wait(body.name, until=("Training",))
    deadline = time.monotonic() + 10
    while "sleeping" not in await api.all_logs(body.name):
        assert time.monotonic() < deadline
        await asyncio.sleep(0.05)
    pid = json.loads((jobs_dir / body.name / "job.json").read_text())["_local"]["pid"]
    api.runner.shutdown()  # what atexit does when the server exits
    record = json.loads((jobs_dir / body.name / "job.json").read_text())
    assert record["TrainingJobStatus"] == "Failed"
    assert record["FailureReason"] == SERVER_STOPPED
    await asyncio.sleep(0.2)
    try:
        os.kill(pid, 0)
        with open(f"/proc/{pid}/stat") as f:
            assert f.read().rsplit(")", 1)[1].split()[0] == "Z"
    except ProcessLookupError:
        pass
    assert job["TrainingJobStatus"] == "InProgress"
