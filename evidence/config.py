"""``regent.yaml``: how an evidence repository configures Regent.

Every setting has a default, so the file is optional. The file is read from
the same revision as the records, so an audit as of a past date uses the
configuration the organisation had then.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

FRAMEWORKS: tuple[str, ...] = ("cobit4", "cobit2019", "iso20000", "iso17799", "iso27002")

DEFAULT_THRESHOLDS: Mapping[str, int] = {
    "emergency_review_days": 7,
}

DEFAULT_ROLES: Mapping[str, tuple[str, ...]] = {
    "approvers": ("cab", "change-manager", "emergency-cab"),
    "cab": ("cab",),
    "emergency_approvers": ("emergency-cab",),
}

DEFAULT_EXCLUDE: tuple[str, ...] = ("evidence/artifacts/**",)

DEFAULT_MAX_RECORD_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True)
class RepoConfig:
    """The settings of one evidence repository, defaults filled in."""

    frameworks: tuple[str, ...] = FRAMEWORKS
    thresholds: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_THRESHOLDS))
    roles: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_ROLES))
    require_signed_evidence: bool = False
    policy_paths: tuple[str, ...] = ()
    fail_on: str | None = None
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE

    @classmethod
    def from_mapping(cls, settings: Mapping[str, Any]) -> RepoConfig:
        """Build from an already schema-validated ``regent.yaml`` document."""
        thresholds = dict(DEFAULT_THRESHOLDS)
        thresholds.update(settings.get("thresholds") or {})
        roles = dict(DEFAULT_ROLES)
        roles.update({k: tuple(v) for k, v in (settings.get("roles") or {}).items()})
        return cls(
            frameworks=tuple(settings.get("frameworks") or FRAMEWORKS),
            thresholds=thresholds,
            roles=roles,
            require_signed_evidence=bool(settings.get("require_signed_evidence", False)),
            policy_paths=tuple(settings.get("policy_paths") or ()),
            fail_on=settings.get("fail_on"),
            max_record_bytes=int(settings.get("max_record_bytes") or DEFAULT_MAX_RECORD_BYTES),
            exclude=DEFAULT_EXCLUDE + tuple(settings.get("exclude") or ()),
        )

    def policy_input(self) -> dict[str, Any]:
        """The part of the configuration that policies see, as ``input.config``."""
        return {
            "thresholds": dict(self.thresholds),
            "roles": {name: list(values) for name, values in self.roles.items()},
            "require_signed_evidence": self.require_signed_evidence,
        }
