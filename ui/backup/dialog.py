"""The Backups dialog: the list (date, kind, size, record counts, verification), Back up now,
Restore…, Restore from file…, Check database.

Backing up and checking run in a worker with a progress bar; the window stays responsive. A
restore is rare and must not share the window's connection with anything else while it runs, so
it runs on the GUI thread after a confirmation, with a busy cursor.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from liaison.backup import BackupCancelled, BackupEntry, BackupKind
from liaison.enums import Entity
from liaison.errors import LiaisonError
from liaison.models import Changes
from ui import prompts
from ui.backup import worker
from ui.backup.wording import (
    kind_label,
    last_backup_text,
    size,
    state_label,
    status_warning_text,
    tr,
    when,
)
from ui.desk import Desk
from ui.wording import error_text

COUNTED = ("traders", "cases", "containers")
Index = QModelIndex | QPersistentModelIndex


class BackupListModel(QAbstractTableModel):
    """Backups as rows; Qt.UserRole gives the BackupEntry."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries: list[BackupEntry] = []
        self.places: dict[Path, str] = {}
        self.headers = [
            tr("Date"),
            tr("Kind"),
            tr("Size"),
            tr("Traders"),
            tr("Cases"),
            tr("Containers"),
            tr("Status"),
            tr("Where"),
        ]

    def set_entries(
        self, entries: list[BackupEntry], places: dict[Path, str] | None = None
    ) -> None:
        """``places``: a short name for known folders (the backup folder, the second copy)."""
        self.beginResetModel()
        self.entries = list(entries)
        self.places = dict(places or {})
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.entries):
            return None
        entry = self.entries[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.UserRole:
            return entry
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(entry.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and 2 <= column <= 5:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            return when(entry.taken_at)
        if column == 1:
            return kind_label(entry.kind)
        if column == 2:
            return size(entry.bytes)
        if 3 <= column <= 5:
            count = entry.counts.get(COUNTED[column - 3])
            return "" if count is None else f"{count:,}"
        if column == 6:
            return state_label(entry.state)
        folder = entry.path.parent
        return self.places.get(folder, str(folder))


class BackupsDialog(QDialog):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.task: worker.Task | None = None
        self.setWindowTitle(tr("Backups"))
        self.resize(820, 420)

        self.folder_label = QLabel()
        self.folder_label.setTextFormat(Qt.TextFormat.PlainText)
        self.folder_label.setWordWrap(True)
        self.warning_label = QLabel()
        self.warning_label.setTextFormat(Qt.TextFormat.PlainText)
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet("color: #a33;")
        self.model = BackupListModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self.restore_selected)

        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.activity = QLabel()
        self.activity.setTextFormat(Qt.TextFormat.PlainText)

        self.backup_button = QPushButton(tr("Back up now"))
        self.restore_button = QPushButton(tr("Restore…"))
        self.restore_file_button = QPushButton(tr("Restore from file…"))
        self.check_button = QPushButton(tr("Check database"))
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_file_button.clicked.connect(self.restore_from_file)
        self.check_button.clicked.connect(self.check_database)
        is_admin = desk.office.actor.is_admin
        self.restore_button.setEnabled(is_admin)
        self.restore_file_button.setEnabled(is_admin)
        if not is_admin:
            self.restore_button.setToolTip(tr("Only an administrator can restore."))

        buttons = QHBoxLayout()
        for button in (
            self.backup_button,
            self.restore_button,
            self.restore_file_button,
            self.check_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(self.folder_label)
        layout.addWidget(self.warning_label)
        layout.addWidget(self.table, 1)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.activity)
        progress_row.addWidget(self.progress, 1)
        layout.addLayout(progress_row)
        layout.addLayout(buttons)
        self.reload()

    # -- showing --------------------------------------------------------------------------------
    def reload(self) -> None:
        office = self.desk.office
        status = office.backups.status()
        primary, second = office.backups.folders()
        folders = tr("Backup folder: {0}").format(primary)
        if second is not None:
            folders += "\n" + tr("Second copy: {0}").format(second)
        self.folder_label.setText(folders + "\n" + last_backup_text(status))
        warning = status_warning_text(status)
        self.warning_label.setText(warning or "")
        self.warning_label.setVisible(bool(warning))
        places = {primary: tr("Backup folder")}
        if second is not None:
            places[second] = tr("Second copy")
        self.model.set_entries(office.backups.all(), places)
        if self.model.rowCount():
            self.table.selectRow(0)

    def selected(self) -> BackupEntry | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        entry = rows[0].data(Qt.ItemDataRole.UserRole)
        return entry if isinstance(entry, BackupEntry) else None

    def _busy(self, text: str | None) -> None:
        idle = text is None
        admin = self.desk.office.actor.is_admin
        self.backup_button.setEnabled(idle)
        self.check_button.setEnabled(idle)
        self.restore_button.setEnabled(idle and admin)
        self.restore_file_button.setEnabled(idle and admin)
        self.activity.setText(text or "")
        self.progress.setVisible(not idle)
        self.progress.setRange(0, 0)

    def _on_progress(self, done: int, total: int) -> None:
        if total == 0:  # the copy is made and being verified
            self.activity.setText(tr("Verifying the copy…"))
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    # -- work in the worker ---------------------------------------------------------------------
    def _run(self, text: str, work: worker.Work, on_done: Any) -> worker.Task:
        self._busy(text)
        task = worker.Task(work)
        task.signals.progress.connect(self._on_progress)
        task.signals.finished.connect(on_done)
        task.signals.failed.connect(self._on_failed)
        self.task = task
        return worker.start(task)

    def _on_failed(self, exc: object) -> None:
        self._busy(None)
        self.task = None
        if isinstance(exc, BackupCancelled):
            return
        if isinstance(exc, LiaisonError):
            prompts.error(self, error_text(exc))
            self.reload()
            return
        raise exc  # type: ignore[misc]  # a bug: to the crash dialog

    def back_up_now(self) -> worker.Task | None:
        try:
            plan = self.desk.office.backups.plan(kind=BackupKind.MANUAL)
        except LiaisonError as exc:
            prompts.error(self, error_text(exc))
            return None
        backups = self.desk.office.backups
        return self._run(
            tr("Backing up…"),
            lambda progress, cancel: backups.run(plan, progress=progress, cancel=cancel),
            self._backed_up,
        )

    def _backed_up(self, result: Any) -> None:
        self._busy(None)
        self.task = None
        self.reload()
        # The status bar's "Last backup …" and Today's backup warning follow, as after an
        # automatic backup.
        self.desk.data_changed.emit(Changes.of(Entity.BACKUPS))
        message = tr("Backup made and verified:\n{0}").format(result.backup.path)
        if result.second_error:
            message += "\n\n" + tr("The second copy was not made:") + "\n" + result.second_error
        prompts.info(self, message)

    def check_database(self) -> worker.Task:
        backups = self.desk.office.backups
        return self._run(
            tr("Checking the database…"),
            lambda progress, cancel: backups.check_database(),
            self._checked,
        )

    def _checked(self, result: Any) -> None:
        self._busy(None)
        self.task = None
        traders = int(result.counts.get("traders", 0))
        cases = int(result.counts.get("cases", 0))
        prompts.info(
            self,
            tr("The database passed the full integrity check ({traders}, {cases}).").format(
                traders=tr("1 trader") if traders == 1 else tr("{0:,} traders").format(traders),
                cases=tr("1 case") if cases == 1 else tr("{0:,} cases").format(cases),
            ),
        )

    # -- restoring ------------------------------------------------------------------------------
    def restore_selected(self) -> None:
        entry = self.selected()
        if entry is None:
            prompts.error(self, tr("Choose a backup in the list first."))
            return
        self.restore(entry.path, tr("the backup of {0}").format(when(entry.taken_at)))

    def restore_from_file(self) -> None:
        primary, _ = self.desk.office.backups.folders()
        path = prompts.open_file(
            self,
            tr("Restore from file"),
            tr("Databases (*.db *.sqlite *.sqlite3);;All files (*)"),
            str(primary),
        )
        if path is not None:
            self.restore(path, str(path))

    def restore(self, path: Path, label: str) -> None:
        if not self.desk.office.actor.is_admin:
            prompts.error(self, tr("Only an administrator can restore."))
            return
        question = tr(
            "Replace all the data in the database by {0}?\n\n"
            "A verified safety copy of the current data is made first, so this can be undone "
            "by restoring that copy. Other computers using this database will see the restored "
            "data."
        ).format(label)
        if not prompts.confirm(self, question, tr("Restore"), yes=tr("Restore")):
            return
        self._busy(tr("Restoring…"))
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = self.desk.office.backups.restore(path)
        except LiaisonError as exc:
            QGuiApplication.restoreOverrideCursor()
            self._busy(None)
            prompts.error(self, error_text(exc))
            self.reload()
            return
        QGuiApplication.restoreOverrideCursor()
        self._busy(None)
        self.reload()
        self.desk.data_changed.emit(result.changes)
        prompts.info(
            self,
            tr("Restored. The data as it was before is kept in the safety copy:\n{0}").format(
                result.safety_copy.path
            ),
        )

    def reject(self) -> None:
        if self.task is not None:
            self.task.cancel()
        super().reject()
