"""``--stats``: where a scan's or a gate's time went, as one line for stderr."""

from __future__ import annotations

from typing import Mapping


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _walked(stats: Mapping[str, float]) -> str:
    if not stats.get("history_walked"):
        return "from cache"
    return f"{_count(int(stats.get('history_commits_walked', 0)), 'commit', 'commits')} walked"


def scan_timings(stats: Mapping[str, float]) -> str:
    """A scan's timings: loading, serialising, starting OPA and evaluating."""
    if stats.get("reused_answer"):
        opa = "answer reused from an identical earlier scan"
    else:
        opa = (f"of which OPA parsed the input {stats.get('opa_input_parse_seconds', 0):.2f}s and "
               f"evaluated {stats.get('opa_eval_seconds', 0):.2f}s")
    return (
        f"timings: load {stats.get('load_seconds', 0):.2f}s (parsed {int(stats.get('parsed', 0))} "
        f"in {_count(int(stats.get('parse_workers', 1)), 'process', 'processes')}, "
        f"from cache {int(stats.get('cached', 0))}; of it history {stats.get('history_seconds', 0):.2f}s, "
        f"{_walked(stats)}, "
        f"{int(stats.get('history_versions_parsed', 0))} earlier versions parsed) · "
        f"input {stats.get('input_mb', 0):.1f} MB serialised in {stats.get('serialise_seconds', 0):.2f}s · "
        f"OPA start and policy load {stats.get('policy_load_seconds', 0):.2f}s · "
        f"evaluation {stats.get('evaluate_seconds', 0):.2f}s ({opa})"
    )


def gate_timings(stats: Mapping[str, float]) -> str:
    """A gate's timings: finding the neighbourhood, then loading and evaluating head and merge base."""
    return (f"timings: gate {stats.get('gate_seconds', 0):.2f}s · finding the neighbourhood "
            f"{stats.get('locate_seconds', 0):.2f}s · {int(stats.get('evaluated_records', 0))} records "
            f"evaluated at head and at the merge base · head load {stats.get('head_load_seconds', 0):.2f}s, "
            f"evaluation {stats.get('head_evaluate_seconds', 0):.2f}s · base load "
            f"{stats.get('base_load_seconds', 0):.2f}s, evaluation {stats.get('base_evaluate_seconds', 0):.2f}s")
