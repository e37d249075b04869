"""Follow-up use cases: one owner, due dates not in the past, complete/cancel/reschedule,
audit, optimistic locking, lists."""

from __future__ import annotations

import datetime as dt

import pytest

from liaison.clock import FixedClock
from liaison.enums import Entity, FollowUpStatus
from liaison.errors import Conflict, PermissionDenied, ValidationError, ValidationErrors
from liaison.models import (
    CaseDraft,
    FollowUp,
    FollowUpDraft,
    InquiryDraft,
    ListQuery,
    StaffDraft,
    Trader,
    TraderDraft,
)
from liaison.office import Office

TODAY = dt.date(2026, 11, 28)


def chase(office: Office, trader: Trader, due: str = "30/11/2026", **fields: object) -> FollowUp:
    followup, _ = office.followups.create(
        FollowUpDraft("Call about the DO", due, trader_id=trader.id, **fields)  # type: ignore[arg-type]
    )
    return followup


def test_create_for_each_kind_of_owner(office: Office, trader: Trader) -> None:
    case, _ = office.cases.create(CaseDraft(trader.id, "MAEU123456789"))
    inquiry, _ = office.inquiries.create(InquiryDraft(trader.id, "Where is my box?"))
    on_trader = chase(office, trader, due_time="9h30", kind="chase_kpa")
    on_case, changes = office.followups.create(
        FollowUpDraft("Chase the DO", TODAY, case_id=case.id, assigned_to=office.actor.id)
    )
    on_inquiry, _ = office.followups.create(
        FollowUpDraft("Ring back", "2026-12-01", inquiry_id=inquiry.id)
    )
    assert (on_trader.due_on, on_trader.due_time, on_trader.kind) == (
        dt.date(2026, 11, 30),
        "09:30",
        "chase_kpa",
    )
    assert on_case.status is FollowUpStatus.PENDING and on_case.assigned_to == office.actor.id
    assert changes.entities == {Entity.FOLLOWUPS}
    assert (Entity.CASES, case.id) in changes.ids
    rows = {r.id: r for r in office.followups.page(ListQuery(sort="due_on", descending=False))}
    assert (rows[on_case.id].owner_ref, rows[on_case.id].owner_name) == (
        case.ref,
        trader.legal_name,
    )
    assert rows[on_inquiry.id].owner_ref == inquiry.ref
    assert rows[on_trader.id].owner_ref == trader.code
    assert [r.id for r in office.followups.for_owner(case_id=case.id)] == [on_case.id]
    assert office.followups.count(ListQuery(filters={"status": "PENDING"})) == 3


def test_validation_names_fields_and_stores_nothing(office: Office, trader: Trader) -> None:
    with pytest.raises(ValidationErrors) as info:
        office.followups.create(
            FollowUpDraft("", "27/11/2026", kind="dance", due_time="25:00", trader_id=trader.id)
        )
    assert {e.field for e in info.value.errors} == {"title", "due_on", "kind", "due_time"}
    refusals = [
        (FollowUpDraft("Call", ""), {"owner", "due_on"}),
        (FollowUpDraft("Call", "30/11/2026"), {"owner"}),
        (FollowUpDraft("Call", "30/11/2026", trader_id=trader.id, case_id=1), {"owner"}),
        (FollowUpDraft("Call", "30/11/2026", trader_id=999), {"trader_id"}),
        (
            FollowUpDraft("Call", "30/11/2026", trader_id=trader.id, assigned_to=999),
            {"assigned_to"},
        ),
    ]
    for draft, fields in refusals:
        with pytest.raises((ValidationError, ValidationErrors)) as one:
            office.followups.create(draft)
        error = one.value
        found = (
            {e.field for e in error.errors}
            if isinstance(error, ValidationErrors)
            else {error.field}  # type: ignore[union-attr]
        )
        assert found == fields
    assert office.store.scalar("SELECT count(*) FROM followups") == 0
    assert office.store.scalar("SELECT count(*) FROM audit_log WHERE entity = 'followups'") == 0


def test_complete_needs_an_outcome_and_is_final(office: Office, trader: Trader) -> None:
    followup = chase(office, trader)
    with pytest.raises(ValidationError) as info:
        office.followups.complete(followup.id, "  ", followup.version)
    assert info.value.field == "outcome"
    done, _ = office.followups.complete(followup.id, "DO issued", followup.version)
    assert (done.status, done.outcome, done.done_at) == (
        FollowUpStatus.DONE,
        "DO issued",
        "2026-11-28T07:00:00Z",
    )
    for action in (
        lambda: office.followups.cancel(done.id, "no longer needed", done.version),
        lambda: office.followups.reschedule(done.id, "01/12/2026", done.version),
        lambda: office.followups.complete(done.id, "again", done.version),
    ):
        with pytest.raises(ValidationError) as info:
            action()
        assert (info.value.field, info.value.code) == ("status", "not_pending")
    audited = {(e.action, e.field) for e in office.history("followups", followup.id)}
    assert {("transition", "status"), ("transition", "outcome")} <= audited


def test_cancel_keeps_the_reason(office: Office, trader: Trader) -> None:
    followup = chase(office, trader)
    with pytest.raises(ValidationError) as info:
        office.followups.cancel(followup.id, "", followup.version)
    assert info.value.field == "reason"
    cancelled, _ = office.followups.cancel(followup.id, "Trader collected", followup.version)
    assert (cancelled.status, cancelled.outcome) == (FollowUpStatus.CANCELLED, "Trader collected")


def test_reschedule_and_stale_versions(office: Office, trader: Trader) -> None:
    followup = chase(office, trader)
    with pytest.raises(ValidationError) as info:
        office.followups.reschedule(followup.id, "27/11/2026", followup.version)
    assert info.value.field == "due_on"
    moved, _ = office.followups.reschedule(followup.id, "05/12/2026", followup.version)
    assert moved.due_on == dt.date(2026, 12, 5) and moved.version == followup.version + 1
    with pytest.raises(Conflict):
        office.followups.complete(followup.id, "done", followup.version)
    with pytest.raises(Conflict):
        office.followups.update(followup.id, FollowUpDraft("X", "06/12/2026"), followup.version)
    entries = [e for e in office.history("followups", followup.id) if e.action == "update"]
    assert [(e.field, e.old_value, e.new_value) for e in entries] == [
        ("due_on", "2026-11-30", "2026-12-05")
    ]


def test_an_overdue_follow_up_can_be_edited_without_moving_it(
    office: Office, trader: Trader, clock: FixedClock
) -> None:
    followup = chase(office, trader)
    clock.advance(days=5)  # now 03/12: the follow-up is overdue
    assert followup.is_overdue(dt.date(2026, 12, 3))
    edited, _ = office.followups.update(
        followup.id,
        FollowUpDraft("Call about the delivery order", followup.due_on, trader_id=trader.id),
        followup.version,
    )
    assert edited.title == "Call about the delivery order" and edited.due_on == followup.due_on
    with pytest.raises(ValidationError) as info:
        office.followups.update(followup.id, FollowUpDraft("Call", "01/12/2026"), edited.version)
    assert info.value.field == "due_on"
    other, _ = office.traders.create(TraderDraft("Other Ltd"))
    with pytest.raises(ValidationError) as info:
        office.followups.update(
            followup.id, FollowUpDraft("Call", "05/12/2026", trader_id=other.id), edited.version
        )
    assert info.value.field == "owner"


def test_lists_filter_in_sql(office: Office, trader: Trader) -> None:
    officer, _ = office.staff.create(StaffDraft("jb", "Jean Bosco", "JB", "officer", "x" * 10))
    mine = chase(office, trader, due="29/11/2026", assigned_to=officer.id)
    chase(office, trader, due="10/12/2026")
    query = ListQuery(filters={"assigned_to": officer.id})
    assert [r.id for r in office.followups.page(query)] == [mine.id]
    window = ListQuery(filters={"due_from": TODAY, "due_to": "2026-12-01"})
    assert [r.id for r in office.followups.page(window)] == [mine.id]
    assert office.followups.count(window) == 1


def test_viewer_refused(office: Office, trader: Trader) -> None:
    followup = chase(office, trader)
    viewer, _ = office.staff.create(StaffDraft("guest", "Guest", "GU", "viewer", "x" * 10))
    office.act_as(viewer)
    assert office.followups.get(followup.id) == followup
    with pytest.raises(PermissionDenied):
        chase(office, trader)
    with pytest.raises(PermissionDenied):
        office.followups.complete(followup.id, "done", followup.version)
