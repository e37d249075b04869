"""What happens to a consignment: its containers, the milestones recorded against them, the
stage and clocks derived from those milestones, and the documents checklist."""

from __future__ import annotations

import datetime as dt

from liaison.db import rows
from liaison.enums import DocStatus, DocType, Entity, MilestoneSource
from liaison.errors import NotFound, ValidationError
from liaison.models import (
    Changes,
    Container,
    ContainerDraft,
    Document,
    DocumentDraft,
    MilestoneDraft,
    MilestoneRecord,
)
from liaison.rules.dates import clean_time, parse_date
from liaison.rules.stages import Milestone
from liaison.rules.text import clean_text
from liaison.services.base import Collector, Service, choice
from liaison.services.case_rules import container_search_text, validate_container
from liaison.services.derivation import insert_container, load_tariffs, recompute_case

M = Milestone


class TrackingService(Service):
    # -- reading ------------------------------------------------------------------------------
    def containers(self, case_id: int) -> list[Container]:
        return [
            rows.to_record(Container, r)
            for r in self.store.all(
                "SELECT * FROM containers WHERE case_id = ? ORDER BY id", (case_id,)
            )
        ]

    def container(self, container_id: int) -> Container:
        row = self.store.one("SELECT * FROM containers WHERE id = ?", (container_id,))
        if row is None:
            raise NotFound(f"No container with id {container_id}.")
        return rows.to_record(Container, row)

    def milestones(self, case_id: int, *, include_voided: bool = False) -> list[MilestoneRecord]:
        voided = "" if include_voided else " AND voided_at IS NULL"
        return [
            rows.to_record(MilestoneRecord, r)
            for r in self.store.all(
                f"SELECT * FROM milestones WHERE case_id = ?{voided} ORDER BY occurred_on, "
                "coalesce(occurred_time, ''), id",
                (case_id,),
            )
        ]

    def documents(self, case_id: int) -> list[Document]:
        return [
            rows.to_record(Document, r)
            for r in self.store.all(
                "SELECT * FROM documents WHERE case_id = ? ORDER BY id", (case_id,)
            )
        ]

    # -- containers ---------------------------------------------------------------------------
    def add_container(self, case_id: int, draft: ContainerDraft) -> tuple[Container, Changes]:
        actor = self.require_editor()
        values = validate_container(draft)
        stamp = self.now()
        with self.store.write() as conn:
            case = rows.fetch(conn, "cases", case_id, "case")
            container_id = insert_container(conn, case_id, values, actor.id, stamp, case["ref"])
            recompute_case(conn, case_id)
            conn.execute(
                "UPDATE cases SET updated_at = ?, updated_by = ? WHERE id = ?",
                (stamp, actor.id, case_id),
            )
        return self.container(container_id), Changes.of(Entity.CONTAINERS, Entity.CASES)

    def update_container(
        self, container_id: int, draft: ContainerDraft, expected_version: int
    ) -> tuple[Container, Changes]:
        actor = self.require_editor()
        values = validate_container(draft)
        stamp = self.now()
        with self.store.write() as conn:
            old = rows.fetch(conn, "containers", container_id, "container")
            if (
                values["number"] != old["number"]
                and conn.execute(
                    "SELECT 1 FROM containers WHERE case_id = ? AND number = ? AND id != ?",
                    (old["case_id"], values["number"], container_id),
                ).fetchone()
            ):
                raise ValidationError(
                    "number", f"{values['number']} is already on this case.", code="duplicate"
                )
            changed = rows.diff(old, values)
            if changed:
                values["search_text"] = container_search_text(values)
                rows.update_audited(
                    conn,
                    "containers",
                    container_id,
                    values,
                    expected_version,
                    stamp=stamp,
                    staff_id=actor.id,
                    changes=changed,
                )
        return self.container(container_id), Changes.of(Entity.CONTAINERS) if changed else Changes()

    def remove_container(self, container_id: int, expected_version: int) -> Changes:
        """Only a box entered by mistake: one with milestones of its own must stay."""
        actor = self.require_editor()
        stamp = self.now()
        with self.store.write() as conn:
            old = rows.fetch(conn, "containers", container_id, "container")
            if old["version"] != expected_version:
                raise ValidationError(
                    "number", "The container changed meanwhile; reopen the case.", code="conflict"
                )
            if conn.execute(
                "SELECT 1 FROM milestones WHERE container_id = ?", (container_id,)
            ).fetchone():
                raise ValidationError(
                    "number",
                    "This container has milestones of its own and "
                    "cannot be removed; void them first.",
                    code="in_use",
                )
            conn.execute("DELETE FROM containers WHERE id = ?", (container_id,))
            rows.audit(
                conn,
                at=stamp,
                staff_id=actor.id,
                entity="containers",
                entity_id=container_id,
                action="delete",
                changes={"number": (old["number"], None)},
            )
            recompute_case(conn, old["case_id"])
        return Changes.of(Entity.CONTAINERS, Entity.CASES)

    # -- milestones ---------------------------------------------------------------------------
    def record_milestone(
        self, case_id: int, draft: MilestoneDraft
    ) -> tuple[list[MilestoneRecord], Changes]:
        """One event for the whole case, or one per named container. Stage and clocks follow."""
        actor = self.require_editor()
        c = Collector()
        code = c.check(choice, Milestone, draft.code, "code")
        day = c.check(parse_date, draft.occurred_on, "occurred_on", required=True)
        time = c.check(clean_time, draft.occurred_time, "occurred_time")
        source = c.check(choice, MilestoneSource, draft.source or "kpa_staff", "source")
        location = c.check(clean_text, draft.location, "location", max_length=120)
        note = c.check(clean_text, draft.note, "note", max_length=2000, multiline=True)
        if day is not None and day > self.today() + dt.timedelta(days=1):
            c.add("occurred_on", "A milestone cannot be in the future.", "future")
        c.raise_if_any()
        stamp = self.now()
        ids: list[int] = []
        with self.store.write() as conn:
            case = rows.fetch(conn, "cases", case_id, "case")
            owned = {
                r[0]
                for r in conn.execute("SELECT id FROM containers WHERE case_id = ?", (case_id,))
            }
            if any(box not in owned for box in draft.container_ids):
                raise ValidationError(
                    "container_ids", "That container is not on this case.", code="not_found"
                )
            for box in draft.container_ids or (None,):
                values = {
                    "case_id": case_id,
                    "container_id": box,
                    "code": code,
                    "occurred_on": day,
                    "occurred_time": time,
                    "location": location,
                    "source": source,
                    "note": note,
                }
                mid = rows.insert_audited(
                    conn,
                    "milestones",
                    values,
                    stamp=stamp,
                    staff_id=actor.id,
                    changes={k: (None, v) for k, v in values.items() if v},
                    reference=case["ref"],
                )
                ids.append(mid)
            recompute_case(conn, case_id)
            conn.execute(
                "UPDATE cases SET updated_at = ?, updated_by = ? WHERE id = ?",
                (stamp, actor.id, case_id),
            )
        records = [m for m in self.milestones(case_id) if m.id in ids]
        return records, Changes.of(
            Entity.MILESTONES, Entity.CONTAINERS, Entity.CASES, ids=((Entity.CASES, case_id),)
        )

    def void_milestone(self, milestone_id: int, reason: str) -> Changes:
        """Milestones are never deleted: a wrong one is voided with a reason and leaves the
        stage and clocks, but stays on the record."""
        actor = self.require_editor()
        why = clean_text(reason, "void_reason", required=True, max_length=400)
        stamp = self.now()
        with self.store.write() as conn:
            old = rows.fetch(conn, "milestones", milestone_id, "milestone")
            if old["voided_at"] is not None:
                raise ValidationError("void_reason", "This milestone is already void.", code="void")
            conn.execute(
                "UPDATE milestones SET voided_at = ?, voided_by = ?, void_reason = ?, "
                "updated_at = ?, updated_by = ?, version = version + 1 WHERE id = ?",
                (stamp, actor.id, why, stamp, actor.id, milestone_id),
            )
            rows.audit(
                conn,
                at=stamp,
                staff_id=actor.id,
                entity="milestones",
                entity_id=milestone_id,
                action="void",
                changes={"void_reason": (None, why)},
            )
            recompute_case(conn, old["case_id"])
        return Changes.of(Entity.MILESTONES, Entity.CONTAINERS, Entity.CASES)

    # -- documents checklist --------------------------------------------------------------------
    def save_document(
        self,
        case_id: int,
        draft: DocumentDraft,
        document_id: int | None = None,
        expected_version: int | None = None,
    ) -> tuple[Document, Changes]:
        actor = self.require_editor()
        c = Collector()
        values = {
            "doc_type": c.check(choice, DocType, draft.doc_type, "doc_type"),
            "status": c.check(choice, DocStatus, draft.status or "missing", "status"),
            "reference_no": c.check(clean_text, draft.reference_no, "reference_no", max_length=60),
            "received_on": c.check(parse_date, draft.received_on, "received_on"),
            "note": c.check(clean_text, draft.note, "note", max_length=1000),
        }
        c.raise_if_any()
        if (
            values["status"] in (DocStatus.RECEIVED, DocStatus.VERIFIED)
            and values["received_on"] is None
        ):
            values["received_on"] = self.today()
        stamp = self.now()
        with self.store.write() as conn:
            rows.fetch(conn, "cases", case_id, "case")
            if document_id is None:
                document_id = rows.insert_audited(
                    conn,
                    "documents",
                    {"case_id": case_id, **values},
                    stamp=stamp,
                    staff_id=actor.id,
                    changes={k: (None, v) for k, v in values.items() if v},
                )
            else:
                old = rows.fetch(conn, "documents", document_id, "document")
                rows.update_audited(
                    conn,
                    "documents",
                    document_id,
                    values,
                    expected_version,
                    stamp=stamp,
                    staff_id=actor.id,
                    changes=rows.diff(old, values),
                )
        row = self.store.one("SELECT * FROM documents WHERE id = ?", (document_id,))
        assert row is not None
        document = rows.to_record(Document, row)
        return document, Changes.of(Entity.DOCUMENTS)

    def recompute_all(self) -> int:
        """After a tariff change: every case with a discharged box gets its clocks again."""
        self.require_editor()
        with self.store.write() as conn:
            tariffs = load_tariffs(conn)
            case_ids = [
                r[0]
                for r in conn.execute(
                    "SELECT DISTINCT case_id FROM containers WHERE discharged_on IS NOT NULL"
                )
            ]
            for case_id in case_ids:
                recompute_case(conn, case_id, tariffs)
        return len(case_ids)
