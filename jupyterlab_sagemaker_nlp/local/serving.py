"""Local endpoints: a completed local job's model, served by a child process of the server.

One child per endpoint (local/serving_child.py, run by the job's kernel Python), so a bad
model never takes the server down. Requests go to it one at a time over its stdin/stdout.
An endpoint is Creating until the child says the model loaded (InService) or why not
(Failed). Records live in ``<jobsDir>/.endpoints/<name>.json`` (DescribeEndpoint's shape
plus a private ``_local`` part), so a page reload lists them. The children stop with the
server (``shutdown``) and on their own when their stdin closes; endpoints found recorded
at start are OutOfService: their process went with the last server.
"""

from __future__ import annotations

import asyncio
import os
import re
from dataclasses import dataclass, field
from typing import Annotated, Any, ClassVar, Optional

from pydantic import ConfigDict, Field

from ..wire import Fix, Request
from . import model_process, process, store
from .errors import Conflict, LocalError, NotFound
from .records import RecordFolder
from .timeutil import now_iso

MAX_BODY = 6 * 1024 * 1024  # SageMaker's limit on an InvokeEndpoint payload
VARIANT = "AllTraffic"
JOB_TAG = "sagemaker-nlp:job"  # src/training/notebookTags.ts
NAME = re.compile(r"^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$")  # SageMaker's EndpointName, TransformJobName
RESTARTED = ("The Jupyter server {what}, and the endpoint's process with it: delete this "
             "endpoint and create it again from job {job}.")
INFERENCE_FUNCTIONS = ("def model_fn", "def input_fn", "def predict_fn", "def output_fn")

# The request fields of an endpoint and a transform alike (transform_input.py).
JobName = Annotated[str, Field(alias="jobName", min_length=1),
                    Fix("jobName must name a Completed local training job.")]
HfTask = Annotated[Optional[str], Field(alias="hfTask"),
                   Fix("hfTask must be a pipeline task such as text-classification.")]


def name_field(alias: str) -> Any:
    """An optional name of what is created, checked as SageMaker checks it."""
    return Annotated[Optional[str], Field(alias=alias, pattern=NAME.pattern),
                     Fix(f"{alias} {{value!r}} is not valid: use 1 to 63 letters, digits and "
                         "hyphens, starting and ending with a letter or digit.")]


EndpointName = name_field("endpointName")


class CreateEndpoint(Request):
    """POST /local/endpoints."""

    model_config = ConfigDict(extra="forbid")
    not_object: ClassVar[str] = ("The body must be a JSON object {jobName, endpointName?, "
                                 "hfTask?, inferenceScript?}.")
    job_name: JobName
    endpoint_name: EndpointName = None
    hf_task: HfTask = None
    inference_script: Annotated[
        Optional[str], Field(alias="inferenceScript"),
        Fix("inferenceScript must be the text of a Python file with model_fn."),
    ] = None


@dataclass
class Endpoint:
    record: dict
    proc: Optional[asyncio.subprocess.Process] = None
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    task: Optional[asyncio.Task] = None

    @property
    def name(self) -> str:
        return self.record["EndpointName"]

    @property
    def status(self) -> str:
        return self.record["EndpointStatus"]


class ModelError(LocalError):
    """The model raised: SageMaker answers ModelError; we answer 502 with its message."""

    status = 502


class LocalEndpoints:
    def __init__(self, runner: Any, kernel_spec_manager: Any = None):
        self.runner = runner
        self.kernel_spec_manager = kernel_spec_manager
        self.records = RecordFolder(lambda: runner.store.root, ".endpoints", "EndpointName",
                                    "local endpoint")
        self.endpoints: dict[str, Endpoint] = {}
        self._closed = False
        for record in self.records.load():
            endpoint = Endpoint(record)
            if endpoint.status != "Failed":
                self._enter(endpoint, "OutOfService", RESTARTED.format(
                    what="restarted", job=record.get("JobName")))
            self.endpoints[endpoint.name] = endpoint

    def log_path(self, name: str) -> str:
        return self.records.log_path(name)

    def _save(self, endpoint: Endpoint) -> None:
        self.records.save(endpoint.record)

    def _enter(self, endpoint: Endpoint, status: str, reason: Optional[str] = None) -> None:
        endpoint.record["EndpointStatus"] = status
        endpoint.record["LastModifiedTime"] = now_iso()
        if reason:
            endpoint.record["FailureReason"] = reason
        else:
            endpoint.record.pop("FailureReason", None)
        self._save(endpoint)

    # --- reading -------------------------------------------------------------

    def get(self, name: str) -> Endpoint:
        endpoint = self.endpoints.get(name)
        if endpoint is None:
            raise NotFound(f"No local endpoint named '{name}'.")
        return endpoint

    def describe(self, name: str) -> dict:
        return store.public(self.get(name).record)

    def list(self) -> dict:
        endpoints = sorted(self.endpoints.values(), reverse=True,
                           key=lambda e: e.record["CreationTime"])
        return {"endpoints": [store.public(e.record) for e in endpoints]}

    # --- create and delete ---------------------------------------------------

    async def create(self, body: Any) -> dict:
        request = CreateEndpoint.parse(body)
        job = completed_job(self.runner, request.job_name, "serve")
        name = request.endpoint_name or _default_name(request.job_name)
        self._check_unique(name)
        exe = await self._python(job)
        self._check_unique(name)  # again: the await let others in
        layout = self.runner.store.layout(request.job_name)
        if request.inference_script is not None:
            script = self._write_script(name, request.inference_script)
        else:
            script = inference_script(layout.model, layout.code, job.get("EntryPoint") or "")
        now = now_iso()
        endpoint = Endpoint({
            "EndpointName": name,
            "EndpointArn": f"local:endpoint/{name}",
            "EndpointConfigName": name,
            "EndpointStatus": "Creating",
            "CreationTime": now,
            "LastModifiedTime": now,
            "ProductionVariants": [{"VariantName": VARIANT, "InstanceType": "local",
                                    "CurrentInstanceCount": 1}],
            "JobName": request.job_name,
            "Framework": job.get("Framework"),
            "Tags": job_tags(job, request.job_name),
            "ModelDir": layout.model,
            "InferenceScript": script,
            "Python": exe,
            "_local": {"pid": None},
        })
        self.endpoints[name] = endpoint
        self._save(endpoint)
        try:
            await self._spawn(endpoint, exe, layout.model, script, request.hf_task)
        except OSError as e:
            self._enter(endpoint, "Failed", f"Could not start {exe}: {e}")
        return store.public(endpoint.record)

    def _write_script(self, name: str, text: str) -> str:
        path = self.records.path(name, ".inference.py")
        try:
            os.makedirs(self.records.root, exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        except OSError as e:
            raise LocalError(store.write_error_message(e, self.runner.store.root,
                                                       "the inference script"), 507)
        return path

    def _check_unique(self, name: str) -> None:
        if name in self.endpoints:
            raise Conflict(f"A local endpoint named {name} exists: delete it first or choose "
                           "another endpointName.")

    async def _python(self, job: dict) -> str:
        return await model_process.job_python(job, self.kernel_spec_manager,
                                              self.runner.store.envs_dir)

    async def _spawn(self, endpoint: Endpoint, exe: str, model_dir: str, script: str,
                     hf_task: Optional[str]) -> None:
        root = self.records.root
        os.makedirs(root, exist_ok=True)
        with open(self.log_path(endpoint.name), "ab") as log_file:
            endpoint.proc = await model_process.start(exe, model_dir, script, hf_task,
                                                      log_file, root, 2 * MAX_BODY)
        endpoint.record["_local"]["pid"] = endpoint.proc.pid
        self._save(endpoint)
        endpoint.task = asyncio.ensure_future(self._await_ready(endpoint))

    async def _await_ready(self, endpoint: Endpoint) -> None:
        proc = endpoint.proc
        async with endpoint.lock:
            try:
                header, _ = await model_process.read_frame(proc)
            except (EOFError, ValueError, OSError):
                code = await proc.wait()
                if endpoint.status == "Creating":
                    self._enter(endpoint, "Failed", self._exited(endpoint, code))
                return
            if endpoint.status != "Creating":  # deleted meanwhile
                return
            if header.get("ok"):
                endpoint.record["ModelKind"] = header.get("kind")
                self._enter(endpoint, "InService")
            else:
                self._enter(endpoint, "Failed", header.get("message") or "The model did not load.")
                await self._stop(endpoint)

    def _exited(self, endpoint: Endpoint, code: Optional[int]) -> str:
        return (f"The endpoint's model process exited (code {code}); see its log, "
                f"{self.log_path(endpoint.name)}.")

    async def delete(self, name: str) -> None:
        endpoint = self.get(name)
        self._enter(endpoint, "Deleting")
        await self._stop(endpoint)
        if endpoint.task is not None and not endpoint.task.done():
            endpoint.task.cancel()
        self.endpoints.pop(name, None)
        for suffix in (".json", ".log", ".inference.py"):
            try:
                os.unlink(self.records.path(name, suffix))
            except OSError:
                pass

    async def _stop(self, endpoint: Endpoint) -> None:
        proc, endpoint.proc = endpoint.proc, None
        if proc is None or proc.returncode is not None:
            return
        await model_process.end(proc)
        endpoint.record["_local"]["pid"] = None

    # --- invoke --------------------------------------------------------------

    async def invoke(self, name: str, body: bytes, content_type: str,
                     accept: str) -> tuple[bytes, str]:
        endpoint = self.get(name)
        check_size(len(body))
        if endpoint.status != "InService":
            raise Conflict(not_in_service(endpoint))
        async with endpoint.lock:
            proc = endpoint.proc
            if endpoint.status != "InService" or proc is None:
                raise Conflict(not_in_service(endpoint))
            try:
                answer, payload = await model_process.ask(proc, body, content_type, accept)
            except (EOFError, ValueError, OSError, ConnectionError):
                code = await proc.wait()
                self._enter(endpoint, "Failed", self._exited(endpoint, code))
                raise ModelError(endpoint.record["FailureReason"])
        if not answer.get("ok"):
            raise ModelError(f"The model of endpoint {name} failed: {answer.get('message')}. "
                             f"Its log is {self.log_path(name)}.")
        return payload, answer.get("contentType") or "application/json"

    # --- the server stops ----------------------------------------------------

    def shutdown(self) -> None:
        """The server is exiting: end every child (synchronous, like the runner's)."""
        if self._closed:
            return
        self._closed = True
        pids = []
        for endpoint in self.endpoints.values():
            proc = endpoint.proc
            if proc is not None and proc.returncode is None:
                pids.append(proc.pid)
            if endpoint.status in ("Creating", "InService"):
                self._enter(endpoint, "OutOfService", RESTARTED.format(
                    what="stopped", job=endpoint.record.get("JobName")))
        process.end_groups(pids, 2.0)

    async def aclose(self) -> None:
        self.shutdown()
        for endpoint in self.endpoints.values():
            if endpoint.proc is not None:
                try:
                    await asyncio.wait_for(endpoint.proc.wait(), 5)
                except asyncio.TimeoutError:
                    pass
            if endpoint.task is not None and not endpoint.task.done():
                endpoint.task.cancel()


def completed_job(runner: Any, job_name: str, use: str) -> dict:
    """The record of a Completed local job, whose model an endpoint or a transform uses."""
    job = runner.get(job_name).record
    if job["TrainingJobStatus"] != "Completed":
        raise Conflict(f"Job {job_name} is {job['TrainingJobStatus']}: only a Completed job "
                       f"has a model to {use} — wait for it to complete, or pick another job.")
    return job


def job_tags(job: dict, job_name: str) -> list:
    """The job's notebook and cell tags, and the job's, as on a SageMaker endpoint or
    transform job."""
    tags = [dict(t) for t in job.get("Tags") or [] if t.get("Key") != JOB_TAG]
    return tags + [{"Key": JOB_TAG, "Value": job_name}]


def check_size(size: int) -> None:
    if size > MAX_BODY:
        raise LocalError(
            f"The request body is {size} bytes; an endpoint accepts at most {MAX_BODY} bytes "
            "(6 MB, SageMaker's InvokeEndpoint limit) — send fewer records per call.", 413)


def not_in_service(endpoint: Endpoint) -> str:
    reason = endpoint.record.get("FailureReason")
    return (f"Endpoint {endpoint.name} is {endpoint.status}, not InService"
            + (f": {reason}" if reason else
               " — wait until it is InService" if endpoint.status == "Creating" else "") + ".")


def _default_name(job_name: str) -> str:
    name = re.sub(r"[^a-zA-Z0-9-]", "-", job_name).strip("-")[:63].strip("-")
    return name or "local-endpoint"


def inference_script(model_dir: str, code_dir: str, entry_point: str) -> str:
    """The toolkits' ``code/inference.py`` in the model, else one in the job's code, else the
    entry point when it defines the inference functions (read, not imported); or ''."""
    for path in (os.path.join(model_dir, "code", "inference.py"),
                 os.path.join(code_dir, "inference.py")):
        if os.path.isfile(path):
            return path
    if entry_point.endswith(".py"):
        path = os.path.join(code_dir, entry_point)
        try:
            with open(path, encoding="utf-8") as f:
                text = f.read()
        except (OSError, UnicodeDecodeError):
            return ""
        if "def model_fn" in text:
            return path
    return ""

