"""REST routes of the local backend (docs/local-api.md). Thin: the runner does the work."""

from __future__ import annotations

import json
from typing import Any, Callable

import tornado.web
from jupyter_server.base.handlers import APIHandler
from jupyter_server.utils import url_path_join

from .local.errors import LocalError
from .local.runner import LocalRunner

RUNNER_KEY = "sagemaker_nlp_runner"
VERSION_KEY = "sagemaker_nlp_version"


class _Handler(APIHandler):
    @property
    def runner(self) -> LocalRunner:
        return self.settings[RUNNER_KEY]

    def answer(self, obj: Any, status: int = 200) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(obj))

    def fail(self, status: int, message: str) -> None:
        self.answer({"message": message}, status)

    async def call(self, fn: Callable, *args, status: int = 200) -> None:
        """Run fn (sync or async); answer its result, or its LocalError as {"message"}."""
        try:
            result = fn(*args)
            if hasattr(result, "__await__"):
                result = await result
        except LocalError as e:
            return self.fail(e.status, e.message)
        self.answer(result, status)


class HealthHandler(_Handler):
    @tornado.web.authenticated
    def get(self):
        self.answer({"version": self.settings[VERSION_KEY], "local": True})


class ConfigHandler(_Handler):
    @tornado.web.authenticated
    def get(self):
        self.answer(self.runner.config())

    @tornado.web.authenticated
    async def put(self):
        body = self.get_json_body() or {}
        if not isinstance(body, dict):
            return self.fail(400, "The body must be a JSON object {jobsDir?, maxConcurrentJobs?}.")
        jobs_dir = body.get("jobsDir")
        if jobs_dir is not None and not isinstance(jobs_dir, str):
            return self.fail(400, "jobsDir must be a folder path (empty for the server default).")
        limit = body.get("maxConcurrentJobs")
        if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int)
                                  or limit < 1):
            return self.fail(400, "maxConcurrentJobs must be a whole number of at least 1.")
        await self.call(self.runner.set_config, jobs_dir, limit)


class JobsHandler(_Handler):
    @tornado.web.authenticated
    def get(self):
        self.answer({"jobs": self.runner.list()})

    @tornado.web.authenticated
    async def post(self):
        await self.call(self.runner.submit, self.get_json_body(), status=201)


class JobHandler(_Handler):
    @tornado.web.authenticated
    async def get(self, name: str):
        await self.call(self.runner.describe, name)


class StopHandler(_Handler):
    @tornado.web.authenticated
    async def post(self, name: str):
        await self.call(self.runner.stop, name, status=202)


class LogsHandler(_Handler):
    @tornado.web.authenticated
    async def get(self, name: str):
        try:
            limit = int(self.get_query_argument("limit", "1000"))
        except ValueError:
            return self.fail(400, "limit must be a whole number between 1 and 10000.")
        if not 1 <= limit <= 10000:
            return self.fail(400, "limit must be a whole number between 1 and 10000.")
        token = self.get_query_argument("nextToken", None)
        await self.call(self.runner.logs, name, token, limit)


class MetricsHandler(_Handler):
    @tornado.web.authenticated
    async def get(self, name: str):
        await self.call(self.runner.metrics, name)


def setup_handlers(web_app, runner: LocalRunner, version: str) -> None:
    base = url_path_join(web_app.settings["base_url"], "sagemaker-nlp")
    job = r"/local/jobs/(?P<name>[^/]+)"
    routes = [
        (r"/health", HealthHandler),
        (r"/local/config", ConfigHandler),
        (r"/local/jobs", JobsHandler),
        (job, JobHandler),
        (job + r"/stop", StopHandler),
        (job + r"/logs", LogsHandler),
        (job + r"/metrics", MetricsHandler),
    ]
    web_app.settings[RUNNER_KEY] = runner
    web_app.settings[VERSION_KEY] = version
    web_app.add_handlers(".*$", [(base + path, handler) for path, handler in routes])
