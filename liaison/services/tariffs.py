"""Free-day tariffs: KPA free storage per location and shipping-line free days, as dated rules
an administrator keeps, and the clocks of every case a change of rule touches.

Money is typed in major units ("30", "30.50") and stored as integer minor units (cents), never as
a float. Rules of the same kind, place and shipping line never overlap in time, so exactly one
rule answers "which tariff applied on the day this box was discharged".
"""

from __future__ import annotations

import decimal
import sqlite3
from typing import Any

from liaison.db import rows
from liaison.enums import Entity, InlandMode, TariffKind, TariffLocation
from liaison.errors import NotFound, ValidationError
from liaison.models import Case, Changes, Container, Tariff, TariffDraft
from liaison.rules.clocks import pick_tariff, tariff_location
from liaison.rules.dates import day_first, parse_date
from liaison.rules.text import clean_text
from liaison.services.base import Collector, Service, choice, whole_number
from liaison.services.derivation import load_tariffs, recompute_case

CURRENCIES = ("USD", "KES", "RWF")
MAX_DAILY_RATE = decimal.Decimal("1000000")
# The inland modes whose boxes are stored at each KPA location.
MODES_AT = {
    location: [mode.value for mode in InlandMode if tariff_location(mode) is location]
    for location in TariffLocation
}


def parse_money(value: str | None, field: str) -> int | None:
    """Major units as typed ("30", "30.5", "1,250.00") → minor units; empty → None."""
    if value is None or not str(value).strip():
        return None
    text = str(value).strip().replace(",", "").replace(" ", "")
    try:
        amount = decimal.Decimal(text)
    except decimal.InvalidOperation:
        raise ValidationError(field, "Write an amount such as 30 or 30.50.", code="money") from None
    if not amount.is_finite() or amount < 0 or amount > MAX_DAILY_RATE:
        raise ValidationError(field, "Write an amount between 0 and 1,000,000.", code="money")
    if amount != amount.quantize(decimal.Decimal("0.01")):
        raise ValidationError(field, "At most two decimal places.", code="money_decimals")
    return int(amount * 100)


def format_money(minor: int | None, currency: str) -> str:
    """Minor units → "USD 30.00" (empty for no amount)."""
    if minor is None:
        return ""
    return f"{currency} {minor // 100:,}.{minor % 100:02d}"


def validate_tariff(draft: TariffDraft) -> dict[str, Any]:
    c = Collector()
    kind = c.check(choice, TariffKind, draft.kind, "kind")
    location = c.check(choice, TariffLocation, draft.location, "location", required=False)
    if kind is TariffKind.KPA_FREE_STORAGE:
        if location is None and not any(e.field == "location" for e in c.errors):
            c.add("location", "Choose where the boxes are stored.", "required")
        if draft.shipping_line_id is not None:
            c.add("shipping_line_id", "KPA storage rules are not per shipping line.", "invalid")
    elif kind is TariffKind.LINE_FREE_DAYS and location is not None:
        c.add("location", "Shipping-line free days do not depend on the location.", "invalid")
    free_days = c.check(whole_number, draft.free_days, "free_days", maximum=365)
    if free_days is None and not any(e.field == "free_days" for e in c.errors):
        c.add("free_days", "The number of free days is required.", "required")
    starts = c.check(parse_date, draft.effective_from, "effective_from", required=True)
    ends = c.check(parse_date, draft.effective_to, "effective_to")
    if starts is not None and ends is not None and ends < starts:
        c.add("effective_to", "The rule cannot end before it starts.", "early")
    currency = (draft.currency or "").strip().upper()
    if currency not in CURRENCIES:
        c.add("currency", f"Not one of: {', '.join(CURRENCIES)}.", "choice")
    values = {
        "kind": kind,
        "location": location,
        "shipping_line_id": draft.shipping_line_id,
        "free_days": free_days,
        "daily_rate_minor": c.check(parse_money, draft.daily_rate, "daily_rate"),
        "currency": currency,
        "effective_from": starts,
        "effective_to": ends,
        "source_note": c.check(clean_text, draft.source_note, "source_note", max_length=400),
    }
    c.raise_if_any()
    return values


def describe(row: sqlite3.Row | dict[str, Any]) -> str:
    """A rule as people name it: "MSA, 9 free days from 01/07/2021 (open-ended)"."""
    place = row["location"] or "shipping line"
    until = f"to {day_first(row['effective_to'])}" if row["effective_to"] else "(open-ended)"
    return f"{place}, {row['free_days']} free days from {day_first(row['effective_from'])} {until}"


class TariffService(Service):
    def all(self) -> list[Tariff]:
        return [
            rows.to_record(Tariff, r)
            for r in self.store.all(
                "SELECT * FROM tariffs ORDER BY kind, location, shipping_line_id, effective_from, id"
            )
        ]

    def get(self, tariff_id: int) -> Tariff:
        row = self.store.one("SELECT * FROM tariffs WHERE id = ?", (tariff_id,))
        if row is None:
            raise NotFound(f"No tariff with id {tariff_id}.")
        return rows.to_record(Tariff, row)

    def rule_for(self, container: Container, case: Case) -> Tariff | None:
        """The KPA free-storage rule that applied to this box (in force on its discharge date at
        the place its case's inland mode stores it), or None before discharge."""
        if container.discharged_on is None:
            return None
        return pick_tariff(
            self.all(),
            TariffKind.KPA_FREE_STORAGE,
            container.discharged_on,
            location=tariff_location(case.inland_mode),
        )

    def create(self, draft: TariffDraft) -> tuple[Tariff, Changes]:
        actor = self.require_admin()
        values = validate_tariff(draft)
        stamp = self.now()
        with self.store.write() as conn:
            self._check(conn, values, None)
            tariff_id = rows.insert_audited(conn, "tariffs", values, stamp=stamp, staff_id=actor.id)
            self._recompute(conn, values)
        return self.get(tariff_id), self._changed(tariff_id)

    def update(
        self, tariff_id: int, draft: TariffDraft, expected_version: int
    ) -> tuple[Tariff, Changes]:
        actor = self.require_admin()
        values = validate_tariff(draft)
        stamp = self.now()
        with self.store.write() as conn:
            old = rows.fetch(conn, "tariffs", tariff_id, "tariff")
            changed = rows.diff(old, values)
            if not changed:
                return self.get(tariff_id), Changes()
            self._check(conn, values, tariff_id)
            rows.update_audited(
                conn,
                "tariffs",
                tariff_id,
                values,
                expected_version,
                stamp=stamp,
                staff_id=actor.id,
                changes=changed,
            )
            self._recompute(conn, values, dict(old))
        return self.get(tariff_id), self._changed(tariff_id)

    # -- helpers ------------------------------------------------------------------------------
    def _check(self, conn: sqlite3.Connection, values: dict[str, Any], own_id: int | None) -> None:
        line = values["shipping_line_id"]
        if line is not None and (
            conn.execute("SELECT 1 FROM shipping_lines WHERE id = ?", (line,)).fetchone() is None
        ):
            raise ValidationError("shipping_line_id", "Choose one from the list.", code="not_found")
        ends = values["effective_to"]
        clash = conn.execute(
            "SELECT * FROM tariffs WHERE kind = ? AND location IS ? AND shipping_line_id IS ? "
            "AND id IS NOT ? AND effective_from <= ? AND (effective_to IS NULL OR effective_to >= ?) "
            "ORDER BY effective_from LIMIT 1",
            (
                rows.db_value(values["kind"]),
                rows.db_value(values["location"]),
                line,
                own_id,
                ends.isoformat() if ends else "9999-12-31",
                values["effective_from"].isoformat(),
            ),
        ).fetchone()
        if clash is not None:
            raise ValidationError(
                "effective_from",
                f"These dates overlap the rule {describe(clash)}. "
                "Set an end date on that rule first, or choose other dates.",
                code="overlap",
            )

    def _recompute(
        self, conn: sqlite3.Connection, new: dict[str, Any], old: dict[str, Any] | None = None
    ) -> None:
        """Recompute the clocks of every case with a box discharged while the old or the new
        rule was in force, at the place (or on the shipping line) the rule covers."""
        tariffs = load_tariffs(conn)
        case_ids: set[int] = set()
        for rule in (new, old):
            if rule is not None:
                case_ids |= self._affected_cases(conn, rule)
        for case_id in sorted(case_ids):
            recompute_case(conn, case_id, tariffs)

    def _affected_cases(self, conn: sqlite3.Connection, rule: dict[str, Any]) -> set[int]:
        starts, ends = rule["effective_from"], rule["effective_to"]
        where = ["b.discharged_on >= ?", "b.discharged_on <= ?"]
        params: list[Any] = [
            rows.db_value(starts),
            rows.db_value(ends) if ends is not None else "9999-12-31",
        ]
        kind = TariffKind(rule["kind"])
        if kind is TariffKind.KPA_FREE_STORAGE:
            modes = MODES_AT[TariffLocation(rule["location"])]
            where.append(f"c.inland_mode IN ({', '.join('?' for _ in modes)})")
            params += modes
        elif rule["shipping_line_id"] is not None:
            where.append("c.shipping_line_id = ?")
            params.append(rule["shipping_line_id"])
        found = conn.execute(
            "SELECT DISTINCT b.case_id FROM containers b JOIN cases c ON c.id = b.case_id "
            f"WHERE {' AND '.join(where)}",
            params,
        )
        return {int(r[0]) for r in found}

    @staticmethod
    def _changed(tariff_id: int) -> Changes:
        return Changes.of(
            Entity.TARIFFS, Entity.CONTAINERS, Entity.CASES, ids=((Entity.TARIFFS, tariff_id),)
        )
