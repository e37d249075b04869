"""The office's own work in the demo: inquiries (every status, channel, category and priority),
referrals to outside parties, follow-ups (most done, some due today, some overdue) and notes.

Rows are written in bulk with the values the services would store: references INQ-YYYY-NNNNNN
from the yearly counter in order of receipt, due dates from the response times in the settings,
the status columns that the schema's CHECKs tie together, and the inquiries' own search key.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from liaison.demo import texts
from liaison.demo import vocabulary as v
from liaison.demo.base import Bulk, Calendar, Dice, Weighted
from liaison.demo.clearance import CaseInfo
from liaison.demo.people import StaffIds, TraderProfile
from liaison.enums import Category, Channel, InquiryStatus, Priority
from liaison.services.inquiries import inquiry_search_text

IS = InquiryStatus
C = Category
INQUIRY_COLUMNS = (
    "id", "ref", "trader_id", "contact_name", "received_at", "channel", "category", "subject",
    "description", "priority", "status", "assigned_to", "due_on", "paused_since",
    "first_response_at", "resolved_at", "closed_at", "resolution", "case_id", "search_text",
    "created_at", "created_by", "updated_at", "updated_by",
)  # fmt: skip
OWNER = ("trader_id", "inquiry_id", "case_id")
REFERRAL_COLUMNS = (
    *OWNER, "party_id", "referred_on", "channel", "their_reference", "response_due_on",
    "responded_on", "response_summary", "status", "created_at", "created_by", "updated_at",
    "updated_by",
)  # fmt: skip

CHANNELS = Weighted([
    (Channel.WALK_IN, 30), (Channel.PHONE, 25), (Channel.WHATSAPP, 20), (Channel.EMAIL, 15),
    (Channel.LETTER, 4), (Channel.MEETING, 4), (Channel.REFERRAL, 2),
])  # fmt: skip
PRIORITIES = Weighted(
    [(Priority.LOW, 10), (Priority.NORMAL, 60), (Priority.HIGH, 22), (Priority.URGENT, 8)]
)
IN_CUSTODY = Weighted([
    (C.CARGO_STATUS, 40), (C.STORAGE_WAIVER, 15), (C.CHARGES_QUOTE, 15), (C.LONG_STAY_AUCTION, 8),
    (C.DELAY, 10), (C.DEMURRAGE_DETENTION, 5), (C.DOCUMENTATION, 7),
])  # fmt: skip
ON_THE_ROAD = Weighted([
    (C.CARGO_STATUS, 35), (C.CHARGES_QUOTE, 10), (C.DEMURRAGE_DETENTION, 8), (C.DELAY, 10),
    (C.DOCUMENTATION, 12), (C.DAMAGE_LOSS, 4), (C.DEPOSIT_REFUND, 6), (C.COMPLAINT, 5),
    (C.TARIFF_INFO, 5), (C.STORAGE_WAIVER, 5),
])  # fmt: skip
NO_CASE = Weighted([
    (C.DOCUMENTATION, 30), (C.TARIFF_INFO, 20), (C.OTHER, 20), (C.COMPLAINT, 10),
    (C.DEPOSIT_REFUND, 10),
])  # fmt: skip
# Status by age in days: what an office's inquiries look like over time.
BY_AGE = (
    (2, Weighted([(IS.NEW, 55), (IS.OPEN, 30), (IS.AWAITING_TRADER, 5), (IS.AWAITING_EXTERNAL, 5), (IS.RESOLVED, 5)])),
    (14, Weighted([(IS.NEW, 6), (IS.OPEN, 28), (IS.AWAITING_TRADER, 12), (IS.AWAITING_EXTERNAL, 16), (IS.RESOLVED, 30), (IS.CLOSED, 8)])),
    (45, Weighted([(IS.OPEN, 6), (IS.AWAITING_TRADER, 3), (IS.AWAITING_EXTERNAL, 5), (IS.RESOLVED, 26), (IS.CLOSED, 60)])),
    (10_000, Weighted([(IS.OPEN, 0.5), (IS.RESOLVED, 6), (IS.CLOSED, 93.5)])),
)  # fmt: skip
REFERRED = frozenset({
    C.STORAGE_WAIVER, C.DEMURRAGE_DETENTION, C.DEPOSIT_REFUND, C.LONG_STAY_AUCTION,
    C.DAMAGE_LOSS, C.COMPLAINT,
})  # fmt: skip
# Which outside party answers which kind of question (a prefix of the party's name).
PARTY_FOR = {
    C.STORAGE_WAIVER: "KPA Mombasa — Customer Service",
    C.CHARGES_QUOTE: "KPA Mombasa — Customer Service",
    C.COMPLAINT: "KPA Mombasa — Customer Service",
    C.CARGO_STATUS: "KPA Mombasa — Container Operations",
    C.DELAY: "KPA Mombasa — Container Operations",
    C.LONG_STAY_AUCTION: "Kenya Revenue Authority",
    C.DAMAGE_LOSS: "RECTS",
    C.DOCUMENTATION: "Rwanda Revenue Authority",
}
ANSWERS = Weighted([("ANSWERED", 80), ("NO_RESPONSE", 12), ("CANCELLED", 8)])
REFERRAL_CHANNELS = Weighted([("email", 60), ("phone", 25), ("letter", 10), ("whatsapp", 5)])
ACTIVE = frozenset({IS.NEW, IS.OPEN, IS.AWAITING_TRADER, IS.AWAITING_EXTERNAL})


@dataclass(slots=True)
class InquiryPlan:
    trader: int
    case: CaseInfo | None
    received: int
    received_at: str
    category: Category
    status: InquiryStatus = IS.NEW
    id: int = 0
    ref: str = ""
    assigned: int | None = None
    paused_since: int | None = None
    resolved: int | None = None


class WorkWriter:
    def __init__(
        self,
        bulk: Bulk,
        cal: Calendar,
        dice: Dice,
        staff: StaffIds,
        traders: list[TraderProfile],
        sla_days: dict[Priority, int],
        parties: dict[str, int],
    ) -> None:
        self.bulk, self.cal, self.dice, self.staff = bulk, cal, dice, staff
        self.traders = traders
        self.sla_days = sla_days
        self.parties = parties  # name → id
        self.line_agents = {name: self._party(style.agent_name) for name, style in v.LINES.items()}
        self.inquiries: list[InquiryPlan] = []

    def _party(self, prefix: str) -> int:
        """The party whose name starts so (the seeded KPA desks, KRA, RRA…), else the first."""
        found = (pid for name, pid in self.parties.items() if name.startswith(prefix))
        return next(found, next(iter(self.parties.values())))

    def fill(self, template: str, case: CaseInfo | None) -> str:
        d = self.dice
        return template.format(
            box=case.box if case else "",
            bl=case.bl if case else "",
            line=case.line if case else d.pick(tuple(v.LINES)),
            vessel=case.vessel if case else "",
            decl=(case.declaration or case.bl) if case else "",
            n=d.between(2, 9),
        )

    # -- inquiries ------------------------------------------------------------------------------
    def plan_inquiries(self, cases: Sequence[CaseInfo]) -> None:
        d, cal = self.dice, self.cal
        plans = self.inquiries
        for case in cases:
            if case.scripted in ("expiring:0", "auction"):  # asked today or yesterday, unanswered
                day = cal.today - 1 if case.scripted == "auction" else cal.today
                plans.append(self._inquiry(case.trader, case, day, C.CARGO_STATUS, forced_new=True))
            if d.chance(0.4):
                end = min(cal.today, case.last_day + 7)
                day = case.opened + int(d.random() * (end - case.opened + 1))
                table = IN_CUSTODY if case.custody else ON_THE_ROAD
                plans.append(self._inquiry(case.trader, case, day, table.draw(d)))
        for _ in range(len(cases) // 10):
            trader = d.between(0, len(self.traders) - 1)
            if self.traders[trader].status == "merged":
                continue
            day = cal.today - d.between(0, 240)
            plans.append(self._inquiry(trader, None, day, NO_CASE.draw(d)))
        plans.sort(key=lambda p: (p.received_at, p.trader))

    def _inquiry(
        self,
        trader: int,
        case: CaseInfo | None,
        day: int,
        category: Category,
        forced_new: bool = False,
    ) -> InquiryPlan:
        d, cal = self.dice, self.cal
        age = cal.today - day
        status = IS.NEW if forced_new else next(t for limit, t in BY_AGE if age <= limit).draw(d)
        plan = InquiryPlan(trader, case, day, cal.stamp(day, d), category, status)
        if status is not IS.NEW or d.chance(0.5):
            plan.assigned = (
                case.assigned if case and d.chance(0.7) else None
            ) or self.staff.officer(d)
        if status in (IS.AWAITING_TRADER, IS.AWAITING_EXTERNAL):
            plan.paused_since = min(cal.today, day + d.between(0, max(0, min(age, 4))))
        if status in (IS.RESOLVED, IS.CLOSED):
            plan.resolved = min(cal.today, day + d.between(0, max(0, min(age, 20))))
        return plan

    def write_inquiries(self) -> None:
        first_id = self.bulk.next_id("inquiries")
        serials: dict[int, int] = {}
        for position, plan in enumerate(self.inquiries):
            year = self.cal.date(plan.received).year
            if year not in serials:
                serials[year] = self.bulk.counter("inquiry", year)
            serials[year] += 1
            plan.id = first_id + position
            plan.ref = f"INQ-{year}-{serials[year]:06d}"
        self.bulk.insert(
            "inquiries", INQUIRY_COLUMNS, (self._inquiry_row(p) for p in self.inquiries)
        )
        for year, last in serials.items():
            self.bulk.set_counter("inquiry", year, last)

    def _inquiry_row(self, p: InquiryPlan) -> tuple[Any, ...]:
        d, cal = self.dice, self.cal
        subjects, descriptions = texts.INQUIRIES[p.category.value]
        usable = [
            s
            for s in subjects
            if p.case or not any(k in s for k in ("{box}", "{bl}", "{vessel}", "{decl}"))
        ]
        subject = self.fill(d.pick(usable or subjects), p.case)
        description = self.fill(d.pick(descriptions), p.case) if d.chance(0.85) else None
        trader = self.traders[p.trader]
        contact = trader.contact_person if d.chance(0.6) else None
        priority = PRIORITIES.draw(d)
        if p.category is C.LONG_STAY_AUCTION:
            priority = Priority.URGENT if d.chance(0.5) else Priority.HIGH
        answered = p.status is not IS.NEW
        first = cal.stamp(min(cal.today, p.received + d.between(0, 2)), d) if answered else None
        first = max(first, p.received_at) if first else None
        resolved = max(cal.stamp(p.resolved, d), first or "") if p.resolved is not None else None
        closed = None
        if p.status is IS.CLOSED and p.resolved is not None:
            closed = max(
                cal.stamp(min(cal.today, p.resolved + d.between(2, 10)), d), resolved or ""
            )
        updated = max(s for s in (p.received_at, first, resolved, closed) if s)
        values = {"subject": subject, "description": description, "contact_name": contact}
        by = p.assigned or self.staff.officer(d)
        return (
            p.id, p.ref, trader.id, contact, p.received_at, CHANNELS.draw(d),
            p.category.value, subject, description, priority.value, p.status.value, p.assigned,
            cal.iso(p.received + self.sla_days[priority]),
            cal.iso(p.paused_since) if p.paused_since is not None else None,
            first, resolved, closed, d.pick(texts.RESOLUTIONS) if resolved else None,
            p.case.id if p.case else None, inquiry_search_text(values, p.ref),
            p.received_at, by, updated, by,
        )  # fmt: skip

    # -- referrals ------------------------------------------------------------------------------
    def write_referrals(self, cases: Sequence[CaseInfo]) -> None:
        d, cal = self.dice, self.cal
        out: list[tuple[Any, ...]] = []
        for p in self.inquiries:
            waiting = p.status is IS.AWAITING_EXTERNAL
            if not waiting and not (
                p.category in REFERRED and p.resolved is not None and d.chance(0.5)
            ):
                continue
            if waiting and p.paused_since is not None:
                day = p.paused_since  # the office is waiting for this party's answer
            else:
                day = min(p.received + d.between(0, 2), p.resolved or cal.today)
            party = self._party_for(p.category, p.case)
            owner = (None, p.id, None)
            out.append(
                self._referral(owner, party, min(day, cal.today), open_=waiting, by=p.assigned)
            )
        for case in cases:
            if case.scripted == "auction":
                party = self._party(PARTY_FOR[C.LONG_STAY_AUCTION])
                out.append(
                    self._referral(
                        (None, None, case.id), party, cal.today - 9, open_=True, by=case.assigned
                    )
                )
            elif case.custody and d.chance(0.05):
                party = self._party(PARTY_FOR[C.CARGO_STATUS])
                day = cal.today - d.between(0, 12)
                out.append(
                    self._referral((None, None, case.id), party, day, open_=True, by=case.assigned)
                )
        self.bulk.insert("referrals", REFERRAL_COLUMNS, out)

    def _party_for(self, category: Category, case: CaseInfo | None) -> int:
        if category in (C.DEMURRAGE_DETENTION, C.DEPOSIT_REFUND):
            return (
                self.line_agents[case.line]
                if case
                else self.dice.pick(tuple(self.line_agents.values()))
            )
        return self._party(PARTY_FOR.get(category, PARTY_FOR[C.COMPLAINT]))

    def _referral(
        self, owner: tuple[int | None, ...], party: int, day: int, *, open_: bool, by: int | None
    ) -> tuple[Any, ...]:
        d, cal = self.dice, self.cal
        due = day + 5
        their = (
            f"REF/{cal.date(day).year % 100}/{d.between(1, 9999):04d}" if d.chance(0.6) else None
        )
        responded = summary = None
        if open_:
            status = "ACKNOWLEDGED" if d.chance(0.4) else "SENT"
            their = their if status == "ACKNOWLEDGED" else None
        else:
            status = ANSWERS.draw(d)
            if status == "ANSWERED":
                responded = cal.iso(min(cal.today, day + d.between(1, 8)))
                summary = self.fill(d.pick(texts.REFERRAL_ANSWERS), None)
        created = cal.stamp(day, d)
        by = by or self.staff.officer(d)
        channel = REFERRAL_CHANNELS.draw(d)
        return (
            *owner, party, cal.iso(day), channel, their, cal.iso(due), responded, summary, status,
            created, by, created, by,
        )  # fmt: skip
