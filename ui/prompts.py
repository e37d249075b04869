"""Every message box and file dialog of the app goes through here, so tests can answer them
(monkeypatch these functions) and so user text is always shown as plain text."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


def tr(text: str) -> str:
    return QCoreApplication.translate("prompts", text)


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def error(parent: QWidget | None, text: str, title: str | None = None) -> None:
    box = _box(parent, QMessageBox.Icon.Warning, title or tr("Liaison Desk"), text)
    box.addButton(QMessageBox.StandardButton.Ok)
    box.exec()


def info(parent: QWidget | None, text: str, title: str | None = None) -> None:
    box = _box(parent, QMessageBox.Icon.Information, title or tr("Liaison Desk"), text)
    box.addButton(QMessageBox.StandardButton.Ok)
    box.exec()


def confirm(
    parent: QWidget | None, text: str, title: str | None = None, *, yes: str | None = None
) -> bool:
    box = _box(parent, QMessageBox.Icon.Question, title or tr("Liaison Desk"), text)
    ok = box.addButton(yes or tr("Yes"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is ok


def ask_discard(parent: QWidget | None) -> bool:
    """Closing a dialog with unsaved typing: True to discard it."""
    return confirm(parent, tr("You have unsaved changes. Discard them?"), yes=tr("Discard"))


def open_file(
    parent: QWidget | None, title: str, filter: str = "", folder: str = ""
) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, title, folder, filter)
    return Path(name) if name else None


def save_file(
    parent: QWidget | None, title: str, suggested: str = "", filter: str = ""
) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, title, suggested, filter)
    return Path(name) if name else None


def choose_folder(parent: QWidget | None, title: str, folder: str = "") -> Path | None:
    name = QFileDialog.getExistingDirectory(parent, title, folder)
    return Path(name) if name else None
