"""The signing proxy, end to end: a real Jupyter server, a real moto server, boto3 as the browser."""

from __future__ import annotations

import datetime as dt
import json
import os
import socket

import pytest
from botocore.exceptions import ClientError
from tornado.httpclient import AsyncHTTPClient

from aws_fixtures import *  # noqa: F401,F403
from aws_fixtures import ACCOUNT, KEY_ID, SECRET, TOKEN, body_of, in_thread

MiB = 1024 * 1024
CW = "GraniteServiceVersion20100801"
TRAINING_JOB = {
    "TrainingJobName": "proxy-job-1",
    "AlgorithmSpecification": {"TrainingImage": "763104351884.dkr.ecr.us-east-1.amazonaws.com/"
                               "huggingface-pytorch-training:2.1-cpu", "TrainingInputMode": "File"},
    "RoleArn": f"arn:aws:iam::{ACCOUNT}:role/SageMakerRole",
    "OutputDataConfig": {"S3OutputPath": "s3://some-bucket/output"},
    "ResourceConfig": {"InstanceType": "ml.m5.large", "InstanceCount": 1, "VolumeSizeInGB": 30},
    "StoppingCondition": {"MaxRuntimeInSeconds": 3600},
    "HyperParameters": {"epochs": "1"},
}


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def read(s3, **kwargs) -> dict:
    answer = s3.get_object(**kwargs)
    answer["Body"] = answer["Body"].read()
    return answer


def assert_no_credentials(*texts) -> None:
    for text in texts:
        blob = text if isinstance(text, bytes) else str(text).encode()
        for secret in (SECRET, TOKEN, KEY_ID):
            assert secret.encode() not in blob, f"{secret} leaked"


@pytest.fixture
def raw(http_server, jp_http_port, jp_base_url, jp_auth_header):
    """Plain HTTP to the server (odd paths and headers the SDK would not send)."""
    async def fetch(path: str, method: str = "GET", body=None, headers=None, auth=True):
        all_headers = dict(jp_auth_header) if auth else {}
        all_headers.update(headers or {})
        url = f"http://localhost:{jp_http_port}{jp_base_url}{path.lstrip('/')}"
        response = await AsyncHTTPClient().fetch(
            url, method=method, body=body, headers=all_headers, raise_error=False,
            follow_redirects=False, allow_nonstandard_methods=True)
        assert_no_credentials(response.body or b"", list(response.headers.get_all()))
        return response
    return fetch


async def test_logged_out_requests_are_refused_and_reach_nothing(raw, moto):
    for method, path, body in [
        ("PUT", "sagemaker-nlp/aws/s3/logged-out-bucket", b""),
        ("GET", "sagemaker-nlp/aws/s3/logged-out-bucket?list-type=2", None),
        ("POST", "sagemaker-nlp/aws/sts", b"Action=GetCallerIdentity&Version=2011-06-15"),
        ("GET", "sagemaker-nlp/aws-config", None),
    ]:
        response = await raw(path, method, body, auth=False)
        assert response.code in (401, 403), (method, path, response.code)
    response = await raw("sagemaker-nlp/aws/s3/logged-out-bucket", "PUT", b"",
                         headers={"Authorization": "token not-the-token"}, auth=False)
    assert response.code in (401, 403)
    assert moto("s3").list_buckets()["Buckets"] == []


@pytest.mark.parametrize("path,body,headers", [
    ("sagemaker-nlp/aws/iam", b"Action=ListUsers&Version=2010-05-08", {}),
    ("sagemaker-nlp/aws/ec2", b"Action=DescribeInstances&Version=2016-11-15", {}),
    ("sagemaker-nlp/aws/sagemaker", b"{}", {"X-Amz-Target": "SageMaker.DeleteNotebookInstance"}),
    ("sagemaker-nlp/aws/sts", b"Action=AssumeRole&RoleArn=x", {}),
    ("sagemaker-nlp/aws/logs", b"{}", {"X-Amz-Target": "Logs_20140328.DeleteLogGroup"}),
    ("sagemaker-nlp/aws/monitoring", b"", {"X-Amz-Target": f"{CW}.DeleteAlarms"}),
])
async def test_other_services_and_operations_are_refused(raw, path, body, headers):
    headers = {"Content-Type": "application/x-www-form-urlencoded", **headers}
    response = await raw(path, "POST", body, headers)
    assert response.code == 403
    assert "refused" in body_of(response)["message"]


async def test_refusals_name_the_operation(proxy, moto, raw):
    sagemaker = proxy("sagemaker")
    with pytest.raises(ClientError) as e:
        await in_thread(sagemaker.delete_notebook_instance, NotebookInstanceName="nb")
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
    response = await raw("sagemaker-nlp/aws/sagemaker", "POST", b"{}", {
        "X-Amz-Target": "SageMaker.DeleteNotebookInstance",
        "Content-Type": "application/x-amz-json-1.1"})
    assert body_of(response) == {
        "message": "Request refused: sagemaker DeleteNotebookInstance is not an operation "
                   "this extension uses", "reason": "refused"}
    assert response.headers["X-SageMaker-NLP-Proxy-Error"] == "refused"

    moto("s3").create_bucket(Bucket="policy-bucket")
    s3 = proxy("s3")
    with pytest.raises(ClientError) as e:
        await in_thread(s3.put_bucket_policy, Bucket="policy-bucket", Policy=json.dumps({
            "Version": "2012-10-17", "Statement": []}))
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
    with pytest.raises(ClientError):
        moto("s3").get_bucket_policy(Bucket="policy-bucket")
    for call, kwargs in [(s3.list_buckets, {}),
                         (s3.copy_object, {"Bucket": "policy-bucket", "Key": "b",
                                           "CopySource": "policy-bucket/a"}),
                         (s3.delete_bucket, {"Bucket": "policy-bucket"})]:
        with pytest.raises(ClientError) as e:
            await in_thread(call, **kwargs)
        assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
    assert [b["Name"] for b in moto("s3").list_buckets()["Buckets"]] == ["policy-bucket"]


async def test_nothing_from_the_browser_picks_the_host(proxy, moto, raw, jp_http_port):
    nowhere = f"127.0.0.1:{closed_port()}"

    def elsewhere(request, **kwargs):
        request.headers["X-Forwarded-Host"] = "evil.example"
        request.headers["Forwarded"] = "host=evil.example;proto=https"
        request.headers["X-Forwarded-Proto"] = "https"
        request.headers["X-Amz-Endpoint"] = "https://evil.example"
        request.headers["Host"] = f"localhost:{jp_http_port}"
        request.headers["X-Original-Host"] = nowhere

    sagemaker = proxy("sagemaker")
    sagemaker.meta.events.register("before-send", elsewhere)
    await in_thread(sagemaker.create_training_job, **TRAINING_JOB)
    job = moto("sagemaker").describe_training_job(TrainingJobName="proxy-job-1")
    assert job["TrainingJobName"] == "proxy-job-1"

    # A Host the server accepts (it is local) but where nothing listens: still lands in moto.
    moto("s3").create_bucket(Bucket="host-bucket")
    response = await raw("sagemaker-nlp/aws/s3/host-bucket/by-host", "PUT", b"x",
                         {"Host": nowhere})
    assert response.code == 200
    assert moto("s3").get_object(Bucket="host-bucket", Key="by-host")["Body"].read() == b"x"

    # An absolute URL in the path is a key in the bucket, not a host.
    response = await raw("sagemaker-nlp/aws/s3/host-bucket/http://evil.example/object", "PUT",
                         b"absolute")
    assert response.code == 200, response.body
    got = moto("s3").get_object(Bucket="host-bucket", Key="http://evil.example/object")
    assert got["Body"].read() == b"absolute"
    response = await raw("sagemaker-nlp/aws/s3/host-bucket/a/../../other-bucket/key", "PUT", b"x")
    assert response.code == 400
    response = await raw("sagemaker-nlp/aws/sagemaker-runtime/endpoints/a/%2e%2e/b/invocations",
                         "POST", b"x")
    assert response.code == 400


async def test_s3_round_trip(proxy, moto, leak_check):
    s3 = proxy("s3")
    await in_thread(s3.create_bucket, Bucket="round-trip")
    await in_thread(s3.head_bucket, Bucket="round-trip")
    location = await in_thread(s3.get_bucket_location, Bucket="round-trip")
    assert location["LocationConstraint"] in (None, "")

    await in_thread(s3.put_object, Bucket="round-trip", Key="code/source dir+1.tar.gz",
                    Body=b"tarball", ServerSideEncryption="AES256", Metadata={"cell": "c-1"},
                    ContentType="application/gzip")
    head = moto("s3").head_object(Bucket="round-trip", Key="code/source dir+1.tar.gz")
    assert head["ServerSideEncryption"] == "AES256"
    assert head["Metadata"] == {"cell": "c-1"}
    assert head["ContentType"] == "application/gzip"
    head = await in_thread(s3.head_object, Bucket="round-trip", Key="code/source dir+1.tar.gz")
    assert head["ContentLength"] == 7 and head["ServerSideEncryption"] == "AES256"
    # tornado writes header names in Title-Case; browsers lower-case them all.
    assert {k.lower(): v for k, v in head["Metadata"].items()} == {"cell": "c-1"}

    part1 = os.urandom(5 * MiB)
    part2 = os.urandom(MiB // 3)
    upload = await in_thread(s3.create_multipart_upload, Bucket="round-trip", Key="data/big.bin")
    parts = []
    for number, data in ((1, part1), (2, part2)):
        answer = await in_thread(s3.upload_part, Bucket="round-trip", Key="data/big.bin",
                                 UploadId=upload["UploadId"], PartNumber=number, Body=data)
        parts.append({"PartNumber": number, "ETag": answer["ETag"]})
    await in_thread(s3.complete_multipart_upload, Bucket="round-trip", Key="data/big.bin",
                    UploadId=upload["UploadId"], MultipartUpload={"Parts": parts})
    direct = moto("s3").get_object(Bucket="round-trip", Key="data/big.bin")["Body"].read()
    assert direct == part1 + part2
    # Read the body in the thread too: the server answers in this test's event loop.
    got = await in_thread(read, s3, Bucket="round-trip", Key="data/big.bin")
    assert got["Body"] == part1 + part2
    ranged = await in_thread(read, s3, Bucket="round-trip", Key="data/big.bin",
                             Range="bytes=10-19")
    assert ranged["Body"] == part1[10:20]
    assert ranged["ContentRange"].startswith("bytes 10-19/")

    aborted = await in_thread(s3.create_multipart_upload, Bucket="round-trip", Key="data/x")
    await in_thread(s3.abort_multipart_upload, Bucket="round-trip", Key="data/x",
                    UploadId=aborted["UploadId"])

    listed = await in_thread(s3.list_objects_v2, Bucket="round-trip", Prefix="code/")
    assert [o["Key"] for o in listed["Contents"]] == ["code/source dir+1.tar.gz"]
    await in_thread(s3.delete_object, Bucket="round-trip", Key="code/source dir+1.tar.gz")
    await in_thread(s3.delete_objects, Bucket="round-trip",
                    Delete={"Objects": [{"Key": "data/big.bin"}]})
    assert moto("s3").list_objects_v2(Bucket="round-trip")["KeyCount"] == 0
    with pytest.raises(ClientError) as e:
        await in_thread(s3.get_object, Bucket="round-trip", Key="gone")
    assert e.value.response["Error"]["Code"] == "NoSuchKey"
    assert leak_check
    assert_no_credentials(*(h for h, _ in leak_check), *(b for _, b in leak_check))


async def test_moto_checks_the_signature(proxy, moto, jp_serverapp, monkeypatch):
    """With moto's IAM authentication on, a wrong signature would answer 403."""
    from moto.core.authorization import enable_iam_authentication

    iam = moto("iam")
    iam.create_user(UserName="jupyter-server")
    iam.put_user_policy(UserName="jupyter-server", PolicyName="all", PolicyDocument=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}))
    key = iam.create_access_key(UserName="jupyter-server")["AccessKey"]
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", key["AccessKeyId"])
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", key["SecretAccessKey"])
    monkeypatch.delenv("AWS_SESSION_TOKEN")
    jp_serverapp.web_app.settings["sagemaker_nlp_aws"].credentials.forget()
    s3, sagemaker = proxy("s3"), proxy("sagemaker")
    with enable_iam_authentication():
        await in_thread(s3.create_bucket, Bucket="signed-bucket")
        await in_thread(s3.put_object, Bucket="signed-bucket", Key="odd key/ä+(1)!*'.txt",
                        Body=b"signed")
        got = await in_thread(read, s3, Bucket="signed-bucket", Key="odd key/ä+(1)!*'.txt")
        assert got["Body"] == b"signed"
        listed = await in_thread(s3.list_objects_v2, Bucket="signed-bucket", Prefix="odd key/",
                                 Delimiter="/")
        assert listed["KeyCount"] == 1
        await in_thread(sagemaker.create_training_job, **TRAINING_JOB)
        await in_thread(sagemaker.describe_training_job, TrainingJobName="proxy-job-1")


async def test_sagemaker_round_trip(proxy, moto, leak_check):
    sagemaker = proxy("sagemaker")
    created = await in_thread(sagemaker.create_training_job, **TRAINING_JOB,
                              Tags=[{"Key": "notebook", "Value": "demo.ipynb"}])
    job = await in_thread(sagemaker.describe_training_job, TrainingJobName="proxy-job-1")
    assert job["TrainingJobArn"] == created["TrainingJobArn"]
    assert job["HyperParameters"] == {"epochs": "1"}
    jobs = await in_thread(sagemaker.list_training_jobs, NameContains="proxy-job")
    assert [j["TrainingJobName"] for j in jobs["TrainingJobSummaries"]] == ["proxy-job-1"]
    tags = await in_thread(sagemaker.list_tags, ResourceArn=created["TrainingJobArn"])
    assert {"Key": "notebook", "Value": "demo.ipynb"} in tags["Tags"]
    with pytest.raises(ClientError) as e:
        await in_thread(sagemaker.describe_training_job, TrainingJobName="no-such-job")
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert_no_credentials(*(h for h, _ in leak_check), *(b for _, b in leak_check))


async def test_endpoint_invocation_and_autoscaling(proxy, moto):
    runtime = proxy("sagemaker-runtime")
    answer = await in_thread(lambda: runtime.invoke_endpoint(
        EndpointName="my-endpoint", Body=b'{"inputs": "great movie"}',
        ContentType="application/json")["Body"].read())
    assert answer
    autoscaling = proxy("application-autoscaling")
    resource = "endpoint/my-endpoint/variant/AllTraffic"
    await in_thread(autoscaling.register_scalable_target, ServiceNamespace="sagemaker",
                    ResourceId=resource, MinCapacity=1, MaxCapacity=2,
                    ScalableDimension="sagemaker:variant:DesiredInstanceCount")
    targets = moto("application-autoscaling").describe_scalable_targets(
        ServiceNamespace="sagemaker")["ScalableTargets"]
    assert [t["ResourceId"] for t in targets] == [resource]
    described = await in_thread(autoscaling.describe_scalable_targets,
                                ServiceNamespace="sagemaker")
    assert described["ScalableTargets"][0]["MaxCapacity"] == 2


async def test_cloudwatch_metrics_in_every_protocol(proxy, moto, raw):
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    dims = [{"Name": "Host", "Value": "algo-1"}]
    moto("cloudwatch").put_metric_data(Namespace="/aws/sagemaker/TrainingJobs", MetricData=[
        {"MetricName": "train:loss", "Dimensions": dims, "Value": 0.5, "Timestamp": now}])
    query = [{"Id": "loss", "MetricStat": {"Metric": {
        "Namespace": "/aws/sagemaker/TrainingJobs", "MetricName": "train:loss",
        "Dimensions": dims}, "Period": 60, "Stat": "Average"}}]
    window = {"StartTime": now - dt.timedelta(minutes=5), "EndTime": now + dt.timedelta(minutes=5)}

    cloudwatch = proxy("monitoring")  # botocore speaks Smithy RPC v2 CBOR to CloudWatch
    data = await in_thread(cloudwatch.get_metric_data, MetricDataQueries=query, **window)
    assert data["MetricDataResults"][0]["Values"] == [0.5]
    metrics = await in_thread(cloudwatch.list_metrics, Namespace="/aws/sagemaker/TrainingJobs")
    assert metrics["Metrics"][0]["MetricName"] == "train:loss"

    # JSON 1.0, as @aws-sdk/client-cloudwatch sent it before CBOR.
    json_body = json.dumps({"MetricDataQueries": query,
                            "StartTime": window["StartTime"].timestamp(),
                            "EndTime": window["EndTime"].timestamp()}).encode()
    response = await raw("sagemaker-nlp/aws/monitoring", "POST", json_body, {
        "X-Amz-Target": f"{CW}.GetMetricData", "Content-Type": "application/x-amz-json-1.0"})
    assert response.code == 200, response.body
    assert body_of(response)["MetricDataResults"][0]["Values"] == [0.5]
    # awsQuery, the oldest form.
    response = await raw("sagemaker-nlp/aws/monitoring", "POST",
                         b"Action=ListMetrics&Version=2010-08-01&Namespace=%2Faws%2Fsagemaker"
                         b"%2FTrainingJobs",
                         {"Content-Type": "application/x-www-form-urlencoded"})
    assert response.code == 200 and b"train:loss" in response.body


async def test_logs(proxy, moto):
    logs = moto("logs")
    group, stream = "/aws/sagemaker/TrainingJobs", "proxy-job-1/algo-1-1700000000"
    logs.create_log_group(logGroupName=group)
    logs.create_log_stream(logGroupName=group, logStreamName=stream)
    now = int(dt.datetime.now(dt.timezone.utc).timestamp() * 1000)
    logs.put_log_events(logGroupName=group, logStreamName=stream, logEvents=[
        {"timestamp": now, "message": "epoch 1 loss=0.5"},
        {"timestamp": now + 1, "message": "epoch 2 loss=0.25"}])
    client = proxy("logs")
    events = await in_thread(client.get_log_events, logGroupName=group, logStreamName=stream,
                             startFromHead=True)
    assert [e["message"] for e in events["events"]] == ["epoch 1 loss=0.5", "epoch 2 loss=0.25"]
    streams = await in_thread(client.describe_log_streams, logGroupName=group,
                              logStreamNamePrefix="proxy-job-1/")
    assert [s["logStreamName"] for s in streams["logStreams"]] == [stream]
    found = await in_thread(client.filter_log_events, logGroupName=group,
                            logStreamNamePrefix="proxy-job-1/")
    assert len(found["events"]) == 2


async def test_sts_and_no_credentials_in_answers(proxy, leak_check):
    identity = await in_thread(proxy("sts").get_caller_identity)
    assert identity["Account"] == ACCOUNT
    assert leak_check
    assert_no_credentials(*(h for h, _ in leak_check), *(b for _, b in leak_check))


@pytest.mark.parametrize("aws_server_config", [{"max_body_bytes": MiB}], indirect=True)
async def test_body_too_large(raw, moto):
    moto("s3").create_bucket(Bucket="large-bucket")
    response = await raw("sagemaker-nlp/aws/s3/large-bucket/big", "PUT", b"x" * (MiB + 1))
    assert response.code == 413
    assert body_of(response)["reason"] == "too-large"
    response = await raw("sagemaker-nlp/aws/s3/large-bucket/small", "PUT", b"x" * MiB)
    assert response.code == 200
    assert moto("s3").list_objects_v2(Bucket="large-bucket")["KeyCount"] == 1


@pytest.mark.parametrize("aws_env_overrides", [
    {"AWS_ENDPOINT_URL_STS": f"http://127.0.0.1:{closed_port()}"}], indirect=True)
async def test_aws_unreachable(proxy, raw):
    response = await raw("sagemaker-nlp/aws/sts", "POST",
                         b"Action=GetCallerIdentity&Version=2011-06-15",
                         {"Content-Type": "application/x-www-form-urlencoded"})
    assert response.code == 502
    answer = body_of(response)
    assert answer["reason"] == "unreachable"
    assert answer["message"].startswith("AWS could not be reached at 127.0.0.1:")
    # Other services still work.
    await in_thread(proxy("sagemaker").list_training_jobs)


@pytest.mark.parametrize("aws_env_overrides", [
    {"AWS_ACCESS_KEY_ID": None, "AWS_SECRET_ACCESS_KEY": None, "AWS_SESSION_TOKEN": None}],
    indirect=True)
async def test_no_credentials(raw):
    response = await raw("sagemaker-nlp/aws/sts", "POST",
                         b"Action=GetCallerIdentity&Version=2011-06-15",
                         {"Content-Type": "application/x-www-form-urlencoded"})
    assert response.code == 401
    assert body_of(response) == {"reason": "no-credentials", "message": (
        "The Jupyter server has no AWS credentials: on a SageMaker Notebook instance this is "
        "the instance role; elsewhere set AWS_PROFILE or run aws configure, then restart "
        "JupyterLab")}


@pytest.mark.parametrize("aws_env_overrides", [{"AWS_DEFAULT_REGION": None}], indirect=True)
async def test_no_region(raw):
    response = await raw("sagemaker-nlp/aws/sagemaker", "POST", b"{}", {
        "X-Amz-Target": "SageMaker.ListEndpoints", "Content-Type": "application/x-amz-json-1.1"})
    assert response.code == 400
    assert body_of(response)["reason"] == "no-region"
