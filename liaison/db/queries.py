"""The list queries behind the big tables: filters and sorting in SQL, one window of rows.

Sort keys and filters are whitelisted here; nothing a caller passes is pasted into SQL.
Every sort ends with ``id`` so that the order is total and paging is stable (a page read in the
reverse order and counted from the end holds the same rows, which is how the desk reads the far
half of a long list).

A window is found first on the narrow rows (the key and what the order and filters need, often
from an index alone) and only its rows are then joined and their columns computed: a deep
``OFFSET`` skips index entries instead of building every skipped row.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from liaison.errors import ValidationError
from liaison.models import ListQuery

Params = list[Any]
Where = tuple[list[str], Params]  # the filters as SQL conditions and their parameters
MAX_LIMIT = 5000


@dataclass(frozen=True)
class ListShape:
    """One list: its table and key, the columns a row shows and the joins they need, the sort
    whitelist, and the joins the narrow window query needs when the order or a filter names
    another table's alias (e.g. sorting cases by the trader's name)."""

    table: str  # "cases c"
    key: str  # "c.id"
    columns: str
    joins: str
    sorts: Mapping[str, str]
    lookups: Mapping[str, str] = field(default_factory=dict)  # alias -> JOIN clause


def sort_parts(query: ListQuery, sorts: Mapping[str, str]) -> list[str]:
    """The expressions the query's sort orders by, the id last (refused when not whitelisted)."""
    if query.sort not in sorts:
        raise ValidationError("sort", f"Cannot sort by {query.sort}.", code="sort")
    return sorts[query.sort].split(",")


def _order(query: ListQuery, sorts: Mapping[str, str]) -> str:
    direction = "DESC" if query.descending else "ASC"
    return ", ".join(f"{part} {direction}" for part in sort_parts(query, sorts))


def lookup_joins(shape: ListShape, clauses: list[str]) -> str:
    """The joins the narrow query needs: those whose alias the order or a filter names."""
    named = " ".join(clauses)
    return "".join(
        f" {join}"
        for alias, join in shape.lookups.items()
        if re.search(rf"\b{re.escape(alias)}\.", named)
    )


def _paged(
    query: ListQuery, shape: ListShape, where: list[str], params: Params, *, count: bool
) -> tuple[str, Params]:
    """The count of matching rows, or one window of them in the query's order."""
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    order = _order(query, shape.sorts) if not count else ""
    lookups = lookup_joins(shape, [order, *where])
    if count:
        return f"SELECT count(*) FROM {shape.table}{lookups}{clause}", params
    limit = max(1, min(query.limit, MAX_LIMIT))
    window = (
        f"SELECT {shape.key} AS row_id FROM {shape.table}{lookups}{clause} "
        f"ORDER BY {order} LIMIT ? OFFSET ?"
    )
    sql = (
        f"SELECT {shape.columns} FROM ({window}) AS w "
        f"JOIN {shape.table} ON {shape.key} = w.row_id {shape.joins} ORDER BY {order}"
    )
    return sql, [*params, limit, max(0, query.offset)]


def _filter(
    f: Mapping[str, object],
    where: list[str],
    params: Params,
    *,
    equal: tuple[tuple[str, str], ...] = (),
    since: tuple[tuple[str, str], ...] = (),
    until: tuple[tuple[str, str], ...] = (),
) -> None:
    """The common filters, each a (filter key, SQL column) pair: equality when the key is given,
    and inclusive date bounds."""
    for key, column in equal:
        if f.get(key) is not None:
            where.append(f"{column} = ?")
            params.append(f[key])
    for key, column in since:
        if f.get(key):
            where.append(f"{column} >= ?")
            params.append(_date(f[key]))
    for key, column in until:
        if f.get(key):
            where.append(f"{column} <= ?")
            params.append(_date(f[key]))


def _date(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


TRADER_SORTS = {
    "id": "t.id",
    "code": "t.id",
    "legal_name": "t.legal_name COLLATE NOCASE,t.id",
    "tin": "t.tin,t.id",
    "district": "t.district COLLATE NOCASE,t.id",
    "status": "t.status,t.id",
}


TRADERS = ListShape(
    table="traders t",
    key="t.id",
    columns="t.id, t.code, t.legal_name, t.trading_name, t.tin, t.phone, t.district, t.status, "
    "(SELECT count(*) FROM cases c WHERE c.trader_id = t.id AND c.status IN ('OPEN', 'ON_HOLD'))"
    " AS open_cases, "
    "(SELECT count(*) FROM inquiries i WHERE i.trader_id = t.id AND i.status NOT IN "
    "('RESOLVED', 'CLOSED')) AS open_inquiries",
    joins="",
    sorts=TRADER_SORTS,
)


def trader_list(query: ListQuery, *, count: bool) -> tuple[str, Params]:
    return _paged(query, TRADERS, *trader_where(query.filters), count=count)


def trader_where(f: Mapping[str, object]) -> Where:
    where: list[str] = []
    params: Params = []
    if f.get("status"):
        where.append("t.status = ?")
        params.append(f["status"])
    else:
        where.append("t.status != 'merged'")
    if f.get("district"):
        where.append("t.district = ?")
        params.append(f["district"])
    return where, params


CASE_SORTS = {
    "id": "c.id",
    "ref": "c.id",
    "trader_name": "t.legal_name COLLATE NOCASE,c.id",
    "bl_number": "c.bl_key,c.id",
    "vessel_name": "c.vessel_name COLLATE NOCASE,c.id",
    "status": "c.status,c.id",
    "stage": "c.stage,c.id",
    "stage_on": "c.stage_on,c.id",
    "container_count": "c.container_count,c.id",
    "opened_on": "c.opened_on,c.id",
    "updated_at": "c.updated_at,c.id",
    "assigned_to": "c.assigned_to,c.id",
}


CASES = ListShape(
    table="cases c",
    key="c.id",
    columns="c.id, c.ref, c.trader_id, t.legal_name AS trader_name, c.bl_number, c.vessel_name, "
    "c.status, c.stage, c.stage_on, c.container_count, c.opened_on, c.assigned_to, c.updated_at",
    joins="JOIN traders t ON t.id = c.trader_id",
    sorts=CASE_SORTS,
    lookups={"t": "JOIN traders t ON t.id = c.trader_id"},
)


def case_list(query: ListQuery, *, count: bool) -> tuple[str, Params]:
    return _paged(query, CASES, *case_where(query.filters), count=count)


def case_where(f: Mapping[str, object]) -> Where:
    where: list[str] = []
    params: Params = []
    status = f.get("status")
    if status == "active":
        where.append("c.status IN ('OPEN', 'ON_HOLD')")
    elif status:
        where.append("c.status = ?")
        params.append(status)
    if f.get("stage"):
        where.append("c.stage = ?" if f["stage"] != "none" else "c.stage IS NULL")
        params += [f["stage"]] if f["stage"] != "none" else []
    _filter(
        f,
        where,
        params,
        equal=(
            ("assigned_to", "c.assigned_to"),
            ("trader_id", "c.trader_id"),
            ("shipping_line_id", "c.shipping_line_id"),
        ),
        since=(("opened_from", "c.opened_on"),),
        until=(("opened_to", "c.opened_on"),),
    )
    return where, params


INQUIRY_SORTS = {
    "id": "i.id",
    "ref": "i.id",
    "trader_name": "t.legal_name COLLATE NOCASE,i.id",
    "subject": "i.subject COLLATE NOCASE,i.id",
    "category": "i.category,i.id",
    "priority": "CASE i.priority WHEN 'urgent' THEN 4 WHEN 'high' THEN 3 WHEN 'normal' THEN 2 "
    "ELSE 1 END,i.id",
    "status": "i.status,i.id",
    "due_on": "i.due_on,i.id",
    "received_at": "i.received_at,i.id",
    "assigned_to": "i.assigned_to,i.id",
}


INQUIRIES = ListShape(
    table="inquiries i",
    key="i.id",
    columns="i.id, i.ref, i.trader_id, t.legal_name AS trader_name, i.subject, i.category, "
    "i.priority, i.status, i.assigned_to, i.due_on, i.received_at, i.case_id",
    joins="JOIN traders t ON t.id = i.trader_id",
    sorts=INQUIRY_SORTS,
    lookups={"t": "JOIN traders t ON t.id = i.trader_id"},
)


def inquiry_list(query: ListQuery, *, count: bool) -> tuple[str, Params]:
    return _paged(query, INQUIRIES, *inquiry_where(query.filters), count=count)


def inquiry_where(f: Mapping[str, object]) -> Where:
    where: list[str] = []
    params: Params = []
    status = f.get("status")
    if status == "active":
        where.append("i.status IN ('NEW', 'OPEN', 'AWAITING_TRADER', 'AWAITING_EXTERNAL')")
    elif status:
        where.append("i.status = ?")
        params.append(status)
    _filter(
        f,
        where,
        params,
        equal=(
            ("assigned_to", "i.assigned_to"),
            ("trader_id", "i.trader_id"),
            ("case_id", "i.case_id"),
            ("category", "i.category"),
            ("priority", "i.priority"),
        ),
        since=(("received_from", "i.received_at"),),
        until=(("received_to", "substr(i.received_at, 1, 10)"),),
    )
    if f.get("overdue_on"):
        where.append("i.due_on < ? AND i.status IN ('NEW', 'OPEN')")
        params.append(_date(f["overdue_on"]))
    return where, params


FOLLOWUP_SORTS = {
    "id": "f.id",
    "due_on": "f.due_on,f.due_time,f.id",
    "title": "f.title COLLATE NOCASE,f.id",
    "status": "f.status,f.id",
    "assigned_to": "f.assigned_to,f.id",
    "kind": "f.kind,f.id",
}


FOLLOWUPS = ListShape(
    table="followups f",
    key="f.id",
    columns="f.id, f.title, f.kind, f.due_on, f.due_time, f.status, f.assigned_to, "
    "f.trader_id, f.inquiry_id, f.case_id, "
    "COALESCE(c.ref, i.ref, t.code) AS owner_ref, "
    "COALESCE(t.legal_name, ti.legal_name, tc.legal_name) AS owner_name",
    joins="LEFT JOIN traders t ON t.id = f.trader_id "
    "LEFT JOIN inquiries i ON i.id = f.inquiry_id LEFT JOIN traders ti ON ti.id = i.trader_id "
    "LEFT JOIN cases c ON c.id = f.case_id LEFT JOIN traders tc ON tc.id = c.trader_id",
    sorts=FOLLOWUP_SORTS,
)


def followup_list(query: ListQuery, *, count: bool) -> tuple[str, Params]:
    return _paged(query, FOLLOWUPS, *followup_where(query.filters), count=count)


def followup_where(f: Mapping[str, object]) -> Where:
    where: list[str] = []
    params: Params = []
    if f.get("status"):
        where.append("f.status = ?")
        params.append(f["status"])
    _filter(
        f,
        where,
        params,
        equal=(
            ("assigned_to", "f.assigned_to"),
            ("trader_id", "f.trader_id"),
            ("inquiry_id", "f.inquiry_id"),
            ("case_id", "f.case_id"),
        ),
        since=(("due_from", "f.due_on"),),
        until=(("due_to", "f.due_on"),),
    )
    return where, params


# The common filters and the paged list query by public names, for the list queries kept
# elsewhere (the letters registry).
add_filters = _filter
paged = _paged
