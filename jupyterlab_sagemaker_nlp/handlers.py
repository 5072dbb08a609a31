"""REST routes of the local backend (docs/local-api.md). Thin: the runner does the work."""

from __future__ import annotations

import json
import re
from typing import Any, Callable, Optional

import tornado.web
from jupyter_server.base.handlers import APIHandler
from jupyter_server.utils import url_path_join

from .local.errors import LocalError
from .local.runner import LocalRunner
from .local.settings import SageMakerNLP

RUNNER_KEY = "sagemaker_nlp_runner"
VERSION_KEY = "sagemaker_nlp_version"
MAX_SPEC_KEY = "sagemaker_nlp_max_spec_bytes"
LOG_TOKEN = re.compile(r"[0-9]{1,18}")  # a byte offset in the log; 18 digits stay below 2**63
SURROGATE = re.compile("[\ud800-\udfff]")  # JSON may carry them ("\\ud800"); UTF-8 cannot


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

    def json_body(self) -> Any:
        """The body as JSON (None when empty); HTTP 400 when it is not UTF-8 JSON."""
        body = self.request.body
        if not body.strip():
            return None
        try:
            return json.loads(body.decode("utf-8"))
        except UnicodeDecodeError as e:
            raise tornado.web.HTTPError(
                400, f"The request body must be UTF-8 JSON; byte {e.start} is not UTF-8 — "
                "send the body encoded as UTF-8.")
        except (ValueError, RecursionError) as e:
            raise tornado.web.HTTPError(
                400, f"The request body must be UTF-8 JSON; it is not valid JSON ({e}).")

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
    """Answers even when the local runner could not start (``local`` is then false)."""

    @tornado.web.authenticated
    def get(self):
        self.answer({"version": self.settings[VERSION_KEY], "local": RUNNER_KEY in self.settings})


class ConfigHandler(_Handler):
    @tornado.web.authenticated
    def get(self):
        self.answer(self.runner.config())

    @tornado.web.authenticated
    async def put(self):
        body = self.json_body() or {}
        if not isinstance(body, dict):
            return self.fail(400, "The body must be a JSON object {jobsDir?, maxConcurrentJobs?}.")
        jobs_dir = body.get("jobsDir")
        if jobs_dir is not None and not isinstance(jobs_dir, str):
            return self.fail(400, "jobsDir must be a folder path (empty for the server default).")
        if jobs_dir and ("\0" in jobs_dir or SURROGATE.search(jobs_dir)):
            return self.fail(400, "jobsDir contains a NUL character or a lone surrogate, which "
                             "no folder name can hold — fix the path.")
        limit = body.get("maxConcurrentJobs")
        if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int)
                                  or limit < 1):
            return self.fail(400, "maxConcurrentJobs must be a whole number of at least 1.")
        await self.call(self.runner.set_config, jobs_dir, limit)


@tornado.web.stream_request_body
class JobsHandler(_Handler):
    """A POSTed spec is read here chunk by chunk, so one over max_spec_bytes is never held."""

    @property
    def max_spec_bytes(self) -> int:
        return self.settings[MAX_SPEC_KEY]

    async def prepare(self):
        await super().prepare()
        self._chunks: list[bytes] = []
        self._size = 0
        if self.request.method != "POST":
            return
        # prepare() runs before the body is read, and before @authenticated would.
        if not self.current_user:
            raise tornado.web.HTTPError(403)
        length = self.request.headers.get("Content-Length", "")
        if length.isdigit() and int(length) > self.max_spec_bytes:
            raise tornado.web.HTTPError(413, self._too_big(int(length)))

    def data_received(self, chunk: bytes) -> None:
        self._size += len(chunk)
        if self._size <= self.max_spec_bytes:
            self._chunks.append(chunk)
        else:  # a body sent without Content-Length that grew too big
            self._chunks = []

    def _too_big(self, size: int) -> str:
        limit = self.max_spec_bytes
        return (f"The job spec is {size} bytes; this server accepts at most {limit} bytes "
                f"({limit / 2**20:g} MiB, c.SageMakerNLP.max_spec_bytes) — keep data files out "
                "of the source directory (pass them as a channel), or raise the limit.")

    @tornado.web.authenticated
    def get(self):
        self.answer({"jobs": self.runner.list()})

    @tornado.web.authenticated
    async def post(self):
        if self._size > self.max_spec_bytes:
            return self.fail(413, self._too_big(self._size))
        self.request.body = b"".join(self._chunks)
        await self.call(self.runner.submit, self.json_body(), status=201)


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
        token = self.get_query_argument("nextToken", None) or None
        if token is not None and not LOG_TOKEN.fullmatch(token):
            return self.fail(400, "nextToken must be the nextForwardToken of an earlier page "
                             "(a whole number) — leave it out to read from the start.")
        await self.call(self.runner.logs, name, token, limit)


class MetricsHandler(_Handler):
    @tornado.web.authenticated
    async def get(self, name: str):
        await self.call(self.runner.metrics, name)


def setup_health(web_app, version: str) -> None:
    base = url_path_join(web_app.settings["base_url"], "sagemaker-nlp")
    web_app.settings[VERSION_KEY] = version
    web_app.add_handlers(".*$", [(base + r"/health", HealthHandler)])


def setup_handlers(web_app, runner: LocalRunner, max_spec_bytes: Optional[int] = None) -> None:
    """max_spec_bytes: the SageMakerNLP setting; read from the server's config if not given."""
    if max_spec_bytes is None:
        max_spec_bytes = SageMakerNLP(parent=web_app.settings.get("serverapp")).max_spec_bytes
    base = url_path_join(web_app.settings["base_url"], "sagemaker-nlp")
    job = r"/local/jobs/(?P<name>[^/]+)"
    routes = [
        (r"/local/config", ConfigHandler),
        (r"/local/jobs", JobsHandler),
        (job, JobHandler),
        (job + r"/stop", StopHandler),
        (job + r"/logs", LogsHandler),
        (job + r"/metrics", MetricsHandler),
    ]
    web_app.settings[RUNNER_KEY] = runner
    web_app.settings[MAX_SPEC_KEY] = max_spec_bytes
    web_app.add_handlers(".*$", [(base + path, handler) for path, handler in routes])
