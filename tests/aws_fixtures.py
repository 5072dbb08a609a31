"""Fixtures for the AWS side: a moto server, AWS settings in the environment, and boto3
clients that talk to the signing proxy the way the browser's AWS SDK does.

Import them into a test module with ``from aws_fixtures import *``.
"""

from __future__ import annotations

import asyncio
import json
import os
import urllib.request
from typing import Any, Callable

import boto3
import pytest
from botocore.config import Config
from moto.server import ThreadedMotoServer
from traitlets.config import Config as TraitletsConfig

# The server's (dummy) credentials: none of them may ever reach the browser.
KEY_ID = "TESTSERVERKEYID12345"
SECRET = "server-secret-key-must-never-leak-0123456789"
TOKEN = "server-session-token-must-never-leak-abcdefgh"
ACCOUNT = "123456789012"  # moto's account
REGION = "us-east-1"
# What the browser's SDK signs with before its middleware swaps the signature out.
BROWSER_KEY_ID = "TESTBROWSERKEY000000"
BROWSER_TOKEN = "browser-session-token"

__all__ = [
    "moto_url", "jp_base_url", "aws_env_overrides", "aws_server_config", "aws_env", "metadata_path", "jp_server_config",
    "moto", "proxy", "in_thread", "leak_check", "aws_config",
    "KEY_ID", "SECRET", "TOKEN", "ACCOUNT", "REGION",
]


@pytest.fixture(scope="session")
def moto_url():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def jp_base_url() -> str:
    """A base URL other than "/" (botocore's S3 client re-encodes pytest-jupyter's "/a%40b/")."""
    return "/jupyter-base/"


@pytest.fixture
def aws_env_overrides(request) -> dict:
    """Extra environment (None deletes); parametrize indirectly to change it."""
    return getattr(request, "param", {})


@pytest.fixture
def aws_server_config(request) -> dict:
    """c.SageMakerNLPAWS settings; parametrize indirectly to change them."""
    return getattr(request, "param", {})


@pytest.fixture
def aws_env(moto_url, aws_env_overrides, monkeypatch, tmp_path) -> str:
    """A clean AWS environment pointing at a freshly reset moto."""
    urllib.request.urlopen(urllib.request.Request(f"{moto_url}/moto-api/reset", method="POST"))
    for name in list(os.environ):
        if name.startswith("AWS_"):
            monkeypatch.delenv(name)
    empty = tmp_path / "aws-empty"
    empty.write_text("")
    env = {
        "AWS_ENDPOINT_URL": moto_url,
        "AWS_ACCESS_KEY_ID": KEY_ID,
        "AWS_SECRET_ACCESS_KEY": SECRET,
        "AWS_SESSION_TOKEN": TOKEN,
        "AWS_DEFAULT_REGION": REGION,
        "AWS_CONFIG_FILE": str(empty),
        "AWS_SHARED_CREDENTIALS_FILE": str(empty),
        "AWS_EC2_METADATA_DISABLED": "true",
        **aws_env_overrides,
    }
    for name, value in env.items():
        if value is not None:
            monkeypatch.setenv(name, value)
    return moto_url


@pytest.fixture
def metadata_path(tmp_path):
    """Where the server looks for a Notebook instance's resource-metadata.json (absent
    unless a test writes it)."""
    return tmp_path / "resource-metadata.json"


@pytest.fixture
def jp_server_config(jp_server_config, aws_env, aws_server_config, metadata_path):
    """The conftest's server config, with the AWS environment set before the server starts."""
    jp_server_config["SageMakerNLPAWS"] = TraitletsConfig({
        "notebook_metadata_path": str(metadata_path),
        **aws_server_config,
    })
    return jp_server_config


@pytest.fixture
def moto(moto_url) -> Callable[..., Any]:
    """boto3 clients straight to moto, to seed state and read it back."""
    def make(service: str, region: str = REGION):
        return boto3.client(service, endpoint_url=moto_url, region_name=region,
                            aws_access_key_id=KEY_ID, aws_secret_access_key=SECRET,
                            aws_session_token=TOKEN)
    return make


@pytest.fixture
def leak_check():
    """Every answer the proxy gave to the proxy clients, to search for credentials."""
    return []


@pytest.fixture
def proxy(http_server, jp_serverapp, jp_http_port, jp_base_url, jp_auth_header, leak_check):
    """boto3 clients whose endpoint is the proxy, their signature replaced by the Jupyter
    token just before sending: what the browser middleware does."""
    base = f"http://localhost:{jp_http_port}{jp_base_url}sagemaker-nlp/aws"

    def swap_signature(request, **kwargs):
        for name in ("Authorization", "X-Amz-Security-Token"):
            if name in request.headers:
                del request.headers[name]
        request.headers["Authorization"] = jp_auth_header["Authorization"]
        request.headers["X-Amz-Security-Token"] = BROWSER_TOKEN

    def record(response_dict=None, **kwargs):
        body = response_dict.get("body")
        leak_check.append((dict(response_dict.get("headers", {})),
                           body if isinstance(body, bytes) else b""))

    def make(service: str, botocore_name: str = "", **config):
        client = boto3.client(
            botocore_name or {"monitoring": "cloudwatch"}.get(service, service),
            endpoint_url=f"{base}/{service}", region_name=REGION,
            aws_access_key_id=BROWSER_KEY_ID, aws_secret_access_key="browser-secret",
            aws_session_token=BROWSER_TOKEN,
            config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1},
                          **config),
        )
        client.meta.events.register("before-send", swap_signature)
        client.meta.events.register("before-parse", record)
        return client

    return make


@pytest.fixture
def aws_config(jp_fetch):
    """Call /sagemaker-nlp/aws-config[/bucket]: (status, JSON answer)."""
    async def call(method: str = "GET", body: Any = None, path: str = "", **params):
        kwargs: dict = {"method": method, "raise_error": False}
        if body is not None or method in ("POST", "PUT"):
            kwargs["body"] = json.dumps(body if body is not None else {})
        if params:
            kwargs["params"] = params
        response = await jp_fetch("sagemaker-nlp", "aws-config", *filter(None, [path]), **kwargs)
        return response.code, body_of(response)
    return call


async def in_thread(fn: Callable, *args, **kwargs):
    """Run a blocking boto3 call without blocking the loop the Jupyter server runs in."""
    return await asyncio.get_running_loop().run_in_executor(None, lambda: fn(*args, **kwargs))


def body_of(response) -> Any:
    text = response.body.decode() if response.body else ""
    return json.loads(text) if text else None
