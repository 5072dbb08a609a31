"""requirements.txt: installed into a cached venv on top of the kernel's Python,
never into the kernel's own environment."""

import json
import os
import sysconfig
from pathlib import Path

from conftest import spec

SCRIPT = """
import json, os, sys
import nbformat
with open(os.path.join(os.environ["SM_OUTPUT_DATA_DIR"], "probe.json"), "w") as f:
    json.dump({"prefix": sys.prefix, "executable": sys.executable,
               "nbformat": nbformat.__file__, "path": sys.path}, f)
print("imported nbformat from", nbformat.__file__)
"""


def site_packages_listing():
    return sorted(os.listdir(sysconfig.get_paths()["purelib"]))


async def test_requirements_install_into_a_cached_venv(api, jobs_dir):
    before = site_packages_listing()
    body = spec(SCRIPT, extra_files={"requirements.txt": "nbformat\n"})
    await api.submit(body)
    job = await api.wait(body.name, timeout=60)
    assert job["TrainingJobStatus"] == "Completed", job.get("FailureReason")
    downloading = next(t for t in job["SecondaryStatusTransitions"]
                       if t["Status"] == "Downloading")
    assert downloading["StatusMessage"] == "Installing requirements"
    log = await api.all_logs(body.name)
    assert any("Requirement already satisfied: nbformat" in line for line in log)

    envs = [p for p in (jobs_dir / ".envs").iterdir()]
    assert len(envs) == 1 and (envs[0] / ".ready").exists()
    probe = json.loads((Path(job["JobDir"]) / "output/data/probe.json").read_text())
    assert Path(probe["prefix"]) == envs[0]  # the job ran in the venv
    assert probe["nbformat"].startswith(sysconfig.get_paths()["purelib"])  # seen, not copied
    assert site_packages_listing() == before  # the kernel's environment is untouched

    again = spec(SCRIPT, extra_files={"requirements.txt": "nbformat\n"})
    await api.submit(again)
    job = await api.wait(again.name, timeout=60)
    assert job["TrainingJobStatus"] == "Completed"
    assert any("Using the cached requirements environment" in line
               for line in await api.all_logs(again.name))
    assert len(list((jobs_dir / ".envs").iterdir())) == 1


async def test_failing_requirements_fail_the_job(api, jobs_dir):
    body = spec("print('never')", extra_files={
        "requirements.txt": "--no-index\nno-such-package-for-sagemaker-nlp==1.0\n"})
    await api.submit(body)
    job = await api.wait(body.name, timeout=60)
    assert job["TrainingJobStatus"] == "Failed"
    assert "pip install -r requirements.txt failed" in job["FailureReason"]
    assert "never" not in await api.all_logs(body.name)
    assert list((jobs_dir / ".envs").iterdir()) == []  # no half-made environment kept
