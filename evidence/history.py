"""What the repository's history says of each file, gathered in one walk.

One ``git log --raw`` over the scanned commit lists every commit with the
files it added, changed, renamed or deleted and the blob each change left.
Walking it newest first, each file at the scanned revision collects its
*touches* (the commits that changed it, newest first, ending with the one
that created it), following renames back to the file's first name.

Signatures are checked only for commits that carry one: the commit objects
are read in one ``git cat-file --batch`` pass, and the signed ones go to
``git log --no-walk`` in one more call, which verifies them with git's own
configuration (``gpg.format``, ``gpg.ssh.allowedSignersFile``, the GPG
keyring). Everything is cached by commit id, trust settings and the shallow
clone's edge (a shallow clone and a full one of the same commit have different
histories): a second scan of the same revision does not walk again. The cache
files are JSON (see :mod:`evidence.cachefile`).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, NamedTuple

from regent.evidence import cachefile
from regent.evidence.gitrepo import GitRepository

_FORMAT = "%x1e%H%x1f%an%x1f%ae%x1f%aI%x1f%cI%x1f%at%x1f%ct"
_CACHE_VERSION = 3
_NS = 1_000_000_000
KEEP_REVISIONS = 16  # history caches kept: one file per revision scanned, the most recently used

# git's one-letter verdicts (%G?), in words a policy can read.
SIGNATURE_WORDS = {
    "G": "good",  # verified against a trusted key
    "B": "bad",  # the signature does not match the commit
    "U": "untrusted",  # made by a key git does not trust (not in the allowed signers, or unknown validity)
    "X": "expired",  # the signature has expired
    "Y": "expired",  # made by a key that has since expired
    "R": "revoked",  # made by a revoked key
    "E": "unverifiable",  # git could not check it (no key, no gpg)
    "N": "none",
}


class Commit(NamedTuple):
    """One commit, as the history facts name it. ``order`` counts from the oldest (0) in
    topological order, so a policy can say which of two commits came later."""

    sha: str
    order: int
    author: str
    email: str
    authored: str
    committed: str
    authored_ns: int
    committed_ns: int
    boundary: bool  # the edge of a shallow clone: what it seems to add may be older
    signature: str = "none"
    signer: str = ""


class Touch(NamedTuple):
    """A commit that changed a file: the blob it left and whether the bytes changed
    (a pure rename or mode change leaves them as they were)."""

    sha: str
    blob: str
    changed: bool


@dataclass
class History:
    """The facts of one walk: commits by sha and, for each file at the revision, its touches."""

    revision: str
    shallow: bool
    commits: dict[str, Commit] = field(default_factory=dict)
    files: dict[str, list[Touch]] = field(default_factory=dict)
    commits_walked: int = 0  # how many commits this scan's git log read; 0 when all came from the cache

    def touches(self, path: str) -> list[Touch]:
        return self.files.get(path, [])


def read_history(repo: GitRepository, revision: str, paths: Iterable[str], cache_dir: Path | None) -> History:
    """The history of ``revision``: from the cache when this revision was walked before with
    the same trust settings and shallow edge; else, when an ancestor's history is cached, that
    history with only the commits since walked; else one walk of everything."""
    condition = _condition(repo)
    cache = _cache_file(cache_dir, revision, condition) if cache_dir else None
    if cache is not None and (history := _load(cache, revision)) is not None:
        history.commits_walked = 0
        return history
    base = _cached_ancestor(repo, revision, cache_dir, condition) if cache_dir else None
    history, alive = _walk(repo, revision, paths, since=base.revision if base else None)
    _verify_signatures(repo, history)
    if base is not None:
        history = _extend(base, history, alive)
    if cache is not None:
        _save(cache, history)
    return history


def _condition(repo: GitRepository) -> str:
    """What else decides a revision's history facts: git's trust settings and the shallow clone's edge."""
    shallow = hashlib.sha256("\n".join(sorted(_shallow_commits(repo))).encode()).hexdigest()
    return f"{trust_digest(repo)[:16]}-{shallow[:16]}"


def _cache_file(cache_dir: Path, revision: str, condition: str) -> Path:
    return cache_dir / f"history-{_CACHE_VERSION}-{revision}-{condition}.json"


def _load(path: Path, revision: str) -> History | None:
    history = cachefile.read(path, "history", _CACHE_VERSION, _decode)
    if history is None:
        return None
    if history.revision != revision:
        cachefile.note(f"cache file {path} is damaged (it holds another revision): ignored and rebuilt")
        return None
    try:
        os.utime(path)  # recently used: kept when older revisions' files are pruned
    except OSError:
        pass
    return history


def _encode(history: History) -> dict[str, object]:
    return {"revision": history.revision, "shallow": history.shallow,
            "commits": [list(c) for c in history.commits.values()],
            "files": {path: [list(t) for t in touches] for path, touches in history.files.items()}}


def _decode(frames: list[object]) -> History:
    """The one frame as a History; raises on any value not of the shape written."""
    (doc,) = frames
    if not isinstance(doc, dict) or not isinstance(doc["revision"], str) or not isinstance(doc["shallow"], bool):
        raise cachefile.Damaged("it is not a history")
    commits = {}
    for row in doc["commits"]:
        commit = Commit(*row)
        if not all(isinstance(getattr(commit, f), t) for f, t in _COMMIT_TYPES):
            raise cachefile.Damaged(f"commit {row[0]!r} is not a commit")
        commits[commit.sha] = commit
    files = {}
    for path, touches in doc["files"].items():
        files[path] = [Touch(str(sha), str(blob), bool(changed)) for sha, blob, changed in touches]
        if not all(t.sha in commits for t in files[path]):
            raise cachefile.Damaged(f"{path!r} is touched by a commit the history does not hold")
    return History(doc["revision"], doc["shallow"], commits, files)


_COMMIT_TYPES = (("sha", str), ("order", int), ("author", str), ("email", str), ("authored", str),
                 ("committed", str), ("authored_ns", int), ("committed_ns", int), ("boundary", bool),
                 ("signature", str), ("signer", str))


def _cached_ancestor(repo: GitRepository, revision: str, cache_dir: Path, condition: str) -> History | None:
    """The most recently used cached history of an ancestor of ``revision`` (same trust settings and
    shallow edge)."""
    try:
        found = sorted(cache_dir.glob(f"history-{_CACHE_VERSION}-*-{condition}.json"),
                       key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return None
    for path in found:
        candidate = path.name.split("-")[2]
        if candidate != revision and repo.is_ancestor(candidate, revision):
            history = _load(path, candidate)
            if history is not None and history.shallow == bool(_shallow_commits(repo)):
                return history
    return None


def _extend(base: History, new: History, alive: dict[str, str]) -> History:
    """An ancestor's history continued by the commits walked since: each file's new touches
    first, then what the ancestor knew of it under the name it had there."""
    offset = len(base.commits)
    commits = dict(base.commits)
    commits.update((sha, c._replace(order=c.order + offset)) for sha, c in new.commits.items())
    files: dict[str, list[Touch]] = {}
    for then, now in alive.items():
        older = base.files.get(then)
        if older:
            files[now] = new.files.get(now, []) + older
    for path, touches in new.files.items():
        files.setdefault(path, touches)
    return History(new.revision, new.shallow, commits, files, commits_walked=new.commits_walked)


def walk(repo: GitRepository, revision: str, paths: Iterable[str]) -> History:
    """One ``git log`` over every commit reachable from ``revision``, for the files
    ``paths`` (those of the revision's tree)."""
    return _walk(repo, revision, paths)[0]


def file_history(repo: GitRepository, revision: str, paths: Iterable[str]) -> History:
    """The history of a few files only, uncached: ``git log`` limited to them, which git
    answers in milliseconds by pruning every tree it need not open. A file renamed from a
    path outside ``paths`` is seen as created by the rename (git detects renames only among
    the paths it is asked about). Signatures are verified as in a whole walk."""
    wanted = sorted(paths)
    history = _walk(repo, revision, wanted, limit=wanted)[0]
    _verify_signatures(repo, history)
    return history


def _walk(
    repo: GitRepository, revision: str, paths: Iterable[str], since: str | None = None,
    limit: Iterable[str] | None = None,
) -> tuple[History, dict[str, str]]:
    """The walk, of the commits not reachable from ``since`` when given, and only of the
    commits touching the files ``limit`` when given. Also returns, for each file whose
    creation the walk did not reach, its name before the oldest commit read."""
    shallow = _shallow_commits(repo)
    out = repo.git(
        "log", "--raw", "--no-abbrev", "-M", "-z", "--topo-order", f"--format={_FORMAT}", revision,
        *([f"^{since}"] if since else []), "--", *(f":(literal){p}" for p in (limit or ())),
    )
    chunks = out.split(b"\x1e")[1:]
    total = len(chunks)
    history = History(revision, bool(shallow), commits_walked=total)
    # A file's name in the commit being read -> its name at the revision.
    alive: dict[str, str] = {path: path for path in paths}
    files = history.files
    for position, chunk in enumerate(chunks):
        header, _, body = chunk.partition(b"\x00")
        sha, author, email, authored, committed, at, ct = header.decode("utf-8", "replace").split("\x1f")
        history.commits[sha] = Commit(sha, total - 1 - position, author, email, authored, committed,
                                      int(at) * _NS, int(ct) * _NS, sha in shallow)
        tokens = body.split(b"\x00")
        i = 0
        while i < len(tokens):
            meta = tokens[i].lstrip(b"\n")
            if not meta.startswith(b":"):
                i += 1
                continue
            parts = meta.split()
            old_blob, new_blob, status = parts[2].decode(), parts[3].decode(), parts[4].decode()
            letter = status[0]
            if letter in "RC":
                source, target = _path(tokens[i + 1]), _path(tokens[i + 2])
                i += 3
            else:
                source = target = _path(tokens[i + 1])
                i += 2
            name = alive.get(target)
            if name is None:
                continue
            if letter == "A":
                del alive[target]
                files.setdefault(name, []).append(Touch(sha, new_blob, True))
            elif letter == "R":
                del alive[target]
                alive[source] = name
                files.setdefault(name, []).append(Touch(sha, new_blob, old_blob != new_blob))
            elif letter in "MT":
                files.setdefault(name, []).append(Touch(sha, new_blob, old_blob != new_blob))
    return history, alive


def _path(raw: bytes) -> str:
    return raw.decode("utf-8", "surrogateescape")


def _shallow_commits(repo: GitRepository) -> set[str]:
    try:
        return set((repo.git_dir / "shallow").read_text().split())
    except OSError:
        return set()


def trust_digest(repo: GitRepository) -> str:
    """What decides whether a signature verifies: git's gpg settings, the allowed signers
    file and the GPG keyring's state. A change to any of them checks signatures again."""
    h = hashlib.sha256()
    settings = repo.git("config", "--get-regexp", r"^gpg\.", check=False)
    h.update(settings)
    for line in settings.decode("utf-8", "replace").splitlines():
        key, _, value = line.partition(" ")
        if key.lower() == "gpg.ssh.allowedsignersfile" and value:
            h.update(_file_bytes(repo.resolve_path(value)))
    home = Path(os.environ.get("GNUPGHOME") or Path.home() / ".gnupg")
    for name in ("pubring.kbx", "pubring.gpg", "trustdb.gpg"):
        try:
            stat = (home / name).stat()
            h.update(f"{name}:{stat.st_mtime_ns}:{stat.st_size}".encode())
        except OSError:
            pass
    return h.hexdigest()


def _file_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


def _verify_signatures(repo: GitRepository, history: History) -> None:
    """Find the signed commits by their headers, then have git verify only those."""
    signed = [sha for sha, data, _ in repo.read_blobs(list(history.commits), 1 << 24)
              if data is not None and _has_signature(data)]
    if not signed:
        return
    out = repo.git("log", "--no-walk=unsorted", "--stdin", "--format=%H%x1f%G?%x1f%GS%x00",
                       input="\n".join(signed).encode(), check=False)
    for row in out.decode("utf-8", "replace").split("\x00"):
        parts = row.strip("\n").split("\x1f")
        if len(parts) == 3 and parts[0] in history.commits:
            sha, verdict, signer = parts
            word = SIGNATURE_WORDS.get(verdict, "unverifiable")
            history.commits[sha] = history.commits[sha]._replace(signature=word, signer=signer)
    for sha in signed:  # a signed commit git said nothing of cannot count as verified
        if history.commits[sha].signature == "none":
            history.commits[sha] = history.commits[sha]._replace(signature="unverifiable")


def _has_signature(commit_object: bytes) -> bool:
    headers = commit_object.partition(b"\n\n")[0]
    return b"\ngpgsig " in headers or b"\ngpgsig-sha256 " in headers


def _save(path: Path, history: History) -> None:
    """Write the facts for next time, keeping only the most recently used revisions' files."""
    if not cachefile.write(path, "history", _CACHE_VERSION, [_encode(history)]):
        return
    try:
        kept = sorted(path.parent.glob("history-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in kept[KEEP_REVISIONS:]:
            old.unlink(missing_ok=True)
    except OSError:
        return


def artifact_digests(repo: GitRepository, blobs: Iterable[str], cache_dir: Path | None, limit: int) -> dict[str, str]:
    """The sha256 of each blob's bytes, kept by blob id so that no artifact is hashed twice."""
    path = cache_dir / f"artifact-sha256-{_CACHE_VERSION}.json" if cache_dir else None
    known: dict[str, str] = (cachefile.read(path, "artifact-sha256", _CACHE_VERSION, _digests) or {}) if path else {}
    wanted = sorted(set(blobs))
    missing = [b for b in wanted if b not in known]
    if missing:
        for blob, data, _ in repo.read_blobs(missing, limit):
            if data is not None:
                known[blob] = hashlib.sha256(data).hexdigest()
        if path is not None:
            cachefile.write(path, "artifact-sha256", _CACHE_VERSION, [known])
    return {b: known[b] for b in wanted if b in known}


def _digests(frames: list[object]) -> dict[str, str]:
    (doc,) = frames
    if not isinstance(doc, dict) or not all(isinstance(v, str) and len(v) == 64 for v in doc.values()):
        raise cachefile.Damaged("it is not a map of digests")
    return doc
