"""The shape of every create/edit dialog (ARCHITECTURE rule 5: dialogs return drafts and write
nothing).

A dialog builds a draft from its fields. The caller hands it the use case to run
(``submit_with(fn)``); Save runs ``fn(draft)`` inside the dialog's accept, so that:
- a ``ValidationError`` marks the field it names, keeps the dialog open and the typing kept;
- a ``Conflict`` (the record changed since it was opened) offers to reload it;
- another known error is shown plainly and the dialog stays open;
- success announces the Changes on the desk (pages refresh) and emits ``saved(result)``.
Closing with unsaved typing asks first (``prompts.ask_discard``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from liaison.clock import today
from liaison.errors import Conflict, LiaisonError, ValidationError, ValidationErrors
from ui import prompts
from ui.desk import Desk
from ui.widgets.forms import Form
from ui.wording import error_text

Submit = Callable[[Any], Any]


def tr(text: str) -> str:
    return QCoreApplication.translate("dialogs", text)


class WheelGuard(QObject):
    """Keeps the mouse wheel from changing a choice the pointer merely passes over while a
    long form scrolls (a case's inland route changed that way, unseen): an unfocused combo box
    hands the wheel on to the form; once clicked or tabbed into, it takes it as usual."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Wheel
            and isinstance(watched, QWidget)
            and not watched.hasFocus()
        ):
            event.ignore()  # ignored: Qt offers it to the parents, so the form scrolls
            return True
        return False


def guard_wheel(root: QWidget, guard: WheelGuard) -> None:
    """Put ``guard`` on every choice and number box under ``root`` (once each)."""
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QComboBox | QAbstractSpinBox) and not widget.property("wheelGuarded"):
            widget.setProperty("wheelGuarded", True)
            # The default wheel focus would hand it the focus, and so the wheel, first.
            widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            widget.installEventFilter(guard)


class DraftDialog(QDialog):
    saved = Signal(object)  # what the use case returned, e.g. (record, Changes)

    def __init__(
        self,
        desk: Desk,
        parent: QWidget | None,
        title: str,
        *,
        save_text: str | None = None,
        scroll: bool = False,
    ) -> None:
        super().__init__(parent)
        self.desk = desk
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(520)
        self.wheel_guard = WheelGuard(self)
        self.form = Form()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(save_text or tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        # Enter in a multi-line field starts a new line: Ctrl+Enter (or Ctrl+S) saves from
        # anywhere in the form.
        for keys in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_S):
            shortcut = QShortcut(QKeySequence(Qt.KeyboardModifier.ControlModifier | keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self._save_shortcut)
        self.save_button.setToolTip(tr("Ctrl+Enter"))
        layout = QVBoxLayout(self)
        self.scroll_area: QScrollArea | None = None
        if scroll:
            area = self.scroll_area = QScrollArea()
            area.setWidgetResizable(True)
            area.setFrameShape(QScrollArea.Shape.NoFrame)
            # The area itself would otherwise take the focus first: typing went nowhere until
            # Tab. It still scrolls to whichever field the focus moves to.
            area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            area.setWidget(self.form)
            layout.addWidget(area, 1)
        else:
            layout.addWidget(self.form, 1)
        layout.addWidget(self.buttons)
        self._scroll = scroll
        self._submit: Submit | None = None
        self._reload: Callable[[], Any] | None = None
        self._initial: object = None
        self.result_value: Any = None

    @property
    def office(self) -> Any:
        return self.desk.office

    def today(self) -> Any:
        return today(self.desk.office.clock)

    # -- for subclasses -------------------------------------------------------------------------
    def draft(self) -> Any:
        """What the fields say, as the core's draft (typing kept as text)."""
        raise NotImplementedError

    def load(self, record: Any) -> None:
        """Fill the fields from a record (used for editing, and again after a reload)."""
        raise NotImplementedError

    def route_error(self, error: ValidationError) -> bool:
        """Claim an error the form's own fields cannot show (e.g. one about a list row)."""
        return False

    def refused(self, exc: ValidationError | ValidationErrors) -> None:
        """After a refusal has been shown: a subclass may say more or scroll to the trouble."""

    def ready(self) -> None:
        """Call when the fields are filled: what is there now counts as 'nothing typed'."""
        self._initial = self._snapshot()

    # -- for callers ----------------------------------------------------------------------------
    def submit_with(self, fn: Submit, *, reload: Callable[[], Any] | None = None) -> DraftDialog:
        self._submit = fn
        self._reload = reload
        return self

    def is_dirty(self) -> bool:
        return self._snapshot() != self._initial

    def _snapshot(self) -> object:
        try:
            return repr(self.draft())
        except (LiaisonError, ValueError):
            return object()  # half-typed and not yet a draft: certainly changed

    # -- Qt -------------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        # The button box is built before the fields, so it comes first in the focus chain: a
        # new dialog would open with the focus on Save and the first letters typed lost.
        focused = self.focusWidget()
        if focused is None or not self.form.isAncestorOf(focused):
            self.focus_first_field()
        guard_wheel(self.form, self.wheel_guard)
        super().showEvent(event)

    def focus_first_field(self) -> None:
        widget = self.form.nextInFocusChain()
        while widget is not None and widget is not self.form:
            if (
                self.form.isAncestorOf(widget)
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
                and widget.isEnabled()
                and widget.isVisibleTo(self)
            ):
                widget.setFocus(Qt.FocusReason.TabFocusReason)
                return
            widget = widget.nextInFocusChain()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        if not self._scroll:
            return hint
        # A scrolling form should still open showing all of itself when the screen allows.
        wanted = self.form.sizeHint().height() + self.buttons.sizeHint().height() + 48
        screen = self.screen().availableGeometry().height() if self.screen() else 800
        return QSize(max(hint.width(), 560), min(wanted, int(screen * 0.85)))

    def _save_shortcut(self) -> None:
        if self.save_button.isEnabled() and self.save_button.isVisible():
            self.save_button.click()

    def accept(self) -> None:
        if self._submit is None:
            raise RuntimeError("submit_with() was not called for this dialog")
        self.form.clear_errors()
        try:
            draft = self.draft()
            result = self._submit(draft)
        except (ValidationError, ValidationErrors) as exc:
            self.form.show_error(exc, self.route_error)
            self.refused(exc)
            return
        except Conflict as exc:
            self._conflict(exc)
            return
        except LiaisonError as exc:
            prompts.error(self, error_text(exc))
            return
        self.result_value = result
        self._initial = self._snapshot()
        self.desk.announce(result)
        self.saved.emit(result)
        super().accept()

    def reject(self) -> None:
        if self.is_dirty() and not prompts.ask_discard(self):
            return
        super().reject()

    def _conflict(self, exc: Conflict) -> None:
        if self._reload is None:
            prompts.error(self, error_text(exc))
            return
        question = tr(
            "Someone else changed this record after you opened it.\n\n"
            "Reload it to see their change? What you typed here will be replaced, "
            "and you can then make your change again."
        )
        if prompts.confirm(self, question, yes=tr("Reload")):
            try:
                record = self._reload()
            except LiaisonError as error:
                prompts.error(self, error_text(error))
                return
            self.load(record)
            self.ready()
