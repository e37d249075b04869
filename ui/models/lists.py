"""The columns of the four big lists (traders, inquiries, cases, follow-ups) and the lazy models
built on them. Sort keys are the core's whitelisted keys (``liaison.db.queries`` ``*_SORTS``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from PySide6.QtCore import QCoreApplication, QObject

from liaison.enums import FollowUpStatus
from liaison.models import CaseRow, FollowUpRow, InquiryRow, TraderRow
from liaison.rules.identifiers import format_phone
from liaison.rules.transitions import ACTIVE_INQUIRY, PAUSED
from ui.models.base import RIGHT, Colours, Column, count_text, date_text, stamp_text
from ui.models.labels import label
from ui.models.lazy import LazyTableModel, ListSource
from ui.models.look import due_colours

NameOf = Callable[[int | None], str]
Today = Callable[[], dt.date]
Filters = Mapping[str, object] | None

# Paused while the office waits for the trader or an outside party: not overdue then.
RUNNING_CLOCK = ACTIVE_INQUIRY - PAUSED


def tr(text: str) -> str:
    return QCoreApplication.translate("lists", text)


def trader_columns() -> list[Column]:
    return [
        Column("code", tr("Code"), lambda r: r.code, sort="code"),
        Column("legal_name", tr("Legal name"), lambda r: r.legal_name, sort="legal_name"),
        Column("trading_name", tr("Trading name"), lambda r: r.trading_name or ""),
        Column("tin", tr("TIN"), lambda r: r.tin or "", sort="tin"),
        Column("phone", tr("Phone"), lambda r: format_phone(r.phone)),
        Column("district", tr("District"), lambda r: r.district or "", sort="district"),
        Column("status", tr("Status"), lambda r: label(r.status), sort="status"),
        Column("open_cases", tr("Open cases"), lambda r: count_text(r.open_cases), align=RIGHT),
        Column(
            "open_inquiries",
            tr("Open inquiries"),
            lambda r: count_text(r.open_inquiries),
            align=RIGHT,
        ),
    ]


def inquiry_columns(name_of: NameOf, today: Today) -> list[Column]:
    def due_look(r: InquiryRow) -> Colours | None:
        return due_colours(r.due_on, today(), pending=r.status in RUNNING_CLOCK)

    return [
        Column("ref", tr("Reference"), lambda r: r.ref, sort="ref"),
        Column(
            "received_at", tr("Received"), lambda r: stamp_text(r.received_at), sort="received_at"
        ),
        Column("trader_name", tr("Trader"), lambda r: r.trader_name, sort="trader_name"),
        Column("subject", tr("Subject"), lambda r: r.subject, sort="subject"),
        Column("category", tr("Category"), lambda r: label(r.category), sort="category"),
        Column("priority", tr("Priority"), lambda r: label(r.priority), sort="priority"),
        Column("status", tr("Status"), lambda r: label(r.status), sort="status"),
        Column("due_on", tr("Due"), lambda r: date_text(r.due_on), sort="due_on", colours=due_look),
        Column(
            "assigned_to", tr("Assigned to"), lambda r: name_of(r.assigned_to), sort="assigned_to"
        ),
    ]


def case_columns(name_of: NameOf) -> list[Column]:
    return [
        Column("ref", tr("Reference"), lambda r: r.ref, sort="ref"),
        Column("trader_name", tr("Trader"), lambda r: r.trader_name, sort="trader_name"),
        Column("bl_number", tr("B/L"), lambda r: r.bl_number, sort="bl_number"),
        Column("vessel_name", tr("Vessel"), lambda r: r.vessel_name or "", sort="vessel_name"),
        Column(
            "container_count",
            tr("Boxes"),
            lambda r: count_text(r.container_count),
            sort="container_count",
            align=RIGHT,
        ),
        Column("stage", tr("Stage"), lambda r: label(r.stage), sort="stage"),
        Column("stage_on", tr("Stage date"), lambda r: date_text(r.stage_on), sort="stage_on"),
        Column("status", tr("Status"), lambda r: label(r.status), sort="status"),
        Column("opened_on", tr("Opened"), lambda r: date_text(r.opened_on), sort="opened_on"),
        Column(
            "assigned_to", tr("Assigned to"), lambda r: name_of(r.assigned_to), sort="assigned_to"
        ),
        Column(
            "updated_at", tr("Last change"), lambda r: stamp_text(r.updated_at), sort="updated_at"
        ),
    ]


def followup_columns(name_of: NameOf, today: Today) -> list[Column]:
    def due_look(r: FollowUpRow) -> Colours | None:
        return due_colours(r.due_on, today(), pending=r.status is FollowUpStatus.PENDING)

    return [
        Column("due_on", tr("Due"), lambda r: date_text(r.due_on), sort="due_on", colours=due_look),
        Column("due_time", tr("Time"), lambda r: r.due_time or ""),
        Column("title", tr("What"), lambda r: r.title, sort="title", colours=due_look),
        Column("kind", tr("Kind"), lambda r: label(r.kind), sort="kind"),
        Column("owner_ref", tr("For"), lambda r: r.owner_ref or ""),
        Column("owner_name", tr("Trader"), lambda r: r.owner_name or ""),
        Column(
            "assigned_to", tr("Assigned to"), lambda r: name_of(r.assigned_to), sort="assigned_to"
        ),
        Column("status", tr("Status"), lambda r: label(r.status), sort="status"),
    ]


def traders_model(
    source: ListSource, *, filters: Filters = None, parent: QObject | None = None
) -> LazyTableModel:
    return LazyTableModel(
        source,
        trader_columns(),
        sort="legal_name",
        descending=False,
        filters=filters,
        parent=parent,
    )


def inquiries_model(
    source: ListSource,
    name_of: NameOf,
    today: Today,
    *,
    filters: Filters = None,
    parent: QObject | None = None,
) -> LazyTableModel:
    columns = inquiry_columns(name_of, today)
    return LazyTableModel(
        source, columns, sort="received_at", descending=True, filters=filters, parent=parent
    )


def cases_model(
    source: ListSource, name_of: NameOf, *, filters: Filters = None, parent: QObject | None = None
) -> LazyTableModel:
    columns = case_columns(name_of)
    return LazyTableModel(
        source, columns, sort="ref", descending=True, filters=filters, parent=parent
    )


def followups_model(
    source: ListSource,
    name_of: NameOf,
    today: Today,
    *,
    filters: Filters = None,
    parent: QObject | None = None,
) -> LazyTableModel:
    columns = followup_columns(name_of, today)
    return LazyTableModel(
        source, columns, sort="due_on", descending=False, filters=filters, parent=parent
    )


__all__ = [
    "CaseRow",
    "FollowUpRow",
    "InquiryRow",
    "TraderRow",
    "case_columns",
    "cases_model",
    "followup_columns",
    "followups_model",
    "inquiries_model",
    "inquiry_columns",
    "trader_columns",
    "traders_model",
]
