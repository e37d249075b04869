"""Status transitions of inquiries and cases, and the inquiry response clock that pauses while
the office waits for the trader or an external party."""

from __future__ import annotations

import datetime as dt

from liaison.enums import CaseStatus, InquiryStatus, Priority

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


def can_move_inquiry(current: InquiryStatus, target: InquiryStatus) -> bool:
    return target in INQUIRY_TRANSITIONS[current]


def can_move_case(current: CaseStatus, target: CaseStatus) -> bool:
    return target in CASE_TRANSITIONS[current]


def response_due(received: dt.date, priority: Priority, sla_days: dict[Priority, int]) -> dt.date:
    return received + dt.timedelta(days=sla_days[priority])


def resumed_due(due_on: dt.date, paused_since: dt.date, today: dt.date) -> dt.date:
    """Leaving an awaiting state moves the due date on by the days spent waiting."""
    return due_on + dt.timedelta(days=max(0, (today - paused_since).days))
