"""The documents checklist of a demo clearance case: the papers in hand as the case stands (all
the usual ones once the goods are declared, fewer before), with their references and the day
each came in; the others are missing."""

from __future__ import annotations

from typing import Any

from liaison.demo.base import Calendar, Dice
from liaison.demo.corridor import CasePlan
from liaison.enums import DocType, Regime
from liaison.rules.stages import STAGES, Milestone
from liaison.services.cases import DEFAULT_CHECKLIST

RANK_DECLARED = STAGES[Milestone.DECLARED].rank
RANK_LOADED = STAGES[Milestone.LOADED_TRUCK].rank
# The checklist's documents (as stored) with the odds each is in hand, before and after the
# declaration (a declaration document exists once the goods are declared).
CHECKLIST_ODDS = {
    declared: tuple(
        (
            doc_type.value,
            {
                DocType.BL: 1.0 if declared else 0.7,
                DocType.COMMERCIAL_INVOICE: 1.0 if declared else 0.6,
                DocType.PACKING_LIST: 0.97 if declared else 0.5,
                DocType.CERTIFICATE_OF_ORIGIN: 0.8 if declared else 0.35,
                DocType.DECLARATION: 1.0 if declared else 0.0,
            }[doc_type],
        )
        for doc_type in DEFAULT_CHECKLIST
    )
    for declared in (False, True)
}


def document_rows(
    d: Dice,
    cal: Calendar,
    plan: CasePlan,
    rows: list[tuple[Any, ...]],
    *,
    case_id: int,
    rank: int,
    bl: str,
    decl: str | None,
    order_no: str | None,
    invoice: str | None,
    by: int,
    created: str,
) -> None:
    """Append the case's checklist rows to ``rows``; the checklist is written with the case."""
    cancelled = plan.status == "CANCELLED"
    refs: dict[str, str | None] = {  # by the documents' stored type
        DocType.BL: bl,
        DocType.DECLARATION: decl,
        DocType.COMMERCIAL_INVOICE: f"INV-{d.between(1000, 99_999)}",
    }
    wanted = [(t, odds, refs.get(t)) for t, odds in CHECKLIST_ODDS[rank >= RANK_DECLARED]]
    if order_no and d.chance(0.5):
        wanted.append((DocType.DELIVERY_ORDER.value, 1.0, order_no))
    if invoice and d.chance(0.3):
        wanted.append((DocType.KPA_INVOICE.value, 1.0, invoice))
    if plan.regime is Regime.IM8:
        wanted.append((DocType.T1.value, 1.0 if rank >= RANK_LOADED else 0.2, None))
    if plan.cargo.hs_codes.startswith("3004"):
        wanted.append((DocType.PERMIT.value, 0.7, None))
    elif plan.cargo.hs_codes.startswith(("1006", "1101")):
        wanted.append((DocType.PHYTO.value, 0.7, None))
    draw, today, opened_on = d.random, cal.today, plan.opened_on
    for doc_type, chance, reference in wanted:
        if cancelled or draw() >= chance:
            rows.append((case_id, doc_type, None, "missing", None, created, by, created, by))
            continue
        day = opened_on + d.between(0, 10)
        day = day if day < today else today  # the earlier (see clearance on min and max)
        status = "verified" if draw() < 0.4 else "received"
        received = cal.stamp(day, d)
        received = received if received > created else created
        rows.append(
            (case_id, doc_type, reference, status, cal.iso_of[day], created, by, received, by)
        )
