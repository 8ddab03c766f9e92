"""``--stats``: where a scan's or a gate's time went, as one line for stderr."""

from __future__ import annotations

from regent.engine.render.base import count
from regent.engine.stats import GateStats, ScanStats
from regent.evidence.model import LoadStats


def _walked(load: LoadStats) -> str:
    if not load.history_walked:
        return "from cache"
    return f"{count(load.history_commits_walked, 'commit', 'commits')} walked"


def timings(stats: ScanStats | GateStats, policy_load_seconds: float = 0.0) -> str:
    """The line for a scan's statistics or for a gate's."""
    if isinstance(stats, GateStats):
        return gate_timings(stats)
    return scan_timings(stats, policy_load_seconds)


def scan_timings(stats: ScanStats, policy_load_seconds: float = 0.0) -> str:
    """A scan's timings: loading, serialising, starting OPA (``policy_load_seconds``) and evaluating."""
    if stats.reused_answer:
        opa = "answer reused from an identical earlier scan"
    else:
        opa = (f"of which OPA parsed the input {stats.opa.input_parse_seconds:.2f}s and "
               f"evaluated {stats.opa.eval_seconds:.2f}s")
    load = stats.load
    return (
        f"timings: load {load.load_seconds:.2f}s (parsed {load.parsed} "
        f"in {count(load.parse_workers, 'process', 'processes')}, "
        f"from cache {load.cached}; of it history {load.history_seconds:.2f}s, "
        f"{_walked(load)}, "
        f"{load.history_versions_parsed} earlier versions parsed) · "
        f"input {stats.input_mb:.1f} MB serialised in {stats.serialise_seconds:.2f}s · "
        f"OPA start and policy load {policy_load_seconds:.2f}s · "
        f"evaluation {stats.evaluate_seconds:.2f}s ({opa})"
    )


def gate_timings(stats: GateStats) -> str:
    """A gate's timings: finding the neighbourhood, then loading and evaluating head and merge base."""
    return (f"timings: gate {stats.gate_seconds:.2f}s · finding the neighbourhood "
            f"{stats.locate_seconds:.2f}s · {stats.evaluated_records} records "
            f"evaluated at head and at the merge base · head load {stats.head.load.load_seconds:.2f}s, "
            f"evaluation {stats.head.evaluate_seconds:.2f}s · base load "
            f"{stats.base.load.load_seconds:.2f}s, evaluation {stats.base.evaluate_seconds:.2f}s")
