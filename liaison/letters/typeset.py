"""Type for letters: the bundled DejaVu Sans registered once per process (with the font files
embedded in a PDF made once per process for each set of characters), the page geometry and
colours, turning plain text into Paragraph markup that prints exactly that text (escaped,
control characters neutralised, characters the font lacks shown as a visible mark), and
``paragraph``: reportlab paragraphs that skip work done before in this process (parsing markup
already seen, breaking lines already broken for that text, style and width), and ``LetterTable``,
a table that measures its rows once.

What is kept is only ever read again, never changed: a letter is the same bytes whatever was
rendered before it in the process (a test renders letters in several orders to hold this).
"""

from __future__ import annotations

import functools
import io
import types
import unicodedata
import zlib
from importlib import resources
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import FF_NONSYMBOLIC, FF_SYMBOLIC, TTFont
from reportlab.platypus import Paragraph, Table

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
FONT_FILES_KEPT = 32  # per face: subsets differ only in the order non-ASCII characters first occur
PARSED_LIMIT = 5000  # parsed texts, and layouts, kept per process (labels, headers, values)
_parsed: dict[tuple[str, str], tuple[Any, list[Any]]] = {}
_layouts: dict[tuple[str, str, str | None, float], dict[str, Any]] = {}


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
        font = _LetterFont(name, io.BytesIO(folder.joinpath(filename).read_bytes()))
        face = font.face
        face.addSubsetObjects = types.MethodType(_add_subset_objects, face)
        face.compressed_subset = functools.lru_cache(FONT_FILES_KEPT)(
            functools.partial(_compressed_subset, face)
        )
        pdfmetrics.registerFont(font)
        faces.append(set(font.face.charToGlyph))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)
    _cmap.update(faces[0] & faces[1])
    _plain.update(chr(c) for c in _cmap if unicodedata.category(chr(c)) not in ("Cc", "Zl", "Zp"))
    _plain.add("\n")


class _LetterFont(TTFont):  # type: ignore[misc]
    """reportlab's TTFont with each subset's glyph widths written out once per process: the same
    array of a hundred-odd numbers went through PDF formatting for every letter."""

    def addObjects(self, doc: Any) -> None:
        state = self.state.get(doc)
        count = len(state.subsets) if state is not None else 0
        names = [self.getSubsetInternalName(n, doc)[1:] for n in range(count)]
        super().addObjects(doc)
        fonts = doc.idToObject["BasicFonts"].dict
        for name in names:
            fonts[name].Widths = _widths_pdf(tuple(fonts[name].Widths.sequence))


@functools.lru_cache(maxsize=FONT_FILES_KEPT * 4)
def _widths_pdf(widths: tuple[float, ...]) -> bytes:
    formatted: bytes = pdfdoc.PDFArray(widths).format(None)  # numbers only: no document needed
    return formatted


def _compressed_subset(face: Any, subset: tuple[int, ...]) -> tuple[int, bytes]:
    data = face.makeSubset(list(subset))
    return len(data), zlib.compress(data)


def _add_subset_objects(face: Any, doc: Any, fontname: str, subset: list[int]) -> Any:
    """reportlab's ``TTFontFace.addSubsetObjects`` with the font file made once per process.

    Every letter embeds the characters it uses: all of ASCII (reportlab keeps it readable) plus
    the accents and signs it prints, in the order they first occur, which differs little from one
    letter to the next. Cutting the subset out of the font and compressing it were a sixth of a
    letter's rendering time; the bytes embedded are the same."""
    if doc.compression:
        length, packed = face.compressed_subset(tuple(subset))
        font_file = pdfdoc.PDFStream(content=packed)
        font_file.dictionary["Length1"] = length
        font_file.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])
    else:
        font_file = pdfdoc.PDFStream(content=face.makeSubset(subset))
        font_file.dictionary["Length1"] = len(font_file.content)
    file_ref = doc.Reference(font_file, f"fontFile:{face.filename}({fontname})")
    descriptor = pdfdoc.PDFDictionary(
        {
            "Type": "/FontDescriptor",
            "Ascent": face.ascent,
            "CapHeight": face.capHeight,
            "Descent": face.descent,
            "Flags": (face.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC,
            "FontBBox": pdfdoc.PDFArray(face.bbox),
            "FontName": pdfdoc.PDFName(fontname),
            "ItalicAngle": face.italicAngle,
            "StemV": face.stemV,
            "FontFile2": file_ref,
            "MissingWidth": face.defaultWidth,
        }
    )
    return doc.Reference(descriptor, "fontDescriptor:" + fontname)


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


class _Paragraph(Paragraph):  # type: ignore[misc]
    """A paragraph that lays itself out once per width, and takes the layout of the same text in
    the same style at the same width from an earlier letter. A table asks each cell for its size
    when it measures the rows and again when it draws them, ``KeepTogether`` and the frame ask
    twice too, and most cells and labels recur from letter to letter; the line breaks are the
    same each time, and nothing changes them once made."""

    _key: tuple[str, str, str | None] | None = None  # text, style, bullet: set by ``paragraph``
    _laid_out: tuple[float, Any, float, float] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        done = self._laid_out
        if done is not None and done[0] == availWidth and self.__dict__.get("blPara") is done[1]:
            self.width, self.height = done[2], done[3]
            return done[2], done[3]
        key = None if self._key is None else (*self._key, availWidth)
        known = _layouts.get(key) if key is not None else None
        if known is not None:
            self.__dict__.update(known)
        else:
            before = dict(self.__dict__)
            super().wrap(availWidth, availHeight)
            if "blPara" not in self.__dict__:  # nothing fits (a zero width): nothing to keep
                return self.width, self.height
            if key is not None:
                if len(_layouts) >= PARSED_LIMIT:
                    _layouts.clear()
                _layouts[key] = {
                    name: value
                    for name, value in self.__dict__.items()
                    if name not in before or before[name] is not value
                }
        self._laid_out = (availWidth, self.blPara, self.width, self.height)
        return self.width, self.height


class LetterTable(Table):  # type: ignore[misc]
    """A table that measures its rows once per width. The frame measures a table, then asks it
    to split, and a heading kept with it measures its first rows first: each went over every
    cell of every row again. The letters' tables have fixed column widths and no spanned cells,
    so the measure depends on the width alone (the parts of a split table are tables of this
    class too, measured afresh)."""

    _measured_at: float | None = None

    def _calc(self, availWidth: float, availHeight: float) -> None:
        if self._measured_at != availWidth:
            super()._calc(availWidth, availHeight)
            self._measured_at = availWidth


def paragraph(text: str, style: Any, bullet: str | None = None) -> Paragraph:
    """A Paragraph of ``text`` (markup made by ``markup``/``runs_markup``) in ``style``.

    Parsing markup is a good part of rendering a letter and most texts recur (labels, headings,
    column headers, sizes, dates, stages), so each text is parsed once per process and style;
    every paragraph gets its own copy of the parsed fragments (and shares the line breaks, see
    ``_Paragraph``). ``style`` must be one of the module-level styles (they are told apart by
    name)."""
    key = (text, style.name)
    known = _parsed.get(key)
    if known is None:
        made = _Paragraph(text, style, bullet)
        if len(_parsed) >= PARSED_LIMIT:
            _parsed.clear()
        _parsed[key] = (made.style, [frag.clone() for frag in made.frags])
    else:
        parsed_style, frags = known
        made = _Paragraph(text, parsed_style, bullet, frags=[frag.clone() for frag in frags])
    made._key = (text, style.name, bullet)
    return made
