"""A request the proxy will not forward."""

from __future__ import annotations


class Refusal(Exception):
    """``message`` says what was refused and what to send instead; ``reason`` is the
    proxy's machine-readable reason (docs/aws-api.md)."""

    def __init__(self, message: str, status: int = 403, reason: str = "refused"):
        super().__init__(message)
        self.message = message
        self.status = status
        self.reason = reason
