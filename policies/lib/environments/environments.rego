# METADATA
# title: Environments
# description: >-
#   What "production" means for the records that name an environment
#   (configuration items and releases); reads nothing but its arguments.
package lib.environments

# METADATA
# scope: document
# description: >-
#   True when a configuration item or a release belongs to production: its
#   environment is production (in any letter case), or it names none. A
#   configuration item must name its environment (the schema requires it); a
#   release is, by the contract, what is promoted to production, so a release
#   that names no environment is taken as a production release and only one
#   that names another environment (staging, test...) is left out.
production(record) if named_production(object.get(record, "environment", "production"))

production(record) if object.get(record, "environment", "production") == null

# METADATA
# description: >-
#   True when an environment name is production, in any letter case
#   (Production, PRODUCTION): one meaning of the word for every check that
#   reads an environment, on any record.
named_production(name) if {
	is_string(name)
	lower(name) == "production"
}
