# METADATA
# title: Critical production system without a recent restore test
# description: >-
#   Backups of critical systems are only worth having if they can be
#   restored, which needs proving regularly. The check flags an active
#   production configuration item of criticality critical that no passing
#   backup_restore_test evidence covers within the configured number of days
#   before the scan.
# custom:
#   id: REG-SEC-004
#   severity: high
#   remediation: >-
#     Restore the item's latest backup into a test environment, check the data
#     is complete and usable, and record the result as backup_restore_test
#     evidence with the item among its subjects.
#   kinds: [configuration_item, evidence]
#   evidence: [backup_restore_test]
#   config: [thresholds.restore_test_days]
#   controls:
#     cobit4: [DS11.5, DS4.9]
#     cobit2019: [DSS04.07]
#     iso20000: ["8.7.2"]
#     iso17799: ["10.5.1"]
#     iso27002: ["8.13"]
#   example:
#     configuration_item:
#       - {kind: configuration_item, id: CI-0100, name: payments-db, type: database, owner: dave,
#          environment: production, status: active, criticality: critical}
package security.restore_test_age

import data.lib.dates
import data.lib.environments
import data.lib.evidence
import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

_type := "backup_restore_test"

# When an item's restore test last passed, for messages.
_history(id, limit) := sprintf("last passed at %s, more than %v days ago", [at, limit]) if {
	at := evidence.last_passed(_type, id).collected_at
} else := sprintf("has never passed (limit %v days)", [limit])

violation contains finding if {
	some ci in input.records.configuration_item
	ci.criticality == "critical"
	ci.status == "active"
	environments.production(ci)
	limit := input.config.thresholds.restore_test_days
	not evidence.passed_within(_type, ci.id, limit, dates.reference_ns(input))
	id := ci.id
	msg := sprintf(
		"%s is a critical production configuration item whose restore test %s",
		[id, _history(id, limit)],
	)
	finding := findings.new(rego.metadata.chain(), "configuration_item", ci, msg, [])
}
