"""Inquiries, notes, referrals to external parties, and follow-ups."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from liaison.enums import (
    Category,
    Channel,
    FollowUpKind,
    FollowUpStatus,
    InquiryStatus,
    Priority,
    ReferralStatus,
)


@dataclass(frozen=True, slots=True)
class Inquiry:
    id: int
    ref: str
    trader_id: int
    contact_name: str | None
    received_at: str
    channel: Channel
    category: Category
    subject: str
    description: str | None
    priority: Priority
    status: InquiryStatus
    assigned_to: int | None
    due_on: dt.date
    paused_since: dt.date | None
    first_response_at: str | None
    resolved_at: str | None
    closed_at: str | None
    resolution: str | None
    case_id: int | None
    created_at: str
    created_by: int
    updated_at: str
    updated_by: int
    version: int


@dataclass(frozen=True, slots=True)
class InquiryDraft:
    trader_id: int | None
    subject: str
    channel: str = Channel.WALK_IN.value
    category: str = Category.CARGO_STATUS.value
    description: str = ""
    priority: str = Priority.NORMAL.value
    contact_name: str = ""
    assigned_to: int | None = None
    case_id: int | None = None
    due_on: str | dt.date = ""  # empty: from the priority's response time
    received_on: str | dt.date = ""  # empty: now


@dataclass(frozen=True, slots=True)
class InquiryRow:
    id: int
    ref: str
    trader_id: int
    trader_name: str
    subject: str
    category: Category
    priority: Priority
    status: InquiryStatus
    assigned_to: int | None
    due_on: dt.date
    received_at: str
    case_id: int | None


@dataclass(frozen=True, slots=True)
class Note:
    id: int
    body: str
    created_at: str
    created_by: int
    author: str


@dataclass(frozen=True, slots=True)
class Referral:
    id: int
    trader_id: int | None
    inquiry_id: int | None
    case_id: int | None
    party_id: int
    party_name: str
    referred_on: dt.date
    channel: Channel
    their_reference: str | None
    response_due_on: dt.date | None
    responded_on: dt.date | None
    response_summary: str | None
    status: ReferralStatus
    version: int


@dataclass(frozen=True, slots=True)
class ReferralDraft:
    party_id: int | None
    referred_on: str | dt.date = ""
    channel: str = Channel.EMAIL.value
    their_reference: str = ""
    response_due_on: str | dt.date = ""


@dataclass(frozen=True, slots=True)
class FollowUp:
    id: int
    trader_id: int | None
    inquiry_id: int | None
    case_id: int | None
    kind: FollowUpKind
    title: str
    due_on: dt.date
    due_time: str | None
    assigned_to: int | None
    status: FollowUpStatus
    done_at: str | None
    outcome: str | None
    version: int

    def is_overdue(self, today: dt.date) -> bool:
        return self.status is FollowUpStatus.PENDING and self.due_on < today


@dataclass(frozen=True, slots=True)
class FollowUpDraft:
    title: str
    due_on: str | dt.date
    kind: str = FollowUpKind.CALL_TRADER.value
    due_time: str = ""
    assigned_to: int | None = None
    trader_id: int | None = None
    inquiry_id: int | None = None
    case_id: int | None = None


@dataclass(frozen=True, slots=True)
class FollowUpRow:
    id: int
    title: str
    kind: FollowUpKind
    due_on: dt.date
    due_time: str | None
    status: FollowUpStatus
    assigned_to: int | None
    owner_ref: str  # trader code, INQ-… or CASE-…
    owner_name: str  # trader name
    trader_id: int | None
    inquiry_id: int | None
    case_id: int | None
