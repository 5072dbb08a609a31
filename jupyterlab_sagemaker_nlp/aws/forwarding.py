"""One reading of a browser request: the path, query, headers and body the proxy forwards.

The allow-list decision (operations.py) is made on exactly what this module
builds, and nothing else goes upstream: a header the proxy does not know is
dropped, a header sent twice is refused (the check and AWS could read
different ones), and a compressed body is refused (the check would read
other bytes than AWS).
"""

from __future__ import annotations

from typing import Optional
from urllib.parse import quote, unquote

from tornado.httputil import HTTPHeaders

from .refusal import Refusal

REQUEST_HEADERS = {
    "accept", "cache-control", "content-disposition", "content-language",
    "content-md5", "content-type", "expires", "if-match", "if-modified-since",
    "if-none-match", "if-unmodified-since", "range", "smithy-protocol",
    "x-amz-expected-bucket-owner", "x-amz-sdk-checksum-algorithm", "x-amz-storage-class",
    "x-amz-tagging", "x-amz-target",
}
HEADER_PREFIXES = ("x-amz-server-side-encryption", "x-amz-checksum-", "x-amz-meta-",
                   "x-amzn-sagemaker-")
# Services whose operation is in the path: X-Amz-Target means nothing to them.
PATH_SERVICES = ("s3", "sagemaker-runtime")
UNRESERVED = "-_.~"
# Query-string signatures (presigned URLs): the proxy signs in headers, so these go.
QUERY_AUTH = {"x-amz-algorithm", "x-amz-credential", "x-amz-date", "x-amz-expires",
              "x-amz-signedheaders", "x-amz-signature", "x-amz-security-token"}


def is_forwarded_header(name: str, names: set = REQUEST_HEADERS) -> bool:
    name = name.lower()
    return name in names or name.startswith(HEADER_PREFIXES)


def clean_path(raw: str) -> Optional[str]:
    """raw path, each segment re-encoded the AWS way; None if it has dot segments."""
    segments = []
    for segment in (raw or "/").split("/"):
        decoded = unquote(segment)
        if decoded in (".", ".."):
            return None
        segments.append(quote(decoded, safe=UNRESERVED))
    path = "/".join(segments)
    return path if path.startswith("/") else "/" + path


def clean_query(raw: str) -> str:
    """raw query, re-encoded the AWS way, without query-string signature parameters."""
    pieces = []
    for piece in raw.split("&"):
        key, eq, value = piece.partition("=")
        if piece and unquote(key).lower() not in QUERY_AUTH:
            pieces.append(quote(unquote(key), safe=UNRESERVED) + eq
                          + quote(unquote(value), safe=UNRESERVED))
    return "&".join(pieces)


def forwarded_headers(service: str, method: str, headers: HTTPHeaders) -> HTTPHeaders:
    """The browser's headers that go upstream, each exactly once; Refusal when ambiguous."""
    if "Content-Encoding" in headers:
        encoding = ", ".join(headers.get_list("Content-Encoding"))
        if "aws-chunked" in encoding:
            raise Refusal("aws-chunked bodies are not forwarded: send the body whole "
                          "(requestChecksumCalculation: 'WHEN_REQUIRED')", 400, "bad-request")
        raise Refusal(f"Request refused: Content-Encoding {encoding} is not forwarded — "
                      "send the body uncompressed")
    if service == "s3" and "X-Amz-Copy-Source" in headers:
        # Not forwarded, so the copy would become a plain PutObject: refuse it by its name.
        raise Refusal("Request refused: s3 CopyObject / UploadPartCopy is not an operation "
                      "this extension uses")
    forwarded = HTTPHeaders()
    for name in sorted({k for k, _ in headers.get_all()}):
        if not is_forwarded_header(name):
            continue
        if service in PATH_SERVICES and name.lower() == "x-amz-target":
            continue
        values = headers.get_list(name)
        if len(values) != 1:
            raise Refusal(f"Request refused: {len(values)} {name} headers — send one")
        forwarded[name] = values[0]
    if service == "s3" and method == "POST" and "Content-Type" not in forwarded:
        forwarded["Content-Type"] = "binary/octet-stream"
    return forwarded


def media_type(content_type: Optional[str]) -> Optional[str]:
    """``application/x-amz-json-1.1`` of a Content-Type; None unless its only parameter,
    if any, is ``charset=utf-8`` (anything else could make AWS read the body otherwise)."""
    if content_type is None:
        return None
    media, *params = [p.strip().lower() for p in content_type.split(";")]
    if any(p.replace(" ", "") != "charset=utf-8" for p in params):
        return None
    return media
