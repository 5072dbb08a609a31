"""The base of the REST models (local/models.py, aws/models.py): each request and answer
is declared once, as a pydantic model with the wire's camelCase names as aliases.

A bad request is a 400 whose message names the fix; pydantic's own wording never
reaches the user. Each field carries its message (``Fix``); a validator of the model
may raise ValueError with a message of its own instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

R = TypeVar("R", bound="Request")


@dataclass(frozen=True)
class Fix:
    """Field metadata: the message of a bad value, with ``{name}`` and ``{value!r}``."""

    message: str


class BadRequest(Exception):
    status = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class Request(BaseModel):
    """A request body or query. JSON types are strict: "2" is no number, 1 no string."""

    model_config = ConfigDict(strict=True, frozen=True)
    not_object: ClassVar[str] = "The body must be a JSON object."
    unknown: ClassVar[str] = "Unknown fields {names}."  # with extra="forbid"

    @classmethod
    def parse(cls: type[R], data: Any) -> R:
        """The checked request; BadRequest (400) with the message of its first problem."""
        try:
            return cls.model_validate(data)
        except ValidationError as e:
            raise BadRequest(cls._message(e.errors())) from None

    @classmethod
    def _message(cls, errors: list) -> str:
        if any(not e["loc"] for e in errors):
            return cls.not_object
        extra = sorted(str(e["loc"][0]) for e in errors if e["type"] == "extra_forbidden")
        if extra:
            return cls.unknown.format(names=extra)
        error = errors[0]
        if error["type"] == "value_error":
            return str(error["ctx"]["error"])
        name = str(error["loc"][0])
        return cls._fix(name).format(name=name, value=error["input"])

    @classmethod
    def _fix(cls, name: str) -> str:
        for field_name, field in cls.model_fields.items():
            if name in (field_name, field.alias):
                for meta in field.metadata:
                    if isinstance(meta, Fix):
                        return meta.message
        return f"{name} {{value!r}} is not valid."


class Answer(BaseModel):
    """An answer; ``dump`` checks what we send against the declared shape."""

    @classmethod
    def dump(cls, data: Any) -> dict:
        """A key the data lacks stays out of the answer (exclude_unset), as before."""
        return cls.model_validate(data).model_dump(mode="json", by_alias=True,
                                                   exclude_unset=True)
