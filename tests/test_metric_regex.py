"""A metric regex that backtracks catastrophically cannot freeze the server.

``(a|aa)+$`` on a run of ``a``s followed by a ``b`` takes seconds with Python's
``re`` (and with ``regex``, which makes ``(a+)+$`` fast but not this one).
"""

import time

import pytest
from conftest import TERMINAL, spec

from jupyterlab_sagemaker_nlp.local import metrics
from jupyterlab_sagemaker_nlp.local.errors import SpecError

CATASTROPHIC = "(a|aa)+$"
DEFINITIONS = [{"Name": "bad", "Regex": CATASTROPHIC}, {"Name": "loss", "Regex": r"loss=([0-9.]+)"}]
SCRIPT = """
import time
time.sleep(0.3)
print("a" * 35 + "b", flush=True)
print("loss=0.5", flush=True)
"""


def test_a_slow_regex_is_turned_off_with_a_warning(tmp_path):
    parser = metrics.MetricParser(DEFINITIONS, str(tmp_path / "m.jsonl"), timeout=0.05)
    t0 = time.monotonic()
    assert not parser.feed(1000, "a" * 60 + "b")
    assert time.monotonic() - t0 < 1.0
    assert parser.take_warnings() == [
        "Metric 'bad' was turned off: its Regex '(a|aa)+$' took longer than 0.05 s on one log "
        "line — simplify it (nested or overlapping repeats such as (a+)+ or (a|aa)+ are the "
        "usual cause)."
    ]
    assert parser.take_warnings() == []
    t0 = time.monotonic()
    assert parser.feed(2000, "loss=0.5 " + "a" * 60 + "b")  # "bad" is not searched any more
    assert time.monotonic() - t0 < 0.05
    assert parser.final == {"loss": (0.5, 2000)}
    assert parser.take_warnings() == []
    results = metrics.metric_data_results(DEFINITIONS, str(tmp_path / "m.jsonl"))
    assert [(r["Label"], r["Values"]) for r in results] == [("bad", []), ("loss", [0.5])]


def test_the_default_time_limit_applies(monkeypatch):
    monkeypatch.setattr(metrics, "SEARCH_TIMEOUT", 0.01)
    parser = metrics.MetricParser(DEFINITIONS)
    parser.parse("a" * 60 + "b")
    assert "took longer than 0.01 s" in parser.take_warnings()[0]


def test_definitions_are_checked_with_the_same_engine():
    # V0 keeps re's semantics: a nested set is a plain "[" in the set, not an error.
    assert metrics.validate_definitions([{"Name": "x", "Regex": r"x=([[0-9.]+)"}])
    assert metrics.MetricParser([{"Name": "x", "Regex": r"x=([[0-9.]+)"}]).parse("x=1.5") == [
        ("x", 1.5)]
    for bad, fix in [
        ([{"Name": "x", "Regex": "x=("}], "is invalid"),
        ([{"Name": f"m{i}", "Regex": "m=(.)"} for i in range(41)], "at most 40"),
        ([{"Name": "x", "Regex": "x=(.)" + "a" * 500}], "at most 500"),
    ]:
        with pytest.raises(SpecError, match=fix):
            metrics.validate_definitions(bad)


async def test_a_catastrophic_regex_does_not_freeze_the_server(api):
    body = spec(SCRIPT, metricDefinitions=DEFINITIONS)
    await api.submit(body)
    name = body.name
    longest, status = 0.0, None
    deadline = time.monotonic() + 15
    while status not in TERMINAL and time.monotonic() < deadline:
        t0 = time.monotonic()
        jobs = (await api.get("local/jobs"))["jobs"]
        longest = max(longest, time.monotonic() - t0)
        status = next(j["TrainingJobStatus"] for j in jobs if j["TrainingJobName"] == name)
    assert status == "Completed", status
    assert longest < 1.0, f"a request took {longest:.2f} s: the server froze"
    results = (await api.get(f"local/jobs/{name}/metrics"))["MetricDataResults"]
    assert [(r["Label"], r["Values"]) for r in results] == [("bad", []), ("loss", [0.5])]
    assert any(line.startswith("Metric 'bad' was turned off") for line in await api.all_logs(name))
