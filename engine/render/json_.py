"""``--format json``: the scan result as documented in the findings contract."""

from __future__ import annotations

import orjson

from regent.engine.model import ScanResult
from regent.engine.render.base import Renderer


class JsonRenderer(Renderer):
    def render(self, result: ScanResult) -> str:
        return orjson.dumps(result.to_dict(), option=orjson.OPT_INDENT_2).decode() + "\n"
