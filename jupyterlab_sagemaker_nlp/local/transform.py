"""Local batch transforms: a completed local job's model over a folder next to the notebook.

SageMaker's batch transform, with a local endpoint's contract: the model loads in a child
process (model_process.py, serving_child.py) and each file of the input folder is cut into
records (SplitType), sent in requests of one or several records (BatchStrategy), and its
answers written to ``<output>/<relative path>.out`` (AssembleWith). A file's output is
written once the whole file is done, so a stopped or failed transform leaves only whole
files. Records live in ``<jobsDir>/.transforms/<name>.json`` (DescribeTransformJob's shape),
their log next to them; a transform found running at start failed with the last server.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import signal
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Optional

from . import logs, model_process, process, store, transform_input
from .errors import Conflict, LocalError, NotFound
from .logs import LogWriter
from .records import RecordFolder
from .serving import completed_job, inference_script, job_tags
from .timeutil import now_iso
from .transform_input import DEFAULT_PAYLOAD_MB, MiB, CreateTransform, Failed, folders, input_files

log = logging.getLogger(__name__)

STREAM = "local"
SUFFIX = "-transform-"
# The time at the end of a job name that name_from_base made (src/training/jobName.ts).
JOB_TIMESTAMP = re.compile(r"-\d{4}(-\d{2}){5}-\d{3}$")
RESTARTED = ("The Jupyter server restarted during the transform: its output may be partial; "
             "start it again.")
SERVER_STOPPED = ("The Jupyter server stopped during the transform, and its model process "
                  "with it: the files finished before are in {out}; start it again for the rest.")
USER_STOPPED = "Stopped on request: the files finished before the stop are in {out}."
RUNNING = ("InProgress", "Stopping")


@dataclass
class Transform:
    record: dict
    proc: Optional[model_process.Process] = None
    task: Optional[asyncio.Task] = None
    pump: Optional[asyncio.Task] = None  # the child's stderr into the log

    @property
    def name(self) -> str:
        return self.record["TransformJobName"]

    @property
    def status(self) -> str:
        return self.record["TransformJobStatus"]


@dataclass(frozen=True)
class Plan:
    """What one transform runs: resolved when it is created."""

    exe: str
    model_dir: str
    script: str
    hf_task: Optional[str]
    files: list  # (path relative to the input, real path), sorted
    output: Path  # real
    output_relative: str
    content_type: str
    accept: str
    single: bool
    split_lines: bool
    line_after: bool
    max_bytes: int


class LocalTransforms:
    def __init__(self, runner: Any, kernel_spec_manager: Any = None):
        self.runner = runner
        self.kernel_spec_manager = kernel_spec_manager
        self.records = RecordFolder(lambda: runner.store.root, ".transforms",
                                    "TransformJobName", "local transform")
        self.transforms: dict[str, Transform] = {}
        self._closed = False
        for record in self.records.load():
            transform = Transform(record)
            if transform.status in RUNNING:
                self._finish(transform, "Failed", RESTARTED)
            self.transforms[transform.name] = transform

    def log_path(self, name: str) -> str:
        return self.records.log_path(name)

    def _save(self, transform: Transform) -> None:
        self.records.save(transform.record)

    def _finish(self, transform: Transform, status: str, reason: Optional[str] = None) -> None:
        transform.record["TransformJobStatus"] = status
        transform.record["TransformEndTime"] = now_iso()
        if reason:
            transform.record["FailureReason"] = reason
        self._save(transform)

    # --- reading -------------------------------------------------------------

    def get(self, name: str) -> Transform:
        transform = self.transforms.get(name)
        if transform is None:
            raise NotFound(f"No local transform named '{name}'.")
        return transform

    def describe(self, name: str) -> dict:
        return store.public(self.get(name).record)

    def list(self) -> dict:
        found = sorted(self.transforms.values(), reverse=True,
                       key=lambda t: t.record["CreationTime"])
        return {"transformJobs": [store.public(t.record) for t in found]}

    def log_streams(self, name: str) -> dict:
        self.get(name)
        path = self.log_path(name)
        has_lines = os.path.exists(path) and os.path.getsize(path) > 0
        return {"logStreams": [{"logStreamName": STREAM}] if has_lines else []}

    def logs(self, name: str, token: Optional[str], limit: int,
             stream: Optional[str] = None) -> dict:
        self.get(name)
        if stream not in (None, STREAM):
            raise NotFound(f"Transform {name} has no log stream '{stream}': a local transform "
                           f"has one, {STREAM}.")
        return logs.read_page(self.log_path(name), token, limit)

    # --- create --------------------------------------------------------------

    async def create(self, body: Any) -> dict:
        request = CreateTransform.parse(body)
        job = completed_job(self.runner, request.job_name, "run")
        name = request.transform_job_name or self._default_name(request.job_name)
        self._check_unique(name)
        root = Path(self.runner.root_dir).resolve()
        input_dir, output, output_relative = folders(root, request, name)
        for other in self.transforms.values():
            if other.status in RUNNING and \
                    (root / other.record["TransformOutput"]["Folder"]).resolve() == output:
                raise Conflict(f'Transform {other.name} is writing to "{output_relative}": '
                               "choose another output folder, or wait for it to end.")
        files = await asyncio.to_thread(input_files, root, input_dir, request.input)
        if not files:
            raise LocalError(f'The input folder "{request.input}" has no files (hidden ones are '
                             "skipped): put the records there, one file or many.")
        exe = await model_process.job_python(job, self.kernel_spec_manager,
                                             self.runner.store.envs_dir)
        self._check_unique(name)  # again: the awaits let others in
        layout = self.runner.store.layout(request.job_name)
        plan = Plan(
            exe=exe, model_dir=layout.model, hf_task=request.hf_task, files=files,
            script=inference_script(layout.model, layout.code, job.get("EntryPoint") or ""),
            output=output, output_relative=output_relative, content_type=request.content_type,
            accept=request.accept or "application/json",
            single=(request.strategy or "SingleRecord") == "SingleRecord",
            split_lines=request.split_type == "Line",
            line_after=request.assemble_with == "Line",
            max_bytes=(request.max_payload_in_mb or DEFAULT_PAYLOAD_MB) * MiB)
        now = now_iso()
        record = {
            "TransformJobName": name,
            "TransformJobArn": f"local:transform-job/{name}",
            "TransformJobStatus": "InProgress",
            "ModelName": request.job_name,
            "JobName": request.job_name,
            "TransformInput": {"Folder": request.input, "ContentType": request.content_type,
                               "SplitType": request.split_type},
            "TransformOutput": {"Folder": output_relative, "Accept": plan.accept,
                                "AssembleWith": request.assemble_with or "None"},
            "TransformResources": {"InstanceType": "local", "InstanceCount": 1},
            "BatchStrategy": request.strategy or "SingleRecord",
            "MaxPayloadInMB": request.max_payload_in_mb or DEFAULT_PAYLOAD_MB,
            "CreationTime": now,
            "TransformStartTime": now,
            "Tags": job_tags(job, request.job_name),
            "Progress": {"files": len(files), "filesDone": 0, "records": 0},
        }
        transform = Transform(record)
        self.transforms[name] = transform
        self._save(transform)
        transform.task = asyncio.ensure_future(self._run(transform, plan))
        return store.public(record)

    def _check_unique(self, name: str) -> None:
        if name in self.transforms:
            raise Conflict(f"A local transform named {name} exists: choose another "
                           "transformJobName, or leave it out for a new one.")

    def _default_name(self, job_name: str) -> str:
        """``<job's base>-transform-<time>``, as the SDK names jobs (``name_from_base``): the
        job's own timestamp is dropped, so the name says when the transform started."""
        now = datetime.now(timezone.utc)
        stamp = now.strftime("%Y-%m-%d-%H-%M-%S-") + f"{now.microsecond // 1000:03d}"
        base = JOB_TIMESTAMP.sub("", job_name)
        head = re.sub(r"[^a-zA-Z0-9-]", "-", base)[:63 - len(SUFFIX) - len(stamp)]
        name = f"{head.strip('-') or 'local'}{SUFFIX}{stamp}"
        taken, n = name, 2
        while taken in self.transforms:  # two in the same second
            taken, n = f"{name[:60]}-{n}", n + 1
        return taken

    # --- the work ------------------------------------------------------------

    async def _run(self, transform: Transform, plan: Plan) -> None:
        writer = LogWriter(self.log_path(transform.name))
        status, reason, last = "Failed", None, ""
        try:
            last = await self._work(transform, plan, writer)
            status = "Completed"
        except Failed as e:
            if transform.status == "Stopping":
                status, reason, last = "Stopped", USER_STOPPED.format(
                    out=plan.output_relative), "Stopped"
            elif transform.status == "InProgress":  # else the server's end stopped it
                reason = str(e)
        except OSError as e:
            reason = f"Could not run the transform: {e}."
        except Exception as e:  # a bug of ours: the record still says why
            log.exception("Local transform %s", transform.name)
            reason = f"Internal error: {type(e).__name__}: {e}"
        finally:
            await self._end_child(transform)
            if status == "Failed" and reason:
                last = f"Failed: {reason}"
            if reason or status == "Completed":  # not when cancelled by the server's end
                writer.write_line(last)  # after the child's last words
            writer.close()
        self._end(transform, status, reason)

    async def _work(self, transform: Transform, plan: Plan, writer: LogWriter) -> str:
        """Load the model and run every file; the log's last line."""
        started = time.monotonic()
        writer.write_line(f"Loading the model of job {transform.record['JobName']} "
                          f"with {plan.exe}")
        transform.proc = await model_process.start(
            plan.exe, plan.model_dir, plan.script, plan.hf_task, asyncio.subprocess.PIPE,
            self.records.root, 2 * plan.max_bytes + MiB)
        transform.pump = asyncio.ensure_future(_pump(transform.proc.stderr, writer))
        header, _ = await self._answer(transform, model_process.read_frame(transform.proc),
                                       "while loading the model")
        if not header.get("ok"):
            raise Failed(header.get("message") or "The model did not load.")
        writer.write_line(f"Model loaded ({header.get('kind')})")
        records = 0
        for relative, real in plan.files:
            records += await self._file(transform, plan, writer, relative, real)
        files = f"{len(plan.files)} file" + ("s" if len(plan.files) != 1 else "")
        return (f"Completed: {files}, {records} records in "
                f"{time.monotonic() - started:.1f} s")

    async def _end_child(self, transform: Transform) -> None:
        """End the child, then read the rest of its stderr."""
        pump = transform.pump
        try:
            await model_process.end(transform.proc)
            if pump is not None:
                await asyncio.wait_for(pump, 2)
        except asyncio.TimeoutError:
            pass
        finally:
            transform.proc = transform.pump = None
            if pump is not None and not pump.done():
                pump.cancel()

    def _end(self, transform: Transform, status: str, reason: Optional[str] = None) -> None:
        if transform.status in RUNNING:  # not when the server's shutdown ended it already
            self._finish(transform, status, reason)

    async def _answer(self, transform: Transform, waiting, during: str) -> tuple[dict, bytes]:
        """An answer of the child, or Failed saying it exited."""
        try:
            return await waiting
        except (EOFError, ValueError, OSError, ConnectionError, asyncio.IncompleteReadError):
            proc = transform.proc
            code = await proc.wait() if proc is not None else None
            raise Failed(f"The model process exited (code {code}) {during}: see the "
                         f"transform's log, {self.log_path(transform.name)}.")

    async def _file(self, transform: Transform, plan: Plan, writer: LogWriter,
                    relative: str, real: str) -> int:
        data = await asyncio.to_thread(transform_input.read, real)
        records = transform_input.records(data, plan.split_lines)
        batches = transform_input.batches(records, plan.max_bytes, plan.single,
                                           plan.split_lines, relative)
        answers = []
        for first, last, body in batches:
            if transform.status != "InProgress":
                raise Failed("stopped")
            header, payload = await self._answer(
                transform, model_process.ask(transform.proc, body, plan.content_type,
                                             plan.accept), f"on {relative}")
            if not header.get("ok"):
                where = f"record {first}" if first == last else f"records {first}-{last}"
                raise Failed(f"{relative} {where}: {header.get('message')}; its log: "
                             f"{self.log_path(transform.name)}")
            answers.append(payload + b"\n" if plan.line_after else payload)
        target = plan.output / f"{relative}.out"
        await asyncio.to_thread(transform_input.write, target, b"".join(answers))
        progress = transform.record["Progress"]
        progress["filesDone"] += 1
        progress["records"] += len(records)
        self._save(transform)
        writer.write_line(f"{relative}: {len(records)} records -> "
                          f"{plan.output_relative.rstrip('/')}/{relative}.out")
        return len(records)

    # --- stop and the server's end -------------------------------------------

    async def stop(self, name: str) -> None:
        transform = self.get(name)
        if transform.status not in RUNNING:
            raise Conflict(f"Transform {name} is {transform.status} already: only one "
                           "InProgress can be stopped.")
        if transform.status == "InProgress":
            transform.record["TransformJobStatus"] = "Stopping"
            self._save(transform)
        if transform.proc is not None and transform.proc.returncode is None:
            process.killpg(transform.proc.pid, signal.SIGKILL)
        if transform.task is not None:
            try:
                await asyncio.wait_for(asyncio.shield(transform.task), 10)
            except asyncio.TimeoutError:
                pass

    def shutdown(self) -> None:
        """The server is exiting: end every child (synchronous, like the runner's)."""
        if self._closed:
            return
        self._closed = True
        pids = []
        for transform in self.transforms.values():
            proc = transform.proc
            if proc is not None and proc.returncode is None:
                pids.append(proc.pid)
            if transform.status in RUNNING:
                self._finish(transform, "Stopped", SERVER_STOPPED.format(
                    out=transform.record["TransformOutput"]["Folder"]))
        process.end_groups(pids, 2.0)

    async def aclose(self) -> None:
        self.shutdown()
        tasks = [t.task for t in self.transforms.values()
                 if t.task is not None and not t.task.done()]
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.wait(tasks, timeout=5)


async def _pump(stream: asyncio.StreamReader, writer: LogWriter) -> None:
    """The child's stderr (the model's prints and tracebacks) into the transform's log."""
    while True:
        chunk = await stream.read(64 * 1024)
        if not chunk:
            return
        writer.feed(chunk)
