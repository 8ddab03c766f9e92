# METADATA
# title: Failed control evidence not followed by a passing retest
# description: >-
#   When evidence shows a control failed, the weakness must be remedied and
#   the control shown to work again within a set time. The check flags, for
#   each evidence manifest with result fail collected more than the
#   configured number of days ago, every subject it covers for which no
#   passing manifest of the same type has been collected since; a failed
#   manifest with no subject is flagged when no passing manifest of its type
#   has been collected since.
# custom:
#   id: REG-GOV-004
#   severity: medium
#   remediation: >-
#     Remedy the failure, repeat the test or review, and record the passing
#     result as a new evidence manifest of the same type covering the subject.
#   kinds: [evidence]
#   config: [thresholds.failed_evidence_retest_days]
#   controls:
#     cobit4: [ME1.6, ME2.7]
#     cobit2019: [MEA01.05, MEA02.04]
#     iso20000: ["10.1"]
#     iso17799: ["15.2.1"]
#     iso27002: ["5.36"]
#   example:
#     evidence:
#       - kind: evidence
#         id: EV-2026-0201
#         type: backup_restore_test
#         collected_at: "2026-08-14T10:00:00Z"
#         collected_by: dave
#         subject: [CI-0002]
#         result: fail
package cobit.failed_evidence_retest

import data.lib.dates
import data.lib.evidence
import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

# The failed manifests collected more than the configured days before the
# reference instant, as [manifest, collected ns].
_overdue := [[e, failed_at] |
	some e in input.records.evidence
	e.result == "fail"
	failed_at := dates.ns(e.collected_at)
	dates.older_than(e.collected_at, input.config.thresholds.failed_evidence_retest_days, dates.reference_ns(input))
]

# The [type, subject] of every subject of an overdue failure: only their passes matter.
_failed_keys contains [e.type, subject] if {
	some [e, _] in _overdue
	some subject in e.subject
}

# The passes of those types and subjects, as [type, subject, collected ns],
# sorted: the passes of one type and subject are next to each other, the
# latest last.
_passes := sort([[e.type, subject, passed_at] |
	some e in input.records.evidence
	some subject in e.subject
	[e.type, subject] in _failed_keys
	evidence.passed(e)
	passed_at := dates.ns(e.collected_at)
])

# True when the pass after position i in _passes is of the same type and subject.
_followed_by_same_key(i, pass) if {
	next := _passes[i + 1]
	next[0] == pass[0]
	next[1] == pass[1]
}

# The latest pass (ns) of each of those types and subjects, as an object from
# [type, subject] to ns: the last of each run in _passes. A comprehension
# rather than an object rule, which OPA builds far more slowly for many keys.
# regal ignore:prefer-set-or-object-rule
_last_pass := {[pass[0], pass[1]]: pass[2] |
	some i, pass in _passes
	not _followed_by_same_key(i, pass)
}

# True when a passing manifest of a type covering a subject was collected
# after an instant (ns).
_passed_since(type, subject, n) if _last_pass[[type, subject]] > n

violation contains finding if {
	some [e, failed_at] in _overdue
	some i, subject in e.subject
	not _passed_since(e.type, subject, failed_at)
	msg := sprintf(
		"%s recorded a failed %s of %v at %s, more than %v days ago, and no passing %s of %v was collected after it",
		[
			e.id, e.type, subject, e.collected_at, input.config.thresholds.failed_evidence_retest_days,
			e.type, subject,
		],
	)
	finding := findings.new(rego.metadata.chain(), "evidence", e, msg, ["subject", i])
}

violation contains finding if {
	some [e, failed_at] in _overdue
	count(object.get(e, "subject", [])) == 0
	not _passed_after(e.type, failed_at)
	msg := sprintf(
		"%s recorded a failed %s with no subject at %s, more than %v days ago, and no passing %s was collected after it",
		[e.id, e.type, e.collected_at, input.config.thresholds.failed_evidence_retest_days, e.type],
	)
	finding := findings.new(rego.metadata.chain(), "evidence", e, msg, ["result"])
}

# True when some passing manifest of a type was collected after an instant (ns).
_passed_after(type, n) if {
	some e in object.get(evidence.by_type, type, [])
	evidence.passed(e)
	dates.ns(e.collected_at) > n
}
