"""Retention: 7 daily, 4 weekly, 12 monthly, never the newest verified backup, never a file
that is not known to be good (a pure function)."""

from __future__ import annotations

import datetime as dt

import pytest

from liaison.backup.retention import Generation, RetentionPolicy, to_keep, to_prune
from liaison.clock import KIGALI

START = dt.datetime(2025, 1, 1, 18, 0, tzinfo=dt.UTC)


def nightly(days: int, *, verified: bool = True) -> list[Generation]:
    """One backup every evening for ``days`` days, oldest first."""
    return [Generation(f"b{n:04d}", START + dt.timedelta(days=n), verified) for n in range(days)]


def test_a_year_of_nightly_backups_keeps_daily_weekly_monthly() -> None:
    generations = nightly(400)
    keep = to_keep(generations, RetentionPolicy(daily=7, weekly=4, monthly=12))
    newest_seven = {g.key for g in generations[-7:]}
    assert newest_seven <= keep
    kept = sorted((g for g in generations if g.key in keep), key=lambda g: g.taken_at)
    months = {(g.taken_at.year, g.taken_at.month) for g in kept}
    assert len(months) == 12  # one per month for the last 12 months (the newest counts too)
    # 7 daily + up to 4 weekly + 12 monthly, with overlaps: never more than 23, never fewer than 12.
    assert 12 <= len(keep) <= 23
    assert set(to_prune(generations, RetentionPolicy())) == {g.key for g in generations} - keep


def test_weekly_slots_keep_the_newest_backup_of_each_week() -> None:
    generations = nightly(60)
    keep = to_keep(generations, RetentionPolicy(daily=0, weekly=4, monthly=0))
    kept = sorted((g for g in generations if g.key in keep), key=lambda g: g.taken_at)
    assert len(kept) == 4
    for g in kept[:-1]:
        following = g.taken_at + dt.timedelta(days=1)
        assert following.isocalendar().week != g.taken_at.isocalendar().week  # a Sunday


def test_several_backups_a_day_keep_only_the_last_of_each_day() -> None:
    day = dt.datetime(2026, 11, 28, tzinfo=dt.UTC)
    generations = [
        Generation(f"h{h:02d}", day + dt.timedelta(hours=h), True) for h in range(0, 20, 4)
    ]
    assert to_prune(generations, RetentionPolicy(daily=7, weekly=0, monthly=0)) == [
        "h00",
        "h04",
        "h08",
        "h12",
    ]


def test_same_second_backups_are_ordered_by_sequence() -> None:
    moment = dt.datetime(2026, 11, 28, 7, tzinfo=dt.UTC)
    generations = [Generation("z-first", moment, True, 0), Generation("a-second", moment, True, 1)]
    assert to_prune(generations, RetentionPolicy(daily=1, weekly=0, monthly=0)) == ["z-first"]


def test_newest_verified_backup_survives_a_policy_of_nothing() -> None:
    generations = nightly(10)
    assert to_keep(generations, RetentionPolicy(0, 0, 0)) == {"b0009"}


def test_unverified_files_are_never_pruned_and_fill_no_slot() -> None:
    generations = nightly(10)
    damaged = Generation("bad-newest", START + dt.timedelta(days=20), False)
    keep = to_keep([*generations, damaged], RetentionPolicy(daily=1, weekly=0, monthly=0))
    assert keep == {"bad-newest", "b0009"}  # the day slot goes to the newest *verified* one


def test_all_unverified_prunes_nothing() -> None:
    assert to_prune(nightly(30, verified=False), RetentionPolicy(1, 1, 1)) == []


def test_days_are_the_office_calendar_days() -> None:
    # 23:30 UTC is already the next day in Kigali (UTC+2).
    late = dt.datetime(2026, 11, 27, 23, 30, tzinfo=dt.UTC)
    early = dt.datetime(2026, 11, 27, 21, 0, tzinfo=dt.UTC)
    generations = [Generation("early", early, True), Generation("late", late, True)]
    policy = RetentionPolicy(daily=2, weekly=0, monthly=0)
    assert to_prune(generations, policy, dt.UTC) == ["early"]
    assert to_prune(generations, policy, KIGALI) == []


@pytest.mark.parametrize("days", [0, 1, 3])
def test_few_backups_are_all_kept(days: int) -> None:
    assert to_prune(nightly(days), RetentionPolicy()) == []
