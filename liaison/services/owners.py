"""The record a note, referral or follow-up belongs to (exactly one of a trader, an inquiry or a
case), and the checks on the staff member a piece of work is assigned to."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from liaison.enums import Entity, Role, TraderStatus
from liaison.errors import ValidationError


@dataclass(frozen=True, slots=True)
class Owner:
    """``column`` is the owner column of the row (trader_id, inquiry_id or case_id)."""

    column: str
    id: int

    @property
    def entity(self) -> Entity:
        return OWNER_ENTITIES[self.column]

    def columns(self) -> dict[str, int | None]:
        """The three owner columns of a row, exactly one of them set."""
        return {name: (self.id if name == self.column else None) for name in OWNER_ENTITIES}


OWNER_ENTITIES = {
    "trader_id": Entity.TRADERS,
    "inquiry_id": Entity.INQUIRIES,
    "case_id": Entity.CASES,
}
# (table, column holding the reference shown to people)
_OWNER_TABLES = {
    "trader_id": ("traders", "code"),
    "inquiry_id": ("inquiries", "ref"),
    "case_id": ("cases", "ref"),
}


def one_owner(*, trader_id: int | None, inquiry_id: int | None, case_id: int | None) -> Owner:
    given = [
        Owner(column, value)
        for column, value in (
            ("trader_id", trader_id),
            ("inquiry_id", inquiry_id),
            ("case_id", case_id),
        )
        if value is not None
    ]
    if len(given) != 1:
        raise ValidationError(
            "owner",
            "Give exactly one of a trader, an inquiry or a case.",
            code="one_owner",
        )
    return given[0]


def owner_reference(conn: sqlite3.Connection, owner: Owner) -> str:
    """The owner's reference (trader code, INQ-…, CASE-…); refuses a missing owner and a trader
    merged into another (its records moved to the kept trader)."""
    table, ref_column = _OWNER_TABLES[owner.column]
    extra = ", status" if table == "traders" else ""
    row = conn.execute(
        f"SELECT {ref_column}{extra} FROM {table} WHERE id = ?", (owner.id,)
    ).fetchone()
    if row is None:
        raise ValidationError(owner.column, "That record does not exist.", code="not_found")
    if table == "traders" and row["status"] == TraderStatus.MERGED:
        raise ValidationError(
            owner.column,
            "That trader was merged into another; use the one it was merged into.",
            code="merged",
        )
    return str(row[ref_column])


def check_trader(conn: sqlite3.Connection, trader_id: int | None, field: str = "trader_id") -> str:
    """The trader's code; refuses none, a missing trader and a merged one."""
    if trader_id is None:
        raise ValidationError(field, "Choose the trader.", code="required")
    return owner_reference(conn, Owner("trader_id", trader_id))


def check_assignee(conn: sqlite3.Connection, staff_id: int | None, field: str) -> None:
    """Work is assigned to an active staff member who can edit (not a viewer, not the system)."""
    if staff_id is None:
        return
    row = conn.execute("SELECT role, active FROM staff WHERE id = ?", (staff_id,)).fetchone()
    if row is None or row["role"] == Role.SYSTEM:
        raise ValidationError(field, "Choose a staff member from the list.", code="not_found")
    if not row["active"]:
        raise ValidationError(field, "That staff member's account is disabled.", code="inactive")
    if row["role"] == Role.VIEWER:
        raise ValidationError(
            field, "That account can only view records; choose an officer.", code="viewer"
        )
