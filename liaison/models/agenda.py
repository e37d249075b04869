"""The Today view's items: what needs someone's attention today."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from liaison.enums import Entity


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """One line on Today. ``kind``/``record_id`` say what opens on double-click."""

    kind: Entity  # FOLLOWUPS, INQUIRIES, REFERRALS, CONTAINERS
    record_id: int
    ref: str  # CASE-…, INQ-…, container number
    title: str
    detail: str  # trader name, B/L, assigned staff…
    due: dt.date | None
    days: int  # days overdue (>0) or left (<=0), as the section means it
    case_id: int | None = None
    inquiry_id: int | None = None
    trader_id: int | None = None


@dataclass(frozen=True, slots=True)
class Agenda:
    today: dt.date
    overdue_followups: list[AgendaItem] = field(default_factory=list)
    due_today_followups: list[AgendaItem] = field(default_factory=list)
    unanswered_inquiries: list[AgendaItem] = field(default_factory=list)
    overdue_referrals: list[AgendaItem] = field(default_factory=list)
    storage_expiring: list[AgendaItem] = field(default_factory=list)
    auction_risk: list[AgendaItem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # e.g. backups overdue (issue: backups)
