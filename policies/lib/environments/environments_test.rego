package lib.environments_test

import data.lib.environments

test_pass_production if {
	environments.production({"environment": "production"})
	environments.production({"environment": "Production"})
	environments.production({"id": "REL-1"})
	environments.production({"environment": null})
}

test_fail_other_environments if {
	every env in ["staging", "test", "development", "prod-like"] {
		not environments.production({"environment": env})
	}
}

test_named_production_in_any_case if {
	environments.named_production("Production")
	environments.named_production("PRODUCTION")
	not environments.named_production("pre-production")
	not environments.named_production(null)
}
