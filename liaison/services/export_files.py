"""Writing export files: which tables and columns, CSV and JSON streams, owner-only files.

- Tables are found, not listed: every table except SQLite's and the migrations' own, full-text
  indexes and their shadow tables, and the ``counters`` bookkeeping. Staff password hashes and
  the derived search texts are never written.
- CSV: text that a spreadsheet would run as a formula (first character ``=``, ``+``, ``-``, ``@``,
  tab or carriage return — a +250 phone number too) gets a leading ``'``. JSON is as stored. A
  binary cell is written as its SHA-256 and size.
- Files are created owner-only (0600): a named path is written beside itself and swapped in
  whole; a default name is created new and never replaces a file.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import IO, Any

from liaison.errors import ValidationError

INTERNAL_TABLES = frozenset({"counters"})
HIDDEN_COLUMNS = frozenset({"password_hash", "search_text"})
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_FIRST = frozenset(FORMULA_START)
CHUNK = 5000


def neutralise(value: Any) -> Any:
    """A cell as a spreadsheet may safely open it: formula-like text gets a leading quote."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def binary_cell(value: Any) -> Any:
    if isinstance(value, bytes):
        return f"sha256:{hashlib.sha256(value).hexdigest()} ({len(value)} bytes)"
    return value


def table_names(conn: sqlite3.Connection) -> list[str]:
    """The exportable tables, in the order they were created."""
    found = conn.execute(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'table' ORDER BY rowid"
    ).fetchall()
    virtual = [r[0] for r in found if (r[1] or "").upper().startswith("CREATE VIRTUAL")]
    return [
        name
        for name, _ in found
        if not name.startswith(("sqlite_", "_"))
        and name not in INTERNAL_TABLES
        and name not in virtual
        and not any(name.startswith(v + "_") for v in virtual)
    ]


def column_names(conn: sqlite3.Connection, table: str) -> list[str]:
    return [
        r[1] for r in conn.execute(f'PRAGMA table_info("{table}")') if r[1] not in HIDDEN_COLUMNS
    ]


def write_table(
    conn: sqlite3.Connection, table: str, fmt: str, out: IO[bytes], *, in_chunks: bool
) -> int:
    """Stream one table to ``out`` as CSV or JSON; the number of rows. ``in_chunks`` reads
    by rowid windows, so no read lock is held for the whole table on a live database."""
    columns = column_names(conn, table)
    has_binary = any(
        "BLOB" in (r[2] or "").upper() for r in conn.execute(f'PRAGMA table_info("{table}")')
    )
    count = 0
    if fmt == "csv":
        out.write(_csv_text([columns]).encode("utf-8"))
    else:
        out.write(b"[")
    for batch in _batches(conn, table, columns, in_chunks):
        if has_binary:
            batch = [tuple(binary_cell(v) for v in row) for row in batch]
        if fmt == "csv":
            safe = [
                ["'" + v if v.__class__ is str and v[:1] in _FORMULA_FIRST else v for v in row]
                for row in batch
            ]
            out.write(_csv_text(safe).encode("utf-8"))
        else:
            text = ",\n".join(
                json.dumps(dict(zip(columns, row, strict=True)), ensure_ascii=False)
                for row in batch
            )
            out.write((("\n" if count == 0 else ",\n") + text).encode("utf-8"))
        count += len(batch)
    if fmt == "json":
        out.write(b"\n]\n")
    return count


def _csv_text(rows: list[Any]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue()


def _batches(
    conn: sqlite3.Connection, table: str, columns: list[str], in_chunks: bool
) -> Iterator[list[Any]]:
    select = ", ".join(f'"{c}"' for c in columns)
    without_rowid = (
        "WITHOUT ROWID"
        in str(
            conn.execute("SELECT sql FROM sqlite_schema WHERE name = ?", (table,)).fetchone()[0]
        ).upper()
    )
    if not in_chunks or without_rowid:
        cursor = conn.execute(f'SELECT {select} FROM "{table}"')
        while batch := cursor.fetchmany(CHUNK):
            yield batch
        return
    last = None
    while True:
        after = "" if last is None else "WHERE rowid > ? "
        found = conn.execute(
            f'SELECT rowid, {select} FROM "{table}" {after}ORDER BY rowid LIMIT ?',
            (CHUNK,) if last is None else (last, CHUNK),
        ).fetchall()
        if not found:
            return
        last = found[-1][0]
        yield [tuple(row)[1:] for row in found]


def member_name(name: str) -> str:
    """A ZIP member name that cannot escape the archive's folder when unpacked."""
    path = PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or not path.parts or any(p in ("", ".", "..") for p in path.parts):
        raise ValueError(f"unsafe export member name {name!r}")
    return str(path)


class Hashing(io.BufferedIOBase):
    """A write-only stream that passes bytes on and keeps their SHA-256 and size."""

    def __init__(self, target: IO[bytes]) -> None:
        super().__init__()
        self._target = target
        self._hash = hashlib.sha256()
        self._size = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self._target.write(chunk)
        self._hash.update(chunk)
        self._size += len(chunk)
        return len(chunk)

    def summary(self) -> dict[str, Any]:
        return {"sha256": self._hash.hexdigest(), "bytes": self._size}


@contextlib.contextmanager
def snapshot(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A private copy of the database taken with SQLite's backup API: the live file is locked
    only while the pages are copied, not while the export is written. Owner-only, removed after."""
    fd, name = tempfile.mkstemp(prefix="liaison-export-", suffix=".db")
    os.close(fd)
    copy = sqlite3.connect(name)
    try:
        conn.backup(copy)
        yield copy
    finally:
        copy.close()
        Path(name).unlink(missing_ok=True)


@contextlib.contextmanager
def output(
    path: Path | str | None, folder: Path, default_name: str
) -> Iterator[tuple[Path, IO[bytes]]]:
    """An owner-only file to write and its final path."""
    if path is None:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        target, fd = _new_file(folder, default_name)
        try:
            with os.fdopen(fd, "wb") as out:
                yield target, out
                out.flush()
                os.fsync(out.fileno())
        except BaseException:
            target.unlink(missing_ok=True)
            raise
        return
    target = Path(path).expanduser()
    if target.is_dir():
        raise ValidationError("path", f"{target} is a folder; name a file.", code="is_folder")
    if not target.parent.is_dir():
        raise ValidationError("path", f"No folder {target.parent}.", code="no_folder")
    fd, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".partial", dir=target.parent
    )
    try:
        with os.fdopen(fd, "wb") as out:
            yield target, out
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _new_file(folder: Path, name: str) -> tuple[Path, int]:
    stem, dot, ext = name.rpartition(".")
    for attempt in range(1, 1000):
        candidate = folder / (name if attempt == 1 else f"{stem}-{attempt}{dot}{ext}")
        try:
            return candidate, os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
    raise ValidationError("path", f"Too many exports named {name} in {folder}.", code="taken")
