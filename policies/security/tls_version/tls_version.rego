# METADATA
# title: Production system accepting TLS below the baseline
# description: >-
#   Systems of the types the security baseline covers must refuse protocol
#   versions older than the baseline's minimum TLS version. The check flags an
#   active production configuration item of a baseline type whose observed
#   settings.tls_min_version is missing, is not a version it knows (1.0 to
#   1.3), or is lower than the baseline's.
# custom:
#   id: REG-SEC-006
#   severity: high
#   remediation: >-
#     Configure the item to refuse TLS versions below the baseline minimum,
#     then record the observed setting (settings.tls_min_version) from the
#     next configuration scan.
#   kinds: [configuration_item]
#   config: [baseline.types, baseline.tls_min_version]
#   controls:
#     cobit4: [DS5.11, DS5.10]
#     cobit2019: [DSS05.02]
#     iso20000: ["8.7.3.2"]
#     iso27002: ["8.24", "8.20"]
#   example:
#     configuration_item:
#       - {kind: configuration_item, id: CI-0100, name: shop-web-01, type: server, owner: dave,
#          environment: production, status: active, settings: {tls_min_version: "1.0"}}
package security.tls_version

import data.lib.environments
import data.lib.findings
import data.lib.settings

meta := findings.metadata(rego.metadata.chain())

# The TLS versions, oldest first, and each one's place in that order.
_versions := ["1.0", "1.1", "1.2", "1.3"]

# The place of a version in that order, whether written as a string or, as
# YAML reads an unquoted 1.2, a number (lib.settings.same); undefined for
# anything else.
_rank(v) := i if {
	some i, known in _versions
	settings.same(known, v)
}

_baseline := input.config.baseline.tls_min_version

# An observed setting as a version string: YAML reads an unquoted 1.2 as a number.
_version(v) := v if {
	is_string(v)
} else := sprintf("%.1f", [v]) if {
	is_number(v)
} else := sprintf("%v", [v])

# The active production items of the types the baseline covers.
_in_scope contains ci if {
	some ci in input.records.configuration_item
	ci.status == "active"
	environments.production(ci)
	ci.type in input.config.baseline.types
}

violation contains finding if {
	some ci in _in_scope
	object.get(ci, ["settings", "tls_min_version"], null) == null
	msg := sprintf(
		"%s is a production %s with no observed settings.tls_min_version (baseline %v)",
		[ci.id, ci.type, _baseline],
	)
	finding := findings.new(rego.metadata.chain(), "configuration_item", ci, msg, ["settings", "tls_min_version"])
}

violation contains finding if {
	some ci in _in_scope
	ci.settings.tls_min_version != null
	not _rank(ci.settings.tls_min_version)
	observed := _version(ci.settings.tls_min_version)
	msg := sprintf(
		"%s is a production %s whose settings.tls_min_version %s is not one of %s (baseline %v)",
		[ci.id, ci.type, observed, concat(", ", _versions), _baseline],
	)
	finding := findings.new(rego.metadata.chain(), "configuration_item", ci, msg, ["settings", "tls_min_version"])
}

violation contains finding if {
	some ci in _in_scope
	ci.settings.tls_min_version != null
	_rank(ci.settings.tls_min_version) < _rank(_baseline)
	observed := _version(ci.settings.tls_min_version)
	msg := sprintf(
		"%s is a production %s accepting TLS %s, below the baseline minimum of %s",
		[ci.id, ci.type, observed, _version(_baseline)],
	)
	finding := findings.new(rego.metadata.chain(), "configuration_item", ci, msg, ["settings", "tls_min_version"])
}
