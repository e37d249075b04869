"""Rows of the demo's clearance cases: the case, its containers (ISO 6346 numbers of the line's
owner codes), its milestones, its documents checklist.

Stage and clocks are never typed here: each box's are derived by the tracking service's own
derivation (``derivation.derive_box`` with the tariffs loaded once, as ``recompute_case`` does), and the
case's stage is its slowest box, exactly as ``recompute_case`` composes it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from liaison.db.rows import db_value
from liaison.demo import texts
from liaison.demo import vocabulary as v
from liaison.demo.base import Calendar, Dice, Weighted, check_digit
from liaison.demo.corridor import BILLS_OF_LADING, CaseHead, CasePlan, Event, Story
from liaison.demo.people import StaffIds
from liaison.enums import DocType, Regime
from liaison.models import Tariff
from liaison.rules.identifiers import identifier_key
from liaison.rules.stages import STAGES, Milestone, furthest, slowest
from liaison.services.case_rules import case_search_text, container_search_text
from liaison.services.cases import DEFAULT_CHECKLIST
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
STATIC = {
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
RANK_DECLARED = STAGES[M.DECLARED].rank
RANK_DO = STAGES[M.DO_ISSUED].rank
RANK_CHARGES = STAGES[M.PORT_CHARGES_PAID].rank
RANK_LOADED = STAGES[M.LOADED_TRUCK].rank


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

    def make(self, heads: Sequence[CaseHead]) -> CaseRows:
        """The rows of ``heads``: each case's story is drawn, then its rows."""
        rows = CaseRows([], [], [], [], [])
        story = Story(self.dice, self.cal)
        for head in heads:
            rows.cases.append(self._case(story.plan(head), rows))
        return rows

    # -- one case -------------------------------------------------------------------------------
    def _ref(self, opened: int) -> str:
        year = self.cal.date(opened).year
        self.serials[year] = self.serials.get(year, 0) + 1
        return f"CASE-{year}-{self.serials[year]:06d}"

    def _case(self, plan: CasePlan, rows: CaseRows) -> tuple[Any, ...]:
        d, cal = self.dice, self.cal
        case_id = self.next_case
        self.next_case += 1
        ref = self._ref(plan.opened_on)
        trader_id, legal_name, trading_name = self.traders[plan.trader]
        style = v.LINES[plan.call.line]
        assigned = self.staff.officer(d) if d.chance(0.92) else None
        by = assigned or self.staff.officer(d)
        created = cal.stamp(plan.opened_on, d)
        last_day = max([plan.opened_on, *(e.day for e in plan.events)])
        updated = max(created, cal.stamp(last_day, d))
        live = [e for e in plan.events if not e.void]
        reached = {e.code for e in live}
        rank = max((STAGES[c].rank for c in reached), default=0)

        box_ids, box_numbers, derived = self._boxes(
            plan, case_id, live, rows.containers, created, updated, by
        )
        case_events = [(e.code, e.day) for e in live]
        stages = [row["stage"] for row in derived]
        stage = slowest(stages) if derived else furthest([c for c, _ in case_events])
        stage_on = max((day for code, day in case_events if code == stage), default=None)
        route = (BORDERS_KE.draw(d), BORDERS_RW.draw(d), DESTINATIONS.draw(d))
        self._milestones(plan, case_id, box_ids, rows.milestones, by, route)

        year = cal.date(plan.opened_on).year
        decl = f"{year} KGL C {d.between(1000, 99_999):05d}" if rank >= RANK_DECLARED else None
        carnet = None
        if plan.regime is not Regime.IM4 and M.BOND_DEBITED in reached:
            carnet = f"RW{d.between(1_000_000, 9_999_999)}"
        order_no = f"DO{d.between(100_000, 999_999)}" if rank >= RANK_DO else None
        invoice = (
            f"KPA/INV/{year % 100}/{d.between(1, 999_999):06d}" if rank >= RANK_CHARGES else None
        )
        house = d.chance(0.1)
        bl = BILLS_OF_LADING[style.bl_style](d)
        consignee = legal_name.upper() if d.chance(0.8) else (trading_name or legal_name)
        values = {
            "bl_number": bl,
            "house_bl_number": f"{d.pick(v.PORT_CODES)}KGL{d.between(0, 9_999_999):07d}"
            if house
            else None,
            "voyage_no": plan.call.voyage,
            "rotation_no": plan.call.rotation_no,
            "manifest_no": plan.call.manifest_no,
            "declaration_no": decl,
            "rctg_carnet_no": carnet,
            "delivery_order_no": order_no,
            "kpa_invoice_no": invoice,
            "vessel_name": plan.call.vessel,
            "consignee_name": consignee[:200],
            "port_of_loading": d.pick(plan.cargo.ports),
        }
        packages = sum(d.between(*plan.cargo.packages) for _ in box_ids)
        weight = sum(row["weight"] for row in derived)
        self._documents(
            plan, case_id, rank, decl, bl, order_no, invoice, rows.documents, by, created
        )
        rows.info.append(
            CaseInfo(
                id=case_id, ref=ref, trader=plan.trader, opened=plan.opened_on, last_day=last_day,
                status=plan.status, rank=rank, line=plan.call.line, bl=bl,
                vessel=plan.call.vessel, box=box_numbers[0], declaration=decl, assigned=assigned,
                scripted=plan.scripted,
                custody=any(r["discharged_on"] and not r["left_custody_on"] for r in derived),
            )
        )  # fmt: skip
        return (
            case_id, ref, trader_id, values["consignee_name"], d.pick(self.agents) if d.chance(0.9) else None,
            plan.call.line_id, bl, identifier_key(bl), "house" if house else "master",
            values["house_bl_number"], plan.call.vessel, plan.call.voyage, plan.call.rotation_no,
            plan.call.manifest_no, values["port_of_loading"], cal.iso(plan.call.arrival),
            plan.regime.value, decl, identifier_key(decl), carnet, order_no, invoice,
            plan.mode.value, *route,
            plan.cargo.description, plan.cargo.hs_codes, packages, weight, plan.status,
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
            stem = f"{owner}{serial:06d}"
            digit = check_digit(owner, serial)
            override = None
            if d.chance(0.003) or wrong:
                digit = str((int(digit) + d.between(1, 9)) % 10)
                override = d.pick(texts.OVERRIDE_REASONS)
            number = stem + digit
            if number not in self.numbers:
                self.numbers.add(number)
                return number, override

    def _boxes(
        self,
        plan: CasePlan,
        case_id: int,
        live: list[Event],
        rows: list[tuple[Any, ...]],
        created: str,
        updated: str,
        by: int,
    ) -> tuple[list[int], list[str], list[dict[str, Any]]]:
        d = self.dice
        style = v.LINES[plan.call.line]
        shared = all(e.box is None for e in live)
        cache: dict[int | None, dict[str, Any]] = {}
        stored: dict[int | None, list[Any]] = {}
        ids, numbers, derived = [], [], []
        for box in range(plan.boxes):
            key = None if shared else box
            if key not in cache:
                mine = [(e.code, dt.date.fromordinal(e.day)) for e in live if e.box in (None, box)]
                cache[key] = derive_box(mine, self.tariffs, plan.mode, plan.call.line_id)
                stored[key] = [db_value(cache[key][name]) for name in DERIVED]
            result = cache[key]
            wrong = plan.scripted == "expired" and box == 0
            number, override = self._box_number(style.owner_codes, wrong)
            size = d.pick(plan.cargo.size_types)
            seal = f"{style.seal_prefix}{d.between(1_000_000, 9_999_999)}"
            eseal = f"ES{d.between(10_000_000, 99_999_999)}" if result["left_custody_on"] else None
            weight = d.between(plan.cargo.tonnes[0] * 1000, plan.cargo.tonnes[1] * 1000)
            box_id = self.next_box
            self.next_box += 1
            search = container_search_text({"number": number, "seal_no": seal, "eseal_no": eseal})
            row = (box_id, case_id, number, override, size, seal, eseal, weight, *stored[key])
            rows.append((*row, search, created, by, updated, by))
            ids.append(box_id)
            numbers.append(number)
            derived.append(result | {"weight": weight})
        return ids, numbers, derived

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
        places = {
            M.AT_ICD: v.ICD_NAMES.get(plan.mode.value),
            M.LEFT_ICD: v.ICD_NAMES.get(plan.mode.value),
            M.BORDER_KE_UG: v.BORDER_NAMES[route[0]],
            M.BORDER_UG_RW: v.BORDER_NAMES[route[1]],
            M.ARRIVED_KIGALI: v.DESTINATION_NAMES[route[2]],
        }
        time_of_day, stamp, iso, chance = cal.time_of_day, cal.stamp, cal.iso, d.chance
        for event in plan.events:  # already in date order: ids follow (occurred_on, id)
            value, location, source, note = STATIC[event.code]
            when = stamp(event.day, d)
            void = (when, by, d.pick(texts.VOID_REASONS)) if event.void else (None, None, None)
            rows.append(
                (
                    case_id,
                    None if event.box is None else box_ids[event.box],
                    value,
                    iso(event.day),
                    time_of_day(d) if chance(0.3) else None,
                    location or places.get(event.code),
                    source,
                    note,
                    *void,
                    when,
                    by,
                    when,
                    by,
                )
            )

    def _documents(
        self,
        plan: CasePlan,
        case_id: int,
        rank: int,
        decl: str | None,
        bl: str,
        order_no: str | None,
        invoice: str | None,
        rows: list[tuple[Any, ...]],
        by: int,
        created: str,
    ) -> None:
        d, cal = self.dice, self.cal
        cancelled = plan.status == "CANCELLED"
        opened = (created, by, created, by)  # the checklist is written with the case
        refs: dict[DocType, str | None] = {
            DocType.BL: bl,
            DocType.DECLARATION: decl,
            DocType.COMMERCIAL_INVOICE: f"INV-{d.between(1000, 99_999)}",
        }
        odds = {
            DocType.BL: 1.0 if rank >= RANK_DECLARED else 0.7,
            DocType.COMMERCIAL_INVOICE: 1.0 if rank >= RANK_DECLARED else 0.6,
            DocType.PACKING_LIST: 0.97 if rank >= RANK_DECLARED else 0.5,
            DocType.CERTIFICATE_OF_ORIGIN: 0.8 if rank >= RANK_DECLARED else 0.35,
            DocType.DECLARATION: 1.0 if decl else 0.0,
        }
        wanted = [(t, odds[t], refs.get(t)) for t in DEFAULT_CHECKLIST]
        if order_no and d.chance(0.5):
            wanted.append((DocType.DELIVERY_ORDER, 1.0, order_no))
        if invoice and d.chance(0.3):
            wanted.append((DocType.KPA_INVOICE, 1.0, invoice))
        if plan.regime is Regime.IM8:
            wanted.append((DocType.T1, 1.0 if rank >= RANK_LOADED else 0.2, None))
        if plan.cargo.hs_codes.startswith("3004"):
            wanted.append((DocType.PERMIT, 0.7, None))
        elif plan.cargo.hs_codes.startswith(("1006", "1101")):
            wanted.append((DocType.PHYTO, 0.7, None))
        for doc_type, chance, reference in wanted:
            if cancelled or d.random() >= chance:
                rows.append((case_id, doc_type.value, None, "missing", None, *opened))
                continue
            day = min(cal.today, plan.opened_on + d.between(0, 10))
            status = "verified" if d.chance(0.4) else "received"
            received = (opened[0], by, max(opened[0], cal.stamp(day, d)), by)
            rows.append((case_id, doc_type.value, reference, status, cal.iso(day), *received))
