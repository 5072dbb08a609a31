"""Server configuration of the AWS side (``jupyter_server_config.py``)::

    c.SageMakerNLPAWS.region = "eu-west-1"          # else discovered
    c.SageMakerNLPAWS.role_arn = "arn:aws:iam::123456789012:role/MySageMakerRole"
    c.SageMakerNLPAWS.bucket = "my-bucket"
    c.SageMakerNLPAWS.max_body_bytes = 64 * 1024 * 1024

The endpoints themselves come from botocore (``AWS_ENDPOINT_URL``,
``AWS_ENDPOINT_URL_<SERVICE>``, profiles), never from the browser.
"""

from __future__ import annotations

from traitlets import Float, Integer, Unicode
from traitlets.config import Configurable

MiB = 1024 * 1024


class SageMakerNLPAWS(Configurable):
    """The extension (app.py) makes one with itself as parent: it sees the server's config."""

    region = Unicode(
        "", config=True,
        help="AWS region; empty: the frontend setting, else botocore (AWS_REGION, profile), "
        "else the Notebook instance's metadata.",
    )
    role_arn = Unicode(
        "", config=True,
        help="SageMaker execution role; empty: the frontend setting, else discovered.",
    )
    bucket = Unicode(
        "", config=True,
        help="Default S3 bucket; empty: the frontend setting, else sagemaker-{region}-{account}.",
    )
    notebook_metadata_path = Unicode(
        "/opt/ml/metadata/resource-metadata.json", config=True,
        help="Where a SageMaker Notebook instance describes itself.",
    )
    max_body_bytes = Integer(
        64 * MiB, min=1, config=True,
        help="Largest request body the proxy forwards to S3 and sagemaker-runtime "
        "(S3 multipart parts are 5-16 MiB).",
    )
    max_api_body_bytes = Integer(
        2 * MiB, min=1, config=True,
        help="Largest request body of the other services' API calls.",
    )
    body_timeout = Float(
        120.0, config=True, help="Seconds the browser has to send a request body.",
    )
    max_response_bytes = Integer(
        512 * MiB, min=1, config=True, help="Largest AWS answer the proxy passes back.",
    )
    connect_timeout = Float(10.0, config=True, help="Seconds to connect to AWS.")
    request_timeout = Float(
        30.0, config=True, help="Seconds for one API call (describe, list, create...).",
    )
    transfer_timeout = Float(
        300.0, config=True, help="Seconds for one S3 object transfer (a part, a download).",
    )
    invoke_timeout = Float(
        70.0, config=True,
        help="Seconds for one endpoint invocation (SageMaker's own limit is 60 s).",
    )
    max_connections = Integer(
        10, min=1, config=True,
        help="Calls in flight at once per service and kind of call (API, transfer, "
        "invocation): one slow upstream cannot hold the others.",
    )
    discovery_cache_seconds = Float(
        300.0, config=True, help="How long GET /sagemaker-nlp/aws-config reuses its discovery.",
    )
