"""What reaches AWS and what comes back: a recording stand-in for STS and S3 shows the
exact headers the proxy sends, and the browser's own credentials never among them."""

from __future__ import annotations

import hashlib
import http.server
import threading

import pytest
from tornado.httpclient import AsyncHTTPClient

from aws_fixtures import *  # noqa: F401,F403
from aws_fixtures import KEY_ID, SECRET, TOKEN

STS_ANSWER = b"""<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
<GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/recorded</Arn>
<UserId>AIDARECORDED</UserId><Account>123456789012</Account></GetCallerIdentityResult>
<ResponseMetadata><RequestId>rec-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>"""
BROWSER = {
    "Cookie": "session=browser-cookie",
    "X-XSRFToken": "browser-xsrf",
    "Referer": "http://localhost/jupyter-base/lab",
    "X-Amz-Security-Token": "browser-session-token",
    "X-Amz-Date": "20000101T000000Z",
    "X-Amz-Content-Sha256": "0" * 64,
    "X-Amz-User-Agent": "aws-sdk-js/3",
    "Amz-Sdk-Invocation-Id": "browser-invocation",
    "X-Forwarded-Host": "evil.example",
    "X-Forwarded-For": "10.0.0.1",
    "User-Agent": "Mozilla/5.0",
}


class Recorder(http.server.ThreadingHTTPServer):
    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.requests: list[dict] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(http.server.BaseHTTPRequestHandler):
    def _record(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self.server.requests.append({"method": self.command, "path": self.path,
                                     "headers": {k.lower(): v for k, v in self.headers.items()},
                                     "body": body})
        answer = STS_ANSWER if self.path == "/" and self.command == "POST" else b""
        self.send_response(200)
        self.send_header("Content-Type", "text/xml")
        self.send_header("Content-Length", str(len(answer)))
        self.send_header("x-amzn-RequestId", "rec-1")
        self.send_header("ETag", '"abc"')
        # What must not come back to the browser:
        self.send_header("Set-Cookie", "aws=upstream")
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("X-Amz-Security-Token", TOKEN)
        self.send_header("X-Upstream-Secret", SECRET)
        self.end_headers()
        self.wfile.write(answer)

    do_POST = do_PUT = do_GET = _record

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def recorder():
    server = Recorder()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()


@pytest.fixture
def aws_env_overrides(recorder):
    recorder.requests.clear()
    return {"AWS_ENDPOINT_URL_STS": recorder.url, "AWS_ENDPOINT_URL_S3": recorder.url}


@pytest.fixture
def url(http_server, jp_http_port, jp_base_url):
    return f"http://localhost:{jp_http_port}{jp_base_url}sagemaker-nlp/"


async def test_only_safe_headers_go_upstream(url, recorder, jp_auth_header):
    headers = {**BROWSER, **jp_auth_header, "Content-Type": "application/x-www-form-urlencoded"}
    response = await AsyncHTTPClient().fetch(url + "aws/sts", method="POST", headers=headers,
                                             body=b"Action=GetCallerIdentity&Version=2011-06-15")
    assert response.code == 200 and b"AIDARECORDED" in response.body
    [sent] = recorder.requests
    h = sent["headers"]
    assert sent["path"] == "/" and sent["body"] == b"Action=GetCallerIdentity&Version=2011-06-15"
    assert h["host"] == recorder.url.split("//")[1]
    assert h["authorization"].startswith(f"AWS4-HMAC-SHA256 Credential={KEY_ID}/")
    assert "/us-east-1/sts/aws4_request" in h["authorization"]
    assert h["x-amz-security-token"] == TOKEN
    assert h["x-amz-date"] != BROWSER["X-Amz-Date"]
    for name in ("cookie", "x-xsrftoken", "referer", "origin", "x-forwarded-host",
                 "x-forwarded-for", "x-amz-user-agent", "amz-sdk-invocation-id"):
        assert name not in h, name
    back = {k.lower(): v for k, v in response.headers.get_all()}
    assert back["x-amzn-requestid"] == "rec-1"
    assert "aws=upstream" not in back.get("set-cookie", "")
    assert back.get("access-control-allow-origin") != "*"
    for name, value in back.items():
        assert TOKEN not in value and SECRET not in value, name


async def test_s3_headers_and_payload_hash(url, recorder, jp_auth_header):
    body = b"model bytes"
    headers = {**BROWSER, **jp_auth_header, "Content-Type": "application/gzip",
               "x-amz-server-side-encryption": "aws:kms",
               "x-amz-server-side-encryption-aws-kms-key-id": "alias/mine",
               "x-amz-meta-notebook": "demo.ipynb", "x-amz-checksum-crc32": "AAAAAA==",
               "x-amz-acl": "public-read", "x-amz-grant-full-control": "id=someone"}
    response = await AsyncHTTPClient().fetch(url + "aws/s3/my-bucket/a%20b/c.tar.gz?x-id=PutObject",
                                             method="PUT", headers=headers, body=body)
    assert response.code == 200
    [sent] = recorder.requests
    h = sent["headers"]
    assert sent["path"] == "/my-bucket/a%20b/c.tar.gz?x-id=PutObject"
    assert h["x-amz-content-sha256"] == hashlib.sha256(body).hexdigest()
    assert h["x-amz-server-side-encryption"] == "aws:kms"
    assert h["x-amz-server-side-encryption-aws-kms-key-id"] == "alias/mine"
    assert h["x-amz-meta-notebook"] == "demo.ipynb"
    assert h["x-amz-checksum-crc32"] == "AAAAAA=="
    assert h["content-type"] == "application/gzip"
    assert "x-amz-acl" not in h and "x-amz-grant-full-control" not in h
    assert "/us-east-1/s3/aws4_request" in h["authorization"]


async def test_cookie_login_needs_the_xsrf_token(url, recorder, jp_auth_header):
    client = AsyncHTTPClient()
    first = await client.fetch(url + "health", headers=jp_auth_header)
    login = [c.split(";")[0] for c in first.headers.get_list("Set-Cookie")
             if c.startswith("username-")]
    assert login, "the token login sets a cookie"
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    body = b"Action=GetCallerIdentity&Version=2011-06-15"
    refused = await client.fetch(url + "aws/sts", method="POST", body=body, raise_error=False,
                                 headers={**form, "Cookie": login[0]})
    assert refused.code == 403 and recorder.requests == []
    accepted = await client.fetch(url + "aws/sts", method="POST", body=body, headers={
        **form, "Cookie": f"{login[0]}; _xsrf=0123456789abcdef", "X-XSRFToken": "0123456789abcdef"})
    assert accepted.code == 200 and len(recorder.requests) == 1
