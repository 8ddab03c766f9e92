# METADATA
# title: Closed change, incident or problem edited or deleted in a request
# description: >-
#   Run by regent gate on a pull request. Closing a change, an incident or a
#   problem fixes its record as the account of what happened. The check flags
#   each one whose status was closed at the merge base and whose content the
#   request changes (moving its file alone is not a change) or whose record
#   the request deletes. Records added in the request are not judged.
# custom:
#   id: REG-CHG-022
#   severity: medium
#   remediation: >-
#     Restore the record as it was closed. Record a correction or a later
#     development in a new record that refers to the closed one (a new change,
#     a reopened incident as a new incident, a new problem).
#   kinds: [change, incident, problem]
#   config: []
#   controls:
#     cobit4: [AI6.5, DS8.4, DS10.3]
#     cobit2019: [BAI06.04, DSS02.06, DSS03.04]
#     iso20000: ["7.5", "8.5.1.3", "8.6.1", "8.6.3"]
#     iso17799: ["10.1.2", "15.1.3"]
#     iso27002: ["5.33", "8.32"]
#   example:
#     incident:
#       - kind: incident
#         id: INC-2026-0120
#         title: Payment pages time out for some customers
#         priority: P2
#         status: closed
#         opened: "2026-11-12T08:10:00Z"
#         services: [SVC-0001]
#         resolved: "2026-11-12T12:30:00Z"
#         closed: "2026-11-13T09:00:00Z"
#         assigned_to: bob
#     gate:
#       base: 0b8c7e1f5a2d4c6e8f0a1b3c5d7e9f1a2b4c6d8e
#       merge_base: 0b8c7e1f5a2d4c6e8f0a1b3c5d7e9f1a2b4c6d8e
#       head: 7d1e3f5a7b9c1d3e5f7a9b1c3d5e7f9a1b3c5d7e
#       author: null
#       author_email: null
#       files:
#         incident/INC-2026-0120.yaml: {status: modified, from: null}
#       before:
#         incident:
#           INC-2026-0120:
#             kind: incident
#             id: INC-2026-0120
#             title: Payment pages time out for some customers
#             priority: P1
#             status: closed
#             opened: "2026-11-12T08:10:00Z"
#             services: [SVC-0001]
#             resolved: "2026-11-12T12:30:00Z"
#             closed: "2026-11-13T09:00:00Z"
#             assigned_to: bob
#             _path: incident/INC-2026-0120.yaml
package cobit.closed_record_edited

import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

# The keys the engine adds to a record, which are not its content.
_engine_keys := ["_path", "_git"]

# Every record of the kinds judged that was closed at the merge base, as
# [kind, id, merge-base content]; the merge-base version keeps its _path.
_closed contains [kind, id, before] if {
	some kind in ["change", "incident", "problem"]
	some id, before in input.gate.before[kind]
	before.status == "closed"
}

violation contains finding if {
	some [kind, id, before] in _closed
	record := input.records[kind][id]
	old := object.remove(before, _engine_keys)
	new := object.remove(record, _engine_keys)
	old != new
	edited := sort({key |
		some key in (object.keys(old) | object.keys(new))
		not _same(old, new, key)
	})
	msg := sprintf(
		"%s was closed at the merge base, but this request edits it: %s",
		[id, concat("; ", [_edit(key, old, new) | some key in edited])],
	)
	finding := findings.new(rego.metadata.chain(), kind, record, msg, _field(edited))
}

violation contains finding if {
	some [kind, id, before] in _closed
	not input.records[kind][id]
	msg := sprintf(
		"%s was closed at the merge base, but this request deletes it (%s)",
		[id, object.get(before, "_path", "its file")],
	)
	finding := findings.new(rego.metadata.chain(), kind, before, msg, [])
}

# True when a field is present in both versions with the same value.
_same(old, new, key) if old[key] == new[key]

# The field a finding points at: the one edited, or the whole record when several were.
_field(edited) := edited if count(edited) == 1

else := []

# What the request did to a field, for messages.
_edit(key, old, new) := sprintf("%s removed", [key]) if {
	key in object.keys(old)
	not key in object.keys(new)
}

_edit(key, old, new) := sprintf("%s added", [key]) if {
	not key in object.keys(old)
	key in object.keys(new)
}

_edit(key, old, new) := sprintf("%s changed from %s to %s", [key, old[key], new[key]]) if {
	is_string(old[key])
	is_string(new[key])
}

_edit(key, old, new) := sprintf("%s changed", [key]) if {
	key in object.keys(old)
	key in object.keys(new)
	not _both_strings(old[key], new[key])
}

# True when both values are strings, which a message can quote.
_both_strings(a, b) if {
	is_string(a)
	is_string(b)
}
