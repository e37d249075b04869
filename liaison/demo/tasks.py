"""Follow-ups and notes of the demo office: most follow-ups done long ago, a working set pending
(some overdue, some due today, the rest ahead), and notes against cases, inquiries and traders."""

from __future__ import annotations

from collections.abc import Sequence

from liaison.demo import texts
from liaison.demo.base import Weighted
from liaison.demo.clearance import CaseInfo
from liaison.demo.work import ACTIVE, OWNER, InquiryPlan, Row, WorkMaker, WorkRows
from liaison.enums import FollowUpKind
from liaison.rules.stages import STAGES, Milestone

FOLLOWUP_COLUMNS = (
    *OWNER, "kind", "title", "due_on", "due_time", "assigned_to", "status", "done_at", "outcome",
    "created_at", "created_by", "updated_at", "updated_by",
)  # fmt: skip
NOTE_COLUMNS = (*OWNER, "body", "created_at", "created_by", "updated_at", "updated_by")
K = FollowUpKind
CASE_FOLLOWUPS = Weighted([
    (K.CHASE_KPA, 30), (K.CALL_TRADER, 25), (K.CHASE_SHIPPING_LINE, 15), (K.CHASE_RRA, 12),
    (K.SEND_LETTER, 10), (K.SITE_VISIT, 4), (K.CHASE_KRA, 4),
])  # fmt: skip
INQUIRY_FOLLOWUPS = Weighted([(K.CALL_TRADER, 50), (K.CHASE_KPA, 30), (K.SEND_LETTER, 20)])
DELIVERED_RANK = STAGES[Milestone.DELIVERED].rank
# The scripted cases' pending follow-up, days from today: Today always has overdue and due ones.
SCRIPTED_DUE = {"expiring:0": -2, "expiring:1": 0, "auction": -1, "expired": 1}


def case_tasks(work: WorkMaker, cases: Sequence[CaseInfo], out: WorkRows) -> None:
    """The cases' follow-ups (done ones along the way, a pending one for most active cases)
    and notes."""
    d, cal = work.dice, work.cal
    followups, notes = out.followups, out.notes
    for case in cases:
        owner = (None, None, case.id)
        for _ in range(d.between(0, 1) + d.chance(0.2)):
            end = max(case.opened, min(case.last_day, cal.today - 1))
            day = case.opened + int(d.random() * (end - case.opened + 1))
            kind = CASE_FOLLOWUPS.draw(d)
            followups.append(_followup(work, owner, kind, day, case, case.assigned, done=True))
        active = case.status in ("OPEN", "ON_HOLD") and (case.custody or case.rank < DELIVERED_RANK)
        if case.scripted in SCRIPTED_DUE:
            day = cal.today + SCRIPTED_DUE[case.scripted]
            followups.append(
                _followup(work, owner, K.CHASE_KPA, day, case, case.assigned, done=False)
            )
        elif active and d.chance(0.6):
            day = cal.today + d.between(-5, 10)
            kind = CASE_FOLLOWUPS.draw(d)
            followups.append(_followup(work, owner, kind, day, case, case.assigned, done=False))
    for case in cases:
        for _ in range(d.chance(0.5) + d.chance(0.2)):
            span = max(case.last_day, case.opened) - case.opened + 1
            day = case.opened + int(d.random() * span)
            notes.append(_note(work, (None, None, case.id), day, case.assigned))


def inquiry_tasks(work: WorkMaker, plans: Sequence[InquiryPlan], out: WorkRows) -> None:
    """The inquiries' follow-ups and notes; the owner's ``inquiry_id`` holds the inquiry's
    index until it has an id (see ``WorkRows``)."""
    d, cal = work.dice, work.cal
    for p in plans:
        owner = (None, p.index, None)
        if p.status in ACTIVE and d.chance(0.5):
            day = max(p.received, cal.today + d.between(-3, 7))
            kind = INQUIRY_FOLLOWUPS.draw(d)
            out.inquiry_followups.append(
                _followup(work, owner, kind, day, p.case, p.assigned, done=False)
            )
        elif p.status not in ACTIVE and d.chance(0.3):
            day = p.resolved if p.resolved is not None else p.received
            kind = INQUIRY_FOLLOWUPS.draw(d)
            out.inquiry_followups.append(
                _followup(work, owner, kind, day, p.case, p.assigned, done=True)
            )
    for p in plans:
        if d.chance(0.35):
            out.inquiry_notes.append(
                _note(work, (None, p.index, None), p.received + d.between(0, 3), p.assigned)
            )


def trader_tasks(work: WorkMaker, traders: Sequence[tuple[int, str, int]], out: WorkRows) -> None:
    """A call now and then to an active trader, and notes on a few (``traders``: id, status and
    registration day of each)."""
    d, cal = work.dice, work.cal
    for trader_id, status, created_day in traders:
        if status == "active" and d.chance(0.02):
            day = max(created_day, cal.today - d.between(0, 60))
            out.followups.append(
                _followup(
                    work, (trader_id, None, None), K.CALL_TRADER, day, None, None,
                    done=day < cal.today,
                )
            )  # fmt: skip
    for trader_id, _, created_day in traders:
        if d.chance(0.03):
            day = created_day + d.between(0, 30)
            out.notes.append(_note(work, (trader_id, None, None), day, None))


def _followup(
    work: WorkMaker,
    owner: tuple[int | None, ...],
    kind: K,
    day: int,
    case: CaseInfo | None,
    assigned: int | None,
    *,
    done: bool,
) -> Row:
    d, cal = work.dice, work.cal
    templates = [t for t in texts.FOLLOWUP_TITLES[kind.value] if case or "{" not in t]
    title = work.fill(d.pick(templates or ("Call the trader",)), case)
    created = cal.stamp(min(cal.today, day - d.between(1, 7)), d)
    by = assigned or work.staff.officer(d)
    status, done_at, outcome, updated = "PENDING", None, None, created
    if done:
        if d.chance(0.9):
            status, outcome = "DONE", d.pick(texts.OUTCOMES)
            done_at = max(created, cal.stamp(min(cal.today, day + d.between(0, 1)), d))
            updated = done_at
        else:
            status, outcome = "CANCELLED", d.pick(texts.CANCEL_REASONS)
    due_time = d.pick(("09:00", "10:30", "14:00", "15:30")) if d.chance(0.2) else None
    return (
        *owner, kind.value, title[:200], cal.iso(day), due_time, assigned, status, done_at,
        outcome, created, by, updated, by,
    )  # fmt: skip


def _note(work: WorkMaker, owner: tuple[int | None, ...], day: int, by: int | None) -> Row:
    d, cal = work.dice, work.cal
    stamp = cal.stamp(min(day, cal.today), d)
    author = by or work.staff.officer(d)
    body = d.pick(texts.NOTES).format(n=d.between(1000, 99_999))
    return (*owner, body, stamp, author, stamp, author)
