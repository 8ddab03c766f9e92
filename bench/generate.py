#!/usr/bin/env python3
"""Write a large synthetic evidence repository for benchmarks.

    python3 bench/generate.py --changes N DEST [--seed S]

For N changes the repository holds N/5 configuration items, max(10, N/100)
services, N/2 incidents, N/10 problems, N/5 evidence manifests (some with an
artifact file), N/50 releases, max(20, N/500) people, a few waivers, and the
business side of the alignment chain: four objectives and max(3, N/500)
business processes, each service depended on by one or two of them. About
5% of the changes break one of the change checks (REG-CHG-001 to 010); all
other records follow the rules. The same N and seed give the same commits.

History is written in one `git fast-import` stream: roughly one commit per 50
records, dated in order over 2024-2026 and authored by the people in
people.yaml. The configuration items are committed once when first
registered and again at the late-2026 configuration audit. The work tree is
then checked out. Objects are stored uncompressed to save time; run `git gc`
in DEST for a normally packed repository.

Layout: changes/, incidents/ and evidence/ are filed by day
(changes/2025/03/14/CHG-2025-004321.yaml), problems/ by month, releases/ by
year, cmdb/ by service (cmdb/SVC-0042/CI-001234.yaml), business/objectives/ and
business/processes/.

DEST is replaced only if it holds the ``.regent-bench`` marker this script
leaves behind; any other non-empty directory is left alone.

Standard library only.
"""

from __future__ import annotations

import argparse
import bisect
import gc
import hashlib
import os
import random
import shutil
import subprocess
import sys
import time
from calendar import timegm
from pathlib import Path
from typing import IO, Callable, Sequence, TypeVar

T = TypeVar("T")

MARKER = ".regent-bench"
DOMAIN = "corp.example"
PER_COMMIT = 50
COMPRESSION = 0  # see main()

START = timegm((2024, 1, 2, 0, 0, 0))
END = timegm((2026, 11, 15, 0, 0, 0))
AUDIT_START = timegm((2026, 9, 1, 0, 0, 0))
MIN, HOUR, DAY = 60, 3600, 86400

CHECKS = [f"REG-CHG-{n:03d}" for n in range(1, 11)]
BREACH_RATE = 0.05

# --------------------------------------------------------------------------
# Formatting
# --------------------------------------------------------------------------

_ts_cache: dict[int, str] = {}


def ts(t: int) -> str:
    t -= t % MIN
    s = _ts_cache.get(t)
    if s is None:
        s = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))
        _ts_cache[t] = s
    return s


def tsq(t: int, quoted: bool) -> str:
    return f'"{ts(t)}"' if quoted else ts(t)


def day(t: int) -> str:
    return time.strftime("%Y-%m-%d", time.gmtime(t))


def year(t: int) -> int:
    return time.gmtime(t).tm_year


def day_dir(t: int) -> str:
    """'2025/03/14': records are filed by day, so no folder grows huge."""
    g = time.gmtime(t)
    return f"{g.tm_year}/{g.tm_mon:02d}/{g.tm_mday:02d}"


def month_dir(t: int) -> str:
    g = time.gmtime(t)
    return f"{g.tm_year}/{g.tm_mon:02d}"


def flow(items: list[str]) -> str:
    return "[" + ", ".join(items) + "]"


def fast_random(rng: random.Random) -> tuple[Callable[[int, int], int], Callable[[Sequence[T]], T]]:
    """randrange(a, b) and choice(seq) built on rng.random(), which is much cheaper to call."""
    r = rng.random

    def rand(a: int, b: int) -> int:
        return a + int(r() * (b - a))

    def pick1(seq: Sequence[T]) -> T:
        return seq[int(r() * len(seq))]

    return rand, pick1


# --------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------

FIRST = ["Aisha", "Bram", "Carla", "Dmitri", "Elif", "Farid", "Greta", "Hugo", "Ines", "Jakub",
         "Kofi", "Lena", "Marco", "Nadia", "Oskar", "Priya", "Quentin", "Rosa", "Samir", "Tilda",
         "Umar", "Vera", "Wen", "Ximena", "Yusuf", "Zofia", "Anton", "Beatriz", "Cormac", "Dalia",
         "Emil", "Fleur", "Goran", "Hana", "Ivo", "Jasmin", "Kai", "Lucia", "Matteo", "Noor"]
LAST = ["Abara", "Berg", "Castell", "Dunmore", "Eriksen", "Ferreira", "Gallagher", "Holm",
        "Iqbal", "Jansen", "Kaur", "Lindahl", "Marsh", "Nakamura", "Okoye", "Pellegrini",
        "Quinlan", "Rahman", "Sorensen", "Tanaka", "Uddin", "Varga", "Whitfield", "Yilmaz",
        "Zeller", "Achebe", "Brennan", "Costa", "Dvorak", "Esposito", "Fonseca", "Grady",
        "Hartmann", "Ivanova", "Jovanovic", "Keane", "Lund", "Moreau", "Novak", "Olsen"]

AREAS = ["Freight", "Customs", "Fleet", "Parcel", "Returns", "Warehouse", "Yard", "Route",
         "Dock", "Billing", "Payroll", "Carrier", "Inventory", "Tracking", "Claims", "Pricing"]
FUNCS = ["Booking", "Planning", "Portal", "Gateway", "Ledger", "Scheduling", "Analytics",
         "Messaging", "Dispatch", "Labelling"]
REGIONS = ["UK", "Ireland", "Benelux", "Nordics", "Iberia", "DACH", "France", "Poland"]

CI_TYPES = [("application", "app"), ("application", "api"), ("database", "db"),
            ("server", "vm"), ("network", "lb"), ("service-component", "worker"),
            ("service-component", "queue")]
CI_ENVS = ["production"] * 7 + ["staging", "test", "development"]
CLASSES = ["internal", "internal", "confidential", "restricted", "public"]
CRITS = ["low", "medium", "medium", "high", "critical"]
SUPPLIERS_TEXT = ["cloud hosting", "managed database", "network carrier", "software vendor"]

CHANGE_WORK = [
    ("Upgrade {ci} to {ver}", "Roll the new version out node by node with the standard pipeline.",
     "Redeploy the previous version from the release registry."),
    ("Patch the operating system on {ci}", "Apply this month's security updates with the patch playbook.",
     "Boot the previous kernel and restore the pre-patch snapshot."),
    ("Resize {ci} for seasonal volume", "Change the instance size and restart during the window.",
     "Resize back to the previous instance size."),
    ("Rotate TLS certificates on {ci}", "Install the renewed chain and reload the listeners.",
     "Reload the previous chain, which stays valid for another month."),
    ("Tune connection limits on {ci}", "Raise the pool and connection limits in the service config.",
     "Restore the previous config file from version control."),
    ("Move {ci} to the new monitoring agent", "Install the new agent and remove the old one.",
     "Reinstall the old agent package."),
    ("Add storage to {ci}", "Grow the volume online and extend the filesystem.",
     "Stop before the resize if the snapshot fails; restore from it otherwise."),
    ("Change firewall rules for {ci}", "Apply the reviewed rule set through the firewall manager.",
     "Re-apply the previous rule set, kept as a named revision."),
    ("Reconfigure log shipping on {ci}", "Point the log forwarder at the new collector.",
     "Point the forwarder back at the old collector."),
    ("Enable read replica for {ci}", "Create the replica from the latest base backup and start streaming.",
     "Drop the replica and point readers back at the primary."),
]
TESTS = ["Smoke tests for the service and a check of the dashboards for 30 minutes.",
         "Run the regression suite in staging first, then the production smoke tests.",
         "Health checks pass on every node; error rate unchanged for an hour.",
         "Synthetic transactions succeed from both data centres."]
REVIEW_NOTES = ["Completed as planned.", "Completed inside the window; no incidents.",
                "Done. Monitoring shows no change in error rates.",
                "Completed; one node needed a second restart.",
                "Completed as planned; customer-facing latency unchanged."]
EMERGENCY_WORK = [
    ("Restart stalled workers on {ci}", "Restart the workers and clear the stuck jobs.",
     "Nothing to back out; escalate to the vendor if the workers stall again."),
    ("Block abusive traffic to {ci}", "Add the offending ranges to the block list and rate-limit the endpoint.",
     "Remove the block list entries."),
    ("Apply vendor hotfix to {ci}", "Install the hotfix package and restart the service.",
     "Reinstall the previous package from the vendor repository."),
    ("Fail {ci} over to the standby", "Promote the standby and repoint the service name.",
     "Fail back once the primary is repaired."),
]
CHANGE_REASONS = [
    "Requested after the last capacity review showed headroom running low.",
    "Needed to stay on a version the vendor still supports.",
    "Follow-up from a problem review; removes a known cause of incidents.",
    "Part of the quarterly security patch cycle.",
    "Asked for by the service owner ahead of the busy season.",
    "Certificate expires within the month.",
    "Brings the item back in line with its approved baseline.",
]
CATEGORIES = ["infrastructure", "application", "network", "database", "security"]
CHANNELS = ["monitoring", "service desk", "email", "phone"]
RESOLUTIONS = ["Restarted the affected service and watched it for an hour.",
               "Rolled back the last configuration change on the item.",
               "Cleared the backlog and raised the worker count.",
               "Renewed and reloaded the certificate.",
               "Freed disk space and fixed log rotation.",
               "Supplier fixed the fault on their side; confirmed with a test transaction."]
OSES = ["ubuntu-24.04", "ubuntu-22.04", "rhel-9.4", "debian-12", "windows-2022"]
ZONES = ["eu-west-2a", "eu-west-2b", "eu-west-2c", "dc1-hall2", "dc2-hall1"]
INCIDENT_TITLES = ["Slow responses from {svc}", "{svc} unavailable for some users",
                   "Errors when saving in {svc}", "Batch job failed on {ci}",
                   "Disk filling up on {ci}", "Certificate warning on {ci}",
                   "Queue backlog on {ci}", "Login failures in {svc}",
                   "Timeouts between {svc} and a carrier", "Reports missing from {svc}"]
INCIDENT_SUMMARY = ["Users reported the problem through the service desk.",
                    "Monitoring raised the alert before users noticed.",
                    "The on-call engineer restarted the affected process and confirmed recovery.",
                    "Traffic was moved to the healthy nodes while the faulty one was rebuilt.",
                    "A configuration value had drifted from the baseline and was put back.",
                    "The supplier confirmed a fault on their side and fixed it.",
                    "Impact was limited to one site for part of a shift."]
ROOT_CAUSES = ["A connection leak in the client library under retry storms.",
               "Log rotation was not configured on the new image, so the disk filled.",
               "The certificate renewal job ran but did not reload the listener.",
               "A scheduled job overlapped with the nightly backup and starved it of IO.",
               "The supplier changed an API response without notice.",
               "A missing index on a table that grew faster than forecast."]
WORKAROUNDS = ["Restart the affected process when the alert fires (runbook step 4).",
               "Clear the old files by hand until the fix ships.",
               "Reload the listener after each certificate renewal.",
               "Move the job to after the backup window.",
               "Retry the failed messages from the dead-letter queue."]

# --------------------------------------------------------------------------
# The generator
# --------------------------------------------------------------------------


class Person:
    __slots__ = ("id", "name", "email", "roles", "active", "left_on", "quotes")

    def __init__(self, pid: str, name: str, email: str, roles: list[str], quotes: bool) -> None:
        self.id, self.name, self.email, self.roles = pid, name, email, roles
        self.active, self.left_on, self.quotes = True, 0, quotes


class Generator:
    def __init__(self, n: int, seed: int, out: IO[bytes]) -> None:
        self.n = n
        self.out = out  # the fast-import stream: blobs go in as soon as they are made
        self.marks = 0
        self.rng = random.Random(seed)
        self.rand, self.pick1 = fast_random(self.rng)
        self.files: list[tuple[int, str, int, Person]] = []  # (stamp, path, blob mark, writer)
        self.width = max(4, len(str(n)))
        self.breaches: dict[str, list[str]] = {c: [] for c in CHECKS}
        self._test_seq: dict[int, int] = {}

    # -- helpers -------------------------------------------------------------

    def add(self, stamp: int, path: str, text: str | bytes, writer: Person) -> None:
        data = text.encode("utf-8") if isinstance(text, str) else text
        self.marks += 1
        write = self.out.write
        write(b"blob\nmark :%d\ndata %d\n" % (self.marks, len(data)))
        write(data)
        write(b"\n")
        self.files.append((stamp, path, self.marks, writer))

    def pick(self, pool: list[Person], *avoid: Person) -> Person:
        while True:
            p = self.pick1(pool)
            if p not in avoid:
                return p

    # -- people ----------------------------------------------------------------

    def people(self) -> str:
        rng = self.rng
        rand = self.rand
        count = max(20, self.n // 500)
        names = [(f, l) for f in FIRST for l in LAST]
        rng.shuffle(names)
        plan = [("change-manager", max(2, count // 20)), ("cab", max(4, count // 10)),
                ("emergency-cab", max(2, count // 20)), ("service-owner", max(3, count // 10)),
                ("release-manager", max(2, count // 20)), ("auditor", max(1, count // 50)),
                ("left", max(1, count // 25))]
        people: list[Person] = []
        used: set[str] = set()
        for i in range(count):
            first, last = names[i % len(names)]
            base = (first[0] + last).lower()
            pid, k = base, 2
            while pid in used:
                pid, k = f"{base}{k}", k + 1
            used.add(pid)
            suffix = "" if i < len(names) else f" {i // len(names) + 1}"
            email = f"{first.lower()}.{last.lower()}{suffix.strip()}@{DOMAIN}"
            people.append(Person(pid, f"{first} {last}{suffix}", email, [], rng.random() < 0.3))
        i = 0
        for role, k in plan:
            for p in people[i:i + k]:
                if role == "emergency-cab":
                    p.roles = ["cab", "emergency-cab"]
                elif role == "left":
                    p.roles = ["cab"]
                    p.active = False
                    p.left_on = rand(timegm((2024, 6, 1, 0, 0, 0)), timegm((2026, 3, 1, 0, 0, 0)))
                else:
                    p.roles = [role]
            i += k
        self.everyone = people
        self.cms = [p for p in people if p.active and "change-manager" in p.roles]
        self.cab = [p for p in people if p.active and p.roles == ["cab"]]
        self.ecab = [p for p in people if p.active and "emergency-cab" in p.roles]
        self.owners = [p for p in people if "service-owner" in p.roles]
        self.releasers = [p for p in people if "release-manager" in p.roles]
        self.auditors = [p for p in people if "auditor" in p.roles]
        self.left = [p for p in people if not p.active]
        self.engineers = [p for p in people if not p.roles]
        self.requesters = self.owners + self.engineers + self.releasers
        self.implementers = self.engineers + self.releasers
        self.approvers = self.cms + self.cab + self.ecab
        self.by_id = {p.id: p for p in people}

        lines = ["# Everyone who raises, approves or carries out changes.", "people:"]
        for p in people:
            lines += [f"  - id: {p.id}", f"    name: {p.name}", f"    emails: [{p.email}]"]
            if p.roles:
                lines.append(f"    roles: {flow(p.roles)}")
            if not p.active:
                lines += ["    active: false", f"    left_on: {day(p.left_on)}"]
        return "\n".join(lines) + "\n"

    # -- services and configuration items ------------------------------------

    def services_and_cis(self) -> None:
        rng = self.rng
        rand, pick1 = self.rand, self.pick1
        n_svc = max(10, self.n // 100)
        n_ci = max(n_svc, self.n // 5)
        combos = [f"{a} {f} {r}" for a in AREAS for f in FUNCS for r in REGIONS]
        rng.shuffle(combos)
        self.svc_ids = [f"SVC-{i + 1:04d}" for i in range(n_svc)]
        self.svc_names = [combos[i % len(combos)] + ("" if i < len(combos) else f" {i // len(combos) + 1}")
                          for i in range(n_svc)]
        self.svc_owner = [pick1(self.owners) for _ in range(n_svc)]
        self.ci_ids = [f"CI-{i + 1:06d}" for i in range(n_ci)]
        self.ci_svc = [i % n_svc for i in range(n_ci)]
        self.ci_names: list[str] = []
        self.svc_cis: list[list[int]] = [[] for _ in range(n_svc)]
        for i in range(n_ci):
            self.svc_cis[self.ci_svc[i]].append(i)

        t0 = START
        for s in range(n_svc):
            owner = self.svc_owner[s]
            a = pick1([99.5, 99.9, 99.95])
            cis = [self.ci_ids[c] for c in self.svc_cis[s]]
            lines = [
                "kind: service", f"id: {self.svc_ids[s]}", f"name: {self.svc_names[s]}",
                f"owner: {owner.id}", "status: active", f"criticality: {pick1(CRITS[1:])}",
                f"customers: [{pick1(REGIONS)} operations, Customer service]",
                "sla:", f"  availability: {a}",
                "  response_minutes:", "    P1: 15", "    P2: 30", "    P3: 240", "    P4: 1440",
                "  resolution_hours:", "    P1: 4", "    P2: 8", "    P3: 72", "    P4: 240",
                "configuration_items:",
            ]
            lines += [f"  - {c}" for c in cis]
            self.add(t0 + s * 7 * MIN, f"services/{self.svc_ids[s]}.yaml", "\n".join(lines) + "\n", owner)

        for i in range(n_ci):
            ctype, short = CI_TYPES[i % len(CI_TYPES)]
            s = self.ci_svc[i]
            svc_short = self.svc_names[s].split()[0].lower()
            name = f"{svc_short}-{short}-{i + 1:05d}"
            self.ci_names.append(name)
        for i in range(n_ci):
            ctype, short = CI_TYPES[i % len(CI_TYPES)]
            s = self.ci_svc[i]
            env = pick1(CI_ENVS)
            owner = self.svc_owner[s]
            siblings = self.svc_cis[s]
            rels = []
            if len(siblings) > 1:
                other = siblings[(siblings.index(i) + 1) % len(siblings)]
                rels.append(("depends_on" if ctype != "network" else "connects_to", self.ci_ids[other]))
            ver = f"{rand(1, 9)}.{rand(0, 20)}.{rand(0, 10)}"
            conf = [f'  version: "{ver}"', f"  replicas: {pick1([2, 3, 4, 6])}",
                    f"  tls_min_version: \"1.{pick1([2, 3])}\"",
                    f"  log_retention_days: {pick1([30, 90, 365])}",
                    f"  backup: {pick1(['daily', 'hourly', 'none'])}",
                    f"  os: {pick1(OSES)}", f"  cpu: {pick1([2, 4, 8, 16])}",
                    f"  memory_gb: {pick1([4, 8, 16, 32, 64])}",
                    f"  monitoring: {pick1(['agent-v3', 'agent-v4'])}",
                    f"  open_ports: [{pick1(['443', '443, 8443', '5432', '22, 443'])}]"]
            head = [
                "kind: configuration_item", f"id: {self.ci_ids[i]}", f"name: {self.ci_names[i]}",
                f"type: {ctype}", f"owner: {owner.id}", f"environment: {env}", "status: active",
                f"classification: {pick1(CLASSES)}", f"criticality: {pick1(CRITS)}",
                f"services: [{self.svc_ids[s]}]", f"location: {pick1(ZONES)}",
                f"description: {ctype.replace('-', ' ').capitalize()} for {self.svc_names[s]}.",
            ]
            if rels:
                head.append("relationships:")
                for kind, target in rels:
                    head += [f"  - type: {kind}", f"    target: {target}"]
            body = "\n".join(head + ["baseline:"] + conf + ["settings:"] + conf)
            first = START + DAY + i * (28 * DAY) // n_ci
            verified_first = first - rand(1, 30) * DAY
            self.add(first, f"cmdb/{self.svc_ids[s]}/{self.ci_ids[i]}.yaml",
                     f"{body}\nlast_verified: {day(verified_first)}\n", owner)
            audit = AUDIT_START + i * (70 * DAY) // n_ci
            self.add(audit, f"cmdb/{self.svc_ids[s]}/{self.ci_ids[i]}.yaml",
                     f"{body}\nlast_verified: {day(audit)}\n", owner)

    # -- changes -------------------------------------------------------------

    def changes(self) -> None:
        rng, n = self.rng, self.n
        rand, pick1 = self.rand, self.pick1
        created = sorted(rand(START + 30 * DAY, END - 2 * DAY) for _ in range(n))
        self.chg_created = created
        self.chg_ids: list[str] = []
        self.chg_done: list[bool] = []  # implemented and clean: usable for releases and problems
        self.chg_svc: list[int] = []
        self.chg_end: list[int] = []
        seq: dict[int, int] = {}
        self.tests: list[tuple[int, str, str, int, Person]] = []  # (time, evidence id, change id, ci, who)
        waivable: list[tuple[str, str, int]] = []
        recent = END - 30 * DAY
        check_cycle = 0

        for i, t in enumerate(created):
            y = year(t)
            seq[y] = seq.get(y, 0) + 1
            cid = f"CHG-{y}-{seq[y]:0{self.width}d}"
            self.chg_ids.append(cid)
            r = rng.random()
            ctype = "standard" if r < 0.3 else ("emergency" if r < 0.38 else "normal")
            breach = None
            if t < recent - 20 * DAY and rng.random() < BREACH_RATE:
                breach = CHECKS[check_cycle % len(CHECKS)]
                check_cycle += 1
                if breach == "REG-CHG-006":
                    ctype = "emergency"
                elif breach not in ("REG-CHG-007", "REG-CHG-009"):
                    ctype = "normal"
            s = rand(0, len(self.svc_ids))
            svc_cis = self.svc_cis[s]
            cis = [self.ci_ids[c] for c in rng.sample(svc_cis, min(len(svc_cis), pick1([1, 1, 2, 3])))]
            ci_first = int(cis[0][3:]) - 1
            ci_name = self.ci_names[ci_first]
            if breach == "REG-CHG-009":
                cis.append(f"CI-{len(self.ci_ids) + 1 + rand(0, 900000):06d}")
            requester = pick1(self.requesters)
            implementer = self.pick(self.implementers, requester)
            # A standard change is a pre-approved, low-risk model by definition.
            risk = "low" if ctype == "standard" else pick1(["low", "low", "medium", "medium", "high"])
            if breach == "REG-CHG-005":
                risk = "high"
            impact = pick1(["low", "medium", "high"])
            if ctype == "emergency":
                title, how, back = pick1(EMERGENCY_WORK)
            else:
                title, how, back = pick1(CHANGE_WORK)
            ver = f"{rand(1, 9)}.{rand(0, 20)}.{rand(0, 10)}"
            title = title.format(ci=ci_name, ver=ver)

            # Lifecycle times
            if ctype == "emergency":
                appr_at = t + rand(5, 25) * MIN
                start = appr_at + 5 * MIN
                end = start + 4 * HOUR
            else:
                appr_at = t + rand(1, 72) * HOUR
                start = appr_at + rand(1, 8) * DAY + rand(0, 24) * HOUR
                end = start + rand(2, 7) * HOUR
            started = start + rand(0, 30) * MIN
            completed = started + rand(10, 110) * MIN
            completed = min(completed, end - 5 * MIN)
            review_gap = rand(1, 6) * DAY if ctype != "emergency" else rand(4, 140) * HOUR
            review_at = completed + review_gap
            close_at = review_at + rand(5, 120) * MIN

            # Status
            if breach:
                status = "implemented" if breach in ("REG-CHG-006", "REG-CHG-010") else "closed"
            elif t >= recent:
                status = pick1(["submitted", "scheduled", "implemented", "closed"])
                if ctype == "emergency":
                    status = "closed"
                if status == "implemented" and review_at < END:
                    status = "closed"
                if status == "closed" and close_at > END:
                    status = "scheduled" if ctype != "emergency" else "closed"
            else:
                r = rng.random()
                status = "closed" if r < 0.95 or ctype != "normal" else ("rejected" if r < 0.98 else "cancelled")

            q = requester.quotes
            approvals: list[tuple[Person, str, str, int]] = []
            if ctype == "normal" and status != "submitted":
                cm = self.pick(self.cms, requester, implementer)
                if status == "rejected":
                    approvals.append((self.pick(self.cab, requester, implementer), "cab", "rejected", appr_at))
                else:
                    if risk == "high":
                        approvals.append((self.pick(self.cab, requester, implementer), "cab", "approved", appr_at))
                    approvals.append((cm, "change-manager", "approved", appr_at + rand(0, 60) * MIN))
            elif ctype == "emergency" and status != "submitted":
                approvals.append((self.pick(self.ecab, requester, implementer), "emergency-cab", "approved", appr_at))

            plan_backout = True
            if breach == "REG-CHG-001":
                late = started + rand(2, 20) * HOUR
                approvals = [(approvals[-1][0], approvals[-1][1], "approved", late)]
                if risk == "high":
                    approvals.insert(0, (self.pick(self.cab, requester, implementer), "cab", "approved", late))
            elif breach == "REG-CHG-002":
                requester = self.pick(self.cms)
                implementer = self.pick(self.implementers, requester)
                approvals = [(requester, "change-manager", "approved", appr_at)]
                risk = "medium"
            elif breach == "REG-CHG-003":
                implementer = self.pick(self.cms, requester)
                approvals = [(implementer, "change-manager", "approved", appr_at)]
                risk = "medium"
            elif breach == "REG-CHG-004":
                plan_backout = False
            elif breach == "REG-CHG-005":
                approvals = [(approvals[-1][0], "change-manager", "approved", appr_at)]
            elif breach == "REG-CHG-007":
                if ctype == "normal" and rng.random() < 0.5:
                    # Started early, but still after every approval.
                    latest = max(a[3] for a in approvals)
                    started = max(start - rand(1, 30) * HOUR, latest + 30 * MIN)
                    completed = started + rand(10, 40) * MIN
                else:
                    completed = end + rand(20, 180) * MIN
            elif breach == "REG-CHG-008":
                gone = [p for p in self.left if p.left_on < appr_at]
                if gone and rng.random() < 0.5:
                    approvals = [(pick1(gone), "cab", "approved", appr_at)]
                else:
                    other = self.pick(self.owners + self.engineers, requester, implementer)
                    approvals = [(other, other.roles[0] if other.roles else "engineer", "approved", appr_at)]
                risk = "medium"
            elif breach == "REG-CHG-010":
                approvals = [(self.pick(self.cms, requester, implementer), "change-manager", "approved", appr_at),
                             (self.pick(self.cab, requester, implementer), "cab", "rejected",
                              appr_at + rand(1, 5) * HOUR)]
                risk = "medium"
            if breach:
                self.breaches[breach].append(cid)
                last_approval = max((a[3] for a in approvals), default=t)
                review_at = max(completed, last_approval) + review_gap
                close_at = review_at + rand(5, 120) * MIN
                if breach in ("REG-CHG-004", "REG-CHG-007", "REG-CHG-009") and len(waivable) < 5:
                    waivable.append((breach, cid, close_at))

            lines = [
                "kind: change", f"id: {cid}", f"title: {title}", f"type: {ctype}", f"status: {status}",
            ]
            if ctype == "standard":
                lines.append(f"template: STD-{(s % 12) + 1:02d}")
            lines += [
                f"category: {CATEGORIES[i % len(CATEGORIES)]}",
                f"description: {pick1(CHANGE_REASONS)} Affects {self.svc_names[s]}.",
                f"risk: {risk}", f"impact: {impact}", f"requested_by: {requester.id}",
                f"implementer: {implementer.id}", f"created: {tsq(t, q)}",
                f"configuration_items: {flow(cis)}", f"services: [{self.svc_ids[s]}]",
                "plan:", f"  implementation: {how}",
            ]
            if plan_backout:
                lines.append(f"  backout: {back}")
            lines.append(f"  test: {pick1(TESTS)}")
            if approvals:
                lines.append("approvals:")
                for who, role, decision, at in approvals:
                    lines += [f"  - by: {who.id}", f"    role: {role}", f"    decision: {decision}",
                              f"    at: {tsq(at, q)}"]
            stamp = t
            writer = requester
            if status in ("scheduled", "implemented", "closed"):
                lines += ["schedule:", f"  start: {tsq(start, q)}", f"  end: {tsq(end, q)}"]
                stamp = max(a[3] for a in approvals) if approvals else t
                writer = approvals[-1][0] if approvals and approvals[-1][0].active else pick1(self.cms)
            implemented = status in ("implemented", "closed")
            if implemented:
                lines += ["implementation:", f"  started: {tsq(started, q)}",
                          f"  completed: {tsq(completed, q)}", f"  by: {implementer.id}"]
                stamp = max(stamp, completed)
                writer = implementer
                if ctype == "normal":
                    tested_at = started - rand(1, 3) * DAY
                    eid = self._test_id(tested_at)
                    self.tests.append((tested_at, eid, cid, ci_first, implementer))
                    lines.append(f"test_evidence: [{eid}]")
            if status == "closed":
                if ctype != "standard":
                    outcome = "successful" if rng.random() < 0.97 else "backed_out"
                    reviewer = self.pick(self.cms, requester, implementer)
                    lines += ["review:", f"  at: {tsq(review_at, q)}", f"  by: {reviewer.id}",
                              f"  outcome: {outcome}",
                              f"  notes: {pick1(REVIEW_NOTES) if outcome == 'successful' else 'Backed out after errors in the smoke tests.'}"]
                else:
                    outcome = "successful"
                    reviewer = implementer
                lines += ["closure:", f"  at: {tsq(close_at, q)}",
                          f"  code: {'successful' if outcome == 'successful' else 'backed_out'}"]
                stamp = close_at
                writer = reviewer
            elif status == "cancelled":
                lines += ["closure:", f"  at: {tsq(appr_at, q)}", "  code: cancelled"]
                stamp = appr_at
            elif status == "rejected":
                stamp = appr_at
            self.chg_done.append(status == "closed" and ctype == "normal" and not breach)
            self.chg_svc.append(s)
            self.chg_end.append(completed if implemented else 0)
            self.add(stamp, f"changes/{day_dir(t)}/{cid}.yaml", "\n".join(lines) + "\n", writer)
        self.waivable = waivable

    def _test_id(self, t: int) -> str:
        y = year(t)
        self._test_seq[y] = self._test_seq.get(y, 0) + 1
        return f"EVD-TR-{y}-{self._test_seq[y]:0{self.width}d}"

    # -- incidents and problems --------------------------------------------

    def incidents_and_problems(self) -> None:
        rng = self.rng
        rand, pick1 = self.rand, self.pick1
        n_inc, n_prb = self.n // 2, self.n // 10
        opened = sorted(rand(START + 20 * DAY, END - DAY) for _ in range(n_inc))
        inc_ids: list[str] = []
        seq: dict[int, int] = {}
        for t in opened:
            y = year(t)
            seq[y] = seq.get(y, 0) + 1
            inc_ids.append(f"INC-{y}-{seq[y]:0{self.width}d}")
        inc_problem: dict[int, str] = {}

        prb_opened = sorted(rand(START + 40 * DAY, END - DAY) for _ in range(n_prb))
        seq = {}
        for t in prb_opened:
            y = year(t)
            seq[y] = seq.get(y, 0) + 1
            pid = f"PRB-{y}-{seq[y]:0{self.width}d}"
            hi = bisect.bisect_right(opened, t)
            lo = bisect.bisect_left(opened, t - 14 * DAY)
            linked = []
            for _ in range(pick1([1, 2, 3])):
                if hi > lo:
                    j = rand(lo, hi)
                    if j not in inc_problem:
                        inc_problem[j] = pid
                        linked.append(j)
            if not linked:
                for j in range(hi - 1, max(-1, hi - 50), -1):
                    if j not in inc_problem:
                        inc_problem[j] = pid
                        linked.append(j)
                        break
            linked.sort()
            svc = rand(0, len(self.svc_ids))
            r = rng.random()
            status = "closed" if r < 0.5 else ("resolved" if r < 0.7 else ("known_error" if r < 0.9 else "open"))
            who = pick1(self.engineers)
            lines = ["kind: problem", f"id: {pid}",
                     f"title: Recurring faults on {self.svc_names[svc]}",
                     f"status: {status}", f"opened: {tsq(t, who.quotes)}"]
            stamp = t
            fix = None
            if status in ("resolved", "closed"):
                c = bisect.bisect_left(self.chg_created, t + DAY)
                for j in range(c, min(c + 200, len(self.chg_ids))):
                    if self.chg_done[j]:
                        fix = j
                        break
                if fix is None:
                    status = "known_error"
                    lines[3] = "status: known_error"
            if fix is not None:
                resolved = max(self.chg_end[fix] + HOUR, t + DAY)
                lines.append(f"resolved: {tsq(resolved, who.quotes)}")
                stamp = resolved
            lines.append(f"incidents: {flow([inc_ids[j] for j in linked])}")
            lines.append(f"root_cause: {pick1(ROOT_CAUSES)}")
            lines.append(f"workaround: {pick1(WORKAROUNDS)}")
            if fix is not None:
                lines.append(f"fix_change: {self.chg_ids[fix]}")
            lines += [f"owner: {self.svc_owner[svc].id}", f"services: [{self.svc_ids[svc]}]",
                      "analysis: |",
                      f"  Incidents grouped by the weekly review for {self.svc_names[svc]}.",
                      "  Logs and metrics from the affected items were compared with the",
                      "  baseline; the pattern repeats under load.",
                      f"notes: Tracked in the weekly problem review; owner {self.svc_owner[svc].name}."]
            self.add(stamp, f"problems/{month_dir(t)}/{pid}.yaml", "\n".join(lines) + "\n", who)

        for j, t in enumerate(opened):
            iid = inc_ids[j]
            r = rng.random()
            prio = "P1" if r < 0.02 else ("P2" if r < 0.12 else ("P3" if r < 0.62 else "P4"))
            s = rand(0, len(self.svc_ids))
            ci = pick1(self.svc_cis[s])
            who = pick1(self.engineers)
            q = who.quotes
            hours = {"P1": 3, "P2": 7, "P3": 60, "P4": 200}[prio]
            resolved = t + rand(10 * MIN, hours * HOUR)
            closed = resolved + rand(1, 48) * HOUR
            status = "closed" if closed < END else ("resolved" if resolved < END else "open")
            title = pick1(INCIDENT_TITLES).format(svc=self.svc_names[s], ci=self.ci_names[ci])
            lines = ["kind: incident", f"id: {iid}", f"title: {title}", f"priority: {prio}",
                     f"status: {status}"]
            if prio == "P1":
                lines.append("major: true")
            lines.append(f"opened: {tsq(t, q)}")
            stamp = t
            if status in ("resolved", "closed"):
                lines.append(f"resolved: {tsq(resolved, q)}")
                stamp = resolved
            if status == "closed":
                lines.append(f"closed: {tsq(closed, q)}")
                stamp = closed
            lines += [f"services: [{self.svc_ids[s]}]", f"configuration_items: [{self.ci_ids[ci]}]",
                      f"assigned_to: {who.id}", f"category: {CATEGORIES[j % len(CATEGORIES)]}",
                      f"reported_via: {CHANNELS[j % len(CHANNELS)]}",
                      "timeline:", f"  - at: {tsq(t, q)}", "    note: Ticket opened and assigned.",
                      f"  - at: {tsq(t + 7 * MIN, q)}", f"    note: Acknowledged by {who.name}."]
            if status in ("resolved", "closed"):
                lines += [f"  - at: {tsq(resolved, q)}", "    note: Service confirmed working.",
                          f"resolution: {pick1(RESOLUTIONS)}"]
            if rng.random() < 0.04:
                c = bisect.bisect_left(self.chg_created, t) - 1
                while c >= 0 and not self.chg_end[c]:
                    c -= 1
                if c >= 0 and self.chg_end[c] < t:
                    lines.append(f"caused_by_change: {self.chg_ids[c]}")
            if j in inc_problem:
                lines.append(f"problem: {inc_problem[j]}")
            summary = " ".join(rng.sample(INCIDENT_SUMMARY, 3))
            lines.append(f"summary: {summary}")
            self.add(stamp, f"incidents/{day_dir(t)}/{iid}.yaml", "\n".join(lines) + "\n", who)

    # -- evidence ----------------------------------------------------------

    def evidence(self) -> None:
        rng = self.rng
        rand, pick1 = self.rand, self.pick1
        for t, eid, cid, ci, who in self.tests:
            y = year(t)
            run = rand(40, 900)
            lines = ["kind: evidence", f"id: {eid}", "type: test_report",
                     f"collected_at: {tsq(t, who.quotes)}", f"collected_by: {who.id}",
                     f"subject: [{self.ci_ids[ci]}]", "result: pass", "details:",
                     f"  change: {cid}", f"  suite: {self.ci_names[ci]}-regression",
                     f"  tests_run: {run}", "  tests_failed: 0", f"  tests_skipped: {rand(0, 6)}",
                     f"  duration_minutes: {rand(4, 90)}", "  environment: staging",
                     f"  pipeline_run: {rand(100000, 999999)}",
                     f"description: Regression run before {cid} went to production.",
                     "method: Automated suite in the staging pipeline; results exported from the CI server."]
            self.add(t, f"evidence/{day_dir(t)}/{eid}.yaml", "\n".join(lines) + "\n", who)

        n_other = max(0, self.n // 5 - len(self.tests))
        times = sorted(rand(START + 10 * DAY, END - DAY) for _ in range(n_other))
        seq: dict[int, int] = {}
        kinds = ["access_review", "backup_restore_test", "vulnerability_scan", "capacity_review"]
        for k, t in enumerate(times):
            y = year(t)
            seq[y] = seq.get(y, 0) + 1
            eid = f"EVD-{y}-{seq[y]:0{self.width}d}"
            kind = kinds[k % len(kinds)]
            s = rand(0, len(self.svc_ids))
            who = pick1(self.auditors + self.owners)
            q = who.quotes
            quarter = f"{y}-Q{(time.gmtime(t).tm_mon - 1) // 3 + 1}"
            result = "pass" if rng.random() < 0.97 else "fail"
            lines = ["kind: evidence", f"id: {eid}", f"type: {kind}", f"collected_at: {tsq(t, q)}",
                     f"collected_by: {who.id}", f'period: "{quarter}"']
            if kind == "access_review":
                lines.append(f"subject: [{self.svc_ids[s]}]")
                reviewed = rand(8, 40)
                revoked = rand(0, 4)
                rows = "".join(
                    f"user{rand(1, 99999):05d},{self.svc_names[s]},"
                    f"{'revoke' if r < revoked else 'keep'}\n" for r in range(reviewed))
                artifact = ("account,system,decision\n" + rows).encode("utf-8")
                apath = f"evidence/artifacts/{month_dir(t)}/{eid}.csv"
                self.add(t, apath, artifact, who)
                lines += [f"result: {result}", "artifacts:", f"  - path: {apath}",
                          f"    sha256: {hashlib.sha256(artifact).hexdigest()}",
                          "details:", f"  accounts_reviewed: {reviewed}", f"  accounts_revoked: {revoked}"]
            else:
                ci = pick1(self.svc_cis[s])
                lines += [f"subject: [{self.ci_ids[ci]}]", f"result: {result}", "details:"]
                if kind == "backup_restore_test":
                    lines += [f"  restore_minutes: {rand(5, 240)}", "  target_minutes: 240",
                              f"  data_verified: {'true' if result == 'pass' else 'false'}"]
                elif kind == "vulnerability_scan":
                    lines += ["  critical: 0" if result == "pass" else "  critical: 1",
                              f"  high: {0 if result == 'pass' else rand(1, 4)}",
                              f"  medium: {rand(0, 12)}", f"  low: {rand(0, 30)}"]
                else:
                    lines += [f"  peak_utilisation_percent: {rand(20, 95)}",
                              f"  forecast_months_headroom: {rand(2, 24)}"]
            reviewer = pick1(self.auditors)
            lines += [f"description: {kind.replace('_', ' ').capitalize()} for {self.svc_names[s]}, {quarter}.",
                      "method: Run to the control procedure; exceptions raised with the owner.",
                      f"reviewed_by: {reviewer.id}", f"reviewed_at: {tsq(t + rand(1, 5) * DAY, q)}",
                      f"notes: Collected for the {quarter} control cycle."]
            self.add(t, f"evidence/{day_dir(t)}/{eid}.yaml", "\n".join(lines) + "\n", who)

    # -- releases and waivers -----------------------------------------------

    def releases(self) -> None:
        rand, pick1 = self.rand, self.pick1
        n_rel = max(1, self.n // 50)
        times = sorted(rand(START + 60 * DAY, END - 3 * DAY) for _ in range(n_rel))
        seq: dict[int, int] = {}
        for t in times:
            c = bisect.bisect_left(self.chg_created, t)
            picked = [j for j in range(max(0, c - 60), c) if self.chg_done[j] and self.chg_end[j] < t][-rand(2, 6):]
            if not picked:
                continue
            y = year(t)
            seq[y] = seq.get(y, 0) + 1
            rid = f"REL-{y}-{seq[y]:0{self.width}d}"
            deployed = max(self.chg_end[j] for j in picked)
            rm = pick1(self.releasers)
            cm = pick1(self.cms)
            owner = self.svc_owner[self.chg_svc[picked[0]]]
            q = rm.quotes
            lines = ["kind: release", f"id: {rid}",
                     f'version: "{y % 100}.{rand(1, 13)}.{rand(0, 20)}"',
                     "status: deployed", "environment: production",
                     f"changes: {flow([self.chg_ids[j] for j in picked])}",
                     "rollback_plan: Redeploy the previous release from the registry; schema changes are additive.",
                     "acceptance:", "  passed: true", f"  at: {tsq(deployed - 2 * DAY, q)}",
                     f"  by: {owner.id}",
                     "approvals:", f"  - by: {cm.id}", "    role: change-manager",
                     "    decision: approved", f"    at: {tsq(deployed - DAY, q)}",
                     "deployed:", f"  at: {tsq(deployed, q)}", f"  by: {rm.id}",
                     f"notes: Bundles {len(picked)} changes for {self.svc_names[self.chg_svc[picked[0]]]}."]
            self.add(deployed + HOUR, f"releases/{y}/{rid}.yaml", "\n".join(lines) + "\n", rm)

    def waivers(self) -> None:
        rand, pick1 = self.rand, self.pick1
        for k, (check, cid, closed) in enumerate(self.waivable):
            who = pick1(self.cab)
            at = closed + rand(1, 10) * DAY
            wid = f"WVR-{year(at)}-{k + 1:03d}"
            expires = timegm((2027, 3 + 2 * k, 28, 0, 0, 0))
            lines = ["kind: waiver", f"id: {wid}", f"check: {check}", f"records: [{cid}]",
                     "reason: Reviewed with the service owner; the risk is accepted until the "
                     "follow-up change is done.",
                     f"approved_by: {who.id}", f"approved_at: {tsq(at, who.quotes)}",
                     f"expires: {day(expires)}"]
            self.add(at, f"waivers/{wid}.yaml", "\n".join(lines) + "\n", who)

    # -- objectives and business processes ------------------------------------

    def business(self) -> None:
        """Objectives and the processes that serve them, each service depended on by one or two
        processes. No random draw: the records after these stay the same as without them."""
        objectives = ["On-time delivery", "Gross margin", "Customer retention", "Regulatory standing"]
        owner = self.cms[0]
        t0 = START + 2 * DAY
        for i, title in enumerate(objectives):
            text = (f"kind: objective\nid: OBJ-{i + 1:03d}\ntitle: {title}\nowner: {owner.id}\n"
                    f"measure: Quarterly figure reported to the board\nstatus: active\n")
            self.add(t0 + i * MIN, f"business/objectives/OBJ-{i + 1:03d}.yaml", text, owner)
        n_bp = max(3, len(self.svc_ids) // 5)
        depends: list[list[str]] = [[] for _ in range(n_bp)]
        for s, service_id in enumerate(self.svc_ids):
            depends[s % n_bp].append(service_id)
            if s % 3 == 0:
                depends[(s + 1) % n_bp].append(service_id)
        for b in range(n_bp):
            served = sorted({f"OBJ-{b % 4 + 1:03d}", f"OBJ-{(b + 1) % 4 + 1:03d}"})
            text = (f"kind: business_process\nid: BP-{b + 1:04d}\nname: Business process {b + 1}\n"
                    f"owner: {owner.id}\ncriticality: {CRITS[b % len(CRITS)]}\nobjectives: {flow(served)}\n"
                    f"services: {flow(depends[b])}\nmax_outage_hours: {4 * (b % 6 + 1)}\nstatus: active\n")
            self.add(t0 + (10 + b) * MIN, f"business/processes/BP-{b + 1:04d}.yaml", text, owner)

    # -- the whole repository -----------------------------------------------

    def build(self) -> str:
        people = self.people()
        regent = ("thresholds:\n  emergency_review_days: 7\n"
                  "roles:\n  approvers: [cab, change-manager, emergency-cab]\n  cab: [cab]\n"
                  "  emergency_approvers: [emergency-cab]\n"
                  "require_signed_evidence: false\n")
        first = self.cms[0]
        self.add(START - DAY, "people.yaml", people, first)
        self.add(START - DAY, "regent.yaml", regent, first)
        self.services_and_cis()
        self.business()
        self.changes()
        self.incidents_and_problems()
        self.evidence()
        self.releases()
        self.waivers()
        return people


KIND_NAMES = {"changes": ("change", "changes"), "incidents": ("incident", "incidents"),
              "problems": ("problem", "problems"), "evidence": ("evidence manifest", "evidence manifests"),
              "releases": ("release", "releases"), "cmdb": ("configuration item", "configuration items"),
              "services": ("service", "services"), "waivers": ("waiver", "waivers"),
              "business": ("business record", "business records")}


def message(paths: list[str], last: int) -> str:
    counts: dict[str, int] = {}
    for p in paths:
        top = p.split("/", 1)[0]
        if p.startswith("evidence/artifacts/") or "/" not in p:
            continue
        counts[top] = counts.get(top, 0) + 1
    parts = []
    for top, k in sorted(counts.items(), key=lambda kv: -kv[1]):
        one, many = KIND_NAMES.get(top, (top, top))
        parts.append(f"{k} {one if k == 1 else many}")
    if not parts:
        return "Set up the records repository"
    what = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"Records to {day(last)}: {what}"


def stream(files: list[tuple[int, str, int, Person]], out: IO[bytes]) -> int:
    """Write every commit to ``out``: the root files first, then ~50 records a commit."""
    root = [f for f in files if "/" not in f[1]]
    rest = sorted((f for f in files if "/" in f[1]), key=lambda f: f[0])
    _commit(out, root)
    for i in range(0, len(rest), PER_COMMIT):
        _commit(out, rest[i:i + PER_COMMIT])
    return 1 + (len(rest) + PER_COMMIT - 1) // PER_COMMIT


def _commit(out: IO[bytes], chunk: list[tuple[int, str, int, Person]]) -> None:
    stamp = max(f[0] for f in chunk)
    who = chunk[-1][3]
    msg = message([f[1] for f in chunk], stamp).encode("utf-8")
    ident = f"{who.name} <{who.email}> {stamp} +0000".encode("utf-8")
    parts = [b"commit refs/heads/main\nauthor ", ident, b"\ncommitter ", ident,
             b"\ndata %d\n" % len(msg), msg, b"\n"]
    for _, path, mark, _ in chunk:
        parts.append(b"M 100644 :%d %s\n" % (mark, path.encode("utf-8")))
    parts.append(b"\n")
    out.write(b"".join(parts))


def prepare(dest: Path) -> None:
    if dest.exists() or dest.is_symlink():
        if not dest.is_dir() or dest.is_symlink():
            raise SystemExit(f"generate: {dest} exists and is not a directory; not touching it")
        if (dest / MARKER).is_file():
            shutil.rmtree(dest)
        elif any(dest.iterdir()):
            raise SystemExit(f"generate: {dest} is not empty and has no {MARKER} file; "
                             "choose another path or empty it first")
    dest.mkdir(parents=True, exist_ok=True)


def main() -> int:
    ap = argparse.ArgumentParser(description="Write a synthetic evidence repository for benchmarks.")
    ap.add_argument("--changes", type=int, required=True, metavar="N", help="number of changes")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("dest", help="directory to create")
    args = ap.parse_args()
    if args.changes < 1:
        ap.error("--changes must be at least 1")
    began = time.monotonic()
    gc.disable()  # hundreds of thousands of short-lived strings; nothing cyclic
    dest = Path(args.dest).absolute()
    prepare(dest)

    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update({"TZ": "UTC", "LC_ALL": "C", "GIT_CONFIG_NOSYSTEM": "1",
                "GIT_CONFIG_GLOBAL": os.devnull, "GIT_TERMINAL_PROMPT": "0"})

    def git(*argv: str) -> None:
        subprocess.run(["git", "-C", str(dest), *argv], env=env, check=True)

    subprocess.run(["git", "-c", "init.defaultBranch=main", "init", "-q", str(dest)], env=env, check=True)
    (dest / MARKER).write_bytes(b"")
    with open(dest / ".git" / "info" / "exclude", "a", encoding="utf-8") as fh:
        fh.write(f"/{MARKER}\n")

    # Objects are stored without zlib compression: it halves the time of both
    # fast-import and the checkout (`git gc` packs the repository as usual).
    # Blobs stream in while the records are still being made, so git hashes
    # them on the other core; the commits follow once everything is sorted.
    proc = subprocess.Popen(["git", "-C", str(dest), "-c", f"core.compression={COMPRESSION}",
                             "fast-import", "--quiet", "--done"],
                            stdin=subprocess.PIPE, env=env, bufsize=1 << 20)
    assert proc.stdin is not None
    gen = Generator(args.changes, args.seed, proc.stdin)
    gen.build()
    made = time.monotonic()
    nfiles = len({f[1] for f in gen.files})
    commits = stream(gen.files, proc.stdin)
    proc.stdin.write(b"done\n")
    proc.stdin.close()
    if proc.wait() != 0:
        raise SystemExit("git fast-import failed")
    imported = time.monotonic()
    git("-c", "checkout.workers=0", "-c", "core.autocrlf=false", "reset", "--hard", "-q")
    done = time.monotonic()
    breaches = sum(len(v) for v in gen.breaches.values())
    print(f"N={args.changes} files={nfiles} commits={commits} breaches={breaches} "
          f"elapsed={done - began:.1f}s (records {made - began:.1f}s, "
          f"history {imported - made:.1f}s, checkout {done - imported:.1f}s) dest={dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
