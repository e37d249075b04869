"""Making one backup: SQLite's online backup into ``NAME.partial``, verify, fsync, rename.

The source is read through a connection of our own holding one read transaction for the whole
copy, so the copy is a consistent snapshot even while other connections write (they wait on the
busy timeout, briefly), and the stepwise copy can report progress without restarting. The copy is
then verified against the counts read in that same transaction (P4); only then is it flushed and
renamed. Whatever fails, nothing is left under a final name and the source is never written.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import hashlib
import os
import shutil
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from liaison.backup.catalog import (
    OWNER_FILE,
    OWNER_FOLDER,
    PARTIAL,
    BackupKind,
    backup_name,
    manifest_path,
    write_manifest,
)
from liaison.backup.errors import BackupCancelled, BackupFailed, BackupFolderUnavailable
from liaison.backup.verify import Verification, describe, open_readonly, verify_file
from liaison.db.connection import check_identity, translate_errors
from liaison.errors import DatabaseCorrupt, DiskFull, LiaisonError

ProgressFn = Callable[[int, int], None]  # pages copied, pages in all; (0, 0): verifying
CancelFn = Callable[[], bool]
STEP_PAGES = 4096  # 16 MB with 4 KB pages: a few dozen progress reports for a 200 MB database


@dataclass(frozen=True, slots=True)
class BackupFile:
    """A finished, verified backup under its final name."""

    path: Path
    kind: BackupKind
    taken_at: dt.datetime
    bytes: int
    sha256: str
    verification: Verification
    copy_seconds: float
    verify_seconds: float


def check_folder(folder: Path, *, create: bool) -> None:
    """The folder must exist (a default one is created) and accept new files."""
    if create:
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=OWNER_FOLDER)
        except OSError as exc:
            raise _folder_error(folder, exc) from exc
    if not folder.exists():
        raise BackupFolderUnavailable(
            f"The backup folder {folder} cannot be found. If it is on a USB disk or another "
            "drive, connect it, or choose another backup folder."
        )
    if not folder.is_dir():
        raise BackupFolderUnavailable(f"The backup folder {folder} is a file, not a folder.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise BackupFolderUnavailable(
            f"The backup folder {folder} is read-only: no backup can be written there."
        )


def _folder_error(folder: Path, exc: BaseException) -> LiaisonError:
    text = str(exc).lower()
    code = exc.errno if isinstance(exc, OSError) else None
    if code in (errno.ENOSPC, errno.EDQUOT) or "disk is full" in text:
        return DiskFull(
            f"The disk of the backup folder {folder} is full: the backup was not made. "
            "The office database is untouched."
        )
    if code in (errno.EROFS, errno.EACCES, errno.EPERM) or "readonly" in text:
        return BackupFolderUnavailable(
            f"The backup folder {folder} is read-only: the backup was not made."
        )
    if code in (errno.ENOENT, errno.ENODEV, errno.ENXIO, errno.ENOTDIR):
        return BackupFolderUnavailable(
            f"The backup folder {folder} disappeared (was a disk removed?): the backup was not made."
        )
    return BackupFailed(f"The backup could not be written to {folder}: {exc}")


def _damaged(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text or "corrupt" in text


def _remove(*paths: Path) -> None:
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink()


def fsync_and_hash(path: Path) -> str:
    """Flush a finished file to the disk and return its SHA-256."""
    with open(path, "r+b") as handle:
        digest = hashlib.file_digest(handle, "sha256").hexdigest()
        handle.flush()
        os.fsync(handle.fileno())
    return digest


def fsync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX; Windows has no directory handles for this)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def copy_database(
    source: Path,
    target: Path,
    *,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> Verification:
    """Online backup of ``source`` into the new file ``target``; returns the source's schema and
    counts as of the snapshot."""
    src = open_readonly(source)
    try:
        src.execute("BEGIN")  # one read transaction: the snapshot and its counts agree
        try:
            with translate_errors():  # a lock held too long is DatabaseBusy, not damage
                check_identity(src, source)
                state = describe(src, source)
        except DatabaseCorrupt as exc:
            raise DatabaseCorrupt(
                f"The office database is damaged ({exc}); the backup was not made. "
                "Run Check database, or restore the newest good backup."
            ) from exc
        fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, OWNER_FILE)
        os.close(fd)
        dst = sqlite3.connect(target, isolation_level=None, check_same_thread=False)
        try:
            # The partial file is verified and flushed as a whole afterwards: no journal needed.
            dst.execute("PRAGMA journal_mode = OFF")
            dst.execute("PRAGMA synchronous = OFF")

            def step(status: int, remaining: int, total: int) -> None:
                if progress is not None:
                    progress(total - remaining, total)
                if cancel is not None and cancel():
                    raise BackupCancelled("The backup was cancelled; nothing was kept.")

            src.backup(dst, pages=STEP_PAGES, progress=step)
        finally:
            dst.close()
        src.execute("COMMIT")
        return state
    finally:
        src.close()


def make_backup(
    source: Path,
    folder: Path,
    *,
    kind: BackupKind,
    taken_at: dt.datetime,
    create_folder: bool = False,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> BackupFile:
    """Back up ``source`` into ``folder`` under a new timestamped name, verified (P4)."""
    check_folder(folder, create=create_folder)
    name = backup_name(taken_at, kind, folder)
    final = folder / name
    partial = folder / (name + PARTIAL)
    started = time.perf_counter()
    try:
        state = copy_database(source, partial, progress=progress, cancel=cancel)
        copied = time.perf_counter()
        if progress is not None:
            progress(0, 0)  # copied; now verifying (no measure: a busy indicator)
        try:
            verification = verify_file(
                partial, expected_counts=state.counts, expected_migrations=state.migrations
            )
        except DatabaseCorrupt as exc:
            # A page-for-page copy that fails its check points at the source.
            raise BackupFailed(
                f"The new backup did not pass its check and was not kept ({exc.message}). "
                "Run Check database on the office database."
            ) from exc
        sha256 = fsync_and_hash(partial)
        verified = time.perf_counter()
        size = partial.stat().st_size
        write_manifest(
            final,
            {
                "app": "Liaison Desk",
                "file": name,
                "kind": kind.value,
                "taken_at": taken_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "bytes": size,
                "sha256": sha256,
                "schema": state.schema,
                "migrations": list(state.migrations),
                "counts": state.counts,
                "audit_high": state.audit_high,
                "integrity": "ok",
            },
        )
        os.replace(partial, final)
        fsync_folder(folder)
    except LiaisonError:
        _remove(partial, manifest_path(final))
        raise
    except (OSError, sqlite3.Error) as exc:
        _remove(partial, manifest_path(final))
        if isinstance(exc, sqlite3.DatabaseError) and _damaged(exc):
            raise DatabaseCorrupt(
                f"The office database is damaged ({exc}); the backup was not made. "
                "Run Check database, or restore the newest good backup."
            ) from exc
        raise _folder_error(folder, exc) from exc
    except BaseException:
        _remove(partial, manifest_path(final))
        raise
    return BackupFile(
        final,
        kind,
        taken_at,
        size,
        sha256,
        verification,
        copy_seconds=copied - started,
        verify_seconds=verified - copied,
    )


def copy_backup(backup: BackupFile, folder: Path) -> Path:
    """A second copy of a finished backup (a closed file, so a byte copy is safe), checked by
    its SHA-256 before it gets its final name."""
    check_folder(folder, create=False)
    final = folder / backup.path.name
    partial = folder / (backup.path.name + PARTIAL)
    try:
        _remove(partial)
        with open(backup.path, "rb") as src:
            fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, OWNER_FILE)
            with open(fd, "wb") as dst:
                shutil.copyfileobj(src, dst, 1024 * 1024)
        if fsync_and_hash(partial) != backup.sha256:
            raise BackupFailed(f"The second copy in {folder} does not match the backup.")
        verify_file(partial, full=False, expected_migrations=backup.verification.migrations)
        manifest = manifest_path(backup.path).read_bytes()
        _remove(manifest_path(final))
        fd = os.open(manifest_path(final), os.O_CREAT | os.O_EXCL | os.O_WRONLY, OWNER_FILE)
        with open(fd, "wb") as out:
            out.write(manifest)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, final)
        fsync_folder(folder)
    except LiaisonError:
        _remove(partial)
        raise
    except (OSError, sqlite3.Error) as exc:
        _remove(partial, manifest_path(final))
        raise _folder_error(folder, exc) from exc
    return final
