# METADATA
# title: Releases
# description: Facts about release records shared by the release checks; reads nothing but its arguments.
package lib.releases

import data.lib.environments

# METADATA
# description: >-
#   True when a release has been deployed: its status is deployed, or
#   rolled_back (it was deployed, then withdrawn).
deployed(release) if release.status in {"deployed", "rolled_back"}

# METADATA
# description: >-
#   True when a release was deployed to production (see
#   lib.environments.production: a release naming no environment counts).
deployed_to_production(release) if {
	deployed(release)
	environments.production(release)
}
