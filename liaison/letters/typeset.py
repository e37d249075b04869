"""Type for letters: the bundled DejaVu Sans registered once per process, the page geometry
and colours, and turning plain text into Paragraph markup that prints exactly that text
(escaped, control characters neutralised, characters the font lacks shown as a visible mark).
"""

from __future__ import annotations

import io
import unicodedata
from importlib import resources
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from liaison.letters.content import Text

FONT, BOLD = "LetterSans", "LetterSans-Bold"
PAGE_W, PAGE_H = A4
MARGIN = 20 * mm
FRAME_W = PAGE_W - 2 * MARGIN
FIRST_TOP = 42 * mm  # the letterhead's height on the first page
LATER_TOP = 22 * mm
BOTTOM = 28 * mm  # room for the footer and the QR code
QR_SIZE = 18 * mm
INK = colors.HexColor("#1f2a37")
MUTED = colors.HexColor("#5b6675")
RULE = colors.HexColor("#1f3a60")
REPLACEMENT = "\ufffd"
_cmap: set[int] = set()
_plain: set[str] = set()  # characters printed as they are: the fast path of ``printable``


def register_fonts() -> None:
    """Once per process: the bundled DejaVu Sans, regular and bold."""
    if _cmap:
        return
    # Binary streams: ASCII85 only makes PDFs a quarter bigger, and without reportlab's optional
    # C accelerator it was a third of the rendering time. Every PDF reader handles binary.
    rl_config.useA85 = 0
    folder = resources.files("resources.fonts")
    faces = []
    for name, filename in ((FONT, "DejaVuSans.ttf"), (BOLD, "DejaVuSans-Bold.ttf")):
        font = TTFont(name, io.BytesIO(folder.joinpath(filename).read_bytes()))
        pdfmetrics.registerFont(font)
        faces.append(set(font.face.charToGlyph))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)
    _cmap.update(faces[0] & faces[1])
    _plain.update(chr(c) for c in _cmap if unicodedata.category(chr(c)) not in ("Cc", "Zl", "Zp"))
    _plain.add("\n")


def printable(text: str) -> str:
    """Control characters become spaces or line breaks; a character with no glyph in the font
    becomes a visible replacement mark (never an invisible gap or a black box)."""
    if _plain.issuperset(text):
        return text
    out = []
    for ch in text:
        if ch == "\n":
            out.append(ch)
        elif unicodedata.category(ch) in ("Cc", "Zl", "Zp"):
            out.append(" ")
        elif ord(ch) in _cmap:
            out.append(ch)
        elif unicodedata.category(ch) != "Cf":  # invisible format characters are dropped
            out.append(REPLACEMENT)
    return "".join(out)


def markup(text: str) -> str:
    """Plain text → Paragraph markup that prints exactly that text."""
    return escape(printable(text)).replace("\n", "<br/>")


def runs_markup(runs: Text) -> str:
    return "".join(f"<b>{markup(r.text)}</b>" if r.bold else markup(r.text) for r in runs)
