# Reporting periods (YYYY-MM months and YYYY-Qn quarters) and which one is due;
# the package's annotation is in dates.rego.
package lib.dates

# METADATA
# description: The month (YYYY-MM, UTC) holding an instant given in ns.
month_of(n) := time.format([n, "UTC", "2006-01"])

# METADATA
# description: The quarter (YYYY-Qn, UTC) holding an instant given in ns.
quarter_of(n) := sprintf("%d-Q%d", [ymd[0], (((ymd[1] - 1) - ((ymd[1] - 1) % 3)) / 3) + 1]) if {
	ymd := time.date([n, "UTC"])
}

# METADATA
# scope: document
# description: >-
#   The month or the quarter holding an instant given in ns, by unit ("month"
#   or "quarter").
period_of(n, "month") := month_of(n)

period_of(n, "quarter") := quarter_of(n)

# METADATA
# scope: document
# description: The ns of the first instant (UTC) of a YYYY-MM or YYYY-Qn period; undefined for anything else.
period_start_ns(p) := time.parse_ns("2006-01", p) if {
	regex.match(`^[0-9]{4}-(0[1-9]|1[0-2])$`, p)
}

period_start_ns(p) := time.parse_ns("2006-01", sprintf("%s-%02d", [parts[0], ((to_number(parts[1]) - 1) * 3) + 1])) if {
	regex.match(`^[0-9]{4}-Q[1-4]$`, p)
	parts := split(p, "-Q")
}

# METADATA
# description: The ns of the first instant after a YYYY-MM or YYYY-Qn period.
period_end_ns(p) := time.add_date(period_start_ns(p), 0, _months[_unit(p)], 0)

_months := {"month": 1, "quarter": 3}

_unit(p) := "quarter" if contains(p, "Q")

_unit(p) := "month" if not contains(p, "Q")

# METADATA
# description: >-
#   The latest period of a unit ("month" or "quarter") that has ended at least
#   grace_days before the reference instant ref (ns): the period whose
#   evidence is due by then. One nanosecond before the start of the period
#   holding ref - grace_days lies in the period wanted.
due_period(unit, ref, grace_days) := period_of(period_start_ns(period_of(ref - days(grace_days), unit)) - 1, unit)

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
