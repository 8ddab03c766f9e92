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

# METADATA
# description: >-
#   The organisation's time zone, an IANA name, from input.config.timezone
#   (regent.yaml's timezone setting); UTC when it is not set. A date
#   (YYYY-MM-DD) is the whole of that day in this zone.
# scope: document
default zone := "UTC"

zone := z if {
	z := input.config.timezone
	is_string(z)
}

_wall := "2006-01-02T15:04:05.999999999"

# The zone's offset from UTC at instant n (ns), in ns: what a wall clock there
# reads minus what one in UTC reads.
_offset(n) := time.parse_ns(_wall, time.format([n, zone, _wall])) - n

# METADATA
# description: >-
#   The first instant (ns) of the day of a YYYY-MM-DD date in the configured
#   zone: local midnight. The offset is read twice so that a day starting
#   next to a daylight-saving change starts at the right offset.
day_start_ns(d) := u - _offset(u - _offset(u)) if u := date_ns(d)

# METADATA
# description: >-
#   The first instant (ns) after the day of a YYYY-MM-DD date in the configured
#   zone: the next local midnight. The day is [day_start_ns, day_end_ns).
day_end_ns(d) := day_start_ns(add_days(d, 1))

# METADATA
# description: The YYYY-MM-DD date n calendar days after date d (before it when n is negative).
add_days(d, n) := date_of(date_ns(d) + days(n))

# METADATA
# description: The YYYY-MM-DD date, in the configured zone, of an instant given in ns.
local_date(n) := time.format([n, zone, "2006-01-02"]) if is_number(n)

# METADATA
# scope: document
# description: >-
#   The local day (YYYY-MM-DD, configured zone) of a date or of an RFC 3339
#   timestamp: a date is its own day; a timestamp is on the day its instant
#   falls in that zone. Undefined for anything else.
day_of(x) := x if date_ns(x)

day_of(x) := local_date(ns(x)) if not date_ns(x)

# METADATA
# description: >-
#   Calendar days from the local day of a to the local day of b (each a date or
#   a timestamp): 0 on the same day, negative when b's day is before a's.
days_after(a, b) := round((date_ns(day_of(b)) - date_ns(day_of(a))) / day_ns)

# METADATA
# description: The scan's today, the local date (configured zone) of its reference instant.
today(doc) := local_date(reference_ns(doc))

# METADATA
# description: >-
#   The rule for every day threshold: true when more than n days have passed
#   since an event (a date or a timestamp) at the reference instant ref (ns),
#   that is when ref's local day is later than the event's local day plus n;
#   equivalently, ref is at or past the end of day n after the event's day.
#   An event on 1 March is within 30 days through 31 March, whatever the time
#   of either, and older than 30 days from 1 April.
older_than(event, n, ref) if days_after(event, local_date(ref)) > n

# METADATA
# description: >-
#   True when an RFC 3339 timestamp falls before the local day of a YYYY-MM-DD
#   date begins; undefined when either is malformed.
before_day(ts, d) if ns(ts) < day_start_ns(d)
