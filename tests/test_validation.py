"""Bad requests answer 400 {"message"} naming the fix, and create nothing; auth is required."""

import json

import pytest
from conftest import spec

from jupyterlab_sagemaker_nlp import __version__


@pytest.fixture
def r_kernel(jp_data_dir):
    folder = jp_data_dir / "kernels" / "ir"
    folder.mkdir(parents=True)
    (folder / "kernel.json").write_text(json.dumps(
        {"argv": ["R", "--slave", "-f", "{connection_file}"], "display_name": "R",
         "language": "R"}))
    return "ir"


def bad_cases(root):
    missing = root / "nowhere"
    return [
        (spec(name="bad_name!"), "Job name 'bad_name!' is invalid"),
        (spec(name="a" * 64), "is invalid"),
        (spec(name="-starts-with-hyphen"), "is invalid"),
        (spec(channels={"train": str(missing)}),
         f"Channel 'train': folder {missing} does not exist — create it or change the "
         "channel's folder in the dialog"),
        (spec(channels={"train": "nowhere"}), f"folder {missing} does not exist"),
        (spec(channels={"bad name": "."}), "Channel name 'bad name' is invalid"),
        (spec(kernelName="nope"), "Unknown kernel 'nope'"),
        (spec(kernelName="ir"),
         "Kernel ir runs R; local training needs a Python kernel — switch the notebook's kernel"),
        (spec(entry="/etc/train.py"), "is absolute"),
        (spec(entry="../train.py"), "contains '..'"),
        (spec(extra_files={"utils/../../x.py": ""}), "contains '..'"),
        (spec(entryPoint="main.py"), "Entry point 'main.py' is not among the source files"),
        (spec(sourceFiles=[]), "sourceFiles is empty"),
        (spec(metricDefinitions=[{"Name": "loss", "Regex": "loss=([0-9"}]), "is invalid"),
        (spec(metricDefinitions=[{"Name": "loss", "Regex": "loss=[0-9]+"}]), "needs a group"),
        (spec(hyperparameters=[1, 2]), "definition.HyperParameters must be an object"),
        (spec(hyperparameters={"a=b": 1}), "contains '='"),
        ([1, 2], "must be a JSON object"),
    ]


async def test_bad_specs_answer_400_and_create_nothing(api, jp_root_dir, jobs_dir, r_kernel):
    for body, message in bad_cases(jp_root_dir):
        code, answer = await api.call("POST", "local/jobs", body)
        assert code == 400, (body, answer)
        assert message in answer["message"], answer["message"]
        if isinstance(body, dict):
            code, _ = await api.call("GET", f"local/jobs/{body.name}")
            assert code == 404
    assert not jobs_dir.exists() or [p.name for p in jobs_dir.iterdir()] == []


async def test_duplicate_name(api, jobs_dir):
    body = spec("print('once')")
    await api.submit(body)
    code, answer = await api.call("POST", "local/jobs", body)
    assert code == 400
    assert f"A job named '{body.name}' already exists" in answer["message"]
    await api.wait(body.name)
    assert sorted(p.name for p in jobs_dir.iterdir()) == [body.name]


async def test_invalid_json_and_unknown_jobs(api):
    code, answer = await api.call("GET", "local/jobs/nope")
    assert code == 404 and "nope" in answer["message"]
    for route in ("logs", "metrics"):
        code, _ = await api.call("GET", f"local/jobs/nope/{route}")
        assert code == 404
    r = await api.fetch("sagemaker-nlp", "local", "jobs", method="POST", body="{not json",
                        raise_error=False)
    assert r.code == 400
    body = spec("print(1)")
    await api.submit(body)
    code, answer = await api.call("GET", f"local/jobs/{body.name}/logs", limit="0")
    assert code == 400 and "limit" in answer["message"]
    await api.wait(body.name)


async def test_health(api):
    assert await api.get("health") == {"version": __version__, "local": True}


async def test_requests_without_the_token_are_refused(api, http_server_client, jp_base_url):
    for method, path, body in (
        ("GET", "sagemaker-nlp/health", None),
        ("GET", "sagemaker-nlp/local/jobs", None),
        ("POST", "sagemaker-nlp/local/jobs", json.dumps(spec())),
        ("PUT", "sagemaker-nlp/local/config", "{}"),
    ):
        r = await http_server_client.fetch(
            jp_base_url + path, method=method, body=body, raise_error=False)
        assert r.code in (401, 403), (path, r.code)
    assert (await api.get("local/jobs"))["jobs"] == []
