"""GET /sagemaker-nlp/local/jobs/<name>/hf-task: the task a local job's config.json names,
from the one table (local/hf_tasks.json) the endpoint's process reads too."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys

from conftest import spec
from jupyterlab_sagemaker_nlp.local import model_config

WRITES_CONFIG = """import json, os
folder = os.path.join(os.environ["SM_MODEL_DIR"], {sub!r})
os.makedirs(folder, exist_ok=True)
with open(os.path.join(folder, "config.json"), "w") as f:
    f.write({text!r})
"""


async def trained(api, text: str, sub: str = "") -> str:
    body = spec(WRITES_CONFIG.format(sub=sub, text=text))
    await api.submit(body)
    job = await api.wait(body.name)
    assert job["TrainingJobStatus"] == "Completed", job
    return body.name


async def test_the_task_of_the_architecture_in_the_model_folder(api):
    name = await trained(api, json.dumps({"architectures": ["BertForSequenceClassification"]}))
    assert await api.get(f"local/jobs/{name}/hf-task") == {
        "task": "text-classification", "architecture": "BertForSequenceClassification"}


async def test_a_config_one_folder_down_counts(api):
    name = await trained(api, json.dumps({"architectures": ["GPT2LMHeadModel"]}), sub="model")
    assert await api.get(f"local/jobs/{name}/hf-task") == {
        "task": "text-generation", "architecture": "GPT2LMHeadModel"}


async def test_nothing_to_propose_is_an_empty_answer(api, runner):
    bare = await trained(api, json.dumps({"architectures": ["BertModel"]}))
    assert await api.get(f"local/jobs/{bare}/hf-task") == {}
    broken = await trained(api, "{not json")
    assert await api.get(f"local/jobs/{broken}/hf-task") == {}
    none = await trained(api, "{}")
    os.remove(os.path.join(runner.store.layout(none).model, "config.json"))
    assert await api.get(f"local/jobs/{none}/hf-task") == {}


async def test_an_unknown_job_is_404(api):
    code, body = await api.call("GET", "local/jobs/no-such-job/hf-task")
    assert code == 404
    assert "no-such-job" in body["message"]


def test_a_config_linked_from_outside_is_not_read(tmp_path):
    outside = tmp_path / "outside.json"
    outside.write_text(json.dumps({"architectures": ["BertForMaskedLM"]}))
    model = tmp_path / "model"
    model.mkdir()
    os.symlink(outside, model / "config.json")
    assert model_config.hf_task_of(str(model)) == {}


def test_the_first_known_architecture_wins():
    assert model_config.task_from_config(
        {"architectures": ["Custom", 7, "T5ForConditionalGeneration"]}) == {
        "task": "text2text-generation", "architecture": "T5ForConditionalGeneration"}
    assert model_config.task_from_config({"architectures": "BertForMaskedLM"}) == {}
    assert model_config.task_from_config([]) == {}


def test_the_endpoint_process_reads_the_same_table():
    """serving_child.py runs without this package: it reads hf_tasks.json by its own path."""
    path = os.path.join(os.path.dirname(model_config.__file__), "serving_child.py")
    loaded = importlib.util.spec_from_file_location("serving_child_copy", path)
    child = importlib.util.module_from_spec(loaded)
    loaded.loader.exec_module(child)
    assert tuple(child._TASKS) == model_config.hf_tasks()
    assert ("LMHeadModel", "text-generation") in child._TASKS
    # Run as the server runs it, from another folder, with nothing of the package importable.
    code = (f"import runpy; m = runpy.run_path({path!r}, run_name='probe'); "
            "print(len(m['_TASKS']))")
    out = subprocess.run([sys.executable, "-I", "-c", code], cwd="/", capture_output=True,
                         text=True, check=True)
    assert int(out.stdout) == len(model_config.hf_tasks())
