"""Start-up recovery: a database that cannot be opened (corrupt, unreadable) is replaced by the
newest good backup, never by a new empty file (P7, P8), and the damaged file is kept beside it.

No Office exists at this point, so these are plain functions over paths; the recovery dialog
and ``liaison restore`` call them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from liaison.backup.catalog import BackupEntry, scan
from liaison.backup.restore import recover_file
from liaison.backup.verify import Verification, readonly, verify_file
from liaison.db import rows
from liaison.db.connection import open_store
from liaison.errors import LiaisonError
from liaison.paths import default_backup_dir


@dataclass(frozen=True, slots=True)
class RecoveryResult:
    database: Path
    restored_from: Path
    holds: Verification
    set_aside: tuple[Path, ...]  # the damaged file and its journal, renamed, kept


def recovery_folders(database: Path, extra: Iterable[Path] = ()) -> list[Path]:
    """Where backups of ``database`` may be: folders the caller remembers, the folders named in
    the damaged file's settings if they can still be read, and the default folder."""
    folders = [Path(p) for p in extra]
    with contextlib.suppress(LiaisonError, sqlite3.Error, OSError), readonly(database) as conn:
        for (value,) in conn.execute(
            "SELECT value FROM settings WHERE key IN ('backup_dir', 'backup_second_dir') "
            "AND value != ''"
        ):
            folders.append(Path(str(value)).expanduser())
    folders.append(default_backup_dir())
    unique: list[Path] = []
    for folder in folders:
        if folder not in unique:
            unique.append(folder)
    return unique


def newest_good_backup(folders: Iterable[Path]) -> tuple[BackupEntry, Verification] | None:
    """The newest backup that passes a full verification now (the manifest alone is not enough
    when the disk may be failing)."""
    for entry in scan(folders):
        try:
            return entry, verify_file(entry.path)
        except LiaisonError:
            continue
    return None


def recover_database(database: Path, backup: Path, *, now: dt.datetime) -> RecoveryResult:
    """Put a verified copy of ``backup`` where ``database`` is, keep the damaged file, check the
    result opens, and record the event in the restored database's audit log."""
    database, backup = Path(database), Path(backup)
    holds, moved = recover_file(database, backup, now)
    store = open_store(database, quick_check=True)
    try:
        with store.write() as conn:
            system = conn.execute("SELECT id FROM staff WHERE role = 'system' ORDER BY id")
            rows.audit(
                conn,
                at=now.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                staff_id=int(system.fetchone()[0]),
                entity="backups",
                entity_id=None,
                action="restore",
                changes={
                    "file": (None, str(backup)),
                    "damaged_file": (None, str(moved[0]) if moved else None),
                },
                reference=backup.name,
            )
    finally:
        store.close()
    return RecoveryResult(database, backup, holds, tuple(moved))
