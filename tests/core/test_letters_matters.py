"""The letters about a matter beyond the cargo's progress: a referral to another organisation,
an incident in transit, the acknowledgement of a complaint. Each prints its facts and the common
skeleton in both languages, is offered only where it applies (and refused naming what is
missing), prints hostile text literally, and reprints byte for byte."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from liaison.errors import ValidationError
from liaison.letters import templates
from liaison.letters.render import render_pdf
from liaison.letters.typeset import REPLACEMENT
from liaison.models import Case, Inquiry, InquiryDraft, StaffDraft, Trader
from liaison.office import Office
from tests.core import letter_cases as lc
from tests.core.test_letters import SKELETON, pdf_text
from tests.core.test_letters_render import HOSTILE

NEW_KINDS = ("REFERRAL", "INCIDENT_NOTICE", "COMPLAINT_ACK")


@dataclass
class Matters:
    incident: Case  # two of its three boxes in an accident yesterday at 14:30
    storage: Case  # a case with no incident and no referral of its own
    complaint: Inquiry  # about ``storage``, assigned to Patrick, referred to the RRA
    deposit: Inquiry  # a deposit refund about ``storage``, referred to the shipping line


@pytest.fixture
def matters(desk_office: Office, owner: Trader) -> Matters:
    office = desk_office
    patrick, _ = office.staff.create(
        StaffDraft("patrick", "Patrick Niyonzima", "PN", "officer", "officer-pass-1")
    )
    incident = lc.incident_case(office, owner)
    storage = lc.storage_case(office, owner)
    complaint = lc.complaint(office, owner, storage, assigned_to=patrick.id)  # type: ignore[arg-type]
    deposit = lc.inquiry(
        office, owner, storage, subject="Refund of container deposit", category="deposit_refund"
    )
    rra = lc.party(office)
    line = lc.party(
        office,
        "Maersk Rwanda Ltd",
        kind="shipping_line",
        contact_name="Eric Habimana",
        phone="0788311222",
        email="rw.import@maersk.example",
    )
    lc.referral(office, party_id=rra.id, about=complaint)
    lc.referral(office, party_id=line.id, about=deposit, their_reference="MRW-DEP-88812", due_in=10)
    return Matters(incident, storage, complaint, deposit)


def spaced(number: str) -> str:
    return f"{number[:4]} {number[4:10]} {number[10]}"


def long_date(day: dt.date, language: str) -> str:
    month = templates.pack(language).months[day.month - 1]
    first = "1er" if language == "fr" and day.day == 1 else str(day.day)
    return f"{first} {month} {day.year}"


EXPECTED = {
    ("REFERRAL", "en"): [
        "Referral of your matter",
        "Maersk Rwanda Ltd",
        "MRW-DEP-88812",
        "Eric Habimana",
        "+250 788 311 222",
        "rw.import@maersk.example",
        "What to bring or do",
        "container deposit receipt",
        "Sent, awaiting reply",
        "8 December 2026",  # the reply expected
        "26/11/2026",  # referred
        "Refund of container deposit",
    ],
    ("REFERRAL", "fr"): [
        "Transmission de votre dossier",
        "Maersk Rwanda Ltd",
        "MRW-DEP-88812",
        "+250 788 311 222",
        "Ce qu’il faut apporter ou faire",
        "reçu de la caution de conteneur",
        "Transmis, en attente de réponse",
        "8 décembre 2026",
    ],
    ("INCIDENT_NOTICE", "en"): [
        "Incident in transit on 27 November 2026",
        "27 November 2026 at 14:30",
        "Lukaya, Kampala–Masaka road (Uganda)",
        "The RECTS cargo tracking centre",
        "Police abstract OB 14/27/11/2026",
        "police abstract",
        "insurer",
        "Rwanda Revenue Authority",
        "Tel. +250 788 300 300 · E-mail kigali@kpa.example",
        "C 2026 45678",  # the declaration, for the customs report
    ],
    ("INCIDENT_NOTICE", "fr"): [
        "Incident en cours de transit le 27 novembre 2026",
        "27 novembre 2026 à 14:30",
        "Lukaya, Kampala–Masaka road (Uganda)",
        "procès-verbal",
        "assureur",
        "Tél. +250 788 300 300 · Courriel kigali@kpa.example",
    ],
    ("COMPLAINT_ACK", "en"): [
        "Acknowledgement of your complaint",
        "Trucks kept waiting three days at Gate 18",
        "Our two trucks waited from 20 to 23 November",
        "Patrick Niyonzima",
        "Rwanda Revenue Authority — Taxpayer Services",
        "RRA/TS/2026/0457",
        "If you are not satisfied",
        "head of the Kigali liaison office",
        "any other competent authority",
    ],
    ("COMPLAINT_ACK", "fr"): [
        "Accusé de réception de votre réclamation",
        "Trucks kept waiting three days at Gate 18",
        "Patrick Niyonzima",
        "RRA/TS/2026/0457",
        "Si notre réponse ne vous satisfait pas",
        "toute autre autorité compétente",
    ],
}


@pytest.mark.parametrize(("kind", "language"), sorted(EXPECTED))
def test_each_kind_prints_its_facts_and_the_skeleton(
    desk_office: Office, owner: Trader, matters: Matters, kind: str, language: str
) -> None:
    office = desk_office
    about = {
        "REFERRAL": {"inquiry_id": matters.deposit.id},
        "INCIDENT_NOTICE": {"case_id": matters.incident.id},
        "COMPLAINT_ACK": {"inquiry_id": matters.complaint.id},
    }[kind]
    letter, _ = office.letters.issue(kind, language=language, **about)  # type: ignore[arg-type]
    text = pdf_text(office.letters.pdf(letter.id))
    must = [letter.ref, letter.short_hash, owner.legal_name]
    must += SKELETON[language] + EXPECTED[(kind, language)]
    if kind == "INCIDENT_NOTICE":
        boxes = office.tracking.containers(matters.incident.id)
        must += [matters.incident.ref, matters.incident.bl_number]
        must += [spaced(b.number) for b in boxes[:2]]  # the two boxes in the accident
        assert spaced(boxes[2].number) not in text  # the third travelled on another truck
    else:
        # Written to the person who brought the inquiry, not the trader's usual contact.
        must = [m for m in must if "Jeanne Mukamana" not in m] + ["Jean-Baptiste Habimana"]
        must += [matters.storage.ref, matters.storage.bl_number]
    if kind == "REFERRAL":
        must.append(matters.deposit.ref)
    if kind == "COMPLAINT_ACK":
        must += [matters.complaint.ref, long_date(matters.complaint.due_on, language)]
    assert [m for m in must if m not in text] == []
    assert re.search(r"Page 1 (of|sur) 1", text)
    assert letter.kind == kind and letter.language == language


def test_a_referral_letter_lists_what_is_referred_for_that_record(
    desk_office: Office, owner: Trader, matters: Matters
) -> None:
    office = desk_office
    rra = office.lookups.parties(kind="rra")[0]
    # An inquiry of its own (no case) with a referral: the letter is about the inquiry alone.
    alone = lc.inquiry(office, owner, subject="VAT refund on imported tiles", category="other")
    lc.referral(office, party_id=rra.id, about=alone, their_reference="RRA/VAT/77")
    letter, _ = office.letters.issue("REFERRAL", inquiry_id=alone.id, language="en")
    assert letter.inquiry_id == alone.id and letter.case_id is None
    text = pdf_text(office.letters.pdf(letter.id))
    assert "RRA/VAT/77" in text and "VAT refund on imported tiles" in text
    assert "MRW-DEP-88812" not in text  # another inquiry's referral
    # A referral recorded on the case itself: offered for the case, and for its inquiries.
    line = office.lookups.parties(kind="shipping_line")[0]
    lc.referral(office, party_id=line.id, record=matters.storage, their_reference="CASE-LEVEL-1")
    on_case, _ = office.letters.issue("REFERRAL", case_id=matters.storage.id, language="en")
    text = pdf_text(office.letters.pdf(on_case.id))
    assert "CASE-LEVEL-1" in text and "MRW-DEP-88812" not in text
    from_inquiry, _ = office.letters.issue("REFERRAL", inquiry_id=matters.deposit.id, language="en")
    text = pdf_text(office.letters.pdf(from_inquiry.id))
    assert "CASE-LEVEL-1" in text and "MRW-DEP-88812" in text
    # An answered referral says so, with the answer.
    referral = office.referrals.for_owner(inquiry_id=alone.id)[0]
    office.referrals.record_response(
        referral.id,
        "ANSWERED",
        summary="Refund approved; collect the cheque at the Remera office.",
        expected_version=referral.version,
    )
    again, _ = office.letters.issue("REFERRAL", inquiry_id=alone.id, language="en")
    text = pdf_text(office.letters.pdf(again.id))
    assert "Answered on 28/11/2026" in text and "collect the cheque" in text
    assert "We expect their reply" not in text  # nothing is awaited any more


def offered(office: Office, **about: int) -> list[str]:
    return [code for code, _title in office.letters.offered(**about)]


def test_offered_only_where_they_apply_and_refused_naming_what_is_missing(
    desk_office: Office, owner: Trader, matters: Matters
) -> None:
    office = desk_office
    plain = lc.case(office, owner, first_serial=900100, bl="MAEU262399999")
    cargo = lc.inquiry(office, owner, plain)
    assert not {"INCIDENT_NOTICE", "REFERRAL"} & set(offered(office, case_id=plain.id))
    assert "STORAGE_WARNING" in offered(office, case_id=plain.id)  # offered, refused with why
    assert "COMPLAINT_ACK" not in offered(office, inquiry_id=cargo.id)
    refusals = {
        ("INCIDENT_NOTICE", "case_id", plain.id): "No incident is recorded on this case",
        ("REFERRAL", "case_id", plain.id): "No referral to another organisation",
        ("COMPLAINT_ACK", "inquiry_id", cargo.id): "filed as “Cargo status”, not as a complaint",
        ("COMPLAINT_ACK", "case_id", plain.id): "about an inquiry",
    }
    for (kind, field, record_id), words in refusals.items():
        with pytest.raises(ValidationError) as info:
            office.letters.issue(kind, **{field: record_id})  # type: ignore[arg-type]
        assert words in info.value.message
        assert info.value.field in ("kind", "inquiry_id")
    assert office.store.scalar("SELECT count(*) FROM counters WHERE name = 'letter'") == 0

    assert "INCIDENT_NOTICE" in offered(office, case_id=matters.incident.id)
    assert set(offered(office, inquiry_id=matters.complaint.id)) >= {"COMPLAINT_ACK", "REFERRAL"}
    assert "REFERRAL" not in offered(office, case_id=matters.storage.id)  # its inquiries' only
    # Voiding the incident, or withdrawing the referral, takes the letter off the list.
    for event in office.tracking.milestones(matters.incident.id):
        if event.code == "INCIDENT":
            office.tracking.void_milestone(event.id, "Recorded on the wrong case")
    assert "INCIDENT_NOTICE" not in offered(office, case_id=matters.incident.id)
    with pytest.raises(ValidationError) as info:
        office.letters.preview("INCIDENT_NOTICE", case_id=matters.incident.id)
    assert info.value.code == "not_applicable"
    referral = office.referrals.for_owner(inquiry_id=matters.complaint.id)[0]
    office.referrals.record_response(referral.id, "CANCELLED", expected_version=referral.version)
    assert "REFERRAL" not in offered(office, inquiry_id=matters.complaint.id)
    assert "COMPLAINT_ACK" in offered(office, inquiry_id=matters.complaint.id)


def test_batch_picks_the_cases_with_a_live_incident(desk_office: Office, matters: Matters) -> None:
    office = desk_office
    picked = office.letters.candidates("INCIDENT_NOTICE")
    assert [c.id for c in picked] == [matters.incident.id]
    result = office.letters.issue_batch(
        "INCIDENT_NOTICE", [matters.incident.id, matters.storage.id], workers=1
    )
    issued = [o for o in result.outcomes if o.letter_id is not None]
    skipped = [o for o in result.outcomes if o.problem]
    assert [o.case_id for o in issued] == [matters.incident.id]
    assert [o.case_id for o in skipped] == [matters.storage.id]
    assert "No incident" in (skipped[0].problem or "")
    assert office.letters.candidates("REFERRAL") == []  # about inquiries too: never a batch


RTL = "مكتب الجمارك — שער הנמל"
SPOOF = "invoice\u202efdp.exe\u202c paid"  # a right-to-left override inside Latin text


def squeezed(text: str) -> str:
    return "".join(text.split())


def has_rtl(text: str, rtl: str) -> bool:
    """Every right-to-left word is printed. (Text extraction gives a right-to-left run in either
    order: the letters print it in stored order, without bidi reordering or shaping.)"""
    return all(word in text or word[::-1] in text for word in rtl.split())


def test_hostile_text_prints_literally(desk_office: Office, owner: Trader) -> None:
    office = desk_office
    record = lc.case(office, owner, boxes=2, first_serial=903300, bl="MSCU HOSTILE1")
    lc.milestone(
        office,
        record,
        "INCIDENT",
        lc.TODAY,
        location=HOSTILE[2][:120],
        source="other",
        note=" | ".join([*HOSTILE, RTL, SPOOF]),
    )
    party = lc.party(office, HOSTILE[0], contact_name=RTL, kind="other")
    complaint = lc.complaint(office, owner, record, subject=HOSTILE[1])
    lc.referral(office, party_id=party.id, about=complaint, their_reference=HOSTILE[3][:60])
    texts = {}
    for kind, about in (
        ("INCIDENT_NOTICE", {"case_id": record.id}),
        ("REFERRAL", {"inquiry_id": complaint.id}),
        ("COMPLAINT_ACK", {"inquiry_id": complaint.id}),
    ):
        letter, _ = office.letters.issue(kind, language="en", **about)  # type: ignore[arg-type]
        texts[kind] = pdf_text(office.letters.pdf(letter.id))
    assert HOSTILE[2] in texts["INCIDENT_NOTICE"]  # the place
    assert all(h in texts["INCIDENT_NOTICE"] for h in HOSTILE[:3])  # the details
    assert has_rtl(texts["INCIDENT_NOTICE"], RTL) and has_rtl(texts["REFERRAL"], RTL)
    assert SPOOF in texts["INCIDENT_NOTICE"]  # the override reorders nothing around it
    assert all(REPLACEMENT not in text for text in texts.values())
    assert squeezed(HOSTILE[0]) in squeezed(texts["REFERRAL"])
    assert squeezed(HOSTILE[3]) in squeezed(texts["REFERRAL"])
    assert HOSTILE[1] in texts["COMPLAINT_ACK"]  # the subject
    # The organisation's name, in a narrow table cell: wrapped, so compared without spaces.
    assert squeezed(HOSTILE[0]) in squeezed(texts["COMPLAINT_ACK"])


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_very_long_text_wraps_inside_the_page(
    desk_office: Office, owner: Trader, tmp_path: Path
) -> None:
    office = desk_office
    record = lc.case(office, owner, boxes=12, first_serial=904400, bl="B" * 40)
    lc.milestone(
        office, record, "INCIDENT", lc.TODAY, location="L" * 120, note=("N" * 90 + " ") * 21
    )
    party = lc.party(
        office, "P" * 120, contact_name="C" * 120, email=("e" * 60) + "@example.org", kind="kra"
    )
    complaint = lc.complaint(office, owner, record, subject="S" * 200, description="D" * 9000)
    lc.referral(office, party_id=party.id, about=complaint, their_reference="R" * 60)
    path = tmp_path / "letter.pdf"
    for kind, about in (
        ("INCIDENT_NOTICE", {"case_id": record.id}),
        ("REFERRAL", {"inquiry_id": complaint.id}),
        ("COMPLAINT_ACK", {"inquiry_id": complaint.id}),
    ):
        letter, _ = office.letters.issue(kind, language="fr", **about)  # type: ignore[arg-type]
        data = office.letters.pdf(letter.id)
        path.write_bytes(data)
        layout = subprocess.run(
            ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
        width = float(re.search(r'<page width="([\d.]+)"', layout).group(1))  # type: ignore[union-attr]
        boxes = [
            tuple(map(float, m))
            for m in re.findall(r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"', layout)
        ]
        margin = 18 * 72 / 25.4  # the text frame leaves 20 mm each side
        assert boxes and [b for b in boxes if b[0] < margin - 1 or b[1] > width - margin + 1] == []
        flat = pdf_text(data).replace(" ", "")
        assert {
            "INCIDENT_NOTICE": "L" * 120,
            "REFERRAL": "P" * 120,
            "COMPLAINT_ACK": "S" * 200,
        }[kind] in flat
    assert "[… texte abrégé" in pdf_text(path.read_bytes())  # the description is capped


def test_reprints_are_the_issued_bytes_after_the_records_change(
    desk_office: Office, matters: Matters
) -> None:
    office = desk_office
    issued = [
        office.letters.issue("REFERRAL", inquiry_id=matters.deposit.id, language="fr")[0],
        office.letters.issue("INCIDENT_NOTICE", case_id=matters.incident.id, language="en")[0],
        office.letters.issue("COMPLAINT_ACK", inquiry_id=matters.complaint.id, language="fr")[0],
    ]
    first = {letter.id: office.letters.pdf(letter.id) for letter in issued}
    # Everything the letters were written from changes, or goes.
    for event in office.tracking.milestones(matters.incident.id):
        if event.code == "INCIDENT":
            office.tracking.void_milestone(event.id, "Wrong case")
    referral = office.referrals.for_owner(inquiry_id=matters.deposit.id)[0]
    office.referrals.record_response(
        referral.id, "ANSWERED", summary="Deposit refunded.", expected_version=referral.version
    )
    complaint = office.inquiries.get(matters.complaint.id)
    office.inquiries.update(
        complaint.id,
        InquiryDraft(complaint.trader_id, complaint.subject, category="other"),
        complaint.version,
    )
    logo = office.letters.logo()
    for letter in issued:
        assert office.letters.pdf(letter.id) == first[letter.id]
        assert render_pdf(office.letters.content(letter.id), logo) == first[letter.id]
    # A replacement is written from today's records: the incident notice no longer applies.
    with pytest.raises(ValidationError) as info:
        office.letters.supersede(issued[1].id, "Incident voided", issued[1].version)
    assert info.value.code == "not_applicable"
    assert not office.letters.get(issued[1].id).is_void  # the refusal rolled the void back
    newer, _ = office.letters.supersede(issued[0].id, "Reply received", issued[0].version)
    assert "Réponse reçue le 28/11/2026" in pdf_text(office.letters.pdf(newer.id))


def test_the_latest_incident_leads_and_earlier_ones_are_listed(
    desk_office: Office, owner: Trader, matters: Matters
) -> None:
    office = desk_office
    lc.milestone(
        office,
        matters.incident,
        "INCIDENT",
        lc.TODAY,
        time="06:10",
        location="Malaba border parking",
        source="agent",
        note="Seal of the third container found cut; 14 cartons missing.",
        containers=(office.tracking.containers(matters.incident.id)[2].id,),
    )
    letter, _ = office.letters.issue("INCIDENT_NOTICE", case_id=matters.incident.id, language="en")
    text = pdf_text(office.letters.pdf(letter.id))
    boxes = [spaced(b.number) for b in office.tracking.containers(matters.incident.id)]
    subject = text[text.index("Subject:") : text.index("Dear Sir")]
    assert "28 November 2026" in subject and boxes[2] in subject and boxes[0] not in subject
    assert "Date 28 November 2026 at 06:10 Place Malaba border parking" in text
    earlier = text[text.index("Other incidents recorded earlier") : text.index("What to do now")]
    assert "27 November 2026 at 14:30" in earlier and "Lukaya" in earlier
    assert boxes[0] in earlier and boxes[1] in earlier and "Police abstract OB" in earlier
