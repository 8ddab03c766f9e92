# METADATA
# title: Verification, review or collection dated in the future
# description: >-
#   A record can only say that a check was done once it has been done. The
#   check flags each verification, review or collection date that falls on a
#   local day (the organisation's time zone) after the scan's day, and each
#   such date written without a time that falls on a day after the commit that
#   recorded it (its time plus the allowed clock skew): a configuration item's
#   last_verified, a supplier's last_review, a change's review.at, a service
#   report's reviewed_at and an evidence manifest's collected_at. Such a date
#   would keep an age check satisfied for a period no one has looked at. Days,
#   not instants, are compared, so a live scan and an as-of report for the
#   same day agree and a clock running a little fast the same day is not
#   flagged. A timestamp later than its commit is REG-SEC-021's finding.
#   Planned dates (schedules, due dates, expiries) are not judged.
# custom:
#   id: REG-GOV-005
#   severity: medium
#   remediation: >-
#     Find out when the verification, review or collection actually took
#     place and correct the date to it; if it has not taken place, remove the
#     date until it has.
#   kinds: [configuration_item, supplier, change, service_report, evidence]
#   config: ["thresholds.commit_clock_skew_minutes"]
#   controls:
#     cobit4: [ME2.1]
#     cobit2019: [MEA02.01]
#     iso20000: ["7.5"]
#     iso17799: ["15.1.3"]
#     iso27002: ["5.33"]
#   example:
#     configuration_item:
#       - {kind: configuration_item, id: CI-0010, name: web-02, type: server, owner: dave,
#          environment: production, status: active, last_verified: "2027-03-02"}
package cobit.future_dated

import data.lib.dates
import data.lib.findings
import data.lib.git

meta := findings.metadata(rego.metadata.chain())

# The dates judged, as [kind, path, what the date says was done].
_fields := [
	["configuration_item", ["last_verified"], "was last verified"],
	["supplier", ["last_review"], "was last reviewed"],
	["change", ["review", "at"], "was reviewed"],
	["service_report", ["reviewed_at"], "was reviewed"],
	["evidence", ["collected_at"], "was collected"],
]

# How far, in ns, a record's time may run ahead of its commit's.
_skew_ns := object.get(input, ["config", "thresholds", "commit_clock_skew_minutes"], 0) * 60000000000

violation contains finding if {
	today := dates.today(input)
	some [kind, path, done] in _fields
	some record in input.records[kind]
	value := object.get(record, path, null)
	_candidate(value)
	day := dates.day_of(value)
	[limit, why] := _limit(record, path[0], value, today)
	day > limit
	msg := sprintf("%s %s %s, after %s", [record.id, done, _when(value), why])
	finding := findings.new(rego.metadata.chain(), kind, record, msg, path)
}

# The day before the scan's day: a timestamp written with a date before it
# cannot fall on a local day after the scan's (offsets move a day by one at
# most), so most timestamps of a large scan are settled by comparing text.
_floor := dates.add_days(dates.today(input), -1)

# True for a value worth parsing: a date (which may be judged against its
# commit's day), or a timestamp written on or after _floor.
_candidate(value) if count(value) == 10

_candidate(value) if {
	count(value) > 10
	substring(value, 0, 10) >= _floor
}

# The latest local day a value may name, and how a message names it: for a
# date (no time) recorded by a judged commit before the scan's day, the local
# day of that commit's time plus the skew; otherwise the scan's day.
_limit(record, field, value, today) := [day, sprintf("%s, the day commit %s recorded it", [day, short])] if {
	dates.date_ns(value)
	sha := git.field_recorded(record, field)
	git.judged(sha)
	short := substring(sha, 0, 12)
	day := dates.local_date(git.commit(sha).committed_ns + _skew_ns)
	day < today
} else := [today, sprintf("%s, the day of the scan", [today])]

# A date reads "on DATE", a timestamp "at TIMESTAMP".
_when(value) := sprintf("on %s", [value]) if dates.date_ns(value)

else := sprintf("at %s", [value])
