"""Verifying a database file without changing it: readable, ours, a schema this build knows,
every page healthy, not truncated, and (for a fresh copy) the same row counts as its source.

Used on every new backup before it gets its final name (P4) and on every restore candidate before
anything is touched (P6). Files are opened read-only through a URI, so a wrong path is an error and
never a new empty database (P7).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from liaison.db.connection import BUSY_TIMEOUT_MS, applied_migrations, check_identity, run_check
from liaison.errors import DatabaseCorrupt, DatabaseMissing


@dataclass(frozen=True, slots=True)
class Verification:
    """What a healthy file holds: its size, schema (applied migrations) and row counts."""

    path: Path
    bytes: int
    migrations: tuple[str, ...]
    counts: dict[str, int] = field(default_factory=dict)
    audit_high: int = 0  # the newest audit row: tells whether anything changed since

    @property
    def schema(self) -> str:
        return self.migrations[-1] if self.migrations else ""


def file_uri(path: Path, mode: str) -> str:
    return f"file:{quote(str(Path(path).resolve()))}?mode={mode}"


def open_readonly(path: Path) -> sqlite3.Connection:
    """A read-only connection of our own (one per thread; never the app's connection)."""
    path = Path(path)
    if not path.is_file():
        raise DatabaseMissing(f"No database file at {path}.")
    try:
        conn = sqlite3.connect(
            file_uri(path, "ro"),
            uri=True,
            isolation_level=None,
            timeout=BUSY_TIMEOUT_MS / 1000,
            check_same_thread=False,
        )
    except sqlite3.Error as exc:
        raise DatabaseMissing(f"Cannot open {path}: {exc}") from exc
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


@contextlib.contextmanager
def readonly(path: Path) -> Iterator[sqlite3.Connection]:
    conn = open_readonly(path)
    try:
        yield conn
    finally:
        conn.close()


def counted_tables(conn: sqlite3.Connection) -> list[str]:
    """Every ordinary table (full-text virtual tables are rebuilt from these)."""
    return [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name"
        )
    ]


def table_counts(conn: sqlite3.Connection) -> dict[str, int]:
    return {
        name: int(conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0])
        for name in counted_tables(conn)
    }


def audit_high(conn: sqlite3.Connection) -> int:
    """The id of the newest audit row that records a change of data (backups do not count)."""
    row = conn.execute(
        "SELECT id FROM audit_log WHERE action != 'backup' ORDER BY id DESC LIMIT 1"
    ).fetchone()
    return int(row[0]) if row else 0


def describe(conn: sqlite3.Connection, path: Path) -> Verification:
    """Identity, schema and counts of an open connection (inside one read transaction)."""
    return Verification(
        path=path,
        bytes=path.stat().st_size if path.exists() else 0,
        migrations=tuple(applied_migrations(conn)),
        counts=table_counts(conn),
        audit_high=audit_high(conn),
    )


def check_not_truncated(conn: sqlite3.Connection, path: Path) -> None:
    page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
    page_count = int(conn.execute("PRAGMA page_count").fetchone()[0])
    size = os.path.getsize(path)
    if size < page_size * page_count or size % page_size:
        raise DatabaseCorrupt(
            f"The file {path.name} is cut short ({size:,} bytes; its header promises "
            f"{page_size * page_count:,}): it is an incomplete copy."
        )


def verify_file(
    path: Path,
    *,
    full: bool = True,
    expected_counts: Mapping[str, int] | None = None,
    expected_migrations: tuple[str, ...] | None = None,
) -> Verification:
    """Refuse (with the reason) anything that is not a complete, healthy database of this app at
    a schema this build understands; return what it holds. Raises ``DatabaseMissing``,
    ``DatabaseCorrupt``, ``NotOurDatabase`` or ``SchemaTooNew``."""
    path = Path(path)
    with readonly(path) as conn:
        try:
            conn.execute("BEGIN")
            check_identity(conn, path)
            check_not_truncated(conn, path)
            run_check(conn, full=full)
            found = describe(conn, path)
            conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            raise DatabaseCorrupt(f"The file {path.name} is damaged: {exc}") from exc
    if not found.migrations:
        raise DatabaseCorrupt(f"The file {path.name} has no schema: it is not a complete copy.")
    if expected_migrations is not None and found.migrations != expected_migrations:
        raise DatabaseCorrupt(
            f"The copy {path.name} has schema {found.schema}, its source "
            f"{expected_migrations[-1] if expected_migrations else 'none'}."
        )
    if expected_counts is not None and found.counts != dict(expected_counts):
        differing = sorted(
            name
            for name in set(found.counts) | set(expected_counts)
            if found.counts.get(name) != expected_counts.get(name)
        )
        raise DatabaseCorrupt(
            f"The copy {path.name} does not hold the same rows as its source "
            f"({', '.join(differing[:5])})."
        )
    return found
