"""Record windows: one per record, reopened where it was left, each reloading only the parts a
change names; kinds that have no window of their own open their owner's."""

from __future__ import annotations

from typing import Any

import pytest

from liaison.enums import Entity
from liaison.errors import NotFound
from liaison.models import CaseDraft, Changes, ContainerDraft, InquiryDraft, ReferralDraft
from tests.ui.shots import shot
from ui.desk import Desk
from ui.records import open_record_window
from ui.records.case import CaseWindow
from ui.records.inquiry import InquiryWindow


@pytest.fixture
def case(desk: Desk, trader: Any) -> Any:
    record, _ = desk.office.cases.create(
        CaseDraft(trader.id, "MAEU123456789"), [ContainerDraft("CSQU3054383")]
    )
    return record


def counting(monkeypatch: pytest.MonkeyPatch, obj: Any, name: str) -> list[int]:
    calls: list[int] = []
    real = getattr(obj, name)

    def spy(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(obj, name, spy)
    return calls


def test_a_window_reloads_only_what_a_change_names(
    qtbot: Any, desk: Desk, case: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_record_window(desk, "cases", case.id, None)
    qtbot.addWidget(window)
    boxes = counting(monkeypatch, desk.office.tracking, "containers")
    notes = counting(monkeypatch, desk.office.notes, "for_owner")
    header = counting(monkeypatch, desk.office.cases, "get")

    desk.data_changed.emit(Changes.of(Entity.NOTES))
    assert (len(boxes), len(notes), len(header)) == (0, 1, 0)
    desk.data_changed.emit(Changes.of(Entity.CASES, ids=((Entity.CASES, case.id + 1),)))
    assert len(header) == 0  # another case changed, not this one
    desk.data_changed.emit(Changes.of(Entity.CASES, ids=((Entity.CASES, case.id),)))
    assert len(header) == 1 and len(boxes) == 0
    desk.data_changed.emit(Changes.of(Entity.MILESTONES, Entity.CONTAINERS))
    assert len(boxes) == 1 and len(header) == 2  # new clocks: the header's summary too
    assert len(notes) == 1


def test_a_window_opens_again_where_it_was_left(qtbot: Any, desk: Desk, case: Any) -> None:
    window = open_record_window(desk, "cases", case.id, None)
    window.setGeometry(40, 30, 700, 500)  # (the test screen is 800 × 600)
    assert window.close()
    qtbot.wait(10)  # the closed window is deleted
    again = open_record_window(desk, "cases", case.id, None)
    qtbot.addWidget(again)
    assert again is not window
    assert (again.width(), again.height()) == (700, 500)


def test_a_referral_opens_the_inquiry_it_belongs_to(qtbot: Any, desk: Desk, trader: Any) -> None:
    party, _ = desk.office.lookups.add_party("Rwanda Revenue Authority", "rra")
    inquiry, _ = desk.office.inquiries.create(InquiryDraft(trader.id, "Tax query"))
    referral, _ = desk.office.referrals.refer(ReferralDraft(party.id), inquiry_id=inquiry.id)
    window = open_record_window(desk, "referrals", referral.id, None)
    qtbot.addWidget(window)
    assert isinstance(window, InquiryWindow) and window.record_id == inquiry.id
    assert window.tabs.currentWidget() is window.referrals
    assert window.referrals.selected().id == referral.id


def test_unknown_records_are_a_known_error(desk: Desk) -> None:
    with pytest.raises(NotFound):
        open_record_window(desk, "cases", 999, None)
    with pytest.raises(NotFound):
        open_record_window(desk, "letters", 1, None)
    with pytest.raises(NotFound):
        open_record_window(desk, "nonsense", 1, None)


def test_windows_of_two_records_are_two_windows(
    qtbot: Any, desk: Desk, trader: Any, case: Any
) -> None:
    other, _ = desk.office.cases.create(CaseDraft(trader.id, "MAEU000000001"))
    first = open_record_window(desk, "cases", case.id, None)
    second = open_record_window(desk, "cases", other.id, None)
    qtbot.addWidget(first)
    qtbot.addWidget(second)
    assert isinstance(first, CaseWindow) and isinstance(second, CaseWindow)
    assert first is not second
    assert first.windowTitle() == f"{case.ref} — case"


def test_closing_a_window_with_a_half_typed_dialog_asks_first(
    qtbot: Any, desk: Desk, case: Any, answers: Any
) -> None:
    window = open_record_window(desk, "cases", case.id, None)  # (closed by the test itself)
    dialog = window.notes.add_note()  # type: ignore[attr-defined]
    dialog.text.setPlainText("Agent says the DO is ready")
    answers.answer = False  # keep editing
    assert not window.close()
    assert answers.discards == 1 and window.isVisible() and dialog.isVisible()
    answers.answer = True
    assert window.close()


def test_each_record_window_has_its_letters(qtbot: Any, desk: Desk, case: Any) -> None:
    window = open_record_window(desk, "cases", case.id, None)
    qtbot.addWidget(window)
    assert isinstance(window, CaseWindow)
    index = window.tabs.indexOf(window.letters)
    assert window.tabs.tabText(index) == "Letters"
    assert window.letters.owner["case_id"] == case.id
    window.tabs.setCurrentIndex(index)
    qtbot.wait(10)
    shot(window, "case_letters_tab")
