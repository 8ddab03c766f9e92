"""Frozen dataclasses to JSON values and back, by their type hints: a kept scan result is data.

:func:`encode` turns a value of the engine's model into lists, mappings and
scalars; :func:`decode` rebuilds it from those, checking every value against
the field's declared type, so a file that does not hold what was written raises
instead of becoming a wrong answer.
"""

from __future__ import annotations

import collections.abc
import dataclasses
import types
import typing
from enum import Enum
from functools import cache
from typing import Any, Mapping, TypeVar, Union

T = TypeVar("T")


def encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (tuple, list)):
        return [encode(v) for v in value]
    if isinstance(value, Mapping):
        return {k: encode(v) for k, v in value.items()}
    return value


def decode(kind: type[T], value: Any) -> T:
    """``value`` (from :func:`encode`) as a ``kind``; TypeError or ValueError when it is not one."""
    result: T = _decode(kind, value)
    return result


@cache
def _hints(kind: type[Any]) -> dict[str, Any]:
    try:
        return typing.get_type_hints(kind)
    except NameError:
        # The scan result names the business view's classes, which model.py imports for type checking
        # only (business.py imports model.py): resolve them from their module.
        from regent.engine import business

        return typing.get_type_hints(kind, localns=vars(business))


def _decode(hint: Any, value: Any) -> Any:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is Any:
        return value
    if origin in (Union, types.UnionType):
        for option in args:
            try:
                return _decode(option, value)
            except (TypeError, ValueError, KeyError):
                continue
        raise TypeError(f"{value!r} is none of {hint}")
    if hint is type(None):
        if value is not None:
            raise TypeError("expected null")
        return None
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        if not isinstance(value, dict):
            raise TypeError(f"expected an object for {hint.__name__}")
        hints = _hints(hint)
        fields = {f.name for f in dataclasses.fields(hint)}
        if set(value) - fields:
            raise TypeError(f"unknown fields {sorted(set(value) - fields)} in {hint.__name__}")
        return hint(**{name: _decode(hints[name], v) for name, v in value.items()})
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(value)
    if origin is tuple:
        if not isinstance(value, list):
            raise TypeError("expected a list")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], v) for v in value)
        if len(args) != len(value):
            raise TypeError("a tuple of another length")
        return tuple(_decode(a, v) for a, v in zip(args, value, strict=True))
    if origin in (collections.abc.Mapping, dict) or hint in (dict, Mapping):
        if not isinstance(value, dict):
            raise TypeError("expected an object")
        key_hint, value_hint = args or (str, Any)
        return {_decode(key_hint, k): _decode(value_hint, v) for k, v in value.items()}
    if hint is float and isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if hint in (str, int, bool) and type(value) is hint:
        return value
    raise TypeError(f"{value!r} is not a {hint}")
