"""AWS side of the server extension: the signing proxy and AWS configuration discovery.

Routes (docs/aws-api.md): ``/sagemaker-nlp/aws/<service>/<path...>`` and
``/sagemaker-nlp/aws-config`` (+ ``/bucket``).
"""

from __future__ import annotations

import botocore.session

from .config import AwsConfig
from .endpoints import Endpoints
from .handlers import ROUTES
from .proxy import STATE_KEY
from .settings import SageMakerNLPAWS
from .signing import CredentialSource
from .upstream import Upstream


class AwsState:
    """What the handlers share, one per server (the web app's settings[STATE_KEY])."""

    def __init__(self, settings: SageMakerNLPAWS, log=None):
        session_factory = botocore.session.Session
        self.settings = settings
        self.credentials = CredentialSource(session_factory)
        self.endpoints = Endpoints(session_factory)
        self.config = AwsConfig(settings, self.credentials, session_factory, log)
        self.upstream = Upstream(settings)


__all__ = ["AwsState", "ROUTES", "STATE_KEY", "SageMakerNLPAWS"]
