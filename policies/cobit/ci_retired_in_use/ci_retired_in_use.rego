# METADATA
# title: Retired configuration item still used by a live service
# description: >-
#   A configuration item is retired only once no live service depends on it;
#   otherwise the records no longer describe what the service runs on. The
#   check flags a retired configuration item that an active service lists
#   among its configuration items, or that itself lists an active service,
#   naming those services. COBIT 4.1 DS9.3 (configuration integrity review)
#   maps to COBIT 2019 BAI10.05 (verify configuration integrity); its
#   licence half, BAI09.05, is not what this check evidences.
# custom:
#   id: REG-CFG-003
#   severity: medium
#   remediation: >-
#     Either return the item to active status, or move the service off it
#     and remove it from the service's configuration_items and the service
#     from the item's services.
#   kinds: [configuration_item, service]
#   config: []
#   controls:
#     cobit4: [DS9.2, DS9.3]
#     cobit2019: [BAI10.03, BAI10.05, BAI09.03]
#     iso20000: ["8.2.6"]
#     iso17799: ["7.1.1"]
#     iso27002: ["5.9", "8.9"]
#   example:
#     configuration_item:
#       - kind: configuration_item
#         id: CI-0103
#         name: web-old-01
#         type: server
#         owner: dave
#         environment: production
#         status: retired
#         services: [SVC-0101]
#     service:
#       - kind: service
#         id: SVC-0101
#         name: Customer portal
#         owner: dave
#         status: active
#         configuration_items: [CI-0103]
package cobit.ci_retired_in_use

import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

# A retired item and an active service that uses it, as [item id, service id]:
# the service lists the item, or the item lists the service. Each clause is one
# pass over one kind with lookups by id into the other.
_in_use contains [ci_id, service.id] if {
	some service in input.records.service
	service.status == "active"
	some ci_id in service.configuration_items
	input.records.configuration_item[ci_id].status == "retired"
}

_in_use contains [ci.id, service_id] if {
	some ci in input.records.configuration_item
	ci.status == "retired"
	some service_id in ci.services
	input.records.service[service_id].status == "active"
}

_noun(1) := "service"

_noun(n) := "services" if n > 1

violation contains finding if {
	some ci_id in {id | some [id, _] in _in_use}
	ci := input.records.configuration_item[ci_id]
	services := sort({service_id | some [id, service_id] in _in_use; id == ci_id})
	msg := sprintf(
		"%s is retired but still used by active %s %s",
		[ci.id, _noun(count(services)), concat(", ", services)],
	)
	finding := findings.new(rego.metadata.chain(), "configuration_item", ci, msg, ["status"])
}
