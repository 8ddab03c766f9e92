package lib.settings_test

import data.lib.settings

test_pass_same_across_number_and_string if {
	settings.same("1.2", 1.2)
	settings.same(1.2, "1.2")
	settings.same(12, "12")
	settings.same("1.0", 1)
	settings.same(true, true)
	settings.same({"a": 1}, {"a": 1})
}

test_fail_different_values if {
	not settings.same("1.2", 1.3)
	not settings.same("1.2", "1.20.1")
	not settings.same("TLSv1.2", 1.2)
	not settings.same(true, "true")
	not settings.same(null, 0)
}

test_pass_number if {
	settings.number(14) == 14
	settings.number(" 14 ") == 14
	settings.number("1.2") == 1.2
	not settings.number("fourteen")
	not settings.number(null)
}
