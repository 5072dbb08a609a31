"""The Price List API through the proxy: GetProducts only, always at the us-east-1 endpoint
(whatever the configured region), signed by the server, refused for other partitions.

Moto has no Price List API, so a recording stand-in on 127.0.0.1 answers for it; a real
Jupyter server and the real proxy in front, boto3 as the browser."""

from __future__ import annotations

import asyncio
import json
import socket

import pytest
from botocore.exceptions import ClientError

from aws_fixtures import *  # noqa: F401,F403
from aws_fixtures import KEY_ID, body_of, in_thread

from jupyterlab_sagemaker_nlp.aws.endpoints import partition_of, upstream_region

PRODUCT = json.dumps({"product": {"productFamily": "ML Instance", "attributes": {
    "instanceName": "ml.m5.xlarge", "platoinstancetype": "Training", "regionCode": "eu-west-1"}},
    "terms": {"OnDemand": {"A.B": {"priceDimensions": {"A.B.C": {
        "unit": "Hrs", "pricePerUnit": {"USD": "0.2690000000"}}}}}}})


class PriceListStandIn:
    """Answers every request with one GetProducts page, and keeps each request's head."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.heads: list[dict[str, str]] = []
        self.server = None

    async def start(self):
        async def handle(reader, writer):
            try:
                head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1")
                lines = head.split("\r\n")
                headers = {k.strip().lower(): v.strip() for k, _, v in
                           (line.partition(":") for line in lines[1:] if line)}
                await reader.readexactly(int(headers.get("content-length", "0")))
                self.heads.append({"request-line": lines[0], **headers})
                body = json.dumps({"FormatVersion": "aws_v1", "PriceList": [PRODUCT]}).encode()
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\n"
                             + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
                await writer.drain()
            finally:
                writer.close()
        self.server = await asyncio.start_server(handle, sock=self.sock)

    def close(self):
        if self.server is not None:
            self.server.close()
        self.sock.close()


@pytest.fixture
def price_list():
    stand_in = PriceListStandIn()
    yield stand_in
    stand_in.close()


@pytest.fixture
def aws_env_overrides(request, price_list):
    # A region far from us-east-1, so the test sees that the pricing endpoint is not its own.
    return {"AWS_ENDPOINT_URL_PRICING": price_list.url, "AWS_DEFAULT_REGION": "eu-west-1",
            **getattr(request, "param", {})}


async def test_get_products_is_forwarded_to_us_east_1_signed_by_the_server(proxy, price_list):
    await price_list.start()
    pricing = proxy("pricing")
    answer = await in_thread(pricing.get_products, ServiceCode="AmazonSageMaker", Filters=[
        {"Type": "TERM_MATCH", "Field": "instanceName", "Value": "ml.m5.xlarge"}])
    assert json.loads(answer["PriceList"][0])["product"]["attributes"]["instanceName"] \
        == "ml.m5.xlarge"
    [head] = price_list.heads
    assert head["request-line"] == "POST / HTTP/1.1"
    assert head["x-amz-target"] == "AWSPriceListService.GetProducts"
    # The server's key, scoped to the Price List API's region, not the configured eu-west-1.
    assert f"Credential={KEY_ID}/" in head["authorization"]
    assert "/us-east-1/pricing/aws4_request" in head["authorization"]


async def test_other_price_list_operations_are_refused(proxy, raw_pricing, price_list):
    await price_list.start()
    pricing = proxy("pricing")
    for call, kwargs in [(pricing.describe_services, {}),
                         (pricing.get_attribute_values, {"ServiceCode": "AmazonSageMaker",
                                                         "AttributeName": "instanceName"}),
                         (pricing.list_price_lists, {"ServiceCode": "AmazonSageMaker",
                                                     "EffectiveDate": "2026-01-01",
                                                     "CurrencyCode": "USD"})]:
        with pytest.raises(ClientError) as e:
            await in_thread(call, **kwargs)
        assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
    response = await raw_pricing("AWSPriceListService.DescribeServices")
    assert response.code == 403
    assert body_of(response) == {
        "message": "Request refused: pricing DescribeServices is not an operation this "
                   "extension uses", "reason": "refused"}
    assert price_list.heads == []


@pytest.mark.parametrize("aws_env_overrides", [{"AWS_DEFAULT_REGION": "cn-north-1"}],
                         indirect=True)
async def test_no_price_list_for_other_partitions(raw_pricing, price_list):
    await price_list.start()
    response = await raw_pricing("AWSPriceListService.GetProducts")
    assert response.code == 400
    answer = body_of(response)
    assert answer["reason"] == "no-endpoint"
    assert "aws-cn" in answer["message"] and "Price List API" in answer["message"]
    assert price_list.heads == []


@pytest.fixture
def raw_pricing(http_server, jp_http_port, jp_base_url, jp_auth_header):
    from tornado.httpclient import AsyncHTTPClient

    async def post(target: str):
        return await AsyncHTTPClient().fetch(
            f"http://localhost:{jp_http_port}{jp_base_url}sagemaker-nlp/aws/pricing",
            method="POST", body=b'{"ServiceCode": "AmazonSageMaker"}', raise_error=False,
            headers={**jp_auth_header, "X-Amz-Target": target,
                     "Content-Type": "application/x-amz-json-1.1"})
    return post


@pytest.mark.parametrize("region,partition,pricing_region", [
    ("eu-west-1", "aws", "us-east-1"),
    ("ap-south-1", "aws", "us-east-1"),
    ("cn-northwest-1", "aws-cn", None),
    ("us-gov-west-1", "aws-us-gov", None),
    ("us-iso-east-1", "aws-iso", None),
    ("us-isob-east-1", "aws-iso-b", None),
    ("eusc-de-east-1", "aws-eusc", None),
])
def test_the_pricing_region_follows_the_partition(region, partition, pricing_region):
    assert partition_of(region) == partition
    assert upstream_region("sagemaker", region) == region
    if pricing_region:
        assert upstream_region("pricing", region) == pricing_region
    else:
        with pytest.raises(ValueError, match=partition):
            upstream_region("pricing", region)
