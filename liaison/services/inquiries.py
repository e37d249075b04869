"""Inquiries: a trader's question or complaint, from receipt to resolution.

Owns the inquiry reference (``INQ-YYYY-NNNNNN``, gapless per year of receipt even with two
instances writing at once), the response clock (due date from the priority's response time in
the settings; paused while the office waits for the trader or an outside party, and moved on by
the days it waited), and the status transitions of ``rules.transitions``.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any

from liaison.clock import KIGALI, parse_stamp
from liaison.db import rows
from liaison.db.queries import INQUIRIES, inquiry_list, inquiry_where
from liaison.enums import Category, Channel, Entity, InquiryStatus, Priority
from liaison.errors import ValidationError
from liaison.models import Changes, Inquiry, InquiryDraft, InquiryRow, ListQuery
from liaison.rules.dates import parse_date
from liaison.rules.text import clean_text, search_key
from liaison.rules.transitions import (
    INQUIRY_TRANSITIONS,
    PAUSED,
    check_move,
    response_due,
    resumed_due,
)
from liaison.services.base import Collector, Context, choice
from liaison.services.listed import Listing, ReferencedService
from liaison.services.notes import MAX_NOTE, insert_note
from liaison.services.owners import Owner, check_assignee, check_trader
from liaison.services.settings import SettingsService

IS = InquiryStatus
# What an edit may change; the trader, the case link and the status have their own use cases.
EDITABLE = (
    "subject",
    "description",
    "category",
    "channel",
    "priority",
    "contact_name",
    "assigned_to",
    "due_on",
)
# Search covers the head of a long description: enough to find it, not a copy of the whole text.
DESCRIPTION_HEAD = 1000
# A receipt date typed for an earlier day is stored at noon in Kigali (10:00 UTC), so the date
# reads the same in UTC and in Kigali.
BACKDATED_TIME = "T10:00:00Z"


def validate_inquiry(draft: InquiryDraft) -> dict[str, Any]:
    """Draft → stored values (plus ``received_on``); every field error at once."""
    c = Collector()
    if draft.trader_id is None:
        c.add("trader_id", "Choose the trader this inquiry is from.", "required")
    values: dict[str, Any] = {
        "trader_id": draft.trader_id,
        "subject": c.check(clean_text, draft.subject, "subject", required=True, max_length=200),
        "description": c.check(
            clean_text, draft.description, "description", max_length=20_000, multiline=True
        ),
        "channel": c.check(choice, Channel, draft.channel, "channel"),
        "category": c.check(choice, Category, draft.category, "category"),
        "priority": c.check(choice, Priority, draft.priority, "priority"),
        "contact_name": c.check(clean_text, draft.contact_name, "contact_name", max_length=120),
        "assigned_to": draft.assigned_to,
        "case_id": draft.case_id,
        "due_on": c.check(parse_date, draft.due_on, "due_on"),
        "received_on": c.check(parse_date, draft.received_on, "received_on"),
    }
    c.raise_if_any()
    return values


def inquiry_search_text(values: dict[str, Any], ref: str) -> str:
    """The search key of an inquiry: its reference (with and without dashes), subject, contact
    and the head of its description."""
    description = (values.get("description") or "")[:DESCRIPTION_HEAD]
    words = [ref, ref.replace("-", ""), values.get("subject"), values.get("contact_name")]
    return search_key(" ".join(str(w) for w in [*words, description] if w))


def received_date(received_at: str) -> dt.date:
    return parse_stamp(received_at).astimezone(KIGALI).date()


class InquiryService(ReferencedService[Inquiry, InquiryRow]):
    listing = Listing(
        "inquiries", "inquiry", Inquiry, InquiryRow, INQUIRIES, inquiry_where, inquiry_list
    )

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.settings = SettingsService(ctx)

    # -- reading ------------------------------------------------------------------------------
    def for_trader(self, trader_id: int, limit: int = 500) -> list[InquiryRow]:
        return self.page(ListQuery(filters={"trader_id": trader_id}, limit=limit))

    def allowed_transitions(self, inquiry: Inquiry) -> list[InquiryStatus]:
        allowed = INQUIRY_TRANSITIONS[inquiry.status]
        return [status for status in InquiryStatus if status in allowed]

    # -- writing ------------------------------------------------------------------------------
    def create(self, draft: InquiryDraft) -> tuple[Inquiry, Changes]:
        actor = self.require_editor()
        values = validate_inquiry(draft)
        stamp = self.now()
        today = self.today()
        received_on: dt.date = values.pop("received_on") or today
        c = Collector()
        if received_on > today:
            c.add("received_on", "An inquiry cannot be received in the future.", "future")
        due = values["due_on"] or response_due(
            received_on, values["priority"], self.settings.sla_days()
        )
        if due < received_on:
            c.add("due_on", "The due date cannot be before the day it was received.", "early")
        c.raise_if_any()
        values["due_on"] = due
        received_at = stamp if received_on == today else received_on.isoformat() + BACKDATED_TIME
        with self.store.write() as conn:
            check_trader(conn, values["trader_id"])
            check_assignee(conn, values["assigned_to"], "assigned_to")
            self._check_case(conn, values["case_id"], values["trader_id"])
            year = received_on.year
            ref = f"INQ-{year}-{rows.next_number(conn, 'inquiry', year):06d}"
            record = {
                "ref": ref,
                **values,
                "received_at": received_at,
                "status": IS.NEW,
                "search_text": inquiry_search_text(values, ref),
            }
            inquiry_id = rows.insert_audited(
                conn,
                "inquiries",
                record,
                stamp=stamp,
                staff_id=actor.id,
                omit=("ref", "search_text"),
                reference=ref,
            )
        return self.get(inquiry_id), self._changed(inquiry_id)

    def update(
        self, inquiry_id: int, draft: InquiryDraft, expected_version: int
    ) -> tuple[Inquiry, Changes]:
        """Edit the details. An empty due date keeps the current one, moved by the difference
        of the response times when the priority changes (so days added while the clock was
        paused are kept)."""
        actor = self.require_editor()
        values = validate_inquiry(draft)
        stamp = self.now()
        with self.store.write() as conn:
            old = rows.fetch(conn, "inquiries", inquiry_id, "inquiry")
            if old["status"] == IS.CLOSED:
                raise ValidationError(
                    "status", "A closed inquiry cannot be changed.", code="closed"
                )
            if values["trader_id"] != old["trader_id"]:
                raise ValidationError(
                    "trader_id", "An inquiry stays with its trader.", code="fixed"
                )
            received = received_date(old["received_at"])
            if values["due_on"] is None:
                values["due_on"] = self._shifted_due(old, values["priority"])
            elif values["due_on"] < received:
                raise ValidationError(
                    "due_on", "The due date cannot be before the day it was received.", code="early"
                )
            patch = {name: values[name] for name in EDITABLE}
            changed = rows.diff(old, patch)
            if "assigned_to" in changed:
                check_assignee(conn, patch["assigned_to"], "assigned_to")
            if changed:
                patch["search_text"] = inquiry_search_text(patch, old["ref"])
                rows.update_audited(
                    conn,
                    "inquiries",
                    inquiry_id,
                    patch,
                    expected_version,
                    stamp=stamp,
                    staff_id=actor.id,
                    changes=changed,
                    reference=old["ref"],
                )
        return self.get(inquiry_id), self._changed(inquiry_id) if changed else Changes()

    def transition(
        self,
        inquiry_id: int,
        target: str,
        expected_version: int,
        *,
        note: str = "",
        resolution: str = "",
    ) -> tuple[Inquiry, Changes]:
        """Move the status. The note, if any, is added in the same transaction."""
        actor = self.require_editor()
        c = Collector()
        goal = c.check(choice, IS, target, "status")
        note_text = c.check(clean_text, note, "note", max_length=MAX_NOTE, multiline=True)
        summary = c.check(clean_text, resolution, "resolution", max_length=4000, multiline=True)
        if goal is IS.RESOLVED and summary is None and not c.errors:
            c.add("resolution", "Say how the inquiry was resolved.", "required")
        c.raise_if_any()
        assert isinstance(goal, IS)
        stamp = self.now()
        with self.store.write() as conn:
            old = rows.fetch(conn, "inquiries", inquiry_id, "inquiry")
            current = IS(old["status"])
            check_move("An inquiry", INQUIRY_TRANSITIONS, current, goal)
            patch = self._moved(old, current, goal, stamp, summary)
            changed = rows.diff(old, patch)
            rows.update_audited(
                conn,
                "inquiries",
                inquiry_id,
                patch,
                expected_version,
                stamp=stamp,
                staff_id=actor.id,
                changes=changed,
                action="transition",
                reference=old["ref"],
            )
            if note_text is not None:
                insert_note(
                    conn,
                    Owner("inquiry_id", inquiry_id),
                    note_text,
                    staff_id=actor.id,
                    stamp=stamp,
                    reference=old["ref"],
                )
        changes = self._changed(inquiry_id)
        if note_text is not None:
            changes = changes | Changes.of(Entity.NOTES)
        return self.get(inquiry_id), changes

    def link_case(
        self, inquiry_id: int, case_id: int | None, expected_version: int
    ) -> tuple[Inquiry, Changes]:
        """Link the inquiry to one of its trader's cases, or unlink it (``None``)."""
        actor = self.require_editor()
        stamp = self.now()
        with self.store.write() as conn:
            old = rows.fetch(conn, "inquiries", inquiry_id, "inquiry")
            self._check_case(conn, case_id, old["trader_id"])
            changed = rows.diff(old, {"case_id": case_id})
            if changed:
                rows.update_audited(
                    conn,
                    "inquiries",
                    inquiry_id,
                    {"case_id": case_id},
                    expected_version,
                    stamp=stamp,
                    staff_id=actor.id,
                    changes=changed,
                    reference=old["ref"],
                )
        if not changed:
            return self.get(inquiry_id), Changes()
        return self.get(inquiry_id), self._changed(inquiry_id) | Changes.of(Entity.CASES)

    # -- helpers ------------------------------------------------------------------------------
    def _moved(
        self,
        old: sqlite3.Row,
        current: InquiryStatus,
        goal: InquiryStatus,
        stamp: str,
        resolution: str | None,
    ) -> dict[str, Any]:
        """The columns a transition changes, clock included."""
        today = self.today()
        due = dt.date.fromisoformat(old["due_on"])
        patch: dict[str, Any] = {"status": goal}
        if goal in PAUSED:
            if current not in PAUSED:
                patch["paused_since"] = today
        elif current in PAUSED:
            due = resumed_due(due, dt.date.fromisoformat(old["paused_since"]), today)
            patch["due_on"] = due
            patch["paused_since"] = None
        if current is IS.NEW and old["first_response_at"] is None:
            patch["first_response_at"] = stamp
        if goal is IS.RESOLVED:
            patch["resolved_at"] = stamp
        if goal in (IS.RESOLVED, IS.CLOSED) and resolution is not None:
            patch["resolution"] = resolution
        if goal is IS.CLOSED:
            patch["closed_at"] = stamp
        if current is IS.RESOLVED and goal is IS.OPEN:
            # The trader came back: the reopened inquiry gets a fresh response time.
            patch["resolved_at"] = None
            fresh = response_due(today, Priority(old["priority"]), self.settings.sla_days())
            patch["due_on"] = max(due, fresh)
        return patch

    def _shifted_due(self, old: sqlite3.Row, priority: Priority) -> dt.date:
        due = dt.date.fromisoformat(old["due_on"])
        before = Priority(old["priority"])
        if priority is before:
            return due
        sla = self.settings.sla_days()
        moved = due + dt.timedelta(days=sla[priority] - sla[before])
        return max(moved, received_date(old["received_at"]))

    def _check_case(self, conn: sqlite3.Connection, case_id: int | None, trader_id: int) -> None:
        if case_id is None:
            return
        row = conn.execute("SELECT trader_id FROM cases WHERE id = ?", (case_id,)).fetchone()
        if row is None:
            raise ValidationError("case_id", "That case does not exist.", code="not_found")
        if row["trader_id"] != trader_id:
            raise ValidationError(
                "case_id", "That case belongs to another trader.", code="other_trader"
            )

    @staticmethod
    def _changed(inquiry_id: int) -> Changes:
        return Changes.of(Entity.INQUIRIES, ids=((Entity.INQUIRIES, inquiry_id),))
