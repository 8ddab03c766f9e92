package lib.incidents_test

import data.lib.fixtures_test as fx
import data.lib.incidents

test_pass_link_from_either_record if {
	problem := fx.patch(fx.problem, {"incidents": ["INC-2026-0001"]})
	links := incidents.problem_links with input as fx.world_with({"problem": [problem]})
	links == {["INC-2026-0001", "PRB-2026-0003"], ["INC-2026-0007", "PRB-2026-0003"]}
}

test_fail_no_link_to_a_problem_without_record if {
	incident := fx.patch(fx.incident, {"problem": "PRB-2026-0404"})
	found := incidents.investigated with input as fx.world_with({"incident": [incident]})
		with input.records.problem as {}
	found == set()
}
