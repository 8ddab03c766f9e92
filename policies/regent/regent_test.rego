package regent_test

import data.lib.fixtures_test as fx
import data.regent

# The frameworks with a control catalog: policies/catalogs/, which OPA loads as
# data (a document, not a rule Regal can resolve).
_frameworks := object.keys(data.catalogs) # regal ignore:unresolved-reference

# A control id's expected shape in each framework.
_control_patterns := {
	"cobit4": `^(PO|AI|DS|ME)[0-9]{1,2}\.[0-9]{1,2}$`,
	"cobit2019": `^(EDM|APO|BAI|DSS|MEA)[0-9]{2}\.[0-9]{2}$`,
	"iso20000": `^[0-9]{1,2}(\.[0-9]{1,2}){0,3}$`,
	"iso17799": `^[0-9]{1,2}\.[0-9]{1,2}(\.[0-9]{1,2})?$`,
	"iso27002": `^[5-8]\.[0-9]{1,2}$`,
}

_kinds := {
	"person", "change", "release", "configuration_item", "incident", "problem",
	"service", "service_report", "supplier", "evidence", "waiver",
	"objective", "business_process",
}

# The built-in checks: an organisation's own (origin custom) may be loaded
# beside them when `regent policies test` runs these tests.
_builtin[id] := meta if {
	some id, meta in regent.checks
	not meta.origin
}

test_pass_collects_every_builtin_check if {
	object.keys(_builtin) == {
		"REG-AVL-001", "REG-BCM-001", "REG-BCM-002", "REG-BIZ-001", "REG-BIZ-002", "REG-BIZ-003", "REG-CAP-001", "REG-CFG-001", "REG-CFG-002",
		"REG-CFG-003", "REG-CFG-004", "REG-CFG-005", "REG-CFG-006", "REG-CHG-001", "REG-CHG-002",
		"REG-CHG-003", "REG-CHG-004", "REG-CHG-005", "REG-CHG-006", "REG-CHG-007", "REG-CHG-008",
		"REG-CHG-009", "REG-CHG-010", "REG-CHG-011", "REG-CHG-012", "REG-CHG-013", "REG-CHG-014",
		"REG-CHG-015", "REG-CHG-016", "REG-CHG-017", "REG-CHG-018", "REG-CHG-019", "REG-CHG-020", "REG-CHG-021",
		"REG-CHG-022", "REG-GOV-001", "REG-GOV-002",
		"REG-GOV-003", "REG-GOV-004", "REG-GOV-005", "REG-GOV-006", "REG-INC-001", "REG-INC-002", "REG-PRB-001", "REG-PRB-002",
		"REG-PRB-003", "REG-REL-001", "REG-REL-002", "REG-REL-003", "REG-REL-004", "REG-SEC-001",
		"REG-SEC-002", "REG-SEC-003", "REG-SEC-004", "REG-SEC-005", "REG-SEC-006", "REG-SEC-007",
		"REG-SEC-008", "REG-SEC-009", "REG-SEC-010", "REG-SEC-011", "REG-SEC-012", "REG-SEC-013",
		"REG-SEC-014", "REG-SEC-015", "REG-SEC-016", "REG-SEC-017", "REG-SEC-018", "REG-SEC-019",
		"REG-SEC-020", "REG-SEC-021", "REG-SEC-022", "REG-SEC-023", "REG-SLM-001", "REG-SLM-002", "REG-SLM-003", "REG-SLM-004",
		"REG-SLM-005", "REG-SUP-001", "REG-SUP-002", "REG-SUP-003",
	}
}

test_pass_check_metadata_is_complete if {
	every id, meta in _builtin {
		meta.id == id
		regex.match(`^REG-[A-Z]{3}-[0-9]{3}$`, id)
		trim_space(meta.title) != ""
		trim_space(meta.description) != ""
		trim_space(meta.remediation) != ""
		meta.severity in {"low", "medium", "high", "critical"}
		count(meta.kinds) > 0
		every kind in meta.kinds {
			kind in _kinds
		}

		# Every check maps to COBIT 4.1 and to an ISO standard at least; the
		# other frameworks wherever a counterpart exists.
		object.keys(meta.controls) - _frameworks == set()
		"cobit4" in object.keys(meta.controls)
		count({"iso20000", "iso27002"} & object.keys(meta.controls)) > 0
		every framework, ids in meta.controls {
			count(ids) > 0
			every control in ids {
				regex.match(_control_patterns[framework], control)
			}
		}
	}
}

test_pass_control_patterns_cover_every_catalog if {
	count(_frameworks) > 0
	object.keys(_control_patterns) == _frameworks
}

test_pass_titles_are_unique if {
	titles := {meta.title | some meta in regent.checks}
	count(titles) == count(regent.checks)
}

test_pass_every_check_accepts_the_world if {
	found := regent.violations with input as fx.world
	found == set()
}

test_pass_world_with_replaces_by_id if {
	doc := fx.world_with({"change": [fx.change_with({"title": "Other"})], "evidence": []})
	doc.records.change["CHG-2026-0042"].title == "Other"
	doc.records.change["CHG-2026-0050"] == fx.emergency
	count(doc.records.evidence) == count(fx.world_evidence)
}

test_pass_empty_input if {
	count(regent.violations) == 0 with input as {}
}

test_fail_collects_findings if {
	people := object.union(fx.people, {"alice": {"id": "alice", "name": "Alice", "emails": [], "roles": ["cab"]}})
	change := fx.change_with({"approvals": [{"by": "alice", "role": "cab", "decision": "approved", "at": "2026-10-02T10:00:00Z"}]})
	found := regent.violations with input as fx.world_with({"change": [change]})
		with input.people as people
	found == {{
		"check": "REG-CHG-002",
		"kind": "change",
		"id": "CHG-2026-0042",
		"message": "CHG-2026-0042 was approved by alice, who requested it",
		"field": ["approvals", 0, "by"],
	}}
}

test_fail_collects_findings_across_roots if {
	change := fx.change_with({"approvals": [{"by": "bob", "role": "cab", "decision": "approved", "at": "2026-10-06T10:00:00Z"}]})
	emergency := fx.patch(fx.emergency, {"approvals": []})
	found := regent.violations with input as fx.world_with({"change": [change, emergency]})

	# bob holds no CAB role: his approval marked "role: cab" is no CAB approval of the high-risk change.
	{[f.check, f.id] | some f in found} == {
		["REG-CHG-001", "CHG-2026-0042"],
		["REG-CHG-003", "CHG-2026-0042"],
		["REG-CHG-005", "CHG-2026-0042"],
		["REG-CHG-008", "CHG-2026-0042"],
		["REG-CHG-006", "CHG-2026-0050"],
	}
}

test_pass_custom_root_is_collected if {
	custom_meta := object.union(regent.checks["REG-CHG-002"], {"id": "ACME-CHG-001", "title": "Acme rule"})
	custom_finding := {"check": "ACME-CHG-001", "kind": "change", "id": "CHG-1", "message": "CHG-1 broke a rule", "field": []}
	checks := regent.checks with data.custom.acme_rule.meta as custom_meta # regal ignore:unresolved-reference
	count(checks) == count(regent.checks) + 1
	checks["ACME-CHG-001"] == object.union(custom_meta, {"origin": "custom"})
	found := regent.violations with data.custom.acme_rule.violation as {custom_finding} # regal ignore:unresolved-reference
		with input as {}
	found == {custom_finding}
}
