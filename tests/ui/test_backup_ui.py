"""The backup pieces of the window: the Backups dialog, the start-up recovery dialog, the
automatic-backup controller and Today's warning (pytest-qt, offscreen, prompts answered)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from liaison.backup import BackupKind
from liaison.clock import FixedClock
from liaison.errors import DatabaseCorrupt
from liaison.models import Changes, TraderDraft
from liaison.office import Office
from tests.core.backup_children import damage, pad_database
from tests.ui.conftest import Prompts
from tests.ui.shots import shot
from ui import prompts
from ui.backup import worker
from ui.backup.auto import AutoBackupController
from ui.backup.dialog import BackupListModel, BackupsDialog
from ui.backup.recovery import RecoveryDialog, show_recovery
from ui.backup.wording import backup_warning_text
from ui.desk import Desk


def wait_task(qtbot: Any, dialog: BackupsDialog) -> None:
    qtbot.waitUntil(lambda: dialog.task is None and worker.running() == 0, timeout=20_000)


def test_backups_dialog_lists_and_backs_up_in_a_worker(
    qtbot: Any, desk: Desk, answers: Prompts, clock: FixedClock
) -> None:
    desk.office.traders.create(TraderDraft("Kigali Hardware Ltd"))
    desk.office.backups.back_up(kind=BackupKind.AUTO)
    clock.advance(days=1, hours=2)
    dialog = BackupsDialog(desk)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.model.rowCount() == 1
    assert dialog.model.index(0, 3).data() == "1"  # one trader in that backup
    assert dialog.model.index(0, 6).data() == "Verified"
    assert dialog.model.index(0, 7).data() == "Backup folder"
    task = dialog.back_up_now()
    assert task is not None
    assert not dialog.backup_button.isEnabled()  # busy while the worker runs
    shot(dialog, "backups_dialog_busy")
    with qtbot.waitSignal(task.signals.finished, timeout=20_000):
        pass
    wait_task(qtbot, dialog)
    assert dialog.model.rowCount() == 2
    assert dialog.model.index(0, 1).data() == "Manual"
    assert answers.infos and "verified" in answers.infos[-1]
    assert dialog.backup_button.isEnabled()
    shot(dialog, "backups_dialog")


def test_backup_list_model_is_a_well_behaved_model(qtmodeltester: Any, desk: Desk) -> None:
    desk.office.backups.back_up()
    model = BackupListModel()
    model.set_entries(desk.office.backups.all())
    qtmodeltester.check(model)
    assert model.index(0, 0).data(Qt.ItemDataRole.UserRole).verified


def test_a_failed_backup_is_shown_plainly(
    qtbot: Any, desk: Desk, answers: Prompts, tmp_path: Path
) -> None:
    desk.office.settings.update({"backup_dir": str(tmp_path / "unplugged")})
    dialog = BackupsDialog(desk)
    qtbot.addWidget(dialog)
    assert dialog.warning_label.text().startswith("Backups cannot be made")
    shot(dialog, "backups_dialog_folder_missing")
    task = dialog.back_up_now()
    assert task is not None
    wait_task(qtbot, dialog)
    assert answers.errors and "cannot be found" in answers.errors[-1]


def test_restore_from_the_list_replaces_data_and_announces_it(
    qtbot: Any, desk: Desk, answers: Prompts, clock: FixedClock
) -> None:
    desk.office.backups.back_up()
    clock.advance(minutes=10)
    desk.office.traders.create(TraderDraft("Typed After The Backup"))
    dialog = BackupsDialog(desk)
    qtbot.addWidget(dialog)
    dialog.table.selectRow(0)
    with qtbot.waitSignal(desk.data_changed) as changed:
        dialog.restore_selected()
    assert isinstance(changed.args[0], Changes) and changed.args[0]
    assert answers.questions and "safety copy" in answers.questions[0]
    assert desk.office.store.scalar("SELECT count(*) FROM traders") == 0
    assert "safety copy" in answers.infos[-1]
    assert desk.office.backups.all()[0].kind is BackupKind.SAFETY


def test_restore_from_a_garbage_file_is_refused_and_changes_nothing(
    qtbot: Any, desk: Desk, answers: Prompts, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    junk = tmp_path / "photo.db"
    junk.write_bytes(b"\x89PNG not a database" * 200)
    monkeypatch.setattr(prompts, "open_file", lambda *a, **k: junk)
    before = desk.office.path.read_bytes()  # type: ignore[union-attr]
    dialog = BackupsDialog(desk)
    qtbot.addWidget(dialog)
    dialog.restore_from_file()
    assert answers.errors and "damaged" in answers.errors[-1].lower()
    assert desk.office.path.read_bytes() == before  # type: ignore[union-attr]


def test_restore_declined_does_nothing(qtbot: Any, desk: Desk, answers: Prompts) -> None:
    desk.office.backups.back_up()
    desk.office.traders.create(TraderDraft("Stays Here Ltd"))
    answers.answer = False
    dialog = BackupsDialog(desk)
    qtbot.addWidget(dialog)
    dialog.restore_selected()
    assert desk.office.store.scalar("SELECT count(*) FROM traders") == 1


def test_viewers_cannot_restore(qtbot: Any, viewer_desk: Desk) -> None:
    dialog = BackupsDialog(viewer_desk)
    qtbot.addWidget(dialog)
    assert not dialog.restore_button.isEnabled()
    assert not dialog.restore_file_button.isEnabled()
    assert dialog.backup_button.isEnabled()


def test_check_database_runs_in_a_worker_and_reports(
    qtbot: Any, desk: Desk, answers: Prompts
) -> None:
    dialog = BackupsDialog(desk)
    qtbot.addWidget(dialog)
    dialog.check_database()
    wait_task(qtbot, dialog)
    assert answers.infos and "passed the full integrity check" in answers.infos[-1]
    pad_database(desk.office.path, 1500)  # type: ignore[arg-type]
    damage(desk.office.path, page=12, pages=3)  # type: ignore[arg-type]
    dialog.check_database()
    wait_task(qtbot, dialog)
    assert answers.errors and "damaged" in answers.errors[-1]


def test_recovery_dialog_restores_the_newest_good_backup(
    qtbot: Any, office: Office, db_path: Path, answers: Prompts
) -> None:
    office.traders.create(TraderDraft("Kigali Hardware Ltd"))
    office.backups.back_up()
    office.close()
    damage(db_path, page=0, pages=1)  # the header is gone
    with pytest.raises(DatabaseCorrupt) as info:
        Office.open(db_path, quick_check=True)
    dialog = RecoveryDialog(db_path, info.value)
    qtbot.addWidget(dialog)
    assert dialog.restore_button.isEnabled()
    shot(dialog, "recovery_dialog")
    dialog.restore_newest()
    assert dialog.chosen == db_path
    again = Office.open(db_path, quick_check=True)
    assert again.store.scalar("SELECT count(*) FROM traders") == 1
    again.close()
    assert any("damaged" in p.name for p in db_path.parent.iterdir())


def test_recovery_dialog_without_backups_offers_another_file_or_quit(
    qtbot: Any, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answers: Prompts
) -> None:
    db_path.write_bytes(b"garbage" * 1000)
    error = DatabaseCorrupt("This is not a readable SQLite database.")
    dialog = RecoveryDialog(db_path, error)
    qtbot.addWidget(dialog)
    assert not dialog.restore_button.isEnabled()
    assert "No backup was found" in dialog.backup_label.text()
    shot(dialog, "recovery_dialog_no_backup")
    other = tmp_path / "other.db"
    monkeypatch.setattr(prompts, "open_file", lambda *a, **k: other)
    dialog.choose_other()
    assert dialog.chosen == other
    assert db_path.read_bytes() == b"garbage" * 1000  # nothing was replaced

    def quit_at_once(self: RecoveryDialog) -> int:
        self.reject()
        return 0

    monkeypatch.setattr(RecoveryDialog, "exec", quit_at_once)
    assert show_recovery(None, db_path, error) is None


def test_auto_backup_runs_when_due_and_skips_when_unchanged(
    qtbot: Any, desk: Desk, clock: FixedClock
) -> None:
    controller = AutoBackupController(desk)
    texts: list[str] = []
    controller.last_backup_changed.connect(texts.append)
    with qtbot.waitSignal(controller.backup_finished, timeout=20_000):
        controller.start()  # never backed up: due at once
    assert texts[-1] == "Last backup 28/11/2026 09:00"
    assert controller.timer.isActive()
    clock.advance(days=2)
    assert controller.check() is None  # nothing changed since
    desk.office.traders.create(TraderDraft("Umurava Import Export"))
    with qtbot.waitSignal(controller.backup_finished, timeout=20_000):
        assert controller.check() is not None
    assert texts[-1] == "Last backup 30/11/2026 09:00"
    controller.stop()


def test_backup_before_close_only_when_something_changed(
    qtbot: Any, desk: Desk, answers: Prompts
) -> None:
    controller = AutoBackupController(desk)
    assert controller.back_up_before_close(None) is True  # never backed up
    assert controller.back_up_before_close(None) is False  # nothing new since
    desk.office.traders.create(TraderDraft("Nyiramana Trading"))
    assert controller.back_up_before_close(None) is True
    assert answers.errors == []
    assert len(desk.office.backups.all()) >= 1


def test_backup_before_close_reports_a_failure_and_lets_the_app_close(
    qtbot: Any, desk: Desk, answers: Prompts, tmp_path: Path
) -> None:
    desk.office.settings.update({"backup_dir": str(tmp_path / "usb-gone")})
    controller = AutoBackupController(desk)
    assert controller.back_up_before_close(None) is False
    assert answers.errors and "cannot be found" in answers.errors[-1]


def test_today_warning_text(desk: Desk, clock: FixedClock, tmp_path: Path) -> None:
    assert backup_warning_text(desk.office) == "This database has never been backed up."
    desk.office.backups.back_up()
    assert backup_warning_text(desk.office) is None
    clock.advance(hours=40)
    desk.office.traders.create(TraderDraft("Kigali Cement Traders"))
    assert "last good backup is from 28/11/2026 09:00" in (backup_warning_text(desk.office) or "")
    desk.office.settings.update({"backup_dir": str(tmp_path / "gone")})
    assert "cannot be reached" in (backup_warning_text(desk.office) or "")
