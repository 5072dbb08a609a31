"""The allow-list: which operation a request calls, without a server."""

from __future__ import annotations

import pytest
from tornado.httputil import HTTPHeaders

from jupyterlab_sagemaker_nlp.aws.operations import ALLOWED, decide, operation_of
from jupyterlab_sagemaker_nlp.aws.forwarding import clean_path, clean_query
from jupyterlab_sagemaker_nlp.aws.relay import scrub
from botocore.credentials import ReadOnlyCredentials

FORM = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
JSON = {"Content-Type": "application/x-amz-json-1.1"}
CBOR = {"Content-Type": "application/cbor", "smithy-protocol": "rpc-v2-cbor"}
CW = "GraniteServiceVersion20100801"


def op(service, method, path, query="", headers=None, body=b""):
    return operation_of(service, method, path, query, HTTPHeaders(headers or {}), body)


@pytest.mark.parametrize("method,path,query,headers,expected", [
    ("PUT", "/my-bucket", "", {}, "CreateBucket"),
    ("HEAD", "/my-bucket", "", {}, "HeadBucket"),
    ("GET", "/my-bucket", "list-type=2&prefix=a%2Fb", {}, "ListObjectsV2"),
    ("GET", "/my-bucket", "location", {}, "GetBucketLocation"),
    ("GET", "/my-bucket", "", {}, "ListObjects"),
    ("POST", "/my-bucket", "delete", {}, "DeleteObjects"),
    ("PUT", "/my-bucket", "policy", {}, "PutBucketPolicy"),
    ("DELETE", "/my-bucket", "", {}, "DeleteBucket"),
    ("GET", "/my-bucket", "uploads", {}, "ListMultipartUploads"),
    ("PUT", "/my-bucket/a/b.txt", "x-id=PutObject", {}, "PutObject"),
    ("GET", "/my-bucket/a/b.txt", "x-id=GetObject", {}, "GetObject"),
    ("GET", "/my-bucket/a/b.txt", "x-id=GetObject&response-content-type=text/html", {}, None),
    ("GET", "/my-bucket/a/b.txt", "Response-Content-Disposition=inline", {}, None),
    ("HEAD", "/my-bucket/a/b.txt", "", {}, "HeadObject"),
    ("DELETE", "/my-bucket/a/b.txt", "", {}, "DeleteObject"),
    ("POST", "/my-bucket/a/b.txt", "uploads", {}, "CreateMultipartUpload"),
    ("PUT", "/my-bucket/a/b.txt", "partNumber=1&uploadId=x", {}, "UploadPart"),
    ("POST", "/my-bucket/a/b.txt", "uploadId=x", {}, "CompleteMultipartUpload"),
    ("DELETE", "/my-bucket/a/b.txt", "uploadId=x", {}, "AbortMultipartUpload"),
    ("GET", "/my-bucket/a/b.txt", "uploadId=x", {}, "ListParts"),
    ("PUT", "/my-bucket/a/b.txt", "", {"X-Amz-Copy-Source": "/o/k"}, "CopyObject"),
    ("PUT", "/my-bucket/a/b.txt", "partNumber=1&uploadId=x", {"X-Amz-Copy-Source": "/o/k"},
     "UploadPartCopy"),
    ("PUT", "/my-bucket/a/b.txt", "tagging", {}, "PutObjectTagging"),
    ("PUT", "/my-bucket/a/b.txt", "acl", {}, "PutObjectAcl"),
    ("GET", "/my-bucket", "list-type=2&policy", {}, None),
    ("PUT", "/my-bucket/a/b.txt", "uploads", {}, None),
    ("POST", "/my-bucket/a/b.txt", "uploads&uploadId=x", {}, None),
    ("GET", "/", "", {}, None),
    ("PUT", "/Bad_Bucket/k", "", {}, None),
])
def test_s3_operations(method, path, query, headers, expected):
    assert op("s3", method, path, query, headers) == expected


def test_json_protocols_use_the_target():
    target = {"X-Amz-Target": "SageMaker.CreateTrainingJob", **JSON}
    assert op("sagemaker", "POST", "/", headers=target, body=b"{}") == "CreateTrainingJob"
    assert op("sagemaker", "POST", "/", headers={**JSON, "X-Amz-Target": "Other.CreateTrainingJob"}) is None
    assert op("sagemaker", "POST", "/other", headers=target) is None
    assert op("sagemaker", "GET", "/", headers=target) is None
    assert op("logs", "POST", "/", headers={"X-Amz-Target": "Logs_20140328.GetLogEvents", **JSON}) \
        == "GetLogEvents"
    assert op("application-autoscaling", "POST", "/",
              headers={"X-Amz-Target": "AnyScaleFrontendService.PutScalingPolicy", **JSON}) \
        == "PutScalingPolicy"
    assert op("pricing", "POST", "/",
              headers={"X-Amz-Target": "AWSPriceListService.GetProducts", **JSON}) == "GetProducts"
    assert op("pricing", "POST", "/", headers={"X-Amz-Target": "AWSPriceListService.GetProducts",
                                               "Content-Type": "application/x-amz-json-1.0"}) is None


def test_each_protocol_is_told_by_its_own_content_type():
    target = {"X-Amz-Target": "SageMaker.ListTrainingJobs"}
    assert op("sagemaker", "POST", "/", headers=target, body=b"{}") is None
    for content_type in ("application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                         "application/x-amz-json-1.0", "application/x-amz-json-1.1; v=2",
                         "text/plain"):
        assert op("sagemaker", "POST", "/", headers={**target, "Content-Type": content_type},
                  body=b"{}") is None, content_type
    assert op("sagemaker", "POST", "/", headers={**target, **JSON}, body=b"Action=X") is None
    assert op("sagemaker", "POST", "/", headers={**target, **JSON}, body=b"[]") is None
    assert op("sagemaker", "POST", "/", "Action=DeleteModel", headers={**target, **JSON},
              body=b"{}") is None
    assert op("sts", "POST", "/", headers={"Content-Type": "multipart/form-data; boundary=b"},
              body=b"--b\r\n") is None


def test_a_form_must_parse_completely_and_name_one_action():
    assert op("sts", "POST", "/", headers=FORM, body="Action=GetCallerIdentity&x=é".encode()) \
        is None
    assert op("sts", "POST", "/", headers=FORM, body=b"Action=GetCallerIdentity&junk") is None
    assert op("sts", "POST", "/", headers=FORM,
              body=b"Action=GetCallerIdentity&Action=AssumeRole") is None
    assert op("sts", "POST", "/", headers=FORM, body=b"Action=GetCallerIdentity&action=AssumeRole") \
        is None
    assert op("sts", "POST", "/", "Action=GetCallerIdentity", headers=FORM,
              body=b"Version=2011-06-15") == "GetCallerIdentity"
    assert op("sts", "POST", "/", headers=FORM, body=b"Version=2011-06-15") is None
    assert op("sts", "POST", "/", headers={**FORM, "X-Amz-Target": "x.GetCallerIdentity"},
              body=b"Action=GetCallerIdentity") is None


def test_the_forwarded_form_is_rebuilt_from_what_was_parsed():
    _, body = decide("sts", "POST", "/", "", HTTPHeaders(FORM),
                     b"Action=GetCallerIdentity&Version=2011-06-15&Note=a%20b")
    assert body == b"Action=GetCallerIdentity&Version=2011-06-15&Note=a+b"


def test_cloudwatch_in_all_three_protocols():
    assert op("monitoring", "POST", "/", headers={"X-Amz-Target": f"{CW}.GetMetricData",
                                                  "Content-Type": "application/x-amz-json-1.0"},
              body=b"{}") == "GetMetricData"
    assert op("monitoring", "POST", f"/service/{CW}/operation/GetMetricData",
              headers=CBOR) == "GetMetricData"
    assert op("monitoring", "POST", f"/service/{CW}/operation/GetMetricData",
              headers={"smithy-protocol": "rpc-v2-cbor"}) is None
    assert op("monitoring", "POST", "/", headers=FORM,
              body=b"Action=ListMetrics&Version=2010-08-01") == "ListMetrics"


def test_an_operation_named_twice_must_agree():
    # The proxy must see the operation AWS will run: a target saying one thing and a
    # form body or a path saying another is refused.
    assert op("monitoring", "POST", "/", headers={"X-Amz-Target": f"{CW}.GetMetricData", **FORM},
              body=b"Action=DeleteAlarms&AlarmNames.member.1=a") is None
    assert op("monitoring", "POST", f"/service/{CW}/operation/DeleteAlarms",
              headers={"X-Amz-Target": f"{CW}.GetMetricData", **CBOR}) is None
    assert op("sts", "POST", "/", "Action=AssumeRole", headers=FORM,
              body=b"Action=GetCallerIdentity") is None


def test_sts_and_runtime():
    assert op("sts", "POST", "/", headers=FORM,
              body=b"Action=GetCallerIdentity&Version=2011-06-15") == "GetCallerIdentity"
    assert op("sts", "POST", "/", headers=FORM, body=b"Action=AssumeRole") == "AssumeRole"
    assert op("sagemaker-runtime", "POST", "/endpoints/my-ep/invocations") == "InvokeEndpoint"
    assert op("sagemaker-runtime", "POST", "/endpoints/my-ep/invocations-response-stream") is None
    assert op("sagemaker-runtime", "POST", "/endpoints/my-ep/../x/invocations") is None


def test_allow_list_is_what_the_extension_uses():
    assert "DeleteNotebookInstance" not in ALLOWED["sagemaker"]
    assert "PutBucketPolicy" not in ALLOWED["s3"]
    assert ALLOWED["sts"] == {"GetCallerIdentity"}
    assert ALLOWED["pricing"] == {"GetProducts"}
    assert set(ALLOWED) == {"sagemaker", "sagemaker-runtime", "s3", "monitoring", "logs", "sts",
                            "application-autoscaling", "pricing"}


def test_paths_and_queries_are_encoded_the_aws_way():
    assert clean_path("/b/a%20b/c+d/%E2%82%AC!") == "/b/a%20b/c%2Bd/%E2%82%AC%21"
    assert clean_path("/b/a%2Fb") == "/b/a%2Fb"
    assert clean_path("/b/../c") is None
    assert clean_path("/b/%2e%2E/c") is None
    assert clean_path("") == "/"
    assert clean_query("uploads") == "uploads"
    assert clean_query("prefix=a/b c&list-type=2") == "prefix=a%2Fb%20c&list-type=2"
    assert clean_query("x-id=GetObject&X-Amz-Signature=abc&X-Amz-Security-Token=t&"
                       "X-Amz-Credential=AKIA%2F&&versionId=1") == "x-id=GetObject&versionId=1"


def test_error_bodies_lose_what_echoes_credentials():
    credentials = ReadOnlyCredentials("AKIAKEY", "SECRET", "TOKEN")
    body = (b"<Error><Code>SignatureDoesNotMatch</Code><AWSAccessKeyId>AKIAKEY</AWSAccessKeyId>"
            b"<StringToSign>AWS4-HMAC-SHA256\n...</StringToSign>"
            b"<CanonicalRequest>PUT\n/\n\nx-amz-security-token:TOKEN\n</CanonicalRequest>"
            b"<CanonicalRequestBytes>50 55 54</CanonicalRequestBytes>"
            b"<Message>key AKIAKEY token TOKEN</Message></Error>")
    clean = scrub(body, credentials)
    assert b"AKIAKEY" not in clean and b"TOKEN" not in clean and b"50 55 54" not in clean
    assert b"<Code>SignatureDoesNotMatch</Code>" in clean
