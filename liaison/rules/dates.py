"""Dates as the office writes them (day first) and as the database stores them (ISO).

Rwanda writes dates day first: ``28/11/2026``. Storage is ISO ``2026-11-28``; the database checks
it again with ``date(d, '+0 days') IS d`` (which, unlike ``date(d) = d``, refuses '' and words).
"""

from __future__ import annotations

import datetime as dt
import re

from liaison.errors import ValidationError

_DAY_FIRST = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")
EARLIEST = dt.date(2000, 1, 1)
LATEST = dt.date(2099, 12, 31)


def parse_date(
    value: str | dt.date | None, field: str, *, required: bool = False
) -> dt.date | None:
    """Accept a date, ISO text or day-first text (dd/mm/yyyy, dd.mm.yyyy, dd-mm-yyyy)."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        result = value
    elif value is None or not value.strip():
        if required:
            raise ValidationError(field, "A date is required.", code="required")
        return None
    else:
        result = _parse_text(value, field)
    if not EARLIEST <= result <= LATEST:
        raise ValidationError(
            field, "The date must lie between 2000 and 2099.", code="date_out_of_range"
        )
    return result


def _parse_text(value: str, field: str) -> dt.date:
    match = _ISO.match(value)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = _DAY_FIRST.match(value)
        if not match:
            raise ValidationError(
                field, "Write the date day first, e.g. 28/11/2026.", code="date_format"
            )
        day, month, year = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValidationError(field, "No such date in the calendar.", code="date_invalid") from None


def iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def from_iso(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def day_first(value: dt.date | str | None) -> str:
    """``2026-11-28`` → ``28/11/2026``; empty for ``None``."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    return value.strftime("%d/%m/%Y")


def clean_time(value: str | None, field: str) -> str | None:
    """``HH:MM`` (24-hour) or ``None``."""
    if value is None or not value.strip():
        return None
    match = re.match(r"^\s*(\d{1,2})[:h.](\d{2})\s*$", value)
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise ValidationError(field, "Write the time as HH:MM, e.g. 14:30.", code="time_format")
    return f"{int(match.group(1)):02d}:{match.group(2)}"
