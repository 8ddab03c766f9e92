"""Dates and times as exporting tools write them.

ITSM tools and spreadsheets write the same moment many ways: ISO 8601
(``2016-02-29T01:16:00Z``, ``2016-02-29 01:16:00``), day first with slashes
(``29/2/2016 01:16``, a ServiceNow audit log), day first with dashes
(``29-02-2016 01:16``, the same log re-saved by Excel), with or without
seconds, month first (``2/29/2016 1:16 PM``, a US locale). A reader is made
for one export: it takes ISO 8601 always, and numeric dates in the order the
format's own tool writes (``dmy`` or ``mdy``); an explicit strptime format
(``--date-format``) is tried first and, when given, is the only other
shape accepted (ISO 8601 then only with a time of day). Text that states no time zone is read in the
``import.timezone`` of ``regent.yaml``. The result is an RFC 3339 UTC
timestamp (``2016-02-29T01:16:00Z``).
"""

from __future__ import annotations

import re
from datetime import datetime, timezone, tzinfo
from functools import lru_cache
from typing import Callable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from regent.evidence.importers.base import ImportError_, RowProblem

_NUMERIC = re.compile(
    r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})"
    r"(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*([AaPp][Mm])?)?$")
_ISO_LOOSE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?$")
_ORDERS = {"dmy": "day/month/year", "mdy": "month/day/year"}

Reader = Callable[[str], str]


def zone_of(name: str) -> tzinfo:
    """The time zone named in ``import.timezone``."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ImportError_(f"import.timezone: unknown time zone {name!r}") from None


def reader(zone: str, fmt: str | None = None, order: str = "dmy") -> Reader:
    """A function from an export's date-time text to an RFC 3339 UTC timestamp; a text it cannot
    read is a :class:`RowProblem` that says which shapes it takes."""
    tz = zone_of(zone)
    if order not in _ORDERS:
        raise ImportError_(f"date order {order!r}: expected one of {', '.join(_ORDERS)}")
    expected = (f"in the format {fmt}" if fmt else
                f"written {_ORDERS[order]} (slashes or dashes, with or without seconds) or ISO 8601; "
                "give the export's format with --date-format")

    @lru_cache(maxsize=65536)
    def convert(text: str) -> str:
        value = text.strip()
        moment = _parse(value, fmt, order)
        if moment is None:
            raise RowProblem(f"{value!r} is not a date and time {expected}")
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=tz)
        return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

    return convert


def day_reader(fmt: str | None = None, order: str = "dmy") -> Reader:
    """A function from an export's date text (a time after it is ignored) to ``YYYY-MM-DD``, the
    day as written."""
    expected = (f"in the format {fmt}" if fmt else
                f"written YYYY-MM-DD or {_ORDERS.get(order, order)} (slashes or dashes)")

    @lru_cache(maxsize=65536)
    def convert(text: str) -> str:
        value = text.strip()
        moment = (_parse(value, fmt, order) or (_parse(value, fmt.split(" ")[0], order) if fmt else None)
                  or _parse(value, None, order))
        if moment is None:
            raise RowProblem(f"{value!r} is not a date {expected}")
        return moment.date().isoformat()

    return convert


def _parse(value: str, fmt: str | None, order: str) -> datetime | None:
    if fmt:
        try:
            return datetime.strptime(value, fmt)
        except ValueError:
            pass
    if value[:4].isdigit() and value[4:5] == "-" and not (fmt and len(value) <= 10):
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            loose = _ISO_LOOSE.match(value)  # a list export's "2023-08-04 1:00:00"
            if loose is None:
                return None
            year, month, day, hour, minute, seconds = (int(g or 0) for g in loose.groups())
            try:
                return datetime(year, month, day, hour, minute, seconds)
            except ValueError:
                return None
    if fmt:
        return None
    match = _NUMERIC.match(value)
    if match is None:
        return None
    first, _, other, year_s, hour_s, minute_s, seconds_s, half = match.groups()
    day_s, month_s = (first, other) if order == "dmy" else (other, first)
    hours = int(hour_s or 0)
    if half:
        if not 1 <= hours <= 12:
            return None
        hours = hours % 12 + (12 if half.casefold() == "pm" else 0)
    try:
        return datetime(int(year_s), int(month_s), int(day_s), hours, int(minute_s or 0), int(seconds_s or 0))
    except ValueError:
        return None
