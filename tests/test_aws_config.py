"""GET/PUT /sagemaker-nlp/aws-config and POST /sagemaker-nlp/aws-config/bucket against moto."""

from __future__ import annotations

import json

import pytest

from aws_fixtures import *  # noqa: F401,F403
from aws_fixtures import ACCOUNT, in_thread

DEFAULT_BUCKET = f"sagemaker-us-east-1-{ACCOUNT}"
NO_CREDENTIALS = ("The Jupyter server has no AWS credentials: on a SageMaker Notebook instance "
                  "this is the instance role; elsewhere set AWS_PROFILE or run aws configure, "
                  "then restart JupyterLab")


def use_credentials(monkeypatch, jp_serverapp, key_id, secret, token=None):
    """Give the running server other credentials (they are looked up on use)."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", key_id)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", secret)
    if token:
        monkeypatch.setenv("AWS_SESSION_TOKEN", token)
    else:
        monkeypatch.delenv("AWS_SESSION_TOKEN", raising=False)
    jp_serverapp.web_app.settings["sagemaker_nlp_aws"].credentials.forget()


async def test_env_region_missing_bucket_then_created(aws_config, moto):
    status, answer = await aws_config()
    assert status == 200
    assert answer["region"] == "us-east-1"
    assert answer["account"] == ACCOUNT
    assert answer["bucket"] == DEFAULT_BUCKET
    assert answer["bucketStatus"] == "missing"
    assert answer["onNotebookInstance"] is False
    assert answer["roleArn"] is None  # moto's caller is a user, not a role
    assert any("roleArn" in p and "user/moto" in p for p in answer["problems"])
    # A missing default bucket is not a problem: the dialog offers to create it.
    assert not any(DEFAULT_BUCKET in p for p in answer["problems"])

    status, answer = await aws_config("POST", path="bucket")
    assert status == 200, answer
    assert answer["bucketStatus"] == "ok"
    assert not any(DEFAULT_BUCKET in p for p in answer["problems"])
    assert moto("s3").get_bucket_location(Bucket=DEFAULT_BUCKET)["LocationConstraint"] is None
    status, again = await aws_config("POST", path="bucket")  # already ours: fine
    assert status == 200 and again["bucketStatus"] == "ok"


@pytest.mark.parametrize("aws_env_overrides", [{"AWS_DEFAULT_REGION": "eu-west-1"}],
                         indirect=True)
async def test_bucket_outside_us_east_1_has_a_location_constraint(aws_config, moto):
    status, answer = await aws_config("POST", path="bucket")
    assert status == 200 and answer["bucketStatus"] == "ok"
    assert answer["bucket"] == f"sagemaker-eu-west-1-{ACCOUNT}"
    location = moto("s3", "eu-west-1").get_bucket_location(Bucket=answer["bucket"])
    assert location["LocationConstraint"] == "eu-west-1"


@pytest.mark.parametrize("aws_env_overrides", [{"AWS_DEFAULT_REGION": None}], indirect=True)
async def test_notebook_instance(aws_config, moto, metadata_path):
    role = f"arn:aws:iam::{ACCOUNT}:role/service-role/AmazonSageMaker-ExecutionRole-1"
    moto("sagemaker", "eu-west-1").create_notebook_instance(
        NotebookInstanceName="my-notebook", InstanceType="ml.t3.medium", RoleArn=role)
    metadata_path.write_text(json.dumps({
        "ResourceArn": f"arn:aws:sagemaker:eu-west-1:{ACCOUNT}:notebook-instance/my-notebook",
        "ResourceName": "my-notebook"}))
    status, answer = await aws_config()
    assert status == 200
    assert answer["region"] == "eu-west-1"
    assert answer["onNotebookInstance"] is True
    assert answer["roleArn"] == role
    assert answer["bucket"] == f"sagemaker-eu-west-1-{ACCOUNT}"
    assert not any("role" in p for p in answer["problems"])


async def test_bucket_in_another_region(aws_config, moto):
    moto("s3", "eu-west-1").create_bucket(
        Bucket=DEFAULT_BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    status, answer = await aws_config()
    assert answer["bucketStatus"] == "other-region"
    assert any("is in eu-west-1, not in us-east-1" in p for p in answer["problems"])


async def test_bucket_without_access(aws_config, moto, monkeypatch, jp_serverapp):
    from moto.core.authorization import enable_iam_authentication

    moto("s3").create_bucket(Bucket=DEFAULT_BUCKET)
    iam = moto("iam")
    iam.create_user(UserName="no-s3")
    iam.put_user_policy(UserName="no-s3", PolicyName="p", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": ["sts:*", "sagemaker:*"], "Resource": "*"},
            {"Effect": "Deny", "Action": "s3:*", "Resource": "*"}]}))
    key = iam.create_access_key(UserName="no-s3")["AccessKey"]
    use_credentials(monkeypatch, jp_serverapp, key["AccessKeyId"], key["SecretAccessKey"])
    with enable_iam_authentication():
        status, answer = await aws_config()
    assert answer["bucketStatus"] == "other-owner", answer
    assert any("another AWS account or denies access" in p for p in answer["problems"])


async def test_assumed_role_is_the_execution_role(aws_config, moto, monkeypatch, jp_serverapp):
    assumed = moto("sts").assume_role(
        RoleArn=f"arn:aws:iam::{ACCOUNT}:role/AmazonSageMaker-ExecutionRole-20240101",
        RoleSessionName="SageMaker")["Credentials"]
    use_credentials(monkeypatch, jp_serverapp, assumed["AccessKeyId"],
                    assumed["SecretAccessKey"], assumed["SessionToken"])
    status, answer = await aws_config()
    assert answer["roleArn"] == (
        f"arn:aws:iam::{ACCOUNT}:role/service-role/AmazonSageMaker-ExecutionRole-20240101")


async def test_settings_override_and_cache(aws_config, moto, proxy):
    status, answer = await aws_config()
    assert answer["bucketStatus"] == "missing"
    moto("s3").create_bucket(Bucket=DEFAULT_BUCKET)
    status, cached = await aws_config()
    assert cached["bucketStatus"] == "missing"  # discovery is cached for a while
    status, fresh = await aws_config(refresh="1")
    assert fresh["bucketStatus"] == "ok"

    moto("s3", "eu-west-1").create_bucket(
        Bucket="my-own-bucket", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    role = f"arn:aws:iam::{ACCOUNT}:role/MyRole"
    status, answer = await aws_config("PUT", {"region": "eu-west-1", "roleArn": role,
                                              "bucket": "my-own-bucket"})
    assert status == 200
    assert (answer["region"], answer["roleArn"], answer["bucket"], answer["bucketStatus"]) == (
        "eu-west-1", role, "my-own-bucket", "ok")
    assert answer["problems"] == []
    # The proxy follows the region setting.
    await in_thread(proxy("sagemaker").create_training_job, TrainingJobName="in-eu",
                    AlgorithmSpecification={"TrainingImage": "img", "TrainingInputMode": "File"},
                    RoleArn=role, OutputDataConfig={"S3OutputPath": "s3://my-own-bucket/o"},
                    ResourceConfig={"InstanceType": "ml.m5.large", "InstanceCount": 1,
                                    "VolumeSizeInGB": 10},
                    StoppingCondition={"MaxRuntimeInSeconds": 60})
    assert moto("sagemaker", "eu-west-1").describe_training_job(TrainingJobName="in-eu")
    assert moto("sagemaker").list_training_jobs()["TrainingJobSummaries"] == []

    status, answer = await aws_config("PUT", {"region": "", "roleArn": None, "bucket": ""})
    assert (answer["region"], answer["bucket"]) == ("us-east-1", DEFAULT_BUCKET)
    for bad in ({"region": "evil.example/"}, {"roleArn": "admin"}, {"bucket": "Bad_Bucket"},
                {"endpoint": "http://evil.example"}, ["region"]):
        status, answer = await aws_config("PUT", bad)
        assert status == 400 and answer["message"], bad


@pytest.mark.parametrize("aws_env_overrides", [
    {"AWS_ACCESS_KEY_ID": None, "AWS_SECRET_ACCESS_KEY": None, "AWS_SESSION_TOKEN": None}],
    indirect=True)
async def test_no_credentials(aws_config):
    status, answer = await aws_config()
    assert status == 200
    assert answer["problems"] == [NO_CREDENTIALS]
    assert answer["account"] is None and answer["bucketStatus"] == "unknown"
    status, answer = await aws_config("POST", path="bucket")
    assert status == 401 and answer["message"] == NO_CREDENTIALS


@pytest.mark.parametrize("aws_env_overrides", [{"AWS_DEFAULT_REGION": None}], indirect=True)
async def test_no_region(aws_config):
    status, answer = await aws_config()
    assert answer["region"] is None
    assert answer["problems"] == [
        "No AWS region: set one in Settings → SageMaker NLP training, or AWS_REGION / a profile"]
