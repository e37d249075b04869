"""Clock arithmetic, tariff choice by effective date, and stage derivation."""

from __future__ import annotations

import datetime as dt

from liaison.enums import InlandMode, TariffKind, TariffLocation
from liaison.enums import InquiryStatus as S
from liaison.models import Tariff
from liaison.rules.clocks import (
    BoxEvents,
    Urgency,
    auction_urgency,
    chargeable_days,
    compute_clocks,
    pick_tariff,
    storage_urgency,
)
from liaison.rules.stages import Milestone as M
from liaison.rules.stages import furthest, slowest
from liaison.rules.transitions import can_move_inquiry, resumed_due

D = dt.date


def tariff(
    id: int,
    days: int,
    start: D,
    end: D | None = None,
    location: str = "MSA",
    kind: TariffKind = TariffKind.KPA_FREE_STORAGE,
    line: int | None = None,
) -> Tariff:
    loc = TariffLocation(location) if kind is TariffKind.KPA_FREE_STORAGE else None
    return Tariff(id, kind, loc, line, days, 3000, "USD", start, end, None, 1)


TARIFFS = [
    tariff(1, 9, D(2000, 1, 1), D(2020, 5, 17)),
    tariff(2, 14, D(2020, 5, 18), D(2021, 6, 30)),
    tariff(3, 9, D(2021, 7, 1)),
    tariff(4, 30, D(2000, 1, 1), location="NICD"),
    tariff(5, 14, D(2000, 1, 1), kind=TariffKind.LINE_FREE_DAYS),
    tariff(6, 21, D(2025, 1, 1), kind=TariffKind.LINE_FREE_DAYS, line=7),
]


def test_tariff_in_force_on_the_discharge_date() -> None:
    assert (
        pick_tariff(
            TARIFFS, TariffKind.KPA_FREE_STORAGE, D(2020, 6, 1), location=TariffLocation.MSA
        ).id
        == 2
    )  # type: ignore[union-attr]
    assert (
        pick_tariff(
            TARIFFS, TariffKind.KPA_FREE_STORAGE, D(2020, 5, 17), location=TariffLocation.MSA
        ).id
        == 1
    )  # type: ignore[union-attr]
    assert (
        pick_tariff(
            TARIFFS, TariffKind.KPA_FREE_STORAGE, D(2026, 1, 1), location=TariffLocation.NICD
        ).id
        == 4
    )  # type: ignore[union-attr]


def test_a_lines_own_rule_beats_the_general_one() -> None:
    general = pick_tariff(TARIFFS, TariffKind.LINE_FREE_DAYS, D(2026, 1, 1), shipping_line_id=3)
    own = pick_tariff(TARIFFS, TariffKind.LINE_FREE_DAYS, D(2026, 1, 1), shipping_line_id=7)
    assert (general.id, own.id) == (5, 6)  # type: ignore[union-attr]


def test_discharge_day_is_free_day_one() -> None:
    clocks = compute_clocks(
        BoxEvents(discharged_on=D(2026, 3, 1)),
        TARIFFS,
        inland_mode=InlandMode.ROAD,
        shipping_line_id=None,
    )
    assert clocks.kpa_free_until == D(2026, 3, 9)
    assert clocks.line_free_until == D(2026, 3, 14)
    assert clocks.auction_on == D(2026, 3, 22)


def test_sgr_to_naivasha_uses_the_icd_tariff() -> None:
    clocks = compute_clocks(
        BoxEvents(discharged_on=D(2026, 3, 1)),
        TARIFFS,
        inland_mode=InlandMode.SGR_NICD,
        shipping_line_id=None,
    )
    assert clocks.kpa_free_days == 30


def test_no_discharge_no_clock() -> None:
    assert (
        compute_clocks(
            BoxEvents(), TARIFFS, inland_mode=InlandMode.ROAD, shipping_line_id=None
        ).kpa_free_until
        is None
    )


def test_urgency() -> None:
    until = D(2026, 3, 9)
    assert storage_urgency(until, None, D(2026, 3, 1)) is Urgency.RUNNING
    assert storage_urgency(until, None, D(2026, 3, 6)) is Urgency.SOON
    assert storage_urgency(until, None, D(2026, 3, 9)) is Urgency.LAST_DAY
    assert storage_urgency(until, None, D(2026, 3, 10)) is Urgency.EXPIRED
    assert storage_urgency(until, D(2026, 3, 5), D(2026, 3, 10)) is Urgency.NONE
    assert auction_urgency(D(2026, 3, 22), None, D(2026, 3, 22)) is Urgency.AUCTION
    assert auction_urgency(D(2026, 3, 22), None, D(2026, 3, 21)) is Urgency.RUNNING


def test_chargeable_days_stop_with_the_clock() -> None:
    assert chargeable_days(D(2026, 3, 9), None, D(2026, 3, 12)) == 3
    assert chargeable_days(D(2026, 3, 9), D(2026, 3, 10), D(2026, 3, 30)) == 1
    assert chargeable_days(D(2026, 3, 9), None, D(2026, 3, 2)) == 0


def test_stage_is_furthest_by_corridor_order_not_by_date() -> None:
    # Pre-arrival clearance: declared before the box was discharged.
    assert furthest([M.DECLARED, M.DISCHARGED]) is M.DECLARED
    assert furthest([M.ON_HOLD]) is None
    assert furthest([M.DISCHARGED, M.INCIDENT]) is M.DISCHARGED


def test_case_is_as_far_as_its_slowest_box() -> None:
    assert slowest([M.DELIVERED, M.BORDER_KE_UG]) is M.BORDER_KE_UG
    assert slowest([M.DELIVERED, None]) is None


def test_inquiry_transitions_and_paused_clock() -> None:
    assert can_move_inquiry(S.NEW, S.OPEN)
    assert not can_move_inquiry(S.CLOSED, S.OPEN)
    assert not can_move_inquiry(S.NEW, S.CLOSED)
    assert resumed_due(D(2026, 3, 10), D(2026, 3, 5), D(2026, 3, 8)) == D(2026, 3, 13)
