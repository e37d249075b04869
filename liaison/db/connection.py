"""Opening the office database: pragmas, guards, migrations, and the write transaction.

Promises kept here (PROMISES.md): P1 ``synchronous=FULL`` and rollback-journal mode (the SQLite
bundled with Python here predates the WAL-reset fix); P3 every write takes the lock at ``BEGIN
IMMEDIATE`` and waits on a busy timeout; P7 an existing database is opened with ``mode=rw`` so a
wrong path is an error, never a new empty file; P8 foreign, empty, corrupt and too-new files are
refused with a known error.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from liaison.db.migrations import applied_names, known_migration_names, migrations, pending_names
from liaison.db.schema import APPLICATION_ID
from liaison.errors import (
    DatabaseBusy,
    DatabaseCorrupt,
    DatabaseError,
    DatabaseMissing,
    DatabaseReadOnly,
    DiskFull,
    LiaisonError,
    NotOurDatabase,
    SchemaTooNew,
)

if TYPE_CHECKING:
    import sqlite_utils

BUSY_TIMEOUT_MS = 15_000
OWNER_ONLY = stat.S_IRUSR | stat.S_IWUSR


class Store:
    """One connection to the office database, wrapped for sqlite-utils and our transactions."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None) -> None:
        self.conn = conn
        self.path = path

    @functools.cached_property
    def db(self) -> sqlite_utils.Database:
        """The same connection seen through sqlite-utils (imported when first needed: opening
        an up-to-date database does without it)."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn, execute_plugins=False)

    # -- transactions ---------------------------------------------------------------------
    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` … ``COMMIT``: the write lock is taken first, so a transaction that
        reads then writes never fails half-way with 'database is locked' (PROMISES P3)."""
        if self.conn.in_transaction:
            raise RuntimeError("nested write transaction")
        with translate_errors():
            self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        with translate_errors():
            try:
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise

    def one(self, sql: str, params: Any = ()) -> sqlite3.Row | None:
        with translate_errors():
            row: sqlite3.Row | None = self.conn.execute(sql, params).fetchone()
            return row

    def all(self, sql: str, params: Any = ()) -> list[sqlite3.Row]:
        with translate_errors():
            return self.conn.execute(sql, params).fetchall()

    def scalar(self, sql: str, params: Any = ()) -> Any:
        row = self.one(sql, params)
        return None if row is None else row[0]

    def close(self) -> None:
        """Refresh the planner's statistics where they have gone stale (SQLite's advice for
        long-lived connections), then close. Bounded by ``analysis_limit`` so it stays quick."""
        with contextlib.suppress(sqlite3.Error):
            if not self.conn.in_transaction:
                self.conn.execute("PRAGMA analysis_limit = 400")
                self.conn.execute("PRAGMA optimize")
        self.conn.close()


@contextlib.contextmanager
def translate_errors() -> Iterator[None]:
    """Turn sqlite3's operational errors into the known errors the user can act on."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        raise _known(exc) from exc
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.IntegrityError | sqlite3.ProgrammingError):
            raise
        raise _known(exc) from exc


def _known(exc: sqlite3.Error) -> LiaisonError | sqlite3.Error:
    message = str(exc).lower()
    if "locked" in message or "busy" in message:
        return DatabaseBusy("The database is busy in another window or program; try again.")
    if "readonly" in message or "read-only" in message:
        return DatabaseReadOnly("The database file is read-only; nothing can be saved.")
    if "disk is full" in message or "database or disk is full" in message:
        return DiskFull("The disk is full; nothing was saved. Free some space and try again.")
    if "malformed" in message or "not a database" in message or "corrupt" in message:
        return DatabaseCorrupt("The database file is damaged.")
    if "unable to open" in message:
        return DatabaseMissing("The database file cannot be opened.")
    return exc


def _connect(uri: str) -> sqlite3.Connection:
    # isolation_level=None: we issue BEGIN ourselves (sqlite-utils needs legacy control).
    conn = sqlite3.connect(
        uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
    )
    conn.row_factory = sqlite3.Row
    return conn


def _uri(path: Path, mode: str) -> str:
    return f"file:{quote(str(path.resolve()))}?mode={mode}"


def configure(conn: sqlite3.Connection) -> None:
    with translate_errors():
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = FULL")
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
        if str(mode).lower() != "delete":
            conn.execute("PRAGMA journal_mode = DELETE")


def open_store(path: Path | str, *, quick_check: bool = False) -> Store:
    """Open an existing office database; refuse anything else (never creates a file, P7)."""
    path = Path(path)
    if not path.exists():
        raise DatabaseMissing(f"No database at {path}.")
    if path.is_dir():
        raise DatabaseMissing(f"{path} is a folder, not a database file.")
    try:
        conn = _connect(_uri(path, "rw"))
    except sqlite3.OperationalError as exc:
        raise _as_error(exc, path) from exc
    try:
        configure(conn)
        check_identity(conn, path)
        if quick_check:
            run_check(conn, full=False)
        store = Store(conn, path)
        migrate(store)
        ensure_statistics(conn)
        return store
    except BaseException:
        conn.close()
        raise


def ensure_statistics(conn: sqlite3.Connection) -> None:
    """Without ``sqlite_stat1`` the planner picks poor plans on big tables (the active-cases list
    took 259 ms instead of 2 ms on 100,000 cases). A bounded ANALYZE takes milliseconds."""
    has_stats = conn.execute("SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_stat1'").fetchone()
    if has_stats is None:
        with contextlib.suppress(sqlite3.OperationalError):  # busy or read-only: try next time
            conn.execute("PRAGMA analysis_limit = 400")
            conn.execute("ANALYZE")


def create_store(path: Path | str) -> Store:
    """Create a new office database at a path where nothing exists yet."""
    from liaison.db.seed import seed_reference_data

    path = Path(path)
    if path.exists() and path.stat().st_size > 0:
        raise DatabaseError(f"{path} already exists; open it instead of creating it.")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, OWNER_ONLY)
    os.close(fd)
    os.chmod(path, OWNER_ONLY)
    conn = _connect(_uri(path, "rw"))
    try:
        configure(conn)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        store = Store(conn, path)
        migrate(store)
        seed_reference_data(store)
        return store
    except BaseException:
        conn.close()
        raise


def memory_store() -> Store:
    """A throw-away database for tests of pure storage code."""
    from liaison.db.seed import seed_reference_data

    conn = _connect("file::memory:")
    configure(conn)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    store = Store(conn, None)
    migrate(store)
    seed_reference_data(store)
    return store


def _as_error(exc: sqlite3.Error, path: Path) -> LiaisonError:
    known = _known(exc)
    if isinstance(known, LiaisonError):
        return known
    return DatabaseError(f"Cannot open {path}: {exc}")


def check_identity(conn: sqlite3.Connection, path: Path | None = None) -> None:
    """Refuse files that are not ours (P6, P8): garbage, empty, another app's, or too new."""
    where = f" ({path})" if path else ""
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise DatabaseCorrupt(f"This is not a readable SQLite database{where}: {exc}") from exc
    if app_id != APPLICATION_ID:
        if tables == 0:
            raise NotOurDatabase(f"This file is empty, not a Liaison Desk database{where}.")
        raise NotOurDatabase(f"This SQLite file belongs to another program{where}.")
    names = applied_migrations(conn)
    unknown = [name for name in names if name not in known_migration_names()]
    if unknown:
        raise SchemaTooNew(
            f"This database was written by a newer Liaison Desk (schema {unknown[-1]}); "
            "update the program to open it."
        )


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    return applied_names(conn)


def migrate(store: Store) -> None:
    """Apply pending migrations inside one IMMEDIATE transaction (two instances starting at once
    cannot both migrate: sqlite-utils looks again for what is pending once the lock is held)."""
    if not pending_names(applied_names(store.conn)):
        return
    with store.write():
        migrations().apply(store.db)


def run_check(conn: sqlite3.Connection, *, full: bool) -> list[str]:
    """``quick_check`` or ``integrity_check`` plus a foreign-key check; raises when damaged."""
    pragma = "integrity_check" if full else "quick_check"
    try:
        problems = [row[0] for row in conn.execute(f"PRAGMA {pragma}") if row[0] != "ok"]
        problems += [
            f"foreign key: {row[0]} row {row[1]} → {row[2]}"
            for row in conn.execute("PRAGMA foreign_key_check")
        ]
    except sqlite3.DatabaseError as exc:
        raise DatabaseCorrupt(f"The database file is damaged: {exc}") from exc
    if problems:
        raise DatabaseCorrupt("The database file is damaged: " + "; ".join(problems[:5]))
    return problems
