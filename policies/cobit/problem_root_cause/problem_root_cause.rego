# METADATA
# title: Problem resolved without a root cause
# description: >-
#   A problem is resolved by finding and removing its cause; closing it
#   without recording the root cause leaves nothing to learn from and no
#   assurance that the incidents will not recur. The check flags a problem
#   with status resolved or closed whose root_cause is missing or blank.
# custom:
#   id: REG-PRB-001
#   severity: medium
#   remediation: >-
#     Record the root cause found by the investigation on the problem, or
#     reopen the problem until the cause is known.
#   kinds: [problem]
#   config: []
#   controls:
#     cobit4: [DS10.2, DS10.3]
#     cobit2019: [DSS03.02, DSS03.04]
#     iso20000: ["8.6.3"]
#     iso17799: ["13.2.2"]
#     iso27002: ["5.27"]
#   example:
#     problem:
#       - kind: problem
#         id: PRB-2026-0101
#         title: Nightly batch fails intermittently
#         status: closed
#         opened: "2026-09-01T08:00:00Z"
#         resolved: "2026-09-20T16:00:00Z"
package cobit.problem_root_cause

import data.lib.findings
import data.lib.text

meta := findings.metadata(rego.metadata.chain())

violation contains finding if {
	some problem in input.records.problem
	problem.status in {"resolved", "closed"}
	not text.has_text(problem, "root_cause")
	msg := sprintf("%s has status %s but no root cause recorded", [problem.id, problem.status])
	finding := findings.new(rego.metadata.chain(), "problem", problem, msg, ["root_cause"])
}
