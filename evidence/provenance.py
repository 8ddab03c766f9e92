"""The ``_git`` facts of each record, from its file's history.

For every record this module states what git says of its file, and nothing
more: the commits that created it, last changed it and touched it, the ones
that rewrote its bytes, the commit that recorded each field's present value
and each approval entry, and for an evidence manifest the same of each
artifact with the artifact's actual sha256. Commits are named by sha; their
author, dates, signature and the person they map to are listed once, in
``input.git.commits``. Judging the facts is the policies' work.

Layout of a record's ``_git`` (keys in brackets appear only when they say
something the others do not):

- ``created``, ``last``: shas (null for a file no commit holds yet);
- ``commits``: how many commits touched the file;
- [``touched``]: those commits, newest first (when more than one);
- [``rewrites``]: commits after the first that changed the file's bytes, oldest first;
- [``fields``]: field name to the commit that recorded its present value, for
  fields changed since the file was created (null: changed in the work tree);
- [``added``]: those of ``fields`` whose present value was recorded by adding
  the field (the version before had none), sorted;
- [``approvals``]: for each entry of ``approvals``, the commit it first appeared in;
- [``uncommitted``]: true when the scanned bytes are not those of the last commit;
- ``artifacts`` (evidence): per artifact, ``path``, ``present``, ``sha256``
  (of the bytes at the revision) and the history keys above.
"""

from __future__ import annotations

from pathlib import Path
from typing import AbstractSet, Any, Callable, Iterable, Mapping, NamedTuple

import orjson

from regent.evidence.cache import blob_of, cache_key
from regent.evidence.gitrepo import Entry
from regent.evidence.history import Commit, History, Touch, artifact_digests, file_history, read_history
from regent.evidence.model import GitFacts, Record
from regent.evidence.parsing import RecordReader
from regent.evidence.reader import hash_file

_MISSING = object()

ParseBlobs = Callable[[Mapping[str, str]], Mapping[str, bytes | None]]
"""Parses historic versions: blob id to path in, blob id to the record's JSON (None if invalid) out."""

ArtifactDigests = Callable[[AbstractSet[str]], Mapping[str, tuple[bool, str | None]]]
"""For artifact paths: whether each is present at the scanned revision, and the sha256 of its bytes."""


# Past this many files, git's pathspec matching makes a walk limited to them slower than the
# whole walk, which is cached (a measured 0.1 s for 5 files, 75 s for 2,000, on 20k commits).
LIMITED_WALK_MAX = 100
MAX_ARTIFACT_BYTES = 1 << 30  # an artifact larger than this is not hashed: its sha256 fact is null


class Provenance:
    """Reads the ``_git`` facts of records at ``commit``: one walk of the history (or its cache),
    the historic versions of records that changed, and the artifacts' digests, each in one git pass.

    ``by_path`` is every file of the scanned revision; ``versions_parsed`` says how many historic
    versions had to be parsed (the others were in the parse cache).
    """

    def __init__(self, records: RecordReader, commit: str, by_path: Mapping[str, Entry],
                 cache_dir: Path | None) -> None:
        self._records = records
        self._repo = records.files.repo
        self._commit = commit
        self._by_path = by_path
        self._cache_dir = cache_dir
        self.versions_parsed = 0

    def facts(
        self,
        records: list[Record],
        people: Mapping[str, Mapping[str, Any]],
        only: AbstractSet[str] | None = None,
    ) -> GitFacts:
        """The records' facts; with ``only``, of the records at those paths alone, from a walk of
        their files' history (and their artifacts') when they are few."""
        committed = [path for path, f in self._by_path.items() if f.mode]  # untracked files have no history
        if only is not None:
            records = [r for r in records if r.path in only]
            limited = _with_artifacts(records, only) & set(committed)
        if only is not None and len(limited) <= LIMITED_WALK_MAX:
            history = file_history(self._repo, self._commit, limited)
        else:
            history = read_history(self._repo, self._commit, committed, self._cache_dir)
        return gather(history, records, people, self._historic, self._digests)

    def _historic(self, wanted: Mapping[str, str]) -> dict[str, bytes | None]:
        """Earlier versions of records (blob id to a path), each record's JSON; None if invalid."""
        cache = self._records.parse_cache
        out: dict[str, bytes | None] = {}
        missing: dict[str, str] = {}
        for blob, path in wanted.items():
            hit = cache.get(cache_key(blob, path))
            if hit is None:
                missing[cache_key(blob, path)] = path
            else:
                out[blob] = hit[2]
        for key, parsed, _ in self._records.parse_blobs(missing):
            out[blob_of(key)] = parsed.raw if parsed is not None else None
            if parsed is not None:
                self.versions_parsed += 1
        return out

    def _digests(self, paths: AbstractSet[str]) -> dict[str, tuple[bool, str | None]]:
        """For artifact paths: whether each is present at the revision, and the sha256 of its bytes."""
        entries = {p: self._by_path[p] for p in paths if p in self._by_path}
        blobs = (e.blob for e in entries.values() if e.blob)
        by_blob = artifact_digests(self._repo, blobs, self._cache_dir, MAX_ARTIFACT_BYTES)
        found: dict[str, tuple[bool, str | None]] = {p: (False, None) for p in paths}
        for path, entry in entries.items():
            if entry.blob is not None:
                found[path] = (True, by_blob.get(entry.blob))
            else:
                assert self._repo.root is not None
                try:
                    found[path] = (True, hash_file(self._repo.root / path, MAX_ARTIFACT_BYTES))
                except OSError:
                    found[path] = (True, None)
        return found


def _with_artifacts(records: Iterable[Record], paths: AbstractSet[str]) -> set[str]:
    """The paths and the artifact files the evidence manifests among the records list."""
    found = set(paths)
    for r in records:
        if r.kind == "evidence":
            found.update(str(a["path"]) for a in r.data().get("artifacts") or () if isinstance(a, dict) and a.get("path"))
    return found


def gather(
    history: History,
    records: Iterable[Record],
    people: Mapping[str, Mapping[str, Any]],
    parse_blobs: ParseBlobs,
    artifact_digests: ArtifactDigests,
) -> GitFacts:
    """Every record's facts. ``artifact_digests`` is asked once, for every path a manifest lists."""
    records = list(records)
    artifacts = {r.path: r.data().get("artifacts") or [] for r in records if r.kind == "evidence"}
    digests = artifact_digests({p for items in artifacts.values() for a in items if (p := _artifact_path(a))})
    # Most files were written once and never changed: only the others have versions to compare.
    versions: dict[str, list[_Version]] = {}
    historic: dict[str, str] = {}
    for record in records:
        touches = history.touches(record.path)
        if len(touches) == 1 and touches[0].blob == record.blob:
            continue
        rows = versions[record.path] = _versions(touches, record)
        if len(rows) > 1:
            historic.update((t.blob, record.path) for t in rows if t.sha is not None)
    parsed = parse_blobs(historic)

    used: set[str] = set()
    files: dict[str, bytes] = {}
    for record in records:
        touches = history.touches(record.path)
        facts = _file_facts(touches)
        rows = versions.get(record.path, [])
        if rows and rows[-1].sha is None:
            facts["uncommitted"] = True
        if len(rows) > 1:
            values = [(t.sha, record.raw if t.sha is None else parsed.get(t.blob)) for t in rows]
            facts.update(_recorded(values, facts["created"]))
        if record.kind == "evidence":
            facts["artifacts"] = [_artifact_facts(history, a, digests) for a in artifacts[record.path]]
            for a in facts["artifacts"]:
                if a:
                    used.update(_shas(a))
        used.update(_shas(facts))
        files[record.path] = orjson.dumps(facts)

    owners = _email_owners(people)
    commits = {sha: _commit_facts(history.commits[sha], owners) for sha in sorted(used) if sha in history.commits}
    return GitFacts(history.revision, history.shallow, commits, files, history.commits_walked)


class _Version(NamedTuple):
    """One content of a file: the commit that left it (None: only in the scanned work tree)."""

    sha: str | None
    blob: str


def _versions(touches: list[Touch], record: Record) -> list[_Version]:
    """The file's distinct contents, oldest first; the scanned bytes last (sha None) when no commit holds them."""
    rows = [_Version(t.sha, t.blob) for t in reversed(touches) if t.changed]
    if not rows or rows[-1].blob != record.blob:
        rows.append(_Version(None, record.blob))
    return rows


def _shas(facts: Mapping[str, Any]) -> list[str]:
    """The commits a file's facts name."""
    return list(facts.get("touched") or ([facts["created"]] if facts.get("created") else []))


def _file_facts(touches: list[Touch]) -> dict[str, Any]:
    if not touches:
        return {"created": None, "last": None, "commits": 0}
    facts: dict[str, Any] = {"created": touches[-1].sha, "last": touches[0].sha, "commits": len(touches)}
    if len(touches) > 1:
        facts["touched"] = [t.sha for t in touches]
        rewrites = [t.sha for t in reversed(touches[:-1]) if t.changed]
        if rewrites:
            facts["rewrites"] = rewrites
    return facts


def _recorded(values: list[tuple[str | None, bytes | None]], created: str | None) -> dict[str, Any]:
    """Which commit recorded each field's present value and each approval entry.

    Versions that are not valid records are skipped: a broken edit fixed in the
    next commit does not make every field look new."""
    last_change: dict[str, str | None] = {}
    added: set[str] = set()  # fields whose present value was recorded by adding them
    since: dict[bytes, str | None] = {}
    previous: dict[str, Any] | None = None
    for sha, raw in values:
        if raw is None:
            continue
        value = orjson.loads(raw)
        if not isinstance(value, dict):
            continue
        keys = value.keys() if previous is None else value.keys() | previous.keys()
        for key in keys:
            if previous is None or value.get(key, _MISSING) != previous.get(key, _MISSING):
                last_change[key] = sha
                if previous is not None and key not in previous:
                    added.add(key)
                else:
                    added.discard(key)
        entries = value.get("approvals")
        entries = entries if isinstance(entries, list) else []
        since = {k: since.get(k, sha) for k in map(_entry_key, entries)}
        previous = value
    facts: dict[str, Any] = {}
    fields = {k: sha for k, sha in sorted(last_change.items()) if sha != created}
    if fields:
        facts["fields"] = fields
        new_fields = sorted(k for k in fields if k in added)
        if new_fields:
            facts["added"] = new_fields
    entries = previous.get("approvals") if previous else None
    if isinstance(entries, list):
        approvals = [since.get(_entry_key(e)) for e in entries]
        if any(sha != created for sha in approvals):
            facts["approvals"] = approvals
    return facts


def _entry_key(entry: Any) -> bytes:
    return orjson.dumps(entry, option=orjson.OPT_SORT_KEYS)


def _artifact_path(artifact: Any) -> str | None:
    """The path a manifest's artifact entry names; None when it names none."""
    path = artifact.get("path") if isinstance(artifact, dict) else None
    return path if isinstance(path, str) else None


def _artifact_facts(
    history: History, artifact: Any, digests: Mapping[str, tuple[bool, str | None]]
) -> dict[str, Any] | None:
    path = _artifact_path(artifact)
    if path is None:
        return None
    present, sha256 = digests[path]
    facts: dict[str, Any] = {"path": path, "present": present, "sha256": sha256}
    facts.update(_file_facts(history.touches(path) if present else []))
    return facts


def person_of(people: Mapping[str, Mapping[str, Any]], email: str) -> str | None:
    """The person an email belongs to in people.yaml (case-insensitive), or None."""
    return _email_owners(people).get(email.strip().lower())


def _email_owners(people: Mapping[str, Mapping[str, Any]]) -> dict[str, str]:
    owners: dict[str, str] = {}
    for pid, person in people.items():
        for email in person.get("emails") or ():
            owners.setdefault(str(email).strip().lower(), pid)
    return owners


def _commit_facts(commit: Commit, owners: Mapping[str, str]) -> dict[str, Any]:
    return {
        "author": commit.author,
        "email": commit.email,
        "person": owners.get(commit.email.strip().lower()),
        "authored": commit.authored,
        "committed": commit.committed,
        "authored_ns": commit.authored_ns,
        "committed_ns": commit.committed_ns,
        "order": commit.order,
        "signature": commit.signature,
        "signer": commit.signer,
        "boundary": commit.boundary,
    }
