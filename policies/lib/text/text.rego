# METADATA
# title: Text
# description: Tests on the text fields of records; reads nothing but its arguments.
package lib.text

# METADATA
# description: True when a value is a string with something other than white space in it.
written(x) if {
	is_string(x)
	trim_space(x) != ""
}

# METADATA
# scope: document
# description: A count with its noun, singular or plural as the number needs ("1 day", "3 days").
count_of(1, singular, _) := sprintf("1 %s", [singular])

count_of(n, _, plural) := sprintf("%v %s", [n, plural]) if n != 1

# METADATA
# description: True when a record's top-level field holds written text.
has_text(record, field) if written(object.get(record, field, null))
