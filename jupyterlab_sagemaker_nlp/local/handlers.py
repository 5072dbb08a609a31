"""REST routes of the local backend (docs/local-api.md). Thin: the runner does the work,
local/models.py says what a request and an answer are."""

from __future__ import annotations

import json
from typing import Any, Callable

import tornado.web
from jupyter_server.base.handlers import APIHandler

from ..wire import BadRequest, Request
from .errors import LocalError
from .model_config import hf_task_of
from .models import ConfigUpdate, LocalConfig, LogsQuery, MetricsQuery
from .runner import LocalRunner
from .sourcefiles import read_source_files

RUNNER_KEY = "sagemaker_nlp_runner"
MAX_SPEC_KEY = "sagemaker_nlp_max_spec_bytes"


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

    def query(self, model: type[Request]) -> Request:
        """The query arguments the model declares, checked by it."""
        names = [field.alias or name for name, field in model.model_fields.items()]
        return model.parse({name: self.get_query_argument(name) for name in names
                            if name in self.request.query_arguments})

    async def call(self, fn: Callable, *args, status: int = 200) -> None:
        """Run fn (sync or async); answer its result (no body with 204), or its problem
        as {"message"}."""
        try:
            result = fn(*args)
            if hasattr(result, "__await__"):
                result = await result
        except (LocalError, BadRequest) as e:
            return self.fail(e.status, e.message)
        if status == 204:
            self.set_status(204)
            return self.finish()
        self.answer(result, status)


class ConfigHandler(_Handler):
    @tornado.web.authenticated
    def get(self):
        self.answer(LocalConfig.dump(self.runner.config()))

    @tornado.web.authenticated
    async def put(self):
        await self.call(self._update, self.json_body() or {})

    def _update(self, body: Any) -> dict:
        update = ConfigUpdate.parse(body)
        return LocalConfig.dump(
            self.runner.set_config(update.jobs_dir, update.max_concurrent_jobs))


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
        await self.call(self._page, name)

    def _page(self, name: str) -> dict:
        query = self.query(LogsQuery)  # checked first: a bad query is 400 for any job
        return self.runner.logs(name, query.next_token, query.limit, query.stream)


class StreamsHandler(_Handler):
    @tornado.web.authenticated
    async def get(self, name: str):
        await self.call(self.runner.log_streams, name)


class MetricsHandler(_Handler):
    @tornado.web.authenticated
    async def get(self, name: str):
        await self.call(self._points, name)

    def _points(self, name: str) -> dict:
        return self.runner.metrics(name, self.query(MetricsQuery).since)


class CodeHandler(_Handler):
    @tornado.web.authenticated
    async def get(self, name: str):
        await self.call(self._files, name)

    def _files(self, name: str) -> dict:
        self.runner.get(name)  # an unknown job is 404
        return read_source_files(self.runner.store.layout(name).code)


class HfTaskHandler(_Handler):
    @tornado.web.authenticated
    async def get(self, name: str):
        await self.call(self._task, name)

    def _task(self, name: str) -> dict:
        self.runner.get(name)  # an unknown job is 404
        return hf_task_of(self.runner.store.layout(name).model)


_JOB = r"/local/jobs/(?P<name>[^/]+)"
ROUTES = [
    (r"/local/config", ConfigHandler),
    (r"/local/jobs", JobsHandler),
    (_JOB, JobHandler),
    (_JOB + r"/stop", StopHandler),
    (_JOB + r"/logs", LogsHandler),
    (_JOB + r"/streams", StreamsHandler),
    (_JOB + r"/metrics", MetricsHandler),
    (_JOB + r"/code", CodeHandler),
    (_JOB + r"/hf-task", HfTaskHandler),
]
