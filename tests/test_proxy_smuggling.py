"""The allow-list decides on exactly what the proxy forwards: requests that the check could
read one way and AWS another are refused, against a real Jupyter server and moto."""

from __future__ import annotations

import pytest
from tornado.httpclient import AsyncHTTPClient
from tornado.httputil import HTTPHeaders

from aws_fixtures import *  # noqa: F401,F403
from aws_fixtures import body_of

CW = "GraniteServiceVersion20100801"
FORM = "application/x-www-form-urlencoded"
DELETE_ALARMS = b"Action=DeleteAlarms&Version=2010-08-01&AlarmNames.member.1=keep-me"


@pytest.fixture
def send(http_server, jp_http_port, jp_base_url, jp_auth_header):
    """POST with headers that may repeat (a list of pairs), as an attacker would send them."""
    async def post(path: str, body: bytes, pairs: list[tuple[str, str]]):
        headers = HTTPHeaders(jp_auth_header)
        for name, value in pairs:
            headers.add(name, value)
        url = f"http://127.0.0.1:{jp_http_port}{jp_base_url}sagemaker-nlp/aws/{path}"
        return await AsyncHTTPClient().fetch(url, method="POST", body=body, headers=headers,
                                             raise_error=False)
    return post


@pytest.fixture
def alarm(moto):
    cloudwatch = moto("cloudwatch")
    cloudwatch.put_metric_alarm(
        AlarmName="keep-me", MetricName="loss", Namespace="/aws/sagemaker/TrainingJobs",
        Statistic="Average", Period=60, EvaluationPeriods=1, Threshold=1.0,
        ComparisonOperator="GreaterThanThreshold")
    yield lambda: [a["AlarmName"] for a in cloudwatch.describe_alarms()["MetricAlarms"]]


@pytest.mark.parametrize("path,body,pairs", [
    # An allowed Action in the query, another in a form body without a Content-Type.
    ("monitoring?Action=ListMetrics&Version=2010-08-01", DELETE_ALARMS, []),
    # Two Content-Types: the check saw them joined, AWS read the last one.
    ("monitoring", DELETE_ALARMS, [("X-Amz-Target", f"{CW}.ListMetrics"),
                                   ("Content-Type", "application/x-amz-json-1.0"),
                                   ("Content-Type", FORM)]),
    ("monitoring?Action=ListMetrics", DELETE_ALARMS, [("Content-Type", "text/plain"),
                                                      ("Content-Type", FORM)]),
    # A multipart form, which the check did not read.
    ("monitoring?Action=ListMetrics",
     b"--b\r\nContent-Disposition: form-data; name=\"Action\"\r\n\r\nDeleteAlarms\r\n"
     b"--b\r\nContent-Disposition: form-data; name=\"AlarmNames.member.1\"\r\n\r\nkeep-me\r\n"
     b"--b--\r\n", [("Content-Type", "multipart/form-data; boundary=b")]),
    # One non-ASCII character made the check skip the form.
    ("monitoring?Action=ListMetrics", DELETE_ALARMS + "&Note=é".encode(),
     [("Content-Type", FORM)]),
    # A form body to the JSON protocol, next to an allowed X-Amz-Target.
    ("monitoring", DELETE_ALARMS, [("X-Amz-Target", f"{CW}.ListMetrics"),
                                   ("Content-Type", FORM)]),
    # Two Actions in one form, or another in the query.
    ("monitoring", b"Action=ListMetrics&" + DELETE_ALARMS, [("Content-Type", FORM)]),
    ("monitoring?Action=DeleteAlarms", b"Action=ListMetrics&AlarmNames.member.1=keep-me",
     [("Content-Type", FORM)]),
    # A compressed body reads as other bytes to the check than to AWS.
    ("monitoring", DELETE_ALARMS, [("Content-Type", FORM), ("Content-Encoding", "gzip")]),
])
async def test_a_second_reading_of_the_request_is_refused(send, alarm, path, body, pairs):
    response = await send(path, body, pairs)
    assert response.code == 403, (response.code, response.body)
    assert body_of(response)["reason"] == "refused"
    assert "refused" in body_of(response)["message"]
    assert alarm() == ["keep-me"]


async def test_assume_role_cannot_hide_behind_an_allowed_action(send, moto):
    role = moto("iam").create_role(RoleName="target", AssumeRolePolicyDocument="{}")["Role"]
    body = f"Action=AssumeRole&Version=2011-06-15&RoleArn={role['Arn']}&RoleSessionName=s"
    for pairs in ([], [("Content-Type", "text/plain"), ("Content-Type", FORM)],
                  [("Content-Type", "multipart/form-data; boundary=x")]):
        response = await send("sts?Action=GetCallerIdentity", body.encode(), pairs)
        assert response.code == 403, (pairs, response.body)
        assert b"SecretAccessKey" not in response.body


async def test_a_form_body_to_a_json_service_is_refused(send, moto):
    logs = moto("logs")
    logs.create_log_group(logGroupName="/keep/me")
    response = await send("logs", b"Action=DeleteLogGroup&logGroupName=%2Fkeep%2Fme", [
        ("X-Amz-Target", "Logs_20140328.DescribeLogStreams"), ("Content-Type", FORM)])
    assert response.code == 403
    assert "Content-Type" in body_of(response)["message"]
    groups = logs.describe_log_groups()["logGroups"]
    assert [g["logGroupName"] for g in groups] == ["/keep/me"]


async def test_the_forwarded_form_is_the_checked_one(send, alarm):
    response = await send("monitoring", b"Action=ListMetrics&Version=2010-08-01",
                          [("Content-Type", FORM + "; charset=utf-8")])
    assert response.code == 200, response.body
    response = await send("monitoring?Action=ListMetrics", b"Version=2010-08-01",
                          [("Content-Type", FORM)])
    assert response.code == 200, response.body


async def test_the_log_line_names_the_forwarded_operation(send, caplog):
    caplog.set_level("INFO")
    await send("sts", b"Action=GetCallerIdentity&Version=2011-06-15", [("Content-Type", FORM)])
    await send("sts", b"Action=AssumeRole", [("Content-Type", FORM)])
    lines = [r.getMessage() for r in caplog.records if "sagemaker-nlp aws" in r.getMessage()]
    assert any("sts GetCallerIdentity -> 200" in line for line in lines), lines
    assert any("sts AssumeRole -> 403" in line for line in lines), lines
