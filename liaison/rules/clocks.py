"""The clocks that cost a trader money: KPA free storage, shipping-line free days, auction.

Conventions (stated to the office in the letters):
- The day of discharge is free day 1, so 9 free days from 1 March end on 9 March.
- The KPA tariff applying is the one in force on the discharge date, for the location the box is
  stored at (Mombasa yard for road cargo, the ICD for SGR cargo).
- KPA's clock stops when the box leaves KPA custody (gate-out by truck, or leaving the ICD).
- The shipping line's clock runs until the empty is returned.
- EAC CMA s.42: goods not entered or removed within 21 days of discharge go to a customs
  warehouse; a 30-day notice then precedes auction. The office watches *uncollected* boxes, so the
  auction-risk clock runs until customs release or until the box leaves KPA custody.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum

from liaison.enums import InlandMode, TariffKind, TariffLocation
from liaison.models.cases import Tariff

AUCTION_THRESHOLD_DAYS = 21
AUCTION_NOTICE_DAYS = 30


@dataclass(frozen=True, slots=True)
class BoxEvents:
    """The dates a container's clocks need, taken from its milestones."""

    discharged_on: dt.date | None = None
    released_on: dt.date | None = None
    left_custody_on: dt.date | None = None
    delivered_on: dt.date | None = None
    empty_returned_on: dt.date | None = None


@dataclass(frozen=True, slots=True)
class ClockDates:
    kpa_free_days: int | None = None
    kpa_free_until: dt.date | None = None
    kpa_tariff_id: int | None = None
    line_free_days: int | None = None
    line_free_until: dt.date | None = None
    line_tariff_id: int | None = None
    auction_on: dt.date | None = None  # the 21-day threshold date


class Urgency(IntEnum):
    """How a clock looks today; higher is worse (the UI colours by it)."""

    NONE = 0  # no clock running (not discharged, or stopped)
    RUNNING = 1
    SOON = 2  # within the warning window
    LAST_DAY = 3
    EXPIRED = 4  # charges accruing
    AUCTION = 5  # past the 21-day threshold


_STORED_AT = {
    InlandMode.ROAD: TariffLocation.MSA,
    InlandMode.SGR_ICDN: TariffLocation.ICDN,
    InlandMode.SGR_NICD: TariffLocation.NICD,
}


def tariff_location(mode: InlandMode) -> TariffLocation:
    return _STORED_AT[mode]


def pick_tariff(
    tariffs: Iterable[Tariff],
    kind: TariffKind,
    day: dt.date,
    *,
    location: TariffLocation | None = None,
    shipping_line_id: int | None = None,
) -> Tariff | None:
    """The rule in force on ``day``: a line's own rule beats the general one; among equals the
    latest ``effective_from`` wins (so a newly added period overrides an open-ended one)."""
    by_location = kind is TariffKind.KPA_FREE_STORAGE
    best: Tariff | None = None
    best_key: tuple[bool, dt.date, int] | None = None
    for t in tariffs:
        if (
            t.kind is not kind
            or (by_location and t.location is not location)
            or (t.shipping_line_id is not None and t.shipping_line_id != shipping_line_id)
            or not t.applies_on(day)
        ):
            continue
        key = (t.shipping_line_id is not None, t.effective_from, t.id)
        if best_key is None or key > best_key:  # the first of equals, as max() keeps it
            best, best_key = t, key
    return best


def last_free_day(start: dt.date, free_days: int) -> dt.date:
    """With the start as day 1; zero free days means charges from the start day itself."""
    return start + dt.timedelta(days=free_days - 1)


def compute_clocks(
    events: BoxEvents,
    tariffs: Iterable[Tariff],
    *,
    inland_mode: InlandMode,
    shipping_line_id: int | None,
    auction_days: int = AUCTION_THRESHOLD_DAYS,
) -> ClockDates:
    return clocks_from(
        events.discharged_on,
        tariffs,
        inland_mode=inland_mode,
        shipping_line_id=shipping_line_id,
        auction_days=auction_days,
    )


_NO_CLOCKS = ClockDates()


def clocks_from(
    discharged_on: dt.date | None,
    tariffs: Iterable[Tariff],
    *,
    inland_mode: InlandMode,
    shipping_line_id: int | None,
    auction_days: int = AUCTION_THRESHOLD_DAYS,
) -> ClockDates:
    """A box's clocks: every one of them starts on the day it was discharged (none before)."""
    start = discharged_on
    if start is None:
        return _NO_CLOCKS
    tariffs = tariffs if isinstance(tariffs, list | tuple) else list(tariffs)
    kpa = pick_tariff(tariffs, TariffKind.KPA_FREE_STORAGE, start, location=_STORED_AT[inland_mode])
    line = pick_tariff(tariffs, TariffKind.LINE_FREE_DAYS, start, shipping_line_id=shipping_line_id)
    return ClockDates(
        kpa_free_days=kpa.free_days if kpa else None,
        kpa_free_until=last_free_day(start, kpa.free_days) if kpa else None,
        kpa_tariff_id=kpa.id if kpa else None,
        line_free_days=line.free_days if line else None,
        line_free_until=last_free_day(start, line.free_days) if line else None,
        line_tariff_id=line.id if line else None,
        auction_on=start + dt.timedelta(days=auction_days),
    )


def storage_urgency(
    free_until: dt.date | None,
    stopped_on: dt.date | None,
    today: dt.date,
    *,
    warning_days: int = 3,
) -> Urgency:
    if free_until is None or stopped_on is not None:
        return Urgency.NONE
    if today > free_until:
        return Urgency.EXPIRED
    if today == free_until:
        return Urgency.LAST_DAY
    if (free_until - today).days <= warning_days:
        return Urgency.SOON
    return Urgency.RUNNING


def auction_urgency(
    auction_on: dt.date | None, stopped_on: dt.date | None, today: dt.date
) -> Urgency:
    if auction_on is None or stopped_on is not None:
        return Urgency.NONE
    return Urgency.AUCTION if today >= auction_on else Urgency.RUNNING


def chargeable_days(free_until: dt.date | None, stopped_on: dt.date | None, today: dt.date) -> int:
    """Days charged after the free period, up to the day the clock stopped (or today)."""
    if free_until is None:
        return 0
    end = stopped_on or today
    return max(0, (end - free_until).days)


def indicative_charge_minor(days: int, daily_rate_minor: int | None) -> int | None:
    return None if daily_rate_minor is None else days * daily_rate_minor


def auction_notice_ends(auction_on: dt.date, notice_days: int = AUCTION_NOTICE_DAYS) -> dt.date:
    """After the 21-day threshold, the box goes to a customs warehouse and a notice of
    ``notice_days`` runs before the goods are deemed abandoned and auctioned."""
    return auction_on + dt.timedelta(days=notice_days)
