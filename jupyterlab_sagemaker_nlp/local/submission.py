"""POST /local/jobs: the body's shape, declared once (pydantic); its problems name the fix.

The body is the training job's definition as the browser builds it for both targets
(src/training/definition.ts: CreateTrainingJob's field names, hyperparameters already
JSON-encoded with the script-mode ``sagemaker_*`` keys) plus what only a local run needs: the
source files, each channel's folder, the kernel (docs/local-api.md, "Job spec"). What the
values may be (names, paths, sizes) is checked in spec.py.
"""

from __future__ import annotations

import typing
from typing import Annotated, Any, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..wire import Fix, Request
from .errors import SpecError

JOB_NAME_FIX = ("Job name {value!r} is invalid: use 1 to 63 letters, digits and hyphens, "
                "starting and ending with a letter or digit (SageMaker's rule) — change the "
                "job name.")
ENCODED_FIX = ("{name} must be an object {{name: JSON-encoded string}}, as CreateTrainingJob's "
               "HyperParameters: every value a string, e.g. \"3\", \"0.001\", \"\\\"adam\\\"\".")


class _Shape(Request):
    """Strict JSON types (1 is no string), and no field this server does not know."""

    model_config = ConfigDict(extra="forbid")


class MetricDefinition(_Shape):
    # Empty by default so that metrics.validate_definitions names the fix.
    name: Annotated[str, Field(alias="Name"),
                    Fix("{name} must be a string: the metric's name.")] = ""
    regex: Annotated[str, Field(alias="Regex"),
                     Fix("{name} must be a string: a regex with one group around the value.")] = ""


class AlgorithmSpecification(_Shape):
    metric_definitions: Annotated[
        list[MetricDefinition], Field(alias="MetricDefinitions"),
        Fix("{name} must be a list of {{Name, Regex}} objects."),
    ] = []


class Channel(_Shape):
    """A channel by name; its folder is in channelFolders (SageMaker's is an S3 URI)."""

    channel_name: Annotated[str, Field(alias="ChannelName"),
                            Fix("{name} must be a string: the channel's name.")]


class ResourceConfig(_Shape):
    instance_type: Annotated[str, Field(alias="InstanceType"),
                             Fix("{name} must be a string, e.g. \"local\".")] = "local"
    instance_count: Annotated[
        int, Field(alias="InstanceCount", ge=1),
        Fix("{name} must be a whole number of at least 1."),
    ] = 1


class Tag(_Shape):
    key: Annotated[str, Field(alias="Key"), Fix("{name} must be a string.")]
    value: Annotated[str, Field(alias="Value"), Fix("{name} must be a string.")]


class TrainingJobDefinition(_Shape):
    """CreateTrainingJob's fields that a local job has, as the browser builds them once."""

    training_job_name: Annotated[str, Field(alias="TrainingJobName"), Fix(JOB_NAME_FIX)]
    # JSON-encoded as the SageMaker Python SDK stores them; decoded only to be checked.
    hyperparameters: Annotated[dict[str, str], Field(alias="HyperParameters"),
                               Fix(ENCODED_FIX)] = {}
    algorithm_specification: Annotated[
        AlgorithmSpecification, Field(alias="AlgorithmSpecification"),
        Fix("{name} must be an object {{MetricDefinitions?}}."),
    ] = AlgorithmSpecification()
    input_data_config: Annotated[
        list[Channel], Field(alias="InputDataConfig"),
        Fix("{name} must be a list of {{ChannelName}} objects."),
    ] = []
    resource_config: Annotated[
        ResourceConfig, Field(alias="ResourceConfig"),
        Fix("{name} must be an object {{InstanceType, InstanceCount}}."),
    ] = ResourceConfig()
    tags: Annotated[list[Tag], Field(alias="Tags"),
                    Fix("{name} must be a list of {{Key, Value}} objects.")] = []


class SourceFile(_Shape):
    path: Annotated[str, Fix("{name} must be a string: the file's path in the source "
                             "directory, e.g. 'train.py'.")] = ""
    content: Annotated[str, Fix("{name} must be a string: the file's text.")] = ""


class LocalJobRequest(_Shape):
    """POST /local/jobs: the definition, and what only a local run needs."""

    definition: Annotated[
        TrainingJobDefinition,
        Fix("{name} must be an object: the training job's definition {{TrainingJobName, "
            "HyperParameters, AlgorithmSpecification, InputDataConfig, ResourceConfig, Tags}}."),
    ]
    source_files: Annotated[
        list[SourceFile], Field(alias="sourceFiles"),
        Fix("{name} must be a list of {{path, content}} objects: the source directory."),
    ]
    channel_folders: Annotated[
        dict[str, str], Field(alias="channelFolders"),
        Fix("{name} must be an object {{channel name: folder}}."),
    ] = {}
    kernel_name: Annotated[Optional[str], Field(alias="kernelName"),
                           Fix("{name} must be a string: the notebook's kernel.")] = None
    framework: Annotated[str, Fix("{name} must be a string, e.g. \"pytorch\".")] = ""
    framework_version: Annotated[str, Field(alias="frameworkVersion"),
                                 Fix("{name} must be a string.")] = ""
    py_version: Annotated[str, Field(alias="pyVersion"), Fix("{name} must be a string.")] = ""


def _model_of(annotation: Any) -> Optional[type[BaseModel]]:
    """The model a field holds, itself or in a list; None for plain values and dicts."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) is list:
        return _model_of(typing.get_args(annotation)[0])
    return None


def shape_problem(error: dict) -> str:
    """One pydantic error as a sentence that names the field and the fix."""
    if error["type"] == "value_error":
        return str(error["ctx"]["error"])
    model: Optional[type[BaseModel]] = LocalJobRequest
    where, fix, field_name, in_dict = "", None, "", False
    for part in error["loc"]:
        info = None
        if model is not None and isinstance(part, str):
            info = next((f for n, f in model.model_fields.items() if part in (n, f.alias)), None)
        if info is not None:
            where = field_name = f"{where}.{part}" if where else part
            fix = next((m.message for m in info.metadata if isinstance(m, Fix)), None)
            model, in_dict = _model_of(info.annotation), False
        elif isinstance(part, int):
            where += f"[{part}]"
        elif model is None:  # a key of a dict field
            where += f"[{part!r}]"
            in_dict = True
        else:  # a field the model does not have
            where = f"{where}.{part}" if where else part
    if error["type"] == "extra_forbidden":
        return (f"{where} is not part of a local job spec — remove it (docs/local-api.md, "
                "'Job spec', lists the fields).")
    if error["type"] == "missing":
        return (f"{where} is missing — the local job spec needs it (docs/local-api.md, "
                "'Job spec').")
    if fix is None:
        return f"{where}: {error['msg']}."
    if in_dict:  # one value of a {name: string} object
        return (f"{where} is {error.get('input')!r}, not a string. "
                + fix.format(name=field_name, value=None))
    return fix.format(name=where, value=error.get("input"))


def parse(body: Any) -> LocalJobRequest:
    """The body's shape, checked; SpecError with its first problem."""
    if not isinstance(body, dict):
        raise SpecError("The request body must be a JSON object: a job spec "
                        "{definition, sourceFiles, channelFolders, kernelName, ...}.")
    if "definition" not in body and "jobName" in body:
        raise SpecError("This job spec has the shape of an older version of the extension "
                        "(jobName, hyperparameters, …) and the server expects a definition "
                        "(docs/local-api.md): reload JupyterLab in the browser.")
    try:
        return LocalJobRequest.model_validate(body)
    except ValidationError as e:
        raise SpecError(shape_problem(e.errors()[0])) from None
