"""The office's own work in the demo: inquiries (every status, channel, category and priority),
referrals to outside parties, follow-ups (most done, some due today, some overdue) and notes.

The work about a run of cases is made with the cases' rows, wherever those are made (a worker
process for a large demo), from its own dice; the rest (questions about no case, the traders' own
follow-ups and notes) here. Inquiries then wait in the ``InquiryBook`` for their ids and
references, INQ-YYYY-NNNNNN from the yearly counter in order of receipt, and so do the rows that
hang on them. Rows carry the values the services would store: due dates from the response times
in the settings, the status columns that the schema's CHECKs tie together, the search keys.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from liaison.demo import texts
from liaison.demo import vocabulary as v
from liaison.demo.base import Calendar, Dice, Weighted
from liaison.demo.clearance import CaseInfo
from liaison.demo.people import StaffIds
from liaison.enums import Category, Channel, InquiryStatus, Priority

IS = InquiryStatus
C = Category
INQUIRY_COLUMNS = (
    "id", "ref", "trader_id", "contact_name", "received_at", "channel", "category", "subject",
    "description", "priority", "status", "assigned_to", "due_on", "paused_since",
    "first_response_at", "resolved_at", "closed_at", "resolution", "case_id", "search_text",
    "created_at", "created_by", "updated_at", "updated_by",
)  # fmt: skip
# An inquiry's row as made, before its id, reference and search key are known.
MADE_INQUIRY = tuple(c for c in INQUIRY_COLUMNS if c not in ("id", "ref", "search_text"))
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
    index: int = 0  # place among the inquiries made with it, until it has an id
    assigned: int | None = None
    paused_since: int | None = None
    resolved: int | None = None


Row = tuple[Any, ...]


@dataclass(slots=True)
class WorkRows:
    """Work made in one place: rows owned by a case or a trader, ready to write; inquiries as
    made (``MADE_INQUIRY``); and the referrals, follow-ups and notes of those inquiries, whose
    ``inquiry_id`` holds the inquiry's index in ``inquiries`` until it has an id."""

    referrals: list[Row] = field(default_factory=list)
    followups: list[Row] = field(default_factory=list)
    notes: list[Row] = field(default_factory=list)
    inquiries: list[Row] = field(default_factory=list)
    inquiry_referrals: list[Row] = field(default_factory=list)
    inquiry_followups: list[Row] = field(default_factory=list)
    inquiry_notes: list[Row] = field(default_factory=list)

    def packed(self) -> tuple[list[Row], ...]:
        return (
            self.referrals, self.followups, self.notes, self.inquiries, self.inquiry_referrals,
            self.inquiry_followups, self.inquiry_notes,
        )  # fmt: skip


# A trader's index → its id and contact person.
People = dict[int, tuple[int, str | None]]


@dataclass(frozen=True)
class WorkContext:
    """What making the office's work needs to know of the office."""

    staff: StaffIds
    sla_days: dict[Priority, int]
    parties: dict[str, int]  # name → id


class WorkMaker:
    def __init__(self, cal: Calendar, dice: Dice, context: WorkContext, people: People) -> None:
        self.cal, self.dice, self.staff = cal, dice, context.staff
        self.sla_days = context.sla_days
        self.parties = context.parties
        self.people = people
        self.line_agents = {name: self._party(style.agent_name) for name, style in v.LINES.items()}

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
    def plan_case_inquiries(self, cases: Sequence[CaseInfo]) -> list[InquiryPlan]:
        """The questions traders ask about ``cases`` (the scripted ones asked today or
        yesterday, unanswered)."""
        d, cal = self.dice, self.cal
        plans: list[InquiryPlan] = []
        for case in cases:
            if case.scripted in ("expiring:0", "auction"):
                day = cal.today - 1 if case.scripted == "auction" else cal.today
                plans.append(self._inquiry(case.trader, case, day, C.CARGO_STATUS, forced_new=True))
            if d.chance(0.4):
                end = min(cal.today, case.last_day + 7)
                day = case.opened + int(d.random() * (end - case.opened + 1))
                table = IN_CUSTODY if case.custody else ON_THE_ROAD
                plans.append(self._inquiry(case.trader, case, day, table.draw(d)))
        return plans

    def plan_loose_inquiries(
        self, traders: Sequence[tuple[int, str, int]], questions: int
    ) -> list[InquiryPlan]:
        """``questions`` drawn about no case, from traders not merged away (``traders``: each
        trader's id, status and registration day, by index)."""
        d, cal = self.dice, self.cal
        plans: list[InquiryPlan] = []
        for _ in range(questions):
            trader = d.between(0, len(traders) - 1)
            if traders[trader][1] == "merged":
                continue
            day = cal.today - d.between(0, 240)
            plans.append(self._inquiry(trader, None, day, NO_CASE.draw(d)))
        return plans

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

    def inquiries(self, plans: list[InquiryPlan], out: WorkRows) -> None:
        for index, plan in enumerate(plans):
            plan.index = index
            out.inquiries.append(self._inquiry_row(plan))
            self._inquiry_referral(plan, out)

    def _inquiry_row(self, p: InquiryPlan) -> Row:
        d, cal = self.dice, self.cal
        subjects, descriptions = texts.INQUIRIES[p.category.value]
        usable = [
            s
            for s in subjects
            if p.case or not any(k in s for k in ("{box}", "{bl}", "{vessel}", "{decl}"))
        ]
        subject = self.fill(d.pick(usable or subjects), p.case)
        description = self.fill(d.pick(descriptions), p.case) if d.chance(0.85) else None
        trader_id, contact_person = self.people[p.trader]
        contact = contact_person if d.chance(0.6) else None
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
        by = p.assigned or self.staff.officer(d)
        return (
            trader_id, contact, p.received_at, CHANNELS.draw(d).value, p.category.value, subject,
            description, priority.value, p.status.value, p.assigned,
            cal.iso(p.received + self.sla_days[priority]),
            cal.iso(p.paused_since) if p.paused_since is not None else None,
            first, resolved, closed, d.pick(texts.RESOLUTIONS) if resolved else None,
            p.case.id if p.case else None, p.received_at, by, updated, by,
        )  # fmt: skip

    # -- referrals ------------------------------------------------------------------------------
    def _inquiry_referral(self, p: InquiryPlan, out: WorkRows) -> None:
        d, cal = self.dice, self.cal
        waiting = p.status is IS.AWAITING_EXTERNAL
        if not waiting and not (
            p.category in REFERRED and p.resolved is not None and d.chance(0.5)
        ):
            return
        if waiting and p.paused_since is not None:
            day = p.paused_since  # the office is waiting for this party's answer
        else:
            day = min(p.received + d.between(0, 2), p.resolved or cal.today)
        party = self._party_for(p.category, p.case)
        owner = (None, p.index, None)
        out.inquiry_referrals.append(
            self._referral(owner, party, min(day, cal.today), open_=waiting, by=p.assigned)
        )

    def case_referrals(self, cases: Sequence[CaseInfo], out: WorkRows) -> None:
        d, cal = self.dice, self.cal
        for case in cases:
            if case.scripted == "auction":
                party = self._party(PARTY_FOR[C.LONG_STAY_AUCTION])
                out.referrals.append(
                    self._referral(
                        (None, None, case.id), party, cal.today - 9, open_=True, by=case.assigned
                    )
                )
            elif case.custody and d.chance(0.05):
                party = self._party(PARTY_FOR[C.CARGO_STATUS])
                day = cal.today - d.between(0, 12)
                out.referrals.append(
                    self._referral((None, None, case.id), party, day, open_=True, by=case.assigned)
                )

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
    ) -> Row:
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
