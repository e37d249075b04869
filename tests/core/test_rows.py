"""The shared write helpers of ``liaison.db.rows``: a create and its audit rows in one call."""

from __future__ import annotations

import sqlite3

import pytest

from liaison.db import rows
from liaison.enums import PartyKind
from liaison.office import Office

STAMPS = ("created_at", "created_by", "updated_at", "updated_by")


def test_insert_audited_stores_the_row_and_audits_every_stored_field(office: Office) -> None:
    store, staff_id, stamp = office.store, office.actor.id, "2026-11-28T07:00:00Z"
    values = {
        "name": "Bolloré Transport Kigali",
        "kind": PartyKind.TRANSPORTER,
        "country": "RW",
        "contact_name": None,
        "phone": "+250788123456",
        "active": False,  # stored as 0, and audited: set is not the same as truthy
    }
    audited_before = store.scalar("SELECT count(*) FROM audit_log")
    with store.write() as conn:
        party_id = rows.insert_audited(
            conn, "parties", values, stamp=stamp, staff_id=staff_id, reference="P-1"
        )
        # The same kind and name again breaks UNIQUE (kind, name): nothing is audited for it,
        # even in a transaction that goes on and commits.
        with pytest.raises(sqlite3.IntegrityError):
            rows.insert_audited(conn, "parties", values, stamp=stamp, staff_id=staff_id)
    stored = store.one("SELECT * FROM parties WHERE id = ?", (party_id,))
    assert stored is not None
    assert tuple(stored[name] for name in STAMPS) == (stamp, staff_id, stamp, staff_id)
    assert stored["version"] == 1
    set_fields = {
        name: str(value)
        for name, value in dict(stored).items()
        if value is not None and name not in ("id", "version", *STAMPS)
    }
    assert set_fields.keys() == {"name", "kind", "country", "phone", "active"}
    audit = store.all(
        "SELECT * FROM audit_log WHERE entity = 'parties' AND entity_id = ?", (party_id,)
    )
    assert {row["field"]: row["new_value"] for row in audit} == set_fields
    assert {
        (row["at"], row["staff_id"], row["action"], row["old_value"], row["reference"])
        for row in audit
    } == {(stamp, staff_id, "create", None, "P-1")}
    assert store.scalar("SELECT count(*) FROM audit_log") == audited_before + len(set_fields)
