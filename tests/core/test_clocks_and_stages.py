"""Clock arithmetic, tariff choice by effective date, and stage derivation (the look-ups that
make them quick checked against their definitions)."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from liaison.enums import InlandMode, TariffKind, TariffLocation
from liaison.enums import InquiryStatus as S
from liaison.models import Tariff
from liaison.rules.clocks import (
    BoxEvents,
    Urgency,
    auction_urgency,
    chargeable_days,
    clocks_from,
    compute_clocks,
    pick_tariff,
    storage_urgency,
    tariff_location,
)
from liaison.rules.stages import PROGRESS_CODES, STAGES, furthest, slowest
from liaison.rules.stages import Milestone as M
from liaison.rules.transitions import can_move_inquiry, resumed_due
from liaison.services.derivation import derive_box

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


# -- the look-ups of furthest/slowest/derive_box/pick_tariff against their definitions ----------
def _furthest_by_definition(codes: list[str]) -> M | None:
    best: M | None = None
    for code in codes:
        info = STAGES[M(code)]
        if info.rank and (best is None or info.rank >= STAGES[best].rank):
            best = M(code)
    return best


def _slowest_by_definition(stages: list[M | None]) -> M | None:
    if not stages or any(stage is None for stage in stages):
        return None
    return min(stages, key=lambda s: STAGES[s].rank if s else 0)


def _pick_by_definition(
    tariffs: list[Tariff],
    kind: TariffKind,
    day: D,
    location: TariffLocation | None = None,
    line: int | None = None,
) -> Tariff | None:
    candidates = [
        t
        for t in tariffs
        if t.kind is kind
        and t.applies_on(day)
        and (kind is not TariffKind.KPA_FREE_STORAGE or t.location is location)
        and (t.shipping_line_id is None or t.shipping_line_id == line)
    ]
    if not candidates:
        return None
    return max(candidates, key=lambda t: (t.shipping_line_id is not None, t.effective_from, t.id))


def test_furthest_and_slowest_by_look_up_give_their_definitions() -> None:
    """furthest() looks the top rank up, then takes the latest-listed code of that rank (the
    payment and the loading share theirs); slowest() looks ranks up too. Both must give what
    the code-by-code definitions give, for milestones or their stored text, in any order."""
    dice = random.Random(110)
    codes = list(M)
    for _ in range(4000):
        listed: list[str] = [dice.choice(codes) for _ in range(dice.randint(0, 14))]
        if dice.random() < 0.3:
            listed = [code.value for code in listed]  # as read from the database
        expected = _furthest_by_definition(listed)
        for shape in (list, tuple):
            got = furthest(shape(listed))  # type: ignore[arg-type]
            assert got is expected, listed
        stages = [dice.choice([*PROGRESS_CODES, None]) for _ in range(dice.randint(0, 4))]
        if dice.random() < 0.5:
            stages = [s for s in stages if s is not None]
        assert slowest(stages) is _slowest_by_definition(stages), stages
    assert furthest(iter([M.DISCHARGED, M.DECLARED])) is M.DECLARED
    assert furthest([M.LOADED_SGR, M.LOADED_TRUCK, M.ON_HOLD]) is M.LOADED_TRUCK
    for wrong in (["NOT_A_STAGE"], [M.DELIVERED, "delivered"], [M.DOCS_RECEIVED, None]):
        with pytest.raises(ValueError):
            furthest(wrong)  # type: ignore[arg-type]


def _random_tariffs(dice: random.Random) -> list[Tariff]:
    tariffs = []
    for n in range(dice.randint(0, 9)):
        kind = dice.choice(list(TariffKind))
        start = D(2025, 1, 1) + dt.timedelta(days=dice.choice([0, 90, 180, 270]))
        end = start + dt.timedelta(days=dice.randint(0, 300)) if dice.random() < 0.5 else None
        location = dice.choice(["MSA", "ICDN", "NICD"])
        line = dice.choice([None, None, 1, 2])
        # Now and then two rules alike but for their ids, or even their ids too.
        tariffs.append(
            tariff(dice.choice([n, n, 1]), dice.randint(0, 30), start, end, location, kind, line)
        )
    return tariffs


def test_pick_tariff_in_one_pass_is_its_definition() -> None:
    dice = random.Random(42)
    for _ in range(3000):
        tariffs = _random_tariffs(dice)
        day = D(2025, 1, 1) + dt.timedelta(days=dice.randint(-10, 800))
        kind = dice.choice(list(TariffKind))
        location = dice.choice(list(TariffLocation))
        line = dice.choice([None, 1, 2, 3])
        expected = _pick_by_definition(tariffs, kind, day, location, line)
        got = pick_tariff(tariffs, kind, day, location=location, shipping_line_id=line)
        assert got is expected, (tariffs, kind, day, location, line)


def _first_day(events: list[tuple[M, D]], *wanted: M) -> D | None:
    return min((day for code, day in events if code in wanted), default=None)


def test_derive_box_in_one_pass_is_its_definition() -> None:
    """derive_box() finds each milestone's first and last day from the events sorted once; it
    must give the definition's stage, days and clocks, whatever the order of the events,
    with repeated milestones and days."""
    dice = random.Random(7)
    codes = list(M)
    for _ in range(3000):
        events = [
            (dice.choice(codes), D(2025, 6, 1) + dt.timedelta(days=dice.randint(0, 90)))
            for _ in range(dice.randint(0, 16))
        ]
        tariffs = _random_tariffs(dice) + TARIFFS
        mode = dice.choice(list(InlandMode))
        line = dice.choice([None, 1, 7])

        stage = _furthest_by_definition([code for code, _ in events])
        start = _first_day(events, M.DISCHARGED)
        kpa = line_rule = None
        if start is not None:
            kpa = _pick_by_definition(
                tariffs, TariffKind.KPA_FREE_STORAGE, start, tariff_location(mode)
            )
            line_rule = _pick_by_definition(tariffs, TariffKind.LINE_FREE_DAYS, start, None, line)
        expected = {
            "stage": stage,
            "stage_on": max((day for code, day in events if code == stage), default=None),
            "discharged_on": start,
            "released_on": _first_day(events, M.CUSTOMS_RELEASED),
            "left_custody_on": _first_day(events, M.LOADED_TRUCK, M.LEFT_ICD),
            "delivered_on": _first_day(events, M.DELIVERED),
            "empty_returned_on": _first_day(events, M.EMPTY_RETURNED),
            "kpa_free_days": kpa.free_days if kpa else None,
            "kpa_free_until": start + dt.timedelta(kpa.free_days - 1) if start and kpa else None,
            "line_free_days": line_rule.free_days if line_rule else None,
            "line_free_until": (
                start + dt.timedelta(line_rule.free_days - 1) if start and line_rule else None
            ),
            "auction_on": start + dt.timedelta(21) if start else None,
        }
        assert derive_box(events, tariffs, mode, line) == expected, events
        box = BoxEvents(discharged_on=start)
        assert compute_clocks(box, tariffs, inland_mode=mode, shipping_line_id=line) == (
            clocks_from(start, iter(tariffs), inland_mode=mode, shipping_line_id=line)
        )
