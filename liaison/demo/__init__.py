"""The demo office: a realistic, repeatable sample database for training, screenshots and
benchmarks.

``build_demo`` fills an open, empty office database (it refuses one that holds traders or cases:
demo data is never mixed into a real office) in one transaction: staff with the demo sign-ins,
clearing agents and transporters, Rwandan traders, clearance cases with containers, milestones
and documents, inquiries, referrals, follow-ups and notes. Dates are relative to the office
clock's today, so the clocks on Today are always live; the same seed and the same today give the
same office. Stage and clocks are derived by the tracking service's code, references come from
the counters (real use continues the sequences), search keys from the services' own functions,
and the audit log gets one ``import`` row per table loaded.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import sqlite3
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher

from liaison.clock import Clock, today, utc_stamp
from liaison.demo.base import Bulk, Calendar, Dice, FullTextPause
from liaison.demo.chunks import CaseContext, Makers, spare_cores, split
from liaison.demo.clearance import (
    CASE_COLUMNS,
    CONTAINER_COLUMNS,
    DOCUMENT_COLUMNS,
    MILESTONE_COLUMNS,
    CaseInfo,
)
from liaison.demo.corridor import SCRIPTED, Planner, make_calls
from liaison.demo.people import (
    load_parties,
    load_staff,
    load_traders,
    make_traders,
    trader_picker,
)
from liaison.demo.tasks import write_followups, write_notes
from liaison.demo.vocabulary import AGENTS
from liaison.demo.work import WorkWriter
from liaison.demo_accounts import DEMO_ACCOUNTS
from liaison.enums import Priority
from liaison.errors import LiaisonError, ValidationError
from liaison.office import Office
from liaison.services.derivation import load_tariffs

__all__ = ["DEMO_ACCOUNTS", "MAX_CASES", "DemoSummary", "build_demo", "create_demo_database"]

DEMO_SETTINGS = {
    "office_name": "Kenya Ports Authority — Kigali Liaison Office (DEMO)",
    "office_address": "KG 7 Ave, Kacyiru\nKigali, Rwanda\nDEMO DATA — not a real office record",
    "office_phone": "+250788000000",
    "office_email": "kigali.liaison@example.org",
    "office_po_box": "P.O. Box 0000, Kigali (DEMO)",
    "signatory_name": "Patrick Niyonzima (DEMO)",
    "signatory_title": "Liaison Officer — DEMO",
    "is_demo": "1",
}
MAX_CASES = 1_000_000
# The full-text indexes whose insert triggers are set aside during the load.
INDEXED_TABLES = ("traders", "cases", "containers", "inquiries")
LOAD_CACHE_KIB = 128 * 1024


@dataclass(frozen=True)
class DemoSummary:
    """What was built: rows per table (in load order) and the seconds it took."""

    counts: dict[str, int]
    seconds: float
    seed: int

    def lines(self) -> list[str]:
        width = max(len(table) for table in self.counts)
        rows = [f"  {table:<{width}}  {count:>10,}" for table, count in self.counts.items()]
        return [*rows, f"Built in {self.seconds:.1f} s (seed {self.seed})."]


Progress = Callable[[str], None]


def build_demo(
    office: Office,
    *,
    cases: int = 2000,
    seed: int = 1,
    progress: Progress | None = None,
    workers: int | None = 0,
) -> DemoSummary:
    """Fill ``office`` (open, empty) with a demo office of ``cases`` clearance cases, in one
    transaction: either all of it is there afterwards, or nothing.

    ``workers``: processes that make the case rows alongside this one (``None``: as many as the
    spare cores; the default 0: none). The result is the same either way; processes make a large
    demo faster, and need the calling program's main module to be safe to import."""
    if not 1 <= cases <= MAX_CASES:
        raise ValidationError("cases", f"Between 1 and {MAX_CASES:,} cases.", code="number_range")
    actor = office.settings.require_admin()
    started = time.perf_counter()
    settings = office.settings.validate(DEMO_SETTINGS)
    count = spare_cores() if workers is None else workers
    # The worker processes start now: their start-up overlaps the hashing and the planning.
    with Makers(count, cases=cases) as makers:
        return _build(office, actor.id, settings, makers, cases, seed, progress, started)


def _build(
    office: Office,
    actor: int,
    settings: dict[str, str],
    makers: Makers,
    cases: int,
    seed: int,
    progress: Progress | None,
    started: float,
) -> DemoSummary:
    hashes = {user: office.staff.hasher.hash(password) for user, password, _ in DEMO_ACCOUNTS}
    stamp = utc_stamp(office.clock)
    job = _Job(
        cases=cases,
        seed=seed,
        makers=makers,
        cal=Calendar(today(office.clock), stamp),
        dice=Dice(seed),
        sla_days=office.settings.sla_days(),
        tell=progress or (lambda _: None),
    )
    conn = office.store.conn
    cache = conn.execute("PRAGMA cache_size").fetchone()[0]
    collecting = gc.isenabled()
    try:
        # Millions of new tuples and no reference cycles: the collector would only rescan them.
        gc.disable()
        conn.execute(f"PRAGMA cache_size = -{LOAD_CACHE_KIB}")
        with office.store.write() as conn:
            _refuse_unless_empty(conn)
            with FullTextPause(conn, INDEXED_TABLES) as search_index:
                bulk = Bulk(conn, staff_id=actor, stamp=stamp)
                try:
                    job.run(bulk, hashes, search_index)
                    job.tell("search index")
                except BaseException:
                    bulk.abandon()  # the writer stops before the caller rolls back
                    raise
                bulk.close()
            for key, value in settings.items():
                conn.execute(
                    "INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value, "
                    "updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                    (key, value, stamp, actor),
                )
            bulk.counts["settings"] = len(settings)
            bulk.audit_loads()
    finally:
        conn.execute(f"PRAGMA cache_size = {int(cache)}")
        if collecting:
            gc.enable()
    return DemoSummary(dict(bulk.counts), time.perf_counter() - started, seed)


@dataclass
class _Job:
    """One build: the order of the steps is the order of the dice, so keep it."""

    cases: int
    seed: int
    makers: Makers
    cal: Calendar
    dice: Dice
    sla_days: dict[Priority, int]
    tell: Progress

    def run(self, bulk: Bulk, hashes: dict[str, str], search_index: FullTextPause) -> None:
        cal, dice = self.cal, self.dice
        self.tell("staff and parties")
        staff = load_staff(bulk, cal, DEMO_ACCOUNTS, hashes)
        load_parties(bulk, cal, dice, staff, agents=len(AGENTS) + self.cases // 5000)
        conn = bulk.conn
        agents = [
            r[0] for r in conn.execute("SELECT id FROM parties WHERE kind = 'agent' ORDER BY id")
        ]
        parties = {r[1]: r[0] for r in conn.execute("SELECT id, name FROM parties ORDER BY id")}
        lines = {
            r[1]: r[0] for r in conn.execute("SELECT id, name FROM shipping_lines ORDER BY id")
        }
        tariffs = load_tariffs(conn)
        self.tell("traders")
        traders = make_traders(dice, max(5, round(self.cases / 5)))
        pick_trader = trader_picker(traders)
        planner = Planner(dice, cal, make_calls(dice, cal, lines), tariffs)
        heads = [
            planner.head(i, pick_trader(dice), SCRIPTED[i] if i < len(SCRIPTED) else "")
            for i in range(self.cases)
        ]
        for head in heads:
            trader = traders[head.trader]
            if trader.first_day is None or head.opened_on < trader.first_day:
                trader.first_day = head.opened_on
        load_traders(bulk, cal, dice, staff, traders)
        heads.sort(key=lambda h: (h.opened_on, h.index))  # references follow the opening date
        opened = Counter(dt.date.fromordinal(h.opened_on).year for h in heads)
        counters = {year: bulk.counter("case", year) for year in sorted(opened)}
        chunks = split(
            heads,
            [(t.id, t.legal_name, t.trading_name) for t in traders],
            first_case_id=bulk.next_id("cases"),
            first_box_id=bulk.next_id("containers"),
            counters=counters,
        )
        del heads
        context = CaseContext(self.seed, cal.today, cal.now_stamp, staff, tariffs, agents)
        cases: list[CaseInfo] = []
        for rows in self.makers.made_in_order(context, chunks):
            self.tell(f"cases {len(cases):,} of {self.cases:,}")
            bulk.insert("cases", CASE_COLUMNS, rows.cases)
            bulk.insert("containers", CONTAINER_COLUMNS, rows.containers)
            bulk.insert("milestones", MILESTONE_COLUMNS, rows.milestones)
            bulk.insert("documents", DOCUMENT_COLUMNS, rows.documents)
            cases += rows.info
        for year, count in counters.items():
            bulk.set_counter("case", year, count + opened[year])
        search_index.rebuild(bulk, "traders", "cases", "containers")
        self.tell("inquiries, follow-ups and notes")
        work = WorkWriter(bulk, cal, dice, staff, traders, self.sla_days, parties)
        work.plan_inquiries(cases)
        with bulk.held():  # all made while the writer rebuilds the index, then written
            work.write_inquiries()
            work.write_referrals(cases)
            write_followups(work, cases)
            write_notes(work, cases)
        search_index.rebuild(bulk, "inquiries")


def _refuse_unless_empty(conn: sqlite3.Connection) -> None:
    execute = conn.execute
    held = {t: execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("traders", "cases")}
    if any(held.values()):
        raise LiaisonError(
            f"This database already holds {held['traders']:,} traders and {held['cases']:,} "
            "cases; the demo is only built into an empty database, never mixed with real data.",
            code="not_empty",
        )
    taken = [
        user
        for user, _, _ in DEMO_ACCOUNTS
        if execute("SELECT 1 FROM staff WHERE username = ?", (user,)).fetchone()
    ]
    if taken:
        raise LiaisonError(
            f"The demo sign-in names are already used here ({', '.join(taken)}); "
            "build the demo into a new database.",
            code="not_empty",
        )


def create_demo_database(
    path: Path | str,
    *,
    cases: int = 2000,
    seed: int = 1,
    clock: Clock | None = None,
    hasher: PasswordHasher | None = None,
    progress: Progress | None = None,
    workers: int | None = 0,
) -> DemoSummary:
    """A new database at ``path`` (nothing may exist there yet) filled with the demo office.
    If the build fails, the half-made file is removed."""
    path = Path(path)
    office = Office.create(path, clock=clock, hasher=hasher)
    try:
        summary = build_demo(office, cases=cases, seed=seed, progress=progress, workers=workers)
    except BaseException:
        office.close()
        for leftover in (path, path.with_name(path.name + "-journal")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
        raise
    office.close()
    return summary
