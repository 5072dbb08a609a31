"""Errors the REST layer turns into JSON answers."""

from __future__ import annotations


class LocalError(Exception):
    """A problem the user can fix; ``status`` is the HTTP status to answer."""

    status = 400

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status


class SpecError(LocalError):
    """The job spec is wrong (400)."""


class NotFound(LocalError):
    status = 404


class Conflict(LocalError):
    status = 409
