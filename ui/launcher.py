"""The session flow: which database, who is signed in, the main window, and back again.

start → the database to open (``--db``, ``LIAISON_DB``, the one opened last time, the default
path if it exists) → sign in → main window. With no database, or one that cannot be opened
(missing, damaged, another program's, too new), the welcome dialog offers the ways on, with a
plain message; nothing is created without the user asking (P7). Sign-out goes back to the sign-in
dialog; "Open Database…" back to the welcome dialog. Dialogs are opened without blocking
(``open()``), so the flow is driven by their ``finished`` signals.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from argon2 import PasswordHasher
from PySide6.QtCore import QCoreApplication, QObject, QSettings, QTimer, Signal, Slot
from PySide6.QtWidgets import QDialog, QWidget

from liaison import paths
from liaison.clock import Clock
from liaison.errors import DatabaseCorrupt, LiaisonError
from liaison.office import Office
from ui import prompts
from ui.desk import Desk
from ui.wording import error_text

log = logging.getLogger("liaison.ui.launcher")

LAST_DB_KEY = "database/lastPath"
BACKUP_FOLDERS_KEY = "database/backupFolders"  # so a damaged database's backups can be found
QUICK_CHECK_MAX_BYTES = 64 * 1024 * 1024


def tr(text: str) -> str:
    return QCoreApplication.translate("Launcher", text)


def worth_checking(path: Path) -> bool:
    """Whether to run SQLite's quick check while opening. It reads every page under a read
    lock that also holds back every write: a second or two for a typical office file, but half a
    minute and more for a 500 MB one on a busy machine (measured here). Bigger files are checked
    by the verified daily backup and by Backups › Check database instead."""
    try:
        return path.stat().st_size <= QUICK_CHECK_MAX_BYTES
    except OSError:
        return True  # let opening report what is wrong with it


def opening_problem(path: Path, exc: LiaisonError) -> str:
    """Why a database file could not be opened, and what to do, in plain words."""
    texts = {
        "database_missing": tr("There is no database file at:\n{path}"),
        "not_our_database": tr(
            "This file is not a Liaison Desk database (it is empty or belongs to another "
            "program), so it was not opened:\n{path}"
        ),
        "database_corrupt": tr(
            "This file is damaged or is not a database at all, so it was not opened:\n{path}\n\n"
            "If it is the office database, restore the latest good backup."
        ),
        "schema_too_new": tr(
            "This database was written by a newer version of Liaison Desk:\n{path}\n\n"
            "Install the newer version to open it."
        ),
    }
    text = texts.get(exc.code)
    if text is None:
        return tr("The database could not be opened:\n{path}").format(path=path) + (
            "\n\n" + error_text(exc)
        )
    return text.format(path=path)


PRELOAD_AFTER_MS = 150


def preload_main_window() -> None:
    """Import the main window and its first page (a no-op once they are loaded)."""
    import ui.main_window
    import ui.pages.today  # noqa: F401


class Launcher(QObject):
    finished = Signal()

    def __init__(
        self,
        *,
        explicit_db: Path | None = None,
        clock: Clock | None = None,
        hasher: PasswordHasher | None = None,
        demo_cases: int | None = None,
        auto_backup: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.explicit_db = explicit_db
        self.auto_backup = auto_backup
        self.clock = clock
        self.hasher = hasher
        self.demo_cases = demo_cases
        self.office: Office | None = None
        self.desk: Desk | None = None
        self.window: QWidget | None = None
        self.dialog: QDialog | None = None
        self.is_done = False
        self._next_after_close: str = ""

    # -- start ----------------------------------------------------------------------------
    def start(self) -> None:
        path, message = self.initial_path()
        if path is not None:
            self.open_database(path)
        else:
            self.show_welcome(message)

    def initial_path(self) -> tuple[Path | None, str]:
        """The database to open first, or None and a note for the welcome dialog."""
        explicit = self.explicit_db or (
            paths.default_db_path() if os.environ.get("LIAISON_DB") else None
        )
        if explicit is not None:
            if explicit.exists():
                return explicit, ""
            return None, tr(
                "There is no database at {path}. Create the office database there, or open "
                "the right file."
            ).format(path=explicit)
        last = QSettings().value(LAST_DB_KEY, "", type=str)
        if last:
            remembered = Path(last)
            if remembered.exists():
                return remembered, ""
            return None, tr(
                "The database used last time is no longer at {path} (moved, renamed, or on a "
                "drive that is not connected). Open it where it is now, or create a new one."
            ).format(path=remembered)
        default = paths.default_db_path()
        return (default, "") if default.exists() else (None, "")

    def create_target(self) -> Path:
        explicit = self.explicit_db or (
            paths.default_db_path() if os.environ.get("LIAISON_DB") else None
        )
        return explicit or paths.default_db_path()

    # -- welcome --------------------------------------------------------------------------
    def show_welcome(self, message: str = "", *, previous: Path | None = None) -> None:
        from ui.welcome import DEMO_CASES, WelcomeDialog

        dialog = WelcomeDialog(
            self.create_target(),
            message=message,
            demo_cases=self.demo_cases or DEMO_CASES,
            clock=self.clock,
            hasher=self.hasher,
            previous=previous,
        )
        dialog.finished.connect(self._welcome_done)
        self._show(dialog)

    @Slot(int)
    def _welcome_done(self, code: int) -> None:
        dialog = self.dialog
        self.dialog = None
        chosen = getattr(dialog, "chosen_path", None)
        if dialog is not None:
            dialog.deleteLater()
        if code == QDialog.DialogCode.Accepted and chosen is not None:
            how = getattr(dialog, "how", "")
            self.open_database(chosen, office_database=how != "opened")
        else:
            self.finish()

    # -- opening --------------------------------------------------------------------------
    def open_database(self, path: Path, *, office_database: bool = True) -> None:
        """Open ``path``. ``office_database``: it is the office's own file (the one given or
        used last), so a damaged one leads to the recovery dialog and its backups; a file the
        user just picked to try gets a message and the welcome dialog again."""
        try:
            office = Office.open(
                path, clock=self.clock, hasher=self.hasher, quick_check=worth_checking(path)
            )
        except DatabaseCorrupt as exc:
            log.warning("Damaged database %s: %s", path, exc.message)
            if not office_database:
                prompts.error(None, opening_problem(path, exc), tr("Cannot Open the Database"))
                self.show_welcome()
                return
            self.recover(path, exc)
            return
        except LiaisonError as exc:
            log.warning("Could not open %s: %s (%s)", path, exc.message, exc.code)
            prompts.error(None, opening_problem(path, exc), tr("Cannot Open the Database"))
            self.show_welcome()
            return
        log.info("Opened %s", path)
        self.office = office
        settings = QSettings()
        settings.setValue(LAST_DB_KEY, str(path.resolve()))
        try:
            folders = [str(f) for f in office.backups.folders() if f is not None]
        except LiaisonError:
            folders = []
        settings.setValue(BACKUP_FOLDERS_KEY, folders)
        settings.sync()
        self.show_sign_in()

    def recover(self, path: Path, exc: LiaisonError) -> None:
        """The office database is damaged: restore the newest good backup, open another file,
        or quit (the backup engineer's recovery dialog)."""
        from ui.backup.recovery import show_recovery

        remembered = QSettings().value(BACKUP_FOLDERS_KEY, [], type=list)
        chosen = show_recovery(None, path, exc, [Path(str(f)) for f in remembered or []])
        if chosen is None:
            self.finish()
        else:
            self.open_database(chosen, office_database=chosen == path)

    def close_office(self) -> None:
        if self.office is not None:
            self.office.close()
            self.office = None
        self.desk = None

    # -- signing in -----------------------------------------------------------------------
    def show_sign_in(self) -> None:
        from ui.signin import SignInDialog

        assert self.office is not None
        dialog = SignInDialog(self.office)
        dialog.finished.connect(self._sign_in_done)
        self._show(dialog)
        # While the password is typed, load the main window's code (no office data: nothing is
        # read before the password is checked), so that after Sign in only the check and the
        # window itself are left to wait for. Late enough for the dialog to be painted first.
        QTimer.singleShot(PRELOAD_AFTER_MS, preload_main_window)

    @Slot(int)
    def _sign_in_done(self, code: int) -> None:
        from ui.signin import SignInDialog

        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.deleteLater()
        if code == QDialog.DialogCode.Accepted:
            self.show_main()
        elif code == SignInDialog.OTHER_DATABASE:
            previous = self.office.path if self.office is not None else None
            self.close_office()
            self.show_welcome(previous=previous)
        else:
            self.finish()

    # -- the main window ------------------------------------------------------------------
    def show_main(self) -> None:
        from ui.main_window import MainWindow

        assert self.office is not None
        log.info("Signed in: %s (%s)", self.office.actor.username, self.office.actor.role)
        self.desk = Desk(self.office)
        window = MainWindow(self.desk, auto_backup=self.auto_backup)
        window.sign_out_requested.connect(self.sign_out)
        window.open_database_requested.connect(self.switch_database)
        window.closed.connect(self._window_closed)
        self.window = window
        window.show()

    @Slot()
    def sign_out(self) -> None:
        self._next_after_close = "sign_in"
        window = self.window
        if window is not None:
            window.closes_office = False  # type: ignore[attr-defined]
            if not window.close():
                window.closes_office = True  # type: ignore[attr-defined]
                self._next_after_close = ""

    @Slot()
    def switch_database(self) -> None:
        self._next_after_close = "welcome"
        if self.window is not None and not self.window.close():
            self._next_after_close = ""

    @Slot()
    def _window_closed(self) -> None:
        window, self.window = self.window, None
        if window is not None:
            window.deleteLater()
        step, self._next_after_close = self._next_after_close, ""
        if step == "sign_in" and self.office is not None:
            log.info("Signed out: %s", self.office.actor.username)
            self.office.sign_out()
            self.desk = None
            self.show_sign_in()
        elif step == "welcome":
            previous = self.office.path if self.office is not None else None
            self.close_office()
            self.show_welcome(previous=previous)
        else:
            self.finish()

    # -- ending ---------------------------------------------------------------------------
    def _show(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.open()

    def finish(self) -> None:
        self.close_office()
        if not self.is_done:
            self.is_done = True
            self.finished.emit()

    def shutdown(self) -> None:
        """The app is ending whatever state we are in."""
        if self.window is not None:
            self._next_after_close = "quit"
            self.window.close()
        self.close_office()
