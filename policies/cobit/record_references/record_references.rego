# METADATA
# title: Record names another record that does not exist
# description: >-
#   Incident, problem, configuration, service and supplier records are only
#   an integrated picture when the links between them hold: an incident's
#   services, items and problem, a problem's incidents and fix change, a
#   service's items and suppliers, a report's service, an item's services and
#   supplier, a supplier's services. The check flags every such reference
#   that matches no record of the kind it names. Changes' own references and
#   relationships between items are checked elsewhere.
# custom:
#   id: REG-CFG-006
#   severity: medium
#   remediation: >-
#     Correct the reference to the id of an existing record, add the missing
#     record to the repository, or remove the reference if it no longer
#     applies.
#   kinds: [incident, problem, service, service_report, configuration_item, supplier, change]
#   config: []
#   controls:
#     cobit4: [DS9.2, DS10.4]
#     cobit2019: [BAI10.03, DSS03.05]
#     iso20000: ["8.2.6"]
#     iso27002: ["8.9"]
#   example:
#     incident:
#       - kind: incident
#         id: INC-2026-0101
#         title: Portal login fails
#         priority: P2
#         status: open
#         opened: "2026-11-20T08:30:00Z"
#         services: [SVC-0404]
package cobit.record_references

import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

# The records of a kind, by id: one clause per kind the check reads, so that
# every kind is named where it is read.
_records("incident") := input.records.incident

_records("problem") := input.records.problem

_records("service") := input.records.service

_records("service_report") := input.records.service_report

_records("configuration_item") := input.records.configuration_item

_records("supplier") := input.records.supplier

_records("change") := input.records.change

# True when a record of a kind has an id: one lookup, however many records
# there are. When the kind has no records at all every id is unknown.
_exists(kind, id) if {
	records := _records(kind)
	records[id]
}

# Fields that hold a list of ids, as [record kind, field, kind named, what it is called].
_list_fields := [
	["incident", "services", "service", "service"],
	["incident", "configuration_items", "configuration_item", "configuration item"],
	["problem", "incidents", "incident", "incident"],
	["service", "configuration_items", "configuration_item", "configuration item"],
	["service", "suppliers", "supplier", "supplier"],
	["configuration_item", "services", "service", "service"],
	["supplier", "services", "service", "service"],
]

# Fields that hold one id, as [record kind, field, kind named, what it is called].
_single_fields := [
	["incident", "problem", "problem", "problem"],
	["problem", "fix_change", "change", "fix change"],
	["service_report", "service", "service", "service"],
	["configuration_item", "supplier", "supplier", "supplier"],
]

violation contains finding if {
	some [kind, field, target, noun] in _list_fields
	some record in _records(kind)
	some i, id in object.get(record, field, [])
	not _exists(target, id)
	msg := sprintf("%s names %s %v, which has no record", [record.id, noun, id])
	finding := findings.new(rego.metadata.chain(), kind, record, msg, [field, i])
}

violation contains finding if {
	some [kind, field, target, noun] in _single_fields
	some record in _records(kind)
	id := record[field]
	not _exists(target, id)
	msg := sprintf("%s names %s %v, which has no record", [record.id, noun, id])
	finding := findings.new(rego.metadata.chain(), kind, record, msg, [field])
}
