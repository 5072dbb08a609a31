"""Record the requests the SageMaker Python SDK v2 sends to deploy a trained model.

Each case trains a job with the SDK's framework estimator against a moto
server (moto completes it at once), then deploys it as the SDK's users do:
scikit-learn through `estimator.deploy(...)` (the training script is the
inference script, the job's code is reused), Hugging Face through
`HuggingFaceModel(model_data=<the job's artifact>, env={"HF_TASK": ...}).deploy(...)`,
each real-time and serverless. PyTorch, MXNet, TensorFlow and Hugging Face
with an inference script go through `estimator.deploy(entry_point=...,
source_dir=<a folder holding only the script>)` (Hugging Face:
`HuggingFaceModel(..., entry_point=..., source_dir=...)`), which repacks the
model: before deploying, the case puts a model.tar.gz (`MODEL_FILES`, with an
old `code/` the repack must replace) where the job's artifact points, and
after, records the repacked archive the SDK uploaded (`repack`: where from,
where to, its files and the code files' text). TensorFlow without a script
serves the artifact as it is. The parameters of the CreateModel,
CreateEndpointConfig and CreateEndpoint calls are caught on the wire and
written to `src/endpoints/__tests__/fixtures/sdk-deploy/<case>.json` as
`{job, choices, context, sdk, expected}`, the job in our ITrainingJob form as
the backend reads it (DescribeTrainingJob). The jest test
`deployPlan.sdk.spec.ts` asserts that planDeploy gives `expected` exactly.

The SDK's clock is fixed (`context.now`) so the names it makes can be compared.
It also writes `src/catalog/data/hostingInstanceTypes.ts`, botocore's
ProductionVariantInstanceType enum: the instance types hosting accepts.

Regenerate (no AWS account or internet needed):

    bash scripts/sdk-venv.sh && .venv-sdk/bin/python scripts/capture_deploy_requests.py
"""

import io
import tarfile
import tempfile
from pathlib import Path

import sdk_capture  # first: fake credentials before boto3 and sagemaker load
from sdk_capture import ACCOUNT, CELL_TAG, JOB_TAG, NOTEBOOK_TAG, ROOT, TRAIN_SCRIPT
import sagemaker
import sagemaker.utils
from sagemaker.huggingface import HuggingFace, HuggingFaceModel
from sagemaker.mxnet import MXNet
from sagemaker.pytorch import PyTorch
from sagemaker.serverless import ServerlessInferenceConfig
from sagemaker.sklearn import SKLearn
from sagemaker.tensorflow import TensorFlow

HOSTING_OUT = ROOT / "src" / "catalog" / "data" / "hostingInstanceTypes.ts"
OUT_DIR = ROOT / "src" / "endpoints" / "__tests__" / "fixtures" / "sdk-deploy"
REGION = "us-east-1"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/SageMakerExecution"
BUCKET = f"sagemaker-{REGION}-{ACCOUNT}"
NOW = "2026-12-01T15:00:00.000Z"
SDK_TIMESTAMP = "2026-12-01-15-00-00-000"  # NOW as the SDK's sagemaker_timestamp writes it
INFERENCE_SCRIPT = "def model_fn(model_dir):\n    return None\n"
# The trained model the repack cases start from: a weights file, a nested
# folder, and an old code/ (its inference.py and requirements.txt) that the
# repack replaces, as the SDK replaces code/ with the source dir.
MODEL_FILES = {
    "model.pth": "weights",
    "config.json": '{"labels": 2}',
    "tokenizer/vocab.txt": "[PAD]\n[UNK]\n",
    "code/inference.py": "# the old script\n",
    "code/requirements.txt": "torch\n",
}
NOTEBOOK = "examples/review classifier.ipynb"
CELL = "5f0c2b1e-8a7d-4c3e-9b21-0d6f3a9e7c41"


def case(name, framework, version, py, train_instance, choices, sdk=None):
    return {"name": name, "framework": framework, "version": version, "py": py,
            "trainInstance": train_instance, "choices": choices, "sdk": sdk or {}}


def script(path="inference.py"):
    return {"path": path, "content": INFERENCE_SCRIPT}


ESTIMATORS = {"sklearn": SKLearn, "pytorch": PyTorch, "mxnet": MXNet, "tensorflow": TensorFlow}


CASES = [
    case("sklearn-realtime", "sklearn", "1.2-1", "py3", "ml.m5.xlarge", {
        "endpointName": "reviews-sklearn", "mode": "realtime",
        "instanceType": "ml.m5.large", "instanceCount": 1,
    }),
    case("sklearn-realtime-two-instances", "sklearn", "1.2-1", "py3", "ml.m5.xlarge", {
        "endpointName": "reviews-sklearn-two", "mode": "realtime",
        "instanceType": "ml.c5.xlarge", "instanceCount": 2,
    }),
    case("sklearn-serverless", "sklearn", "1.2-1", "py3", "ml.m5.xlarge", {
        "endpointName": "reviews-sklearn-serverless", "mode": "serverless",
        "memorySizeInMB": 2048, "maxConcurrency": 5,
    }),
    # An inference script next to the notebook: the SDK uploads it as the model's code.
    case("sklearn-inference-script", "sklearn", "1.2-1", "py3", "ml.m5.xlarge", {
        "endpointName": "reviews-sklearn-script", "mode": "realtime",
        "instanceType": "ml.m5.large", "instanceCount": 1,
        "inferenceScript": {"path": "inference.py", "content": INFERENCE_SCRIPT},
    }),
    case("huggingface-realtime-gpu", "huggingface", "4.48.0", "py311", "ml.g5.xlarge", {
        "endpointName": "reviews-bert", "mode": "realtime",
        "instanceType": "ml.g4dn.xlarge", "instanceCount": 1, "hfTask": "text-classification",
    }, sdk={"pytorch_version": "2.3.0"}),
    case("huggingface-realtime-cpu", "huggingface", "4.48.0", "py311", "ml.g5.xlarge", {
        "endpointName": "reviews-bert-cpu", "mode": "realtime",
        "instanceType": "ml.m5.xlarge", "instanceCount": 1, "hfTask": "text-classification",
    }, sdk={"pytorch_version": "2.3.0"}),
    case("huggingface-serverless", "huggingface", "4.48.0", "py311", "ml.g5.xlarge", {
        "endpointName": "reviews-bert-serverless", "mode": "serverless",
        "memorySizeInMB": 6144, "maxConcurrency": 200, "hfTask": "fill-mask",
    }, sdk={"pytorch_version": "2.3.0"}),
    # Repacked: the inference script goes into model.tar.gz under code/.
    case("pytorch-inference-script", "pytorch", "2.3.0", "py311", "ml.g5.xlarge", {
        "endpointName": "reviews-torch", "mode": "realtime",
        "instanceType": "ml.g4dn.xlarge", "instanceCount": 1, "inferenceScript": script(),
    }),
    case("pytorch-serverless-script", "pytorch", "2.3.0", "py311", "ml.g5.xlarge", {
        "endpointName": "reviews-torch-serverless", "mode": "serverless",
        "memorySizeInMB": 4096, "maxConcurrency": 2, "inferenceScript": script("serve.py"),
    }),
    case("mxnet-inference-script", "mxnet", "1.9.0", "py38", "ml.m5.xlarge", {
        "endpointName": "reviews-mxnet", "mode": "realtime",
        "instanceType": "ml.m5.large", "instanceCount": 1, "inferenceScript": script(),
    }),
    case("tensorflow-realtime", "tensorflow", "2.16", "py310", "ml.m5.xlarge", {
        "endpointName": "reviews-tf", "mode": "realtime",
        "instanceType": "ml.m5.large", "instanceCount": 1,
    }),
    case("tensorflow-inference-script", "tensorflow", "2.16", "py310", "ml.m5.xlarge", {
        "endpointName": "reviews-tf-script", "mode": "realtime",
        "instanceType": "ml.g4dn.xlarge", "instanceCount": 1, "inferenceScript": script(),
    }),
    case("huggingface-inference-script", "huggingface", "4.48.0", "py311", "ml.g5.xlarge", {
        "endpointName": "reviews-bert-script", "mode": "realtime",
        "instanceType": "ml.g4dn.xlarge", "instanceCount": 1, "inferenceScript": script(),
    }, sdk={"pytorch_version": "2.3.0"}),
]


def train(session, item):
    """A completed job (moto completes at once) and its estimator."""
    tags = [{"Key": NOTEBOOK_TAG, "Value": NOTEBOOK}, {"Key": CELL_TAG, "Value": CELL}]
    kwargs = dict(entry_point="train.py", role=ROLE, instance_type=item["trainInstance"],
                  instance_count=1, py_version=item["py"], tags=tags,
                  hyperparameters={"epochs": 1}, sagemaker_session=session)
    job_name = f"{item['name']}-job"
    with tempfile.TemporaryDirectory() as source_dir:
        Path(source_dir, "train.py").write_text(TRAIN_SCRIPT)
        if item["framework"] == "huggingface":
            estimator = HuggingFace(source_dir=source_dir, transformers_version=item["version"],
                                    **item["sdk"], **kwargs)
        else:
            estimator = ESTIMATORS[item["framework"]](
                source_dir=source_dir, framework_version=item["version"], **kwargs)
        estimator.fit(job_name=job_name, wait=False, logs=False)
    return estimator, session.sagemaker_client.describe_training_job(TrainingJobName=job_name)


def our_job(item, desc):
    """The job as the backend's ITrainingJob gives it to the plan."""
    return {
        "name": desc["TrainingJobName"],
        "target": "sagemaker",
        "arn": desc["TrainingJobArn"],
        "framework": item["framework"],
        "status": desc["TrainingJobStatus"],
        "modelArtifact": desc["ModelArtifacts"]["S3ModelArtifacts"],
        "hyperparameters": desc["HyperParameters"],
        "notebookPath": NOTEBOOK,
        "cellId": CELL,
        "instanceType": item["trainInstance"],
        "instanceCount": 1,
    }


def model_archive(files):
    """A gzip-compressed tar of these files, their folders before them."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        folders = set()
        for name, text in files.items():
            for depth in range(1, name.count("/") + 1):
                folder = "/".join(name.split("/")[:depth])
                if folder not in folders:
                    folders.add(folder)
                    info = tarfile.TarInfo(folder)
                    info.type = tarfile.DIRTYPE
                    info.mode = 0o755
                    tar.addfile(info)
            data = text.encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def split_s3(uri):
    bucket, _, key = uri[len("s3://"):].partition("/")
    return bucket, key


def archive_listing(data):
    """The files of a .tar.gz (names without a leading ./ or /), code/ files with their text."""
    files = {}
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        for member in tar.getmembers():
            name = member.name.lstrip("/")
            if name.startswith("./"):
                name = name[2:]
            if member.isfile():
                files[name] = tar.extractfile(member).read().decode()
    return dict(sorted(files.items()))


def repacks(item):
    return item["choices"].get("inferenceScript") is not None and item["framework"] != "sklearn"


def deploy(estimator, item, desc):
    choices = item["choices"]
    tags = [{"Key": NOTEBOOK_TAG, "Value": NOTEBOOK}, {"Key": CELL_TAG, "Value": CELL},
            {"Key": JOB_TAG, "Value": desc["TrainingJobName"]}]
    kwargs = dict(endpoint_name=choices["endpointName"], tags=tags, wait=False)
    if choices["mode"] == "serverless":
        kwargs["serverless_inference_config"] = ServerlessInferenceConfig(
            memory_size_in_mb=choices["memorySizeInMB"], max_concurrency=choices["maxConcurrency"])
    else:
        kwargs["initial_instance_count"] = choices["instanceCount"]
        kwargs["instance_type"] = choices["instanceType"]
    inference = choices.get("inferenceScript")
    with tempfile.TemporaryDirectory() as source_dir:
        code = {}
        if inference is not None:
            Path(source_dir, inference["path"]).write_text(inference["content"])
            code = {"entry_point": inference["path"], "source_dir": source_dir}
        if item["framework"] == "huggingface":
            env = {"HF_TASK": choices["hfTask"]} if "hfTask" in choices else {}
            model = HuggingFaceModel(model_data=estimator.model_data, role=ROLE,
                                     transformers_version=item["version"], py_version=item["py"],
                                     env=env, sagemaker_session=estimator.sagemaker_session,
                                     **item["sdk"], **code)
            model.deploy(**kwargs)
            return {"call": "HuggingFaceModel(...).deploy", "modelKwargs": {
                "transformers_version": item["version"], "py_version": item["py"],
                "env": env, **item["sdk"],
                **({"entry_point": inference["path"]} if inference else {})}}
        estimator.deploy(**code, **kwargs)
    call = {"call": f"{type(estimator).__name__}.deploy"}
    if inference is not None:
        call["kwargs"] = {"entry_point": inference["path"], "source_dir": "<a folder with only it>"}
    return call


def capture(item):
    session = sdk_capture.sdk_session(REGION)
    assert session.default_bucket() == BUCKET, session.default_bucket()
    estimator, desc = train(session, item)
    s3 = session.boto_session.client("s3")
    artifact = desc["ModelArtifacts"]["S3ModelArtifacts"]
    if repacks(item):
        bucket, key = split_s3(artifact)
        s3.put_object(Bucket=bucket, Key=key, Body=model_archive(MODEL_FILES))
    sent = sdk_capture.catch_requests(
        session, ["CreateModel", "CreateEndpointConfig", "CreateEndpoint"])
    call = deploy(estimator, item, desc)
    assert sorted(sent) == ["CreateEndpoint", "CreateEndpointConfig", "CreateModel"], sent
    repack = None
    if repacks(item):
        repacked = sent["CreateModel"]["PrimaryContainer"]["ModelDataUrl"]
        assert repacked != artifact, repacked
        bucket, key = split_s3(repacked)
        body = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
        repack = {"source": artifact, "target": repacked, "modelFiles": MODEL_FILES,
                  "files": archive_listing(body)}
    return {
        "job": our_job(item, desc),
        "choices": item["choices"],
        "context": {"region": REGION, "roleArn": ROLE, "bucket": BUCKET, "now": NOW,
                    "trainingImage": desc["AlgorithmSpecification"]["TrainingImage"]},
        "sdk": {"version": sagemaker.__version__, **call},
        "expected": {"createModel": sent["CreateModel"],
                     "createEndpointConfig": sent["CreateEndpointConfig"],
                     "createEndpoint": sent["CreateEndpoint"]},
        **({"repack": repack} if repack else {}),
    }


def fix_sdk_clock():
    """The SDK's clock at NOW, so the names it makes can be compared."""
    # name_from_base looks the timestamp up in its module at each call.
    sagemaker.utils.sagemaker_timestamp = lambda: SDK_TIMESTAMP


def main():
    sdk_capture.write_enum_ts(
        HOSTING_OUT, "ProductionVariantInstanceType", "HOSTING_INSTANCE_TYPES",
        "botocore's SageMaker `ProductionVariantInstanceType` enum: what hosting accepts.",
        "capture_deploy_requests.py")
    fix_sdk_clock()
    with sdk_capture.moto_server():
        sdk_capture.write_fixtures(OUT_DIR, CASES, capture)


if __name__ == "__main__":
    main()
