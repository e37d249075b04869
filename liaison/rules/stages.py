"""Milestone codes of a Rwanda-bound clearance (DOMAIN.md §2.2) and the stage derived from them.

A case's stage is never typed: it is the furthest milestone reached. Milestones need not arrive in
order (pre-arrival clearance is common), so "furthest" is by the corridor's order, not by date.
Exception events (on hold, incident…) are recorded on the timeline but do not move the stage.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import cast


class Milestone(StrEnum):
    DOCS_RECEIVED = "DOCS_RECEIVED"
    MANIFESTED = "MANIFESTED"
    VESSEL_ARRIVED = "VESSEL_ARRIVED"
    DISCHARGED = "DISCHARGED"
    DECLARED = "DECLARED"
    TAXES_PAID = "TAXES_PAID"
    BOND_DEBITED = "BOND_DEBITED"
    VERIFICATION = "VERIFICATION"
    CUSTOMS_RELEASED = "CUSTOMS_RELEASED"
    DO_ISSUED = "DO_ISSUED"
    PORT_CHARGES_PAID = "PORT_CHARGES_PAID"
    LOADED_TRUCK = "LOADED_TRUCK"
    LOADED_SGR = "LOADED_SGR"
    AT_ICD = "AT_ICD"
    LEFT_ICD = "LEFT_ICD"
    BORDER_KE_UG = "BORDER_KE_UG"
    BORDER_UG_RW = "BORDER_UG_RW"
    ARRIVED_KIGALI = "ARRIVED_KIGALI"
    DELIVERED = "DELIVERED"
    EMPTY_RETURNED = "EMPTY_RETURNED"
    ON_HOLD = "ON_HOLD"
    LONG_STAY = "LONG_STAY"
    AUCTION_RISK = "AUCTION_RISK"
    INCIDENT = "INCIDENT"


class Actor(StrEnum):
    """Who must act for the next step."""

    TRADER = "trader"
    AGENT = "agent"
    SHIPPING_LINE = "shipping_line"
    KPA = "kpa"
    KRA = "kra"
    RRA = "rra"
    TRANSPORTER = "transporter"


class Place(StrEnum):
    """Where a box is, as a letter names it."""

    AT_SEA = "at_sea"
    MOMBASA = "mombasa"
    ICD = "icd"
    IN_TRANSIT = "in_transit"
    KIGALI = "kigali"
    DELIVERED = "delivered"


@dataclass(frozen=True)
class StageInfo:
    code: Milestone
    rank: int  # corridor order; 0 for exception events
    place: Place
    next_step: Milestone | None
    next_actor: Actor | None


def _s(
    code: Milestone, rank: int, place: Place, nxt: Milestone | None, who: Actor | None
) -> StageInfo:
    return StageInfo(code, rank, place, nxt, who)


M, A, P = Milestone, Actor, Place
STAGES: dict[Milestone, StageInfo] = {
    info.code: info
    for info in (
        _s(M.DOCS_RECEIVED, 10, P.AT_SEA, M.MANIFESTED, A.SHIPPING_LINE),
        _s(M.MANIFESTED, 20, P.AT_SEA, M.VESSEL_ARRIVED, A.SHIPPING_LINE),
        _s(M.VESSEL_ARRIVED, 30, P.MOMBASA, M.DISCHARGED, A.KPA),
        _s(M.DISCHARGED, 40, P.MOMBASA, M.DECLARED, A.AGENT),
        _s(M.DECLARED, 50, P.MOMBASA, M.TAXES_PAID, A.TRADER),
        _s(M.TAXES_PAID, 60, P.MOMBASA, M.CUSTOMS_RELEASED, A.RRA),
        _s(M.BOND_DEBITED, 60, P.MOMBASA, M.CUSTOMS_RELEASED, A.RRA),
        _s(M.VERIFICATION, 70, P.MOMBASA, M.CUSTOMS_RELEASED, A.RRA),
        _s(M.CUSTOMS_RELEASED, 80, P.MOMBASA, M.DO_ISSUED, A.SHIPPING_LINE),
        _s(M.DO_ISSUED, 90, P.MOMBASA, M.PORT_CHARGES_PAID, A.AGENT),
        _s(M.PORT_CHARGES_PAID, 100, P.MOMBASA, M.LOADED_TRUCK, A.TRANSPORTER),
        _s(M.LOADED_TRUCK, 110, P.IN_TRANSIT, M.BORDER_KE_UG, A.TRANSPORTER),
        _s(M.LOADED_SGR, 110, P.IN_TRANSIT, M.AT_ICD, A.KPA),
        _s(M.AT_ICD, 120, P.ICD, M.LEFT_ICD, A.AGENT),
        _s(M.LEFT_ICD, 125, P.IN_TRANSIT, M.BORDER_KE_UG, A.TRANSPORTER),
        _s(M.BORDER_KE_UG, 130, P.IN_TRANSIT, M.BORDER_UG_RW, A.TRANSPORTER),
        _s(M.BORDER_UG_RW, 140, P.IN_TRANSIT, M.ARRIVED_KIGALI, A.TRANSPORTER),
        _s(M.ARRIVED_KIGALI, 150, P.KIGALI, M.DELIVERED, A.AGENT),
        _s(M.DELIVERED, 160, P.DELIVERED, M.EMPTY_RETURNED, A.TRANSPORTER),
        _s(M.EMPTY_RETURNED, 170, P.DELIVERED, None, None),
        _s(M.ON_HOLD, 0, P.MOMBASA, None, None),
        _s(M.LONG_STAY, 0, P.MOMBASA, None, None),
        _s(M.AUCTION_RISK, 0, P.MOMBASA, None, None),
        _s(M.INCIDENT, 0, P.IN_TRANSIT, None, None),
    )
}
PROGRESS_CODES = tuple(code for code, info in STAGES.items() if info.rank > 0)
EXCEPTION_CODES = tuple(code for code, info in STAGES.items() if info.rank == 0)
# Milestones after which a box has left KPA custody (Mombasa yard or an ICD).
LEFT_KPA_CUSTODY = frozenset({M.LOADED_TRUCK, M.LEFT_ICD})


# Each milestone's rank, and the milestones of each rank (two pairs share one: the payment and
# the loading), looked up by ``furthest`` and ``slowest`` (a milestone's text finds it too).
_RANK: dict[str, int] = {code: info.rank for code, info in STAGES.items()}
_AT_RANK: dict[int, tuple[Milestone, ...]] = {
    rank: tuple(code for code, info in STAGES.items() if info.rank == rank)
    for rank in _RANK.values()
}


def furthest(codes: Iterable[Milestone]) -> Milestone | None:
    """The stage reached: the progress milestone of highest rank (latest-listed wins ties)."""
    listed = codes if isinstance(codes, list | tuple) else list(codes)
    try:
        top = max(map(_RANK.__getitem__, listed)) if listed else 0
    except (KeyError, TypeError):
        return _furthest_one_by_one(listed)  # names what is not a milestone
    if not top:
        return None
    ranked = _AT_RANK[top]
    if len(ranked) == 1:
        return ranked[0]
    for code in reversed(listed):
        if code in ranked:
            return Milestone(code)
    raise AssertionError("unreachable: a code of the top rank is listed")


def _furthest_one_by_one(codes: Iterable[Milestone]) -> Milestone | None:
    """``furthest`` by its definition, code after code (``Milestone`` refuses an unknown code)."""
    best: Milestone | None = None
    for code in codes:
        info = STAGES[Milestone(code)]
        if info.rank and (best is None or info.rank >= STAGES[best].rank):
            best = Milestone(code)
    return best


def slowest(stages: list[Milestone | None]) -> Milestone | None:
    """A case is only as far as its slowest box; ``None`` (no milestone yet) is slowest of all."""
    if not stages or None in stages:
        return None
    return min(cast("list[Milestone]", stages), key=_RANK.__getitem__)
