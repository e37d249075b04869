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

How it is quick (100,000 cases in well under a minute on two cores): the cases and the office's
work about them are made in chunks, in worker processes (``chunks``), each chunk's case tables
written there into a database of its own with the office's table definitions and copied in
whole; the tables' indexes are built once their rows are in, the full-text indexes filled a
chunk at a time (``LoadPause``); foreign keys are checked once, all of them, before the commit.
Every CHECK of the schema applies to every row.
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
from liaison.demo.base import CHUNK_SCHEMA, Bulk, Calendar, Dice, LoadPause
from liaison.demo.book import WorkWriter, loose_work
from liaison.demo.chunks import CASE_TABLES, CaseContext, Makers, spare_cores, split
from liaison.demo.corridor import SCRIPTED, Planner, make_calls
from liaison.demo.people import (
    load_parties,
    load_staff,
    load_traders,
    make_traders,
    trader_picker,
)
from liaison.demo.vocabulary import AGENTS
from liaison.demo.work import WorkContext, WorkMaker
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
# The tables loaded in bulk (their indexes are built once they are complete), and those of them
# with a full-text index (its insert trigger is set aside during the load).
LOADED_TABLES = (
    "traders", "cases", "containers", "milestones", "documents", "inquiries", "referrals",
    "followups", "notes",
)  # fmt: skip
SEARCHED_TABLES = ("traders", "cases", "containers", "inquiries")
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
        # Foreign keys are checked once, all of them, before the commit (SQLite copies a
        # chunk's tables whole only while they are off; they can change only outside a
        # transaction).
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute(f"ATTACH ':memory:' AS {CHUNK_SCHEMA}")
        with office.store.write() as conn:
            _refuse_unless_empty(conn)
            with LoadPause(conn, LOADED_TABLES, SEARCHED_TABLES) as paused:
                bulk = Bulk(conn, staff_id=actor, stamp=stamp)
                try:
                    job.run(bulk, hashes, paused)
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
            _check_references(conn)
    finally:
        with contextlib.suppress(sqlite3.OperationalError):  # not attached: failed before
            conn.execute(f"DETACH {CHUNK_SCHEMA}")
        conn.execute("PRAGMA foreign_keys = ON")
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

    def run(self, bulk: Bulk, hashes: dict[str, str], paused: LoadPause) -> None:
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
        # What the workers create their chunks' tables with (read before the writer has work).
        ask = "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?"
        schema = {name: conn.execute(ask, (name,)).fetchone()[0] for name, _ in CASE_TABLES}
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
        paused.rebuild(bulk, "traders")
        heads.sort(key=lambda h: (h.opened_on, h.index))  # references follow the opening date
        opened = Counter(dt.date.fromordinal(h.opened_on).year for h in heads)
        counters = {year: bulk.counter("case", year) for year in sorted(opened)}
        people = {i: (t.id, t.contact_person) for i, t in enumerate(traders)}
        chunks = split(
            heads,
            [(t.id, t.legal_name, t.trading_name) for t in traders],
            people,
            first_case_id=bulk.next_id("cases"),
            first_box_id=bulk.next_id("containers"),
            first_ids=(bulk.next_id("milestones"), bulk.next_id("documents")),
            counters=counters,
        )
        del heads
        work = WorkContext(staff, self.sla_days, parties)
        context = CaseContext(
            self.seed, cal.today, cal.now_stamp, staff, tariffs, agents, work, schema
        )
        writer = WorkWriter(bulk)

        def loose() -> None:  # the work about no case, made while the workers start on cases
            maker = WorkMaker(cal, dice, work, people)
            registered = [(t.id, t.status, t.created_day) for t in traders]
            writer.add(loose_work(maker, registered, self.cases // 10))

        done = 0
        for rows in self.makers.made_in_order(context, chunks, loose):
            self.tell(f"cases {done:,} of {self.cases:,}")
            bulk.copy_in(rows.tables, rows.counts)
            paused.index_rows(bulk, "cases", *rows.cases)
            paused.index_rows(bulk, "containers", *rows.boxes)
            writer.add(rows.work)
            done += rows.counts["cases"]
        for year, count in counters.items():
            bulk.set_counter("case", year, count + opened[year])
        paused.rebuild(bulk, "cases", "containers", "milestones", "documents")
        self.tell("inquiries, follow-ups and notes")
        with bulk.held():  # numbered while the writer builds the indexes, then written
            writer.write_inquiries()
        paused.rebuild(bulk, "inquiries", "referrals", "followups", "notes")


def _check_references(conn: sqlite3.Connection) -> None:
    """Every foreign key of the database holds, or the build fails (and is rolled back)."""
    broken = conn.execute("PRAGMA main.foreign_key_check").fetchmany(3)
    if broken:
        where = "; ".join(f"{table} row {rowid} → {parent}" for table, rowid, parent, _ in broken)
        raise sqlite3.IntegrityError(f"FOREIGN KEY constraint failed: {where}")


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
