"""The crash hook: an error nobody expected is logged and shown in a dialog with a report the
user can copy, and the app keeps running. A known error (LiaisonError) that escapes a slot is not a
crash: it gets the same plain message as anywhere else.

Exceptions raised in other threads are logged there and shown on the main thread.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import sys
import threading
import traceback
from types import TracebackType

import PySide6
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot, qVersion
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from liaison.errors import LiaisonError
from ui import prompts
from ui.wording import error_text

log = logging.getLogger("liaison.crash")

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def tr(text: str) -> str:
    return QCoreApplication.translate("crash", text)


@functools.cache
def app_version() -> str:
    """The installed version, looked up when first shown (reading the package's metadata
    takes a few hundredths of a second, which the start of the app does without)."""
    from importlib import metadata

    try:
        return metadata.version("liaison-desk")
    except metadata.PackageNotFoundError:
        return "development"


def crash_report(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> str:
    """Plain text for the dialog, the clipboard and the log: versions, time, the traceback."""
    import platform

    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    head = [
        f"Liaison Desk {app_version()}",
        f"Time: {stamp}",
        f"Python {platform.python_version()} · Qt {qVersion()} · PySide6 {PySide6.__version__}",
        f"System: {platform.platform()}",
        f"Thread: {threading.current_thread().name}",
        "",
    ]
    return "\n".join(head) + "".join(traceback.format_exception(exc_type, exc, tb))


class CrashDialog(QDialog):
    """Says what happened in plain words, shows the report, and lets the user copy it."""

    def __init__(self, report: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.setWindowTitle(tr("Something went wrong"))
        self.setMinimumSize(640, 420)
        intro = QLabel(
            tr(
                "Liaison Desk ran into a problem it did not expect. Everything saved before "
                "is safe; the last action may not have been completed, so please check it.\n\n"
                "The program keeps running. The details below are also in the log file: copy "
                "them and send them to whoever looks after the program."
            )
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.details = QPlainTextEdit(report)
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = buttons.addButton(
            tr("Copy Report"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.copy_button.clicked.connect(self.copy_report)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)

    @Slot()
    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report)
        self.copy_button.setText(tr("Copied"))


def show_crash_dialog(parent: QWidget | None, report: str) -> None:
    """Shown modally; tests replace this function."""
    CrashDialog(report, parent).exec()


def active_window() -> QWidget | None:
    app = QApplication.instance()
    return app.activeWindow() if isinstance(app, QApplication) else None


class CrashHandler(QObject):
    """``sys.excepthook`` and ``threading.excepthook`` for the desktop app."""

    report_ready = Signal(str)
    known_error = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._showing = False
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        # Queued when emitted from another thread, direct on the main thread.
        self.report_ready.connect(self._show_report)
        self.known_error.connect(self._show_known)

    def install(self) -> None:
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread

    def uninstall(self) -> None:
        sys.excepthook = self._previous_hook
        threading.excepthook = self._previous_thread_hook

    def handle(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt | SystemExit):
            self._previous_hook(exc_type, exc, tb)
            return
        if isinstance(exc, LiaisonError):
            log.warning("Known error reached the top: %s (%s)", exc.message, exc.code)
            self.known_error.emit(exc)
            return
        report = crash_report(exc_type, exc, tb)
        log.critical("Unexpected error\n%s", report)
        self.report_ready.emit(report)

    def _handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    @Slot(str)
    def _show_report(self, report: str) -> None:
        if self._showing:  # a second error while the dialog is up: logged, not stacked
            return
        self._showing = True
        try:
            show_crash_dialog(active_window(), report)
        except Exception:  # the dialog itself failed: the log still has the report
            log.exception("The crash dialog could not be shown")
        finally:
            self._showing = False

    @Slot(object)
    def _show_known(self, exc: LiaisonError) -> None:
        prompts.error(active_window(), error_text(exc))
