"""Fixtures: a real jupyter_server with the extension, and a small client for its API."""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from pathlib import Path
from typing import Any, Optional

import pytest
from traitlets.config import Config

from jupyterlab_sagemaker_nlp.local.handlers import RUNNER_KEY

pytest_plugins = ["pytest_jupyter.jupyter_server"]

PROBE = (Path(__file__).parent / "probe" / "train.py").read_text()
TERMINAL = ("Completed", "Failed", "Stopped")


@pytest.fixture
def jobs_dir(tmp_path) -> Path:
    return tmp_path / "jobs"


@pytest.fixture
def local_config() -> dict:
    """SageMakerNLP settings; override in a test module to change them."""
    return {"max_concurrent_jobs": 2, "stop_grace_seconds": 1.0}


@pytest.fixture
def jp_server_config(jobs_dir, local_config):
    return Config(
        {
            "ServerApp": {"jpserver_extensions": {"jupyterlab_sagemaker_nlp": True}},
            "SageMakerNLP": {"jobs_dir": str(jobs_dir), **local_config},
        }
    )


@pytest.fixture
def runner(jp_serverapp, jp_asyncio_loop):
    r = jp_serverapp.web_app.settings[RUNNER_KEY]
    yield r
    jp_asyncio_loop.run_until_complete(r.aclose())


class Spec(dict):
    """A POST /local/jobs body (docs/local-api.md); ``name`` is its job's name."""

    @property
    def name(self) -> str:
        return self["definition"]["TrainingJobName"]


def encode(values: Any) -> Any:
    """Hyperparameters as the browser posts them: json.dumps of each, as the SageMaker
    Python SDK does (src/training/pythonJson.ts). Anything but a dict is posted as it is."""
    if not isinstance(values, dict):
        return values
    return {key: json.dumps(value) for key, value in values.items()}


def spec(
    script: str = PROBE,
    name: Optional[str] = None,
    entry: str = "train.py",
    extra_files: Optional[dict] = None,
    *,
    hyperparameters: Any = None,
    channels: Optional[dict] = None,
    metricDefinitions: Optional[list] = None,
    entryPoint: Optional[str] = None,
    instanceType: str = "local",
    instanceCount: int = 1,
    notebookPath: str = "examples/demo.ipynb",
    cellId: str = "cell-1",
    **fields: Any,
) -> Spec:
    """What the browser's local backend posts for these choices: the definition it builds
    for SageMaker too (trainingJobDefinition in src/training/definition.ts), the source
    files, each channel's folder and the kernel. ``hyperparameters`` are the notebook's
    values, encoded here as the browser does; ``fields`` set top-level keys as they are."""
    job_name = name or f"t-{uuid.uuid4().hex[:12]}"
    files = [{"path": entry, "content": script}]
    files += [{"path": p, "content": c} for p, c in (extra_files or {}).items()]
    encoded = encode(hyperparameters or {})
    if isinstance(encoded, dict):
        encoded = {**encoded,
                   "sagemaker_program": json.dumps(entryPoint or entry),
                   "sagemaker_container_log_level": "20",
                   "sagemaker_job_name": json.dumps(job_name)}
    definition: dict = {
        "TrainingJobName": job_name,
        "HyperParameters": encoded,
        "AlgorithmSpecification": {},
        "ResourceConfig": {"InstanceCount": instanceCount, "InstanceType": instanceType},
        "Tags": [{"Key": "sagemaker-nlp:notebook", "Value": notebookPath},
                 {"Key": "sagemaker-nlp:cell", "Value": cellId}],
    }
    if metricDefinitions:
        definition["AlgorithmSpecification"]["MetricDefinitions"] = metricDefinitions
    if channels:
        definition["InputDataConfig"] = [{"ChannelName": c} for c in channels]
    body = Spec(
        definition=definition,
        framework="pytorch",
        frameworkVersion="2.1",
        pyVersion="py310",
        sourceFiles=files,
        channelFolders=dict(channels or {}),
        kernelName="python3",
    )
    body.update(fields)
    return body


class Api:
    """The local REST API, as the browser uses it."""

    def __init__(self, fetch, runner):
        self.fetch = fetch
        self.runner = runner

    async def call(self, method: str, path: str, body: Any = None, **params) -> tuple[int, Any]:
        kwargs: dict = {"method": method, "raise_error": False}
        if body is not None or method in ("POST", "PUT"):
            kwargs["body"] = json.dumps(body if body is not None else {})
        if params:
            kwargs["params"] = params
        r = await self.fetch("sagemaker-nlp", *path.strip("/").split("/"), **kwargs)
        text = r.body.decode() if r.body else ""
        return r.code, json.loads(text) if text else None

    async def get(self, path: str, **params) -> Any:
        code, body = await self.call("GET", path, **params)
        assert code == 200, (code, body)
        return body

    async def submit(self, body: dict) -> dict:
        code, answer = await self.call("POST", "local/jobs", body)
        assert code == 201, (code, answer)
        return answer

    async def describe(self, name: str) -> dict:
        return await self.get(f"local/jobs/{name}")

    async def stop(self, name: str) -> tuple[int, Any]:
        return await self.call("POST", f"local/jobs/{name}/stop", {})

    async def wait(self, name: str, until=TERMINAL, timeout: float = 30) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            job = await self.describe(name)
            if job["TrainingJobStatus"] in until or job["SecondaryStatus"] in until:
                return job
            assert time.monotonic() < deadline, f"{name} still {job['SecondaryStatus']}"
            await asyncio.sleep(0.05)

    async def all_logs(self, name: str, limit: int = 1000) -> list[str]:
        page = await self.get(f"local/jobs/{name}/logs", limit=str(limit))
        return [e["message"] for e in page["events"]]


@pytest.fixture
def api(jp_fetch, runner) -> Api:
    return Api(jp_fetch, runner)


__all__ = ["Api", "Spec", "encode", "spec", "PROBE"]
