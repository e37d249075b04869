"""Traders: register, edit, list, merge duplicates."""

from __future__ import annotations

from typing import Any

from liaison.db import rows
from liaison.db.queries import TRADERS, trader_list, trader_where
from liaison.enums import Entity, Language, TraderStatus
from liaison.errors import ValidationError
from liaison.models import Changes, Trader, TraderDraft, TraderRow
from liaison.rules import identifiers as ids
from liaison.rules.text import clean_text, search_key
from liaison.services.base import Collector, choice
from liaison.services.listed import ListedService, Listing

FIELDS = (
    "legal_name",
    "trading_name",
    "tin",
    "vat_registered",
    "business_sector",
    "district",
    "sector",
    "street",
    "po_box",
    "phone",
    "phone_alt",
    "whatsapp",
    "email",
    "contact_person",
    "language",
    "notes",
)


def validate_trader(draft: TraderDraft) -> dict[str, Any]:
    """Draft → stored values; every field error at once."""
    c = Collector()
    values = {
        "legal_name": c.check(clean_text, draft.legal_name, "legal_name", required=True),
        "trading_name": c.check(clean_text, draft.trading_name, "trading_name"),
        "tin": c.check(ids.clean_tin, draft.tin, "tin"),
        "vat_registered": bool(draft.vat_registered),
        "business_sector": c.check(
            clean_text, draft.business_sector, "business_sector", max_length=80
        ),
        "district": c.check(clean_text, draft.district, "district", max_length=60),
        "sector": c.check(clean_text, draft.sector, "sector", max_length=60),
        "street": c.check(clean_text, draft.street, "street"),
        "po_box": c.check(clean_text, draft.po_box, "po_box", max_length=40),
        "phone": c.check(ids.clean_phone, draft.phone, "phone"),
        "phone_alt": c.check(ids.clean_phone, draft.phone_alt, "phone_alt"),
        "whatsapp": c.check(ids.clean_phone, draft.whatsapp, "whatsapp"),
        "email": c.check(ids.clean_email, draft.email, "email"),
        "contact_person": c.check(
            clean_text, draft.contact_person, "contact_person", max_length=120
        ),
        "language": c.check(choice, Language, draft.language or "en", "language"),
        "notes": c.check(clean_text, draft.notes, "notes", max_length=4000, multiline=True),
    }
    c.raise_if_any()
    return values


def trader_search_text(values: dict[str, Any], code: str) -> str:
    parts = [
        code,
        values["legal_name"],
        values.get("trading_name"),
        values.get("tin"),
        values.get("contact_person"),
        values.get("district"),
    ]
    phones = [
        p for p in (values.get("phone"), values.get("phone_alt"), values.get("whatsapp")) if p
    ]
    # Phones as digits, both international and national (0788…), so either form finds them.
    phone_keys = [p.lstrip("+") for p in phones] + [
        "0" + p[4:] for p in phones if p.startswith("+250")
    ]
    return search_key(" ".join(str(p) for p in parts + phone_keys if p))


class TraderService(ListedService[Trader, TraderRow]):
    listing = Listing("traders", "trader", Trader, TraderRow, TRADERS, trader_where, trader_list)

    def by_tin(self, tin: str) -> Trader | None:
        row = self.store.one("SELECT * FROM traders WHERE tin = ?", (ids.compact(tin),))
        return rows.to_record(Trader, row) if row else None

    def by_code(self, code: str) -> Trader | None:
        row = self.store.one("SELECT * FROM traders WHERE code = ?", (code.strip().upper(),))
        return rows.to_record(Trader, row) if row else None

    def create(self, draft: TraderDraft) -> tuple[Trader, Changes]:
        actor = self.require_editor()
        values = validate_trader(draft)
        stamp = self.now()
        with self.store.write() as conn:
            self._check_tin_free(conn, values["tin"], None)
            number = rows.next_number(conn, "trader", 0)
            code = f"TRD-{number:06d}"
            record = {"code": code, **values, "search_text": trader_search_text(values, code)}
            trader_id = rows.insert_audited(
                conn,
                "traders",
                record,
                stamp=stamp,
                staff_id=actor.id,
                changes={k: (None, v) for k, v in values.items() if v},
                reference=code,
            )
        return self.get(trader_id), Changes.of(Entity.TRADERS, ids=((Entity.TRADERS, trader_id),))

    def update(
        self, trader_id: int, draft: TraderDraft, expected_version: int
    ) -> tuple[Trader, Changes]:
        actor = self.require_editor()
        values = validate_trader(draft)
        stamp = self.now()
        with self.store.write() as conn:
            old = rows.fetch(conn, "traders", trader_id, "trader")
            self._check_tin_free(conn, values["tin"], trader_id)
            changed = rows.diff(old, values)
            if changed:
                values["search_text"] = trader_search_text(values, old["code"])
                rows.update_audited(
                    conn,
                    "traders",
                    trader_id,
                    values,
                    expected_version,
                    stamp=stamp,
                    staff_id=actor.id,
                    changes=changed,
                    reference=old["code"],
                )
        changes = (
            Changes.of(Entity.TRADERS, ids=((Entity.TRADERS, trader_id),)) if changed else Changes()
        )
        return self.get(trader_id), changes

    def set_status(
        self, trader_id: int, status: str, expected_version: int
    ) -> tuple[Trader, Changes]:
        actor = self.require_editor()
        target = choice(TraderStatus, status, "status")
        if target is TraderStatus.MERGED:
            raise ValidationError("status", "Use merge to mark a duplicate.", code="use_merge")
        stamp = self.now()
        with self.store.write() as conn:
            old = rows.fetch(conn, "traders", trader_id, "trader")
            if old["status"] == TraderStatus.MERGED:
                raise ValidationError(
                    "status", "A merged trader cannot be reactivated.", code="merged"
                )
            changed = rows.diff(old, {"status": target})
            if changed:
                rows.update_audited(
                    conn,
                    "traders",
                    trader_id,
                    {"status": target},
                    expected_version,
                    stamp=stamp,
                    staff_id=actor.id,
                    changes=changed,
                )
        return self.get(trader_id), Changes.of(Entity.TRADERS)

    def merge(self, duplicate_id: int, keep_id: int) -> tuple[Trader, Changes]:
        """Move the duplicate's inquiries, cases, notes, referrals and follow-ups to the kept
        trader, and mark the duplicate merged (it stays, pointing at the kept one)."""
        actor = self.require_editor()
        if duplicate_id == keep_id:
            raise ValidationError("keep_id", "A trader cannot be merged into itself.", code="same")
        stamp = self.now()
        with self.store.write() as conn:
            dup = rows.fetch(conn, "traders", duplicate_id, "trader")
            keep = rows.fetch(conn, "traders", keep_id, "trader")
            if TraderStatus.MERGED in (dup["status"], keep["status"]):
                raise ValidationError(
                    "keep_id", "Both traders must not be merged already.", code="merged"
                )
            moved: dict[str, tuple[object, object]] = {}
            for table in ("inquiries", "cases", "notes", "referrals", "followups"):
                count = conn.execute(
                    f"UPDATE {table} SET trader_id = ? WHERE trader_id = ?", (keep_id, duplicate_id)
                ).rowcount
                if count:
                    moved[table] = (count, keep["code"])
            tin = dup["tin"]
            patch: dict[str, object] = {
                "status": TraderStatus.MERGED,
                "merged_into_id": keep_id,
                "tin": None,
            }
            rows.update_versioned(
                conn, "traders", duplicate_id, patch, None, stamp=stamp, staff_id=actor.id
            )
            if tin and not keep["tin"]:
                rows.update_versioned(
                    conn, "traders", keep_id, {"tin": tin}, None, stamp=stamp, staff_id=actor.id
                )
            rows.audit(
                conn,
                at=stamp,
                staff_id=actor.id,
                entity="traders",
                entity_id=duplicate_id,
                action="merge",
                changes={"merged_into_id": (None, keep_id), "tin": (tin, None)} | moved,
                reference=dup["code"],
            )
        return self.get(keep_id), Changes.of(
            Entity.TRADERS, Entity.CASES, Entity.INQUIRIES, Entity.FOLLOWUPS
        )

    def _check_tin_free(self, conn: Any, tin: str | None, own_id: int | None) -> None:
        if tin is None:
            return
        other = conn.execute(
            "SELECT id, code, legal_name FROM traders WHERE tin = ?", (tin,)
        ).fetchone()
        if other is not None and other["id"] != own_id:
            raise ValidationError(
                "tin",
                f"TIN {tin} is already registered to {other['legal_name']} ({other['code']}).",
                code="tin_taken",
            )
