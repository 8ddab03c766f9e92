# METADATA
# title: Committed evidence changed or deleted in a request
# description: >-
#   Run by regent gate on a pull request. Evidence is only ever added to: a
#   correction is new evidence with its own manifest. The check flags an
#   evidence manifest that the request edits or deletes, and a file that a
#   manifest lists (at the merge base or at the head) that the request
#   modifies or deletes. Moving an artifact is allowed: the manifest may change
#   an artifact's path when its sha256 stays the same and the request renames
#   the file from the old path to the new one.
# custom:
#   id: REG-SEC-022
#   severity: critical
#   remediation: >-
#     Restore the manifest and its files as they were at the merge base. Record
#     a correction or a newer result as new evidence with its own manifest and
#     files; move a file only with git mv, keeping its bytes and its hash.
#   kinds: [evidence]
#   config: []
#   controls:
#     cobit4: [DS11.6, ME2.1]
#     cobit2019: [DSS06.05, MEA02.01]
#     iso20000: ["7.5"]
#     iso17799: ["10.10.3", "15.1.3"]
#     iso27002: ["5.33", "8.15"]
#   example:
#     evidence:
#       - kind: evidence
#         id: EV-2026-0220
#         type: backup_restore_test
#         collected_at: "2026-11-10T09:00:00Z"
#         collected_by: dave
#         subject: [CI-0002]
#         result: pass
#         artifacts:
#           - {path: evidence/restore-tests/2026-11/db-01.log,
#              sha256: 5d41402abc4b2a76b9719d911017c592ae4e1bb7a34b8c6a41a1c6b4b8e1c2d3}
#     gate:
#       base: 0b8c7e1f5a2d4c6e8f0a1b3c5d7e9f1a2b4c6d8e
#       merge_base: 0b8c7e1f5a2d4c6e8f0a1b3c5d7e9f1a2b4c6d8e
#       head: 7d1e3f5a7b9c1d3e5f7a9b1c3d5e7f9a1b3c5d7e
#       author: null
#       author_email: null
#       files:
#         evidence/EV-2026-0220.yaml: {status: modified, from: null}
#         evidence/restore-tests/2026-11/db-01.log: {status: modified, from: null}
#       before:
#         evidence:
#           EV-2026-0220:
#             kind: evidence
#             id: EV-2026-0220
#             type: backup_restore_test
#             collected_at: "2026-11-10T09:00:00Z"
#             collected_by: dave
#             subject: [CI-0002]
#             result: fail
#             artifacts:
#               - {path: evidence/restore-tests/2026-11/db-01.log,
#                  sha256: 0a4d55a8d778e5022fab701977c5d840bbc486d0f1a2b3c4d5e6f708192a3b4c}
#             _path: evidence/EV-2026-0220.yaml
package security.evidence_append_only

import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

# The keys the engine adds to a record, which are not its content.
_engine_keys := ["_path", "_git"]

# What a request did to a file, for the statuses that change a committed one.
_touched := {"modified": "modifies", "deleted": "deletes"}

# Each manifest both at the merge base and at the head, as [head version,
# merge-base content, head content].
_kept contains [manifest, old, new] if {
	some id, before in input.gate.before.evidence
	manifest := input.records.evidence[id]
	old := object.remove(before, _engine_keys)
	new := object.remove(manifest, _engine_keys)
	old != new
}

# (a) A field other than artifacts edited.
violation contains finding if {
	some [manifest, old, new] in _kept
	some key in (object.keys(old) | object.keys(new))
	key != "artifacts"
	not _same(old, new, key)
	msg := sprintf("%s's manifest was edited in this request: %s", [manifest.id, _edit(key, old, new)])
	finding := findings.new(rego.metadata.chain(), "evidence", manifest, msg, [key])
}

# (a) An artifacts entry changed in place, other than by a move of its file.
violation contains finding if {
	some [manifest, old, new] in _kept
	some i, entry in _artifacts(new)
	was := _artifacts(old)[i]
	entry != was
	not _moved(was, entry)
	msg := sprintf(
		"%s's manifest was edited in this request: artifacts entry %d changed from %s to %s",
		[manifest.id, i, _describe(was), _describe(entry)],
	)
	finding := findings.new(rego.metadata.chain(), "evidence", manifest, msg, ["artifacts", i])
}

# (a) An artifacts entry added after those the manifest had.
violation contains finding if {
	some [manifest, old, new] in _kept
	some i, entry in _artifacts(new)
	i >= count(_artifacts(old))
	msg := sprintf(
		"%s's manifest was edited in this request: artifact %s was added to it",
		[manifest.id, _describe(entry)],
	)
	finding := findings.new(rego.metadata.chain(), "evidence", manifest, msg, ["artifacts", i])
}

# (a) An artifacts entry dropped from the end of the list.
violation contains finding if {
	some [manifest, old, new] in _kept
	some i, entry in _artifacts(old)
	i >= count(_artifacts(new))
	msg := sprintf(
		"%s's manifest was edited in this request: artifact %s was removed from it",
		[manifest.id, _describe(entry)],
	)
	finding := findings.new(rego.metadata.chain(), "evidence", manifest, msg, ["artifacts"])
}

# (a) The artifacts field itself added, removed or made something other than a
# list, with no entry to tell of.
violation contains finding if {
	some [manifest, old, new] in _kept
	not _same(old, new, "artifacts")
	_artifacts(old) == _artifacts(new)
	msg := sprintf("%s's manifest was edited in this request: %s", [manifest.id, _edit("artifacts", old, new)])
	finding := findings.new(rego.metadata.chain(), "evidence", manifest, msg, ["artifacts"])
}

# (b) A manifest deleted.
violation contains finding if {
	some id, before in input.gate.before.evidence
	not input.records.evidence[id]
	msg := sprintf("%s's manifest %s was deleted in this request", [id, object.get(before, "_path", "file")])
	finding := findings.new(rego.metadata.chain(), "evidence", before, msg, [])
}

# (c) A file the head manifest lists, modified or deleted.
violation contains finding if {
	some manifest in input.records.evidence
	some i, artifact in _artifacts(manifest)
	verb := _touched[input.gate.files[artifact.path].status]
	msg := sprintf("%s lists artifact %s, which this request %s", [manifest.id, artifact.path, verb])
	finding := findings.new(rego.metadata.chain(), "evidence", manifest, msg, ["artifacts", i, "path"])
}

# (c) A file only the merge-base manifest listed, modified or deleted: reported
# on the merge-base version when the manifest is gone, on the head version
# (which no longer lists it) when it is not.
violation contains finding if {
	some id, before in input.gate.before.evidence
	some i, artifact in _artifacts(before)
	not _lists(object.get(input.records.evidence, id, {}), artifact.path)
	verb := _touched[input.gate.files[artifact.path].status]
	record := object.get(input.records.evidence, id, before)
	msg := sprintf("%s listed artifact %s at the merge base, which this request %s", [id, artifact.path, verb])
	finding := findings.new(rego.metadata.chain(), "evidence", record, msg, _listed_at(id, i))
}

# A manifest's artifacts entries; empty when it has none.
_artifacts(manifest) := manifest.artifacts if is_array(manifest.artifacts)

else := []

# True when a manifest lists a path among its artifacts.
_lists(manifest, path) if {
	some artifact in _artifacts(manifest)
	artifact.path == path
}

# Where a finding about entry i of the merge-base manifest points: at the
# entry when the manifest is gone (its merge-base file), at the head
# manifest's artifacts when it is still there.
_listed_at(id, i) := ["artifacts"] if {
	input.records.evidence[id]
} else := ["artifacts", i, "path"]

# True when an entry differs from the one it replaces only by its path, and
# the request renamed the file from the old path to the new one.
_moved(was, entry) if {
	object.remove(was, ["path"]) == object.remove(entry, ["path"])
	input.gate.files[entry.path].status == "renamed"
	input.gate.files[entry.path].from == was.path
}

# An artifacts entry for messages: its path and the start of its hash.
_describe(entry) := sprintf(
	"%s (sha256 %s...)",
	[object.get(entry, "path", "no path"), substring(object.get(entry, "sha256", ""), 0, 12)],
)

# True when a field is present in both versions with the same value.
_same(old, new, key) if old[key] == new[key]

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
