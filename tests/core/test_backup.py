"""Making backups: verified copies under a final name only, owner-only files, the second copy,
clear refusals for a missing, read-only or full destination, and the due/overdue policy."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from liaison.backup import BackupFailed, BackupFolderUnavailable, BackupKind, BackupState
from liaison.backup.catalog import PARTIAL, manifest_path, scan
from liaison.backup.policy import backup_due
from liaison.backup.verify import readonly, verify_file
from liaison.clock import FixedClock
from liaison.errors import DatabaseCorrupt, DiskFull
from liaison.models import CaseDraft, ContainerDraft, Trader, TraderDraft
from liaison.office import Office
from tests.core.backup_children import ROOT, damage, pad_database


def finals(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.endswith(".db"))


def test_backup_is_a_verified_owner_only_copy_with_a_manifest(
    office: Office, trader: Trader, tmp_path: Path
) -> None:
    office.cases.create(CaseDraft(trader.id, "MAEU123456789"), [ContainerDraft("CSQU3054383")])
    result = office.backups.back_up()
    made = result.backup
    assert made.path.parent == office.backups.folders()[0]
    assert made.path.name == "liaison-desk-20261128-070000Z-manual.db"
    assert made.path.stat().st_mode & 0o077 == 0
    assert manifest_path(made.path).stat().st_mode & 0o077 == 0
    assert made.path.parent.stat().st_mode & 0o077 == 0
    manifest = json.loads(manifest_path(made.path).read_text())
    assert manifest["bytes"] == made.path.stat().st_size
    assert manifest["counts"]["cases"] == 1 and manifest["counts"]["containers"] == 1
    holds = verify_file(made.path)
    with readonly(office.path) as live:  # type: ignore[arg-type]
        assert live.execute("SELECT count(*) FROM traders").fetchone()[0] == 1
    assert holds.counts["traders"] == 1
    assert not list(made.path.parent.glob("*" + PARTIAL))
    [entry] = office.backups.all()
    assert (entry.state, entry.kind, entry.counts["cases"]) == (
        BackupState.VERIFIED,
        BackupKind.MANUAL,
        1,
    )


def test_two_backups_in_one_second_get_two_names(office: Office, tmp_path: Path) -> None:
    first = office.backups.back_up(to=tmp_path).backup.path  # --to: no pruning
    second = office.backups.back_up(to=tmp_path).backup.path
    assert first != second and first.exists() and second.exists()
    assert second.name == "liaison-desk-20261128-070000Z-1-manual.db"
    assert [e.path for e in scan([tmp_path])] == [second, first]


def test_backups_into_the_backup_folder_are_pruned_by_retention(
    office: Office, clock: FixedClock
) -> None:
    made = []
    for _ in range(3):
        made.append(office.backups.back_up(kind=BackupKind.AUTO))
        clock.advance(hours=1)
    assert [e.path for e in office.backups.all()] == [made[-1].backup.path]
    assert made[-1].pruned == (made[-2].backup.path,)
    assert not manifest_path(made[0].backup.path).exists()


def test_backup_records_an_audit_event_that_is_not_a_change(office: Office) -> None:
    office.backups.back_up()
    event = office.store.all(
        "SELECT field, new_value FROM audit_log WHERE action = 'backup' ORDER BY id"
    )
    assert {r["field"] for r in event} >= {"file", "sha256", "audit_high"}
    assert office.backups.due(closing=True) is False  # the backup itself changed nothing


def test_missing_configured_folder_is_refused_plainly_and_touches_nothing(
    office: Office, tmp_path: Path
) -> None:
    gone = tmp_path / "usb" / "backups"
    office.settings.update({"backup_dir": str(gone)})
    before = office.path.read_bytes()  # type: ignore[union-attr]
    with pytest.raises(BackupFolderUnavailable, match="cannot be found"):
        office.backups.back_up()
    assert not gone.exists()
    assert office.path.read_bytes() == before  # type: ignore[union-attr]
    assert office.backups.status().warning_code == "folder_unavailable"
    assert "cannot be found" in (office.backups.warning() or "")


def test_read_only_destination_leaves_nothing_behind(
    office: Office, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root ignores permission bits, so the read-only file system answers through os.open."""
    from liaison.backup import snapshot

    folder = tmp_path / "ro"
    folder.mkdir()
    real_open = os.open

    def read_only_fs(path: object, flags: int, mode: int = 0o777) -> int:
        if str(path).startswith(str(folder)):
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real_open(path, flags, mode)  # type: ignore[arg-type]

    monkeypatch.setattr(snapshot.os, "open", read_only_fs)
    before = office.path.read_bytes()  # type: ignore[union-attr]
    with pytest.raises(BackupFolderUnavailable, match="read-only"):
        office.backups.back_up(to=folder)
    assert list(folder.iterdir()) == []
    assert office.path.read_bytes() == before  # type: ignore[union-attr]


def test_disk_full_mid_copy_is_reported_and_nothing_is_kept(office: Office, tmp_path: Path) -> None:
    folder = tmp_path / "full"
    folder.mkdir()

    def full_after_first_step(copied: int, total: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(DiskFull, match="full"):
        office.backups.back_up(to=folder, progress=full_after_first_step)
    assert list(folder.iterdir()) == []


def test_a_real_file_size_limit_fails_the_cli_backup_cleanly(
    office: Office, tmp_path: Path
) -> None:
    """A destination that cannot take the whole file (RLIMIT_FSIZE in a child process)."""
    pad_database(office.path, 3000)  # type: ignore[arg-type]
    size = office.path.stat().st_size  # type: ignore[union-attr]
    before = office.path.read_bytes()  # type: ignore[union-attr]
    folder = tmp_path / "small"
    folder.mkdir()
    script = (
        "import resource, sys\n"
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({size // 2}, {size // 2}))\n"
        "from liaison.cli import main\n"
        f"sys.exit(main(['--db', {str(office.path)!r}, 'backup', '--to', {str(folder)!r}]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1, done.stderr
    assert "liaison:" in done.stderr and "Traceback" not in done.stderr
    assert list(folder.iterdir()) == []
    assert office.path.read_bytes() == before  # type: ignore[union-attr]


def test_cancelled_backup_keeps_nothing(office: Office, tmp_path: Path) -> None:
    from liaison.backup import BackupCancelled

    folder = tmp_path / "b"
    folder.mkdir()
    with pytest.raises(BackupCancelled):
        office.backups.back_up(to=folder, cancel=lambda: True)
    assert list(folder.iterdir()) == []


def test_a_damaged_source_gives_no_backup(office: Office, trader: Trader, tmp_path: Path) -> None:
    pad_database(office.path, 2000)  # type: ignore[arg-type]
    damage(office.path, page=20, pages=3)  # type: ignore[arg-type]
    folder = tmp_path / "b"
    folder.mkdir()
    with pytest.raises((DatabaseCorrupt, BackupFailed)) as info:
        office.backups.back_up(to=folder)
    assert "Check database" in info.value.message  # the source is named, not the folder
    assert finals(folder) == []
    assert list(folder.iterdir()) == []


def test_second_destination_gets_a_checked_copy(office: Office, tmp_path: Path) -> None:
    second = tmp_path / "second"
    second.mkdir()
    office.settings.update({"backup_second_dir": str(second)})
    result = office.backups.back_up()
    assert result.second_copy == second / result.backup.path.name
    assert result.second_copy.read_bytes() == result.backup.path.read_bytes()
    assert result.second_copy.stat().st_mode & 0o077 == 0
    assert {e.path for e in office.backups.all()} == {result.backup.path, result.second_copy}


def test_unreachable_second_destination_does_not_lose_the_backup(
    office: Office, tmp_path: Path
) -> None:
    office.settings.update({"backup_second_dir": str(tmp_path / "unplugged")})
    result = office.backups.back_up()
    assert result.backup.path.exists()
    assert result.second_copy is None
    assert result.second_error and "cannot be found" in result.second_error


def test_stale_partials_are_cleared_but_fresh_ones_are_left(office: Office, tmp_path: Path) -> None:
    folder = tmp_path / "b"
    folder.mkdir()
    stale = folder / ("liaison-desk-20261101-000000Z-auto.db" + PARTIAL)
    fresh = folder / ("liaison-desk-20261128-065959Z-auto.db" + PARTIAL)
    stale.write_bytes(b"half")
    fresh.write_bytes(b"being written by another process")
    os.utime(stale, (1, 1))
    office.backups.back_up(to=folder)
    assert not stale.exists()
    assert fresh.exists()
    assert [e.name for e in scan([folder])] == ["liaison-desk-20261128-070000Z-manual.db"]


def test_a_file_that_differs_from_its_manifest_is_not_listed_as_verified(office: Office) -> None:
    path = office.backups.back_up().backup.path
    with open(path, "ab") as handle:
        handle.write(b"\0" * 4096)
    [entry] = office.backups.all()
    assert entry.state is BackupState.MISMATCH


def test_status_warning_never_then_fine_then_overdue(
    office: Office, clock: FixedClock, trader: Trader
) -> None:
    assert office.backups.status().warning_code == "never"
    office.backups.back_up()
    assert office.backups.warning() is None
    clock.advance(hours=30)
    assert office.backups.warning() is None  # old, but nothing changed since: still complete
    office.traders.create(TraderDraft("Nyiramana Trading"))
    status = office.backups.status()
    assert status.warning_code == "overdue" and status.changed_since
    assert "30 hours ago" in (office.backups.warning() or "")
    office.settings.update({"backup_max_age_hours": "48"})
    assert office.backups.warning() is None


def test_the_last_backup_counts_only_while_its_file_exists(office: Office) -> None:
    path = office.backups.back_up().backup.path
    assert office.backups.status().last_file == path
    path.unlink()
    assert office.backups.status().warning_code == "never"


@pytest.mark.parametrize(
    ("last_hours_ago", "changed", "closing", "due"),
    [
        (None, False, False, True),
        (1, False, True, False),
        (1, True, True, True),
        (1, True, False, False),
        (23.9, True, False, False),
        (24, True, False, True),
        (100, False, False, False),
    ],
)
def test_automatic_backup_policy(
    last_hours_ago: float | None, changed: bool, closing: bool, due: bool
) -> None:
    now = dt.datetime(2026, 11, 28, 7, tzinfo=dt.UTC)
    last = None if last_hours_ago is None else now - dt.timedelta(hours=last_hours_ago)
    assert backup_due(last, changed, now, closing=closing) is due


def test_due_follows_changes(office: Office, clock: FixedClock) -> None:
    assert office.backups.due() is True
    office.backups.back_up(kind=BackupKind.AUTO)
    clock.advance(hours=25)
    assert office.backups.due() is False
    office.traders.create(TraderDraft("Umurava Import Export"))
    assert office.backups.due() is True
    assert office.backups.due(closing=True) is True


def test_check_database_finds_damage_the_quick_queries_miss(office: Office) -> None:
    assert office.backups.check_database().counts["staff"] >= 1
    pad_database(office.path, 2000)  # type: ignore[arg-type]
    damage(office.path, page=15, pages=2)  # type: ignore[arg-type]
    with pytest.raises(DatabaseCorrupt):
        office.backups.check_database()


def test_data_version_moves_on_every_commit(office: Office, db_path: Path) -> None:
    first = office.data_version()
    assert office.data_version() == first
    office.traders.create(TraderDraft("Ets Mugisha & Fils"))
    second = office.data_version()
    assert second != first
    other = Office.open(db_path)
    other.traders.create(TraderDraft("Kigali Cement Traders"))
    other.close()
    assert office.data_version() != second


def test_today_carries_the_backup_warning(office: Office, tmp_path: Path) -> None:
    assert "never been backed up" in " ".join(office.agenda.today().warnings)
    office.backups.back_up()
    assert office.agenda.today().warnings == []
    office.settings.update({"backup_dir": str(tmp_path / "usb-unplugged")})
    [warning] = office.agenda.today().warnings
    assert "usb-unplugged" in warning and "cannot be found" in warning
