# METADATA
# title: Waiver past its expiry date
# description: >-
#   A waiver accepts a known risk only until its expiry date; after that it
#   waives nothing and the risk acceptance has lapsed. The check flags a waiver
#   whose expiry date is before the scan's reference date, and a waiver with no
#   readable expiry date, which would otherwise never lapse.
# custom:
#   id: REG-GOV-001
#   rejects_waivers: true
#   severity: medium
#   remediation: >-
#     Fix the waived findings, or have the risk accepted again and record a
#     renewed waiver with a new expiry date; remove waivers no longer needed.
#   kinds: [waiver]
#   controls:
#     cobit4: [ME2.3]
#     cobit2019: [MEA02.04]
#     iso20000: ["10.1"]
#     iso17799: ["15.2.1"]
#     iso27002: ["5.36"]
#   config: []
#   example:
#     waiver:
#       - kind: waiver
#         id: WVR-2026-0009
#         check: REG-CHG-004
#         records: [CHG-2026-0031]
#         reason: The migration project writes its plans in the project wiki until it ends.
#         approved_by: dave
#         approved_at: "2026-03-01T09:00:00Z"
#         expires: "2026-06-30"
package cobit.waiver_expired

import data.lib.dates
import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

violation contains finding if {
	some waiver in input.records.waiver
	today := dates.today(input)
	dates.date_ns(waiver.expires) < dates.date_ns(today)
	msg := sprintf(
		"%s (waiving %v, approved by %v) expired on %s, before %s",
		[
			waiver.id, object.get(waiver, "check", "an unnamed check"),
			object.get(waiver, "approved_by", "nobody named"), waiver.expires, today,
		],
	)
	finding := findings.new(rego.metadata.chain(), "waiver", waiver, msg, ["expires"])
}

violation contains finding if {
	some waiver in input.records.waiver
	not dates.date_ns(object.get(waiver, "expires", null))
	msg := sprintf("%s has no valid expiry date (YYYY-MM-DD), so it would never lapse", [waiver.id])
	finding := findings.new(rego.metadata.chain(), "waiver", waiver, msg, ["expires"])
}
