"""The columns of a record's small lists: containers (with their clocks coloured by urgency),
milestones, documents, notes, referrals, follow-ups, a trader's inquiries and cases, and history."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from enum import StrEnum
from operator import attrgetter
from typing import Any

from PySide6.QtCore import QCoreApplication

from liaison import enums as e
from liaison.enums import DocStatus, FollowUpStatus, ReferralStatus
from liaison.models import (
    AuditEntry,
    Container,
    Document,
    FollowUpRow,
    InquiryRow,
    MilestoneRecord,
    Referral,
)
from liaison.rules.clocks import Urgency, auction_urgency, storage_urgency
from liaison.rules.identifiers import format_container
from liaison.rules.stages import Milestone
from liaison.rules.transitions import ACTIVE_INQUIRY, PAUSED
from ui.models.base import RIGHT, Colours, Column, count_text, date_text, stamp_text
from ui.models.labels import audit_action, label
from ui.models.look import MUTED, OVERDUE, days_phrase, due_colours, urgency_colours
from ui.wording import field_label

Today = Callable[[], dt.date]
NameOf = Callable[[int | None], str]
NameOfValue = Callable[[str, str], str | None]  # (field, stored id) → what it stands for
StorageUrgency = Callable[[Container, dt.date, int], Urgency]  # (box, today, warning days)

# Paused while the office waits for the trader or an outside party: not overdue then.
RUNNING_CLOCK = ACTIVE_INQUIRY - PAUSED


def tr(text: str) -> str:
    return QCoreApplication.translate("details", text)


def _date_key(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def _date_column(
    key: str,
    title: str,
    *,
    colours: Callable[[Any], Colours | None] | None = None,
    tooltip: Callable[[Any], str] | None = None,
) -> Column:
    """The record's date field ``key``, day first, sorting as a date."""
    value = attrgetter(key)
    return Column(
        key,
        title,
        lambda r: date_text(value(r)),
        colours=colours,
        tooltip=tooltip,
        sort_value=lambda r: _date_key(value(r)),
    )


def _stamp_column(key: str, title: str) -> Column:
    """The record's stored moment ``key``, as a Kigali day and time, sorting in time."""
    value = attrgetter(key)
    return Column(key, title, lambda r: stamp_text(value(r)), sort_value=value)


# -- containers and their clocks ----------------------------------------------------------------
def kpa_urgency(box: Container, today: dt.date, warning_days: int) -> Urgency:
    return storage_urgency(
        box.kpa_free_until, box.left_custody_on, today, warning_days=warning_days
    )


def line_urgency(box: Container, today: dt.date, warning_days: int) -> Urgency:
    return storage_urgency(
        box.line_free_until, box.empty_returned_on, today, warning_days=warning_days
    )


def box_auction_urgency(box: Container, today: dt.date) -> Urgency:
    return auction_urgency(box.auction_on, box.released_on or box.left_custody_on, today)


def _clock_tip(what: str, until: dt.date | None, urgency: Urgency, today: dt.date) -> str:
    if until is None:
        return ""
    if urgency is Urgency.NONE:
        return tr("{what}: clock stopped.").format(what=what)
    if urgency is Urgency.EXPIRED:
        return tr("{what} ended {when}: charges are accruing.").format(
            what=what, when=days_phrase(until, today)
        )
    return tr("{what} ends {when}.").format(what=what, when=days_phrase(until, today))


def container_columns(today: Today, warning_days: Callable[[], int]) -> list[Column]:
    def free_until(key: str, title: str, what: str, urgency: StorageUrgency) -> Column:
        """A free-storage clock's last free day, coloured and explained by its urgency."""

        def now(box: Container) -> Urgency:
            return urgency(box, today(), warning_days())

        return _date_column(
            key,
            title,
            colours=lambda box: urgency_colours(now(box)),
            tooltip=lambda box: _clock_tip(what, getattr(box, key), now(box), today()),
        )

    def auction_look(box: Container) -> Colours | None:
        return urgency_colours(box_auction_urgency(box, today()))

    def auction_tip(box: Container) -> str:
        urgency = box_auction_urgency(box, today())
        if urgency is Urgency.AUCTION:
            return tr("Past the 21-day threshold: the box risks going to auction.")
        if urgency is Urgency.RUNNING and box.auction_on:
            return tr("The 21-day auction threshold falls {when}.").format(
                when=days_phrase(box.auction_on, today())
            )
        return ""

    def number_tip(box: Container) -> str:
        if box.check_digit_override:
            return tr("Check digit overridden: {reason}").format(reason=box.check_digit_override)
        return ""

    def number_text(box: Container) -> str:
        text = format_container(box.number)
        return f"{text} ⚠" if box.check_digit_override else text

    return [
        Column("number", tr("Container"), number_text, tooltip=number_tip),
        Column("size_type", tr("Size/type"), lambda b: b.size_type or ""),
        Column("seal_no", tr("Seal"), lambda b: b.seal_no or ""),
        Column("stage", tr("Stage"), lambda b: label(b.stage)),
        _date_column("discharged_on", tr("Discharged")),
        free_until("kpa_free_until", tr("KPA free until"), tr("KPA free storage"), kpa_urgency),
        free_until(
            "line_free_until", tr("Line free until"), tr("Shipping line free days"), line_urgency
        ),
        _date_column(
            "auction_on", tr("21-day threshold"), colours=auction_look, tooltip=auction_tip
        ),
        _date_column("released_on", tr("Released")),
        _date_column("left_custody_on", tr("Left custody")),
        _date_column("delivered_on", tr("Delivered")),
    ]


# -- milestones, documents ----------------------------------------------------------------------
def milestone_columns(box_number: Callable[[int | None], str]) -> list[Column]:
    def look(m: MilestoneRecord) -> Colours | None:
        return MUTED if m.voided_at else None

    def what(m: MilestoneRecord) -> str:
        text = label(m.code)
        return tr("{what} (void)").format(what=text) if m.voided_at else text

    def tip(m: MilestoneRecord) -> str:
        if m.voided_at:
            return tr("Voided: {reason}").format(reason=m.void_reason or "")
        return m.note or ""

    return [
        Column(
            "occurred_on",
            tr("Date"),
            lambda m: date_text(m.occurred_on),
            colours=look,
            sort_value=lambda m: (m.occurred_on.isoformat(), m.occurred_time or "", m.id),
        ),
        Column("occurred_time", tr("Time"), lambda m: m.occurred_time or "", colours=look),
        Column("code", tr("Milestone"), what, colours=look, tooltip=tip),
        Column("container", tr("Applies to"), lambda m: box_number(m.container_id), colours=look),
        Column("location", tr("Where"), lambda m: m.location or "", colours=look),
        Column("source", tr("Source"), lambda m: label(m.source), colours=look),
        Column(
            "note", tr("Note"), lambda m: m.note or m.void_reason or "", colours=look, tooltip=tip
        ),
    ]


def document_columns() -> list[Column]:
    def look(d: Document) -> Colours | None:
        if d.status in (DocStatus.MISSING, DocStatus.REJECTED):
            return OVERDUE
        return None

    return [
        Column("doc_type", tr("Document"), lambda d: label(d.doc_type)),
        Column("status", tr("Status"), lambda d: label(d.status), colours=look),
        Column("reference_no", tr("Reference"), lambda d: d.reference_no or ""),
        _date_column("received_on", tr("Received")),
        Column("note", tr("Note"), lambda d: d.note or ""),
    ]


# -- work items ---------------------------------------------------------------------------------
def note_columns() -> list[Column]:
    return [
        _stamp_column("created_at", tr("When")),
        Column("author", tr("By"), lambda n: n.author),
        Column("body", tr("Note"), lambda n: " ".join(n.body.split()), tooltip=lambda n: n.body),
    ]


def referral_columns(today: Today) -> list[Column]:
    def look(r: Referral) -> Colours | None:
        waiting = r.status in (ReferralStatus.SENT, ReferralStatus.ACKNOWLEDGED)
        return due_colours(r.response_due_on, today(), pending=waiting)

    return [
        Column("party_name", tr("Referred to"), lambda r: r.party_name),
        _date_column("referred_on", tr("On")),
        Column("channel", tr("By"), lambda r: label(r.channel)),
        Column("their_reference", tr("Their reference"), lambda r: r.their_reference or ""),
        _date_column("response_due_on", tr("Answer due"), colours=look),
        Column("status", tr("Status"), lambda r: label(r.status), colours=look),
        _date_column("responded_on", tr("Answered")),
        Column("response_summary", tr("Answer"), lambda r: r.response_summary or ""),
    ]


def owner_followup_columns(name_of: NameOf, today: Today) -> list[Column]:
    def look(f: FollowUpRow) -> Colours | None:
        return due_colours(f.due_on, today(), pending=f.status is FollowUpStatus.PENDING)

    return [
        Column(
            "due_on",
            tr("Due"),
            lambda f: date_text(f.due_on),
            colours=look,
            sort_value=lambda f: (f.due_on.isoformat(), f.due_time or ""),
        ),
        Column("due_time", tr("Time"), lambda f: f.due_time or ""),
        Column("title", tr("What"), lambda f: f.title, colours=look),
        Column("kind", tr("Kind"), lambda f: label(f.kind)),
        Column("assigned_to", tr("Assigned to"), lambda f: name_of(f.assigned_to)),
        Column("status", tr("Status"), lambda f: label(f.status)),
    ]


def trader_inquiry_columns(today: Today) -> list[Column]:
    def look(r: InquiryRow) -> Colours | None:
        return due_colours(r.due_on, today(), pending=r.status in RUNNING_CLOCK)

    return [
        Column("ref", tr("Reference"), lambda r: r.ref),
        _stamp_column("received_at", tr("Received")),
        Column("subject", tr("Subject"), lambda r: r.subject),
        Column("status", tr("Status"), lambda r: label(r.status)),
        _date_column("due_on", tr("Due"), colours=look),
    ]


def trader_case_columns() -> list[Column]:
    return [
        Column("ref", tr("Reference"), lambda r: r.ref),
        Column("bl_number", tr("B/L"), lambda r: r.bl_number),
        Column(
            "container_count",
            tr("Boxes"),
            lambda r: count_text(r.container_count),
            align=RIGHT,
            sort_value=lambda r: r.container_count,
        ),
        Column("stage", tr("Stage"), lambda r: label(r.stage)),
        Column("status", tr("Status"), lambda r: label(r.status)),
        _date_column("opened_on", tr("Opened")),
    ]


def history_columns(names: NameOfValue | None = None) -> list[Column]:
    """``names(field, value)``: what a stored id stands for (None when unknown)."""
    return [
        Column("at", tr("When"), lambda a: stamp_text(a.at), sort_value=lambda a: (a.at, a.id)),
        Column("staff_name", tr("Who"), lambda a: a.staff_name),
        Column("action", tr("Action"), lambda a: audit_action(a.action)),
        Column("record", tr("Record"), lambda a: entity_label(a.entity)),
        Column("field", tr("Field"), lambda a: _field(a.field)),
        Column("old_value", tr("Before"), lambda a: audit_value(a, a.old_value, names)),
        Column("new_value", tr("After"), lambda a: audit_value(a, a.new_value, names)),
    ]


def entity_label(entity: str) -> str:
    return {
        "traders": tr("Trader"),
        "inquiries": tr("Inquiry"),
        "cases": tr("Case"),
        "containers": tr("Container"),
        "milestones": tr("Milestone"),
        "documents": tr("Document"),
        "notes": tr("Note"),
        "referrals": tr("Referral"),
        "followups": tr("Follow-up"),
    }.get(entity, entity)


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
_STATUS_OF = {
    "traders": e.TraderStatus,
    "inquiries": e.InquiryStatus,
    "cases": e.CaseStatus,
    "documents": e.DocStatus,
    "followups": e.FollowUpStatus,
    "referrals": e.ReferralStatus,
}
_ENUM_OF: dict[str, type[StrEnum]] = {
    "code": Milestone,
    "stage": Milestone,
    "source": e.MilestoneSource,
    "channel": e.Channel,
    "category": e.Category,
    "priority": e.Priority,
    "doc_type": e.DocType,
    "language": e.Language,
    "bl_type": e.BlType,
    "inland_mode": e.InlandMode,
    "customs_regime": e.Regime,
    "border_exit_ke": e.BorderKE,
    "border_entry_rw": e.BorderRW,
    "destination": e.Destination,
}


def audit_value(entry: AuditEntry, value: str | None, names: NameOfValue | None = None) -> str:
    """A stored value as a person reads it: words for codes, day-first dates, Kigali times,
    and names for the ids of other records (``names``)."""
    if value is None:
        return ""
    if names is not None and entry.field and value.isdigit():
        named = names(entry.field, value)
        if named is not None:
            return named
    enum = _STATUS_OF.get(entry.entity) if entry.field == "status" else None
    if entry.field == "kind":
        enum = e.FollowUpKind if entry.entity == "followups" else e.PartyKind
    enum = enum or _ENUM_OF.get(entry.field or "")
    if enum is not None:
        try:
            return label(enum(value))
        except ValueError:
            return value
    if entry.field == "vat_registered":
        return tr("Yes") if value in ("1", "True") else tr("No")
    if _ISO_DATE.match(value):
        return date_text(value)
    if _STAMP.match(value):
        return stamp_text(value)
    return value


def _field(name: str | None) -> str:
    return field_label(name) if name else ""
