# METADATA
# title: Evidence
# description: >-
#   Lookups over evidence manifests shared by the checks of periodic evidence:
#   the latest manifest of a type for each subject it covers, and the periods
#   covered, built once per scan so that a check over thousands of
#   configuration items makes one lookup per item. Manifests collected after
#   the scan's reference time do not count.
package lib.evidence

import data.lib.dates

# METADATA
# description: >-
#   Evidence manifests by type, as an object from type to a list of manifests:
#   one pass over the evidence for the whole scan.
by_type[type] := [e | some e in input.records.evidence; e.type == type] if {
	some type in {e.type | some e in input.records.evidence}
}

# One row per manifest and subject it covers, collected by the reference
# time, sorted by collection time: [ns, type, subject, id, passed].
_rows := sort([[n, e.type, subject, e.id, _passed(e)] |
	ref := dates.reference_ns(input)
	some e in input.records.evidence
	n := dates.ns(e.collected_at)
	n <= ref
	some subject in object.get(e, "subject", [])
])

# The id of the latest manifest per [type, subject]. Rows are sorted by time,
# and object.union_n lets later objects win, so each key ends with its
# latest: one pass, where grouping by key in a comprehension would walk every
# manifest once per subject.
_latest := object.union_n([{[type, subject]: id} | some [_, type, subject, id, _] in _rows])

_latest_pass := object.union_n([{[type, subject]: id} | some [_, type, subject, id, true] in _rows])

# METADATA
# description: >-
#   The latest manifest of a type covering a subject (a CI, service, person or
#   change id), whatever its result; undefined when there is none.
last(type, subject) := input.records.evidence[_latest[[type, subject]]]

# METADATA
# description: The latest passing manifest of a type covering a subject; undefined when there is none.
last_passed(type, subject) := input.records.evidence[_latest_pass[[type, subject]]]

# METADATA
# description: True when a manifest records a passing result.
passed(e) if e.result == "pass"

# Whether a manifest passed, as a boolean (a row must not vanish for a failure).
default _passed(_) := false

_passed(e) if passed(e)

# METADATA
# description: >-
#   True when the latest passing manifest of a type covering a subject was
#   collected no more than limit_days before the reference instant ref (ns),
#   counted in local days (lib.dates.older_than).
passed_within(type, subject, limit_days, ref) if {
	at := last_passed(type, subject).collected_at
	dates.ns(at)
	not dates.older_than(at, limit_days, ref)
}

# METADATA
# description: >-
#   True when the latest manifest of a type covering a subject, whatever its
#   result, was collected no more than limit_days before the reference instant
#   ref (ns), counted in local days (lib.dates.older_than).
collected_within(type, subject, limit_days, ref) if {
	at := last(type, subject).collected_at
	dates.ns(at)
	not dates.older_than(at, limit_days, ref)
}

# METADATA
# description: >-
#   The [type, subject, period] of every manifest that names a period, for a
#   membership test: does some manifest of this type cover this subject for
#   this period?
periods contains [e.type, subject, e.period] if {
	some e in input.records.evidence
	is_string(e.period)
	some subject in object.get(e, "subject", [])
}

# METADATA
# description: >-
#   When a subject last passed evidence of a type, for messages: "last passed
#   at TIMESTAMP", or "never passed".
last_pass_phrase(type, subject) := sprintf("last passed at %s", [last_passed(type, subject).collected_at]) if {
	last_passed(type, subject)
} else := "never passed"
