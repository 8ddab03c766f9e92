# METADATA
# title: Person holding two roles that must be kept apart
# description: >-
#   Some duties must never rest with one person, such as writing code and
#   releasing it. For each pair of roles in the configured role_conflicts,
#   the check flags every person in people.yaml who holds both roles and has
#   not left (not marked inactive, and no left_on date on or before the
#   scan's reference date).
# custom:
#   id: REG-SEC-015
#   severity: high
#   remediation: >-
#     Take one of the two roles away from the person and hand it to someone
#     else; where that is not possible, record a waiver with the compensating
#     control (for example a second person's review of every release).
#   kinds: [person]
#   config: [role_conflicts]
#   controls:
#     cobit4: [PO4.11]
#     cobit2019: [DSS06.03]
#     iso17799: ["10.1.3"]
#     iso27002: ["5.3"]
#   example:
#     person:
#       - {id: ivan, name: Ivan, emails: [ivan@example.com], roles: [developer, release-manager]}
package security.role_conflicts

import data.lib.dates
import data.lib.findings
import data.lib.people

meta := findings.metadata(rego.metadata.chain())

violation contains finding if {
	some id, _ in input.people
	not people.gone_by(id, dates.reference_ns(input))
	held := people.roles(id)
	some [a, b] in input.config.role_conflicts
	a in held
	b in held
	msg := sprintf("%s holds both %s and %s, roles that must be kept apart", [id, a, b])
	finding := findings.new(rego.metadata.chain(), "person", {"id": id}, msg, ["roles"])
}
