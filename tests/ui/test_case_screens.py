"""Opening a case with its containers, adding a box, recording milestones and watching the
stage and clocks change in the case window, voiding a milestone, the documents checklist."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt

from liaison.enums import DocStatus
from liaison.models import CaseDraft, ContainerDraft, ListQuery
from liaison.rules.clocks import Urgency
from tests.ui.shots import shot
from ui.desk import Desk
from ui.dialogs.case import CaseDialog
from ui.pages.cases import CasesPage
from ui.records import open_record_window
from ui.records.case import CaseWindow

GOOD = "CSQU3054383"
WRONG = "TEXU3070070"  # ISO 6346 gives 9


def open_case(qtbot: Any, desk: Desk, case_id: int) -> CaseWindow:
    window = open_record_window(desk, "cases", case_id, None)
    qtbot.addWidget(window)
    assert isinstance(window, CaseWindow)
    return window


def test_open_a_case_a_wrong_check_digit_refuses_it_and_marks_the_box(
    qtbot: Any, desk: Desk, trader: Any, answers: Any
) -> None:
    page = CasesPage(desk)
    qtbot.addWidget(page)
    dialog = page.new_record()
    assert isinstance(dialog, CaseDialog) and dialog.trader_picker is not None
    dialog.trader_picker.set_trader(trader.id, trader.legal_name)
    qtbot.keyClicks(dialog.bl, "maeu 123456789")
    first = dialog.rows[0]
    qtbot.keyClicks(first.field.number_edit, GOOD)
    second = dialog.add_container_row()
    qtbot.keyClicks(second.field.number_edit, WRONG)
    assert "should be 9" in second.field.status.text()
    dialog.save_button.click()

    assert dialog.isVisible()
    assert second.marked and not first.marked
    assert second.field.number_edit.property("invalid") is True
    assert "Check digit 0 is wrong" in second.error.text()
    assert dialog.form.banner.text().startswith("Container 2: Check digit 0 is wrong")
    assert second.field.number_edit.text() == WRONG  # typing kept
    assert desk.office.cases.count(ListQuery()) == 0  # all or nothing: no case either
    qtbot.wait(20)
    shot(dialog, "case_dialog_refused")

    qtbot.keyClicks(second.field.override_edit, "Painted so on the box; KPA confirmed")
    with qtbot.waitSignal(desk.open_record) as opened:
        dialog.save_button.click()
    case = desk.office.cases.get(opened.args[1])
    assert case.bl_number == "MAEU 123456789" and case.container_count == 2
    assert case.eta is None  # an untouched optional date stays empty
    assert case.opened_on == dt.date(2026, 11, 28)  # left empty: today
    boxes = desk.office.tracking.containers(case.id)
    assert [b.number for b in boxes] == [GOOD, WRONG]
    assert boxes[1].check_digit_override == "Painted so on the box; KPA confirmed"
    assert page.model.total == 1


def test_add_a_container_in_the_case_window(
    qtbot: Any, desk: Desk, trader: Any, answers: Any
) -> None:
    case, _ = desk.office.cases.create(CaseDraft(trader.id, "MEDU7X123456"))
    window = open_case(qtbot, desk, case.id)
    assert window.containers.model.rowCount() == 0
    dialog = window.containers.add_container()
    qtbot.keyClicks(dialog.number.number_edit, "TEXU 307007 0")
    dialog.save_button.click()
    assert dialog.form.messages().keys() == {"number"}
    assert dialog.number.number_edit.property("invalid") is True
    assert dialog.number.number_edit.text() == "TEXU 307007 0"
    dialog.number.number_edit.backspace()
    qtbot.keyClicks(dialog.number.number_edit, "9")
    dialog.size_type.setCurrentText("45G1")
    dialog.save_button.click()
    assert not dialog.isVisible()
    assert window.containers.model.rowCount() == 1
    assert window.containers.model.index(0, 0).data() == "TEXU 307007 9"
    assert window.tabs.tabText(0) == "Containers (1)"


def test_milestones_move_the_stage_and_the_clocks(
    qtbot: Any, desk: Desk, trader: Any, answers: Any
) -> None:
    case, _ = desk.office.cases.create(
        CaseDraft(trader.id, "MAEU123456789"), [ContainerDraft(GOOD), ContainerDraft("MSKU6011672")]
    )
    window = open_case(qtbot, desk, case.id)
    assert window.header.text("stage") == "No milestone yet"
    assert "not discharged" in window.header.text("clocks")

    # Discharged 10 days ago (today is 28/11/2026): the 9 free days are over.
    dialog = window.record_milestone()
    dialog.code.set_value("DISCHARGED")
    dialog.save_button.click()
    assert dialog.form.messages() == {"occurred_on": "A date is required."}
    dialog.occurred.edit.setText("18/11/2026")
    dialog.save_button.click()
    assert not dialog.isVisible()
    assert window.header.text("stage").startswith("Discharged (18/11/2026)")
    assert "ended" in window.header.text("clocks")
    chip = window.header.values["clocks"]
    assert chip.property("urgency") == int(Urgency.EXPIRED)
    kpa = window.containers.model.column_of("kpa_free_until")
    cell = window.containers.model.index(0, kpa)
    assert cell.data() == "26/11/2026"
    assert cell.data(Qt.ItemDataRole.BackgroundRole).name() == "#f8b4b4"

    # One box leaves custody: its clock stops; the other's still runs.
    window.tabs.setCurrentWidget(window.containers)
    window.containers.view.selectRow(0)
    dialog = window.containers.record_for_selected()
    assert dialog.chosen_ids() == (window.containers.model.record(0).id,)
    dialog.code.set_value("LOADED_TRUCK")
    dialog.occurred.edit.setText("27/11/2026")
    dialog.save_button.click()
    row0 = window.containers.model.record(0)
    assert row0.left_custody_on == dt.date(2026, 11, 27)
    assert window.containers.model.index(0, kpa).data(Qt.ItemDataRole.BackgroundRole) is None
    assert window.containers.model.index(1, kpa).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert window.header.text("stage").startswith("Discharged")  # the slowest box counts
    assert window.milestones.model.rowCount() == 2
    qtbot.wait(20)
    shot(window, "case_after_milestones")

    # A wrong milestone is voided with a reason: the stage and clock go back.
    window.tabs.setCurrentWidget(window.milestones)
    window.milestones.view.selectRow(1)
    void = window.milestones.void()
    void.save_button.click()
    assert "void_reason" in void.form.messages()
    void.text.setPlainText("Recorded against the wrong box.")
    void.save_button.click()
    assert window.milestones.model.rowCount() == 1
    assert window.containers.model.record(0).left_custody_on is None
    window.milestones.show_void.setChecked(True)
    assert window.milestones.model.rowCount() == 2
    assert window.milestones.model.index(1, 2).data() == "Loaded on truck (void)"


def test_the_documents_checklist(qtbot: Any, desk: Desk, trader: Any, answers: Any) -> None:
    case, _ = desk.office.cases.create(CaseDraft(trader.id, "CMDU ABC1234567"))
    window = open_case(qtbot, desk, case.id)
    window.tabs.setCurrentWidget(window.documents)
    docs = window.documents
    assert docs.model.rowCount() == 5
    assert window.tabs.tabText(window.tabs.indexOf(docs)) == "Documents (5)"
    docs.view.selectRow(0)
    docs.status_buttons[DocStatus.RECEIVED].click()
    first = desk.office.tracking.documents(case.id)[0]
    assert first.status.value == "received" and first.received_on == dt.date(2026, 11, 28)
    assert window.tabs.tabText(window.tabs.indexOf(docs)) == "Documents (4)"
    docs.view.selectRow(0)
    assert not docs.status_buttons[first.status].isEnabled()  # already received
    qtbot.wait(20)
    shot(window, "case_documents")


def test_case_status_moves_offer_only_what_the_rules_allow(
    qtbot: Any, desk: Desk, trader: Any, answers: Any
) -> None:
    case, _ = desk.office.cases.create(CaseDraft(trader.id, "MAEU987654321"))
    window = open_case(qtbot, desk, case.id)
    texts = [b.text() for b in window.status_buttons]
    assert texts == ["Put on hold", "Complete", "Cancel case"]
    window.status_buttons[0].click()
    assert desk.office.cases.get(case.id).status.value == "ON_HOLD"
    assert [b.text() for b in window.status_buttons] == ["Resume", "Complete", "Cancel case"]
    assert window.header.text("status") == "On hold"


def test_a_container_opens_its_case_with_the_box_selected(
    qtbot: Any, desk: Desk, trader: Any
) -> None:
    case, _ = desk.office.cases.create(
        CaseDraft(trader.id, "MAEU111222333"), [ContainerDraft(GOOD), ContainerDraft("MSKU6011672")]
    )
    second = desk.office.tracking.containers(case.id)[1]
    window = open_record_window(desk, "containers", second.id, None)
    qtbot.addWidget(window)
    assert isinstance(window, CaseWindow) and window.record_id == case.id
    assert window.tabs.currentWidget() is window.containers
    assert window.containers.selected().id == second.id
    assert open_record_window(desk, "cases", case.id, None) is window
