"""Renderers turn a :class:`ScanResult` into text. They return strings and never print."""

from __future__ import annotations

from regent.engine.render.base import Renderer, RenderOptions
from regent.engine.render.github import GitHubRenderer
from regent.engine.render.json_ import JsonRenderer
from regent.engine.render.junit import JUnitRenderer
from regent.engine.render.markdown import MarkdownRenderer
from regent.engine.render.sarif import SarifRenderer
from regent.engine.render.text import TextRenderer

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
