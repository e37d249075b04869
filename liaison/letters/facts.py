"""The facts a letter is written from, and the words they become in one language.

``LetterFacts`` is a snapshot of the records (trader, case, containers, milestones, documents,
inquiry, referrals, tariffs, settings) taken inside the issuing transaction. ``Wording`` turns it
into the named values templates use (``{bl_number}``, ``{earliest_free_until}`` …) and the rowsets
their tables list (``containers``, ``kpa_clock``, ``timeline`` …; referrals and incidents come from
``matters``). Pure functions: no database, no clock.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass, field

from liaison.clock import KIGALI, parse_stamp
from liaison.enums import DocStatus, MilestoneSource
from liaison.letters import matters
from liaison.letters.matters import ReferralFact
from liaison.letters.templates import LanguagePack
from liaison.models import Case, Container, Document, Inquiry, MilestoneRecord, Tariff, Trader
from liaison.rules import clocks
from liaison.rules.identifiers import format_container, format_phone
from liaison.rules.stages import STAGES, Milestone

ARRIVED = (Milestone.ARRIVED_KIGALI, Milestone.DELIVERED, Milestone.EMPTY_RETURNED)
# The milestones a closure letter's timeline summarises, in corridor order.
TIMELINE = (
    Milestone.VESSEL_ARRIVED,
    Milestone.DISCHARGED,
    Milestone.DECLARED,
    Milestone.TAXES_PAID,
    Milestone.BOND_DEBITED,
    Milestone.CUSTOMS_RELEASED,
    Milestone.DO_ISSUED,
    Milestone.PORT_CHARGES_PAID,
    Milestone.LOADED_TRUCK,
    Milestone.LOADED_SGR,
    Milestone.AT_ICD,
    Milestone.LEFT_ICD,
    Milestone.BORDER_KE_UG,
    Milestone.BORDER_UG_RW,
    Milestone.ARRIVED_KIGALI,
    Milestone.DELIVERED,
    Milestone.EMPTY_RETURNED,
)
CONTAINER_COLUMNS = (
    "number",
    "size_type",
    "stage",
    "stage_on",
    "location",
    "kpa_free_until",
    "next",
    "discharged_on",
    "free_days",
    "days_left",
    "daily_rate",
    "charge_to_date",
    "auction_on",
    "notice_ends",
    "released_on",
    "line_free_until",
    "seal_no",
)
DOCUMENT_COLUMNS = ("document", "status", "reference", "received_on", "purpose")
TIMELINE_COLUMNS = ("date", "event", "location", "source")
DESCRIPTION_LIMIT = 1500  # characters of an inquiry's description quoted in a letter
CARGO_LIMIT = 300
SUBJECT_CONTAINERS = 4  # container numbers named in a subject line before "and N more"


@dataclass(frozen=True, slots=True)
class LetterFacts:
    kind: str
    language: str
    today: dt.date
    settings: dict[str, str]
    trader: Trader
    issuer_name: str
    case: Case | None = None
    inquiry: Inquiry | None = None
    containers: tuple[Container, ...] = ()
    milestones: tuple[MilestoneRecord, ...] = ()  # not voided, in date order
    documents: tuple[Document, ...] = ()
    tariffs: tuple[Tariff, ...] = ()
    staff_names: dict[int, str] = field(default_factory=dict)
    shipping_line: str | None = None
    agent: str | None = None
    recorded_at: str | None = None  # the newest change of the records used (UTC stamp)
    recorded_source: MilestoneSource | None = None
    note: str | None = None  # the officer's own paragraph, typed when issuing
    referrals: tuple[ReferralFact, ...] = ()  # not cancelled, oldest first


def cap(text: str, limit: int, pack: LanguagePack) -> str:
    """Absurdly long text is cut with a visible mark, never silently."""
    if len(text) <= limit:
        return text
    mark = pack.common["shortened"].format(count=f"{len(text) - limit:,}")
    return f"{text[:limit].rstrip()} {mark}"


class Wording:
    """The values and rowsets of one letter in one language."""

    def __init__(self, facts: LetterFacts, pack: LanguagePack) -> None:
        self.facts = facts
        self.pack = pack
        self.common = pack.common
        self._clocks: dict[int, clocks.ClockDates] = {}

    # -- formatting ---------------------------------------------------------------------------
    def long_date(self, day: dt.date | None) -> str:
        if day is None:
            return ""
        number = self.common.get("day_one", "1") if day.day == 1 else str(day.day)
        return f"{number} {self.pack.months[day.month - 1]} {day.year}"

    @staticmethod
    def short_date(day: dt.date | None) -> str:
        return "" if day is None else f"{day.day:02d}/{day.month:02d}/{day.year:04d}"

    def days(self, count: int) -> str:
        key = "days_one" if abs(count) == 1 else "days_many"
        return self.common[key].format(count=count)

    @staticmethod
    def money(minor: int | None, currency: str) -> str:
        return "" if minor is None else f"{currency} {minor / 100:,.2f}"

    def cap(self, text: str | None, limit: int) -> str:
        return cap(text or "", limit, self.pack)

    def or_not_recorded(self, value: object) -> str:
        return str(value) if value not in (None, "") else self.common["not_recorded"]

    # -- helpers over the records -------------------------------------------------------------
    def tariff_for(self, box: Container) -> clocks.ClockDates:
        """The clocks (and the tariffs behind them) of a box, computed once per letter."""
        known = self._clocks.get(box.id)
        if known is not None:
            return known
        case = self.facts.case
        if case is None or box.discharged_on is None:
            return clocks.ClockDates()
        self._clocks[box.id] = clocks.compute_clocks(
            clocks.BoxEvents(discharged_on=box.discharged_on),
            self.facts.tariffs,
            inland_mode=case.inland_mode,
            shipping_line_id=case.shipping_line_id,
        )
        return self._clocks[box.id]

    def _tariff(self, tariff_id: int | None) -> Tariff | None:
        return next((t for t in self.facts.tariffs if t.id == tariff_id), None)

    def _latest_location(self, box: Container) -> str | None:
        for event in reversed(self.facts.milestones):
            if event.container_id in (None, box.id) and event.location:
                return event.location
        return None

    def location(self, box: Container) -> str:
        recorded = self._latest_location(box)
        if recorded:
            return recorded
        if box.stage is None:
            return self.common["not_recorded"]
        place = STAGES[box.stage].place.value
        if place == "icd" and self.facts.case is not None:
            return self.pack.label("storage_place", self.facts.case.inland_mode)
        if place == "kigali" and self.facts.case and self.facts.case.destination:
            return self.pack.label("destination", self.facts.case.destination)
        return self.pack.label("place", place)

    def next_step(self, box: Container) -> str:
        info = STAGES[box.stage] if box.stage else None
        step = info.next_step if info else Milestone.DOCS_RECEIVED
        actor = info.next_actor.value if info and info.next_actor else "trader"
        if step is None:
            return self.common["no_next_step"]
        return self.common["next_step"].format(
            step=self.pack.label("step", step), actor=self.pack.label("actor", actor)
        )

    def days_left(self, box: Container) -> str:
        if box.kpa_free_until is None:
            return ""
        left = (box.kpa_free_until - self.facts.today).days
        if left == 0:
            return self.common["days_left_today"]
        key = "days_left_future" if left > 0 else "days_left_past"
        return self.common[key].format(count=self.days(abs(left)))

    def charge_to_date(self, box: Container) -> str:
        rule = self._tariff(self.tariff_for(box).kpa_tariff_id)
        days = clocks.chargeable_days(box.kpa_free_until, box.left_custody_on, self.facts.today)
        if rule is None or rule.daily_rate_minor is None:
            return ""
        return self.money(
            clocks.indicative_charge_minor(days, rule.daily_rate_minor), rule.currency
        )

    # -- rowsets ------------------------------------------------------------------------------
    def boxes(self, rowset: str) -> list[Container]:
        test: dict[str, Callable[[Container], bool]] = {
            "containers": lambda b: True,
            "kpa_clock": lambda b: b.kpa_free_until is not None and b.left_custody_on is None,
            "auction_watch": lambda b: (
                b.auction_on is not None and b.left_custody_on is None and b.released_on is None
            ),
            "released": lambda b: b.released_on is not None and b.left_custody_on is None,
            "arrived": lambda b: b.stage in ARRIVED,
        }
        return [box for box in self.facts.containers if test[rowset](box)]

    def container_cells(self, box: Container) -> dict[str, str]:
        notice = clocks.auction_notice_ends(box.auction_on) if box.auction_on else None
        return {
            "number": format_container(box.number),
            "size_type": box.size_type or "",
            "stage": self.pack.label("stage", box.stage) or self.common["not_recorded"],
            "stage_on": self.short_date(box.stage_on),
            "location": self.location(box),
            "kpa_free_until": self.short_date(box.kpa_free_until),
            "next": self.next_step(box),
            "discharged_on": self.short_date(box.discharged_on),
            "free_days": "" if box.kpa_free_days is None else str(box.kpa_free_days),
            "days_left": self.days_left(box),
            "daily_rate": self.daily_rate(),
            "charge_to_date": self.charge_to_date(box),
            "auction_on": self.short_date(box.auction_on),
            "notice_ends": self.short_date(notice),
            "released_on": self.short_date(box.released_on),
            "line_free_until": self.short_date(box.line_free_until),
            "seal_no": box.seal_no or "",
        }

    def document_cells(self, doc: Document) -> dict[str, str]:
        return {
            "document": self.pack.label("doc_type", doc.doc_type),
            "status": self.pack.label("doc_status", doc.status),
            "reference": doc.reference_no or "",
            "received_on": self.short_date(doc.received_on),
            "purpose": self.pack.label("doc_purpose", doc.doc_type),
        }

    def missing_documents(self) -> list[Document]:
        wanted = (DocStatus.MISSING, DocStatus.REJECTED)
        return [d for d in self.facts.documents if d.status in wanted]

    def timeline(self) -> list[dict[str, str]]:
        """The first date of each corridor step, in corridor order (one row per step)."""
        first: dict[Milestone, MilestoneRecord] = {}
        for event in self.facts.milestones:
            if event.code in TIMELINE and event.code not in first:
                first[event.code] = event
        rows = []
        for code in TIMELINE:
            found = first.get(code)
            if found is not None:
                rows.append(
                    {
                        "date": self.short_date(found.occurred_on),
                        "event": self.pack.label("stage", code),
                        "location": found.location or "",
                        "source": self.pack.label("source", found.source),
                    }
                )
        return rows

    def rowset(self, name: str) -> list[dict[str, str]]:
        if name in ("documents", "documents_missing"):
            docs = self.facts.documents if name == "documents" else self.missing_documents()
            return [self.document_cells(d) for d in docs]
        if name == "timeline":
            return self.timeline()
        if name in matters.ROWSETS:
            return matters.rowset(self, name)
        return [self.container_cells(box) for box in self.boxes(name)]

    def first_event(self, *codes: Milestone) -> dt.date | None:
        return min((e.occurred_on for e in self.facts.milestones if e.code in codes), default=None)

    def daily_rate(self) -> str:
        boxes = self.boxes("kpa_clock") or self.boxes("containers")
        rule = self._tariff(self.tariff_for(boxes[0]).kpa_tariff_id) if boxes else None
        if rule is None or rule.daily_rate_minor is None:
            return ""
        amount = self.money(rule.daily_rate_minor, rule.currency)
        return self.common["per_day"].format(amount=amount)

    def tariff_note(self) -> str:
        boxes = self.boxes("kpa_clock") or self.boxes("containers")
        rule = self._tariff(self.tariff_for(boxes[0]).kpa_tariff_id) if boxes else None
        if rule is None:
            return ""
        since = self.long_date(rule.effective_from)
        note = rule.source_note or self.common["not_recorded"]
        return self.common["tariff_since"].format(note=note, date=since)

    def recorded_on(self) -> str:
        if self.facts.recorded_at is None:
            return self.long_date(self.facts.today)
        moment = parse_stamp(self.facts.recorded_at).astimezone(KIGALI)
        return self.common["at_time"].format(
            date=self.long_date(moment.date()), time=moment.strftime("%H:%M")
        )

    def recorded_source(self) -> str:
        source = self.facts.recorded_source
        return self.pack.label("source", source) if source else self.common["recorded_office"]

    def phone(self, e164: str | None) -> str:
        return _phone(e164)


@functools.lru_cache(maxsize=256)
def _phone(e164: str | None) -> str:
    """The office's number is on every letter: formatted once per process."""
    return format_phone(e164)
