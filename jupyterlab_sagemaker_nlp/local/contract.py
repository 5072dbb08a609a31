"""What a SageMaker framework container shows a training script — as pure functions.

The names and formats follow the sagemaker-training-toolkit
(``sagemaker_training.environment.Environment.to_env_vars`` and
``sagemaker_training.mapping.to_env_vars`` / ``to_cmd_args``), with the job
folder standing in for ``/opt/ml``:

    <job>/code/                              the source directory, the cwd
    <job>/input/config/hyperparameters.json  {name: JSON-encoded string}
    <job>/input/config/resourceconfig.json   algo-1, one host
    <job>/input/config/inputdataconfig.json  {channel: {TrainingInputMode: File, ...}}
    <job>/input/data/<channel>               symlink to the local folder
    <job>/model/  <job>/output/{data,intermediate,failure}  <job>/checkpoints/
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping

CURRENT_HOST = "algo-1"
NETWORK_INTERFACE_NAME = "eth0"
INSTANCE_GROUP = "homogeneousCluster"
DEFAULT_LOG_LEVEL = 20  # logging.INFO, the SDK's default container log level

SAGEMAKER_PREFIX = "sagemaker_"
# sagemaker_training.params.SAGEMAKER_HYPERPARAMETERS: the toolkit's own
# parameters; other sagemaker_* ones become SM_FRAMEWORK_PARAMS.
SAGEMAKER_HYPERPARAMETERS = (
    "sagemaker_program",
    "sagemaker_submit_directory",
    "sagemaker_enable_cloudwatch_metrics",
    "sagemaker_region",
    "sagemaker_container_log_level",
    "sagemaker_job_name",
    "default_user_module_name",
    "_tuning_objective_metric",
    "sagemaker_s3_output",
)
_DISTRIBUTION_FLAGS = (
    "sagemaker_mpi_enabled",
    "sagemaker_parameter_server_enabled",
    "sagemaker_distributed_dataparallel_enabled",
    "sagemaker_pytorch_ddp_enabled",
    "sagemaker_pytorch_xla_multi_worker_enabled",
    "sagemaker_multi_worker_mirrored_strategy_enabled",
)
# SAGEMAKER_TRAINING_MODULE of each framework container.
FRAMEWORK_MODULES = {
    "pytorch": "sagemaker_pytorch_container.training:main",
    "huggingface": "sagemaker_pytorch_container.training:main",
    "tensorflow": "sagemaker_tensorflow_container.training:main",
    "mxnet": "sagemaker_mxnet_container.training:main",
    "sklearn": "sagemaker_sklearn_container.training:main",
}


@dataclass(frozen=True)
class Layout:
    """The /opt/ml tree of one job, rooted at the job folder."""

    root: Path

    def _p(self, *parts: str) -> str:
        return os.path.join(str(self.root), *parts)

    code = property(lambda s: s._p("code"))
    model = property(lambda s: s._p("model"))
    input = property(lambda s: s._p("input"))
    input_config = property(lambda s: s._p("input", "config"))
    input_data = property(lambda s: s._p("input", "data"))
    output = property(lambda s: s._p("output"))
    output_data = property(lambda s: s._p("output", "data"))
    output_intermediate = property(lambda s: s._p("output", "intermediate"))
    failure = property(lambda s: s._p("output", "failure"))
    checkpoints = property(lambda s: s._p("checkpoints"))
    hyperparameters_file = property(lambda s: s._p("input", "config", "hyperparameters.json"))
    resource_config_file = property(lambda s: s._p("input", "config", "resourceconfig.json"))
    input_data_config_file = property(lambda s: s._p("input", "config", "inputdataconfig.json"))
    record = property(lambda s: s._p("job.json"))
    log = property(lambda s: s._p("output.log"))
    metrics = property(lambda s: s._p("metrics.jsonl"))
    model_tar = property(lambda s: s._p("output", "model.tar.gz"))

    def channel(self, name: str) -> str:
        return self._p("input", "data", name)

    def directories(self) -> list[str]:
        return [
            self.code, self.model, self.input_config, self.input_data,
            self.output_data, self.output_intermediate, self.checkpoints,
        ]


# --- hyperparameters ---------------------------------------------------------
# They arrive JSON-encoded, as the browser encodes them for SageMaker too; the
# runner only decodes them, as the toolkit does in the container.

def decode_hyperparameters(encoded: Mapping[str, str]) -> dict[str, Any]:
    """``environment.read_hyperparameters``: json.loads, else the raw value."""
    decoded = {}
    for key, value in encoded.items():
        try:
            decoded[key] = json.loads(value)
        except (ValueError, TypeError):
            decoded[key] = value
    return decoded


def split_hyperparameters(decoded: Mapping[str, Any]) -> tuple[dict, dict]:
    """(user hyperparameters, sagemaker ones), like ``mapping.split_by_criteria``."""
    sagemaker = {
        k: v for k, v in decoded.items()
        if k in SAGEMAKER_HYPERPARAMETERS or k.startswith(SAGEMAKER_PREFIX)
    }
    user = {k: v for k, v in decoded.items() if k not in sagemaker}
    return user, sagemaker


def _decode(obj: Any) -> str:
    if obj is None:
        return ""
    if isinstance(obj, bytes):
        return obj.decode("latin1")
    return str(obj)


def to_cmd_args(mapping: Mapping[str, Any]) -> list[str]:
    """``mapping.to_cmd_args``: sorted keys, ``--key value`` (``-k`` for one letter)."""
    args: list[str] = []
    for key in sorted(mapping.keys()):
        name = _decode(key)
        args.append(("--%s" if len(name) > 1 else "-%s") % name if name else "")
        value = mapping[key]
        if hasattr(value, "items"):
            args.append(",".join("%s=%s" % (k, v) for k, v in sorted(value.items())))
        else:
            args.append(_decode(value))
    return args


def to_env_vars(mapping: Mapping[str, Any]) -> dict[str, str]:
    """``mapping.to_env_vars``: ``SM_<KEY>``; strings as is, None empty, else compact JSON."""

    def value(v: Any) -> str:
        if isinstance(v, bytes):
            return v.decode("latin1")
        if v is None:
            return ""
        if isinstance(v, str):
            return v
        return json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=True)

    return {"SM_%s" % str(k).upper(): value(v) for k, v in mapping.items() if k}


# --- config files ------------------------------------------------------------

def resource_config(instance_type: str) -> dict:
    return {
        "current_host": CURRENT_HOST,
        "current_instance_type": instance_type,
        "current_group_name": INSTANCE_GROUP,
        "hosts": [CURRENT_HOST],
        "instance_groups": [
            {
                "instance_group_name": INSTANCE_GROUP,
                "instance_type": instance_type,
                "hosts": [CURRENT_HOST],
            }
        ],
        "network_interface_name": NETWORK_INTERFACE_NAME,
    }


def input_data_config(channels: Iterable[str]) -> dict:
    return {
        name: {
            "TrainingInputMode": "File",
            "S3DistributionType": "FullyReplicated",
            "RecordWrapperType": "None",
        }
        for name in sorted(channels)
    }


# --- machine -----------------------------------------------------------------

_gpus: int | None = None


def num_gpus() -> int:
    """``environment.num_gpus``: count ``GPU `` lines of ``nvidia-smi --list-gpus`` (cached)."""
    global _gpus
    if _gpus is None:
        _gpus = 0
        exe = shutil.which("nvidia-smi")
        if exe:
            try:
                out = subprocess.run(
                    [exe, "--list-gpus"], capture_output=True, timeout=5, check=True
                ).stdout.decode("utf-8", "replace")
                _gpus = sum(1 for line in out.split("\n") if line.startswith("GPU "))
            except (OSError, subprocess.SubprocessError):
                _gpus = 0
    return _gpus


def num_cpus() -> int:
    return os.cpu_count() or 1


# --- the environment ---------------------------------------------------------

def training_env(
    layout: Layout,
    job_name: str,
    encoded_hyperparameters: Mapping[str, str],
    channels: Iterable[str],
    instance_type: str,
    framework: str = "",
    cpus: int | None = None,
    gpus: int | None = None,
) -> dict:
    """The toolkit's ``dict(Environment())``: what ``SM_TRAINING_ENV`` holds."""
    user, sagemaker = split_hyperparameters(decode_hyperparameters(encoded_hyperparameters))
    framework_params = {k: v for k, v in sagemaker.items() if k not in SAGEMAKER_HYPERPARAMETERS}
    program = sagemaker.get("sagemaker_program")
    module_name = str(program)
    if module_name.endswith(".py"):
        module_name = module_name[:-3]
    rc = resource_config(instance_type)
    hosts = rc["hosts"]
    distributed = any(framework_params.get(flag, False) for flag in _DISTRIBUTION_FLAGS)
    distribution_groups = [INSTANCE_GROUP] if distributed else []
    distribution_hosts = list(hosts) if distributed else []
    channel_dirs = {name: layout.channel(name) for name in sorted(channels)}
    return {
        "additional_framework_parameters": framework_params,
        "channel_input_dirs": channel_dirs,
        "current_host": CURRENT_HOST,
        "current_instance_group": INSTANCE_GROUP,
        "current_instance_group_hosts": list(hosts),
        "current_instance_type": instance_type,
        "distribution_hosts": distribution_hosts,
        "distribution_instance_groups": distribution_groups,
        "framework_module": FRAMEWORK_MODULES.get(framework),
        "hosts": list(hosts),
        "hyperparameters": user,
        "input_config_dir": layout.input_config,
        "input_data_config": input_data_config(channels),
        "input_dir": layout.input,
        "instance_groups": [INSTANCE_GROUP],
        "instance_groups_dict": {g["instance_group_name"]: g for g in rc["instance_groups"]},
        "is_hetero": False,
        "is_master": True,
        "is_modelparallel_enabled": None,
        "job_name": job_name,
        "log_level": sagemaker.get("sagemaker_container_log_level", DEFAULT_LOG_LEVEL),
        "master_hostname": (distribution_hosts or hosts)[0],
        "model_dir": layout.model,
        "module_dir": str(sagemaker.get("sagemaker_submit_directory", layout.code)),
        "module_name": module_name,
        "network_interface_name": NETWORK_INTERFACE_NAME,
        "num_cpus": num_cpus() if cpus is None else cpus,
        "num_gpus": num_gpus() if gpus is None else gpus,
        "output_data_dir": layout.output_data,
        "output_dir": layout.output,
        "output_intermediate_dir": layout.output_intermediate,
        "resource_config": rc,
        "user_entry_point": program,
    }


def env_vars(training: Mapping[str, Any], region: str = "") -> dict[str, str]:
    """``Environment.to_env_vars`` plus what the platform and the toolkit export."""
    t = training
    env = {
        "hosts": t["hosts"],
        "network_interface_name": t["network_interface_name"],
        "hps": t["hyperparameters"],
        "user_entry_point": t["user_entry_point"],
        "framework_params": t["additional_framework_parameters"],
        "resource_config": t["resource_config"],
        "input_data_config": t["input_data_config"],
        "output_data_dir": t["output_data_dir"],
        "channels": sorted(t["channel_input_dirs"].keys()),
        "current_host": t["current_host"],
        "current_instance_type": t["current_instance_type"],
        "current_instance_group": t["current_instance_group"],
        "current_instance_group_hosts": t["current_instance_group_hosts"],
        "instance_groups": t["instance_groups"],
        "instance_groups_dict": t["instance_groups_dict"],
        "distribution_instance_groups": t["distribution_instance_groups"],
        "is_hetero": t["is_hetero"],
        "module_name": t["module_name"],
        "log_level": t["log_level"],
        "framework_module": t["framework_module"],
        "input_dir": t["input_dir"],
        "input_config_dir": t["input_config_dir"],
        "output_dir": t["output_dir"],
        "num_cpus": t["num_cpus"],
        "num_gpus": t["num_gpus"],
        "model_dir": t["model_dir"],
        "module_dir": t["module_dir"],
        "training_env": dict(t),
        "user_args": to_cmd_args(t["hyperparameters"]),
        "output_intermediate_dir": t["output_intermediate_dir"],
    }
    for name, path in t["channel_input_dirs"].items():
        env["channel_%s" % name] = path
    for key, value in t["hyperparameters"].items():
        env["hp_%s" % key] = value
    result = to_env_vars(env)
    base = os.path.dirname(t["model_dir"])
    result.update(
        {
            # Local addition: SageMaker syncs CheckpointConfig.LocalPath, /opt/ml/checkpoints.
            "SM_CHECKPOINT_DIR": os.path.join(base, "checkpoints"),
            # Set by the platform / the toolkit in the container.
            "TRAINING_JOB_NAME": t["job_name"] or "",
            "CURRENT_HOST": t["current_host"],
            "SAGEMAKER_JOB_NAME": t["job_name"] or "",
            "SAGEMAKER_REGION": region,
            # Lets sagemaker_training, if the script imports it, find this /opt/ml.
            "SAGEMAKER_BASE_DIR": base,
            "PYTHONUNBUFFERED": "1",
        }
    )
    if t["framework_module"]:
        result["SAGEMAKER_TRAINING_MODULE"] = t["framework_module"]
    return result


def command(python: str, entry_point: str, user_args: list[str]) -> list[str]:
    """The toolkit's ProcessRunner: ``python <entry> args`` for .py, else ``./<entry> args``."""
    if entry_point.endswith(".py"):
        return [python, entry_point, *user_args]
    return ["/bin/sh", "-c", " ".join(map(shlex.quote, ["./" + entry_point, *user_args]))]
