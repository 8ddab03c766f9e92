# METADATA
# title: Problem resolved without a fix carried out by a change
# description: >-
#   Once a problem's root cause is known, resolving it means removing that
#   cause through a change that is actually carried out; a risk accepted
#   instead is recorded as a waiver. The check flags a resolved or closed
#   problem with a root cause but no fix_change, one whose fix_change names a
#   change that has not been carried out (still open, rejected, cancelled, or
#   closed as cancelled), and one whose fix change was carried out but then
#   called off, backed out, closed as unsuccessful or reviewed as failed. A
#   fix_change naming no change record is left to REG-CFG-006.
# custom:
#   id: REG-PRB-002
#   severity: medium
#   remediation: >-
#     Raise and carry out a change that removes the root cause and name it in
#     fix_change, or reopen the problem; if the risk is accepted instead,
#     record a waiver for this finding.
#   kinds: [problem, change]
#   config: []
#   controls:
#     cobit4: [DS10.2, DS10.3]
#     cobit2019: [DSS03.03, DSS03.04]
#     iso20000: ["8.6.3"]
#     iso17799: ["13.2.2"]
#     iso27002: ["5.27"]
#   example:
#     problem:
#       - kind: problem
#         id: PRB-2026-0102
#         title: Disk fills up on the log server every month
#         status: resolved
#         opened: "2026-08-03T09:00:00Z"
#         root_cause: Log rotation was never configured for the audit logs.
#         resolved: "2026-08-20T12:00:00Z"
package cobit.problem_fix_change

import data.lib.changes
import data.lib.findings
import data.lib.text

meta := findings.metadata(rego.metadata.chain())

# The resolved and closed problems whose root cause is recorded.
_diagnosed := [problem |
	some problem in input.records.problem
	problem.status in {"resolved", "closed"}
	text.has_text(problem, "root_cause")
]

violation contains finding if {
	some problem in _diagnosed
	not text.has_text(problem, "fix_change")
	msg := sprintf(
		"%s has status %s and a root cause but names no fix change that removed it",
		[problem.id, problem.status],
	)
	finding := findings.new(rego.metadata.chain(), "problem", problem, msg, ["fix_change"])
}

violation contains finding if {
	some problem in _diagnosed
	change := input.records.change[problem.fix_change]
	not changes.implemented(change)
	msg := sprintf(
		"%s has status %s but its fix change %s %s and was never carried out",
		[problem.id, problem.status, change.id, changes.status_phrase(change)],
	)
	finding := findings.new(rego.metadata.chain(), "problem", problem, msg, ["fix_change"])
}

# Work that began and was then called off, backed out or failed did not
# remove the cause either.
violation contains finding if {
	some problem in _diagnosed
	change := input.records.change[problem.fix_change]
	changes.implemented(change)
	_fell_through(change)
	msg := sprintf(
		"%s has status %s but its fix change %s %s, so it did not remove the root cause",
		[problem.id, problem.status, change.id, _outcome(change)],
	)
	finding := findings.new(rego.metadata.chain(), "problem", problem, msg, ["fix_change"])
}

_fell_through(change) if changes.called_off(change)

_fell_through(change) if changes.fell_through(change)

# How a change that fell through reads in a message.
_outcome(change) := sprintf("was reviewed with outcome %s", [change.review.outcome]) if {
	change.review.outcome in {"failed", "backed_out"}
} else := changes.status_phrase(change)
