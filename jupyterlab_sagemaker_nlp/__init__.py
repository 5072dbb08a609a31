"""jupyterlab-sagemaker-nlp: train a notebook cell locally or as a SageMaker training job.

The server extension serves ``/sagemaker-nlp/health`` and the local backend's
REST API under ``/sagemaker-nlp/local/`` (docs/local-api.md), and through the
``aws`` subpackage the AWS signing proxy and configuration (docs/aws-api.md).
"""

from __future__ import annotations

import atexit
import weakref

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
    return [{"module": "jupyterlab_sagemaker_nlp"}]


def _load_jupyter_server_extension(server_app):
    from .handlers import setup_health

    setup_health(server_app.web_app, __version__)
    # The AWS side does not depend on the local runner: it loads whatever happens there.
    try:
        _load_local(server_app)
    except Exception:
        server_app.log.exception(
            "jupyterlab_sagemaker_nlp: the local job runner could not start, so local "
            "training is unavailable (training on SageMaker still works). Check "
            "c.SageMakerNLP.jobs_dir and the free space of its disk; the cause follows.")

    from .aws import setup_handlers as setup_aws_handlers

    setup_aws_handlers(server_app)


def _load_local(server_app):
    from tornado.ioloop import IOLoop

    from .handlers import setup_handlers
    from .local import LocalRunner, SageMakerNLP

    settings = SageMakerNLP(parent=server_app)
    runner = LocalRunner(
        jobs_dir=settings.jobs_dir,
        max_concurrent_jobs=settings.max_concurrent_jobs,
        stop_grace_seconds=settings.stop_grace_seconds,
        root_dir=server_app.root_dir,
        kernel_spec_manager=getattr(server_app, "kernel_spec_manager", None),
        default_kernel=getattr(getattr(server_app, "kernel_manager", None),
                               "default_kernel_name", None) or "python3",
    )
    runner.load()
    setup_handlers(server_app.web_app, runner, settings.max_spec_bytes)
    IOLoop.current().add_callback(runner.start)
    # A module extension has no stop hook: stop running jobs when the server exits.
    ref = weakref.ref(runner)
    atexit.register(lambda: ref() and ref().shutdown())
    server_app.log.info(
        "jupyterlab_sagemaker_nlp %s: local jobs in %s%s", __version__, runner.store.root,
        " (read-only: another server owns them)" if runner.read_only else "",
    )


# jupyter_server < 2 looked for the name without the leading underscore.
load_jupyter_server_extension = _load_jupyter_server_extension
