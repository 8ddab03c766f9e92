package lib.changes_test

import data.lib.changes

_approvals := [
	{"by": "carol", "decision": "approved", "at": "2026-10-02T10:00:00Z"},
	{"by": "dave", "decision": "rejected"},
	{"by": "erin", "decision": "approved"},
	{"by": "frank"},
]

test_pass_implemented_by_start if {
	changes.implemented({"status": "scheduled", "implementation": {"started": "2026-10-05T22:05:00Z"}})
}

test_pass_implemented_by_status if {
	every status in ["implemented", "reviewed", "closed"] {
		changes.implemented({"status": status})
	}
}

test_pass_not_implemented if {
	not changes.implemented({"status": "scheduled"})
	not changes.implemented({"status": "approved", "implementation": {"started": null}})
	not changes.implemented({"implementation": {"completed": "2026-10-05T22:05:00Z"}})
	not changes.implemented({})
}

test_fail_closed_as_cancelled_is_not_implemented if {
	cancelled := {"status": "closed", "closure": {"at": "2026-10-03T09:00:00Z", "code": "cancelled"}}
	not changes.implemented(cancelled)
	changes.called_off(cancelled)
	not changes.implemented({"status": "cancelled"})
	not changes.implemented({"status": "rejected"})
}

test_pass_closed_otherwise_is_implemented if {
	changes.implemented({"status": "closed", "closure": {}})
	not changes.called_off({"status": "closed", "closure": {"code": "successful"}})
	not changes.called_off({"status": "implemented", "closure": {"code": "cancelled"}})
	every code in ["successful", "unsuccessful", "backed_out"] {
		changes.implemented({"status": "closed", "closure": {"code": code}})
	}
}

test_pass_started_cancelled_change_was_carried_out if {
	change := {"status": "cancelled", "implementation": {"started": "2026-10-05T22:05:00Z"}}
	changes.implemented(change)
	changes.called_off(change)
}

test_pass_fell_through if {
	not changes.fell_through({"status": "closed", "closure": {"code": "successful"}, "review": {"outcome": "successful"}})
	not changes.fell_through({"status": "implemented"})
	every code in ["unsuccessful", "backed_out", "cancelled"] {
		changes.fell_through({"status": "closed", "closure": {"code": code}})
	}
	every outcome in ["failed", "backed_out"] {
		changes.fell_through({"status": "reviewed", "review": {"outcome": outcome}})
	}
}

test_pass_status_phrase if {
	changes.status_phrase({"status": "closed", "closure": {"code": "cancelled"}}) == "has status closed with closure code cancelled"
	changes.status_phrase({"status": "approved"}) == "has status approved"
}

test_pass_approved_and_rejected_keep_indexes if {
	change := {"approvals": _approvals}
	object.keys(changes.approved(change)) == {0, 2}
	object.keys(changes.rejected(change)) == {1}
	changes.has_approval(change)
}

test_pass_no_approvals if {
	changes.approved({}) == {}
	changes.rejected({"approvals": null}) == {}
	not changes.has_approval({"approvals": [{"decision": "rejected"}]})
}

test_pass_filled if {
	changes.filled("Restore the backup.")
	changes.filled(["step"])
	changes.filled({"steps": 1})
	not changes.filled("")
	not changes.filled(" \t\n")
	not changes.filled([])
	not changes.filled({})
	not changes.filled(null)
	not changes.filled(3)
}

test_pass_at_ns if {
	changes.at_ns({"at": "1970-01-01T00:00:01Z"}) == 1000000000
	not changes.at_ns({"by": "carol"})
}

test_pass_how_implemented if {
	changes.how_implemented({"status": "closed", "implementation": {"started": "2026-10-05T22:05:00Z"}}) == "started implementation at 2026-10-05T22:05:00Z"
	changes.how_implemented({"status": "closed"}) == "has status closed"
}

test_pass_of_type_groups_normal_and_emergency if {
	records := {
		"C1": {"id": "C1", "type": "normal"},
		"C2": {"id": "C2", "type": "emergency"},
		"C3": {"id": "C3", "type": "standard"},
		"C4": {"id": "C4"},
		"C5": {"id": "C5", "type": "normal"},
	}
	grouped := changes.of_type with input as {"records": {"change": records}}
	{c.id | some c in grouped.normal} == {"C1", "C5"}
	[c.id | some c in grouped.emergency] == ["C2"]
	object.keys(grouped) == {"normal", "emergency"}
}

test_pass_of_type_without_changes if {
	changes.of_type == {"normal": [], "emergency": []} with input as {"records": {}}
}

test_pass_decisions_lists_every_decision_with_its_index if {
	records := {
		"C1": {"id": "C1", "approvals": _approvals},
		"C2": {"id": "C2", "approvals": []},
		"C3": {"id": "C3"},
		"C4": {"id": "C4", "approvals": null},
	}
	found := changes.decisions with input as {"records": {"change": records}}
	{[c.id, i, d] | some [c, i, d] in found} == {["C1", i, d] | some i, d in _approvals}
	count(found) == count(_approvals)
}

test_pursued_excludes_drafts_and_called_off if {
	changes.pursued({"status": "submitted"})
	changes.pursued({"status": "closed", "closure": {"code": "successful"}})
	not changes.pursued({"status": "draft"})
	not changes.pursued({"status": "rejected"})
	not changes.pursued({"status": "cancelled"})
	not changes.pursued({"status": "closed", "closure": {"code": "cancelled"}})
}

test_defining_fields_include_impact_and_title if {
	{"title", "impact", "schedule"} - {f | some f in changes.defining} == set()
	not "status" in changes.defining
}

test_scheduling_step_is_scheduled_or_later if {
	changes.scheduling_step({"status": "scheduled"})
	changes.scheduling_step({"status": "implemented"})
	not changes.scheduling_step({"status": "approved"})
}
