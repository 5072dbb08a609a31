"""The local job runner: a queue, processes, Stop, and the server-restart rule.

At most ``max_concurrent_jobs`` jobs run; the others wait as Pending, in
submission order. A job goes Pending → Starting → Downloading (requirements) →
Training (the script) → Uploading (model.tar.gz) → Completed, or ends Failed
or Stopped. Processes are asyncio subprocesses in their own session, so Stop
signals the whole process group (SIGTERM, then SIGKILL after the grace).

Restart rule: output reaches us through a pipe, and a new server cannot
re-attach to the pipe of an old one, so a job found InProgress at start is
Failed ("The Jupyter server stopped while this job was running."; its process,
if still alive in that job's folder, is killed), a Stopping one is Stopped,
and Pending ones are queued again. When the server exits normally, running
jobs are stopped and recorded the same way (``shutdown``).
"""

from __future__ import annotations

import asyncio
import logging
import os
import shlex
import signal
import sys
import time
from typing import Any, Optional

from . import contract, logs, metrics, outcome, process, python, spec as specs, store
from .errors import Conflict, LocalError, NotFound
from .timeutil import now_iso

SERVER_STOPPED = "The Jupyter server stopped while this job was running."
log = logging.getLogger(__name__)


class Job:
    """A record plus what only exists while the server runs."""

    def __init__(self, record: dict, parser: metrics.MetricParser):
        self.record = record
        self.parser = parser
        self.process: Optional[asyncio.subprocess.Process] = None
        self.stop_requested = False
        self.kill_handle: Optional[asyncio.TimerHandle] = None
        self.task: Optional[asyncio.Future] = None

    @property
    def name(self) -> str:
        return self.record["TrainingJobName"]

    def on_line(self, timestamp: int, line: str) -> None:
        if self.parser.feed(timestamp, line):
            defs = self.record["AlgorithmSpecification"]["MetricDefinitions"]
            self.record["FinalMetricDataList"] = metrics.final_metric_data_list(
                self.parser.final, defs)


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

    # --- lifecycle -----------------------------------------------------------

    def load(self) -> None:
        """Read every record of the jobs folder and apply the restart rule."""
        pending = []
        for record in self.store.load_all():
            record.setdefault("_local", {}).setdefault("seq", 0)
            self._seq = max(self._seq, record["_local"]["seq"] + 1)
            status = record["TrainingJobStatus"]
            if status == "InProgress" and record["SecondaryStatus"] == "Pending":
                pending.append(record)
            elif status in ("InProgress", "Stopping"):
                process.kill_orphan(record["_local"].get("pid"),
                                    self.store.layout(record["TrainingJobName"]).code)
                if status == "Stopping":
                    store.finish(record, "Stopped")
                else:
                    store.finish(record, "Failed", SERVER_STOPPED)
                self.store.save(record)
            self.jobs[record["TrainingJobName"]] = self._job(record)
        pending.sort(key=lambda r: r["_local"]["seq"])
        self.queue.extend(r["TrainingJobName"] for r in pending)

    def start(self) -> None:
        """Begin running queued jobs (needs the event loop)."""
        self._started = True
        self._pump()

    def shutdown(self) -> None:
        """The server is exiting: stop running jobs and record why (synchronous)."""
        if self._closed:
            return
        self._closed = True
        procs = []
        for name in list(self.running):
            job = self.jobs[name]
            if job.process is not None and job.process.returncode is None:
                process.killpg(job.process.pid, signal.SIGTERM)
                procs.append(job.process.pid)
            store.finish(job.record, "Stopped" if job.stop_requested else "Failed",
                         None if job.stop_requested else SERVER_STOPPED)
            self.store.save(job.record)
        deadline = time.monotonic() + min(self.stop_grace_seconds, 2.0)
        while procs and time.monotonic() < deadline and any(process.alive(p) for p in procs):
            time.sleep(0.05)
        for pid in procs:
            process.killpg(pid, signal.SIGKILL)

    async def aclose(self) -> None:
        """shutdown(), then let the job tasks finish (tests, orderly stops)."""
        tasks = [j.task for j in self.jobs.values() if j.task and not j.task.done()]
        self.shutdown()
        if tasks:
            await asyncio.wait(tasks, timeout=10)

    # --- configuration -------------------------------------------------------

    def config(self) -> dict:
        return {"jobsDir": self.store.root, "maxConcurrentJobs": self.max_concurrent_jobs,
                "stopGraceSeconds": self.stop_grace_seconds,
                "defaultJobsDir": self.default_jobs_dir}

    def set_config(self, jobs_dir: Optional[str] = None,
                   max_concurrent_jobs: Optional[int] = None) -> dict:
        if jobs_dir is not None:
            new = specs.resolve_folder(jobs_dir, self.root_dir) if jobs_dir else \
                self.default_jobs_dir
            if new != self.store.root:
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
                self.store = store.JobStore(new)
                self.jobs, self.queue, self._seq = {}, [], 0
                self.load()
        if max_concurrent_jobs is not None:
            self.max_concurrent_jobs = max_concurrent_jobs
        self._pump()
        return self.config()

    # --- reading -------------------------------------------------------------

    def get(self, name: str) -> Job:
        job = self.jobs.get(name)
        if job is None:
            raise NotFound(f"No local training job named '{name}'.")
        return job

    def describe(self, name: str) -> dict:
        job = self.get(name)
        position = self.queue.index(name) + 1 if name in self.queue else None
        return store.public(job.record, position)

    def list(self) -> list[dict]:
        jobs = sorted(self.jobs.values(), reverse=True,
                      key=lambda j: (j.record["CreationTime"], j.record["_local"]["seq"]))
        return [self.describe(j.name) for j in jobs]

    def logs(self, name: str, token: Optional[str], limit: int) -> dict:
        self.get(name)
        return logs.read_page(self.store.layout(name).log, token, limit)

    def metrics(self, name: str) -> dict:
        job = self.get(name)
        defs = job.record["AlgorithmSpecification"]["MetricDefinitions"]
        return {"MetricDataResults": metrics.metric_data_results(
            defs, self.store.layout(name).metrics)}

    # --- submit and stop -----------------------------------------------------

    async def submit(self, body: Any) -> dict:
        spec = specs.validate(body, self.root_dir, self.default_kernel)
        self._check_unique(spec.job_name)
        if self.kernel_spec_manager is None:
            exe = sys.executable
        else:
            exe = await python.resolve_python(self.kernel_spec_manager, spec.kernel_name)
        self._check_unique(spec.job_name)  # again: the await above lets others in
        hps = dict(spec.hyperparameters)
        hps.setdefault("sagemaker_program", spec.entry_point)
        hps.setdefault("sagemaker_container_log_level", contract.DEFAULT_LOG_LEVEL)
        hps.setdefault("sagemaker_job_name", spec.job_name)
        encoded = contract.encode_hyperparameters(hps)
        job_dir = str(self.store.layout(spec.job_name).root)
        record = store.new_record(spec, job_dir, exe, encoded, self._seq)
        self._seq += 1
        self.store.create(spec, record, encoded)
        self.jobs[spec.job_name] = self._job(record)
        self.queue.append(spec.job_name)
        self._pump()
        return self.describe(spec.job_name)

    def stop(self, name: str) -> dict:
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
            self.store.save(job.record)
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
        self.store.save(job.record)

    def _step(self, job: Job, status: str, message: str) -> None:
        if job.stop_requested:
            raise LocalError("stopped")
        self._enter(job, status, message)

    async def _run(self, job: Job) -> None:
        rec, layout = job.record, self.store.layout(job.name)
        writer = logs.LogWriter(layout.log, on_line=job.on_line)
        try:
            self._step(job, "Downloading", "Downloading input data")
            exe = rec["Python"]
            requirements = os.path.join(layout.code, "requirements.txt")
            if os.path.isfile(requirements):
                store.set_message(rec, "Installing requirements")
                self.store.save(rec)
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
            if job.stop_requested:
                await asyncio.to_thread(outcome.tar_model, layout)
                rec["ModelArtifacts"] = {"S3ModelArtifacts": layout.model_tar}
                store.finish(rec, "Stopped")
            elif rc == 0:
                self._enter(job, "Uploading", "Uploading generated training model")
                await asyncio.to_thread(outcome.tar_model, layout)
                rec["ModelArtifacts"] = {"S3ModelArtifacts": layout.model_tar}
                store.finish(rec, "Completed")
            else:
                store.finish(rec, "Failed", outcome.failure_reason(layout, writer, rc))
        except LocalError as e:
            if not self._closed:
                store.finish(rec, "Stopped" if job.stop_requested else "Failed",
                             None if job.stop_requested else e.message)
        except Exception as e:  # a bug of ours: say so on the job rather than hang
            log.exception("Local training job %s", job.name)
            if not self._closed:
                store.finish(rec, "Failed", f"Internal error of the local runner: {e!r}")
        finally:
            writer.close()
            if job.kill_handle:
                job.kill_handle.cancel()
            self.store.save(rec)
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

        def started(proc) -> None:
            job.process = proc
            job.record["_local"]["pid"] = proc.pid
            self.store.save(job.record)
            if job.stop_requested:
                self._signal(job)

        try:
            return await process.run_logged(cmd, cwd, env, writer, started)
        finally:
            job.process = None

    def _signal(self, job: Job) -> None:
        if job.process is not None and job.process.returncode is None:
            job.kill_handle = process.terminate(job.process, self.stop_grace_seconds)
