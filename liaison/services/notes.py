"""Notes: free text kept against a trader, an inquiry or a case, newest first, never edited.

A note is the office's own record of what was said or done; it is added, not changed, so the
history of a matter reads the way it happened.
"""

from __future__ import annotations

import sqlite3

from liaison.db import rows
from liaison.enums import Entity
from liaison.errors import NotFound
from liaison.models import Changes, Note
from liaison.rules.text import clean_text
from liaison.services.base import Service
from liaison.services.owners import Owner, one_owner, owner_reference

MAX_NOTE = 20_000


def clean_note(body: str | None, field: str = "body") -> str:
    """A note's text: required, line breaks kept, longer than 20,000 characters refused (never
    truncated)."""
    text = clean_text(body, field, required=True, max_length=MAX_NOTE, multiline=True)
    assert text is not None
    return text


def insert_note(
    conn: sqlite3.Connection,
    owner: Owner,
    body: str,
    *,
    staff_id: int,
    stamp: str,
    reference: str,
) -> int:
    """Write a cleaned note and its audit row inside the caller's transaction."""
    values = {**owner.columns(), "body": body}
    return rows.insert_audited(
        conn, "notes", values, stamp=stamp, staff_id=staff_id, reference=reference
    )


class NoteService(Service):
    def for_owner(
        self,
        *,
        trader_id: int | None = None,
        inquiry_id: int | None = None,
        case_id: int | None = None,
    ) -> list[Note]:
        owner = one_owner(trader_id=trader_id, inquiry_id=inquiry_id, case_id=case_id)
        return [
            rows.to_record(Note, r)
            for r in self.store.all(
                "SELECT n.id, n.body, n.created_at, n.created_by, s.full_name AS author "
                f"FROM notes n JOIN staff s ON s.id = n.created_by WHERE n.{owner.column} = ? "
                "ORDER BY n.created_at DESC, n.id DESC",
                (owner.id,),
            )
        ]

    def get(self, note_id: int) -> Note:
        row = self.store.one(
            "SELECT n.id, n.body, n.created_at, n.created_by, s.full_name AS author "
            "FROM notes n JOIN staff s ON s.id = n.created_by WHERE n.id = ?",
            (note_id,),
        )
        if row is None:
            raise NotFound(f"No note with id {note_id}.")
        return rows.to_record(Note, row)

    def add(
        self,
        body: str,
        *,
        trader_id: int | None = None,
        inquiry_id: int | None = None,
        case_id: int | None = None,
    ) -> tuple[Note, Changes]:
        actor = self.require_editor()
        owner = one_owner(trader_id=trader_id, inquiry_id=inquiry_id, case_id=case_id)
        text = clean_note(body)
        stamp = self.now()
        with self.store.write() as conn:
            reference = owner_reference(conn, owner)
            note_id = insert_note(
                conn, owner, text, staff_id=actor.id, stamp=stamp, reference=reference
            )
        changes = Changes.of(Entity.NOTES, ids=((Entity.NOTES, note_id), (owner.entity, owner.id)))
        return self.get(note_id), changes
