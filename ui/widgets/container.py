"""A container-number field that checks ISO 6346 as it is typed.

It says live what is wrong ("check digit should be 9", "4 letters and 7 digits"), and offers the
override-reason field only when the shape is right but the check digit is not (a box painted with
a wrong number does exist; the reason is then recorded with it). The check itself is the core's
``liaison.rules.identifiers.check_container`` (python-stdnum underneath).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from liaison.rules.identifiers import ContainerCheck, check_container, format_container
from ui.widgets.text import line_edit

OVERRIDE_LIMIT = 200


def tr(text: str) -> str:
    return QCoreApplication.translate("container", text)


def describe(result: ContainerCheck) -> str:
    """The live verdict on what has been typed so far."""
    if not result.number:
        return ""
    if not result.shape_ok:
        if len(result.number) < 11:
            return tr("{n} of 11 characters: 4 letters (ending U, J or Z) and 7 digits.").format(
                n=len(result.number)
            )
        return tr("Not a container number: 4 letters (ending U, J or Z) and 7 digits.")
    if not result.check_digit_ok:
        return tr("Check digit should be {digit} (ISO 6346).").format(
            digit=result.expected_check_digit
        )
    return tr("✓ {number} — check digit correct.").format(number=format_container(result.number))


class ContainerNumberField(QWidget):
    changed = Signal()

    def __init__(
        self, parent: QWidget | None = None, *, number: str = "", reason: str = ""
    ) -> None:
        super().__init__(parent)
        self.number_edit = QLineEdit()
        self.number_edit.setMaxLength(20)  # room for spaces and dashes as painted on the box
        self.number_edit.setPlaceholderText(tr("e.g. CSQU 305438 3"))
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.setProperty("role", "note")
        self.override_label = QLabel(tr("Reason to keep the number as painted on the box:"))
        self.override_label.setWordWrap(True)
        self.override_label.setTextFormat(Qt.TextFormat.PlainText)
        self.override_edit = line_edit(
            OVERRIDE_LIMIT, placeholder=tr("e.g. number painted so on the box, confirmed by KPA")
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        for widget in (
            self.number_edit,
            self.status,
            self.override_label,
            self.override_edit,
            self.override_edit.note,
        ):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.setFocusProxy(self.number_edit)
        self.number_edit.textEdited.connect(self._typed)
        self.override_edit.textEdited.connect(lambda _t: self.changed.emit())
        self.set_values(number, reason)

    def set_values(self, number: str, reason: str = "") -> None:
        self.number_edit.setText(number)
        self.override_edit.setText(reason)
        self._update()

    def number(self) -> str:
        return self.number_edit.text()

    def reason(self) -> str:
        return self.override_edit.text() if self.needs_reason() else ""

    def check(self) -> ContainerCheck:
        return check_container(self.number_edit.text())

    def needs_reason(self) -> bool:
        result = self.check()
        return result.shape_ok and not result.check_digit_ok

    def _typed(self, text: str) -> None:
        upper = text.upper()
        if upper != text:
            cursor = self.number_edit.cursorPosition()
            self.number_edit.setText(upper)
            self.number_edit.setCursorPosition(cursor)
        self._update()
        self.changed.emit()

    def _update(self) -> None:
        result = self.check()
        self.status.setText(describe(result))
        self.status.setVisible(bool(result.number))
        level = "ok" if result.ok else ("warning" if result.number else "")
        self.status.setProperty("level", level)
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        wrong_digit = result.shape_ok and not result.check_digit_ok
        self.override_label.setVisible(wrong_digit)
        self.override_edit.setVisible(wrong_digit)
        if not wrong_digit:
            self.override_edit.note.hide()
