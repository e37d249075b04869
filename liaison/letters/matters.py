"""What the letters about a matter beyond the cargo's progress print: the referrals made to other
organisations (``REFERRAL``, and the referral part of ``COMPLAINT_ACK``), the incidents recorded in
transit (``INCIDENT_NOTICE``) and whether an inquiry is a complaint.

``ReferralFact`` is a referral as a letter needs it (with the organisation's contact details).
The functions turn the facts into the named values and rowsets templates use. Pure: no database,
no clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from liaison.enums import Category, Channel, MilestoneSource, PartyKind, ReferralStatus
from liaison.rules.identifiers import format_container
from liaison.rules.stages import Milestone

if TYPE_CHECKING:
    from liaison.letters.facts import LetterFacts, Wording
    from liaison.models import MilestoneRecord

REFERRAL_COLUMNS = (
    "agency",
    "contact",
    "their_reference",
    "referred_on",
    "response_due",
    "referral_status",
)
ADVICE_COLUMNS = ("organisation", "advice")
ANSWER_COLUMNS = ("organisation", "answer")
INCIDENT_COLUMNS = ("date", "place", "containers", "source", "details")
OPEN_REFERRALS = (ReferralStatus.SENT, ReferralStatus.ACKNOWLEDGED, ReferralStatus.NO_RESPONSE)
# Characters quoted in a letter: a table row cannot break across pages, so its cells stay short.
REPLY_LIMIT = 600  # a party's answer (in a wide column)
DETAILS_LIMIT = 1500  # the latest incident's note (a paragraph of its own)
CELL_DETAILS_LIMIT = 300  # an earlier incident's note (in a table cell)


@dataclass(frozen=True, slots=True)
class ReferralFact:
    """A referral that is not cancelled, with the organisation it went to."""

    id: int
    party_name: str
    party_kind: PartyKind
    contact_name: str | None
    phone: str | None
    email: str | None
    referred_on: dt.date
    channel: Channel
    their_reference: str | None
    response_due_on: dt.date | None
    responded_on: dt.date | None
    response_summary: str | None
    status: ReferralStatus


@dataclass(frozen=True, slots=True)
class Incident:
    """One incident: the INCIDENT milestones recorded together (one row per container)."""

    occurred_on: dt.date
    occurred_time: str | None
    location: str | None
    source: MilestoneSource
    note: str | None
    container_ids: tuple[int, ...]  # empty: the whole case


def incidents(facts: LetterFacts) -> list[Incident]:
    """The live INCIDENT milestones grouped into incidents, oldest first."""
    grouped: dict[tuple[object, ...], list[MilestoneRecord]] = {}
    for event in facts.milestones:
        if event.code == Milestone.INCIDENT:
            key = (event.occurred_on, event.occurred_time, event.location, event.source, event.note)
            grouped.setdefault(key, []).append(event)
    found = [
        Incident(
            occurred_on=events[0].occurred_on,
            occurred_time=events[0].occurred_time,
            location=events[0].location,
            source=events[0].source,
            note=events[0].note,
            container_ids=()
            if any(e.container_id is None for e in events)
            else tuple(sorted({e.container_id for e in events if e.container_id is not None})),
        )
        for events in grouped.values()
    ]
    return sorted(found, key=lambda i: (i.occurred_on, i.occurred_time or ""))


def incident_boxes(facts: LetterFacts, incident: Incident) -> list[str]:
    """The formatted numbers of the containers an incident concerns (every box of the case when
    it was recorded for the whole case)."""
    wanted = set(incident.container_ids)
    return [
        format_container(box.number) for box in facts.containers if not wanted or box.id in wanted
    ]


def _when(w: Wording, incident: Incident) -> str:
    day = w.long_date(incident.occurred_on)
    if not incident.occurred_time:
        return day
    return w.common["at_time"].format(date=day, time=incident.occurred_time)


def _boxes_text(w: Wording, numbers: list[str]) -> str:
    return ", ".join(numbers) or w.common["no_containers"]


def incident_cells(
    w: Wording, incident: Incident, limit: int = CELL_DETAILS_LIMIT
) -> dict[str, str]:
    return {
        "date": _when(w, incident),
        "place": w.or_not_recorded(incident.location),
        "containers": _boxes_text(w, incident_boxes(w.facts, incident)),
        "source": _capital(w.pack.label("source", incident.source)),
        "details": w.cap(incident.note, limit),
    }


def _status(w: Wording, referral: ReferralFact) -> str:
    status = w.pack.label("referral_status", referral.status)
    if referral.responded_on is None:
        return status
    return w.common["status_on"].format(status=status, date=w.short_date(referral.responded_on))


def referral_cells(w: Wording, referral: ReferralFact) -> dict[str, str]:
    contact = [referral.contact_name or "", w.phone(referral.phone), referral.email or ""]
    return {
        "agency": referral.party_name,
        "contact": "\n".join(p for p in contact if p) or w.common["not_recorded"],
        "their_reference": referral.their_reference or w.common["not_recorded"],
        "referred_on": w.short_date(referral.referred_on),
        "response_due": w.short_date(referral.response_due_on),
        "referral_status": _status(w, referral),
    }


def answered(facts: LetterFacts) -> list[ReferralFact]:
    return [
        r for r in facts.referrals if r.status == ReferralStatus.ANSWERED and r.response_summary
    ]


def rowset(w: Wording, name: str) -> list[dict[str, str]]:
    facts = w.facts
    if name == "referrals":
        return [referral_cells(w, r) for r in facts.referrals]
    if name == "referral_answers":
        return [
            {
                "organisation": f"{r.party_name}\n{_status(w, r)}",
                "answer": w.cap(r.response_summary, REPLY_LIMIT),
            }
            for r in answered(facts)
        ]
    if name == "referral_advice":
        seen: dict[str, PartyKind] = {}
        for referral in facts.referrals:
            seen.setdefault(referral.party_name, referral.party_kind)
        return [
            {"organisation": party, "advice": w.pack.label("referral_advice", kind)}
            for party, kind in seen.items()
        ]
    found = incidents(facts)
    if name == "incidents_earlier":
        found = found[:-1]
    return [incident_cells(w, i) for i in reversed(found)]  # the newest first


ROWSETS = {
    "referrals": REFERRAL_COLUMNS,
    "referral_advice": ADVICE_COLUMNS,
    "referral_answers": ANSWER_COLUMNS,
    "incidents": INCIDENT_COLUMNS,
    "incidents_earlier": INCIDENT_COLUMNS,
}


def is_complaint(facts: LetterFacts) -> bool:
    return facts.inquiry is not None and facts.inquiry.category == Category.COMPLAINT


def values(facts: LetterFacts, w: Wording, subject_boxes: int) -> dict[str, str]:
    """The named values of referrals, incidents and the matter a letter is about (empty when the
    records say nothing of them)."""
    c, case, inq = w.common, facts.case, facts.inquiry
    if inq is not None:
        matter = c["matter_inquiry"].format(ref=inq.ref, subject=inq.subject)
    elif case is not None:
        matter = c["matter_case"].format(ref=case.ref, bl=case.bl_number)
    else:
        matter = ""
    case_subject = ""
    if case is not None:
        numbers = [format_container(b.number) for b in facts.containers]
        case_subject = c["subject_case"].format(
            bl=case.bl_number, containers=_subject_list(w, numbers, subject_boxes)
        )
    open_due = [r.response_due_on for r in facts.referrals if r.status in OPEN_REFERRALS]
    agencies = list(dict.fromkeys(r.party_name for r in facts.referrals))
    found = incidents(facts)
    latest = found[-1] if found else None
    boxes = incident_boxes(facts, latest) if latest else []
    cells = incident_cells(w, latest, DETAILS_LIMIT) if latest else None
    return {
        "kpa_ref": inq.ref if inq is not None else case.ref if case is not None else "",
        "matter": matter,
        "case_subject": case_subject,
        "referral_count": str(len(facts.referrals)),
        "referral_answered_count": str(len(answered(facts))),
        "referral_agencies": ", ".join(agencies),
        "referral_due": w.long_date(min((d for d in open_due if d), default=None)),
        "incident_count": str(len(found)),
        "incident_earlier_count": str(max(0, len(found) - 1)),
        "incident_date": _when(w, latest) if latest else "",
        "incident_day": w.long_date(latest.occurred_on) if latest else "",
        "incident_place": w.or_not_recorded(latest.location) if latest else "",
        "incident_source": cells["source"] if cells else "",
        "incident_details": cells["details"] if cells else "",
        "incident_containers": _boxes_text(w, boxes) if latest else "",
        "incident_subject": _subject_list(w, boxes, subject_boxes) if latest else "",
        "office_contact": office_contact(facts, w),
    }


def _subject_list(w: Wording, numbers: list[str], limit: int) -> str:
    if not numbers:
        return w.common["no_containers"]
    text = ", ".join(numbers[:limit])
    if len(numbers) > limit:
        text += " " + w.common["and_more_short"].format(count=len(numbers) - limit)
    return text


def _capital(text: str) -> str:
    """A label written for the middle of a sentence ("the clearing agent"), as a value alone."""
    return text[:1].upper() + text[1:]


def office_contact(facts: LetterFacts, w: Wording) -> str:
    s, c = facts.settings, w.common
    parts = [
        f"{c['tel']} {w.phone(s.get('office_phone'))}" if s.get("office_phone") else "",
        f"{c['email']} {s['office_email']}" if s.get("office_email") else "",
    ]
    return " · ".join(p for p in parts if p)


VALUE_NAMES = (
    "kpa_ref",
    "matter",
    "case_subject",
    "referral_count",
    "referral_answered_count",
    "referral_agencies",
    "referral_due",
    "incident_count",
    "incident_earlier_count",
    "incident_date",
    "incident_day",
    "incident_place",
    "incident_source",
    "incident_details",
    "incident_containers",
    "incident_subject",
    "office_contact",
)
