"""Requests of the AWS configuration routes (docs/aws-api.md), declared once."""

from __future__ import annotations

from typing import Annotated, ClassVar, Optional

from pydantic import ConfigDict, Field

from ..wire import Fix, Request

REGION = r"^[a-z]{2,}(-[a-z0-9]+)+$"
ROLE_ARN = r"^arn:aws[a-z-]*:iam::\d{12}:role/[\w+=,.@/-]{1,512}$"
BUCKET = r"^[a-z0-9][a-z0-9.\-]{1,61}[a-z0-9]$"


def _setting(pattern: str):
    """A setting: "" or null = discover, else it must match (spaces around it dropped)."""
    return Annotated[Optional[str], Field(pattern=f"^$|{pattern}"),
                     Fix("{name} {value!r} is not a valid {name}.")]


Region = _setting(REGION)
RoleArn = _setting(ROLE_ARN)
Bucket = _setting(BUCKET)


class AwsSettings(Request):
    """PUT /sagemaker-nlp/aws-config: the frontend's settings, over the server's."""

    # Python's re: the Rust engine's Unicode \w{1,512} exceeds its size limit.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True,
                              regex_engine="python-re")
    not_object: ClassVar[str] = "The body must be a JSON object {region?, roleArn?, bucket?}."
    unknown: ClassVar[str] = "Unknown settings {names}: only region, roleArn and bucket."

    region: Region = None
    role_arn: RoleArn = Field(None, alias="roleArn")
    bucket: Bucket = None

    def overrides(self) -> dict:
        """The settings the PUT named, "" for those to discover."""
        return {name: value or "" for name, value in
                self.model_dump(by_alias=True, exclude_unset=True).items()}
