"""Rows of the demo's clearance cases: the case, its containers (ISO 6346 numbers of the line's
owner codes), its milestones, its documents checklist.

Stage and clocks are never typed here: each box's are derived by the tracking service's own
derivation (``derivation.derive_box`` with the tariffs loaded once, as ``recompute_case`` does), and the
case's stage is its slowest box, exactly as ``recompute_case`` composes it.

Written for speed (a large demo makes millions of these rows, and the same seed must keep giving
the same ones): the hot loops bind what they call, draw straight from the dice's stream where a
chance is all they need (``draw() < p`` is ``dice.chance(p)``), read the calendar's ISO texts
directly, take the later or the earlier of two values with a conditional expression rather than
``max``/``min`` (which parse keyword arguments on every call, several times the cost), and pad
numbers with ``str(n).zfill(k)`` (the text of ``f"{n:0{k}d}"``, for less).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from liaison.db.rows import db_value
from liaison.demo import texts
from liaison.demo import vocabulary as v
from liaison.demo.base import Calendar, Dice, Weighted, check_digit
from liaison.demo.checklist import document_rows
from liaison.demo.corridor import BILLS_OF_LADING, CaseHead, CasePlan, Event, Story
from liaison.demo.people import StaffIds
from liaison.enums import InlandMode, Regime
from liaison.models import Tariff
from liaison.rules.identifiers import identifier_key
from liaison.rules.stages import STAGES, Milestone, furthest, slowest
from liaison.services.case_rules import case_search_text, container_search_text
from liaison.services.derivation import derive_box

M = Milestone
CASE_COLUMNS = (
    "id", "ref", "trader_id", "consignee_name", "agent_id", "shipping_line_id", "bl_number",
    "bl_key", "bl_type", "house_bl_number", "vessel_name", "voyage_no", "rotation_no",
    "manifest_no", "port_of_loading", "eta", "customs_regime", "declaration_no",
    "declaration_key", "rctg_carnet_no", "delivery_order_no", "kpa_invoice_no", "inland_mode",
    "border_exit_ke", "border_entry_rw", "destination", "cargo_description", "hs_codes",
    "packages", "gross_weight_kg", "status", "stage", "stage_on", "container_count", "opened_on",
    "closed_on", "assigned_to", "search_text", "created_at", "created_by", "updated_at",
    "updated_by",
)  # fmt: skip
DERIVED = (
    "stage", "stage_on", "discharged_on", "released_on", "left_custody_on", "delivered_on",
    "empty_returned_on", "kpa_free_days", "kpa_free_until", "line_free_days", "line_free_until",
    "auction_on",
)  # fmt: skip
CONTAINER_COLUMNS = (
    "id", "case_id", "number", "check_digit_override", "size_type", "seal_no", "eseal_no",
    "gross_weight_kg", *DERIVED, "search_text", "created_at", "created_by", "updated_at",
    "updated_by",
)  # fmt: skip
MILESTONE_COLUMNS = (
    "case_id", "container_id", "code", "occurred_on", "occurred_time", "location", "source",
    "note", "voided_at", "voided_by", "void_reason", "created_at", "created_by", "updated_at",
    "updated_by",
)  # fmt: skip
DOCUMENT_COLUMNS = (
    "case_id", "doc_type", "reference_no", "status", "received_on", "created_at", "created_by",
    "updated_at", "updated_by",
)  # fmt: skip

# Per milestone code: stored value, usual location, usual source, note of an exception event.
Fixed = tuple[str, str | None, str, str | None]
STATIC: dict[Milestone, Fixed] = {
    code: (
        code.value,
        v.MILESTONE_LOCATIONS.get(code),
        v.MILESTONE_SOURCES.get(code, "kpa_staff"),
        v.EXCEPTION_NOTES.get(code),
    )
    for code in Milestone
}
BORDERS_KE = Weighted([("MALABA", 70), ("BUSIA", 30)])
BORDERS_RW = Weighted([("GATUNA", 75), ("KAGITUMBA", 25)])
DESTINATIONS = Weighted([("KLP_MASAKA", 60), ("GIKONDO", 35), ("OTHER", 5)])
RANK = {code: info.rank for code, info in STAGES.items()}
RANK_DECLARED = RANK[M.DECLARED]
RANK_DO = RANK[M.DO_ISSUED]
RANK_CHARGES = RANK[M.PORT_CHARGES_PAID]
_STORED = itemgetter(*DERIVED)  # a box's derived values, in the containers' column order


class Timeline:
    """A case's milestones that stand (not voided), column by column."""

    __slots__ = ("boxes", "codes", "days")

    def __init__(self, events: list[Event]) -> None:
        live = [e for e in events if not e.void]
        self.codes: list[Milestone] = [e.code for e in live]
        self.days: list[int] = [e.day for e in live]
        self.boxes: list[int | None] = [e.box for e in live]

    def dated(self, box: int | None) -> list[tuple[Milestone, dt.date]]:
        """The milestones of one box (those of the whole case and its own; ``None``: every
        milestone is the whole case's), as derivation takes them."""
        if box is None:
            return list(zip(self.codes, map(dt.date.fromordinal, self.days), strict=True))
        return [
            (code, dt.date.fromordinal(day))
            for code, day, of in zip(self.codes, self.days, self.boxes, strict=True)
            if of is None or of == box
        ]


@dataclass(slots=True)
class CaseInfo:
    """What the inquiries, follow-ups and notes need to know about a loaded case."""

    id: int
    ref: str
    trader: int  # index into the trader profiles
    opened: int
    last_day: int
    status: str
    rank: int
    line: str
    bl: str
    vessel: str
    box: str
    declaration: str | None
    assigned: int | None
    scripted: str
    custody: bool  # a box still in KPA custody, discharged


TraderName = tuple[int, str, str | None]  # id, legal name, trading name


@dataclass(slots=True)
class CaseRows:
    """The rows of the cases of one chunk, and what the later steps need to know of them."""

    cases: list[tuple[Any, ...]]
    containers: list[tuple[Any, ...]]
    milestones: list[tuple[Any, ...]]
    documents: list[tuple[Any, ...]]
    info: list[CaseInfo]


class CaseMaker:
    """Makes the rows of a run of cases (already in reference order) from their plans.

    Everything it needs comes in through the constructor, so that a chunk of cases can be made in
    another process with the same result: ids and reference numbers continue from the given
    starts, and container serial numbers stay inside the chunk's own range (unique demo-wide).
    """

    def __init__(
        self,
        cal: Calendar,
        dice: Dice,
        staff: StaffIds,
        traders: dict[int, TraderName],
        tariffs: list[Tariff],
        agents: list[int],
        *,
        first_case_id: int,
        first_box_id: int,
        serials: dict[int, int],
        serial_range: tuple[int, int],
    ) -> None:
        self.cal, self.dice, self.staff = cal, dice, staff
        self.traders = traders
        self.tariffs = tariffs
        self.agents = agents
        self.numbers: set[str] = set()
        self.next_case = first_case_id
        self.next_box = first_box_id
        self.serials = dict(serials)  # year → last case number used
        self.serial_range = serial_range
        self._known_fixed: dict[
            tuple[InlandMode, tuple[str, str, str]], dict[Milestone, Fixed]
        ] = {}

    def make(self, heads: Sequence[CaseHead]) -> CaseRows:
        """The rows of ``heads``: each case's story is drawn, then its rows."""
        rows = CaseRows([], [], [], [], [])
        story = Story(self.dice, self.cal)
        for head in heads:
            rows.cases.append(self._case(story.plan(head), rows))
        return rows

    # -- one case -------------------------------------------------------------------------------
    def _ref(self, year: int) -> str:
        self.serials[year] = serial = self.serials.get(year, 0) + 1
        return f"CASE-{year}-{str(serial).zfill(6)}"

    def _case(self, plan: CasePlan, rows: CaseRows) -> tuple[Any, ...]:
        d, cal, call = self.dice, self.cal, plan.call
        case_id = self.next_case
        self.next_case += 1
        year = cal.date(plan.opened_on).year
        ref = self._ref(year)
        trader_id, legal_name, trading_name = self.traders[plan.trader]
        style = v.LINES[call.line]
        assigned = self.staff.officer(d) if d.chance(0.92) else None
        by = assigned or self.staff.officer(d)
        created = cal.stamp(plan.opened_on, d)
        last_day = max([plan.opened_on, *[e.day for e in plan.events]])
        updated = cal.stamp(last_day, d)
        updated = updated if updated > created else created
        live = Timeline(plan.events)
        reached = set(live.codes)
        rank = max(map(RANK.__getitem__, reached)) if reached else 0

        box_ids, box_numbers, derived, weights = self._boxes(
            plan, case_id, live, rows.containers, created, updated, by
        )
        stages = [row["stage"] for row in derived]
        stage = slowest(stages) if derived else furthest(live.codes)
        on_stage = [day for code, day in zip(live.codes, live.days, strict=True) if code == stage]
        stage_on = max(on_stage) if on_stage else None
        route = (BORDERS_KE.draw(d), BORDERS_RW.draw(d), DESTINATIONS.draw(d))
        self._milestones(plan, case_id, box_ids, rows.milestones, by, route)

        between = d.between
        decl = (
            f"{year} KGL C {str(between(1000, 99_999)).zfill(5)}" if rank >= RANK_DECLARED else None
        )
        carnet = None
        if plan.regime is not Regime.IM4 and M.BOND_DEBITED in reached:
            carnet = f"RW{between(1_000_000, 9_999_999)}"
        order_no = f"DO{between(100_000, 999_999)}" if rank >= RANK_DO else None
        invoice = (
            f"KPA/INV/{year % 100}/{str(between(1, 999_999)).zfill(6)}"
            if rank >= RANK_CHARGES
            else None
        )
        house = d.chance(0.1)
        bl = BILLS_OF_LADING[style.bl_style](d)
        consignee = (legal_name.upper() if d.chance(0.8) else (trading_name or legal_name))[:200]
        house_bl = (
            f"{d.pick(v.PORT_CODES)}KGL{str(between(0, 9_999_999)).zfill(7)}" if house else None
        )
        loaded_at = d.pick(plan.cargo.ports)
        low, high = plan.cargo.packages
        packages = sum([between(low, high) for _ in box_ids])
        document_rows(
            d, cal, plan, rows.documents, case_id=case_id, rank=rank, bl=bl, decl=decl,
            order_no=order_no, invoice=invoice, by=by, created=created,
        )  # fmt: skip
        rows.info.append(
            CaseInfo(
                id=case_id, ref=ref, trader=plan.trader, opened=plan.opened_on, last_day=last_day,
                status=plan.status, rank=rank, line=call.line, bl=bl, vessel=call.vessel,
                box=box_numbers[0], declaration=decl, assigned=assigned, scripted=plan.scripted,
                custody=any([r["discharged_on"] and not r["left_custody_on"] for r in derived]),
            )
        )  # fmt: skip
        agent = d.pick(self.agents) if d.chance(0.9) else None
        values = {
            "bl_number": bl, "house_bl_number": house_bl, "voyage_no": call.voyage,
            "rotation_no": call.rotation_no, "manifest_no": call.manifest_no,
            "declaration_no": decl, "rctg_carnet_no": carnet, "delivery_order_no": order_no,
            "kpa_invoice_no": invoice, "vessel_name": call.vessel, "consignee_name": consignee,
            "port_of_loading": loaded_at,
        }  # fmt: skip
        return (
            case_id, ref, trader_id, consignee, agent, call.line_id, bl, identifier_key(bl),
            "house" if house else "master", house_bl, call.vessel, call.voyage, call.rotation_no,
            call.manifest_no, loaded_at, cal.iso(call.arrival), plan.regime.value, decl,
            identifier_key(decl), carnet, order_no, invoice, plan.mode.value, *route,
            plan.cargo.description, plan.cargo.hs_codes, packages, sum(weights), plan.status,
            db_value(stage), cal.iso(stage_on) if stage_on is not None else None, len(box_ids),
            cal.iso(plan.opened_on), cal.iso(plan.closed_on) if plan.closed_on else None, assigned,
            case_search_text(values, ref), created, by, updated, by,
        )  # fmt: skip

    def _box_number(self, owners: tuple[str, ...], wrong: bool) -> tuple[str, str | None]:
        """A number of the line's (or a leasing company's) boxes, unique in the demo; now and
        then one whose check digit is wrong as typed from the papers, kept with a reason."""
        d = self.dice
        while True:
            owner = d.pick(v.LEASED_OWNER_CODES) if d.chance(0.15) else d.pick(owners)
            serial = d.between(*self.serial_range)
            digit = check_digit(owner, serial)
            override = None
            if d.chance(0.003) or wrong:
                digit = str((int(digit) + d.between(1, 9)) % 10)
                override = d.pick(texts.OVERRIDE_REASONS)
            number = f"{owner}{str(serial).zfill(6)}{digit}"
            if number not in self.numbers:
                self.numbers.add(number)
                return number, override

    def _boxes(
        self,
        plan: CasePlan,
        case_id: int,
        live: Timeline,
        rows: list[tuple[Any, ...]],
        created: str,
        updated: str,
        by: int,
    ) -> tuple[list[int], list[str], list[dict[str, Any]], list[int]]:
        """The case's boxes: their ids, numbers, derived state (one derivation for all of them
        when every milestone is the whole case's) and weights."""
        d = self.dice
        style = v.LINES[plan.call.line]
        shared = live.boxes.count(None) == len(live.boxes)
        cache: dict[int | None, tuple[dict[str, Any], tuple[Any, ...]]] = {}
        ids, numbers, derived, weights = [], [], [], []
        low, high = plan.cargo.tonnes[0] * 1000, plan.cargo.tonnes[1] * 1000
        for box in range(plan.boxes):
            key = None if shared else box
            if key not in cache:
                mine = live.dated(key)
                made = derive_box(mine, self.tariffs, plan.mode, plan.call.line_id)
                cache[key] = made, tuple(map(db_value, _STORED(made)))
            result, stored = cache[key]
            number, override = self._box_number(
                style.owner_codes, plan.scripted == "expired" and box == 0
            )
            size = d.pick(plan.cargo.size_types)
            seal = f"{style.seal_prefix}{d.between(1_000_000, 9_999_999)}"
            eseal = f"ES{d.between(10_000_000, 99_999_999)}" if result["left_custody_on"] else None
            weight = d.between(low, high)
            box_id = self.next_box
            self.next_box += 1
            search = container_search_text({"number": number, "seal_no": seal, "eseal_no": eseal})
            rows.append(
                (box_id, case_id, number, override, size, seal, eseal, weight, *stored, search,
                 created, by, updated, by)
            )  # fmt: skip
            ids.append(box_id)
            numbers.append(number)
            derived.append(result)
            weights.append(weight)
        return ids, numbers, derived, weights

    def _fixed(self, plan: CasePlan, route: tuple[str, str, str]) -> dict[Milestone, Fixed]:
        """What each milestone's row holds whatever its day, for this case's inland mode and
        route: the stored code, the place, the source and the note (remembered: a few dozen
        combinations)."""
        key = (plan.mode, route)
        fixed = self._known_fixed.get(key)
        if fixed is None:
            icd = v.ICD_NAMES.get(plan.mode.value)
            places = {
                M.AT_ICD: icd,
                M.LEFT_ICD: icd,
                M.BORDER_KE_UG: v.BORDER_NAMES[route[0]],
                M.BORDER_UG_RW: v.BORDER_NAMES[route[1]],
                M.ARRIVED_KIGALI: v.DESTINATION_NAMES[route[2]],
            }
            fixed = {
                code: (value, location or places.get(code), source, note)
                for code, (value, location, source, note) in STATIC.items()
            }
            self._known_fixed[key] = fixed
        return fixed

    def _milestones(
        self,
        plan: CasePlan,
        case_id: int,
        box_ids: list[int],
        rows: list[tuple[Any, ...]],
        by: int,
        route: tuple[str, str, str],
    ) -> None:
        d, cal = self.dice, self.cal
        fixed = self._fixed(plan, route)
        time_of_day, stamp, iso_of, draw = cal.time_of_day, cal.stamp, cal.iso_of, d.random
        append = rows.append
        for event in plan.events:  # already in date order: ids follow (occurred_on, id)
            day = event.day
            value, place, source, note = fixed[event.code]
            when = stamp(day, d)
            box = None if event.box is None else box_ids[event.box]
            if event.void:
                reason = d.pick(texts.VOID_REASONS)
                at = time_of_day(d) if draw() < 0.3 else None
                append(
                    (case_id, box, value, iso_of[day], at, place, source, note, when, by, reason,
                     when, by, when, by)
                )  # fmt: skip
            else:
                at = time_of_day(d) if draw() < 0.3 else None
                append(
                    (case_id, box, value, iso_of[day], at, place, source, note, None, None, None,
                     when, by, when, by)
                )  # fmt: skip
