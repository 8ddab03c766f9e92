"""``regent import --history``: an export's timeline written as dated git commits.

The plan (:mod:`evidence.authoring.timeline`) says which record states each commit holds;
this module writes it with ``git fast-import`` (real git, which writes thousands of dated
commits in seconds) onto a ref of its own, on top of HEAD, then moves the current branch
there with ``git merge --ff-only``, which brings the work tree to the new HEAD and refuses
to overwrite anything it would lose. Before anything is written, a work tree whose record
files differ from HEAD (changed, staged, deleted or new) is refused: the import would put
its commits under them.

What the repository already holds of a log is read from git: each commit carries the line
``Regent-History: FORMAT [KINDS]``, and the newest such commit on the first-parent history
of HEAD is dated by the last event it recorded, so a second import of the same log adds
nothing and a longer log adds only what came after. Each also names the digest of the export
it came from (``Regent-History-Export``): the same bytes again are known to be held without
reading them. That line is bookkeeping for this
command alone: no check reads commit messages, and a commit is judged by who made it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

from regent.evidence.authoring.index import remember
from regent.evidence.authoring.store import WorkTree
from regent.evidence.authoring.timeline import Author, Plan, PlannedCommit, Planner
from regent.evidence.config import CONFIG_FILE, PEOPLE_FILE
from regent.evidence.errors import EvidenceError
from regent.evidence.gitrepo import GitRepository
from regent.evidence.importers.apply import Newcomer
from regent.evidence.importers.base import Batch, Candidate, Context, Importer, ImportError_, Rejection, people_of
from regent.evidence.paths import record_paths
from regent.evidence.provenance import person_of

TRAILER = "Regent-History"
EXPORT_TRAILER = "Regent-History-Export"
WORK_REF = "refs/regent/history-import"


class HistoryRefused(EvidenceError):
    """The repository is not in a state a history import may write to."""


@dataclass(frozen=True)
class HistoryRequest:
    fmt: str
    source: str  # the export's file name, for commit messages
    granularity: str = "day"
    kind: str | None = None
    encoding: str | None = None
    options: Mapping[str, Any] | None = None
    dry_run: bool = False


@dataclass(frozen=True)
class Recorder:
    """Whether the importing identity may commit others' decisions, and if not, what to change."""

    identity: Author
    person: str | None
    recorder: bool
    roles: tuple[str, ...]  # roles.recorders of regent.yaml


@dataclass(frozen=True)
class HistorySummary:
    commits: tuple[PlannedCommit, ...]
    records: int  # records the commits change
    created: int
    rejections: tuple[Rejection, ...]
    skipped: tuple[str, ...]
    held: int
    untimed: int
    through: str | None  # the last moment the repository held of this log before the import (UTC)
    head: str | None  # the commit the branch points at afterwards
    newcomers: tuple[Newcomer, ...]
    recorder: Recorder
    dry_run: bool
    notes: tuple[str, ...] = ()  # the importer's notes on the export as a whole
    replayed: str | None = None  # the commit that already replayed these very bytes, when one did


def import_history(root: Path, importer: Importer, data: bytes, request: HistoryRequest) -> HistorySummary:
    """Replay an export's timeline onto the repository at ``root`` as dated commits."""
    repo = _repository(root)
    head = repo.head()
    if head is None:
        raise HistoryRefused("the repository has no commit yet: commit people.yaml and regent.yaml first "
                             "(git add -A && git commit), then import the history on top")
    tree = WorkTree.open(root)
    _refuse_uncommitted(repo, tree)
    export = f"{request.fmt} sha256:{hashlib.sha256(data).hexdigest()}"
    replayed = _replayed(repo, export)
    if replayed is not None:
        identity = _identity(repo, tree.config.imports)
        return HistorySummary((), 0, 0, (), (), 0, 0, None, head, (), _recorder(identity, tree), request.dry_run,
                              replayed=replayed)
    context = Context(settings=tree.config.imports, known_person=tree.person, kind=request.kind,
                      encoding=request.encoding, options=dict(request.options or {}), history=True)
    batch = importer(data, context)
    events = _events(batch, request.fmt)
    key = _log_key(request.fmt, events)
    since = _held_through(repo, key)
    identity = _identity(repo, tree.config.imports)
    people = tree.people

    def author_of(actor: str | None) -> Author:
        person = people.get(actor) if actor else None
        emails = [str(e) for e in (person or {}).get("emails") or ()]
        if actor and person is not None and emails:
            return Author(str(person.get("name") or actor), emails[0], actor)
        return identity

    held = {k: (s.path, s.record) for k, s in tree.records.items()}
    taken = {s.path for s in tree.records.values()} | set(_tracked(repo))
    planner = Planner(events, held, taken, since=since[0] if since else None, granularity=request.granularity,
                      author_of=author_of)
    new_head = head
    if request.dry_run:
        for _ in planner:
            pass
    else:
        new_head = _write(repo, head, planner, identity, request, key, export)
        for state in planner.final.values():
            if tree.cache is not None:
                remember(tree.cache, state.data, state.record)
        tree.keep()
    the_plan = planner.result()
    return HistorySummary(
        the_plan.commits, len(the_plan.final), the_plan.created,
        tuple(sorted([*batch.rejections, *the_plan.rejections], key=lambda r: (r.line, r.row))),
        tuple(batch.skipped), the_plan.held, the_plan.untimed, since[1] if since else None,
        new_head, _newcomers(the_plan, context, people), _recorder(identity, tree), request.dry_run,
        tuple(context.notes))


def _repository(root: Path) -> GitRepository:
    repo = GitRepository(root)
    if repo.root is None or repo.root.resolve() != root.resolve():
        raise HistoryRefused(f"{root} is not the top folder of a git work tree: run the history import there "
                             f"(--repo {repo.root})" if repo.root else f"{root}: a bare repository has no work tree")
    return repo


def _refuse_uncommitted(repo: GitRepository, tree: WorkTree) -> None:
    """Refuse when a record file, people.yaml or regent.yaml differs from HEAD: staged, changed,
    deleted or not yet tracked."""
    out = repo.git("status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames")
    paths = [item[3:].decode("utf-8", "surrogateescape") for item in out.split(b"\x00") if len(item) > 3]
    dirty = [p for p in paths if p in (CONFIG_FILE, PEOPLE_FILE)] + record_paths(paths, tree.config)
    if dirty:
        shown = ", ".join(dirty[:5]) + (f" and {len(dirty) - 5} more" if len(dirty) > 5 else "")
        raise HistoryRefused(f"record files differ from the last commit ({shown}): a history import commits on "
                             "top of HEAD (its commits carry HEAD's people.yaml and regent.yaml) and brings the "
                             "work tree to its last commit, so commit or stash them first")


def _events(batch: Batch, fmt: str) -> list[Candidate]:
    """The states to replay: the timeline, else (an importer that gives each record's last state only)
    the candidates that carry a moment."""
    events = batch.timeline or [c for c in batch.candidates if c.at]
    if not events:
        raise ImportError_(f"the export gives no moment for its records, so {fmt} cannot be imported as "
                           "history: import it without --history")
    return events


def _log_key(fmt: str, events: Sequence[Candidate]) -> str:
    kinds = sorted({str(e.record.get("kind")) for e in events})
    return f"{fmt} [{','.join(kinds)}]"


def _held_through(repo: GitRepository, key: str) -> tuple[int, str] | None:
    """When the newest commit of this log on HEAD's first-parent history is dated: seconds and text."""
    out = repo.git("log", "-1", "--first-parent", "--format=%ct %cI", "--fixed-strings",
                   f"--grep={TRAILER}: {key}", "HEAD").decode().split()
    return (int(out[0]), out[1]) if out else None


def _replayed(repo: GitRepository, export: str) -> str | None:
    """The newest commit on HEAD's first-parent history that replayed an export of these very bytes:
    every state they hold is then held already, and the importer need not read them again."""
    out = repo.git("log", "-1", "--first-parent", "--format=%H", "--fixed-strings",
                   f"--grep={EXPORT_TRAILER}: {export}", "HEAD").decode().strip()
    return out or None


def _identity(repo: GitRepository, settings: Mapping[str, Any]) -> Author:
    """The configured ``import.committer``, else the identity git commits with here."""
    given = settings.get("committer")
    if isinstance(given, str) and given.strip():
        name, _, rest = given.strip().partition(" <")
        return Author(name.strip(), rest.rstrip(">").strip())
    ident = repo.git("var", "GIT_COMMITTER_IDENT", check=False).decode("utf-8", "replace").strip()
    name, _, rest = ident.partition(" <")
    email = rest.partition(">")[0]
    if not name or not email:
        raise HistoryRefused("a history import needs an identity to commit with: set import.committer "
                             "('Name <e-mail>') in regent.yaml, or git's user.name and user.email")
    return Author(name, email)


def _tracked(repo: GitRepository) -> list[str]:
    return [e.path for e in repo.index()]


def _write(repo: GitRepository, head: str, planner: Planner, identity: Author, request: HistoryRequest,
           key: str, export: str) -> str:
    """The planned commits on top of ``head`` (git works on each while the next is planned), and the
    branch and work tree brought to the last one; ``head`` when there is none."""
    repo.git("update-ref", "-d", WORK_REF, check=False)

    def stream() -> Iterator[bytes]:
        for n, commit in enumerate(planner):
            message = _message(commit, request, key, export).encode("utf-8")
            chunk = [f"commit {WORK_REF}\n".encode(),
                     f"author {_ident(commit.author)} {commit.at} +0000\n".encode("utf-8"),
                     f"committer {_ident(identity)} {commit.at} +0000\n".encode("utf-8"),
                     b"data %d\n" % len(message), message, b"\n"]
            if n == 0:
                chunk.append(f"from {head}\n".encode())
            for state in commit.files:
                chunk += [b"M 100644 inline ", _quoted(state.path), b"\n", b"data %d\n" % len(state.data),
                          state.data, b"\n"]
            chunk.append(b"\n")
            yield b"".join(chunk)
        yield b"done\n"

    # Most of what fast-import writes is deltas against a record's previous state, which compress
    # the same at any level: the lowest saves a quarter of its time for the same pack size.
    repo.feed(["-c", "pack.compression=1", "fast-import", "--quiet", "--done"], stream())
    if not planner.commits:
        return head
    tip = repo.git("rev-parse", "--verify", WORK_REF).decode().strip()
    try:
        repo.git("merge", "--ff-only", "--quiet", "--no-stat", tip)
    except EvidenceError as exc:
        raise HistoryRefused(f"the history was written to {WORK_REF} ({tip[:12]}) but the work tree could not be "
                             f"brought to it: {exc}") from None
    repo.git("update-ref", "-d", WORK_REF, check=False)
    return tip


def _message(commit: PlannedCommit, request: HistoryRequest, key: str, export: str) -> str:
    updated = len(commit.files) - commit.created
    head = (f"{request.fmt}: {request.source}, {commit.period}: {len(commit.files)} "
            f"{'record' if len(commit.files) == 1 else 'records'} ({commit.created} created, {updated} updated)")
    body = (f"The records as the export shows them at the end of {commit.period} (UTC), "
            f"as the events up to this commit's date left them.")
    acted = ""
    if commit.acted:
        names = ", ".join(commit.acted[:10]) + (f" and {len(commit.acted) - 10} more" if len(commit.acted) > 10 else "")
        acted = f"\n\nThe export names who acted, people.yaml does not list them: {names}."
    return f"{head}\n\n{body}{acted}\n\n{TRAILER}: {key}\n{EXPORT_TRAILER}: {export}\n"


def _ident(author: Author) -> str:
    name = author.name.replace("<", "").replace(">", "").replace("\n", " ").strip()
    email = author.email.replace("<", "").replace(">", "").replace("\n", "").strip()
    return f"{name} <{email}>"


def _quoted(path: str) -> bytes:
    """A path as fast-import reads it: C-quoted when it holds a quote, backslash or line break."""
    raw = path.encode("utf-8", "surrogateescape")
    if not any(c in raw for c in b'"\\\n') and not raw.startswith(b'"'):
        return raw
    escaped = raw.replace(b"\\", b"\\\\").replace(b'"', b'\\"').replace(b"\n", b"\\n")
    return b'"' + escaped + b'"'


def _newcomers(the_plan: Plan, context: Context, people: Mapping[str, Any]) -> tuple[Newcomer, ...]:
    named: dict[str, list[str]] = {}
    for key, state in the_plan.final.items():
        for pid in people_of(state.record):
            if pid not in people:
                named.setdefault(pid, []).append(key[1])
    return tuple(Newcomer(pid, context.names.get(pid, pid), tuple(dict.fromkeys(ids)))
                 for pid, ids in sorted(named.items()))


def _recorder(identity: Author, tree: WorkTree) -> Recorder:
    """Whether people.yaml (as committed: the history's commits carry it) lets the identity record."""
    roles = tuple(tree.config.roles.get("recorders", ()))
    pid = person_of(tree.people, identity.email)
    held = set((tree.people.get(pid) or {}).get("roles") or ()) if pid else set()
    return Recorder(identity, pid, bool(pid) and bool(held & set(roles)), roles)
