"""Where one record stands in a list: its row number in the list's order under its filters,
counted in SQL without reading the rows before it (a list asked to show a record deep in a
100,000-row order reads only the page that holds it).

The row number is the count of matching rows ordered before the record. Every order ends with
the id, so it is total; the record's own sort values are read first, and "ordered before it" is
the ORDER BY's comparison spelled out key by key, as SQLite sorts: NULL first in an ascending
order and last in a descending one, each key compared with the collation the order names
(``COLLATE NOCASE``), ties broken by the next key. Where the keys left to compare cannot be NULL
(the schema's NOT NULL, the id) they are compared as one row value, ``(key, id) < (?, ?)``,
which SQLite answers with one range of an index on those keys when there is one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

from liaison.db.queries import ListShape, Params, Where, lookup_joins, sort_parts
from liaison.models import ListQuery

Filters = Callable[[Mapping[str, object]], Where]
Condition = tuple[str, Params]

_TABLE = re.compile(r"^\s*(\w+)\s+(?:AS\s+)?(\w+)\s*$", re.IGNORECASE)
_JOINED = re.compile(r"^\s*(?:INNER\s+)?JOIN\s+(\w+)\s+(?:AS\s+)?(\w+)\s+ON\b", re.IGNORECASE)
_INNER_JOIN = re.compile(r"(?<!LEFT )(?<!OUTER )(?<!CROSS )(?<!INNER )\bJOIN\b")
_COLUMN = re.compile(r"^\s*(\w+)\.(\w+)(?:\s+COLLATE\s+\w+)?\s*$", re.IGNORECASE)


class Reader(Protocol):
    """What the position needs of the store: one row, all rows, one value."""

    def one(self, sql: str, params: Any = ()) -> Any: ...

    def all(self, sql: str, params: Any = ()) -> list[Any]: ...

    def scalar(self, sql: str, params: Any = ()) -> Any: ...


def list_position(
    store: Reader, shape: ListShape, filters: Filters, query: ListQuery, record_id: int
) -> int | None:
    """The row ``record_id`` has in the list ``query`` asks for (its sort, direction and
    filters; the window is ignored), counted from 0; None when no such record matches."""
    parts = sort_parts(query, shape.sorts)
    where, params = filters(query.filters)
    joins = lookup_joins(shape, [*parts, *where])
    probe = " AND ".join([f"{shape.key} = ?", *where])
    found = store.one(
        f"SELECT {', '.join(parts)} FROM {shape.table}{joins} WHERE {probe}", [record_id, *params]
    )
    if found is None:
        return None
    if where:
        # The rows to count are those the filters find, through their index when they have
        # one: the unary plus keeps the planner from walking the order's index instead (and
        # reading every row of that range to test the filters), and CROSS JOIN keeps the list's
        # own table in the outer loop (SQLite's way to fix the join order).
        compared = [f"+{part}" for part in parts]
        joins = _INNER_JOIN.sub("CROSS JOIN", joins)
    else:
        compared = parts
    condition, values = ordered_before(
        compared, list(found), not_null(store, shape, parts), descending=query.descending
    )
    clause = " AND ".join([*where, condition])
    sql = f"SELECT count(*) FROM {shape.table}{joins} WHERE {clause}"
    return int(store.scalar(sql, [*params, *values]))


def ordered_before(
    parts: Sequence[str], values: Sequence[Any], not_null: Sequence[bool], *, descending: bool
) -> Condition:
    """The condition that holds exactly for the rows an ``ORDER BY parts`` (all ascending or
    all descending) puts before the row whose sort values are ``values``. ``not_null`` says
    which parts can never be NULL; the last part is the id, which never is."""
    first, value = parts[0], values[0]
    rest = len(parts) > 1
    if value is not None and all(not_null[1:]):
        # Every later key has a value: one row-value comparison, NULLs of this key aside.
        if rest:
            marks = ", ".join("?" for _ in parts)
            compared = f"({', '.join(parts)}) {'>' if descending else '<'} ({marks})"
        else:
            compared = f"{first} {'>' if descending else '<'} ?"
        if descending or not_null[0]:
            return compared, list(values)
        return f"({first} IS NULL OR {compared})", list(values)
    later, later_values = ordered_before(parts[1:], values[1:], not_null[1:], descending=descending)
    if value is None:
        if descending:  # NULL sorts last: every value is before it, and earlier NULLs
            return f"({first} IS NOT NULL OR ({first} IS NULL AND {later}))", later_values
        return f"({first} IS NULL AND {later})", later_values  # nothing sorts before NULL
    if descending:
        return f"({first} > ? OR ({first} = ? AND {later}))", [value, value, *later_values]
    nulls = "" if not_null[0] else f"{first} IS NULL OR "
    return f"({nulls}{first} < ? OR ({first} = ? AND {later}))", [value, value, *later_values]


def not_null(store: Reader, shape: ListShape, parts: Sequence[str]) -> list[bool]:
    """For each sort part: whether it can never be NULL. A plain column of the list's table or
    of a table joined without LEFT is asked of the schema; any other expression counts as one
    that can be NULL (the condition is then only longer, never wrong). The last part is the id."""
    tables: dict[str, str] = {}
    for pattern, text in [(_TABLE, shape.table), *((_JOINED, j) for j in shape.lookups.values())]:
        found = pattern.match(text)
        if found:
            tables[found.group(2)] = found.group(1)
    required: dict[str, set[str]] = {}
    answer: list[bool] = []
    for part in parts[:-1]:
        column = _COLUMN.match(part)
        table = tables.get(column.group(1)) if column else None
        if column is None or table is None:
            answer.append(False)
            continue
        if table not in required:
            info = store.all(f"PRAGMA table_info({table})")
            required[table] = {str(row[1]) for row in info if row[3]}
        answer.append(column.group(2) in required[table])
    return [*answer, True]
