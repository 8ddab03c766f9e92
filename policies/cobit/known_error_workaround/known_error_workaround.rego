# METADATA
# title: Known error without a workaround
# description: >-
#   A known error is a problem whose cause is understood; until it is fixed,
#   the service desk needs a documented workaround to restore service quickly
#   when it strikes again. The check flags a problem with status known_error
#   whose workaround is missing or blank.
# custom:
#   id: REG-PRB-003
#   severity: low
#   remediation: >-
#     Document a workaround on the problem record and make it available to
#     the service desk, or record why none exists and plan the fix.
#   kinds: [problem]
#   config: []
#   controls:
#     cobit4: [DS10.2]
#     cobit2019: [DSS03.03]
#     iso20000: ["8.6.3"]
#     iso17799: ["13.2.2"]
#     iso27002: ["5.27"]
#   example:
#     problem:
#       - kind: problem
#         id: PRB-2026-0103
#         title: Report export times out for large accounts
#         status: known_error
#         opened: "2026-10-12T10:00:00Z"
#         root_cause: The export query scans the whole ledger table.
package cobit.known_error_workaround

import data.lib.findings
import data.lib.text

meta := findings.metadata(rego.metadata.chain())

violation contains finding if {
	some problem in input.records.problem
	problem.status == "known_error"
	not text.has_text(problem, "workaround")
	msg := sprintf("%s is a known error with no workaround recorded", [problem.id])
	finding := findings.new(rego.metadata.chain(), "problem", problem, msg, ["workaround"])
}
