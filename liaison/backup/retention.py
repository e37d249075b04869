"""Which backups to keep: a pure function of the backups' times and states.

Grandfather-father-son, counted like borg's prune: the newest backup of each of the last
``daily`` days that have one, of the last ``weekly`` ISO weeks, and of the last ``monthly``
months. Only verified backups fill those slots and only verified backups are ever pruned; an
unchecked or mismatched file is left for a person to look at. The newest verified backup is
always kept, whatever the policy says.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Generation:
    key: str  # the file name
    taken_at: dt.datetime
    verified: bool
    sequence: int = 0  # orders backups taken within the same second


@dataclass(frozen=True, slots=True)
class RetentionPolicy:
    daily: int = 7
    weekly: int = 4
    monthly: int = 12


def _day(moment: dt.datetime) -> Hashable:
    return moment.date()


def _week(moment: dt.datetime) -> Hashable:
    iso = moment.isocalendar()
    return (iso.year, iso.week)


def _month(moment: dt.datetime) -> Hashable:
    return (moment.year, moment.month)


def _newest_per_period(
    ordered: Sequence[Generation], period: Callable[[dt.datetime], Hashable], count: int
) -> set[str]:
    kept: set[str] = set()
    seen: set[Hashable] = set()
    for generation in ordered:
        if len(seen) >= count:
            break
        bucket = period(generation.taken_at)
        if bucket not in seen:
            seen.add(bucket)
            kept.add(generation.key)
    return kept


def to_keep(
    generations: Sequence[Generation], policy: RetentionPolicy, tz: dt.tzinfo = dt.UTC
) -> set[str]:
    """The keys to keep. Periods are calendar days, weeks and months in ``tz`` (the office's)."""
    verified = sorted(
        (
            Generation(g.key, g.taken_at.astimezone(tz), g.verified, g.sequence)
            for g in generations
            if g.verified
        ),
        key=lambda g: (g.taken_at, g.sequence, g.key),
        reverse=True,
    )
    keep = {g.key for g in generations if not g.verified}
    if verified:
        keep.add(verified[0].key)
    keep |= _newest_per_period(verified, _day, policy.daily)
    keep |= _newest_per_period(verified, _week, policy.weekly)
    keep |= _newest_per_period(verified, _month, policy.monthly)
    return keep


def to_prune(
    generations: Sequence[Generation], policy: RetentionPolicy, tz: dt.tzinfo = dt.UTC
) -> list[str]:
    """The keys to delete, oldest first."""
    keep = to_keep(generations, policy, tz)
    return [
        g.key for g in sorted(generations, key=lambda g: (g.taken_at, g.key)) if g.key not in keep
    ]
