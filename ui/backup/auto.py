"""Automatic backups: at least daily while the app runs and when it closes, skipped when nothing
changed since the last backup; in a worker, with the last backup time for the status bar.

The shell creates one controller, connects ``last_backup_changed`` to its status bar, calls
``start()`` after sign-in and ``back_up_before_close(window)`` from its close event.
"""

from __future__ import annotations

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from liaison.backup import BackupKind
from liaison.errors import LiaisonError
from ui import prompts
from ui.backup import worker
from ui.backup.wording import last_backup_text, tr
from ui.desk import Desk
from ui.wording import error_text

CHECK_EVERY_MS = 60 * 60 * 1000  # the policy is daily; looking hourly catches a sleeping laptop


class AutoBackupController(QObject):
    last_backup_changed = Signal(str)  # "Last backup 28/11/2026 09:00", for the status bar
    backup_started = Signal()
    backup_finished = Signal(object)  # BackupResult
    backup_failed = Signal(str)  # the reason, already worded

    def __init__(self, desk: Desk, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.task: worker.Task | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        self.timer.start()
        self.refresh()
        self.check()

    def stop(self) -> None:
        self.timer.stop()

    @property
    def running(self) -> bool:
        return self.task is not None

    def refresh(self) -> None:
        try:
            status = self.desk.office.backups.status()
        except LiaisonError:
            return
        self.last_backup_changed.emit(last_backup_text(status))

    def check(self, *, closing: bool = False) -> worker.Task | None:
        """Start an automatic backup if one is due; returns its task (None when not due)."""
        if self.task is not None:
            return None
        backups = self.desk.office.backups
        try:
            if not backups.due(closing=closing):
                return None
            plan = backups.plan(kind=BackupKind.AUTO)
        except LiaisonError as exc:
            self.backup_failed.emit(error_text(exc))
            return None
        task = worker.Task(
            lambda progress, cancel: backups.run(plan, progress=progress, cancel=cancel)
        )
        task.signals.finished.connect(self._finished)
        task.signals.failed.connect(self._failed)
        self.task = task
        self.backup_started.emit()
        return worker.start(task)

    def _finished(self, result: object) -> None:
        self.task = None
        self.refresh()
        self.backup_finished.emit(result)

    def _failed(self, exc: object) -> None:
        self.task = None
        self.refresh()
        if isinstance(exc, LiaisonError):
            self.backup_failed.emit(error_text(exc))
            return
        self.backup_failed.emit(str(exc))
        raise exc  # type: ignore[misc]  # a bug: to the crash dialog

    def back_up_before_close(self, parent: QWidget | None) -> bool:
        """Back up if anything changed, showing progress; True when a backup was made. A failure
        is shown but never keeps the app from closing."""
        self.stop()
        if self.task is None:
            self.check(closing=True)
        task = self.task
        if task is None:
            return False
        dialog = QProgressDialog(tr("Backing up before closing…"), tr("Skip"), 0, 0, parent)
        dialog.setWindowTitle(tr("Liaison Desk"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.canceled.connect(task.cancel)

        def show_progress(done: int, total: int) -> None:
            dialog.setMaximum(total)
            dialog.setValue(done)

        task.signals.progress.connect(show_progress)
        loop = QEventLoop()
        outcome: list[bool] = []
        failures: list[str] = []

        # The controller's own signals: they fire on this thread after this method has hooked
        # them, however quickly the worker ends.
        def made(_: object) -> None:
            outcome.append(True)
            loop.quit()

        def failed(reason: str) -> None:
            outcome.append(False)
            failures.append(reason)
            loop.quit()

        self.backup_finished.connect(made)
        self.backup_failed.connect(failed)
        dialog.show()
        loop.exec()
        self.backup_finished.disconnect(made)
        self.backup_failed.disconnect(failed)
        cancelled = dialog.wasCanceled()
        dialog.close()
        dialog.deleteLater()
        if failures and not cancelled:
            prompts.error(parent, tr("The backup before closing failed:") + "\n" + failures[0])
        return bool(outcome and outcome[0])
