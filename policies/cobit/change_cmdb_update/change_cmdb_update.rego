# METADATA
# title: Configuration record not updated after a successful change
# description: >-
#   Once a change has been carried out successfully, the configuration items it
#   touched must be verified and their records brought up to date. The check
#   flags each configuration item named by a successful change (implemented or
#   reviewed and not marked as failed, or closed with code successful) whose
#   last_verified date is missing or before the day the change was completed,
#   once more than the configured number of days has passed since completion.
#   Days are those of the organisation's time zone (regent.yaml's timezone):
#   a verification dated the local day of completion is not before it.
# custom:
#   id: REG-CHG-015
#   severity: medium
#   remediation: >-
#     Verify the configuration items a change touched once it is done, update
#     their records and set last_verified; make the update a step of closing
#     the change.
#   kinds: [change, configuration_item]
#   config: [thresholds.cmdb_update_days]
#   controls:
#     cobit4: [AI6.5, DS9.2]
#     cobit2019: [BAI06.04, BAI10.03]
#     iso20000: ["8.2.6"]
#     iso17799: ["10.1.2"]
#     iso27002: ["8.9"]
#   example:
#     change:
#       - {kind: change, id: CHG-2026-0105, title: Resize the web server, type: normal, status: closed,
#          requested_by: alice, created: "2026-09-01T09:00:00Z", configuration_items: [CI-0010],
#          implementation: {started: "2026-09-10T21:00:00Z", completed: "2026-09-10T22:00:00Z", by: bob},
#          closure: {at: "2026-09-12T09:00:00Z", code: successful}}
#     configuration_item:
#       - {kind: configuration_item, id: CI-0010, name: web-02, type: server, owner: dave,
#          environment: production, status: active, last_verified: "2026-03-02"}
package cobit.change_cmdb_update

import data.lib.dates
import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

# True when a change's record says it was carried out as intended: closed with
# code successful, or implemented or reviewed with no failure recorded in its
# review or closure.
_successful(change) if {
	change.status == "closed"
	change.closure.code == "successful"
}

_successful(change) if {
	change.status in {"implemented", "reviewed"}
	object.get(change, ["closure", "code"], "successful") == "successful"
	not object.get(change, ["review", "outcome"], null) in {"failed", "backed_out"}
}

# True when a configuration item was verified on or after a local day (YYYY-MM-DD).
_verified_since(ci, day) if dates.days_after(day, ci.last_verified) >= 0

# How a configuration item's verification reads in a message when it is too old or missing.
_verification(ci) := sprintf("was last verified on %s, before that", [ci.last_verified]) if {
	dates.date_ns(ci.last_verified)
} else := "records no verification date"

violation contains finding if {
	some change in input.records.change
	_successful(change)
	completed := change.implementation.completed
	limit := input.config.thresholds.cmdb_update_days
	dates.older_than(completed, limit, dates.reference_ns(input))
	completed_day := dates.day_of(completed)
	some i, id in change.configuration_items
	ci := input.records.configuration_item[id]
	not _verified_since(ci, completed_day)
	msg := sprintf(
		"%s completed implementation at %s, more than %v days ago, but its configuration item %s %s",
		[change.id, change.implementation.completed, limit, id, _verification(ci)],
	)
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["configuration_items", i])
}
