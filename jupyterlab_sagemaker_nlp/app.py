"""The server extension: its routes, its settings and what it does when the server stops.

Routes under ``<base_url>sagemaker-nlp/``: ``health``, the local backend's REST API
(docs/local-api.md) and the AWS signing proxy and configuration (docs/aws-api.md).
Settings stay where users know them: ``c.SageMakerNLP.*`` (local/settings.py) and
``c.SageMakerNLPAWS.*`` (aws/settings.py).
"""

from __future__ import annotations

import json
from typing import Optional

import tornado.web
from jupyter_server.base.handlers import APIHandler
from jupyter_server.extension.application import ExtensionApp
from jupyter_server.utils import url_path_join
from tornado.ioloop import IOLoop

from . import __version__, aws, folders, script_check
from .aws import AwsState, SageMakerNLPAWS
from .local import handlers as local_handlers
from .local.handlers import MAX_SPEC_KEY, RUNNER_KEY
from .local.runner import LocalRunner
from .local import serving_handlers
from .local.serving import LocalEndpoints
from .local.settings import SageMakerNLP
from .local import transform_handlers
from .local.transform import LocalTransforms

BASE = "/sagemaker-nlp"


class HealthHandler(APIHandler):
    """Answers even when the local runner could not start (``local`` is then false)."""

    @tornado.web.authenticated
    def get(self):
        self.finish(json.dumps({"version": __version__, "local": RUNNER_KEY in self.settings}))


class SageMakerNLPApp(ExtensionApp):
    name = "jupyterlab_sagemaker_nlp"
    description = "Train a notebook cell locally or as a SageMaker training job."
    classes = [*ExtensionApp.classes, SageMakerNLP, SageMakerNLPAWS]

    runner: Optional[LocalRunner] = None  # None: the local runner could not start
    aws_state: Optional[AwsState] = None
    endpoints: Optional[LocalEndpoints] = None  # local endpoints, with the runner
    transforms: Optional[LocalTransforms] = None  # local batch transforms, with the runner

    def initialize_settings(self) -> None:
        self.aws_state = AwsState(SageMakerNLPAWS(parent=self), self.log)
        self.settings[aws.STATE_KEY] = self.aws_state
        # The AWS side and /health do not depend on the local runner: they load whatever
        # happens to it.
        try:
            self.runner = self._start_runner(SageMakerNLP(parent=self))
        except Exception:
            self.log.exception(
                "jupyterlab_sagemaker_nlp: the local job runner could not start, so local "
                "training is unavailable (training on SageMaker still works). Check "
                "c.SageMakerNLP.jobs_dir and the free space of its disk; the cause follows.")

    def _start_runner(self, settings: SageMakerNLP) -> LocalRunner:
        server = self.serverapp
        runner = LocalRunner(
            jobs_dir=settings.jobs_dir,
            max_concurrent_jobs=settings.max_concurrent_jobs,
            stop_grace_seconds=settings.stop_grace_seconds,
            root_dir=server.root_dir,
            kernel_spec_manager=getattr(server, "kernel_spec_manager", None),
            default_kernel=getattr(getattr(server, "kernel_manager", None),
                                   "default_kernel_name", None) or "python3",
        )
        runner.load()
        self.settings[RUNNER_KEY] = runner
        self.settings[MAX_SPEC_KEY] = settings.max_spec_bytes
        self.endpoints = LocalEndpoints(runner, runner.kernel_spec_manager)
        self.settings[serving_handlers.ENDPOINTS_KEY] = self.endpoints
        self.transforms = LocalTransforms(runner, runner.kernel_spec_manager)
        self.settings[transform_handlers.TRANSFORMS_KEY] = self.transforms
        # Not _start_jupyter_server_extension: servers made by tests never call it.
        IOLoop.current().add_callback(runner.start)
        self.log.info(
            "jupyterlab_sagemaker_nlp %s: local jobs in %s%s", __version__, runner.store.root,
            " (read-only: another server owns them)" if runner.read_only else "",
        )
        return runner

    def initialize_handlers(self) -> None:
        routes = [(r"/health", HealthHandler)]
        if self.runner is not None:  # else its routes are 404 and /health says local: false
            routes += local_handlers.ROUTES + serving_handlers.ROUTES + transform_handlers.ROUTES
        routes += aws.ROUTES + script_check.ROUTES + folders.ROUTES
        # ExtensionApp puts the server's base_url in front.
        self.handlers.extend((url_path_join(BASE, path), handler) for path, handler in routes)

    async def stop_extension(self) -> None:
        """The server is stopping: stop the running local jobs and record why
        (Failed with SERVER_STOPPED, or Stopped when a Stop was already asked for)."""
        if self.endpoints is not None:
            await self.endpoints.aclose()
        if self.transforms is not None:
            await self.transforms.aclose()
        if self.runner is not None:
            await self.runner.aclose()
        if self.aws_state is not None:
            self.aws_state.upstream.close()
