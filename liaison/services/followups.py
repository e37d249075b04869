"""Follow-ups: a dated reminder to call a trader or chase KPA, KRA, RRA or a shipping line,
kept against one trader, inquiry or case, until it is done (with its outcome) or cancelled."""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any

from liaison.db import rows
from liaison.db.queries import FOLLOWUPS, followup_list, followup_where
from liaison.enums import Entity, FollowUpKind, FollowUpStatus
from liaison.errors import ValidationError
from liaison.models import Changes, FollowUp, FollowUpDraft, FollowUpRow, ListQuery
from liaison.rules.dates import clean_time, parse_date
from liaison.rules.text import clean_text
from liaison.services.base import Collector, choice
from liaison.services.listed import ListedService, Listing
from liaison.services.owners import check_assignee, one_owner, owner_reference

FS = FollowUpStatus


def validate_followup(draft: FollowUpDraft, today: dt.date) -> dict[str, Any]:
    """Draft → stored values; every field error at once. A due date before today is refused."""
    c = Collector()
    due = c.check(parse_date, draft.due_on, "due_on", required=True)
    if due is not None and due < today:
        c.add("due_on", "A follow-up cannot be due before today.", "past")
    values = {
        "title": c.check(clean_text, draft.title, "title", required=True, max_length=200),
        "kind": c.check(choice, FollowUpKind, draft.kind, "kind"),
        "due_on": due,
        "due_time": c.check(clean_time, draft.due_time, "due_time"),
        "assigned_to": draft.assigned_to,
    }
    c.raise_if_any()
    return values


def _required_text(value: str, field: str, message: str) -> str:
    text = clean_text(value, field, max_length=4000, multiline=True)
    if text is None:
        raise ValidationError(field, message, code="required")
    return text


class FollowUpService(ListedService[FollowUp, FollowUpRow]):
    listing = Listing(
        "followups", "follow-up", FollowUp, FollowUpRow, FOLLOWUPS, followup_where, followup_list
    )

    # -- reading ------------------------------------------------------------------------------
    def for_owner(
        self,
        *,
        trader_id: int | None = None,
        inquiry_id: int | None = None,
        case_id: int | None = None,
        limit: int = 500,
    ) -> list[FollowUpRow]:
        """The record's follow-ups, soonest due first."""
        owner = one_owner(trader_id=trader_id, inquiry_id=inquiry_id, case_id=case_id)
        query = ListQuery(
            filters={owner.column: owner.id}, sort="due_on", descending=False, limit=limit
        )
        return self.page(query)

    # -- writing ------------------------------------------------------------------------------
    def create(self, draft: FollowUpDraft) -> tuple[FollowUp, Changes]:
        actor = self.require_editor()
        c = Collector()
        owner = c.check(
            one_owner, trader_id=draft.trader_id, inquiry_id=draft.inquiry_id, case_id=draft.case_id
        )
        values = c.check(validate_followup, draft, self.today())
        c.raise_if_any()
        stamp = self.now()
        with self.store.write() as conn:
            reference = owner_reference(conn, owner)
            check_assignee(conn, values["assigned_to"], "assigned_to")
            record = {**owner.columns(), **values, "status": FS.PENDING}
            followup_id = rows.insert_audited(
                conn, "followups", record, stamp=stamp, staff_id=actor.id, reference=reference
            )
        return self.get(followup_id), Changes.of(
            Entity.FOLLOWUPS, ids=((Entity.FOLLOWUPS, followup_id), (owner.entity, owner.id))
        )

    def update(
        self, followup_id: int, draft: FollowUpDraft, expected_version: int
    ) -> tuple[FollowUp, Changes]:
        """Edit a pending follow-up. It stays with its record; an unchanged due date that has
        meanwhile passed is kept (only a newly chosen date must not be in the past)."""
        actor = self.require_editor()
        stamp = self.now()
        with self.store.write() as conn:
            old = self._pending(conn, followup_id)
            for column in ("trader_id", "inquiry_id", "case_id"):
                given = getattr(draft, column)
                if given is not None and given != old[column]:
                    raise ValidationError(
                        "owner", "A follow-up stays with its record.", code="owner_fixed"
                    )
            old_due = dt.date.fromisoformat(old["due_on"])
            values = validate_followup(draft, min(self.today(), old_due))
            changed = rows.diff(old, values)
            if "due_on" in changed and values["due_on"] < self.today():
                raise ValidationError(
                    "due_on", "A follow-up cannot be due before today.", code="past"
                )
            if "assigned_to" in changed:
                check_assignee(conn, values["assigned_to"], "assigned_to")
            if changed:
                self._write(conn, followup_id, old, values, expected_version, stamp, actor.id)
        return self.get(followup_id), self._changed(followup_id) if changed else Changes()

    def complete(
        self, followup_id: int, outcome: str, expected_version: int
    ) -> tuple[FollowUp, Changes]:
        actor = self.require_editor()
        text = _required_text(outcome, "outcome", "Say what came of it.")
        return self._close(followup_id, FS.DONE, text, expected_version, actor.id)

    def cancel(
        self, followup_id: int, reason: str, expected_version: int
    ) -> tuple[FollowUp, Changes]:
        """The reason is kept as the outcome."""
        actor = self.require_editor()
        text = _required_text(reason, "reason", "Say why it is no longer needed.")
        return self._close(followup_id, FS.CANCELLED, text, expected_version, actor.id)

    def reschedule(
        self, followup_id: int, due_on: str | dt.date, expected_version: int
    ) -> tuple[FollowUp, Changes]:
        actor = self.require_editor()
        day = parse_date(due_on, "due_on", required=True)
        assert day is not None
        if day < self.today():
            raise ValidationError("due_on", "A follow-up cannot be due before today.", code="past")
        stamp = self.now()
        with self.store.write() as conn:
            old = self._pending(conn, followup_id)
            changed = rows.diff(old, {"due_on": day})
            if changed:
                self._write(
                    conn, followup_id, old, {"due_on": day}, expected_version, stamp, actor.id
                )
        return self.get(followup_id), self._changed(followup_id) if changed else Changes()

    # -- helpers ------------------------------------------------------------------------------
    def _close(
        self,
        followup_id: int,
        status: FollowUpStatus,
        outcome: str,
        expected_version: int,
        staff_id: int,
    ) -> tuple[FollowUp, Changes]:
        stamp = self.now()
        with self.store.write() as conn:
            old = self._pending(conn, followup_id)
            patch = {"status": status, "outcome": outcome, "done_at": stamp}
            self._write(
                conn, followup_id, old, patch, expected_version, stamp, staff_id, "transition"
            )
        return self.get(followup_id), self._changed(followup_id)

    def _pending(self, conn: sqlite3.Connection, followup_id: int) -> sqlite3.Row:
        old = rows.fetch(conn, "followups", followup_id, "follow-up")
        if old["status"] != FS.PENDING:
            raise ValidationError(
                "status",
                f"This follow-up is already {str(old['status']).lower()}.",
                code="not_pending",
            )
        return old

    def _write(
        self,
        conn: sqlite3.Connection,
        followup_id: int,
        old: sqlite3.Row,
        patch: dict[str, Any],
        expected_version: int,
        stamp: str,
        staff_id: int,
        action: str = "update",
    ) -> None:
        changed = rows.diff(old, patch)
        rows.update_versioned(
            conn, "followups", followup_id, patch, expected_version, stamp=stamp, staff_id=staff_id
        )
        rows.audit(
            conn,
            at=stamp,
            staff_id=staff_id,
            entity="followups",
            entity_id=followup_id,
            action=action,
            changes=changed,
        )

    @staticmethod
    def _changed(followup_id: int) -> Changes:
        return Changes.of(Entity.FOLLOWUPS, ids=((Entity.FOLLOWUPS, followup_id),))
