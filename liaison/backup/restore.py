"""Putting a backup back: into the open database through SQLite's backup API, or, at start-up,
in place of a damaged file.

Restoring into the live connection is atomic (the destination's own rollback journal covers it)
and safe with another instance open: the other connection simply sees new data, where a file swap
under an open database corrupts it (PROMISES, measured). Recovery of a file that cannot be opened
at all keeps the damaged file and its journal beside it, never deletes them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import sqlite3
from pathlib import Path

from liaison.backup.catalog import OWNER_FILE
from liaison.backup.snapshot import ProgressFn, fsync_and_hash, fsync_folder
from liaison.backup.verify import Verification, open_readonly, verify_file
from liaison.db.connection import translate_errors
from liaison.errors import DatabaseError

STEP_PAGES = 4096


def restore_into(
    live: sqlite3.Connection,
    candidate: Path,
    *,
    progress: ProgressFn | None = None,
) -> None:
    """Overwrite the database behind ``live`` with ``candidate`` page by page, in one
    transaction on the destination. ``candidate`` must have been verified."""
    if live.in_transaction:
        raise RuntimeError("restore needs the live connection outside a transaction")
    src = open_readonly(candidate)
    try:

        def step(status: int, remaining: int, total: int) -> None:
            if progress is not None:
                progress(total - remaining, total)

        with translate_errors():
            src.execute("BEGIN")
            src.backup(live, pages=STEP_PAGES, progress=step)
            src.execute("COMMIT")
    finally:
        src.close()


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%d-%H%M%SZ")


def set_aside(path: Path, moment: dt.datetime) -> list[Path]:
    """Move a damaged database and its journal files out of the way (kept, never deleted)."""
    moved = []
    for suffix in ("", "-journal", "-wal", "-shm"):
        source = Path(str(path) + suffix)
        if source.exists():
            target = source.with_name(f"{source.name}.damaged-{_stamp(moment)}")
            n = 1
            while target.exists():
                target = source.with_name(f"{source.name}.damaged-{_stamp(moment)}-{n}")
                n += 1
            os.replace(source, target)
            moved.append(target)
    return moved


def recover_file(
    damaged: Path, backup: Path, moment: dt.datetime
) -> tuple[Verification, list[Path]]:
    """Replace a database that cannot be opened by a verified copy of ``backup``. Other
    instances must be closed (a damaged file cannot be restored into through a connection).
    Returns what the restored file holds and where the damaged files were put."""
    found = verify_file(backup)
    staging = damaged.with_name(damaged.name + ".restoring")
    with contextlib.suppress(FileNotFoundError):
        staging.unlink()
    expected = fsync_and_hash(backup)
    with open(backup, "rb") as src:
        fd = os.open(staging, os.O_CREAT | os.O_EXCL | os.O_WRONLY, OWNER_FILE)
        with open(fd, "wb") as dst:
            shutil.copyfileobj(src, dst, 1024 * 1024)
    try:
        if fsync_and_hash(staging) != expected:
            raise DatabaseError(f"The copy of {backup.name} did not come out identical.")
        verify_file(staging, full=False, expected_migrations=found.migrations)
    except BaseException:
        staging.unlink()
        raise
    moved = set_aside(damaged, moment)
    os.replace(staging, damaged)
    fsync_folder(damaged.parent)
    return found, moved
