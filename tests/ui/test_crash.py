"""The crash hook: an unexpected error is logged and shown with a copyable report, and the app
goes on; a known error that escapes a slot is a plain message, not a crash report."""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication

from liaison.errors import DatabaseBusy
from ui import crash
from ui.app import setup_logging
from ui.crash import CrashDialog, CrashHandler, crash_report


@pytest.fixture
def log_file(tmp_path: Path) -> Any:
    handler = setup_logging(tmp_path / "logs")
    yield tmp_path / "logs" / "liaison-desk.log"
    logging.getLogger().removeHandler(handler)
    handler.close()


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    reports: list[str] = []
    monkeypatch.setattr(crash, "show_crash_dialog", lambda parent, report: reports.append(report))
    return reports


def explode() -> None:
    raise ZeroDivisionError("the ledger does not balance")


def test_an_unexpected_error_is_logged_and_shown(shown: list[str], log_file: Path) -> None:
    handler = CrashHandler()
    try:
        explode()
    except ZeroDivisionError:
        handler.handle(*sys.exc_info())  # type: ignore[arg-type]
    assert len(shown) == 1
    assert "ZeroDivisionError: the ledger does not balance" in shown[0]
    assert "in explode" in shown[0]  # the traceback names the function
    text = log_file.read_text(encoding="utf-8")
    assert "CRITICAL" in text and "the ledger does not balance" in text
    assert (log_file.stat().st_mode & 0o077) == 0  # the log is readable by its owner only


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_reaches_the_hook_and_the_app_goes_on(
    qtbot: Any, shown: list[str], log_file: Path
) -> None:
    handler = CrashHandler()
    handler.install()
    ticks: list[int] = []
    try:
        QTimer.singleShot(0, explode)
        qtbot.waitUntil(lambda: len(shown) == 1)
        QTimer.singleShot(0, lambda: ticks.append(1))  # the event loop still runs
        qtbot.waitUntil(lambda: ticks == [1])
    finally:
        handler.uninstall()
    assert "ZeroDivisionError" in shown[0]
    assert sys.excepthook is not handler.handle


def test_an_error_in_another_thread_is_shown_on_the_main_thread(
    qtbot: Any, shown: list[str], log_file: Path
) -> None:
    handler = CrashHandler()
    handler.install()
    try:
        thread = threading.Thread(target=explode, name="worker-1")
        thread.start()
        thread.join()
        qtbot.waitUntil(lambda: len(shown) == 1)
    finally:
        handler.uninstall()
    assert "Thread: worker-1" in shown[0]
    assert "worker-1" in log_file.read_text(encoding="utf-8")


def test_a_known_error_gets_a_plain_message_not_a_report(
    answers: Any, shown: list[str], log_file: Path
) -> None:
    handler = CrashHandler()
    try:
        raise DatabaseBusy("The database is busy in another window or program; try again.")
    except DatabaseBusy:
        handler.handle(*sys.exc_info())  # type: ignore[arg-type]
    assert shown == []
    assert len(answers.errors) == 1
    assert "busy" in answers.errors[0] and "Traceback" not in answers.errors[0]


def test_a_second_error_while_the_dialog_is_up_is_only_logged(
    monkeypatch: pytest.MonkeyPatch, log_file: Path
) -> None:
    handler = CrashHandler()
    reports: list[str] = []

    def dialog(parent: object, report: str) -> None:
        reports.append(report)
        try:
            raise KeyError("while showing")
        except KeyError:
            handler.handle(*sys.exc_info())  # type: ignore[arg-type]

    monkeypatch.setattr(crash, "show_crash_dialog", dialog)
    try:
        explode()
    except ZeroDivisionError:
        handler.handle(*sys.exc_info())  # type: ignore[arg-type]
    assert len(reports) == 1
    assert "while showing" in log_file.read_text(encoding="utf-8")


def test_the_dialog_shows_the_report_as_plain_text_and_copies_it(qtbot: Any) -> None:
    try:
        raise ValueError("<b>not bold</b> & co")
    except ValueError:
        report = crash_report(*sys.exc_info())  # type: ignore[arg-type]
    dialog = CrashDialog(report)
    qtbot.addWidget(dialog)
    assert dialog.details.toPlainText() == report
    assert "<b>not bold</b> & co" in dialog.details.toPlainText()
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == report
