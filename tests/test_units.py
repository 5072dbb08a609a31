"""Pure parts: the toolkit's formats, log splitting, failure reasons, metric parsing."""

import json

import pytest

from conftest import encode

from jupyterlab_sagemaker_nlp.local import contract, logs, metrics
from jupyterlab_sagemaker_nlp.local.errors import SpecError


def test_to_cmd_args_matches_the_toolkit():
    assert contract.to_cmd_args({"model_dir": "/opt/ml/model", "batch_size": 25}) == [
        "--batch_size", "25", "--model_dir", "/opt/ml/model"]
    assert contract.to_cmd_args(
        {"x": 1, "flag": True, "opts": {"b": "z", "a": 1}, "layers": [1, 2], "none": None}
    ) == ["--flag", "True", "--layers", "[1, 2]", "--none", "", "--opts", "a=1,b=z", "-x", "1"]


def test_to_env_vars_matches_the_toolkit():
    env = contract.to_env_vars(
        {"hps": {"b": 1, "a": [1, 2]}, "name": "x", "none": None, "n": 3, "ok": True})
    assert env == {"SM_HPS": '{"a":[1,2],"b":1}', "SM_NAME": "x", "SM_NONE": "",
                   "SM_N": "3", "SM_OK": "true"}


def test_hyperparameters_round_trip_and_split():
    encoded = encode(
        {"lr": 0.001, "name": "x", "sagemaker_program": "train.py", "sagemaker_extra": 1})
    decoded = contract.decode_hyperparameters({**encoded, "raw": "not json"})
    assert decoded["raw"] == "not json" and decoded["lr"] == 0.001
    user, sagemaker = contract.split_hyperparameters(decoded)
    assert set(user) == {"lr", "name", "raw"}
    assert set(sagemaker) == {"sagemaker_program", "sagemaker_extra"}


def test_log_writer_splits_lines_across_chunks(tmp_path):
    path = str(tmp_path / "output.log")
    seen = []
    w = logs.LogWriter(path, on_line=lambda t, m: seen.append(m))
    for chunk in [b"one\r", b"\ntwo\rtw", b"o2\n\xc3", b"\xa9t\xc3\xa9\n", b"last"]:
        w.feed(chunk)
    w.close()
    assert seen == ["one", "two", "two2", "\u00e9t\u00e9", "last"]
    page = logs.read_page(path, None, 2)
    assert [e["message"] for e in page["events"]] == ["one", "two"]
    page = logs.read_page(path, page["nextForwardToken"], 10)
    assert [e["message"] for e in page["events"]] == ["two2", "\u00e9t\u00e9", "last"]
    end = logs.read_page(path, page["nextForwardToken"], 10)
    assert end == {"events": [], "nextForwardToken": page["nextForwardToken"]}


def test_log_writer_gives_each_line_a_time_of_its_own(tmp_path):
    # Lines read in one chunk come in the same millisecond; metrics keep one
    # value per time (as CloudWatch does), so equal times would lose points.
    path = str(tmp_path / "output.log")
    times = []
    w = logs.LogWriter(path, on_line=lambda t, m: times.append(t))
    w.feed(b"".join(b"loss=0.%d\n" % i for i in range(500)))
    w.write_line("done")
    w.close()
    assert len(times) == 501
    assert all(later > earlier for earlier, later in zip(times, times[1:]))
    page = logs.read_page(path, None, 1000)
    assert [e["timestamp"] for e in page["events"]] == times


def test_traceback_reason_takes_the_last_exception_line():
    lines = [
        "Traceback (most recent call last):", '  File "t.py", line 1', "KeyError: 'k'", "",
        "During handling of the above exception, another exception occurred:", "",
        "Traceback (most recent call last):", '  File "t.py", line 3', "    raise RuntimeError",
        "RuntimeError: wrapped", "after",
    ]
    assert logs.traceback_reason(lines) == "RuntimeError: wrapped"
    assert logs.traceback_reason(["no traceback"]) is None


def test_metric_parser_and_definitions(tmp_path):
    defs = metrics.validate_definitions([
        {"Name": "loss", "Regex": r"loss=([0-9.]+)"},
        {"Name": "acc", "Regex": r"accuracy=([0-9.]+)"},
    ])
    p = metrics.MetricParser(defs, str(tmp_path / "m.jsonl"))
    assert p.feed(1000, "epoch=1 loss=0.5 accuracy=0.75")
    assert not p.feed(2000, "nothing here")
    p.feed(3000, "loss=0.25 loss=nan")
    assert p.final == {"loss": (0.25, 3000), "acc": (0.75, 1000)}
    results = metrics.metric_data_results(defs, str(tmp_path / "m.jsonl"))
    assert results[0]["Label"] == "loss" and results[0]["Values"] == [0.5, 0.25]
    assert results[0]["Timestamps"] == ["1970-01-01T00:00:01.000Z", "1970-01-01T00:00:03.000Z"]
    for bad, fix in [([{"Name": "x", "Regex": "x=("}], "invalid"),
                     ([{"Name": "x", "Regex": "x=[0-9]+"}], "needs a group"),
                     ([{"Name": "x"}], "no Regex"), ("nope", "must be a list")]:
        with pytest.raises(SpecError, match=fix):
            metrics.validate_definitions(bad)


def test_training_env_keys_are_the_toolkits(tmp_path):
    layout = contract.Layout(tmp_path)
    env = contract.training_env(layout, "job", encode(
        {"sagemaker_program": "train.py", "a": 1}), ["train"], "local", "sklearn", 4, 0)
    assert env["module_name"] == "train" and env["user_entry_point"] == "train.py"
    assert env["framework_module"] == "sagemaker_sklearn_container.training:main"
    variables = contract.env_vars(env)
    assert json.loads(variables["SM_TRAINING_ENV"]) == json.loads(json.dumps(env))
    assert variables["SM_USER_ARGS"] == '["-a","1"]'
