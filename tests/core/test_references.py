"""Reference numbers under contention (PROMISES P3): two processes opening cases on one database
file at the same moment never get the same number and leave no gap."""

from __future__ import annotations

import multiprocessing
import time
from typing import Any

from liaison.clock import FixedClock
from liaison.models import CaseDraft, ContainerDraft, TraderDraft
from liaison.office import Office
from tests.conftest import NOW, fast_hasher

PER_PROCESS = 100


def open_cases(path: str, trader_id: int, start: Any) -> list[str]:
    """Runs in a spawned process: opens ``PER_PROCESS`` cases, one transaction each."""
    office = Office.open(path, clock=FixedClock(NOW), hasher=fast_hasher())
    refs = []
    try:
        start.wait(60)
        for n in range(PER_PROCESS):
            case, _ = office.cases.create(
                CaseDraft(trader_id, f"MAEU{200_000_000 + n}"), [ContainerDraft("CSQU3054383")]
            )
            refs.append(case.ref)
            time.sleep(0.002)  # a person's pause: lets the other process's busy wait succeed
    finally:
        office.close()
    return refs


def test_two_processes_opening_cases_get_unique_gapless_references(office: Office) -> None:
    trader, _ = office.traders.create(TraderDraft("Umurava Import Export", tin="112233445"))
    path = office.path
    assert path is not None
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager:
        start = manager.Event()
        with context.Pool(2) as pool:
            jobs = [pool.apply_async(open_cases, (str(path), trader.id, start)) for _ in range(2)]
            start.set()
            first, second = (job.get(timeout=300) for job in jobs)
    assert len(first) == len(second) == PER_PROCESS
    assert not set(first) & set(second)
    stored = [r[0] for r in office.store.all("SELECT ref FROM cases ORDER BY ref")]
    assert sorted(first + second) == stored
    numbers = sorted(int(ref.rsplit("-", 1)[1]) for ref in stored)
    assert numbers == list(range(1, 2 * PER_PROCESS + 1))
    assert all(ref.startswith("CASE-2026-") for ref in stored)
    counter = office.store.scalar("SELECT last_value FROM counters WHERE name = 'case'")
    assert counter == 2 * PER_PROCESS
    # Each process's own numbers rise: a number is taken inside the writing transaction.
    for refs in (first, second):
        assert refs == sorted(refs)
    # And the two really wrote at the same time: their ranges of numbers overlap.
    assert max(first[0], second[0]) < min(first[-1], second[-1])
