"""The clearance cases are made in chunks, each from its own seeded dice and its own starting
ids, reference numbers and container serial range, so a chunk comes out the same wherever it is
made: in this process for a small demo, in a worker process for a large one (making the rows is
most of the work, and SQLite's writing goes on meanwhile). The office's work about a chunk's
cases (their inquiries, referrals, follow-ups and notes) is made with them, from dice of its own.

A chunk's case rows are written where they are made, into a database of their own in memory
created with the office's own table definitions (so every CHECK and type rule of the schema
applies to each row there), and handed over as that database's image; the office copies the
tables whole (SQLite's transfer of records as they are, no row passes through Python again).
The work rows travel as one ``marshal`` string (plain tuples of text and numbers: about twice as
quick to write and read back as pickling them).

Worker processes are spawned, not forked (forking a process that runs threads can deadlock), so
the calling program's main module must be safe to import (``if __name__ == "__main__"``), as for
any use of multiprocessing; that is why the library uses them only when asked. At most a few
chunks are in flight, so memory stays flat.
"""

from __future__ import annotations

import datetime as dt
import gc
import marshal
import os
import sqlite3
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing import get_context

from liaison.demo.base import Calendar, Dice, insert_sql
from liaison.demo.book import work_for_cases
from liaison.demo.clearance import (
    CASE_COLUMNS,
    CONTAINER_COLUMNS,
    DOCUMENT_COLUMNS,
    MILESTONE_COLUMNS,
    CaseMaker,
    CaseRows,
    TraderName,
)
from liaison.demo.corridor import CaseHead
from liaison.demo.people import StaffIds
from liaison.demo.work import People, WorkContext, WorkMaker, WorkRows
from liaison.models import Tariff

CHUNK = 2_000  # cases per chunk
SERIALS = 1_000_000  # six-digit container serial numbers, shared out between the chunks
# Ids set aside for each chunk's milestones and documents, per case: more than a case ever has
# (its count is only known once it is made, and SQLite copies a table with the ids it holds).
EVENT_IDS, DOCUMENT_IDS = 100, 20
# The tables a chunk's database holds, in the order they are copied (parents first).
CASE_TABLES = (
    ("cases", CASE_COLUMNS),
    ("containers", CONTAINER_COLUMNS),
    ("milestones", MILESTONE_COLUMNS),
    ("documents", DOCUMENT_COLUMNS),
)


@dataclass(frozen=True)
class CaseContext:
    """What every chunk shares."""

    seed: int
    today: int
    now_stamp: str
    staff: StaffIds
    tariffs: list[Tariff]
    agents: list[int]
    work: WorkContext
    schema: dict[str, str]  # each of CASE_TABLES → the office's CREATE TABLE statement


@dataclass
class CaseChunk:
    index: int
    heads: list[CaseHead]
    traders: dict[int, TraderName]
    people: People
    first_case_id: int
    first_box_id: int
    first_ids: tuple[int, int]  # of its milestones and of its documents
    serials: dict[int, int]  # year → last case number used before this chunk
    serial_range: tuple[int, int]


@dataclass(slots=True)
class ChunkRows:
    """One chunk's cases, containers, milestones and documents as a database image
    (``tables``; ``counts``: rows per table, ``cases`` and ``boxes``: the first and last id of
    each), and the rows of the office's work about them."""

    tables: bytes
    counts: dict[str, int]
    cases: tuple[int, int]
    boxes: tuple[int, int]
    work: WorkRows

    def packed(self) -> tuple[bytes, bytes]:
        facts = (self.counts, self.cases, self.boxes, self.work.packed())
        return self.tables, marshal.dumps(facts)

    @classmethod
    def unpacked(cls, data: tuple[bytes, bytes]) -> ChunkRows:
        tables, facts = data
        counts, cases, boxes, work = marshal.loads(facts)
        return cls(tables, counts, cases, boxes, WorkRows(*work))


def make_rows(context: CaseContext, chunk: CaseChunk) -> ChunkRows:
    """One chunk's rows; a pure function of its arguments."""
    cal = Calendar(dt.date.fromordinal(context.today), context.now_stamp)
    maker = CaseMaker(
        cal,
        Dice(f"{context.seed}/cases/{chunk.index}"),
        context.staff,
        chunk.traders,
        context.tariffs,
        context.agents,
        first_case_id=chunk.first_case_id,
        first_box_id=chunk.first_box_id,
        serials=chunk.serials,
        serial_range=chunk.serial_range,
    )
    made = maker.make(chunk.heads)
    if len(made.milestones) > CHUNK * EVENT_IDS or len(made.documents) > CHUNK * DOCUMENT_IDS:
        raise RuntimeError("More milestones or documents than their ids set aside.")
    work = WorkMaker(cal, Dice(f"{context.seed}/work/{chunk.index}"), context.work, chunk.people)
    return ChunkRows(
        tables=written(context.schema, made, chunk.first_ids),
        counts={
            "cases": len(made.cases),
            "containers": len(made.containers),
            "milestones": len(made.milestones),
            "documents": len(made.documents),
        },
        cases=(made.cases[0][0], made.cases[-1][0]),
        boxes=(made.containers[0][0], made.containers[-1][0]),
        work=work_for_cases(work, made.info),
    )


def written(schema: dict[str, str], made: CaseRows, first_ids: tuple[int, int]) -> bytes:
    """``made`` written into a new database in memory with the office's table definitions (no
    foreign keys to check there: the office checks them all before it commits), as an image.
    Milestones and documents get ids from ``first_ids`` on."""
    db = sqlite3.connect(":memory:", isolation_level=None)
    try:
        rows = (
            made.cases,
            made.containers,
            [(n, *row) for n, row in enumerate(made.milestones, first_ids[0])],
            [(n, *row) for n, row in enumerate(made.documents, first_ids[1])],
        )
        for table, _ in CASE_TABLES:  # all first: every image has its tables at the same pages
            db.execute(schema[table])
        db.execute("BEGIN")
        for (table, columns), values in zip(CASE_TABLES, rows, strict=True):
            named = columns if columns[0] == "id" else ("id", *columns)
            db.executemany(insert_sql(table, named), values)
        db.execute("COMMIT")
        return db.serialize()
    finally:
        db.close()


def make_packed(context: CaseContext, chunk: CaseChunk) -> tuple[bytes, bytes]:
    """``make_rows`` in a worker process: the rows as they travel back."""
    return make_rows(context, chunk).packed()


def split(
    heads: Sequence[CaseHead],
    traders: Sequence[TraderName],
    people: People,
    *,
    first_case_id: int,
    first_box_id: int,
    first_ids: tuple[int, int],
    counters: dict[int, int],
) -> list[CaseChunk]:
    """Cut the cases (in reference order) into chunks and give each its starting numbers.
    ``counters`` holds each year's last case number before the demo."""
    count = max(1, -(-len(heads) // CHUNK))
    span = SERIALS // count
    serials = dict(counters)
    chunks: list[CaseChunk] = []
    case_id, box_id = first_case_id, first_box_id
    for index in range(count):
        mine = list(heads[index * CHUNK : (index + 1) * CHUNK])
        chunks.append(
            CaseChunk(
                index=index,
                heads=mine,
                traders={head.trader: traders[head.trader] for head in mine},
                people={head.trader: people[head.trader] for head in mine},
                first_case_id=case_id,
                first_box_id=box_id,
                first_ids=(
                    first_ids[0] + index * CHUNK * EVENT_IDS,
                    first_ids[1] + index * CHUNK * DOCUMENT_IDS,
                ),
                serials=dict(serials),
                serial_range=(index * span, (index + 1) * span - 1),
            )
        )
        for head in mine:
            year = dt.date.fromordinal(head.opened_on).year
            serials[year] = serials.get(year, 0) + 1
        case_id += len(mine)
        box_id += sum(head.boxes for head in mine)
    return chunks


def spare_cores() -> int:
    """Worker processes worth starting here: as many as the cores (at most three). This
    process writes what they make, mostly inside SQLite, so it shares the cores with them:
    on two cores two workers build 100,000 cases in 50 s against 56 s with one (measured)."""
    return max(1, min(3, os.cpu_count() or 2))


class Makers:
    """Makes each chunk's rows, in chunk order, in ``workers`` processes (0, or ``cases`` too
    few for two chunks: in this one).

    The processes are started at once, so that their start-up (a new interpreter and its
    imports) overlaps the planning that comes before the first chunk. Should they die (no
    memory, killed), the rest is made here: the result is the same."""

    def __init__(self, workers: int, *, cases: int) -> None:
        self.pool: ProcessPoolExecutor | None = None
        if workers > 0 and cases > CHUNK:
            self.workers = workers
            self.pool = ProcessPoolExecutor(
                workers, mp_context=get_context("spawn"), initializer=_start_worker
            )
            for _ in range(workers):
                self.pool.submit(_start_worker)

    def __enter__(self) -> Makers:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def made_in_order(
        self,
        context: CaseContext,
        chunks: list[CaseChunk],
        meanwhile: Callable[[], None] = lambda: None,
    ) -> Iterator[ChunkRows]:
        """Each chunk's rows, in order; ``meanwhile`` is run here once, while the workers make
        their first chunks (without workers: before the first chunk)."""
        done = 0
        waiting = [meanwhile]
        if self.pool is not None and len(chunks) > 1:
            try:
                for rows in self._pooled(self.pool, context, chunks, waiting):
                    done += 1
                    yield rows
            except BrokenProcessPool:
                pass
        for chunk in chunks[done:]:
            while waiting:
                waiting.pop()()
            yield make_rows(context, chunk)
            _release(chunk)

    def _pooled(
        self,
        pool: ProcessPoolExecutor,
        context: CaseContext,
        chunks: list[CaseChunk],
        waiting: list[Callable[[], None]],
    ) -> Iterator[ChunkRows]:
        pending: deque[tuple[CaseChunk, Future[tuple[bytes, bytes]]]] = deque()
        try:
            for chunk in chunks:
                pending.append((chunk, pool.submit(make_packed, context, chunk)))
                if len(pending) > self.workers + 1:
                    while waiting:
                        waiting.pop()()
                    yield _collect(pending.popleft())
            while waiting:
                waiting.pop()()
            while pending:
                yield _collect(pending.popleft())
        finally:
            for _, future in pending:
                future.cancel()


def _start_worker() -> None:
    """A worker's start: importing this module brought in everything making rows needs, and
    the chunks make no reference cycles, so the collector would only rescan their rows."""
    gc.disable()


def _collect(entry: tuple[CaseChunk, Future[tuple[bytes, bytes]]]) -> ChunkRows:
    chunk, future = entry
    rows = ChunkRows.unpacked(future.result())
    _release(chunk)
    return rows


def _release(chunk: CaseChunk) -> None:
    """The chunk is made: its cases are no longer needed here."""
    chunk.heads = []
