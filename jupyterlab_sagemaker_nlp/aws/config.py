"""Region, account, execution role and default bucket, found as the SageMaker Python SDK does.

region:  frontend setting → server config → AWS_REGION → botocore (AWS_DEFAULT_REGION,
         profile) → on a Notebook instance, the region of its ResourceArn
account: STS GetCallerIdentity
role:    frontend setting → server config → on a Notebook instance its RoleArn
         (DescribeNotebookInstance), in Studio the user's or space's execution role
         → the caller itself when it is an assumed role
bucket:  frontend setting → server config → sagemaker-{region}-{account}
"""

from __future__ import annotations

import json
import os
import re
import threading
import time
from typing import Any, Callable, Optional

from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from ..wire import BadRequest
from .models import AwsSettings
from .settings import SageMakerNLPAWS
from .signing import NO_CREDENTIALS, CredentialSource

SETTINGS = "Settings → SageMaker NLP training"
NO_REGION = f"No AWS region: set one in {SETTINGS}, or AWS_REGION / a profile"


class ConfigError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def check_settings(body: Any) -> dict:
    """The {"region"?, "roleArn"?, "bucket"?} of a PUT, checked; "" or null = discover."""
    try:
        return AwsSettings.parse(body).overrides()
    except BadRequest as e:
        raise ConfigError(e.status, e.message)


def role_of_caller(arn: str) -> Optional[str]:
    """arn:aws:sts::123:assumed-role/Name/session → arn:aws:iam::123:role/Name (as the SDK)."""
    m = re.match(r"^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role/([^/]+)/", arn or "")
    if not m:
        m2 = re.match(r"^arn:aws[a-z-]*:iam::\d{12}:role/", arn or "")
        return arn if m2 else None
    partition, account, name = m.groups()
    path = "service-role/" if "AmazonSageMaker-ExecutionRole" in name else ""
    return f"arn:{partition}:iam::{account}:role/{path}{name}"


class AwsConfig:
    def __init__(self, settings: SageMakerNLPAWS, credentials: CredentialSource,
                 session_factory: Callable, log=None):
        self.settings = settings
        self.credentials = credentials
        self.session_factory = session_factory
        self.log = log
        self.overrides = {"region": "", "roleArn": "", "bucket": ""}
        self._region: Optional[str] = None
        self._region_known = False
        self._answer: Optional[dict] = None
        self._answered_at = 0.0
        self._lock = threading.Lock()

    # -- cheap parts (no network) ---------------------------------------------------------

    def metadata(self) -> dict:
        try:
            with open(self.settings.notebook_metadata_path) as f:
                data = json.load(f)
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}

    def region(self) -> Optional[str]:
        with self._lock:
            if not self._region_known:
                self._region = self._find_region()
                self._region_known = True
            return self._region

    def _find_region(self) -> Optional[str]:
        for value in (self.overrides["region"], self.settings.region,
                      os.environ.get("AWS_REGION", "")):
            if value:
                return value
        try:
            value = self.session_factory().get_config_variable("region")
        except BotoCoreError:
            value = None
        if value:
            return value
        arn = str(self.metadata().get("ResourceArn", ""))
        parts = arn.split(":")
        return parts[3] if len(parts) > 5 and parts[3] else None

    def update(self, values: dict) -> None:
        with self._lock:
            self.overrides.update(values)
            self._region_known = False
            self._answer = None

    def cached(self, refresh: bool = False) -> Optional[dict]:
        fresh = time.monotonic() - self._answered_at < self.settings.discovery_cache_seconds
        return self._answer if self._answer is not None and fresh and not refresh else None

    # -- discovery (blocking: run it in an executor) --------------------------------------

    def client(self, name: str, region: str, credentials):
        return self.session_factory().create_client(
            name, region_name=region,
            aws_access_key_id=credentials.access_key,
            aws_secret_access_key=credentials.secret_key,
            aws_session_token=credentials.token,
            config=Config(connect_timeout=5, read_timeout=20, retries={"max_attempts": 2},
                          s3={"addressing_style": "path"}),
        )

    def discover(self) -> dict:
        with self._lock:
            self._region_known = False
        metadata = self.metadata()
        arn = str(metadata.get("ResourceArn", ""))
        region = self.region()
        answer: dict[str, Any] = {
            "region": region, "account": None, "roleArn": None, "bucket": None,
            "bucketStatus": "unknown", "onNotebookInstance": ":notebook-instance/" in arn,
            "problems": [],
        }
        problems = answer["problems"]
        try:
            credentials = self.credentials.frozen()
        except BotoCoreError as e:
            credentials = None
            problems.append(f"{NO_CREDENTIALS} ({e})")
        else:
            if credentials is None:
                problems.append(NO_CREDENTIALS)
        if not region:
            problems.append(NO_REGION)
        if credentials is None or not region:
            return self._keep(answer)
        caller = ""
        try:
            identity = self.client("sts", region, credentials).get_caller_identity()
            answer["account"], caller = identity["Account"], identity["Arn"]
        except (ClientError, BotoCoreError) as e:
            problems.append(f"AWS refused the server's credentials ({_reason(e)}): check "
                            "AWS_PROFILE or the instance role, then restart JupyterLab")
        answer["roleArn"] = self._role(region, credentials, metadata, caller, problems)
        account = answer["account"]
        bucket = self.overrides["bucket"] or self.settings.bucket or (
            f"sagemaker-{region}-{account}" if account else None)
        answer["bucket"] = bucket
        if bucket and account:
            answer["bucketStatus"] = self._bucket_status(bucket, region, account, credentials,
                                                         caller, problems)
        return self._keep(answer)

    def _keep(self, answer: dict) -> dict:
        with self._lock:
            self._answer, self._answered_at = answer, time.monotonic()
        return answer

    def _role(self, region, credentials, metadata, caller, problems) -> Optional[str]:
        role = self.overrides["roleArn"] or self.settings.role_arn
        if role:
            return role
        sagemaker = None
        try:
            if ":notebook-instance/" in str(metadata.get("ResourceArn", "")):
                sagemaker = self.client("sagemaker", region, credentials)
                return sagemaker.describe_notebook_instance(
                    NotebookInstanceName=metadata.get("ResourceName", ""))["RoleArn"]
            if metadata.get("DomainId"):
                return _studio_role(self.client("sagemaker", region, credentials), metadata)
        except (ClientError, BotoCoreError, KeyError) as e:
            problems.append(f"Could not read this instance's execution role ({_reason(e)}): "
                            f"set roleArn in {SETTINGS}")
            return None
        role = role_of_caller(caller)
        if role is None and caller:
            problems.append(
                f"No SageMaker execution role: the server runs as {caller}, which is not a "
                f"role; set roleArn in {SETTINGS} (an IAM role SageMaker can assume, e.g. "
                "with the AmazonSageMakerFullAccess policy)")
        return role

    def _bucket_status(self, bucket, region, account, credentials, caller, problems) -> str:
        s3 = self.client("s3", region, credentials)
        try:
            s3.head_bucket(Bucket=bucket, ExpectedBucketOwner=account)
            location = s3.get_bucket_location(
                Bucket=bucket, ExpectedBucketOwner=account).get("LocationConstraint")
        except ClientError as e:
            status = e.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
            if status == 404:
                # Not a problem: the frontend offers to create it at submit,
                # as the SDK creates its default bucket.
                return "missing"
            if status == 403:
                problems.append(f"The bucket {bucket} belongs to another AWS account or "
                                f"denies access to {caller or 'the server'}: choose a bucket "
                                f"of your own in {SETTINGS}")
                return "other-owner"
            problems.append(f"Could not check the bucket {bucket} ({_reason(e)})")
            return "unknown"
        except BotoCoreError as e:
            problems.append(f"Could not check the bucket {bucket} ({_reason(e)})")
            return "unknown"
        location = {None: "us-east-1", "": "us-east-1", "EU": "eu-west-1"}.get(location, location)
        if location != region:
            problems.append(f"The bucket {bucket} is in {location}, not in {region}: SageMaker "
                            f"needs a bucket in the job's region; choose another in {SETTINGS}")
            return "other-region"
        return "ok"

    def create_bucket(self) -> None:
        """Create the bucket of the current answer (after the user agreed)."""
        answer = self._answer or self.discover()
        region, bucket = answer["region"], answer["bucket"]
        try:
            credentials = self.credentials.frozen()
        except BotoCoreError as e:
            raise ConfigError(401, f"{NO_CREDENTIALS} ({e})")
        if credentials is None:
            raise ConfigError(401, NO_CREDENTIALS)
        if not region or not bucket:
            raise ConfigError(409, "No bucket to create: " + "; ".join(answer["problems"]))
        kwargs: dict[str, Any] = {"Bucket": bucket}
        if region != "us-east-1":
            kwargs["CreateBucketConfiguration"] = {"LocationConstraint": region}
        try:
            self.client("s3", region, credentials).create_bucket(**kwargs)
        except ClientError as e:
            code = e.response.get("Error", {}).get("Code")
            if code != "BucketAlreadyOwnedByYou":
                status = e.response.get("ResponseMetadata", {}).get("HTTPStatusCode") or 502
                raise ConfigError(status if 400 <= status < 500 else 502,
                                  f"Could not create the bucket {bucket} ({_reason(e)})")
        except BotoCoreError as e:
            raise ConfigError(502, f"Could not create the bucket {bucket} ({_reason(e)})")


def _studio_role(sagemaker, metadata: dict) -> str:
    domain = metadata["DomainId"]
    if metadata.get("UserProfileName"):
        profile = sagemaker.describe_user_profile(
            DomainId=domain, UserProfileName=metadata["UserProfileName"])
        role = profile.get("UserSettings", {}).get("ExecutionRole")
        if role:
            return role
    if metadata.get("SpaceName"):
        space = sagemaker.describe_space(DomainId=domain, SpaceName=metadata["SpaceName"])
        role = space.get("SpaceSettings", {}).get("ExecutionRole")
        if role:
            return role
    domain_info = sagemaker.describe_domain(DomainId=domain)
    return (domain_info.get("DefaultSpaceSettings", {}).get("ExecutionRole")
            if metadata.get("SpaceName") else None) or \
        domain_info["DefaultUserSettings"]["ExecutionRole"]


def _reason(e: Exception) -> str:
    if isinstance(e, ClientError):
        error = e.response.get("Error", {})
        return f"{error.get('Code', '?')}: {error.get('Message', '')}".rstrip(": ")
    return str(e)
