"""Renderers turn a :class:`ScanResult` into text. They return strings and never print.

Which formats there are, and what each renders, is :mod:`regent.engine.render.formats`.
"""

from __future__ import annotations

from regent.engine.render.base import Renderer, RenderOptions
from regent.engine.render.formats import RESULT_RENDERERS as RENDERERS


def get_renderer(name: str, options: RenderOptions | None = None) -> Renderer:
    return RENDERERS[name](options or RenderOptions())


__all__ = ["RENDERERS", "RenderOptions", "Renderer", "get_renderer"]
