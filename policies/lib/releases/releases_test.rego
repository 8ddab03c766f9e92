package lib.releases_test

import data.lib.releases

test_pass_deployed if {
	releases.deployed({"status": "deployed"})
	releases.deployed({"status": "rolled_back"})
	not releases.deployed({"status": "approved"})
	not releases.deployed({})
}

test_pass_deployed_to_production if {
	releases.deployed_to_production({"status": "deployed", "environment": "production"})
	releases.deployed_to_production({"status": "rolled_back"})
	not releases.deployed_to_production({"status": "deployed", "environment": "staging"})
	not releases.deployed_to_production({"status": "tested", "environment": "production"})
}
