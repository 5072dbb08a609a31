"""A command line too long for the system (E2BIG) is blamed on what made it long."""

from conftest import spec
from test_faults_support import ServerProcess, wait_until

KERNEL = "check the notebook kernel's Python"


async def test_an_oversized_hyperparameter_is_not_blamed_on_the_kernel(api):
    body = spec("print('never runs')", hyperparameters={"blob": "x" * 200 * 1024})
    code, answer = await api.call("POST", "local/jobs", body)
    if code == 400:  # the spec's own size check came first: it must name the fix too
        assert "channel" in answer["message"] and KERNEL not in answer["message"]
        return
    assert code == 201, answer
    job = await api.wait(body.name)
    reason = job["FailureReason"]
    assert job["TrainingJobStatus"] == "Failed" and KERNEL not in reason, reason
    assert "The hyperparameters are too long for this system's command line" in reason
    assert "KiB, and Linux allows at most 128 KiB per argument or environment value" in reason
    assert "Shorten the hyperparameter, or pass the data as a file in a channel." in reason


async def test_a_command_line_over_the_systems_total_says_so(tmp_path):
    # `ulimit -s 512` makes ARG_MAX 128 KiB: a 40 KiB hyperparameter, which every check of
    # the spec lets through, then reaches exec five times over (argument, SM_HP_BLOB, SM_HPS,
    # SM_TRAINING_ENV, SM_USER_ARGS).
    server = ServerProcess(tmp_path / "jobs", tmp_path / "server", stack_limit=512 * 1024)
    body = spec("print('never runs')", hyperparameters={"blob": "x" * 40 * 1024})
    try:
        await server.start()
        code, answer = await server.call("POST", "local/jobs", body)
        assert code == 201, answer

        async def ended():
            _, job = await server.call("GET", f"local/jobs/{body.name}")
            return job if job["TrainingJobStatus"] in ("Completed", "Failed", "Stopped") else None

        job = await wait_until(ended, 10, "the job to end")
        reason = job["FailureReason"]
        assert job["TrainingJobStatus"] == "Failed" and KERNEL not in reason, reason
        assert "The hyperparameters are too long for this system's command line" in reason
        assert "in all, and this system allows at most 128 KiB" in reason, reason
        assert "pass the data as a file in a channel" in reason
    finally:
        server.stop()


async def test_a_huge_server_environment_is_named(api, monkeypatch):
    monkeypatch.setenv("SAGEMAKER_NLP_TEST_HUGE", "y" * 200 * 1024)
    body = spec("print('never runs')")
    await api.submit(body)
    job = await api.wait(body.name)
    reason = job["FailureReason"]
    assert job["TrainingJobStatus"] == "Failed" and KERNEL not in reason, reason
    assert "the environment variable SAGEMAKER_NLP_TEST_HUGE is 200 KiB" in reason
    assert "Unset or shorten it, then restart Jupyter." in reason
