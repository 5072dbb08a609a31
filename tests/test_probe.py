"""The container contract, seen from inside the training process (tests/probe/train.py)."""

import json
import os
import shutil
import sys
import tarfile
from pathlib import Path

from conftest import spec

from jupyterlab_sagemaker_nlp.local.timeutil import ms_from_iso

HPS = {
    "epochs": 3, "lr": 0.001, "name": "x", "flag": True, "layers": [1, 2],
    "opts": {"b": "z", "a": 1}, "b": 2, "sagemaker_custom_flag": 1,
}
METRICS = [
    {"Name": "loss", "Regex": r"loss=([0-9.]+)"},
    {"Name": "accuracy", "Regex": r"accuracy=([0-9.]+)"},
]


async def run_probe(api, jp_root_dir, tmp_path, monkeypatch):
    (jp_root_dir / "data" / "train").mkdir(parents=True)
    (jp_root_dir / "data" / "train" / "a.txt").write_text("a")
    (tmp_path / "testdata").mkdir()
    (tmp_path / "testdata" / "b.txt").write_text("b")
    monkeypatch.setenv("SM_STALE_FROM_SERVER", "x")  # must not leak into the job
    body = spec(
        hyperparameters=HPS,
        channels={"train": "data/train", "test": str(tmp_path / "testdata")},
        metricDefinitions=METRICS,
    )
    created = await api.submit(body)
    job = await api.wait(body.name)
    job_dir = Path(job["JobDir"])
    probe = json.loads((job_dir / "output" / "data" / "probe.json").read_text())
    return created, job, job_dir, probe


async def test_probe_sees_the_sagemaker_contract(api, jp_root_dir, tmp_path, monkeypatch):
    created, job, d, probe = await run_probe(api, jp_root_dir, tmp_path, monkeypatch)
    name = job["TrainingJobName"]
    assert created["TrainingJobStatus"] == "InProgress"
    assert job["TrainingJobStatus"] == "Completed", job.get("FailureReason")
    assert d == api.runner.store.layout(name).root and d.is_absolute()

    # argv: python <entry> then the toolkit's to_cmd_args of the user hyperparameters
    assert probe["argv"] == [
        "train.py", "-b", "2", "--epochs", "3", "--flag", "True", "--layers", "[1, 2]",
        "--lr", "0.001", "--name", "x", "--opts", "a=1,b=z",
    ]
    assert probe["cwd"] == str(d / "code")
    assert probe["executable"] == sys.executable == job["Python"]
    assert probe["channel_files"] == {"train": ["a.txt"], "test": ["b.txt"]}

    env = probe["env"]
    user_hps = {k: v for k, v in HPS.items() if not k.startswith("sagemaker_")}
    expected = {
        "SM_MODEL_DIR": f"{d}/model",
        "SM_CHANNELS": '["test","train"]',
        "SM_CHANNEL_TRAIN": f"{d}/input/data/train",
        "SM_CHANNEL_TEST": f"{d}/input/data/test",
        "SM_HPS": '{"b":2,"epochs":3,"flag":true,"layers":[1,2],"lr":0.001,"name":"x",'
                  '"opts":{"a":1,"b":"z"}}',
        "SM_HP_EPOCHS": "3", "SM_HP_LR": "0.001", "SM_HP_NAME": "x", "SM_HP_FLAG": "true",
        "SM_HP_LAYERS": "[1,2]", "SM_HP_OPTS": '{"a":1,"b":"z"}', "SM_HP_B": "2",
        "SM_FRAMEWORK_PARAMS": '{"sagemaker_custom_flag":1}',
        "SM_OUTPUT_DATA_DIR": f"{d}/output/data",
        "SM_OUTPUT_DIR": f"{d}/output",
        "SM_OUTPUT_INTERMEDIATE_DIR": f"{d}/output/intermediate",
        "SM_INPUT_DIR": f"{d}/input",
        "SM_INPUT_CONFIG_DIR": f"{d}/input/config",
        "SM_NUM_CPUS": str(os.cpu_count()),
        "SM_HOSTS": '["algo-1"]',
        "SM_CURRENT_HOST": "algo-1",
        "SM_CURRENT_INSTANCE_TYPE": "local",
        "SM_CURRENT_INSTANCE_GROUP": "homogeneousCluster",
        "SM_CURRENT_INSTANCE_GROUP_HOSTS": '["algo-1"]',
        "SM_INSTANCE_GROUPS": '["homogeneousCluster"]',
        "SM_DISTRIBUTION_INSTANCE_GROUPS": "[]",
        "SM_IS_HETERO": "false",
        "SM_NETWORK_INTERFACE_NAME": "eth0",
        "SM_LOG_LEVEL": "20",
        "SM_USER_ENTRY_POINT": "train.py",
        "SM_MODULE_NAME": "train",
        "SM_MODULE_DIR": f"{d}/code",
        "SM_FRAMEWORK_MODULE": "sagemaker_pytorch_container.training:main",
        "SM_USER_ARGS": json.dumps(probe["argv"][1:], separators=(",", ":")),
        "SM_CHECKPOINT_DIR": f"{d}/checkpoints",
        "TRAINING_JOB_NAME": name,
        "SAGEMAKER_JOB_NAME": name,
        "CURRENT_HOST": "algo-1",
        "SAGEMAKER_BASE_DIR": str(d),
        "PYTHONUNBUFFERED": "1",
    }
    for key, value in expected.items():
        assert env.get(key) == value, key
    if not shutil.which("nvidia-smi"):
        assert env["SM_NUM_GPUS"] == "0"
    assert json.loads(env["SM_HPS"]) == user_hps
    assert "SM_STALE_FROM_SERVER" not in env
    assert sorted(k for k in env if k.startswith("SM_")) == sorted(
        [k for k in expected if k.startswith("SM_")]
        + ["SM_NUM_GPUS", "SM_RESOURCE_CONFIG", "SM_INPUT_DATA_CONFIG", "SM_TRAINING_ENV",
           "SM_INSTANCE_GROUPS_DICT"])
    assert json.loads(env["SM_INSTANCE_GROUPS_DICT"]) == {"homogeneousCluster": {
        "instance_group_name": "homogeneousCluster", "instance_type": "local",
        "hosts": ["algo-1"]}}
    assert not [k for k in env if k.startswith("SM_HP_SAGEMAKER")]
    assert json.loads(env["SM_RESOURCE_CONFIG"]) == {
        "current_host": "algo-1", "current_instance_type": "local",
        "current_group_name": "homogeneousCluster", "hosts": ["algo-1"],
        "instance_groups": [{"instance_group_name": "homogeneousCluster",
                             "instance_type": "local", "hosts": ["algo-1"]}],
        "network_interface_name": "eth0",
    }
    channel_config = {"TrainingInputMode": "File", "S3DistributionType": "FullyReplicated",
                      "RecordWrapperType": "None"}
    assert json.loads(env["SM_INPUT_DATA_CONFIG"]) == {"test": channel_config,
                                                        "train": channel_config}
    training = json.loads(env["SM_TRAINING_ENV"])
    assert training["job_name"] == name and training["hyperparameters"] == user_hps
    assert training["channel_input_dirs"] == {"test": f"{d}/input/data/test",
                                              "train": f"{d}/input/data/train"}
    assert training["additional_framework_parameters"] == {"sagemaker_custom_flag": 1}
    assert training["module_name"] == "train" and training["is_master"] is True

    # the /opt/ml files, as SageMaker writes them
    config = d / "input" / "config"
    stored = json.loads((config / "hyperparameters.json").read_text())
    assert stored == job["HyperParameters"]
    assert stored["epochs"] == "3" and stored["name"] == '"x"'
    assert stored["sagemaker_program"] == '"train.py"'
    assert json.loads((config / "resourceconfig.json").read_text()) == json.loads(
        env["SM_RESOURCE_CONFIG"])
    assert json.loads((config / "inputdataconfig.json").read_text()) == json.loads(
        env["SM_INPUT_DATA_CONFIG"])
    assert (d / "input" / "data" / "train").resolve() == (jp_root_dir / "data" / "train")
    for sub in ("output/intermediate", "checkpoints", "code/train.py"):
        assert (d / sub).exists(), sub

    # the model, packed at the end
    tar_path = job["ModelArtifacts"]["S3ModelArtifacts"]
    assert tar_path == str(d / "output" / "model.tar.gz")
    with tarfile.open(tar_path) as tar:
        assert tar.getnames() == ["model.txt"]
        assert tar.extractfile("model.txt").read() == b"weights"

    # statuses and times
    steps = [t["Status"] for t in job["SecondaryStatusTransitions"]]
    assert steps == ["Pending", "Starting", "Downloading", "Training", "Uploading", "Completed"]
    assert all("EndTime" in t for t in job["SecondaryStatusTransitions"])
    start, end = ms_from_iso(job["TrainingStartTime"]), ms_from_iso(job["TrainingEndTime"])
    assert ms_from_iso(job["CreationTime"]) <= start <= end
    assert "QueuePosition" not in job and "FailureReason" not in job
    assert job["Tags"] == [{"Key": "sagemaker-nlp:notebook", "Value": "examples/demo.ipynb"},
                           {"Key": "sagemaker-nlp:cell", "Value": "cell-1"}]
    listed = await api.get("local/jobs")
    assert [j["TrainingJobName"] for j in listed["jobs"]] == [name]


async def test_metrics_and_logs(api, jp_root_dir, tmp_path, monkeypatch):
    _, job, d, _ = await run_probe(api, jp_root_dir, tmp_path, monkeypatch)
    name = job["TrainingJobName"]
    start, end = ms_from_iso(job["TrainingStartTime"]), ms_from_iso(job["TrainingEndTime"])
    final = {m["MetricName"]: m for m in job["FinalMetricDataList"]}
    assert {k: v["Value"] for k, v in final.items()} == {"loss": 0.3333, "accuracy": 0.8}
    for m in final.values():
        assert start <= ms_from_iso(m["Timestamp"]) <= end

    data = await api.get(f"local/jobs/{name}/metrics")
    series = {r["Label"]: r for r in data["MetricDataResults"]}
    assert series["loss"]["Values"] == [1.0, 0.5, 0.3333]
    assert series["accuracy"]["Values"] == [0.6, 0.7, 0.8]
    stamps = [ms_from_iso(t) for t in series["loss"]["Timestamps"]]
    assert stamps == sorted(stamps) and len(stamps) == 3

    # logs, three events a page, until the token stops moving
    events, token = [], None
    while True:
        params = {"limit": "3"}
        if token:
            params["nextToken"] = token
        page = await api.get(f"local/jobs/{name}/logs", **params)
        assert len(page["events"]) <= 3
        if not page["events"]:
            assert page["nextForwardToken"] == token
            break
        events += page["events"]
        token = page["nextForwardToken"]
    messages = [e["message"] for e in events]
    assert messages == await api.all_logs(name)
    for line in ("probe started", "epoch=3 loss=0.3333 accuracy=0.80", "progress 50%",
                 "progress 100%", "probe done"):
        assert line in messages
    stamps = [e["timestamp"] for e in events]
    assert stamps == sorted(stamps) and start - 5 <= stamps[0]

    # the benchmark goal: submit → first script line in under a second
    first = next(e for e in events if e["message"] == "probe started")
    assert first["timestamp"] - ms_from_iso(job["CreationTime"]) < 1000
