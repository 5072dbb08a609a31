"""Job records on disk: ``<jobsDir>/<jobName>/job.json`` beside the /opt/ml tree.

A record is the DescribeTrainingJob answer plus a private ``_local`` part
(queue order, pid and process group, the marker its processes carry) that is
never served. Records are written atomically (temp file + rename). A job
folder is built under a temporary name and renamed into place, so a failed
submit leaves nothing behind.
"""

from __future__ import annotations

import errno
import json
import os
import secrets
import shutil
import stat
import tempfile
from pathlib import Path
from typing import Iterator, Optional

from . import contract
from .spec import JobSpec
from .timeutil import now_iso

# TrainingJobStatus and the secondary statuses a local job goes through; the browser's
# are in src/tokens.ts (JOB_STATUSES, FINAL_JOB_STATUSES) and src/ui/sidebar/format.ts
# (tests/test_definition_parity.py).
STATUSES = ("InProgress", "Completed", "Failed", "Stopping", "Stopped")
TERMINAL = ("Completed", "Failed", "Stopped")
SECONDARY_STATUSES = ("Pending", "Starting", "Downloading", "Training", "Uploading",
                      "Completed", "Failed", "Stopping", "Stopped")


class JobStore:
    def __init__(self, root: str):
        self.root = os.path.abspath(root)

    @property
    def envs_dir(self) -> str:
        return os.path.join(self.root, ".envs")

    def layout(self, name: str) -> contract.Layout:
        return contract.Layout(Path(self.root) / name)

    def exists(self, name: str) -> bool:
        return os.path.lexists(os.path.join(self.root, name))

    def load_all(self) -> Iterator[dict]:
        try:
            names = sorted(os.listdir(self.root))
        except OSError:
            return
        for name in names:
            record = self.load(name)
            if record is not None:
                yield record

    def load(self, name: str) -> Optional[dict]:
        """The record of job ``name`` as on disk, or None."""
        if name.startswith(".") or "/" in name or os.sep in name:
            return None
        try:
            with open(os.path.join(self.root, name, "job.json"), encoding="utf-8") as f:
                record = json.load(f)
        except (OSError, ValueError):
            return None
        if not isinstance(record, dict) or record.get("TrainingJobName") != name:
            return None
        record.setdefault("_local", {}).setdefault("seq", 0)  # older records
        return record

    def save(self, record: dict) -> None:
        path = self.layout(record["TrainingJobName"]).record
        write_json_atomic(path, record)

    def create(self, spec: JobSpec, record: dict) -> contract.Layout:
        """Build the job folder; all or nothing."""
        os.makedirs(self.root, exist_ok=True)
        final = self.layout(spec.job_name)
        tmp = tempfile.mkdtemp(prefix=f".{spec.job_name}.", dir=self.root)
        try:
            os.chmod(tmp, 0o755)
            layout = contract.Layout(Path(tmp))
            for d in layout.directories():
                os.makedirs(d, exist_ok=True)
            for rel, content in spec.source_files:
                target = os.path.join(layout.code, *rel.split("/"))
                os.makedirs(os.path.dirname(target), exist_ok=True)
                with open(target, "w", encoding="utf-8") as f:
                    f.write(content)
            entry = os.path.join(layout.code, *spec.entry_point.split("/"))
            if not spec.entry_point.endswith(".py"):
                os.chmod(entry, os.stat(entry).st_mode | stat.S_IXUSR | stat.S_IXGRP)
            for name, folder in spec.channels.items():
                os.symlink(folder, layout.channel(name), target_is_directory=True)
            write_json(layout.hyperparameters_file, spec.hyperparameters)
            write_json(layout.resource_config_file, contract.resource_config(spec.instance_type))
            write_json(layout.input_data_config_file, contract.input_data_config(spec.channels))
            open(layout.log, "a").close()
            write_json(layout.record, record)
            os.rename(tmp, str(final.root))
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        return final


def write_json(path: str, obj) -> None:
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, indent=1)


def write_json_atomic(path: str, obj) -> None:
    tmp = f"{path}.tmp"
    try:
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(obj, f, indent=1)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def write_error_message(error: OSError, root: str, what: str = "the job's files") -> str:
    """Why writing to the jobs folder failed, and what to do about it."""
    if error.errno == errno.ENOSPC:
        return (f"No space left on device: {what} could not be written. Free space in {root} "
                "(or set c.SageMakerNLP.jobs_dir to a folder on a disk with room), then run "
                "the job again.")
    if error.errno == errno.EDQUOT:
        return (f"Disk quota exceeded: {what} could not be written. Free space in {root} "
                "or raise your quota, then run the job again.")
    return (f"Could not write {what} to the jobs folder {root}: {error.strerror or error}. "
            "Check that the folder exists and that the server can write to it.")


# --- the record --------------------------------------------------------------

def new_record(spec: JobSpec, job_dir: str, python: str, seq: int) -> dict:
    """DescribeTrainingJob's shape: the posted definition as it is (hyperparameters, metric
    definitions, tags), with the local job's folders and state."""
    now = now_iso()
    return {
        "TrainingJobName": spec.job_name,
        "TrainingJobArn": f"local:training-job/{spec.job_name}",
        "TrainingJobStatus": "InProgress",
        "SecondaryStatus": "Pending",
        "SecondaryStatusTransitions": [
            {"Status": "Pending", "StartTime": now, "StatusMessage": "Waiting for a free slot"}
        ],
        "HyperParameters": dict(spec.hyperparameters),
        "AlgorithmSpecification": {
            "TrainingImage": "local",
            "TrainingInputMode": "File",
            "MetricDefinitions": spec.metric_definitions,
        },
        "ResourceConfig": {"InstanceType": spec.instance_type, "InstanceCount": 1,
                           "VolumeSizeInGB": 0},
        "InputDataConfig": [
            {"ChannelName": name, "DataSource": {"S3DataSource": {
                "S3DataType": "S3Prefix", "S3Uri": Path(folder).as_uri()}}}
            for name, folder in spec.channels.items()
        ],
        "OutputDataConfig": {"S3OutputPath": Path(job_dir).as_uri()},
        "CreationTime": now,
        "LastModifiedTime": now,
        "FinalMetricDataList": [],
        "Tags": [dict(tag) for tag in spec.tags],
        "Framework": spec.framework,
        "FrameworkVersion": spec.framework_version,
        "PyVersion": spec.py_version,
        "EntryPoint": spec.entry_point,
        "KernelName": spec.kernel_name,
        "Python": python,
        "JobDir": job_dir,
        "_local": {"seq": seq, "pid": None, "pgid": None, "marker": secrets.token_hex(16),
                   "requestedInstanceCount": spec.instance_count},
    }


def transition(record: dict, status: str, message: Optional[str] = None) -> None:
    """Enter a secondary status: close the open transition, open a new one."""
    now = now_iso()
    for t in record["SecondaryStatusTransitions"]:
        t.setdefault("EndTime", now)
    entry = {"Status": status, "StartTime": now}
    if message:
        entry["StatusMessage"] = message
    record["SecondaryStatusTransitions"].append(entry)
    record["SecondaryStatus"] = status
    record["LastModifiedTime"] = now
    if status == "Stopping":
        record["TrainingJobStatus"] = "Stopping"


def set_message(record: dict, message: str) -> None:
    """Change the StatusMessage of the current secondary status."""
    record["SecondaryStatusTransitions"][-1]["StatusMessage"] = message
    record["LastModifiedTime"] = now_iso()


def finish(record: dict, status: str, reason: Optional[str] = None) -> None:
    """End the job: Completed, Failed or Stopped; the last transition is closed at once."""
    message = {
        "Completed": "Training job completed",
        "Failed": "Training job failed",
        "Stopped": "Training job stopped",
    }[status]
    transition(record, status, reason if status == "Failed" and reason else message)
    last = record["SecondaryStatusTransitions"][-1]
    last["EndTime"] = last["StartTime"]
    record["TrainingJobStatus"] = status
    if reason:
        record["FailureReason"] = reason
    if "TrainingStartTime" in record:
        record["TrainingEndTime"] = last["StartTime"]
    record["_local"]["pid"] = None
    record["_local"]["pgid"] = None


def public(record: dict, queue_position: Optional[int] = None) -> dict:
    answer = {k: v for k, v in record.items() if not k.startswith("_")}
    if queue_position is not None:
        answer["QueuePosition"] = queue_position
    return answer
