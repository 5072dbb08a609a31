"""The job spec a client POSTs: checked and cleaned before anything is created.

Every problem raises SpecError with a message that names the fix.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from typing import Any

from . import contract, metrics
from .errors import SpecError

# Matched with fullmatch: "$" would also accept a name with a trailing newline.
JOB_NAME = re.compile(r"[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}")
CHANNEL_NAME = re.compile(r"[A-Za-z0-9.\-_]{1,64}")
MAX_NAME_BYTES = 255  # Linux NAME_MAX: one segment of a path
MAX_PATH_BYTES = 1024  # leaves room for the jobs folder within PATH_MAX (4096)
MAX_ARG_STRLEN = 131072  # Linux: the longest one argument or environment string may be
# SM_HPS and SM_TRAINING_ENV each hold every hyperparameter; the rest of
# SM_TRAINING_ENV (paths, resource config) needs room too.
MAX_HYPERPARAMETERS_BYTES = MAX_ARG_STRLEN - 16 * 1024


@dataclass
class JobSpec:
    job_name: str
    entry_point: str
    source_files: list[tuple[str, str]]
    hyperparameters: dict[str, Any]
    channels: dict[str, str]  # name -> absolute folder
    metric_definitions: list[dict]
    kernel_name: str
    framework: str = ""
    framework_version: str = ""
    py_version: str = ""
    instance_type: str = "local"
    instance_count: int = 1
    notebook_path: str = ""
    cell_id: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def requirements(self) -> str | None:
        for path, content in self.source_files:
            if path == "requirements.txt":
                return content
        return None


def check_unicode(text: str, what: str) -> bytes:
    """The UTF-8 of text; SpecError when it holds a lone surrogate (JSON allows "\\ud800")."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as e:
        raise SpecError(f"{what} contains {text[e.start]!r}, which is not a Unicode character "
                        "(a lone surrogate) — remove it.")


def _short(text: str, keep: int = 60) -> str:
    return text if len(text) <= keep else text[:keep] + "…"


def check_job_name(name: Any) -> str:
    if not isinstance(name, str) or not JOB_NAME.fullmatch(name):
        raise SpecError(
            f"Job name {name!r} is invalid: use 1 to 63 letters, digits and hyphens, "
            "starting and ending with a letter or digit (SageMaker's rule) — change the job name."
        )
    return name


def check_source_path(path: Any) -> str:
    """A path inside the source directory: relative, no '..', normalized with '/'."""
    if not isinstance(path, str) or not path.strip():
        raise SpecError("A source file has an empty path — give every source file a name.")
    if "\0" in path:
        raise SpecError(f"Source path {_short(path)!r} contains a NUL character — "
                        "rename the file.")
    size = len(check_unicode(path, f"Source path {_short(path)!r}"))
    if size > MAX_PATH_BYTES:
        raise SpecError(f"Source path '{_short(path)}' is {size} bytes long; paths in the source "
                        f"directory may be at most {MAX_PATH_BYTES} bytes — shorten it.")
    parts = re.split(r"[\\/]+", path)
    if path.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", path) or os.path.isabs(path):
        raise SpecError(
            f"Source path '{path}' is absolute — use a path relative to the source "
            "directory, e.g. 'train.py' or 'utils/data.py'."
        )
    if ".." in parts:
        raise SpecError(
            f"Source path '{path}' contains '..' and would escape the source directory — "
            "use a path inside it."
        )
    clean = [p for p in parts if p not in ("", ".")]
    if not clean:
        raise SpecError(f"Source path '{path}' names no file — give the file a name.")
    for part in clean:
        if len(part.encode("utf-8")) > MAX_NAME_BYTES:
            raise SpecError(f"Source path '{_short(path)}' has a name longer than "
                            f"{MAX_NAME_BYTES} bytes ('{_short(part)}') — shorten it.")
    return "/".join(clean)


def check_folders(paths: list[str]) -> None:
    """No source path may be both a file and the folder of another file."""
    folders = {"/".join(p.split("/")[:i]) for p in paths for i in range(1, p.count("/") + 1)}
    for path in paths:
        if path in folders:
            raise SpecError(f"Source path '{path}' is a file and also the folder of other "
                            "source files — rename one of them.")


def check_entry_point(entry_point: str) -> None:
    for part in entry_point.split("/"):
        if part.startswith("-"):
            raise SpecError(f"Entry point '{entry_point}': '{part}' starts with '-' and would "
                            "be read as an option — rename it.")


def check_hyperparameters(hps: dict) -> None:
    for key, value in hps.items():
        if not key:
            raise SpecError("A hyperparameter has an empty name — name it or remove it.")
        if "=" in key or "\0" in key:
            raise SpecError(f"Hyperparameter name {_short(key)!r} contains '=' or a NUL "
                            "character — rename it.")
        check_unicode(key, f"Hyperparameter name {_short(key)!r}")
        check_unicode(json.dumps(value, ensure_ascii=False), f"Hyperparameter '{_short(key)}'")
        if "\\u0000" in json.dumps(value):
            raise SpecError(f"Hyperparameter '{_short(key)}' contains a NUL character — "
                            "remove it.")
        check_argument_size(key, value)
    total = len(json.dumps(hps, sort_keys=True, separators=(",", ":")))
    if total > MAX_HYPERPARAMETERS_BYTES:
        raise SpecError(
            f"The hyperparameters together are {total} bytes as JSON; the job gets them all in "
            f"SM_HPS and SM_TRAINING_ENV, which leaves room for at most "
            f"{MAX_HYPERPARAMETERS_BYTES} bytes within Linux's {MAX_ARG_STRLEN}-byte limit on one "
            "environment variable — shorten them, or pass the data as files in a channel."
        )


def check_argument_size(key: str, value: Any) -> None:
    """The job gets a hyperparameter as ``SM_HP_<KEY>=<value>`` and as ``--key value``."""
    variable = "SM_HP_" + key.upper()
    strings = [f"{variable}={contract.to_env_vars({'hp_' + key: value})[variable]}",
               *contract.to_cmd_args({key: value})]
    size = max(len(s.encode("utf-8")) for s in strings) + 1  # the kernel counts the NUL
    if size > MAX_ARG_STRLEN:
        raise SpecError(
            f"Hyperparameter '{_short(key)}' is {size} bytes as the environment variable "
            f"{_short(variable)}; Linux limits one argument or environment variable to "
            f"{MAX_ARG_STRLEN} bytes (MAX_ARG_STRLEN) — shorten it, or pass the data as a file "
            "in a channel."
        )


def _str(spec: dict, key: str, default: str = "") -> str:
    value = spec.get(key, default)
    if value is None:
        return default
    if not isinstance(value, str):
        raise SpecError(f"{key} must be a string.")
    return value


def resolve_folder(folder: str, root_dir: str) -> str:
    folder = os.path.expanduser(folder)
    if not os.path.isabs(folder):
        folder = os.path.join(root_dir, folder)
    return os.path.abspath(folder)


def validate(spec: Any, root_dir: str, default_kernel: str = "python3") -> JobSpec:
    """Check a POSTed spec (shape, names, paths, channel folders, metric regexes)."""
    if not isinstance(spec, dict):
        raise SpecError("The request body must be a JSON object: a job spec.")
    job_name = check_job_name(spec.get("jobName"))

    files = spec.get("sourceFiles")
    if not isinstance(files, list) or not files:
        raise SpecError("sourceFiles is empty — the job needs at least its entry point script.")
    source_files: list[tuple[str, str]] = []
    seen: set[str] = set()
    for f in files:
        if not isinstance(f, dict):
            raise SpecError("Each source file must be an object {path, content}.")
        path = check_source_path(f.get("path"))
        content = f.get("content", "")
        if not isinstance(content, str):
            raise SpecError(f"Source file '{path}': content must be a string.")
        check_unicode(content, f"Source file '{path}'")
        if path in seen:
            raise SpecError(f"Source file '{path}' appears twice — keep one.")
        seen.add(path)
        source_files.append((path, content))
    check_folders([p for p, _ in source_files])

    entry = spec.get("entryPoint")
    if not isinstance(entry, str) or not entry.strip():
        raise SpecError("entryPoint is missing — name the script to run, e.g. 'train.py'.")
    entry_point = check_source_path(entry)
    if entry_point not in seen:
        raise SpecError(
            f"Entry point '{entry_point}' is not among the source files — add it to the "
            "source files or change the entry point."
        )
    check_entry_point(entry_point)

    hps = spec.get("hyperparameters") or {}
    if not isinstance(hps, dict):
        raise SpecError("hyperparameters must be an object {name: value}.")
    check_hyperparameters(hps)

    raw_channels = spec.get("channels") or {}
    if not isinstance(raw_channels, dict):
        raise SpecError("channels must be an object {channel name: folder}.")
    channels: dict[str, str] = {}
    for name, folder in raw_channels.items():
        if not CHANNEL_NAME.fullmatch(name) or name in (".", ".."):
            raise SpecError(
                f"Channel name {name!r} is invalid: use letters, digits, '.', '-' or '_' "
                "(at most 64; not '.' or '..') — rename the channel."
            )
        if not isinstance(folder, str) or not folder.strip():
            raise SpecError(f"Channel '{name}' has no folder — choose its folder in the dialog.")
        path = resolve_folder(folder.strip(), root_dir)
        if not os.path.exists(path):
            raise SpecError(
                f"Channel '{name}': folder {path} does not exist — create it or change "
                "the channel's folder in the dialog"
            )
        if not os.path.isdir(path):
            raise SpecError(
                f"Channel '{name}': {path} is a file, not a folder — choose the folder "
                "that holds it in the dialog"
            )
        channels[name] = path

    count = spec.get("instanceCount", 1)
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise SpecError("instanceCount must be a whole number of at least 1.")

    return JobSpec(
        job_name=job_name,
        entry_point=entry_point,
        source_files=source_files,
        hyperparameters=dict(hps),
        channels=channels,
        metric_definitions=metrics.validate_definitions(spec.get("metricDefinitions")),
        kernel_name=_str(spec, "kernelName") or default_kernel,
        framework=_str(spec, "framework"),
        framework_version=_str(spec, "frameworkVersion"),
        py_version=_str(spec, "pyVersion"),
        instance_type=_str(spec, "instanceType", "local") or "local",
        instance_count=count,
        notebook_path=_str(spec, "notebookPath"),
        cell_id=_str(spec, "cellId"),
    )
