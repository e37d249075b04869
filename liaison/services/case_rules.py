"""Validation of case and container drafts, and the search keys of cases and containers."""

from __future__ import annotations

from typing import Any

from liaison import enums as e
from liaison.models import CaseDraft, ContainerDraft
from liaison.rules import identifiers as ids
from liaison.rules.dates import parse_date
from liaison.rules.text import clean_text, search_key
from liaison.services.base import Collector, choice, whole_number

REFERENCE_FIELDS = (
    "house_bl_number",
    "voyage_no",
    "rotation_no",
    "manifest_no",
    "declaration_no",
    "rctg_carnet_no",
    "delivery_order_no",
    "kpa_invoice_no",
)


def validate_case(draft: CaseDraft) -> dict[str, Any]:
    c = Collector()
    if draft.trader_id is None:
        c.add("trader_id", "Choose the trader this case is for.", "required")
    bl = c.check(ids.clean_reference, draft.bl_number, "bl_number")
    if bl is None and not any(err.field == "bl_number" for err in c.errors):
        c.add("bl_number", "The bill of lading number is required.", "required")
    values: dict[str, Any] = {
        "trader_id": draft.trader_id,
        "bl_number": bl,
        "bl_type": c.check(choice, e.BlType, draft.bl_type or "master", "bl_type"),
        "consignee_name": c.check(clean_text, draft.consignee_name, "consignee_name"),
        "agent_id": draft.agent_id,
        "shipping_line_id": draft.shipping_line_id,
        "vessel_name": c.check(clean_text, draft.vessel_name, "vessel_name", max_length=80),
        "port_of_loading": c.check(
            clean_text, draft.port_of_loading, "port_of_loading", max_length=80
        ),
        "eta": c.check(parse_date, draft.eta, "eta"),
        "customs_regime": c.check(
            choice, e.Regime, draft.customs_regime, "customs_regime", required=False
        ),
        "inland_mode": c.check(choice, e.InlandMode, draft.inland_mode or "road", "inland_mode"),
        "border_exit_ke": c.check(
            choice, e.BorderKE, draft.border_exit_ke, "border_exit_ke", required=False
        ),
        "border_entry_rw": c.check(
            choice, e.BorderRW, draft.border_entry_rw, "border_entry_rw", required=False
        ),
        "destination": c.check(
            choice, e.Destination, draft.destination, "destination", required=False
        ),
        "cargo_description": c.check(
            clean_text,
            draft.cargo_description,
            "cargo_description",
            max_length=2000,
            multiline=True,
        ),
        "hs_codes": c.check(clean_text, draft.hs_codes, "hs_codes"),
        "packages": c.check(whole_number, draft.packages, "packages"),
        "gross_weight_kg": c.check(whole_number, draft.gross_weight_kg, "gross_weight_kg"),
        "assigned_to": draft.assigned_to,
    }
    for name in REFERENCE_FIELDS:
        limit = 30 if name in ("voyage_no", "rotation_no") else 40
        values[name] = c.check(ids.clean_reference, getattr(draft, name), name, max_length=limit)
    opened = c.check(parse_date, draft.opened_on, "opened_on")
    c.raise_if_any()
    values["bl_key"] = ids.identifier_key(values["bl_number"])
    values["declaration_key"] = ids.identifier_key(values["declaration_no"])
    if opened is not None:
        values["opened_on"] = opened
    return values


IDENTIFIER_FIELDS = ("bl_number", *REFERENCE_FIELDS)


def case_search_text(values: dict[str, Any], ref: str) -> str:
    get = values.get
    idents = [value for value in map(get, IDENTIFIER_FIELDS) if value]
    words = [
        ref,
        ref.replace("-", ""),
        get("vessel_name"),
        get("consignee_name"),
        get("port_of_loading"),
        *idents,
        *map(ids.compact, idents),  # their identifier keys
    ]
    return search_key(" ".join(map(str, filter(None, words))))


def validate_container(draft: ContainerDraft) -> dict[str, Any]:
    c = Collector()
    override = c.check(clean_text, draft.check_digit_override, "check_digit_override")
    number = c.check(ids.clean_container_number, draft.number, override, "number")
    size_type = c.check(clean_text, (draft.size_type or "").upper(), "size_type", max_length=4)
    values = {
        "number": number,
        "check_digit_override": None,
        "size_type": size_type,
        "seal_no": c.check(ids.clean_reference, draft.seal_no, "seal_no"),
        "eseal_no": c.check(ids.clean_reference, draft.eseal_no, "eseal_no"),
        "gross_weight_kg": c.check(whole_number, draft.gross_weight_kg, "gross_weight_kg"),
    }
    c.raise_if_any()
    # Keep an override reason only where it overrode something.
    if number and not ids.check_container(number).check_digit_ok:
        values["check_digit_override"] = override
    return values


def container_search_text(values: dict[str, Any]) -> str:
    number = values["number"]
    parts = [number, number[4:], number[4:10], values.get("seal_no"), values.get("eseal_no")]
    return search_key(" ".join(filter(None, parts)))
