"""Status transitions of inquiries, cases and referrals (and the one refusal of a move they do
not allow), and the inquiry response clock that pauses while the office waits for the trader or
an external party."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from enum import StrEnum

from liaison.enums import CaseStatus, InquiryStatus, Priority, ReferralStatus
from liaison.errors import ValidationError

IS = InquiryStatus
INQUIRY_TRANSITIONS: dict[InquiryStatus, frozenset[InquiryStatus]] = {
    IS.NEW: frozenset({IS.OPEN, IS.AWAITING_TRADER, IS.AWAITING_EXTERNAL, IS.RESOLVED}),
    IS.OPEN: frozenset({IS.AWAITING_TRADER, IS.AWAITING_EXTERNAL, IS.RESOLVED}),
    IS.AWAITING_TRADER: frozenset({IS.OPEN, IS.AWAITING_EXTERNAL, IS.RESOLVED}),
    IS.AWAITING_EXTERNAL: frozenset({IS.OPEN, IS.AWAITING_TRADER, IS.RESOLVED}),
    IS.RESOLVED: frozenset({IS.CLOSED, IS.OPEN}),
    IS.CLOSED: frozenset(),
}
PAUSED = frozenset({IS.AWAITING_TRADER, IS.AWAITING_EXTERNAL})
ACTIVE_INQUIRY = frozenset({IS.NEW, IS.OPEN, IS.AWAITING_TRADER, IS.AWAITING_EXTERNAL})

C = CaseStatus
CASE_TRANSITIONS: dict[CaseStatus, frozenset[CaseStatus]] = {
    C.OPEN: frozenset({C.ON_HOLD, C.COMPLETED, C.CANCELLED}),
    C.ON_HOLD: frozenset({C.OPEN, C.COMPLETED, C.CANCELLED}),
    C.COMPLETED: frozenset({C.OPEN}),
    C.CANCELLED: frozenset({C.OPEN}),
}
ACTIVE_CASE = frozenset({C.OPEN, C.ON_HOLD})

RS = ReferralStatus
# Where a referral may go next. Answered and cancelled are final; a party that did not respond
# in time may still acknowledge or answer late.
REFERRAL_TRANSITIONS: dict[ReferralStatus, frozenset[ReferralStatus]] = {
    RS.SENT: frozenset({RS.ACKNOWLEDGED, RS.ANSWERED, RS.NO_RESPONSE, RS.CANCELLED}),
    RS.ACKNOWLEDGED: frozenset({RS.ANSWERED, RS.NO_RESPONSE, RS.CANCELLED}),
    RS.NO_RESPONSE: frozenset({RS.ACKNOWLEDGED, RS.ANSWERED, RS.CANCELLED}),
    RS.ANSWERED: frozenset(),
    RS.CANCELLED: frozenset(),
}


def can_move_inquiry(current: InquiryStatus, target: InquiryStatus) -> bool:
    return target in INQUIRY_TRANSITIONS[current]


def can_move_case(current: CaseStatus, target: CaseStatus) -> bool:
    return target in CASE_TRANSITIONS[current]


def check_move[S: StrEnum](
    what: str, allowed: Mapping[S, frozenset[S]], current: S, target: S
) -> None:
    """Refuse a status move ``allowed`` does not list, naming the status field. ``what`` opens
    the message: "A case", "An inquiry", "A referral"."""
    if target not in allowed[current]:
        raise ValidationError(
            "status", f"{what} that is {current} cannot become {target}.", code="transition"
        )


def response_due(received: dt.date, priority: Priority, sla_days: dict[Priority, int]) -> dt.date:
    return received + dt.timedelta(days=sla_days[priority])


def resumed_due(due_on: dt.date, paused_since: dt.date, today: dt.date) -> dt.date:
    """Leaving an awaiting state moves the due date on by the days spent waiting."""
    return due_on + dt.timedelta(days=max(0, (today - paused_since).days))
