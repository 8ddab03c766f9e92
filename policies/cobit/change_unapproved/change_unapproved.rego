# METADATA
# title: Change implemented without prior approval
# description: >-
#   A normal change must be authorised before work on it starts. The check
#   flags a normal change that has been carried out with no approved decision,
#   or whose first approval came after implementation started.
# custom:
#   id: REG-CHG-001
#   severity: high
#   remediation: >-
#     Record the approval that authorised the change, dated before work began;
#     if there was none, raise the gap with the change manager and treat the
#     change as unauthorised.
#   kinds: [change]
#   controls:
#     cobit4: [AI6.2, AI7.8]
#     cobit2019: [BAI06.01, BAI07.06]
#     iso20000: ["8.5.1.3"]
#     iso17799: ["10.1.2", "12.5.1"]
#     iso27002: ["8.32"]
package cobit.change_unapproved

import data.lib.changes
import data.lib.findings
import data.lib.time

meta := findings.metadata(rego.metadata.chain())

_in_scope(change) if {
	change.type == "normal"
	changes.implemented(change)
}

violation contains finding if {
	some change in input.records.change
	_in_scope(change)
	not changes.has_approval(change)
	msg := sprintf("%s %s with no approved approval on record", [change.id, changes.how_implemented(change)])
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["approvals"])
}

violation contains finding if {
	some change in input.records.change
	_in_scope(change)
	started := time.ns(change.implementation.started)
	dated := {[at, i] |
		some i, a in changes.approved(change)
		at := changes.at_ns(a)
	}
	count(dated) > 0
	first := min(dated)
	first[0] > started
	a := change.approvals[first[1]]
	msg := sprintf(
		"%s started implementation at %s, before its first approval at %s by %s",
		[change.id, change.implementation.started, a.at, a.by],
	)
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["implementation", "started"])
}

violation contains finding if {
	some change in input.records.change
	_in_scope(change)
	changes.has_approval(change)
	time.ns(change.implementation.started)
	every a in changes.approved(change) {
		not changes.at_ns(a)
	}
	msg := sprintf(
		"%s started implementation at %s, but none of its approvals is dated, so approval beforehand cannot be shown",
		[change.id, change.implementation.started],
	)
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["implementation", "started"])
}
