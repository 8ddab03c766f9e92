"""An export's timeline as commits: which record states each commit holds, when, and by whom.

This is the planning half of a history import (:mod:`evidence.authoring.replay` writes the
plan into git). Each state an export shows carries the moment the record stood so
(``Candidate.at``) and, where the export says, the person who brought it there
(``Candidate.actor``). The states are taken in time order and cut into periods (a UTC day,
an ISO week or a calendar month). A period makes one commit per author: each record the
period changed goes, as it stood at the period's end, into the commit of the person who
brought it to that last state, so every commit's author is the person who did what it
records, and each record's end-of-period state is what the period's last commit leaves. A
commit is dated by the latest event it records (author and committer date alike), and the
commits of a period follow each other in that order. The author is the person who acted
when the export names one that ``people.yaml`` lists (git knows a person by e-mail, and only
people.yaml gives one); otherwise the importing identity, which commits every state in any
case.

A state is merged onto the record as the repository held it before the import, as a plain
import merges: the export's fields replace those it gives, every other field stays. A state
the record's schema refuses is rejected with its line and left out; the record keeps its
previous state.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

from regent.evidence import schemas
from regent.evidence.authoring.dumping import dump
from regent.evidence.authoring.store import FOLDERS, file_name
from regent.evidence.importers.apply import _extend, _merge, _plain
from regent.evidence.importers.base import Candidate, Rejection

GRANULARITIES = ("day", "week", "month")
Key = tuple[str, str]


@dataclass(frozen=True)
class Author:
    """Who a commit names: a name, an e-mail, and the people.yaml person when there is one."""

    name: str
    email: str
    person: str | None = None


@dataclass(frozen=True)
class FileState:
    """One record file as a commit leaves it."""

    key: Key
    path: str
    data: bytes
    record: Mapping[str, Any]
    created: bool


@dataclass(frozen=True)
class PlannedCommit:
    period: str
    at: int  # seconds since the epoch: the latest event the commit records
    author: Author
    files: tuple[FileState, ...]
    acted: tuple[str, ...] = ()  # who the export says acted, where people.yaml does not list them

    @property
    def created(self) -> int:
        return sum(1 for f in self.files if f.created)


@dataclass(frozen=True)
class Plan:
    commits: tuple[PlannedCommit, ...]
    rejections: tuple[Rejection, ...]
    held: int  # states at or before what the repository already holds of this log
    untimed: int  # states the export gives no moment for
    final: Mapping[Key, FileState] = field(default_factory=dict)  # each changed record's last state
    created: int = 0  # records the repository did not hold before


def moment(at: str) -> int:
    """An RFC 3339 timestamp as seconds since the epoch."""
    value = datetime.fromisoformat(at.replace("Z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return int(value.timestamp())


def _period_at(at: int, granularity: str, days: dict[int, str]) -> str:
    """:func:`period_of`, worked out once per UTC day."""
    day = at // 86400
    found = days.get(day)
    if found is None:
        found = days[day] = period_of(at, granularity)
    return found


def period_of(seconds: int, granularity: str) -> str:
    """The period (UTC) a moment falls in: ``2016-03-01``, ``2016-W09`` or ``2016-03``."""
    day = datetime.fromtimestamp(seconds, timezone.utc).date()
    if granularity == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if granularity == "week":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    return day.isoformat()


@dataclass
class _Pending:
    record: dict[str, Any]
    at: int
    actor: str | None


def plan(events: Iterable[Candidate], held: Mapping[Key, tuple[str, Mapping[str, Any]]], taken: set[str], *,
         since: int | None, granularity: str, author_of: Callable[[str | None], Author]) -> Plan:
    """The commits that replay ``events`` onto the records ``held``, all at once (see :class:`Planner`)."""
    planner = Planner(events, held, taken, since=since, granularity=granularity, author_of=author_of)
    for _ in planner:
        pass
    return planner.result()


class Planner:
    """The commits that replay ``events`` onto the records ``held`` (by key: path and record, as the
    repository holds them), made one at a time as they are iterated, so a writer can start on the
    first before the last is planned. ``taken`` lists the paths in use; new records get paths beside
    them. States at or before ``since`` (seconds) are taken as held already and left out."""

    def __init__(self, events: Iterable[Candidate], held: Mapping[Key, tuple[str, Mapping[str, Any]]],
                 taken: set[str], *, since: int | None, granularity: str,
                 author_of: Callable[[str | None], Author]) -> None:
        self.held, self.taken, self.granularity, self.author_of = held, taken, granularity, author_of
        self.timed: list[tuple[int, int, int, Candidate]] = []
        self.untimed = self.already = 0
        for order, event in enumerate(events):
            if not event.at:
                self.untimed += 1
                continue
            at = moment(event.at)
            if since is not None and at <= since:
                self.already += 1
                continue
            self.timed.append((at, event.line, order, event))
        self.timed.sort(key=lambda t: t[:3])
        self.rejections: list[Rejection] = []
        self.commits: list[PlannedCommit] = []
        self.final: dict[Key, FileState] = {}

    def __iter__(self) -> Iterator[PlannedCommit]:
        timed, held = self.timed, self.held
        state: dict[Key, dict[str, Any]] = {key: dict(record) for key, (_, record) in held.items()}
        paths = {key: path for key, (path, _) in held.items()}
        start = 0
        days: dict[int, str] = {}
        while start < len(timed):
            period = _period_at(timed[start][0], self.granularity, days)
            end = start
            while end < len(timed) and _period_at(timed[end][0], self.granularity, days) == period:
                end += 1
            pending = _period(timed[start:end], held, state, self.rejections)
            start = end
            files_by_author: dict[Author, list[tuple[FileState, int, str | None]]] = {}
            for key, change in pending.items():
                if change.record == state.get(key):
                    continue
                path = paths.get(key) or _new_path(key, self.taken)
                paths[key] = path
                self.taken.add(path)
                file = FileState(key, path, dump(change.record).encode("utf-8"), change.record, key not in state)
                state[key] = change.record
                self.final[key] = file
                files_by_author.setdefault(self.author_of(change.actor), []).append((file, change.at, change.actor))
            period_commits = [
                PlannedCommit(period, max(at for _, at, _ in files), author, tuple(f for f, _, _ in files),
                              tuple(sorted({a for _, _, a in files if a and author.person != a})))
                for author, files in files_by_author.items()
            ]
            for commit in sorted(period_commits, key=lambda c: (c.at, c.author.email, c.author.name)):
                self.commits.append(commit)
                yield commit

    def result(self) -> Plan:
        """What the iteration planned (all of it once iterated to the end)."""
        return Plan(tuple(self.commits), tuple(sorted(self.rejections, key=lambda r: (r.line, r.row))),
                    self.already, self.untimed, self.final, sum(1 for key in self.final if key not in self.held))


def _period(events: Sequence[tuple[int, int, int, Candidate]], held: Mapping[Key, tuple[str, Mapping[str, Any]]],
            state: Mapping[Key, dict[str, Any]], rejections: list[Rejection]) -> dict[Key, _Pending]:
    """Each record's last state in one period's events (in time order), merged and checked. Only a
    state that would be committed is checked: when the last one fails, the one before it is tried."""
    by_key: dict[Key, list[tuple[int, Candidate]]] = {}
    for at, _, _, event in events:
        record = event.record
        by_key.setdefault((str(record["kind"]), str(record["id"])), []).append((at, event))
    pending: dict[Key, _Pending] = {}
    for key, states in by_key.items():
        if any(event.extends for _, event in states):
            _extending(key, states, state.get(key), held, pending, rejections)
            continue
        base = held.get(key)
        for at, event in reversed(states):
            merged = _merge(base[1], event.record) if base else dict(event.record)
            if _accepted(key, merged, event, rejections):
                pending[key] = _Pending(merged, at, event.actor)
                break
    return pending


def _extending(key: Key, states: Sequence[tuple[int, Candidate]], current: dict[str, Any] | None,
               held: Mapping[Key, tuple[str, Mapping[str, Any]]], pending: dict[Key, _Pending],
               rejections: list[Rejection]) -> None:
    """A record some of whose states add entries to a list (approvals exported apart from their
    change): each state in turn, since the entries add up."""
    base = held.get(key)
    for at, event in states:
        if event.extends:
            if current is None:
                rejections.append(Rejection(event.line, event.row, key[1],
                                            f"no {key[0]} {key[1]} by then to add {event.extends} to: its "
                                            f"{key[0]} is not in the repository nor earlier in the export"))
                continue
            merged = _extend(current, event.extends, event.record.get(event.extends) or [])
        else:
            merged = _merge(base[1], event.record) if base else dict(event.record)
        if _accepted(key, merged, event, rejections):
            current = merged
            pending[key] = _Pending(merged, at, event.actor)


def _accepted(key: Key, merged: Mapping[str, Any], event: Candidate, rejections: list[Rejection]) -> bool:
    """Whether the kind's schema accepts a state; a rejection saying why when it does not."""
    if schemas.is_valid(key[0], merged):
        return True
    reasons = [_plain(path, reason) for path, reason in schemas.problems(key[0], merged)]
    rejections.append(Rejection(event.line, event.row, key[1], "; ".join(reasons)))
    return False


def _new_path(key: Key, taken: set[str]) -> str:
    """Where a new record goes: its kind's folder, named for its id, beside the paths in use."""
    base = f"{FOLDERS.get(key[0], key[0])}/{file_name(key[1])}"
    path, n = base, 1
    while path in taken:
        n += 1
        path = base.removesuffix(".yaml") + f"-{n}.yaml"
    return path
