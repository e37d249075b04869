"""Asking why: the reason for voiding or replacing an issued letter (required, at most 400
characters, kept in the registry and the audit log). Tests answer ``ask_reason`` directly."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ui.widgets.text import long_text

REASON_LIMIT = 400


def tr(text: str) -> str:
    return QCoreApplication.translate("letters", text)


class ReasonDialog(QDialog):
    def __init__(self, question: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Reason"))
        label = QLabel(question)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        self.text = long_text(REASON_LIMIT, lines=3)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.text.changed.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.text)
        layout.addWidget(self.text.note)
        layout.addWidget(self.buttons)
        self._update()

    def _update(self) -> None:
        text = self.text.text().strip()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(0 < len(text) <= REASON_LIMIT)


def ask_reason(parent: QWidget | None, question: str) -> str | None:
    """The reason typed, or None when cancelled."""
    dialog = ReasonDialog(question, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.text.text().strip()
