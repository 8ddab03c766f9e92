# METADATA
# title: Waiver granted for longer than allowed
# description: >-
#   An accepted risk must be time-boxed, so that it is weighed again within a
#   set period rather than accepted for good. The check flags a waiver whose
#   expiry date is more than the configured number of days after the day it
#   was approved, that day taken in the organisation's time zone (regent.yaml's
#   timezone).
# custom:
#   id: REG-GOV-002
#   rejects_waivers: true
#   severity: medium
#   remediation: >-
#     Shorten the waiver's expiry date to within the allowed period, and have
#     the risk accepted again when it lapses if it still applies.
#   kinds: [waiver]
#   config: [thresholds.max_waiver_days]
#   controls:
#     cobit4: [ME2.3, ME2.7]
#     cobit2019: [MEA02.04]
#     iso20000: ["10.1"]
#     iso17799: ["15.2.1"]
#     iso27002: ["5.36"]
#   example:
#     waiver:
#       - kind: waiver
#         id: WVR-2026-0101
#         check: REG-CFG-002
#         records: [CI-0102]
#         reason: The file server is replaced next year and will not be audited again.
#         approved_by: dave
#         approved_at: "2026-06-01T09:00:00Z"
#         expires: "2028-06-01"
package cobit.waiver_duration

import data.lib.dates
import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

violation contains finding if {
	some waiver in input.records.waiver

	# Whole days from the local day of approval to the expiry date.
	dates.date_ns(waiver.expires)
	length := dates.days_after(waiver.approved_at, waiver.expires)
	limit := input.config.thresholds.max_waiver_days
	length > limit
	msg := sprintf(
		"%s was approved at %s and expires on %s, %v days later, more than the %v days a waiver may run",
		[waiver.id, waiver.approved_at, waiver.expires, length, limit],
	)
	finding := findings.new(rego.metadata.chain(), "waiver", waiver, msg, ["expires"])
}
