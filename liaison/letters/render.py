"""``LetterContent`` → PDF bytes with reportlab.

Promises kept here (PROMISES P9): every string is escaped before it reaches a ``Paragraph`` (so a
trader called ``<font size=60>APPROVED`` prints those characters); the embedded DejaVu Sans TTF
prints French accents and most scripts, and a character the font lacks prints as a visible
replacement mark rather than a silent gap; table cells are paragraphs, so long values wrap and long
tables continue on the next page with their header repeated; nothing is wider than the frame.
Where the pages break is ``flow``'s: never a closing alone, a heading at a page's foot or a lone
line of a paragraph. ``invariant=1``: the same content and logo always give the same bytes.
"""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from liaison.letters.content import Block, LetterContent
from liaison.letters.flow import KeepEnd, keep_headings
from liaison.letters.logo import prepared_logo
from liaison.letters.page import canvas_class, page_decor
from liaison.letters.typeset import (
    BOLD,
    BOTTOM,
    FIRST_TOP,
    FONT,
    FRAME_W,
    INK,
    LATER_TOP,
    MARGIN,
    MUTED,
    PAGE_H,
    LetterTable,
    markup,
    paragraph,
    printable,
    register_fonts,
    runs_markup,
)

# Relative column widths; a column not named here weighs 1.
WEIGHTS = {
    "number": 1.35,
    "stage": 1.5,
    "location": 1.35,
    "next": 1.7,
    "purpose": 2.6,
    "document": 1.5,
    "event": 1.9,
    "source": 1.3,
    "charge_to_date": 1.1,
    "days_left": 1.1,
    "agency": 1.2,
    "contact": 2.1,
    "their_reference": 1.35,
    "referred_on": 0.8,
    "response_due": 0.8,
    "referral_status": 1.1,
    "advice": 2.6,
    "answer": 2.6,
    "place": 1.3,
    "containers": 1.3,
    "details": 2.2,
}


def _style(name: str, **kw: Any) -> ParagraphStyle:
    base: dict[str, Any] = {
        "fontName": FONT,
        "fontSize": 9,
        "leading": 12.2,
        "textColor": INK,
        "allowWidows": 0,  # a paragraph's last line never stands alone at the top of a page
    }
    return ParagraphStyle(name, **(base | kw))


class Styles:
    """The letter's paragraph styles: made once per process (``paragraph`` knows them by name)."""

    def __init__(self) -> None:
        self.body = _style("body", spaceAfter=5)
        self.heading = _style("heading", fontName=BOLD, fontSize=10.5, spaceBefore=6, spaceAfter=3)
        self.subject = _style("subject", fontName=BOLD, spaceBefore=4, spaceAfter=8)
        self.small = _style("small", fontSize=7.5, leading=9.5, textColor=MUTED)
        self.cell = _style("cell", fontSize=7.5, leading=9.5)
        self.head_cell = _style("head_cell", fontName=BOLD, fontSize=7.5, leading=9.5)
        self.bullet = _style("bullet", leftIndent=12, bulletIndent=2, spaceAfter=2)
        self.quote = _style("quote", leftIndent=10, rightIndent=10, textColor=MUTED, spaceAfter=6)
        self.right = _style("right", alignment=TA_RIGHT)


STYLES = Styles()
TABLE_STYLE = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#9aa5b1")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8edf3")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
)
FACTS_STYLE = TableStyle(
    [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ]
)
HEAD_STYLE = TableStyle(  # the addressee beside the date and references
    [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (0, 0), 0),
        ("LEFTPADDING", (1, 0), (1, 0), 8),
        ("RIGHTPADDING", (1, 0), (1, 0), 0),
    ]
)


def _table(block: Block, st: Styles) -> Table:
    weights = [WEIGHTS.get(col, 1.0) for col in block.columns]
    widths = [FRAME_W * w / sum(weights) for w in weights]
    data = [[paragraph(markup(h), st.head_cell) for h in block.header]]
    data += [[paragraph(markup(cell), st.cell) for cell in row] for row in block.rows]
    table = LetterTable(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(TABLE_STYLE)
    return table


def _facts(block: Block, st: Styles) -> Table:
    data = [
        [paragraph(f"<b>{markup(label)}</b>", st.body), paragraph(markup(value), st.body)]
        for label, value in block.rows
    ]
    table = LetterTable(data, colWidths=[FRAME_W * 0.37, FRAME_W * 0.63], hAlign="LEFT")
    table.setStyle(FACTS_STYLE)
    return table


def _blocks(content: LetterContent, st: Styles) -> list[tuple[Flowable, bool]]:
    """The body's flowables, each marked True when it is a heading."""
    out: list[tuple[Flowable, bool]] = []
    for block in content.blocks:
        if block.type == "heading":
            out.append((paragraph(runs_markup(block.texts[0]), st.heading), True))
        elif block.type == "p":
            out.append((paragraph(runs_markup(block.texts[0]), st.body), False))
        elif block.type == "quote":
            out.append((paragraph(runs_markup(block.texts[0]), st.quote), False))
        elif block.type == "list":
            out += [(paragraph(runs_markup(t), st.bullet, "•"), False) for t in block.texts]
        elif block.type == "facts":
            out += [(_facts(block, st), False), (Spacer(1, 5), False)]
        elif block.type == "table":
            out += [(_table(block, st), False), (Spacer(1, 6), False)]
    return out


def _story(content: LetterContent, st: Styles) -> list[Flowable]:
    refs = "<br/>".join(
        f"{markup(label)}<b>{markup(value)}</b>" for label, value in content.references
    )
    name, *rest = content.addressee
    address = "<br/>".join([f"<b>{markup(name)}</b>", *(markup(line) for line in rest)])
    # The addressee on the left, the date and references on the right: one block, not two.
    dated = f"{markup(content.date_line)}<br/><br/>{refs}"
    head = Table(
        [[paragraph(address, st.body), paragraph(dated, st.body)]],
        colWidths=[FRAME_W * 0.56, FRAME_W * 0.44],
        hAlign="LEFT",
    )
    head.setStyle(HEAD_STYLE)
    who = content.signatory
    signatory = [f"<b>{markup(who[0])}</b>", *(markup(x) for x in who[1:])]
    tail: list[Flowable] = [
        Spacer(1, 1 * mm),
        paragraph(markup(content.recorded_line), st.small),
        Spacer(1, 3 * mm),
        paragraph(markup(content.closing), st.body),
        Spacer(1, 11 * mm),
        paragraph("<br/>".join(signatory), st.body),
    ]
    if content.cc:
        tail.append(paragraph(markup(content.cc_label + "; ".join(content.cc)), st.small))
    body = [(paragraph(markup(content.salutation), st.body), False), *_blocks(content, st)]
    while isinstance(body[-1][0], Spacer):  # the space under a last table
        tail.insert(0, body.pop()[0])
    # The closing never stands alone on a page: the end of the body goes with it.
    last, heading = body.pop()
    body.append((KeepEnd(last, tail), heading))
    return [
        NextPageTemplate("later"),
        head,
        Spacer(1, 5 * mm),
        paragraph(markup(content.subject_label + content.subject), st.subject),
        *keep_headings(body),
    ]


def warm_up(logo: bytes | None) -> None:
    """What a process does once before its first letter (a batch's workers do it on starting):
    register the fonts and prepare the logo's image."""
    register_fonts()
    if logo:
        prepared_logo(logo)


def render_pdf(content: LetterContent, logo: bytes | None = None) -> bytes:
    """The letter as PDF bytes; identical input gives identical bytes."""
    register_fonts()
    st = STYLES
    code = content.verification_code()
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=LATER_TOP,
        bottomMargin=BOTTOM,
        title=printable(content.subject),
        author=printable(content.letterhead.name),
        subject=printable(content.ref or content.draft_label),
        creator="Liaison Desk",
        keywords=printable(code),
        invariant=1,
        pageCompression=1,
    )
    first, later = page_decor(content, logo, code)
    height_first = PAGE_H - FIRST_TOP - BOTTOM
    height_later = PAGE_H - LATER_TOP - BOTTOM
    doc.addPageTemplates(
        [
            PageTemplate(
                "first",
                [
                    Frame(
                        MARGIN, BOTTOM, FRAME_W, height_first, id="f", leftPadding=0, rightPadding=0
                    )
                ],
                onPage=first,
            ),
            PageTemplate(
                "later",
                [
                    Frame(
                        MARGIN, BOTTOM, FRAME_W, height_later, id="l", leftPadding=0, rightPadding=0
                    )
                ],
                onPage=later,
            ),
        ]
    )
    doc.build(_story(content, st), canvasmaker=canvas_class(content))
    return buffer.getvalue()
