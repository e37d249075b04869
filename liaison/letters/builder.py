"""Templates + facts → ``LetterContent``: placeholders filled, blocks chosen, every word in the
letter's language. Pure: the same facts always give the same content.

Template syntax (in the texts files): ``{name}`` inserts a value (printed literally, whatever it
contains); ``**`` toggles bold in the template's own text. A block with ``"when": "name"`` is left
out when that value is empty or zero; a facts row whose value is empty is left out.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Callable
from typing import Any

from liaison.clock import KIGALI, parse_stamp
from liaison.errors import ValidationError
from liaison.letters import matters
from liaison.letters.content import Block, LetterContent, Letterhead, Run, Text
from liaison.letters.facts import (
    CARGO_LIMIT,
    CONTAINER_COLUMNS,
    DESCRIPTION_LIMIT,
    DOCUMENT_COLUMNS,
    SUBJECT_CONTAINERS,
    TIMELINE_COLUMNS,
    LetterFacts,
    Wording,
    cap,
)
from liaison.letters.templates import LanguagePack, kind_spec, kinds, pack
from liaison.rules.clocks import auction_notice_ends
from liaison.rules.identifiers import format_container
from liaison.rules.stages import Milestone

_TOKEN = re.compile(r"\*\*|\{([a-z_]+)\}")
ROWSETS = {
    "containers": CONTAINER_COLUMNS,
    "kpa_clock": CONTAINER_COLUMNS,
    "auction_watch": CONTAINER_COLUMNS,
    "released": CONTAINER_COLUMNS,
    "arrived": CONTAINER_COLUMNS,
    "documents": DOCUMENT_COLUMNS,
    "documents_missing": DOCUMENT_COLUMNS,
    "timeline": TIMELINE_COLUMNS,
    **matters.ROWSETS,
}
# Requirements that are not a rowset: a condition on the facts.
CONDITIONS: dict[str, Callable[[LetterFacts], bool]] = {"complaint": matters.is_complaint}
NOT_APPLICABLE = {
    "kpa_clock": "No container of this case is in KPA custody with a free-storage clock running.",
    "auction_watch": "No container of this case is discharged, uncollected and not yet released.",
    "released": "No container of this case is released by customs and still in KPA custody.",
    "documents_missing": "No document of this case is missing.",
    "arrived": "No container of this case has arrived in Kigali yet.",
    "containers": "This case has no containers.",
    "referrals": "No referral to another organisation is recorded for this case or inquiry "
    "(cancelled ones do not count). Record the referral first.",
    "incidents": "No incident is recorded on this case (an INCIDENT milestone that is not "
    "voided). Record the incident first.",
}


def values(facts: LetterFacts, w: Wording) -> dict[str, str]:
    """Every named value a template may use (empty when the records do not say)."""
    c, pk, case, inq = w.common, w.pack, facts.case, facts.inquiry
    s = facts.settings
    v: dict[str, str] = {
        "date": w.long_date(facts.today),
        "trader_name": facts.trader.legal_name,
        "trader_tin": facts.trader.tin or "",
        "trader_code": facts.trader.code,
        "officer_name": facts.issuer_name,
        "auction_threshold_days": s.get("auction_threshold_days", "21"),
        "auction_notice_days": s.get("auction_notice_days", "30"),
    }
    boxes = list(facts.containers)
    numbers = [format_container(b.number) for b in boxes]
    subject = ", ".join(numbers[:SUBJECT_CONTAINERS])
    if len(numbers) > SUBJECT_CONTAINERS:
        subject += " " + c["and_more"].format(count=len(numbers) - SUBJECT_CONTAINERS)
    count_key = "containers_one" if len(boxes) == 1 else "containers_many"
    v |= {
        "container_subject": subject or c["no_containers"],
        "container_count_text": c[count_key].format(count=len(boxes))
        if boxes
        else c["no_containers"],
    }
    if case is not None:
        bl_line = case.bl_number + (f" / {case.house_bl_number}" if case.house_bl_number else "")
        regime = pk.label("regime", case.customs_regime) if case.customs_regime else ""
        declaration = " — ".join(p for p in (case.declaration_no or "", regime) if p)
        route = [pk.label("inland_mode", case.inland_mode)]
        borders = [pk.label("border", b) for b in (case.border_exit_ke, case.border_entry_rw) if b]
        if borders:
            route.append(c["route_via"].format(borders=", ".join(borders)))
        if case.destination:
            route.append(
                c["route_to"].format(destination=pk.label("destination", case.destination))
            )
        released = w.first_event(Milestone.CUSTOMS_RELEASED)
        released_boxes = [b for b in boxes if b.released_on is not None]
        clock_boxes = w.boxes("kpa_clock")
        watch = w.boxes("auction_watch")
        free_until = min((b.kpa_free_until for b in clock_boxes if b.kpa_free_until), default=None)
        auction_on = min((b.auction_on for b in watch if b.auction_on), default=None)
        line_until = min((b.line_free_until for b in boxes if b.line_free_until), default=None)
        free_days = sorted({b.kpa_free_days for b in clock_boxes if b.kpa_free_days is not None})
        discharged = w.first_event(Milestone.DISCHARGED)
        arrived = w.first_event(Milestone.ARRIVED_KIGALI, Milestone.DELIVERED)
        missing = w.missing_documents()
        deadline_days = int(s.get("sla_days_normal", "5") or 5)
        v |= {
            "case_ref": case.ref,
            "bl_number": case.bl_number,
            "bl_line": bl_line,
            "shipping_line": w.or_not_recorded(facts.shipping_line),
            "vessel_voyage": w.or_not_recorded(
                " / ".join(p for p in (case.vessel_name, case.voyage_no) if p)
            ),
            "manifest_no": w.or_not_recorded(case.manifest_no),
            "declaration": w.or_not_recorded(declaration),
            "rctg_carnet_no": w.or_not_recorded(case.rctg_carnet_no),
            "route": " ".join(route),
            "cargo_description": cap(case.cargo_description or "", CARGO_LIMIT, pk),
            # Released for only some boxes: say so, not "Released" for the whole shipment.
            "release_status": c["released_partly"].format(
                count=len(released_boxes), total=len(boxes), date=w.long_date(released)
            )
            if released and 0 < len(released_boxes) < len(boxes)
            else c["released_on"].format(date=w.long_date(released))
            if released
            else c["not_released"],
            "do_status": (
                c["do_issued"].format(number=case.delivery_order_no)
                if case.delivery_order_no
                else c["do_issued_no_number"]
                if w.first_event(Milestone.DO_ISSUED)
                else c["do_pending"]
            ),
            "invoice_status": c["invoice_recorded"].format(number=case.kpa_invoice_no)
            if case.kpa_invoice_no
            else c["invoice_not_recorded"],
            "storage_place": pk.label("storage_place", case.inland_mode),
            "earliest_free_until": w.long_date(free_until),
            "free_days": ", ".join(w.days(d) for d in free_days),
            "tariff_note": w.tariff_note(),
            "daily_rate": w.daily_rate(),
            "line_free_until": w.long_date(line_until),
            "earliest_auction_on": w.long_date(auction_on),
            "earliest_notice_ends": w.long_date(auction_notice_ends(auction_on))
            if auction_on
            else "",
            "docs_missing_count": str(len(missing)),
            "docs_missing_list": ", ".join(pk.label("doc_type", d.doc_type) for d in missing),
            "docs_deadline": w.long_date(facts.today + dt.timedelta(days=deadline_days)),
            "discharged_on": w.long_date(discharged),
            "arrived_on": w.long_date(arrived),
            "days_taken": w.days((arrived - discharged).days) if arrived and discharged else "",
            "case_opened_on": w.long_date(case.opened_on),
        }
    v |= matters.values(facts, w, SUBJECT_CONTAINERS)
    if inq is not None:
        officer = facts.staff_names.get(inq.assigned_to) if inq.assigned_to else None
        v |= {
            "inquiry_ref": inq.ref,
            "inquiry_received": w.long_date(_local_date(inq.received_at)),
            "inquiry_channel": pk.label("channel", inq.channel),
            "inquiry_category": pk.label("category", inq.category),
            "inquiry_subject": inq.subject,
            "inquiry_description": cap(inq.description or "", DESCRIPTION_LIMIT, pk),
            "inquiry_due": w.long_date(inq.due_on),
            "inquiry_officer": officer or facts.issuer_name,
        }
    return v


def _local_date(stamp: str) -> dt.date:
    return parse_stamp(stamp).astimezone(KIGALI).date()


LITERAL, BOLD_TOGGLE, VALUE = 0, 1, 2


@functools.lru_cache(maxsize=4096)
def _parts(template: str) -> tuple[tuple[int, str], ...]:
    """A template split once: (LITERAL, text), (BOLD_TOGGLE, "**"), (VALUE, name)."""
    parts: list[tuple[int, str]] = []
    position = 0
    for match in _TOKEN.finditer(template):
        parts.append((LITERAL, template[position : match.start()]))
        name = match.group(1)
        parts.append((BOLD_TOGGLE, "**") if name is None else (VALUE, name))
        position = match.end()
    parts.append((LITERAL, template[position:]))
    return tuple(parts)


def resolve(template: str, vals: dict[str, str]) -> Text:
    """Template text → runs; values are inserted as they are (never read as markup)."""
    runs: list[Run] = []
    bold = False
    for part, text in _parts(template):
        if part == BOLD_TOGGLE:
            bold = not bold
            continue
        if part == VALUE:
            text = vals.get(text, "")
        if not text:
            continue
        if runs and runs[-1].bold == bold:
            runs[-1] = Run(runs[-1].text + text, bold)
        else:
            runs.append(Run(text, bold))
    return tuple(runs)


def plain(template: str, vals: dict[str, str]) -> str:
    return "".join(run.text for run in resolve(template, vals))


def _wanted(block: dict[str, Any], vals: dict[str, str]) -> bool:
    when = block.get("when")
    return when is None or vals.get(when, "") not in ("", "0")


def _block(spec: dict[str, Any], vals: dict[str, str], w: Wording) -> Block | None:
    if "heading" in spec:
        return Block("heading", texts=(resolve(spec["heading"], vals),))
    if "p" in spec:
        return Block("p", texts=(resolve(spec["p"], vals),))
    if "quote" in spec:
        return Block("quote", texts=(resolve(spec["quote"], vals),))
    if "list" in spec:
        return Block("list", texts=tuple(resolve(item, vals) for item in spec["list"]))
    if "facts" in spec:
        facts = tuple(
            (plain(label, vals), plain(value, vals))
            for label, value in spec["facts"]
            if plain(value, vals).strip()
        )
        return Block("facts", rows=facts) if facts else None
    columns = tuple(spec["columns"])
    cells = w.rowset(spec["table"])
    rows = tuple(tuple(row[col] for col in columns) for row in cells)
    if not rows:
        return Block("p", texts=((Run(w.common["none_listed"]),),))
    header = tuple(w.pack.columns[col] for col in columns)
    return Block("table", header=header, rows=rows, columns=columns)


def refusal(facts: LetterFacts, pk: LanguagePack) -> ValidationError | None:
    """Why this kind of letter cannot be written from these facts (None: it can). A kind that
    needs, say, a running storage clock is refused for a case without one, naming what is
    missing."""
    spec = kind_spec(facts.kind)
    if spec.needs == "case" and facts.case is None:
        return ValidationError("case_id", "This kind of letter is about a case.", code="required")
    if spec.needs == "inquiry" and facts.inquiry is None:
        return ValidationError(
            "inquiry_id", "This kind of letter is about an inquiry.", code="required"
        )
    if spec.requires is None:
        return None
    condition = CONDITIONS.get(spec.requires)
    if condition is not None:
        met = condition(facts)
    else:
        met = bool(Wording(facts, pk).rowset(spec.requires))
    if met:
        return None
    message = NOT_APPLICABLE.get(spec.requires, "This kind of letter does not apply here.")
    if spec.requires == "complaint" and facts.inquiry is not None:
        category = pack("en").label("category", facts.inquiry.category)
        message = (
            f"Inquiry {facts.inquiry.ref} is filed as “{category}”, not as a complaint. "
            "Change its category to Complaint first."
        )
    return ValidationError("kind", message, code="not_applicable")


def check_applicable(facts: LetterFacts, pk: LanguagePack) -> None:
    error = refusal(facts, pk)
    if error is not None:
        raise error


def offered(facts: LetterFacts, pk: LanguagePack) -> list[str]:
    """The kinds offered for the record these facts are about: every kind about that kind of
    record (a case, an inquiry, or an inquiry with its case), except the kinds offered only where
    they apply (``kinds.json``: "offered") when they do not apply here."""
    found = []
    for code, spec in kinds().items():
        refused = refusal(dataclasses.replace(facts, kind=code), pk)
        if refused is None or (spec.offered == "always" and refused.code == "not_applicable"):
            found.append(code)
    return found


# A box number often arrives written with its label ("P.O. Box 1234", "BP 56"): the letter's
# own label replaces it, in the letter's language.
_BOX_LABEL = re.compile(
    r"^\s*(?:p\s*\.?\s*o\s*\.?\s*box|post\s+office\s+box|bo[iî]te\s+postale|"
    r"(?:p\s*\.?\s*o\s*\.?\s*b|b\s*\.?\s*p|box)\s*\.?(?=[\s\d:.,]))\s*[:.,]?\s*",
    re.IGNORECASE,
)


def po_box(label: str, value: str) -> str:
    """``label`` and the box number, with any label the value was typed with taken off."""
    number = _BOX_LABEL.sub("", value, count=1).strip()
    return f"{label} {number}" if number else value.strip()


def build(facts: LetterFacts, ref: str | None) -> LetterContent:
    pk = pack(facts.language)
    check_applicable(facts, pk)
    w = Wording(facts, pk)
    vals = values(facts, w)
    template = pk.kind(facts.kind)
    c, s, trader = pk.common, facts.settings, facts.trader
    blocks = [
        b for spec in template["blocks"] if _wanted(spec, vals) if (b := _block(spec, vals, w))
    ]
    if facts.note:
        blocks += [
            Block("heading", texts=((Run(c["officer_note"]),),)),
            Block("p", texts=((Run(facts.note),),)),
        ]
    contact = [
        po_box(c["po_box"], s["office_po_box"]) if s.get("office_po_box") else "",
        f"{c['tel']} {w.phone(s.get('office_phone'))}" if s.get("office_phone") else "",
        f"{c['email']} {s['office_email']}" if s.get("office_email") else "",
    ]
    address = [line for line in (s.get("office_address") or "").splitlines() if line.strip()]
    colon = c["colon"]
    references = [(c["our_ref"] + colon, ref or c["draft_ref"])]
    if facts.inquiry is not None:
        references.append((c["your_ref"] + colon, facts.inquiry.ref))
    if facts.case is not None:
        references.append((c["case_ref"] + colon, facts.case.ref))
    addressee = [trader.legal_name]
    if trader.trading_name and trader.trading_name != trader.legal_name:
        addressee.append(trader.trading_name)
    if trader.tin:
        addressee.append(f"{c['tin']}{c['colon']}{trader.tin}")
    addressee += [
        p for p in (trader.street, ", ".join(filter(None, (trader.sector, trader.district)))) if p
    ]
    if trader.po_box:
        addressee.append(po_box(c["po_box"], trader.po_box))
    contact_person = (
        facts.inquiry.contact_name if facts.inquiry else None
    ) or trader.contact_person
    if contact_person:
        addressee.append(f"{c['attention']}{c['colon']}{contact_person}")
    cc = [plain(item, vals) for item in template.get("cc", [])]
    if facts.agent:
        cc.append(facts.agent)
    office = s.get("office_name", "")
    return LetterContent(
        kind=facts.kind,
        language=pk.code,
        template_version=pk.template_version(facts.kind),
        ref=ref,
        issued_on=facts.today.isoformat(),
        title=template["title"],
        letterhead=Letterhead(office, (*address, " · ".join(p for p in contact if p))),
        references=tuple(references),
        date_line=c["date_line"].format(date=w.long_date(facts.today)),
        addressee=tuple(addressee),
        subject_label=c["subject"] + colon,
        subject=plain(template["subject"], vals),
        salutation=c["salutation"],
        blocks=tuple(blocks),
        recorded_line=c["recorded"].format(
            recorded_on=w.recorded_on(), recorded_source=w.recorded_source()
        ),
        disclaimer=c["disclaimer"],
        closing=c["closing"],
        signatory=tuple(
            p
            for p in (
                s.get("signatory_name") or facts.issuer_name,
                s.get("signatory_title"),
                office,
            )
            if p
        ),
        cc_label=c["cc"] + colon,
        cc=tuple(cc),
        page_label=c["page"],
        verify_label=c["verify"],
        draft_label=c["draft"],
    )
