# METADATA
# title: Normal change carried out without sound test evidence
# description: >-
#   A normal change should be shown to work, in a test environment, before it
#   is carried out. The check flags an implemented normal change with no test
#   evidence, and each evidence id it lists that has no record, is not a test
#   report, did not pass, was collected in production (in any letter case),
#   was collected after
#   the implementation started, or is a report whose subject names other
#   changes and not this one. Either record may state the link: a change that
#   lists no test evidence is tested when a test report naming it in its
#   subject passed outside production before the implementation started. A
#   listed report whose subject names no change at all (only configuration
#   items, services or systems, as records.md describes subject) is taken as
#   the change's, since the change names it.
# custom:
#   id: REG-CHG-011
#   severity: medium
#   remediation: >-
#     Test the change outside production before it goes ahead, keep the test
#     report as an evidence record of type test_report with its result and
#     environment, and list its id in the change's test_evidence.
#   kinds: [change, evidence]
#   evidence: [test_report]
#   config: []
#   controls:
#     cobit4: [AI7.4, AI7.6, AI7.7]
#     cobit2019: [BAI07.04, BAI07.05]
#     iso20000: ["8.5.1.3", "8.5.3"]
#     iso17799: ["10.1.4", "10.3.2", "12.5.2"]
#     iso27002: ["8.29", "8.31"]
#   example:
#     change:
#       - {kind: change, id: CHG-2026-0101, title: Upgrade the payment library, type: normal,
#          status: implemented, requested_by: alice, created: "2026-11-02T09:00:00Z", risk: medium,
#          impact: low, implementer: bob,
#          implementation: {started: "2026-11-10T21:00:00Z", completed: "2026-11-10T22:00:00Z", by: bob}}
package cobit.change_test_evidence

import data.lib.changes
import data.lib.dates
import data.lib.environments
import data.lib.evidence
import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

# The normal changes that have been carried out: the only ones judged here.
_implemented := [change |
	some change in changes.of_type.normal
	changes.implemented(change)
]

# Every evidence id listed by an implemented normal change that has a record,
# as [change, list index, manifest].
_listed := [[change, i, manifest] |
	some change in _implemented
	some i, id in change.test_evidence
	manifest := input.records.evidence[id]
]

# The test reports among them, the only manifests judged on their content.
_reports := [item | some item in _listed; item[2].type == "test_report"]

# How a manifest's result reads in a message when it is not a pass.
_result_phrase(manifest) := sprintf("whose result is %v", [manifest.result]) if {
	is_string(manifest.result)
} else := "which records no result"

# The test reports whose subject names a change, as [change id, manifest]:
# the other record that may state a change's test evidence.
_naming contains [subject, e] if {
	some e in object.get(evidence.by_type, "test_report", [])
	some subject in object.get(e, "subject", [])
	startswith(subject, "CHG-")
}

# True when a test report would pass every test below for a change: passed,
# not collected in production, and collected no later than the start of the
# implementation when that is recorded.
_sound(change, manifest) if {
	evidence.passed(manifest)
	not environments.named_production(object.get(manifest, ["details", "environment"], null))
	not dates.ns(manifest.collected_at) > dates.ns(object.get(change, ["implementation", "started"], null))
}

# The ids of the test reports naming a change in their subject.
_named(change) := sort([e.id | some [id, e] in _naming; id == change.id])

# True when some test report naming a change in its subject is sound for it.
_tested_by_naming(change) if {
	some [id, e] in _naming
	id == change.id
	_sound(change, e)
}

# How the test reports naming a change read in a message when none is sound.
_naming_phrase(ids) := msg if {
	count(ids) > 0
	msg := sprintf(
		"; the test reports naming it (%s) did not pass outside production before its implementation",
		[concat(", ", ids)],
	)
} else := ""

# A change that lists no test evidence is still tested when a sound test
# report names it in its subject: either record may state the link.
violation contains finding if {
	some change in _implemented
	not changes.filled(object.get(change, "test_evidence", null))
	not _tested_by_naming(change)
	ids := _named(change)
	msg := sprintf(
		"%s %s with no test evidence on record%s",
		[change.id, changes.how_implemented(change), _naming_phrase(ids)],
	)
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["test_evidence"])
}

# A listed report about other changes and not this one is not this change's test.
violation contains finding if {
	some [change, i, manifest] in _reports
	subject := object.get(manifest, "subject", [])
	not change.id in subject
	others := sort([s | some s in subject; startswith(s, "CHG-")])
	count(others) > 0
	msg := sprintf(
		"%s lists test report %s, whose subject names %s and not this change",
		[change.id, manifest.id, concat(", ", others)],
	)
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["test_evidence", i])
}

violation contains finding if {
	some change in _implemented
	some i, id in change.test_evidence
	not input.records.evidence[id]
	msg := sprintf("%s lists test evidence %v, which has no record", [change.id, id])
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["test_evidence", i])
}

violation contains finding if {
	some [change, i, manifest] in _listed
	manifest.type != "test_report"
	msg := sprintf(
		"%s lists %s as test evidence, but it is evidence of type %v, not test_report",
		[change.id, manifest.id, manifest.type],
	)
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["test_evidence", i])
}

violation contains finding if {
	some [change, i, manifest] in _reports
	not evidence.passed(manifest)
	msg := sprintf("%s lists test report %s, %s", [change.id, manifest.id, _result_phrase(manifest)])
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["test_evidence", i])
}

violation contains finding if {
	some [change, i, manifest] in _reports
	environments.named_production(manifest.details.environment)
	msg := sprintf(
		"%s lists test report %s, which was collected in production rather than a test environment",
		[change.id, manifest.id],
	)
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["test_evidence", i])
}

violation contains finding if {
	some [change, i, manifest] in _reports
	dates.ns(manifest.collected_at) > dates.ns(change.implementation.started)
	msg := sprintf(
		"%s lists test report %s, collected at %s, after implementation started at %s",
		[change.id, manifest.id, manifest.collected_at, change.implementation.started],
	)
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["test_evidence", i])
}
