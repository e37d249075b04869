"""The backup commands: ``liaison backup``, ``backups``, ``restore`` (exit codes 0 done, 1 refused
or failed with the reason on stderr, 2 usage)."""

from __future__ import annotations

from pathlib import Path

import pytest

from liaison.cli import main
from liaison.models import TraderDraft
from liaison.office import Office
from tests.core.backup_children import damage, pad_database


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_backup_then_list(
    office: Office, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    office.traders.create(TraderDraft("Kigali Hardware Ltd"))
    code, out, _ = run(capsys, "--db", str(db_path), "backup")
    assert code == 0 and out.startswith("ok: ") and "verified" in out
    code, out, _ = run(capsys, "--db", str(db_path), "backup", "--to", str(tmp_path / "x"))
    assert code == 1 or "ok:" in out  # a missing --to folder is refused
    code, out, _ = run(capsys, "--db", str(db_path), "backups", "--verify")
    assert code == 0
    [line] = out.splitlines()
    assert "manual" in line and " ok " in line and "traders=1" in line


def test_backup_to_a_missing_folder_fails_with_the_reason(
    office: Office, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "--db", str(db_path), "backup", "--to", str(tmp_path / "gone"))
    assert code == 1
    assert err.startswith("liaison: ") and "cannot be found" in err


def test_backups_lists_a_folder_without_a_database_and_flags_damage(
    office: Office, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pad_database(db_path, 1000)
    folder = tmp_path / "b"
    folder.mkdir()
    made = office.backups.back_up(to=folder).backup.path
    damage(made, page=8, pages=2)
    code, out, err = run(capsys, "backups", "--dir", str(folder), "--verify")
    assert code == 1
    assert "DAMAGED" in out and made.name in err


def test_restore_needs_yes_when_not_interactive(
    office: Office,
    db_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    made = office.backups.back_up().backup.path
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    code, _, err = run(capsys, "--db", str(db_path), "restore", str(made))
    assert code == 1 and "--yes" in err


def test_restore_refuses_garbage_and_restores_a_backup(
    office: Office, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    made = office.backups.back_up().backup.path
    office.traders.create(TraderDraft("Typed Later Ltd"))
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"junk" * 1000)
    before = db_path.read_bytes()
    code, _, err = run(capsys, "--db", str(db_path), "restore", str(junk), "--yes")
    assert code == 1 and "liaison:" in err
    assert db_path.read_bytes() == before
    code, out, _ = run(capsys, "--db", str(db_path), "restore", str(made), "--yes")
    assert code == 0 and "safety copy" in out
    assert office.store.scalar("SELECT count(*) FROM traders") == 0


def test_restore_recovers_a_database_too_damaged_to_open(
    office: Office, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    office.traders.create(TraderDraft("Kigali Hardware Ltd"))
    made = office.backups.back_up().backup.path
    office.close()
    db_path.write_bytes(b"\0" * 4096 * 4)
    code, out, _ = run(capsys, "--db", str(db_path), "restore", str(made), "--yes")
    assert code == 0 and "kept the damaged file" in out
    again = Office.open(db_path, quick_check=True)
    assert again.store.scalar("SELECT count(*) FROM traders") == 1
    again.close()


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["restore"])
    assert info.value.code == 2


def test_export_all_holds_what_the_backup_holds(
    office: Office, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The export is the other way out of the program: one owner-only ZIP whose tables hold the
    same rows as a backup taken just before it."""
    import json
    import zipfile

    office.traders.create(TraderDraft("Kigali Hardware Ltd"))
    office.traders.create(TraderDraft('=HYPERLINK("http://x")'))
    made = office.backups.back_up().backup
    target = tmp_path / "everything.zip"
    code, _, err = run(capsys, "--db", str(db_path), "export", "all", "-o", str(target))
    assert code == 0, err
    assert target.stat().st_mode & 0o077 == 0
    with zipfile.ZipFile(target) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        traders_csv = archive.read("traders.csv").decode("utf-8-sig")
    exported = {t: n for t, n in manifest["counts"].items() if t != "audit_log"}
    assert {"traders", "cases", "containers", "staff", "settings"} <= set(exported)
    assert exported == {t: made.verification.counts[t] for t in exported}
    # The backup itself is in the exported audit log (attributable, P13).
    assert manifest["counts"]["audit_log"] > made.verification.counts["audit_log"]
    assert "'=HYPERLINK" in traders_csv  # neutralised, not a formula
    assert manifest["schema"]["migrations"] == list(made.verification.migrations)
