package lib.text_test

import data.lib.text

test_pass_written if {
	text.written("Restart the broker")
	not text.written("  \n\t")
	not text.written("")
	not text.written(null)
	not text.written(["a"])
}

test_pass_count_of if {
	text.count_of(1, "day", "days") == "1 day"
	text.count_of(0, "day", "days") == "0 days"
	text.count_of(3, "vulnerability", "vulnerabilities") == "3 vulnerabilities"
}

test_pass_has_text if {
	text.has_text({"root_cause": "Pool too small"}, "root_cause")
	not text.has_text({"root_cause": " "}, "root_cause")
	not text.has_text({}, "root_cause")
}
