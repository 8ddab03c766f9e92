# METADATA
# title: Settings
# description: >-
#   Reading the values of configuration items' baseline and settings maps (and
#   of baseline settings in regent.yaml) in every encoding YAML gives them;
#   reads nothing but its arguments.
package lib.settings

# METADATA
# scope: document
# description: >-
#   The number a setting value stands for: a number, or a string that spells
#   one (YAML reads an unquoted 1.2 as a number and a quoted "1.2" as a
#   string); undefined for anything else.
number(v) := v if is_number(v)

number(v) := to_number(trim_space(v)) if {
	is_string(v)
	regex.match(`^\s*[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)\s*$`, v)
}

# METADATA
# scope: document
# description: >-
#   True when two setting values say the same: equal, or a number and a
#   string that spells the same number ("1.2" and 1.2, "12" and 12).
same(a, b) if a == b

same(a, b) if {
	a != b
	number(a) == number(b)
}
