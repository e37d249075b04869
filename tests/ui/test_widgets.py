"""Input widgets: day-first dates that may stay empty, stated length limits, the live container
check, the form's marking of refused fields, and the small models' sorting."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton

from liaison.errors import ValidationError, ValidationErrors
from liaison.models import AuditEntry
from ui.models.details import history_columns
from ui.models.small import RecordListModel
from ui.widgets.container import ContainerNumberField
from ui.widgets.dates import DateField
from ui.widgets.forms import Form, with_button
from ui.widgets.text import LongTextEdit, line_edit


def test_an_untouched_date_stays_empty(qtbot: Any) -> None:
    field = DateField(today=dt.date(2026, 11, 28))
    qtbot.addWidget(field)
    assert field.text() == "" and field.date() is None and field.is_valid()


def test_dates_are_typed_and_shown_day_first(qtbot: Any) -> None:
    field = DateField(today=dt.date(2026, 11, 28))
    qtbot.addWidget(field)
    qtbot.keyClicks(field.edit, "3.2.2026")
    field.edit.editingFinished.emit()
    assert field.date() == dt.date(2026, 2, 3)  # 3 February, not 2 March
    assert field.edit.text() == "03/02/2026"
    field.set_today()
    assert field.text() == "28/11/2026"
    field.set_date(None)
    assert field.text() == ""


def test_a_wrong_date_is_kept_as_typed_for_the_core_to_refuse(qtbot: Any) -> None:
    field = DateField()
    qtbot.addWidget(field)
    qtbot.keyClicks(field.edit, "30/02/2026")
    field.edit.editingFinished.emit()
    assert field.text() == "30/02/2026"
    assert field.date() is None and not field.is_valid()


def test_picking_on_the_calendar_fills_the_field(qtbot: Any) -> None:
    from PySide6.QtCore import QDate

    field = DateField(today=dt.date(2026, 11, 28))
    qtbot.addWidget(field)
    field.calendar.clicked.emit(QDate(2026, 12, 24))
    assert field.date() == dt.date(2026, 12, 24)


def test_a_line_field_states_its_limit_when_reached(qtbot: Any) -> None:
    edit = line_edit(10)
    qtbot.addWidget(edit)
    assert edit.maxLength() == 10
    qtbot.keyClicks(edit, "abcdefgh")
    assert "8 / 10" in edit.note.text()
    edit.setText("x" * 40)  # a paste of too much is cut by QLineEdit …
    assert edit.text() == "x" * 10
    assert not edit.note.isHidden()  # … and the note says so instead of staying silent
    assert "limit" in edit.note.text()


def test_long_text_is_never_cut_and_is_counted(qtbot: Any) -> None:
    edit = LongTextEdit(20_000)
    qtbot.addWidget(edit)
    text = "é" * 40_000  # past QLineEdit's 32,767 too
    edit.setPlainText(text)
    assert edit.text() == text
    assert "20,000 too many" in edit.note.text()


def test_the_container_field_checks_iso_6346_as_typed(qtbot: Any) -> None:
    field = ContainerNumberField()
    qtbot.addWidget(field)
    field.show()
    qtbot.keyClicks(field.number_edit, "tex")
    assert "3 of 11" in field.status.text()
    assert field.override_edit.isHidden()
    qtbot.keyClicks(field.number_edit, "u 307007 0")
    assert field.number_edit.text() == "TEXU 307007 0"  # upper-cased as typed
    assert "should be 9" in field.status.text()
    assert not field.override_edit.isHidden()  # a reason is offered only now
    field.number_edit.backspace()
    qtbot.keyClicks(field.number_edit, "9")
    assert "correct" in field.status.text()
    assert field.override_edit.isHidden()
    assert field.reason() == ""


def test_the_form_marks_the_named_field_and_keeps_the_typing(qtbot: Any) -> None:
    form = Form()
    qtbot.addWidget(form)
    tin = form.add("tin", "TIN", QLineEdit())
    name = form.add("legal_name", "Legal name", QLineEdit())
    assert isinstance(tin, QLineEdit) and isinstance(name, QLineEdit)
    tin.setText("12345")
    form.show_error(
        ValidationErrors(
            [
                ValidationError("tin", "A Rwanda TIN is exactly 9 digits."),
                ValidationError("legal_name", "This field is required."),
            ]
        )
    )
    assert form.messages() == {
        "tin": "A Rwanda TIN is exactly 9 digits.",
        "legal_name": "This field is required.",
    }
    assert tin.property("invalid") is True and tin.text() == "12345"
    assert "TIN: A Rwanda TIN" in form.banner.text()
    assert form.rows["tin"].error.textFormat() == Qt.TextFormat.PlainText
    qtbot.keyClicks(tin, "6")  # editing a marked field clears its mark
    assert tin.property("invalid") is False
    assert list(form.messages()) == ["legal_name"]


def test_an_error_for_a_field_the_form_lacks_still_shows(qtbot: Any) -> None:
    form = Form()
    qtbot.addWidget(form)
    form.add("tin", "TIN", QLineEdit())
    form.show_error(ValidationError("sort", "Cannot sort by that."))
    assert form.messages() == {}
    assert "Cannot sort by that." in form.banner.text()
    assert not form.banner.isHidden()


def test_a_field_with_a_button_beside_it_takes_the_width(qtbot: Any) -> None:
    field, button = QLineEdit(), QPushButton("Change…")
    holder = with_button(field, button)
    qtbot.addWidget(holder)
    holder.resize(500, 40)
    with qtbot.waitExposed(holder):
        holder.show()
    assert field.parentWidget() is holder and button.parentWidget() is holder
    assert field.x() == 0 and button.geometry().right() == holder.width() - 1  # no margins
    assert field.x() + field.width() <= button.x()  # the button after the field
    assert field.width() > holder.width() - button.width() - 20  # the field takes the rest


def test_small_models_sort_in_memory(qtmodeltester: Any) -> None:
    entries = [
        AuditEntry(
            i, f"2026-11-2{i}T08:00:00Z", 1, name, "cases", 1, "update", "eta", None, None, "CASE-1"
        )
        for i, name in ((3, "Bea"), (1, "Ana"), (2, "Cy"))
    ]
    model = RecordListModel(history_columns(), entries)
    qtmodeltester.check(model)
    model.sort(1, Qt.SortOrder.AscendingOrder)
    assert [model.index(r, 1).data() for r in range(3)] == ["Ana", "Bea", "Cy"]
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert [model.record(r).id for r in range(3)] == [3, 2, 1]
    qtmodeltester.check(model)
