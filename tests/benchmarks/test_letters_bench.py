"""``make bench``, letters part: one cargo-status letter beside a bare reportlab document with the
same text (target: ratio under 3), and a 1,000-letter batch in worker processes (target: under
15 s on 2 cores). Figures are printed; wall-clock times are never asserted."""

from __future__ import annotations

import io
import os
import resource
import statistics
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate

from liaison.clock import FixedClock
from liaison.letters import builder
from liaison.letters.content import LetterContent
from liaison.letters.render import render_pdf
from liaison.letters.typeset import markup, register_fonts
from liaison.models import ListQuery
from liaison.office import Office
from tests.conftest import NOW, fast_hasher
from tests.core import letter_cases as lc

pytestmark = pytest.mark.bench
BARE_FONT = "BareDejaVuSans"


def median_ms(fn: object, runs: int = 25) -> tuple[float, float]:
    """Median wall-clock and CPU milliseconds (CPU time is the steadier figure on a busy
    machine)."""
    wall, cpu = [], []
    for _ in range(runs):
        started, used = time.perf_counter(), time.process_time()
        fn()  # type: ignore[operator]
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - used) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def paired_ms(
    first: Callable[[], object], second: Callable[[], object], runs: int = 25
) -> tuple[tuple[float, float], tuple[float, float]]:
    """``median_ms`` of two functions measured in turn, so a burst of load on a shared machine
    weighs on both alike."""
    a: list[tuple[float, float]] = []
    b: list[tuple[float, float]] = []
    for _ in range(runs):
        a.append(median_ms(first, runs=1))
        b.append(median_ms(second, runs=1))

    def medians(pairs: list[tuple[float, float]]) -> tuple[float, float]:
        return statistics.median(w for w, _ in pairs), statistics.median(c for _, c in pairs)

    return medians(a), medians(b)


def every_text(content: LetterContent) -> list[str]:
    texts = [content.letterhead.name, *content.letterhead.lines, content.date_line]
    texts += [f"{a}{b}" for a, b in content.references] + list(content.addressee)
    texts += [content.subject, content.salutation]
    for block in content.blocks:
        texts += ["".join(r.text for r in t) for t in block.texts]
        texts += [" ".join(block.header)] + [" ".join(row) for row in block.rows]
    texts += [content.recorded_line, content.closing, *content.signatory, content.disclaimer]
    return texts


def bare_font() -> str:
    """The same DejaVu Sans registered the stock reportlab way: the letters' own registration
    reuses font files across documents, and the baseline must not get that for free."""
    if BARE_FONT not in pdfmetrics.getRegisteredFontNames():
        data = resources.files("resources.fonts").joinpath("DejaVuSans.ttf").read_bytes()
        pdfmetrics.registerFont(TTFont(BARE_FONT, io.BytesIO(data)))
    return BARE_FONT


def bare_reportlab(texts: list[str]) -> bytes:
    buffer = io.BytesIO()
    style = ParagraphStyle("bare", fontName=bare_font(), fontSize=9, leading=12)
    SimpleDocTemplate(buffer, invariant=1).build([Paragraph(markup(t), style) for t in texts])
    return buffer.getvalue()


def test_one_letter_beside_bare_reportlab(office: Office) -> None:
    owner = lc.trader(office)
    case = lc.storage_case(office, owner, boxes=3)
    facts = office.letters.gather_facts(
        office.store.conn, "CARGO_STATUS", "en", case.id, None, None
    )
    content = builder.build(facts, "KPA/KGL/LTR/2026/0001")
    logo = office.letters.logo()
    register_fonts()
    texts = every_text(content)
    (ours, ours_cpu), (bare, bare_cpu) = paired_ms(
        lambda: render_pdf(content, logo), lambda: bare_reportlab(texts)
    )
    # The same letter under other numbers: another QR code and reference, as in a batch.
    others = iter([builder.build(facts, f"KPA/KGL/LTR/2026/{n:04d}") for n in range(2, 100)])
    _, distinct_cpu = median_ms(lambda: render_pdf(next(others), logo))
    issue, _ = median_ms(lambda: office.letters.issue("CARGO_STATUS", case_id=case.id), runs=15)
    load = os.getloadavg()[0]
    print(
        f"\nletters: (machine load {load:.1f}) cargo-status render {ours:.1f} ms "
        f"(CPU {ours_cpu:.1f} ms; numbered differently each time {distinct_cpu:.1f} ms), bare "
        f"reportlab same text {bare:.1f} ms (CPU {bare_cpu:.1f} ms), ratio {ours / bare:.2f} "
        f"(CPU {ours_cpu / bare_cpu:.2f}; target < 3); issue incl. numbering and storing "
        f"{issue:.1f} ms; PDF {len(render_pdf(content, logo)) / 1024:.0f} KB"
    )
    assert bare_reportlab(texts)[:5] == b"%PDF-"


def test_batch_of_a_thousand_letters(tmp_path: Path) -> None:
    from liaison.demo import DEMO_ACCOUNTS, create_demo_database

    path = tmp_path / "bench.db"
    create_demo_database(path, cases=1000, seed=7, clock=FixedClock(NOW), hasher=fast_hasher())
    office = Office.open(path, clock=FixedClock(NOW), hasher=fast_hasher())
    username, password, _ = next(a for a in DEMO_ACCOUNTS if a[2] == "admin")
    office.sign_in(username, password)
    case_ids = [r.id for r in office.cases.page(ListQuery(sort="id", descending=False, limit=1000))]
    assert len(case_ids) == 1000
    workers = os.cpu_count() or 1
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    main_cpu = time.process_time()
    started = time.perf_counter()
    result = office.letters.issue_batch("CARGO_STATUS", case_ids, language="en", workers=workers)
    seconds = time.perf_counter() - started
    main_cpu = time.process_time() - main_cpu
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    worker_cpu = (after.ru_utime + after.ru_stime) - (children.ru_utime + children.ru_stime)
    load = os.getloadavg()[0]
    size = office.store.scalar("SELECT sum(pdf_size) FROM letters") / 1024 / 1024
    print(
        f"\nletters: batch of {len(result.issued)} cargo-status letters on {workers} worker "
        f"processes: {seconds:.1f} s ({seconds / max(1, len(result.issued)) * 1000:.1f} ms a "
        f"letter; target < 15 s), {size:.1f} MB stored; CPU: this process {main_cpu:.1f} s, "
        f"workers {worker_cpu:.1f} s; machine load {load:.1f} on {workers} cores"
    )
    assert len(result.issued) == 1000
    office.close()
