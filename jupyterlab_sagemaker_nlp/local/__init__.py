"""Local backend: runs a training job's source directory as a local process
that sees what it would see in a SageMaker framework container."""

from .runner import LocalRunner
from .settings import SageMakerNLP

__all__ = ["LocalRunner", "SageMakerNLP"]
