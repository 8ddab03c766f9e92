package cobit.change_lifecycle_skip_test

import data.cobit.change_lifecycle_skip
import data.lib.fixtures_test as fx

# An input holding the head changes, with a gate whose merge base held the
# before changes.
_doc(heads, befores) := object.union(fx.doc({"change": heads}), {"gate": {
	"base": "b1",
	"merge_base": "b1",
	"head": "h1",
	"author": null,
	"author_email": null,
	"files": {r._path: {"status": "modified", "from": null} | some r in befores},
	"before": {"change": {r.id: r | some r in befores}},
}})

# The base change at a status, without the named fields.
_at(status, without) := fx.patch(fx.change_without(without), {"status": status})

# An input in which the base change moves from one status to another,
# carrying at the head everything but the named fields.
_move(from, to, without) := _doc([_at(to, without)], [_at(from, [])])

_finding(message) := {
	"check": "REG-CHG-020",
	"kind": "change",
	"id": "CHG-2026-0042",
	"message": message,
	"field": ["status"],
}

test_meta if {
	object.remove(change_lifecycle_skip.meta, ["example"]) == {
		"id": "REG-CHG-020",
		"title": "Change status moved off its lifecycle in a request",
		"description": concat(" ", [
			"Run by regent gate on a pull request. A change advances one step at a",
			"time: draft, submitted, approved, scheduled, implemented, reviewed, closed;",
			"it may be rejected while submitted, and cancelled up to and including",
			"scheduled. The check compares each change's status at the merge base with",
			"its status at the head and flags a move backwards, a move out of closed,",
			"rejected or cancelled, a rejection or cancellation from a status that does",
			"not allow it, and a jump over several steps when the change does not carry",
			"what a skipped step produces (an approving decision, a schedule, an",
			"implementation, a review). A standard change that names its template is",
			"pre-approved and may pass over approved. Changes added in the request are",
			"not judged.",
		]),
		"severity": "high",
		"remediation": concat(" ", [
			"Put the change back to the status it held and take it through each step",
			"in turn, recording what each step produces (the approving decision, the",
			"schedule, the implementation, the review); a change that has ended is",
			"reopened as a new change.",
		]),
		"kinds": ["change"],
		"evidence": [],
		"config": [],
		"controls": {
			"cobit4": ["AI6.2", "AI6.4"],
			"cobit2019": ["BAI06.01", "BAI06.03"],
			"iso20000": ["8.5.1.3"],
			"iso17799": ["10.1.2"],
			"iso27002": ["8.32"],
		},
	}
}

test_fail_implemented_straight_from_submitted if {
	found := change_lifecycle_skip.violation with input as _move("submitted", "implemented", ["approvals", "schedule"])
	found == {_finding("CHG-2026-0042 moved from submitted to implemented in one request, skipping approved (no approving decision) and scheduled (no schedule)")}
}

test_fail_closed_straight_from_draft if {
	found := change_lifecycle_skip.violation with input as _move("draft", "closed", ["approvals", "schedule", "implementation", "review"])
	found == {_finding("CHG-2026-0042 moved from draft to closed in one request, skipping approved (no approving decision), scheduled (no schedule), implemented (no implementation) and reviewed (no review)")}
}

test_fail_scheduled_without_an_approval if {
	found := change_lifecycle_skip.violation with input as _move("submitted", "scheduled", ["approvals"])
	found == {_finding("CHG-2026-0042 moved from submitted to scheduled in one request, skipping approved (no approving decision)")}
}

test_fail_a_rejection_is_no_approval if {
	rejected := [{"by": "carol", "role": "cab", "decision": "rejected", "at": "2026-10-02T10:00:00Z"}]
	head := fx.patch(_at("scheduled", []), {"approvals": rejected})
	found := change_lifecycle_skip.violation with input as _doc([head], [_at("submitted", [])])
	found == {_finding("CHG-2026-0042 moved from submitted to scheduled in one request, skipping approved (no approving decision)")}
}

test_fail_an_empty_product_is_none if {
	head := fx.patch(_at("closed", []), {"review": {}})
	found := change_lifecycle_skip.violation with input as _doc([head], [_at("implemented", [])])
	found == {_finding("CHG-2026-0042 moved from implemented to closed in one request, skipping reviewed (no review)")}
}

test_pass_skipped_steps_carry_their_products if {
	count(change_lifecycle_skip.violation) == 0 with input as _move("submitted", "scheduled", [])
	count(change_lifecycle_skip.violation) == 0 with input as _move("draft", "closed", [])
	count(change_lifecycle_skip.violation) == 0 with input as _move("approved", "reviewed", ["review", "closure"])
}

test_pass_skipping_submitted_needs_nothing if {
	count(change_lifecycle_skip.violation) == 0 with input as _move("draft", "approved", ["schedule", "implementation", "review"])
}

test_pass_one_step_forward_needs_nothing_of_the_next if {
	every from, to in {"draft": "submitted", "submitted": "approved", "approved": "scheduled"} {
		count(change_lifecycle_skip.violation) == 0 with input as _move(from, to, ["approvals", "schedule", "implementation", "review"])
	}
	every from, to in {"scheduled": "implemented", "implemented": "reviewed", "reviewed": "closed"} {
		count(change_lifecycle_skip.violation) == 0 with input as _move(from, to, ["implementation", "review", "closure"])
	}
}

test_pass_standard_change_with_a_template_skips_approval if {
	head := fx.patch(_at("scheduled", ["approvals"]), {"type": "standard", "template": "TPL-CERT-RENEWAL"})
	before := fx.patch(_at("submitted", ["approvals"]), {"type": "standard", "template": "TPL-CERT-RENEWAL"})
	count(change_lifecycle_skip.violation) == 0 with input as _doc([head], [before])
}

test_fail_a_template_pre_approves_only_a_standard_change if {
	message := "CHG-2026-0042 moved from submitted to scheduled in one request, skipping approved (no approving decision)"
	normal := fx.patch(_at("scheduled", ["approvals"]), {"template": "TPL-CERT-RENEWAL"})
	found := change_lifecycle_skip.violation with input as _doc([normal], [_at("submitted", [])])
	found == {_finding(message)}
	untemplated := fx.patch(_at("scheduled", ["approvals"]), {"type": "standard", "template": " "})
	found_standard := change_lifecycle_skip.violation with input as _doc([untemplated], [_at("submitted", [])])
	found_standard == {_finding(message)}
}

test_fail_moved_backwards if {
	change_lifecycle_skip.violation == {_finding("CHG-2026-0042 moved back from implemented to approved")} with input as _move("implemented", "approved", [])
	change_lifecycle_skip.violation == {_finding("CHG-2026-0042 moved back from submitted to draft")} with input as _move("submitted", "draft", [])
}

test_fail_left_a_final_status if {
	change_lifecycle_skip.violation == {_finding("CHG-2026-0042 moved from closed to reviewed, but closed is a final status")} with input as _move("closed", "reviewed", [])
	change_lifecycle_skip.violation == {_finding("CHG-2026-0042 moved from rejected to submitted, but rejected is a final status")} with input as _move("rejected", "submitted", [])
	change_lifecycle_skip.violation == {_finding("CHG-2026-0042 moved from cancelled to approved, but cancelled is a final status")} with input as _move("cancelled", "approved", [])
	change_lifecycle_skip.violation == {_finding("CHG-2026-0042 moved from rejected to cancelled, but rejected is a final status")} with input as _move("rejected", "cancelled", [])
}

test_fail_rejected_when_not_submitted if {
	change_lifecycle_skip.violation == {_finding("CHG-2026-0042 moved from approved to rejected, but only a submitted change can be rejected")} with input as _move("approved", "rejected", [])
	change_lifecycle_skip.violation == {_finding("CHG-2026-0042 moved from draft to rejected, but only a submitted change can be rejected")} with input as _move("draft", "rejected", [])
}

test_pass_rejected_when_submitted if {
	count(change_lifecycle_skip.violation) == 0 with input as _move("submitted", "rejected", [])
}

test_fail_cancelled_after_implementation if {
	change_lifecycle_skip.violation == {_finding("CHG-2026-0042 moved from implemented to cancelled, but a change can be cancelled only until it is scheduled")} with input as _move("implemented", "cancelled", [])
}

test_pass_cancelled_until_scheduled if {
	every from in ["draft", "submitted", "approved", "scheduled"] {
		count(change_lifecycle_skip.violation) == 0 with input as _move(from, "cancelled", [])
	}
}

test_pass_status_unchanged if {
	head := fx.patch(_at("closed", []), {"title": "Renew the certificate"})
	count(change_lifecycle_skip.violation) == 0 with input as _doc([head], [_at("closed", [])])
}

test_pass_added_change if {
	added := fx.patch(_at("closed", ["approvals"]), {"id": "CHG-2026-0099", "_path": "changes/CHG-2026-0099.yaml"})
	count(change_lifecycle_skip.violation) == 0 with input as _doc([fx.change, added], [fx.change])
}

test_pass_deleted_change if {
	count(change_lifecycle_skip.violation) == 0 with input as _doc([], [_at("submitted", [])])
}

test_fail_each_change_against_its_own_base if {
	heads := [_at("approved", []), fx.patch(fx.emergency, {"review": null})]
	befores := [_at("submitted", []), fx.patch(fx.emergency, {"status": "implemented"})]
	found := change_lifecycle_skip.violation with input as _doc(heads, befores)
	found == {{
		"check": "REG-CHG-020",
		"kind": "change",
		"id": "CHG-2026-0050",
		"message": "CHG-2026-0050 moved from implemented to closed in one request, skipping reviewed (no review)",
		"field": ["status"],
	}}
}

test_pass_without_a_gate if {
	count(change_lifecycle_skip.violation) == 0 with input as fx.world
	count(change_lifecycle_skip.violation) == 0 with input as fx.doc({"change": [_at("implemented", ["approvals", "schedule"])]})
}
