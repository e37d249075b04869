"""Mapping rows to frozen dataclasses, and the small write helpers every area uses:
insert, optimistic-lock update, and the audit rows written in the same transaction (P13)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import sqlite3
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any

from liaison.errors import Conflict, NotFound

Converter = Callable[[Any], Any]


def _to_date(value: Any) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def _to_bool(value: Any) -> bool | None:
    return None if value is None else bool(value)


def _to_enum(target: type[enum.Enum]) -> Converter:
    members = target._value2member_map_

    def convert(value: Any) -> Any:
        if value is None:
            return None
        member = members.get(value)
        return member if member is not None else target(value)

    return convert


def _converter(hint: Any) -> Converter | None:
    args = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
    target = next((a for a in args if a is not type(None)), hint)
    if target is dt.date:
        return _to_date
    if target is bool:
        return _to_bool
    if isinstance(target, type) and issubclass(target, enum.Enum):
        return _to_enum(target)
    return None


@functools.cache
def _maker(cls: Any, keys: tuple[str, ...]) -> Callable[[Any], Any]:
    """A function building ``cls`` from a row of this shape, compiled once per shape, so mapping a
    page of rows costs little more than reading it (the case list's ratio to bare SQL is measured).

    When the row fills every field of a slotted dataclass, the slots are set through their
    descriptors, skipping the frozen ``__init__`` (half the cost; our records have no
    ``__post_init__``). The generated source holds only field names and positions, never data."""
    hints = typing.get_type_hints(cls)
    position = {key: index for index, key in enumerate(keys)}
    fields = [f for f in dataclasses.fields(cls) if f.name in position]
    direct = len(fields) == len(dataclasses.fields(cls)) and "__slots__" in cls.__dict__
    namespace: dict[str, Any] = {"cls": cls, "new": object.__new__}
    lines = ["def make(row):", "    record = new(cls)"] if direct else ["def make(row):"]
    arguments = []
    for field in fields:
        value = f"row[{position[field.name]}]"
        convert = _converter(hints[field.name])
        if convert is not None:
            namespace[f"c_{field.name}"] = convert
            value = f"c_{field.name}({value})"
        if direct:
            namespace[f"s_{field.name}"] = cls.__dict__[field.name].__set__
            lines.append(f"    s_{field.name}(record, {value})")
        else:
            arguments.append(f"{field.name}={value}")
    lines.append("    return record" if direct else f"    return cls({', '.join(arguments)})")
    exec(compile("\n".join(lines) + "\n", f"<record {cls.__name__}>", "exec"), namespace)
    maker: Callable[[Any], Any] = namespace["make"]
    return maker


def to_record[T](cls: type[T], row: sqlite3.Row | Mapping[str, Any]) -> T:
    keys = tuple(row.keys())
    values = row if isinstance(row, sqlite3.Row) else [row[key] for key in keys]
    record: T = _maker(cls, keys)(values)  # type: ignore[arg-type]
    return record


def to_records[T](cls: type[T], rows: list[sqlite3.Row]) -> list[T]:
    """Map many rows of one shape to records."""
    if not rows:
        return []
    make = _maker(cls, tuple(rows[0].keys()))  # type: ignore[arg-type]
    return [make(row) for row in rows]


# The ISO text of the dates met: an office writes the same few thousand days again and again,
# and formatting one costs more than finding it (bounded all the same).
_ISO_DATES: dict[dt.date, str] = {}


def db_value(value: Any) -> Any:
    """Python value → SQLite value (dates as ISO text, enums as their value, bools as 0/1)."""
    kind = type(value)
    if kind is str or kind is int or value is None:  # the most common, kept as they are
        return value
    if kind is dt.date:
        text = _ISO_DATES.get(value)
        if text is None:
            if len(_ISO_DATES) >= 4096:
                _ISO_DATES.clear()
            text = _ISO_DATES[value] = value.isoformat()
        return text
    if isinstance(value, enum.Enum):
        return value._value_  # what ``value`` gives, without its descriptor
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def insert(conn: sqlite3.Connection, table: str, values: Mapping[str, Any]) -> int:
    columns = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    cursor = conn.execute(
        f"INSERT INTO {table} ({columns}) VALUES ({marks})", [db_value(v) for v in values.values()]
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def insert_audited(
    conn: sqlite3.Connection,
    table: str,
    values: Mapping[str, Any],
    *,
    stamp: str,
    staff_id: int,
    changes: Mapping[str, tuple[Any, Any]] | None = None,
    omit: tuple[str, ...] = (),
    action: str = "create",
    reference: str | None = None,
) -> int:
    """The usual create: the row, stamped as created and last updated by ``staff_id`` at
    ``stamp``, and its audit rows, in the caller's transaction. Returns the new row's id.

    The audit rows name every field of ``values`` that is set (not None), less ``omit`` (derived
    columns such as search text), unless the caller gives its own ``changes``. A failing insert
    raises before any audit row is written."""
    stamps = {
        "created_at": stamp,
        "created_by": staff_id,
        "updated_at": stamp,
        "updated_by": staff_id,
    }
    row_id = insert(conn, table, {**values, **stamps})
    if changes is None:
        changes = {k: (None, v) for k, v in values.items() if v is not None and k not in omit}
    audit(
        conn,
        at=stamp,
        staff_id=staff_id,
        entity=table,
        entity_id=row_id,
        action=action,
        changes=changes,
        reference=reference,
    )
    return row_id


def fetch(conn: sqlite3.Connection, table: str, row_id: int, what: str) -> sqlite3.Row:
    row: sqlite3.Row | None = conn.execute(
        f"SELECT * FROM {table} WHERE id = ?", (row_id,)
    ).fetchone()
    if row is None:
        raise NotFound(f"No {what} with id {row_id}.")
    return row


def diff(
    old: sqlite3.Row | Mapping[str, Any], new: Mapping[str, Any]
) -> dict[str, tuple[Any, Any]]:
    """Fields whose stored value would change: name → (old, new), in SQLite terms."""
    changed = {}
    for name, value in new.items():
        before, after = old[name], db_value(value)
        if before != after:
            changed[name] = (before, after)
    return changed


def update_versioned(
    conn: sqlite3.Connection,
    table: str,
    row_id: int,
    changes: Mapping[str, Any],
    expected_version: int | None,
    *,
    stamp: str,
    staff_id: int,
) -> None:
    """Write ``changes`` only if the row is still at ``expected_version`` (no silent lost update
    when another instance edited it meanwhile); bump the version."""
    assignments = ", ".join(f"{name} = ?" for name in changes)
    params = [db_value(v) for v in changes.values()]
    sql = (
        f"UPDATE {table} SET {assignments}{', ' if assignments else ''}updated_at = ?, "
        "updated_by = ?, version = version + 1 WHERE id = ?"
    )
    params += [stamp, staff_id, row_id]
    if expected_version is not None:
        sql += " AND version = ?"
        params.append(expected_version)
    if conn.execute(sql, params).rowcount == 0:
        if conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (row_id,)).fetchone() is None:
            raise NotFound(f"No record {row_id} in {table}.")
        raise Conflict(
            "Someone else changed this record after you opened it. "
            "Close it and open it again to see their change, then redo yours."
        )


def update_audited(
    conn: sqlite3.Connection,
    table: str,
    row_id: int,
    values: Mapping[str, Any],
    expected_version: int | None,
    *,
    stamp: str,
    staff_id: int,
    changes: Mapping[str, tuple[Any, Any]],
    action: str = "update",
    reference: str | None = None,
) -> None:
    """The usual edit: the optimistic-lock update and its audit rows, in the caller's transaction."""
    update_versioned(conn, table, row_id, values, expected_version, stamp=stamp, staff_id=staff_id)
    audit(
        conn,
        at=stamp,
        staff_id=staff_id,
        entity=table,
        entity_id=row_id,
        action=action,
        changes=changes,
        reference=reference,
    )


def audit(
    conn: sqlite3.Connection,
    *,
    at: str,
    staff_id: int,
    entity: str,
    entity_id: int | None,
    action: str,
    changes: Mapping[str, tuple[Any, Any]] | None = None,
    reference: str | None = None,
) -> None:
    """One audit row per changed field (or one row for an action without fields)."""
    rows: list[tuple[Any, ...]] = []
    if changes:
        for name, (old, new) in changes.items():
            rows.append(
                (at, staff_id, entity, entity_id, action, name, _text(old), _text(new), reference)
            )
    else:
        rows.append((at, staff_id, entity, entity_id, action, None, None, None, reference))
    conn.executemany(
        "INSERT INTO audit_log (at, staff_id, entity, entity_id, action, field, old_value, "
        "new_value, reference) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def _text(value: Any) -> str | None:
    value = db_value(value)
    return None if value is None else str(value)


def next_number(conn: sqlite3.Connection, name: str, year: int) -> int:
    """The next number of a yearly counter. Must run inside ``BEGIN IMMEDIATE``: the counter row
    is bumped with ``UPDATE … RETURNING``, so two processes never get the same number and a
    rolled-back transaction returns its number (no gaps)."""
    conn.execute(
        "INSERT OR IGNORE INTO counters (name, year, last_value) VALUES (?, ?, 0)", (name, year)
    )
    row = conn.execute(
        "UPDATE counters SET last_value = last_value + 1 WHERE name = ? AND year = ? "
        "RETURNING last_value",
        (name, year),
    ).fetchone()
    return int(row[0])
