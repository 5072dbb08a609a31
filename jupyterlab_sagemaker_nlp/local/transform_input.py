"""What a local batch transform reads and writes: the request (POST /local/transforms), its
folders under the Jupyter root, and each file cut into records and requests."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, ClassVar, Literal, Optional

from pydantic import ConfigDict, Field, field_validator

from ..wire import Fix, Request
from .errors import Conflict, LocalError
from .serving import HfTask, JobName, name_field

MiB = 1024 * 1024
DEFAULT_PAYLOAD_MB = 6  # SageMaker's default MaxPayloadInMB
TransformJobName = name_field("transformJobName")


class CreateTransform(Request):
    """POST /local/transforms."""

    model_config = ConfigDict(extra="forbid")
    not_object: ClassVar[str] = ("The body must be a JSON object {jobName, input, contentType, "
                                 "splitType, transformJobName?, output?, strategy?, "
                                 "assembleWith?, accept?, maxPayloadInMB?, hfTask?}.")
    job_name: JobName
    transform_job_name: TransformJobName = None
    input: Annotated[str, Field(min_length=1),
                     Fix("input must be a folder relative to the Jupyter root, e.g. data/test.")]
    output: Annotated[
        Optional[str], Field(min_length=1),
        Fix("output must be a folder relative to the Jupyter root, or left out for "
            "<input's parent>/transform-output/<transform name>."),
    ] = None
    content_type: Annotated[
        str, Field(alias="contentType", min_length=1),
        Fix("contentType must be the records' MIME type, e.g. text/csv or application/json."),
    ]
    split_type: Annotated[str, Field(alias="splitType"),
                          Fix("splitType must be None (a file is one record) or Line.")]
    strategy: Annotated[
        Optional[Literal["SingleRecord", "MultiRecord"]],
        Fix("strategy {value!r} is not valid: use SingleRecord (one record per request) or "
            "MultiRecord (as many as fit in maxPayloadInMB)."),
    ] = None
    assemble_with: Annotated[
        Optional[Literal["None", "Line"]], Field(alias="assembleWith"),
        Fix("assembleWith {value!r} is not valid: use Line (a newline after each answer) or "
            "None (the answers concatenated)."),
    ] = None
    accept: Annotated[
        Optional[str], Field(min_length=1),
        Fix("accept must be the MIME type of the answers, e.g. application/json or text/csv."),
    ] = None
    max_payload_in_mb: Annotated[
        Optional[int], Field(alias="maxPayloadInMB", ge=1, le=100),
        Fix("maxPayloadInMB {value!r} is not valid: use a whole number of MB from 1 to 100 "
            "(SageMaker's range; 6 when left out)."),
    ] = None
    hf_task: HfTask = None

    @field_validator("split_type")
    @classmethod
    def _split(cls, value: str) -> str:
        if value in ("RecordIO", "TFRecord"):
            raise ValueError(f"splitType {value} is not supported locally: use Line (one "
                             "record per line) or None (each file is one record), or run the "
                             "transform on SageMaker.")
        if value not in ("None", "Line"):
            raise ValueError(f"splitType {value!r} is not valid: use None (each file is one "
                             "record) or Line (each non-empty line is one).")
        return value


class Failed(Exception):
    """The transform cannot go on; the message is its FailureReason."""


def folders(root: Path, request: CreateTransform, name: str) -> tuple[Path, Path, str]:
    """The input and output folders' real paths, and the output as given (or its default)."""
    input_dir = inside_root(root, request.input, "input")
    if not input_dir.exists():
        raise LocalError(f'The input folder "{request.input}" does not exist: give a folder '
                         "under the Jupyter root that holds the records, e.g. data/test.")
    if not input_dir.is_dir():
        raise LocalError(f'input "{request.input}" is a file, not a folder: put the file in '
                         "a folder and give that folder.")
    output_relative = request.output or default_output(request.input, name)
    output = inside_root(root, output_relative, "output")
    if output == input_dir or output.is_relative_to(input_dir):
        raise LocalError(f'output "{output_relative}" is inside input "{request.input}": its '
                         "answers would be read as records by the next transform — choose "
                         "an output folder outside the input folder.")
    if output.exists() and not output.is_dir():
        raise LocalError(f'output "{output_relative}" is a file: choose a folder.')
    if output.is_dir() and any(output.iterdir()):
        raise Conflict(f'The output folder "{output_relative}" already holds files, and a '
                       "transform never overwrites them: choose another output folder or "
                       "empty this one.")
    return input_dir, output, output_relative


def inside_root(root: Path, relative: str, field: str) -> Path:
    """The folder's real path under the root, as folders.resolve_folder checks a channel's:
    resolving follows links, so a link out of the root is outside too."""
    if os.path.isabs(relative) or relative.startswith("~"):
        raise LocalError(f'{field} "{relative}" is not a path under the Jupyter root: give the '
                         "folder relative to the root, as the file browser shows it.")
    folder = (root / relative).resolve()
    if not folder.is_relative_to(root):
        raise LocalError(f'{field} "{relative}" is outside the Jupyter root ({root}), or a link '
                         "out of it: use a folder under the root (copy the data there).", 403)
    return folder


def default_output(input_relative: str, name: str) -> str:
    parent = os.path.dirname(os.path.normpath(input_relative))
    return os.path.join(parent, "transform-output", name) if parent not in ("", ".") \
        else os.path.join("transform-output", name)


def input_files(root: Path, folder: Path, relative: str) -> list:
    """(path relative to the folder, real path) of each file, recursive and sorted; hidden
    files and folders skipped, a link out of the root refused (blocking: run in a thread)."""
    found = []
    seen = {str(folder)}
    pending = [(folder, "")]
    while pending:
        directory, prefix = pending.pop()
        with os.scandir(directory) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                name = prefix + entry.name
                real = os.path.realpath(entry.path) if entry.is_symlink() else entry.path
                if not Path(real).is_relative_to(root):
                    raise LocalError(f'"{relative}/{name}" is a link to {real}, outside the '
                                     "Jupyter root: copy the data into the folder.", 403)
                if entry.is_dir():
                    if real not in seen:  # a link back up would loop
                        seen.add(real)
                        pending.append((Path(real), name + "/"))
                elif entry.is_file():
                    found.append((name, real))
    return sorted(found)


def read(path: str) -> bytes:
    with open(path, "rb") as f:
        return f.read()


def write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def records(data: bytes, split_lines: bool) -> list:
    if not split_lines:
        return [data]
    lines = (line[:-1] if line.endswith(b"\r") else line for line in data.split(b"\n"))
    return [line for line in lines if line.strip()]


def batches(cut: list, max_bytes: int, single: bool, split_lines: bool, relative: str) -> list:
    """(first record, last record, body) of each request, numbered from 1; Failed when a
    record alone is over the payload limit."""
    limit_mb = max_bytes // MiB
    for n, record in enumerate(cut, 1):
        if len(record) > max_bytes:
            what = f"{relative} record {n}" if split_lines else relative
            raise Failed(f"{what} is {len(record):,} bytes, over maxPayloadInMB ({limit_mb} MB): "
                         "split it by Line (splitType Line, one record per line), or raise "
                         "maxPayloadInMB (up to 100).")
    if single:
        return [(n, n, record) for n, record in enumerate(cut, 1)]
    requests: list = []
    first, size, group = 1, 0, []
    for n, record in enumerate(cut, 1):
        extra = len(record) + (1 if group else 0)
        if group and size + extra > max_bytes:
            requests.append((first, n - 1, b"\n".join(group)))
            first, size, group = n, 0, []
            extra = len(record)
        group.append(record)
        size += extra
    if group:
        requests.append((first, len(cut), b"\n".join(group)))
    return requests
