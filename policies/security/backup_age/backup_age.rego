# METADATA
# title: Critical production system without a recent backup
# description: >-
#   Critical systems must be backed up often enough that little is lost when
#   they fail. The check flags an active production configuration item of
#   criticality critical that no passing backup evidence covers within the
#   configured number of days before the scan.
# custom:
#   id: REG-SEC-005
#   severity: high
#   remediation: >-
#     Find out why the item's backups stopped or failed, take a backup now,
#     and record successful backups as backup evidence with the item among
#     their subjects.
#   kinds: [configuration_item, evidence]
#   evidence: [backup]
#   config: [thresholds.backup_age_days]
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
package security.backup_age

import data.lib.dates
import data.lib.environments
import data.lib.evidence
import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

# When an item was last backed up successfully, for messages.
_history(id, limit) := sprintf("last succeeded at %s, more than %v days ago", [at, limit]) if {
	at := evidence.last_passed("backup", id).collected_at
} else := sprintf("has never succeeded (limit %v days)", [limit])

violation contains finding if {
	some ci in input.records.configuration_item
	ci.criticality == "critical"
	ci.status == "active"
	environments.production(ci)
	limit := input.config.thresholds.backup_age_days
	not evidence.passed_within("backup", ci.id, limit, dates.reference_ns(input))
	id := ci.id
	msg := sprintf("%s is a critical production configuration item whose backup %s", [id, _history(id, limit)])
	finding := findings.new(rego.metadata.chain(), "configuration_item", ci, msg, [])
}
