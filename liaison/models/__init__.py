"""Frozen dataclasses the core hands out (records) and takes in (drafts).

Records mirror stored rows, with dates as ``datetime.date`` and enums as their ``StrEnum``.
Drafts carry what a person typed, as text, so that validation can name the field and the form
can keep the typing when something is refused.
"""

from liaison.models.agenda import Agenda, AgendaItem
from liaison.models.cases import (
    Case,
    CaseDraft,
    CaseRow,
    Container,
    ContainerDraft,
    Document,
    DocumentDraft,
    MilestoneDraft,
    MilestoneRecord,
    Tariff,
    TariffDraft,
)
from liaison.models.common import AuditEntry, Changes, ListQuery, Page, SearchHit
from liaison.models.letters import BatchOutcome, BatchResult, Letter, LetterRow
from liaison.models.parties import (
    Party,
    ShippingLine,
    Staff,
    StaffDraft,
    Trader,
    TraderDraft,
    TraderRow,
)
from liaison.models.work import (
    FollowUp,
    FollowUpDraft,
    FollowUpRow,
    Inquiry,
    InquiryDraft,
    InquiryRow,
    Note,
    Referral,
    ReferralDraft,
)

__all__ = [
    "Agenda",
    "AgendaItem",
    "AuditEntry",
    "BatchOutcome",
    "BatchResult",
    "Case",
    "CaseDraft",
    "CaseRow",
    "Changes",
    "Container",
    "ContainerDraft",
    "Document",
    "DocumentDraft",
    "FollowUp",
    "FollowUpDraft",
    "FollowUpRow",
    "Inquiry",
    "InquiryDraft",
    "InquiryRow",
    "Letter",
    "LetterRow",
    "ListQuery",
    "MilestoneDraft",
    "MilestoneRecord",
    "Note",
    "Page",
    "Party",
    "Referral",
    "ReferralDraft",
    "SearchHit",
    "ShippingLine",
    "Staff",
    "StaffDraft",
    "Tariff",
    "TariffDraft",
    "Trader",
    "TraderDraft",
    "TraderRow",
]
