# METADATA
# title: Record dated after the commit that recorded it
# description: >-
#   A record cannot tell of something that had not yet happened when it was
#   committed. The check flags each timestamp of a past event (a change's
#   creation, an approval, an implementation, a review, a closure, an
#   acceptance, a deployment, an incident or problem being opened, resolved or
#   closed, evidence being collected, a report being reviewed, a waiver being
#   approved) that is later than the commit that recorded it, by more than the
#   allowed clock skew: either the commit was backdated or the record was
#   written ahead of the facts. Planned dates are not judged, nor values only
#   in the work tree, nor commits at the edge of a shallow clone.
# custom:
#   id: REG-SEC-021
#   severity: medium
#   remediation: >-
#     Find out whether the event took place when the record says. If the record
#     was written in advance, correct it to what happened and when; if the
#     commit's date is wrong, fix the committer's clock and have the record
#     reviewed. Raise commit_clock_skew_minutes only for clocks known to drift.
#   kinds: [change, release, incident, problem, evidence, service_report, waiver]
#   config: ["thresholds.commit_clock_skew_minutes"]
#   controls:
#     cobit4: [DS11.6, DS13.3]
#     cobit2019: [DSS01.03, DSS06.05]
#     iso20000: ["7.5"]
#     iso17799: ["10.10.3", "10.10.6", "15.1.3"]
#     iso27002: ["5.33", "8.15", "8.17"]
#   example:
#     change:
#       - kind: change
#         id: CHG-2026-0104
#         title: Rotate the payment gateway API key
#         type: normal
#         status: approved
#         requested_by: alice
#         created: "2026-11-02T09:00:00Z"
#         approvals:
#           - {by: carol, role: cab, decision: approved, at: "2026-11-05T10:00:00Z"}
#         _git:
#           created: 5c2e8f1a9b3d7c4e6f0a1b2c3d4e5f60718293a4
#           last: 5c2e8f1a9b3d7c4e6f0a1b2c3d4e5f60718293a4
#           commits: 1
#     git:
#       revision: 5c2e8f1a9b3d7c4e6f0a1b2c3d4e5f60718293a4
#       shallow: false
#       commits:
#         5c2e8f1a9b3d7c4e6f0a1b2c3d4e5f60718293a4:
#           author: Carol
#           email: carol@example.com
#           person: carol
#           authored: "2026-11-02T09:05:00Z"
#           committed: "2026-11-02T09:05:00Z"
#           authored_ns: 1793610300000000000
#           committed_ns: 1793610300000000000
#           order: 0
#           signature: none
#           signer: ""
#           boundary: false
package security.record_dated_after_commit

import data.lib.dates
import data.lib.findings
import data.lib.git

meta := findings.metadata(rego.metadata.chain())

# The timestamps, by kind, of events that have taken place (not planned ones),
# as paths into the record; approvals are judged entry by entry below.
_stamps := {
	"change": [
		["created"], ["implementation", "started"], ["implementation", "completed"],
		["review", "at"], ["closure", "at"],
	],
	"release": [["acceptance", "at"], ["deployed", "at"]],
	"incident": [["opened"], ["resolved"], ["closed"]],
	"problem": [["opened"], ["resolved"]],
	"evidence": [["collected_at"]],
	"service_report": [["reviewed_at"]],
	"waiver": [["approved_at"]],
}

# How far, in ns, a timestamp may run ahead of its commit before it counts.
_skew_ns := input.config.thresholds.commit_clock_skew_minutes * 60000000000

# True when a timestamp or date names a moment past a commit's limit. The
# usual forms are compared as text, which orders them as time does: a date
# (its start, UTC) against the limit's day, a whole-second UTC timestamp
# against the limit written the same way. Only other forms (offsets,
# fractions of a second) are parsed: a large scan has a million values.
_late(value, sha) if {
	count(value) == 10
	value > substring(_limit_texts[sha], 0, 10)
}

_late(value, sha) if {
	count(value) == 20
	endswith(value, "Z")
	value > _limit_texts[sha]
}

_late(value, sha) if {
	not _text_form(value)
	dates.ns(value) > _limits[sha]
}

# True for the forms that compare as text: YYYY-MM-DD and YYYY-MM-DDThh:mm:ssZ.
_text_form(value) if count(value) == 10

_text_form(value) if {
	count(value) == 20
	endswith(value, "Z")
}

# The latest instant, in ns, that a value recorded by a judged commit may
# name (its commit time plus the skew), by sha. Built whole once and then
# looked up for each timestamp, which a large scan runs faster than a partial
# object rule evaluated key by key.
# regal ignore:prefer-set-or-object-rule
_limits := {sha: limit | some sha, c in input.git.commits; git.judged(sha); limit := c.committed_ns + _skew_ns}

# The limit of each sha of _limits as a whole-second UTC timestamp.
# regal ignore:prefer-set-or-object-rule
_limit_texts := {sha: text |
	some sha, limit in _limits
	text := time.format([limit, "UTC", "2006-01-02T15:04:05Z07:00"])
}

# For each sha of _limits, a date (YYYY-MM-DD, UTC) before which no value can
# pass the limit: a day before the limit's own day, since a value's written
# date may lag its instant by up to a day (offsets run to -12:00). A value
# that sorts below it as a string is on time without a closer look, which is
# most values of a large scan.
# regal ignore:prefer-set-or-object-rule
_cutoffs := {sha: day |
	some sha, limit in _limits
	day := substring(time.format([limit - 86400000000000, "UTC", "2006-01-02"]), 0, 10)
}

violation contains finding if {
	some kind, paths in _stamps
	some r in input.records[kind]
	facts := r[git.key]
	is_string(facts.created)

	# git.field_recorded(r, path[0]), with the record's facts read once rather
	# than once per timestamp: the call per timestamp dominated a large scan.
	# A nested timestamp was recorded with its top-level field.
	fields := object.get(facts, "fields", {})
	some path in paths
	value := object.get(r, path, null)
	is_string(value)
	sha := object.get(fields, path[0], facts.created)
	value >= _cutoffs[sha]
	_late(value, sha)
	msg := sprintf(
		"%s's %s is dated %s, after %s recorded it at %s",
		[r.id, concat(".", path), value, git.describe(sha), input.git.commits[sha].committed],
	)
	finding := findings.new(rego.metadata.chain(), kind, r, msg, path)
}

violation contains finding if {
	some kind in ["change", "release"]
	some r in input.records[kind]
	git.committed(r)
	some i, approval in r.approvals
	is_string(approval.at)
	sha := git.approval_recorded(r, i)
	approval.at >= _cutoffs[sha]
	_late(approval.at, sha)
	msg := sprintf(
		"%s's approval by %v is dated %s, after %s recorded it at %s",
		[r.id, object.get(approval, "by", "someone"), approval.at, git.describe(sha), input.git.commits[sha].committed],
	)
	finding := findings.new(rego.metadata.chain(), kind, r, msg, ["approvals", i, "at"])
}
