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

import copy
import json
import logging
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import capture_deploy_requests as deploy  # noqa: E402  (sets the fake credentials first)
import boto3  # noqa: E402
import sagemaker  # noqa: E402
import sagemaker.utils  # noqa: E402
from moto.server import ThreadedMotoServer  # noqa: E402

TRANSFORM_OUT = deploy.ROOT / "src" / "catalog" / "data" / "transformInstanceTypes.ts"
OUT_DIR = deploy.ROOT / "src" / "endpoints" / "__tests__" / "fixtures" / "sdk-transform"
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
    tags = [{"Key": deploy.NOTEBOOK_TAG, "Value": deploy.NOTEBOOK},
            {"Key": deploy.CELL_TAG, "Value": deploy.CELL},
            {"Key": deploy.JOB_TAG, "Value": desc["TrainingJobName"]}]
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
    boto_session = boto3.Session(region_name=deploy.REGION)
    session = sagemaker.Session(boto_session=boto_session, sagemaker_config=deploy.SDK_CONFIG)
    estimator, desc = deploy.train(session, item)
    sent = {}

    def recorder(operation):
        def record(params, **_):
            sent[operation] = copy.deepcopy(params)
        return record

    for operation in ["CreateModel", "CreateTransformJob"]:
        session.sagemaker_client.meta.events.register(
            f"provide-client-params.sagemaker.{operation}", recorder(operation))
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


def write_transform_instance_types():
    import botocore
    import botocore.session

    model = botocore.session.get_session().get_service_model("sagemaker")
    types = model.shape_for("TransformInstanceType").enum
    lines = [
        "// Generated by scripts/capture_transform_requests.py from sagemaker "
        f"{sagemaker.__version__} (botocore {botocore.__version__}). Do not edit.",
        "",
        "/** botocore's SageMaker `TransformInstanceType` enum: what batch transform accepts. */",
        "export const TRANSFORM_INSTANCE_TYPES: readonly string[] = [",
        ",\n".join(f"  {json.dumps(name)}" for name in types),
        "];",
        "",
    ]
    TRANSFORM_OUT.write_text("\n".join(lines))
    print(f"wrote {TRANSFORM_OUT.relative_to(deploy.ROOT)}", file=sys.stderr)


def main():
    write_transform_instance_types()
    logging.disable(logging.INFO)
    sagemaker.utils.sagemaker_timestamp = lambda: deploy.SDK_TIMESTAMP
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        endpoint = f"http://{host}:{port}"
        os.environ["AWS_ENDPOINT_URL"] = endpoint
        sagemaker.session.sts_regional_endpoint = lambda region: endpoint
        OUT_DIR.mkdir(parents=True, exist_ok=True)
        for old in OUT_DIR.glob("*.json"):
            old.unlink()
        for item in CASES:
            fixture = capture(item)
            path = OUT_DIR / f"{item['name']}.json"
            path.write_text(json.dumps(fixture, indent=2, ensure_ascii=False) + "\n")
            print(f"wrote {path.relative_to(deploy.ROOT)}", file=sys.stderr)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
