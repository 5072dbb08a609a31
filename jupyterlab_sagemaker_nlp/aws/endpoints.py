"""Where each proxied service lives: botocore decides, from server configuration only."""

from __future__ import annotations

import threading
from collections import OrderedDict

from botocore import UNSIGNED
from botocore.config import Config

# proxy name -> (botocore service name, SigV4 signing name)
SERVICES: dict[str, tuple[str, str]] = {
    "sagemaker": ("sagemaker", "sagemaker"),
    "sagemaker-runtime": ("sagemaker-runtime", "sagemaker"),
    "s3": ("s3", "s3"),
    "monitoring": ("cloudwatch", "monitoring"),
    "logs": ("logs", "logs"),
    "sts": ("sts", "sts"),
    "application-autoscaling": ("application-autoscaling", "application-autoscaling"),
    "pricing": ("pricing", "pricing"),
}

# The Price List API has endpoints in a few regions of the aws partition only; its
# answers cover every region of that partition, so one endpoint serves all.
PRICING_REGION = "us-east-1"
NO_PRICING = ("The AWS Price List API serves the aws partition only: prices of regions in "
              "{partition} are not available here — see the AWS pricing pages")


def signing_name(service: str) -> str:
    return SERVICES[service][1]


def partition_of(region: str) -> str:
    """aws, aws-cn, aws-us-gov, … by the region's name (botocore's rule for unknown ones)."""
    for prefix, partition in (("cn-", "aws-cn"), ("us-gov-", "aws-us-gov"),
                              ("us-isob-", "aws-iso-b"), ("us-iso-", "aws-iso"),
                              ("eu-isoe-", "aws-iso-e"), ("us-isof-", "aws-iso-f"),
                              ("eusc-", "aws-eusc")):
        if region.startswith(prefix):
            return partition
    return "aws"


def upstream_region(service: str, region: str) -> str:
    """The region whose endpoint serves ``service`` for the configured ``region``;
    ValueError, saying why, when there is none."""
    if service != "pricing":
        return region
    partition = partition_of(region)
    if partition != "aws":
        raise ValueError(NO_PRICING.format(partition=partition))
    return PRICING_REGION


class Endpoints:
    """One botocore client per (service, region), made once; only its endpoint is used.

    The region comes from settings a user can change, so the cache is bounded: the
    least recently used of more than ``max_entries`` endpoints is forgotten.

    ``client.meta.endpoint_url`` honours AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE>
    and the profile's ``endpoint_url``; otherwise it is the service's regional endpoint.
    """

    def __init__(self, session_factory, max_entries: int = 32):
        self._session_factory = session_factory
        self._urls: OrderedDict[tuple[str, str], str] = OrderedDict()
        self._max_entries = max_entries
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._urls)

    def url(self, service: str, region: str) -> str:
        key = (service, region)
        with self._lock:
            if key in self._urls:
                self._urls.move_to_end(key)
                return self._urls[key]
        client = self._session_factory().create_client(
            SERVICES[service][0],
            region_name=region,
            config=Config(signature_version=UNSIGNED, s3={"addressing_style": "path"}),
        )
        url = client.meta.endpoint_url.rstrip("/")
        with self._lock:
            self._urls[key] = url
            while len(self._urls) > self._max_entries:
                self._urls.popitem(last=False)
        return url
