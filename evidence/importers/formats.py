"""The export formats ``regent import`` reads, by name, each with what it is for."""

from __future__ import annotations

from importlib import import_module
from typing import Mapping, cast

from regent.evidence.importers.base import Importer

FORMATS: Mapping[str, str] = {
    "servicenow": "ServiceNow table exports (JSON or CSV) of change_request, incident, problem, cmdb_ci and "
                  "sysapproval_approver",
    "bpic2014": "BPI Challenge 2014 detail CSVs (changes or incidents; ';'-separated, one row per affected CI)",
    "uci-incidents": "UCI incident management event log (CSV; many events per incident, the last wins)",
    "csv": "any CSV, with a column mapping from --map or regent.yaml's import.mappings",
}

_MODULES: Mapping[str, str] = {"servicenow": "servicenow", "bpic2014": "bpic2014", "uci-incidents": "uci",
                               "csv": "generic"}


def importer(name: str) -> Importer:
    """The ``read`` function of the named format's module."""
    return cast(Importer, import_module(f"regent.evidence.importers.{_MODULES[name]}").read)
