"""``make bench`` (demo part): how long the demo generator takes for 100,000 cases, and how big the
database gets. Prints figures; never asserts a time."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from liaison.clock import FixedClock
from liaison.demo import create_demo_database
from liaison.office import Office
from tests.conftest import NOW, fast_hasher

CASES = 100_000


def python_speed() -> float:
    """Seconds for a fixed pure-Python loop: says how fast (or how busy) this machine is."""
    started = time.process_time()
    total = 0
    for n in range(10_000_000):
        total += n
    assert total
    return time.process_time() - started


@pytest.mark.bench
def test_demo_of_100000_cases(tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    loop = python_speed()
    load = os.getloadavg()[0]
    cpu, wall = time.process_time(), time.perf_counter()
    summary = create_demo_database(
        path, cases=CASES, seed=1, clock=FixedClock(NOW), hasher=fast_hasher(), workers=None
    )
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    rows = sum(summary.counts.values())
    size = path.stat().st_size
    print(
        f"\ndemo, {CASES:,} cases: {wall:.1f} s wall, {cpu:.1f} s CPU, "
        f"{rows / wall:,.0f} rows/s, {size / 1e6:.0f} MB "
        f"(load average {load:.1f}; reference loop {loop:.2f} s)"
    )
    for line in summary.lines()[:-1]:
        print(line)
    assert summary.counts["cases"] == CASES
    assert 2.5 * CASES <= summary.counts["containers"] <= 3.5 * CASES
    assert summary.counts["traders"] >= CASES // 5
    office = Office.open(path, clock=FixedClock(NOW))
    try:
        started = time.perf_counter()
        office.check(full=False)
        print(f"quick check of the demo database: {time.perf_counter() - started:.1f} s")
        for table in ("traders", "cases", "containers", "inquiries"):
            office.store.conn.execute(
                f"INSERT INTO {table}_fts({table}_fts, rank) VALUES ('integrity-check', 1)"
            )
    finally:
        office.close()
