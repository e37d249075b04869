"""What rendering keeps from one letter to the next (fonts' embedded files, parsed paragraphs,
layouts, the logo's image, QR code tables, template versions, a batch's worker processes) never
changes what a letter prints: the same content gives the same bytes whatever came before it, the
logo is the logo pixel for pixel, the QR code is the letter's code."""

from __future__ import annotations

import dataclasses
import io
import re
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

import pypdf
import pytest
from PIL import Image, ImageDraw

from liaison.letters import batch, builder, page, templates
from liaison.letters.content import LetterContent
from liaison.letters.render import STYLES, render_pdf
from liaison.letters.typeset import FRAME_W, markup, paragraph, register_fonts
from liaison.office import Office
from tests.core import letter_cases as lc


def contents(office: Office) -> list[LetterContent]:
    """Letters that print different characters in different orders: English, French with
    accents, a trader name in other scripts, sixty containers over several pages, and two
    letters using the same characters first met in another order."""
    owner = lc.trader(office)
    other = lc.trader(office, "İstanbul Şirket Łódź «Ωmega» Кигали", tin="109876543")
    storage = lc.storage_case(office, owner)
    big = lc.case(office, other, boxes=60, first_serial=100000)
    lc.milestone(office, big, "DISCHARGED", lc.TODAY, location="Mombasa container yard")
    twins = [
        lc.case(office, lc.trader(office, name, tin=tin), bl=bl, first_serial=serial)
        for name, tin, bl, serial in (
            ("Ëric Ōmar Ñdahiro", "108765432", "MAEU262300001", 810000),
            ("Ñdahiro Ōmar Ëric", "107654321", "MAEU262300002", 820000),
        )
    ]
    made = []
    for n, (kind, case_id, language) in enumerate(
        [
            ("STORAGE_WARNING", storage.id, "en"),
            ("CARGO_STATUS", big.id, "fr"),
            ("CARGO_STATUS", storage.id, "fr"),
            ("CARGO_STATUS", big.id, "en"),
            ("CARGO_STATUS", twins[0].id, "en"),
            ("CARGO_STATUS", twins[1].id, "en"),
        ],
        start=1,
    ):
        facts = office.letters.gather_facts(office.store.conn, kind, language, case_id, None, None)
        made.append(builder.build(facts, f"KPA/KGL/LTR/2026/{n:04d}"))
    return made


def render_in_order(items: list[LetterContent], logo: bytes) -> list[bytes]:
    return [render_pdf(content, logo) for content in items]


def test_a_letter_is_the_same_bytes_whatever_was_rendered_before(office: Office) -> None:
    items = contents(office)
    logo = office.letters.logo()
    # Fresh processes, one rendering in order and one in reverse order (so each letter meets
    # another state of every per-process cache), and this process, warm from both.
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        forward = pool.submit(render_in_order, items, logo).result()
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        backward = pool.submit(render_in_order, items[::-1], logo).result()[::-1]
    again = render_in_order(items, logo)
    assert forward == backward == again
    assert len(set(forward)) == len(items)
    text = " ".join(pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text() for pdf in forward)
    assert "İstanbul Şirket Łódź «Ωmega» Кигали" in text  # its own glyphs, not another's


def logo_png(mode: str) -> bytes:
    image = Image.new(mode, (90, 60), (255, 255, 255, 0) if mode == "RGBA" else (255, 255, 255))
    ImageDraw.Draw(image).ellipse((10, 5, 80, 55), fill=(20, 90, 160, 255)[: len(mode)])
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def images(pdf: bytes) -> list[pypdf.generic.DictionaryObject]:
    resources = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/XObject"]
    found = [x.get_object() for x in resources.values()]
    return [x for x in found if x["/Subtype"] == "/Image"]


def test_the_logo_prints_pixel_for_pixel_letter_after_letter(office: Office) -> None:
    content = contents(office)[0]
    for mode in ("RGB", "RGBA", "RGB"):
        logo = logo_png(mode)
        picture = Image.open(io.BytesIO(logo))
        for _ in range(2):  # the second letter reuses the image prepared for the first
            (drawn,) = images(render_pdf(content, logo))
            assert (drawn["/Width"], drawn["/Height"]) == picture.size
            assert drawn.get_data() == picture.convert("RGB").tobytes()
            if mode == "RGBA":
                assert drawn["/SMask"].get_object().get_data() == picture.getchannel("A").tobytes()
            else:
                assert "/SMask" not in drawn
    assert images(render_pdf(content, None)) == []


def test_the_qr_code_printed_is_the_letters_code(office: Office) -> None:
    for content in contents(office)[:2]:  # one version 3 code, one version 4
        reader = pypdf.PdfReader(io.BytesIO(render_pdf(content, None)))
        forms = reader.pages[0]["/Resources"]["/XObject"]
        qr = next(x.get_object() for x in forms.values() if x.get_object()["/Subtype"] == "/Form")
        rects = [
            tuple(map(float, m))
            for m in re.findall(rb"([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) re", qr.get_data())
        ]
        expected = page.qr_modules(content.verification_code())
        count = len(expected)
        cell = rects[0][3]
        drawn = [[False] * count for _ in range(count)]
        for x, y, width, _ in rects:
            row = count - round(y / cell)  # one module of quiet zone at the bottom and left
            for column in range(round(x / cell) - 1, round((x + width) / cell) - 1):
                drawn[row][column] = True
        assert drawn == expected


def test_a_paragraph_is_laid_out_once_per_text_style_and_width() -> None:
    register_fonts()
    words = "Free storage at KPA ends on the date shown for each container. " * 6
    para = paragraph(markup(words), STYLES.body)
    _, wide = para.wrap(FRAME_W, 800)
    wide_lines = para.blPara
    _, narrow = para.wrap(FRAME_W / 3, 800)
    assert narrow > wide and para.blPara is not wide_lines
    assert para.wrap(FRAME_W, 800) == (FRAME_W, wide) and para.blPara is wide_lines
    first, rest = para.split(FRAME_W, wide / 2)
    assert first.wrap(FRAME_W, 800)[1] + rest.wrap(FRAME_W, 800)[1] == wide
    # The same text in a later letter: its own fragments, the line breaks already made.
    twin = paragraph(markup(words), STYLES.body)
    assert twin.frags is not para.frags and twin.frags[0] is not para.frags[0]
    assert twin.wrap(FRAME_W, 800) == (FRAME_W, wide) and twin.blPara is wide_lines
    # In another style, at another width, or with a bullet, it is laid out anew.
    assert paragraph(markup(words), STYLES.small).wrap(FRAME_W, 800)[1] < wide
    assert paragraph(markup(words), STYLES.body).wrap(FRAME_W / 2, 800)[1] > wide
    bulleted = paragraph(markup(words), STYLES.bullet, "•")
    bulleted.wrap(FRAME_W, 800)
    assert bulleted.blPara is not wide_lines
    orphan = paragraph(markup(words), STYLES.body)
    orphan.wrap(FRAME_W, 800)
    assert orphan.split(FRAME_W, 5) == []  # no room for one line: reportlab drops the layout
    assert orphan.wrap(FRAME_W, 800)[1] == wide and orphan.blPara is wide_lines


def test_a_template_version_follows_its_texts() -> None:
    english = templates.pack("en")
    version = english.template_version("CARGO_STATUS")
    assert english.template_version("CARGO_STATUS") == version
    assert english.template_version("STORAGE_WARNING") != version
    kinds = dict(english.kinds)
    kinds["CARGO_STATUS"] = kinds["CARGO_STATUS"] | {"subject": "Cargo status {bl_number}"}
    edited = dataclasses.replace(english, kinds=kinds)
    assert edited.template_version("CARGO_STATUS") != version
    assert english.template_version("CARGO_STATUS") == version


@pytest.mark.parametrize(
    ("done", "seconds", "expected"),
    [
        (16, 0.1, 32),  # quick: at most twice as many
        (100, 0.25, 200),
        (300, 0.3, batch.CHUNK_LIMIT),
        (40, 0.5, 40),
        (60, 1.0, 30),  # slower: fewer
        (16, 1.0, 16),  # but never fewer than the first chunk (it waited for the workers)
        (16, 0.0, 32),
    ],
)
def test_chunks_are_sized_to_the_pace_of_the_last(done: int, seconds: float, expected: int) -> None:
    assert batch._next_size(done, seconds, smallest=16) == expected
