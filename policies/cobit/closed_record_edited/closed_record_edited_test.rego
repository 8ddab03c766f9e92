package cobit.closed_record_edited_test

import data.cobit.closed_record_edited
import data.lib.fixtures_test as fx

# An input holding the head records, with a gate whose merge base held the
# before records (both given as kind to list).
_doc(heads, befores) := object.union(fx.doc(heads), {"gate": {
	"base": "b1",
	"merge_base": "b1",
	"head": null,
	"author": "alice",
	"author_email": "alice@example.com",
	"files": {r._path: {"status": "modified", "from": null} | some list in befores; some r in list},
	"before": {kind: {r.id: r | some r in list} | some kind, list in befores},
}})

_closed_problem := fx.patch(fx.problem, {"status": "closed"})

test_meta if {
	object.remove(closed_record_edited.meta, ["example"]) == {
		"id": "REG-CHG-022",
		"title": "Closed change, incident or problem edited or deleted in a request",
		"description": concat(" ", [
			"Run by regent gate on a pull request. Closing a change, an incident or a",
			"problem fixes its record as the account of what happened. The check flags",
			"each one whose status was closed at the merge base and whose content the",
			"request changes (moving its file alone is not a change) or whose record",
			"the request deletes. Records added in the request are not judged.",
		]),
		"severity": "medium",
		"remediation": concat(" ", [
			"Restore the record as it was closed. Record a correction or a later",
			"development in a new record that refers to the closed one (a new change,",
			"a reopened incident as a new incident, a new problem).",
		]),
		"kinds": ["change", "incident", "problem"],
		"evidence": [],
		"config": [],
		"controls": {
			"cobit4": ["AI6.5", "DS8.4", "DS10.3"],
			"cobit2019": ["BAI06.04", "DSS02.06", "DSS03.04"],
			"iso20000": ["7.5", "8.5.1.3", "8.6.1", "8.6.3"],
			"iso17799": ["10.1.2", "15.1.3"],
			"iso27002": ["5.33", "8.32"],
		},
	}
}

test_fail_closed_change_edited if {
	review := object.union(fx.change.review, {"notes": "Nothing to add."})
	head := fx.change_with({"review": review})
	found := closed_record_edited.violation with input as _doc({"change": [head]}, {"change": [fx.change]})
	found == {{
		"check": "REG-CHG-022",
		"kind": "change",
		"id": "CHG-2026-0042",
		"message": "CHG-2026-0042 was closed at the merge base, but this request edits it: review changed",
		"field": ["review"],
	}}
}

test_fail_closed_incident_reopened if {
	head := fx.patch(object.remove(fx.incident, ["closed"]), {"status": "open"})
	found := closed_record_edited.violation with input as _doc({"incident": [head]}, {"incident": [fx.incident]})
	found == {{
		"check": "REG-CHG-022",
		"kind": "incident",
		"id": "INC-2026-0001",
		"message": "INC-2026-0001 was closed at the merge base, but this request edits it: closed removed; status changed from closed to open",
		"field": [],
	}}
}

test_fail_closed_problem_given_a_new_field if {
	head := fx.patch(_closed_problem, {"notes": "Pool size now monitored."})
	found := closed_record_edited.violation with input as _doc({"problem": [head]}, {"problem": [_closed_problem]})
	found == {{
		"check": "REG-CHG-022",
		"kind": "problem",
		"id": "PRB-2026-0003",
		"message": "PRB-2026-0003 was closed at the merge base, but this request edits it: notes added",
		"field": ["notes"],
	}}
}

test_fail_closed_change_deleted if {
	found := closed_record_edited.violation with input as _doc({"change": []}, {"change": [fx.change]})
	found == {{
		"check": "REG-CHG-022",
		"kind": "change",
		"id": "CHG-2026-0042",
		"message": "CHG-2026-0042 was closed at the merge base, but this request deletes it (changes/CHG-2026-0042.yaml)",
		"field": [],
	}}
}

test_fail_deleted_without_a_known_path if {
	before := object.remove(fx.incident, ["_path"])
	found := closed_record_edited.violation with input as _doc({}, {"incident": [before]})
	{f.message | some f in found} == {"INC-2026-0001 was closed at the merge base, but this request deletes it (its file)"}
}

test_pass_moved_without_an_edit if {
	head := fx.change_with({"_path": "changes/2026/CHG-2026-0042.yaml", "_git": {"created": null, "last": null, "commits": 0}})
	count(closed_record_edited.violation) == 0 with input as _doc({"change": [head]}, {"change": [fx.change]})
}

test_pass_not_closed_at_the_merge_base if {
	open := fx.patch(fx.incident, {"status": "resolved"})
	count(closed_record_edited.violation) == 0 with input as _doc({"incident": [fx.incident]}, {"incident": [open]})
	count(closed_record_edited.violation) == 0 with input as _doc({"problem": [_closed_problem]}, {"problem": [fx.problem]})
	count(closed_record_edited.violation) == 0 with input as _doc({}, {"problem": [fx.problem]})
}

test_pass_added_closed_record if {
	count(closed_record_edited.violation) == 0 with input as _doc({"change": [fx.change], "incident": [fx.incident]}, {})
}

test_pass_without_a_gate if {
	count(closed_record_edited.violation) == 0 with input as fx.world
}
