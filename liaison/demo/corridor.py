"""The corridor as the demo lives it: weekly vessel calls at Mombasa per shipping line, and for each
clearance case a timeline of milestones from the documents to the empty's return, cut at today.

Durations follow the published picture (DOMAIN.md §2.5–2.6): a week or so at the port, two to
five days to the Rwandan border, with a share of cases delayed at release (storage runs out,
some pass the 21-day auction threshold), held, cancelled or split across several trucks. Only
events up to today are kept, so old cases are delivered and recent ones are on their way.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter

from liaison.demo import vocabulary as v
from liaison.demo.base import Calendar, Dice, Weighted
from liaison.enums import InlandMode, Regime, TariffKind
from liaison.models import Tariff
from liaison.rules.clocks import pick_tariff, tariff_location
from liaison.rules.stages import Milestone

M = Milestone
HISTORY_DAYS = 240  # cases reach back about eight months
CALLS_AHEAD = 21  # vessels due in the next three weeks already have cases


@dataclass(slots=True)
class Call:
    """One vessel visit at Mombasa."""

    line: str
    line_id: int
    vessel: str
    voyage: str
    arrival: int
    manifest_no: str
    rotation_no: str


@dataclass(slots=True)
class Event:
    day: int
    code: Milestone
    box: int | None  # index of the container, or None for every box of the case
    void: bool = False


@dataclass(slots=True)
class CaseHead:
    """What is drawn of a case before the cases are put in reference order (by opening date):
    the little that order and numbering need. The rest is drawn where the rows are made."""

    index: int
    trader: int
    call: Call
    discharge: int
    docs: int  # the day the trader had the documents
    boxes: int
    opened_on: int
    scripted: str = ""  # the Today situation this case was made to show, if any


@dataclass(slots=True)
class CasePlan:
    index: int
    trader: int
    call: Call
    discharge: int
    mode: InlandMode
    regime: Regime
    boxes: int
    cargo: v.Cargo
    opened_on: int
    status: str = "OPEN"
    closed_on: int | None = None
    events: list[Event] = field(default_factory=list)
    scripted: str = ""


def _voyage(style: str, dice: Dice) -> str:
    direction = dice.pick("WSEN")
    if style == "msc":
        return f"{dice.pick(('NX', 'FL', 'QD', 'MA'))}{dice.between(100, 999)}{dice.pick('AR')}"
    if style == "cma":
        return f"0{dice.pick('ABCDEFGH')}{dice.pick(('XK', 'MR', 'TN'))}{dice.between(1, 9)}{direction}1MA"
    if style == "evergreen":
        return f"{dice.between(1000, 1999)}-{dice.between(1, 99):03d}{direction}"
    return f"{dice.between(100, 699)}{direction}"


def make_calls(dice: Dice, cal: Calendar, line_ids: dict[str, int]) -> dict[str, list[Call]]:
    """Weekly services per line (two for the big three), from before the oldest case to the
    vessels still at sea."""
    calls: dict[str, list[Call]] = {}
    manifest = dice.between(1200, 4000)
    start = cal.today - HISTORY_DAYS - 30
    for name, style in v.LINES.items():
        if name not in line_ids:
            continue
        services = 2 if style.weight >= 15 else 1
        mine: list[Call] = []
        for service in range(services):
            day = start + dice.between(0, 6)
            while day <= cal.today + CALLS_AHEAD:
                manifest += dice.between(3, 40)
                arrival = day + dice.between(0, 2)
                year = dt.date.fromordinal(arrival).year
                mine.append(
                    Call(
                        line=name,
                        line_id=line_ids[name],
                        vessel=style.vessels[(service + len(mine)) % len(style.vessels)],
                        voyage=_voyage(style.voyage_style, dice),
                        arrival=arrival,
                        manifest_no=f"{year}MSA{manifest:06d}",
                        rotation_no=f"{year % 100:02d}{manifest % 10_000:04d}",
                    )
                )
                day += 7
        calls[name] = sorted(mine, key=lambda c: (c.arrival, c.vessel))
    return calls


LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
ALNUM = LETTERS + "0123456789"


def _letters(dice: Dice, count: int) -> str:
    return "".join(dice.pick(LETTERS) for _ in range(count))


# How each line numbers its bills of lading (DOMAIN.md §2.3).
BILLS_OF_LADING: dict[str, Callable[[Dice], str]] = {
    "maersk": lambda d: f"MAEU{d.between(200_000_000, 269_999_999)}",
    "msc": lambda d: f"MEDU{d.pick(ALNUM)}{d.pick(LETTERS)}{str(d.between(0, 999_999)).zfill(6)}",
    "cma": lambda d: f"CMDU{_letters(d, 3)}{str(d.between(0, 9_999_999)).zfill(7)}",
    "hapag": lambda d: f"HLCU{d.pick(v.PORT_CODES)}{str(d.between(0, 999_999_999)).zfill(9)}",
    "cosco": lambda d: f"COSU{d.between(6_000_000_000, 6_999_999_999)}",
    "one": lambda d: (
        f"ONEY{d.pick(v.PORT_CODES)}{d.pick(LETTERS)}{str(d.between(0, 9_999_999)).zfill(7)}"
    ),
    "evergreen": lambda d: f"EGLV{d.between(100_000_000_000, 149_999_999_999)}",
    "pil": lambda d: f"PCIU{d.pick(v.PORT_CODES)}{str(d.between(0, 9_999_999)).zfill(7)}",
}


MODES = Weighted([(InlandMode.ROAD, 65), (InlandMode.SGR_ICDN, 20), (InlandMode.SGR_NICD, 15)])
REGIMES = Weighted([(Regime.IM4, 65), (Regime.IM8, 20), (Regime.WT8, 12), (Regime.OTHER, 3)])
BOXES = Weighted([(1, 22), (2, 24), (3, 20), (4, 15), (5, 10), (6, 9)])
CARGO = Weighted([(cargo, cargo.weight) for cargo in v.CARGO])
# Days between discharge and customs release beyond the normal one or two.
RELEASE_DELAY = Weighted([(0, 70), (1, 14), (2, 9), (3, 4.7), (4, 0.3)])
# Milestones the office does not always hear about (and so does not always record).
RECORDED = {
    M.MANIFESTED: 0.2, M.VESSEL_ARRIVED: 0.4, M.DECLARED: 0.7, M.TAXES_PAID: 0.5,
    M.BOND_DEBITED: 0.5, M.VERIFICATION: 0.8, M.DO_ISSUED: 0.35, M.PORT_CHARGES_PAID: 0.35,
    M.LOADED_SGR: 0.9, M.AT_ICD: 0.5, M.BORDER_KE_UG: 0.35, M.BORDER_UG_RW: 0.5,
    M.ARRIVED_KIGALI: 0.8, M.DELIVERED: 0.95, M.EMPTY_RETURNED: 0.3,
}  # fmt: skip
# Situations every demo shows on Today, whatever its size (the first cases planned play them):
# free storage ending today, tomorrow and in three days, expired, released but stuck at the port,
# and past the 21-day auction threshold (recently and long ago).
SCRIPTED = (
    "expiring:0",
    "expiring:1",
    "expiring:3",
    "expired",
    "released_stuck",
    "auction",
    "auction_old",
)


Recorder = Callable[[Milestone, int, int | None], None]
DELIVERY = frozenset({M.DELIVERED, M.EMPTY_RETURNED})
_DAY = attrgetter("day")


class Planner:
    def __init__(
        self, dice: Dice, cal: Calendar, calls: dict[str, list[Call]], tariffs: list[Tariff]
    ) -> None:
        self.dice = dice
        self.cal = cal
        self.calls = calls
        self.tariffs = tariffs
        self.lines = Weighted((name, v.LINES[name].weight) for name in calls)
        self.recent = {
            name: [c for c in line_calls if c.arrival >= cal.today - HISTORY_DAYS]
            for name, line_calls in calls.items()
        }
        self.arrivals = {name: [c.arrival for c in mine] for name, mine in self.recent.items()}

    def head(self, index: int, trader: int, scripted: str = "") -> CaseHead:
        """One case's vessel call, discharge, documents and opening day. The documents reach
        the trader some days before the vessel (or a few days after it); a case exists only once
        the office has heard of it, so never after today."""
        d, today = self.dice, self.cal.today
        line = self.lines.draw(d)
        calls = self.recent[line]
        lead = d.between(3, 25) if d.chance(0.85) else -d.between(0, 5)
        known = bisect.bisect_right(self.arrivals[line], today + lead)
        call = calls[int(d.random() * known)] if known else calls[0]
        discharge = call.arrival + (d.between(0, 2) if d.chance(0.9) else d.between(3, 6))
        if scripted:  # scripted cases go by road
            discharge = self._scripted_discharge(scripted, InlandMode.ROAD)
            call = calls[max(0, bisect.bisect_right(self.arrivals[line], discharge) - 1)]
        docs = min(call.arrival - lead, today)
        came_later = discharge + d.between(0, 10)
        opened = came_later if d.chance(0.25) and came_later <= today else docs
        boxes = BOXES.draw(d)
        return CaseHead(index, trader, call, discharge, docs, boxes, opened, scripted)

    def _scripted_discharge(self, scripted: str, mode: InlandMode) -> int:
        today = self.cal.today
        if scripted.startswith("expiring:"):
            left = int(scripted.split(":")[1])
            rule = pick_tariff(
                self.tariffs,
                TariffKind.KPA_FREE_STORAGE,
                self.cal.date(today),
                location=tariff_location(mode),
            )
            free = rule.free_days if rule else 9
            return today - (free - 1) + left
        return (
            today
            - {"expired": 12, "released_stuck": 16, "auction": 27, "auction_old": 48}[scripted]
        )


class Story:
    """The rest of a case, drawn where its rows are made: inland mode, customs regime, cargo,
    and the timeline of milestones up to today. Written for speed as the case rows are (see
    ``clearance``): the same draws in the same order, with less around them."""

    def __init__(self, dice: Dice, cal: Calendar) -> None:
        self.dice = dice
        self.cal = cal

    def plan(self, head: CaseHead) -> CasePlan:
        d = self.dice
        plan = CasePlan(
            index=head.index,
            trader=head.trader,
            call=head.call,
            discharge=head.discharge,
            mode=InlandMode.ROAD if head.scripted else MODES.draw(d),
            regime=REGIMES.draw(d),
            boxes=head.boxes,
            cargo=CARGO.draw(d),
            opened_on=head.opened_on,
            scripted=head.scripted,
        )
        self._timeline(plan, head.docs, head.scripted)
        return plan

    def _timeline(self, plan: CasePlan, docs: int, scripted: str) -> None:
        d, today = self.dice, self.cal.today
        between, chance, draw, recorded = d.between, d.chance, d.random, RECORDED.get
        events: list[Event] = []
        append = events.append

        def add(code: Milestone, day: int, box: int | None = None) -> None:
            if day <= today:
                odds = recorded(code)
                if odds is None or draw() < odds:
                    append(Event(day, code, box))

        discharge = plan.discharge
        add(M.DOCS_RECEIVED, docs)
        add(M.MANIFESTED, plan.call.arrival - between(2, 6))
        arrival = plan.call.arrival
        add(M.VESSEL_ARRIVED, arrival if arrival < discharge else discharge)
        cancelled = not scripted and chance(0.01)
        if cancelled:
            plan.status = "CANCELLED"
            plan.closed_on = min(today, max(plan.opened_on, docs) + between(2, 20))
            plan.events = [e for e in events if e.day <= plan.closed_on]
            return
        add(M.DISCHARGED, discharge)
        declared = discharge + between(-4, 4)
        declared = declared if declared > docs else docs
        add(M.DECLARED, declared)
        paid = declared + between(0, 3)
        add(M.TAXES_PAID if plan.regime is Regime.IM4 else M.BOND_DEBITED, paid)
        if chance(0.2):
            paid += between(1, 3)
            add(M.VERIFICATION, paid)
        delay = RELEASE_DELAY.draw(d)
        extra = (0, between(2, 8), between(9, 20), between(21, 60), 10_000)[delay]
        if scripted.startswith(("expiring", "expired", "auction")):
            extra = 10_000  # not released yet: the clocks are what Today is about
        elif scripted:
            extra = 0
        release = (paid if paid > discharge else discharge) + between(0, 2) + extra
        add(M.CUSTOMS_RELEASED, release)
        if release > today and discharge <= today - 21 and chance(0.5):
            add(M.LONG_STAY, discharge + 21)
            if discharge <= today - 24:
                add(M.AUCTION_RISK, discharge + 23)
        order = release + between(0, 2) + (between(3, 15) if chance(0.1) else 0)
        if scripted == "released_stuck":
            order = today + 30  # released, but the delivery order is still awaited
        add(M.DO_ISSUED, order)
        charges = order + between(0, 2)
        add(M.PORT_CHARGES_PAID, charges)
        split = plan.boxes > 1 and chance(0.15)
        for box in range(plan.boxes) if split else (None,):
            self._inland(plan, add, charges + (between(0, 3) if split else 0), box)
        recent = today - 40 <= plan.discharge <= today - 3
        if recent and not scripted and chance(0.015):
            hold = min(today, discharge + between(1, 5))
            events = [e for e in events if e.day <= hold]
            events.append(Event(hold, M.ON_HOLD, None))
            plan.status = "ON_HOLD"
        if chance(0.005) and events:
            wrong = events[-1]
            events.append(Event(wrong.day, M.DELIVERED, wrong.box, void=True))
        events.sort(key=_DAY)
        plan.events = events
        self._close(plan)

    def _inland(self, plan: CasePlan, record: Recorder, start: int, box: int | None) -> None:
        """From loading at Mombasa to the empty's return, for one box or for all."""
        between, chance = self.dice.between, self.dice.chance
        day = start + between(0, 2)
        if plan.mode is InlandMode.ROAD:
            record(M.LOADED_TRUCK, day, box)
            day += between(2, 4)
        else:
            record(M.LOADED_SGR, day, box)
            day += between(1, 2)
            record(M.AT_ICD, day, box)
            day += between(1, 5)
            record(M.LEFT_ICD, day, box)
            day += between(1, 2)
        if chance(0.05):
            day += between(2, 7)  # queue at the border
        if chance(0.003):
            record(M.INCIDENT, day - 1, box)
        record(M.BORDER_KE_UG, day, box)
        day += between(2, 3)
        record(M.BORDER_UG_RW, day, box)
        day += between(0, 1)
        record(M.ARRIVED_KIGALI, day, box)
        day += between(0, 4)
        record(M.DELIVERED, day, box)
        record(M.EMPTY_RETURNED, day + between(5, 20), box)

    def _close(self, plan: CasePlan) -> None:
        """Delivered a while ago: most such cases are completed and closed."""
        if plan.status != "OPEN":
            return
        delivered = [e for e in plan.events if e.code in DELIVERY and not e.void]
        boxes_done = {e.box for e in delivered}
        if not delivered or not (None in boxes_done or len(boxes_done) == plan.boxes):
            return
        last = max([e.day for e in delivered])
        if last <= self.cal.today - 5 and self.dice.chance(0.92):
            plan.status = "COMPLETED"
            closed = min(self.cal.today, last + self.dice.between(1, 10))
            plan.closed_on = max(closed, plan.opened_on)
