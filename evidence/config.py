"""``regent.yaml``: how an evidence repository configures Regent.

Every setting has a default, so the file is optional. The file is read from
the same revision as the records, so an audit as of a past date uses the
configuration the organisation had then.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

FRAMEWORKS: tuple[str, ...] = ("cobit4", "cobit2019", "iso20000", "iso17799", "iso27002")

# Each threshold's unit is the last word of its name. The descriptions live in
# the regent.yaml schema (evidence/schemas/regent_config.json), which a test
# holds to this table.
DEFAULT_THRESHOLDS: Mapping[str, int] = {
    "emergency_review_days": 7,
    "stale_change_days": 30,
    "cmdb_update_days": 30,
    "ci_verification_days": 180,
    "failed_evidence_retest_days": 30,
    "max_waiver_days": 365,
    "service_report_grace_days": 10,
    "supplier_review_days": 365,
    "capacity_review_days": 365,
    "continuity_test_days": 365,
    "major_incident_problem_days": 5,
    "access_review_grace_days": 15,
    "restore_test_days": 90,
    "backup_age_days": 2,
    "leaver_access_removal_days": 1,
    "vulnerability_scan_days": 31,
    "critical_vulnerability_days": 15,
    "log_review_days": 31,
    "availability_breach_months": 2,
    "commit_clock_skew_minutes": 60,
}

# The settings a production system must show in its observed configuration.
DEFAULT_BASELINE: Mapping[str, Any] = {
    "types": ("server", "application", "database"),
    "tls_min_version": "1.2",
    "password_min_length": 12,
    "audit_logging": True,
}

# Pairs of people.yaml roles that one person must not hold together.
DEFAULT_ROLE_CONFLICTS: tuple[tuple[str, str], ...] = (("developer", "release-manager"),)

DEFAULT_ROLES: Mapping[str, tuple[str, ...]] = {
    "approvers": ("cab", "change-manager", "emergency-cab"),
    "cab": ("cab",),
    "emergency_approvers": ("emergency-cab",),
    "recorders": (),
}

DEFAULT_EXCLUDE: tuple[str, ...] = ("evidence/artifacts/**",)

DEFAULT_MAX_RECORD_BYTES = 8 * 1024 * 1024

# The repository's own files: its configuration, its people, and the suffixes of record files.
CONFIG_FILE = "regent.yaml"
PEOPLE_FILE = "people.yaml"
RECORD_SUFFIXES: tuple[str, ...] = (".yaml", ".yml", ".json")


@dataclass(frozen=True)
class RepoConfig:
    """The settings of one evidence repository, defaults filled in."""

    frameworks: tuple[str, ...] = FRAMEWORKS
    thresholds: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_THRESHOLDS))
    roles: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_ROLES))
    baseline: Mapping[str, Any] = field(default_factory=lambda: dict(DEFAULT_BASELINE))
    role_conflicts: tuple[tuple[str, str], ...] = DEFAULT_ROLE_CONFLICTS
    require_signed_evidence: bool = False
    policy_paths: tuple[str, ...] = ()
    fail_on: str | None = None
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    imports: Mapping[str, Any] = field(default_factory=lambda: import_settings({}))

    @classmethod
    def from_mapping(cls, settings: Mapping[str, Any]) -> RepoConfig:
        """Build from an already schema-validated ``regent.yaml`` document."""
        thresholds = dict(DEFAULT_THRESHOLDS)
        thresholds.update(settings.get("thresholds") or {})
        roles = dict(DEFAULT_ROLES)
        roles.update({k: tuple(v) for k, v in (settings.get("roles") or {}).items()})
        baseline = dict(DEFAULT_BASELINE)
        baseline.update(settings.get("baseline") or {})
        baseline["types"] = tuple(baseline["types"])
        conflicts = settings.get("role_conflicts")
        return cls(
            frameworks=tuple(settings.get("frameworks") or FRAMEWORKS),
            thresholds=thresholds,
            roles=roles,
            baseline=baseline,
            role_conflicts=DEFAULT_ROLE_CONFLICTS if conflicts is None else tuple((a, b) for a, b in conflicts),
            require_signed_evidence=bool(settings.get("require_signed_evidence", False)),
            policy_paths=tuple(settings.get("policy_paths") or ()),
            fail_on=settings.get("fail_on"),
            max_record_bytes=int(settings.get("max_record_bytes") or DEFAULT_MAX_RECORD_BYTES),
            exclude=DEFAULT_EXCLUDE + tuple(settings.get("exclude") or ()),
            imports=import_settings(settings.get("import") or {}),
        )

    def policy_input(self) -> dict[str, Any]:
        """The part of the configuration that policies see, as ``input.config``."""
        return {
            "thresholds": dict(self.thresholds),
            "roles": {name: list(values) for name, values in self.roles.items()},
            "baseline": {k: list(v) if isinstance(v, tuple) else v for k, v in self.baseline.items()},
            "role_conflicts": [list(pair) for pair in self.role_conflicts],
            "require_signed_evidence": self.require_signed_evidence,
        }


def import_settings(given: Mapping[str, Any]) -> dict[str, Any]:
    """The ``import`` settings: the shipped defaults (the schema's), with what ``regent.yaml`` gives
    merged in map by map, so an instance that renumbers one code keeps the others."""
    from regent.evidence import schemas

    defaults = {
        name: spec.get("default")
        for name, spec in schemas.schema(schemas.CONFIG)["properties"]["import"]["properties"].items()
    }
    return _merged(defaults, given)


def _merged(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in base.items() if v is not None}
    for key, value in over.items():
        old = out.get(key)
        out[key] = _merged(old, value) if isinstance(old, Mapping) and isinstance(value, Mapping) else value
    return out


def setting_value(config: RepoConfig, path: str) -> Any:
    """The value a policy sees at a dotted path of ``input.config``; None when it is not set."""
    node: Any = config.policy_input()
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node
