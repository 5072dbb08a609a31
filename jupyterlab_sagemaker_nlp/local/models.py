"""Requests and answers of the local REST routes (docs/local-api.md), declared once.

The job spec of POST /local/jobs is checked in spec.py, not here.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, ClassVar, Optional

from pydantic import BeforeValidator, ConfigDict, Field

from ..wire import Answer, Fix, Request

SURROGATE = re.compile("[\ud800-\udfff]")  # JSON may carry them ("\\ud800"); UTF-8 cannot


def _nameable(value: Any) -> Any:
    """Before pydantic's str check, which would only say "not a valid string"."""
    if isinstance(value, str) and ("\0" in value or SURROGATE.search(value)):
        raise ValueError("jobsDir contains a NUL character or a lone surrogate, which no "
                         "folder name can hold — fix the path.")
    return value


class ConfigUpdate(Request):
    """PUT /local/config: what to change; a field left out (or null) stays as it is."""

    model_config = ConfigDict(extra="ignore")
    not_object: ClassVar[str] = "The body must be a JSON object {jobsDir?, maxConcurrentJobs?}."

    jobs_dir: Annotated[
        Optional[str], Field(alias="jobsDir"), BeforeValidator(_nameable),
        Fix("jobsDir must be a folder path (empty for the server default)."),
    ] = None
    max_concurrent_jobs: Annotated[
        Optional[Annotated[int, Field(ge=1)]], Field(alias="maxConcurrentJobs"),
        Fix("maxConcurrentJobs must be a whole number of at least 1."),
    ] = None


class Owner(Answer):
    """The server that owns the jobs folder; {} when /proc does not tell."""

    pid: Optional[int] = None
    start_time: Optional[str] = Field(None, alias="startTime")


class LocalConfig(Answer):
    """GET and PUT /local/config."""

    jobs_dir: str = Field(alias="jobsDir")
    max_concurrent_jobs: int = Field(alias="maxConcurrentJobs")
    stop_grace_seconds: float = Field(alias="stopGraceSeconds")
    default_jobs_dir: str = Field(alias="defaultJobsDir")
    read_only: bool = Field(alias="readOnly")
    owner: Optional[Owner] = None  # null unless readOnly


class LogsQuery(Request):
    """GET /local/jobs/<name>/logs?stream=&limit=&nextToken= (query values are strings)."""

    model_config = ConfigDict(strict=False)

    limit: Annotated[
        int, Field(ge=1, le=10000),
        Fix("limit must be a whole number between 1 and 10000."),
    ] = 1000
    # A byte offset in the log; 18 digits stay below 2**63. Empty: from the start.
    next_token: Annotated[
        Optional[str], Field(alias="nextToken", pattern=r"^[0-9]{1,18}$"),
        BeforeValidator(lambda value: value or None),
        Fix("nextToken must be the nextForwardToken of an earlier page (a whole number) — "
            "leave it out to read from the start."),
    ] = None
    # The one host of a local job; SageMaker's streams are <job>/algo-<n>-<epoch>.
    stream: Annotated[
        Optional[str], Field(max_length=256), BeforeValidator(lambda value: value or None),
        Fix("stream must be the logStreamName of one of the job's log streams."),
    ] = None


class MetricsQuery(Request):
    """GET /local/jobs/<name>/metrics?since= : only the points after `since`."""

    model_config = ConfigDict(strict=False)

    since: Annotated[
        Optional[Annotated[int, Field(ge=0)]], BeforeValidator(lambda value: value or None),
        Fix("since must be a time in milliseconds since 1970 (the last point's timestamp) — "
            "leave it out to read every point."),
    ] = None
