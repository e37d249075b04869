"""Working the desk from the keyboard, as found by using it in a real window: Enter signs in and
creates, a dialog opens with the focus in its first field, Tab goes through every field and on
(never round and round inside a date), Ctrl+Enter saves from a multi-line field, the mouse wheel
scrolls a long form without changing the choices it passes over, Escape closes a record window."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QWidget

from liaison import paths
from liaison.enums import InlandMode
from liaison.models import CaseDraft, ContainerDraft, ListQuery
from liaison.office import Office
from tests.conftest import ADMIN_PASSWORD
from tests.ui.conftest import Prompts
from ui.desk import Desk
from ui.dialogs.base import DraftDialog
from ui.dialogs.case import CaseDialog, create_case
from ui.dialogs.inquiry import InquiryDialog
from ui.dialogs.trader import TraderDialog
from ui.dialogs.work import note_dialog
from ui.records import open_record_window, open_windows
from ui.signin import SignInDialog
from ui.welcome import WelcomeDialog

ADMIN = {
    "username": "amina",
    "full_name": "Amina Uwase",
    "initials": "AU",
    "password": "kigali-2026!",
    "password_again": "kigali-2026!",
}


def shown(qtbot: Any, dialog: QWidget) -> QWidget:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return dialog


def tab_through(qtbot: Any, steps: int = 80) -> list[QWidget]:
    """Press Tab from the focused widget until the focus comes back to where it started."""
    start = QApplication.focusWidget()
    assert start is not None
    seen = [start]
    for _ in range(steps):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        if focused is start:
            return seen
        assert focused not in seen, f"Tab went round without leaving {focused!r}"
        seen.append(focused)
    raise AssertionError("Tab never came back to the first field")


def test_enter_in_the_password_field_signs_in(qtbot: Any, office: Office) -> None:
    dialog = SignInDialog(office)
    shown(qtbot, dialog)
    assert QApplication.focusWidget() is dialog.password
    qtbot.keyClicks(dialog.password, ADMIN_PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert office.actor.username == "admin"


def test_enter_in_the_new_office_form_creates_the_database(qtbot: Any) -> None:
    from liaison.clock import FixedClock
    from tests.conftest import NOW, fast_hasher

    target = paths.default_db_path()
    dialog = WelcomeDialog(target, clock=FixedClock(NOW), hasher=fast_hasher())
    shown(qtbot, dialog)
    dialog.create_button.setFocus()
    qtbot.keyClick(dialog.create_button, Qt.Key.Key_Return)  # the link, from the keyboard
    assert dialog.pages.currentIndex() == WelcomeDialog.CREATE
    for name, value in ADMIN.items():
        dialog.form.fields[name].setText(value)  # type: ignore[attr-defined]
    last = dialog.form.fields["password_again"]
    last.setFocus()
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.keyClick(last, Qt.Key.Key_Return)
    assert dialog.chosen_path == target and target.exists()


def test_a_new_dialog_opens_with_the_focus_in_its_first_field(qtbot: Any, desk: Desk) -> None:
    dialog = TraderDialog(desk, None)
    shown(qtbot, dialog)
    assert QApplication.focusWidget() is dialog.legal_name
    qtbot.keyClicks(QApplication.focusWidget(), "Umutoni Trading Ltd")
    assert dialog.legal_name.text() == "Umutoni Trading Ltd"


def test_tab_goes_through_every_field_of_the_inquiry_dialog_and_out_of_its_dates(
    qtbot: Any, desk: Desk
) -> None:
    dialog = InquiryDialog(desk, None)
    shown(qtbot, dialog)
    reached = tab_through(qtbot)
    for field in (dialog.received.edit, dialog.due.edit, dialog.description, dialog.save_button):
        assert field in reached
    assert reached.index(dialog.due.edit) < reached.index(dialog.description)


def test_tab_goes_through_the_case_form_and_its_containers_in_order(qtbot: Any, desk: Desk) -> None:
    dialog = CaseDialog(desk, None)
    shown(qtbot, dialog)
    row = dialog.add_container_row()
    qtbot.waitUntil(row.isVisible)  # a widget added to a shown layout shows a moment later
    reached = tab_through(qtbot)
    first, second = dialog.rows
    order = [
        dialog.eta.edit,
        dialog.opened.edit,
        first.field.number_edit,
        second.field.number_edit,
        dialog.add_row_button,
        dialog.save_button,
    ]
    assert [reached.index(w) for w in order] == sorted(reached.index(w) for w in order)


def test_another_container_row_takes_the_focus(qtbot: Any, desk: Desk) -> None:
    dialog = CaseDialog(desk, None)
    shown(qtbot, dialog)
    assert dialog.add_row_button is not None
    dialog.add_row_button.click()
    assert len(dialog.rows) == 2
    qtbot.waitUntil(lambda: dialog.rows[1].field.number_edit.hasFocus())


def test_ctrl_enter_saves_a_note_typed_in_a_multi_line_field(
    qtbot: Any, desk: Desk, trader: Any
) -> None:
    dialog = note_dialog(desk, None, trader.code)
    saved: list[Any] = []
    dialog.submit_with(lambda d: saved.append(d) or d)
    shown(qtbot, dialog)
    field = QApplication.focusWidget()
    assert field is not None
    qtbot.keyClicks(field, "Called the trader")
    qtbot.keyClick(field, Qt.Key.Key_Return)  # a new line, not a save
    assert not saved
    qtbot.keyClicks(field, "He brings the B/L tomorrow")
    qtbot.keyClick(field, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert len(saved) == 1 and "\n" in str(saved[0])


def wheel(widget: QWidget) -> None:
    position = QPointF(widget.rect().center())
    event = QWheelEvent(
        position,
        QPointF(widget.mapToGlobal(position.toPoint())),
        QPoint(0, 0),
        QPoint(0, -120),  # one notch towards the user: the next choice down
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_the_wheel_passing_over_a_choice_does_not_change_it(qtbot: Any, desk: Desk) -> None:
    dialog = CaseDialog(desk, None)
    shown(qtbot, dialog)
    before = dialog.mode.text_value()
    assert before == InlandMode.ROAD.value
    wheel(dialog.mode)
    assert dialog.mode.text_value() == before  # the form was being scrolled
    assert dialog.mode.focusPolicy() == Qt.FocusPolicy.StrongFocus
    box = dialog.rows[0].size_type  # a row added after the dialog was built
    wheel(box)
    assert box.currentText() == ""
    dialog.mode.setFocus()
    wheel(dialog.mode)
    assert dialog.mode.text_value() != before  # chosen on purpose: the wheel works


def test_escape_and_ctrl_w_close_a_record_window(qtbot: Any, desk: Desk, trader: Any) -> None:
    case, _ = desk.office.cases.create(
        CaseDraft(trader.id, "MAEU123456789"), [ContainerDraft("CSQU3054383")]
    )
    parent = QWidget()
    qtbot.addWidget(parent)
    for key, modifier in (
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_F4, Qt.KeyboardModifier.ControlModifier),
    ):
        window = open_record_window(desk, "cases", case.id, parent)
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        qtbot.keyClick(QApplication.focusWidget() or window, key, modifier)
        qtbot.waitUntil(lambda: not open_windows(desk).windows)  # closed, and gone


def test_a_case_opened_from_the_keyboard_only(
    qtbot: Any, desk: Desk, trader: Any, answers: Prompts
) -> None:
    """Type, Tab and Enter: what an officer does at the counter."""
    dialog = CaseDialog(desk, None, trader=trader)
    dialog.submit_with(lambda new: create_case(desk.office, new))
    shown(qtbot, dialog)
    assert QApplication.focusWidget() is dialog.bl
    qtbot.keyClicks(dialog.bl, "MEDUKG123456")
    number = dialog.rows[0].field.number_edit
    number.setFocus()
    qtbot.keyClicks(number, "MSCU 123456 6")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        qtbot.keyClick(number, Qt.Key.Key_Return)
    assert desk.office.cases.count(ListQuery()) == 1


def test_every_draft_dialog_starts_in_a_field_not_on_a_button(qtbot: Any, desk: Desk) -> None:
    for dialog in (
        TraderDialog(desk, None),
        InquiryDialog(desk, None),
        CaseDialog(desk, None),
        note_dialog(desk, None, "TRD-000001"),
    ):
        shown(qtbot, dialog)
        focused = QApplication.focusWidget()
        assert isinstance(dialog, DraftDialog)
        assert focused is not None and dialog.form.isAncestorOf(focused), type(dialog).__name__
        dialog.hide()
