"""What the browser may ask AWS through the proxy: services and their operations.

Everything not listed here is refused with 403. ``operation_of`` works out the
operation of a request the way the service itself does (X-Amz-Target for the
JSON protocols, ``/service/<prefix>/operation/<Op>`` for Smithy RPC v2 CBOR,
``Action=`` for awsQuery, method + path + query for S3 and sagemaker-runtime)
from exactly what the proxy forwards. Each protocol is told by its own
Content-Type, one value; when a request names its operation in more than one
way, all must agree; anything that AWS could read another way is refused.
"""

from __future__ import annotations

import json
import re
from typing import Optional
from urllib.parse import parse_qsl, unquote, urlencode

from .forwarding import media_type
from .refusal import Refusal

ALLOWED: dict[str, frozenset[str]] = {
    "sagemaker": frozenset({
        "CreateTrainingJob", "DescribeTrainingJob", "ListTrainingJobs", "StopTrainingJob",
        "ListTags", "AddTags",
        "CreateModel", "DescribeModel", "DeleteModel",
        "CreateEndpointConfig", "DescribeEndpointConfig", "DeleteEndpointConfig",
        "CreateEndpoint", "DescribeEndpoint", "ListEndpoints", "UpdateEndpoint",
        "DeleteEndpoint", "UpdateEndpointWeightsAndCapacities",
        "DescribeNotebookInstance",
        "CreateTransformJob", "DescribeTransformJob", "ListTransformJobs", "StopTransformJob",
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
    # The price per hour of an instance type, for the cost of a job.
    "pricing": frozenset({"GetProducts"}),
}

# X-Amz-Target prefixes (JSON protocols) and Smithy RPC v2 service names.
TARGET_PREFIX = {
    "sagemaker": "SageMaker",
    "logs": "Logs_20140328",
    "application-autoscaling": "AnyScaleFrontendService",
    "monitoring": "GraniteServiceVersion20100801",
    "sts": "AWSSecurityTokenServiceV20110615",
    "pricing": "AWSPriceListService",
}
FORM = "application/x-www-form-urlencoded"
JSON_1_1 = "application/x-amz-json-1.1"
# The Content-Type of each protocol a service speaks: exactly one reading per request.
PROTOCOLS = {
    "sagemaker": {JSON_1_1: "json"},
    "logs": {JSON_1_1: "json"},
    "application-autoscaling": {JSON_1_1: "json"},
    "monitoring": {"application/x-amz-json-1.0": "json", "application/cbor": "cbor",
                   FORM: "query"},
    "sts": {FORM: "query"},
    "pricing": {JSON_1_1: "json"},
}
# Services that also speak awsQuery (Action=<Op> in a form body).
QUERY_SERVICES = {s for s, types in PROTOCOLS.items() if FORM in types}

_NAME = re.compile(r"[A-Za-z][A-Za-z0-9]{0,127}")
_RPC_PATH = re.compile(r"/service/([^/]+)/operation/([^/]+)")
_INVOKE_PATH = re.compile(r"/endpoints/[^/]+/invocations")
_BUCKET = re.compile(r"[a-z0-9][a-z0-9.\-]{1,61}[a-z0-9]")

# S3 query keys that are parameters, not sub-resources that change the operation.
_S3_PARAMS = {"x-id", "versionId", "partNumber", "uploadId", "uploads"}
_LIST_PARAMS = {"list-type", "prefix", "delimiter", "max-keys", "continuation-token",
                "start-after", "fetch-owner", "encoding-type"}


def refusal(service: str, operation: str) -> str:
    return (f"Request refused: {service} {operation} "
            "is not an operation this extension uses")


def operation_of(service: str, method: str, path: str, query: str,
                 headers, body: Optional[bytes]) -> Optional[str]:
    """The operation this request calls, or None when it cannot be told."""
    try:
        return decide(service, method, path, query, headers, body)[0]
    except Refusal:
        return None


def decide(service: str, method: str, path: str, query: str, headers,
           body: Optional[bytes]) -> tuple[Optional[str], Optional[bytes]]:
    """(operation, body to forward) of a request as AWS will read it; Refusal when the
    request could be read two ways.

    path and query are what goes upstream (still percent-encoded), headers the
    forwarded ones. body None means "not read yet": the checks that need it wait,
    and the operation of an awsQuery form is then None.
    """
    if service == "s3":
        return _s3_operation(method, path, query, headers), body
    if service == "sagemaker-runtime":
        if method == "POST" and _INVOKE_PATH.fullmatch(path) and not query:
            return "InvokeEndpoint", body
        return None, body
    return _rpc_operation(service, method, path, query, headers, body)


def _rpc_operation(service, method, path, query, headers, body):
    prefix = TARGET_PREFIX[service]
    query_fields = parse_qsl(query, keep_blank_values=True)
    content_type = headers.get("Content-Type")
    if service in QUERY_SERVICES and method == "GET" and content_type is None \
            and not body and headers.get("Content-Length", "0") == "0":
        protocol = "query"
    elif method != "POST":
        raise Refusal(f"Request refused: {service} answers POST, not {method}")
    else:
        protocol = PROTOCOLS[service].get(media_type(content_type))
        if protocol is None:
            wanted = " or ".join(PROTOCOLS[service])
            raise Refusal(f"Request refused: Content-Type {content_type!r} is not one "
                          f"{service} reads — send {wanted}")
    target = headers.get("X-Amz-Target")
    if protocol == "query":
        return _query_operation(service, path, query_fields, target, body)
    if query_fields:
        raise Refusal(f"Request refused: a {protocol.upper()} request to {service} has no "
                      "query string")
    if protocol == "json":
        head, _, op = (target or "").partition(".")
        if head != prefix or not op or path not in ("", "/"):
            raise Refusal(f"Request refused: a JSON request to {service} names its operation "
                          f"in X-Amz-Target: {prefix}.<Operation>, and its path is /")
        if body is not None:
            _check_json_object(service, body)
    else:  # Smithy RPC v2 CBOR: the operation is in the path
        rpc = _RPC_PATH.fullmatch(path)
        if not rpc or unquote(rpc.group(1)) != prefix:
            raise Refusal(f"Request refused: a CBOR request to {service} goes to "
                          f"/service/{prefix}/operation/<Operation>")
        op = unquote(rpc.group(2))
        if target is not None and target != f"{prefix}.{op}":
            raise Refusal(f"Request refused: X-Amz-Target {target} and the path name "
                          "different operations")
    return _checked_name(op), body


def _query_operation(service, path, query_fields, target, body):
    if target is not None:
        raise Refusal("Request refused: X-Amz-Target goes with a JSON body, not a form")
    if path not in ("", "/"):
        raise Refusal(f"Request refused: an awsQuery request to {service} goes to /")
    fields = [] if body is None else _form_fields(body)
    in_query = [v for k, v in query_fields if _is_action(k)]
    in_body = [v for k, v in fields if _is_action(k)]
    if len(in_query) > 1 or len(in_body) > 1 or (in_query and in_body and in_query != in_body):
        raise Refusal("Request refused: a form names exactly one Action, the same in the "
                      "query string and the body")
    if body is None and not in_query:
        return None, None  # the form will say
    actions = in_body or in_query
    if not actions:
        raise Refusal(f"Request refused: the {service} form names no Action")
    # What goes upstream is rebuilt from what was parsed, so AWS reads what was checked.
    rebuilt = urlencode(fields).encode("ascii") if body else body
    return _checked_name(actions[0]), rebuilt


def _is_action(key: str) -> bool:
    if key.lower() == "action" and key != "Action":
        raise Refusal(f"Request refused: {key!r} — the parameter is spelled Action")
    return key == "Action"


def _form_fields(body: bytes) -> list[tuple[str, str]]:
    try:
        return parse_qsl(body.decode("ascii"), keep_blank_values=True, strict_parsing=True,
                         errors="strict") if body else []
    except (UnicodeDecodeError, ValueError):
        raise Refusal("Request refused: the form body must be ASCII, "
                      "application/x-www-form-urlencoded, and parse completely")


def _check_json_object(service: str, body: bytes) -> None:
    try:
        parsed = json.loads(body.decode("utf-8")) if body else {}
    except (UnicodeDecodeError, ValueError):
        parsed = None
    if not isinstance(parsed, dict):
        raise Refusal(f"Request refused: the body of a JSON request to {service} must be "
                      "a JSON object in UTF-8")


def _checked_name(op: str) -> str:
    if not _NAME.fullmatch(op):
        raise Refusal(f"Request refused: {op[:80]!r} is not an operation name")
    return op


def _s3_operation(method, path, query, headers) -> Optional[str]:
    segments = path.split("/")
    if len(segments) < 2 or segments[0] != "" or not _BUCKET.fullmatch(unquote(segments[1])):
        return None
    has_key = len(segments) > 2 and "/".join(segments[2:]) != ""
    keys = [k for k, _ in parse_qsl(query, keep_blank_values=True)]
    overrides = sorted(k for k in keys if k.lower().startswith("response-"))
    if overrides:
        raise Refusal(f"Request refused: S3 answer overrides ({', '.join(overrides)}) are not "
                      "forwarded — they could make an object render as a page")
    params = dict(parse_qsl(query, keep_blank_values=True))
    subs = [k for k in keys if k not in _S3_PARAMS]
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
