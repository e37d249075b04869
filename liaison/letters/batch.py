"""Issuing one kind of letter to many cases: rendering in worker processes, numbering and storing
in this one.

The cases go in chunks. For each chunk, one ``BEGIN IMMEDIATE`` transaction gathers the facts,
takes the numbers, has the PDFs rendered in parallel (reportlab holds the GIL, so threads would not
help: processes do), stores every letter with its audit rows and commits. Cancelling is checked
between chunks, so a cancelled batch leaves only whole, numbered, stored letters and no gap in the
numbering; an error rolls its chunk back, numbers included.

The workers are started once per batch and kept for all its chunks; each gets the logo once, when
it starts, and warms up (fonts, styles, the logo's image) while this process gathers the first
facts. The first chunk is small, so progress shows and cancelling answers early; later chunks are
sized to take about ``CHUNK_SECONDS`` each, so the workers seldom wait for a commit.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import replace
from multiprocessing import get_context
from typing import TYPE_CHECKING

from liaison.errors import LiaisonError, ValidationError
from liaison.letters import builder, freeze, templates, worker
from liaison.letters.content import LetterContent
from liaison.letters.facts import LetterFacts
from liaison.letters.render import render_pdf
from liaison.letters.store import SharedFacts
from liaison.models import BatchOutcome, BatchResult

if TYPE_CHECKING:
    from liaison.services.letters import LetterService

POOL_THRESHOLD = 24  # below this many letters, starting worker processes costs more than it saves
CHUNK_PER_WORKER = 8  # the first chunk
CHUNK_SECONDS = 0.5  # later chunks: about this long each (the write lock is held that long)
CHUNK_LIMIT = 400
YIELD_SECONDS = 0.02


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def start_pool(workers: int, logo: bytes | None) -> Executor:
    """Spawned, not forked: forking a process that runs threads (the app's worker) can deadlock."""
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=get_context("spawn"),
        initializer=worker.start,
        initargs=(logo,),
    )


def run_batch(
    service: LetterService,
    kind: str,
    case_ids: list[int],
    *,
    language: str | None,
    note: str | None,
    progress: Callable[[int, int], None] | None,
    should_stop: Callable[[], bool] | None,
    workers: int | None,
) -> BatchResult:
    started = time.perf_counter()
    spec = templates.kind_spec(kind)
    if spec.needs != "case":
        raise ValidationError("kind", "A batch writes letters about cases.", code="needs_case")
    if language:
        templates.pack(language)
    actor = service.require_editor()
    logo = service.logo()
    workers = workers or default_workers()
    pool = start_pool(workers, logo) if workers > 1 and len(case_ids) >= POOL_THRESHOLD else None
    size = smallest = CHUNK_PER_WORKER * (workers if pool else 1)
    outcomes: list[BatchOutcome] = []
    cancelled = False
    first = 0
    try:
        while first < len(case_ids):
            if should_stop is not None and should_stop():
                cancelled = True
                break
            chunk_started = time.perf_counter()
            chunk = case_ids[first : first + size]
            outcomes += _chunk(service, kind, chunk, language, note, logo, actor.id, pool)
            first += len(chunk)
            if progress is not None:
                progress(len(outcomes), len(case_ids))
            size = _next_size(len(chunk), time.perf_counter() - chunk_started, smallest)
            # Another instance waiting to write polls the lock about every 100 ms; this gap
            # between chunks lets it in instead of starving it until its busy timeout.
            time.sleep(YIELD_SECONDS)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    return BatchResult(kind, tuple(outcomes), cancelled, time.perf_counter() - started)


def _next_size(done: int, seconds: float, smallest: int) -> int:
    """As many letters as the last chunk's pace fits in ``CHUNK_SECONDS``: at most twice as
    many as last time (one quick chunk cannot make the next hold the lock for long), never fewer
    than the first chunk (which also waited for the workers to start)."""
    fits = int(done * CHUNK_SECONDS / max(seconds, 1e-3))
    return max(smallest, min(fits, 2 * done, CHUNK_LIMIT))


def _chunk(
    service: LetterService,
    kind: str,
    case_ids: list[int],
    language: str | None,
    note: str | None,
    logo: bytes,
    staff_id: int,
    pool: Executor | None,
) -> list[BatchOutcome]:
    results: list[BatchOutcome] = []
    prepared: list[tuple[int, LetterFacts, LetterContent, Future[bytes] | None]] = []
    with service.store.write() as conn:
        shared = SharedFacts.read(conn)  # the same for every letter of this transaction
        for case_id in case_ids:
            ref_row = conn.execute("SELECT ref FROM cases WHERE id = ?", (case_id,)).fetchone()
            case_ref = ref_row[0] if ref_row else f"#{case_id}"
            try:
                lang = language or service.default_language(case_id=case_id)
                facts = service.gather_facts(conn, kind, lang, case_id, None, note, shared)
                builder.check_applicable(facts, templates.pack(lang))
            except LiaisonError as exc:
                results.append(BatchOutcome(case_id, case_ref, problem=exc.message))
                continue
            content = freeze.number_and_build(conn, facts)
            # Rendering starts at once in a worker while the next case's facts are gathered.
            job = pool.submit(worker.render, content) if pool is not None else None
            prepared.append((len(results), facts, content, job))
            results.append(BatchOutcome(case_id, case_ref))
        for slot, facts, content, job in prepared:
            pdf = job.result() if job is not None else render_pdf(content, logo)
            letter_id = freeze.store_letter(
                conn, facts, content, pdf, staff_id=staff_id, stamp=service.now(), supersedes=None
            )
            results[slot] = replace(results[slot], letter_id=letter_id, ref=content.ref)
    return results
