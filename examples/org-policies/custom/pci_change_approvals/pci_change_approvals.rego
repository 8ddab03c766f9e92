# METADATA
# title: Change to a card-data system without two CAB approvals
# description: >-
#   Acme's card-data systems carry the organisation's own field pci: true in
#   their CMDB record. A change that touches one needs approvals from at least
#   thresholds.acme_pci_approvals different CAB members before it is
#   scheduled; the check flags a change past approval with fewer.
# custom:
#   id: ACME-CHG-101
#   severity: high
#   remediation: >-
#     Have a second CAB member review the change and record their approval
#     before it is scheduled.
#   kinds: [change, configuration_item]
#   config: [thresholds.acme_pci_approvals, roles.cab]
#   controls:
#     cobit4: [AI6.2]
#     cobit2019: [BAI06.01]
#     iso27002: ["8.32"]
#   example:
#     change:
#       - kind: change
#         id: CHG-2026-0300
#         title: Upgrade the card tokenisation service
#         type: normal
#         status: scheduled
#         requested_by: alice
#         created: "2026-11-02T09:00:00Z"
#         configuration_items: [CI-0300]
#         approvals:
#           - {by: carol, role: cab, decision: approved, at: "2026-11-03T10:00:00Z"}
#     configuration_item:
#       - kind: configuration_item
#         id: CI-0300
#         name: tokeniser-01
#         type: application
#         owner: dave
#         environment: production
#         status: active
#         pci: true
package custom.pci_change_approvals

import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

# The statuses a change reaches only once it is authorised.
_past_approval := {"approved", "scheduled", "implemented", "reviewed", "closed"}

# The card-data configuration items a change names.
_pci_items(change) := [ci |
	some ci in object.get(change, "configuration_items", [])
	input.records.configuration_item[ci].pci == true
]

# The distinct CAB members who approved a change.
_cab_approvers(change) := {a.by |
	some a in object.get(change, "approvals", [])
	a.decision == "approved"
	a.role in input.config.roles.cab
}

violation contains finding if {
	some change in input.records.change
	change.status in _past_approval
	items := _pci_items(change)
	count(items) > 0
	needed := input.config.thresholds.acme_pci_approvals
	count(_cab_approvers(change)) < needed
	msg := sprintf(
		"%s changes card-data system %s with %d CAB approval(s); %d are needed",
		[change.id, concat(", ", items), count(_cab_approvers(change)), needed],
	)
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["approvals"])
}
