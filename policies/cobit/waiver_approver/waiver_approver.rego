# METADATA
# title: Waiver approved by someone without the authority to accept risk
# description: >-
#   Only a current member of staff in a role entitled to approve may accept a
#   risk on the organisation's behalf. The check flags a waiver whose
#   approver is not listed in people.yaml, had left (marked inactive with no
#   leaving date, or with a leaving date no later than the approval) when
#   approving, or holds none of the configured approver roles in people.yaml,
#   and one approved by a person whose own work a record it waives is about:
#   the requester (and so a self-approver), implementer or reviewer of a
#   change, the acceptor or deployer of a release, the collector of evidence,
#   the reviewer of a service report. A waiver for every record ("*") names no
#   one's work in particular and is not judged on that last count.
# custom:
#   id: REG-GOV-003
#   rejects_waivers: true
#   severity: high
#   remediation: >-
#     Have the risk accepted again by a current member of staff who holds an
#     approver role, and record that person and date on the waiver.
#   kinds: [waiver, change, release, evidence, service_report]
#   config: [roles.approvers]
#   controls:
#     cobit4: [ME2.3]
#     cobit2019: [MEA02.04, DSS06.03]
#     iso20000: ["10.1"]
#     iso17799: ["15.2.1"]
#     iso27002: ["5.36", "5.2"]
#   example:
#     waiver:
#       - kind: waiver
#         id: WVR-2026-0102
#         check: REG-PRB-003
#         records: [PRB-2026-0103]
#         reason: The export is rewritten this quarter; users were told to split large exports.
#         approved_by: alice
#         approved_at: "2026-11-02T15:00:00Z"
#         expires: "2027-01-31"
package cobit.waiver_approver

import data.lib.dates
import data.lib.findings
import data.lib.people

meta := findings.metadata(rego.metadata.chain())

# The configured roles whose holders may approve, read once for the whole scan.
_approver_roles := object.get(input, ["config", "roles", "approvers"], [])

# The kinds whose records name the people who did the work (lib.people.actors).
_actor_kinds := ["change", "release", "evidence", "service_report"]

violation contains finding if {
	some waiver in input.records.waiver
	not people.known(waiver.approved_by)
	msg := sprintf("%s was approved by %v, who is not listed in people.yaml", [waiver.id, waiver.approved_by])
	finding := findings.new(rego.metadata.chain(), "waiver", waiver, msg, ["approved_by"])
}

violation contains finding if {
	some waiver in input.records.waiver
	people.gone_by(waiver.approved_by, dates.ns(waiver.approved_at))
	msg := sprintf(
		"%s was approved by %s at %s, %s",
		[waiver.id, waiver.approved_by, waiver.approved_at, people.departure(waiver.approved_by)],
	)
	finding := findings.new(rego.metadata.chain(), "waiver", waiver, msg, ["approved_by"])
}

violation contains finding if {
	some waiver in input.records.waiver
	people.known(waiver.approved_by)
	not people.holds(waiver.approved_by, _approver_roles)
	msg := sprintf(
		"%s was approved by %s, who holds none of the approver roles (%s)",
		[waiver.id, waiver.approved_by, concat(", ", _approver_roles)],
	)
	finding := findings.new(rego.metadata.chain(), "waiver", waiver, msg, ["approved_by"])
}

# Risk is not accepted by the person whose own work the finding is about: the
# requester (the self-approver among them), implementer or reviewer of a
# change, the acceptor or deployer of a release, the collector of evidence,
# the reviewer of a service report the waiver names.
violation contains finding if {
	some waiver in input.records.waiver
	some id in waiver.records
	some kind in _actor_kinds
	record := input.records[kind][id]
	fields := [field | some [field, person] in people.actors(record); person == waiver.approved_by]
	count(fields) > 0
	msg := sprintf(
		"%s was approved by %s, who is named as %s on %s, a record it waives: a finding about their own work",
		[waiver.id, waiver.approved_by, concat(" and ", sort(fields)), id],
	)
	finding := findings.new(rego.metadata.chain(), "waiver", waiver, msg, ["approved_by"])
}
