# METADATA
# title: Regent
# description: >-
#   Collects every check under the cobit, iso20000, security and custom roots
#   for the single query Regent makes: checks maps each check id to its
#   metadata, and violations holds every finding of every check.
# entrypoint: true
package regent

# METADATA
# scope: document
# description: >-
#   Check id to metadata (id, title, description, severity, remediation, kinds,
#   evidence, config, controls, example).
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
	meta := data.custom[_].meta # regal ignore:unresolved-reference
}

# METADATA
# scope: document
# description: Every finding of every check, each {check, kind, id, message, field}.
violations contains finding if {
	# data.<root>[_].violation asks each package for its violation rule alone;
	# iterating the packages whole (some check in data.cobit) would evaluate
	# every rule of every package, test packages included: many times slower.
	# regal ignore:mixed-iteration
	some finding in data.cobit[_].violation
}

violations contains finding if {
	# regal ignore:mixed-iteration
	some finding in data.iso20000[_].violation
}

violations contains finding if {
	# regal ignore:mixed-iteration
	some finding in data.security[_].violation
}

violations contains finding if {
	# regal ignore:mixed-iteration,unresolved-reference
	some finding in data.custom[_].violation
}
