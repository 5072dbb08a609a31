"""jupyterlab-sagemaker-nlp: train a notebook cell locally or as a SageMaker training job.

The server extension (app.py) serves ``/sagemaker-nlp/health``, the local backend's
REST API under ``/sagemaker-nlp/local/`` (docs/local-api.md), and through the ``aws``
subpackage the AWS signing proxy and configuration (docs/aws-api.md).
"""

from __future__ import annotations

try:
    from ._version import __version__
except ImportError:  # a source tree without a build
    try:
        from importlib.metadata import version as _dist_version

        __version__ = _dist_version("jupyterlab-sagemaker-nlp")
    except Exception:
        __version__ = "0.0.0"


def _jupyter_labextension_paths():
    return [{"src": "labextension", "dest": "jupyterlab-sagemaker-nlp"}]


def _jupyter_server_extension_points():
    from .app import SageMakerNLPApp

    return [{"module": "jupyterlab_sagemaker_nlp", "app": SageMakerNLPApp}]
