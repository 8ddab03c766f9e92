"""Building a :class:`Snapshot`: the evidence repository at one revision."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
import stat
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import date, datetime, timezone
from pathlib import Path
from typing import AbstractSet, Any, Callable, Iterable, Iterator, Mapping

import orjson

from regent.evidence import schemas
from regent.evidence.cache import ParseCache, Parsed, ParsedTuple
from regent.evidence.config import RepoConfig
from regent.evidence.errors import ConfigError, EvidenceError
from regent.evidence.history import artifact_digests, file_history, read_history
from regent.evidence.provenance import GitFacts, gather
from regent.evidence.references import MentionIndex, ReferenceIndex, index_files
from regent.evidence.gitrepo import GITLINK_MODE, SYMLINK_MODE, Entry, GitRepository, blob_id
from regent.evidence.model import FieldLines, LoadError, LoadStats, Record, Snapshot, line_of
from regent.evidence.parse import ParseFailure, field_lines, parse_document

CONFIG_FILE = "regent.yaml"
PEOPLE_FILE = "people.yaml"
RECORD_SUFFIXES = (".yaml", ".yml", ".json")
MAX_PROBLEMS_PER_FILE = 10
_VERSION_SALT = "2"
# Past this many files, git's pathspec matching makes a walk limited to them slower than the
# whole walk, which is cached (a measured 0.1 s for 5 files, 75 s for 2,000, on 20k commits).
LIMITED_WALK_MAX = 100
SMALL_SELECTION = 3000
MAX_ARTIFACT_BYTES = 1 << 30  # an artifact larger than this is not hashed: its sha256 fact is null

Progress = Callable[[int, int], None]


def load_snapshot(
    path: Path,
    *,
    rev: str | None = None,
    as_of: date | None = None,
    now: datetime | None = None,
    cache_dir: Path | None = None,
    progress: Progress | None = None,
    history: bool = True,
    select: AbstractSet[str] | None = None,
    history_of: AbstractSet[str] | None = None,
) -> Snapshot:
    """Read every record of the repository at ``path``.

    The work tree by default; the commit ``rev``; or, with ``as_of``, the last
    commit on HEAD's first-parent history at or before the end of that day
    (UTC). Problems with single files come back as ``errors``; only a problem
    with the repository itself raises :class:`EvidenceError`. With ``history``
    off, the records carry no ``_git`` facts (reading them is then only parsing).

    A gate reads part of the repository: with ``select``, only the record files
    at those paths; with ``history_of``, history facts only for the records at
    those paths, from a walk of their files alone (a few files' history takes
    git milliseconds where the whole history takes seconds).
    """
    if rev is not None and as_of is not None:
        raise EvidenceError("give a revision or an as-of date, not both")
    started = time.perf_counter()
    repo = GitRepository(path)
    notes: list[str] = []
    commit, files, worktree, reference = _revision(repo, rev, as_of, now, notes)

    reader = _Reader(repo, worktree)
    by_path = {f.path: f for f in files}
    config = _load_config(reader, by_path.get(CONFIG_FILE))
    reader.limit = config.max_record_bytes

    errors: list[LoadError] = []
    people, people_lines = _load_people(reader, by_path.get(PEOPLE_FILE), errors)

    candidates = record_files(files if select is None else [f for f in files if f.path in select], config)
    salt = f"{_VERSION_SALT}-{schemas.digest()[:16]}"
    # Parsing a few thousand files is quicker than loading a large repository's whole cache.
    small = select is not None and len(select) <= SMALL_SELECTION
    parse_cache = ParseCache(None if small else cache_dir, salt)
    parsed = reader.parse_all(candidates, parse_cache, progress)

    records: dict[str, dict[str, Record]] = {}
    for f in candidates:
        (kind, rid, raw, problems), blob = parsed[f.path]
        if problems:
            errors.extend(LoadError(f.path, line, reason, code, kind, rid) for line, code, reason in problems)
            continue
        assert kind is not None and rid is not None and raw is not None
        of_kind = records.setdefault(kind, {})
        if rid in of_kind:
            errors.append(
                LoadError(f.path, 1, f"{kind} id {rid!r} is already used by {of_kind[rid].path}", "duplicate", kind, rid)
            )
            continue
        of_kind[rid] = Record(kind, rid, f.path, blob, raw, f.blob is None)

    read_at = time.perf_counter()
    facts, versions = None, 0
    if commit is not None and history:
        every = [r for by_id in records.values() for r in by_id.values()]
        facts, versions = _provenance(reader, commit, by_path, every, people, parse_cache, cache_dir, history_of)
        if facts.shallow:
            notes.append("the repository is a shallow clone: history before its oldest commits is missing, so the "
                         "checks of history do not judge those commits (fetch the full history for an audit)")
    parse_cache.save()
    history_seconds = time.perf_counter() - read_at

    return Snapshot(
        repository=str(repo.root or repo.git_dir),
        revision=commit,
        worktree=worktree,
        as_of=as_of.isoformat() if as_of else None,
        reference_time=reference,
        config=config,
        records=records,
        people=people,
        people_lines=people_lines,
        errors=tuple(errors),
        notes=tuple(notes),
        files=len(candidates),
        stats=LoadStats(load_seconds=time.perf_counter() - started, parsed=reader.parsed, cached=reader.cached,
                        parse_workers=reader.workers, history_seconds=history_seconds,
                        history_walked=bool(facts and facts.commits_walked),
                        history_commits_walked=facts.commits_walked if facts else 0,
                        history_versions_parsed=versions),
        git=facts,
        line_reader=_line_reader(reader, parse_cache),
    )


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


def _revision(
    repo: GitRepository, rev: str | None, as_of: date | None, now: datetime | None, notes: list[str]
) -> tuple[str | None, list[Entry], bool, datetime]:
    """The commit to read (None: no commit yet), its files, whether they are the work tree's,
    and the reference time its checks judge against."""
    if as_of is not None:
        end_of_day = f"{as_of.isoformat()}T23:59:59Z"
        commit = repo.last_commit_before(end_of_day)
        if commit is None:
            raise EvidenceError(f"the repository has no commit on or before {as_of.isoformat()}")
        reference = datetime(as_of.year, as_of.month, as_of.day, 23, 59, 59, tzinfo=timezone.utc)
        return commit, repo.tree(commit), False, reference
    if rev is not None:
        commit = repo.resolve(rev)
        return commit, repo.tree(commit), False, now or _now()
    if repo.root is None:
        raise EvidenceError("a bare repository has no work tree: name a revision with --rev or --as-of")
    return repo.head(), _worktree_files(repo, notes), True, now or _now()


def record_files(files: Iterable[Entry], config: RepoConfig) -> list[Entry]:
    """The files that hold records, by path: YAML and JSON files outside hidden folders, less
    the configuration files and what ``exclude`` leaves out."""
    excluded = _exclusion(config.exclude)
    return sorted((f for f in files if _is_record_path(f.path) and not excluded(f.path)), key=lambda f: f.path)


def reference_index(path: Path, rev: str | None, cache_dir: Path | None) -> tuple[ReferenceIndex, RepoConfig]:
    """The references between the record files of a revision (the work tree without ``rev``),
    read from their bytes (indexed by blob in the cache folder), and the revision's configuration."""
    repo = GitRepository(path)
    commit, files, worktree, _ = _revision(repo, rev, None, None, [])
    reader = _Reader(repo, worktree)
    config = _load_config(reader, next((f for f in files if f.path == CONFIG_FILE), None))
    wanted = {f.path: f.blob for f in record_files(files, config)}
    tree = repo.git("rev-parse", f"{commit}^{{tree}}").decode().strip() if commit and not worktree else None

    def blobs(ids: list[str]) -> Iterator[tuple[str, bytes | None]]:
        for blob, data, _ in repo.read_blobs(ids, config.max_record_bytes):
            yield blob, data

    def disk(p: str) -> bytes | None:
        try:
            return reader._read_disk(Entry(p, "", None))[0]
        except ParseFailure:
            return None

    return index_files(wanted, MentionIndex(cache_dir), tree, blobs, disk), config


# -- which files -------------------------------------------------------------


def _worktree_files(repo: GitRepository, notes: list[str]) -> list[Entry]:
    modified, deleted = repo.worktree_differences()
    files: list[Entry] = []
    for entry in repo.index():
        if entry.mode == GITLINK_MODE:
            continue
        if entry.path in deleted:
            if _is_record_path(entry.path):
                notes.append(f"{entry.path} is tracked but deleted in the work tree; scanned without it")
            continue
        files.append(Entry(entry.path, entry.mode, None if entry.path in modified else entry.blob))
    files.extend(Entry(p, "", None) for p in repo.untracked())
    return files


def _is_record_path(path: str) -> bool:
    """A YAML or JSON file outside hidden folders, other than the two configuration files."""
    if not path.endswith(RECORD_SUFFIXES) and not path.lower().endswith(RECORD_SUFFIXES):
        return False
    return path not in (CONFIG_FILE, PEOPLE_FILE) and not path.startswith(".") and "/." not in path


def _exclusion(patterns: Iterable[str]) -> Callable[[str], bool]:
    """One regular expression for every exclude pattern: it is matched against each path."""
    combined = re.compile("|".join(f"(?:{_glob(p)})" for p in patterns) or r"(?!)")
    return lambda path: combined.match(path) is not None


def _glob(pattern: str) -> str:
    """A path glob: ``**`` spans folders, ``*`` and ``?`` stay within one."""
    out = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return "".join(out) + r"\Z"


# -- reading and parsing -----------------------------------------------------


class _Reader:
    """Reads files from git objects or the work tree, never following links."""

    def __init__(self, repo: GitRepository, worktree: bool) -> None:
        self.repo = repo
        self.worktree = worktree
        self.limit = RepoConfig().max_record_bytes
        self.parsed = 0
        self.cached = 0
        self.workers = 1

    def read_one(self, f: Entry) -> bytes:
        """The bytes of a single small file (configuration); problems raise ParseFailure."""
        problem = self._link_problem(f)
        if problem:
            raise ParseFailure(1, problem)
        if f.blob is None:
            return self._read_disk(f)[0]
        for _, data, size in self.repo.read_blobs([f.blob], self.limit):
            if data is None:
                raise ParseFailure(1, _too_big(size, self.limit))
            return data
        raise ParseFailure(1, "git could not read the file")

    def parse_all(
        self, files: list[Entry], parse_cache: ParseCache, progress: Progress | None
    ) -> dict[str, tuple[ParsedTuple, str]]:
        results: dict[str, tuple[ParsedTuple, str]] = {}
        pending: dict[str, list[Entry]] = {}
        total = len(files)
        done = 0

        def tick() -> None:
            if progress is not None and (done % 500 == 0 or done == total):
                progress(done, total)

        for f in files:
            problem = self._link_problem(f)
            if problem:
                results[f.path] = (_failed(1, "unreadable", problem), "")
            elif f.blob is None:
                try:
                    data, blob = self._read_disk(f)
                except ParseFailure as failure:
                    results[f.path] = (_failed(failure.line, "unreadable", failure.reason), "")
                else:
                    results[f.path] = (self._parse(f.path, blob, data, parse_cache), blob)
            elif (hit := parse_cache.get(f.blob)) is not None:
                self.cached += 1
                results[f.path] = (hit, f.blob)
            else:
                pending.setdefault(f.blob, []).append(f)
                continue
            done += 1
            tick()

        self.workers = parse_workers(len(pending))
        for blob, parsed, size in self.parse_blobs({blob: fs[0].path for blob, fs in pending.items()}, parse_cache):
            if parsed is None:
                parsed = _failed(1, "unreadable", _too_big(size, self.limit))
            else:
                self.parsed += 1
            for f in pending[blob]:
                results[f.path] = (parsed, blob)
                done += 1
                tick()
        return results

    def parse_blobs(
        self, wanted: Mapping[str, str], parse_cache: ParseCache
    ) -> Iterator[tuple[str, Parsed | None, int]]:
        """Blobs (id to a path they are at) read from git in one pass and parsed, on every core
        when there are many, each result put in the cache: ``(blob, parsed, size)``, parsed
        None for a blob over the size limit."""
        sent: list[str] = []  # blobs handed to the parser, in the order its results come back
        too_big: list[tuple[str, int]] = []

        def jobs() -> Iterator[tuple[str, bytes]]:
            for blob, content, size in self.repo.read_blobs(list(wanted), self.limit):
                if content is None:
                    too_big.append((blob, size))
                else:
                    sent.append(blob)
                    yield wanted[blob], content

        for i, parsed in enumerate(parse_records(jobs(), len(wanted))):
            parse_cache.put(sent[i], parsed)
            yield sent[i], parsed, 0
        for blob, size in too_big:
            yield blob, None, size

    def _parse(self, path: str, blob: str, data: bytes, parse_cache: ParseCache) -> ParsedTuple:
        hit = parse_cache.get(blob)
        if hit is not None:
            self.cached += 1
            return hit
        self.parsed += 1
        result = read_record(path, data)
        parse_cache.put(blob, result)
        return result

    def _link_problem(self, f: Entry) -> str | None:
        root = self.repo.root
        if f.mode == SYMLINK_MODE or (f.blob is None and root is not None and _is_link(root / f.path)):
            target = ""
            if root is not None and self.worktree:
                try:
                    target = os.readlink(root / f.path)
                except OSError:
                    target = ""
            where = ""
            if target and root is not None:
                resolved = (root / f.path).parent.joinpath(target).resolve()
                inside = resolved.is_relative_to(root.resolve())
                where = f" to {target}" + ("" if inside else ", outside the repository")
            return f"is a symbolic link{where}: records must be regular files, so it was not read"
        return None

    def _read_disk(self, f: Entry) -> tuple[bytes, str]:
        assert self.repo.root is not None
        full = self.repo.root / f.path
        try:
            size = full.lstat().st_size
            if size > self.limit:
                raise ParseFailure(1, _too_big(size, self.limit))
            data = full.read_bytes()
        except FileNotFoundError:
            raise ParseFailure(1, "the file disappeared while the scan was reading the work tree") from None
        except IsADirectoryError:
            raise ParseFailure(1, "is a directory, not a file") from None
        except OSError as exc:
            raise ParseFailure(1, f"cannot be read: {exc.strerror}") from None
        return data, blob_id(data)


# -- history -----------------------------------------------------------------


def _provenance(
    reader: _Reader,
    commit: str,
    by_path: Mapping[str, Entry],
    records: list[Record],
    people: Mapping[str, Mapping[str, Any]],
    parse_cache: ParseCache,
    cache_dir: Path | None,
    only: AbstractSet[str] | None = None,
) -> tuple[GitFacts, int]:
    """The records' ``_git`` facts: one walk of the history (or its cache), the historic
    versions of records that changed, and the artifacts' digests, each in one git pass.
    Also says how many historic versions had to be parsed (the others were cached)."""
    repo = reader.repo
    committed = [path for path, f in by_path.items() if f.mode]  # untracked files have no history
    if only is not None:
        records = [r for r in records if r.path in only]
        limited = _with_artifacts(records, only) & set(committed)
    if only is not None and len(limited) <= LIMITED_WALK_MAX:
        history = file_history(repo, commit, limited)
    else:
        history = read_history(repo, commit, committed, cache_dir)
    versions_parsed: list[str] = []  # earlier versions of records, read for the first time

    def parse_blobs(wanted: Mapping[str, str]) -> dict[str, bytes | None]:
        out: dict[str, bytes | None] = {}
        missing: dict[str, str] = {}
        for blob, path in wanted.items():
            hit = parse_cache.get(blob)
            if hit is None:
                missing[blob] = path
            else:
                out[blob] = hit[2]
        for blob, parsed, _ in reader.parse_blobs(missing, parse_cache):
            out[blob] = parsed.raw if parsed is not None else None
            if parsed is not None:
                versions_parsed.append(blob)
        return out

    def digests(paths: AbstractSet[str]) -> dict[str, tuple[bool, str | None]]:
        entries = {p: by_path[p] for p in paths if p in by_path}
        by_blob = artifact_digests(repo, (e.blob for e in entries.values() if e.blob), cache_dir, MAX_ARTIFACT_BYTES)
        found: dict[str, tuple[bool, str | None]] = {p: (False, None) for p in paths}
        for path, entry in entries.items():
            if entry.blob is not None:
                found[path] = (True, by_blob.get(entry.blob))
            else:
                try:
                    found[path] = (True, _hash_file(repo, path))
                except OSError:
                    found[path] = (True, None)
        return found

    facts = gather(history, records, people, parse_blobs, digests)
    return facts, len(versions_parsed)


def _with_artifacts(records: Iterable[Record], paths: AbstractSet[str]) -> set[str]:
    """The paths and the artifact files the evidence manifests among the records list."""
    found = set(paths)
    for r in records:
        if r.kind == "evidence":
            found.update(str(a["path"]) for a in r.data().get("artifacts") or () if isinstance(a, dict) and a.get("path"))
    return found


def _hash_file(repo: GitRepository, path: str) -> str | None:
    """The sha256 of a work tree file, read in chunks; None for a link or one too big to hash."""
    assert repo.root is not None
    full = repo.root / path
    if _is_link(full) or full.stat().st_size > MAX_ARTIFACT_BYTES:
        return None
    h = hashlib.sha256()
    with full.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def _is_link(path: Path) -> bool:
    try:
        return stat.S_ISLNK(path.lstat().st_mode)
    except OSError:
        return False


def _too_big(size: int, limit: int) -> str:
    return (
        f"the file is {size / 1048576:.1f} MiB, over the {limit / 1048576:.0f} MiB limit for a record "
        "(max_record_bytes in regent.yaml); not read"
    )


def _failed(line: int, code: str, reason: str) -> Parsed:
    return Parsed(None, None, None, ((line, code, reason),))


def read_record(path: str, data: bytes) -> Parsed:
    """Parse and validate one record file."""
    try:
        doc = parse_document(path, data)
    except ParseFailure as failure:
        return _failed(failure.line, "unreadable", failure.reason)
    value = doc.value
    if not isinstance(value, dict):
        kind_name = type(value).__name__ if value is not None else "nothing"
        return _failed(1, "invalid", f"holds a {kind_name}, not a record: a record is a mapping with 'kind' and 'id'")
    kind = value.get("kind")
    rid = value.get("id")
    rid_text = rid if isinstance(rid, str) else None
    known = schemas.record_kinds()
    if kind is None:
        problem = (1, "invalid", f"has no 'kind': every record names its kind ({', '.join(known)})")
        return Parsed(None, rid_text, None, (problem,))
    if kind not in known:
        line = parse_document(path, data, lines=True).lines.get("kind", 1)
        problem = (line, "invalid", f"unknown kind {kind!r}; Regent knows {', '.join(known)}")
        return Parsed(None, rid_text, None, (problem,))
    found = list(schemas.problems(kind, value))[:MAX_PROBLEMS_PER_FILE]
    if found:
        lines = parse_document(path, data, lines=True).lines
        return Parsed(kind, rid_text, None, tuple((line_of(lines, p), "invalid", reason) for p, reason in found))
    try:
        dumped = orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS)
    except (orjson.JSONEncodeError, TypeError) as exc:
        return Parsed(kind, rid_text, None, ((1, "invalid", f"cannot be represented as JSON: {exc}"),))
    # orjson's result keeps the capacity of its growing buffer (about 8 KiB for a
    # 1 KiB record); an exact copy is what a snapshot of 100k records can afford.
    return Parsed(kind, rid_text, bytes(memoryview(dumped)))


PARALLEL_MIN = 2000  # below this many files, starting worker processes costs more than it saves
_CHUNK = 256


def parse_records(jobs: Iterable[tuple[str, bytes]], count: int) -> Iterator[Parsed]:
    """Each ``(path, bytes)`` parsed and validated, results in the order given.

    YAML parsing is most of a cold scan's time and runs in one core per
    process, so ``count`` files or more are parsed by a pool of worker
    processes, one per available core, while this process keeps reading
    blobs. The workers are started before ``jobs`` is first read, so that
    no reader thread exists when they fork.
    """
    workers = parse_workers(count)
    if workers < 2:
        for path, data in jobs:
            yield read_record(path, data)
        return
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        pool.submit(int).result()
        pending: deque[Future[list[Parsed]]] = deque()
        chunk: list[tuple[str, bytes]] = []
        for job in jobs:
            chunk.append(job)
            if len(chunk) == _CHUNK:
                pending.append(pool.submit(_parse_chunk, chunk))
                chunk = []
                while len(pending) > 4 * workers:  # bound what waits in memory
                    yield from pending.popleft().result()
        if chunk:
            pending.append(pool.submit(_parse_chunk, chunk))
        while pending:
            yield from pending.popleft().result()


def parse_workers(count: int) -> int:
    """How many processes parse ``count`` files: one per available core (up to 8) for many files, else one."""
    return min(len(os.sched_getaffinity(0)), 8) if count >= PARALLEL_MIN else 1


def _parse_chunk(chunk: list[tuple[str, bytes]]) -> list[Parsed]:
    return [read_record(path, data) for path, data in chunk]


def _line_reader(reader: _Reader, parse_cache: ParseCache) -> Callable[[Iterable[Record]], dict[str, FieldLines]]:
    """Says where records' fields start: from the cache, else by reading the files again in one git pass."""

    def read(records: Iterable[Record]) -> dict[str, FieldLines]:
        result: dict[str, FieldLines] = {}
        missing: dict[str, Record] = {}
        for record in records:
            known = parse_cache.lines(record.blob)
            if known is not None:
                result[record.path] = known
            else:
                missing[record.path] = record
        from_git = {r.blob for r in missing.values() if not r.on_disk}
        contents = {blob: data for blob, data, _ in reader.repo.read_blobs(sorted(from_git), reader.limit)}
        for path, record in missing.items():
            try:
                data = reader.read_one(Entry(path, "", None)) if record.on_disk else contents.get(record.blob)
                lines = field_lines(path, data) if data is not None else {}
            except (ParseFailure, ValueError):
                lines = {}
            result[path] = lines
            parse_cache.put_lines(record.blob, lines)
        parse_cache.save()
        return result

    return read


# -- regent.yaml and people.yaml ----------------------------------------------


def _load_config(reader: _Reader, f: Entry | None) -> RepoConfig:
    return RepoConfig() if f is None else config_from_bytes(f.path, reader.read_one(f))


def read_worktree_config(root: Path) -> RepoConfig:
    """The ``regent.yaml`` in a folder (defaults when there is none), for commands that read no records."""
    path = root / CONFIG_FILE
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return RepoConfig()
    except OSError as exc:
        raise ConfigError(f"{path}: {exc.strerror}") from None
    return config_from_bytes(CONFIG_FILE, data)


def config_from_bytes(path: str, data: bytes) -> RepoConfig:
    """A ``regent.yaml`` document, parsed and validated; ConfigError names the line of the first problem."""
    try:
        doc = parse_document(path, data, lines=True)
    except ParseFailure as failure:
        raise ConfigError(f"{CONFIG_FILE}:{failure.line}: {failure.reason}") from None
    value: Any = doc.value if doc.value is not None else {}
    for fieldpath, reason in schemas.problems(schemas.CONFIG, value):
        raise ConfigError(f"{CONFIG_FILE}:{line_of(doc.lines, fieldpath)}: {reason}")
    return RepoConfig.from_mapping(value)


def _load_people(
    reader: _Reader, f: Entry | None, errors: list[LoadError]
) -> tuple[dict[str, dict[str, Any]], Mapping[str, FieldLines]]:
    """The people of people.yaml by id, and each one's line map (field path to line)."""
    if f is None:
        return {}, {}
    try:
        doc = parse_document(f.path, reader.read_one(f), lines=True)
    except ParseFailure as failure:
        errors.append(LoadError(f.path, failure.line, failure.reason, "unreadable"))
        return {}, {}
    bad = list(schemas.problems(schemas.PEOPLE, doc.value))
    if bad:
        errors.extend(LoadError(f.path, line_of(doc.lines, p), reason, "invalid") for p, reason in bad)
        return {}, {}
    people: dict[str, dict[str, Any]] = {}
    kept: dict[str, str] = {}  # list index -> id of the entry kept for that person
    for index, person in enumerate(doc.value.get("people") or []):
        pid = person["id"]
        if pid in people:
            line = line_of(doc.lines, ("people", index))
            errors.append(LoadError(f.path, line, f"person id {pid!r} is listed twice", "duplicate", "person", pid))
            continue
        people[pid] = {"active": True, **person}
        kept[str(index)] = pid
    # Each kept entry's lines, relative to the entry, in one pass over the file's line map.
    lines: dict[str, dict[str, int]] = {pid: {} for pid in people}
    for key, line in doc.lines.items():
        root, _, rest = key.partition("/")
        position, _, field = rest.partition("/")
        if root == "people" and position in kept:
            lines[kept[position]][field] = line
    return people, lines
