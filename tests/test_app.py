"""The server extension as an ExtensionApp: its stop hook, and what loads without the runner."""

import json

import pytest
from conftest import spec
from test_faults_support import ServerProcess, alive, wait_until

from jupyterlab_sagemaker_nlp import _jupyter_server_extension_points
from jupyterlab_sagemaker_nlp.app import SageMakerNLPApp
from jupyterlab_sagemaker_nlp.local.runner import SERVER_STOPPED, LocalRunner

SLEEPER = "import time\nprint('sleeping', flush=True)\ntime.sleep(60)\n"


async def start_sleeper(api, jobs_dir) -> tuple[str, int]:
    """A job in Training whose script is running: its name and pid."""
    body = spec(SLEEPER)
    await api.submit(body)
    await api.wait(body.name, until=("Training",))
    await wait_until(lambda: has_line(api, body.name, "sleeping"), 10, "the script")
    return body.name, record(jobs_dir, body.name)["_local"]["pid"]


async def has_line(api, name: str, line: str) -> bool:
    return line in await api.all_logs(name)


def record(jobs_dir, name: str) -> dict:
    return json.loads((jobs_dir / name / "job.json").read_text())


def test_the_extension_point_is_the_app():
    assert _jupyter_server_extension_points() == [
        {"module": "jupyterlab_sagemaker_nlp", "app": SageMakerNLPApp}]


async def test_the_stop_hook_stops_a_running_job(api, jp_serverapp, jobs_dir):
    app = jp_serverapp.extension_manager.extension_apps["jupyterlab_sagemaker_nlp"]
    assert {type(a) for a in app} == {SageMakerNLPApp}
    name, pid = await start_sleeper(api, jobs_dir)

    # What ServerApp._stop does when the server is stopped; this process goes on
    # running, so nothing at exit (atexit) can be what stops the job.
    await jp_serverapp.cleanup_extensions()

    job = record(jobs_dir, name)
    assert (job["TrainingJobStatus"], job["FailureReason"]) == ("Failed", SERVER_STOPPED)
    assert (await api.describe(name))["TrainingJobStatus"] == "Failed"
    assert not alive(pid)
    assert api.runner.running == set()


async def test_sigterm_to_a_real_server_stops_its_jobs(tmp_path):
    jobs_dir = tmp_path / "jobs"
    server = await ServerProcess(jobs_dir, tmp_path / "server").start()
    try:
        body = spec(SLEEPER)
        code, answer = await server.call("POST", "local/jobs", body)
        assert code == 201, answer

        async def sleeping() -> bool:
            _, page = await server.call("GET", f"local/jobs/{body.name}/logs")
            return "sleeping" in [e["message"] for e in page["events"]]

        await wait_until(sleeping, 15, "the script")
        pid = record(jobs_dir, body.name)["_local"]["pid"]
        server.proc.terminate()
        assert server.proc.wait(15) == 0, server.log()
    finally:
        server.stop()
    job = record(jobs_dir, body.name)
    assert (job["TrainingJobStatus"], job["FailureReason"]) == ("Failed", SERVER_STOPPED)
    assert not alive(pid)


class TestWithoutTheLocalRunner:
    @pytest.fixture
    def jp_server_config(self, jp_server_config, monkeypatch):
        def refuse(runner):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(LocalRunner, "load", refuse)
        return jp_server_config

    async def test_health_and_the_aws_routes_still_load(self, jp_fetch, jp_serverapp):
        r = await jp_fetch("sagemaker-nlp", "health")
        assert json.loads(r.body)["local"] is False
        r = await jp_fetch("sagemaker-nlp", "local", "jobs", raise_error=False)
        assert r.code == 404
        r = await jp_fetch("sagemaker-nlp", "aws-config", "bucket", method="GET",
                           raise_error=False)
        assert r.code == 405  # the route is there (it only takes POST)
        await jp_serverapp.cleanup_extensions()  # a stop hook without a runner
