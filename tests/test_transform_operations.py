"""Batch transform's SageMaker calls go through the proxy; nothing else about transforms does."""

from __future__ import annotations

import pytest
from tornado.httputil import HTTPHeaders

from jupyterlab_sagemaker_nlp.aws.operations import ALLOWED, operation_of

JSON = {"Content-Type": "application/x-amz-json-1.1"}


def target(operation):
    return operation_of("sagemaker", "POST", "/", "",
                        HTTPHeaders({"X-Amz-Target": f"SageMaker.{operation}", **JSON}), b"{}")


@pytest.mark.parametrize("operation", [
    "CreateTransformJob", "DescribeTransformJob", "ListTransformJobs", "StopTransformJob",
])
def test_transform_operations_are_allowed(operation):
    assert target(operation) == operation
    assert operation in ALLOWED["sagemaker"]


@pytest.mark.parametrize("operation", ["DeleteTransformJob", "CreateTransformJobs", "ListModels"])
def test_other_transform_like_operations_are_not(operation):
    assert operation not in ALLOWED["sagemaker"]
