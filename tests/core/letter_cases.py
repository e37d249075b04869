"""Cases in the situations each kind of letter is written for, built through the services (so
stage and clocks are derived exactly as in the office). Today is 28 November 2026 (conftest)."""

from __future__ import annotations

import datetime as dt

from stdnum import iso6346

from liaison.models import (
    Case,
    CaseDraft,
    ContainerDraft,
    DocumentDraft,
    Inquiry,
    InquiryDraft,
    MilestoneDraft,
    Party,
    Referral,
    ReferralDraft,
    Trader,
    TraderDraft,
)
from liaison.office import Office

TODAY = dt.date(2026, 11, 28)


def box(serial: int, owner: str = "MSKU") -> str:
    number = f"{owner}{serial:06d}"
    return number + iso6346.calc_check_digit(number)


def trader(
    office: Office, name: str = "Société Rwandaise d'Import « Ntwali »", **extra: str
) -> Trader:
    values = {
        "tin": "103456789",
        "street": "KN 5 Rd, Nyarugenge",
        "sector": "Nyarugenge",
        "district": "Nyarugenge",
        "po_box": "1234 Kigali",
        "phone": "0788123456",
        "contact_person": "Jeanne Mukamana",
        "language": "fr",
    } | extra
    record, _ = office.traders.create(TraderDraft(name, **values))  # type: ignore[arg-type]
    return record


def case(
    office: Office,
    owner: Trader,
    *,
    boxes: int = 3,
    first_serial: int = 601167,
    bl: str = "MAEU262345678",
    **extra: str,
) -> Case:
    values = {
        "vessel_name": "Maersk Kampala",
        "voyage_no": "246W",
        "manifest_no": "2026MSA1234",
        "customs_regime": "IM4",
        "declaration_no": "C 2026 45678",
        "border_exit_ke": "MALABA",
        "border_entry_rw": "GATUNA",
        "destination": "KLP_MASAKA",
        "cargo_description": "Construction steel bars",
    } | extra
    record, _ = office.cases.create(
        CaseDraft(owner.id, bl, shipping_line_id=1, **values),  # type: ignore[arg-type]
        [ContainerDraft(box(first_serial + i), size_type="22G1") for i in range(boxes)],
    )
    return record


def milestone(
    office: Office,
    record: Case,
    code: str,
    day: dt.date,
    *,
    location: str = "",
    source: str = "kwatos",
    containers: tuple[int, ...] = (),
    time: str = "",
    note: str = "",
) -> None:
    office.tracking.record_milestone(
        record.id,
        MilestoneDraft(
            code,
            day,
            occurred_time=time,
            location=location,
            source=source,
            container_ids=containers,
            note=note,
        ),
    )


def storage_case(office: Office, owner: Trader, boxes: int = 3) -> Case:
    """Discharged six days ago: free storage (9 days) ends the day after tomorrow."""
    record = case(office, owner, boxes=boxes)
    milestone(office, record, "VESSEL_ARRIVED", TODAY - dt.timedelta(days=7))
    milestone(office, record, "DISCHARGED", TODAY - dt.timedelta(days=6), location="Mombasa CY")
    return office.cases.get(record.id)


def auction_case(office: Office, owner: Trader) -> Case:
    """Discharged 27 days ago and never released: past the 21-day threshold."""
    record = case(office, owner, boxes=2, first_serial=302011, bl="MEDU9K123456")
    milestone(office, record, "DISCHARGED", TODAY - dt.timedelta(days=27))
    milestone(office, record, "DECLARED", TODAY - dt.timedelta(days=20), source="agent")
    return office.cases.get(record.id)


def released_case(office: Office, owner: Trader) -> Case:
    record = case(office, owner, boxes=2, first_serial=402022, delivery_order_no="DO-55/2026")
    milestone(office, record, "DISCHARGED", TODAY - dt.timedelta(days=5))
    milestone(office, record, "DECLARED", TODAY - dt.timedelta(days=4), source="agent")
    milestone(office, record, "CUSTOMS_RELEASED", TODAY - dt.timedelta(days=2), source="rra")
    milestone(office, record, "DO_ISSUED", TODAY - dt.timedelta(days=1), source="shipping_line")
    return office.cases.get(record.id)


def arrived_case(office: Office, owner: Trader) -> Case:
    record = case(office, owner, boxes=2, first_serial=502033, bl="CMDU ABC1234567")
    steps = [
        ("VESSEL_ARRIVED", 24, "Mombasa", "kwatos"),
        ("DISCHARGED", 23, "Mombasa CY", "kwatos"),
        ("DECLARED", 21, "", "agent"),
        ("CUSTOMS_RELEASED", 18, "", "rra"),
        ("DO_ISSUED", 17, "", "shipping_line"),
        ("PORT_CHARGES_PAID", 16, "", "agent"),
        ("LOADED_TRUCK", 15, "Mombasa gate 18", "kwatos"),
        ("BORDER_KE_UG", 12, "Malaba", "rects"),
        ("BORDER_UG_RW", 9, "Gatuna", "rects"),
        ("ARRIVED_KIGALI", 8, "KLP Masaka", "rects"),
    ]
    for code, ago, where, source in steps:
        milestone(
            office, record, code, TODAY - dt.timedelta(days=ago), location=where, source=source
        )
    return office.cases.get(record.id)


def documents_case(office: Office, owner: Trader) -> Case:
    record = case(office, owner, boxes=1, first_serial=702044)
    for doc in office.tracking.documents(record.id):
        if doc.doc_type == "bl":
            office.tracking.save_document(
                record.id,
                DocumentDraft("bl", "received", reference_no="MAEU262345678", received_on=TODAY),
                document_id=doc.id,
                expected_version=doc.version,
            )
    return office.cases.get(record.id)


def inquiry(
    office: Office,
    owner: Trader,
    record: Case | None = None,
    *,
    subject: str = "Status of my steel shipment",
    **extra: str,
) -> Inquiry:
    values = {
        "description": "Where are my containers? The agent says they are still at Mombasa.",
        "category": "cargo_status",
        "channel": "phone",
        "contact_name": "Jean-Baptiste Habimana",
    } | extra
    made, _ = office.inquiries.create(
        InquiryDraft(owner.id, subject, case_id=record.id if record else None, **values)  # type: ignore[arg-type]
    )
    return made


def complaint(office: Office, owner: Trader, record: Case | None = None, **extra: str) -> Inquiry:
    """A complaint about trucks kept waiting at the port gate, due in five working days."""
    values = {
        "subject": "Trucks kept waiting three days at Gate 18",
        "description": "Our two trucks waited from 20 to 23 November at Gate 18 although the "
        "delivery order and the KPA invoice were paid. We ask for an explanation.",
        "category": "complaint",
        "channel": "letter",
    } | extra
    return inquiry(office, owner, record, **values)


def party(
    office: Office, name: str = "Rwanda Revenue Authority — Taxpayer Services", **extra: str
) -> Party:
    """An organisation matters are referred to, with a contact person, phone and e-mail."""
    values = {
        "kind": "rra",
        "country": "RW",
        "contact_name": "Claudine Uwimana",
        "phone": "0788185200",
        "email": "taxpayer.services@rra.example",
    } | extra
    made, _ = office.lookups.add_party(name, **values)
    return made


def referral(
    office: Office,
    *,
    party_id: int,
    record: Case | None = None,
    about: Inquiry | None = None,
    their_reference: str = "RRA/TS/2026/0457",
    referred_ago: int = 2,
    due_in: int = 3,
) -> Referral:
    """Referred ``referred_ago`` days before today, the reply due ``due_in`` days after today."""
    made, _ = office.referrals.refer(
        ReferralDraft(
            party_id,
            referred_on=TODAY - dt.timedelta(days=referred_ago),
            channel="email",
            their_reference=their_reference,
            response_due_on=TODAY + dt.timedelta(days=due_in),
        ),
        case_id=record.id if record and not about else None,
        inquiry_id=about.id if about else None,
    )
    return made


def incident_case(office: Office, owner: Trader) -> Case:
    """Three boxes released and trucked out of Mombasa; yesterday at 14:30 the truck carrying
    the first two overturned near Lukaya (Uganda). The third box travels on another truck."""
    record = case(office, owner, boxes=3, first_serial=802055, bl="MSCU KG7788991")
    milestone(office, record, "DISCHARGED", TODAY - dt.timedelta(days=9), location="Mombasa CY")
    milestone(office, record, "CUSTOMS_RELEASED", TODAY - dt.timedelta(days=6), source="rra")
    milestone(office, record, "LOADED_TRUCK", TODAY - dt.timedelta(days=4), source="agent")
    boxes = tuple(b.id for b in office.tracking.containers(record.id)[:2])
    milestone(
        office,
        record,
        "INCIDENT",
        TODAY - dt.timedelta(days=1),
        time="14:30",
        location="Lukaya, Kampala–Masaka road (Uganda)",
        source="rects",
        containers=boxes,
        note="Truck UAX 123K overturned; both containers on their side, seals intact. "
        "Police abstract OB 14/27/11/2026, Lukaya police station.",
    )
    return office.cases.get(record.id)
