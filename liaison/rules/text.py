"""Text keys for search and comparison, and the length rules every free-text field obeys.

A *search key* folds away what a person cannot see or does not type: case (including dotted and
dotless I), accents and other combining marks, zero-width and other format characters, and runs
of white space. ``Société``, ``SOCIETE`` and ``So\u200bciété`` share one key.
"""

from __future__ import annotations

import re
import unicodedata

from liaison.errors import ValidationError

_TOKEN = re.compile(r"\w+")
# Letters that NFKD does not decompose but a person would type as plain Latin.
_FOLD = str.maketrans({"ı": "i", "ø": "o", "đ": "d", "ł": "l", "ß": "ss", "æ": "ae", "œ": "oe"})
_DROPPED = ("Mn", "Me", "Cf", "Cc", "Co")


class _Unseen(dict[int, str | None]):
    """``str.translate`` table of the characters a key drops (``None``) or keeps (itself),
    filled in as characters are first met: one category look-up per character ever seen."""

    def __missing__(self, code: int) -> str | None:
        ch = chr(code)
        kept = ch in "\t\n\r" or unicodedata.category(ch) not in _DROPPED
        self[code] = result = ch if kept else None
        return result


_KEEP = _Unseen()


def search_key(text: str | None) -> str:
    if not text:
        return ""
    if text.isascii() and text.isprintable():
        # Nothing to decompose or drop: the same key, without the per-character walk (and
        # printable ASCII holds no white space but the plain space).
        return " ".join(text.lower().split())
    # Piece by piece between plain spaces, so that only the pieces holding more than printable
    # ASCII take the long way: a plain space folds to itself, and no mark moves across it
    # (decomposition reorders marks only between two characters that take none).
    folded = " ".join(
        [
            piece.lower() if piece.isascii() and piece.isprintable() else _folded(piece)
            for piece in text.split(" ")
        ]
    )
    return " ".join(folded.split())


def _folded(text: str) -> str:
    """The key's characters of ``text``, before white space is made single."""
    return unicodedata.normalize("NFKD", text).translate(_KEEP).casefold().translate(_FOLD)


def search_tokens(text: str | None) -> list[str]:
    """Word tokens of the search key, as FTS5's unicode61 tokenizer would split them."""
    return _TOKEN.findall(search_key(text))


def clean_text(
    value: str | None,
    field: str,
    *,
    required: bool = False,
    max_length: int = 200,
    multiline: bool = False,
) -> str | None:
    """Trim; refuse over-long text (never truncate silently); ``None`` for empty optional text."""
    if value is None:
        text = ""
    elif multiline:
        text = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    else:
        text = " ".join(value.split())
    if not text:
        if required:
            raise ValidationError(field, "This field is required.", code="required")
        return None
    if len(text) > max_length:
        raise ValidationError(
            field,
            f"At most {max_length} characters (this has {len(text)}).",
            code="too_long",
        )
    return text
