"""REST routes of local batch transforms (docs/local-api.md, "Local batch transform");
transform.py does the work."""

from __future__ import annotations

import tornado.web

from .handlers import _Handler
from .models import LogsQuery
from .transform import LocalTransforms

TRANSFORMS_KEY = "sagemaker_nlp_transforms"


class _TransformHandler(_Handler):
    @property
    def transforms(self) -> LocalTransforms:
        return self.settings[TRANSFORMS_KEY]


class TransformsHandler(_TransformHandler):
    @tornado.web.authenticated
    def get(self):
        self.answer(self.transforms.list())

    @tornado.web.authenticated
    async def post(self):
        await self.call(self.transforms.create, self.json_body(), status=201)


class TransformHandler(_TransformHandler):
    @tornado.web.authenticated
    async def get(self, name: str):
        await self.call(self.transforms.describe, name)


class StopHandler(_TransformHandler):
    @tornado.web.authenticated
    async def post(self, name: str):
        await self.call(self.transforms.stop, name, status=204)


class StreamsHandler(_TransformHandler):
    @tornado.web.authenticated
    async def get(self, name: str):
        await self.call(self.transforms.log_streams, name)


class LogsHandler(_TransformHandler):
    @tornado.web.authenticated
    async def get(self, name: str):
        await self.call(self._page, name)

    def _page(self, name: str) -> dict:
        query = self.query(LogsQuery)
        return self.transforms.logs(name, query.next_token, query.limit, query.stream)


_TRANSFORM = r"/local/transforms/(?P<name>[^/]+)"
ROUTES = [
    (r"/local/transforms", TransformsHandler),
    (_TRANSFORM, TransformHandler),
    (_TRANSFORM + r"/stop", StopHandler),
    (_TRANSFORM + r"/streams", StreamsHandler),
    (_TRANSFORM + r"/logs", LogsHandler),
]
