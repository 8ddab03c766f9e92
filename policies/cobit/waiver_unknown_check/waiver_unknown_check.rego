# METADATA
# title: Waiver names a check that does not exist
# description: >-
#   A waiver accepts the risk of one check's findings; one that names a check
#   this scan does not run accepts nothing: a misspelt id, a check since
#   renamed or withdrawn, or one of an organisation's own checks no longer
#   loaded. The check flags each waiver whose check is not among the checks
#   of the scan (Regent's own, the engine's input checks and the
#   organisation's). It reads the list of checks the engine passes in the
#   input, and judges nothing when there is none.
# custom:
#   id: REG-GOV-006
#   rejects_waivers: true
#   severity: medium
#   remediation: >-
#     Correct the check id in the waiver to the check whose findings it is
#     meant to accept (regent policies list names them all), or remove the
#     waiver if that check no longer exists.
#   kinds: [waiver]
#   config: []
#   controls:
#     cobit4: [ME2.3]
#     cobit2019: [MEA02.04]
#     iso20000: ["10.1"]
#     iso17799: ["15.2.1"]
#     iso27002: ["5.36"]
#   example:
#     waiver:
#       - kind: waiver
#         id: WVR-2026-0012
#         check: REG-CHG-040
#         records: [CHG-2026-0031]
#         reason: Plans for the migration project are kept in the project wiki.
#         approved_by: dave
#         approved_at: "2026-11-01T09:00:00Z"
#         expires: "2027-02-28"
package cobit.waiver_unknown_check

import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

# The ids of the checks the scan runs, as the engine lists them.
_known := {id | some id in input.checks}

violation contains finding if {
	is_array(input.checks)
	some waiver in input.records.waiver
	not waiver.check in _known
	msg := sprintf(
		"%s waives %v, which is not a check this scan runs, so it accepts nothing",
		[waiver.id, object.get(waiver, "check", "no check")],
	)
	finding := findings.new(rego.metadata.chain(), "waiver", waiver, msg, ["check"])
}
