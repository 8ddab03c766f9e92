"""The ``regent`` command line: parse options, call evidence and engine, render, exit.

This is the only module that knows click, the terminal and exit codes. Each
command's work is a plain function returning its exit code.
"""

from __future__ import annotations

import difflib
import json
import os
import shutil
import subprocess
import sys
import time
from contextlib import nullcontext
from dataclasses import dataclass, replace
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any, Callable, ContextManager, Mapping, Sequence

import click

from regent.engine import __version__, baseline
from regent.engine.errors import EngineUnavailable, InputFileError, PolicyError
from regent.engine.gate import gate
from regent.engine.catalog import coverage, load_catalogs
from regent.engine.model import SEVERITIES, CheckInfo, ScanResult
from regent.engine.opa_binary import check_policies, find_opa, opa_version
from regent.engine.policyset import BUILTIN_DIR, PolicySet
from regent.engine.render import RENDERERS, RenderOptions, get_renderer
from regent.engine.render import policies as render_policies
from regent.engine.render.stats import timings
from regent.engine.results import ResultCache
from regent.engine.scan import list_checks, scan
from regent.engine.session import open_evaluator, policy_set
from regent.evidence import EvidenceError, default_cache_directory, load_snapshot
from regent.evidence import schemas
from regent.evidence.config import FRAMEWORKS, RepoConfig, setting_value
from regent.evidence.request import read_request
from regent.evidence.importers.formats import FORMATS as IMPORT_FORMATS
from regent.evidence.revisions import end_of_day
from regent.evidence.settings import read_worktree_config

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_ENGINE = 0, 1, 2, 3


def _fail(message: str, code: int) -> int:
    click.echo(f"regent: {message}", err=True)
    return code


def _guarded(work: Callable[[], int]) -> int:
    """Map each layer's exceptions to the exit codes of the findings contract."""
    try:
        return work()
    except (EvidenceError, _OutputError, InputFileError) as exc:
        return _fail(str(exc), EXIT_USAGE)
    except (PolicyError, EngineUnavailable) as exc:
        return _fail(str(exc), EXIT_ENGINE)


def _interactive(enabled: bool) -> bool:
    """Whether to show progress: stderr is a terminal and this is not CI."""
    return enabled and sys.stderr.isatty() and not os.environ.get("CI")


def _progress(enabled: bool) -> tuple[ContextManager[Any], Callable[[int, int], None] | None]:
    """A progress bar on stderr when it is a terminal; nothing when piped or in CI."""
    if not _interactive(enabled):
        return nullcontext(), None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    bar = Progress("reading records", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), transient=True,
                   console=Console(stderr=True))
    task = bar.add_task("read", total=None)
    return bar, lambda done, total: bar.update(task, completed=done, total=total)


def _status(message: str, enabled: bool) -> ContextManager[Any]:
    """A spinner on stderr for a step with no count to show; nothing when piped or in CI."""
    if not _interactive(enabled):
        return nullcontext()
    from rich.console import Console

    return Console(stderr=True).status(message)


class _OutputError(Exception):
    """The report could not be written where --output said."""


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise _OutputError(f"cannot write {output}: {exc.strerror}") from None


Target = tuple[str, "Path | None"]


def targets(formats: Sequence[str], outputs: Sequence[Path]) -> list[Target]:
    """Where each format goes. ``FORMAT=FILE`` names its file; otherwise, when there are as many
    --output as --format, each format goes to the output in the same position; a format with
    no file goes to stdout (at most one)."""
    pairs: list[tuple[str, Path | None]] = []
    for given in formats or ["text"]:
        name, sep, file = given.partition("=")
        if name not in RENDERERS:
            raise click.UsageError(f"--format {given!r}: no such format; choose from {', '.join(sorted(RENDERERS))}")
        if sep and not file:
            raise click.UsageError(f"--format {given!r}: name the file after '='")
        pairs.append((name, Path(file) if sep else None))
    unpaired = [i for i, (_, out) in enumerate(pairs) if out is None]
    if outputs:
        if len(outputs) != len(unpaired) or len(unpaired) != len(pairs):
            raise click.UsageError("pair each --output with a --format (as many of each, in the same order), "
                                   "or write the file into the format: --format sarif=gate.sarif")
        pairs = [(name, out) for (name, _), out in zip(pairs, outputs, strict=True)]
    elif len(unpaired) > 1:
        raise click.UsageError("only one format can go to standard output: give the others a file, "
                               "as in --format sarif=gate.sarif")
    return pairs


def _deliver(result: ScanResult, to: Sequence[Target], threshold: str) -> None:
    """Render the result in each format to its file or stdout; with github, the job summary too."""
    for fmt, output in to:
        color = output is None and fmt == "text" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        width = shutil.get_terminal_size().columns if color else 120
        _emit(get_renderer(fmt, RenderOptions(color=color, width=width, fail_on=threshold)).render(result), output)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary and any(fmt == "github" for fmt, _ in to):
        text = get_renderer("markdown", RenderOptions(fail_on=threshold)).render(result)
        try:
            with open(summary, "a", encoding="utf-8") as fh:
                fh.write(text)
        except OSError as exc:
            raise _OutputError(f"cannot write the job summary {summary}: {exc.strerror}") from None


def _baselines(result: ScanResult, write_to: Path | None, read_from: Path | None) -> ScanResult:
    """Store the findings as a baseline, then leave out those a baseline holds."""
    if write_to is not None:
        count = baseline.write(result, write_to)
        click.echo(f"baseline: {_count(count, 'finding', 'findings')} written to {write_to}", err=True)
    if read_from is not None:
        result = baseline.apply(result, baseline.read(read_from), read_from)
        assert result.baseline is not None
        stale = result.baseline.stale
        click.echo(f"baseline {read_from}: {_count(result.baseline.known, 'known finding', 'known findings')} "
                   f"left out, {_count(len(stale), 'stale entry', 'stale entries')}", err=True)
        for entry in stale:
            click.echo(f"  stale: {entry.check} {entry.kind} {entry.id} (no longer found)", err=True)
    return result


@dataclass(frozen=True)
class RunOptions:
    """What scan and gate share: where the reports go, what fails, which OPA, caches and progress."""

    to: Sequence[Target] = (("text", None),)
    use_baseline: Path | None = None
    fail_on: str | None = None
    frameworks: Sequence[str] = ()
    opa_url: str | None = None
    opa_token: str | None = None
    opa_binary: str | None = None
    use_cache: bool = True
    show_progress: bool = True
    show_stats: bool = False

    def cache(self) -> Path | None:
        return default_cache_directory() if self.use_cache else None


def run_scan(path: Path, options: RunOptions, *, rev: str | None = None, as_of: date | None = None,
             write_baseline: Path | None = None) -> int:
    """``regent scan``: exit 0 when nothing reaches the threshold, 1 when something does."""

    o = options

    def work() -> int:
        bar, tick = _progress(o.show_progress)
        with bar:
            snapshot = load_snapshot(path, rev=rev, as_of=as_of, progress=tick, cache_dir=o.cache())
        # The organisation's policy folders are read from the work tree, whatever revision is scanned.
        policies = policy_set(Path(snapshot.repository), snapshot.config.policy_paths)
        loading = time.perf_counter()
        with _status(f"evaluating {snapshot.record_count:,} records on OPA", o.show_progress), \
                open_evaluator(policies, o.opa_url, o.opa_token, o.opa_binary) as evaluator:
            loaded = time.perf_counter() - loading
            result = scan(snapshot, policies, evaluator, o.frameworks or None, ResultCache(o.cache()))
        result = _baselines(result, write_baseline, o.use_baseline)
        threshold = o.fail_on or snapshot.config.fail_on or "high"
        _deliver(result, o.to, threshold)
        if o.show_stats:
            click.echo(timings(result.stats, policy_load_seconds=loaded), err=True)
        return EXIT_FINDINGS if result.breaches(threshold) else EXIT_OK

    return _guarded(work)


def run_gate(path: Path, options: RunOptions, *, base: str, head: str | None = None, full: bool = False,
             as_of: date | None = None) -> int:
    """``regent gate``: exit 1 when the request brings a finding at or above the threshold."""

    o = options

    def work() -> int:
        request = read_request(path, base, head)
        config = read_worktree_config(Path(request.repository))
        policies = policy_set(Path(request.repository), config.policy_paths)
        with _status(f"judging {_count(len(request.files), 'changed file', 'changed files')} on OPA",
                     o.show_progress), open_evaluator(policies, o.opa_url, o.opa_token, o.opa_binary) as evaluator:
            result = gate(request, policies, evaluator, scope="full" if full else "neighbourhood",
                          frameworks=o.frameworks or None, results=ResultCache(o.cache()), cache_dir=o.cache(),
                          now=end_of_day(as_of) if as_of else None)
        result = _baselines(result, None, o.use_baseline)
        threshold = o.fail_on or config.fail_on or "high"
        _deliver(result, o.to, threshold)
        if o.show_stats:
            click.echo(timings(result.stats), err=True)
        return EXIT_FINDINGS if result.breaches(threshold) else EXIT_OK

    return _guarded(work)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def run_validate(path: Path, *, rev: str | None = None, as_of: date | None = None) -> int:
    """``regent validate``: parse and schema errors only, no policies."""

    def work() -> int:
        snapshot = load_snapshot(path, rev=rev, as_of=as_of, history=False)
        for error in snapshot.errors:
            click.echo(f"{error.path}:{error.line}: {error.reason}")
        for note in snapshot.notes:
            click.echo(f"note: {note}", err=True)
        bad = len({e.path for e in snapshot.errors})
        click.echo(f"{snapshot.files} record files: {snapshot.record_count} valid records, {bad} files with errors",
                   err=True)
        return EXIT_FINDINGS if snapshot.errors else EXIT_OK

    return _guarded(work)


def _checks_of(path: Path, config: RepoConfig, opa_url: str | None, opa_token: str | None,
               opa_binary: str | None) -> tuple[PolicySet, dict[str, CheckInfo]]:
    """The policy set for the repository at ``path`` (built-ins plus its ``policy_paths``) and its checks."""
    policies = policy_set(path, config.policy_paths)
    with open_evaluator(policies, opa_url, opa_token, opa_binary) as evaluator:
        return policies, list_checks(evaluator)


def run_policies_list(path: Path, *, frameworks: Sequence[str] = (), severities: Sequence[str] = (),
                      fmt: str = "text", opa_url: str | None = None, opa_token: str | None = None,
                      opa_binary: str | None = None) -> int:
    """``regent policies list``: the checks, most severe first, filtered by framework and severity."""

    def work() -> int:
        policies, checks = _checks_of(path, read_worktree_config(path), opa_url, opa_token, opa_binary)
        chosen = [
            info for info in render_policies.sort_checks(checks.values())
            if (not severities or info.severity in severities)
            and (not frameworks or any(info.controls.get(fw) for fw in frameworks))
        ]
        if frameworks:
            chosen = [replace(info, controls={fw: ids for fw, ids in info.controls.items() if fw in frameworks})
                      for info in chosen]
        if fmt == "json":
            click.echo(render_policies.list_json(chosen), nl=False)
        else:
            click.echo(render_policies.list_text(chosen), nl=False)
        click.echo(f"{len(chosen)} of {len(checks)} checks · policy digest {policies.digest}", err=True)
        return EXIT_OK

    return _guarded(work)


def run_policies_show(path: Path, check_id: str, *, fmt: str = "text", opa_url: str | None = None,
                      opa_token: str | None = None, opa_binary: str | None = None) -> int:
    """``regent policies show``: one check in full, with the settings in force for the repository at ``path``."""

    def work() -> int:
        config = read_worktree_config(path)
        _, checks = _checks_of(path, config, opa_url, opa_token, opa_binary)
        info = checks.get(check_id) or checks.get(check_id.upper())
        if info is None:
            near = difflib.get_close_matches(check_id.upper(), list(checks), n=3)
            hint = f"; did you mean {' or '.join(near)}?" if near else "; `regent policies list` shows them all"
            return _fail(f"no check has the id {check_id!r}{hint}", EXIT_USAGE)
        settings = []
        for setting_path in info.config:
            described = schemas.setting(setting_path)
            settings.append({
                "path": setting_path,
                "value": setting_value(config, setting_path),
                "default": described[1] if described else None,
                "description": described[0] if described else "",
            })
        catalogs = load_catalogs()
        render = render_policies.show_json if fmt == "json" else render_policies.show_text
        click.echo(render(info, catalogs, settings), nl=False)
        return EXIT_OK

    return _guarded(work)


def run_policies_coverage(path: Path, *, frameworks: Sequence[str] = (), fmt: str = "text",
                          gaps_only: bool = False, opa_url: str | None = None, opa_token: str | None = None,
                          opa_binary: str | None = None) -> int:
    """``regent policies coverage``: each catalog control and the checks that test it, or none."""

    def work() -> int:
        _, checks = _checks_of(path, read_worktree_config(path), opa_url, opa_token, opa_binary)
        catalogs = load_catalogs()
        report = {fw: coverage(catalogs[fw], checks.values()) for fw in (frameworks or FRAMEWORKS)}
        if fmt == "json":
            click.echo(render_policies.coverage_json(report), nl=False)
        else:
            click.echo(render_policies.coverage_text(report, gaps_only), nl=False)
        return EXIT_OK

    return _guarded(work)


def run_policies_test(path: Path, *, min_coverage: float = 90.0, verbose: bool = False,
                      opa_binary: str | None = None) -> int:
    """``regent policies test``: ``opa test`` with coverage over the built-in and the organisation's policies.

    Exit 1 when a test fails or coverage is below ``min_coverage`` percent.
    """

    def work() -> int:
        config = read_worktree_config(path)
        policies = policy_set(path, config.policy_paths)
        binary = find_opa(opa_binary)
        # Non-test modules first: strict, and without network or non-deterministic built-ins.
        check_policies(binary, [f.path for f in policies.files])
        dirs = [str(BUILTIN_DIR), *(str(path / p) for p in config.policy_paths)]
        with _status("running the policy tests", True):
            run = subprocess.run([str(binary), "test", "--format", "json", *dirs], capture_output=True, text=True)
        try:
            results = json.loads(run.stdout)
            assert isinstance(results, list)
        except (ValueError, AssertionError):
            return _fail(f"opa test did not run:\n{run.stderr or run.stdout}", EXIT_ENGINE)
        failed = [r for r in results if r.get("fail") or r.get("error")]
        for r in results:
            if verbose or r in failed:
                verdict = "FAIL" if r.get("fail") else ("ERROR" if r.get("error") else "PASS")
                where = f"{r.get('location', {}).get('file', '')}:{r.get('location', {}).get('row', '')}"
                click.echo(f"{verdict:<5} {r.get('package', '')}.{r.get('name', '')}  ({where})")
                if r.get("error"):
                    click.echo(f"      {r['error'].get('message', r['error'])}")
        click.echo(f"{len(results) - len(failed)} of {len(results)} tests pass")
        if failed:
            return _fail(f"{len(failed)} policy tests fail", EXIT_FINDINGS)
        # OPA writes a coverage report only when every test passes.
        with _status("measuring coverage", True):
            cover = subprocess.run([str(binary), "test", "--coverage", "--format", "json", *dirs],
                                   capture_output=True, text=True)
        try:
            report = json.loads(cover.stdout)
        except ValueError:
            return _fail(f"opa test --coverage did not run:\n{cover.stderr or cover.stdout}", EXIT_ENGINE)
        total = float(report.get("coverage", 0.0))
        custom = {f: v.get("coverage", 0.0) for f, v in (report.get("files") or {}).items()
                  if not Path(f).resolve().is_relative_to(BUILTIN_DIR)}
        for file, percent in sorted(custom.items()):
            click.echo(f"  {percent:6.1f} %  {file}")
        click.echo(f"coverage {total:.1f} % of policy lines (minimum {min_coverage:g} %)")
        if total < min_coverage:
            return _fail(f"coverage {total:.1f} % is below the minimum {min_coverage:g} %", EXIT_FINDINGS)
        return EXIT_OK

    return _guarded(work)


def run_version(opa_binary: str | None) -> int:
    click.echo(f"regent {__version__}")
    try:
        binary = find_opa(opa_binary)
        click.echo(f"opa {opa_version(binary)} ({binary})")
    except EngineUnavailable as exc:
        click.echo(f"opa: not available: {exc}")
    try:
        click.echo(f"policies {policy_set(None, ()).digest}")
    except PolicyError as exc:
        click.echo(f"policies: {exc}")
    return EXIT_OK


def run_init(path: Path) -> int:
    """``regent init``: lay out an evidence repository, keeping every file already there."""
    from datetime import datetime, timezone

    from regent.evidence.authoring.layout import init_repository

    def work() -> int:
        workflow = Path(str(resources.files("regent") / "examples" / "ci" / "github" / "regent-gate.yml"))
        report = init_repository(path, now=datetime.now(timezone.utc), workflow=workflow)
        if report.git_initialised:
            click.echo(f"Initialised a git repository in {path}")
        for relpath in report.created:
            click.echo(f"  created  {relpath}")
        for relpath in report.kept:
            click.echo(f"  kept     {relpath} (already there, left as it was)")
        if report.examples_left_out:
            click.echo("  (no example records: the repository holds records already)")
        go = "" if path.resolve() == Path.cwd().resolve() else f"cd {path} && "
        click.echo("\nNext steps:\n"
                   "  1. Fill in people.yaml: your people, their roles and the e-mails they commit with.\n"
                   "     The example records (marked Example:) name its example people: edit them into\n"
                   "     real records or delete them.\n"
                   f"  2. {go}git add -A && git commit -m \"Start the evidence repository\"\n"
                   "  3. regent scan")
        return EXIT_OK

    return _guarded(work)


def run_import(path: Path, fmt: str, export: Path, *, kind: str | None = None, dry_run: bool = False,
               encoding: str | None = None, options: Mapping[str, Any] | None = None) -> int:
    """``regent import``: records from an export, written into the work tree; 1 when rows were rejected."""
    from regent.evidence.importers.apply import run_import as import_export
    from regent.evidence.importers.formats import importer

    def work() -> int:
        try:
            data = export.read_bytes()
        except OSError as exc:
            return _fail(f"{export}: {exc.strerror}", EXIT_USAGE)
        try:
            summary = import_export(path, importer(fmt), data, kind=kind, encoding=encoding, options=options,
                                    dry_run=dry_run)
        except EvidenceError as exc:
            return _fail(f"{export}: {exc}", EXIT_USAGE)
        would = "would be " if dry_run else ""
        for outcome in summary.outcomes:
            if outcome.action != "unchanged":
                click.echo(f"  {would}{outcome.action:<8} {outcome.path}")
        counts = ", ".join(f"{summary.count(a)} {'' if a == 'unchanged' else would}{a}"
                           for a in ("created", "updated", "unchanged"))
        reasons = "; ".join(dict.fromkeys(summary.skipped))
        skipped = f", {len(summary.skipped)} skipped ({reasons})" if summary.skipped else ""
        click.echo(f"{export.name}: {counts}, {len(summary.rejections)} rejected{skipped}"
                   + (" (dry run: nothing written)" if dry_run else ""))
        for rejection in summary.rejections:
            number = f" {rejection.number}" if rejection.number else ""
            click.echo(f"{export}:{rejection.line}: row {rejection.row}{number}: {rejection.reason}", err=True)
        for unreadable in summary.unreadable:
            click.echo(f"regent: {unreadable} could not be read: a record it holds may be imported twice", err=True)
        if summary.newcomers:
            click.echo("\nPeople the records name who are not in people.yaml (add them, with the e-mails they "
                       "commit with):")
            width = max(len(n.id) for n in summary.newcomers)
            named = max(len(n.name) for n in summary.newcomers)
            for newcomer in summary.newcomers:
                shown = ", ".join(newcomer.records[:3]) + (" …" if len(newcomer.records) > 3 else "")
                click.echo(f"  {newcomer.id:<{width}}  {newcomer.name:<{named}}  ({len(newcomer.records)} "
                           f"{'record' if len(newcomer.records) == 1 else 'records'}: {shown})")
        return EXIT_FINDINGS if summary.rejections else EXIT_OK

    return _guarded(work)


def run_new(path: Path, kind: str, pairs: Sequence[str], *, record_id: str | None) -> int:
    """``regent new``: a record from its kind's template, validated, then written; prints its path."""
    from datetime import datetime, timezone

    from regent.evidence.authoring.records import git_email, new_record, parse_fields

    def work() -> int:
        written = new_record(path, kind, parse_fields(kind, pairs), record_id=record_id,
                             now=datetime.now(timezone.utc), email=git_email(path))
        click.echo(written.path)
        return EXIT_OK

    return _guarded(work)


def run_evidence_add(path: Path, files: Sequence[Path], *, type_: str, subjects: Sequence[str], period: str | None,
                     result: str | None, collected_by: str | None, record_id: str | None) -> int:
    """``regent evidence add``: artifacts copied and hashed, their manifest written; prints the paths."""
    from datetime import datetime, timezone

    from regent.evidence.authoring.records import add_evidence, git_email

    def work() -> int:
        written = add_evidence(path, files, type_=type_, subjects=subjects, period=period, result=result,
                               collected_by=collected_by, record_id=record_id, now=datetime.now(timezone.utc),
                               email=git_email(path))
        click.echo(written.path)
        for artifact in written.artifacts:
            click.echo(f"  {artifact}")
        for note in written.notes:
            click.echo(f"regent: note: {note}", err=True)
        click.echo(f"Commit the manifest and its artifacts together: git add {written.path} "
                   f"{' '.join(written.artifacts)}", err=True)
        return EXIT_OK

    return _guarded(work)


def run_report(path: Path, month: str, months: int, fmt: str, output: Path | None, options: RunOptions) -> int:
    """``regent report``: the month's evidence report, from one as-of scan per month end."""
    from regent.engine.monthends import MonthEndCache
    from regent.engine.render.report import REPORT_FORMATS
    from regent.engine.report import build_report, month_ends

    o = options

    def work() -> int:
        try:
            ends = month_ends(month, max(months, 2))
        except ValueError:
            return _fail(f"--month {month!r} is not a month written YYYY-MM, such as 2026-10", EXIT_USAGE)
        scans: list[tuple[str, ScanResult | None]] = []
        snapshot = None
        reused = 0
        before_first: list[str] = []  # month ends before the first commit
        unread: list[tuple[str, str]] = []  # other month ends that could not be read, and why
        # One policy set for every month end: the one the evaluator holds (the work tree's policy folders).
        policies = policy_set(path, read_worktree_config(path).policy_paths)
        with open_evaluator(policies, o.opa_url, o.opa_token, o.opa_binary) as evaluator:
            kept = MonthEndCache(o.cache(), path, policies.digest, evaluator.opa_version(), o.frameworks)
            for n, end in enumerate(ends, 1):
                label = f"{end.year:04d}-{end.month:02d}"
                last = end == ends[-1]
                commit = kept.commit(end)
                if commit is None and not last:
                    scans.append((label, None))  # shown as not scanned in the trend
                    before_first.append(label)
                    continue
                # The report month needs its snapshot (the month's evidence) as well as its scan.
                earlier = kept.get(commit, end) if commit and not last else None
                if earlier is not None:
                    scans.append((label, earlier))
                    reused += 1
                    continue
                with _status(f"scanning the month end {end} ({n} of {len(ends)})", o.show_progress):
                    try:
                        snapshot = load_snapshot(path, as_of=end, cache_dir=o.cache())
                    except EvidenceError as exc:
                        if last:
                            raise
                        scans.append((label, None))
                        unread.append((label, str(exc)))
                        continue
                    judged = scan(snapshot, policies, evaluator, o.frameworks or None, ResultCache(o.cache()))
                    scans.append((label, judged))
                    if commit:
                        kept.put(commit, end, judged)
        if before_first:
            span = before_first[0] if len(before_first) == 1 else f"{before_first[0]} to {before_first[-1]}"
            click.echo(f"regent: {span}: no commit yet at the month's end; left out of the trend", err=True)
        for label, why in unread:
            click.echo(f"regent: {label}: {why}; left out of the trend", err=True)
        if reused:
            click.echo(f"regent: {reused} of {len(ends)} month ends read from earlier reports' scans "
                       "(same commits, policies, OPA and Regent)", err=True)
        result = scans[-1][1]
        assert snapshot is not None and result is not None
        command = " ".join(["regent report", f"--month {month}", f"--months {months}", f"--format {fmt}",
                            *(f"--framework {fw}" for fw in o.frameworks)])
        report = build_report(month, snapshot, result, scans[-2][1], scans[-months:], command)
        _emit(REPORT_FORMATS[fmt](report), output)
        return EXIT_OK

    return _guarded(work)


# -- click -----------------------------------------------------------------------

_path_argument = click.argument(
    "path", type=click.Path(exists=True, file_okay=False, path_type=Path), default=".", required=False
)
_rev_option = click.option("--rev", metavar="REV", help="Scan this commit (a branch, tag or sha) instead of the work tree.")


class _Day(click.ParamType):
    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"{value!r} is not a date written YYYY-MM-DD, such as 2026-10-31", param, ctx)


_as_of_option = click.option(
    "--as-of", "as_of", type=_Day(), metavar="YYYY-MM-DD",
    help="Scan the repository as it was at the end of this day (UTC): the last commit on HEAD's first-parent "
         "history by then, judged with that day's end as 'now'.",
)


def _opa_options(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option("--opa-binary", metavar="PATH", envvar="REGENT_OPA",
                        help="The opa binary for the private server (default: the project's pinned OPA, then PATH).")(func)
    func = click.option("--opa-token", metavar="TOKEN", envvar="REGENT_OPA_TOKEN",
                        help="Bearer token for --opa-url (or $REGENT_OPA_TOKEN).")(func)
    func = click.option("--opa-url", metavar="URL", envvar="REGENT_OPA_URL",
                        help="Use this OPA service instead of starting a private one.")(func)
    return func


def _revision(rev: str | None, as_of: date | None) -> date | None:
    if rev and as_of:
        raise click.UsageError("--rev and --as-of name the revision twice: give one of them")
    return as_of


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="regent")
def main() -> None:
    """Regent checks the governance records kept in a git repository against CobiT,
    ISO/IEC 20000 and ISO/IEC 17799/27002 controls written as Rego policies, and
    reports audit findings.

    \b
    Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it,
    2 usage or configuration error, 3 the policy engine could not run.
    """


def _output_options(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option("--output", "-o", "outputs", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
                        help="Write the report to FILE; with several --format, one --output for each, in order.")(func)
    func = click.option("--format", "formats", multiple=True, metavar="FORMAT[=FILE]",
                        help=f"Output format: {', '.join(sorted(RENDERERS))} [default: text]. Repeat it for several "
                             "at once, each to its file: --format sarif=gate.sarif --format junit=gate.xml "
                             "--format github (the one without a file goes to stdout).")(func)
    return func


_fail_on_option = click.option(
    "--fail-on", type=click.Choice([*SEVERITIES, "never"]), default=None,
    help="Exit 1 when an unwaived finding is at or above this severity [default: fail_on in regent.yaml, else high].")
_framework_option = click.option(
    "--framework", "frameworks", multiple=True, type=click.Choice(FRAMEWORKS),
    help="Report only these frameworks' controls (repeatable) [default: frameworks in regent.yaml, else all].")
_baseline_option = click.option(
    "--baseline", "use_baseline", type=click.Path(dir_okay=False, exists=True, path_type=Path), metavar="FILE",
    help="Report only findings this baseline does not hold, and list its stale entries.")
_cache_option = click.option("--no-cache", is_flag=True,
                             help="Parse and evaluate everything again instead of reusing parsed records and earlier answers.")
_stats_option = click.option("--stats", is_flag=True, help="Print where the time went to stderr.")


def _options(formats: Sequence[str], outputs: Sequence[Path], use_baseline: Path | None, fail_on: str | None,
             frameworks: Sequence[str], no_cache: bool, stats: bool, opa_url: str | None, opa_token: str | None,
             opa_binary: str | None) -> RunOptions:
    return RunOptions(to=targets(formats, outputs), use_baseline=use_baseline, fail_on=fail_on, frameworks=frameworks,
                      opa_url=opa_url, opa_token=opa_token, opa_binary=opa_binary, use_cache=not no_cache,
                      show_stats=stats)


@main.command("scan")
@_path_argument
@_rev_option
@_as_of_option
@_output_options
@_fail_on_option
@_framework_option
@click.option("--write-baseline", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Store this scan's open findings in FILE, keyed by check, record kind and id, for --baseline.")
@_baseline_option
@_cache_option
@_stats_option
@_opa_options
def scan_cmd(path: Path, rev: str | None, as_of: date | None, formats: tuple[str, ...], outputs: tuple[Path, ...],
             fail_on: str | None, frameworks: tuple[str, ...], write_baseline: Path | None,
             use_baseline: Path | None, no_cache: bool, stats: bool, opa_url: str | None,
             opa_token: str | None, opa_binary: str | None) -> None:
    """Scan the evidence repository at PATH (default: here) and report findings."""
    day = _revision(rev, as_of)
    options = _options(formats, outputs, use_baseline, fail_on, frameworks, no_cache, stats, opa_url, opa_token,
                       opa_binary)
    sys.exit(run_scan(path, options, rev=rev, as_of=day, write_baseline=write_baseline))


@main.command("gate")
@_path_argument
@click.option("--base", required=True, metavar="REV",
              help="What the request merges into, such as origin/main. Judged from its merge base with the head.")
@click.option("--head", metavar="REV",
              help="The request's head commit [default: the work tree, as a pre-commit hook sees it].")
@click.option("--full", is_flag=True,
              help="Evaluate every record at the head and at the merge base (exact, as slow as two scans) instead "
                   "of the changed records and those within two references of them.")
@click.option("--as-of", "as_of", type=_Day(), metavar="YYYY-MM-DD",
              help="Judge the request with the end of this day (UTC) as 'now', as scan --as-of does [default: the "
                   "moment the gate starts]. The revisions judged are still --base and --head.")
@_output_options
@_fail_on_option
@_framework_option
@_baseline_option
@_cache_option
@_stats_option
@_opa_options
def gate_cmd(path: Path, base: str, head: str | None, full: bool, as_of: date | None, formats: tuple[str, ...],
             outputs: tuple[Path, ...], fail_on: str | None, frameworks: tuple[str, ...], use_baseline: Path | None,
             no_cache: bool, stats: bool, opa_url: str | None, opa_token: str | None, opa_binary: str | None) -> None:
    """Judge a change request before it merges: the records it adds or edits, how it edits them
    (lifecycle steps, approved plans, closed records, evidence), and what it breaks elsewhere.

    \b
    Reports the findings on the files the request changed, and the findings at the head
    that its merge base did not have. Examples:
      regent gate --base origin/main                    # this branch's work tree
      regent gate --base origin/main --head HEAD --format github
      regent gate --base main --format sarif=gate.sarif --format junit=gate.xml --format github
    """
    options = _options(formats, outputs, use_baseline, fail_on, frameworks, no_cache, stats, opa_url, opa_token,
                       opa_binary)
    sys.exit(run_gate(path, options, base=base, head=head, full=full, as_of=as_of))


@main.command("validate")
@_path_argument
@_rev_option
@_as_of_option
def validate_cmd(path: Path, rev: str | None, as_of: date | None) -> None:
    """Report records that cannot be read or do not match their schema (no policies run)."""
    sys.exit(run_validate(path, rev=rev, as_of=_revision(rev, as_of)))


@main.group("policies")
def policies_group() -> None:
    """Inspect and test the checks: list, show, coverage of each framework, and the Rego tests."""


_repo_option = click.option(
    "--repo", "-C", "repo", type=click.Path(exists=True, file_okay=False, path_type=Path), default=".",
    show_default=True, help="Evidence repository whose regent.yaml adds policy folders and sets thresholds.")


@policies_group.command("list")
@_repo_option
@click.option("--framework", "frameworks", multiple=True, type=click.Choice(FRAMEWORKS),
              help="Only checks mapped to this framework (repeatable); show only its controls.")
@click.option("--severity", "severities", multiple=True, type=click.Choice(SEVERITIES),
              help="Only checks of this severity (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_opa_options
def policies_list_cmd(repo: Path, frameworks: tuple[str, ...], severities: tuple[str, ...], fmt: str,
                      opa_url: str | None, opa_token: str | None, opa_binary: str | None) -> None:
    """List the checks, most severe first, with the controls each one tests."""
    sys.exit(run_policies_list(repo, frameworks=frameworks, severities=severities, fmt=fmt, opa_url=opa_url,
                               opa_token=opa_token, opa_binary=opa_binary))


@policies_group.command("show")
@click.argument("check_id")
@_repo_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_opa_options
def policies_show_cmd(check_id: str, repo: Path, fmt: str, opa_url: str | None, opa_token: str | None,
                      opa_binary: str | None) -> None:
    """Show one check: what it tests, its controls in every framework, its settings and a record it flags."""
    sys.exit(run_policies_show(repo, check_id, fmt=fmt, opa_url=opa_url, opa_token=opa_token,
                               opa_binary=opa_binary))


@policies_group.command("coverage")
@_repo_option
@click.option("--framework", "frameworks", multiple=True, type=click.Choice(FRAMEWORKS),
              help="Only this framework's catalog (repeatable) [default: all five].")
@click.option("--gaps", "gaps_only", is_flag=True, help="List only the controls no check tests.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_opa_options
def policies_coverage_cmd(repo: Path, frameworks: tuple[str, ...], gaps_only: bool, fmt: str,
                          opa_url: str | None, opa_token: str | None, opa_binary: str | None) -> None:
    """Show, for each control of each framework's catalog, which checks test it or that none does."""
    sys.exit(run_policies_coverage(repo, frameworks=frameworks, fmt=fmt, gaps_only=gaps_only, opa_url=opa_url,
                                   opa_token=opa_token, opa_binary=opa_binary))


@policies_group.command("test")
@_repo_option
@click.option("--min-coverage", type=click.FloatRange(0, 100), default=90.0, show_default=True,
              help="Fail when the tests cover less than this percentage of policy lines.")
@click.option("--verbose", "-v", is_flag=True, help="List every test, not only the failing ones.")
@click.option("--opa-binary", metavar="PATH", envvar="REGENT_OPA", help="The opa binary to run the tests with.")
def policies_test_cmd(repo: Path, min_coverage: float, verbose: bool, opa_binary: str | None) -> None:
    """Run the Rego tests of the built-in checks and of the repository's own policy folders, with coverage."""
    sys.exit(run_policies_test(repo, min_coverage=min_coverage, verbose=verbose, opa_binary=opa_binary))


@main.command("init")
@click.argument("path", metavar="[DIR]", type=click.Path(file_okay=False, path_type=Path), default=".", required=False)
def init_cmd(path: Path) -> None:
    """Lay out a new evidence repository in DIR: folders, regent.yaml, people.yaml, example records, CI gate.

    \b
    Existing files are never overwritten; runs git init unless DIR is already in a git work tree.
    """
    sys.exit(run_init(path))


@main.command("report")
@_path_argument
@click.option("--month", required=True, metavar="YYYY-MM", help="The month to report on, e.g. 2026-10.")
@click.option("--months", type=click.IntRange(1, 60), default=12, show_default=True,
              help="Month ends in the trend, the report month the last.")
@click.option("--format", "fmt", type=click.Choice(["html", "markdown", "json", "csv", "oscal"]), default="markdown",
              show_default=True, help="html (one self-contained file, printable) or markdown for people; json with "
              "every figure; csv with a row per finding; oscal, a NIST OSCAL 1.2 assessment-results document.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE, not stdout.")
@_framework_option
@_cache_option
@_opa_options
def report_cmd(path: Path, month: str, months: int, fmt: str, output: Path | None, frameworks: tuple[str, ...],
               no_cache: bool, opa_url: str | None, opa_token: str | None, opa_binary: str | None) -> None:
    """The monthly evidence report of the repository at PATH, as of the end of --month.

    \b
    For each framework, every control's status (held, failed, not tested, partly waived) with the
    checks and findings behind it; the evidence collected in the month, whether its artifacts
    verify, and the periodic evidence missing; the findings new and resolved since the previous
    month end; waivers expired or expiring within 30 days; a trend over --months month ends; and
    what is needed to produce the same report again. Each month end is an as-of scan.
    """
    options = _options((), (), None, None, frameworks, no_cache, False, opa_url, opa_token, opa_binary)
    sys.exit(run_report(path, month, months, fmt, output, options))


@main.command("new")
@click.argument("kind", metavar="KIND", type=click.Choice(schemas.record_kinds()))
@click.argument("fields", nargs=-1, metavar="[FIELD=VALUE]...")
@click.option("--id", "record_id", metavar="ID", help="The record's id [default: the next free one in the "
                                                      "repository's numbering style].")
@click.option("--repo", "-C", "path", type=click.Path(exists=True, file_okay=False, path_type=Path), default=".",
              help="The evidence repository [default: the current folder].")
def new_cmd(kind: str, fields: tuple[str, ...], record_id: str | None, path: Path) -> None:
    """Write a new KIND record and print its path.

    \b
    The record starts from the kind's template: the next free id, the current time where the kind
    needs one (created, opened, collected_at) and, for person fields such as requested_by or owner,
    the person in people.yaml with git's user.email. FIELD=VALUE pairs set or override fields: a
    dotted FIELD fills a nested one, list fields take comma-separated values. Examples:

    \b
      regent new change title="Rotate the TLS certificate" risk=low configuration_items=CI-001
      regent new incident title="Checkout errors" priority=P2 services=SVC-001

    The record is checked against its kind's schema before it is written; nothing is written when a
    required field is missing.
    """
    sys.exit(run_new(path, kind, fields, record_id=record_id))


@main.group("evidence")
def evidence_group() -> None:
    """Record collected evidence."""


@evidence_group.command("add")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--type", "type_", required=True, metavar="TYPE",
              help="What the evidence is: access_review, backup_restore_test, continuity_test, "
                   "vulnerability_scan, capacity_review, test_report, ...")
@click.option("--subject", "subjects", multiple=True, required=True, metavar="ID",
              help="A record (CI, service, change, ...) the evidence covers; repeatable.")
@click.option("--period", metavar="PERIOD", help="The period it covers: YYYY-MM or YYYY-Qn.")
@click.option("--result", type=click.Choice(["pass", "fail"]), help="The outcome it shows.")
@click.option("--collected-by", metavar="PERSON",
              help="Who collected it: a person's id, e-mail or name [default: the person with git's user.email].")
@click.option("--id", "record_id", metavar="ID", help="The manifest's id [default: the next free one].")
@click.option("--repo", "-C", "path", type=click.Path(exists=True, file_okay=False, path_type=Path), default=".",
              help="The evidence repository [default: the current folder].")
def evidence_add_cmd(files: tuple[Path, ...], type_: str, subjects: tuple[str, ...], period: str | None,
                     result: str | None, collected_by: str | None, record_id: str | None, path: Path) -> None:
    """Copy FILE... under evidence/artifacts/, hash them, and write their evidence manifest.

    Evidence is append-only: an existing artifact or manifest is never replaced (choose another
    name or id). Files already under evidence/artifacts/ are referenced where they are.
    """
    sys.exit(run_evidence_add(path, files, type_=type_, subjects=subjects, period=period, result=result,
                              collected_by=collected_by, record_id=record_id))


def _pairs(items: Sequence[str], option: str, shape: str) -> dict[str, str]:
    pairs = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise click.BadParameter(f"{item!r} is not {shape}", param_hint=option)
        pairs[key.strip()] = value.strip()
    return pairs


@main.command("import")
@click.argument("fmt", metavar="FORMAT", type=click.Choice(list(IMPORT_FORMATS)))
@click.argument("export", metavar="FILE", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--repo", "-C", "path", type=click.Path(exists=True, file_okay=False, path_type=Path), default=".",
              help="The evidence repository to import into [default: the current folder].")
@click.option("--kind", type=click.Choice(schemas.record_kinds()), metavar="KIND",
              help=f"The kind of record the rows are: {', '.join(schemas.record_kinds())} "
                   "[default: from the export, where it says].")
@click.option("--dry-run", is_flag=True, help="Say what would be created and updated; write nothing.")
@click.option("--encoding", metavar="NAME", help="The export's text encoding, e.g. cp1252 [default: UTF-8, "
                                                   "rejecting rows that are not].")
@click.option("--map", "columns", multiple=True, metavar="FIELD=COLUMN",
              help="csv: fill record FIELD (dotted for nested ones) from COLUMN; repeatable.")
@click.option("--set", "constants", multiple=True, metavar="FIELD=VALUE",
              help="csv: set FIELD to VALUE on every record (e.g. --set type=normal); repeatable.")
@click.option("--mapping", metavar="NAME", help="csv: the column mapping import.mappings.NAME of regent.yaml.")
@click.option("--delimiter", metavar="CHAR", help="csv, servicenow: the column separator [default: ,].")
@click.option("--date-format", metavar="FORMAT", help="csv, servicenow: strptime format of the dates and times "
                                                      "when they are not ISO 8601, e.g. '%d/%m/%Y %H:%M'.")
def import_cmd(fmt: str, export: Path, path: Path, kind: str | None, dry_run: bool, encoding: str | None,
               columns: tuple[str, ...], constants: tuple[str, ...], mapping: str | None, delimiter: str | None,
               date_format: str | None) -> None:
    """Turn an export from an ITSM tool into records in the evidence repository.

    \b
    FORMAT is one of:
      servicenow     table exports (JSON or CSV) of change_request, incident, problem, cmdb_ci,
                     sysapproval_approver (added to the changes' approvals);
                     codes mapped by import.servicenow in regent.yaml
      bpic2014       BPI Challenge 2014 detail CSVs (change or incident)
      uci-incidents  the UCI incident management event log (the last event of each incident wins)
      csv            any CSV, with --map FIELD=COLUMN or --mapping NAME

    \b
    Importing is idempotent: the same export again changes nothing; an updated export updates the
    records it names and deletes nothing. Each rejected row is reported with its line and reason while
    the rest imports. Exit codes: 0 every row imported, 1 some rows rejected, 2 the file cannot be read.
    Review the changes with git diff and commit them.
    """
    options = {"columns": _pairs(columns, "--map", "FIELD=COLUMN"), "constants": _pairs(constants, "--set", "FIELD=VALUE"),
               "mapping": mapping, "delimiter": delimiter, "date_format": date_format}
    sys.exit(run_import(path, fmt, export, kind=kind, dry_run=dry_run, encoding=encoding,
                        options={k: v for k, v in options.items() if v}))


@main.command("version")
@click.option("--opa-binary", metavar="PATH", envvar="REGENT_OPA", help="The opa binary to report on.")
def version_cmd(opa_binary: str | None) -> None:
    """Print the versions of Regent and OPA and the policy digest."""
    sys.exit(run_version(opa_binary))


if __name__ == "__main__":
    main()
