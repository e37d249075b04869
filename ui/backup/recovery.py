"""The start-up recovery dialog: the database cannot be opened (damaged, unreadable). Offer the
newest good backup, another file, or quitting: never a crash, never a new empty database (P7, P8).

``show_recovery(parent, path, error) -> Path | None``: the database path to open now (the same
path after a restore, or the other file chosen), or None to quit.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from liaison.backup import BackupEntry, scan
from liaison.backup.recovery import newest_good_backup, recover_database, recovery_folders
from liaison.clock import SystemClock
from liaison.errors import LiaisonError
from ui import prompts
from ui.backup.wording import tr, when
from ui.wording import error_text


class RecoveryDialog(QDialog):
    def __init__(
        self,
        path: Path,
        error: BaseException,
        folders: Iterable[Path] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.chosen: Path | None = None
        self.folders = recovery_folders(self.path, folders)
        self.setWindowTitle(tr("The database cannot be opened"))
        self.setMinimumWidth(560)

        reason = error_text(error) if isinstance(error, LiaisonError) else str(error)
        intro = QLabel(
            tr("Liaison Desk cannot open the office database:\n{0}\n\n{1}").format(
                self.path, reason
            )
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)

        self.newest: BackupEntry | None = next((e for e in scan(self.folders) if e.verified), None)
        self.restore_button = QPushButton(tr("Restore the newest good backup"))
        self.backup_label = QLabel()
        self.backup_label.setTextFormat(Qt.TextFormat.PlainText)
        self.backup_label.setWordWrap(True)
        if self.newest is None:
            self.restore_button.setEnabled(False)
            self.backup_label.setText(
                tr("No backup was found in:\n{0}").format("\n".join(str(f) for f in self.folders))
            )
        else:
            self.backup_label.setText(
                tr("Newest backup: {0} ({1}). The damaged file is kept beside it.").format(
                    when(self.newest.taken_at), self.newest.path
                )
            )
        self.other_button = QPushButton(tr("Choose another file…"))
        self.quit_button = QPushButton(tr("Quit"))
        self.restore_button.clicked.connect(self.restore_newest)
        self.other_button.clicked.connect(self.choose_other)
        self.quit_button.clicked.connect(self.reject)
        note = QLabel(tr("Close Liaison Desk on the other computers using this file first."))
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.backup_label)
        layout.addWidget(note)
        layout.addWidget(self.restore_button)
        layout.addWidget(self.other_button)
        layout.addWidget(self.quit_button)

    def restore_newest(self) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            found = newest_good_backup(self.folders)  # verifies each file, newest first
            if found is None:
                raise LiaisonError(tr("None of the backups passes the integrity check."))
            result = recover_database(self.path, found[0].path, now=SystemClock().now())
        except LiaisonError as exc:
            QGuiApplication.restoreOverrideCursor()
            prompts.error(self, error_text(exc))
            return
        QGuiApplication.restoreOverrideCursor()
        prompts.info(
            self,
            tr("Restored the backup of {0}. The damaged file was kept as:\n{1}").format(
                when(found[0].taken_at), "\n".join(str(p) for p in result.set_aside)
            ),
        )
        self.chosen = self.path
        self.accept()

    def choose_other(self) -> None:
        path = prompts.open_file(
            self,
            tr("Open a database"),
            tr("Databases (*.db *.sqlite *.sqlite3);;All files (*)"),
            str(self.path.parent),
        )
        if path is not None:
            self.chosen = path
            self.accept()


def show_recovery(
    parent: QWidget | None, path: Path, error: BaseException, folders: Iterable[Path] = ()
) -> Path | None:
    """Run the recovery dialog; ``folders``: backup folders the app remembers (QSettings)."""
    dialog = RecoveryDialog(path, error, folders, parent)
    dialog.exec()
    return dialog.chosen
