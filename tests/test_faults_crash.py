"""Every process of a job is ended: after a server crash, and when its script exits."""

import os

from conftest import spec
from test_faults_support import ServerProcess, alive, wait_until

from jupyterlab_sagemaker_nlp.local.runner import SERVER_STOPPED

# Leaves the job's folder and its process group: only the job's marker still finds the child.
RUNAWAY = """
import os, subprocess, sys, time
os.chdir("/tmp")
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"],
                         start_new_session=True)
with open(os.path.join(os.environ["SM_OUTPUT_DATA_DIR"], "pids"), "w") as f:
    f.write(f"{os.getpid()} {child.pid}")
print("ready", flush=True)
time.sleep(float(os.environ.get("SM_HP_SLEEP", "60")))
"""


def pids_of(job_dir) -> list[int]:
    path = job_dir / "output" / "data" / "pids"
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def kill_all(pids) -> None:
    for pid in pids:
        if alive(pid):
            os.kill(pid, 9)


async def test_after_a_crash_every_process_of_the_job_is_killed(tmp_path):
    jobs_dir = tmp_path / "jobs"
    first = ServerProcess(jobs_dir, tmp_path / "first")
    second = ServerProcess(jobs_dir, tmp_path / "second")
    body = spec(RUNAWAY)
    name = body.name
    pids = []
    try:
        await first.start()
        code, answer = await first.call("POST", "local/jobs", body)
        assert code == 201, answer
        pids = await wait_until(lambda: len(pids_of(jobs_dir / name)) == 2
                                and pids_of(jobs_dir / name), 10, "the job and its child")

        first.kill()
        assert all(alive(p) for p in pids)  # the crash left both behind

        await second.start()
        await wait_until(lambda: not any(alive(p) for p in pids), 5,
                         "the job's process and its setsid child to be killed")
        code, job = await second.call("GET", f"local/jobs/{name}")
        assert code == 200
        assert job["TrainingJobStatus"] == "Failed" and job["FailureReason"] == SERVER_STOPPED
    finally:
        first.kill()
        second.stop()
        kill_all(pids)


async def test_processes_a_script_leaves_behind_are_killed_when_it_exits(api, jobs_dir):
    body = spec(RUNAWAY, hyperparameters={"sleep": 0})
    name = body.name
    try:
        await api.submit(body)
        job = await api.wait(name, timeout=15)
        assert job["TrainingJobStatus"] == "Completed"
        _, child = pids_of(jobs_dir / name)
        await wait_until(lambda: not alive(child), 5, "the setsid child to be killed")
    finally:
        kill_all(pids_of(jobs_dir / name))
