"""Reading an import file: bytes → header and rows of text, with the file-level refusals.

sqlite-utils' ``rows_from_file`` parses the CSV (byte-order mark, quoting); the delimiter is
sniffed among comma, semicolon (French-locale spreadsheets) and tab. A file that is not UTF-8 is
read as Windows-1252, which is what a spreadsheet saves as "CSV" on an office PC. Headings are
matched loosely (``Legal name``, ``legal-name`` and ``LEGAL_NAME`` are one column); a column the
import does not know is refused rather than silently dropped.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from liaison.errors import ValidationError, ValidationErrors
from liaison.models.transfer import ImportProblem

MAX_FILE_BYTES = 64 * 1024 * 1024
EXTRA = "\x00extra"  # where the reader puts cells beyond the header's columns
FILE_FIELD = "file"
COLUMNS_FIELD = "columns"
# Control characters a person cannot have meant (line breaks and tabs inside a cell are kept).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class SourceRow:
    line: int  # as a spreadsheet numbers it: the header is line 1
    cells: dict[str, str]  # normalised column name → stripped text ("" when empty)


def column_name(header: str | None, known: Sequence[str]) -> str:
    """The known column a heading names (``Legal Name``, ``legal-name``, ``LEGALNAME`` and
    ``E-mail`` are matched without case, spaces, dashes, dots or underscores), else the heading
    as written ("" for a blank one)."""
    squashed = _squash(header)
    for name in known:
        if _squash(name) == squashed:
            return name
    return " ".join((header or "").split())


def _squash(text: str | None) -> str:
    return "".join(ch for ch in (text or "").casefold() if ch.isalnum())


def read_rows(
    path: Path | str,
    known: Sequence[str],
    required: Iterable[str] = (),
    one_of: Sequence[str] = (),
) -> tuple[list[SourceRow], list[ImportProblem]]:
    """The data rows of a CSV file (blank rows dropped) and the rows refused while reading
    (extra cells). Raises ``ValidationError`` for the file as a whole: missing, unreadable, empty,
    unknown or missing columns."""
    data = _read_bytes(Path(path))
    try:
        text = data.decode("utf-8-sig")
        encoding = "utf-8-sig"
    except UnicodeDecodeError:
        text = data.decode("cp1252", "replace")
        encoding = "cp1252"
    dialect = _dialect(text[:65536])
    # Imported here, not at the top: sqlite-utils costs a tenth of a second at every launch.
    from sqlite_utils.utils import Format, rows_from_file

    try:
        header = next(csv.reader(io.StringIO(text), dialect), [])
        reader, _ = rows_from_file(
            io.BytesIO(data),
            format=Format.CSV,
            dialect=dialect,
            encoding=encoding,
            extras_key=EXTRA,
        )
        records = list(reader)
    except UnicodeDecodeError:
        raise ValidationError(
            FILE_FIELD,
            "This is not a text file (neither UTF-8 nor Windows-1252); save it as CSV UTF-8.",
            code="file_encoding",
        ) from None
    except csv.Error as exc:
        raise ValidationError(
            FILE_FIELD, f"This is not a readable CSV file ({exc}).", code="file_format"
        ) from None
    if not records:
        raise ValidationError(FILE_FIELD, "The file has no data rows.", code="empty")
    _check_columns(header, known, required, one_of)
    names = {key: column_name(key, known) for key in records[0] if key != EXTRA}
    rows: list[SourceRow] = []
    problems: list[ImportProblem] = []
    for index, record in enumerate(records):
        line = index + 2
        extra = record.get(EXTRA)
        cells: dict[str, str] = {}
        blank_named = False
        for key, value in record.items():
            if key == EXTRA:
                continue
            cell = value.strip() if isinstance(value, str) else ""
            if names[key]:
                cells[names[key]] = cell
            elif cell:
                blank_named = True
        if not any(cells.values()) and not extra and not blank_named:
            continue  # an empty spreadsheet row
        if extra and any(str(v).strip() for v in extra):  # type: ignore[union-attr]
            problems.append(
                ImportProblem(line, COLUMNS_FIELD, "This row has more cells than the header.")
            )
        elif blank_named:
            problems.append(
                ImportProblem(line, COLUMNS_FIELD, "A value sits in a column without a heading.")
            )
        for name, cell in cells.items():
            hidden = _CONTROL.search(cell)
            if hidden:
                reason = f"Contains an invisible control character (U+{ord(hidden[0]):04X})."
                problems.append(ImportProblem(line, name, reason))
        rows.append(SourceRow(line, cells))
    if not rows:
        raise ValidationError(FILE_FIELD, "The file has no data rows.", code="empty")
    return rows, problems


def _dialect(head: str) -> type[csv.Dialect]:
    """Excel's CSV rules with the delimiter the header line uses (the sniffer's other guesses,
    such as no doubled quotes when the header has no quotes, would misread real rows)."""
    try:
        delimiter = csv.Sniffer().sniff(head.split("\n", 1)[0] or head, delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    return type("SniffedDialect", (csv.excel,), {"delimiter": delimiter})


def _read_bytes(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ValidationError(
                FILE_FIELD,
                f"The file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; split it.",
                code="too_large",
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise ValidationError(FILE_FIELD, f"No file at {path}.", code="not_found") from None
    except IsADirectoryError:
        raise ValidationError(FILE_FIELD, f"{path} is a folder.", code="not_a_file") from None
    except PermissionError:
        raise ValidationError(
            FILE_FIELD, f"{path} cannot be read (permission denied).", code="unreadable"
        ) from None


def _check_columns(
    header: list[str], known: Sequence[str], required: Iterable[str], one_of: Sequence[str]
) -> None:
    names = [column_name(h, known) for h in header]
    named = [n for n in names if n]
    doubled = sorted({n for n in named if named.count(n) > 1})
    if doubled:
        raise ValidationError(
            COLUMNS_FIELD, f"Column heading repeated: {', '.join(doubled)}.", code="duplicate"
        )
    unknown = [n for n in named if n not in known]
    if unknown:
        raise ValidationError(
            COLUMNS_FIELD,
            f"Unknown column(s): {', '.join(unknown)}. The columns are: {', '.join(known)}.",
            code="unknown_column",
        )
    missing = [n for n in required if n not in named]
    if one_of and not any(n in named for n in one_of):
        missing.append(" or ".join(one_of))
    if missing:
        raise ValidationError(
            COLUMNS_FIELD, f"Missing column(s): {', '.join(missing)}.", code="missing_column"
        )


def yes_no(value: str, field: str) -> bool:
    text = value.strip().casefold()
    if text in ("", "0", "no", "n", "false", "non", "oya", "hapana"):
        return False
    if text in ("1", "yes", "y", "true", "oui", "yego", "ndiyo", "x"):
        return True
    raise ValidationError(field, "Write yes or no.", code="yes_no")


def problems_of(
    exc: ValidationError | ValidationErrors, line: int, rename: dict[str, str] | None = None
) -> list[ImportProblem]:
    """A refusal of one row as problems of its line, fields named as the file's columns."""
    errors = exc.errors if isinstance(exc, ValidationErrors) else [exc]
    names = rename or {}
    return [ImportProblem(line, names.get(e.field, e.field), e.message) for e in errors]
