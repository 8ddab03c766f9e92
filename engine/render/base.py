"""The renderer interface."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass

from regent.engine.model import ScanResult


@dataclass(frozen=True)
class RenderOptions:
    color: bool = False
    width: int = 120
    fail_on: str = "high"  # the threshold the exit code uses, for formats that say pass or fail


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 record``, ``2,431 records``: a count and its noun."""
    return f"{n:,} {word if n == 1 else many or word + 's'}"


class Renderer(ABC):
    """One output format."""

    def __init__(self, options: RenderOptions) -> None:
        self.options = options

    @abstractmethod
    def render(self, result: ScanResult) -> str:
        """The whole output for this result."""
