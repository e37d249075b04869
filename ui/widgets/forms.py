"""The form helper every dialog uses: labelled fields, and validation shown where it belongs.

When the core refuses a draft (``ValidationError`` naming a field, or ``ValidationErrors``), the
form writes the message under that field, marks the field (dynamic property ``invalid`` → red
border from ``FORM_STYLE``), lists every problem at the top, moves the focus to the first bad
field, and keeps everything that was typed. Editing a marked field clears its mark.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from liaison.errors import LiaisonError, ValidationError, ValidationErrors
from ui.wording import error_text

FORM_STYLE = """
*[invalid="true"] { border: 2px solid #c62828; border-radius: 3px; padding: 3px 4px;
    background: #fffafa; color: #1b1b1b; }
QLabel[role="error"] { color: #b71c1c; }
QLabel[role="note"] { color: #5f6368; }
QLabel[role="note"][level="warning"] { color: #a35200; }
QLabel[role="note"][level="error"] { color: #b71c1c; }
QLabel[role="note"][level="ok"] { color: #2e7d32; }
QLabel[role="banner"] { color: #b71c1c; background: #fdecea; border: 1px solid #f5c2c0;
    border-radius: 3px; padding: 6px; }
"""


def tr(text: str) -> str:
    return QCoreApplication.translate("forms", text)


def set_marked(widget: QWidget, marked: bool) -> None:
    if bool(widget.property("invalid")) == marked:
        return
    widget.setProperty("invalid", marked)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.updateGeometry()  # the border changes the size hint: let the layout know
    widget.update()


def on_change(widget: QWidget, slot: Callable[[], None]) -> None:
    """Call ``slot`` whenever the user changes ``widget``'s value, whatever kind of widget."""
    signal = getattr(widget, "changed", None)
    if signal is not None and hasattr(signal, "connect"):
        signal.connect(slot)
    elif isinstance(widget, QLineEdit):
        widget.textEdited.connect(lambda _t: slot())
    elif isinstance(widget, QPlainTextEdit):
        widget.textChanged.connect(slot)
    elif isinstance(widget, QComboBox):
        widget.currentIndexChanged.connect(lambda _i: slot())
    elif isinstance(widget, QAbstractButton):
        widget.toggled.connect(lambda _b: slot())


def with_button(field: QWidget, button: QWidget) -> QWidget:
    """One field's widget: ``field`` taking the width, and a button beside it ("Change…")."""
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(field, 1)
    row.addWidget(button)
    return holder


def error_label() -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setProperty("role", "error")
    label.hide()
    return label


@dataclass
class FieldRow:
    name: str
    widget: QWidget
    marks: list[QWidget]
    error: QLabel
    holder: QWidget
    label: QLabel | None = None
    message: str = ""
    extra: list[QWidget] = field(default_factory=list)

    @property
    def marked(self) -> bool:
        return bool(self.message)


class Form(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(FORM_STYLE)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.banner = QLabel()
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setWordWrap(True)
        self.banner.setProperty("role", "banner")
        self.banner.hide()
        outer.addWidget(self.banner)
        self.grid = QFormLayout()
        self.grid.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.grid.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        outer.addLayout(self.grid)
        self.rows: dict[str, FieldRow] = {}
        self._aliases: dict[str, str] = {}

    # -- building -------------------------------------------------------------------------------
    def add(
        self,
        name: str,
        text: str,
        widget: QWidget,
        *,
        marks: list[QWidget] | None = None,
        note: str = "",
    ) -> QWidget:
        """A labelled field. ``marks`` are the widgets that get the red border (by default the
        widget itself, or its ``edit`` for composite fields)."""
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(widget)
        length_note = getattr(widget, "note", None)
        if isinstance(length_note, QLabel):
            box.addWidget(length_note)
        if note:
            hint = QLabel(note)
            hint.setTextFormat(Qt.TextFormat.PlainText)
            hint.setWordWrap(True)
            hint.setProperty("role", "note")
            box.addWidget(hint)
        error = error_label()
        box.addWidget(error)
        caption = QLabel(text) if text else None
        if caption is not None:
            caption.setTextFormat(Qt.TextFormat.PlainText)
            caption.setBuddy(widget)
            self.grid.addRow(caption, holder)
        else:
            self.grid.addRow(holder)
        default_mark = getattr(widget, "edit", None)
        targets = marks or [default_mark if isinstance(default_mark, QWidget) else widget]
        row = FieldRow(name, widget, targets, error, holder, caption)
        self.rows[name] = row
        on_change(widget, lambda: self.clear_error(name))
        return widget

    def add_heading(self, text: str) -> QLabel:
        heading = QLabel(text)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        self.grid.addRow(heading)
        return heading

    def add_wide(self, widget: QWidget) -> QWidget:
        self.grid.addRow(widget)
        return widget

    def alias(self, field_name: str, row_name: str) -> None:
        """Errors about ``field_name`` show on the row ``row_name`` (e.g. an override reason
        shown inside the container-number row)."""
        self._aliases[field_name] = row_name

    def set_row_visible(self, name: str, visible: bool) -> None:
        row = self.rows[name]
        row.holder.setVisible(visible)
        if row.label is not None:
            row.label.setVisible(visible)

    # -- errors ---------------------------------------------------------------------------------
    def row_for(self, field_name: str) -> FieldRow | None:
        return self.rows.get(self._aliases.get(field_name, field_name))

    def mark(self, field_name: str, message: str) -> bool:
        """Show ``message`` under the field; False when the form has no such field."""
        row = self.row_for(field_name)
        if row is None:
            return False
        row.message = message if not row.message else f"{row.message}\n{message}"
        row.error.setText(row.message)
        row.error.show()
        for widget in row.marks:
            set_marked(widget, True)
        return True

    def clear_error(self, name: str) -> None:
        row = self.rows.get(name)
        if row is None or not row.message:
            return
        row.message = ""
        row.error.clear()
        row.error.hide()
        for widget in row.marks:
            set_marked(widget, False)
        if not any(r.marked for r in self.rows.values()):
            self.banner.hide()

    def clear_errors(self) -> None:
        for name in self.rows:
            self.clear_error(name)
        self.banner.clear()
        self.banner.hide()

    def show_error(
        self, exc: LiaisonError, route: Callable[[ValidationError], bool] | None = None
    ) -> None:
        """Spread a refusal over the fields it names; everything is also summed up on top.
        ``route`` may claim an error first (e.g. one about the third container of a list)."""
        errors = exc.errors if isinstance(exc, ValidationErrors) else [exc]
        first: QWidget | None = None
        for error in errors:
            if not isinstance(error, ValidationError):
                continue
            if route is not None and route(error):
                continue
            if self.mark(error.field, error.message) and first is None:
                row = self.row_for(error.field)
                first = row.marks[0] if row else None
        self.banner.setText(error_text(exc))
        self.banner.show()
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def messages(self) -> dict[str, str]:
        """Field → message, for the fields marked now."""
        return {name: row.message for name, row in self.rows.items() if row.message}
