"""Text fields whose length limit is stated, never silently enforced.

``line_edit(limit)`` sets ``QLineEdit.setMaxLength`` to the core's limit and pairs it with a
``LengthNote`` that appears as the text nears the limit and says plainly when typing or a paste hit
it. Long text uses ``LongTextEdit`` (a ``QPlainTextEdit``: a ``QLineEdit`` would cut anything past
32,767 characters without a word); it never cuts, it counts, and the core refuses what is too long.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QSizePolicy, QWidget

NEAR = 0.8  # the counter shows from this share of the limit on


def tr(text: str) -> str:
    return QCoreApplication.translate("text", text)


class LengthNote(QLabel):
    """A quiet counter under a field: hidden while the text is short, then '180 / 200', then a
    plain warning when the limit is reached or passed."""

    def __init__(self, limit: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.limit = limit
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setProperty("role", "note")
        self.hide()

    def show_length(self, length: int) -> None:
        if length < self.limit * NEAR:
            self.hide()
            return
        if length > self.limit:
            text = tr("{n} / {limit} characters: {over} too many; shorten it to save.").format(
                n=f"{length:,}", limit=f"{self.limit:,}", over=f"{length - self.limit:,}"
            )
            self.setProperty("level", "error")
        elif length == self.limit:
            # A QLineEdit stops typing and cuts a paste at its limit: say so, so it is not silent.
            text = tr("{limit} characters is the limit; anything beyond was not taken in.").format(
                limit=f"{self.limit:,}"
            )
            self.setProperty("level", "warning")
        else:
            text = tr("{n} / {limit} characters").format(n=f"{length:,}", limit=f"{self.limit:,}")
            self.setProperty("level", "")
        self.setText(text)
        self.style().unpolish(self)
        self.style().polish(self)
        self.show()


class LimitedLineEdit(QLineEdit):
    """A one-line field with the core's length limit and a note saying so as it is reached."""

    def __init__(self, limit: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaxLength(limit)
        self.note = LengthNote(limit)
        self.textChanged.connect(self._count)

    def _count(self, text: str) -> None:
        self.note.show_length(len(text))


class LongTextEdit(QPlainTextEdit):
    """Multi-line text with a counter; over-long text stays as typed (the core refuses it)."""

    changed = Signal()

    def __init__(self, limit: int, parent: QWidget | None = None, *, lines: int = 4) -> None:
        super().__init__(parent)
        self.limit = limit
        self.lines = lines
        self.note = LengthNote(limit)
        self.setTabChangesFocus(True)
        self.setMinimumHeight(self._height(min(lines, 2)))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.textChanged.connect(self._count)

    def _height(self, lines: int) -> int:
        margins = self.contentsMargins()
        frame = margins.top() + margins.bottom() + 2 * int(self.document().documentMargin())
        return self.fontMetrics().lineSpacing() * lines + frame + 4

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._height(self.lines))

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:
        self.setPlainText(text)

    def _count(self) -> None:
        self.note.show_length(len(self.toPlainText()))
        self.changed.emit()


def line_edit(limit: int, *, placeholder: str = "", text: str = "") -> LimitedLineEdit:
    edit = LimitedLineEdit(limit)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    if text:
        edit.setText(text)
    return edit


def long_text(limit: int, *, text: str = "", lines: int = 4) -> LongTextEdit:
    edit = LongTextEdit(limit, lines=lines)
    if text:
        edit.setPlainText(text)
    return edit
