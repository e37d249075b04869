"""What every page of a letter carries around its text: the letterhead (logo, office name,
address) on the first page, a running header after it, the QR verification code and
"page X of Y" on every page, and the DRAFT mark on previews.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

from reportlab.graphics.barcode import qrencoder
from reportlab.lib import colors
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.pathobject import PDFPathObject
from reportlab.platypus import BaseDocTemplate

from liaison.letters.content import LetterContent
from liaison.letters.logo import draw_logo
from liaison.letters.typeset import (
    BOLD,
    BOTTOM,
    FIRST_TOP,
    FONT,
    INK,
    MARGIN,
    MUTED,
    PAGE_H,
    PAGE_W,
    QR_SIZE,
    RULE,
    markup,
    paragraph,
    printable,
)

FOOTER = ParagraphStyle("footer", fontName=FONT, fontSize=6.5, leading=8, textColor=MUTED)


def qr_modules(code: str) -> list[list[bool]]:
    """The QR matrix of ``code`` (error correction M) from reportlab's encoder. Mask pattern 0 is
    used instead of trying all eight: any mask is a valid code, and scoring the eight took most
    of a letter's rendering time."""
    return [[bool(cell) for cell in row] for row in _qr(code).modules]


def _qr(code: str) -> Any:
    qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    qr.addData(code)
    qr.version = qr.calculate_version()
    # Where the data bits go depends only on the version; reportlab works it out for each code.
    qr._dataPosList = _data_positions(qr.version)
    qr.makeImpl(False, 0)
    return qr


@functools.cache
def _data_positions(version: int) -> list[tuple[int, int]]:
    qr = qrencoder.QRCode(version, qrencoder.QRErrorCorrectLevel.M)
    qr.moduleCount = version * 4 + 17
    return list(qr.dataPosIterator())


# reportlab multiplies out the Reed-Solomon generator polynomial again for every code, though it
# depends only on the number of error-correction bytes: a third of the encoding time. It is a
# pure function whose result is only read, so it is worked out once per size.
_generator = qrencoder.QRUtil.getErrorCorrectPolynomial
if not hasattr(_generator, "cache_info"):
    qrencoder.QRUtil.getErrorCorrectPolynomial = staticmethod(functools.cache(_generator))
_DARK = re.compile(rb"\x01+")


@functools.cache
def _grid(count: int) -> tuple[list[str], list[str], list[str], str]:
    """The numbers a QR code of ``count`` × ``count`` modules is drawn with, as PDF writes them:
    the left edge of each column, the bottom of each row, the width of each run length, the
    height of a row."""
    quiet = 1  # the page margin around it adds to this quiet zone
    cell = QR_SIZE / (count + 2 * quiet)
    xs = [fp_str((c + quiet) * cell) for c in range(count)]
    ys = [fp_str(QR_SIZE - (r + quiet + 1) * cell) for r in range(count)]
    widths = [fp_str(n * cell) for n in range(count + 1)]
    return xs, ys, widths, fp_str(cell)


def _define_qr(canvas: Canvas, code: str) -> None:
    """The QR code as a form drawn once per letter and placed on every page: one rectangle per
    run of dark modules in a row."""
    modules = _qr(code).modules
    xs, ys, widths, height = _grid(len(modules))
    rects = ["n"]  # what reportlab's path starts with: no current path
    rects += [
        f"{xs[run.start()]} {y} {widths[run.end() - run.start()]} {height} re"
        for row, y in zip(modules, ys, strict=True)
        for run in _DARK.finditer(bytes(row))  # True/False → 1/0
    ]
    canvas.beginForm("qr", lowerx=0, lowery=0, upperx=QR_SIZE, uppery=QR_SIZE)
    canvas.setFillColor(colors.black)
    canvas.drawPath(PDFPathObject(rects), stroke=0, fill=1)
    canvas.endForm()


def page_decor(
    content: LetterContent, logo: bytes | None, code: str
) -> tuple[Callable[..., None], Callable[..., None]]:
    """``code``: the letter's verification code (hashing the content is not free: once per
    letter)."""
    office = printable(content.letterhead.name)
    forms: set[str] = set()

    def common(canvas: Canvas) -> None:
        # The disclaimer sits in every page's footer: it can never be parted from the letter.
        disclaimer = paragraph(markup(content.disclaimer), FOOTER)
        _, height = disclaimer.wrap(PAGE_W - 2 * MARGIN - QR_SIZE - 6 * mm, BOTTOM)
        disclaimer.drawOn(canvas, MARGIN, BOTTOM - 4 * mm - height)
        if content.is_draft:
            canvas.saveState()
            canvas.setFont(BOLD, 40)
            canvas.setFillColor(colors.Color(0.8, 0.1, 0.1, alpha=0.13))
            canvas.translate(PAGE_W / 2, PAGE_H / 2)
            canvas.rotate(40)
            canvas.drawCentredString(0, 0, printable(content.draft_label))
            canvas.restoreState()
        else:
            if not forms:
                _define_qr(canvas, code)
                forms.add("qr")
            canvas.saveState()
            canvas.translate(PAGE_W - MARGIN - QR_SIZE, 8 * mm)
            canvas.doForm("qr")
            canvas.restoreState()
            canvas.setFont(FONT, 6)
            canvas.setFillColor(MUTED)
            label = f"{content.verify_label}: {code}"
            canvas.drawRightString(PAGE_W - MARGIN - QR_SIZE - 2 * mm, 9 * mm, printable(label))

    def first(canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        top = PAGE_H - 14 * mm
        text_x = MARGIN
        if logo:
            size = 24 * mm
            draw_logo(canvas, logo, MARGIN, top - size + 4 * mm, size)
            text_x = MARGIN + size + 5 * mm
        canvas.setFillColor(RULE)
        canvas.setFont(BOLD, 12.5)
        canvas.drawString(text_x, top - 2 * mm, office)
        canvas.setFont(FONT, 8.5)
        canvas.setFillColor(INK)
        y = top - 7.5 * mm
        for line in content.letterhead.lines:
            if line:
                canvas.drawString(text_x, y, printable(line))
                y -= 4 * mm
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(1.2)
        canvas.line(
            MARGIN, PAGE_H - FIRST_TOP + 6 * mm, PAGE_W - MARGIN, PAGE_H - FIRST_TOP + 6 * mm
        )
        common(canvas)
        canvas.restoreState()

    def later(canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 8)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, PAGE_H - 13 * mm, office)
        ref = printable(content.references[0][1])
        canvas.drawRightString(PAGE_W - MARGIN, PAGE_H - 13 * mm, ref)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN, PAGE_H - 15 * mm, PAGE_W - MARGIN, PAGE_H - 15 * mm)
        common(canvas)
        canvas.restoreState()

    return first, later


def canvas_class(content: LetterContent) -> type[Canvas]:
    """A canvas that holds its pages until the end so each can say "page X of Y"."""
    ref = content.references[0][1]

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self.setFont(FONT, 7.5)
                self.setFillColor(MUTED)
                page = content.page_label.format(page=number, pages=total)
                self.drawString(MARGIN, 12 * mm, printable(f"{ref} — {page}"))
                super().showPage()
            super().save()

    return NumberedCanvas
