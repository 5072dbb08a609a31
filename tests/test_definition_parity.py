"""The rules of a job that the browser and the local runner both apply are the same rules.

The browser builds a job's definition and checks it for SageMaker (src/training/); the runner
checks the same definition when it is posted (jupyterlab_sagemaker_nlp/local/). Each side keeps
its constants in its own language, where its code reads them; this test reads the TypeScript
declarations (``export const NAME = …;``) and compares them with the Python ones, like
test_iam_policy.py compares the proxy's allow-list with docs/iam-policy.json. Then both sides
judge the same names and regexes (src/training/__tests__/fixtures/job-rules.json; the jest
side is src/training/__tests__/definition.spec.ts).

No server: plain reading of files.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import spec

from jupyterlab_sagemaker_nlp.local import metrics, store
from jupyterlab_sagemaker_nlp.local import spec as specs
from jupyterlab_sagemaker_nlp.local.errors import SpecError

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
RULES = json.loads((SRC / "training" / "__tests__" / "fixtures" / "job-rules.json").read_text())


def ts_const(file: str, name: str) -> str:
    """The initializer of ``export const <name> … = <initializer>;`` in src/<file>."""
    text = (SRC / file).read_text()
    found = re.search(rf"^export const {name}\b[^=]*=\s*(.+?);\s*$", text, re.M | re.S)
    assert found, (f"src/{file} has no `export const {name} = …;` any more: keep the "
                   "declaration (this test reads it), or change the test with it")
    return found.group(1).strip()


def ts_regex(file: str, name: str) -> str:
    """A regex literal ``/^…$/`` without flags, as the pattern Python matches with fullmatch."""
    literal = ts_const(file, name)
    found = re.fullmatch(r"/\^(.*)\$/", literal)
    assert found, f"{name} in src/{file} must be a flagless /^…$/ literal, not {literal}"
    return found.group(1)


def ts_number(file: str, name: str) -> int:
    return int(ts_const(file, name))


def ts_strings(file: str, name: str) -> list[str]:
    """A string, or an array of strings (``[…] as const`` included)."""
    return re.findall(r"'([^'\\]*)'", ts_const(file, name))


def test_job_name_rule():
    assert ts_regex("training/jobName.ts", "JOB_NAME_PATTERN") == specs.JOB_NAME.pattern
    assert ts_number("training/jobName.ts", "MAX_JOB_NAME_LENGTH") == 63
    assert specs.JOB_NAME.fullmatch("a" * 63) and not specs.JOB_NAME.fullmatch("a" * 64)


def test_channel_name_rule():
    assert ts_regex("training/definition.ts", "CHANNEL_NAME_PATTERN") == \
        specs.CHANNEL_NAME.pattern
    assert ts_strings("training/definition.ts", "RESERVED_CHANNEL_NAMES") == \
        list(specs.RESERVED_CHANNEL_NAMES)


def test_metric_definition_limits():
    file = "training/metricDefinitions.ts"
    assert ts_number(file, "MAX_METRIC_DEFINITIONS") == metrics.MAX_DEFINITIONS == 40
    assert ts_number(file, "MAX_METRIC_NAME_LENGTH") == metrics.MAX_NAME == 255
    assert ts_number(file, "MAX_METRIC_REGEX_LENGTH") == metrics.MAX_REGEX == 500
    assert ts_number(file, "METRIC_REGEX_GROUPS") == metrics.REGEX_GROUPS == 1


def test_statuses():
    assert ts_strings("tokens.ts", "JOB_STATUSES") == list(store.STATUSES)
    assert ts_strings("tokens.ts", "FINAL_JOB_STATUSES") == list(store.TERMINAL)
    # Every secondary status a local job goes through has a label in the job views.
    format_ts = (SRC / "ui" / "sidebar" / "format.ts").read_text()
    labels = re.search(r"function secondaryStatusLabel\(.*?\{(.*?)\n\}", format_ts, re.S)
    assert labels, "src/ui/sidebar/format.ts has no secondaryStatusLabel: update this test"
    labelled = set(re.findall(r"^\s*(\w+): trans\.__\(", labels.group(1), re.M))
    assert set(store.SECONDARY_STATUSES) <= labelled, \
        f"no label for {set(store.SECONDARY_STATUSES) - labelled}"


def test_tag_keys():
    """The runner keeps Tags as posted, so only the browser makes them; what stands in for
    it on the Python side (the SDK fixture capture, the tests' spec helper) uses its keys."""
    keys = [ts_strings("training/notebookTags.ts", name)[0] for name in ("NOTEBOOK_TAG",
                                                                          "CELL_TAG")]
    assert keys == ["sagemaker-nlp:notebook", "sagemaker-nlp:cell"]
    capture = (ROOT / "scripts" / "sdk_capture.py").read_text()
    assert re.findall(r'^(?:NOTEBOOK|CELL)_TAG = "([^"]+)"$', capture, re.M) == keys
    job_tag = ts_strings("training/notebookTags.ts", "JOB_TAG")[0]
    assert re.findall(r'^JOB_TAG = "([^"]+)"$', capture, re.M) == [job_tag]
    assert [tag["Key"] for tag in spec()["definition"]["Tags"]] == keys


@pytest.mark.parametrize("verdict", ["valid", "invalid"])
def test_job_names_are_judged_alike(verdict):
    for name in RULES["jobNames"][verdict]:
        assert bool(specs.JOB_NAME.fullmatch(name)) == (verdict == "valid"), repr(name)
        if verdict == "invalid":
            with pytest.raises(SpecError, match="Job name"):
                specs.check_job_name(name)


@pytest.mark.parametrize("verdict", ["valid", "invalid"])
def test_channel_names_are_judged_alike(verdict):
    for name in RULES["channelNames"][verdict]:
        if verdict == "valid":
            assert specs.check_channel_name(name) == name
        else:
            with pytest.raises(SpecError, match="rename the channel"):
                specs.check_channel_name(name)


@pytest.mark.parametrize("verdict", ["valid", "invalid"])
def test_metric_regexes_are_judged_alike(verdict):
    for regex in RULES["metricRegexes"][verdict]:
        definitions = [{"Name": "m", "Regex": regex}]
        if verdict == "valid":
            assert metrics.validate_definitions(definitions) == definitions
        else:
            with pytest.raises(SpecError, match="Metric"):
                metrics.validate_definitions(definitions)


@pytest.mark.parametrize("verdict", ["valid", "invalid"])
def test_metric_names_are_judged_alike(verdict):
    # CloudWatch keeps only names of printable ASCII with a non-space in them.
    for name in RULES["metricNames"][verdict]:
        definitions = [{"Name": name, "Regex": "v=([0-9.]+)"}]
        if verdict == "valid":
            assert metrics.validate_definitions(definitions) == definitions
        else:
            with pytest.raises(SpecError, match="Metric.*(name it|rename it)"):
                metrics.validate_definitions(definitions)
