"""Inquiry use cases: references, response clock, transitions, audit, locking, permissions, and
gapless references from two processes writing at once."""

from __future__ import annotations

import datetime as dt
import multiprocessing
from pathlib import Path
from typing import Any

import pytest

from liaison.clock import FixedClock
from liaison.enums import Entity, InquiryStatus
from liaison.errors import Conflict, PermissionDenied, ValidationError, ValidationErrors
from liaison.models import (
    CaseDraft,
    Inquiry,
    InquiryDraft,
    ListQuery,
    StaffDraft,
    Trader,
    TraderDraft,
)
from liaison.office import Office
from tests.conftest import NOW, fast_hasher

TODAY = dt.date(2026, 11, 28)
IS = InquiryStatus


def new_inquiry(office: Office, trader: Trader, **fields: Any) -> Inquiry:
    inquiry, _ = office.inquiries.create(
        InquiryDraft(trader.id, "Where is my container?", **fields)
    )
    return inquiry


def move(office: Office, inquiry: Inquiry, *targets: str) -> Inquiry:
    for target in targets:
        extra = {"resolution": "Told the trader"} if target == "RESOLVED" else {}
        inquiry, _ = office.inquiries.transition(inquiry.id, target, inquiry.version, **extra)
    return inquiry


def test_create_numbers_and_sets_the_response_clock(office: Office, trader: Trader) -> None:
    first, changes = office.inquiries.create(
        InquiryDraft(trader.id, "  Storage   charges ", priority="urgent", channel="phone")
    )
    second = new_inquiry(office, trader, priority="low")
    assert (first.ref, second.ref) == ("INQ-2026-000001", "INQ-2026-000002")
    assert first.subject == "Storage charges"
    assert first.status is IS.NEW and first.received_at == "2026-11-28T07:00:00Z"
    # Default response times: urgent 1 day, low 10 days.
    assert first.due_on == TODAY + dt.timedelta(days=1)
    assert second.due_on == TODAY + dt.timedelta(days=10)
    assert changes.entities == {Entity.INQUIRIES}
    assert changes.ids == ((Entity.INQUIRIES, first.id),)
    assert office.inquiries.by_ref(" inq-2026-000001 ").id == first.id
    assert [row.ref for row in office.inquiries.for_trader(trader.id)] == [second.ref, first.ref]


def test_response_time_comes_from_the_settings(office: Office, trader: Trader) -> None:
    office.settings.update({"sla_days_normal": "7"})
    assert new_inquiry(office, trader).due_on == TODAY + dt.timedelta(days=7)
    given = new_inquiry(office, trader, due_on="15/12/2026")
    assert given.due_on == dt.date(2026, 12, 15)


def test_backdated_inquiry_counts_from_the_day_received(office: Office, trader: Trader) -> None:
    inquiry = new_inquiry(office, trader, received_on="20/11/2026")
    assert inquiry.received_at == "2026-11-20T10:00:00Z"
    assert inquiry.due_on == dt.date(2026, 11, 25)
    old_year = new_inquiry(office, trader, received_on="30/12/2025")
    assert old_year.ref == "INQ-2025-000001"


def test_every_bad_field_is_named_and_nothing_is_stored(office: Office, trader: Trader) -> None:
    with pytest.raises(ValidationErrors) as info:
        office.inquiries.create(
            InquiryDraft(
                None,
                "   ",
                channel="fax",
                category="nonsense",
                priority="",
                description="x" * 20_001,
                due_on="31/02/2026",
                received_on="yesterday",
            )
        )
    assert {e.field for e in info.value.errors} == {
        "trader_id",
        "subject",
        "channel",
        "category",
        "priority",
        "description",
        "due_on",
        "received_on",
    }
    refusals = [
        (InquiryDraft(trader.id, "Q", received_on="29/11/2026"), "received_on"),
        (InquiryDraft(trader.id, "Q", received_on="20/11/2026", due_on="19/11/2026"), "due_on"),
        (InquiryDraft(999, "Q"), "trader_id"),
        (InquiryDraft(trader.id, "Q", assigned_to=999), "assigned_to"),
        (InquiryDraft(trader.id, "Q", case_id=999), "case_id"),
    ]
    for draft, field in refusals:
        with pytest.raises(ValidationError) as one:
            office.inquiries.create(draft)
        assert one.value.field == field
    assert office.store.scalar("SELECT count(*) FROM inquiries") == 0
    assert office.store.scalar("SELECT count(*) FROM audit_log WHERE entity = 'inquiries'") == 0
    # Refused drafts used up no number.
    assert new_inquiry(office, trader).ref == "INQ-2026-000001"


def test_a_merged_trader_and_another_traders_case_are_refused(
    office: Office, trader: Trader
) -> None:
    other, _ = office.traders.create(TraderDraft("Nyiramana Trading"))
    case, _ = office.cases.create(CaseDraft(other.id, "MAEU123456789"))
    with pytest.raises(ValidationError) as info:
        office.inquiries.create(InquiryDraft(trader.id, "Q", case_id=case.id))
    assert (info.value.field, info.value.code) == ("case_id", "other_trader")
    office.traders.merge(other.id, trader.id)
    with pytest.raises(ValidationError) as info:
        office.inquiries.create(InquiryDraft(other.id, "Q"))
    assert (info.value.field, info.value.code) == ("trader_id", "merged")


# Which moves the office may make, written out as the office agreed them.
ALLOWED = {
    "NEW": {"OPEN", "AWAITING_TRADER", "AWAITING_EXTERNAL", "RESOLVED"},
    "OPEN": {"AWAITING_TRADER", "AWAITING_EXTERNAL", "RESOLVED"},
    "AWAITING_TRADER": {"OPEN", "AWAITING_EXTERNAL", "RESOLVED"},
    "AWAITING_EXTERNAL": {"OPEN", "AWAITING_TRADER", "RESOLVED"},
    "RESOLVED": {"OPEN", "CLOSED"},
    "CLOSED": set(),
}
# How to bring a new inquiry into each status.
PATHS = {
    "NEW": (),
    "OPEN": ("OPEN",),
    "AWAITING_TRADER": ("AWAITING_TRADER",),
    "AWAITING_EXTERNAL": ("AWAITING_EXTERNAL",),
    "RESOLVED": ("RESOLVED",),
    "CLOSED": ("RESOLVED", "CLOSED"),
}


@pytest.mark.parametrize("start", list(ALLOWED))
@pytest.mark.parametrize("target", list(ALLOWED))
def test_transition_table(office: Office, trader: Trader, start: str, target: str) -> None:
    inquiry = move(office, new_inquiry(office, trader), *PATHS[start])
    assert inquiry.status == start
    assert {s.value for s in office.inquiries.allowed_transitions(inquiry)} == ALLOWED[start]
    if target in ALLOWED[start]:
        moved = move(office, inquiry, target)
        assert moved.status == target and moved.version == inquiry.version + 1
    else:
        with pytest.raises(ValidationError) as info:
            move(office, inquiry, target)
        assert (info.value.field, info.value.code) == ("status", "transition")
        assert office.inquiries.get(inquiry.id) == inquiry


def test_unknown_status_is_refused(office: Office, trader: Trader) -> None:
    inquiry = new_inquiry(office, trader)
    with pytest.raises(ValidationError) as info:
        office.inquiries.transition(inquiry.id, "DONE", inquiry.version)
    assert info.value.field == "status"


def test_waiting_pauses_the_clock_and_moves_the_due_date(
    office: Office, trader: Trader, clock: FixedClock
) -> None:
    inquiry = new_inquiry(office, trader)  # normal: due in 5 days
    assert inquiry.due_on == dt.date(2026, 12, 3)
    waiting = move(office, inquiry, "AWAITING_TRADER")
    assert waiting.paused_since == TODAY
    assert waiting.first_response_at == "2026-11-28T07:00:00Z"
    clock.advance(days=2)
    still = move(office, waiting, "AWAITING_EXTERNAL")  # still waiting: the pause goes on
    assert still.paused_since == TODAY and still.due_on == waiting.due_on
    clock.advance(days=2)
    back = move(office, still, "OPEN")
    assert back.paused_since is None
    assert back.due_on == dt.date(2026, 12, 7)  # four days waited
    assert back.first_response_at == waiting.first_response_at
    moves = [
        (e.field, e.old_value, e.new_value)
        for e in reversed(office.history("inquiries", inquiry.id))
        if e.action == "transition"
    ]
    assert moves == [
        ("status", "NEW", "AWAITING_TRADER"),
        ("paused_since", None, "2026-11-28"),
        ("first_response_at", None, "2026-11-28T07:00:00Z"),
        ("status", "AWAITING_TRADER", "AWAITING_EXTERNAL"),
        ("status", "AWAITING_EXTERNAL", "OPEN"),
        ("due_on", "2026-12-03", "2026-12-07"),
        ("paused_since", "2026-11-28", None),
    ]


def test_resolving_needs_a_resolution_and_reopening_clears_it(
    office: Office, trader: Trader, clock: FixedClock
) -> None:
    inquiry = new_inquiry(office, trader)
    with pytest.raises(ValidationError) as info:
        office.inquiries.transition(inquiry.id, "RESOLVED", inquiry.version, resolution="  ")
    assert info.value.field == "resolution"
    resolved, _ = office.inquiries.transition(
        inquiry.id, "RESOLVED", inquiry.version, resolution="Box released on 27/11"
    )
    assert resolved.resolved_at == "2026-11-28T07:00:00Z"
    assert resolved.resolution == "Box released on 27/11"
    assert resolved.first_response_at == resolved.resolved_at
    clock.advance(days=10)
    reopened = move(office, resolved, "OPEN")
    assert reopened.resolved_at is None
    # The trader came back: a fresh response time from today.
    assert reopened.due_on == dt.date(2026, 12, 8) + dt.timedelta(days=5)
    closed = move(office, reopened, "RESOLVED", "CLOSED")
    assert closed.closed_at == "2026-12-08T07:00:00Z"
    with pytest.raises(ValidationError) as info:
        office.inquiries.update(closed.id, InquiryDraft(trader.id, "New subject"), closed.version)
    assert info.value.field == "status"


def test_transition_note_is_written_in_the_same_transaction(office: Office, trader: Trader) -> None:
    inquiry = new_inquiry(office, trader)
    moved, changes = office.inquiries.transition(
        inquiry.id, "AWAITING_EXTERNAL", inquiry.version, note="Asked KPA\ncustomer service"
    )
    notes = office.notes.for_owner(inquiry_id=inquiry.id)
    assert [(n.body, n.author) for n in notes] == [("Asked KPA\ncustomer service", "Amina Uwase")]
    assert changes.entities == {Entity.INQUIRIES, Entity.NOTES}
    # A note that is too long refuses the whole move.
    with pytest.raises(ValidationError) as info:
        office.inquiries.transition(moved.id, "OPEN", moved.version, note="x" * 20_001)
    assert info.value.field == "note"
    assert office.inquiries.get(moved.id).status is IS.AWAITING_EXTERNAL


def test_update_audits_each_changed_field(office: Office, trader: Trader) -> None:
    inquiry = new_inquiry(office, trader, description="First words")
    updated, changes = office.inquiries.update(
        inquiry.id,
        InquiryDraft(
            trader.id,
            "Where is container CSQU3054383?",
            description="First words",
            contact_name="Jean Bosco",
            channel=inquiry.channel,
        ),
        inquiry.version,
    )
    assert changes and updated.version == inquiry.version + 1
    rows = [e for e in office.history("inquiries", inquiry.id) if e.action == "update"]
    assert {(e.field, e.old_value, e.new_value) for e in rows} == {
        ("subject", "Where is my container?", "Where is container CSQU3054383?"),
        ("contact_name", None, "Jean Bosco"),
    }
    same, nothing = office.inquiries.update(
        inquiry.id,
        InquiryDraft(
            trader.id,
            updated.subject,
            description="First words",
            contact_name="Jean Bosco",
        ),
        updated.version,
    )
    assert not nothing and same.version == updated.version


def test_raising_the_priority_moves_the_due_date_by_the_difference(
    office: Office, trader: Trader
) -> None:
    inquiry = new_inquiry(office, trader)  # normal, 5 days
    urgent, _ = office.inquiries.update(
        inquiry.id, InquiryDraft(trader.id, inquiry.subject, priority="urgent"), inquiry.version
    )
    assert urgent.due_on == TODAY + dt.timedelta(days=1)
    chosen, _ = office.inquiries.update(
        inquiry.id,
        InquiryDraft(trader.id, inquiry.subject, priority="urgent", due_on="10/12/2026"),
        urgent.version,
    )
    assert chosen.due_on == dt.date(2026, 12, 10)


def test_stale_version_is_a_conflict(office: Office, trader: Trader) -> None:
    inquiry = new_inquiry(office, trader)
    office.inquiries.update(
        inquiry.id, InquiryDraft(trader.id, "Changed by a colleague"), inquiry.version
    )
    with pytest.raises(Conflict):
        office.inquiries.update(inquiry.id, InquiryDraft(trader.id, "Mine"), inquiry.version)
    with pytest.raises(Conflict):
        office.inquiries.transition(inquiry.id, "OPEN", inquiry.version)
    case, _ = office.cases.create(CaseDraft(trader.id, "MAEU123456789"))
    with pytest.raises(Conflict):
        office.inquiries.link_case(inquiry.id, case.id, inquiry.version)
    assert office.inquiries.get(inquiry.id).subject == "Changed by a colleague"


def test_link_and_unlink_a_case(office: Office, trader: Trader) -> None:
    case, _ = office.cases.create(CaseDraft(trader.id, "MAEU123456789"))
    inquiry = new_inquiry(office, trader)
    linked, changes = office.inquiries.link_case(inquiry.id, case.id, inquiry.version)
    assert linked.case_id == case.id and changes
    assert changes.entities == {Entity.INQUIRIES, Entity.CASES}
    listed = office.inquiries.page(ListQuery(filters={"case_id": case.id}))
    assert [r.id for r in listed] == [inquiry.id]
    unlinked, _ = office.inquiries.link_case(inquiry.id, None, linked.version)
    assert unlinked.case_id is None
    fields = [(e.field, e.new_value) for e in office.history("inquiries", inquiry.id)]
    assert ("case_id", str(case.id)) in fields and ("case_id", None) in fields


def test_a_viewer_can_read_but_not_change(office: Office, trader: Trader) -> None:
    inquiry = new_inquiry(office, trader)
    viewer, _ = office.staff.create(StaffDraft("guest", "Guest Viewer", "GV", "viewer", "x" * 10))
    office.act_as(viewer)
    assert office.inquiries.get(inquiry.id) == inquiry
    with pytest.raises(PermissionDenied):
        office.inquiries.create(InquiryDraft(trader.id, "Q"))
    with pytest.raises(PermissionDenied):
        office.inquiries.transition(inquiry.id, "OPEN", inquiry.version)
    with pytest.raises(PermissionDenied):
        office.inquiries.update(inquiry.id, InquiryDraft(trader.id, "Q"), inquiry.version)
    # Nor can work be assigned to a viewer.
    office.act_as(next(s for s in office.staff.all() if s.username == "admin"))
    with pytest.raises(ValidationError) as info:
        office.inquiries.create(InquiryDraft(trader.id, "Q", assigned_to=viewer.id))
    assert (info.value.field, info.value.code) == ("assigned_to", "viewer")


def _create_inquiries(path: str, trader_id: int, count: int, start: Any, results: Any) -> None:
    """Runs in a separate process: its own connection to the same file."""
    office = Office.open(path, clock=FixedClock(NOW), hasher=fast_hasher())
    office.act_as(next(s for s in office.staff.all() if s.username == "admin"))
    start.wait()
    refs = [
        office.inquiries.create(InquiryDraft(trader_id, f"Question {n}"))[0].ref
        for n in range(count)
    ]
    office.close()
    results.put(refs)


def test_references_are_unique_and_gapless_from_two_processes(
    office: Office, trader: Trader, db_path: Path
) -> None:
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(2)
    results = context.Queue()
    per_process = 100
    workers = [
        context.Process(
            target=_create_inquiries, args=(str(db_path), trader.id, per_process, start, results)
        )
        for _ in range(2)
    ]
    for worker in workers:
        worker.start()
    refs = [ref for _ in workers for ref in results.get(timeout=120)]
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    expected = [f"INQ-2026-{n:06d}" for n in range(1, 2 * per_process + 1)]
    assert sorted(refs) == expected
    stored = [r[0] for r in office.store.all("SELECT ref FROM inquiries ORDER BY ref")]
    assert stored == expected
    assert (
        office.store.scalar(
            "SELECT last_value FROM counters WHERE name = 'inquiry' AND year = 2026"
        )
        == 2 * per_process
    )


def test_lists_filter_and_count_in_sql(office: Office, trader: Trader) -> None:
    late = new_inquiry(office, trader, priority="urgent", received_on="18/11/2026")
    fresh = new_inquiry(office, trader)
    done = move(office, new_inquiry(office, trader, category="complaint"), "RESOLVED")
    cases = {
        (("status", "active"),): [fresh.id, late.id],
        (("status", "RESOLVED"),): [done.id],
        (("overdue_on", TODAY),): [late.id],
        (("priority", "urgent"),): [late.id],
        (("category", "complaint"),): [done.id],
        (("received_from", "2026-11-20"), ("received_to", TODAY)): [done.id, fresh.id],
        (("received_to", "2026-11-18"),): [late.id],
    }
    for filters, expected in cases.items():
        query = ListQuery(filters=dict(filters))
        assert [r.id for r in office.inquiries.page(query)] == expected, filters
        assert office.inquiries.count(query) == len(expected)
    by_due = office.inquiries.page(ListQuery(sort="due_on", descending=False))
    assert [r.id for r in by_due] == [late.id, fresh.id, done.id]
    assert by_due[0].trader_name == trader.legal_name
