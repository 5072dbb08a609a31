"""What the browser may ask AWS through the proxy: services and their operations.

Everything not listed here is refused with 403. ``operation_of`` works out the
operation of a request the way the service itself does (X-Amz-Target for the
JSON protocols, ``/service/<prefix>/operation/<Op>`` for Smithy RPC v2 CBOR,
``Action=`` for awsQuery, method + path + query for S3 and sagemaker-runtime);
when a request names its operation in more than one way, all must agree.
"""

from __future__ import annotations

import re
from typing import Optional
from urllib.parse import parse_qsl, unquote

ALLOWED: dict[str, frozenset[str]] = {
    "sagemaker": frozenset({
        "CreateTrainingJob", "DescribeTrainingJob", "ListTrainingJobs", "StopTrainingJob",
        "ListTags", "AddTags",
        "CreateModel", "DescribeModel", "DeleteModel",
        "CreateEndpointConfig", "DescribeEndpointConfig", "DeleteEndpointConfig",
        "CreateEndpoint", "DescribeEndpoint", "ListEndpoints", "UpdateEndpoint",
        "DeleteEndpoint", "UpdateEndpointWeightsAndCapacities",
        "DescribeNotebookInstance",
    }),
    "sagemaker-runtime": frozenset({"InvokeEndpoint"}),
    "s3": frozenset({
        "PutObject", "GetObject", "HeadObject", "DeleteObject", "DeleteObjects",
        "CreateMultipartUpload", "UploadPart", "CompleteMultipartUpload",
        "AbortMultipartUpload", "ListObjectsV2", "HeadBucket", "CreateBucket",
        "GetBucketLocation",
    }),
    "monitoring": frozenset({"GetMetricData", "ListMetrics"}),
    "logs": frozenset({"GetLogEvents", "FilterLogEvents", "DescribeLogStreams"}),
    "sts": frozenset({"GetCallerIdentity"}),
    "application-autoscaling": frozenset({
        "RegisterScalableTarget", "DeregisterScalableTarget", "DescribeScalableTargets",
        "PutScalingPolicy", "DescribeScalingPolicies", "DeleteScalingPolicy",
    }),
}

# X-Amz-Target prefixes (JSON protocols) and Smithy RPC v2 service names.
TARGET_PREFIX = {
    "sagemaker": "SageMaker",
    "logs": "Logs_20140328",
    "application-autoscaling": "AnyScaleFrontendService",
    "monitoring": "GraniteServiceVersion20100801",
    "sts": "AWSSecurityTokenServiceV20110615",
}
# Services that also speak awsQuery (Action=<Op> in a form body).
QUERY_SERVICES = {"monitoring", "sts"}

_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9]{0,127}$")
_RPC_PATH = re.compile(r"^/service/([^/]+)/operation/([^/]+)$")
_INVOKE_PATH = re.compile(r"^/endpoints/[^/]+/invocations$")
_BUCKET = re.compile(r"^[a-z0-9][a-z0-9.\-]{1,61}[a-z0-9]$")

# S3 query keys that are parameters, not sub-resources that change the operation.
_S3_PARAMS = {"x-id", "versionId", "partNumber", "uploadId", "uploads"}
_LIST_PARAMS = {"list-type", "prefix", "delimiter", "max-keys", "continuation-token",
                "start-after", "fetch-owner", "encoding-type"}


def refusal(service: str, operation: str) -> str:
    return (f"Request refused: {service} {operation} "
            "is not an operation this extension uses")


def operation_of(service: str, method: str, path: str, query: str,
                 headers, body: bytes) -> Optional[str]:
    """The operation this request calls, or None when it cannot be told.

    path is the raw (still percent-encoded) path below ``/aws/<service>``.
    """
    if service == "s3":
        return _s3_operation(method, path, query, headers)
    if service == "sagemaker-runtime":
        if method == "POST" and _INVOKE_PATH.match(path):
            return "InvokeEndpoint"
        return None
    return _rpc_operation(service, method, path, query, headers, body)


def _rpc_operation(service, method, path, query, headers, body) -> Optional[str]:
    prefix = TARGET_PREFIX.get(service)
    found: set[str] = set()
    target = headers.get("X-Amz-Target")
    if target is not None:
        head, _, op = target.partition(".")
        if head != prefix or not op:
            return None
        found.add(op)
    rpc = _RPC_PATH.match(path)
    if rpc:
        if unquote(rpc.group(1)) != prefix:
            return None
        found.add(unquote(rpc.group(2)))
    elif path not in ("", "/"):
        return None
    if service in QUERY_SERVICES:
        for source in (query, _form_text(headers, body)):
            actions = [v for k, v in parse_qsl(source, keep_blank_values=True) if k == "Action"]
            found.update(actions)
    elif any(k == "Action" for k, _ in parse_qsl(query, keep_blank_values=True)):
        return None
    if method != "POST" and not (service in QUERY_SERVICES and method == "GET"):
        return None
    if len(found) != 1:
        return None
    op = found.pop()
    return op if _NAME.match(op) else None


def _form_text(headers, body: bytes) -> str:
    ctype = headers.get("Content-Type", "")
    if not body or not ctype.lower().startswith("application/x-www-form-urlencoded"):
        return ""
    try:
        return body.decode("ascii")
    except UnicodeDecodeError:
        return ""


def _s3_operation(method, path, query, headers) -> Optional[str]:
    segments = path.split("/")
    if len(segments) < 2 or segments[0] != "" or not _BUCKET.match(unquote(segments[1])):
        return None
    has_key = len(segments) > 2 and "/".join(segments[2:]) != ""
    keys = [k for k, _ in parse_qsl(query, keep_blank_values=True)]
    params = dict(parse_qsl(query, keep_blank_values=True))
    subs = [k for k in keys if k not in _S3_PARAMS and not k.startswith("response-")]
    verb = {"GET": "Get", "PUT": "Put", "DELETE": "Delete", "HEAD": "Head", "POST": "Post"}[method]
    if not has_key:
        if method == "GET" and params.get("list-type") == "2":
            return "ListObjectsV2" if set(subs) <= _LIST_PARAMS else None
        if method == "POST" and subs == ["delete"]:
            return "DeleteObjects"
        if subs:
            return f"{verb}Bucket{_title(subs[0])}"
        if "uploads" in keys:
            return "ListMultipartUploads"
        return {"PUT": "CreateBucket", "HEAD": "HeadBucket", "GET": "ListObjects",
                "DELETE": "DeleteBucket"}.get(method)
    if subs:
        return f"{verb}Object{_title(subs[0])}"
    if "X-Amz-Copy-Source" in headers:
        return "UploadPartCopy" if "partNumber" in keys else "CopyObject"
    upload = "uploadId" in keys
    if "uploads" in keys and (method != "POST" or upload):
        return None
    if method == "PUT":
        if upload and "partNumber" in keys:
            return "UploadPart"
        return None if upload or "partNumber" in keys else "PutObject"
    if method == "POST":
        if "uploads" in keys:
            return "CreateMultipartUpload"
        return "CompleteMultipartUpload" if upload else None
    if method == "DELETE":
        return "AbortMultipartUpload" if upload else "DeleteObject"
    if method == "GET":
        return "ListParts" if upload else "GetObject"
    if method == "HEAD":
        return None if upload else "HeadObject"
    return None


def _title(sub: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[-_]", sub))
