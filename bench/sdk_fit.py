"""The SageMaker Python SDK v2 side of bench/sagemaker_submit.mjs.

Reads back from moto the training job the extension submitted (its
DescribeTrainingJob, its tags, and the sourcedir.tar.gz it uploaded), then
submits the same source with the same choices through the SDK's SKLearn
estimator in this warm process: import and session creation, and one warm-up
`fit` (it resolves the session's default bucket: STS + S3 look-ups the SDK
caches), are not counted. Each timed run measures from just before
`fit(wait=False)` to the moment botocore is about to send CreateTrainingJob
(`before-send.sagemaker.CreateTrainingJob`). The estimator is built before
the clock starts, as a user's cell would build it before calling `fit`.

Telemetry and SDK config: the SDK's telemetry request (sent after the
wrapped call returns, so outside the timed window) is replaced by a no-op,
and the counted runs use an empty SDK config, as on a machine without a
sagemaker config.yaml: what a typical user pays. A second series
(`configRuns`) opts out of telemetry the way scripts/capture_sdk_requests.py
does, with a config dict; then every config look-up in `fit` validates that
dict against the SDK's JSON schema (a user with any config.yaml pays it too).

Prints one JSON object on stdout: the times (ms), the warm-up, and, per run,
every AWS call the SDK made before CreateTrainingJob, as offsets from `fit`.

Run with .venv-sdk/bin/python (scripts/sdk-venv.sh); needs AWS_ENDPOINT_URL
pointing at the moto server: bench/sagemaker_submit.mjs gives it the SDK's
own delaying relay in front of moto (every call, STS included, goes there).
"""

import argparse
import io
import json
import os
import sys
import tarfile
import tempfile
import time

os.environ.setdefault("SAGEMAKER_SUPPRESS_V2_WARNING", "1")
os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
os.environ.setdefault("AWS_EC2_METADATA_DISABLED", "true")
os.environ.pop("AWS_PROFILE", None)
os.environ.pop("AWS_SESSION_TOKEN", None)

import logging  # noqa: E402

logging.disable(logging.INFO)

import boto3  # noqa: E402
import sagemaker  # noqa: E402
import sagemaker.telemetry.telemetry_logging as telemetry  # noqa: E402
from sagemaker.sklearn import SKLearn  # noqa: E402

# No request to AWS's telemetry bucket from this machine (see above).
telemetry._send_telemetry_request = lambda *args, **kwargs: None
# What scripts/capture_sdk_requests.py gives the session: telemetry opted out.
OPT_OUT_CONFIG = {
    "SchemaVersion": "1.0",
    "SageMaker": {"PythonSDK": {"Modules": {"TelemetryOptOut": True}}},
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--job", required=True, help="a job the extension submitted")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--base-name", default="bench-sdk")
    args = parser.parse_args()

    endpoint = os.environ["AWS_ENDPOINT_URL"]
    region = os.environ["AWS_DEFAULT_REGION"]
    # The SDK gives STS an explicit regional endpoint, which beats
    # AWS_ENDPOINT_URL; send it to moto too.
    sagemaker.session.sts_regional_endpoint = lambda _region: endpoint

    boto_session = boto3.Session(region_name=region)
    calls = []  # (event, operation, perf_counter)

    def on_event(event_name, **_):
        kind, _service, operation = event_name.split(".", 2)
        calls.append((kind, operation, time.perf_counter()))

    # Registered on the boto3 session before any client exists: every client
    # the SDK creates (sagemaker, s3, the s3 resource, sts) copies them.
    boto_session.events.register("before-send", on_event)
    boto_session.events.register("after-call", on_event)
    session = sagemaker.Session(boto_session=boto_session)
    # As without any config.yaml, whatever this machine has (see above).
    session.sagemaker_config = {}

    ours = session.sagemaker_client.describe_training_job(TrainingJobName=args.job)
    tags = session.sagemaker_client.list_tags(ResourceArn=ours["TrainingJobArn"])["Tags"]
    algorithm = ours["AlgorithmSpecification"]
    image = algorithm["TrainingImage"]
    # …/sagemaker-scikit-learn:1.2-1-cpu-py3 → 1.2-1
    framework_version = image.rsplit(":", 1)[1].rsplit("-cpu-", 1)[0]
    hyperparameters = {
        name: json.loads(value)
        for name, value in ours["HyperParameters"].items()
        if not name.startswith("sagemaker_")
    }
    entry_point = json.loads(ours["HyperParameters"]["sagemaker_program"])
    bucket, key = json.loads(ours["HyperParameters"]["sagemaker_submit_directory"])[5:].split("/", 1)
    archive = session.boto_session.client("s3").get_object(Bucket=bucket, Key=key)["Body"].read()

    source_dir = tempfile.mkdtemp(prefix="bench-sdk-source-")
    with tarfile.open(fileobj=io.BytesIO(archive), mode="r:gz") as tar:
        tar.extractall(source_dir, filter="data")
    source_files = sorted(os.listdir(source_dir))

    def estimator():
        return SKLearn(
            entry_point=entry_point,
            source_dir=source_dir,
            framework_version=framework_version,
            py_version="py3",
            instance_type=ours["ResourceConfig"]["InstanceType"],
            instance_count=ours["ResourceConfig"]["InstanceCount"],
            volume_size=ours["ResourceConfig"]["VolumeSizeInGB"],
            role=ours["RoleArn"],
            hyperparameters=dict(hyperparameters),
            metric_definitions=algorithm.get("MetricDefinitions") or None,
            tags=tags or None,
            sagemaker_session=session,
        )

    def timed_fit(name):
        est = estimator()
        del calls[:]
        start = time.perf_counter()
        est.fit(inputs=None, job_name=name, wait=False, logs=False)
        end = time.perf_counter()
        sent = [at for kind, op, at in calls if kind == "before-send" and op == "CreateTrainingJob"]
        if len(sent) != 1:
            raise SystemExit(f"expected one CreateTrainingJob for {name}, saw {calls}")
        trace = [
            {"event": kind, "operation": op, "ms": round((at - start) * 1000, 2)}
            for kind, op, at in calls
            if at <= sent[0]
        ]
        return (sent[0] - start) * 1000, (end - start) * 1000, trace, est

    stamp = time.strftime("%H%M%S")
    warmup_ms, _, warmup_trace, est = timed_fit(f"{args.base_name}-warm-{stamp}")
    sdk_image = session.sagemaker_client.describe_training_job(
        TrainingJobName=est.latest_training_job.name
    )["AlgorithmSpecification"]["TrainingImage"]
    if sdk_image != image:
        raise SystemExit(f"the SDK chose {sdk_image}, the extension {image}")

    def series(label):
        runs = []
        for run in range(args.runs):
            ms, fit_ms, trace, _ = timed_fit(f"{args.base_name}-{label}-{stamp}-{run + 1}")
            runs.append({"ms": ms, "fitReturnedMs": fit_ms, "calls": trace})
        return runs

    runs = series("plain")
    session.sagemaker_config = OPT_OUT_CONFIG
    config_runs = series("config")
    session.sagemaker_config = {}
    json.dump(
        {
            "sdkVersion": sagemaker.__version__,
            "frameworkVersion": framework_version,
            "image": image,
            "sourceFiles": source_files,
            "sourceBytes": len(archive),
            "hyperparameters": hyperparameters,
            "warmup": {"ms": warmup_ms, "calls": warmup_trace},
            "runs": runs,
            "configRuns": config_runs,
        },
        sys.stdout,
    )
    print()


if __name__ == "__main__":
    main()
