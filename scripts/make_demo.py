#!/usr/bin/env python3
"""Write the Harbourline Logistics demo evidence repository.

    python3 scripts/make_demo.py DEST

Harbourline Logistics is a fictional warehousing and parcel company. Its IT
team keeps change, incident, problem, configuration, supplier and evidence
records in a git repository, the way Regent expects. Most of the records are
in good order. The gaps are the kind a real team leaves behind: a legacy
server nobody got round to retiring, a rushed release before the peak-season
freeze, a leaver who still owns a supplier. Between them every built-in check
finds something (the list is at the bottom of this file).

The history runs from June to 21 November 2026 and stops there, while a scan
judges the records against the day it runs. Each breach is built to last:
evidence that is missing altogether, dates well in the past. Records that
need fresh evidence to stay compliant (daily backups, monthly scans and
reports, quarterly reviews) are compliant when the history ends and lapse
as the scan date moves on; the comments beside them say when.

The repository is rebuilt from scratch on every run and comes out the same
byte for byte: same files, same commits, same commit ids. DEST is replaced
only if it holds the ``.regent-demo`` marker this script leaves behind;
any other non-empty directory is left alone.

Standard library only; git does the rest, and ssh-keygen signs the evidence commits.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

MARKER = ".regent-demo"
DOMAIN = "harbourline.example"

# --------------------------------------------------------------------------
# People: id -> (name, commit email)
# --------------------------------------------------------------------------

PEOPLE = {
    "hmorgan": ("Helen Morgan", f"helen.morgan@{DOMAIN}"),
    "dokafor": ("Daniel Okafor", f"daniel.okafor@{DOMAIN}"),
    "sbrandt": ("Sofia Brandt", f"sofia.brandt@{DOMAIN}"),
    "tlindqvist": ("Tomas Lindqvist", f"tomas.lindqvist@{DOMAIN}"),
    "mchen": ("Mei Chen", f"mei.chen@{DOMAIN}"),
    "rpatel": ("Ravi Patel", f"ravi.patel@{DOMAIN}"),
    "jfarrell": ("Jonas Farrell", f"jonas.farrell@{DOMAIN}"),
    "lnovak": ("Lukas Novak", f"lukas.novak@{DOMAIN}"),
    "agarcia": ("Ana García", f"ana.garcia@{DOMAIN}"),
    "kwhite": ("Keith White", f"keith.white@{DOMAIN}"),
    # Jonas's new laptop, before he set his git e-mail: it is in nobody's people.yaml entry.
    "jfarrell-laptop": ("Jonas Farrell", "jonas@lt-0412.local"),
}


def people_yaml(keith_left: bool) -> str:
    keith = "    roles: [cab]\n"
    if keith_left:
        keith += "    active: false\n    left_on: 2026-08-28\n"
    return (
        "# Everyone who raises, approves or carries out changes, and our auditor.\n"
        "# Keep the emails in step with the addresses people commit with.\n"
        "people:\n"
        "  - id: hmorgan\n"
        "    name: Helen Morgan\n"
        f"    emails: [helen.morgan@{DOMAIN}]\n"
        "    roles: [change-manager]\n"
        "\n"
        "  - id: dokafor\n"
        "    name: Daniel Okafor\n"
        f"    emails: [daniel.okafor@{DOMAIN}]\n"
        "    roles: [cab, service-owner]      # head of infrastructure; owns EDI and billing\n"
        "\n"
        "  - id: sbrandt\n"
        "    name: Sofia Brandt\n"
        f"    emails: [sofia.brandt@{DOMAIN}]\n"
        "    roles: [cab]                     # information security lead\n"
        "\n"
        "  - id: tlindqvist\n"
        "    name: Tomas Lindqvist\n"
        f"    emails: [tomas.lindqvist@{DOMAIN}]\n"
        "    roles: [cab, emergency-cab]      # operations manager, out-of-hours approver\n"
        "\n"
        "  - id: mchen\n"
        "    name: Mei Chen\n"
        f"    emails: [mei.chen@{DOMAIN}]\n"
        "    roles: [service-owner]           # warehouse management and tracking portal\n"
        "\n"
        "  - id: rpatel\n"
        "    name: Ravi Patel\n"
        f"    emails: [ravi.patel@{DOMAIN}]\n"
        "    roles: [release-manager, developer]   # also maintains the deployment pipelines\n"
        "\n"
        "  - id: jfarrell\n"
        "    name: Jonas Farrell\n"
        "    emails:\n"
        f"      - jonas.farrell@{DOMAIN}\n"
        f"      - jonas@ops.{DOMAIN}\n"
        "\n"
        "  - id: lnovak\n"
        "    name: Lukas Novak\n"
        f"    emails: [lukas.novak@{DOMAIN}]\n"
        "\n"
        "  - id: agarcia\n"
        "    name: Ana García\n"
        f"    emails: [ana.garcia@{DOMAIN}]\n"
        "    roles: [auditor]\n"
        "\n"
        "  - id: kwhite\n"
        "    name: Keith White\n"
        f"    emails: [keith.white@{DOMAIN}]\n" + keith
    )


REGENT_YAML = """\
# Regent settings for the Harbourline Logistics records.
thresholds:
  emergency_review_days: 7     # emergency changes get a review within a week

roles:
  approvers: [cab, change-manager, emergency-cab]
  cab: [cab]
  emergency_approvers: [emergency-cab]
  recorders: [change-manager]  # Helen writes the CAB's decisions into the records

# Evidence is committed signed; the allowed signers list each person's key.
require_signed_evidence: true
"""

README = """\
# Harbourline Logistics: IT service management records

Changes, releases, incidents, problems, configuration items, services,
suppliers, audit evidence and risk waivers for Harbourline's production
systems (warehouse management, shipment tracking, carrier EDI and billing).

- One record per file, YAML. Name the file after the record id.
- Raise a change under `changes/` with the next free number and status
  `submitted`; the change manager records CAB decisions and reviews.
- Evidence files (exports, logs, reports) go under `evidence/artifacts/`
  with a manifest in `evidence/` that carries their sha256.
- `people.yaml` must list everyone who commits here or is named in a record.

Questions: Helen Morgan (change manager).
"""

# --------------------------------------------------------------------------
# A small YAML writer that produces what a person would type
# --------------------------------------------------------------------------


class Q(str):
    """A string the author chose to put in double quotes."""


_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$")
_NUMBERISH = re.compile(r"^[-+.]?[0-9][0-9a-zA-Z_.:+-]*$|^[-+]?\.(inf|nan)$", re.IGNORECASE)
_RESERVED = {"", "~", "null", "true", "false", "yes", "no", "on", "off", "y", "n"}


def _plain_ok(s: str, in_flow: bool) -> bool:
    if s.lower() in _RESERVED:
        return False
    if _TIME.match(s):
        return True
    if _NUMBERISH.match(s):
        return False
    if s[0] in "-?:,[]{}#&*!|>'\"%@`" or s[0].isspace() or s[-1].isspace():
        return False
    if ": " in s or " #" in s or s.endswith(":") or "\n" in s or "\t" in s:
        return False
    if in_flow and any(c in s for c in ",[]{}"):
        return False
    return True


def _scalar(v: Any, quote_times: bool, in_flow: bool = False) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if not isinstance(v, str):
        raise TypeError(f"cannot write {v!r}")
    if isinstance(v, Q) or (quote_times and _TIME.match(v)) or not _plain_ok(v, in_flow):
        return json.dumps(str(v), ensure_ascii=False)
    return v


def _is_scalar(v: Any) -> bool:
    return isinstance(v, (str, int, float, bool))


def _lines(d: dict[str, Any], indent: int, qt: bool) -> list[str]:
    out: list[str] = []
    pad = " " * indent
    for k, v in d.items():
        if isinstance(v, dict):
            if not v:
                out.append(f"{pad}{k}: {{}}")
            else:
                out.append(f"{pad}{k}:")
                out.extend(_lines(v, indent + 2, qt))
        elif isinstance(v, list):
            if not v:
                out.append(f"{pad}{k}: []")
            elif all(_is_scalar(x) for x in v):
                items = [_scalar(x, qt, in_flow=True) for x in v]
                flow = f"{pad}{k}: [{', '.join(items)}]"
                if len(flow) <= 80 and all("\n" not in str(x) for x in v):
                    out.append(flow)
                else:
                    out.append(f"{pad}{k}:")
                    out.extend(f"{pad}  - {_scalar(x, qt)}" for x in v)
            else:
                out.append(f"{pad}{k}:")
                for item in v:
                    sub = _lines(item, indent + 4, qt)
                    sub[0] = f"{pad}  - " + sub[0][indent + 4 :]
                    out.extend(sub)
        elif isinstance(v, str) and "\n" in v:
            out.append(f"{pad}{k}: |")
            out.extend(f"{pad}  {line}" if line else "" for line in v.rstrip("\n").split("\n"))
        else:
            out.append(f"{pad}{k}: {_scalar(v, qt)}")
    return out


def to_yaml(d: dict[str, Any], quote_times: bool = False) -> str:
    return "\n".join(_lines(d, 0, quote_times)) + "\n"


# --------------------------------------------------------------------------
# Records, each with the versions its history goes through
# --------------------------------------------------------------------------

ORDER = {
    "change": [
        "kind", "id", "title", "type", "status", "template", "risk", "impact",
        "requested_by", "implementer", "created", "configuration_items", "services",
        "plan", "approvals", "schedule", "implementation", "test_evidence", "incidents",
        "review", "closure",
    ],
    "incident": [
        "kind", "id", "title", "priority", "status", "major", "opened", "resolved", "closed",
        "services", "configuration_items", "assigned_to", "caused_by_change", "problem", "summary",
    ],
    "problem": [
        "kind", "id", "title", "status", "opened", "resolved", "incidents", "root_cause",
        "workaround", "fix_change",
    ],
    "release": [
        "kind", "id", "version", "service", "status", "environment", "changes",
        "rollback_plan", "acceptance", "approvals", "deployed",
    ],
    "evidence": [
        "kind", "id", "type", "collected_at", "collected_by", "period", "subject", "result",
        "artifacts", "details",
    ],
    "configuration_item": [
        "kind", "id", "name", "type", "owner", "environment", "status", "classification",
        "criticality", "services", "supplier", "relationships", "baseline", "settings",
        "last_verified",
    ],
}


class Rec:
    """One record file and its successive versions, by stage name."""

    def __init__(self, path: str, kind: str, quote_times: bool = False) -> None:
        self.path = path
        self.kind = kind
        self.quote_times = quote_times
        self.stages: list[tuple[str, dict[str, Any]]] = []

    def stage(self, stage_name: str, /, **fields: Any) -> "Rec":
        self.stages.append((stage_name, fields))
        return self

    def text(self, name: str) -> str:
        merged: dict[str, Any] = {}
        for stage_name, fields in self.stages:
            merged.update(fields)
            if stage_name == name:
                break
        else:
            raise KeyError(f"{self.path}: no stage {name!r}")
        order = ORDER.get(self.kind)
        if order:
            ranked = {k: order.index(k) if k in order else len(order) for k in merged}
            merged = dict(sorted(merged.items(), key=lambda kv: ranked[kv[0]]))
        return to_yaml({k: v for k, v in merged.items() if v is not None}, self.quote_times)


RECORDS: dict[str, Rec] = {}


def T(when: str) -> str:
    """'06-10 15:30' -> '2026-06-10T15:30:00Z'."""
    day, clock = when.split()
    return f"2026-{day}T{clock}:00Z"


def A(by: str, role: str, at: str, decision: str = "approved", comment: str | None = None) -> dict[str, Any]:
    approval = {"by": by, "role": role, "decision": decision, "at": T(at)}
    if comment:
        approval["comment"] = comment
    return approval


def window(start: str, end: str) -> dict[str, str]:
    return {"start": T(start), "end": T(end)}


def done(started: str, completed: str, by: str, commits: list[str] | None = None) -> dict[str, Any]:
    impl: dict[str, Any] = {"started": T(started), "completed": T(completed), "by": by}
    if commits:
        impl["commits"] = [Q(c) for c in commits]
    return impl


def review(at: str, by: str, notes: str, outcome: str = "successful") -> dict[str, Any]:
    return {"at": T(at), "by": by, "outcome": outcome, "notes": notes}


def closure(at: str, code: str = "successful") -> dict[str, str]:
    return {"at": T(at), "code": code}


def change(cid: str, title: str, ctype: str, requested_by: str, created: str, *, risk: str,
           impact: str | None, implementer: str, cis: list[str], services: list[str],
           plan: dict[str, str], template: str | None = None, status: str = "submitted",
           **extra: Any) -> Rec:
    # Mei and Helen put their timestamps in quotes; everybody else does not.
    rec = Rec(f"changes/{cid}.yaml", "change", quote_times=requested_by in ("mchen", "hmorgan"))
    rec.stage("submitted", kind="change", id=cid, title=title, type=ctype, status=status,
              template=template, risk=risk, impact=impact, requested_by=requested_by,
              implementer=implementer, created=T(created), configuration_items=cis,
              services=services, plan=plan, **extra)
    RECORDS[cid] = rec
    return rec


def record(rid: str, path: str, kind: str, quote_times: bool = False, **fields: Any) -> Rec:
    rec = Rec(path, kind, quote_times)
    rec.stage("v1", kind=kind, id=rid, **fields)
    RECORDS[rid] = rec
    return rec


# --------------------------------------------------------------------------
# Artifacts (files that evidence manifests point at)
# --------------------------------------------------------------------------

CONTINUITY_PLAN = """\
# Warehouse Management (WMS) service continuity plan, version 3

Owner: Mei Chen. Approved: 2026-06-02. Next exercise due: 2026-12-31.

## Targets

| Measure | Target |
| --- | --- |
| Recovery time (RTO) | 4 hours |
| Recovery point (RPO) | 15 minutes |

## Scenarios

1. Loss of the primary database: promote the streaming replica in the second
   availability zone; repoint the application through the `wms-db` DNS name.
2. Loss of the production cluster: redeploy the WMS chart to the standby
   cluster from the release registry; restore from the latest base backup
   plus WAL archive if the replica is also lost.
3. Loss of the label printing path: sites switch to the pre-printed
   emergency label stock and the manual despatch sheet (binder at each
   goods-out desk).

## Contacts

Duty manager (out of hours): operations rota. Hosting supplier: Nimbusway
Hosting major incident line. Label printers: Inkwell Label Systems support.
"""

RESTORE_LOG = """\
2026-09-16T09:02:11Z restore-test start target=wms-db-restore-01 source=base-backup-20260915T0100Z
2026-09-16T09:02:12Z fetching base backup (212.4 GiB) from backup vault
2026-09-16T09:31:48Z base backup fetched, verifying checksums
2026-09-16T09:36:05Z checksums ok (18,412 files)
2026-09-16T09:36:06Z replaying WAL to 2026-09-16T08:45:00Z
2026-09-16T09:47:39Z recovery target reached, promoting
2026-09-16T09:48:52Z database open, running verification queries
2026-09-16T09:49:30Z row counts match source snapshot: orders, shipments, stock_moves, wave_plans
2026-09-16T09:49:31Z restore-test pass elapsed=47m20s target=240m
"""

_ACCESS_ROWS = [
    ("a.wright", "WMS", "Warehouse supervisor", "2026-09-28", "keep"),
    ("b.osei", "WMS", "Picker (Bristol)", "2026-09-30", "keep"),
    ("c.duarte", "WMS", "Picker (Leeds)", "2026-09-30", "keep"),
    ("d.kowalski", "WMS", "Goods-in clerk", "2026-09-29", "keep"),
    ("e.nolan", "WMS", "Stock controller", "2026-09-30", "keep"),
    ("f.haddad", "WMS", "Picker (Felixstowe)", "2026-09-27", "keep"),
    ("g.mensah", "WMS", "Despatch lead", "2026-09-30", "keep"),
    ("h.lindgren", "WMS", "Warehouse supervisor", "2026-06-11", "revoke (left in June)"),
    ("i.moreau", "WMS", "Inventory analyst", "2026-09-25", "keep"),
    ("j.farrell", "WMS", "Administrator", "2026-09-30", "keep"),
    ("l.novak", "WMS", "Database administrator", "2026-09-30", "keep"),
    ("m.chen", "WMS", "Service owner", "2026-09-30", "keep"),
    ("svc-label-print", "WMS", "Service account", "2026-09-30", "keep"),
    ("svc-edi-bridge", "WMS", "Service account", "2026-09-30", "keep"),
    ("k.ibrahim", "Billing", "Accounts receivable", "2026-09-30", "keep"),
    ("l.santos", "Billing", "Accounts receivable", "2026-09-29", "keep"),
    ("m.fischer", "Billing", "Credit control", "2026-09-30", "keep"),
    ("n.quinn", "Billing", "Finance manager", "2026-09-26", "keep"),
    ("o.petrov", "Billing", "Billing analyst", "2026-09-30", "keep"),
    ("p.adeyemi", "Billing", "Billing analyst", "2026-04-02", "revoke (moved to procurement)"),
    ("d.okafor", "Billing", "Service owner", "2026-09-22", "keep"),
    ("j.farrell", "Billing", "Administrator", "2026-09-30", "keep"),
    ("l.novak", "Billing", "Database administrator", "2026-09-18", "keep"),
    ("svc-invoice-run", "Billing", "Service account", "2026-09-30", "keep"),
]
ACCESS_REVIEW_CSV = "account,system,role,last_sign_in,decision\n" + "".join(
    f"{a},{s},{r},{d},{x}\n" for a, s, r, d, x in _ACCESS_ROWS
)

# Billing database restore test of September: it stopped short of its target
# because WAL segments were missing from the archive. Nobody has retested.
BILLING_RESTORE_FAIL_LOG = """\
2026-09-22T09:15:03Z restore-test start target=bil-db-restore-01 source=base-backup-20260921T0200Z
2026-09-22T09:15:04Z fetching base backup (38.7 GiB) from backup vault
2026-09-22T09:21:40Z base backup fetched, verifying checksums
2026-09-22T09:22:31Z checksums ok (4,906 files)
2026-09-22T09:22:32Z replaying WAL to 2026-09-22T08:30:00Z
2026-09-22T09:24:10Z ERROR requested WAL segment 00000001000004A2000000C7 is not in the archive
2026-09-22T09:24:10Z recovery stopped at 2026-09-21T23:58:12Z, 8h32m short of the target
2026-09-22T09:24:11Z restore-test FAIL reason=wal-archive-gap elapsed=9m08s target=240m
"""

K8S_RESTORE_LOG = """\
2026-11-10T10:04:12Z restore-test start source=velero/k8s-prod-daily-20261110 target=k8s-scratch-01
2026-11-10T10:04:40Z restoring 14 namespaces, 22 persistent volume claims
2026-11-10T10:29:55Z volumes restored from snapshots (1.9 TiB)
2026-11-10T10:36:18Z all deployments ready; ingress answering on the scratch domain
2026-11-10T10:41:02Z smoke tests: wms pick-list ok, tracking lookup ok, billing invoice preview ok
2026-11-10T10:41:03Z restore-test pass elapsed=36m51s target=240m
"""

WMS_RESTORE_LOG = """\
2026-11-17T08:01:09Z restore-test start scope=wms (database and application) target=standby cluster
2026-11-17T08:01:10Z fetching base backup (214.1 GiB) from backup vault
2026-11-17T08:33:52Z base backup fetched, checksums ok (18,977 files)
2026-11-17T08:33:53Z replaying WAL to 2026-11-17T07:45:00Z
2026-11-17T08:46:27Z database open, row counts match source snapshot
2026-11-17T08:52:40Z wms 4.2.1 deployed to the standby cluster from the release registry
2026-11-17T09:04:15Z pick, pack and despatch smoke tests pass; test label printed at Bristol
2026-11-17T09:04:16Z restore-test pass elapsed=63m07s target=240m
"""

BACKUP_REPORT = """\
Backup report, week 47 (16 to 22 November 2026), generated 2026-11-21T07:00:00Z

job                     covers          last run              status  size
wms-db-base-nightly     CI-WMS-DB-01    2026-11-21T01:00:00Z  ok      214.9 GiB
wms-db-wal-archive      CI-WMS-DB-01    continuous            ok      lag 41 s
wms-app-config          CI-WMS-APP-01   2026-11-21T01:30:00Z  ok      1.2 GiB
k8s-prod-velero-daily   CI-K8S-PROD-01  2026-11-21T02:00:00Z  ok      88.4 GiB
bil-db-base-nightly     CI-BIL-DB-01    2026-11-21T02:30:00Z  ok      39.6 GiB

Every job ran on each of the last seven nights.
"""

CONTINUITY_EXERCISE = """\
# WMS continuity exercise, 11 November 2026

Scenario 1 of the plan (version 3): loss of the primary database.

| Step | Time (UTC) |
| --- | --- |
| Primary stopped (simulated zone loss) | 14:00 |
| Replica promoted in the second zone | 14:09 |
| `wms-db` DNS name repointed | 14:14 |
| Pick, pack and despatch working at all three sites | 15:36 |

Recovered in 96 minutes against a target of 4 hours; no data lost (RPO 0).

Follow-ups: the Leeds handhelds needed a manual reconnect (raised with the
WMS team); add the DNS change to the duty manager's checklist.
"""

CAPACITY_REVIEW = """\
# Peak-season capacity review, November 2026

Forecast: parcel volumes up to 2.4 times the October average in the two
weeks before Christmas (commercial forecast of 2 November).

| Service | Peak load last year | Headroom at forecast peak | Action |
| --- | --- | --- | --- |
| Warehouse Management | 61 % CPU, 210 DB connections | 34 % | none |
| Shipment Tracking Portal | 19 pods at peak | 5 pods (ceiling 24) | keep the December scraping rules |
| Carrier EDI Gateway | 4 consumers, 3,900 messages an hour | 18 % | raise consumers to 8 (change to follow) |

Billing and invoicing was not reviewed: its month-end load is being looked at
separately.
"""


def log_review_text(period: str, by: str, events: int, followed_up: int) -> str:
    return (
        f"# Security log review, {period}\n\n"
        f"Reviewer: {by}\n\n"
        "Sources: WMS application audit log, WMS database (pgaudit), EDI gateway\n"
        "admin log, billing application audit log.\n"
        "Not covered: the billing database (its pgaudit logs are not shipped yet).\n\n"
        f"Events reviewed: {events:,}. Alerts followed up: {followed_up}. Nothing\n"
        "unexplained; the follow-ups were failed sign-ins from known staff.\n"
    )


def scan_text(title: str, ranges: str, rows: list[tuple[str, int, int, int, int]],
              notes: str = "") -> str:
    lines = [f"# {title}", "", f"Scope: {ranges}", "",
             "| Item | Critical | High | Medium | Low |", "| --- | --- | --- | --- | --- |"]
    lines += [f"| {item} | {c} | {h} | {m} | {lo} |" for item, c, h, m, lo in rows]
    return "\n".join(lines) + "\n" + (f"\n{notes}\n" if notes else "")


def test_log(title: str, env: str, suite: str, started: str, by: str, checks: list[str]) -> str:
    """The summary a test run leaves behind."""
    lines = [f"Test run: {title}", f"Environment: {env}", f"Suite: {suite}",
             f"Started: {T(started)}", f"Run by: {PEOPLE[by][0]}", ""]
    lines += [f"  PASS  {c}" for c in checks]
    lines += ["", f"Result: PASS ({len(checks)} of {len(checks)} checks)"]
    return "\n".join(lines) + "\n"


# Each artifact as the repository holds it; a manifest's sha256 is of these bytes.
ARTIFACTS: dict[str, str] = {}


def art(name: str, text: str) -> str:
    path = f"evidence/artifacts/{name}"
    ARTIFACTS[path] = text
    return path


def sha256_of(path: str) -> str:
    return hashlib.sha256(ARTIFACTS[path].encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------
# Configuration items
# --------------------------------------------------------------------------


def ci(cid: str, name: str, ctype: str, owner: str, classification: str, criticality: str | None,
       services: list[str], config: dict[str, Any], verified: str,
       relationships: list[dict[str, str]] | None = None, supplier: str | None = None,
       environment: str = "production") -> Rec:
    rec = Rec(f"cmdb/{cid}.yaml", "configuration_item")
    rec.stage("v1", kind="configuration_item", id=cid, name=name, type=ctype, owner=owner,
              environment=environment, status="active", classification=classification,
              criticality=criticality, services=services, supplier=supplier,
              relationships=relationships, baseline=dict(config), settings=dict(config),
              last_verified=verified)
    RECORDS[cid] = rec
    return rec


def _current(cid: str) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for _, earlier in RECORDS[cid].stages:
        merged.update(earlier)
    return merged


def ci_update(cid: str, stage: str, verified: str | None = None, relationships: Any = None,
              **config: Any) -> None:
    """A new version of a CI whose approved and observed settings both change."""
    merged = _current(cid)
    fields: dict[str, Any] = {
        "baseline": {**merged["baseline"], **config},
        "settings": {**merged["settings"], **config},
    }
    if verified:
        fields["last_verified"] = verified
    if relationships is not None:
        fields["relationships"] = relationships
    RECORDS[cid].stage(stage, **fields)


def ci_observed(cid: str, stage: str, verified: str, **observed: Any) -> None:
    """An audit that found settings differing from the approved baseline."""
    RECORDS[cid].stage(stage, last_verified=verified,
                       settings={**_current(cid)["settings"], **observed})


# Every production server, application and database records the three
# settings of the security baseline (TLS floor, password length, audit log).
ci("CI-WMS-APP-01", "WMS application", "application", "mchen", "confidential", "critical",
   ["SVC-WMS"], {"version": Q("4.1.3"), "replicas": 6, "label_driver": "LP5",
                 "tls_min_version": Q("1.2"), "password_min_length": 12, "audit_logging": True},
   "2026-05-29",
   relationships=[{"type": "runs_on", "target": "CI-K8S-PROD-01"},
                  {"type": "depends_on", "target": "CI-WMS-DB-01"}])
ci("CI-WMS-DB-01", "WMS database", "database", "lnovak", "restricted", "critical", ["SVC-WMS"],
   {"engine": "postgresql", "version": Q("14.12"), "max_connections": 300, "app_pool_size": 80,
    "ssl": "required", "tls_min_version": Q("1.2"), "password_min_length": 14,
    "audit_logging": True, "backup_retention_days": 35}, "2026-05-29", supplier="SUP-001")
# REG-SEC-008: the portal's staff accounts accept ten-character passwords.
ci("CI-TRK-WEB-01", "Shipment tracking portal", "application", "mchen", "internal", "high",
   ["SVC-TRACK", "SVC-NOTIFY"],
   {"version": Q("2.7.3"), "http2": False, "autoscale_min": 4, "autoscale_max": 12,
    "tls_min_version": Q("1.2"), "tls_certificate": "GlobalTrust RSA 2025, expires 2026-11-21",
    "password_min_length": 10, "audit_logging": True}, "2026-05-29",
   relationships=[{"type": "runs_on", "target": "CI-K8S-PROD-01"},
                  {"type": "connects_to", "target": "CI-NET-FW-01"}])
ci("CI-EDI-GW-01", "Carrier EDI gateway", "application", "dokafor", "confidential", "high",
   ["SVC-EDI"], {"version": Q("7.4.2"), "tls_issuer": "Harbourline Issuing CA 2024",
                 "queue_consumers": 4, "tls_min_version": Q("1.2"), "password_min_length": 12,
                 "audit_logging": True}, "2026-05-30",
   relationships=[{"type": "connects_to", "target": "CI-NET-FW-01"}], supplier="SUP-002")
# REG-SEC-004, REG-SEC-005: no backup job and no restore test cover the firewall's configuration.
ci("CI-NET-FW-01", "Edge firewall cluster", "network", "tlindqvist", "internal", "critical",
   ["SVC-WMS", "SVC-TRACK", "SVC-EDI"], {"firmware": Q("11.1.7"), "ha_mode": "active-passive"},
   "2026-05-30")
# REG-SEC-007: Kubernetes API audit logging was never switched on.
ci("CI-K8S-PROD-01", "Production Kubernetes cluster", "server", "dokafor", "internal", "critical",
   ["SVC-WMS", "SVC-TRACK", "SVC-BILL"],
   {"kubernetes_version": Q("1.33"), "node_count": 6, "node_size": "8 vCPU / 32 GB",
    "tls_min_version": Q("1.2"), "password_min_length": 14, "audit_logging": False},
   "2026-05-30", supplier="SUP-001")
ci("CI-BIL-APP-01", "Billing application", "application", "dokafor", "confidential", "high",
   ["SVC-BILL"], {"version": Q("3.9.0"), "invoice_runs": ["daily", "weekly", "monthly"],
                  "tls_min_version": Q("1.2"), "password_min_length": 12, "audit_logging": True},
   "2026-05-30", relationships=[{"type": "depends_on", "target": "CI-BIL-DB-01"},
                                {"type": "runs_on", "target": "CI-BIL-VM-01"}])
ci("CI-BIL-DB-01", "Billing database", "database", "lnovak", "restricted", "high", ["SVC-BILL"],
   {"engine": "postgresql", "version": Q("16.4"), "read_replicas": 0, "ssl": "required",
    "tls_min_version": Q("1.2"), "password_min_length": 14, "audit_logging": True},
   "2026-05-30", supplier="SUP-001")
# The legacy FTP drop two carriers still send manifests to, hosted by Ashdown.
# REG-SEC-006 (FTPS down to TLS 1.0 for those carriers), REG-CFG-002 (last
# checked in April and skipped by the November audit), REG-SUP-003 (Ashdown's
# contract is terminated), REG-CHG-015 (CHG-2026-0116 changed its certificate).
ci("CI-EDI-FTP-01", "Legacy carrier FTP server", "server", "dokafor", "internal", "medium",
   ["SVC-EDI"], {"os": "CentOS 7", "ftps": True, "tls_min_version": Q("1.0"),
                 "tls_issuer": "Harbourline Issuing CA 2024", "password_min_length": 12,
                 "audit_logging": True, "carriers": 2}, "2026-04-09",
   relationships=[{"type": "connects_to", "target": "CI-NET-FW-01"}], supplier="SUP-004")
# Retired in August after billing moved to k8s-prod; REG-CFG-003: SVC-BILL
# still lists it. REG-CFG-004: the staging billing record still runs on it.
ci("CI-BIL-VM-01", "Billing application servers (legacy VMs)", "server", "dokafor",
   "confidential", "high", ["SVC-BILL"],
   {"vm_count": 2, "os": "Ubuntu 20.04", "tls_min_version": Q("1.2"), "password_min_length": 12,
    "audit_logging": True}, "2026-05-30", supplier="SUP-001")
ci("CI-BIL-APP-STG-01", "Billing application (staging)", "application", "dokafor", "internal",
   "low", ["SVC-BILL"], {"version": Q("3.9.0")}, "2026-05-30",
   relationships=[{"type": "runs_on", "target": "CI-BIL-VM-01"},
                  {"type": "depends_on", "target": "CI-BIL-DB-01"}], environment="staging")
# Registered in September. REG-CFG-001: no criticality; REG-SEC-009: not yet
# in any vulnerability scan.
ci("CI-NET-LDS-01", "Leeds hub edge router", "network", "tlindqvist", "internal", None,
   ["SVC-WMS"], {"model": "ER-4400", "firmware": Q("17.9.4"), "vpn_peer": "CI-NET-FW-01"},
   "2026-09-09", relationships=[{"type": "connects_to", "target": "CI-NET-FW-01"}])

ci_update("CI-WMS-DB-01", "pool", app_pool_size=120)
ci_update("CI-WMS-DB-01", "pg16", verified="2026-07-19", version=Q("16.4"))
ci_update("CI-WMS-APP-01", "4.2.0", version=Q("4.2.0"))
ci_update("CI-WMS-APP-01", "4.2.1", version=Q("4.2.1"))
RECORDS["CI-BIL-VM-01"].stage("retired", status="retired")
ci_update("CI-TRK-WEB-01", "scale", autoscale_max=24)
ci_update("CI-K8S-PROD-01", "nodes", node_count=9)
ci_update("CI-NET-FW-01", "fw", firmware=Q("11.2.4"))
# November configuration audit: every item but the legacy FTP server checked
# against its baseline. Verified on 5 November, so these stay in date
# (180 days) until May 2027.
for _cid in ("CI-WMS-APP-01", "CI-TRK-WEB-01", "CI-NET-FW-01", "CI-K8S-PROD-01", "CI-NET-LDS-01"):
    ci_update(_cid, "audit", verified="2026-11-05")
ci_update("CI-WMS-APP-01", "audit2", label_driver="LP7")
# REG-CFG-005: someone raised max_connections by hand; the baseline still says 300.
ci_observed("CI-WMS-DB-01", "audit", "2026-11-05", max_connections=400)
ci_update("CI-EDI-GW-01", "audit", verified="2026-11-05", version=Q("7.4.2-hf3"),
          tls_issuer="Harbourline Issuing CA 2026")
ci_update("CI-BIL-APP-01", "audit", verified="2026-11-05",
          relationships=[{"type": "runs_on", "target": "CI-K8S-PROD-01"},
                         {"type": "depends_on", "target": "CI-BIL-DB-01"}])
ci_update("CI-BIL-DB-01", "audit", verified="2026-11-05")
# Changes of 20 November, recorded with the item checked after each.
ci_update("CI-TRK-WEB-01", "cert", verified="2026-11-20",
          tls_certificate="GlobalTrust RSA 2026, expires 2027-11-20")
ci_update("CI-BIL-APP-01", "3.10.0", verified="2026-11-20", version=Q("3.10.0"))
ci_update("CI-WMS-APP-01", "4.2.2", verified="2026-11-20", version=Q("4.2.2"))

# --------------------------------------------------------------------------
# Services, suppliers, service reports
# --------------------------------------------------------------------------


def sla(avail: float, resolution: tuple[int, int, int, int]) -> dict[str, Any]:
    return {
        "availability": avail,
        "response_minutes": {"P1": 15, "P2": 30, "P3": 240, "P4": 1440},
        "resolution_hours": dict(zip(("P1", "P2", "P3", "P4"), resolution, strict=True)),
    }


# Continuity exercised on 11 November and capacity reviewed on 12 November:
# in date (365 days) until November 2027.
record("SVC-WMS", "services/SVC-WMS.yaml", "service", name="Warehouse Management", owner="mchen",
       status="active", criticality="critical",
       customers=["Warehouse operations (Bristol, Leeds, Felixstowe)", "Customer service"],
       sla=sla(99.9, (4, 8, 72, 240)), continuity_plan="EVD-2026-001",
       suppliers=["SUP-001", "SUP-003"],
       configuration_items=["CI-WMS-APP-01", "CI-WMS-DB-01", "CI-K8S-PROD-01"])
record("SVC-TRACK", "services/SVC-TRACK.yaml", "service", name="Shipment Tracking Portal",
       owner="mchen", status="active", criticality="high",
       customers=["Retail customers", "Key accounts", "Customer service"],
       sla=sla(99.5, (4, 12, 72, 240)), suppliers=["SUP-001", "SUP-006"],
       configuration_items=["CI-TRK-WEB-01", "CI-NET-FW-01"])
# Raised to critical after the October EDI outage (INC-2026-0068).
# REG-BCM-001, REG-BCM-002: no continuity plan written or tested yet.
record("SVC-EDI", "services/SVC-EDI.yaml", "service", name="Carrier EDI Gateway", owner="dokafor",
       status="active", criticality="high", customers=["Carrier partners", "Transport planning"],
       sla=sla(99.5, (4, 8, 72, 240)), suppliers=["SUP-002"],
       configuration_items=["CI-EDI-GW-01", "CI-EDI-FTP-01", "CI-NET-FW-01"],
       ).stage("critical", criticality="critical")
# REG-CAP-001: billing's month-end load was left out of the capacity review.
# REG-AVL-001: below target in September and October, and no problem record.
record("SVC-BILL", "services/SVC-BILL.yaml", "service", name="Billing and Invoicing",
       owner="dokafor", status="active", criticality="high", customers=["Finance", "Key accounts"],
       sla=sla(99.5, (8, 24, 120, 240)), suppliers=["SUP-001"],
       configuration_items=["CI-BIL-APP-01", "CI-BIL-DB-01", "CI-BIL-VM-01"])
# REG-SLM-001: resolution times never agreed; REG-SLM-002: no monthly reports.
record("SVC-NOTIFY", "services/SVC-NOTIFY.yaml", "service", name="Delivery Notifications",
       owner="mchen", status="active", criticality="medium",
       customers=["Retail customers", "Key accounts"],
       sla={"availability": 99.0, "response_minutes": {"P1": 30, "P2": 60, "P3": 480, "P4": 1440}},
       suppliers=["SUP-005"], configuration_items=["CI-TRK-WEB-01"])

# The contracts in force run to the end of 2027 or beyond, so none lapses
# within a year of the history's end. Supplier reviews are due yearly: Nimbusway's stays in date
# until October 2027, Inkwell's until May 2027, Textwave's until July 2027.
record("SUP-001", "suppliers/SUP-001.yaml", "supplier", name="Nimbusway Hosting Ltd",
       status="active", services=["SVC-WMS", "SVC-TRACK", "SVC-BILL"],
       contract={"start": "2024-04-01", "end": "2029-03-31", "review_due": "2027-01-15"},
       last_review="2026-04-20", owner="dokafor",
       ).stage("review", contract={"start": "2024-04-01", "end": "2029-03-31",
                                   "review_due": "2027-10-15"}, last_review="2026-10-20")
# REG-SUP-002: last reviewed more than a year ago.
record("SUP-002", "suppliers/SUP-002.yaml", "supplier", name="Relaypoint EDI Networks",
       status="active", services=["SVC-EDI"],
       contract={"start": "2025-01-01", "end": "2027-12-31", "review_due": "2026-12-15"},
       last_review="2025-11-06", owner="dokafor")
# REG-GOV-005: the review is dated 3 June, the day after the commit that recorded it.
record("SUP-003", "suppliers/SUP-003.yaml", "supplier", name="Inkwell Label Systems",
       status="active", services=["SVC-WMS"],
       contract={"start": "2025-06-01", "end": "2028-05-31", "review_due": "2027-05-01"},
       last_review="2026-06-03", owner="mchen")
# REG-SUP-003: terminated at the end of June, but still hosts the FTP server.
record("SUP-004", "suppliers/SUP-004.yaml", "supplier", name="Ashdown Managed Hosting",
       status="active", services=["SVC-EDI"],
       contract={"start": "2019-07-01", "end": "2026-06-30"}, last_review="2025-09-15",
       owner="dokafor",
       ).stage("terminated", status="terminated")
# REG-SEC-002: owned by Keith White, who left in August.
record("SUP-005", "suppliers/SUP-005.yaml", "supplier", name="Textwave Messaging Ltd",
       status="active", services=["SVC-NOTIFY"],
       contract={"start": "2025-09-01", "end": "2028-08-31", "review_due": "2027-08-01"},
       last_review="2026-02-16", owner="kwhite",
       ).stage("review", last_review="2026-07-14")
# REG-SUP-001: the address lookup contract ran out on 31 October.
record("SUP-006", "suppliers/SUP-006.yaml", "supplier", name="Postcode Atlas Ltd",
       status="active", services=["SVC-TRACK"],
       contract={"start": "2024-11-01", "end": "2026-10-31", "review_due": "2026-05-01"},
       last_review="2026-05-12", owner="mchen")


# The business side of the alignment chain: what the services are for. Order to delivery needs the
# warehouse, tracking and carrier EDI; billing needs billing; customs clearance needs the carrier EDI
# gateway (customs declarations travel with the carriers' messages) and the warehouse.
# REG-BIZ-001: customs clearance also names the customs declaration service, which IT never recorded.
# REG-BIZ-002: no process names the delivery notifications service.
# REG-BIZ-003: the emissions objective, set in June, has no process serving it yet.
record("OBJ-ONTIME", "business/objectives/OBJ-ONTIME.yaml", "objective",
       title="Deliver on the day promised to the customer", owner="hmorgan",
       measure="Share of consignments delivered on or before the promised day, per month",
       target="97 % each month", status="active")
record("OBJ-MARGIN", "business/objectives/OBJ-MARGIN.yaml", "objective",
       title="Keep the operating margin at plan", owner="hmorgan",
       measure="Operating margin of the quarter against the board's plan", target="6.5 % or better",
       status="active")
record("OBJ-EMISSIONS", "business/objectives/OBJ-EMISSIONS.yaml", "objective",
       title="Cut fuel burnt per delivery", owner="hmorgan",
       measure="Litres of fuel per hundred consignments, per quarter", target="10 % below 2025 by 2027",
       status="active")
record("BP-O2D", "business/processes/BP-O2D.yaml", "business_process", name="Order to delivery",
       owner="mchen", criticality="critical", objectives=["OBJ-ONTIME", "OBJ-MARGIN"],
       services=["SVC-WMS", "SVC-TRACK", "SVC-EDI"], max_outage_hours=4, status="active")
record("BP-BILLING", "business/processes/BP-BILLING.yaml", "business_process", name="Billing",
       owner="dokafor", criticality="high", objectives=["OBJ-MARGIN"], services=["SVC-BILL"],
       max_outage_hours=24, status="active")
record("BP-CUSTOMS", "business/processes/BP-CUSTOMS.yaml", "business_process", name="Customs clearance",
       owner="dokafor", criticality="high", objectives=["OBJ-ONTIME"],
       services=["SVC-EDI", "SVC-WMS", "SVC-CUSTOMS"],
       max_outage_hours=8, status="active")


def report(rid: str, service: str, period: str, by: str, availability: float, incidents: int,
           actions: list[str], reviewed: str | None, **extra: Any) -> Rec:
    return record(rid, f"services/reports/{rid}.yaml", "service_report",
                  quote_times=by == "mchen", service=service, period=Q(period),
                  availability=availability, incidents=incidents, breaches=[],
                  reviewed_by=by if reviewed else None, reviewed_at=T(reviewed) if reviewed else None,
                  actions=actions, **extra)


# The October reports are the last of the history: from 11 December 2026 on,
# each service's November report is due and REG-SLM-002 fires for every one.
report("SR-2026-09-WMS", "SVC-WMS", "2026-09", "mchen", 99.96, 2,
       ["Spooler worker limit to go into the patch playbook (INC-2026-0063).",
        "Continuity exercise before the peak: book it for November."], "10-06 17:00")
# REG-SLM-003: below target, but no actions were agreed.
report("SR-2026-09-TRACK", "SVC-TRACK", "2026-09", "mchen", 99.41, 1, [], "10-06 17:10")
report("SR-2026-09-EDI", "SVC-EDI", "2026-09", "dokafor", 99.96, 0,
       ["Move the last two FTP carriers to SFTP before the peak."], "10-07 14:30")
report("SR-2026-09-BILL", "SVC-BILL", "2026-09", "dokafor", 99.38, 1,
       ["Take month-end reporting off the billing primary (read replica)."], "10-07 14:45")
report("SR-2026-10-WMS", "SVC-WMS", "2026-10", "mchen", 99.97, 0,
       ["Peak-season freeze on WMS changes from 23 November to 4 January."], "11-04 15:30")
# REG-SLM-005: INC-2026-0069 took 29 hours against 12 and is not listed.
report("SR-2026-10-TRACK", "SVC-TRACK", "2026-10", "mchen", 99.84, 1,
       ["Search was slow for three hours on 9 October during an unplanned index "
        "rebuild (CHG-2026-0118); no SLA breach.",
        "Ship tracking 2.8.0 before the peak-season freeze."], "11-04 15:45")
# REG-SLM-004: still a draft, never reviewed.
report("SR-2026-10-EDI", "SVC-EDI", "2026-10", "dokafor", 99.02, 1,
       ["PRB-2026-007: Relaypoint to fix the acknowledgement parser; until then alert on "
        "queue depth (runbook EDI-07)."], None)
report("SR-2026-10-BILL", "SVC-BILL", "2026-10", "dokafor", 99.27, 1,
       ["Read replica for month-end reporting booked for 28 November (CHG-2026-0123)."],
       "11-09 15:30")

# --------------------------------------------------------------------------
# Evidence manifests and waivers
# --------------------------------------------------------------------------

# Evidence ids run in the order the evidence was collected.
EVIDENCE_FILES: dict[str, list[str]] = {}


def evidence(eid: str, etype: str, when: str, by: str, files: list[str] | None = None,
             **fields: Any) -> Rec:
    if files:
        fields["artifacts"] = [{"path": p, "sha256": sha256_of(p)} for p in files]
    EVIDENCE_FILES[eid] = list(files or [])
    return record(eid, f"evidence/{eid}.yaml", "evidence",
                  quote_times=by in ("mchen", "hmorgan", "sbrandt"),
                  type=etype, collected_at=T(when), collected_by=by, **fields)


def test_report(eid: str, when: str, by: str, of: str, title: str, subject: list[str],
                env: str, suite: str, checks: list[str], file: str | None = None,
                **details: Any) -> Rec:
    """A passing test run for a change or release, with the log it left."""
    files = [art(file, test_log(f"{of} ({title})", env, suite, when, by, checks))] if file else None
    key = "release" if of.startswith("REL-") else "change"
    run = details.pop("tests_run", len(checks))
    return evidence(eid, "test_report", when, by, files, subject=subject, result="pass",
                    details={key: of, "environment": env, "suite": suite, "tests_run": run,
                             "tests_failed": 0, **details})


evidence("EVD-2026-001", "continuity_plan", "06-03 14:00", "mchen",
         [art("wms-continuity-plan-v3.md", CONTINUITY_PLAN)], period=Q("2026-Q2"),
         subject=["SVC-WMS"],
         details={"plan_version": 3, "rto_hours": 4, "rpo_minutes": 15,
                  "next_exercise_due": "2026-12-31"})
test_report("EVD-2026-002", "06-12 14:20", "lnovak", "CHG-2026-0101", "WMS pool size 120",
            ["CI-WMS-DB-01"], "staging", "pooler-reload",
            ["pool_size 120 loaded on all three pooler nodes, no dropped connections",
             "pool wait time under 5 ms at replayed peak load",
             "pick-list smoke test"], "2026-06-12-chg-0101-staging-test.txt")
# REG-SEC-012: typed in from the console; no file was kept.
test_report("EVD-2026-003", "06-25 16:30", "lnovak", "CHG-2026-0103", "reconciliation at 00:30",
            ["CI-WMS-APP-01"], "staging", "batch-timing",
            ["reconciliation started at 00:30 and finished at 01:09",
             "replenishment job at 02:00 found no locks"])
test_report("EVD-2026-004", "07-15 23:40", "lnovak", "CHG-2026-0104", "PostgreSQL 16 rehearsal",
            ["CI-WMS-DB-01"], "staging", "wms-db-regression",
            ["pg_upgrade in link mode on a copy of production: 118 minutes",
             "412 regression tests, none failed",
             "pick, pack and despatch smoke tests"],
            "2026-07-15-chg-0104-pg16-rehearsal.txt", tests_run=412)
test_report("EVD-2026-005", "07-19 03:05", "lnovak", "CHG-2026-0104", "post-upgrade regression run",
            ["CI-WMS-DB-01"], "production", "wms-db-regression",
            ["412 regression tests against the upgraded database, none failed",
             "query plans for the ten slowest reports unchanged after ANALYZE"],
            "2026-07-19-wms-db-regression-production.txt", tests_run=412)
test_report("EVD-2026-006", "07-24 17:20", "jfarrell", "CHG-2026-0105",
            "billing on k8s-prod", ["CI-BIL-APP-01", "CI-K8S-PROD-01"], "staging",
            "billing-invoice-runs",
            ["daily run: raise and void a test invoice", "weekly run: raise and void a test invoice",
             "monthly run: raise and void a test invoice", "load balancer switch and back"],
            "2026-07-24-chg-0105-billing-staging.txt")
test_report("EVD-2026-007", "07-29 15:40", "mchen", "REL-2026-01", "WMS 4.2.0 acceptance",
            ["CI-WMS-APP-01"], "staging", "wms-acceptance",
            ["186 acceptance tests, none failed", "wave planning on a copy of last Monday's orders"],
            "2026-07-29-wms-4.2.0-acceptance.txt", tests_run=186)
test_report("EVD-2026-008", "08-07 14:00", "jfarrell", "CHG-2026-0107", "LP7 label driver",
            ["CI-WMS-APP-01"], "print lab", "label-print-carriers",
            ["test label for each of the seven carriers on the LP5 printer model",
             "test label for each of the seven carriers on the LP7 printer model",
             "barcodes scanned back by each carrier's app"],
            "2026-08-07-chg-0107-label-print.txt")
test_report("EVD-2026-009", "08-13 11:30", "mchen", "REL-2026-02", "WMS 4.2.1 acceptance",
            ["CI-WMS-APP-01"], "staging", "wms-acceptance",
            ["188 acceptance tests, none failed",
             "12-hour soak with production label volumes: worker memory flat"],
            "2026-08-13-wms-4.2.1-acceptance.txt", tests_run=188, soak_hours=12)
test_report("EVD-2026-010", "08-14 16:00", "jfarrell", "CHG-2026-0110", "HTTP/2 listener",
            ["CI-TRK-WEB-01"], "staging", "browser-smoke",
            ["Chrome 127", "Firefox 129", "Safari 17.6", "Edge 127", "carrier API client 3.2"],
            "2026-08-14-chg-0110-browser-smoke.txt")
test_report("EVD-2026-011", "08-19 22:10", "mchen", "CHG-2026-0111", "autoscale ceiling 24",
            ["CI-TRK-WEB-01"], "staging", "load-test",
            ["twice last December's peak (1,840 requests a second) for 30 minutes",
             "scaled to 22 pods, p95 lookup time 310 ms"],
            "2026-08-19-chg-0111-load-test.txt")
test_report("EVD-2026-012", "09-11 15:00", "jfarrell", "CHG-2026-0113", "Leeds VPN rules",
            ["CI-NET-FW-01"], "network lab", "vpn-tunnel",
            ["tunnel up between lab firewall and a spare Leeds router",
             "handheld sign-in over the tunnel", "label print over the tunnel",
             "other ports from the Leeds ranges refused"],
            "2026-09-11-chg-0113-vpn-lab.txt")
evidence("EVD-2026-013", "backup_restore_test", "09-16 10:05", "lnovak",
         [art("2026-09-wms-db-restore-test.log", RESTORE_LOG)], period="2026-Q3",
         subject=["CI-WMS-DB-01"], result="pass",
         details={"restore_minutes": 47, "target_minutes": 240, "data_verified": True})
test_report("EVD-2026-014", "09-18 14:00", "tlindqvist", "CHG-2026-0114", "node pool rebalance",
            ["CI-K8S-PROD-01"], "staging", "topology-spread",
            ["three nodes added and joined", "WMS and tracking pods spread over three zones",
             "drain of one zone leaves both services up"],
            "2026-09-18-chg-0114-node-pool.txt")
# REG-GOV-004: failed in September and never retested.
evidence("EVD-2026-015", "backup_restore_test", "09-22 09:30", "lnovak",
         [art("2026-09-billing-db-restore-test.log", BILLING_RESTORE_FAIL_LOG)], period="2026-Q3",
         subject=["CI-BIL-DB-01"], result="fail",
         details={"target_minutes": 240, "data_verified": False,
                  "failure": "WAL archive gap: the archive job still ran on the old billing VMs"})
test_report("EVD-2026-016", "09-24 16:00", "jfarrell", "CHG-2026-0115", "firmware 11.2.4",
            ["CI-NET-FW-01"], "network lab", "firmware-upgrade",
            ["upgrade of the passive lab unit", "failover and failback",
             "standby partition still boots 11.1.7"],
            "2026-09-24-chg-0115-firmware-lab.txt")
test_report("EVD-2026-017", "09-30 15:00", "jfarrell", "CHG-2026-0116", "2026 certificate chain",
            ["CI-EDI-GW-01", "CI-EDI-FTP-01"], "test", "carrier-exchange",
            ["message exchange with each of the six carriers' test endpoints",
             "FTPS upload with the new chain from both FTP carriers"],
            "2026-09-30-chg-0116-carrier-exchange.txt")
test_report("EVD-2026-018", "10-02 11:00", "lnovak", "CHG-2026-0117", "reporting replica volume",
            ["CI-WMS-DB-02"], "staging", "volume-resize",
            ["online grow of the data volume", "filesystem extended with the database open",
             "reporting queries run"],
            "2026-10-02-chg-0117-volume-resize.txt")
# Log reviews are due monthly (31 days): in date until 5 December 2026.
evidence("EVD-2026-019", "log_review", "10-05 09:30", "sbrandt",
         [art("2026-09-log-review.md", log_review_text("September 2026", "Sofia Brandt", 48210, 6))],
         period=Q("2026-09"),
         subject=["CI-WMS-APP-01", "CI-WMS-DB-01", "CI-EDI-GW-01", "CI-BIL-APP-01"], result="pass",
         details={"events_reviewed": 48210, "alerts_followed_up": 6})
# The Q3 access review covers WMS and billing. REG-SEC-001: the EDI gateway
# was left out. From 16 January 2027 the Q4 review is due and every
# sensitive item fails until one is recorded.
evidence("EVD-2026-020", "access_review", "10-06 10:00", "sbrandt",
         [art("2026-Q3-access-review.csv", ACCESS_REVIEW_CSV)], period=Q("2026-Q3"),
         subject=["SVC-WMS", "SVC-BILL", "CI-WMS-APP-01", "CI-WMS-DB-01", "CI-BIL-APP-01",
                  "CI-BIL-DB-01"], result="pass",
         details={"accounts_reviewed": len(_ACCESS_ROWS),
                  "accounts_revoked": sum(1 for r in _ACCESS_ROWS if r[4].startswith("revoke")),
                  "reviewers": ["mchen", "dokafor"]})
test_report("EVD-2026-021", "10-08 16:00", "lnovak", "CHG-2026-0118", "search index rebuild",
            ["CI-TRK-WEB-01"], "staging", "search-compare",
            ["new index built alongside the live one", "alias swapped and swapped back",
             "hit counts match for 200 sample tracking numbers"],
            "2026-10-08-chg-0118-search-index.txt")
# Vulnerability scans are due monthly (31 days): in date until 28 November
# (external) and 5 December 2026 (internal).
evidence("EVD-2026-022", "vulnerability_scan", "10-28 08:15", "sbrandt",
         [art("2026-10-external-scan.md", scan_text(
             "External vulnerability scan, October 2026", "2 external ranges",
             [("CI-TRK-WEB-01", 0, 0, 2, 5), ("CI-EDI-GW-01", 0, 0, 1, 3),
              ("CI-NET-FW-01", 0, 0, 0, 2), ("CI-EDI-FTP-01", 0, 0, 1, 1)],
             "CI-EDI-FTP-01: TLS 1.0 accepted on the FTPS listener (medium)."))],
         period=Q("2026-10"),
         subject=["CI-TRK-WEB-01", "CI-EDI-GW-01", "CI-NET-FW-01", "CI-EDI-FTP-01"], result="pass",
         details={"critical_open": 0, "high_open": 0, "medium_open": 4, "low_open": 11,
                  "external_ranges_scanned": 2})
evidence("EVD-2026-023", "vulnerability_scan", "11-04 10:00", "sbrandt",
         [art("2026-11-internal-scan-wms-platform.md", scan_text(
             "Internal vulnerability scan, November 2026: WMS and platform", "production VLANs",
             [("CI-WMS-APP-01", 0, 0, 3, 8), ("CI-WMS-DB-01", 0, 0, 1, 4),
              ("CI-K8S-PROD-01", 0, 1, 2, 9), ("CI-BIL-DB-01", 0, 0, 1, 3)],
             "The high on CI-K8S-PROD-01 (ingress controller) is fixed in the December patch."))],
         period=Q("2026-11"),
         subject=["CI-WMS-APP-01", "CI-WMS-DB-01", "CI-K8S-PROD-01", "CI-BIL-DB-01"],
         result="pass", details={"critical_open": 0, "high_open": 1, "medium_open": 7, "low_open": 24})
# REG-SEC-010: two critical flaws in the billing application's PDF library,
# open since 4 November; the vendor's fix is due in 3.11.
evidence("EVD-2026-024", "vulnerability_scan", "11-04 11:30", "sbrandt",
         [art("2026-11-internal-scan-billing.md", scan_text(
             "Internal vulnerability scan, November 2026: billing application", "billing namespace",
             [("CI-BIL-APP-01", 2, 2, 4, 6)],
             "Both criticals are in the bundled PDF rendering library 2.3 that renders "
             "invoice templates (remote code execution through a crafted template, and a "
             "heap overflow). Vendor fix promised for billing 3.11."))],
         period=Q("2026-11"), subject=["CI-BIL-APP-01"], result="fail",
         details={"critical_open": 2, "high_open": 2, "medium_open": 4, "low_open": 6})
# REG-SEC-013: Priya Nair joined the security team in October and is not in
# people.yaml yet.
evidence("EVD-2026-025", "log_review", "11-04 14:00", "pnair",
         [art("2026-10-log-review.md", log_review_text("October 2026", "Priya Nair", 51377, 4))],
         period="2026-10",
         subject=["CI-WMS-APP-01", "CI-WMS-DB-01", "CI-EDI-GW-01", "CI-BIL-APP-01"], result="pass",
         details={"events_reviewed": 51377, "alerts_followed_up": 4})
# Restore tests are due every 90 days: in date until February 2027.
evidence("EVD-2026-026", "backup_restore_test", "11-10 10:50", "tlindqvist",
         [art("2026-11-k8s-restore-test.log", K8S_RESTORE_LOG)], period="2026-Q4",
         subject=["CI-K8S-PROD-01"], result="pass",
         details={"restore_minutes": 37, "target_minutes": 240, "data_verified": True})
evidence("EVD-2026-027", "continuity_test", "11-11 16:00", "mchen",
         [art("2026-11-wms-continuity-exercise.md", CONTINUITY_EXERCISE)], period=Q("2026-Q4"),
         subject=["SVC-WMS"], result="pass",
         details={"scenario": "Loss of the primary database", "recovery_minutes": 96,
                  "rto_hours": 4, "data_lost": False})
evidence("EVD-2026-028", "capacity_review", "11-12 11:00", "dokafor",
         [art("2026-11-peak-capacity-review.md", CAPACITY_REVIEW)], period="2026-Q4",
         subject=["SVC-WMS", "SVC-TRACK", "SVC-EDI"], result="pass",
         details={"forecast_peak_factor": 2.4, "actions": 1})
evidence("EVD-2026-029", "backup_restore_test", "11-17 09:10", "lnovak",
         [art("2026-11-wms-restore-test.log", WMS_RESTORE_LOG)], period="2026-Q4",
         subject=["CI-WMS-DB-01", "CI-WMS-APP-01"], result="pass",
         details={"restore_minutes": 63, "target_minutes": 240, "data_verified": True})
test_report("EVD-2026-030", "11-19 15:30", "rpatel", "CHG-2026-0126", "billing 3.10.0",
            ["CI-BIL-APP-01"], "staging", "billing-regression",
            ["264 regression tests, none failed",
             "e-invoice round trip with two key accounts' test endpoints",
             "daily invoice run on a copy of yesterday's orders"],
            "2026-11-19-chg-0126-billing-3.10.0.txt", tests_run=264)
test_report("EVD-2026-031", "11-20 12:30", "mchen", "CHG-2026-0127", "WMS 4.2.2 acceptance",
            ["CI-WMS-APP-01"], "staging", "wms-acceptance",
            ["190 acceptance tests, none failed",
             "new label templates printed for all seven carriers"],
            "2026-11-20-wms-4.2.2-acceptance.txt", tests_run=190)
# Backups must be no more than two days old: this report keeps the WMS items
# and the cluster in date only until 23 November 2026. REG-SEC-005 for the
# firewall holds for good: no backup job covers it.
evidence("EVD-2026-032", "backup", "11-21 07:00", "lnovak",
         [art("2026-11-week-47-backup-report.txt", BACKUP_REPORT)], period="2026-11",
         subject=["CI-WMS-DB-01", "CI-WMS-APP-01", "CI-K8S-PROD-01", "CI-BIL-DB-01"],
         result="pass", details={"jobs": 5, "failed_runs": 0})

record("WVR-2026-001", "waivers/WVR-2026-001.yaml", "waiver", check="REG-CHG-006",
       records=["CHG-2026-0121"],
       reason="Post-implementation review of the emergency EDI fix is held until Relaypoint "
              "sends its root-cause report, promised for early November.",
       approved_by="dokafor", approved_at=T("10-16 09:45"), expires="2026-11-13")
# REG-GOV-002: set to run to the end of 2027, past the 365 days a waiver may
# last, so it accepts nothing: the CHG-2026-0115 finding stays open.
record("WVR-2026-002", "waivers/WVR-2026-002.yaml", "waiver", quote_times=True,
       check="REG-CHG-007", records=["CHG-2026-0115"],
       reason="The firewall firmware upgrade ran 100 minutes past its window because image "
              "verification on the secondary took far longer than the vendor's notes said. "
              "No customer impact; the vendor has corrected its upgrade guide.",
       approved_by="sbrandt", approved_at=T("10-02 11:00"), expires="2027-12-31")
# REG-GOV-003: Mei waived the test report for her own change; she holds no
# approver role. The waiver accepts nothing, so CHG-2026-0120's finding stays open.
record("WVR-2026-003", "waivers/WVR-2026-003.yaml", "waiver", quote_times=True,
       check="REG-CHG-011", records=["CHG-2026-0120"],
       reason="Text-only change to the cookie banner, checked in both languages by legal "
              "before it went live. No test report is needed for wording.",
       approved_by="mchen", approved_at=T("10-19 11:00"), expires="2027-10-18")
# REG-GOV-006: the firewall's backup gap waived under a check id that does not
# exist (REG-SEC-050 for REG-SEC-005): it accepts nothing.
record("WVR-2026-004", "waivers/WVR-2026-004.yaml", "waiver", quote_times=True,
       check="REG-SEC-050", records=["CI-NET-FW-01"],
       reason="The firewall's configuration is exported nightly to the config archive; "
              "a separate backup job is being set up with the vendor.",
       approved_by="sbrandt", approved_at=T("11-03 10:00"), expires="2027-01-31")

# --------------------------------------------------------------------------
# Incidents, problems, releases
# --------------------------------------------------------------------------

record("INC-2026-0047", "incidents/INC-2026-0047.yaml", "incident",
       title="Label printing stalled at all warehouses", priority="P1", status="closed",
       major=True, opened=T("07-27 05:48"), resolved=T("07-27 07:55"), closed=T("07-28 12:00"),
       services=["SVC-WMS"], configuration_items=["CI-WMS-APP-01"], assigned_to="jfarrell",
       problem="PRB-2026-004",
       summary="Label-print workers ran out of memory during the early wave. Workers restarted "
               "one by one; sites used emergency label stock for about two hours.")
record("INC-2026-0051", "incidents/INC-2026-0051.yaml", "incident",
       title="Tracking portal slow under scraping traffic", priority="P2", status="resolved",
       opened=T("08-04 01:40"), resolved=T("08-04 02:55"), services=["SVC-TRACK"],
       configuration_items=["CI-TRK-WEB-01", "CI-NET-FW-01"], assigned_to="jfarrell",
       summary="A scraper hammered /api/track from a few hosting ranges. Blocked at the edge "
               "under emergency change CHG-2026-0108.",
       ).stage("closed", status="closed", closed=T("08-05 09:00"))
record("INC-2026-0056", "incidents/INC-2026-0056.yaml", "incident",
       title="Some customers get errors on the tracking portal after HTTP/2 was enabled",
       priority="P3", status="closed", opened=T("08-15 21:25"), resolved=T("08-15 22:10"),
       closed=T("08-16 08:30"), services=["SVC-TRACK"], configuration_items=["CI-TRK-WEB-01"],
       assigned_to="jfarrell", caused_by_change="CHG-2026-0110",
       summary="Older Safari versions failed the new listener. HTTP/2 turned off again at 22:05.")
# REG-INC-002: closed from the desk with no resolution time.
record("INC-2026-0061", "incidents/INC-2026-0061.yaml", "incident",
       title="Goods-in label printer at Bristol keeps jamming", priority="P4", status="closed",
       opened=T("09-02 07:50"), closed=T("09-04 16:00"), services=["SVC-WMS"],
       assigned_to="jfarrell",
       summary="Inkwell's engineer replaced the feed roller on 3 September.")
# REG-CHG-018: caused by the September patching, a standard change nobody reviewed.
record("INC-2026-0063", "incidents/INC-2026-0063.yaml", "incident",
       title="Pick lists slow to print at all sites after the September patching",
       priority="P3", status="closed", opened=T("09-13 06:20"), resolved=T("09-13 10:45"),
       closed=T("09-14 09:00"), services=["SVC-WMS"], configuration_items=["CI-WMS-APP-01"],
       assigned_to="jfarrell", caused_by_change="CHG-2026-0112",
       summary="The patched nodes came back with the print spooler's worker limit reset to its "
               "default of 2. Set back to 8 by hand.")
record("INC-2026-0065", "incidents/INC-2026-0065.yaml", "incident",
       title="Month-end invoice run overran into the working day", priority="P2",
       status="closed", opened=T("09-30 06:10"), resolved=T("09-30 12:40"),
       closed=T("10-01 09:00"), services=["SVC-BILL"],
       configuration_items=["CI-BIL-APP-01", "CI-BIL-DB-01"], assigned_to="lnovak",
       summary="Month-end reporting queries competed with the invoice run on the billing "
               "primary; the billing screens were unusable until the run finished at 12:40.")
record("INC-2026-0068", "incidents/INC-2026-0068.yaml", "incident",
       title="Carrier EDI messages delayed", priority="P1", status="resolved", major=True,
       opened=T("10-13 22:30"), resolved=T("10-14 01:25"), services=["SVC-EDI"],
       configuration_items=["CI-EDI-GW-01"], assigned_to="lnovak", problem="PRB-2026-007",
       summary="Queue consumers stopped after a malformed acknowledgement from one carrier; "
               "about 6,000 despatch messages queued. Consumers restarted and vendor hotfix "
               "applied under emergency change CHG-2026-0121.")
record("INC-2026-0069", "incidents/INC-2026-0069.yaml", "incident",
       title="Tracking portal shows stale carrier ETAs", priority="P2", status="closed",
       opened=T("10-20 08:10"), resolved=T("10-21 13:30"), closed=T("10-22 09:00"),
       services=["SVC-TRACK"], configuration_items=["CI-TRK-WEB-01"], assigned_to="jfarrell",
       problem="PRB-2026-008",
       summary="Two carriers' ETA feeds lagged by up to six hours and the portal showed the old "
               "times as current. Resolved when the feeds caught up.")
record("INC-2026-0070", "incidents/INC-2026-0070.yaml", "incident",
       title="Month-end invoice run overran again", priority="P2", status="closed",
       opened=T("10-31 06:05"), resolved=T("10-31 14:20"), closed=T("11-02 09:30"),
       services=["SVC-BILL"], configuration_items=["CI-BIL-APP-01", "CI-BIL-DB-01"],
       assigned_to="lnovak",
       summary="Same pattern as INC-2026-0065, worse with the October volumes. Billing screens "
               "unusable until 14:20.")
# REG-INC-001: a major incident with no problem record. REG-CFG-006: the site
# Wi-Fi has never been registered as a configuration item.
record("INC-2026-0072", "incidents/INC-2026-0072.yaml", "incident",
       title="Felixstowe warehouse Wi-Fi down; handhelds offline", priority="P1",
       status="closed", major=True, opened=T("11-09 05:30"), resolved=T("11-09 08:40"),
       closed=T("11-10 12:00"), services=["SVC-WMS"], configuration_items=["CI-NET-FXT-WLAN-01"],
       assigned_to="tlindqvist",
       summary="The Wi-Fi controller at Felixstowe came back with its factory settings after a "
               "power cut. Picking ran on paper for three hours.")

record("PRB-2026-004", "problems/PRB-2026-004.yaml", "problem",
       title="Label-print workers leak memory under sustained load", status="open",
       opened=T("07-28 11:00"), incidents=["INC-2026-0047"],
       root_cause="Under investigation: worker heap grows by roughly 40 MB an hour during waves.",
       workaround="Restart the label-print workers nightly at 04:00 until a fix ships.",
       ).stage("resolved", status="resolved", resolved=T("08-20 10:00"),
               root_cause="Rendered carrier label templates were cached per job and never "
                          "released. Fixed in WMS 4.2.1.",
               fix_change="CHG-2026-0109")
# REG-PRB-001: marked resolved when the timeouts stopped; the cause was never found.
record("PRB-2026-005", "problems/PRB-2026-005.yaml", "problem",
       title="Intermittent acknowledgement timeouts from two carriers", status="resolved",
       opened=T("08-25 10:00"), resolved=T("09-29 16:00"),
       notes="Timeouts stopped after Relaypoint's network maintenance on 26 September. "
             "Relaypoint did not say what they changed.")
# REG-PRB-002: fixed by hand on the gateway, with no change on record.
record("PRB-2026-006", "problems/PRB-2026-006.yaml", "problem",
       title="Carrier SFTP uploads rejected after a carrier changed its host key",
       status="resolved", opened=T("09-08 09:00"), resolved=T("09-09 11:00"),
       root_cause="Northline Freight rotated its SFTP host key without notice and the gateway "
                  "refused the new key. The known-hosts entry was updated by hand.")
record("PRB-2026-007", "problems/PRB-2026-007.yaml", "problem",
       title="EDI queue consumers stall when a carrier returns a malformed acknowledgement",
       status="known_error", opened=T("10-15 09:30"), incidents=["INC-2026-0068"],
       root_cause="The gateway's acknowledgement parser throws on an empty segment terminator "
                  "and the consumer thread does not recover.",
       workaround="Alert on queue depth over 5,000; restart the consumers (runbook EDI-07).")
# REG-PRB-003: a known error with no workaround written down.
record("PRB-2026-008", "problems/PRB-2026-008.yaml", "problem",
       title="A lagging carrier ETA feed shows as current on the tracking portal",
       status="known_error", opened=T("10-22 10:00"), incidents=["INC-2026-0069"],
       root_cause="The portal caches each carrier's last ETA without the time it was sent, so "
                  "a lagging feed looks current. The ETA widget in 2.8.0 shows the age.")

record("REL-2026-01", "releases/REL-2026-01.yaml", "release", version=Q("4.2.0"),
       service="SVC-WMS", status="planned", environment="production", changes=["CHG-2026-0106"],
       rollback_plan="Switch traffic back to the 4.1.3 (blue) deployment. The 4.2.0 schema "
                     "migration only adds tables, so no database restore is needed.",
       ).stage("approved", status="approved",
               acceptance={"passed": True, "at": T("07-29 16:00"), "by": "mchen",
                           "evidence": ["EVD-2026-007"]},
               approvals=[A("hmorgan", "change-manager", "07-29 17:30")],
       ).stage("deployed", status="deployed", deployed={"at": T("07-30 20:10"), "by": "rpatel"})
record("REL-2026-02", "releases/REL-2026-02.yaml", "release", version=Q("4.2.1"),
       service="SVC-WMS", status="planned", environment="production", changes=["CHG-2026-0109"],
       rollback_plan="Switch traffic back to the 4.2.0 deployment; no schema changes.",
       ).stage("approved", status="approved",
               acceptance={"passed": True, "at": T("08-13 12:00"), "by": "mchen",
                           "evidence": ["EVD-2026-009"]},
               approvals=[A("hmorgan", "change-manager", "08-13 12:30")],
       ).stage("deployed", status="deployed", deployed={"at": T("08-13 19:55"), "by": "rpatel"})
# REG-REL-001: Mei approved the release while its change, CHG-2026-0124,
# still waits for the CAB.
record("REL-2026-03", "releases/REL-2026-03.yaml", "release", version=Q("2.8.0"),
       service="SVC-TRACK", status="planned", environment="production",
       changes=["CHG-2026-0124"],
       rollback_plan="Redeploy 2.7.3 from the release registry; the ETA widget is behind a "
                     "feature flag and can also be switched off on its own.",
       ).stage("approved", status="approved",
               acceptance={"passed": True, "at": T("11-19 17:00"), "by": "mchen"},
               approvals=[A("mchen", "service-owner", "11-20 11:00")])
# REG-REL-002: the October hotfix, recorded as a release afterwards; it never
# went through acceptance.
record("REL-2026-04", "releases/REL-2026-04.yaml", "release", version=Q("7.4.2-hf3"),
       service="SVC-EDI", status="deployed", environment="production",
       changes=["CHG-2026-0121"],
       rollback_plan="Reinstall 7.4.2 from the vendor package; intake stays paused until then.",
       approvals=[A("tlindqvist", "emergency-cab", "10-13 23:20")],
       deployed={"at": T("10-14 00:40"), "by": "lnovak"})
# REG-SEC-014: Ravi signed off the acceptance of a release he then deployed.
record("REL-2026-05", "releases/REL-2026-05.yaml", "release", version=Q("3.10.0"),
       service="SVC-BILL", status="planned", environment="production",
       changes=["CHG-2026-0126"],
       rollback_plan="Switch traffic back to the 3.9.0 deployment; the e-invoicing tables are "
                     "new and 3.9.0 ignores them.",
       ).stage("approved", status="approved", approvals=[A("hmorgan", "change-manager", "11-20 09:30")],
       ).stage("deployed", status="deployed",
               acceptance={"passed": True, "at": T("11-20 12:00"), "by": "rpatel",
                           "evidence": ["EVD-2026-030"]},
               deployed={"at": T("11-20 19:45"), "by": "rpatel"})
# REG-REL-003, REG-REL-004: rushed in before the WMS freeze with no rollback
# plan, and its approval recorded the morning after.
record("REL-2026-06", "releases/REL-2026-06.yaml", "release", version=Q("4.2.2"),
       service="SVC-WMS", status="planned", environment="production",
       changes=["CHG-2026-0127"],
       ).stage("deployed", status="deployed",
               acceptance={"passed": True, "at": T("11-20 13:00"), "by": "mchen",
                           "evidence": ["EVD-2026-031"]},
               deployed={"at": T("11-20 20:40"), "by": "rpatel"},
       ).stage("approved", approvals=[A("hmorgan", "change-manager", "11-21 09:15")])


# --------------------------------------------------------------------------
# Changes
# --------------------------------------------------------------------------

OS_PATCH = "STD-OSPATCH"

# Two changes came over from the old tracker when this repository was set up.
# REG-CHG-014: closed in the June clean-up with no closure code or date.
change("CHG-2026-0096", "Monthly OS patching: WMS database hosts (May)", "standard", "jfarrell",
       "05-20 09:00", template=OS_PATCH, risk="low", impact="low", implementer="jfarrell",
       cis=["CI-WMS-DB-01"], services=["SVC-WMS"],
       plan={"implementation": "Apply the May security updates to the standby first, fail "
                               "over, then patch the old primary.",
             "backout": "Roll the host image back to the April snapshot.",
             "test": "Replication healthy both ways; pick-list smoke test."},
       status="implemented", schedule=window("05-28 22:00", "05-29 02:00"),
       implementation=done("05-28 22:10", "05-28 23:55", "jfarrell"),
       ).stage("closed", status="closed")

# REG-CHG-016: approved for 5 June and never carried out; CHG-2026-0125 is
# the second attempt.
change("CHG-2026-0098", "Decommission the legacy carrier FTP server", "normal", "dokafor",
       "05-18 10:00", risk="medium", impact="medium", implementer="jfarrell",
       cis=["CI-EDI-FTP-01"], services=["SVC-EDI"],
       plan={"implementation": "Move the last two carriers to SFTP on the EDI gateway, stop "
                               "the FTP service, power the server off and end the Ashdown "
                               "contract.",
             "backout": "Start the FTP service again; the server is kept intact for 30 days "
                        "before it is wiped.",
             "test": "Both carriers' manifests arrive over SFTP for a week before the FTP "
                     "service is stopped."},
       status="scheduled", approvals=[A("hmorgan", "change-manager", "05-26 14:00")],
       schedule=window("06-05 18:00", "06-05 22:00"))

change("CHG-2026-0101", "Raise the WMS database connection pool from 80 to 120", "normal",
       "mchen", "06-08 10:14", risk="low", impact="low", implementer="lnovak",
       cis=["CI-WMS-DB-01", "CI-WMS-APP-01"], services=["SVC-WMS"],
       plan={"implementation": "Set app_pool_size to 120 in the pooler config and reload the "
                               "pooler on each node in turn.",
             "backout": "Set app_pool_size back to 80 and reload.",
             "test": "Watch pool wait time and connection errors for 30 minutes; run the "
                     "pick-list smoke test."},
       ).stage("scheduled", status="scheduled",
               approvals=[A("hmorgan", "change-manager", "06-10 15:30")],
               schedule=window("06-13 21:00", "06-13 23:00"),
       ).stage("closed", status="closed", implementation=done("06-13 21:05", "06-13 21:40", "lnovak"),
               test_evidence=["EVD-2026-002"],
               review=review("06-16 09:00", "hmorgan",
                             "Pool waits at peak dropped from about 40 ms to under 5 ms."),
               closure=closure("06-16 09:05"))

change("CHG-2026-0102", "Monthly OS patching: tracking web tier (June)", "standard", "jfarrell",
       "06-09 09:05", template=OS_PATCH, risk="low", impact="low", implementer="jfarrell",
       cis=["CI-TRK-WEB-01"], services=["SVC-TRACK"],
       plan={"implementation": "Apply the June security updates with the rolling patch "
                               "playbook, one node out of the pool at a time.",
             "backout": "Roll the node image back to the May snapshot.",
             "test": "Playbook health checks and the tracking lookup smoke test."},
       ).stage("scheduled", status="scheduled", schedule=window("06-20 22:00", "06-21 02:00"),
       ).stage("closed", status="closed", implementation=done("06-20 22:10", "06-20 23:35", "jfarrell"),
               closure=closure("06-22 08:30"))

# REG-CHG-002: Daniel raised this one and approved it himself.
change("CHG-2026-0103", "Move the nightly stock reconciliation batch from 01:00 to 00:30",
       "normal", "dokafor", "06-24 11:05", risk="low", impact="low", implementer="lnovak",
       cis=["CI-WMS-APP-01"], services=["SVC-WMS"],
       plan={"implementation": "Change the reconciliation job schedule to 00:30 in the WMS "
                               "scheduler.",
             "backout": "Put the schedule back to 01:00.",
             "test": "Check the 00:30 run finishes before the 02:00 replenishment job."},
       ).stage("scheduled", status="scheduled", approvals=[A("dokafor", "cab", "06-24 11:20")],
               schedule=window("06-26 23:30", "06-27 00:30"),
       ).stage("closed", status="closed", implementation=done("06-26 23:40", "06-26 23:55", "lnovak"),
               test_evidence=["EVD-2026-003"],
               review=review("06-29 10:00", "hmorgan", "First run at 00:30 finished at 01:12."),
               closure=closure("06-29 10:05"))

change("CHG-2026-0104", "Upgrade the WMS database from PostgreSQL 14 to 16", "normal", "lnovak",
       "06-30 15:40", risk="high", impact="high", implementer="lnovak", cis=["CI-WMS-DB-01"],
       services=["SVC-WMS"],
       plan={"implementation": "1. Announce the WMS outage (20:00 to 04:00) to shift leads.\n"
                               "2. Take a base backup and verify it.\n"
                               "3. Run pg_upgrade in link mode on the standby and fail over to it.\n"
                               "4. Rebuild the old primary as a standby on 16.\n"
                               "5. ANALYZE, then reopen the application.\n",
             "backout": "Until step 3 nothing has changed. After it, fail back to the old 14 "
                        "primary, kept untouched for 48 hours, and repoint the application.",
             "test": "wms-db-regression suite, then the pick, pack and despatch smoke tests "
                     "before reopening."},
       ).stage("scheduled", status="scheduled",
               approvals=[A("dokafor", "cab", "07-07 14:20"), A("sbrandt", "cab", "07-07 14:20"),
                          A("hmorgan", "change-manager", "07-07 14:30")],
               schedule=window("07-18 20:00", "07-19 04:00"),
       ).stage("implemented", status="implemented",
               implementation=done("07-18 20:05", "07-19 02:50", "lnovak"),
               test_evidence=["EVD-2026-004"],
       ).stage("closed", status="closed",
               review=review("07-21 10:30", "hmorgan", "Finished inside the window. Query times "
                                                      "back to normal after ANALYZE."),
               closure=closure("07-21 10:35"))

# REG-CHG-005: high risk, but only the change manager signed it off; no CAB member did.
change("CHG-2026-0105", "Move the billing application onto the production Kubernetes cluster",
       "normal", "dokafor", "07-06 08:45", risk="high", impact="medium", implementer="jfarrell",
       cis=["CI-BIL-APP-01", "CI-K8S-PROD-01"], services=["SVC-BILL"],
       plan={"implementation": "Deploy the billing chart to k8s-prod next to the old VMs, "
                               "switch the load balancer, keep the VMs warm for a week.",
             "backout": "Point the load balancer back at the billing VMs.",
             "test": "Raise and void a test invoice in each of the daily, weekly and monthly "
                     "runs."},
       ).stage("scheduled", status="scheduled",
               approvals=[A("hmorgan", "change-manager", "07-07 15:50")],
               schedule=window("07-25 20:00", "07-26 02:00"),
       ).stage("closed", status="closed", implementation=done("07-25 20:10", "07-25 23:30", "jfarrell"),
               test_evidence=["EVD-2026-006"],
               review=review("07-28 11:00", "hmorgan", "Billing runs on the shared cluster. Old "
                                                      "VMs to be retired under a separate change."),
               closure=closure("08-05 09:40"))

change("CHG-2026-0106", "Roll out WMS 4.2.0 (wave picking optimisation)", "normal", "mchen",
       "07-14 10:05", risk="medium", impact="medium", implementer="rpatel",
       cis=["CI-WMS-APP-01"], services=["SVC-WMS"],
       plan={"implementation": "Deploy REL-2026-01 with the blue/green pipeline; the wave "
                               "tables migration is additive.",
             "backout": "Switch traffic back to the blue (4.1.3) deployment; 4.1.3 ignores the "
                        "new tables.",
             "test": "Wave picking acceptance suite in staging; production smoke tests after "
                     "switch-over."},
       ).stage("scheduled", status="scheduled",
               approvals=[A("hmorgan", "change-manager", "07-21 10:45")],
               schedule=window("07-30 19:00", "07-30 22:00"),
       ).stage("implemented", status="implemented",
               implementation=done("07-30 19:05", "07-30 20:10", "rpatel", ["8c41f0e2d9b7"]),
               test_evidence=["EVD-2026-007"],
       ).stage("closed", status="closed",
               review=review("08-04 14:00", "hmorgan",
                             "Wave planning time down by about a third on the first night."),
               closure=closure("08-05 09:45"))

# REG-CHG-004: no backout plan, and it went ahead anyway.
change("CHG-2026-0107", "Switch label printing to the Inkwell LP7 driver package", "normal",
       "mchen", "07-29 16:50", risk="medium", impact="low", implementer="jfarrell",
       cis=["CI-WMS-APP-01"], services=["SVC-WMS"],
       plan={"implementation": "Install the LP7 driver package on the label-print workers and "
                               "switch the printer profiles site by site.",
             "test": "Print a test label for every carrier at every site before the morning "
                     "shift."},
       ).stage("scheduled", status="scheduled",
               approvals=[A("hmorgan", "change-manager", "08-05 09:50")],
               schedule=window("08-08 05:00", "08-08 07:00"),
       ).stage("implemented", status="implemented",
               implementation=done("08-08 05:10", "08-08 05:50", "jfarrell"),
               test_evidence=["EVD-2026-008"],
       ).stage("closed", status="closed",
               review=review("08-24 09:00", "hmorgan", "All three sites printing on LP7."),
               closure=closure("08-24 09:05"))

change("CHG-2026-0108", "Block scraping traffic to the tracking portal at the edge firewall",
       "emergency", "jfarrell", "08-04 02:05", risk="medium", impact="low", implementer="jfarrell",
       cis=["CI-NET-FW-01", "CI-TRK-WEB-01"], services=["SVC-TRACK"],
       plan={"implementation": "Add the offending address ranges to the edge block list and "
                               "rate-limit /api/track to 20 requests a second per client.",
             "backout": "Remove the block list entries and the rate limit.",
             "test": "Tracking lookups back under 500 ms; no carrier ranges blocked."},
       ).stage("implemented", status="implemented",
               approvals=[A("tlindqvist", "emergency-cab", "08-04 02:20")],
               schedule=window("08-04 02:25", "08-04 04:00"),
               implementation=done("08-04 02:30", "08-04 02:50", "jfarrell"),
               incidents=["INC-2026-0051"],
       ).stage("closed", status="closed",
               review=review("08-05 09:00", "hmorgan",
                             "Rate limit held when the scraper came back on new ranges the next "
                             "night. Permanent bot filtering to follow as a normal change."),
               closure=closure("08-05 09:55"))

change("CHG-2026-0109", "Roll out WMS 4.2.1 (label-print memory leak fix)", "normal", "mchen",
       "08-10 11:30", risk="low", impact="low", implementer="rpatel", cis=["CI-WMS-APP-01"],
       services=["SVC-WMS"],
       plan={"implementation": "Deploy REL-2026-02 with the blue/green pipeline.",
             "backout": "Switch traffic back to the 4.2.0 deployment.",
             "test": "12-hour soak in staging with production label volumes; worker memory "
                     "must stay flat."},
       ).stage("scheduled", status="scheduled",
               approvals=[A("hmorgan", "change-manager", "08-12 16:30")],
               schedule=window("08-13 19:00", "08-13 21:00"),
       ).stage("implemented", status="implemented",
               implementation=done("08-13 19:10", "08-13 19:55", "rpatel", ["f3a9907c15e2"]),
               test_evidence=["EVD-2026-009"],
       ).stage("closed", status="closed",
               review=review("08-20 10:00", "hmorgan",
                             "Worker memory flat for a week; nightly restarts removed."),
               closure=closure("08-24 09:10"))

change("CHG-2026-0110", "Enable HTTP/2 on the tracking portal load balancer", "normal",
       "dokafor", "08-11 09:20", risk="low", impact="low", implementer="jfarrell",
       cis=["CI-TRK-WEB-01"], services=["SVC-TRACK"],
       plan={"implementation": "Turn on HTTP/2 for the tracking listener.",
             "backout": "Turn HTTP/2 off again; no restart needed.",
             "test": "Browser smoke test (Chrome, Firefox, Safari, Edge) and the carrier API "
                     "client."},
       ).stage("scheduled", status="scheduled", approvals=[A("sbrandt", "cab", "08-12 14:00")],
               schedule=window("08-15 21:00", "08-15 23:00"),
       ).stage("implemented", status="implemented",
               implementation=done("08-15 21:05", "08-15 22:10", "jfarrell"),
               test_evidence=["EVD-2026-010"], incidents=["INC-2026-0056"],
       ).stage("closed", status="closed",
               review=review("08-18 10:00", "hmorgan",
                             "Older Safari clients failed on the new listener, so HTTP/2 was "
                             "switched off at 22:05. Retry after the load balancer upgrade.",
                             outcome="backed_out"),
               closure=closure("08-24 09:15", "backed_out"))

# REG-CHG-001: done on the evening of the 20th, approved the next morning.
change("CHG-2026-0111", "Raise the tracking portal autoscaling ceiling from 12 to 24 pods",
       "normal", "mchen", "08-18 13:00", risk="medium", impact="low", implementer="jfarrell",
       cis=["CI-TRK-WEB-01", "CI-K8S-PROD-01"], services=["SVC-TRACK"],
       plan={"implementation": "Set autoscale_max to 24 in the tracking deployment values and "
                               "apply.",
             "backout": "Set autoscale_max back to 12 and apply.",
             "test": "Load test at twice last December's peak against staging first."},
       schedule=window("08-20 19:00", "08-20 23:00"),
       ).stage("implemented", status="implemented",
               implementation=done("08-20 19:15", "08-20 19:50", "jfarrell"),
               test_evidence=["EVD-2026-011"],
       ).stage("closed", status="closed",
               approvals=[A("hmorgan", "change-manager", "08-21 09:10")],
               review=review("08-24 09:20", "hmorgan",
                             "Ceiling raised as planned. Approval was only given the morning "
                             "after; reminded the team that a window is not an approval."),
               closure=closure("08-24 09:25"))

# A standard change, so no review was planned; REG-CHG-018: it caused INC-2026-0063.
change("CHG-2026-0112", "Monthly OS patching: WMS application nodes (September)", "standard",
       "jfarrell", "09-01 08:40", template=OS_PATCH, risk="low", impact="low",
       implementer="jfarrell", cis=["CI-WMS-APP-01", "CI-K8S-PROD-01"], services=["SVC-WMS"],
       plan={"implementation": "Apply the September security updates with the rolling patch "
                               "playbook, draining one node at a time.",
             "backout": "Roll the node image back to the August snapshot.",
             "test": "Playbook health checks and the pick-list smoke test."},
       ).stage("scheduled", status="scheduled", schedule=window("09-12 22:00", "09-13 02:00"),
       ).stage("implemented", status="implemented",
               implementation=done("09-12 22:05", "09-12 23:50", "jfarrell"),
       ).stage("closed", status="closed", closure=closure("10-02 09:00"))

# REG-CHG-008: approved by Keith White, who had left on 28 August.
change("CHG-2026-0113", "Firewall rules for the new Leeds hub site-to-site VPN", "normal",
       "mchen", "09-03 14:10", risk="medium", impact="low", implementer="jfarrell",
       cis=["CI-NET-FW-01"], services=["SVC-WMS"],
       plan={"implementation": "Add the Leeds tunnel and allow WMS traffic (tcp/443 and the "
                               "printer ports) from the Leeds ranges only.",
             "backout": "Remove the tunnel and its rules.",
             "test": "Handheld sign-in and a label print from Leeds."},
       ).stage("scheduled", status="scheduled", approvals=[A("kwhite", "cab", "09-07 16:40")],
               schedule=window("09-12 19:00", "09-12 21:00"),
       ).stage("implemented", status="implemented",
               implementation=done("09-12 19:05", "09-12 19:40", "jfarrell"),
               test_evidence=["EVD-2026-012"],
       ).stage("closed", status="closed",
               review=review("09-29 10:00", "hmorgan", "Leeds live on the new tunnel."),
               closure=closure("10-02 09:05"))

# REG-CHG-003: Tomas approved the change he carried out.
change("CHG-2026-0114", "Rebalance the production Kubernetes node pool ahead of peak season",
       "normal", "dokafor", "09-10 10:00", risk="medium", impact="low", implementer="tlindqvist",
       cis=["CI-K8S-PROD-01"], services=["SVC-WMS", "SVC-TRACK", "SVC-BILL"],
       plan={"implementation": "Add three nodes to the pool and spread WMS and tracking pods "
                               "across zones with topology constraints.",
             "backout": "Cordon and drain the new nodes, then remove them.",
             "test": "Pod spread checked per zone; WMS and tracking smoke tests."},
       ).stage("scheduled", status="scheduled", approvals=[A("tlindqvist", "cab", "09-14 17:30")],
               schedule=window("09-19 21:00", "09-20 01:00"),
       ).stage("implemented", status="implemented",
               implementation=done("09-19 21:10", "09-19 22:30", "tlindqvist"),
               test_evidence=["EVD-2026-014"],
       ).stage("closed", status="closed",
               review=review("09-29 10:15", "hmorgan", "Nine nodes, pods spread over three zones."),
               closure=closure("10-02 09:10"))

# REG-CHG-007 (WVR-2026-002 would waive it, but runs too long): overran its window by 100 minutes.
change("CHG-2026-0115", "Upgrade edge firewall firmware from 11.1.7 to 11.2.4", "normal",
       "dokafor", "09-14 09:30", risk="high", impact="medium", implementer="jfarrell",
       cis=["CI-NET-FW-01"], services=["SVC-WMS", "SVC-TRACK", "SVC-EDI"],
       plan={"implementation": "1. Upgrade the passive member and let it boot.\n"
                               "2. Fail over to it.\n"
                               "3. Upgrade the other member and fail back.\n",
             "backout": "Boot the standby partition on each member; it keeps 11.1.7.",
             "test": "Tunnels up, tracking and EDI reachable from outside, failover tested "
                     "both ways."},
       ).stage("scheduled", status="scheduled",
               approvals=[A("sbrandt", "cab", "09-22 14:10"),
                          A("hmorgan", "change-manager", "09-22 14:15")],
               schedule=window("09-26 22:00", "09-27 01:00"),
       ).stage("implemented", status="implemented",
               implementation=done("09-26 22:05", "09-27 02:40", "jfarrell"),
               test_evidence=["EVD-2026-016"],
       ).stage("closed", status="closed",
               review=review("09-29 10:30", "hmorgan",
                             "Overran the window by 100 minutes: image verification on the "
                             "secondary was much slower than the vendor's notes. No customer "
                             "impact; waiver requested."),
               closure=closure("10-02 09:15"))

# REG-CHG-015: the FTP server's CMDB record was never updated for its new certificate.
change("CHG-2026-0116", "Move the EDI gateway certificates to the 2026 issuing CA", "normal",
       "dokafor", "09-18 11:00", risk="medium", impact="low", implementer="jfarrell",
       cis=["CI-EDI-GW-01", "CI-EDI-FTP-01"], services=["SVC-EDI"],
       plan={"implementation": "Install the new certificate chain on the gateway and the "
                               "legacy FTP drop, tell carriers a week ahead, switch the "
                               "listeners at 20:00.",
             "backout": "Switch the listener back to the 2024 chain, valid until March.",
             "test": "Test message exchange with each of the six carriers."},
       ).stage("scheduled", status="scheduled", approvals=[A("sbrandt", "cab", "09-22 14:20")],
               schedule=window("10-01 20:00", "10-01 22:00"),
       ).stage("closed", status="closed",
               implementation=done("10-01 20:10", "10-01 20:55", "jfarrell"),
               test_evidence=["EVD-2026-017"],
               review=review("10-05 11:00", "hmorgan", "All six carriers exchanging messages."),
               closure=closure("10-07 11:40"))

# REG-CHG-009: CI-WMS-DB-02 is not in the CMDB.
change("CHG-2026-0117", "Add 500 GB to the WMS reporting replica", "normal", "lnovak",
       "09-25 10:20", risk="low", impact="low", implementer="lnovak", cis=["CI-WMS-DB-02"],
       services=["SVC-WMS"],
       plan={"implementation": "Grow the data volume online and extend the filesystem.",
             "backout": "None needed for the volume; stop if the filesystem resize fails and "
                        "restore from the snapshot taken first.",
             "test": "Free space above 40 percent; reporting queries run."},
       ).stage("scheduled", status="scheduled",
               approvals=[A("hmorgan", "change-manager", "09-29 15:00")],
               schedule=window("10-03 06:00", "10-03 08:00"),
       ).stage("closed", status="closed",
               implementation=done("10-03 06:15", "10-03 06:40", "lnovak"),
               test_evidence=["EVD-2026-018"],
               review=review("10-06 09:30", "hmorgan", "Volume at 1.5 TB, 46 percent free."),
               closure=closure("10-07 11:45"))

# REG-CHG-007: run the evening before its window.
change("CHG-2026-0118", "Rebuild the shipment search index on the tracking portal", "normal",
       "mchen", "10-02 09:00", risk="low", impact="medium", implementer="lnovak",
       cis=["CI-TRK-WEB-01"], services=["SVC-TRACK"],
       plan={"implementation": "Build a new index alongside the live one, then swap the alias.",
             "backout": "Swap the alias back to the old index, kept for a week.",
             "test": "Compare hit counts for 200 sample tracking numbers."},
       ).stage("scheduled", status="scheduled",
               approvals=[A("hmorgan", "change-manager", "10-06 15:00")],
               schedule=window("10-10 22:00", "10-11 02:00"),
       ).stage("implemented", status="implemented",
               implementation=done("10-09 18:30", "10-09 21:15", "lnovak"),
               test_evidence=["EVD-2026-021"],
       ).stage("closed", status="closed",
               review=review("10-19 10:00", "hmorgan",
                             "Run a day early, on the Friday evening, by mistake. Search was "
                             "slow for about three hours."),
               closure=closure("11-10 09:40"))

# REG-CHG-010: the CAB member said no; it was done anyway. REG-CHG-011: and untested.
change("CHG-2026-0119", "Allow SSH from the office VPN range to the production database hosts",
       "normal", "lnovak", "10-05 13:00", risk="medium", impact="low", implementer="lnovak",
       cis=["CI-NET-FW-01", "CI-WMS-DB-01", "CI-BIL-DB-01"], services=["SVC-WMS", "SVC-BILL"],
       plan={"implementation": "Add an allow rule from 10.40.0.0/16 to tcp/22 on the database "
                               "VLAN.",
             "backout": "Delete the rule.",
             "test": "SSH from a VPN client works; all other ports stay closed."},
       schedule=window("10-09 17:00", "10-09 19:00"),
       ).stage("rejected", status="rejected",
               approvals=[A("hmorgan", "change-manager", "10-06 15:10"),
                          A("sbrandt", "cab", "10-07 11:30", "rejected",
                            "Use the bastion host. Direct SSH from the VPN range is not acceptable.")],
       ).stage("implemented", status="implemented",
               implementation=done("10-09 17:00", "10-09 17:20", "lnovak"))

# REG-CHG-008: approved by the service owner, who is not an approver. She also
# waived its test report herself (WVR-2026-003).
change("CHG-2026-0120", "Reword the cookie consent banner on the tracking portal", "normal",
       "jfarrell", "10-08 09:40", risk="low", impact="low", implementer="jfarrell",
       cis=["CI-TRK-WEB-01"], services=["SVC-TRACK"],
       plan={"implementation": "Update the banner text in the portal's content settings.",
             "backout": "Restore the previous text.",
             "test": "Check the banner in English and Welsh."},
       ).stage("closed", status="closed",
               approvals=[A("mchen", "service-owner", "10-12 10:00")],
               schedule=window("10-14 12:00", "10-14 14:00"),
               implementation=done("10-14 12:10", "10-14 12:25", "jfarrell"),
               review=review("10-19 10:10", "hmorgan", "Wording approved by legal; live."),
               closure=closure("11-10 09:45"))

# REG-CHG-006: emergency change finished on 14 October, never reviewed.
change("CHG-2026-0121", "Restart the EDI queue consumers and apply the gateway vendor's hotfix",
       "emergency", "jfarrell", "10-13 23:05", risk="high", impact="medium", implementer="lnovak",
       cis=["CI-EDI-GW-01"], services=["SVC-EDI"],
       plan={"implementation": "Stop intake, restart the consumers, apply hotfix 7.4.2-hf3, "
                               "resume intake and drain the backlog.",
             "backout": "Reinstall 7.4.2 from the vendor package; intake stays paused until "
                        "then.",
             "test": "Queue depth back to normal; acknowledgements received from every "
                     "carrier."},
       ).stage("implemented", status="implemented",
               approvals=[A("tlindqvist", "emergency-cab", "10-13 23:20")],
               schedule=window("10-13 23:30", "10-14 03:00"),
               implementation=done("10-13 23:35", "10-14 01:10", "lnovak"),
               incidents=["INC-2026-0068"])

change("CHG-2026-0122", "Disable MFA for warehouse handheld scanner accounts", "normal", "mchen",
       "10-20 08:30", risk="medium", impact="low", implementer="jfarrell", cis=["CI-WMS-APP-01"],
       services=["SVC-WMS"],
       plan={"implementation": "Exempt the scanner service accounts from the MFA policy.",
             "backout": "Apply the MFA policy to the scanner accounts again.",
             "test": "Sign in on a handheld at each site."},
       ).stage("rejected", status="rejected",
               approvals=[A("sbrandt", "cab", "10-27 15:00", "rejected",
                            "Use device certificates for the scanners instead; raised with the "
                            "WMS team.")])

# Booked for 28 November and never carried out in this history: from
# 30 December 2026 REG-CHG-016 reports it as left open.
change("CHG-2026-0123", "Add a read replica for the billing database", "normal", "lnovak",
       "11-02 10:00", risk="medium", impact="low", implementer="lnovak", cis=["CI-BIL-DB-01"],
       services=["SVC-BILL"],
       plan={"implementation": "Create the replica from a base backup, start streaming, point "
                               "month-end reporting at it.",
             "backout": "Point reporting back at the primary and drop the replica.",
             "test": "Replication lag under 5 seconds for a day; month-end report runs."},
       ).stage("scheduled", status="scheduled",
               approvals=[A("hmorgan", "change-manager", "11-10 09:30")],
               schedule=window("11-28 20:00", "11-29 00:00"))

change("CHG-2026-0124", "Roll out tracking portal 2.8.0 (carrier ETA widget)", "normal", "mchen",
       "11-16 14:00", risk="medium", impact="low", implementer="rpatel", cis=["CI-TRK-WEB-01"],
       services=["SVC-TRACK"],
       plan={"implementation": "Deploy REL-2026-03 with the blue/green pipeline, widget "
                               "flag off, then turn it on for 10 percent of visitors.",
             "backout": "Turn the flag off; if needed switch back to 2.7.3.",
             "test": "Tracking acceptance suite in staging; ETA accuracy sampled for a day."})

# The week before the WMS peak-season freeze (23 November).
change("CHG-2026-0126", "Roll out billing 3.10.0 (e-invoicing for key accounts)", "normal",
       "dokafor", "11-19 09:10", risk="medium", impact="low", implementer="rpatel",
       cis=["CI-BIL-APP-01"], services=["SVC-BILL"],
       plan={"implementation": "Deploy REL-2026-05 with the blue/green pipeline after the "
                               "evening invoice run.",
             "backout": "Switch traffic back to the 3.9.0 deployment; 3.9.0 ignores the new "
                        "e-invoicing tables.",
             "test": "Billing regression suite and an e-invoice round trip with two key "
                     "accounts in staging."},
       ).stage("scheduled", status="scheduled", approvals=[A("sbrandt", "cab", "11-19 16:10")],
               schedule=window("11-20 19:00", "11-20 22:00"), test_evidence=["EVD-2026-030"],
       ).stage("implemented", status="implemented",
               implementation=done("11-20 19:05", "11-20 19:50", "rpatel"))

change("CHG-2026-0127", "Roll out WMS 4.2.2 (carrier label template fixes)", "normal", "mchen",
       "11-19 10:00", risk="low", impact="low", implementer="rpatel", cis=["CI-WMS-APP-01"],
       services=["SVC-WMS"],
       plan={"implementation": "Deploy REL-2026-06 with the blue/green pipeline.",
             "backout": "Switch traffic back to the 4.2.1 deployment; no schema changes.",
             "test": "WMS acceptance suite in staging and a test label for every carrier."},
       ).stage("scheduled", status="scheduled",
               approvals=[A("hmorgan", "change-manager", "11-19 16:20")],
               schedule=window("11-20 20:00", "11-20 22:00"),
       # REG-CHG-019: Ravi widened the approved window to 23:00 when he recorded
       # the deployment; nobody approved the new window.
       ).stage("implemented", status="implemented", test_evidence=["EVD-2026-031"],
               schedule=window("11-20 20:00", "11-20 23:00"),
               implementation=done("11-20 20:05", "11-20 20:45", "rpatel"))

# REG-CHG-017: an emergency, but no incident was raised: the certificate was
# due to expire at midnight and nothing had broken yet.
change("CHG-2026-0128", "Replace the tracking portal's TLS certificate before it expires",
       "emergency", "jfarrell", "11-20 17:30", risk="medium", impact="low",
       implementer="jfarrell", cis=["CI-TRK-WEB-01"], services=["SVC-TRACK"],
       plan={"implementation": "Install the certificate from the CA's same-day issuance on both "
                               "load balancer listeners.",
             "backout": "Put the current certificate back; it is valid until 23:59 tonight.",
             "test": "Chain and expiry checked from outside; tracking lookups and carrier API "
                     "calls work."},
       ).stage("implemented", status="implemented",
               approvals=[A("tlindqvist", "emergency-cab", "11-20 17:45")],
               schedule=window("11-20 18:00", "11-20 19:00"),
               implementation=done("11-20 18:05", "11-20 18:25", "jfarrell"),
       ).stage("closed", status="closed",
               review=review("11-21 09:20", "hmorgan",
                             "The renewal order had been stuck with the CA since October and "
                             "nobody owned the expiry reminder. New certificate valid to "
                             "November 2027."),
               closure=closure("11-21 09:25"))

# REG-CHG-013: raised as a standard change, but no standard change model covers it.
change("CHG-2026-0129", "Add the Leeds goods-in label printers to the WMS print queues",
       "standard", "jfarrell", "11-20 18:35", risk="low", impact="low", implementer="jfarrell",
       cis=["CI-WMS-APP-01"], services=["SVC-WMS"],
       plan={"implementation": "Add the two new printers to the Leeds goods-in queue.",
             "backout": "Remove them from the queue.",
             "test": "Print a test label on each."})

# REG-CHG-012: submitted without an impact rating.
change("CHG-2026-0130", "Raise the EDI gateway's queue consumers from 4 to 8 for the peak",
       "normal", "lnovak", "11-21 10:30", risk="medium", impact=None, implementer="lnovak",
       cis=["CI-EDI-GW-01"], services=["SVC-EDI"],
       plan={"implementation": "Set queue_consumers to 8 and restart the consumers one at a "
                               "time.",
             "backout": "Set queue_consumers back to 4.",
             "test": "Queue depth and message latency during the next evening peak."})

# Hand-typed draft with a YAML mistake in it (the backout line has an unquoted ': ').
DRAFT_0125 = """\
kind: change
id: CHG-2026-0125
title: Retire the legacy FTP drop for carrier manifests
type: normal
status: draft
requested_by: jfarrell
created: 2026-11-18T15:10:00Z
risk: low
impact: low
implementer: jfarrell
configuration_items: [CI-EDI-GW-01]
services: [SVC-EDI]
plan:
  implementation: Move the last two carriers to SFTP, then switch off the FTP listener
  backout: Switch the listener back on: its config stays in place for a month
  test: Manifests from both carriers arrive over SFTP for a week
"""

# Logged from the service desk phone call; the priority was never filled in.
INC_0074 = """\
kind: incident
id: INC-2026-0074
title: Handheld scanners at the Leeds hub cannot sign in
status: open
opened: 2026-11-18T06:40:00Z
services: [SVC-WMS]
configuration_items: [CI-WMS-APP-01, CI-NET-FW-01]
assigned_to: jfarrell
summary: About half the handhelds at Leeds fail sign-in since the early shift. Bristol and
  Felixstowe unaffected.
"""

# --------------------------------------------------------------------------
# History: who committed what, when
# --------------------------------------------------------------------------


def ev(*numbers: int) -> list[tuple[str, str]]:
    """Evidence manifests by number, each with the artifact files it lists."""
    out: list[tuple[str, str]] = []
    for n in numbers:
        eid = f"EVD-2026-{n:03d}"
        out.append((eid, "v1"))
        out.extend((path, ARTIFACTS[path]) for path in EVIDENCE_FILES[eid])
    return out


SCAN_EXPORT = "evidence/artifacts/2026-11-internal-scan-wms-platform.md"  # EVD-2026-023's export


def edited(path: str, old: str, new: str) -> str:
    """An artifact's text with one phrase replaced, as someone editing it by hand would leave it."""
    if old not in ARTIFACTS[path]:
        raise SystemExit(f"make_demo: {path} has no {old!r} to edit")
    return ARTIFACTS[path].replace(old, new)


# Evidence is committed signed, each person with their own SSH key (keys made
# for this demo only, in scripts/demo-keys). Two breaches, REG-SEC-019: Lukas
# committed the failed restore test from the jump host, where his key is not,
# and Tomas signs with a key nobody added to the allowed signers.
KEYS = Path(__file__).resolve().parent / "demo-keys"
UNSIGNED = {("09-23 09:00", "lnovak")}
UNREGISTERED = {"tlindqvist"}

# Each entry: (date, author, message, contents). Contents are (record id, stage)
# pairs, or (path, text) pairs for files written by hand.
HISTORY: list[tuple[str, str, str, list[tuple[str, str]]]] = [
    ("06-01 08:30", "hmorgan", "Set up the service management records repository",
     [("regent.yaml", REGENT_YAML), ("people.yaml", people_yaml(False)), ("README.md", README)]),
    ("06-01 11:20", "hmorgan",
     "Carry over the two changes still open in the old tracker\n\n"
     "CHG-2026-0096 (May patching, done, waiting to be closed) and\n"
     "CHG-2026-0098 (FTP server decommission, booked for 5 June).",
     [("CHG-2026-0096", "submitted"), ("CHG-2026-0098", "submitted")]),
    ("06-02 10:05", "dokafor", "Register production configuration items and suppliers",
     [(c, "v1") for c in ("CI-WMS-APP-01", "CI-WMS-DB-01", "CI-TRK-WEB-01", "CI-EDI-GW-01",
                          "CI-NET-FW-01", "CI-K8S-PROD-01", "CI-BIL-APP-01", "CI-BIL-DB-01",
                          "CI-EDI-FTP-01", "CI-BIL-VM-01", "CI-BIL-APP-STG-01")]
     + [(f"SUP-00{n}", "v1") for n in range(1, 7)]),
    ("06-03 14:40", "mchen", "Add the service catalogue and the WMS continuity plan",
     [("SVC-WMS", "v1"), ("SVC-TRACK", "v1"), ("SVC-EDI", "v1"), ("SVC-BILL", "v1"),
      ("SVC-NOTIFY", "v1")] + ev(1)),
    ("06-03 16:10", "hmorgan", "Record the objectives and the business processes the services serve",
     [("OBJ-ONTIME", "v1"), ("OBJ-MARGIN", "v1"), ("OBJ-EMISSIONS", "v1"), ("BP-O2D", "v1"),
      ("BP-BILLING", "v1"), ("BP-CUSTOMS", "v1")]),
    ("06-10 15:45", "hmorgan", "Approve CHG-2026-0101 and book June patching (CHG-2026-0102)",
     [("CHG-2026-0101", "scheduled"), ("CHG-2026-0102", "scheduled")]),
    ("06-24 11:30", "dokafor", "CHG-2026-0103: move the nightly stock reconciliation to 00:30",
     [("CHG-2026-0103", "scheduled")]),
    ("06-30 09:20", "hmorgan",
     "Review and close the June changes\n\n"
     "Close CHG-2026-0096 from the old tracker too, and file Lukas's staging\n"
     "test reports for CHG-2026-0101 and CHG-2026-0103.",
     [("CHG-2026-0101", "closed"), ("CHG-2026-0102", "closed"), ("CHG-2026-0103", "closed"),
      ("CHG-2026-0096", "closed")] + ev(2, 3)),
    ("07-01 09:15", "lnovak",
     "Raise CHG-2026-0104 for the PostgreSQL 16 upgrade\n\n"
     "Also record the new connection pool size from CHG-2026-0101 in the CMDB.",
     [("CHG-2026-0104", "submitted"), ("CI-WMS-DB-01", "pool")]),
    ("07-02 10:00", "dokafor", "Ashdown Managed Hosting: contract ended on 30 June",
     [("SUP-004", "terminated")]),
    ("07-07 16:10", "hmorgan", "Record decisions from the 7 July CAB",
     [("CHG-2026-0104", "scheduled"), ("CHG-2026-0105", "scheduled")]),
    ("07-14 15:30", "kwhite", "Textwave half-year supplier review",
     [("SUP-005", "review")]),
    ("07-19 03:20", "lnovak",
     "CHG-2026-0104 done: WMS database now on PostgreSQL 16.4\n\n"
     "With the staging rehearsal and tonight's regression run.",
     [("CHG-2026-0104", "implemented")] + ev(4, 5) + [("CI-WMS-DB-01", "pg16")]),
    ("07-21 11:00", "hmorgan", "Approve the WMS 4.2.0 roll-out and close CHG-2026-0104",
     [("CHG-2026-0106", "scheduled"), ("REL-2026-01", "v1"), ("CHG-2026-0104", "closed")]),
    ("07-28 14:00", "jfarrell", "Log INC-2026-0047 (label printing stall) and open PRB-2026-004",
     [("INC-2026-0047", "v1"), ("PRB-2026-004", "v1")]),
    ("07-29 17:35", "hmorgan", "Approve WMS 4.2.0 (REL-2026-01) for the 30 July roll-out",
     [("REL-2026-01", "approved")]),
    ("07-30 21:00", "rpatel", "Deploy WMS 4.2.0 (REL-2026-01, CHG-2026-0106)",
     ev(7) + [("REL-2026-01", "deployed"), ("CHG-2026-0106", "implemented"),
              ("CI-WMS-APP-01", "4.2.0")]),
    ("08-04 03:05", "jfarrell",
     "Emergency change CHG-2026-0108: block scraping traffic on the tracking portal\n\n"
     "Approved by Tomas by phone at 02:20. Incident INC-2026-0051.",
     [("CHG-2026-0108", "implemented"), ("INC-2026-0051", "v1")]),
    ("08-06 10:30", "dokafor", "Retire the legacy billing VMs: billing runs on k8s-prod since 25 July",
     [("CI-BIL-VM-01", "retired")]),
    ("08-12 16:45", "hmorgan",
     "Weekly change review\n\n"
     "Close CHG-2026-0105, CHG-2026-0106 and the emergency change CHG-2026-0108.\n"
     "Approve CHG-2026-0107 (LP7 drivers), CHG-2026-0109 (WMS 4.2.1) and\n"
     "CHG-2026-0110 (HTTP/2, approved by Sofia). Plan REL-2026-02.",
     [("CHG-2026-0105", "closed"), ("CHG-2026-0106", "closed"), ("CHG-2026-0108", "closed"),
      ("CHG-2026-0107", "scheduled"), ("CHG-2026-0109", "scheduled"),
      ("CHG-2026-0110", "scheduled"), ("REL-2026-02", "v1")] + ev(6)),
    ("08-13 12:35", "hmorgan", "Approve WMS 4.2.1 (REL-2026-02)", [("REL-2026-02", "approved")]),
    ("08-13 20:30", "rpatel", "Deploy WMS 4.2.1 (REL-2026-02, CHG-2026-0109)",
     ev(9) + [("REL-2026-02", "deployed"), ("CHG-2026-0109", "implemented"),
              ("CI-WMS-APP-01", "4.2.1")]),
    ("08-20 20:05", "jfarrell",
     "Implementation notes for CHG-2026-0107, CHG-2026-0110 and CHG-2026-0111\n\n"
     "HTTP/2 was rolled back after INC-2026-0056. PRB-2026-004 resolved by WMS 4.2.1.",
     ev(8, 10, 11)
     + [("CHG-2026-0107", "implemented"), ("CHG-2026-0110", "implemented"),
        ("INC-2026-0056", "v1"), ("CHG-2026-0111", "implemented"), ("CI-TRK-WEB-01", "scale"),
        ("PRB-2026-004", "resolved"), ("INC-2026-0051", "closed")]),
    ("08-24 09:40", "hmorgan", "Record the approval of CHG-2026-0111 and close the August changes",
     [("CHG-2026-0111", "closed"), ("CHG-2026-0107", "closed"), ("CHG-2026-0109", "closed"),
      ("CHG-2026-0110", "closed")]),
    ("09-08 11:00", "hmorgan", "Approve CHG-2026-0113 (Leeds VPN) and book September patching",
     [("CHG-2026-0113", "scheduled"), ("CHG-2026-0112", "scheduled")]),
    ("09-09 14:00", "tlindqvist", "Register the Leeds hub router ahead of the VPN cut-over",
     [("CI-NET-LDS-01", "v1")]),
    ("09-14 10:00", "jfarrell",
     "Log INC-2026-0061 (Bristol label printer) and INC-2026-0063 (slow pick lists)",
     [("INC-2026-0061", "v1"), ("INC-2026-0063", "v1")]),
    ("09-15 09:45", "dokafor", "Raise CHG-2026-0114 (node pool) and CHG-2026-0115 (firewall firmware)",
     [("CHG-2026-0114", "scheduled"), ("CHG-2026-0115", "submitted")]),
    ("09-20 01:05", "tlindqvist", "CHG-2026-0114: node pool rebalanced to nine nodes",
     [("CHG-2026-0114", "implemented"), ("CI-K8S-PROD-01", "nodes")] + ev(14)),
    ("09-22 16:30", "hmorgan", "Record decisions from the 22 September CAB",
     [("CHG-2026-0115", "scheduled"), ("CHG-2026-0116", "scheduled")]),
    ("09-23 09:00", "lnovak",
     "Billing database restore test failed: gap in the WAL archive\n\n"
     "To be run again once archiving is fixed.",
     ev(15)),
    ("09-27 03:00", "jfarrell",
     "Implementation notes: September patching, Leeds VPN, firewall firmware\n\n"
     "The firmware upgrade ran past its window; see the notes on CHG-2026-0115.",
     [("CHG-2026-0112", "implemented"), ("CHG-2026-0113", "implemented"),
      ("CHG-2026-0115", "implemented"), ("CI-NET-FW-01", "fw")] + ev(12, 16)),
    ("09-30 17:00", "lnovak",
     "Write up PRB-2026-005 (acknowledgement timeouts) and PRB-2026-006 (carrier host key)",
     [("PRB-2026-005", "v1"), ("PRB-2026-006", "v1")]),
    ("10-01 09:10", "jfarrell", "Log INC-2026-0065 (September month-end invoice run)",
     [("INC-2026-0065", "v1")]),
    ("10-02 10:00", "hmorgan",
     "Close the September changes and approve CHG-2026-0117\n\n"
     "Keith White left on 28 August; HR only told us today, so mark him inactive.",
     [("CHG-2026-0112", "closed"), ("CHG-2026-0113", "closed"), ("CHG-2026-0114", "closed"),
      ("CHG-2026-0115", "closed"), ("CHG-2026-0117", "scheduled"),
      ("people.yaml", people_yaml(True))]),
    ("10-06 16:00", "sbrandt",
     "Q3 access review for WMS and billing, September log review; waive the CHG-2026-0115 overrun",
     ev(19, 20) + [("WVR-2026-002", "v1")]),
    ("10-06 17:30", "mchen", "September service reports for WMS and tracking",
     [("SR-2026-09-WMS", "v1"), ("SR-2026-09-TRACK", "v1")]),
    ("10-07 12:00", "hmorgan",
     "Approve CHG-2026-0118, record the decision on CHG-2026-0119, close CHG-2026-0116 and CHG-2026-0117",
     [("CHG-2026-0118", "scheduled"), ("CHG-2026-0119", "rejected"), ("CHG-2026-0116", "closed"),
      ("CHG-2026-0117", "closed")] + ev(17, 18)),
    ("10-07 15:00", "dokafor", "September service reports for EDI and billing",
     [("SR-2026-09-EDI", "v1"), ("SR-2026-09-BILL", "v1")]),
    ("10-14 09:00", "lnovak",
     "Record last week's work and the Q3 restore test\n\n"
     "Search index rebuild (CHG-2026-0118), SSH rule (CHG-2026-0119) and the\n"
     "overnight emergency fix on the EDI gateway (CHG-2026-0121, INC-2026-0068).",
     [("CHG-2026-0118", "implemented"), ("CHG-2026-0119", "implemented"),
      ("CHG-2026-0121", "implemented"), ("INC-2026-0068", "v1")] + ev(13, 21)),
    ("10-16 09:50", "dokafor",
     "Hold the CHG-2026-0121 review for Relaypoint's report; record PRB-2026-007\n\n"
     "After INC-2026-0068 the EDI gateway counts as a critical service.\n"
     "Continuity plan to follow.",
     [("WVR-2026-001", "v1"), ("PRB-2026-007", "v1"), ("SVC-EDI", "critical")]),
    ("10-19 11:10", "mchen", "Waive the test report for the cookie banner wording (CHG-2026-0120)",
     [("WVR-2026-003", "v1")]),
    ("10-21 15:00", "dokafor", "Nimbusway annual service review",
     [("SUP-001", "review")]),
    ("10-22 10:20", "jfarrell", "Log INC-2026-0069 (stale ETAs) and record known error PRB-2026-008",
     [("INC-2026-0069", "v1"), ("PRB-2026-008", "v1")]),
    ("10-28 11:00", "sbrandt", "October vulnerability scan; CAB rejected CHG-2026-0122",
     ev(22) + [("CHG-2026-0122", "rejected")]),
    ("11-02 09:40", "jfarrell", "Log INC-2026-0070 (October month-end invoice run)",
     [("INC-2026-0070", "v1")]),
    ("11-04 16:00", "sbrandt",
     "November internal vulnerability scans and the October log review\n\n"
     "Critical finding on the billing application; the vendor's fix is due in 3.11.",
     ev(23, 24, 25)),
    ("11-05 15:00", "dokafor",
     "November configuration audit: baselines checked for every item\n\n"
     "Except the legacy FTP server, which is due to go. CI-WMS-DB-01 runs with\n"
     "max_connections at 400 against a baseline of 300; recorded as found.",
     [(c, "audit") for c in ("CI-WMS-DB-01", "CI-TRK-WEB-01", "CI-NET-FW-01", "CI-K8S-PROD-01",
                             "CI-EDI-GW-01", "CI-BIL-APP-01", "CI-BIL-DB-01", "CI-NET-LDS-01")]
     + [("CI-WMS-APP-01", "audit2")]),
    ("11-05 16:30", "sbrandt", "Waive the firewall's backup check until its backup job is set up",
     [("WVR-2026-004", "v1")]),
    # REG-SEC-017, REG-SEC-018: Sofia edits a scan export already on record instead of
    # adding a corrected one, and the manifest keeps the old digest.
    ("11-06 09:10", "sbrandt", "Tidy the November platform scan summary",
     [(SCAN_EXPORT, edited(SCAN_EXPORT, "is fixed in the December patch.",
                           "is accepted until the December patch."))]),
    # REG-SEC-020: logged from the new laptop. REG-SEC-021: Jonas filled in the
    # closing time ahead, the day before the incident was closed.
    ("11-09 11:00", "jfarrell-laptop", "Log INC-2026-0072 (Felixstowe Wi-Fi outage)",
     [("INC-2026-0072", "v1")]),
    ("11-09 16:00", "dokafor",
     "October service reports for billing and EDI\n\n"
     "The EDI report stays a draft until Relaypoint sends its figures.",
     [("SR-2026-10-BILL", "v1"), ("SR-2026-10-EDI", "v1")]),
    ("11-10 10:00", "hmorgan", "Approve CHG-2026-0123; close CHG-2026-0118 and CHG-2026-0120",
     [("CHG-2026-0123", "scheduled"), ("CHG-2026-0118", "closed"), ("CHG-2026-0120", "closed")]),
    ("11-10 15:00", "tlindqvist", "Q4 restore test of the production cluster", ev(26)),
    ("11-11 16:30", "mchen", "WMS continuity exercise: database failover to the second zone", ev(27)),
    ("11-12 11:30", "dokafor", "Peak-season capacity review for WMS, tracking and EDI", ev(28)),
    ("11-17 10:30", "mchen", "October service reports; raise tracking portal 2.8.0 (CHG-2026-0124, REL-2026-03)",
     [("SR-2026-10-WMS", "v1"), ("SR-2026-10-TRACK", "v1"), ("CHG-2026-0124", "submitted"),
      ("REL-2026-03", "v1")]),
    ("11-17 15:00", "lnovak", "Q4 restore rehearsal of the whole WMS on the standby cluster", ev(29)),
    ("11-18 16:00", "jfarrell", "Log INC-2026-0074 (Leeds handhelds); draft CHG-2026-0125",
     [("incidents/INC-2026-0074.yaml", INC_0074), ("changes/CHG-2026-0125.yaml", DRAFT_0125)]),
    ("11-19 09:30", "dokafor",
     "Record the October EDI hotfix as REL-2026-04; raise billing 3.10.0\n\n"
     "CHG-2026-0126 and REL-2026-05.",
     [("REL-2026-04", "v1"), ("CHG-2026-0126", "submitted"), ("REL-2026-05", "v1")]),
    ("11-19 10:15", "mchen", "Raise WMS 4.2.2 for the label template fixes (CHG-2026-0127, REL-2026-06)",
     [("CHG-2026-0127", "submitted"), ("REL-2026-06", "v1")]),
    ("11-19 16:30", "hmorgan", "Approve CHG-2026-0126 and CHG-2026-0127 ahead of the WMS freeze",
     [("CHG-2026-0126", "scheduled"), ("CHG-2026-0127", "scheduled")] + ev(30)),
    ("11-20 09:35", "hmorgan", "Approve billing 3.10.0 (REL-2026-05)", [("REL-2026-05", "approved")]),
    ("11-20 11:15", "mchen", "Approve tracking portal 2.8.0 (REL-2026-03) so it ships before the freeze",
     [("REL-2026-03", "approved")]),
    ("11-20 18:40", "jfarrell",
     "Emergency change CHG-2026-0128: replace the tracking portal certificate\n\n"
     "Approved by Tomas at 17:45. Also raise CHG-2026-0129 for the Leeds printers.",
     [("CHG-2026-0128", "implemented"), ("CI-TRK-WEB-01", "cert"),
      ("CHG-2026-0129", "submitted")]),
    ("11-20 21:00", "rpatel", "Deploy billing 3.10.0 (REL-2026-05) and WMS 4.2.2 (REL-2026-06)",
     ev(31) + [("REL-2026-05", "deployed"), ("CHG-2026-0126", "implemented"),
               ("CI-BIL-APP-01", "3.10.0"), ("REL-2026-06", "deployed"),
               ("CHG-2026-0127", "implemented"), ("CI-WMS-APP-01", "4.2.2")]),
    ("11-21 09:30", "hmorgan", "Review CHG-2026-0128; record the approval of REL-2026-06",
     [("CHG-2026-0128", "closed"), ("REL-2026-06", "approved")]),
    ("11-21 11:00", "lnovak", "Weekly backup report; raise CHG-2026-0130 (EDI consumers for the peak)",
     ev(32) + [("CHG-2026-0130", "submitted")]),
]

# A change request not merged yet: branch request/edi-peak, the day after main's last
# commit. `regent gate --base main --head request/edi-peak` fails it:
#   REG-CHG-020  CHG-2026-0130 goes from submitted to implemented: never approved nor scheduled
#   REG-CHG-021  CHG-2026-0121, approved and implemented, gets a longer window and no new approval
#   REG-CHG-022  CHG-2026-0128, closed, has its review notes rewritten
#   REG-SEC-022  the week 47 backup report is edited after it was collected (and REG-SEC-017)
REQUEST_BRANCH = "request/edi-peak"


def _rewritten(rid: str, stage: str, *edits: tuple[str, str]) -> tuple[str, str]:
    text = RECORDS[rid].text(stage)
    for old, new in edits:
        if old not in text:
            raise SystemExit(f"make_demo: {rid} has no {old!r} to edit")
        text = text.replace(old, new)
    return RECORDS[rid].path, text


REQUEST: list[tuple[str, str, str, list[tuple[str, str]]]] = [
    ("11-22 18:40", "lnovak", "Raise the EDI consumers (CHG-2026-0130); fix the hotfix window on record",
     [(RECORDS["CHG-2026-0130"].path,
       _rewritten("CHG-2026-0130", "submitted", ("status: submitted", "status: implemented"))[1]
       + "implementation:\n  started: 2026-11-22T18:00:00Z\n  completed: 2026-11-22T18:20:00Z\n  by: lnovak\n"),
      _rewritten("CHG-2026-0121", "implemented", ("end: 2026-10-14T03:00:00Z", "end: 2026-10-14T05:00:00Z"))]),
    ("11-22 19:10", "hmorgan", "Tidy the backup report and CHG-2026-0128's review",
     [("evidence/artifacts/2026-11-week-47-backup-report.txt",
       edited("evidence/artifacts/2026-11-week-47-backup-report.txt",
              "Every job ran on each of the last seven nights.",
              "Every job ran on each of the last seven nights; no restore was needed.")),
      _rewritten("CHG-2026-0128", "closed", ("nobody owned the expiry reminder.",
                                             "nobody owned the expiry reminder; the service desk owns it now."))]),
]

# --------------------------------------------------------------------------
# Writing the repository
# --------------------------------------------------------------------------


def git_env(author: str, when: str) -> dict[str, str]:
    name, email = PEOPLE[author]
    day, clock = when.split()
    date = f"2026-{day} {clock}:00 +0000"
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update({
        "TZ": "UTC",
        "LC_ALL": "C",
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_TERMINAL_PROMPT": "0",
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": email,
        "GIT_COMMITTER_DATE": date,
    })
    return env


def git(dest: Path, *args: str, env: dict[str, str], stdin: str | None = None) -> str:
    result = subprocess.run(
        ["git", "-C", str(dest), "-c", "core.autocrlf=false", "-c", "core.fileMode=true", *args],
        input=stdin, env=env, capture_output=True, text=True,
    )
    if result.returncode != 0:
        raise SystemExit(f"git {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout


def prepare(dest: Path) -> None:
    if dest.exists() or dest.is_symlink():
        if not dest.is_dir() or dest.is_symlink():
            raise SystemExit(f"make_demo: {dest} exists and is not a directory; not touching it")
        if (dest / MARKER).is_file():
            shutil.rmtree(dest)
        elif any(dest.iterdir()):
            raise SystemExit(f"make_demo: {dest} is not empty and was not written by this script "
                             f"(no {MARKER} file); choose another path or empty it first")
    dest.mkdir(parents=True, exist_ok=True)


def touches_evidence(contents: list[tuple[str, str]]) -> bool:
    return any(key.startswith(("EVD-", "evidence/")) for key, _ in contents)


def set_up_signing(dest: Path, env: dict[str, str]) -> dict[str, str]:
    """Each person's signing key, copied where ssh-keygen accepts it (readable by the owner only),
    and the repository's allowed signers, which git verifies signatures against."""
    keys = dest / ".git" / "demo-keys"
    keys.mkdir()
    found: dict[str, str] = {}
    allowed = []
    for public in sorted(KEYS.glob("*.pub")):
        person = public.stem
        private = keys / person
        shutil.copyfile(public.with_suffix(""), private)
        private.chmod(0o600)
        found[person] = str(private)
        if person not in UNREGISTERED:
            allowed.append(f"{PEOPLE[person][1]} {public.read_text().strip()}\n")
    signers = dest / ".git" / "allowed_signers"
    signers.write_text("".join(allowed))
    git(dest, "config", "gpg.ssh.allowedSignersFile", str(signers), env=env)
    return found


def write(dest: Path, rel: str, text: str) -> None:
    path = dest / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    path.chmod(0o644)


def commit(dest: Path, when: str, author: str, message: str, contents: list[tuple[str, str]],
           signing_keys: dict[str, str]) -> None:
    """Write the contents (records at a stage, or files by path) and commit them as the author,
    signed when they touch evidence."""
    for key, value in contents:
        if key in RECORDS:
            write(dest, RECORDS[key].path, RECORDS[key].text(value))
        else:
            write(dest, key, value)
    env = git_env(author, when)
    name, email = PEOPLE[author]
    git(dest, "add", "-A", env=env)
    signing = signing_keys.get(author) if touches_evidence(contents) and (when, author) not in UNSIGNED else None
    how = ["-c", "gpg.format=ssh", "-c", f"user.signingkey={signing}", "commit", "-S"] if signing else \
          ["-c", "commit.gpgsign=false", "commit"]
    git(dest, "-c", f"user.name={name}", "-c", f"user.email={email}", *how, "-q", "--no-verify", "-F", "-",
        env=env, stdin=message + "\n")


def build(dest: Path) -> tuple[int, int, str]:
    prepare(dest)
    first = HISTORY[0]
    env = git_env(first[1], first[0])
    subprocess.run(["git", "-c", "init.defaultBranch=main", "init", "-q", str(dest)], env=env,
                   check=True)
    (dest / MARKER).write_bytes(b"")
    with open(dest / ".git" / "info" / "exclude", "a", encoding="utf-8") as fh:
        fh.write(f"/{MARKER}\n")

    signing_keys = set_up_signing(dest, env)
    for when, author, message, contents in HISTORY:
        commit(dest, when, author, message, contents, signing_keys)

    env = git_env("hmorgan", HISTORY[-1][0])
    head = git(dest, "rev-parse", "HEAD", env=env).strip()
    git(dest, "checkout", "-q", "-b", REQUEST_BRANCH, env=env)
    for when, author, message, contents in REQUEST:
        commit(dest, when, author, message, contents, signing_keys)
    git(dest, "checkout", "-q", "main", env=env)
    count = int(git(dest, "rev-list", "--count", "HEAD", env=env))
    files = git(dest, "ls-files", env=env).split()
    records = sum(
        1 for f in files
        if f.endswith((".yaml", ".yml", ".json")) and "/" in f and not f.startswith("evidence/artifacts/")
    )
    return count, records, head


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[1].startswith("-"):
        print("usage: make_demo.py DEST", file=sys.stderr)
        return 2
    dest = Path(argv[1]).absolute()
    commits, records, head = build(dest)
    print(f"{dest}: {commits} commits, {records} records, HEAD {head[:12]}; a request on {REQUEST_BRANCH}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

# --------------------------------------------------------------------------
# What a scan of this repository should report (from 23 November 2026)
#
#   REG-AVL-001  SVC-BILL        below 99.5 % in September and October, no problem record
#   REG-BCM-001  SVC-EDI         critical since October, no continuity plan
#   REG-BCM-002  SVC-EDI         ... and no continuity test
#   REG-CAP-001  SVC-BILL        never had a capacity review
#   REG-CFG-001  CI-NET-LDS-01   no criticality
#   REG-CFG-002  CI-EDI-FTP-01   last verified 9 April
#   REG-CFG-003  CI-BIL-VM-01    retired, still listed by SVC-BILL
#   REG-CFG-004  CI-BIL-APP-STG-01  runs on the retired CI-BIL-VM-01
#   REG-CFG-005  CI-WMS-DB-01    max_connections 400 against a baseline of 300
#   REG-CFG-006  INC-2026-0072   names CI-NET-FXT-WLAN-01, which is not in the CMDB
#   REG-CHG-001  CHG-2026-0111   implemented 20 Aug 19:15, approved 21 Aug 09:10
#   REG-CHG-002  CHG-2026-0103   approved by dokafor, who requested it
#   REG-CHG-003  CHG-2026-0114   approved by tlindqvist, who implemented it
#   REG-CHG-004  CHG-2026-0107   no backout plan
#   REG-CHG-005  CHG-2026-0105   high risk, approved by the change manager only
#   REG-CHG-006  CHG-2026-0121   emergency, completed 14 Oct, no review
#   REG-CHG-007  CHG-2026-0118   implemented the day before its window
#   REG-CHG-007  CHG-2026-0115   overran its window (WVR-2026-002 runs too long to waive it)
#   REG-CHG-008  CHG-2026-0113   approved by kwhite, inactive since 28 Aug
#   REG-CHG-008  CHG-2026-0120   approved by mchen, a service owner, not an approver
#   REG-CHG-009  CHG-2026-0117   names CI-WMS-DB-02, which is not in the CMDB
#   REG-CHG-010  CHG-2026-0119   rejected by sbrandt, implemented anyway
#   REG-CHG-011  CHG-2026-0119   no test evidence
#   REG-CHG-011  CHG-2026-0120   no test evidence (WVR-2026-003 lacks the authority to waive it)
#   REG-CHG-012  CHG-2026-0130   no impact rating
#   REG-CHG-013  CHG-2026-0129   standard change with no template
#   REG-CHG-014  CHG-2026-0096   closed with no closure record
#   REG-CHG-015  CHG-2026-0116   CI-EDI-FTP-01 not verified since the change
#   REG-CHG-016  CHG-2026-0098   scheduled for 5 June, never started
#   REG-CHG-017  CHG-2026-0128   emergency change with no incident
#   REG-CHG-018  CHG-2026-0112   caused INC-2026-0063, never reviewed
#   REG-CHG-019  CHG-2026-0127   window widened by rpatel after its approval
#   REG-GOV-001  WVR-2026-001    expired 13 Nov
#   REG-GOV-002  WVR-2026-002    455 days long
#   REG-GOV-003  WVR-2026-003    approved by mchen, who holds no approver role
#   REG-GOV-004  EVD-2026-015    failed billing restore test, never retested
#   REG-GOV-005  SUP-003         reviewed the day after the commit that recorded it
#   REG-GOV-006  WVR-2026-004    waives REG-SEC-050, which does not exist
#   REG-INC-001  INC-2026-0072   major incident, no problem record
#   REG-INC-002  INC-2026-0061   closed with no resolution time
#   REG-PRB-001  PRB-2026-005    resolved with no root cause
#   REG-PRB-002  PRB-2026-006    resolved with no fix change
#   REG-PRB-003  PRB-2026-008    known error with no workaround
#   REG-REL-001  REL-2026-03     approved while CHG-2026-0124 is still submitted (twice)
#   REG-REL-002  REL-2026-04     deployed with no acceptance
#   REG-REL-003  REL-2026-06     no rollback plan
#   REG-REL-004  REL-2026-06     approved the morning after it was deployed
#   REG-SEC-001  CI-EDI-GW-01    left out of the Q3 access review
#   REG-SEC-002  SUP-005         owned by kwhite, who has left
#   REG-SEC-003  kwhite          no record of access removal
#   REG-SEC-004  CI-NET-FW-01    never restore-tested
#   REG-SEC-005  CI-NET-FW-01    never backed up
#   REG-SEC-006  CI-EDI-FTP-01   accepts TLS 1.0
#   REG-SEC-007  CI-K8S-PROD-01  audit logging off
#   REG-SEC-008  CI-TRK-WEB-01   ten-character passwords
#   REG-SEC-009  CI-NET-LDS-01   never scanned for vulnerabilities
#   REG-SEC-010  CI-BIL-APP-01   two critical vulnerabilities open since 4 Nov
#   REG-SEC-011  CI-BIL-DB-01    logs never reviewed
#   REG-SEC-012  EVD-2026-003    no artifacts
#   REG-SEC-013  EVD-2026-025    collected by pnair, not in people.yaml
#   REG-SEC-014  REL-2026-05     accepted by rpatel, who deployed it
#   REG-SEC-015  rpatel          developer and release manager
#   REG-SEC-016  CHG-2026-0108, -0114, -0121, -0128, REL-2026-04
#                                tlindqvist's approvals, committed by others
#   REG-SEC-017  EVD-2026-023    its scan export no longer matches the digest
#   REG-SEC-018  EVD-2026-023    the scan export rewritten by sbrandt
#   REG-SEC-019  EVD-2026-014, EVD-2026-026  signed with tlindqvist's unregistered key
#   REG-SEC-019  EVD-2026-015    committed unsigned
#   REG-SEC-020  INC-2026-0072   committed from jonas@lt-0412.local
#   REG-SEC-021  INC-2026-0072   closing time later than the commit that logged it
#   REG-SLM-001  SVC-NOTIFY      no resolution times in its SLA
#   REG-SLM-002  SVC-NOTIFY      no October report
#   REG-SLM-003  SR-2026-09-TRACK  below target, no actions
#   REG-SLM-004  SR-2026-10-EDI  never reviewed
#   REG-SLM-005  SR-2026-10-TRACK  leaves out INC-2026-0069 (29 hours against 12)
#   REG-SUP-001  SUP-006         contract ended 31 Oct
#   REG-SUP-002  SUP-002         last reviewed November 2025
#   REG-SUP-003  SUP-004         terminated, still hosts CI-EDI-FTP-01
#   error        changes/CHG-2026-0125.yaml   YAML syntax error on line 15
#   error        incidents/INC-2026-0074.yaml  no priority
#
# Later scans report more: the evidence that keeps the rest compliant ages
# (backups after 2 days, scans and log reviews from early December, monthly
# reports from 11 December, the Q4 access review from 16 January, restore
# tests from February, configuration audits and supplier reviews during 2027),
# and CHG-2026-0123 counts as left open from 30 December. Every finding above
# stays, and neither WVR-2026-002 nor WVR-2026-003 ever waives anything.
# --------------------------------------------------------------------------
