"""Restore and recovery: every kind of bad candidate is refused with its reason and the live
database stays byte-identical; a good one is restored after a verified safety copy, can be undone,
and is recorded; a database too damaged to open is recovered from the newest good backup."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from liaison.backup import BackupKind, RestoreRefused
from liaison.backup.recovery import newest_good_backup, recover_database, recovery_folders
from liaison.backup.verify import verify_file
from liaison.clock import FixedClock
from liaison.errors import (
    DatabaseCorrupt,
    DatabaseMissing,
    LiaisonError,
    NotOurDatabase,
    PermissionDenied,
    SchemaTooNew,
)
from liaison.models import StaffDraft, TraderDraft
from liaison.office import Office
from tests.conftest import fast_hasher
from tests.core.backup_children import damage, pad_database


def garbage(good: Path, target: Path) -> None:
    target.write_bytes(b"this is not a database at all\n" * 500)


def empty(good: Path, target: Path) -> None:
    target.write_bytes(b"")


def truncated(good: Path, target: Path) -> None:
    data = good.read_bytes()
    target.write_bytes(data[: len(data) // 2])


def damaged(good: Path, target: Path) -> None:
    shutil.copyfile(good, target)
    damage(target, page=10, pages=3)


def another_app(good: Path, target: Path) -> None:
    conn = sqlite3.connect(target)
    conn.execute("CREATE TABLE traders (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO traders (name) VALUES ('looks similar')")
    conn.commit()
    conn.close()


def newer_schema(good: Path, target: Path) -> None:
    shutil.copyfile(good, target)
    conn = sqlite3.connect(target)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('liaison', '9999_from_the_future', '2030')"
    )
    conn.commit()
    conn.close()


def not_there(good: Path, target: Path) -> None:
    pass


BAD = [
    (garbage, DatabaseCorrupt),
    (empty, NotOurDatabase),
    (truncated, DatabaseCorrupt),
    (damaged, DatabaseCorrupt),
    (another_app, NotOurDatabase),
    (newer_schema, SchemaTooNew),
    (not_there, DatabaseMissing),
]


@pytest.fixture
def good_backup(office: Office) -> Path:
    pad_database(office.path, 1500)  # type: ignore[arg-type]
    office.traders.create(TraderDraft("Kigali Hardware Ltd"))
    return office.backups.back_up().backup.path


@pytest.mark.parametrize(("make", "error"), BAD, ids=[m.__name__ for m, _ in BAD])
def test_restore_refuses_bad_candidates_and_touches_nothing(
    office: Office,
    good_backup: Path,
    tmp_path: Path,
    make: Callable[[Path, Path], None],
    error: type[LiaisonError],
) -> None:
    candidate = tmp_path / "candidate.db"
    make(good_backup, candidate)
    office.traders.create(TraderDraft("After The Backup Ltd"))
    live_before = office.path.read_bytes()  # type: ignore[union-attr]
    backups_before = [e.path for e in office.backups.all()]
    with pytest.raises(error) as info:
        office.backups.restore(candidate)
    assert info.value.message  # a reason the user can read
    assert office.path.read_bytes() == live_before  # type: ignore[union-attr]
    assert [e.path for e in office.backups.all()] == backups_before  # no safety copy either
    assert office.traders.by_code("TRD-000002") is not None


def test_restore_refuses_the_open_database_itself(office: Office) -> None:
    with pytest.raises(RestoreRefused):
        office.backups.restore(office.path)  # type: ignore[arg-type]


def test_only_an_administrator_restores(office: Office, good_backup: Path, db_path: Path) -> None:
    office.staff.create(StaffDraft("viewer", "Jean Habimana", "JH", "viewer", "viewer pass 1"))
    office.sign_in("viewer", "viewer pass 1")
    with pytest.raises(PermissionDenied):
        office.backups.restore(good_backup)


def test_restore_brings_the_backup_back_and_can_be_undone(
    office: Office, good_backup: Path, clock: FixedClock
) -> None:
    clock.advance(minutes=5)
    office.traders.create(TraderDraft("Typed After The Backup"))
    assert office.store.scalar("SELECT count(*) FROM traders") == 2
    result = office.backups.restore(good_backup)
    assert office.store.scalar("SELECT count(*) FROM traders") == 1
    assert result.safety_copy.kind is BackupKind.SAFETY
    assert verify_file(result.safety_copy.path).counts["traders"] == 2
    office.check(full=True)
    restore_row = office.store.one(
        "SELECT staff_id, reference FROM audit_log WHERE action = 'restore' ORDER BY id DESC"
    )
    assert restore_row is not None and restore_row["reference"] == good_backup.name
    assert restore_row["staff_id"] == office.actor.id == 2  # the admin, still signed in
    # The safety copy is in the list, verified, so the restore can be undone from there.
    assert result.safety_copy.path in [e.path for e in office.backups.all() if e.verified]
    office.backups.restore(result.safety_copy.path)
    names = [r[0] for r in office.store.all("SELECT legal_name FROM traders ORDER BY id")]
    assert names == ["Kigali Hardware Ltd", "Typed After The Backup"]


def test_after_a_restore_the_restored_data_is_backed_up_again(
    office: Office, good_backup: Path, clock: FixedClock
) -> None:
    for n in range(30):  # the current data has many more audit rows than the backup
        office.traders.create(TraderDraft(f"Later Trader {n}"))
    clock.advance(days=1)  # (a second backup the same day would replace the first)
    office.backups.back_up()
    clock.advance(hours=1)
    office.backups.restore(good_backup)
    assert office.backups.due(closing=True)
    office.backups.back_up(kind=BackupKind.AUTO)
    assert not office.backups.due(closing=True)
    office.traders.create(TraderDraft("Typed After The Restore"))
    assert office.backups.due(closing=True)  # a change after the restore is noticed


def test_restore_of_a_backup_older_than_the_signed_in_account(
    tmp_path: Path, clock: FixedClock
) -> None:
    office = Office.create(tmp_path / "o.db", clock=clock, hasher=fast_hasher())
    early = office.backups.back_up().backup.path  # before any admin existed
    office.staff.create(
        StaffDraft("admin", "Amina Uwase", "AU", "admin", "long pass 1"), first_admin=True
    )
    office.sign_in("admin", "long pass 1")
    office.backups.restore(early)
    assert office.actor.username == "system"  # the account is not in the restored data
    assert office.store.scalar("SELECT count(*) FROM staff WHERE username = 'admin'") == 0
    office.close()


def test_a_corrupt_database_is_recovered_from_the_newest_good_backup(
    office: Office, db_path: Path, clock: FixedClock, tmp_path: Path
) -> None:
    office.traders.create(TraderDraft("Kigali Hardware Ltd"))
    older = office.backups.back_up().backup.path
    clock.advance(days=1)
    office.traders.create(TraderDraft("Nyiramana Trading"))
    newest = office.backups.back_up().backup.path
    clock.advance(days=1)
    damage(newest, page=2, pages=2)  # the newest backup went bad on the disk too
    pad_database(db_path, 1500)
    office.close()
    damage(db_path, page=5, pages=40)
    with pytest.raises(DatabaseCorrupt):
        Office.open(db_path, quick_check=True)
    folders = recovery_folders(db_path)
    found = newest_good_backup(folders)
    assert found is not None and found[0].path == older  # the damaged newest one is skipped
    result = recover_database(db_path, found[0].path, now=clock.now())
    assert [p.name for p in result.set_aside] == ["office.db.damaged-20261130-070000Z"]
    reopened = Office.open(db_path, quick_check=True)
    assert reopened.store.scalar("SELECT count(*) FROM traders") == 1
    event = reopened.store.all("SELECT field, new_value FROM audit_log WHERE action = 'restore'")
    assert {r["field"]: r["new_value"] for r in event}["file"] == str(older)
    reopened.close()
    assert db_path.stat().st_mode & 0o077 == 0


def test_recovery_refuses_a_bad_backup_and_leaves_the_damaged_file(
    db_path: Path, tmp_path: Path, clock: FixedClock
) -> None:
    db_path.write_bytes(b"\0" * 8192)
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"garbage" * 100)
    with pytest.raises(DatabaseCorrupt):
        recover_database(db_path, bad, now=clock.now())
    assert db_path.read_bytes() == b"\0" * 8192
    assert sorted(p.name for p in db_path.parent.iterdir() if "office" in p.name) == ["office.db"]
