# Reporting periods (YYYY-MM months and YYYY-Qn quarters) and which one is due;
# the package's annotation is in dates.rego.
package lib.dates

# METADATA
# description: The month (YYYY-MM) holding an instant given in ns, in the configured zone.
month_of(n) := time.format([n, zone, "2006-01"])

# METADATA
# description: The quarter (YYYY-Qn) holding an instant given in ns, in the configured zone.
quarter_of(n) := sprintf("%d-Q%d", [ymd[0], (((ymd[1] - 1) - ((ymd[1] - 1) % 3)) / 3) + 1]) if {
	ymd := time.date([n, zone])
}

# METADATA
# scope: document
# description: >-
#   The month or the quarter holding an instant given in ns, by unit ("month"
#   or "quarter"), in the configured zone.
period_of(n, "month") := month_of(n)

period_of(n, "quarter") := quarter_of(n)

# METADATA
# scope: document
# description: >-
#   The first day (YYYY-MM-DD) of a YYYY-MM or YYYY-Qn period; undefined for
#   anything else.
first_day(p) := sprintf("%s-01", [p]) if {
	regex.match(`^[0-9]{4}-(0[1-9]|1[0-2])$`, p)
}

first_day(p) := sprintf("%s-%02d-01", [parts[0], ((to_number(parts[1]) - 1) * 3) + 1]) if {
	regex.match(`^[0-9]{4}-Q[1-4]$`, p)
	parts := split(p, "-Q")
}

# METADATA
# description: The first day (YYYY-MM-DD) after a YYYY-MM or YYYY-Qn period.
next_day(p) := date_of(time.add_date(date_ns(first_day(p)), 0, _months[_unit(p)], 0))

# METADATA
# description: >-
#   The ns of the first instant of a YYYY-MM or YYYY-Qn period: local midnight
#   of its first day in the configured zone; undefined for anything else. A
#   period is a calendar month or quarter of the organisation's days.
period_start_ns(p) := day_start_ns(first_day(p))

# METADATA
# description: The ns of the first instant after a YYYY-MM or YYYY-Qn period (local midnight of next_day).
period_end_ns(p) := day_start_ns(next_day(p))

_months := {"month": 1, "quarter": 3}

_unit(p) := "quarter" if contains(p, "Q")

_unit(p) := "month" if not contains(p, "Q")

# METADATA
# description: The YYYY-MM month n months after a YYYY-MM month (before it when n is negative).
add_months(month, n) := substring(date_of(time.add_date(date_ns(first_day(month)), 0, n, 0)), 0, 7)

# The period of a unit that holds a YYYY-MM-DD day.
_period_of_day(d, "month") := substring(d, 0, 7)

_period_of_day(d, "quarter") := sprintf("%s-Q%d", [substring(d, 0, 4), ((m - (m % 3)) / 3) + 1]) if {
	m := to_number(substring(d, 5, 2)) - 1
}

# METADATA
# description: >-
#   The latest period of a unit ("month" or "quarter") whose evidence is due
#   at the reference instant ref (ns): a period is due once grace_days local
#   days have passed after it, that is from the first instant of the day
#   grace_days after next_day. It is the period before the one holding the
#   local day grace_days before ref's.
due_period(unit, ref, grace_days) := _period_of_day(add_days(first_day(holding), -1), unit) if {
	holding := _period_of_day(add_days(local_date(ref), 0 - grace_days), unit)
}

# METADATA
# description: The three months (YYYY-MM) of a YYYY-Qn quarter, as a set; undefined for anything else.
months_of_quarter(q) := {sprintf("%s-%02d", [parts[0], first + i]) | some i in [0, 1, 2]} if {
	regex.match(`^[0-9]{4}-Q[1-4]$`, q)
	parts := split(q, "-Q")
	first := ((to_number(parts[1]) - 1) * 3) + 1
}

# METADATA
# description: >-
#   The ways evidence can cover a period, as a list of sets of periods, any one
#   of which covers it whole: the period itself, and for a quarter also its
#   three months (monthly evidence for July, August and September covers Q3).
coverings(p) := [{p}, months_of_quarter(p)] if {
	months_of_quarter(p)
} else := [{p}]

# METADATA
# description: >-
#   True when a set (or list) of periods covers the period p: it holds p, or,
#   for a quarter, each of its months.
covers(periods, p) if {
	held := {x | some x in periods}
	some needed in coverings(p)
	count(needed - held) == 0
}
