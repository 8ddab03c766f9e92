# METADATA
# title: Verification, review or collection dated in the future
# description: >-
#   A record can only say that a check was done once it has been done. The
#   check flags each verification, review or collection date that falls on a
#   day after the scan's day in the organisation's time zone: a configuration
#   item's last_verified, a supplier's last_review, a change's review.at, a
#   service report's reviewed_at and an evidence manifest's collected_at.
#   Such a date would keep an age check satisfied for a period no one has
#   looked at. Days, not instants, are compared, so a live scan and an as-of
#   report for the same day agree and a clock running a little fast the same
#   day is not flagged. Planned dates (schedules, due dates, expiries) are
#   not judged.
# custom:
#   id: REG-GOV-005
#   severity: medium
#   remediation: >-
#     Find out when the verification, review or collection actually took
#     place and correct the date to it; if it has not taken place, remove the
#     date until it has.
#   kinds: [configuration_item, supplier, change, service_report, evidence]
#   config: []
#   controls:
#     cobit4: [ME2.1]
#     cobit2019: [MEA02.01]
#     iso20000: ["7.5"]
#     iso17799: ["15.1.3"]
#     iso27002: ["5.33"]
#   example:
#     configuration_item:
#       - {kind: configuration_item, id: CI-0010, name: web-02, type: server, owner: dave,
#          environment: production, status: active, last_verified: "2027-03-02"}
package cobit.future_dated

import data.lib.dates
import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

# The dates judged, as [kind, path, what the date says was done].
_fields := [
	["configuration_item", ["last_verified"], "was last verified"],
	["supplier", ["last_review"], "was last reviewed"],
	["change", ["review", "at"], "was reviewed"],
	["service_report", ["reviewed_at"], "was reviewed"],
	["evidence", ["collected_at"], "was collected"],
]

violation contains finding if {
	today := dates.today(input)
	some [kind, path, done] in _fields
	some record in input.records[kind]
	value := object.get(record, path, null)
	dates.days_after(today, value) > 0
	msg := sprintf("%s %s %s, after %s, the day of the scan", [record.id, done, _when(value), today])
	finding := findings.new(rego.metadata.chain(), kind, record, msg, path)
}

# A date reads "on DATE", a timestamp "at TIMESTAMP".
_when(value) := sprintf("on %s", [value]) if dates.date_ns(value)

else := sprintf("at %s", [value])
