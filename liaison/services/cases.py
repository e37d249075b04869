"""Clearance cases: open (with containers, all or nothing), edit, move status, list."""

from __future__ import annotations

from typing import Any

from liaison.db import rows
from liaison.db.queries import CASES, case_list, case_where
from liaison.enums import CaseStatus, DocType, Entity
from liaison.errors import ValidationError
from liaison.models import Case, CaseDraft, CaseRow, Changes, ContainerDraft, ListQuery
from liaison.rules.transitions import CASE_TRANSITIONS, check_move
from liaison.services.base import choice
from liaison.services.case_rules import case_search_text, validate_case
from liaison.services.derivation import insert_container, recompute_case
from liaison.services.listed import Listing, ReferencedService

# Every new case starts with these on its documents checklist, as missing.
DEFAULT_CHECKLIST = (
    DocType.BL,
    DocType.COMMERCIAL_INVOICE,
    DocType.PACKING_LIST,
    DocType.CERTIFICATE_OF_ORIGIN,
    DocType.DECLARATION,
)


class CaseService(ReferencedService[Case, CaseRow]):
    listing = Listing("cases", "case", Case, CaseRow, CASES, case_where, case_list)

    def for_trader(self, trader_id: int, limit: int = 500) -> list[CaseRow]:
        return self.page(ListQuery(filters={"trader_id": trader_id}, limit=limit))

    def create(
        self, draft: CaseDraft, containers: list[ContainerDraft] | tuple[ContainerDraft, ...] = ()
    ) -> tuple[Case, Changes]:
        """The case, its containers, its checklist, its reference number and the audit rows are
        written in one transaction: a bad container refuses the whole case (P2)."""
        actor = self.require_editor()
        values = validate_case(draft)
        from liaison.services.case_rules import validate_container

        boxes: list[dict[str, Any]] = []
        for index, draft_box in enumerate(containers):
            try:
                boxes.append(validate_container(draft_box))
            except ValidationError as exc:
                raise ValidationError(
                    exc.field, exc.message, code=exc.code, row=index + 1
                ) from None
        numbers = [b["number"] for b in boxes]
        if len(set(numbers)) != len(numbers):
            raise ValidationError("number", "The same container is listed twice.", code="duplicate")
        stamp = self.now()
        today = self.today()
        values.setdefault("opened_on", today)
        with self.store.write() as conn:
            self._check_refs(conn, values)
            year = values["opened_on"].year
            ref = f"CASE-{year}-{rows.next_number(conn, 'case', year):06d}"
            record = {"ref": ref, **values, "search_text": case_search_text(values, ref)}
            case_id = rows.insert_audited(
                conn,
                "cases",
                record,
                stamp=stamp,
                staff_id=actor.id,
                omit=("ref", "search_text", "bl_key", "declaration_key"),
                reference=ref,
            )
            for doc_type in DEFAULT_CHECKLIST:
                rows.insert(
                    conn,
                    "documents",
                    {"case_id": case_id, "doc_type": doc_type, "status": "missing"}
                    | self.stamps(actor, stamp),
                )
            for box in boxes:
                insert_container(conn, case_id, box, actor.id, stamp, ref)
            recompute_case(conn, case_id)
        changes = Changes.of(
            Entity.CASES, Entity.CONTAINERS, Entity.DOCUMENTS, ids=((Entity.CASES, case_id),)
        )
        return self.get(case_id), changes

    def update(self, case_id: int, draft: CaseDraft, expected_version: int) -> tuple[Case, Changes]:
        actor = self.require_editor()
        values = validate_case(draft)
        values.pop("opened_on", None)
        stamp = self.now()
        with self.store.write() as conn:
            old = rows.fetch(conn, "cases", case_id, "case")
            self._check_refs(conn, values)
            changed = rows.diff(old, values)
            if changed:
                values["search_text"] = case_search_text(values, old["ref"])
                changed.pop("bl_key", None)
                changed.pop("declaration_key", None)
                rows.update_audited(
                    conn,
                    "cases",
                    case_id,
                    values,
                    expected_version,
                    stamp=stamp,
                    staff_id=actor.id,
                    changes=changed,
                    reference=old["ref"],
                )
                if "inland_mode" in changed or "shipping_line_id" in changed:
                    recompute_case(conn, case_id)  # the tariffs that apply depend on both
        result = Changes.of(Entity.CASES, Entity.CONTAINERS, ids=((Entity.CASES, case_id),))
        return self.get(case_id), result if changed else Changes()

    def set_status(self, case_id: int, status: str, expected_version: int) -> tuple[Case, Changes]:
        actor = self.require_editor()
        target = choice(CaseStatus, status, "status")
        assert target is not None
        stamp = self.now()
        with self.store.write() as conn:
            old = rows.fetch(conn, "cases", case_id, "case")
            current = CaseStatus(old["status"])
            if current is target:
                return self.get(case_id), Changes()
            check_move("A case", CASE_TRANSITIONS, current, target)
            closing = target in (CaseStatus.COMPLETED, CaseStatus.CANCELLED)
            patch = {"status": target, "closed_on": self.today() if closing else None}
            changed = rows.diff(old, patch)
            rows.update_audited(
                conn,
                "cases",
                case_id,
                patch,
                expected_version,
                stamp=stamp,
                staff_id=actor.id,
                changes=changed,
                action="transition",
                reference=old["ref"],
            )
        return self.get(case_id), Changes.of(Entity.CASES, ids=((Entity.CASES, case_id),))

    def _check_refs(self, conn: object, values: dict[str, object]) -> None:
        trader = self.store.one("SELECT status FROM traders WHERE id = ?", (values["trader_id"],))
        if trader is None:
            raise ValidationError("trader_id", "That trader does not exist.", code="not_found")
        if trader["status"] == "merged":
            raise ValidationError(
                "trader_id",
                "That trader was merged into another; choose the one it was merged into.",
                code="merged",
            )
        for field, table in (
            ("agent_id", "parties"),
            ("shipping_line_id", "shipping_lines"),
            ("assigned_to", "staff"),
        ):
            if (
                values.get(field) is not None
                and self.store.one(f"SELECT 1 FROM {table} WHERE id = ?", (values[field],)) is None
            ):
                raise ValidationError(field, "Choose one from the list.", code="not_found")
