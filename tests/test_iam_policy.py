"""docs/iam-policy.json grants what the signing proxy lets the browser call, and no more.

Every (service, operation) of the proxy's allow-list (jupyterlab_sagemaker_nlp.aws.operations.ALLOWED)
must appear in IAM_ACTION below (the IAM action AWS checks for it) or in NO_PERMISSION (AWS checks
none). Adding an operation to the proxy without deciding its IAM action here, and granting it in
docs/iam-policy.json, fails these tests; so does a policy that grants anything else than those actions
plus DEPENDENT_ACTIONS. Also: docs/lifecycle-config.sh must be valid bash.

No server, no AWS: plain reading of files.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from jupyterlab_sagemaker_nlp.aws.operations import ALLOWED

ROOT = Path(__file__).resolve().parent.parent
POLICY_PATH = ROOT / "docs" / "iam-policy.json"
LIFECYCLE_PATH = ROOT / "docs" / "lifecycle-config.sh"
README_PATH = ROOT / "README.md"

# (proxy service, operation) -> the IAM action AWS authorizes the call with.
# The proxy's service names are endpoint prefixes: "monitoring" is CloudWatch (IAM prefix
# cloudwatch), "sagemaker-runtime" is authorized as sagemaker:*.
IAM_ACTION: dict[tuple[str, str], str] = {
    ("sagemaker", "CreateTrainingJob"): "sagemaker:CreateTrainingJob",
    ("sagemaker", "DescribeTrainingJob"): "sagemaker:DescribeTrainingJob",
    ("sagemaker", "ListTrainingJobs"): "sagemaker:ListTrainingJobs",
    ("sagemaker", "StopTrainingJob"): "sagemaker:StopTrainingJob",
    ("sagemaker", "ListTags"): "sagemaker:ListTags",
    # Also needed by any Create* call that carries Tags (CreateTrainingJob does).
    ("sagemaker", "AddTags"): "sagemaker:AddTags",
    ("sagemaker", "CreateModel"): "sagemaker:CreateModel",
    ("sagemaker", "DescribeModel"): "sagemaker:DescribeModel",
    ("sagemaker", "DeleteModel"): "sagemaker:DeleteModel",
    ("sagemaker", "CreateEndpointConfig"): "sagemaker:CreateEndpointConfig",
    ("sagemaker", "DescribeEndpointConfig"): "sagemaker:DescribeEndpointConfig",
    ("sagemaker", "DeleteEndpointConfig"): "sagemaker:DeleteEndpointConfig",
    ("sagemaker", "CreateEndpoint"): "sagemaker:CreateEndpoint",
    ("sagemaker", "DescribeEndpoint"): "sagemaker:DescribeEndpoint",
    ("sagemaker", "ListEndpoints"): "sagemaker:ListEndpoints",
    ("sagemaker", "UpdateEndpoint"): "sagemaker:UpdateEndpoint",
    ("sagemaker", "DeleteEndpoint"): "sagemaker:DeleteEndpoint",
    ("sagemaker", "UpdateEndpointWeightsAndCapacities"):
        "sagemaker:UpdateEndpointWeightsAndCapacities",
    ("sagemaker", "DescribeNotebookInstance"): "sagemaker:DescribeNotebookInstance",
    ("sagemaker", "CreateTransformJob"): "sagemaker:CreateTransformJob",
    ("sagemaker", "DescribeTransformJob"): "sagemaker:DescribeTransformJob",
    ("sagemaker", "ListTransformJobs"): "sagemaker:ListTransformJobs",
    ("sagemaker", "StopTransformJob"): "sagemaker:StopTransformJob",
    ("sagemaker-runtime", "InvokeEndpoint"): "sagemaker:InvokeEndpoint",
    # S3 authorizes several API operations with one action.
    ("s3", "PutObject"): "s3:PutObject",
    ("s3", "CreateMultipartUpload"): "s3:PutObject",
    ("s3", "UploadPart"): "s3:PutObject",
    ("s3", "CompleteMultipartUpload"): "s3:PutObject",
    ("s3", "AbortMultipartUpload"): "s3:AbortMultipartUpload",
    ("s3", "GetObject"): "s3:GetObject",
    ("s3", "HeadObject"): "s3:GetObject",
    ("s3", "DeleteObject"): "s3:DeleteObject",
    ("s3", "DeleteObjects"): "s3:DeleteObject",
    ("s3", "ListObjectsV2"): "s3:ListBucket",
    ("s3", "HeadBucket"): "s3:ListBucket",
    ("s3", "CreateBucket"): "s3:CreateBucket",
    ("s3", "GetBucketLocation"): "s3:GetBucketLocation",
    ("monitoring", "GetMetricData"): "cloudwatch:GetMetricData",
    ("monitoring", "ListMetrics"): "cloudwatch:ListMetrics",
    ("logs", "GetLogEvents"): "logs:GetLogEvents",
    ("logs", "FilterLogEvents"): "logs:FilterLogEvents",
    ("logs", "DescribeLogStreams"): "logs:DescribeLogStreams",
    ("application-autoscaling", "RegisterScalableTarget"):
        "application-autoscaling:RegisterScalableTarget",
    ("application-autoscaling", "DeregisterScalableTarget"):
        "application-autoscaling:DeregisterScalableTarget",
    ("application-autoscaling", "DescribeScalableTargets"):
        "application-autoscaling:DescribeScalableTargets",
    ("application-autoscaling", "PutScalingPolicy"): "application-autoscaling:PutScalingPolicy",
    ("application-autoscaling", "DescribeScalingPolicies"):
        "application-autoscaling:DescribeScalingPolicies",
    ("application-autoscaling", "DeleteScalingPolicy"):
        "application-autoscaling:DeleteScalingPolicy",
    ("pricing", "GetProducts"): "pricing:GetProducts",
}

# Allowed through the proxy, but AWS checks no permission for them: not in the policy.
NO_PERMISSION: dict[tuple[str, str], str] = {
    ("sts", "GetCallerIdentity"):
        "always allowed: AWS answers it for any valid credentials, even under an explicit Deny",
}

# Actions AWS checks on top of the proxied call's own ("dependent actions"): the policy grants
# these too, each for the reason given, and nothing else.
DEPENDENT_ACTIONS: dict[str, str] = {
    "iam:PassRole":
        "CreateTrainingJob (RoleArn) and CreateModel (ExecutionRoleArn) pass the execution role",
    "cloudwatch:PutMetricAlarm":
        "PutScalingPolicy with target tracking creates the policy's CloudWatch alarms",
    "cloudwatch:DescribeAlarms": "PutScalingPolicy / DeleteScalingPolicy (target tracking)",
    "cloudwatch:DeleteAlarms": "DeleteScalingPolicy / PutScalingPolicy replacing its alarms",
    "iam:CreateServiceLinkedRole":
        "the first RegisterScalableTarget of a SageMaker endpoint creates "
        "AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint",
}

S3_BUCKET_ACTIONS = {"s3:ListBucket", "s3:GetBucketLocation", "s3:CreateBucket"}
S3_OBJECT_ACTIONS = {"s3:PutObject", "s3:GetObject", "s3:DeleteObject", "s3:AbortMultipartUpload"}

ACTION = re.compile(r"^[a-z0-9-]+:[A-Z][A-Za-z0-9]+$")  # no wildcards: grant what is named
STATEMENT_KEYS = {"Sid", "Effect", "Action", "Resource", "Condition"}


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]


@pytest.fixture(scope="module")
def policy() -> dict:
    return json.loads(POLICY_PATH.read_text())


@pytest.fixture(scope="module")
def granted(policy) -> dict[str, list[dict]]:
    """Each action the policy allows -> the statements that allow it."""
    out: dict[str, list[dict]] = {}
    for statement in policy["Statement"]:
        for action in _as_list(statement["Action"]):
            out.setdefault(action, []).append(statement)
    return out


def _proxy_operations() -> set[tuple[str, str]]:
    return {(service, op) for service, ops in ALLOWED.items() for op in ops}


def test_policy_is_a_well_formed_identity_policy(policy):
    assert set(policy) == {"Version", "Statement"}
    assert policy["Version"] == "2012-10-17"
    statements = policy["Statement"]
    assert isinstance(statements, list) and statements
    sids = [s.get("Sid") for s in statements]
    assert all(isinstance(sid, str) and re.fullmatch(r"[A-Za-z0-9]+", sid) for sid in sids), sids
    assert len(set(sids)) == len(sids), f"duplicate Sid in {sids}"
    for s in statements:
        where = s.get("Sid")
        assert set(s) <= STATEMENT_KEYS, f"{where}: unexpected keys {set(s) - STATEMENT_KEYS}"
        assert {"Effect", "Action", "Resource"} <= set(s), f"{where}: needs Effect, Action, Resource"
        assert s["Effect"] == "Allow", f"{where}: only Allow statements"
        actions = _as_list(s["Action"])
        assert actions and all(isinstance(a, str) and ACTION.match(a) for a in actions), \
            f"{where}: actions must be named one by one, service:Action ({actions})"
        assert len(set(actions)) == len(actions), f"{where}: an action is listed twice"
        resources = _as_list(s["Resource"])
        assert resources and all(
            isinstance(r, str) and (r == "*" or r.startswith("arn:aws:")) for r in resources
        ), f"{where}: resources must be '*' or ARNs ({resources})"
        if "Condition" in s:
            assert isinstance(s["Condition"], dict) and s["Condition"], where


def test_every_proxy_operation_has_a_decided_iam_action():
    proxied = _proxy_operations()
    undecided = sorted(proxied - set(IAM_ACTION) - set(NO_PERMISSION))
    assert not undecided, (
        f"The proxy allows {undecided} but tests/test_iam_policy.py does not say which IAM "
        "action AWS checks for them: add them to IAM_ACTION (or NO_PERMISSION), grant the "
        "action in docs/iam-policy.json and describe it in README 'IAM permissions'")
    stale = sorted((set(IAM_ACTION) | set(NO_PERMISSION)) - proxied)
    assert not stale, f"{stale} are no longer allowed by the proxy: remove them here and from the policy"
    assert not set(IAM_ACTION) & set(NO_PERMISSION)


def test_policy_allows_every_proxy_operation(granted):
    missing = sorted(f"{service} {op} -> {IAM_ACTION[(service, op)]}"
                     for service, op in _proxy_operations() - set(NO_PERMISSION)
                     if IAM_ACTION[(service, op)] not in granted)
    assert not missing, f"docs/iam-policy.json does not grant: {missing}"


def test_policy_allows_nothing_else(granted):
    expected = set(IAM_ACTION.values()) | set(DEPENDENT_ACTIONS)
    extra = sorted(set(granted) - expected)
    assert not extra, (f"docs/iam-policy.json grants {extra}, which no operation of the proxy "
                       "needs (or add it to DEPENDENT_ACTIONS with the reason)")
    assert set(granted) == expected
    for action, statements in granted.items():
        assert len(statements) == 1, f"{action} is granted by more than one statement"


def test_operations_that_need_no_permission_are_left_out(granted):
    for service, op in NO_PERMISSION:
        assert f"{service}:{op}" not in granted


def test_tagged_training_jobs_and_the_execution_role_can_be_passed(granted):
    # CreateTrainingJob with Tags is authorized against sagemaker:AddTags too.
    assert "sagemaker:AddTags" in granted
    [statement] = granted["sagemaker:CreateTrainingJob"]
    assert "sagemaker:AddTags" in _as_list(statement["Action"])
    [pass_role] = granted["iam:PassRole"]
    assert _as_list(pass_role["Action"]) == ["iam:PassRole"]
    assert pass_role["Condition"] == {
        "StringEquals": {"iam:PassedToService": "sagemaker.amazonaws.com"}}
    assert all(r.startswith("arn:aws:iam::") and ":role/" in r
               for r in _as_list(pass_role["Resource"]))


def test_s3_is_scoped_to_the_sagemaker_buckets(granted):
    s3_actions = {a for a in granted if a.startswith("s3:")}
    assert s3_actions <= S3_BUCKET_ACTIONS | S3_OBJECT_ACTIONS, \
        f"classify {s3_actions - S3_BUCKET_ACTIONS - S3_OBJECT_ACTIONS} as bucket or object action"
    for action in s3_actions:
        for statement in granted[action]:
            resources = _as_list(statement["Resource"])
            if action in S3_BUCKET_ACTIONS:
                assert resources == ["arn:aws:s3:::sagemaker-*"], (action, resources)
            else:
                assert resources == ["arn:aws:s3:::sagemaker-*/*"], (action, resources)


def test_logs_are_scoped_to_sagemaker_log_groups(granted):
    for action in (a for a in granted if a.startswith("logs:")):
        for statement in granted[action]:
            assert _as_list(statement["Resource"]) == [
                "arn:aws:logs:*:*:log-group:/aws/sagemaker/*"], action


def test_lifecycle_script_is_valid_bash():
    bash = shutil.which("bash")
    assert bash, "bash is needed to check docs/lifecycle-config.sh"
    result = subprocess.run([bash, "-n", str(LIFECYCLE_PATH)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    text = LIFECYCLE_PATH.read_text()
    assert text.startswith("#!/bin/bash\n")
    # SageMaker's limit for one lifecycle configuration script.
    assert len(text) <= 16384
    assert "source /home/ec2-user/anaconda3/bin/activate JupyterSystemEnv" in text
    assert "sudo -u ec2-user -i <<'EOF'" in text
    assert 'PACKAGE="jupyterlab-sagemaker-nlp"' in text
    assert "systemctl --no-block restart jupyter-server" in text


def test_readme_points_to_the_policy_and_the_script():
    # src/backends/sagemakerErrors.ts sends AccessDenied users to README 'IAM permissions'.
    readme = README_PATH.read_text()
    assert "\n### IAM permissions\n" in readme
    assert "\n## On a SageMaker Notebook instance\n" in readme
    assert "docs/iam-policy.json" in readme
    assert "docs/lifecycle-config.sh" in readme
