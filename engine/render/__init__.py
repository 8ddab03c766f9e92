"""Renderers turn a :class:`ScanResult` into text. They return strings and never print."""

from __future__ import annotations

from engine.render.base import Renderer, RenderOptions
from engine.render.json_ import JsonRenderer
from engine.render.text import TextRenderer

RENDERERS: dict[str, type[Renderer]] = {
    "text": TextRenderer,
    "json": JsonRenderer,
}


def get_renderer(name: str, options: RenderOptions | None = None) -> Renderer:
    return RENDERERS[name](options or RenderOptions())


__all__ = ["RENDERERS", "RenderOptions", "Renderer", "get_renderer"]
