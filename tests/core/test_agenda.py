"""Today: each section picks exactly the right records on the edges, "mine" filters by
assignment, and every section query walks an index (never a full scan)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from stdnum import iso6346

from liaison.clock import FixedClock
from liaison.enums import Entity
from liaison.models import (
    AgendaItem,
    Case,
    CaseDraft,
    ContainerDraft,
    FollowUpDraft,
    InquiryDraft,
    MilestoneDraft,
    ReferralDraft,
    Staff,
    StaffDraft,
    TariffDraft,
    Trader,
)
from liaison.office import Office

TODAY = dt.date(2026, 11, 28)
_serials = itertools.count(100001)


def box_number() -> str:
    body = f"TGHU{next(_serials):06d}"
    return body + iso6346.calc_check_digit(body)


def day(offset: int) -> str:
    return (TODAY + dt.timedelta(days=offset)).isoformat()


def box_case(
    office: Office,
    trader: Trader,
    discharged: int,
    *also: str,
    assigned_to: int | None = None,
) -> Case:
    """A road case with one box discharged ``discharged`` days from today (MSA: 9 free days,
    so free storage ends 8 days after discharge; the auction threshold is 21 days after)."""
    case, _ = office.cases.create(
        CaseDraft(trader.id, "MAEU123456789", assigned_to=assigned_to),
        [ContainerDraft(box_number())],
    )
    office.tracking.record_milestone(case.id, MilestoneDraft("DISCHARGED", day(discharged)))
    for code in also:
        office.tracking.record_milestone(case.id, MilestoneDraft(code, day(0)))
    return case


def refs(items: list[AgendaItem]) -> list[str]:
    return [item.ref for item in items]


def number(office: Office, case: Case) -> str:
    return office.tracking.containers(case.id)[0].number


def officer(office: Office) -> Staff:
    staff, _ = office.staff.create(StaffDraft("jb", "Jean Bosco", "JB", "officer", "x" * 10))
    return staff


def test_storage_section_edges(office: Office, trader: Trader) -> None:
    ends_in_3 = box_case(office, trader, -5)  # free until today+3: yes
    ends_in_4 = box_case(office, trader, -4)  # today+4: no
    ends_today = box_case(office, trader, -8)
    expired = box_case(office, trader, -16)  # expired 8 days ago, auction on today+5: yes
    last_day_before_auction = box_case(office, trader, -20)  # auction tomorrow: still storage
    at_auction = box_case(office, trader, -21)  # auction threshold today: auction section
    gone = box_case(office, trader, -5, "LOADED_TRUCK")  # left custody: no
    released = box_case(office, trader, -5, "CUSTOMS_RELEASED")  # still in custody: yes
    cancelled = box_case(office, trader, -5)
    office.cases.set_status(cancelled.id, "CANCELLED", office.cases.get(cancelled.id).version)
    agenda = office.agenda.today()
    assert agenda.today == TODAY
    expected = [expired, last_day_before_auction, ends_today, ends_in_3, released]
    ordered = sorted(expected, key=lambda c: office.tracking.containers(c.id)[0].kpa_free_until)
    assert refs(agenda.storage_expiring) == [number(office, c) for c in ordered]
    shown = {item.case_id for item in agenda.storage_expiring}
    assert not shown & {ends_in_4.id, at_auction.id, gone.id, cancelled.id}
    item = next(i for i in agenda.storage_expiring if i.case_id == ends_in_3.id)
    assert (item.kind, item.due, item.days) == (Entity.CONTAINERS, dt.date(2026, 12, 1), -3)
    assert (item.title, item.detail) == (trader.legal_name, f"{ends_in_3.ref} · MAEU123456789")
    assert item.trader_id == trader.id
    assert item.record_id == office.tracking.containers(ends_in_3.id)[0].id
    assert next(i for i in agenda.storage_expiring if i.case_id == expired.id).days == 8


def test_storage_window_follows_the_setting(office: Office, trader: Trader) -> None:
    ends_in_4 = box_case(office, trader, -4)
    assert office.agenda.today().storage_expiring == []
    office.settings.update({"storage_warning_days": "4"})
    assert [i.case_id for i in office.agenda.today().storage_expiring] == [ends_in_4.id]


def test_storage_bound_holds_with_zero_free_days(office: Office, trader: Trader) -> None:
    """The index walk starts at the earliest free-storage end a box short of its auction date
    can have; with a rule of zero free days that is the day before a 20-day-old discharge."""
    nicd = next(t for t in office.tariffs.all() if t.location and t.location.value == "NICD")
    office.tariffs.update(
        nicd.id, TariffDraft("kpa_free_storage", "0", "01/01/2000", "NICD"), nicd.version
    )
    case, _ = office.cases.create(
        CaseDraft(trader.id, "MAEU123456789", inland_mode="sgr_nicd"),
        [ContainerDraft(box_number())],
    )
    office.tracking.record_milestone(case.id, MilestoneDraft("DISCHARGED", day(-20)))
    [item] = office.agenda.today().storage_expiring
    assert (item.case_id, item.due, item.days) == (case.id, TODAY - dt.timedelta(days=21), 21)


def test_auction_section_edges(office: Office, trader: Trader) -> None:
    threshold_today = box_case(office, trader, -21)
    long_past = box_case(office, trader, -40)
    tomorrow = box_case(office, trader, -20)
    released = box_case(office, trader, -30, "CUSTOMS_RELEASED")
    gone = box_case(office, trader, -30, "LOADED_TRUCK")
    railed = box_case(office, trader, -30, "LOADED_SGR")  # still in KPA custody at the ICD
    agenda = office.agenda.today()
    assert [i.case_id for i in agenda.auction_risk] == [long_past.id, railed.id, threshold_today.id]
    first, _, second = agenda.auction_risk
    assert (first.due, first.days) == (TODAY - dt.timedelta(days=19), 19)
    assert (second.due, second.days) == (TODAY, 0)
    assert not {i.case_id for i in agenda.auction_risk} & {tomorrow.id, released.id, gone.id}


def test_follow_up_sections(office: Office, trader: Trader, clock: FixedClock) -> None:
    other = officer(office)
    mine_due = office.followups.create(
        FollowUpDraft("Call trader", day(2), trader_id=trader.id, assigned_to=office.actor.id)
    )[0]
    theirs_overdue = office.followups.create(
        FollowUpDraft("Chase KPA", day(1), trader_id=trader.id, assigned_to=other.id)
    )[0]
    nobodys_overdue = office.followups.create(
        FollowUpDraft("Chase RRA", day(0), trader_id=trader.id)
    )[0]
    later = office.followups.create(FollowUpDraft("Later", day(3), trader_id=trader.id))[0]
    done = office.followups.create(FollowUpDraft("Done", day(0), trader_id=trader.id))[0]
    office.followups.complete(done.id, "called", done.version)
    clock.advance(days=2)  # today is now 30/11
    agenda = office.agenda.today()
    assert [i.record_id for i in agenda.overdue_followups] == [
        nobodys_overdue.id,
        theirs_overdue.id,
    ]
    assert [i.days for i in agenda.overdue_followups] == [2, 1]
    assert [i.record_id for i in agenda.due_today_followups] == [mine_due.id]
    item = agenda.due_today_followups[0]
    assert (item.kind, item.ref, item.title, item.detail, item.trader_id) == (
        Entity.FOLLOWUPS,
        trader.code,
        "Call trader",
        trader.legal_name,
        trader.id,
    )
    assert later.id not in {i.record_id for i in agenda.due_today_followups}
    mine = office.agenda.today(staff_id=office.actor.id)
    assert [i.record_id for i in mine.overdue_followups] == [nobodys_overdue.id]
    assert [i.record_id for i in mine.due_today_followups] == [mine_due.id]
    theirs = office.agenda.today(staff_id=other.id)
    assert theirs.due_today_followups == []


def test_unanswered_inquiries_oldest_first(office: Office, trader: Trader) -> None:
    case, _ = office.cases.create(CaseDraft(trader.id, "MAEU123456789"))
    newer = office.inquiries.create(InquiryDraft(trader.id, "Newer", case_id=case.id))[0]
    older = office.inquiries.create(InquiryDraft(trader.id, "Older", received_on=day(-3)))[0]
    answered = office.inquiries.create(InquiryDraft(trader.id, "Answered"))[0]
    office.inquiries.transition(answered.id, "OPEN", answered.version)
    other = officer(office)
    theirs = office.inquiries.create(InquiryDraft(trader.id, "Theirs", assigned_to=other.id))[0]
    agenda = office.agenda.today()
    assert [i.record_id for i in agenda.unanswered_inquiries] == [older.id, newer.id, theirs.id]
    first = agenda.unanswered_inquiries[0]
    assert (first.ref, first.title, first.detail, first.due, first.days) == (
        older.ref,
        "Older",
        trader.legal_name,
        dt.date(2026, 11, 30),
        -2,
    )
    assert agenda.unanswered_inquiries[1].case_id == case.id
    mine = office.agenda.today(staff_id=office.actor.id)
    assert [i.record_id for i in mine.unanswered_inquiries] == [older.id, newer.id]


def test_overdue_referrals(office: Office, trader: Trader) -> None:
    kra = office.lookups.parties("kra")[0]
    inquiry = office.inquiries.create(InquiryDraft(trader.id, "Q"))[0]

    def refer(referred: int, **owner: int) -> int:
        return office.referrals.refer(ReferralDraft(kra.id, referred_on=day(referred)), **owner)[
            0
        ].id

    late = refer(-6, inquiry_id=inquiry.id)  # due yesterday
    due_today = refer(-5, trader_id=trader.id)
    acknowledged = refer(-10, trader_id=trader.id)
    answered = refer(-10, trader_id=trader.id)
    ack = office.referrals.get(acknowledged)
    office.referrals.record_response(acknowledged, "ACKNOWLEDGED", expected_version=ack.version)
    ans = office.referrals.get(answered)
    office.referrals.record_response(
        answered, "ANSWERED", summary="ok", expected_version=ans.version
    )
    agenda = office.agenda.today()
    assert [i.record_id for i in agenda.overdue_referrals] == [acknowledged, late]
    item = agenda.overdue_referrals[1]
    assert (item.kind, item.ref, item.title, item.detail, item.days) == (
        Entity.REFERRALS,
        inquiry.ref,
        kra.name,
        trader.legal_name,
        1,
    )
    assert (item.inquiry_id, item.trader_id) == (inquiry.id, trader.id)
    assert due_today not in {i.record_id for i in agenda.overdue_referrals}
    assert office.agenda.today(staff_id=officer(office).id).overdue_referrals == []


def test_mine_keeps_boxes_of_my_cases_and_unassigned_ones(office: Office, trader: Trader) -> None:
    other = officer(office)
    theirs = box_case(office, trader, -5, assigned_to=other.id)
    nobodys = box_case(office, trader, -6)
    mine = office.agenda.today(staff_id=office.actor.id)
    assert [i.case_id for i in mine.storage_expiring] == [nobodys.id]
    assert {i.case_id for i in office.agenda.today(staff_id=other.id).storage_expiring} == {
        theirs.id,
        nobodys.id,
    }


def test_warning_sources_add_lines(office: Office) -> None:
    before = office.agenda.today().warnings  # the office's own sources (e.g. backups)
    office.agenda.warning_sources.append(lambda: "Printer out of toner")
    office.agenda.warning_sources.append(lambda: None)
    assert office.agenda.today().warnings == [*before, "Printer out of toner"]


def test_a_viewer_sees_today(office: Office, trader: Trader) -> None:
    box_case(office, trader, -5)
    viewer, _ = office.staff.create(StaffDraft("guest", "Guest", "GU", "viewer", "x" * 10))
    office.act_as(viewer)
    assert len(office.agenda.today().storage_expiring) == 1


@pytest.mark.parametrize(
    ("section", "index"),
    [
        ("overdue_followups", "followups_status_due"),
        ("due_today_followups", "followups_status_due"),
        ("unanswered_inquiries", "inquiries_status_due"),
        ("overdue_referrals", "referrals_open_due"),
        ("storage_expiring", "containers_kpa_free_until"),
        ("auction_risk", "containers_auction_on"),
    ],
)
@pytest.mark.parametrize("staff_id", [None, 2])
def test_every_section_walks_an_index(
    office: Office, section: str, index: str, staff_id: int | None
) -> None:
    sql, params = office.agenda.queries(TODAY, staff_id=staff_id)[section]
    plan = [r["detail"] for r in office.store.all("EXPLAIN QUERY PLAN " + sql, params)]
    assert f"USING INDEX {index}" in plan[0]
    assert not [step for step in plan if step.startswith("SCAN")]
    assert "LIMIT ?" in sql and params[-1] == 200
