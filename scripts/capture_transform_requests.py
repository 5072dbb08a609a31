"""Record the requests the SageMaker Python SDK v2 sends for a batch transform.

A sibling of capture_deploy_requests.py (whose training, job form and
constants it reuses): each case trains a scikit-learn job against a moto
server, then runs `estimator.transformer(...).transform(...)` as the SDK's
users do. The CreateModel and CreateTransformJob parameters are caught on the
wire and written to `src/endpoints/__tests__/fixtures/sdk-transform/<case>.json`
as `{job, choices, context, sdk, expected}`; `transformPlan.sdk.spec.ts`
asserts that planTransform gives `expected` exactly. It also writes
`src/catalog/data/transformInstanceTypes.ts`, botocore's TransformInstanceType
enum.

Regenerate (no AWS account or internet needed):

    bash scripts/sdk-venv.sh && .venv-sdk/bin/python scripts/capture_transform_requests.py
"""

import sdk_capture  # first: fake credentials before boto3 and sagemaker load
import capture_deploy_requests as deploy
import sagemaker
from sdk_capture import ROOT

TRANSFORM_OUT = ROOT / "src" / "catalog" / "data" / "transformInstanceTypes.ts"
OUT_DIR = ROOT / "src" / "endpoints" / "__tests__" / "fixtures" / "sdk-transform"
INPUT = f"s3://{deploy.BUCKET}/reviews/batch-input/"


def case(name, choices):
    return deploy.case(name, "sklearn", "1.2-1", "py3", "ml.m5.xlarge", choices)


CASES = [
    # Only what is required: the SDK's default output path, no split.
    case("sklearn-defaults", {
        "inputS3Uri": INPUT, "contentType": "text/csv", "splitType": "None",
        "instanceType": "ml.m5.large", "instanceCount": 1,
    }),
    case("sklearn-lines-multirecord", {
        "inputS3Uri": INPUT, "contentType": "text/csv", "splitType": "Line",
        "instanceType": "ml.c5.xlarge", "instanceCount": 2,
        "outputS3Uri": f"s3://{deploy.BUCKET}/reviews/batch-output",
        "maxPayloadInMB": 6, "strategy": "MultiRecord", "assembleWith": "Line",
    }),
    case("sklearn-jsonlines-single", {
        "inputS3Uri": f"s3://{deploy.BUCKET}/reviews/one.jsonl", "contentType": "application/jsonlines",
        "splitType": "Line", "instanceType": "ml.m5.xlarge", "instanceCount": 1,
        "outputS3Uri": f"s3://{deploy.BUCKET}/out/", "strategy": "SingleRecord",
    }),
]


def transform(estimator, item, desc):
    choices = item["choices"]
    tags = [{"Key": sdk_capture.NOTEBOOK_TAG, "Value": deploy.NOTEBOOK},
            {"Key": sdk_capture.CELL_TAG, "Value": deploy.CELL},
            {"Key": sdk_capture.JOB_TAG, "Value": desc["TrainingJobName"]}]
    kwargs = {"instance_count": choices["instanceCount"], "instance_type": choices["instanceType"],
              "tags": tags}
    optional = {"outputS3Uri": "output_path", "maxPayloadInMB": "max_payload",
                "strategy": "strategy", "assembleWith": "assemble_with"}
    for ours, sdk in optional.items():
        if ours in choices:
            kwargs[sdk] = choices[ours]
    transformer = estimator.transformer(**kwargs)
    transform_kwargs = {"content_type": choices["contentType"], "split_type": choices["splitType"],
                        "wait": False, "logs": False}
    transformer.transform(choices["inputS3Uri"], **transform_kwargs)
    del transform_kwargs["wait"], transform_kwargs["logs"]
    return {"call": "SKLearn.transformer(...).transform", "transformerKwargs": kwargs,
            "transformKwargs": transform_kwargs}


def capture(item):
    session = sdk_capture.sdk_session(deploy.REGION)
    estimator, desc = deploy.train(session, item)
    sent = sdk_capture.catch_requests(session, ["CreateModel", "CreateTransformJob"])
    call = transform(estimator, item, desc)
    assert sorted(sent) == ["CreateModel", "CreateTransformJob"], sent
    return {
        "job": deploy.our_job(item, desc),
        "choices": item["choices"],
        "context": {"region": deploy.REGION, "roleArn": deploy.ROLE, "bucket": deploy.BUCKET,
                    "now": deploy.NOW,
                    "trainingImage": desc["AlgorithmSpecification"]["TrainingImage"]},
        "sdk": {"version": sagemaker.__version__, **call},
        "expected": {"createModel": sent["CreateModel"],
                     "createTransformJob": sent["CreateTransformJob"]},
    }


def main():
    sdk_capture.write_enum_ts(
        TRANSFORM_OUT, "TransformInstanceType", "TRANSFORM_INSTANCE_TYPES",
        "botocore's SageMaker `TransformInstanceType` enum: what batch transform accepts.",
        "capture_transform_requests.py")
    deploy.fix_sdk_clock()
    with sdk_capture.moto_server():
        sdk_capture.write_fixtures(OUT_DIR, CASES, capture)


if __name__ == "__main__":
    main()
