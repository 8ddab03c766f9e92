"""``regent init``: the folders, configuration, people and example records of a new evidence repository.

Nothing that is already there is overwritten. The example records are dated
relative to the moment of ``init`` and chosen so that a scan of the repository,
committed as it was laid out, reports nothing.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path, PurePosixPath
from typing import Any, Iterator, Mapping

import yaml

from regent.evidence import schemas
from regent.evidence.authoring.files import UnsafePath, make_folder, write_new
from regent.evidence.authoring.store import FOLDERS, dump, file_name
from regent.evidence.config import DEFAULT_EXCLUDE, RepoConfig
from regent.evidence.errors import EvidenceError
from regent.evidence.config import CONFIG_FILE, PEOPLE_FILE

ARTIFACTS = "evidence/artifacts"
WORKFLOW = ".github/workflows/regent-gate.yml"


class InitError(EvidenceError):
    """The target cannot be laid out: a file in the way of a folder, or git that will not run."""


@dataclass(frozen=True)
class InitReport:
    """What ``init`` did: files it created, files it found and left alone, and whether it ran ``git init``."""

    created: tuple[str, ...]
    kept: tuple[str, ...]
    git_initialised: bool
    examples_left_out: bool = False


def init_repository(target: Path, *, now: datetime, workflow: Path | None) -> InitReport:
    """Lay out an evidence repository at ``target`` (created when missing), never overwriting a file."""
    if target.exists() and not target.is_dir():
        raise InitError(f"{target}: exists and is not a folder")
    folders = sorted({*FOLDERS.values(), ARTIFACTS})
    # Examples belong in a new repository: one that holds records already keeps only its own.
    holds_records = _holds_records(target, folders)
    target.mkdir(parents=True, exist_ok=True)
    for folder in folders:
        path = target / folder
        if path.exists() and not path.is_dir():
            raise InitError(f"{path}: exists and is not a folder, where regent init lays out {folder}/")
    for folder in folders:
        make_folder(target, PurePosixPath(folder).parts, f"{folder}/")

    files: dict[str, bytes] = {
        PEOPLE_FILE: people_yaml().encode(),
        CONFIG_FILE: config_yaml().encode(),
        **({} if holds_records else example_files(now)),
    }
    if workflow is not None and workflow.is_file():
        files[WORKFLOW] = workflow.read_bytes()
    created, kept = [], []
    for relpath, content in files.items():
        if _write_new(target, relpath, content):
            created.append(relpath)
        else:
            kept.append(relpath)
    return InitReport(tuple(created), tuple(kept), _git_init(target), holds_records)


def _holds_records(target: Path, folders: list[str]) -> bool:
    """Whether a record-like file (YAML or JSON) is already in one of the record folders."""
    return any(path.suffix.lower() in (".yaml", ".yml", ".json") and ARTIFACTS not in path.as_posix()
               for folder in folders if (target / folder).is_dir() for path in (target / folder).rglob("*"))


def _write_new(target: Path, relpath: str, content: bytes) -> bool:
    """Write a file that is not there yet; False, leaving it untouched, when something already is."""
    try:
        return write_new(target, relpath, content)
    except UnsafePath:
        raise
    except OSError as exc:
        raise InitError(f"{target / relpath}: cannot write: {exc.strerror or exc}") from exc


# -- git --------------------------------------------------------------------------


def _git(target: Path, *args: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(["git", *args], cwd=target, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise InitError(f"{target}: cannot run git: {exc.strerror or exc}") from exc


def _git_init(target: Path) -> bool:
    """``git init`` unless ``target`` already lies in a git work tree; whether it ran."""
    inside = _git(target, "rev-parse", "--is-inside-work-tree")
    if inside.returncode == 0 and inside.stdout.strip() == "true":
        return False
    done = _git(target, "init", "-q", "-b", "main")
    if done.returncode != 0:
        done = _git(target, "init", "-q")  # a git older than 2.28 has no -b
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or ["git init failed"])[-1]
        raise InitError(f"{target}: git init failed: {reason}")
    return True


# -- people.yaml ------------------------------------------------------------------

PEOPLE: tuple[Mapping[str, Any], ...] = (
    {"id": "alice", "name": "Alice Example", "emails": ["alice@example.com"],
     "roles": ["change-manager", "service-owner"]},
    {"id": "bob", "name": "Bob Example", "emails": ["bob@example.com"], "roles": ["cab", "service-desk"]},
    {"id": "carol", "name": "Carol Example", "emails": ["carol@example.com"], "roles": ["engineer"]},
)


def people_yaml() -> str:
    """``people.yaml`` holding the people the example records name, to be replaced by the real ones."""
    header = (
        "# The people Regent may meet in this repository: whoever requests, approves, carries out,\n"
        "# reviews or commits records. Records name a person by id.\n"
        "# The author and committer e-mail of every git commit is matched against the emails listed\n"
        "# here, so list each address a person commits with. Roles decide who may approve (see roles in\n"
        "# regent.yaml); set active: false and left_on: YYYY-MM-DD when someone leaves.\n"
        "# The three people below are the ones the example records name: replace them with your own.\n"
    )
    return header + yaml.safe_dump({"people": [dict(p) for p in PEOPLE]}, sort_keys=False, width=100)


# -- regent.yaml ------------------------------------------------------------------


def config_yaml() -> str:
    """``regent.yaml`` listing every setting of its schema with its default and what it does."""
    schema = schemas.schema(schemas.CONFIG)
    lines = [
        f"# {_first_sentence(str(schema.get('description', '')))}",
        "# Every setting is written with its default value (one with none is commented out): change",
        "# the ones you need, and delete any you would rather leave to Regent's defaults.",
        "",
    ]
    for name, spec in (schema.get("properties") or {}).items():
        lines += [*_setting((name,), spec, _default_of((name,), spec), 0), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


_UNSET = object()


def _setting(path: tuple[str, ...], spec: Mapping[str, Any], default: Any, depth: int) -> list[str]:
    """The lines of one setting: its description's first sentence, then the setting with its default
    (commented out when it has none); an object with settings of its own lists each of them."""
    pad, name = "  " * depth, path[-1]
    lines = [f"{pad}# {_first_sentence(str(spec.get('description', '')))}"]
    children = spec.get("properties")
    if isinstance(children, Mapping) and children:
        body: list[str] = []
        given = default if isinstance(default, Mapping) else {}
        for child, child_spec in children.items():
            value = given[child] if child in given else _default_of((*path, child), child_spec)
            body += _setting((*path, child), child_spec, value, depth + 1)
        set_any = any(line.strip() and not line.lstrip().startswith("#") for line in body)
        return [*lines, f"{pad}{name}:" if set_any else f"{pad}# {name}:", *body]
    if default is _UNSET:
        choices = spec.get("enum")
        hint = f"; one of {', '.join(map(str, choices))}" if isinstance(choices, list) else ""
        return [*lines, f"{pad}# Not set by default{hint}.", f"{pad}# {name}:"]
    if isinstance(default, (Mapping, list)) and default:
        block = yaml.safe_dump(default, sort_keys=False, default_flow_style=False, allow_unicode=True, width=100)
        return [*lines, f"{pad}{name}:", *(f"{pad}  {row}" for row in block.splitlines())]
    value = yaml.safe_dump(default, default_flow_style=True, allow_unicode=True).removesuffix("\n...\n").strip()
    return [*lines, f"{pad}{name}: {value}"]


def _default_of(path: tuple[str, ...], spec: Mapping[str, Any]) -> Any:
    """A setting's default: the schema's, else the one evidence.config applies; _UNSET when there is none
    (or, for an object with settings of its own, when each of them says its own)."""
    if "default" in spec:
        return spec["default"]
    if "properties" in spec:
        return _UNSET
    value: Any = getattr(RepoConfig(), path[0], None)
    for part in path[1:]:
        value = value.get(part) if isinstance(value, Mapping) else None
    if path == ("exclude",) and isinstance(value, tuple):
        value = value[len(DEFAULT_EXCLUDE):]  # always excluded; the setting only adds patterns
    return _UNSET if value is None else _plain(value)


def _plain(value: Any) -> Any:
    """Tuples as lists and mappings as dicts, all the way down, for YAML."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    return value


def _first_sentence(text: str) -> str:
    found = re.match(r"(.+?[.!?])(\s|$)", " ".join(text.split()))
    return found.group(1) if found else " ".join(text.split())


# -- example records --------------------------------------------------------------

_EXAMPLE_NOTE = "# An example record laid out by regent init: edit it into a real one or delete it.\n"


def example_files(now: datetime) -> dict[str, bytes]:
    """One example record of every kind (and the artifact the example evidence lists), by path."""
    artifact_path = f"{ARTIFACTS}/EV-EXAMPLE-1.txt"
    artifact = b"Example test report: 12 tests run in staging, 12 passed, 0 failed.\n"
    files = {artifact_path: artifact}
    for record in example_records(now, artifact_path, hashlib.sha256(artifact).hexdigest()):
        path = f"{FOLDERS[record['kind']]}/{file_name(record['id'])}"
        files[path] = (_EXAMPLE_NOTE + dump(record)).encode()
    return files


def example_records(now: datetime, artifact_path: str, artifact_sha256: str) -> Iterator[dict[str, Any]]:
    """The example records: one objective and the business process that serves it, one service
    the process depends on with its item, supplier and monthly report, a change under review with
    its test evidence and planned release, a resolved incident, an open problem, and a waiver. Every date lies before ``now``, except the change's window and the release, still to come."""
    at = (now if now.tzinfo else now.replace(tzinfo=timezone.utc)).astimezone(timezone.utc).replace(microsecond=0)
    today = at.date()

    def ts(days: float = 0, hours: float = 0) -> str:
        return (at + timedelta(days=days, hours=hours)).strftime("%Y-%m-%dT%H:%M:%SZ")

    def day(days: int) -> str:
        return (today + timedelta(days=days)).isoformat()

    yield {"kind": "objective", "id": "OBJ-EXAMPLE-1", "title": "Example: orders reach customers on time",
           "owner": "alice", "measure": "Example: share of orders delivered by the promised day",
           "target": "Example: 95 % each month", "status": "active"}
    yield {"kind": "business_process", "id": "BP-EXAMPLE-1", "name": "Example: order to delivery", "owner": "alice",
           "criticality": "high", "objectives": ["OBJ-EXAMPLE-1"], "services": ["SVC-EXAMPLE-1"],
           "max_outage_hours": 8, "status": "active"}
    yield {"kind": "service", "id": "SVC-EXAMPLE-1", "name": "Example: web shop", "owner": "alice",
           "status": "active", "criticality": "medium", "customers": ["Example customers"],
           "sla": {"availability": 99.5, "response_minutes": {"P1": 15, "P2": 30, "P3": 240, "P4": 480},
                   "resolution_hours": {"P1": 4, "P2": 8, "P3": 24, "P4": 72}},
           "suppliers": ["SUP-EXAMPLE-1"], "configuration_items": ["CI-EXAMPLE-1"]}
    yield {"kind": "configuration_item", "id": "CI-EXAMPLE-1", "name": "Example: web-staging-01", "type": "server",
           "owner": "alice", "environment": "staging", "status": "active", "classification": "internal",
           "criticality": "medium", "services": ["SVC-EXAMPLE-1"], "supplier": "SUP-EXAMPLE-1",
           "last_verified": day(-1)}
    yield {"kind": "supplier", "id": "SUP-EXAMPLE-1", "name": "Example: hosting provider", "status": "active",
           "services": ["SVC-EXAMPLE-1"], "owner": "alice",
           "contract": {"start": day(-30), "end": day(730), "review_due": day(335)}, "last_review": day(-30)}
    period = _due_month(today, RepoConfig().thresholds["service_report_grace_days"])
    yield {"kind": "service_report", "id": f"SR-EXAMPLE-1-{period}", "service": "SVC-EXAMPLE-1",
           "period": period, "availability": 99.9, "incidents": 0, "breaches": [], "reviewed_by": "alice",
           "reviewed_at": ts(hours=-2), "actions": ["Example: none needed this month."]}
    yield {"kind": "change", "id": "CHG-EXAMPLE-1", "title": "Example: renew the web shop's TLS certificate",
           "type": "normal", "status": "submitted", "requested_by": "carol", "created": ts(days=-1),
           "risk": "low", "impact": "low", "implementer": "carol", "configuration_items": ["CI-EXAMPLE-1"],
           "services": ["SVC-EXAMPLE-1"],
           "plan": {"implementation": "Install the new certificate and reload the web server.",
                    "backout": "Restore the previous certificate and reload the web server.",
                    "test": "Check the served certificate and its expiry date."},
           "schedule": {"start": ts(days=7), "end": ts(days=7, hours=2)}, "test_evidence": ["EV-EXAMPLE-1"]}
    yield {"kind": "evidence", "id": "EV-EXAMPLE-1", "type": "test_report", "collected_at": ts(hours=-3),
           "collected_by": "carol", "subject": ["CHG-EXAMPLE-1"], "result": "pass",
           "artifacts": [{"path": artifact_path, "sha256": artifact_sha256}],
           "details": {"environment": "staging", "summary": "Example: the renewal rehearsed in staging."}}
    yield {"kind": "release", "id": "REL-EXAMPLE-1", "version": "0.1.0", "changes": ["CHG-EXAMPLE-1"],
           "status": "planned", "environment": "production",
           "rollback_plan": "Example: redeploy the previous release."}
    yield {"kind": "incident", "id": "INC-EXAMPLE-1", "title": "Example: checkout pages slow", "priority": "P4",
           "status": "closed", "opened": ts(days=-2), "services": ["SVC-EXAMPLE-1"],
           "configuration_items": ["CI-EXAMPLE-1"], "resolved": ts(days=-2, hours=3),
           "closed": ts(days=-1, hours=-2), "assigned_to": "bob", "problem": "PRB-EXAMPLE-1"}
    yield {"kind": "problem", "id": "PRB-EXAMPLE-1", "title": "Example: checkout pages slow at peak times",
           "status": "open", "opened": ts(days=-1, hours=-1), "incidents": ["INC-EXAMPLE-1"]}
    yield {"kind": "waiver", "id": "WVR-EXAMPLE-1", "check": "REG-CFG-002", "records": ["CI-EXAMPLE-1"],
           "reason": "Example: the item is replaced next quarter and will not be audited again before then.",
           "approved_by": "alice", "approved_at": ts(hours=-1), "expires": day(90)}


def _due_month(today: date, grace_days: int) -> str:
    """The latest month (YYYY-MM) that ended at least ``grace_days`` before ``today``: the report due."""
    first = (today - timedelta(days=grace_days)).replace(day=1)
    return (first - timedelta(days=1)).strftime("%Y-%m")
