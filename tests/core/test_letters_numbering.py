"""Reference numbers under contention (PROMISES P3): two processes issuing at once never share a
number and leave no gap; a batch cancelled midway leaves only whole, numbered letters."""

from __future__ import annotations

import itertools
import multiprocessing
import os
import random
import threading
import time
from pathlib import Path

import pytest

from liaison.clock import FixedClock
from liaison.letters import builder
from liaison.letters.render import render_pdf
from liaison.models import ListQuery
from liaison.office import Office
from liaison.services import letters as services_letters
from tests.conftest import NOW
from tests.core import letter_cases as lc

PER_PROCESS = 200


def issue_many(
    path: str, case_id: int, count: int, start: multiprocessing.synchronize.Event
) -> None:
    # Rendering is stubbed here (real rendering is exercised by the batch tests): what is under
    # test is taking numbers while another process takes them too, 400 times, in a few seconds.
    services_letters.render_pdf = lambda content, logo: b"%PDF-1.4 " + content.ref.encode()
    office = Office.open(path, clock=FixedClock(NOW))
    admin = next(s for s in office.staff.all() if s.username == "admin")
    office.act_as(admin)
    start.wait(30)
    pause = random.Random(case_id + os.getpid())
    for _ in range(count):
        office.letters.issue("DOCS_MISSING", case_id=case_id, language="en")
        time.sleep(pause.uniform(0, 0.02))  # a person clicking again, not a tight loop
    office.close()


@pytest.mark.slow
def test_two_processes_issue_unique_gapless_numbers(office: Office, db_path: Path) -> None:
    owner = lc.trader(office)
    cases = [lc.documents_case(office, owner), lc.documents_case(office, owner)]
    context = multiprocessing.get_context("spawn")
    start = context.Event()
    workers = [
        context.Process(target=issue_many, args=(str(db_path), case.id, PER_PROCESS, start))
        for case in cases
    ]
    for worker in workers:
        worker.start()
    start.set()
    for worker in workers:
        worker.join(600)
        assert worker.exitcode == 0
    rows = office.store.all("SELECT number, ref, case_id FROM letters ORDER BY number")
    assert [r[0] for r in rows] == list(range(1, 2 * PER_PROCESS + 1))
    assert len({r[1] for r in rows}) == 2 * PER_PROCESS
    owners = [r[2] for r in rows]
    switches = sum(1 for a, b in itertools.pairwise(owners) if a != b)
    assert switches > 10  # the two processes really took numbers in turn
    office.check()


def cases_for_batch(office: Office, count: int) -> list[int]:
    owner = lc.trader(office)
    ids = []
    for i in range(count):
        record = lc.case(office, owner, boxes=1, first_serial=200000 + i, bl=f"MAEU2600{i:05d}")
        lc.milestone(office, record, "DISCHARGED", lc.TODAY)
        ids.append(record.id)
    return ids


def test_batch_in_worker_processes_issues_one_letter_per_case(office: Office) -> None:
    ids = cases_for_batch(office, 30)
    undischarged = lc.case(
        office, lc.trader(office, "Nyiramana Trading", tin="109876543"), first_serial=900000
    )
    seen: list[tuple[int, int]] = []
    result = office.letters.issue_batch(
        "STORAGE_WARNING",
        [*ids[:15], undischarged.id, *ids[15:]],
        workers=2,
        progress=lambda done, total: seen.append((done, total)),
    )
    assert not result.cancelled
    assert len(result.issued) == 30 and [o.case_id for o in result.skipped] == [undischarged.id]
    assert "free-storage clock" in (result.skipped[0].problem or "")
    assert [o.ref for o in result.issued] == [f"KPA/KGL/LTR/2026/{n:04d}" for n in range(1, 31)]
    assert seen[-1] == (31, 31) and all(a <= b for (a, _), (b, _) in itertools.pairwise(seen))
    # The workers print exactly what this process would: same content (the facts read once per
    # chunk are the ones a single letter reads), same logo, same bytes.
    logo = office.letters.logo()
    for outcome in result.issued[:3] + result.issued[-2:]:
        letter_id = outcome.letter_id or 0
        content = office.letters.content(letter_id)
        facts = office.letters.gather_facts(
            office.store.conn, "STORAGE_WARNING", content.language, outcome.case_id, None, None
        )
        assert builder.build(facts, outcome.ref) == content
        assert office.letters.pdf(letter_id) == render_pdf(content, logo)
    assert office.letters.count(ListQuery(filters={"kind": "STORAGE_WARNING"})) == 30


def test_a_cancelled_batch_leaves_only_whole_numbered_letters(office: Office) -> None:
    ids = cases_for_batch(office, 20)
    stop = threading.Event()
    result = office.letters.issue_batch(
        "CARGO_STATUS",
        ids,
        workers=1,
        progress=lambda done, total: stop.set(),
        should_stop=stop.is_set,
    )
    assert result.cancelled
    issued = len(result.issued)
    assert 0 < issued < 20
    stored = office.store.all("SELECT number, length(pdf), pdf_size FROM letters ORDER BY number")
    assert [r[0] for r in stored] == list(range(1, issued + 1))
    assert all(r[1] == r[2] and r[1] > 1000 for r in stored)
    assert office.store.scalar("SELECT last_value FROM counters WHERE name = 'letter'") == issued
    audited = office.store.scalar(
        "SELECT count(DISTINCT entity_id) FROM audit_log WHERE entity = 'letters' AND action = 'create'"
    )
    assert audited == issued


def test_a_failure_inside_a_chunk_gives_its_numbers_back(
    office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    from liaison.letters import batch

    ids = cases_for_batch(office, 12)
    calls = {"n": 0}
    real = batch.render_pdf

    def flaky(content, logo):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 11:
            raise OSError("printer spool full")
        return real(content, logo)

    monkeypatch.setattr(batch, "render_pdf", flaky)
    with pytest.raises(OSError):
        office.letters.issue_batch("CARGO_STATUS", ids, workers=1)
    assert office.store.scalar("SELECT count(*) FROM letters") == 8  # the first chunk only
    assert office.store.scalar("SELECT last_value FROM counters WHERE name = 'letter'") == 8
    letter, _ = office.letters.issue("CARGO_STATUS", case_id=ids[-1])
    assert letter.number == 9
