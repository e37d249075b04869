"""Notes (one owner, never truncated, newest first) and referrals to outside parties."""

from __future__ import annotations

import datetime as dt

import pytest

from liaison.clock import FixedClock
from liaison.enums import Entity, ReferralStatus
from liaison.errors import Conflict, PermissionDenied, ValidationError
from liaison.models import CaseDraft, InquiryDraft, ReferralDraft, StaffDraft, Trader
from liaison.office import Office


def kra(office: Office) -> int:
    return office.lookups.parties("kra")[0].id


def test_a_note_belongs_to_exactly_one_record(office: Office, trader: Trader) -> None:
    case, _ = office.cases.create(CaseDraft(trader.id, "MAEU123456789"))
    for owners in ({}, {"trader_id": trader.id, "case_id": case.id}):
        with pytest.raises(ValidationError) as info:
            office.notes.add("Called the trader", **owners)
        assert (info.value.field, info.value.code) == ("owner", "one_owner")
    with pytest.raises(ValidationError) as info:
        office.notes.add("Called the trader", case_id=999)
    assert (info.value.field, info.value.code) == ("case_id", "not_found")
    note, changes = office.notes.add("  Called the trader\n  about the DO  ", case_id=case.id)
    assert note.body == "Called the trader\n  about the DO"
    assert note.author == "Amina Uwase"
    assert changes.entities == {Entity.NOTES}
    assert (Entity.CASES, case.id) in changes.ids
    assert office.notes.for_owner(trader_id=trader.id) == []
    entries = office.history("notes", note.id)
    assert {(e.field, e.reference) for e in entries} == {
        ("case_id", case.ref),
        ("body", case.ref),
    }


def test_a_long_note_is_refused_not_truncated(office: Office, trader: Trader) -> None:
    longest = "é" * 20_000
    note, _ = office.notes.add(longest, trader_id=trader.id)
    assert note.body == longest
    with pytest.raises(ValidationError) as info:
        office.notes.add(longest + "!", trader_id=trader.id)
    assert (info.value.field, info.value.code) == ("body", "too_long")
    with pytest.raises(ValidationError) as info:
        office.notes.add(" \n ", trader_id=trader.id)
    assert (info.value.field, info.value.code) == ("body", "required")
    assert len(office.notes.for_owner(trader_id=trader.id)) == 1


def test_notes_come_newest_first(office: Office, trader: Trader, clock: FixedClock) -> None:
    inquiry, _ = office.inquiries.create(InquiryDraft(trader.id, "Q"))
    for text in ("first", "second", "third"):
        office.notes.add(text, inquiry_id=inquiry.id)
        clock.advance(minutes=5)
    assert [n.body for n in office.notes.for_owner(inquiry_id=inquiry.id)] == [
        "third",
        "second",
        "first",
    ]


def test_viewer_cannot_add_notes_or_referrals(office: Office, trader: Trader) -> None:
    viewer, _ = office.staff.create(StaffDraft("guest", "Guest Viewer", "GV", "viewer", "x" * 10))
    office.act_as(viewer)
    with pytest.raises(PermissionDenied):
        office.notes.add("hello", trader_id=trader.id)
    with pytest.raises(PermissionDenied):
        office.referrals.refer(ReferralDraft(kra(office)), trader_id=trader.id)


def test_refer_defaults_and_validation(office: Office, trader: Trader) -> None:
    inquiry, _ = office.inquiries.create(InquiryDraft(trader.id, "Q"))
    referral, changes = office.referrals.refer(
        ReferralDraft(kra(office), channel="email", their_reference=" KRA/123 "),
        inquiry_id=inquiry.id,
    )
    assert referral.status is ReferralStatus.SENT
    assert referral.party_name == "Kenya Revenue Authority — Customs"
    assert referral.referred_on == dt.date(2026, 11, 28)
    assert referral.response_due_on == dt.date(2026, 12, 3)
    assert referral.their_reference == "KRA/123"
    assert (Entity.INQUIRIES, inquiry.id) in changes.ids
    assert office.referrals.for_owner(inquiry_id=inquiry.id) == [referral]
    refusals = [
        (ReferralDraft(None), "party_id"),
        (ReferralDraft(999), "party_id"),
        (ReferralDraft(kra(office), referred_on="29/11/2026"), "referred_on"),
        (
            ReferralDraft(kra(office), referred_on="20/11/2026", response_due_on="19/11/2026"),
            "response_due_on",
        ),
        (ReferralDraft(kra(office), channel="pigeon"), "channel"),
    ]
    for draft, field in refusals:
        with pytest.raises(ValidationError) as info:
            office.referrals.refer(draft, inquiry_id=inquiry.id)
        assert info.value.field == field
    assert len(office.referrals.for_owner(inquiry_id=inquiry.id)) == 1


def test_recording_responses(office: Office, trader: Trader) -> None:
    referral, _ = office.referrals.refer(
        ReferralDraft(kra(office), referred_on="20/11/2026"), trader_id=trader.id
    )
    with pytest.raises(ValidationError) as info:
        office.referrals.record_response(referral.id, "ANSWERED", expected_version=referral.version)
    assert info.value.field == "summary"
    acked, _ = office.referrals.record_response(
        referral.id,
        "ACKNOWLEDGED",
        responded_on="21/11/2026",
        their_reference="KRA-77",
        expected_version=referral.version,
    )
    assert (acked.status, acked.responded_on, acked.their_reference) == (
        ReferralStatus.ACKNOWLEDGED,
        dt.date(2026, 11, 21),
        "KRA-77",
    )
    with pytest.raises(Conflict):
        office.referrals.record_response(
            referral.id, "NO_RESPONSE", expected_version=referral.version
        )
    with pytest.raises(ValidationError) as info:
        office.referrals.record_response(
            referral.id,
            "ANSWERED",
            summary="Entry accepted",
            responded_on="19/11/2026",
            expected_version=acked.version,
        )
    assert info.value.field == "responded_on"
    answered, _ = office.referrals.record_response(
        referral.id, "ANSWERED", summary="Entry accepted", expected_version=acked.version
    )
    assert answered.response_summary == "Entry accepted"
    assert answered.responded_on == dt.date(2026, 11, 28)
    assert answered.their_reference == "KRA-77"
    with pytest.raises(ValidationError) as info:
        office.referrals.record_response(
            referral.id, "CANCELLED", expected_version=answered.version
        )
    assert (info.value.field, info.value.code) == ("status", "transition")
    changed = {e.field for e in office.history("referrals", referral.id) if e.action != "create"}
    assert {"status", "responded_on", "their_reference", "response_summary"} <= changed


def test_a_late_party_may_still_answer(office: Office, trader: Trader) -> None:
    referral, _ = office.referrals.refer(ReferralDraft(kra(office)), trader_id=trader.id)
    silent, _ = office.referrals.record_response(
        referral.id, "NO_RESPONSE", expected_version=referral.version
    )
    assert silent.responded_on is None
    assert [s.value for s in office.referrals.allowed_responses(silent)] == [
        "ACKNOWLEDGED",
        "ANSWERED",
        "CANCELLED",
    ]
    late, _ = office.referrals.record_response(
        referral.id, "ANSWERED", summary="Sorry for the delay", expected_version=silent.version
    )
    assert late.status is ReferralStatus.ANSWERED
    assert office.referrals.allowed_responses(late) == []
    with pytest.raises(ValidationError):
        office.referrals.record_response(referral.id, "SENT", expected_version=late.version)


def test_a_closed_inquiry_cannot_be_referred(office: Office, trader: Trader) -> None:
    from liaison.errors import ValidationError
    from liaison.models import InquiryDraft, ReferralDraft

    inquiry, _ = office.inquiries.create(InquiryDraft(trader.id, "Where is my container?"))
    party = office.lookups.parties()[0]
    inquiry, _ = office.inquiries.transition(
        inquiry.id, "RESOLVED", inquiry.version, resolution="Answered by phone"
    )
    inquiry, _ = office.inquiries.transition(inquiry.id, "CLOSED", inquiry.version)
    with pytest.raises(ValidationError) as info:
        office.referrals.refer(ReferralDraft(party.id), inquiry_id=inquiry.id)
    assert info.value.field == "inquiry_id"
    assert office.referrals.for_owner(inquiry_id=inquiry.id) == []
