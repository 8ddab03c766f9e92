"""``regent.yaml``: how an evidence repository configures Regent.

Every setting has a default, so the file is optional. The file is read from
the same revision as the records, so an audit as of a past date uses the
configuration the organisation had then.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from regent.evidence import schemas
from regent.frameworks import KEYS as _CATALOGUED

# The frameworks with a control catalog, in the usual order.
FRAMEWORKS: tuple[str, ...] = _CATALOGUED


def _default(name: str) -> Any:
    """The default the regent.yaml schema states for a top-level setting."""
    return schemas.schema(schemas.CONFIG)["properties"][name]["default"]


def _defaults(section: str) -> dict[str, Any]:
    """The defaults the regent.yaml schema states for the settings of a section, lists as tuples."""
    settings = schemas.schema(schemas.CONFIG)["properties"][section]["properties"]
    return {name: tuple(spec["default"]) if isinstance(spec["default"], list) else spec["default"]
            for name, spec in settings.items()}


# Every default below is the regent.yaml schema's (evidence/schemas/regent_config.json),
# which also describes each setting. Each threshold's unit is the last word of its name.
DEFAULT_THRESHOLDS: Mapping[str, int] = _defaults("thresholds")

# The settings a production system must show in its observed configuration.
DEFAULT_BASELINE: Mapping[str, Any] = _defaults("baseline")

# Pairs of people.yaml roles that one person must not hold together.
DEFAULT_ROLE_CONFLICTS: tuple[tuple[str, str], ...] = tuple((a, b) for a, b in _default("role_conflicts"))

DEFAULT_ROLES: Mapping[str, tuple[str, ...]] = _defaults("roles")

# Always left out, whatever regent.yaml's exclude adds (the schema's default adds nothing).
DEFAULT_EXCLUDE: tuple[str, ...] = ("evidence/artifacts/**",)

DEFAULT_MAX_RECORD_BYTES: int = _default("max_record_bytes")

# The IANA time zone in which a date without a time (YYYY-MM-DD) is a whole day.
DEFAULT_TIMEZONE: str = _default("timezone")

# The business view's weights: by a finding's severity, and by the criticality of what it reaches.
DEFAULT_BUSINESS_WEIGHTS: Mapping[str, Mapping[str, float]] = _defaults("business")

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
    timezone: str = DEFAULT_TIMEZONE
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    imports: Mapping[str, Any] = field(default_factory=lambda: import_settings({}))
    business: Mapping[str, Mapping[str, float]] = field(default_factory=lambda: business_weights({}))

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
            timezone=str(settings.get("timezone") or DEFAULT_TIMEZONE),
            exclude=DEFAULT_EXCLUDE + tuple(settings.get("exclude") or ()),
            imports=import_settings(settings.get("import") or {}),
            business=business_weights(settings.get("business") or {}),
        )

    def policy_input(self) -> dict[str, Any]:
        """The part of the configuration that policies see, as ``input.config``."""
        return {
            "thresholds": dict(self.thresholds),
            "roles": {name: list(values) for name, values in self.roles.items()},
            "baseline": {k: list(v) if isinstance(v, tuple) else v for k, v in self.baseline.items()},
            "role_conflicts": [list(pair) for pair in self.role_conflicts],
            "require_signed_evidence": self.require_signed_evidence,
            "timezone": self.timezone,
        }


def business_weights(given: Mapping[str, Any]) -> dict[str, dict[str, float]]:
    """The business view's weights: the defaults, with the levels ``regent.yaml`` gives put over them."""
    return {name: {**default, **(given.get(name) or {})} for name, default in DEFAULT_BUSINESS_WEIGHTS.items()}


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
