"""The clearance cases are made in chunks, each from its own seeded dice and its own starting
ids, reference numbers and container serial range, so a chunk comes out the same wherever it is
made: in this process for a small demo, in a worker process for a large one (making the rows is
most of the work, and SQLite's writing goes on meanwhile).

Worker processes are spawned, not forked (forking a process that runs threads can deadlock), so
the calling program's main module must be safe to import (``if __name__ == "__main__"``), as for
any use of multiprocessing; that is why the library uses them only when asked. At most a few
chunks are in flight, so memory stays flat.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing import get_context

from liaison.demo.base import Calendar, Dice
from liaison.demo.clearance import CaseMaker, CaseRows, TraderName
from liaison.demo.corridor import CaseHead
from liaison.demo.people import StaffIds
from liaison.models import Tariff

CHUNK = 2_000  # cases per chunk
SERIALS = 1_000_000  # six-digit container serial numbers, shared out between the chunks


@dataclass(frozen=True)
class CaseContext:
    """What every chunk shares."""

    seed: int
    today: int
    now_stamp: str
    staff: StaffIds
    tariffs: list[Tariff]
    agents: list[int]


@dataclass
class CaseChunk:
    index: int
    heads: list[CaseHead]
    traders: dict[int, TraderName]
    first_case_id: int
    first_box_id: int
    serials: dict[int, int]  # year → last case number used before this chunk
    serial_range: tuple[int, int]


def make_rows(context: CaseContext, chunk: CaseChunk) -> CaseRows:
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
    return maker.make(chunk.heads)


def split(
    heads: Sequence[CaseHead],
    traders: Sequence[TraderName],
    *,
    first_case_id: int,
    first_box_id: int,
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
                first_case_id=case_id,
                first_box_id=box_id,
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

    def made_in_order(self, context: CaseContext, chunks: list[CaseChunk]) -> Iterator[CaseRows]:
        done = 0
        if self.pool is not None and len(chunks) > 1:
            try:
                for rows in self._pooled(self.pool, context, chunks):
                    done += 1
                    yield rows
            except BrokenProcessPool:
                pass
        for chunk in chunks[done:]:
            yield make_rows(context, chunk)
            _release(chunk)

    def _pooled(
        self, pool: ProcessPoolExecutor, context: CaseContext, chunks: list[CaseChunk]
    ) -> Iterator[CaseRows]:
        pending: deque[tuple[CaseChunk, Future[CaseRows]]] = deque()
        try:
            for chunk in chunks:
                pending.append((chunk, pool.submit(make_rows, context, chunk)))
                if len(pending) > self.workers + 1:
                    yield _collect(pending.popleft())
            while pending:
                yield _collect(pending.popleft())
        finally:
            for _, future in pending:
                future.cancel()


def _start_worker() -> None:
    """A worker's start: importing this module brought in everything making rows needs, and
    the chunks make no reference cycles, so the collector would only rescan their rows."""
    gc.disable()


def _collect(entry: tuple[CaseChunk, Future[CaseRows]]) -> CaseRows:
    chunk, future = entry
    rows = future.result()
    _release(chunk)
    return rows


def _release(chunk: CaseChunk) -> None:
    """The chunk is made: its cases are no longer needed here."""
    chunk.heads = []
