"""Renderers turn a :class:`ScanResult` into text. They return strings and never print."""

from __future__ import annotations

from engine.render.base import Renderer, RenderOptions
from engine.render.github import GitHubRenderer
from engine.render.json_ import JsonRenderer
from engine.render.junit import JUnitRenderer
from engine.render.markdown import MarkdownRenderer
from engine.render.sarif import SarifRenderer
from engine.render.text import TextRenderer

RENDERERS: dict[str, type[Renderer]] = {
    "text": TextRenderer,
    "json": JsonRenderer,
    "sarif": SarifRenderer,
    "junit": JUnitRenderer,
    "github": GitHubRenderer,
    "markdown": MarkdownRenderer,
}


def get_renderer(name: str, options: RenderOptions | None = None) -> Renderer:
    return RENDERERS[name](options or RenderOptions())


__all__ = ["RENDERERS", "RenderOptions", "Renderer", "get_renderer"]
