"""The ``regent`` command line: options parsed into typed values, handed to the functions of
:mod:`regent.commands`, whose exit code is the process's. The only module that knows click."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any, Callable, cast

import click

from regent.commands import errors, evidence, gate, import_, init, new, outputs, policies, report, scan, validate
from regent.commands import attest, helptext, verify, version
from regent.commands.options import RunOptions
from regent.engine import __version__
from regent.engine.model import SEVERITIES
from regent.engine.render.formats import report_formats
from regent.engine.session import OpaOptions
from regent.evidence import schemas
from regent.evidence.config import FRAMEWORKS
from regent.evidence.importers.formats import FORMATS as IMPORT_FORMATS

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]
Kw = dict[str, Any]


def _day(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    try:
        return None if value is None else date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date written YYYY-MM-DD, such as 2026-10-31", ctx, param) from None


def _pairs(ctx: click.Context, param: click.Parameter, items: tuple[str, ...]) -> dict[str, str]:
    """``FIELD=VALUE`` options (the shape their metavar shows) as a mapping."""
    pairs = {item: [part.strip() for part in item.partition("=")] for item in items}
    if bad := [item for item, (key, sep, value) in pairs.items() if not (sep and key and value)]:
        raise click.BadParameter(f"{bad[0]!r} is not {param.metavar}", param_hint=param.opts[0])
    return {key: value for key, _, value in pairs.values()}


_DIR, _FILE = click.Path(exists=True, file_okay=False, path_type=Path), click.Path(dir_okay=False, path_type=Path)
_FILES = click.Path(exists=True, dir_okay=False, path_type=Path)


def _opt(key: str, *decls: str, **kw: Any) -> tuple[str, Decorator]:
    return key, click.option(*decls, help=helptext.OPTIONS.get(key), **kw)


_O: dict[str, Decorator] = dict([  # every argument and option, by the name commands list them with
    ("path", click.argument("path", type=_DIR, default=".", required=False)),
    ("dir", click.argument("path", metavar="[DIR]", type=click.Path(file_okay=False, path_type=Path), default=".",
                           required=False)),
    ("check_id", click.argument("check_id")),
    ("kind_arg", click.argument("kind", metavar="KIND", type=click.Choice(schemas.record_kinds()))),
    ("fields", click.argument("fields", nargs=-1, metavar="[FIELD=VALUE]...")),
    ("files", click.argument("files", nargs=-1, required=True, type=_FILES)),
    ("import_format", click.argument("fmt", metavar="FORMAT", type=click.Choice(list(IMPORT_FORMATS)))),
    ("export", click.argument("export", metavar="FILE", type=_FILES)),
    _opt("rev", "--rev", metavar="REV"),
    _opt("as_of", "--as-of", "as_of", callback=_day, metavar="YYYY-MM-DD"),
    _opt("format", "--format", "formats", multiple=True, metavar="FORMAT[=FILE]"),
    _opt("output", "--output", "-o", "outputs", multiple=True, type=_FILE),
    _opt("fail_on", "--fail-on", type=click.Choice([*SEVERITIES, "never"]), default=None),
    _opt("framework", "--framework", "frameworks", multiple=True, type=click.Choice(FRAMEWORKS)),
    _opt("write_baseline", "--write-baseline", type=_FILE, metavar="FILE"),
    _opt("baseline", "--baseline", "use_baseline", type=_FILES, metavar="FILE"),
    _opt("no_cache", "--no-cache", is_flag=True),
    _opt("stats", "--stats", is_flag=True),
    _opt("by", "--by", type=click.Choice(["service", "process", "objective"])),
    _opt("opa_url", "--opa-url", metavar="URL", envvar="REGENT_OPA_URL"),
    _opt("opa_token", "--opa-token", metavar="TOKEN", envvar="REGENT_OPA_TOKEN"),
    _opt("opa_binary", "--opa-binary", metavar="PATH", envvar="REGENT_OPA"),
    _opt("base", "--base", required=True, metavar="REV"),
    _opt("head", "--head", metavar="REV"),
    _opt("full", "--full", is_flag=True),
    _opt("gate_as_of", "--as-of", "as_of", callback=_day, metavar="YYYY-MM-DD"),
    _opt("repo", "--repo", "-C", "path", type=_DIR, default=".", show_default=True),
    _opt("checks_of", "--framework", "frameworks", multiple=True, type=click.Choice(FRAMEWORKS)),
    _opt("severity", "--severity", "severities", multiple=True, type=click.Choice(SEVERITIES)),
    _opt("catalog", "--framework", "frameworks", multiple=True, type=click.Choice(FRAMEWORKS)),
    _opt("gaps", "--gaps", "gaps_only", is_flag=True),
    _opt("text_json", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True),
    _opt("min_coverage", "--min-coverage", type=click.FloatRange(0, 100), default=90.0, show_default=True),
    _opt("verbose", "--verbose", "-v", is_flag=True),
    _opt("test_opa", "--opa-binary", "opa_binary", metavar="PATH", envvar="REGENT_OPA"),
    _opt("month", "--month", required=True, metavar="YYYY-MM"),
    _opt("months", "--months", type=click.IntRange(1, 60), default=12, show_default=True),
    _opt("report_format", "--format", "fmt", type=click.Choice(report_formats()), default="markdown",
         show_default=True),
    _opt("report_output", "--output", "-o", type=_FILE),
    _opt("record_id", "--id", "record_id", metavar="ID"),
    _opt("worktree", "--repo", "-C", "path", type=_DIR, default="."),
    _opt("type", "--type", "type_", required=True, metavar="TYPE"),
    _opt("subject", "--subject", "subjects", multiple=True, required=True, metavar="ID"),
    _opt("period", "--period", metavar="PERIOD"),
    _opt("result", "--result", type=click.Choice(["pass", "fail"])),
    _opt("collected_by", "--collected-by", metavar="PERSON"),
    _opt("manifest_id", "--id", "record_id", metavar="ID"),
    _opt("import_repo", "--repo", "-C", "path", type=_DIR, default="."),
    _opt("kind", "--kind", type=click.Choice(schemas.record_kinds()), metavar="KIND"),
    _opt("dry_run", "--dry-run", is_flag=True),
    _opt("encoding", "--encoding", metavar="NAME"),
    _opt("map", "--map", "columns", multiple=True, metavar="FIELD=COLUMN", callback=_pairs),
    _opt("set", "--set", "constants", multiple=True, metavar="FIELD=VALUE", callback=_pairs),
    _opt("mapping", "--mapping", metavar="NAME"),
    _opt("delimiter", "--delimiter", metavar="CHAR"),
    _opt("date_format", "--date-format", metavar="FORMAT"),
    _opt("version_opa", "--opa-binary", metavar="PATH", envvar="REGENT_OPA"),
    _opt("key", "--key", required=True, type=_FILES, metavar="KEY"),
    ("attestation", click.argument("attestation", type=_FILES)),
    _opt("allowed_signers", "--allowed-signers", type=_FILES, metavar="FILE"),
    _opt("offline", "--offline", is_flag=True),
])
_RUN = ("format", "output", "fail_on", "framework")
_OPA = ("opa_url", "opa_token", "opa_binary")


def _command(group: click.Group, name: str, run: Callable[..., int], *names: str, **build: Callable[[Kw], Any]) -> None:
    """``group name``: the arguments and options ``names`` of the table, in order, handed to ``run`` as keywords,
    with each of ``build`` made from some of them (``opa=_opa``: one OpaOptions of three options); its exit code
    is the process's. The help is ``run``'s docstring."""
    def command(**kwargs: Any) -> None:
        sys.exit(run(**{key: make(kwargs) for key, make in build.items()}, **kwargs))
    for key in reversed(names):
        command = _O[key](command)
    group.command(name, help=run.__doc__)(command)


def _opa(kw: Kw) -> OpaOptions:
    return OpaOptions(kw.pop("opa_url", None), kw.pop("opa_token", None), kw.pop("opa_binary", None))


def _run(kw: Kw) -> RunOptions:
    try:
        to = outputs.targets(kw.pop("formats"), kw.pop("outputs"))
    except errors.UsageError as exc:
        raise click.UsageError(str(exc)) from None
    return RunOptions(to=to, use_baseline=kw.pop("use_baseline"), fail_on=kw.pop("fail_on"), opa=_opa(kw),
                      frameworks=kw.pop("frameworks"), use_cache=not kw.pop("no_cache"), show_stats=kw.pop("stats"),
                      by=kw.pop("by", None))


def _report(kw: Kw) -> report.ReportOptions:
    return report.ReportOptions(kw.pop("month"), kw.pop("months"), kw.pop("fmt"), kw.pop("output"),
                                kw.pop("frameworks"), _opa(kw), use_cache=not kw.pop("no_cache"))


def _attest(kw: Kw) -> attest.AttestOptions:
    return attest.AttestOptions(kw.pop("key"), kw.pop("output"), kw.pop("frameworks"), _opa(kw),
                                use_cache=not kw.pop("no_cache"))


def _verify(kw: Kw) -> verify.VerifyOptions:
    return verify.VerifyOptions(kw.pop("allowed_signers"), kw.pop("offline"), _opa(kw),
                                use_cache=not kw.pop("no_cache"))


def _new_evidence(kw: Kw) -> evidence.NewEvidence:
    return evidence.NewEvidence(*(kw.pop(k) for k in ("files", "type_", "subjects", "period", "result",
                                                      "collected_by", "record_id")))


def _import(kw: Kw) -> import_.ImportOptions:
    settings = {k: v for k in ("columns", "constants", "mapping", "delimiter", "date_format") if (v := kw.pop(k))}
    return import_.ImportOptions(kw.pop("fmt"), kw.pop("export"), kw.pop("kind"), kw.pop("dry_run"),
                                 kw.pop("encoding"), settings)


def _revision(kw: Kw) -> date | None:
    if kw["rev"] and kw["as_of"]:
        raise click.UsageError("--rev and --as-of name the revision twice: give one of them")
    return cast("date | None", kw.pop("as_of"))


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="regent")
@click.option("--debug", is_flag=True, help=helptext.OPTIONS["debug"])
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Regent checks the governance records kept in a git repository against CobiT,
    ISO/IEC 20000 and ISO/IEC 17799/27002 controls written as Rego policies, and
    reports audit findings.

    \b
    Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it,
    2 usage or configuration error, 3 the policy engine could not run,
    4 Regent itself failed (an internal error: please report it).
    """
    ctx.with_resource(errors.debugging(debug))
    ctx.with_resource(errors.stopping_cleanly())


main.add_command(_policies := click.Group("policies", help="Inspect and test the checks: list, show, coverage of each "
                                          "framework, and the Rego tests."))
main.add_command(_evidence := click.Group("evidence", help="Record collected evidence."))
_command(main, "scan", scan.run_scan, "path", "rev", "as_of", *_RUN, "write_baseline", "baseline", "no_cache", "stats",
         "by", *_OPA, as_of=_revision, options=_run)
_command(main, "gate", gate.run_gate, "path", "base", "head", "full", "gate_as_of", *_RUN, "baseline", "no_cache", "stats", *_OPA,
         options=_run)
_command(main, "validate", validate.run_validate, "path", "rev", "as_of", as_of=_revision)
_command(_policies, "list", policies.run_policies_list, "repo", "checks_of", "severity", "text_json", *_OPA, opa=_opa)
_command(_policies, "show", policies.run_policies_show, "check_id", "repo", "text_json", *_OPA, opa=_opa)
_command(_policies, "coverage", policies.run_policies_coverage, "repo", "catalog", "gaps", "text_json", *_OPA, opa=_opa)
_command(_policies, "test", policies.run_policies_test, "repo", "min_coverage", "verbose", "test_opa", opa=_opa)
_command(main, "init", init.run_init, "dir")
_command(main, "report", report.run_report, "path", "month", "months", "report_format", "report_output", "framework",
         "no_cache", *_OPA, options=_report)
_command(main, "new", new.run_new, "kind_arg", "fields", "record_id", "worktree")
_command(_evidence, "add", evidence.run_evidence_add, "files", "type", "subject", "period", "result", "collected_by",
         "manifest_id", "worktree", evidence=_new_evidence)
_command(main, "import", import_.run_import, "import_format", "export", "import_repo", "kind", "dry_run", "encoding",
         "map", "set", "mapping", "delimiter", "date_format", options=_import)
_command(main, "version", version.run_version, "version_opa", opa=_opa)
_command(main, "attest", attest.run_attest, "path", "rev", "as_of", "key", "report_output", "framework", "no_cache",
         *_OPA, as_of=_revision, options=_attest)
_command(main, "verify", verify.run_verify, "attestation", "path", "allowed_signers", "offline", "no_cache", *_OPA,
         options=_verify)
