"""Tools the demo generator shares: seeded dice, the calendar relative to the office's today,
and the bulk writer (executemany, one audit row per table, full-text triggers set aside).

The dice are one ``random.Random`` stream drawn in a fixed order, so the same seed and the same
today give the same office. Dates are day ordinals inside the generator and ISO text outside.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import queue
import random
import sqlite3
import threading
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from math import trunc
from typing import Any

from liaison.db import rows


def _clock_face() -> tuple[str, ...]:
    """1,024 moments of the working day, 07:30–17:30 in Kigali (05:30–15:30 UTC), always the
    same: a timestamp then costs one draw and one concatenation."""
    face = random.Random(0)
    seconds = sorted(face.randrange(5 * 3600 + 1800, 15 * 3600 + 1800) for _ in range(1024))
    return tuple(f"T{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}Z" for s in seconds)


TIMES_UTC = _clock_face()
TIMES_LOCAL = tuple(f"{m // 60:02d}:{m % 60:02d}" for m in range(7 * 60 + 30, 17 * 60 + 30, 5))


# ISO 6346 check digits (the same sums as stdnum's ``iso6346.calc_check_digit``): the letter
# values, and the serial's weighted digit sums by thousands and by units, looked up, not walked.
_ISO6346 = "0123456789A BCDEFGHIJK LMNOPQRSTU VWXYZ"
_SERIAL_HIGH = [sum(int(c) << (4 + i) for i, c in enumerate(f"{n:03d}")) for n in range(1000)]
_SERIAL_LOW = [sum(int(c) << (7 + i) for i, c in enumerate(f"{n:03d}")) for n in range(1000)]
_OWNER_SUMS: dict[str, int] = {}


def check_digit(owner: str, serial: int) -> str:
    """The ISO 6346 check digit of the four-letter ``owner`` code and six-digit ``serial``."""
    total = _OWNER_SUMS.get(owner)
    if total is None:
        total = _OWNER_SUMS[owner] = sum(_ISO6346.index(c) << i for i, c in enumerate(owner))
    return "0123456789"[
        (total + _SERIAL_HIGH[serial // 1000] + _SERIAL_LOW[serial % 1000]) % 11 % 10
    ]


class Dice:
    """Seeded draws, written for speed (the generator makes millions of them). ``trunc`` is
    ``int`` of a float (the same whole number), without the type's constructor."""

    def __init__(self, seed: int | str) -> None:
        self._random = random.Random(seed)
        self.random = self._random.random

    def chance(self, p: float) -> bool:
        return self.random() < p

    def between(self, low: int, high: int) -> int:
        """A whole number from ``low`` to ``high``, both included."""
        return low + trunc(self.random() * (high - low + 1))

    def pick[T](self, items: Sequence[T]) -> T:
        return items[trunc(self.random() * len(items))]

    def sample(self, population: Sequence[int], k: int) -> list[int]:
        return self._random.sample(population, k)


class Weighted[T]:
    """Weighted choice with precomputed cumulative weights."""

    def __init__(self, pairs: Iterable[tuple[T, float]]) -> None:
        items = list(pairs)
        self.values = [value for value, _ in items]
        self.cumulative = list(itertools.accumulate(weight for _, weight in items))
        self.total = self.cumulative[-1]
        # A draw that rounds up to the very total takes the last value.
        self._drawn = (*self.values, self.values[-1])

    def draw(self, dice: Dice) -> T:
        return self._drawn[bisect_right(self.cumulative, dice.random() * self.total)]


class Calendar:
    """Day ordinals around the office's today, their ISO text, and plausible timestamps."""

    def __init__(self, today: dt.date, now_stamp: str) -> None:
        self.today = today.toordinal()
        self.now_stamp = now_stamp
        first = self.today - 800
        # The ISO text of each day the demo speaks of (hot loops read it directly).
        self.iso_of = {
            day: dt.date.fromordinal(day).isoformat() for day in range(first, first + 900)
        }

    def iso(self, day: int) -> str:
        return self.iso_of[day]

    def date(self, day: int) -> dt.date:
        return dt.date.fromordinal(day)

    def stamp(self, day: int, dice: Dice) -> str:
        """A moment in working hours on ``day`` (UTC text), never later than now."""
        text = self.iso_of[day] + TIMES_UTC[trunc(dice.random() * 1024)]
        return text if day < self.today else min(text, self.now_stamp)

    def time_of_day(self, dice: Dice) -> str:
        """A local ``HH:MM`` during working hours, as staff write it on a milestone."""
        return TIMES_LOCAL[trunc(dice.random() * len(TIMES_LOCAL))]


def insert_sql(table: str, columns: Sequence[str]) -> str:
    """The statement that inserts one row of ``columns`` into ``table``."""
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


CHUNK_SCHEMA = "demo_chunk"  # where a chunk's database image is opened to be copied in


class Bulk:
    """Writes the demo inside the caller's transaction, and one ``import`` audit row per table
    loaded (not one per field).

    Rows are handed to a writer thread, which puts them into their table with ``executemany``
    while this thread makes the next batch (SQLite runs each row's insert without the GIL), as it
    runs any statement queued with ``later``. Every CHECK and foreign key of the schema still
    applies. Jobs run in order, so parents are written before their children; any direct use of
    ``conn`` waits for the writer first.
    """

    def __init__(self, conn: sqlite3.Connection, *, staff_id: int, stamp: str) -> None:
        self._conn = conn
        self.staff_id = staff_id
        self.stamp = stamp
        self.counts: dict[str, int] = {}
        self._first_ids = {
            table: int(conn.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0])
            for table in ("traders", "cases", "containers", "milestones", "documents", "inquiries")
        }
        self._counters = {
            (name, year): value
            for name, year, value in conn.execute("SELECT name, year, last_value FROM counters")
        }
        self._jobs: queue.Queue[tuple[str, list[Sequence[Any]] | None] | None] = queue.Queue(
            maxsize=8
        )
        self._failure: BaseException | None = None
        self._discard = False
        self._held: list[tuple[str, Sequence[str], list[Sequence[Any]]]] | None = None
        self._layout: list[Any] | None = None  # of the chunk images copied in
        self._thread = threading.Thread(target=self._work, name="demo-writer", daemon=True)
        self._thread.start()

    @property
    def conn(self) -> sqlite3.Connection:
        self.flush()
        return self._conn

    def next_id(self, table: str) -> int:
        """The first free id of ``table`` as the load began: the rows made here carry their ids,
        so nothing needs to ask the database (and wait for the writer) to learn them."""
        return self._first_ids[table]

    def insert(self, table: str, columns: Sequence[str], values: Iterable[Sequence[Any]]) -> None:
        """Write ``values`` into ``table`` now, on this thread, after whatever was queued (or,
        inside ``held``, when the block ends). The rows are made first: making them overlaps
        what the writer is still doing."""
        rows = values if isinstance(values, list) else list(values)
        if self._held is not None:
            self._held.append((table, columns, rows))
            return
        self.flush()
        self._conn.executemany(insert_sql(table, columns), rows)
        self.counts[table] = self.counts.get(table, 0) + len(rows)

    def copy_in(self, image: bytes, counts: dict[str, int]) -> None:
        """Copy whole tables (``counts``: each table and its rows, parents first) from a
        database image made with this schema's own table definitions, on this thread after
        whatever was queued. The rows were checked as they were written there; SQLite copies
        the records as they are (its transfer of identical tables: no row is decoded). Needs
        the ``CHUNK_SCHEMA`` database attached, and foreign keys off (they are checked once, by
        the caller, before it commits)."""
        self.flush()
        self._conn.deserialize(image, name=CHUNK_SCHEMA)
        # The connection keeps what it read of the first image's schema (where each table's
        # pages start): every image must have the very same, as images made alike do.
        layout = self._conn.execute(
            f"SELECT type, name, rootpage, sql FROM {CHUNK_SCHEMA}.sqlite_schema ORDER BY name"
        ).fetchall()
        if self._layout is None:
            self._layout = layout
        elif layout != self._layout:
            raise RuntimeError("A chunk's database is not laid out as the first one was.")
        for table, count in counts.items():
            self._conn.execute(f"INSERT INTO main.{table} SELECT * FROM {CHUNK_SCHEMA}.{table}")
            self.counts[table] = self.counts.get(table, 0) + count

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        """Inserts inside the block wait until it ends, in their order, so that everything the
        block makes is made while the writer thread is still busy (e.g. rebuilding a
        full-text index) rather than in turns with it."""
        self._held = []
        try:
            yield
        finally:
            held, self._held = self._held, None
        for table, columns, made in held:
            self.insert(table, columns, made)

    def later(self, *statements: str) -> None:
        """Queue statements for the writer, after everything queued before them."""
        self._raise_failure()
        for statement in statements:
            self._jobs.put((statement, None))

    def flush(self) -> None:
        """Wait until everything queued is written; raise what the writer failed with."""
        self._jobs.join()
        self._raise_failure()

    def close(self) -> None:
        """Finish the writing and stop the writer."""
        try:
            self.flush()
        finally:
            self._stop()

    def abandon(self) -> None:
        """The build failed: skip what is queued and stop the writer (the caller rolls back)."""
        self._discard = True
        self._stop()

    def _stop(self) -> None:
        if self._thread.is_alive():
            self._jobs.put(None)
            self._thread.join()

    def _raise_failure(self) -> None:
        if self._failure is not None:
            raise self._failure

    def _work(self) -> None:
        while (job := self._jobs.get()) is not None:
            try:
                if self._failure is None and not self._discard:
                    statement, rows = job
                    if rows is None:
                        self._conn.execute(statement)
                    else:
                        self._conn.executemany(statement, rows)
            except BaseException as exc:  # handed over to the calling thread
                self._failure = exc
            finally:
                self._jobs.task_done()
        self._jobs.task_done()

    def audit_loads(self) -> None:
        for table, count in self.counts.items():
            rows.audit(
                self.conn,
                at=self.stamp,
                staff_id=self.staff_id,
                entity=table,
                entity_id=None,
                action="import",
                changes={"rows": (None, count)},
                reference="demo",
            )

    def counter(self, name: str, year: int) -> int:
        """The last number a yearly counter had given out when the load began."""
        return int(self._counters.get((name, year), 0))

    def set_counter(self, name: str, year: int, last_value: int) -> None:
        """Later real use continues the sequence: the counter holds the highest number used."""
        self.later(
            "INSERT INTO counters (name, year, last_value) VALUES "
            f"('{name}', {int(year)}, {int(last_value)}) ON CONFLICT(name, year) DO UPDATE "
            "SET last_value = max(last_value, excluded.last_value)"
        )


class LoadPause:
    """Sets aside what makes a row-by-row load slow, and puts it back exactly as the schema wrote
    it once each table is complete: the full-text indexes' insert triggers (each index is rebuilt
    in one pass, or filled a run of rows at a time with ``index_rows``: a trigger would make each
    row a segment of its own) and the tables' own indexes (each is built again from the sorted
    rows, where a row-by-row load updates every index at a random place, row after row).

    Nothing is checked less: each CHECK and foreign key applies to every row as it is written,
    and a unique index that is built again refuses the load if the rows break it."""

    def __init__(
        self, conn: sqlite3.Connection, tables: Sequence[str], searched: Sequence[str]
    ) -> None:
        self.conn = conn
        self.pending = list(tables)
        self.searched = set(searched)
        self.as_it_goes: set[str] = set()  # full-text indexes filled by index_rows
        self.columns = {  # what each full-text index holds
            table: ", ".join(r[1] for r in conn.execute(f"PRAGMA table_info({table}_fts)"))
            for table in searched
        }
        self.triggers: list[tuple[str, str]] = [
            (name, sql)
            for table in searched
            for name, sql in conn.execute(
                "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ? "
                "AND name = ?",
                (table, f"{table}_fts_ai"),
            )
        ]
        # Indexes the schema made with CREATE INDEX (a UNIQUE or PRIMARY KEY constraint's own
        # index has no SQL and cannot be dropped; it is kept).
        self.indexes: dict[str, list[tuple[str, str]]] = {
            table: conn.execute(
                "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? "
                "AND sql IS NOT NULL ORDER BY name",
                (table,),
            ).fetchall()
            for table in tables
        }

    def __enter__(self) -> LoadPause:
        for name, _ in self.triggers:
            self.conn.execute(f'DROP TRIGGER "{name}"')
        for indexes in self.indexes.values():
            for name, _ in indexes:
                self.conn.execute(f'DROP INDEX "{name}"')
        return self

    def _statements(self, table: str) -> list[str]:
        made = [sql for _, sql in self.indexes[table]]
        if table in self.searched and table not in self.as_it_goes:
            made.append(f"INSERT INTO {table}_fts({table}_fts) VALUES ('rebuild')")
        return made

    def index_rows(self, bulk: Bulk, table: str, first: int, last: int) -> None:
        """Rows with ids ``first`` to ``last`` are written to ``table``: the writer puts them
        into its full-text index, as its insert trigger would (one statement for the run costs
        what rebuilding the index would for them). Once used for a table, use it for all of the
        table's rows: its index is not rebuilt at the end."""
        self.as_it_goes.add(table)
        columns = self.columns[table]
        bulk.later(
            f"INSERT INTO {table}_fts(rowid, {columns}) SELECT id, {columns} FROM {table} "
            f"WHERE id BETWEEN {int(first)} AND {int(last)}"
        )

    def rebuild(self, bulk: Bulk, *tables: str) -> None:
        """``tables`` are complete: their indexes are built by the writer, after their rows."""
        for table in tables:
            self.pending.remove(table)
            bulk.later(*self._statements(table))

    def __exit__(self, *exc: object) -> None:
        if exc[0] is not None:
            return  # the caller's ROLLBACK brings the indexes and triggers back
        for table in self.pending:
            for statement in self._statements(table):
                self.conn.execute(statement)
        for _, sql in self.triggers:
            self.conn.execute(sql)
