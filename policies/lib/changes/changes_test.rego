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
