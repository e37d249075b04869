"""Logging an inquiry and moving it through its states in its window: only the moves the core
allows are offered, resolving asks for the resolution, and the clock pauses while waiting."""

from __future__ import annotations

from typing import Any

import pytest

from liaison.enums import InquiryStatus
from liaison.models import CaseDraft, InquiryDraft
from liaison.rules.transitions import INQUIRY_TRANSITIONS
from tests.ui.shots import shot
from ui.desk import Desk
from ui.dialogs.inquiry import TransitionDialog
from ui.pages.inquiries import InquiriesPage
from ui.records import open_record_window
from ui.records.inquiry import InquiryWindow

IS = InquiryStatus


def open_inquiry(qtbot: Any, desk: Desk, inquiry_id: int) -> InquiryWindow:
    window = open_record_window(desk, "inquiries", inquiry_id, None)
    qtbot.addWidget(window)
    assert isinstance(window, InquiryWindow)
    return window


def offered(window: InquiryWindow) -> set[InquiryStatus]:
    return set(window.status_buttons)


def test_log_an_inquiry_from_the_page(qtbot: Any, desk: Desk, trader: Any, answers: Any) -> None:
    page = InquiriesPage(desk)
    qtbot.addWidget(page)
    dialog = page.new_record()
    dialog.save_button.click()  # nothing chosen, nothing typed
    assert set(dialog.form.messages()) == {"trader_id", "subject"}
    assert dialog.trader_picker is not None
    qtbot.keyClicks(dialog.trader_picker.edit, "kigali hard")
    dialog.trader_picker.search_now()
    dialog.trader_picker.choose_row(0)
    assert dialog.trader_picker.trader_id() == trader.id
    qtbot.keyClicks(dialog.subject, "Storage charges on MAEU shipment")
    dialog.priority.set_value("urgent")
    with qtbot.waitSignal(desk.open_record) as opened:
        dialog.save_button.click()
    assert opened.args[0] == "inquiries"
    inquiry = desk.office.inquiries.get(opened.args[1])
    assert inquiry.subject == "Storage charges on MAEU shipment"
    assert inquiry.priority.value == "urgent" and inquiry.status is IS.NEW
    assert page.model.total == 1


def test_move_an_inquiry_through_its_states(
    qtbot: Any, desk: Desk, trader: Any, answers: Any
) -> None:
    inquiry, _ = desk.office.inquiries.create(InquiryDraft(trader.id, "Where is my container?"))
    window = open_inquiry(qtbot, desk, inquiry.id)
    assert offered(window) == set(INQUIRY_TRANSITIONS[IS.NEW])
    assert window.header.text("status") == "New"

    window.status_buttons[IS.AWAITING_EXTERNAL].click()
    assert desk.office.inquiries.get(inquiry.id).status is IS.AWAITING_EXTERNAL
    assert offered(window) == set(INQUIRY_TRANSITIONS[IS.AWAITING_EXTERNAL])
    assert "paused since 28/11/2026" in window.header.text("due")

    window.status_buttons[IS.OPEN].click()
    assert offered(window) == {IS.AWAITING_TRADER, IS.AWAITING_EXTERNAL, IS.RESOLVED}
    assert IS.CLOSED not in window.status_buttons  # cannot close what is not resolved

    window.status_buttons[IS.RESOLVED].click()
    dialog = window.findChild(TransitionDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.save_button.click()  # resolving without saying how is refused
    assert dialog.form.messages() == {"resolution": "Say how the inquiry was resolved."}
    assert desk.office.inquiries.get(inquiry.id).status is IS.OPEN
    dialog.resolution.setPlainText("Container located at ICD Nairobi; trader informed.")
    dialog.note.setPlainText("Phoned the trader at 10:15.")
    dialog.save_button.click()
    resolved = desk.office.inquiries.get(inquiry.id)
    assert resolved.status is IS.RESOLVED
    assert resolved.resolution == "Container located at ICD Nairobi; trader informed."
    assert offered(window) == {IS.OPEN, IS.CLOSED}
    assert window.notes.table.model.rowCount() == 1  # the note came with the move
    qtbot.wait(20)
    shot(window, "inquiry_resolved")

    window.status_buttons[IS.CLOSED].click()
    assert offered(window) == set()  # closed is final
    assert not window.edit_button.isEnabled()


def test_link_an_inquiry_to_a_case(qtbot: Any, desk: Desk, trader: Any, answers: Any) -> None:
    case, _ = desk.office.cases.create(CaseDraft(trader.id, "MEDU7X123456"))
    inquiry, _ = desk.office.inquiries.create(InquiryDraft(trader.id, "Delivery order?"))
    window = open_inquiry(qtbot, desk, inquiry.id)
    assert not window.case_button.isEnabled()
    dialog = window.link_case()
    dialog.case.set_value(case.id)
    dialog.save_button.click()
    assert desk.office.inquiries.get(inquiry.id).case_id == case.id
    assert window.header.text("case") == case.ref
    with qtbot.waitSignal(desk.open_record) as opened:
        window.case_button.click()
    assert opened.args == ["cases", case.id]


def test_refer_an_inquiry_and_record_the_answer(
    qtbot: Any, desk: Desk, trader: Any, answers: Any
) -> None:
    party, _ = desk.office.lookups.add_party("KPA Container Operations", "kpa_desk")
    inquiry, _ = desk.office.inquiries.create(InquiryDraft(trader.id, "Waiver request"))
    window = open_inquiry(qtbot, desk, inquiry.id)
    window.tabs.setCurrentWidget(window.referrals)
    dialog = window.referrals.refer()
    dialog.save_button.click()
    assert "party_id" in dialog.form.messages()
    dialog.party.set_value(party.id)
    qtbot.keyClicks(dialog.reference, "KPA/CO/2026/118")
    dialog.save_button.click()
    assert window.referrals.model.rowCount() == 1
    window.referrals.view.selectRow(0)
    response = window.referrals.record_response()
    response.status.set_value("ANSWERED")
    response.save_button.click()
    assert "summary" in response.form.messages()
    response.summary.setPlainText("Waiver of 50% granted for 10 days.")
    response.save_button.click()
    referral = desk.office.referrals.for_owner(inquiry_id=inquiry.id)[0]
    assert referral.status.value == "ANSWERED"
    assert referral.response_summary == "Waiver of 50% granted for 10 days."
    window.referrals.view.selectRow(0)
    assert not window.referrals.response_button.isEnabled()  # answered is final


@pytest.mark.parametrize("target", [IS.OPEN, IS.AWAITING_TRADER])
def test_a_stale_status_move_is_refused_plainly(
    qtbot: Any, desk: Desk, trader: Any, answers: Any, target: InquiryStatus
) -> None:
    inquiry, _ = desk.office.inquiries.create(InquiryDraft(trader.id, "Quote for storage"))
    window = open_inquiry(qtbot, desk, inquiry.id)
    desk.office.inquiries.transition(inquiry.id, "AWAITING_EXTERNAL", inquiry.version)
    window.status_buttons[target].click()  # the window still shows the old version
    assert answers.errors and "Someone else changed this record" in answers.errors[0]
    assert desk.office.inquiries.get(inquiry.id).status is IS.AWAITING_EXTERNAL


def test_refer_to_a_party_the_office_has_not_dealt_with_before(
    qtbot: Any, desk: Desk, trader: Any, answers: Any
) -> None:
    inquiry, _ = desk.office.inquiries.create(InquiryDraft(trader.id, "Transit bond query"))
    window = open_inquiry(qtbot, desk, inquiry.id)
    dialog = window.referrals.refer()
    party = dialog.new_party()
    party.name.setText("Bolloré Transit Busia")  # (key clicks are ASCII only)
    party.kind.set_value("transporter")
    qtbot.keyClicks(party.phone, "0788 000")
    party.save_button.click()
    assert party.form.messages().keys() == {"phone"}
    party.phone.clear()
    party.save_button.click()
    assert dialog.party.currentText() == "Bolloré Transit Busia (Transporter)"
    dialog.save_button.click()
    referral = desk.office.referrals.for_owner(inquiry_id=inquiry.id)[0]
    assert referral.party_name == "Bolloré Transit Busia"
