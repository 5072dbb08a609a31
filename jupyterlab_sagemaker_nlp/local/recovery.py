"""The restart rule, applied by the server that owns a jobs folder when it takes it.

Output reaches the server through a pipe, and a new server cannot re-attach to
the pipe of an old one, so a job found InProgress is Failed (SERVER_STOPPED)
and every process still carrying its marker, or in its process group, is
killed; a Stopping one is Stopped; Pending ones are queued again.
"""

from __future__ import annotations

from typing import Callable

from . import process, store

SERVER_STOPPED = "The Jupyter server stopped while this job was running."


def apply(jobs: store.JobStore, save: Callable[[dict], None]) -> tuple[list, list, int]:
    """(every record, the names to queue again in their order, the next queue number)."""
    records, pending, seq = [], [], 0
    for record in jobs.load_all():
        seq = max(seq, record["_local"]["seq"] + 1)
        status = record["TrainingJobStatus"]
        if status == "InProgress" and record["SecondaryStatus"] == "Pending":
            pending.append(record)
        elif status in ("InProgress", "Stopping"):
            kill_leftovers(jobs, record)
            if status == "Stopping":
                store.finish(record, "Stopped")
            else:
                store.finish(record, "Failed", SERVER_STOPPED)
            save(record)
        records.append(record)
    pending.sort(key=lambda r: r["_local"]["seq"])
    return records, [r["TrainingJobName"] for r in pending], seq


def kill_leftovers(jobs: store.JobStore, record: dict) -> None:
    """Every process of a job whose server died: by marker and process group, and the
    recorded pid if it still runs in the job's code folder (records without a marker)."""
    local = record["_local"]
    if local.get("marker"):
        process.kill_job(local["marker"], local.get("pgid"))
    process.kill_orphan(local.get("pid"), jobs.layout(record["TrainingJobName"]).code)
