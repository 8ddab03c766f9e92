# METADATA
# title: Live record owned by a leaver or an unknown person
# description: >-
#   Every asset in use needs an owner who is still with the organisation and
#   can answer for it. The check flags an active configuration item, service
#   or supplier whose owner is not listed in people.yaml, is marked inactive,
#   or left on or before the scan's reference date.
# custom:
#   id: REG-SEC-002
#   severity: medium
#   remediation: >-
#     Hand the record to a current member of staff and name them as its owner;
#     if the owner is in fact still with the organisation, correct their entry
#     in people.yaml.
#   kinds: [configuration_item, service, supplier]
#   config: []
#   controls:
#     cobit4: [PO4.9, PO7.8]
#     cobit2019: [APO01.07, BAI09.01]
#     iso20000: ["8.2.5", "8.2.6"]
#     iso17799: ["7.1.2"]
#     iso27002: ["5.9"]
#   example:
#     configuration_item:
#       - {kind: configuration_item, id: CI-0100, name: payments-db, type: database, owner: gina,
#          environment: production, status: active}
package security.leaver_owns_records

import data.lib.dates
import data.lib.findings
import data.lib.people

meta := findings.metadata(rego.metadata.chain())

# The active records that have an owner, as [kind, what to call it in a message, record].
_owned contains ["configuration_item", "configuration item", r] if {
	some r in input.records.configuration_item
	r.status == "active"
	is_string(r.owner)
}

_owned contains ["service", "service", r] if {
	some r in input.records.service
	r.status == "active"
	is_string(r.owner)
}

_owned contains ["supplier", "supplier", r] if {
	some r in input.records.supplier
	r.status == "active"
	is_string(r.owner)
}

# Why an owner cannot answer for a record at the scan's reference time, for
# messages; undefined when the owner is a current member of staff.
_unfit(id) := "who is not listed in people.yaml" if {
	not people.known(id)
} else := sprintf("who left on %s", [input.people[id].left_on]) if {
	dates.day_start_ns(input.people[id].left_on) <= dates.reference_ns(input)
} else := "who is marked inactive in people.yaml" if {
	people.gone_by(id, dates.reference_ns(input))
}

violation contains finding if {
	some [kind, noun, record] in _owned
	why := _unfit(record.owner)
	msg := sprintf("%s is an active %s owned by %s, %s", [record.id, noun, record.owner, why])
	finding := findings.new(rego.metadata.chain(), kind, record, msg, ["owner"])
}
