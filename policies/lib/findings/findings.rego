# METADATA
# title: Findings
# description: Builds check metadata and findings from a rule's annotation chain.
package lib.findings

# METADATA
# description: >-
#   The annotations of the nearest link in a rego.metadata.chain() result
#   that carries a custom.id; undefined when no link has one.
_annotation(chain) := chain[i].annotations if {
	i := min({j | some j, link in chain; link.annotations.custom.id})
}

# METADATA
# description: >-
#   A check's metadata from rego.metadata.chain(): id, title, description,
#   severity, remediation, kinds, config (the input.config settings it reads,
#   as dotted paths), evidence (the evidence types whose manifests it judges),
#   controls, and example (records, by kind, that it flags). Title and
#   description come from the nearest annotation with a custom.id, the rest
#   from its custom block. A key the annotation lacks is empty, so a gap shows
#   rather than the check vanishing. A check whose custom block says
#   rejects_waivers: true also carries that key: its failing finding on a
#   waiver means the waiver accepts nothing, and the engine waives nothing
#   with it.
metadata(chain) := object.union(_base(ann), _rejects(ann)) if {
	ann := _annotation(chain)
}

_rejects(ann) := {"rejects_waivers": true} if {
	ann.custom.rejects_waivers == true
} else := {}

_base(ann) := {
	"id": ann.custom.id,
	"title": object.get(ann, "title", ""),
	"description": object.get(ann, "description", ""),
	"severity": object.get(ann.custom, "severity", ""),
	"remediation": object.get(ann.custom, "remediation", ""),
	"kinds": object.get(ann.custom, "kinds", []),
	"evidence": object.get(ann.custom, "evidence", []),
	"config": object.get(ann.custom, "config", []),
	"controls": object.get(ann.custom, "controls", {}),
	"example": object.get(ann.custom, "example", {}),
}

# METADATA
# description: >-
#   A finding about one record: the check id from the annotation chain, the
#   record's kind and id, a message, and the path of the field inside the
#   record that the finding is about ([] for the whole record).
new(chain, kind, record, message, field) := {
	"check": _annotation(chain).custom.id,
	"kind": kind,
	"id": record.id,
	"message": message,
	"field": field,
}
