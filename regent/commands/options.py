"""What scan and gate share: where the reports go, what fails, which OPA, caches and progress."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from regent.engine.session import OpaOptions
from regent.evidence import default_cache_directory

Target = tuple[str, "Path | None"]  # a format, and its file (None: standard output)


@dataclass(frozen=True)
class RunOptions:
    """The options of ``regent scan`` and ``regent gate`` that are not about the revision."""

    to: Sequence[Target] = (("text", None),)
    use_baseline: Path | None = None
    fail_on: str | None = None
    frameworks: Sequence[str] = ()
    opa: OpaOptions = field(default_factory=OpaOptions)
    use_cache: bool = True
    show_progress: bool = True
    show_stats: bool = False
    by: str | None = None  # scan: the business view at this level in text and markdown

    def cache(self) -> Path | None:
        return default_cache_directory() if self.use_cache else None
