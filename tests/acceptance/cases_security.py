"""Security checks (REG-SEC-001 to 021): access, leavers, baselines, periodic evidence, and what the
history testifies."""

from __future__ import annotations

from typing import Any

from tests.acceptance.model import Case, Group, Json, Step, breach, lookalike
from tests.acceptance.records import DROP, _apply, change, change_steps, evidence_files, manifest

GROUPS: dict[str, Group] = {}

_AT = "2026-11-10T12:00:00Z"
_GOOD = {"tls_min_version": "1.2", "audit_logging": True, "password_min_length": 14}


def _prod(cid: str, **fields: Any) -> dict[str, Any]:
    """A live production server, internal, medium, verified this month, at its baseline."""
    return _apply({"kind": "configuration_item", "id": cid, "name": cid.lower(), "type": "server", "owner": "alice",
                   "environment": "production", "status": "active", "classification": "internal",
                   "criticality": "medium", "last_verified": "2026-11-01", "settings": _GOOD}, fields)


def _item(cid: str, *evidence: dict[str, Any], at: str = _AT, **fields: Any) -> Step:
    files: dict[str, Any] = {f"cmdb/{cid}.yaml": _prod(cid, **fields)}
    for e in evidence:
        files.update(evidence_files(e))
    return Step("alice", at, files)


def _ev(eid: str, type_: str, subject: str, at: str, **fields: Any) -> dict[str, Any]:
    return manifest(eid, type_, [subject], at, **fields)


def _incident(iid: str, **fields: Any) -> dict[str, Any]:
    return _apply({"kind": "incident", "id": iid, "title": "Card payments time out", "priority": "P3",
                   "status": "closed", "opened": "2026-10-05T21:00:00Z", "resolved": "2026-10-05T23:00:00Z",
                   "closed": "2026-10-06T09:00:00Z", "services": ["SVC-1"]}, fields)


def _leaver(pid: str, **fields: Any) -> dict[str, Any]:
    return {"id": pid, "name": pid.title(), "emails": [f"{pid}@example.com"], "roles": ["engineer"], **fields}


CASES: list[Case] = [
    breach("REG-SEC-001", "restricted system, Q3 covered for two months only", _item(
        "CI-S11", _ev("EV-S11A", "access_review", "CI-S11", "2026-08-05T09:00:00Z", period="2026-07"),
        _ev("EV-S11B", "access_review", "CI-S11", "2026-09-05T09:00:00Z", period="2026-09"),
        classification="restricted"), flagged=("CI-S11",)),
    lookalike("REG-SEC-001", "monthly reviews cover Q3", _item(
        "CI-S12", _ev("EV-S12A", "access_review", "CI-S12", "2026-08-05T09:00:00Z", period="2026-07"),
        _ev("EV-S12B", "access_review", "CI-S12", "2026-09-05T09:00:00Z", period="2026-08"),
        _ev("EV-S12C", "access_review", "CI-S12", "2026-10-05T09:00:00Z", period="2026-09"),
        classification="confidential")),
    breach("REG-SEC-002", "service owned by a leaver", Step("gus", _AT, {"services/SVC-S21.yaml": {
        "kind": "service", "id": "SVC-S21", "name": "Ledger", "owner": "max", "status": "retired"},
        "suppliers/SUP-S21.yaml": {"kind": "supplier", "id": "SUP-S21", "name": "Contoso", "status": "active",
                                   "owner": "max", "last_review": "2026-06-01",
                                   "contract": {"start": "2025-01-01", "end": "2027-12-31"}}}),
        people=(_leaver("max", left_on="2026-10-01"),), flagged=("SUP-S21",)),
    lookalike("REG-SEC-002", "owner leaves after the scan's day", Step("gus", _AT, {"suppliers/SUP-S22.yaml": {
        "kind": "supplier", "id": "SUP-S22", "name": "Fabrikam", "status": "active", "owner": "ned",
        "last_review": "2026-06-01", "contract": {"start": "2025-01-01", "end": "2027-12-31"}}}),
        people=(_leaver("ned", left_on="2026-11-24"),)),
    breach("REG-SEC-003", "inactive, no leaving date, no removal", people=(_leaver("oli", active=False),),
           flagged=("oli",)),
    breach("REG-SEC-003", "removal recorded the day after the limit", Step("carol", "2026-10-04T12:00:00Z",
        evidence_files(_ev("EV-S31", "access_removal", "pia", "2026-10-03T00:00:00Z"))),
        people=(_leaver("pia", left_on="2026-10-01"),), flagged=("pia",)),
    lookalike("REG-SEC-003", "removal at the end of the last day", Step("carol", "2026-10-03T12:00:00Z",
        evidence_files(_ev("EV-S32", "access_removal", "quin", "2026-10-02T23:59:59Z"))),
        people=(_leaver("quin", left_on="2026-10-01"),)),
    breach("REG-SEC-004", "critical system, restore test 91 days old", _item(
        "CI-S41", _ev("EV-S41R", "backup_restore_test", "CI-S41", "2026-08-23T09:00:00Z"),
        _ev("EV-S41B", "backup", "CI-S41", "2026-11-09T02:00:00Z"), criticality="critical"), flagged=("CI-S41",)),
    lookalike("REG-SEC-004", "restore test 90 days old", _item(
        "CI-S42", _ev("EV-S42R", "backup_restore_test", "CI-S42", "2026-08-25T09:00:00Z"),
        criticality="critical")),
    breach("REG-SEC-005", "critical system, backup 3 days old", _item(
        "CI-S51", _ev("EV-S51", "backup", "CI-S51", "2026-11-20T02:00:00Z"), at="2026-11-20T12:00:00Z",
        criticality="critical"), flagged=("CI-S51",)),
    lookalike("REG-SEC-005", "backup 2 days old", _item(
        "CI-S52", _ev("EV-S52", "backup", "CI-S52", "2026-11-21T02:00:00Z"), at="2026-11-21T12:00:00Z",
        criticality="critical")),
    breach("REG-SEC-006", "TLS 1.1", _item("CI-S61", settings={**_GOOD, "tls_min_version": "1.1"}),
           flagged=("CI-S61",)),
    lookalike("REG-SEC-006", "TLS 1.3 written as a number", _item("CI-S62", settings={**_GOOD,
                                                                                     "tls_min_version": 1.3})),
    breach("REG-SEC-007", "audit logging off", _item("CI-S71", settings={**_GOOD, "audit_logging": False}),
           flagged=("CI-S71",)),
    lookalike("REG-SEC-007", "network device without audit logging", _item(
        "CI-S72", type="network", settings={"tls_min_version": "1.2"})),
    breach("REG-SEC-008", "11-character passwords", _item("CI-S81", settings={**_GOOD, "password_min_length": 11}),
           flagged=("CI-S81",)),
    lookalike("REG-SEC-008", "exactly 12, as a string", _item("CI-S82", settings={**_GOOD,
                                                                                 "password_min_length": "12"})),
    breach("REG-SEC-009", "last scan 32 days old", _item(
        "CI-S91", _ev("EV-S91", "vulnerability_scan", "CI-S91", "2026-10-22T09:00:00Z",
                      details={"critical_open": 0})), flagged=("CI-S91",)),
    lookalike("REG-SEC-009", "failed scan 31 days old", _item(
        "CI-S92", _ev("EV-S92", "vulnerability_scan", "CI-S92", "2026-10-23T09:00:00Z", result="fail",
                      details={"critical_open": 0}))),
    breach("REG-SEC-010", "criticals open for 16 days", _item(
        "CI-S101", _ev("EV-S101", "vulnerability_scan", "CI-S101", "2026-11-07T09:00:00Z",
                       details={"critical_open": 2})), flagged=("CI-S101",)),
    lookalike("REG-SEC-010", "criticals open for 15 days", _item(
        "CI-S102", _ev("EV-S102", "vulnerability_scan", "CI-S102", "2026-11-08T09:00:00Z",
                       details={"critical_open": 2}))),
    breach("REG-SEC-011", "confidential system, no log review", _item("CI-S111", classification="confidential"),
           flagged=("CI-S111",)),
    lookalike("REG-SEC-011", "failed log review 31 days ago", _item(
        "CI-S112", _ev("EV-S112", "log_review", "CI-S112", "2026-10-23T09:00:00Z", result="fail"),
        classification="confidential")),
    breach("REG-SEC-012", "manifest without artifacts", Step("carol", _AT, {"evidence/EV-S121.yaml": _ev(
        "EV-S121", "capacity_review", "SVC-1", "2026-11-09T09:00:00Z", artifacts=DROP)}), flagged=("EV-S121",)),
    breach("REG-INPUT-002", "artifact path climbs out of the repository", Step("carol", _AT, {
        "evidence/EV-S123.yaml": _ev("EV-S123", "capacity_review", "SVC-1", "2026-11-09T09:00:00Z",
                                     artifacts=[{"path": "evidence/../../etc/report.txt", "sha256": "0" * 64}])}),
        flagged=("EV-S123",)),
    lookalike("REG-INPUT-002", "a record in JSON with lower-case t and z", Step("gus", _AT, {
        "problems/PRB-S124.json": Json({"kind": "problem", "id": "PRB-S124", "title": "Slow ledger",
                                        "status": "open", "opened": "2026-11-09t09:00:00z"})})),
    breach("REG-INPUT-001", "a record that is not YAML", Step("gus", _AT, {
        "problems/PRB-S125.yaml": "kind: problem\nid: PRB-S125\ntitle: [unclosed\n"}),
        flagged=("problems/PRB-S125.yaml",)),
    lookalike("REG-INPUT-001", "a YAML record with a comment and quoted dates", Step("gus", _AT, {
        "problems/PRB-S126.yaml": "# raised from the service desk\nkind: problem\nid: PRB-S126\n"
                                  "title: Slow ledger\nstatus: open\nopened: '2026-11-09T09:00:00Z'\n"})),
    breach("REG-INPUT-003", "two files, one problem id", Step("gus", _AT, {
        "problems/PRB-S127.yaml": {"kind": "problem", "id": "PRB-S127", "title": "Slow ledger", "status": "open",
                                   "opened": "2026-11-09T09:00:00Z"},
        "problems/PRB-S127-copy.yaml": {"kind": "problem", "id": "PRB-S127", "title": "Slow ledger again",
                                        "status": "open", "opened": "2026-11-09T09:00:00Z"}}),
        flagged=("PRB-S127",)),
    lookalike("REG-INPUT-003", "one id used by two kinds", Step("gus", _AT, {
        "problems/X-S128.yaml": {"kind": "problem", "id": "X-S128", "title": "Slow ledger", "status": "open",
                                 "opened": "2026-11-09T09:00:00Z"},
        "incidents/X-S128.yaml": {"kind": "incident", "id": "X-S128", "title": "Ledger slow", "priority": "P4",
                                  "status": "open", "opened": "2026-11-09T09:00:00Z"}})),
    lookalike("REG-SEC-012", "dots inside names", Step("carol", _AT, {
        "evidence/EV-S122.yaml": _ev("EV-S122", "capacity_review", "SVC-1", "2026-11-09T09:00:00Z",
                                     artifacts=[{"path": "evidence/artifacts/EV-S122.v1.2.txt",
                                                 "sha256": evidence_files(_ev("EV-S122", "x", "y", "z"))[
                                                     "evidence/EV-S122.yaml"]["artifacts"][0]["sha256"]}]),
        "evidence/artifacts/EV-S122.v1.2.txt": evidence_files(_ev("EV-S122", "x", "y", "z"))[
            "evidence/artifacts/EV-S122.txt"]})),
    breach("REG-SEC-013", "collected 20:00 Chicago time by a leaver of the 30th UTC day", Step(
        "carol", "2026-10-01T12:00:00Z", evidence_files(_ev("EV-S131", "capacity_review", "SVC-1",
                                                            "2026-09-30T20:00:00-05:00", by="rex"))),
        people=(_leaver("rex", left_on="2026-09-30"),), flagged=("EV-S131",)),
    lookalike("REG-SEC-013", "collected the day before leaving", Step(
        "carol", "2026-10-01T12:00:00Z", evidence_files(_ev("EV-S132", "capacity_review", "SVC-1",
                                                            "2026-09-29T20:00:00Z", by="sam"))),
        people=(_leaver("sam", left_on="2026-09-30"),)),
    breach("REG-SEC-015", "developer and release manager", people=(
        _leaver("tia", roles=["developer", "release-manager"]),), flagged=("tia",)),
    lookalike("REG-SEC-015", "both roles, left on the scan's day", people=(
        _leaver("uma", roles=["developer", "release-manager"], left_on="2026-11-23"),)),
    breach("REG-SEC-016", "approval committed by the requester", Step("carol", "2026-03-01T10:00:00Z", {
        "changes/CHG-S161.yaml": {**change("CHG-S161"), "status": "submitted", "approvals": DROP,
                                  "implementation": DROP, "review": DROP, "closure": DROP, "test_evidence": DROP,
                                  "schedule": DROP} | {}}),
        *change_steps(change("CHG-S161"), approver="carol")[1:], flagged=("CHG-S161",)),
    lookalike("REG-SEC-016", "approval committed by its approver", *change_steps(change("CHG-S162"))),
    breach("REG-SEC-017", "artifact bytes not what was hashed", Step("carol", _AT, {
        **evidence_files(_ev("EV-S171", "capacity_review", "SVC-1", "2026-11-09T09:00:00Z")),
        "evidence/artifacts/EV-S171.txt": b"edited by hand\n"}), flagged=("EV-S171",)),
    lookalike("REG-SEC-017", "hash written in capitals", Step("carol", _AT, evidence_files(_apply(_ev(
        "EV-S172", "capacity_review", "SVC-1", "2026-11-09T09:00:00Z"), {"artifacts": [{
            "path": "evidence/artifacts/EV-S172.txt",
            "sha256": _ev("EV-S172", "capacity_review", "SVC-1", "x")["artifacts"][0]["sha256"].upper()}]})))),
    breach("REG-SEC-018", "manifest rewritten after its commit", Step("carol", _AT, evidence_files(_ev(
        "EV-S181", "capacity_review", "SVC-1", "2026-11-09T09:00:00Z"))), Step("carol", "2026-11-12T12:00:00Z", {
            "evidence/EV-S181.yaml": _ev("EV-S181", "capacity_review", "SVC-1", "2026-11-09T09:00:00Z",
                                         result="fail")}), flagged=("EV-S181",)),
    lookalike("REG-SEC-018", "manifest moved, bytes unchanged", Step("carol", _AT, evidence_files(_ev(
        "EV-S182", "capacity_review", "SVC-1", "2026-11-09T09:00:00Z"))), Step("carol", "2026-11-12T12:00:00Z", {
            "evidence/EV-S182.yaml": None,
            "evidence/2026/EV-S182.yaml": _ev("EV-S182", "capacity_review", "SVC-1", "2026-11-09T09:00:00Z")})),
    breach("REG-SEC-020", "committed by an address people.yaml lacks", Step("vic", _AT, {
        "problems/PRB-S201.yaml": {"kind": "problem", "id": "PRB-S201", "title": "Slow ledger", "status": "open",
                                   "opened": "2026-11-09T09:00:00Z"}}), flagged=("PRB-S201",)),
    lookalike("REG-SEC-020", "committed by a listed person", Step("gus", _AT, {
        "problems/PRB-S202.yaml": Json({"kind": "problem", "id": "PRB-S202", "title": "Slow ledger",
                                        "status": "open", "opened": "2026-11-09T09:00:00Z"})})),
    breach("REG-SEC-021", "opened two hours after its commit", Step("gus", _AT, {
        "problems/PRB-S211.yaml": {"kind": "problem", "id": "PRB-S211", "title": "Slow ledger", "status": "open",
                                   "opened": "2026-11-10T14:00:01Z"}}), flagged=("PRB-S211",)),
    lookalike("REG-SEC-021", "within the hour of skew, in another offset", Step("gus", _AT, {
        "problems/PRB-S212.yaml": {"kind": "problem", "id": "PRB-S212", "title": "Slow ledger", "status": "open",
                                   "opened": "2026-11-10T14:00:00+01:00"}})),
    breach("REG-SEC-022", "request edits a committed manifest", Step("carol", _AT, evidence_files(_ev(
        "EV-S221", "capacity_review", "SVC-1", "2026-11-09T09:00:00Z"))), Step("carol", "2026-11-20T10:00:00Z", {
            "evidence/EV-S221.yaml": _ev("EV-S221", "capacity_review", "SVC-1", "2026-11-09T09:00:00Z",
                                         result="fail")}, request=True), flagged=("EV-S221",)),
    lookalike("REG-SEC-022", "request adds new evidence", Step("carol", "2026-11-20T10:00:00Z", evidence_files(_ev(
        "EV-S222", "capacity_review", "SVC-1", "2026-11-19T09:00:00Z")), request=True)),
    breach("REG-CHG-022", "request edits a closed incident", Step("gus", "2026-10-06T09:00:00Z", {
        "incidents/INC-S223.yaml": _incident("INC-S223")}), Step("gus", "2026-11-20T10:00:00Z", {
            "incidents/INC-S223.yaml": _incident("INC-S223", resolved="2026-10-05T22:00:00Z")}, request=True),
        flagged=("INC-S223",)),
    lookalike("REG-CHG-022", "request records an incident already closed", Step("gus", "2026-11-20T10:00:00Z", {
        "incidents/INC-S224.yaml": _incident("INC-S224")}, request=True)),
    breach("REG-SEC-014", "accepted by its deployer", *[Step("erin", "2026-10-06T08:00:00Z", {
        "releases/REL-S141.yaml": {"kind": "release", "id": "REL-S141", "version": "1.4.1", "changes": [],
                                   "status": "deployed", "environment": "test",
                                   "acceptance": {"passed": True, "at": "2026-10-05T12:00:00Z", "by": "erin"},
                                   "deployed": {"at": "2026-10-05T23:30:00Z", "by": "erin"}}})],
        flagged=("REL-S141",)),
    lookalike("REG-SEC-014", "failed acceptance by its deployer", Step("erin", "2026-10-06T08:00:00Z", {
        "releases/REL-S142.yaml": {"kind": "release", "id": "REL-S142", "version": "1.4.2", "changes": [],
                                   "status": "deployed", "environment": "test",
                                   "acceptance": {"passed": False, "at": "2026-10-05T12:00:00Z", "by": "erin"},
                                   "deployed": {"at": "2026-10-05T23:30:00Z", "by": "erin"}}})),
]
