# METADATA
# title: Production configuration item without classification, criticality or a current owner
# description: >-
#   Every live production configuration item needs an accountable owner and a
#   recorded information classification and business criticality, so that it
#   is protected and prioritised as it deserves. The check flags an active
#   production configuration item with no classification, with no
#   criticality, or whose owner is not listed in people.yaml or has left.
# custom:
#   id: REG-CFG-001
#   severity: medium
#   remediation: >-
#     Record the item's classification and criticality, and name as its owner
#     a current member of staff listed in people.yaml; hand the items of
#     people who leave over to someone else.
#   kinds: [configuration_item]
#   config: []
#   controls:
#     cobit4: [DS9.1, DS9.2, PO4.9, PO2.3]
#     cobit2019: [BAI10.02, BAI10.03, BAI09.01]
#     iso20000: ["8.2.6", "8.2.5"]
#     iso17799: ["7.1.1", "7.1.2", "7.2.1"]
#     iso27002: ["5.9", "5.12", "8.9"]
#   example:
#     configuration_item:
#       - kind: configuration_item
#         id: CI-0101
#         name: billing-app
#         type: application
#         owner: dave
#         environment: production
#         status: active
#         criticality: high
package cobit.ci_classification

import data.lib.dates
import data.lib.environments
import data.lib.findings
import data.lib.people
import data.lib.text

meta := findings.metadata(rego.metadata.chain())

# The active configuration items of the production environment.
_live := [ci |
	some ci in input.records.configuration_item
	ci.status == "active"
	environments.production(ci)
]

violation contains finding if {
	some ci in _live
	some field in ["classification", "criticality"]
	not text.has_text(ci, field)
	msg := sprintf("%s is an active production configuration item with no %s recorded", [ci.id, field])
	finding := findings.new(rego.metadata.chain(), "configuration_item", ci, msg, [field])
}

violation contains finding if {
	some ci in _live
	not people.known(ci.owner)
	msg := sprintf(
		"%s is an active production configuration item owned by %v, who is not listed in people.yaml",
		[ci.id, ci.owner],
	)
	finding := findings.new(rego.metadata.chain(), "configuration_item", ci, msg, ["owner"])
}

violation contains finding if {
	some ci in _live
	people.gone_by(ci.owner, dates.reference_ns(input))
	msg := sprintf(
		"%s is an active production configuration item owned by %s, %s",
		[ci.id, ci.owner, people.departure(ci.owner)],
	)
	finding := findings.new(rego.metadata.chain(), "configuration_item", ci, msg, ["owner"])
}
