"""Lookup lists the forms choose from: shipping lines, external parties and staff names, and
adding a party or a shipping line the office has not dealt with before."""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from liaison.db import rows
from liaison.enums import Entity, PartyKind
from liaison.errors import ValidationError
from liaison.models import Changes, Party, ShippingLine, Staff
from liaison.rules import identifiers as ids
from liaison.rules.text import clean_text, search_key
from liaison.services.base import Collector, Service, choice

COUNTRIES = ("RW", "KE", "UG", "TZ", "OTHER")
_SCAC = re.compile(r"^[A-Z]{4}$")


def clean_scac_prefixes(value: str | None, field: str = "scac_prefixes") -> str | None:
    """ "maeu, mrku" → "MAEU,MRKU": the four-letter prefixes of a line's B/L and container
    numbers, each checked."""
    if value is None or not value.strip():
        return None
    codes = [code.strip().upper() for code in re.split(r"[,;\s]+", value) if code.strip()]
    bad = [code for code in codes if not _SCAC.match(code)]
    if bad:
        raise ValidationError(
            field, f"Each prefix is four letters, e.g. MAEU (not {bad[0]}).", code="scac"
        )
    text = ",".join(dict.fromkeys(codes))
    if len(text) > 60:
        raise ValidationError(field, "At most 60 characters.", code="too_long")
    return text


class LookupService(Service):
    def shipping_lines(self, active_only: bool = True) -> list[ShippingLine]:
        where = "WHERE active = 1 " if active_only else ""
        return [
            rows.to_record(ShippingLine, r)
            for r in self.store.all(
                f"SELECT * FROM shipping_lines {where}ORDER BY name COLLATE NOCASE"
            )
        ]

    def parties(self, kind: str | None = None, active_only: bool = True) -> list[Party]:
        where: list[str] = []
        params: list[object] = []
        if kind:
            party_kind = choice(PartyKind, kind, "kind")
            where.append("kind = ?")
            params.append(rows.db_value(party_kind))
        if active_only:
            where.append("active = 1")
        clause = f"WHERE {' AND '.join(where)} " if where else ""
        return [
            rows.to_record(Party, r)
            for r in self.store.all(
                f"SELECT * FROM parties {clause}ORDER BY name COLLATE NOCASE", params
            )
        ]

    def staff_names(self) -> dict[int, str]:
        """Every account's name by id, disabled ones included, so old records still name who
        did what."""
        return {
            int(r["id"]): str(r["full_name"])
            for r in self.store.all("SELECT id, full_name FROM staff ORDER BY id")
        }

    def add_party(
        self,
        name: str,
        kind: str,
        *,
        country: str = "",
        phone: str = "",
        email: str = "",
        contact_name: str = "",
    ) -> tuple[Party, Changes]:
        actor = self.require_editor()
        c = Collector()
        values = {
            "name": c.check(clean_text, name, "name", required=True, max_length=120),
            "kind": c.check(choice, PartyKind, kind, "kind"),
            "country": None,
            "phone": c.check(ids.clean_phone, phone, "phone"),
            "email": c.check(ids.clean_email, email, "email"),
            "contact_name": c.check(clean_text, contact_name, "contact_name", max_length=120),
        }
        if country and country.strip():
            if country.strip().upper() in COUNTRIES:
                values["country"] = country.strip().upper()
            else:
                c.add("country", f"Not one of: {', '.join(COUNTRIES)}.", "choice")
        c.raise_if_any()
        kind_value = rows.db_value(values["kind"])  # the same name may stand for another kind
        row = self._add_named(actor, "parties", values, "WHERE kind = ?", (kind_value,))
        return rows.to_record(Party, row), Changes.of(
            Entity.PARTIES, ids=((Entity.PARTIES, row["id"]),)
        )

    def add_shipping_line(self, name: str, scac_prefixes: str = "") -> tuple[ShippingLine, Changes]:
        actor = self.require_editor()
        c = Collector()
        values = {
            "name": c.check(clean_text, name, "name", required=True, max_length=120),
            "scac_prefixes": c.check(clean_scac_prefixes, scac_prefixes, "scac_prefixes"),
        }
        c.raise_if_any()
        row = self._add_named(actor, "shipping_lines", values)
        return rows.to_record(ShippingLine, row), Changes.of(Entity.PARTIES)

    def _add_named(
        self,
        actor: Staff,
        table: str,
        values: dict[str, Any],
        among: str = "",
        params: tuple[object, ...] = (),
    ) -> sqlite3.Row:
        """Add a row named ``values["name"]`` to a lookup list (with its audit rows) unless one
        already listed (``among``: a WHERE clause narrowing them) has that name, ignoring case
        and accents. Returns the stored row."""
        stamp = self.now()
        with self.store.write() as conn:
            key = search_key(values["name"])
            for other in conn.execute(f"SELECT name FROM {table} {among}", params):
                if search_key(other["name"]) == key:
                    raise ValidationError(
                        "name", f"{other['name']} is already on the list.", code="duplicate"
                    )
            row_id = rows.insert_audited(conn, table, values, stamp=stamp, staff_id=actor.id)
        row = self.store.one(f"SELECT * FROM {table} WHERE id = ?", (row_id,))
        assert row is not None
        return row
