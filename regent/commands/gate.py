"""``regent gate``: a change request judged before it merges."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from regent.commands.console import count, err, status
from regent.commands.errors import EXIT_FINDINGS, EXIT_OK, exits
from regent.commands.options import RunOptions
from regent.commands.outputs import apply_baselines, deliver
from regent.engine.gate import gate
from regent.engine.render.stats import timings
from regent.engine.results import ResultCache
from regent.engine.session import open_evaluator, policy_set
from regent.evidence.request import read_request
from regent.evidence.revisions import end_of_day
from regent.evidence.settings import read_worktree_config


@exits
def run_gate(path: Path, options: RunOptions, *, base: str, head: str | None = None, full: bool = False,
             as_of: date | None = None) -> int:
    """Judge a change request before it merges: the records it adds or edits, how it edits them
    (lifecycle steps, approved plans, closed records, evidence), and what it breaks elsewhere.

    \b
    Reports the findings on the files the request changed, and the findings at the head
    that its merge base did not have. Examples:
      regent gate --base origin/main                    # this branch's work tree
      regent gate --base origin/main --head HEAD --format github
      regent gate --base main --format sarif=gate.sarif --format junit=gate.xml --format github
    """
    o = options
    request = read_request(path, base, head)
    config = read_worktree_config(Path(request.repository))
    policies = policy_set(Path(request.repository), config.policy_paths)
    with status(f"judging {count(len(request.files), 'changed file', 'changed files')} on OPA", o.show_progress), \
            open_evaluator(policies, o.opa) as evaluator:
        result = gate(request, policies, evaluator, scope="full" if full else "neighbourhood",
                      frameworks=o.frameworks or None, results=ResultCache(o.cache()), cache_dir=o.cache(),
                      now=end_of_day(as_of, config.timezone) if as_of else None)
    result = apply_baselines(result, None, o.use_baseline)
    threshold = o.fail_on or config.fail_on or "high"
    deliver(result, o.to, threshold)
    if o.show_stats:
        err(timings(result.stats))
    return EXIT_FINDINGS if result.breaches(threshold) else EXIT_OK
