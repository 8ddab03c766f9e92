# METADATA
# title: Dates
# description: Parsing of timestamps and dates, and day arithmetic, without reading the clock.
package lib.dates

# METADATA
# description: Nanoseconds in one day.
day_ns := 86400000000000

# METADATA
# description: >-
#   Nanoseconds since the epoch of an RFC 3339 timestamp string; undefined for
#   anything else. RFC 3339 allows the letters T and Z in either case
#   (2026-10-07t20:00:00z), which OPA's parser refuses: they are read upper
#   case. Every timestamp a policy reads is parsed here (or in not_after). A
#   missing, null or non-string value is undefined in every mode. A string
#   that does not parse is undefined under OPA's default handling of built-in
#   errors (only strict built-in errors make it an error); the record schemas
#   check the shape of every timestamp before the policies see a record, so
#   that case does not arise in a scan.
ns(ts) := time.parse_rfc3339_ns(upper(ts)) if is_string(ts)

# METADATA
# description: >-
#   True when RFC 3339 timestamp a is no later than timestamp b, read as ns
#   reads them; undefined when either is not a timestamp. One call where comparing two ns
#   results takes three, which counts where a check compares timestamps of
#   every change.
not_after(a, b) if {
	is_string(a)
	is_string(b)
	time.parse_rfc3339_ns(upper(a)) <= time.parse_rfc3339_ns(upper(b))
}

# METADATA
# description: >-
#   Nanoseconds since the epoch of midnight UTC on a YYYY-MM-DD date string;
#   undefined for anything else, even with strict built-in errors, since the
#   shape is checked before parsing (dates are read rarely, unlike timestamps).
date_ns(d) := time.parse_ns("2006-01-02", d) if {
	is_string(d)
	regex.match(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`, d)
}

# METADATA
# description: A number of days in nanoseconds.
days(n) := n * day_ns

# METADATA
# description: Whole days from instant a to instant b (both in ns), rounded up; negative when b is before a.
days_between(a, b) := ceil((b - a) / day_ns)

# METADATA
# description: The YYYY-MM-DD date, in UTC, of an instant given in ns; undefined if it is not a number.
date_of(n) := time.format([n, "UTC", "2006-01-02"]) if is_number(n)

# METADATA
# description: >-
#   The scan's "now" in ns, from an input document: its reference_ns when that
#   is a number, otherwise its reference_time parsed as RFC 3339.
reference_ns(doc) := doc.reference_ns if {
	is_number(doc.reference_ns)
} else := ns(doc.reference_time)

# METADATA
# description: >-
#   The scan's reference date (YYYY-MM-DD), from an input document: the date
#   written in its reference_time, otherwise the UTC date of its reference_ns.
reference_date(doc) := substring(doc.reference_time, 0, 10) if {
	ns(doc.reference_time)
} else := date_of(doc.reference_ns)
