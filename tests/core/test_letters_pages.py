"""Where a letter breaks across pages: the closing and signature never stand alone on a page (the
end of the body goes with them), a heading never ends a page, a table continuing on a new page
repeats its header, and a letter that breaks nowhere near them prints as before these rules.

Each letter is pushed line by line across the foot of page 1 by a remark of N lines put before
its body, so every part of its end meets the page boundary in turn; the same sweep rendered
without the rules shows the faults they prevent (so the checks can fail)."""

from __future__ import annotations

import dataclasses
import html
import io
import itertools
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
from reportlab.platypus import KeepTogether
from reportlab.platypus.doctemplate import NullActionFlowable

from liaison.letters import builder, flow
from liaison.letters.content import Block, LetterContent, Run
from liaison.letters.render import render_pdf
from liaison.letters.typeset import BOTTOM, LATER_TOP, PAGE_H
from liaison.office import Office
from liaison.rules.identifiers import format_container
from tests.core import letter_cases as lc

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils not installed"
)
REF = "KPA/KGL/LTR/2026/0007"
LONGEST = 60  # remark lines tried past the first that takes a letter to a second page


def flat(text: str) -> str:
    return " ".join(text.split())


def body_lines(pdf: bytes, folder: Path) -> list[list[str]]:
    """Each page's lines of text inside the body frame (letterhead, running header and footer
    left out), top to bottom."""
    path = folder / "letter.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    top, bottom = LATER_TOP - 2, PAGE_H - BOTTOM  # pdftotext measures from the top
    pages = []
    for page in re.findall(r"<page [^>]*>(.*?)</page>", out, re.S):
        rows: dict[float, list[tuple[float, str]]] = {}
        for x, y, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">(.*?)</word>', page
        ):
            if top <= float(y) <= bottom:
                row = next((r for r in rows if abs(r - float(y)) < 2), float(y))
                rows.setdefault(row, []).append((float(x), html.unescape(word)))
        pages.append([" ".join(w for _, w in sorted(rows[r])) for r in sorted(rows)])
    return pages


def padded(content: LetterContent, lines: int) -> LetterContent:
    """The letter with a remark of ``lines`` lines before its body."""
    if not lines:
        return content
    remark = "\n".join(
        f"Remark {n + 1}: the officer adds one more line here." for n in range(lines)
    )
    blocks = (Block("p", texts=((Run(remark),),)), *content.blocks)
    return dataclasses.replace(content, blocks=blocks)


def page_count(pdf: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


def headings(content: LetterContent) -> set[str]:
    return {block_text(b) for b in content.blocks if b.type == "heading"}


def block_text(block: Block) -> str:
    return flat(" ".join("".join(run.text for run in text) for text in block.texts))


def sweep(
    content: LetterContent, logo: bytes, folder: Path
) -> Iterator[tuple[int, list[list[str]]]]:
    """(remark lines, each page's lines) from one line short of a second page on, until every
    heading has gone over to page 2."""
    low, high = 0, 120  # one page with no remark, more than one with the longest
    assert page_count(render_pdf(content, logo)) == 1
    while high - low > 1:
        middle = (low + high) // 2
        if page_count(render_pdf(padded(content, middle), logo)) > 1:
            high = middle
        else:
            low = middle
    for lines in range(low, high + LONGEST):
        pages = body_lines(render_pdf(padded(content, lines), logo), folder)
        yield lines, pages
        if not headings(content) & set(pages[0]):
            return
    raise AssertionError("a heading never went over to page 2")


def closing_page(content: LetterContent, pages: list[list[str]]) -> tuple[int, list[str]]:
    """The page the closing is on, and the lines above the closing block on it."""
    closing, recorded = flat(content.closing), flat(content.recorded_line)
    for number, lines in enumerate(pages):
        if closing in lines:
            start = next(i for i, line in enumerate(lines) if recorded.startswith(line))
            return number, lines[:start]
    raise AssertionError("no closing")


def kept_end(last: str, above: list[str]) -> list[str]:
    """The lines just above the closing block that end the body's last paragraph."""
    kept: list[str] = []
    for line in reversed(above):
        text = line.removeprefix("• ")
        if not last.endswith(" ".join([text, *kept])):
            break
        kept.insert(0, text)
    return kept


def without_the_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lay letters out as before: the closing block kept together but not with the body, a
    heading placed wherever it fits."""
    monkeypatch.setattr(
        flow.KeepEnd,
        "split",
        lambda self, w, h: [NullActionFlowable(), self.last, KeepTogether(self.tail)],
    )
    monkeypatch.setattr(
        flow.KeepWithNext,
        "split",
        lambda self, w, h: [NullActionFlowable(), self.heading, self.follower],
    )


@pytest.fixture
def letters(office: Office) -> dict[str, LetterContent]:
    """One-page letters ending in each way: a short paragraph, a list, a long paragraph, a
    table; with headings over a table, a list, a quotation and a paragraph."""
    owner = lc.trader(office)
    stored = lc.storage_case(office, owner)
    released = lc.released_case(office, owner)
    five = lc.case(office, owner, boxes=5, first_serial=900100, bl="MSCU 77123456")
    lc.milestone(office, five, "DISCHARGED", lc.TODAY, location="Mombasa CY")
    inquiry = lc.inquiry(office, owner, description="The agent says my boxes are at Mombasa.")
    note = " ".join(
        f"Point {n}: the weighbridge ticket, the seal numbers and the delivery order must agree."
        for n in range(1, 6)
    )
    conn = office.store.conn

    def build(
        kind: str, language: str, case_id: int | None, note: str | None = None
    ) -> LetterContent:
        inquiry_id = None if case_id else inquiry.id
        facts = office.letters.gather_facts(conn, kind, language, case_id, inquiry_id, note)
        return builder.build(facts, REF)

    table_last = build("CARGO_STATUS", "en", five.id)
    return {
        "cargo status": build("CARGO_STATUS", "en", stored.id),
        "storage warning in French": build("STORAGE_WARNING", "fr", stored.id),
        "released, ending with a list": build("RELEASED_READY", "en", released.id),
        "acknowledgement with a long note": build("ACK_INQUIRY", "en", None, note),
        "ending with a table": dataclasses.replace(table_last, blocks=table_last.blocks[:-1]),
    }


def test_no_closing_heading_or_line_is_left_alone_at_a_page_break(
    office: Office, letters: dict[str, LetterContent], tmp_path: Path
) -> None:
    logo = office.letters.logo()
    for name, content in letters.items():
        end = content.blocks[-1]
        last = flat("".join(r.text for r in end.texts[-1])) if end.type == "list" else ""
        last = last or block_text(end)
        numbers = [format_container(r[0]) for r in end.rows] if end.type == "table" else []
        paragraphs = [block_text(b) for b in content.blocks if b.type in ("p", "quote")]
        paragraphs += [
            flat("".join(r.text for r in t))
            for b in content.blocks
            if b.type == "list"
            for t in b.texts
        ]
        over = split = 0
        for lines, pages in sweep(content, logo, tmp_path):
            where = f"{name}, remark of {lines} lines"
            page, above = closing_page(content, pages)
            over += page > 0
            if numbers:  # the table's last rows, under its header, are above the closing
                rows = [n for n in numbers if any(line.startswith(n) for line in above)]
                assert rows[-2:] == numbers[-2:], where
                assert any(line.startswith(end.header[0]) for line in above), where
                split += len(rows) < len(numbers)
            else:  # all of the last paragraph is above the closing, or its last two lines
                kept = kept_end(last, above)
                assert " ".join(kept) == last or len(kept) >= 2, where
                split += " ".join(kept) != last
            for earlier, later in itertools.pairwise(pages):
                foot, top = earlier[-1].removeprefix("• "), later[0].removeprefix("• ")
                assert foot not in headings(content), where
                # No paragraph's first line alone at a page's foot, nor its last at the top.
                assert not any(t.startswith(foot + " ") for t in paragraphs), where
                assert not any(t.endswith(" " + top) for t in paragraphs), where
        assert over >= 5, name  # the sweep took the closing over to page 2 several times
        if name in ("acknowledgement with a long note", "ending with a table"):
            assert split, name  # its start stayed on page 1 at least once


def test_a_table_continued_overleaf_repeats_its_header(
    office: Office, letters: dict[str, LetterContent], tmp_path: Path
) -> None:
    content = letters["ending with a table"]
    table = content.blocks[-1]
    numbers = [format_container(row[0]) for row in table.rows]
    logo = office.letters.logo()
    parted = 0
    for lines, pages in sweep(content, logo, tmp_path):
        for number, page in enumerate(pages):
            rows = [i for i, line in enumerate(page) if line.startswith(tuple(numbers))]
            header = [i for i, line in enumerate(page) if line.startswith(table.header[0])]
            if rows:  # never a row without the header above it, nor a header without a row
                assert header and header[0] < rows[0], f"remark of {lines}, page {number + 1}"
            if header:
                assert rows and rows[0] > header[0], f"remark of {lines}, page {number + 1}"
        parted += sum(1 for page in pages if header_and_rows(page, table, numbers)) > 1
    assert parted  # the table was parted across the pages at least once


def header_and_rows(page: list[str], table: Block, numbers: list[str]) -> bool:
    return any(line.startswith(table.header[0]) for line in page) and any(
        line.startswith(tuple(numbers)) for line in page
    )


def test_without_the_rules_the_sweep_finds_both_faults(
    office: Office,
    letters: dict[str, LetterContent],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The sweep does reach the faults the rules prevent: the closing alone at the top of page
    2, and a heading at the foot of page 1. A letter with nothing at stake (all of it on one
    page, however full) prints the same bytes with the rules as without."""
    logo = office.letters.logo()
    content = letters["cargo status"]
    fullest = padded(content, next(sweep(content, logo, tmp_path))[0])  # just one page
    ruled = render_pdf(fullest, logo)
    without_the_rules(monkeypatch)
    assert render_pdf(fullest, logo) == ruled
    loose = dict(sweep(content, logo, tmp_path))
    alone = [n for n, pages in loose.items() if not closing_page(content, pages)[1]]
    stranded = [n for n, pages in loose.items() if pages[0][-1] in headings(content)]
    assert alone and stranded
    monkeypatch.undo()
    for n in alone + stranded:
        pages = body_lines(render_pdf(padded(content, n), logo), tmp_path)
        assert closing_page(content, pages)[1] and pages[0][-1] not in headings(content)


def test_a_storage_warning_for_eight_boxes_in_french_ends_with_its_last_paragraph(
    office: Office, tmp_path: Path
) -> None:
    """A letter as issued, with no remark added, whose closing used to stand alone on page 2."""
    case = lc.storage_case(office, lc.trader(office), boxes=8)
    letter, _ = office.letters.issue("STORAGE_WARNING", case_id=case.id, language="fr")
    content = office.letters.content(letter.id)
    pages = body_lines(office.letters.pdf(letter.id), tmp_path)
    page, above = closing_page(content, pages)
    assert (letter.page_count, page) == (2, 1)
    assert len(kept_end(block_text(content.blocks[-1]), above)) >= 2
