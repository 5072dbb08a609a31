"""The job a client POSTs to /local/jobs, checked and cleaned before anything is created.

Its shape is declared in submission.py: the training job's definition as the browser built
it for SageMaker too, plus what only a local run needs. Nothing here encodes a hyperparameter
or adds one: they are decoded as the training toolkit does in the container, to be checked,
and the job keeps them exactly as posted.

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
from .submission import JOB_NAME_FIX, Channel, SourceFile, parse

# SageMaker's rules, as the browser has them (src/training/jobName.ts, definition.ts;
# tests/test_definition_parity.py). Matched with fullmatch: "$" would also accept a name
# with a trailing newline.
JOB_NAME = re.compile(r"[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}")
CHANNEL_NAME = re.compile(r"[A-Za-z0-9.\-_]{1,64}")
RESERVED_CHANNEL_NAMES = (".", "..")  # input/data/<name> must be a folder of its own
MAX_NAME_BYTES = 255  # Linux NAME_MAX: one segment of a path
MAX_PATH_BYTES = 1024  # leaves room for the jobs folder within PATH_MAX (4096)
MAX_ARG_STRLEN = 131072  # Linux: the longest one argument or environment string may be
# SM_HPS and SM_TRAINING_ENV each hold every hyperparameter; the rest of
# SM_TRAINING_ENV (paths, resource config) needs room too.
MAX_HYPERPARAMETERS_BYTES = MAX_ARG_STRLEN - 16 * 1024


@dataclass
class JobSpec:
    job_name: str
    entry_point: str  # sagemaker_program, decoded
    source_files: list[tuple[str, str]]
    hyperparameters: dict[str, str]  # as posted: JSON-encoded, sagemaker_* keys included
    channels: dict[str, str]  # name -> absolute folder
    metric_definitions: list[dict]
    kernel_name: str
    framework: str = ""
    framework_version: str = ""
    py_version: str = ""
    instance_type: str = "local"
    instance_count: int = 1
    tags: list[dict] = field(default_factory=list)

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
        raise SpecError(JOB_NAME_FIX.format(value=name))
    return name


def check_channel_name(name: str) -> str:
    if not CHANNEL_NAME.fullmatch(name) or name in RESERVED_CHANNEL_NAMES:
        raise SpecError(
            f"Channel name {name!r} is invalid: use letters, digits, '.', '-' or '_' "
            "(at most 64; not '.' or '..') — rename the channel."
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


def check_hyperparameters(encoded: dict[str, str]) -> dict[str, Any]:
    """Check the posted (JSON-encoded) hyperparameters; answer them decoded, as the training
    toolkit reads them in the container."""
    for key, value in encoded.items():
        if not key:
            raise SpecError("A hyperparameter has an empty name — name it or remove it.")
        if "=" in key or "\0" in key:
            raise SpecError(f"Hyperparameter name {_short(key)!r} contains '=' or a NUL "
                            "character — rename it.")
        check_unicode(key, f"Hyperparameter name {_short(key)!r}")
        check_unicode(value, f"Hyperparameter '{_short(key)}'")
    decoded = contract.decode_hyperparameters(encoded)
    for key, value in decoded.items():
        check_unicode(json.dumps(value, ensure_ascii=False), f"Hyperparameter '{_short(key)}'")
        if "\\u0000" in json.dumps(value):
            raise SpecError(f"Hyperparameter '{_short(key)}' contains a NUL character — "
                            "remove it.")
    user, sagemaker = contract.split_hyperparameters(decoded)
    for key, value in user.items():
        check_argument_size(key, value)
    # SM_HPS holds the user's; SM_TRAINING_ENV those and the framework's sagemaker_* ones.
    framework = {k: v for k, v in sagemaker.items()
                 if k not in contract.SAGEMAKER_HYPERPARAMETERS}
    total = len(json.dumps({**user, **framework}, sort_keys=True, separators=(",", ":")))
    if total > MAX_HYPERPARAMETERS_BYTES:
        raise SpecError(
            f"The hyperparameters together are {total} bytes as JSON; the job gets them all in "
            f"SM_HPS and SM_TRAINING_ENV, which leaves room for at most "
            f"{MAX_HYPERPARAMETERS_BYTES} bytes within Linux's {MAX_ARG_STRLEN}-byte limit on one "
            "environment variable — shorten them, or pass the data as files in a channel."
        )
    return decoded


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


def resolve_folder(folder: str, root_dir: str) -> str:
    folder = os.path.expanduser(folder)
    if not os.path.isabs(folder):
        folder = os.path.join(root_dir, folder)
    return os.path.abspath(folder)


def check_source_files(files: list[SourceFile]) -> list[tuple[str, str]]:
    if not files:
        raise SpecError("sourceFiles is empty — the job needs at least its entry point script.")
    source_files: list[tuple[str, str]] = []
    seen: set[str] = set()
    for f in files:
        path = check_source_path(f.path)
        check_unicode(f.content, f"Source file '{path}'")
        if path in seen:
            raise SpecError(f"Source file '{path}' appears twice — keep one.")
        seen.add(path)
        source_files.append((path, f.content))
    check_folders([p for p, _ in source_files])
    return source_files


def check_program(decoded: dict[str, Any], paths: set[str]) -> str:
    """The entry point: ``sagemaker_program``, among the source files."""
    if "sagemaker_program" not in decoded:
        raise SpecError(
            "definition.HyperParameters has no sagemaker_program — name the script to run "
            "there, JSON-encoded as the SageMaker Python SDK does: "
            "\"sagemaker_program\": \"\\\"train.py\\\"\".")
    program = decoded["sagemaker_program"]
    if not isinstance(program, str) or not program.strip():
        raise SpecError(f"sagemaker_program {program!r} is not a script's path — name the "
                        "script to run, e.g. \"\\\"train.py\\\"\".")
    entry_point = check_source_path(program)
    if entry_point not in paths:
        raise SpecError(
            f"Entry point '{entry_point}' is not among the source files — add it to the "
            "source files or change the entry point."
        )
    check_entry_point(entry_point)
    return entry_point


def check_channels(channels: list[Channel], folders: dict[str, str],
                   root_dir: str) -> dict[str, str]:
    """Each channel of the definition, with its local folder (absolute, existing)."""
    names = [check_channel_name(c.channel_name) for c in channels]
    for name in names:
        if names.count(name) > 1:
            raise SpecError(f"Channel '{name}' appears twice in definition.InputDataConfig — "
                            "keep one.")
    for name in folders:
        if name not in names:
            raise SpecError(
                f"channelFolders has a folder for {name!r}, which is not a channel of "
                "definition.InputDataConfig — add the channel, or remove its folder.")
    resolved: dict[str, str] = {}
    for name in names:
        folder = folders.get(name, "")
        if not folder.strip():
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
        resolved[name] = path
    return resolved


def validate(body: Any, root_dir: str, default_kernel: str = "python3") -> JobSpec:
    """Check a POSTed job: its shape, then names, paths, hyperparameters, channel folders
    and metric regexes. Nothing is added to the definition."""
    request = parse(body)
    definition = request.definition
    job_name = check_job_name(definition.training_job_name)
    source_files = check_source_files(request.source_files)
    decoded = check_hyperparameters(definition.hyperparameters)
    entry_point = check_program(decoded, {p for p, _ in source_files})
    if "sagemaker_job_name" in decoded and decoded["sagemaker_job_name"] != job_name:
        raise SpecError(
            f"sagemaker_job_name {decoded['sagemaker_job_name']!r} is not the job's name "
            f"{job_name!r} — send the definition's own TrainingJobName, or leave it out.")
    channels = check_channels(definition.input_data_config, request.channel_folders, root_dir)
    resources = definition.resource_config
    return JobSpec(
        job_name=job_name,
        entry_point=entry_point,
        source_files=source_files,
        hyperparameters=dict(definition.hyperparameters),
        channels=channels,
        metric_definitions=metrics.validate_definitions([
            d.model_dump(by_alias=True)
            for d in definition.algorithm_specification.metric_definitions]),
        kernel_name=request.kernel_name or default_kernel,
        framework=request.framework,
        framework_version=request.framework_version,
        py_version=request.py_version,
        instance_type=resources.instance_type or "local",
        instance_count=resources.instance_count,
        tags=[t.model_dump(by_alias=True) for t in definition.tags],
    )
