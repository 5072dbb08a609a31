"""A local job gets the definition the browser built for SageMaker too, exactly as posted:
the runner checks its shape and decodes the hyperparameters as the toolkit does, and never
encodes or adds one (docs/local-api.md, "Job spec")."""

import copy
import json
from pathlib import Path

import pytest
from conftest import spec

# What src/training/definition.ts posts for a parameters cell with `C = 1.0`, `epochs = 3`,
# `name = "x"`, `optimizer = adam` (a bare word) in region eu-west-1: the same strings a
# SageMaker job's CreateTrainingJob request carries, minus sagemaker_submit_directory.
POSTED = {
    "C": "1.0",
    "epochs": "3",
    "name": '"x"',
    "optimizer": "adam",
    "sagemaker_program": '"train.py"',
    "sagemaker_job_name": None,  # the job's name, set per test
    "sagemaker_region": '"eu-west-1"',
}


def definition_spec(**changes) -> dict:
    body = spec(**changes)
    posted = {**POSTED, "sagemaker_job_name": json.dumps(body.name)}
    body["definition"]["HyperParameters"] = posted
    return body


async def run(api, body) -> tuple[dict, dict]:
    await api.submit(body)
    job = await api.wait(body.name)
    assert job["TrainingJobStatus"] == "Completed", job.get("FailureReason")
    probe = Path(job["JobDir"]) / "output" / "data" / "probe.json"
    return job, json.loads(probe.read_text())


async def test_a_float_reaches_the_script_as_it_reaches_a_sagemaker_job(api):
    body = definition_spec()
    job, probe = await run(api, body)
    # mapping.to_cmd_args of the decoded values (one letter: -C): 1.0 stays 1.0, and adam,
    # which is no JSON, stays as it is.
    assert probe["argv"] == ["train.py", "-C", "1.0", "--epochs", "3", "--name", "x",
                             "--optimizer", "adam"]
    env = probe["env"]
    assert env["SM_HPS"] == '{"C":1.0,"epochs":3,"name":"x","optimizer":"adam"}'
    assert json.loads(env["SM_HPS"])["C"] == 1.0 and isinstance(json.loads(env["SM_HPS"])["C"],
                                                                float)
    assert env["SM_HP_C"] == "1.0" and env["SM_HP_OPTIMIZER"] == "adam"
    assert env["SAGEMAKER_REGION"] == "eu-west-1"
    # Nothing added: no sagemaker_container_log_level was posted, so the toolkit's default.
    assert env["SM_LOG_LEVEL"] == "20"
    assert job["HyperParameters"] == body["definition"]["HyperParameters"]
    stored = json.loads((Path(job["JobDir"]) / "input/config/hyperparameters.json").read_text())
    assert stored == body["definition"]["HyperParameters"]


async def test_the_record_keeps_the_definition_as_posted(api, jp_root_dir):
    for name in ("train", "test"):
        (jp_root_dir / "data" / name).mkdir(parents=True)
    metrics = [{"Name": "loss", "Regex": r"loss=([0-9.]+)"}]
    body = spec(channels={"train": "data/train", "test": "data/test"},
                metricDefinitions=metrics, notebookPath="my @28copy@29.ipynb")
    posted = copy.deepcopy(body["definition"])
    await api.submit(body)
    job = await api.wait(body.name)
    assert job["HyperParameters"] == posted["HyperParameters"]
    assert job["AlgorithmSpecification"]["MetricDefinitions"] == metrics
    assert job["Tags"] == posted["Tags"]  # the browser decodes the @XX escapes
    assert [c["ChannelName"] for c in job["InputDataConfig"]] == ["train", "test"]
    assert job["InputDataConfig"][0]["DataSource"]["S3DataSource"]["S3Uri"] == (
        (jp_root_dir / "data" / "train").as_uri())
    assert job["EntryPoint"] == "train.py" and job["Framework"] == "pytorch"


def bad_definitions(root: Path) -> dict:
    def changed(change, **fields):
        body = spec(**fields)
        change(body)
        return body

    def hps(**values):
        return lambda b: b["definition"]["HyperParameters"].update(values)

    def without_program(body):
        del body["definition"]["HyperParameters"]["sagemaker_program"]

    def channels(*entries):
        return lambda b: b["definition"].__setitem__("InputDataConfig", list(entries))

    old = {"jobName": "old-shape", "entryPoint": "train.py", "hyperparameters": {},
           "sourceFiles": [{"path": "train.py", "content": ""}]}
    return {
        "old shape": (old, "older version of the extension"),
        "unknown field": (changed(lambda b: b.update(instanceCount=2)),
                          "instanceCount is not part of a local job spec — remove it"),
        "value not a string": (changed(hps(epochs=3)),
                               "definition.HyperParameters['epochs'] is 3, not a string."),
        "no sagemaker_program": (changed(without_program),
                                 "definition.HyperParameters has no sagemaker_program"),
        "program not a path": (changed(hps(sagemaker_program="3")),
                               "sagemaker_program 3 is not a script's path"),
        "another job's name": (changed(hps(sagemaker_job_name='"other"')),
                               "sagemaker_job_name 'other' is not the job's name"),
        "folder of no channel": (changed(lambda b: b["channelFolders"].update(x=str(root))),
                                 "channelFolders has a folder for 'x', which is not a channel"),
        "channel without folder": (changed(channels({"ChannelName": "train"})),
                                   "Channel 'train' has no folder"),
        "channel twice": (
            changed(channels({"ChannelName": "train"}, {"ChannelName": "train"})),
            "Channel 'train' appears twice"),
        "S3 data source": (
            changed(channels({"ChannelName": "train", "DataSource": {}})),
            "definition.InputDataConfig[0].DataSource is not part of a local job spec"),
        "no instance": (changed(lambda b: b["definition"]["ResourceConfig"].update(
            InstanceCount=0)), "definition.ResourceConfig.InstanceCount must be a whole number"),
        "metric with two groups": (
            spec(metricDefinitions=[{"Name": "loss", "Regex": "(loss)=([0-9.]+)"}]),
            "has 2 groups; it needs exactly one"),
        "metric name too long": (
            spec(metricDefinitions=[{"Name": "m" * 256, "Regex": "m=([0-9.]+)"}]),
            "the name is 256 characters; SageMaker allows at most 255"),
        "tag not a string": (changed(lambda b: b["definition"]["Tags"].append(
            {"Key": "k", "Value": 1})), "definition.Tags[2].Value must be a string"),
    }


@pytest.mark.parametrize("case", list(bad_definitions(Path("."))))
async def test_bad_definitions_answer_400_and_create_nothing(api, jp_root_dir, jobs_dir, case):
    body, message = bad_definitions(jp_root_dir)[case]
    code, answer = await api.call("POST", "local/jobs", body)
    assert code == 400, answer
    assert message in answer["message"], answer["message"]
    assert not jobs_dir.exists() or [p.name for p in jobs_dir.iterdir()] == []
