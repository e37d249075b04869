"""Core figures on a 100,000-case office (run by ``make bench``): global search and the first
page of the case list, each beside the bare SQL it wraps, and a 20,000-trader import.

Prints a table of medians and ratios; asserts only that the answers are right and non-empty,
never a time (targets: search under 20 ms, ratio to bare SQL under 2)."""

from __future__ import annotations

import csv
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from liaison.clock import FixedClock
from liaison.db.queries import case_list
from liaison.enums import Entity
from liaison.models import ListQuery
from liaison.office import Office
from liaison.rules.identifiers import format_container
from liaison.rules.text import search_key
from liaison.services.search import KIND_ORDER, match_expression
from tests.benchmarks.bigdb import NOW, database
from tests.conftest import fast_hasher

pytestmark = pytest.mark.bench

CASES = 100_000
RUNS = 25
FTS = {
    Entity.CASES: "cases_fts",
    Entity.CONTAINERS: "containers_fts",
    Entity.TRADERS: "traders_fts",
    Entity.INQUIRIES: "inquiries_fts",
}


def median_ms(fn: Callable[[], Any], runs: int = RUNS) -> float:
    fn()  # warm the page cache
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def bare_search(office: Office, text: str) -> Callable[[], Any]:
    """The obvious hand-written SQL: each kind's MATCH, best bm25 rank first, ten rows."""
    expression = match_expression(text)
    conn = office.store.conn

    def run() -> list[Any]:
        return [
            conn.execute(
                f"SELECT rowid FROM {FTS[kind]} WHERE {FTS[kind]} MATCH ? ORDER BY rank LIMIT 10",
                (expression,),
            ).fetchall()
            for kind in KIND_ORDER
        ]

    return run


@pytest.fixture(scope="module")
def big_office() -> Any:
    office = Office.open(database(CASES), clock=FixedClock(NOW), hasher=fast_hasher())
    yield office
    office.close()


def typical_queries(office: Office) -> dict[str, tuple[str, Entity, int | None]]:
    """Typed queries taken from the data: (text, kind expected first, its id when one record
    must be among the hits)."""
    box = office.store.one("SELECT id, number FROM containers ORDER BY id DESC LIMIT 1")
    case = office.store.one("SELECT id, bl_number FROM cases WHERE id = 5000")
    names = office.store.all(
        "SELECT legal_name FROM traders WHERE status = 'active' ORDER BY id LIMIT 50 OFFSET 700"
    )
    assert box and case and names
    name = next(n[0] for n in names if len(n[0].split()) >= 2 and len(n[0].split()[-1]) >= 4)
    *head, last = name.split()
    typed_name = " ".join([*head, last[: len(last) // 2]])
    return {
        "container, spaced": (format_container(box["number"]), Entity.CONTAINERS, box["id"]),
        "container, dashed lower": (
            format_container(box["number"]).lower().replace(" ", "-"),
            Entity.CONTAINERS,
            box["id"],
        ),
        "B/L as typed": (case["bl_number"], Entity.CASES, case["id"]),
        "B/L compact": (case["bl_number"].replace(" ", ""), Entity.CASES, case["id"]),
        "trader name prefix": (typed_name, Entity.TRADERS, None),
        "two letters as typing starts": (typed_name[:2], Entity.TRADERS, None),
    }


def test_search_and_case_list_beside_bare_sql(big_office: Office) -> None:
    office = big_office
    lines = []
    for label, (text, kind, expected) in typical_queries(office).items():
        hits = office.search.search(text)
        if expected is None:
            # The first trader found has a word starting so: in its name, or in another field
            # it is found by (a contact person, a district…).
            found = [h.id for h in hits if h.kind is kind]
            assert found, (label, text)
            words = office.store.scalar(
                "SELECT search_text FROM traders WHERE id = ?", (found[0],)
            ).split()
            assert any(w.startswith(search_key(text).split()[-1]) for w in words), (label, text)
        else:
            assert (kind, expected) in [(h.kind, h.id) for h in hits], (label, text)
        ours = median_ms(lambda text=text: office.search.search(text))
        bare = median_ms(bare_search(office, text))
        lines.append((f"search: {label} ({text})", ours, bare))

    query = ListQuery(limit=100)
    sql, params = case_list(query, count=False)
    page = office.cases.page(query)
    assert len(page) == 100 and page[0].id > page[-1].id
    ours = median_ms(lambda: office.cases.page(query))
    bare = median_ms(lambda: office.store.conn.execute(sql, params).fetchall())
    lines.append(("case list: first page of 100", ours, bare))

    counts = {
        t: office.store.scalar(f"SELECT count(*) FROM {t}")
        for t in ("cases", "containers", "traders", "inquiries")
    }
    print(f"\n\nCore bench on {', '.join(f'{n:,} {t}' for t, n in counts.items())}")
    print(f"{'what':<66} {'ours ms':>9} {'bare ms':>9} {'ratio':>6}")
    for what, ours, bare in lines:
        print(f"{what[:66]:<66} {ours:>9.2f} {bare:>9.2f} {ours / bare:>6.2f}")
    print("targets: search under 20 ms median; ratio to bare SQL under 2\n")


def test_import_of_twenty_thousand_traders(tmp_path: Path) -> None:
    path = tmp_path / "traders.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["legal_name", "tin", "phone", "email", "district", "vat_registered"])
        for n in range(20_000):
            writer.writerow(
                [
                    f"Trader {n} Ltd",
                    110_000_000 + n,
                    f"078{n:07d}",
                    f"t{n}@example.rw",
                    "Gasabo",
                    "yes",
                ]
            )
    office = Office.create(tmp_path / "office.db", clock=FixedClock(NOW), hasher=fast_hasher())
    try:
        started = time.perf_counter()
        report = office.imports.traders(path)
        seconds = time.perf_counter() - started
        assert report.imported == 20_000
        assert (
            office.store.scalar("SELECT count(*) FROM traders_fts WHERE traders_fts MATCH 'gasabo'")
            == 20_000
        )
    finally:
        office.close()
    print(f"\nimport of 20,000 traders (validated, one transaction): {seconds:.1f} s\n")
