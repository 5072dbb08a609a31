"""The local job runner: a queue, processes, Stop, and the server-restart rule.

At most ``max_concurrent_jobs`` jobs run; the others wait as Pending, in
submission order. A job goes Pending → Starting → Downloading (requirements) →
Training (the script) → Uploading (model.tar.gz) → Completed, or ends Failed
or Stopped. Processes are asyncio subprocesses in their own session, so Stop
signals the whole process group (SIGTERM, then SIGKILL after the grace).

Ownership: one server owns a jobs folder (``ownership``). Another server on
the same folder only shows its jobs, re-read from disk, and refuses changes
(409) until the owner has gone; then its next change takes the folder over.

Restart rule (``recovery``), applied by the owner when it takes the folder: a
job found InProgress is Failed and every process of it killed, a Stopping one
is Stopped, Pending ones are queued again. When the server exits normally,
running jobs are stopped and recorded the same way (``shutdown``).

Records on disk are best effort: a full disk fails the job whose output can
no longer be written, but never blocks the queue, a Stop or a restart.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import shlex
import sys
from typing import Any, Optional

from . import contract, logs, metrics, outcome, ownership, process, python, recovery, store
from . import spec as specs
from .errors import Conflict, LocalError, NotFound
from .job import Job
from .recovery import SERVER_STOPPED
from .timeutil import now_iso

__all__ = ["LocalRunner", "SERVER_STOPPED"]

log = logging.getLogger(__name__)


class LocalRunner:
    def __init__(self, jobs_dir: str, max_concurrent_jobs: int = 2,
                 stop_grace_seconds: float = 10.0, root_dir: str = ".",
                 kernel_spec_manager: Any = None, default_kernel: str = "python3"):
        self.default_jobs_dir = os.path.abspath(jobs_dir)
        self.store = store.JobStore(jobs_dir)
        self.max_concurrent_jobs = max(1, int(max_concurrent_jobs))
        self.stop_grace_seconds = float(stop_grace_seconds)
        self.root_dir = os.path.abspath(root_dir)
        self.kernel_spec_manager = kernel_spec_manager
        self.default_kernel = default_kernel
        self.jobs: dict[str, Job] = {}
        self.queue: list[str] = []
        self.running: set[str] = set()
        self._seq = 0
        self._started = False
        self._closed = False
        self.claim: Optional[ownership.Claim] = None
        self.read_only = False  # another server owns the jobs folder

    # --- lifecycle -----------------------------------------------------------

    def load(self) -> None:
        """Claim the jobs folder and read its records; as its owner, apply the restart rule."""
        self.jobs, self.queue = {}, []
        self.claim = ownership.claim(self.store.root)
        self.read_only = self.claim is None
        if self.read_only:
            log.warning("%s This server shows its jobs read-only and runs none.",
                        ownership.busy_message(self.store.root))
            self._reread()
        else:
            self._recover()

    def _recover(self) -> None:
        records, self.queue, self._seq = recovery.apply(self.store, self._save)
        self.jobs = {r["TrainingJobName"]: self._job(r) for r in records}

    def start(self) -> None:
        """Begin running queued jobs (needs the event loop)."""
        self._started = True
        self._pump()

    def shutdown(self) -> None:
        """The server is exiting: stop running jobs and record why (synchronous)."""
        if self._closed:
            return
        self._closed = True
        pids = []
        for name in list(self.running):
            job = self.jobs[name]
            if job.process is not None and job.process.returncode is None:
                pids.append(job.process.pid)
            store.finish(job.record, "Stopped" if job.stop_requested else "Failed",
                         None if job.stop_requested else SERVER_STOPPED)
            self._save(job.record)
        process.end_groups(pids, min(self.stop_grace_seconds, 2.0))
        for name in list(self.running):
            process.kill_job(self.jobs[name].record["_local"].get("marker"), None)
        if self.claim is not None:
            self.claim.release()
            self.claim = None

    async def aclose(self) -> None:
        """shutdown(), then let the job tasks finish (tests, orderly stops)."""
        tasks = [j.task for j in self.jobs.values() if j.task and not j.task.done()]
        self.shutdown()
        if tasks:
            await asyncio.wait(tasks, timeout=10)

    # --- configuration -------------------------------------------------------

    def config(self) -> dict:
        """The settings; readOnly (with the owner's pid and startTime) when another
        server owns the jobs folder."""
        return {"jobsDir": self.store.root, "maxConcurrentJobs": self.max_concurrent_jobs,
                "stopGraceSeconds": self.stop_grace_seconds,
                "defaultJobsDir": self.default_jobs_dir, "readOnly": self.read_only,
                "owner": ownership.owner(self.store.root) if self.read_only else None}

    def set_config(self, jobs_dir: Optional[str] = None,
                   max_concurrent_jobs: Optional[int] = None) -> dict:
        new = None
        if jobs_dir is not None:
            new = specs.resolve_folder(jobs_dir, self.root_dir) if jobs_dir else \
                self.default_jobs_dir
        if new is None or new == self.store.root:
            self._need_owner()  # moving to another folder is allowed: it is the fix
        else:
            active = len(self.running) + len(self.queue)
            if active:
                raise Conflict(
                    f"{active} local job(s) are still queued or running in "
                    f"{self.store.root} — wait for them or stop them, then change "
                    "the jobs folder.")
            try:
                os.makedirs(new, exist_ok=True)
            except OSError as e:
                raise LocalError(f"Cannot use {new} as the jobs folder: {e.strerror} — "
                                 "choose a folder you can write to.")
            if self.claim is not None:
                self.claim.release()
                self.claim = None
            self.store = store.JobStore(new)
            self.load()
        if max_concurrent_jobs is not None:
            self.max_concurrent_jobs = max_concurrent_jobs
        self._pump()
        return self.config()

    # --- reading -------------------------------------------------------------

    def get(self, name: str) -> Job:
        if self.read_only:
            self._reread(name)
        job = self.jobs.get(name)
        if job is None:
            raise NotFound(f"No local training job named '{name}'.")
        return job

    def describe(self, name: str) -> dict:
        return self._public(self.get(name))

    def list(self) -> list[dict]:
        if self.read_only:
            self._reread()
        jobs = sorted(self.jobs.values(), reverse=True,
                      key=lambda j: (j.record["CreationTime"], j.record["_local"]["seq"]))
        return [self._public(j) for j in jobs]

    def _public(self, job: Job) -> dict:
        position = self.queue.index(job.name) + 1 if job.name in self.queue else None
        return store.public(job.record, position)

    def _reread(self, name: Optional[str] = None) -> None:
        """Read-only: the owner changes the records, so read them (or one) again."""
        if name is None:
            found = {n: None for n in self.jobs}
            found.update((r["TrainingJobName"], r) for r in self.store.load_all())
        else:
            found = {name: self.store.load(name)}
        for n, record in found.items():
            if record is None:
                self.jobs.pop(n, None)
            elif n in self.jobs:
                self.jobs[n].record = record
            else:
                self.jobs[n] = self._job(record)

    def _need_owner(self) -> None:
        """Changes need the folder: take it over if its owner has gone, else refuse (409)."""
        if not self.read_only:
            return
        self.claim = ownership.claim(self.store.root)
        if self.claim is None:
            raise Conflict(ownership.busy_message(self.store.root))
        self.read_only = False
        log.warning("The server that owned the jobs folder %s has stopped; this server "
                    "owns it now.", self.store.root)
        self._recover()
        self._pump()

    def log_streams(self, name: str) -> dict:
        """DescribeLogStreams' shape: a local job runs on one host, algo-1."""
        job = self.get(name)
        return {"logStreams": [{"logStreamName": contract.CURRENT_HOST,
                                "creationTime": job.record["CreationTime"]}]}

    def logs(self, name: str, token: Optional[str], limit: int,
             stream: Optional[str] = None) -> dict:
        self.get(name)
        if stream not in (None, contract.CURRENT_HOST):
            raise NotFound(f"Job {name} has no log stream '{stream}': a local job has one, "
                           f"{contract.CURRENT_HOST}.")
        return logs.read_page(self.store.layout(name).log, token, limit)

    def metrics(self, name: str, since_ms: Optional[int] = None) -> dict:
        """GetMetricData's shape; with since_ms, only the points after it."""
        job = self.get(name)
        defs = job.record["AlgorithmSpecification"]["MetricDefinitions"]
        return {"MetricDataResults": metrics.metric_data_results(
            defs, self.store.layout(name).metrics, since_ms)}

    # --- submit and stop -----------------------------------------------------

    async def submit(self, body: Any) -> dict:
        self._need_owner()
        spec = specs.validate(body, self.root_dir, self.default_kernel)
        self._check_unique(spec.job_name)
        if self.kernel_spec_manager is None:
            exe = sys.executable
        else:
            exe = await python.resolve_python(self.kernel_spec_manager, spec.kernel_name)
        self._check_unique(spec.job_name)  # again: the await above lets others in
        # The hyperparameters go to the job as posted: the browser encoded them once.
        job_dir = str(self.store.layout(spec.job_name).root)
        record = store.new_record(spec, job_dir, exe, self._seq)
        self._seq += 1
        try:
            self.store.create(spec, record)
        except OSError as e:
            raise LocalError(store.write_error_message(e, self.store.root, "the new job"), 507)
        self.jobs[spec.job_name] = self._job(record)
        self.queue.append(spec.job_name)
        self._pump()
        return self.describe(spec.job_name)

    def stop(self, name: str) -> dict:
        self._need_owner()
        job = self.get(name)
        status = job.record["TrainingJobStatus"]
        if status in store.TERMINAL:
            raise LocalError(f"Job {name} is already {status}; only a job in progress "
                             "can be stopped.")
        if status != "Stopping":
            job.stop_requested = True
            if name in self.queue:
                self.queue.remove(name)
                store.finish(job.record, "Stopped")
            else:
                store.transition(job.record, "Stopping", "Stopping the training job")
                self._signal(job)
            self._save(job.record)
        return self.describe(name)

    # --- running -------------------------------------------------------------

    def _check_unique(self, name: str) -> None:
        if name in self.jobs or self.store.exists(name):
            raise LocalError(f"A job named '{name}' already exists in {self.store.root} — "
                             "choose another job name.")

    def _job(self, record: dict) -> Job:
        defs = record["AlgorithmSpecification"]["MetricDefinitions"]
        parser = metrics.MetricParser(defs, self.store.layout(record["TrainingJobName"]).metrics)
        return Job(record, parser)

    def _pump(self) -> None:
        if not self._started or self._closed:
            return
        while self.queue and len(self.running) < self.max_concurrent_jobs:
            job = self.jobs[self.queue.pop(0)]
            self.running.add(job.name)
            self._enter(job, "Starting", "Preparing the instances for training")
            job.task = asyncio.ensure_future(self._run(job))

    def _enter(self, job: Job, status: str, message: Optional[str] = None) -> None:
        store.transition(job.record, status, message)
        self._save(job.record)

    def _save(self, record: dict) -> None:
        """Write a record, best effort: a full disk must not stop the queue, a Stop or a
        restart (the job whose output cannot be written fails on its own)."""
        try:
            self.store.save(record)
        except OSError as e:
            log.warning("Local job %s: %s", record["TrainingJobName"],
                        store.write_error_message(e, self.store.root, "its record"))

    def _write_error(self, error: OSError) -> str:
        return store.write_error_message(error, self.store.root, "the job's output")

    def _step(self, job: Job, status: str, message: str) -> None:
        if job.stop_requested:
            raise LocalError("stopped")
        self._enter(job, status, message)

    async def _run(self, job: Job) -> None:
        rec, layout = job.record, self.store.layout(job.name)
        rec["_local"].setdefault("marker", secrets.token_hex(16))  # older records have none
        writer = logs.LogWriter(layout.log, on_line=job.on_line)
        try:
            self._step(job, "Downloading", "Downloading input data")
            exe = rec["Python"]
            requirements = os.path.join(layout.code, "requirements.txt")
            if os.path.isfile(requirements):
                store.set_message(rec, "Installing requirements")
                self._save(rec)
                exe = await python.requirements_env(
                    exe, requirements, self.store.envs_dir,
                    lambda cmd, cwd: self._exec(job, cmd, cwd, writer, None),
                    writer.write_line)
            self._step(job, "Training", "Training in progress")
            rec["TrainingStartTime"] = now_iso()
            rc = await self._train(job, exe, layout, writer)
            if self._closed:
                return
            writer.write_line(outcome.exit_message(rc))
            job.sync(writer)
            if job.stop_requested:
                await asyncio.to_thread(outcome.tar_model, layout)
                rec["ModelArtifacts"] = {"S3ModelArtifacts": layout.model_tar}
                store.finish(rec, "Stopped")
            elif writer.error is not None:
                store.finish(rec, "Failed", self._write_error(writer.error))
            elif rc == 0:
                self._enter(job, "Uploading", "Uploading generated training model")
                await asyncio.to_thread(outcome.tar_model, layout)
                rec["ModelArtifacts"] = {"S3ModelArtifacts": layout.model_tar}
                store.finish(rec, "Completed")
            else:
                store.finish(rec, "Failed", outcome.failure_reason(layout, writer, rc))
        except (LocalError, OSError) as e:  # an OSError: writing to the jobs folder
            if not self._closed:
                reason = e.message if isinstance(e, LocalError) else self._write_error(e)
                store.finish(rec, "Stopped" if job.stop_requested else "Failed",
                             None if job.stop_requested else reason)
        except Exception as e:  # a bug of ours: say so on the job rather than hang
            log.exception("Local training job %s", job.name)
            if not self._closed:
                store.finish(rec, "Failed", f"Internal error of the local runner: {e!r}")
        finally:
            try:
                job.sync(writer)
                writer.close()
                if job.kill_handle:
                    job.kill_handle.cancel()
                self._save(rec)
            finally:  # whatever happened, the slot is freed and the queue moves on
                self.running.discard(job.name)
                self._pump()

    async def _train(self, job: Job, exe: str, layout: contract.Layout, writer) -> int:
        rec = job.record
        channels = [c["ChannelName"] for c in rec.get("InputDataConfig", [])]
        training = contract.training_env(
            layout, job.name, rec["HyperParameters"], channels,
            rec["ResourceConfig"]["InstanceType"], rec.get("Framework", ""))
        env = {k: v for k, v in os.environ.items() if not k.startswith("SM_")}
        region = (contract.decode_hyperparameters(rec["HyperParameters"]).get("sagemaker_region")
                  or os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "")
        env.update(contract.env_vars(training, str(region)))
        env["PATH"] = os.pathsep.join([os.path.dirname(exe), env.get("PATH", "")])
        cmd = contract.command(exe, rec["EntryPoint"], contract.to_cmd_args(
            training["hyperparameters"]))
        if rec["_local"].get("requestedInstanceCount", 1) > 1:
            writer.write_line("Local mode runs one instance (algo-1); the instance count "
                              "applies to SageMaker only.")
        writer.write_line("Invoking script with the following command:")
        writer.write_line(shlex.join(cmd))
        return await self._exec(job, cmd, layout.code, writer, env)

    async def _exec(self, job: Job, cmd: list, cwd: str, writer, env) -> int:
        """Run one process of the job (Stop reaches it); answer its exit code."""
        if job.stop_requested:
            raise LocalError("stopped")
        if writer.error is not None:
            raise LocalError(self._write_error(writer.error))
        env = dict(os.environ if env is None else env)
        env[process.MARKER] = job.record["_local"]["marker"]

        def started(proc) -> None:
            job.process = proc
            job.record["_local"].update(pid=proc.pid, pgid=proc.pid)  # its own session
            self._save(job.record)
            if job.stop_requested:
                self._signal(job)

        def after_chunk() -> None:
            job.sync(writer)
            if writer.error is not None and not job.write_failed:
                job.write_failed = True  # its output can no longer be kept: end it
                log.warning("Local job %s: %s", job.name, self._write_error(writer.error))
                self._signal(job)

        try:
            return await process.run_logged(cmd, cwd, env, writer, started, after_chunk)
        finally:
            job.process = None

    def _signal(self, job: Job) -> None:
        if job.process is not None and job.process.returncode is None:
            job.kill_handle = process.terminate(job.process, self.stop_grace_seconds)
