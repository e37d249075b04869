"""Today: each section of the agenda, coloured by urgency; records open from it; "mine only";
it reloads when something changes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt

from liaison.clock import FixedClock
from liaison.enums import Entity
from liaison.models import (
    CaseDraft,
    Changes,
    ContainerDraft,
    FollowUpDraft,
    InquiryDraft,
    MilestoneDraft,
    StaffDraft,
    Trader,
)
from liaison.office import Office
from liaison.rules.clocks import Urgency
from ui.desk import Desk
from ui.models.look import OVERDUE, URGENCY_COLOURS
from ui.pages.today import TodayPage

TODAY = dt.date(2026, 11, 28)


@pytest.fixture
def page(qtbot: Any, desk: Desk) -> TodayPage:
    today = TodayPage(desk)
    qtbot.addWidget(today)
    with qtbot.waitExposed(today):
        today.show()
    return today


def rows(page: TodayPage, key: str) -> list[Any]:
    return page.sections[key].model.records()


def test_an_empty_office_has_nothing_to_do(page: TodayPage) -> None:
    assert page.total() == 0
    assert not page.all_clear.isHidden()
    for section in page.sections.values():
        assert section.view.isHidden() and not section.empty.isHidden()


def test_a_follow_up_scheduled_through_the_service_shows_on_today(
    qtbot: Any, page: TodayPage, desk: Desk, office: Office, trader: Trader, clock: FixedClock
) -> None:
    with qtbot.waitSignal(page.count_changed) as counted:
        desk.announce(
            office.followups.create(
                FollowUpDraft("Call about the seal", TODAY, trader_id=trader.id)
            )
        )
    assert counted.args == [1]
    [item] = rows(page, "due_today_followups")
    assert item.title == "Call about the seal" and item.trader_id == trader.id
    assert page.sections["due_today_followups"].heading.text().endswith("(1)")
    assert page.all_clear.isHidden()

    clock.advance(days=2)  # two days later it is overdue, and red
    page.refresh()
    assert rows(page, "due_today_followups") == []
    [late] = rows(page, "overdue_followups")
    model = page.sections["overdue_followups"].model
    assert model.data(model.index(0, 1)) == "2 days late"
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ForegroundRole) == OVERDUE.foreground
    with qtbot.waitSignal(desk.open_record) as opened:
        page.sections["overdue_followups"].view.activated.emit(model.index(0, 2))
    assert opened.args == ["followups", late.record_id]


def discharged_box(office: Office, trader: Trader, number: str, days_ago: int) -> int:
    case, _ = office.cases.create(
        CaseDraft(trader.id, f"MAEU{days_ago:09d}"), [ContainerDraft(number)]
    )
    office.tracking.record_milestone(
        case.id, MilestoneDraft("DISCHARGED", TODAY - dt.timedelta(days=days_ago))
    )
    return office.tracking.containers(case.id)[0].id


def test_containers_near_free_storage_end_and_past_auction_threshold(
    qtbot: Any, page: TodayPage, desk: Desk, office: Office, trader: Trader, qtmodeltester: Any
) -> None:
    expiring = discharged_box(office, trader, "CSQU3054383", 7)  # 9 free days: 1 day left
    auction = discharged_box(office, trader, "MSKU1234565", 25)  # 21-day threshold passed
    discharged_box(office, trader, "TGHU0000008", 1)  # 7 days left: not yet a worry
    desk.announce(Changes.of(Entity.CONTAINERS))
    [soon] = rows(page, "storage_expiring")
    [late] = rows(page, "auction_risk")
    assert (soon.record_id, soon.days) == (expiring, -1)
    assert late.record_id == auction
    storage = page.sections["storage_expiring"].model
    assert storage.data(storage.index(0, 0)) == "CSQU 305438 3"
    assert storage.data(storage.index(0, 4)) == "1 day left"
    assert storage.data(storage.index(0, 0), Qt.ItemDataRole.BackgroundRole) == (
        URGENCY_COLOURS[Urgency.SOON].background
    )
    risk = page.sections["auction_risk"].model
    assert risk.data(risk.index(0, 0), Qt.ItemDataRole.BackgroundRole) == (
        URGENCY_COLOURS[Urgency.AUCTION].background
    )
    qtmodeltester.check(storage)
    qtmodeltester.check(risk)
    view = page.sections["storage_expiring"].view
    view.setFocus()
    view.setCurrentIndex(storage.index(0, 0))
    with qtbot.waitSignal(desk.open_record) as opened:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert opened.args == ["containers", expiring]


def test_new_inquiries_and_mine_only(
    qtbot: Any, page: TodayPage, desk: Desk, office: Office, trader: Trader
) -> None:
    colleague, _ = office.staff.create(
        StaffDraft("eric", "Eric Habimana", "EH", "officer", "pass-word-1")
    )
    desk.announce(
        office.inquiries.create(InquiryDraft(trader.id, "Mine", assigned_to=office.actor.id))
    )
    desk.announce(
        office.inquiries.create(InquiryDraft(trader.id, "Eric's", assigned_to=colleague.id))
    )
    desk.announce(office.inquiries.create(InquiryDraft(trader.id, "Nobody's")))
    assert [i.title for i in rows(page, "unanswered_inquiries")] == ["Mine", "Eric's", "Nobody's"]
    page.mine.setChecked(True)
    assert [i.title for i in rows(page, "unanswered_inquiries")] == ["Mine", "Nobody's"]
    settings = QSettings()
    page.save_state(settings)
    again = TodayPage(desk)
    qtbot.addWidget(again)
    again.restore_state(settings)
    assert again.mine.isChecked()


def test_only_relevant_changes_reload(qtbot: Any, page: TodayPage, desk: Desk) -> None:
    with qtbot.assertNotEmitted(page.count_changed):
        desk.data_changed.emit(Changes.of(Entity.STAFF))
    with qtbot.waitSignal(page.count_changed):
        desk.data_changed.emit(Changes.of(Entity.FOLLOWUPS))
