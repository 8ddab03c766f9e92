# METADATA
# title: Evidence
# description: >-
#   Lookups over evidence manifests shared by the checks of periodic evidence:
#   by type, by the subject they cover, and by age against the scan's
#   reference dates.
package lib.evidence

import data.lib.dates

# METADATA
# description: >-
#   Evidence manifests by type, as an object from type to a list of manifests:
#   one pass over the evidence for the whole scan.
by_type[type] := [e | some e in input.records.evidence; e.type == type] if {
	some type in {e.type | some e in input.records.evidence}
}

# METADATA
# description: The manifests of a type that name a subject (a CI, service, person or system id) in their subject list.
covering(type, subject) := [e |
	some e in object.get(by_type, type, [])
	subject in object.get(e, "subject", [])
]

# METADATA
# description: True when a manifest records a passing result.
passed(e) if e.result == "pass"

# METADATA
# description: >-
#   The latest collected_at, as a timestamp string, among the passing
#   manifests of a type that cover a subject; undefined when there is none.
last_pass(type, subject) := latest([e | some e in covering(type, subject); passed(e)])

# METADATA
# description: The latest collected_at timestamp string among some manifests; undefined for an empty list.
latest(manifests) := [e.collected_at | some e in manifests; dates.ns(e.collected_at) == newest][0] if {
	newest := max({n | some e in manifests; n := dates.ns(e.collected_at)})
}

# METADATA
# description: >-
#   True when a passing manifest of a type covers a subject and was collected
#   no more than limit_days before the reference instant ref (ns).
passed_within(type, subject, limit_days, ref) if {
	some e in covering(type, subject)
	passed(e)
	ref - dates.ns(e.collected_at) <= dates.days(limit_days)
}

# METADATA
# description: >-
#   How long ago a subject's last passing manifest of a type was collected, for
#   messages: "last passed at TIMESTAMP", or "never passed".
last_pass_phrase(type, subject) := sprintf("last passed at %s", [last_pass(type, subject)]) if {
	last_pass(type, subject)
} else := "never passed"
