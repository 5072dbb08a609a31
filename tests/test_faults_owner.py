"""Two Jupyter servers on one jobs folder: the owner runs the jobs, the other only shows them."""

import json
import os

from conftest import spec
from test_faults_support import ServerProcess, alive, wait_until

from jupyterlab_sagemaker_nlp.local.runner import SERVER_STOPPED

SLEEPER = "import time\nprint('sleeping', flush=True)\ntime.sleep(60)\n"


def record(jobs_dir, name) -> dict:
    return json.loads((jobs_dir / name / "job.json").read_text())


async def has_line(api, name, line) -> bool:
    return line in await api.all_logs(name)


async def test_a_second_server_shows_the_jobs_read_only_and_leaves_them_running(
        api, jobs_dir, tmp_path):
    body = spec(SLEEPER)
    name = body.name
    await api.submit(body)
    await wait_until(lambda: has_line(api, name, "sleeping"), 10, "the job to start")
    pid = record(jobs_dir, name)["_local"]["pid"]

    second = ServerProcess(jobs_dir, tmp_path / "second")
    try:
        await second.start()
        # The owner's job was not touched: still running, its process alive.
        assert alive(pid)
        assert (await api.describe(name))["SecondaryStatus"] == "Training"
        assert record(jobs_dir, name)["TrainingJobStatus"] == "InProgress"

        code, config = await second.call("GET", "local/config")
        assert code == 200 and config["readOnly"] is True, config
        assert config["owner"]["pid"] == os.getpid() and config["owner"]["startTime"]
        code, jobs = await second.call("GET", "local/jobs")
        assert [j["TrainingJobName"] for j in jobs["jobs"]] == [name]
        assert jobs["jobs"][0]["SecondaryStatus"] == "Training"

        for method, path, payload in (
            ("POST", "local/jobs", spec("print('no')")),
            ("POST", f"local/jobs/{name}/stop", {}),
            ("PUT", "local/config", {"maxConcurrentJobs": 3}),
        ):
            code, answer = await second.call(method, path, payload)
            assert code == 409, (path, code, answer)
            message = answer["message"]
            assert f"pid {os.getpid()}" in message and "started " in message, message
            assert "stop that server" in message and "c.SageMakerNLP.jobs_dir" in message
        assert "read-only" in second.log()
        assert alive(pid)
        assert (await api.describe(name))["SecondaryStatus"] == "Training"

        # What the owner does shows on the second server: it reads the records again.
        assert (await api.stop(name))[0] == 202
        await api.wait(name)

        async def stopped_there() -> bool:
            code, job = await second.call("GET", f"local/jobs/{name}")
            return code == 200 and job["TrainingJobStatus"] == "Stopped"

        await wait_until(stopped_there, 5, "the second server to show the job Stopped")
        late = spec("print('late')")
        await api.submit(late)
        code, _ = await second.call("GET", f"local/jobs/{late.name}")
        assert code == 200
    finally:
        second.stop()
    await api.wait(late.name)


async def test_a_folder_whose_owner_died_is_taken_over_by_the_next_change(
        api, jobs_dir, tmp_path):
    """This server moves to a folder a subprocess server owns, sees it read-only, and takes
    it over once that server has crashed: its job is then Failed as after a restart."""
    other_dir = tmp_path / "other-jobs"
    owner = ServerProcess(other_dir, tmp_path / "owner")
    pid = None
    try:
        await owner.start()
        body = spec(SLEEPER)
        name = body.name
        code, _ = await owner.call("POST", "local/jobs", body)
        assert code == 201

        async def running() -> bool:
            pid = record(other_dir, name)["_local"].get("pid")
            return bool(pid) and "sleeping" in (other_dir / name / "output.log").read_text()

        await wait_until(running, 10, "the owner's job to start")
        pid = record(other_dir, name)["_local"]["pid"]

        code, config = await api.call("PUT", "local/config", {"jobsDir": str(other_dir)})
        assert code == 200
        assert alive(pid), "moving to the folder killed the other server's job"
        assert config["readOnly"] is True
        assert config["owner"]["pid"] == owner.proc.pid
        assert (await api.describe(name))["SecondaryStatus"] == "Training"
        code, answer = await api.call("POST", "local/jobs", spec("print('refused')"))
        assert code == 409 and f"pid {owner.proc.pid}" in answer["message"]
        assert alive(pid)

        owner.kill()
        assert alive(pid)  # a crash leaves the job's process behind
        after = spec("print('after the take-over')")
        await api.submit(after)
        config = await api.get("local/config")
        assert config["readOnly"] is False and config["owner"] is None
        done = await api.wait(after.name)
        assert done["TrainingJobStatus"] == "Completed"
        crashed = await api.describe(name)
        assert crashed["TrainingJobStatus"] == "Failed"
        assert crashed["FailureReason"] == SERVER_STOPPED
        await wait_until(lambda: not alive(pid), 5, "the orphaned job process to be killed")
    finally:
        owner.kill()
        if pid and alive(pid):  # the test failed: do not leave the sleeper behind
            os.kill(pid, 9)
