"""Where a scan's or a gate's time went, and how much they read: what ``--stats`` shows."""

from __future__ import annotations

from dataclasses import dataclass

from regent.engine.interface import EvalTimings
from regent.evidence.model import LoadStats


@dataclass(frozen=True)
class ScanStats:
    """A scan: loading its snapshot, then serialising the input and evaluating it."""

    load: LoadStats = LoadStats()
    input_mb: float = 0.0
    serialise_seconds: float = 0.0
    evaluate_seconds: float = 0.0
    reused_answer: bool = False  # OPA's answer came from the result cache: OPA evaluated nothing
    opa: EvalTimings = EvalTimings()  # OPA's own timers; all 0 when the answer was reused
    business_seconds: float = 0.0  # rolling the findings up to services, processes and objectives


@dataclass(frozen=True)
class GateStats:
    """A gate: finding the neighbourhood, then a scan at the head and one at the merge base."""

    head: ScanStats
    base: ScanStats
    locate_seconds: float
    gate_seconds: float
    evaluated_records: int
