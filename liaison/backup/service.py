"""BackupService (``office.backups``): back up, list, verify, prune, restore, and say whether a
backup is due or overdue.

Backups are recorded in the audit log (action ``backup``: file, SHA-256 and the newest audit row
the snapshot holds), so "changed since the last backup?" is one indexed look-up and needs no table
of its own. ``plan`` reads the settings on the caller's thread; ``run`` does the work with
connections of its own, so the UI can call it from a worker thread (ARCHITECTURE rule 11).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

from liaison.backup.catalog import BackupEntry, BackupKind, leftovers, manifest_path, scan
from liaison.backup.errors import BackupFolderUnavailable, RestoreRefused
from liaison.backup.policy import BackupStatus, backup_due, status_warning
from liaison.backup.restore import restore_into
from liaison.backup.retention import Generation, RetentionPolicy, to_prune
from liaison.backup.snapshot import (
    BackupFile,
    CancelFn,
    ProgressFn,
    check_folder,
    copy_backup,
    make_backup,
)
from liaison.backup.verify import (
    Verification,
    audit_high,
    describe,
    readonly,
    table_counts,
    verify_file,
)
from liaison.clock import KIGALI, parse_stamp
from liaison.db import rows
from liaison.db.connection import migrate, open_store, run_check
from liaison.enums import Entity
from liaison.errors import DatabaseError, LiaisonError
from liaison.models import Changes, Staff
from liaison.paths import default_backup_dir
from liaison.services.base import Service
from liaison.services.settings import SettingsService

ALL_DATA = Changes.of(*Entity)


@dataclass(frozen=True, slots=True)
class BackupPlan:
    """Everything a backup needs, read from the settings beforehand (thread-safe to run)."""

    source: Path
    folder: Path
    create_folder: bool
    second: Path | None
    kind: BackupKind
    staff_id: int
    prune: bool = True
    policy: RetentionPolicy = field(default_factory=RetentionPolicy)


@dataclass(frozen=True, slots=True)
class BackupResult:
    backup: BackupFile
    second_copy: Path | None = None
    second_error: str | None = None  # the backup is made; only the second copy failed
    pruned: tuple[Path, ...] = ()


@dataclass(frozen=True, slots=True)
class RestoreResult:
    restored_from: Path
    safety_copy: BackupFile  # restore this to undo the restore
    counts: dict[str, int]
    changes: Changes = ALL_DATA


class BackupService(Service):
    # -- where ------------------------------------------------------------------------------
    def _settings(self) -> dict[str, str]:
        return SettingsService(self.ctx).all()

    def folders(self) -> tuple[Path, Path | None]:
        """The backup folder (the default one under the data folder when the setting is empty)
        and the optional second destination."""
        values = self._settings()
        primary = Path(values["backup_dir"]).expanduser() if values["backup_dir"] else None
        second = values["backup_second_dir"]
        return primary or default_backup_dir(), Path(second).expanduser() if second else None

    def _source(self) -> Path:
        if self.store.path is None:
            raise DatabaseError("An in-memory database cannot be backed up.")
        return self.store.path

    # -- backing up -------------------------------------------------------------------------
    def plan(
        self, *, kind: BackupKind = BackupKind.MANUAL, to: Path | None = None, prune: bool = True
    ) -> BackupPlan:
        primary, second = self.folders()
        configured = bool(self._settings()["backup_dir"])
        folder = Path(to) if to is not None else primary
        return BackupPlan(
            source=self._source(),
            folder=folder,
            create_folder=to is None and not configured,
            second=second if to is None else None,
            kind=kind,
            staff_id=self.ctx.actor.id,
            prune=prune and to is None,
        )

    def run(
        self,
        plan: BackupPlan,
        *,
        progress: ProgressFn | None = None,
        cancel: CancelFn | None = None,
    ) -> BackupResult:
        """Make the backup of ``plan`` with connections of its own (any thread)."""
        taken_at = self.ctx.clock.now()
        check_folder(plan.folder, create=plan.create_folder)
        for stale in leftovers(plan.folder, time.time()):
            with contextlib.suppress(OSError):
                stale.unlink()
        backup = make_backup(
            plan.source,
            plan.folder,
            kind=plan.kind,
            taken_at=taken_at,
            create_folder=plan.create_folder,
            progress=progress,
            cancel=cancel,
        )
        second_copy, second_error = None, None
        if plan.second is not None:
            try:
                second_copy = copy_backup(backup, plan.second)
            except LiaisonError as exc:
                second_error = str(exc)
        self._record(plan, backup, second_copy)
        pruned: list[Path] = []
        if plan.prune:
            for folder in (plan.folder, second_copy.parent if second_copy else None):
                if folder is not None:
                    pruned += prune_folder(folder, plan.policy)
        return BackupResult(backup, second_copy, second_error, tuple(pruned))

    def back_up(
        self,
        *,
        kind: BackupKind = BackupKind.MANUAL,
        to: Path | None = None,
        progress: ProgressFn | None = None,
        cancel: CancelFn | None = None,
    ) -> BackupResult:
        return self.run(self.plan(kind=kind, to=to), progress=progress, cancel=cancel)

    def _record(self, plan: BackupPlan, backup: BackupFile, second: Path | None) -> None:
        """The audit row of a backup, written through a connection of this thread."""
        store = open_store(plan.source)
        try:
            with store.write() as conn:
                exists = conn.execute("SELECT 1 FROM staff WHERE id = ?", (plan.staff_id,))
                staff_id = plan.staff_id if exists.fetchone() else _system_id(conn)
                _audit_backup(conn, backup, staff_id, second)
        finally:
            store.close()

    # -- policy -----------------------------------------------------------------------------
    def last_backup(self) -> tuple[dt.datetime, Path, int] | None:
        """This database's newest backup whose file is still there: when, where, and the
        newest audit row it holds."""
        found = self.store.all(
            "SELECT reference, at, field, new_value FROM audit_log WHERE action = 'backup' "
            "AND entity = 'backups' ORDER BY id DESC LIMIT 80"
        )
        events: dict[tuple[str, str], dict[str, str]] = {}
        for row in found:  # newest first; the rows of one backup share its name and time
            event = events.setdefault((row["reference"], row["at"]), {"at": row["at"]})
            event[row["field"]] = row["new_value"]
        for event in events.values():
            for key in ("file", "second_file"):
                path = event.get(key)
                if path and Path(path).is_file():
                    return parse_stamp(event["at"]), Path(path), int(event.get("audit_high", 0))
        return None

    def status(self) -> BackupStatus:
        settings = self._settings()
        primary, _ = self.folders()
        configured = bool(settings["backup_dir"])
        problem = ""
        try:
            check_folder(primary, create=False)
        except BackupFolderUnavailable as exc:
            if configured or primary.exists():
                problem = exc.message
        last = self.last_backup()
        high = audit_high(self.store.conn)
        return BackupStatus(
            folder=primary,
            folder_problem=problem,
            last_at=last[0] if last else None,
            last_file=last[1] if last else None,
            changed_since=last is None or high > last[2],
            max_age_hours=int(settings["backup_max_age_hours"]),
            now=self.ctx.clock.now(),
        )

    def due(self, *, closing: bool = False) -> bool:
        """Is an automatic backup due (on close: anything changed; while running: changed and
        the last one older than a day)?"""
        s = self.status()
        return backup_due(s.last_at, s.changed_since, s.now, closing=closing)

    def warning(self) -> str | None:
        """Today's warning: the folder is unreachable, or the last good backup is too old."""
        return status_warning(self.status())

    # -- listing and verifying --------------------------------------------------------------
    def all(self) -> list[BackupEntry]:
        """Every backup in the backup folder and the second destination, newest first."""
        primary, second = self.folders()
        return scan([primary, *([second] if second else [])])

    def verify(self, path: Path) -> Verification:
        """Full verification of any file (a backup, or a file offered for restore)."""
        return verify_file(Path(path))

    def check_database(self) -> Verification:
        """Full integrity check of the live database through a connection of its own (so it can
        run in a worker); raises ``DatabaseCorrupt`` with what is wrong."""
        source = self._source()
        with readonly(source) as conn:
            conn.execute("BEGIN")
            run_check(conn, full=True)
            found = describe(conn, source)
            conn.execute("COMMIT")
        return found

    def prune(self) -> list[Path]:
        primary, second = self.folders()
        return [p for f in (primary, second) if f is not None for p in prune_folder(f)]

    # -- restoring --------------------------------------------------------------------------
    def restore(self, path: Path, *, progress: ProgressFn | None = None) -> RestoreResult:
        """Verify ``path``, make a verified safety copy of the current database, restore through
        the backup API into the open connection, verify again, record the event (P5, P6)."""
        actor = self.require_admin()
        candidate = Path(path)
        source = self._source()
        if candidate.exists() and source.exists() and os.path.samefile(candidate, source):
            raise RestoreRefused("That file is the open database itself; choose a backup.")
        found = verify_file(candidate)
        safety = self._safety_copy(source)
        version = self.store.scalar("PRAGMA data_version")
        restore_into(self.store.conn, candidate, progress=progress)
        migrate(self.store)
        run_check(self.store.conn, full=True)
        stamp = self.now()
        with self.store.write() as conn:
            # Another instance may have saved since the restore ended (it keeps working): the
            # rows can be compared only while nobody else has committed.
            if conn.execute("PRAGMA data_version").fetchone()[0] == version:
                after = table_counts(conn)
                if any(after.get(name) != count for name, count in found.counts.items()):
                    raise DatabaseError(
                        f"The restored database does not hold what {candidate.name} holds; "
                        f"restore the safety copy {safety.path.name}."
                    )
            row = conn.execute("SELECT * FROM staff WHERE id = ?", (actor.id,)).fetchone()
            staff_id = actor.id if row is not None else _system_id(conn)
            # The safety copy holds the data from before the restore, not these rows: recorded
            # as holding nothing of them, so the restored data counts as not yet backed up.
            _audit_backup(conn, safety, staff_id, None, at=stamp, audit_high=0)
            rows.audit(
                conn,
                at=stamp,
                staff_id=staff_id,
                entity="backups",
                entity_id=None,
                action="restore",
                changes={"file": (None, str(candidate)), "safety_copy": (None, str(safety.path))},
                reference=candidate.name,
            )
        self.ctx.actor = self._reload_actor(actor.id)
        return RestoreResult(candidate, safety, found.counts)

    def _safety_copy(self, source: Path) -> BackupFile:
        primary, _ = self.folders()
        configured = bool(self._settings()["backup_dir"])
        try:
            return make_backup(
                source,
                primary,
                kind=BackupKind.SAFETY,
                taken_at=self.ctx.clock.now(),
                create_folder=not configured,
            )
        except BackupFolderUnavailable:
            return make_backup(
                source,
                default_backup_dir(),
                kind=BackupKind.SAFETY,
                taken_at=self.ctx.clock.now(),
                create_folder=True,
            )

    def _reload_actor(self, staff_id: int) -> Staff:
        row = self.store.one("SELECT * FROM staff WHERE id = ? AND active = 1", (staff_id,))
        if row is None:
            row = self.store.one("SELECT * FROM staff WHERE role = 'system' ORDER BY id LIMIT 1")
        assert row is not None
        return rows.to_record(Staff, row)

    # -- other instances --------------------------------------------------------------------
    def data_version(self) -> tuple[int, int]:
        """Cheap to poll: changes whenever this or another instance commits a change."""
        version = int(self.store.scalar("PRAGMA data_version"))
        newest = self.store.scalar("SELECT max(id) FROM audit_log")
        return version, int(newest or 0)


def _system_id(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT id FROM staff WHERE role = 'system' ORDER BY id").fetchone()[0])


def _audit_backup(
    conn: sqlite3.Connection,
    backup: BackupFile,
    staff_id: int,
    second: Path | None,
    *,
    at: str | None = None,
    audit_high: int | None = None,
) -> None:
    high = backup.verification.audit_high if audit_high is None else audit_high
    changes: dict[str, tuple[object, object]] = {
        "file": (None, str(backup.path)),
        "sha256": (None, backup.sha256),
        "bytes": (None, backup.bytes),
        "audit_high": (None, high),
        "kind": (None, backup.kind.value),
    }
    if second is not None:
        changes["second_file"] = (None, str(second))
    rows.audit(
        conn,
        at=at or backup.taken_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        staff_id=staff_id,
        entity="backups",
        entity_id=None,
        action="backup",
        changes=changes,
        reference=backup.path.name,
    )


def prune_folder(folder: Path, policy: RetentionPolicy | None = None) -> list[Path]:
    """Delete the backups the retention policy no longer keeps (never safety copies, never an
    unverified file, never the newest verified backup)."""
    entries = [e for e in scan([folder]) if e.kind is not BackupKind.SAFETY]
    generations = [Generation(e.name, e.taken_at, e.verified, e.sequence) for e in entries]
    doomed = set(to_prune(generations, policy or RetentionPolicy(), KIGALI))
    removed = []
    for entry in entries:
        if entry.name in doomed:
            with contextlib.suppress(OSError):
                entry.path.unlink()
                manifest_path(entry.path).unlink(missing_ok=True)
                removed.append(entry.path)
    return removed
