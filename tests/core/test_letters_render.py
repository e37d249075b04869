"""What a letter prints (PROMISES P9): hostile text literally, every glyph or a visible mark,
long lists across pages, nothing off the page; identical input gives identical bytes; the texts
files are complete; file names from trader names stay in their folder."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from liaison.letters import builder, checks, templates
from liaison.letters.files import inside, letter_filename
from liaison.letters.render import render_pdf
from liaison.letters.typeset import REPLACEMENT, printable, register_fonts
from liaison.office import Office
from tests.core import letter_cases as lc
from tests.core.test_letters import pdf_text

HOSTILE = [
    "<font size=60 color=red>APPROVED</font>",
    "R&D &#xZZ; &amp; <b>clearance",
    '<img src="/etc/passwd"/> ]]> <para>',
    "Ets Mugisha & Fils <br/>",
]


def test_texts_files_are_complete_and_consistent() -> None:
    assert checks.template_problems() == []
    assert set(templates.languages()) >= {"en", "fr"}


def test_the_template_checker_finds_mistakes(monkeypatch: pytest.MonkeyPatch) -> None:
    real = templates.pack("fr")
    broken_kinds = dict(real.kinds)
    broken_kinds["CARGO_STATUS"] = {
        "title": "x",
        "subject": "{no_such_value} **bold",
        "blocks": [{"table": "containers", "columns": ["purpose"]}, {"image": "x"}],
    }
    del broken_kinds["DOCS_MISSING"]
    broken = dataclasses.replace(real, kinds=broken_kinds)
    monkeypatch.setattr(
        checks, "pack", lambda code: broken if code == "fr" else templates.pack(code)
    )
    bad_kinds = dict(templates.kinds())
    bad_kinds["CARGO_STATUS"] = templates.KindSpec("CARGO_STATUS", "case", "bogus", "nothing")
    monkeypatch.setattr(checks, "kinds", lambda: bad_kinds)
    problems = "\n".join(checks.template_problems())
    for expected in (
        "unknown placeholder {no_such_value}",
        "unbalanced **",
        "column purpose",
        "unknown block",
        "no template for DOCS_MISSING",
    ):
        assert expected in problems


def test_value_names_are_exactly_what_the_builder_fills(office: Office) -> None:
    owner = lc.trader(office)
    case = lc.storage_case(office, owner)
    inquiry = lc.inquiry(office, owner, case)
    facts = office.letters.gather_facts(
        office.store.conn, "ACK_INQUIRY", "en", None, inquiry.id, None
    )
    wording = builder.Wording(facts, templates.pack("en"))
    assert set(builder.values(facts, wording)) == set(checks.VALUE_NAMES)
    cells = wording.container_cells(office.tracking.containers(case.id)[0])
    assert tuple(cells) == builder.CONTAINER_COLUMNS


def test_hostile_text_prints_literally(office: Office) -> None:
    owner = lc.trader(office, HOSTILE[0], contact_person=HOSTILE[1], street=HOSTILE[2])
    case = lc.case(office, owner, cargo_description=HOSTILE[3])
    lc.milestone(office, case, "DISCHARGED", lc.TODAY, location="<b>Yard & Co</b>")
    inquiry = lc.inquiry(office, owner, case, description=" | ".join(HOSTILE))
    texts = []
    for kind, where in (
        ("CARGO_STATUS", {"case_id": case.id}),
        ("ACK_INQUIRY", {"inquiry_id": inquiry.id}),
    ):
        letter, _ = office.letters.issue(kind, language="en", note=HOSTILE[1], **where)  # type: ignore[arg-type]
        texts.append(pdf_text(office.letters.pdf(letter.id)))
        for hostile in HOSTILE[:3]:
            assert hostile in texts[-1], hostile
    assert "<b>Yard & Co</b>" in texts[0]  # a milestone's location, in the container table
    assert HOSTILE[3] in texts[1]  # the inquiry's description, quoted


def test_any_script_prints_and_a_missing_glyph_shows_a_mark(office: Office) -> None:
    names = "İstanbul Şirket Łódź ř ŋ ₣ Ngoma Üçüncü Ñandú Ωmega Кигали"
    owner = lc.trader(office, names)
    case = lc.storage_case(office, owner)
    letter, _ = office.letters.issue("CARGO_STATUS", case_id=case.id, language="fr")
    assert names in pdf_text(office.letters.pdf(letter.id))
    register_fonts()
    assert printable("漢字\x00\tok\u2028é\n") == f"{REPLACEMENT}{REPLACEMENT}  ok é\n"


def test_sixty_containers_span_pages_with_every_number(office: Office) -> None:
    owner = lc.trader(office)
    case = lc.case(office, owner, boxes=60, first_serial=100000)
    lc.milestone(office, case, "DISCHARGED", lc.TODAY, location="Mombasa container yard, block K")
    letter, _ = office.letters.issue("CARGO_STATUS", case_id=case.id, language="en")
    text = pdf_text(office.letters.pdf(letter.id))
    numbers = [b.number for b in office.tracking.containers(case.id)]
    assert [n for n in numbers if f"{n[:4]} {n[4:10]} {n[10]}" not in text] == []
    assert letter.page_count >= 3
    assert text.count("Container Size/type") >= letter.page_count - 1  # header repeated
    assert f"Page {letter.page_count} of {letter.page_count}" in text
    assert "and 56 more listed below" in text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_nothing_runs_off_the_page(office: Office, tmp_path: Path) -> None:
    unbroken = "X" * 190
    owner = lc.trader(office, unbroken, street="S" * 190, contact_person="C" * 120)
    case = lc.case(office, owner, boxes=8, cargo_description="Y" * 2000)
    lc.milestone(office, case, "DISCHARGED", lc.TODAY, location="L" * 120)
    inquiry = lc.inquiry(office, owner, case, description="Z" * 20000)
    path = tmp_path / "letter.pdf"
    for kind, where in (
        ("CARGO_STATUS", {"case_id": case.id}),
        ("ACK_INQUIRY", {"inquiry_id": inquiry.id}),
    ):
        letter, _ = office.letters.issue(kind, language="fr", note="N" * 4000, **where)  # type: ignore[arg-type]
        path.write_bytes(office.letters.pdf(letter.id))
        html = subprocess.run(
            ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
        page_width = float(re.search(r'<page width="([\d.]+)"', html).group(1))  # type: ignore[union-attr]
        boxes = [
            tuple(map(float, m))
            for m in re.findall(r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"', html)
        ]
        assert boxes
        margin = 18 * 72 / 25.4  # the text frame leaves 20 mm each side
        assert [b for b in boxes if b[0] < margin - 1 or b[1] > page_width - margin + 1] == []
        assert "X" * 40 in pdf_text(path.read_bytes()).replace(" ", "")


def test_identical_content_gives_identical_bytes(office: Office) -> None:
    owner = lc.trader(office)
    case = lc.storage_case(office, owner)
    facts = office.letters.gather_facts(
        office.store.conn, "STORAGE_WARNING", "en", case.id, None, None
    )
    content = builder.build(facts, "KPA/KGL/LTR/2026/0042")
    logo = office.letters.logo()
    first = render_pdf(content, logo)
    assert render_pdf(builder.build(facts, "KPA/KGL/LTR/2026/0042"), logo) == first
    assert render_pdf(dataclasses.replace(content, ref="KPA/KGL/LTR/2026/0043"), logo) != first


@pytest.mark.parametrize(
    "name",
    ["../../etc/passwd", "/", "..", "CON", 'A*B?<>|:"', "x" * 300, "名前", "", " . ", "a/../../b"],
)
def test_file_names_from_trader_names_stay_in_their_folder(tmp_path: Path, name: str) -> None:
    file_name = letter_filename("KPA/KGL/LTR/2026/0012", name)
    path = inside(tmp_path, file_name)
    assert path.parent == tmp_path.resolve()
    assert file_name.startswith("KPA-KGL-LTR-2026-0012") and file_name.endswith(".pdf")
    assert len(file_name) <= 70 and re.fullmatch(r"[A-Za-z0-9_.-]+", file_name)


def test_inside_refuses_names_that_leave_the_folder(tmp_path: Path) -> None:
    from liaison.errors import ValidationError

    for bad in ("../x.pdf", "/etc/passwd", "..", "a/b.pdf"):
        with pytest.raises(ValidationError):
            inside(tmp_path, bad)


@pytest.mark.parametrize(
    ("typed", "english", "french"),
    [
        ("6133 Kigali", "P.O. Box 6133 Kigali", "B.P. 6133 Kigali"),
        ("P.O. Box 1234", "P.O. Box 1234", "B.P. 1234"),
        ("PO Box 1234 Kigali", "P.O. Box 1234 Kigali", "B.P. 1234 Kigali"),
        ("B.P. 56", "P.O. Box 56", "B.P. 56"),
        ("bp56", "P.O. Box 56", "B.P. 56"),
        ("Boîte postale 9", "P.O. Box 9", "B.P. 9"),
        ("Box 5", "P.O. Box 5", "B.P. 5"),
        ("BP: 1234", "P.O. Box 1234", "B.P. 1234"),
        ("B.P.: 12", "P.O. Box 12", "B.P. 12"),
        ("B.P, 12", "P.O. Box 12", "B.P. 12"),
        ("P.O.B. 12", "P.O. Box 12", "B.P. 12"),
        ("POB 12", "P.O. Box 12", "B.P. 12"),
        ("BPR Building 4", "P.O. Box BPR Building 4", "B.P. BPR Building 4"),
        ("Boxer Street 4", "P.O. Box Boxer Street 4", "B.P. Boxer Street 4"),
        ("P.O. Box", "P.O. Box", "P.O. Box"),  # nothing but a label: printed as typed
    ],
)
def test_a_box_number_typed_with_its_label_is_printed_with_one(
    typed: str, english: str, french: str
) -> None:
    from liaison.letters.builder import po_box

    assert (po_box("P.O. Box", typed), po_box("B.P.", typed)) == (english, french)
