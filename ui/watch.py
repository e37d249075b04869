"""What the main window keeps an eye on while it is open: automatic backups (daily while it
runs, and before the office is closed, with the last backup time for the status bar) and changes
made by another instance on the same database file (staff at two desks, or a scheduled
``liaison backup``), which refresh every page and record window.

Another instance's commits are seen by polling ``office.data_version()`` (cheap: a pragma and the
newest audit row); this window's own changes are announced on the desk and not counted twice.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget

from liaison.enums import Entity
from liaison.errors import LiaisonError
from liaison.models import Changes
from ui.backup.auto import AutoBackupController
from ui.desk import Desk

log = logging.getLogger("liaison.ui.watch")

POLL_MS = 3000


class Watch(QObject):
    last_backup_changed = Signal(str)
    backup_failed = Signal(str)

    def __init__(self, desk: Desk, *, auto_backup: bool = True, parent: QObject | None = None):
        super().__init__(parent)
        self.desk = desk
        self.backups: AutoBackupController | None = None
        if auto_backup:
            self.backups = AutoBackupController(desk, self)
            self.backups.last_backup_changed.connect(self.last_backup_changed)
            self.backups.backup_failed.connect(self.backup_failed)
            # Today's backup warning and the Backups dialog follow a finished backup.
            self.backups.backup_finished.connect(
                lambda _result: desk.data_changed.emit(Changes.of(Entity.BACKUPS))
            )
        self.seen = self._version()
        self.poll = QTimer(self)
        self.poll.setInterval(POLL_MS)
        self.poll.timeout.connect(self.check_others)
        desk.data_changed.connect(self._ours)

    def start(self) -> None:
        self.seen = self._version()
        self.poll.start()
        if self.backups is not None:
            self.backups.start()

    def stop(self) -> None:
        self.poll.stop()
        if self.backups is not None:
            self.backups.stop()

    def before_closing_office(self, parent: QWidget | None) -> None:
        """The office is about to be closed: back up if anything changed since the last one."""
        self.poll.stop()
        if self.backups is not None:
            self.backups.back_up_before_close(parent)

    def _version(self) -> tuple[int, int] | None:
        try:
            return self.desk.office.data_version()
        except LiaisonError as exc:  # busy for a moment: look again on the next tick
            log.info("data_version not read: %s", exc.message)
            return None

    @Slot(object)
    def _ours(self, changes: Changes) -> None:
        current = self._version()
        if current is not None:
            self.seen = current
        if self.backups is not None and changes.touches(Entity.BACKUPS):
            self.backups.refresh()  # e.g. one made from the Backups dialog

    @Slot()
    def check_others(self) -> bool:
        """True when another instance changed the data since we last looked (and then every
        view reloads)."""
        current = self._version()
        if current is None or current == self.seen:
            return False
        self.seen = current
        log.info("The database was changed elsewhere; reloading the views")
        self.desk.data_changed.emit(Changes.of(*Entity))
        return True
