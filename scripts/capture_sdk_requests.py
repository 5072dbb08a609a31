"""Record the CreateTrainingJob requests the SageMaker Python SDK v2 sends.

Each case below is a set of choices in our own form (an IJobSpec and
ISageMakerOptions, see src/training/sagemakerOptions.ts). The script turns
them into the SDK's framework estimator (HuggingFace, PyTorch, TensorFlow,
MXNet, SKLearn), lets the SDK pick the image and call `fit` against a moto
server, catches the parameters of the CreateTrainingJob call on the wire and
writes `src/training/__tests__/fixtures/sdk-requests/<case>.json`:
`{spec, options, context, estimator, expected}`. The jest test
`request.sdk.spec.ts` asserts that buildCreateTrainingJobRequest gives
`expected` exactly.

Regenerate (no AWS account or internet needed):

    bash scripts/sdk-venv.sh && .venv-sdk/bin/python scripts/capture_sdk_requests.py
"""

import copy
import tempfile
from pathlib import Path

import sdk_capture  # first: fake credentials before boto3 and sagemaker load
from sdk_capture import ACCOUNT, CELL_TAG, NOTEBOOK_TAG, ROOT, TRAIN_SCRIPT
import sagemaker
from sagemaker.huggingface import HuggingFace
from sagemaker.mxnet import MXNet
from sagemaker.pytorch import PyTorch
from sagemaker.sklearn import SKLearn
from sagemaker.tensorflow import TensorFlow

OUT_DIR = ROOT / "src" / "training" / "__tests__" / "fixtures" / "sdk-requests"

ESTIMATORS = {
    "huggingface": HuggingFace,
    "pytorch": PyTorch,
    "tensorflow": TensorFlow,
    "mxnet": MXNet,
    "sklearn": SKLearn,
}

PARTITIONS = {"cn-": "aws-cn", "us-gov-": "aws-us-gov"}


def partition(region):
    for prefix, name in PARTITIONS.items():
        if region.startswith(prefix):
            return name
    return "aws"


def role_arn(region):
    return f"arn:{partition(region)}:iam::{ACCOUNT}:role/SageMakerExecution"


def case(name, framework, version, py, instance_type="ml.m5.xlarge", region="us-east-1",
         spec=None, options=None, sdk=None):
    """A case: our spec and options, plus SDK-only arguments (base framework
    versions of Hugging Face, an explicit image) under `sdk`."""
    full_spec = {
        "jobName": name,
        "target": "sagemaker",
        "framework": framework,
        "frameworkVersion": version,
        "pyVersion": py,
        "entryPoint": "train.py",
        "sourceFiles": [{"path": "train.py", "content": TRAIN_SCRIPT}],
        "hyperparameters": {"epochs": 3},
        "channels": {"train": f"s3://sagemaker-{region}-{ACCOUNT}/data/reviews/train"},
        "metricDefinitions": [],
        "instanceType": instance_type,
        "instanceCount": 1,
        "notebookPath": "examples/review classifier.ipynb",
        "cellId": "5f0c2b1e-8a7d-4c3e-9b21-0d6f3a9e7c41",
        "kernelName": "python3",
    }
    full_spec.update(spec or {})
    full_options = {"roleArn": role_arn(region), "bucket": f"sagemaker-{region}-{ACCOUNT}"}
    full_options.update(options or {})
    return {"name": name, "region": region, "spec": full_spec, "options": full_options,
            "sdk": sdk or {}}


HF_METRICS = [
    {"Name": "loss", "Regex": "['\"]loss['\"]: ['\"]?([0-9.eE+-]+)"},
    {"Name": "eval_accuracy", "Regex": "['\"]eval_accuracy['\"]: ['\"]?([0-9.eE+-]+)"},
]

CASES = [
    case("pytorch-defaults", "pytorch", "2.3.0", "py311"),
    case("pytorch-hyperparameter-types", "pytorch", "2.3.0", "py311", spec={
        "hyperparameters": {
            "epochs": 3,
            "learning_rate": 1e-05,
            "warmup_ratio": 0.1,
            "weight_decay": 1.5e-7,
            "max_tokens": 1.5e16,
            "negative": -2,
            "fp16": True,
            "shuffle": False,
            "model_name": "distilbert-base-uncased",
            "greeting": "h\u00e9llo \"w\u00f6rld\" \u2603\n\ttab\\",
            "emoji": "\U0001F600",
            "layers": [64, 32, 0.5, "relu", None],
            "extra": {"dropout": 0.25, "names": ["a", "b"], "on": True},
            "seed": None,
            "empty": "",
            # Python floats at the edges of repr's fixed and exponent forms.
            "floats": [0.0001, 0.00012, 2.5e-05, 0.3, -0.5, 100.25, 123456.789,
                       9.1e15, 1e16, 1e22, 5e-324, 1.7976931348623157e308],
        }
    }),
    case("huggingface-defaults", "huggingface", "4.36.0", "py310", "ml.g5.xlarge", spec={
        "channels": {
            "train": f"s3://sagemaker-us-east-1-{ACCOUNT}/data/reviews/train",
            "test": f"s3://sagemaker-us-east-1-{ACCOUNT}/data/reviews/test",
        },
        "metricDefinitions": HF_METRICS,
        "hyperparameters": {"model_name_or_path": "prajjwal1/bert-tiny", "epochs": 1,
                            "learning_rate": 5e-05},
    }, sdk={"pytorch_version": "2.1.0"}),
    case("huggingface-tensorflow", "huggingface", "4.17.0", "py38", "ml.g5.xlarge",
         sdk={"tensorflow_version": "2.6.3"}),
    case("tensorflow-defaults", "tensorflow", "2.16", "py310"),
    case("tensorflow-output-path", "tensorflow", "2.16", "py310", options={
        "outputPath": f"s3://team-bucket-{ACCOUNT}/nlp/models",
    }),
    case("mxnet-defaults", "mxnet", "1.9.0", "py38"),
    case("sklearn-defaults", "sklearn", "1.2-1", "py3", spec={
        "metricDefinitions": [{"Name": "accuracy", "Regex": "accuracy: ([0-9.]+)"}],
    }),
    case("sklearn-code-location", "sklearn", "1.2-1", "py3", options={
        "outputPath": f"s3://team-bucket-{ACCOUNT}/nlp/models/",
        "codeLocation": f"s3://team-code-{ACCOUNT}/nlp/code",
    }),
    case("pytorch-spot-checkpoint", "pytorch", "2.3.0", "py311", options={
        "useSpotInstances": True,
        "maxRuntimeInSeconds": 3600,
        "maxWaitTimeInSeconds": 7200,
        "checkpointS3Uri": f"s3://sagemaker-us-east-1-{ACCOUNT}/checkpoints/pytorch-spot",
    }),
    case("pytorch-checkpoint-local-path", "pytorch", "2.3.0", "py311", options={
        "checkpointS3Uri": f"s3://sagemaker-us-east-1-{ACCOUNT}/checkpoints/pt",
        "checkpointLocalPath": "/opt/ml/checkpoints",
    }),
    case("huggingface-checkpoint-local-path", "huggingface", "4.36.0", "py310",
         "ml.g5.xlarge", options={
             "useSpotInstances": True,
             "maxWaitTimeInSeconds": 86400,
             "checkpointS3Uri": f"s3://sagemaker-us-east-1-{ACCOUNT}/checkpoints/hf",
             "checkpointLocalPath": "/opt/ml/checkpoints",
         }, sdk={"pytorch_version": "2.1.0"}),
    case("mxnet-checkpoint-local-path", "mxnet", "1.9.0", "py38", options={
        "checkpointS3Uri": f"s3://sagemaker-us-east-1-{ACCOUNT}/checkpoints/mx",
        "checkpointLocalPath": "/opt/ml/checkpoints",
    }),
    case("mxnet-checkpoint-two-instances", "mxnet", "1.9.0", "py38",
         spec={"instanceCount": 2}, options={
             "checkpointS3Uri": f"s3://sagemaker-us-east-1-{ACCOUNT}/checkpoints/mx",
             "checkpointLocalPath": "/opt/ml/checkpoints",
         }),
    case("pytorch-torch-distributed", "pytorch", "2.3.0", "py311", "ml.g5.12xlarge",
         spec={"instanceCount": 2}, options={"distribution": {"type": "torch_distributed"}}),
    case("pytorch-smdistributed", "pytorch", "2.2.0", "py310", "ml.p4d.24xlarge",
         spec={"instanceCount": 2}, options={"distribution": {
             "type": "smdistributed", "customMpiOptions": "-verbose -x NCCL_DEBUG=VERSION"}}),
    case("pytorch-mpi", "pytorch", "2.1.0", "py310", "ml.g5.12xlarge",
         spec={"instanceCount": 2}, options={"distribution": {"type": "mpi"}}),
    case("huggingface-torch-distributed", "huggingface", "4.36.0", "py310", "ml.g5.12xlarge",
         spec={"instanceCount": 2}, options={"distribution": {"type": "torch_distributed"}},
         sdk={"pytorch_version": "2.1.0"}),
    case("huggingface-smdistributed", "huggingface", "4.28.1", "py310", "ml.p4d.24xlarge",
         spec={"instanceCount": 2}, options={"distribution": {"type": "smdistributed"}},
         sdk={"pytorch_version": "2.0.0"}),
    case("tensorflow-mpi", "tensorflow", "2.13", "py310", "ml.p3.16xlarge",
         spec={"instanceCount": 2}, options={"distribution": {
             "type": "mpi", "processesPerHost": 8,
             "customMpiOptions": "-verbose --NCCL_DEBUG=INFO"}}),
    case("tensorflow-smdistributed", "tensorflow", "2.11.0", "py39", "ml.p4d.24xlarge",
         spec={"instanceCount": 2}, options={"distribution": {"type": "smdistributed"}}),
    case("mxnet-mpi", "mxnet", "1.9.0", "py38", "ml.p3.16xlarge", spec={"instanceCount": 2},
         options={"distribution": {"type": "mpi", "processesPerHost": 4,
                                   "customMpiOptions": "-x HOROVOD_TIMELINE=1"}}),
    # Unlike the others, MXNet's estimator sends no custom MPI options here.
    case("mxnet-mpi-without-processes", "mxnet", "1.9.0", "py38", "ml.p3.16xlarge",
         spec={"instanceCount": 2}, options={"distribution": {"type": "mpi"}}),
    case("pytorch-vpc-kms-environment-tags", "pytorch", "2.3.0", "py311", options={
        "subnets": ["subnet-0a1b2c3d", "subnet-4e5f6a7b"],
        "securityGroupIds": ["sg-0123456789abcdef0"],
        "volumeKmsKeyId": f"arn:aws:kms:us-east-1:{ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        "outputKmsKeyId": "alias/sagemaker-output",
        "volumeSizeInGB": 100,
        "maxRuntimeInSeconds": 7200,
        "environment": {"HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"},
        "tags": [{"Key": "project", "Value": "reviews"}, {"Key": "cost-center", "Value": "nlp-42"}],
        "containerLogLevel": 10,
    }),
    case("pytorch-cn-north-1", "pytorch", "2.3.0", "py311", region="cn-north-1"),
    case("pytorch-us-gov-east-1", "pytorch", "2.3.0", "py311", region="us-gov-east-1"),
    case("huggingface-me-central-1", "huggingface", "4.36.0", "py310", "ml.g5.xlarge",
         region="me-central-1", sdk={"pytorch_version": "2.1.0"}),
    case("pytorch-trainium", "pytorch", "1.13.1", "py38", "ml.trn1.2xlarge", sdk={
        "image_uri": "763104351884.dkr.ecr.us-east-1.amazonaws.com/"
                     "pytorch-training-neuronx:1.13.1-neuronx-py38-sdk2.9.1-ubuntu20.04",
    }),
    case("sklearn-no-channels", "sklearn", "1.2-1", "py3", spec={
        "channels": {}, "hyperparameters": {},
    }),
]


def distribution_kwargs(choice):
    """Our distribution choice in the SDK's `distribution` form."""
    kind = (choice or {}).get("type", "none")
    if kind == "none":
        return None
    if kind == "torch_distributed":
        return {"torch_distributed": {"enabled": True}}
    if kind == "smdistributed":
        dataparallel = {"enabled": True}
        if "customMpiOptions" in choice:
            dataparallel["custom_mpi_options"] = choice["customMpiOptions"]
        return {"smdistributed": {"dataparallel": dataparallel}}
    if kind == "mpi":
        mpi = {"enabled": True}
        if "processesPerHost" in choice:
            mpi["processes_per_host"] = choice["processesPerHost"]
        if "customMpiOptions" in choice:
            mpi["custom_mpi_options"] = choice["customMpiOptions"]
        return {"mpi": mpi}
    raise ValueError(f"unknown distribution {kind}")


def estimator_kwargs(spec, options, source_dir, sdk):
    """Our choices as the framework estimator's keyword arguments."""
    tags = [
        {"Key": NOTEBOOK_TAG, "Value": spec["notebookPath"]},
        {"Key": CELL_TAG, "Value": spec["cellId"]},
    ] + options.get("tags", [])
    kwargs = {
        "entry_point": spec["entryPoint"],
        "source_dir": source_dir,
        "role": options["roleArn"],
        "instance_type": spec["instanceType"],
        "instance_count": spec["instanceCount"],
        "py_version": spec["pyVersion"],
        "hyperparameters": copy.deepcopy(spec["hyperparameters"]) or None,
        "metric_definitions": copy.deepcopy(spec["metricDefinitions"]) or None,
        "tags": tags,
    }
    version_key = "transformers_version" if spec["framework"] == "huggingface" else "framework_version"
    kwargs[version_key] = spec["frameworkVersion"]
    optional = {
        "outputPath": "output_path",
        "codeLocation": "code_location",
        "volumeSizeInGB": "volume_size",
        "maxRuntimeInSeconds": "max_run",
        "useSpotInstances": "use_spot_instances",
        "maxWaitTimeInSeconds": "max_wait",
        "checkpointS3Uri": "checkpoint_s3_uri",
        "checkpointLocalPath": "checkpoint_local_path",
        "subnets": "subnets",
        "securityGroupIds": "security_group_ids",
        "volumeKmsKeyId": "volume_kms_key",
        "outputKmsKeyId": "output_kms_key",
        "environment": "environment",
        "containerLogLevel": "container_log_level",
    }
    for ours, theirs in optional.items():
        if ours in options:
            kwargs[theirs] = copy.deepcopy(options[ours])
    distribution = distribution_kwargs(options.get("distribution"))
    if distribution is not None:
        kwargs["distribution"] = distribution
    kwargs.update(sdk)
    return kwargs


def capture(item):
    region = item["region"]
    spec, options = item["spec"], item["options"]
    session = sdk_capture.sdk_session(region)
    assert session.default_bucket() == options["bucket"], session.default_bucket()
    s3 = session.boto_session.client("s3")
    for uri in [options.get("outputPath"), options.get("codeLocation")]:
        if uri:
            s3.create_bucket(Bucket=uri[5:].split("/")[0], **bucket_location(region))

    sent = sdk_capture.catch_requests(session, ["CreateTrainingJob"])
    with tempfile.TemporaryDirectory() as source_dir:
        for source in spec["sourceFiles"]:
            Path(source_dir, source["path"]).write_text(source["content"])
        kwargs = estimator_kwargs(spec, options, source_dir, item["sdk"])
        # The SDK adds its own keys to the hyperparameters dict it is given.
        recorded_kwargs = copy.deepcopy({k: v for k, v in kwargs.items() if k != "source_dir"})
        estimator = ESTIMATORS[spec["framework"]](sagemaker_session=session, **kwargs)
        estimator.fit(spec["channels"] or None, job_name=spec["jobName"], wait=False, logs=False)
    assert list(sent) == ["CreateTrainingJob"], sent
    return {
        "spec": spec,
        "options": options,
        "context": {
            "imageUri": estimator.training_image_uri(),
            "region": region,
            "submitDirS3Uri": estimator.uploaded_code.s3_prefix,
        },
        "estimator": {
            "class": type(estimator).__name__,
            "sdkVersion": sagemaker.__version__,
            "kwargs": recorded_kwargs,
        },
        "expected": sent["CreateTrainingJob"],
    }


def bucket_location(region):
    if region == "us-east-1":
        return {}
    return {"CreateBucketConfiguration": {"LocationConstraint": region}}


def main():
    with sdk_capture.moto_server():
        sdk_capture.write_fixtures(OUT_DIR, CASES, capture)


if __name__ == "__main__":
    main()
