"""Stop: SIGTERM to the process group, SIGKILL after the grace (1 s in these tests)."""

import asyncio
import os
import time

from conftest import spec

SLEEPER = """
import os, subprocess, sys, time
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
with open(os.path.join(os.environ["SM_OUTPUT_DATA_DIR"], "child.pid"), "w") as f:
    f.write(str(child.pid))
with open(os.path.join(os.environ["SM_MODEL_DIR"], "partial.txt"), "w") as f:
    f.write("saved")
print("sleeping", flush=True)
time.sleep(60)
"""
STUBBORN = "import signal\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\n" + SLEEPER


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as f:
        return f.read().rsplit(")", 1)[1].split()[0] != "Z"


async def wait_for_line(api, name, line, timeout=10):
    deadline = time.monotonic() + timeout
    while line not in await api.all_logs(name):
        assert time.monotonic() < deadline, f"no {line!r} in the log of {name}"
        await asyncio.sleep(0.05)


async def start_and_stop(api, script):
    body = spec(script)
    await api.submit(body)
    name = body.name
    await wait_for_line(api, name, "sleeping")
    job = await api.describe(name)
    with open(os.path.join(job["JobDir"], "output/data/child.pid")) as f:
        child = int(f.read())
    assert alive(child)
    t0 = time.monotonic()
    code, answer = await api.stop(name)
    assert code == 202
    assert answer["TrainingJobStatus"] == "Stopping" and answer["SecondaryStatus"] == "Stopping"
    job = await api.wait(name)
    return job, time.monotonic() - t0, child


async def test_stop_a_sleeping_script(api):
    job, elapsed, child = await start_and_stop(api, SLEEPER)
    assert job["TrainingJobStatus"] == "Stopped" and "FailureReason" not in job
    assert elapsed < 3.0
    log = await api.all_logs(job["TrainingJobName"])
    assert "The training process was ended by SIGTERM." in log  # not by the SIGKILL later
    steps = [t["Status"] for t in job["SecondaryStatusTransitions"]]
    assert steps[-3:] == ["Training", "Stopping", "Stopped"]
    assert not alive(child)  # the whole process group went
    assert job["ModelArtifacts"]["S3ModelArtifacts"].endswith("model.tar.gz")


async def test_a_script_ignoring_sigterm_is_killed_after_the_grace(api):
    job, elapsed, child = await start_and_stop(api, STUBBORN)
    assert job["TrainingJobStatus"] == "Stopped"
    assert 0.9 <= elapsed < 4.0  # the grace was respected
    assert "The training process was ended by SIGKILL." in await api.all_logs(
        job["TrainingJobName"])
    assert not alive(child)


async def test_stop_a_pending_job_and_a_finished_one(api):
    code, _ = await api.call("PUT", "local/config", {"maxConcurrentJobs": 1})
    assert code == 200
    first, second = spec(SLEEPER), spec("print('never runs')")
    await api.submit(first)
    queued = await api.submit(second)
    assert queued["SecondaryStatus"] == "Pending" and queued["QueuePosition"] == 1
    code, answer = await api.stop(second.name)
    assert code == 202 and answer["TrainingJobStatus"] == "Stopped"
    assert "QueuePosition" not in answer
    assert await api.all_logs(second.name) == []
    code, answer = await api.stop(first.name)
    assert code == 202
    await api.wait(first.name)
    code, answer = await api.stop(second.name)
    assert code == 400 and "already Stopped" in answer["message"]
    code, answer = await api.stop("no-such-job")
    assert code == 404 and "no-such-job" in answer["message"]
