"""How a run ends: model.tar.gz, the exit message, the FailureReason."""

from __future__ import annotations

import os
import signal
import tarfile

from . import contract, logs


def tar_model(layout: contract.Layout) -> None:
    """model.tar.gz of the model folder's content, as SageMaker uploads it."""
    tmp = layout.model_tar + ".tmp"
    try:
        with tarfile.open(tmp, "w:gz", compresslevel=6) as tar:
            for entry in sorted(os.listdir(layout.model)):
                tar.add(os.path.join(layout.model, entry), arcname=entry)
        os.replace(tmp, layout.model_tar)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise


def exit_message(rc: int) -> str:
    if rc < 0:
        try:
            return f"The training process was ended by {signal.Signals(-rc).name}."
        except ValueError:
            pass
    return f"The training process exited with code {rc}."


def failure_reason(layout: contract.Layout, writer: logs.LogWriter, rc: int) -> str:
    try:
        with open(layout.failure, encoding="utf-8", errors="replace") as f:
            text = f.read().strip()
        if text:
            return text[:1024]
    except OSError:
        pass
    reason = logs.traceback_reason(list(writer.tail))
    if reason:
        return reason
    if rc < 0:
        try:
            name = signal.Signals(-rc).name
        except ValueError:
            name = f"signal {-rc}"
        return f"The training script was killed by {name} (exit code {rc})."
    return f"exit code {rc}"
