"""File names for letters saved to disk or put in an export.

A name is the letter's reference plus a cleaned slug of the trader's name: only ASCII letters,
digits and dashes, at most 40 characters, so ``../..``, ``/``, ``CON``, ``A*B?`` or a 300-character
name can neither leave the folder nor break the file system; ``inside`` checks the final path.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from pathlib import Path

from liaison.errors import ValidationError

SLUG_LIMIT = 40
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str, limit: int = SLUG_LIMIT) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    cleaned = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
    return cleaned[:limit].rstrip("-")


def ref_stem(ref: str) -> str:
    """``KPA/KGL/LTR/2026/0012`` → ``KPA-KGL-LTR-2026-0012``."""
    return re.sub(r"[^A-Za-z0-9]+", "-", ref).strip("-")


def letter_filename(ref: str, trader_name: str) -> str:
    name = slug(trader_name)
    return f"{ref_stem(ref)}_{name}.pdf" if name else f"{ref_stem(ref)}.pdf"


def export_name(ref: str) -> str:
    """The member name of an issued letter inside an export ZIP."""
    return f"letters/{ref_stem(ref)}.pdf"


def inside(folder: Path, name: str) -> Path:
    """``folder / name``, refused unless it stays directly inside ``folder``."""
    base = folder.resolve()
    target = (base / name).resolve()
    if target.parent != base or name in ("", ".", ".."):
        raise ValidationError("file_name", "That file name would leave its folder.", code="path")
    return target


def write_file(path: Path, data: bytes) -> Path:
    """Write through a temporary file in the same folder and rename: a reader never sees half a
    letter, and a failed write leaves nothing under the final name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".letter-", suffix=".partial")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
