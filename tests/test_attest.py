"""``regent attest`` and ``regent verify``: a signed scan of the demo at October's end, checked as an
auditor would check it: the envelope and its signature by the DSSE and in-toto definitions with
ssh-keygen itself, then verified, tampered with, signed by a stranger, and run against a rewritten
repository."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable

import pytest
from click.testing import Result

from regent.attestation.dsse import pae

ROOT = Path(__file__).resolve().parent.parent
AUDITEE = "it-governance@harbourline.example"


def git(repo: Path, *args: str, **env: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True,
                          env={**os.environ, **env}).stdout.strip()


def keypair(folder: Path, name: str) -> Path:
    key = folder / name
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(key)], check=True)
    return key


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo repository, whose allowed signers (git's gpg.ssh.allowedSignersFile) also list the key
    the organisation attests with."""
    dest = tmp_path_factory.mktemp("demo") / "harbourline"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_demo.py"), str(dest)], check=True,
                   capture_output=True)
    return dest


@pytest.fixture(scope="module")
def keys(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("keys")
    ours, stranger = keypair(folder, "attest"), keypair(folder, "stranger")
    signers = Path(git(demo, "config", "gpg.ssh.allowedSignersFile"))
    with signers.open("a") as fh:
        fh.write(f"{AUDITEE} {ours.with_suffix('.pub').read_text().strip()}\n")
    only_ours = folder / "allowed_signers"
    only_ours.write_text(f"{AUDITEE} {ours.with_suffix('.pub').read_text().strip()}\n")
    return {"ours": ours, "stranger": stranger, "allowed": only_ours, "git_allowed": signers}


@pytest.fixture(scope="module")
def attestation(demo: Path, keys: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo attested as of 2026-10-31 with the organisation's key, through the installed command."""
    out = tmp_path_factory.mktemp("att") / "october.intoto.json"
    done = subprocess.run([str(Path(sys.executable).parent / "regent"), "attest", str(demo), "--as-of", "2026-10-31",
                           "--key", str(keys["ours"]), "-o", str(out)], capture_output=True, text=True,
                          env={**os.environ, "CI": "true"})
    assert done.returncode == 0, done.stderr
    assert "attested: commit" in done.stderr and "signed with SHA256:" in done.stderr
    return out


def statement_of(envelope: dict[str, Any]) -> dict[str, Any]:
    return json.loads(base64.b64decode(envelope["payload"]))


def test_the_envelope_is_dsse_and_its_statement_names_the_commit_and_how_to_run_it_again(
        demo: Path, keys: dict[str, Path], attestation: Path, tmp_path: Path) -> None:
    envelope = json.loads(attestation.read_text())
    assert envelope["payloadType"] == "application/vnd.in-toto+json"
    [signature] = envelope["signatures"]
    payload = base64.b64decode(envelope["payload"])

    # The signature is over DSSE's pre-authentication encoding, checked here with ssh-keygen itself.
    encoded = b"DSSEv1 %d application/vnd.in-toto+json %d " % (len("application/vnd.in-toto+json"), len(payload))
    sig = tmp_path / "sig"
    blob = base64.b64encode(base64.b64decode(signature["sig"])).decode()
    sig.write_text("-----BEGIN SSH SIGNATURE-----\n" + "\n".join(blob[i:i + 70] for i in range(0, len(blob), 70))
                   + "\n-----END SSH SIGNATURE-----\n")
    checked = subprocess.run(["ssh-keygen", "-Y", "verify", "-f", str(keys["allowed"]), "-I", AUDITEE,
                              "-n", "regent-attestation", "-s", str(sig)], input=encoded + payload,
                             capture_output=True)
    assert checked.returncode == 0, checked.stderr
    fingerprint = subprocess.run(["ssh-keygen", "-l", "-f", str(keys["ours"].with_suffix(".pub"))],
                                 capture_output=True, text=True, check=True).stdout.split()[1]
    assert signature["keyid"] == fingerprint

    statement = statement_of(envelope)
    assert statement["_type"] == "https://in-toto.io/Statement/v1"
    october = git(demo, "rev-list", "-1", "--first-parent", "--before=2026-10-31T23:59:59Z", "HEAD")
    assert statement["subject"] == [{"name": "harbourline", "digest": {"gitCommit": october}}]
    assert statement["predicateType"].startswith("https://")
    p = statement["predicate"]
    assert p["scan"] == {"revision": october, "as_of": "2026-10-31", "reference_time": "2026-10-31T23:59:59Z",
                         "frameworks": ["cobit4", "cobit2019", "iso20000", "iso17799", "iso27002"]}
    assert p["policies"]["digest"].startswith("sha256:") and p["opa"]["version"] and p["regent"]["version"]
    document = p["result"]["document"]
    assert p["summary"] == document["summary"] and p["summary"]["findings"] == len(document["findings"]) > 0
    assert "path" not in document["repository"]  # a clone elsewhere gives the same answer
    assert "REG-CHG-001" in {f["check"] for f in document["findings"]}


def test_the_attestation_verifies_with_gits_allowed_signers(
        invoke: Callable[..., Result], demo: Path, attestation: Path) -> None:
    result = invoke("verify", str(attestation), str(demo))
    assert result.exit_code == 0, result.output
    assert f"signature: good, by {AUDITEE}" in result.stdout
    assert "verified: same result (as of 2026-10-31" in result.stdout


def test_a_tampered_envelope_fails_as_a_bad_signature(
        invoke: Callable[..., Result], demo: Path, keys: dict[str, Path], attestation: Path, tmp_path: Path) -> None:
    envelope = json.loads(attestation.read_text())
    statement = statement_of(envelope)
    # Quietly drop a finding, keeping the statement consistent with itself.
    document = statement["predicate"]["result"]["document"]
    dropped = document["findings"].pop(0)
    document["summary"]["findings"] -= 1
    statement["predicate"]["summary"] = document["summary"]
    canonical = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    statement["predicate"]["result"]["digest"]["sha256"] = hashlib.sha256(canonical).hexdigest()
    envelope["payload"] = base64.b64encode(json.dumps(statement).encode()).decode()
    tampered = tmp_path / "tampered.json"
    tampered.write_text(json.dumps(envelope))

    result = invoke("verify", str(tampered), str(demo), "--allowed-signers", str(keys["allowed"]))
    assert result.exit_code == 2, result.output
    assert "bad signature" in result.stderr and "changed after it was signed" in result.stderr
    assert dropped["check"] not in result.stdout and "verified" not in result.stdout

    # Relabelling the payload's type breaks the signature too: the type is signed with the payload.
    relabelled = json.loads(attestation.read_text())
    relabelled["payloadType"] = "application/json"
    tampered.write_text(json.dumps(relabelled))
    result = invoke("verify", str(tampered), str(demo), "--allowed-signers", str(keys["allowed"]))
    assert result.exit_code == 2 and "not an in-toto statement" in result.stderr

    tampered.write_text("{\"payload\": \"not base64!\"")
    result = invoke("verify", str(tampered), str(demo), "--allowed-signers", str(keys["allowed"]))
    assert result.exit_code == 2 and f"{tampered}: not JSON" in result.stderr


def test_a_key_the_allowed_signers_do_not_list_is_untrusted(
        invoke: Callable[..., Result], demo: Path, keys: dict[str, Path], tmp_path: Path) -> None:
    forged = tmp_path / "forged.json"
    made = invoke("attest", str(demo), "--as-of", "2026-10-31", "--key", str(keys["stranger"]), "-o", str(forged))
    assert made.exit_code == 0, made.output
    result = invoke("verify", str(forged), str(demo))
    assert result.exit_code == 2, result.output
    fingerprint = subprocess.run(["ssh-keygen", "-l", "-f", str(keys["stranger"].with_suffix(".pub"))],
                                 capture_output=True, text=True, check=True).stdout.split()[1]
    assert f"untrusted signature: the ssh-ed25519 key {fingerprint} is not in the allowed signers" in result.stderr
    # --offline checks the signature too: it is the one thing it checks.
    assert invoke("verify", str(forged), str(demo), "--offline").exit_code == 2


def test_a_key_trusted_only_for_commits_may_not_sign_attestations(
        invoke: Callable[..., Result], demo: Path, keys: dict[str, Path], attestation: Path, tmp_path: Path) -> None:
    commits_only = tmp_path / "allowed_signers"
    commits_only.write_text(f'{AUDITEE} namespaces="git" {keys["ours"].with_suffix(".pub").read_text().strip()}\n')
    result = invoke("verify", str(attestation), str(demo), "--allowed-signers", str(commits_only), "--offline")
    assert result.exit_code == 2, result.output
    assert f"untrusted signature: {AUDITEE}" in result.stderr and "may not sign attestations" in result.stderr
    assert "not permitted for use in signature namespace" in result.stderr


def test_a_repository_rewritten_after_the_attestation_fails_naming_what_changed(
        invoke: Callable[..., Result], demo: Path, keys: dict[str, Path], attestation: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(demo), str(clone)], check=True)
    git(clone, "config", "gpg.ssh.allowedSignersFile", str(keys["git_allowed"]))
    assert invoke("verify", str(attestation), str(clone)).exit_code == 0  # the clone gives the same answer

    # History rewritten: the October commit amended to drop a change record with open findings, its
    # dates kept, and everything after it dropped.
    statement = statement_of(json.loads(attestation.read_text()))
    october = statement["subject"][0]["digest"]["gitCommit"]
    document = statement["predicate"]["result"]["document"]
    target = next(f for f in document["findings"] if f["status"] == "fail" and f["record"]["kind"] == "change")
    git(clone, "reset", "-q", "--hard", october)
    git(clone, "rm", "-q", target["record"]["path"])
    dates = git(clone, "log", "-1", "--format=%aI|%cI").split("|")
    git(clone, "-c", "commit.gpgsign=false", "commit", "-q", "--amend", "--no-edit",
        GIT_AUTHOR_DATE=dates[0], GIT_COMMITTER_DATE=dates[1])
    rewritten = git(clone, "rev-parse", "HEAD")
    assert rewritten != october

    result = invoke("verify", str(attestation), str(clone))
    assert result.exit_code == 1, result.output
    assert "differs: the scan run again gives another result" in result.stdout
    assert f"is now {rewritten}" in result.stdout
    gone = result.stdout.split("findings gone", 1)[1]
    assert f"- {target['check']}" in gone and target["record"]["id"] in gone
    assert "verified:" not in result.stdout

    # --offline checks only the signature, which still holds.
    offline = invoke("verify", str(attestation), str(clone), "--offline")
    assert offline.exit_code == 0 and "signature only" in offline.stdout


def test_an_attestation_of_a_named_revision_verifies(
        invoke: Callable[..., Result], demo: Path, keys: dict[str, Path], tmp_path: Path) -> None:
    attested = tmp_path / "head.intoto.json"
    made = invoke("attest", str(demo), "--rev", "HEAD", "--key", str(keys["ours"]), "-o", str(attested))
    assert made.exit_code == 0, made.output
    scan = statement_of(json.loads(attested.read_text()))["predicate"]["scan"]
    assert scan["as_of"] is None and scan["revision"] == git(demo, "rev-parse", "HEAD")

    result = invoke("verify", str(attested), str(demo))
    assert result.exit_code == 0, result.output
    assert f"verified: same result (at {scan['reference_time']}" in result.stdout


def test_the_demos_workbook_holds_every_finding_and_control(
        invoke: Callable[..., Result], demo: Path, attestation: Path, tmp_path: Path) -> None:
    import openpyxl

    book_file = tmp_path / "october.xlsx"
    assert invoke("scan", str(demo), "--as-of", "2026-10-31", "--format", "xlsx", "-o", str(book_file)).exit_code == 1
    document = statement_of(json.loads(attestation.read_text()))["predicate"]["result"]["document"]
    book = openpyxl.load_workbook(book_file)
    findings = list(book["Findings"].iter_rows(min_row=2, values_only=True))
    assert sorted((r[2], r[8]) for r in findings) == sorted((f["check"], f["message"]) for f in document["findings"])
    controls = {(sheet.title, row[0]) for sheet in book.worksheets[:5] for row in sheet.iter_rows(min_row=2,
                                                                                                values_only=True)}
    assert len(controls) == len(document["controls"])


def test_attest_needs_a_commit_and_verify_needs_someone_to_trust(
        invoke: Callable[..., Result], demo: Path, keys: dict[str, Path], attestation: Path, tmp_path: Path) -> None:
    worktree = invoke("attest", str(demo), "--key", str(keys["ours"]))
    assert worktree.exit_code == 2 and "--as-of DATE" in worktree.stderr and worktree.stdout == ""

    bare = tmp_path / "plain"
    subprocess.run(["git", "init", "-q", str(bare)], check=True)
    result = invoke("verify", str(attestation), str(bare))
    assert result.exit_code == 2 and "no allowed signers" in result.stderr


def test_pae_is_the_dsse_encoding() -> None:
    assert pae("http://example.com/HelloWorld", b"hello world") == \
        b"DSSEv1 29 http://example.com/HelloWorld 11 hello world"
    assert pae("t", "é".encode()) == b"DSSEv1 1 t 2 \xc3\xa9"  # lengths in bytes, not characters
