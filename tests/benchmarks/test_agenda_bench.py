"""Today on a big office: 100,000 cases, 300,000 containers, 100,000 follow-ups, 50,000
inquiries, 20,000 referrals, loaded with direct inserts. Prints timings (run by ``make bench``);
asserts only what the agenda returns and how its queries are planned, never times."""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time
from pathlib import Path

import pytest

from liaison.clock import FixedClock
from liaison.office import Office
from liaison.services.agenda import SECTION_LIMIT
from tests.conftest import NOW, fast_hasher

pytestmark = pytest.mark.bench

TODAY = dt.date(2026, 11, 28)
CASES = 100_000
BOXES_PER_CASE = 3
TRADERS = 20_000


def _day(offset: int) -> str:
    return (TODAY + dt.timedelta(days=offset)).isoformat()


def build(path: Path, *, analyze: bool = False) -> Office:
    rng = random.Random(7)
    office = Office.create(path, clock=FixedClock(NOW), hasher=fast_hasher())
    stamp = "2026-11-28T07:00:00Z"
    with office.store.write() as conn:
        staff = [
            conn.execute(
                "INSERT INTO staff (username, full_name, initials, role, created_at, updated_at) "
                "VALUES (?, ?, ?, 'officer', ?, ?) RETURNING id",
                (f"officer{n}", f"Officer {n}", f"O{n}", stamp, stamp),
            ).fetchone()[0]
            for n in range(5)
        ]
        audit = (stamp, staff[0], stamp, staff[0])
        conn.executemany(
            "INSERT INTO traders (id, code, legal_name, created_at, created_by, updated_at, "
            "updated_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
            ((n, f"TRD-{n:06d}", f"Trader {n}", *audit) for n in range(1, TRADERS + 1)),
        )
        conn.executemany(
            "INSERT INTO cases (id, ref, trader_id, bl_number, bl_key, opened_on, assigned_to, "
            "created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    n,
                    f"CASE-2026-{n:06d}",
                    rng.randint(1, TRADERS),
                    f"MAEU{n:09d}",
                    f"MAEU{n:09d}",
                    _day(-rng.randint(0, 240)),
                    rng.choice([*staff, None]),
                    *audit,
                )
                for n in range(1, CASES + 1)
            ),
        )

        def box(n: int) -> tuple[object, ...]:
            discharged = -rng.randint(0, 240)
            old = discharged < -25
            left = rng.random() < (0.97 if old else 0.5)
            released = discharged < -10 and rng.random() < 0.6
            return (
                n,
                (n - 1) // BOXES_PER_CASE + 1,
                f"TGHU{n:07d}",
                _day(discharged),
                _day(discharged + 8),
                _day(discharged + 21),
                _day(discharged + rng.randint(1, 20)) if left else None,
                _day(discharged + 9) if released else None,
                *audit,
            )

        conn.executemany(
            "INSERT INTO containers (id, case_id, number, discharged_on, kpa_free_until, "
            "auction_on, left_custody_on, released_on, created_at, created_by, updated_at, "
            "updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (box(n) for n in range(1, CASES * BOXES_PER_CASE + 1)),
        )
        conn.executemany(
            "INSERT INTO followups (trader_id, kind, title, due_on, assigned_to, status, "
            "created_at, created_by, updated_at, updated_by) "
            "VALUES (?, 'call_trader', ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    rng.randint(1, TRADERS),
                    f"Follow-up {n}",
                    _day(rng.randint(-200, 20)),
                    rng.choice([*staff, None]),
                    "PENDING" if rng.random() < 0.1 else "DONE",
                    *audit,
                )
                for n in range(100_000)
            ),
        )
        conn.executemany(
            "INSERT INTO inquiries (ref, trader_id, received_at, channel, category, subject, "
            "status, due_on, first_response_at, assigned_to, created_at, created_by, "
            "updated_at, updated_by) VALUES (?, ?, ?, 'phone', 'cargo_status', ?, ?, ?, ?, ?, "
            "?, ?, ?, ?)",
            (
                (
                    f"INQ-2026-{n:06d}",
                    rng.randint(1, TRADERS),
                    f"{_day(-(50_000 - n) // 250)}T08:00:00Z",
                    f"Question {n}",
                    status,
                    _day(-(50_000 - n) // 250 + 5),
                    None if status == "NEW" else stamp,
                    rng.choice([*staff, None]),
                    *audit,
                )
                for n in range(1, 50_001)
                for status in ["NEW" if n > 49_700 else "CLOSED"]
            ),
        )
        conn.executemany(
            "INSERT INTO referrals (case_id, party_id, referred_on, channel, response_due_on, "
            "status, created_at, created_by, updated_at, updated_by) "
            "VALUES (?, 1, ?, 'email', ?, ?, ?, ?, ?, ?)",
            (
                (
                    rng.randint(1, CASES),
                    _day(-offset),
                    _day(-offset + 5),
                    "SENT" if rng.random() < 0.05 else "ANSWERED",
                    *audit,
                )
                for offset in (rng.randint(0, 240) for _ in range(20_000))
            ),
        )
    if analyze:
        office.store.conn.execute("ANALYZE")
    return office


def _median_ms(action: object, runs: int = 15) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        action()  # type: ignore[operator]
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


@pytest.mark.parametrize("analyze", [False, True], ids=["no-stats", "analyzed"])
def test_today_on_300000_containers(tmp_path: Path, analyze: bool) -> None:
    """With and without ANALYZE statistics: the plans must not depend on them."""
    started = time.perf_counter()
    office = build(tmp_path / "big.db", analyze=analyze)
    print(f"\nbuilt in {time.perf_counter() - started:.1f} s")
    try:
        office.act_as(office.staff.system())
        agenda = office.agenda.today()
        sections = {
            name: len(getattr(agenda, name))
            for name in (
                "overdue_followups",
                "due_today_followups",
                "unanswered_inquiries",
                "overdue_referrals",
                "storage_expiring",
                "auction_risk",
            )
        }
        print("section sizes:", sections)
        assert all(0 < size <= SECTION_LIMIT for size in sections.values())
        for name, (sql, params) in office.agenda.queries(TODAY).items():
            plan = [r["detail"] for r in office.store.all("EXPLAIN QUERY PLAN " + sql, params)]
            assert "USING INDEX" in plan[0], (name, plan)
            alone = _median_ms(lambda sql=sql, params=params: office.store.all(sql, params))
            print(f"  {name:22s} {alone:7.2f} ms   {plan[0]}")
        whole = _median_ms(office.agenda.today)
        mine = _median_ms(lambda: office.agenda.today(staff_id=3))
        print(f"agenda.today(): median {whole:.1f} ms; mine: {mine:.1f} ms")
        storage_sql, params = office.agenda.queries(TODAY)["storage_expiring"]
        scan_sql = storage_sql.replace("INDEXED BY containers_kpa_free_until", "NOT INDEXED")
        scan = _median_ms(lambda: office.store.all(scan_sql, params), runs=5)
        print(f"storage section as a full scan instead: {scan:.1f} ms")
    finally:
        office.close()
