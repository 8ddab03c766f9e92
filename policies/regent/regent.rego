# METADATA
# title: Regent
# description: >-
#   Collects every check under the cobit, iso20000, security and custom roots
#   for the single query Regent makes: checks maps each check id to its
#   metadata, and violations holds every finding of every check.
package regent

# METADATA
# description: Check id to metadata (id, title, description, severity, remediation, kinds, controls).
checks[meta.id] := meta if {
	meta := data.cobit[_].meta
}

checks[meta.id] := meta if {
	meta := data.iso20000[_].meta
}

checks[meta.id] := meta if {
	meta := data.security[_].meta
}

checks[meta.id] := object.union(meta, {"origin": "custom"}) if {
	meta := data.custom[_].meta
}

# METADATA
# description: Every finding of every check, each {check, kind, id, message, field}.
violations contains finding if {
	some finding in data.cobit[_].violation
}

violations contains finding if {
	some finding in data.iso20000[_].violation
}

violations contains finding if {
	some finding in data.security[_].violation
}

violations contains finding if {
	some finding in data.custom[_].violation
}
