"""Opening the policy engine for one command: which OPA, and which policies."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from regent.engine.interface import PolicyEvaluator
from regent.engine.opa import DEFAULT_TIMEOUT_SECONDS, OpaService, PrivateOpa
from regent.engine.opa_binary import find_opa
from regent.engine.policyset import PolicySet


@dataclass(frozen=True)
class OpaOptions:
    """Which OPA a command uses: the organisation's service at ``url`` (with ``token``), or a private
    server started from ``binary`` (default: the project's pinned OPA, then PATH)."""

    url: str | None = None
    token: str | None = None
    binary: str | None = None
    timeout: float = DEFAULT_TIMEOUT_SECONDS  # seconds one evaluation may take


def open_evaluator(policies: PolicySet, opa: OpaOptions = OpaOptions()) -> PolicyEvaluator:
    """An evaluator with ``policies`` loaded: the organisation's OPA service when a URL
    is given, else a private server started with them."""
    evaluator: PolicyEvaluator
    if opa.url:
        evaluator = OpaService(opa.url, token=opa.token, timeout=opa.timeout, checker=find_opa(opa.binary))
    else:
        evaluator = PrivateOpa(find_opa(opa.binary), preload=policies, timeout=opa.timeout)
    try:
        evaluator.load(policies)
    except BaseException:
        evaluator.close()
        raise
    return evaluator


def policy_set(repository_root: Path | None, policy_paths: Sequence[str]) -> PolicySet:
    """Built-in checks plus the folders ``regent.yaml`` names, relative to the repository."""
    extra = [(repository_root / p) if repository_root else Path(p) for p in policy_paths]
    return PolicySet.load(extra)
