"""Injected time, so that due dates, clocks and letters are testable.

Dates that matter to the office (due dates, discharge, free storage) are local calendar dates in
Kigali (Central Africa Time, UTC+2, no daylight saving). Timestamps are stored in UTC.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

KIGALI = dt.timezone(dt.timedelta(hours=2), "CAT")


class Clock(Protocol):
    def now(self) -> dt.datetime:
        """The current moment, timezone-aware."""
        ...


class SystemClock:
    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)


class FixedClock:
    """A clock for tests and demos; ``advance`` moves it on."""

    def __init__(self, moment: dt.datetime) -> None:
        if moment.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._moment = moment

    def now(self) -> dt.datetime:
        return self._moment

    def advance(self, **delta: float) -> None:
        self._moment += dt.timedelta(**delta)


def utc_stamp(clock: Clock) -> str:
    """ISO-8601 UTC timestamp with seconds, as stored in ``*_at`` columns."""
    return clock.now().astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def today(clock: Clock) -> dt.date:
    """The office's calendar date (Kigali)."""
    return clock.now().astimezone(KIGALI).date()


def parse_stamp(stamp: str) -> dt.datetime:
    return dt.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
