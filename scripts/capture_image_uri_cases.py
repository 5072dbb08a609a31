"""Record what the real SageMaker Python SDK returns for a broad sample of image URI inputs.

Run after generate_catalog.py (its header says how). Writes
src/catalog/__tests__/fixtures/image-uri-cases.json: {"input", "output"} or
{"input", "error": true} where the SDK raised, inputs in the TypeScript names
("api": "training" = through get_training_image_uri, as estimators do). The
sample is deterministic: every framework × scope × version (full, alias) ×
Hugging Face base × Python version (and an invalid one) on CPU and GPU in
regions taken in turn; every region; the corners (Graviton, Neuron, p4d, p2,
serverless, container versions, bad inputs); and a seeded random mix.
"""
import itertools
import json
import logging
import os
import random

os.environ.setdefault("SAGEMAKER_SUPPRESS_V2_WARNING", "1")

from sagemaker import image_uris  # noqa: E402
from sagemaker.serverless import ServerlessInferenceConfig  # noqa: E402

logging.disable(logging.CRITICAL)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "src", "catalog", "__tests__", "fixtures", "image-uri-cases.json")

FRAMEWORKS = ["pytorch", "tensorflow", "huggingface", "mxnet", "sklearn"]
SCOPES = ["training", "inference"]
NOTABLE_REGIONS = [
    "us-east-1", "eu-west-1", "cn-north-1", "us-gov-west-1", "us-iso-east-1",
    "ap-southeast-3", "cn-northwest-1", "us-gov-east-1", "us-isob-east-1",
    "il-central-1", "us-isof-south-1", "mx-central-1", "xx-nowhere-1",
]
CPU_TYPES = ["ml.m5.xlarge", "ml.c5.2xlarge", "local", "ml.t3.medium", "ml.r5.large"]
GPU_TYPES = ["ml.p3.2xlarge", "ml.g5.xlarge", "local_gpu", "ml.g4dn.xlarge", "ml.p4de.24xlarge"]
INVALID_PY = "py27"


def all_regions():
    """Every region any of the frameworks publishes an image in, and one that does not exist."""
    regions = {region for framework in FRAMEWORKS
               for config in image_uris.config_for_framework(framework).values()
               for entry in config["versions"].values()
               for _, _, leaf in leaves(framework, entry) for region in leaf["registries"]}
    return sorted(regions) + ["xx-nowhere-1"]


def call_sdk(case):
    """The SDK's answer for one case input (TypeScript names)."""
    args = dict(region=case["region"], instance_type=case.get("instanceType"),
                distribution=case.get("distribution"))
    if case.get("api") == "training":
        base = case.get("baseFrameworkVersion")
        return image_uris.get_training_image_uri(
            framework=case["framework"],
            framework_version=case["version"],
            py_version=case.get("pyVersion"),
            pytorch_version=base[len("pytorch"):] if base and base.startswith("pytorch") else None,
            tensorflow_version=base[len("tensorflow"):] if base and base.startswith("tensorflow") else None,
            **args,
        )
    return image_uris.retrieve(
        case["framework"],
        version=case["version"],
        py_version=case.get("pyVersion"),
        image_scope=case.get("imageScope"),
        base_framework_version=case.get("baseFrameworkVersion"),
        container_version=case.get("containerVersion"),
        inference_tool=case.get("inferenceTool"),
        serverless_inference_config=ServerlessInferenceConfig() if case.get("serverless") else None,
        **args,
    )


def record(case):
    case = {k: v for k, v in case.items() if v is not None}
    try:
        return {"input": case, "output": call_sdk(case)}
    except Exception:  # the SDK raises ValueError, KeyError, TypeError… alike
        return {"input": case, "error": True}


def version_strings(config):
    """Full versions, aliases, and short forms that are not aliases (the SDK refuses those)."""
    strings = list(config["versions"]) + list(config.get("version_aliases", {}))
    short = [".".join(v.split(".")[:2]) for v in config["versions"]]
    return strings + sorted(set(short) - set(strings))


def version_entry(config, version):
    return config["versions"].get(config.get("version_aliases", {}).get(version, version))


def base_strings(entry):
    """Hugging Face base framework versions, full and short, as an estimator passes them."""
    aliases = entry.get("version_aliases", {})
    full = [k for k in entry if k != "version_aliases"]
    return full + [a for a in aliases if aliases[a] in full]


def py_strings(entry):
    """The valid Python versions (a list, or the keys of older configs) and an invalid one."""
    valid = list(entry.get("py_versions") or []) if "repository" in entry else list(entry)
    return valid + [INVALID_PY if INVALID_PY not in valid else "py99"]


def case(framework, version, py, instance_type, scope, region="us-east-1", **extra):
    return dict(framework=framework, version=version, pyVersion=py, instanceType=instance_type,
                imageScope=scope, region=region, **extra)


def sweep_versions(regions):
    """Every framework × scope × version × base × Python version, CPU and GPU."""
    # Taken in turn, so the sample covers every region and instance type.
    notable, anywhere = itertools.cycle(NOTABLE_REGIONS), itertools.cycle(regions)
    cpu, gpu = itertools.cycle(CPU_TYPES), itertools.cycle(GPU_TYPES)
    cases = []
    for framework, scope in itertools.product(FRAMEWORKS, SCOPES):
        config = image_uris.config_for_framework(framework)[scope]
        hf = framework == "huggingface"
        for version in version_strings(config):
            entry = version_entry(config, version)
            if entry is None:  # a short form the SDK does not know
                cases.append(case(framework, version, "py3", next(gpu), scope, next(notable),
                                  baseFrameworkVersion="pytorch2.1" if hf else None))
                continue
            for base in base_strings(entry) if hf else [None]:
                leaf = entry[entry["version_aliases"].get(base, base)] if base else entry
                for py in py_strings(leaf):
                    pairs = ((next(cpu), next(notable)), (next(gpu), next(anywhere)))
                    # One case is enough for an invalid Python version.
                    for instance_type, region in pairs[:1] if py in (INVALID_PY, "py99") else pairs:
                        cases.append(case(framework, version, py, instance_type, scope, region,
                                          baseFrameworkVersion=base))
    return cases


def leaves(framework, entry):
    """(base, py, leaf config) of a version entry, newest base first."""
    bases = [k for k in entry if k != "version_aliases"][::-1] if framework == "huggingface" else [None]
    for base in bases:
        node = entry[base] if base else entry
        if "repository" in node:
            yield base, (node.get("py_versions") or [None])[-1], node
        else:
            for py, leaf in node.items():
                yield base, py, leaf


def sweep_regions(regions):
    """Every region of each framework and scope, with the newest version published there."""
    cases = []
    for framework, scope in itertools.product(FRAMEWORKS, SCOPES):
        config = image_uris.config_for_framework(framework)[scope]
        newest_first = list(config["versions"])[::-1]
        processors = config.get("processors") or ["cpu"]
        for i, region in enumerate(regions):
            found = next(((version, base, py) for version in newest_first
                          for base, py, leaf in leaves(framework, config["versions"][version])
                          if region in leaf["registries"]), (newest_first[0], None, None))
            version, base, py = found
            instance_type = (GPU_TYPES if processors[i % len(processors)] == "gpu" else CPU_TYPES)[i % 2]
            cases.append(case(framework, version, py, instance_type, scope, region,
                              baseFrameworkVersion=base))
    return cases


def huggingface_cases(config_name, scope, **extra):
    """All versions × bases × Python versions of a Hugging Face config, as given."""
    config = image_uris.config_for_framework(config_name)[scope]
    cases = []
    for version in version_strings(config):
        entry = version_entry(config, version)
        for base in base_strings(entry):
            for py in py_strings(entry[entry["version_aliases"].get(base, base)])[:-1] + [None]:
                cases.append(dict(framework="huggingface", version=version, pyVersion=py,
                                  imageScope=scope, baseFrameworkVersion=base, **extra))
    return cases


def corners():
    cases = []
    # What the HuggingFace estimator sends for training (GPU container version).
    for i, hf in enumerate(huggingface_cases("huggingface", "training")):
        instance_type = ["ml.p3.2xlarge", "ml.g5.2xlarge", "ml.m5.xlarge", "local_gpu"][i % 4]
        cases.append(dict(hf, api="training", region=NOTABLE_REGIONS[i % 6],
                          instanceType=instance_type, imageScope=None))
    # The estimator path for the other frameworks.
    for (framework, version, py), instance_type in itertools.product(
            [("pytorch", "2.1", "py310"), ("pytorch", "1.6.0", "py36"), ("tensorflow", "2.13", "py310"),
             ("mxnet", "1.9", "py38"), ("sklearn", "1.2-1", "py3")],
            ["ml.m5.xlarge", "ml.p4d.24xlarge", "ml.c7g.xlarge", "ml.trn1.2xlarge"]):
        cases.append(case(framework, version, py, instance_type, None, "us-west-2", api="training"))
    # Graviton: every framework, the scopes, a few versions.
    for framework, version, (scope, instance_type) in itertools.product(
            FRAMEWORKS, ["1.12", "2.0.1", "2.4", "2.9", "2.16.1", "1.0-1", "1.2-1", "4.26", "1.9"],
            [("inference", "ml.c7g.xlarge"), ("training", "ml.m6g.large"),
             ("inference_graviton", "ml.m5.xlarge"), ("inference_graviton", "local")]):
        cases.append(case(framework, version, None, instance_type, scope, "eu-west-1"))
    for (version, py), framework in itertools.product(
            [("2.4.0", "py311"), ("2.9.1", "py38"), ("1.12.1", "py38"), ("2.16", "py310")],
            ["pytorch", "tensorflow"]):
        cases.append(case(framework, version, py, "ml.c6g.xlarge", "inference", "cn-north-1"))
    # Inferentia / Trainium: the Neuron configs the SDK switches to.
    for (framework, version, base, py), instance_type, scope in itertools.product(
            [("pytorch", "1.11", None, "py38"), ("pytorch", "2.1", None, "py310"),
             ("huggingface", "4.12", "pytorch1.9", "py37"), ("huggingface", "4.12.3", "pytorch1.9.1", "py37"),
             ("huggingface", "4.26", "pytorch1.9", "py37"), ("tensorflow", "2.11", None, "py39"),
             ("mxnet", "1.8", None, "py37")],
            ["ml.inf1.xlarge", "ml.inf2.xlarge", "ml.trn1.2xlarge", "ml.trn2.48xlarge"], SCOPES):
        cases.append(case(framework, version, py, instance_type, scope, baseFrameworkVersion=base))
    for scope, instance_type in [("training", "ml.trn1.2xlarge"), ("inference", "ml.inf2.xlarge")]:
        for i, hf in enumerate(huggingface_cases("huggingface-neuronx", scope)):
            cases.append(dict(hf, inferenceTool="neuronx", instanceType=instance_type,
                              region=["us-east-1", "us-west-2", "eu-west-1", "xx-nowhere-1"][i % 4]))
    cases.append(case("pytorch", "2.1", "py310", "ml.inf2.xlarge", "inference", inferenceTool="neuronx"))
    cases.append(case("tensorflow", "2.11", "py39", "ml.m5.xlarge", "inference", inferenceTool="neuron"))
    # p4d and smdistributed pick an extra container version for a few tags.
    for (framework, version, py), (instance_type, distribution) in itertools.product(
            [("pytorch", "1.6", "py36"), ("pytorch", "1.6.0", "py3"), ("pytorch", "1.6", "py3"),
             ("tensorflow", "2.3", "py37"), ("tensorflow", "2.3.1", "py37"), ("tensorflow", "1.15", "py37"),
             ("tensorflow", "1.15.5", "py37"), ("mxnet", "1.8", "py37"), ("mxnet", "1.8.0", "py37"),
             ("pytorch", "2.1", "py310")],
            [("ml.p4d.24xlarge", None), ("ml.p3.16xlarge", {"smdistributed": {}}),
             ("ml.p3.16xlarge", {"mpi": {"enabled": True}})]):
        cases.append(case(framework, version, py, instance_type, "training", "ap-southeast-3",
                          distribution=distribution))
    # p2 is refused from pytorch 1.13 and tensorflow 2.12 on.
    for framework, version, py in [("pytorch", "1.12", "py38"), ("pytorch", "1.13", "py39"),
                                   ("pytorch", "2.0.1", "py310"), ("tensorflow", "2.11", "py39"),
                                   ("tensorflow", "2.12.0", "py310"), ("mxnet", "1.9", "py38")]:
        cases.append(case(framework, version, py, "ml.p2.xlarge", "training"))
    # Serverless, no instance type, container versions the config does not use.
    for (framework, version, base, py), scope, extra in itertools.product(
            [("pytorch", "2.1", None, "py310"), ("sklearn", "1.2-1", None, "py3"),
             ("huggingface", "4.26", "pytorch1.13", "py39"), ("tensorflow", "2.13", None, "py310"),
             ("mxnet", "1.9", None, "py38")],
            SCOPES, [dict(serverless=True), dict(instanceType=None),
                     dict(instanceType="ml.g5.xlarge", containerVersion="cu118-ubuntu20.04")]):
        cases.append(dict(case(framework, version, py, None, scope, "eu-west-1",
                               baseFrameworkVersion=base), **extra))
    # Other bad inputs.
    for framework, (version, scope, instance_type) in itertools.product(
            FRAMEWORKS + ["keras"], [("9.9", "training", "ml.m5.xlarge"), ("2.1", None, "ml.m5.xlarge"),
                                     ("1.2-1", None, "m5.xlarge"), ("4.26", "inference", "ml.m5.xlarge")]):
        cases.append(case(framework, version, "py3", instance_type, scope,
                          baseFrameworkVersion="pytorch1.13"))
    return cases


def cross_sample(regions, count=900, seed=20240601):
    """Random (seeded) mixes of every kind of input, to catch what the sweeps line up too neatly."""
    rng = random.Random(seed)
    versions, bases, pys = set(), set(), {INVALID_PY, None}
    for framework in FRAMEWORKS:
        for config in image_uris.config_for_framework(framework).values():
            versions.update(version_strings(config))
            for entry in config["versions"].values():
                bases.update(base_strings(entry) if framework == "huggingface" else [])
                pys.update(py for _, _, leaf in leaves(framework, entry) for py in py_strings(leaf))
    versions, bases, pys = sorted(versions), sorted(bases), sorted(pys, key=str)
    instance_types = CPU_TYPES + GPU_TYPES + [
        "ml.p4d.24xlarge", "ml.p2.8xlarge", "ml.c7g.xlarge", "ml.r6gd.large", "ml.inf1.xlarge",
        "ml.inf2.xlarge", "ml.trn1.2xlarge", "ml.trn1n.32xlarge", "ml_m5", "neuron", None]
    scopes = SCOPES * 3 + ["inference_graviton", None]
    cases = []
    for _ in range(count):
        framework = rng.choice(FRAMEWORKS)
        cases.append(case(
            framework, rng.choice(versions), rng.choice(pys), rng.choice(instance_types),
            rng.choice(scopes), rng.choice(regions + NOTABLE_REGIONS),
            baseFrameworkVersion=rng.choice(bases) if framework == "huggingface" else None,
            serverless=True if rng.random() < 0.05 else None,
            containerVersion="cu110-ubuntu18.04" if rng.random() < 0.1 else None,
            distribution={"smdistributed": {}} if rng.random() < 0.05 else None))
    return cases


def main():
    regions = all_regions()
    inputs = sweep_versions(regions) + sweep_regions(regions) + corners() + cross_sample(regions)
    cases = [record(one) for one in inputs]
    with open(OUT, "w") as f:
        f.write("[\n" + ",\n".join(json.dumps(c, separators=(",", ":")) for c in cases) + "\n]\n")
    errors = sum(1 for c in cases if c.get("error"))
    print("{} cases ({} SDK errors), {} bytes -> {}".format(
        len(cases), errors, os.path.getsize(OUT), os.path.relpath(OUT, ROOT)))


if __name__ == "__main__":
    main()
