# METADATA
# title: Critical vulnerabilities left open on a production system
# description: >-
#   Critical vulnerabilities on production systems must be fixed within a set
#   number of days of being found. The check flags an active production
#   configuration item for which a vulnerability_scan collected more than the
#   configured number of days before the scan reported details.critical_open
#   above zero, and no later scan of the item reports zero: its latest scan
#   still shows criticals open, and they have been open since that earlier scan.
# custom:
#   id: REG-SEC-010
#   severity: critical
#   remediation: >-
#     Fix or mitigate the critical vulnerabilities through a change, rescan the
#     item, and record the scan as vulnerability_scan evidence showing
#     details.critical_open of zero; if a fix must wait, record a waiver with
#     the accepted risk and its expiry.
#   kinds: [configuration_item, evidence]
#   evidence: [vulnerability_scan]
#   config: [thresholds.critical_vulnerability_days]
#   controls:
#     cobit4: [DS5.5, DS5.9]
#     cobit2019: [DSS05.07, DSS05.01]
#     iso20000: ["8.7.3.2"]
#     iso17799: ["12.6.1"]
#     iso27002: ["8.8"]
#   example:
#     configuration_item:
#       - {kind: configuration_item, id: CI-0100, name: shop-web-01, type: server, owner: dave,
#          environment: production, status: active}
#     evidence:
#       - {kind: evidence, id: EV-2026-0200, type: vulnerability_scan, collected_at: "2026-10-20T09:00:00Z",
#          collected_by: dave, subject: [CI-0100], result: fail, details: {critical_open: 2}}
package security.critical_vulnerabilities_open

import data.lib.dates
import data.lib.environments
import data.lib.evidence
import data.lib.findings
import data.lib.text

meta := findings.metadata(rego.metadata.chain())

_limit := input.config.thresholds.critical_vulnerability_days

# The subjects of scans that found critical vulnerabilities open more than the
# limit ago: only these can be in breach, so only they are looked at closely.
_suspects contains subject if {
	ref := dates.reference_ns(input)
	some e in object.get(evidence.by_type, "vulnerability_scan", [])
	is_number(e.details.critical_open)
	e.details.critical_open > 0
	dates.older_than(e.collected_at, _limit, ref)
	some subject in e.subject
}

# The vulnerability scans among some manifests that count the open critical
# vulnerabilities, as [collected ns, manifest].
_scans(manifests) := [[n, e] |
	some e in manifests
	e.type == "vulnerability_scan"
	is_number(e.details.critical_open)
	e.details.critical_open >= 0
	n := dates.ns(e.collected_at)
]

# The ns of the latest of some scans showing no critical vulnerability open; 0
# when there is none.
_last_clear(scans) := n if {
	n := max({s[0] | some s in scans; s[1].details.critical_open == 0})
} else := 0

# The manifest of the earliest and of the latest of some scans.
_first(scans) := [s[1] | some s in scans; s[0] == n][0] if {
	n := min({s[0] | some s in scans})
}

_latest(scans) := [s[1] | some s in scans; s[0] == n][0] if {
	n := max({s[0] | some s in scans})
}

# What an item's scans show, for messages: since when criticals have been open
# and, when a later scan still reports them, what that scan reports.
_message(id, since, latest) := sprintf(
	"%s has had %s open since its vulnerability scan %s at %s, more than %v days ago",
	[id, _criticals(since.details.critical_open), since.id, since.collected_at, _limit],
) if {
	since.id == latest.id
} else := sprintf(
	"%s has had critical vulnerabilities open since its vulnerability scan %s at %s, more than %v days ago; %s",
	[id, since.id, since.collected_at, _limit, _still_open(latest)],
)

_criticals(n) := text.count_of(n, "critical vulnerability", "critical vulnerabilities")

_still_open(latest) := sprintf(
	"its latest scan, %s at %s, still reports %v",
	[latest.id, latest.collected_at, latest.details.critical_open],
)

violation contains finding if {
	some id in _suspects
	ci := input.records.configuration_item[id]
	ci.status == "active"
	environments.production(ci)

	# Every manifest naming the item. This walks all the evidence, which is
	# affordable because only the few suspects get this far.
	manifests := [e | some e in input.records.evidence; some subject in e.subject; subject == id]
	scans := _scans(manifests)

	# The scans after the last one that showed none open all show some open.
	clear := _last_clear(scans)
	open := [s | some s in scans; s[0] > clear]
	since := _first(open)
	dates.older_than(since.collected_at, _limit, dates.reference_ns(input))
	msg := _message(id, since, _latest(open))
	finding := findings.new(rego.metadata.chain(), "configuration_item", ci, msg, [])
}
