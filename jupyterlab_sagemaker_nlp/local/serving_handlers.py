"""REST routes of local endpoints (docs/local-api.md, "Local endpoints"); serving.py does the work."""

from __future__ import annotations

import tornado.web

from .errors import LocalError
from .handlers import _Handler
from .serving import LocalEndpoints, check_size

ENDPOINTS_KEY = "sagemaker_nlp_endpoints"


class _EndpointHandler(_Handler):
    @property
    def endpoints(self) -> LocalEndpoints:
        return self.settings[ENDPOINTS_KEY]


class EndpointsHandler(_EndpointHandler):
    @tornado.web.authenticated
    def get(self):
        self.answer(self.endpoints.list())

    @tornado.web.authenticated
    async def post(self):
        await self.call(self.endpoints.create, self.json_body(), status=201)


class EndpointHandler(_EndpointHandler):
    @tornado.web.authenticated
    async def get(self, name: str):
        await self.call(self.endpoints.describe, name)

    @tornado.web.authenticated
    async def delete(self, name: str):
        await self.call(self.endpoints.delete, name, status=204)


class InvocationsHandler(_EndpointHandler):
    """The raw body in, the model's answer out with its content type (InvokeEndpoint's)."""

    async def prepare(self):
        await super().prepare()
        length = self.request.headers.get("Content-Length", "")
        if self.current_user and length.isdigit():
            try:
                check_size(int(length))
            except LocalError as e:
                raise tornado.web.HTTPError(e.status, e.message)

    @tornado.web.authenticated
    async def post(self, name: str):
        headers = self.request.headers
        try:
            body, content_type = await self.endpoints.invoke(
                name, self.request.body, headers.get("Content-Type", "application/json"),
                headers.get("Accept", "application/json"))
        except LocalError as e:
            return self.fail(e.status, e.message)
        self.set_header("Content-Type", content_type)
        self.finish(body)


_ENDPOINT = r"/local/endpoints/(?P<name>[^/]+)"
ROUTES = [
    (r"/local/endpoints", EndpointsHandler),
    (_ENDPOINT, EndpointHandler),
    (_ENDPOINT + r"/invocations", InvocationsHandler),
]
