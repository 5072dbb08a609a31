"""Concurrency limit, the queue, and GET/PUT /local/config."""

from conftest import spec

from jupyterlab_sagemaker_nlp.local.timeutil import ms_from_iso

SLOW = "import time\nprint('start', flush=True)\ntime.sleep(0.5)\nprint('end')\n"


async def test_queue_runs_jobs_in_order_as_slots_free(api):
    config = await api.get("local/config")
    assert config["maxConcurrentJobs"] == 2
    code, config = await api.call("PUT", "local/config", {"maxConcurrentJobs": 1})
    assert code == 200 and config["maxConcurrentJobs"] == 1
    a, b, c = spec(SLOW), spec(SLOW), spec("print('c')")
    await api.submit(a)
    queued_b = await api.submit(b)
    queued_c = await api.submit(c)
    assert queued_b["SecondaryStatus"] == "Pending" and queued_b["QueuePosition"] == 1
    assert queued_c["QueuePosition"] == 2
    assert (await api.describe(a.name))["SecondaryStatus"] != "Pending"
    names = [j["TrainingJobName"] for j in (await api.get("local/jobs"))["jobs"]]
    assert names == [c.name, b.name, a.name]  # newest first
    done = [await api.wait(x.name) for x in (a, b, c)]
    assert [j["TrainingJobStatus"] for j in done] == ["Completed"] * 3
    for earlier, later in zip(done, done[1:]):
        assert ms_from_iso(later["TrainingStartTime"]) >= ms_from_iso(earlier["TrainingEndTime"])


async def test_two_slots_run_two_jobs_at_once(api):
    a, b = spec(SLOW.replace("0.5", "1.5")), spec(SLOW)
    await api.submit(a)
    await api.submit(b)
    running = await api.wait(b.name, until=("Training",))
    assert "QueuePosition" not in running
    assert (await api.describe(a.name))["SecondaryStatus"] == "Training"
    await api.wait(a.name)
    await api.wait(b.name)


async def test_config_jobs_dir(api, tmp_path, jobs_dir):
    body = spec("import time\ntime.sleep(60)\n")
    await api.submit(body)
    busy = await api.call("PUT", "local/config", {"jobsDir": str(tmp_path / "other")})
    assert busy[0] == 409 and "wait for them or stop them" in busy[1]["message"]
    assert (await api.stop(body.name))[0] == 202
    await api.wait(body.name)
    code, config = await api.call("PUT", "local/config", {"jobsDir": str(tmp_path / "other")})
    assert code == 200 and config["jobsDir"] == str(tmp_path / "other")
    assert (tmp_path / "other").is_dir()
    assert (await api.get("local/jobs"))["jobs"] == []
    code, config = await api.call("PUT", "local/config", {"jobsDir": ""})
    assert config["jobsDir"] == str(jobs_dir)
    assert [j["TrainingJobName"] for j in (await api.get("local/jobs"))["jobs"]] == [
        body.name]
    code, config = await api.call("PUT", "local/config", {"jobsDir": "relative/jobs"})
    assert config["jobsDir"].endswith("root_dir/relative/jobs")
    for bad in ({"maxConcurrentJobs": 0}, {"maxConcurrentJobs": "2"}, {"jobsDir": 3}, [1]):
        code, answer = await api.call("PUT", "local/config", bad)
        assert code == 400 and answer["message"], bad
