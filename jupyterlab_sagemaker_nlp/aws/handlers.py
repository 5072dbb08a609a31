"""Routes of the AWS side: the signing proxy and the AWS configuration (docs/aws-api.md)."""

from __future__ import annotations

import json

import tornado.web
from jupyter_server.base.handlers import APIHandler
from tornado.ioloop import IOLoop

from .config import ConfigError, check_settings
from .proxy import STATE_KEY, ProxyHandler


class _ConfigHandler(APIHandler):
    @property
    def config(self):
        return self.settings[STATE_KEY].config

    def answer(self, obj, status: int = 200) -> None:
        self.set_status(status)
        self.finish(json.dumps(obj))

    async def current(self, refresh: bool = False) -> None:
        answer = self.config.cached(refresh)
        if answer is None:
            answer = await IOLoop.current().run_in_executor(None, self.config.discover)
        self.answer(answer)


class AwsConfigHandler(_ConfigHandler):
    @tornado.web.authenticated
    async def get(self):
        await self.current(refresh=self.get_query_argument("refresh", "") not in ("", "0"))

    @tornado.web.authenticated
    async def put(self):
        try:
            body = json.loads(self.request.body or b"{}")
            self.config.update(check_settings(body))
        except ValueError:
            return self.answer({"message": "The body must be JSON."}, 400)
        except ConfigError as e:
            return self.answer({"message": e.message}, e.status)
        await self.current(refresh=True)


class BucketHandler(_ConfigHandler):
    @tornado.web.authenticated
    async def post(self):
        try:
            await IOLoop.current().run_in_executor(None, self.config.create_bucket)
        except ConfigError as e:
            return self.answer({"message": e.message}, e.status)
        await self.current(refresh=True)


ROUTES = [
    (r"/aws/(?P<service>[^/]+)(?P<path>/.*)?", ProxyHandler),
    (r"/aws-config", AwsConfigHandler),
    (r"/aws-config/bucket", BucketHandler),
]
