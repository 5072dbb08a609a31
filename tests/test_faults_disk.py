"""A full disk: the job that cannot write its output fails and says why; nothing hangs.

The jobs folder is a real 2 MiB tmpfs (this needs root, or CAP_SYS_ADMIN).
"""

import contextlib
import errno
import json
import os
import subprocess

import pytest
from conftest import spec
from test_faults_support import ServerProcess, wait_until

from jupyterlab_sagemaker_nlp.local.runner import SERVER_STOPPED, LocalRunner

# Waits for the test's go-ahead, then prints far more than the disk holds.
FLOOD = """
import os, sys, time
while not os.path.exists(os.environ["SM_HP_GO"].strip('"')):
    time.sleep(0.02)
line = "x" * 1000 + "\\n"
deadline = time.time() + 30
while time.time() < deadline:
    sys.stdout.write(line * 64)
"""
QUIET = "import time\nprint('sleeping', flush=True)\ntime.sleep(60)\n"


@contextlib.contextmanager
def small_disk(path):
    """A real 2 MiB tmpfs at path. Without the right to mount (not root) the test is skipped
    on a developer's machine, but fails under CI, which runs as root: it must not pass unseen."""
    path.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(path)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        why = ("mounting a 2 MiB tmpfs as the jobs folder needs root (CAP_SYS_ADMIN): "
               f"{done.stderr.strip() or done.returncode}")
        if os.environ.get("CI"):
            pytest.fail(why)
        pytest.skip(why)
    try:
        yield path
    finally:
        if subprocess.run(["umount", str(path)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(path)], capture_output=True)


def fill(folder) -> None:
    """Write a file until the disk is full."""
    with open(folder / "filler", "wb", buffering=0) as f:
        try:
            while True:
                f.write(b"\0" * 65536)
        except OSError as e:
            assert e.errno == errno.ENOSPC
        try:
            while True:
                f.write(b"\0" * 512)
        except OSError:
            pass


@pytest.fixture
def jobs_dir(tmp_path):
    with small_disk(tmp_path / "small-disk") as folder:
        yield folder


@pytest.fixture
def local_config() -> dict:
    return {"max_concurrent_jobs": 2, "stop_grace_seconds": 1.0}


def assert_disk_reason(job, jobs_dir) -> None:
    reason = job.get("FailureReason", "")
    assert job["TrainingJobStatus"] == "Failed", job
    assert "No space left on device" in reason and f"Free space in {jobs_dir}" in reason, reason


async def test_a_full_disk_fails_the_job_frees_its_slot_and_stop_still_works(
        api, jobs_dir, tmp_path):
    go = tmp_path / "go"
    quiet, flood, queued = spec(QUIET), spec(FLOOD, hyperparameters={"go": str(go)}), \
        spec("print('picked up')")
    for body in (quiet, flood, queued):
        await api.submit(body)
    assert (await api.describe(queued.name))["SecondaryStatus"] == "Pending"
    await wait_until(lambda: has_line(api, quiet.name, "sleeping"), 10, "the quiet job")
    await api.wait(flood.name, until=("Training",))
    go.touch()

    failed = await api.wait(flood.name, timeout=10)
    assert_disk_reason(failed, jobs_dir)
    # Its slot went to the queued job, which ran (and could not write its output either).
    picked = await api.wait(queued.name, timeout=10)
    assert "Training" in [t["Status"] for t in picked["SecondaryStatusTransitions"]]
    assert_disk_reason(picked, jobs_dir)

    code, answer = await api.stop(quiet.name)
    assert code == 202, answer
    stopped = await api.wait(quiet.name, timeout=5)
    assert stopped["TrainingJobStatus"] == "Stopped"
    assert api.runner.running == set() and api.runner.queue == []

    code, answer = await api.call("POST", "local/jobs", spec("print('no room')"))
    assert code == 507 and f"Free space in {jobs_dir}" in answer["message"], answer
    leftovers = [p for p in jobs_dir.rglob("*.tmp") if p.name == "job.json.tmp"]
    assert leftovers == []


async def has_line(api, name, line) -> bool:
    return line in await api.all_logs(name)


@pytest.fixture
def full_dir(tmp_path):
    with small_disk(tmp_path / "full-disk") as folder:
        yield folder


async def test_a_server_starts_on_a_full_jobs_folder(full_dir, tmp_path):
    # A job its server was running when it died, then the disk filled up.
    writer = LocalRunner(str(full_dir))
    body = spec("print('hi')")
    await writer.submit(body)
    path = full_dir / body.name / "job.json"
    record = json.loads(path.read_text())
    record.update(SecondaryStatus="Training")
    path.write_text(json.dumps(record))
    fill(full_dir)

    server = ServerProcess(full_dir, tmp_path / "server")
    try:
        await server.start()  # /sagemaker-nlp/health answers 200
        code, _ = await server.call("GET", "aws-config")
        assert code != 404, "the AWS routes are missing"
        code, job = await server.call("GET", f"local/jobs/{body.name}")
        assert code == 200
        assert job["TrainingJobStatus"] == "Failed" and job["FailureReason"] == SERVER_STOPPED
    finally:
        server.stop()
