"""Status letters: every kind in both languages says what it must; issuing numbers and freezes;
previews use no number; reprints are the stored bytes; void, supersede, list, verify, export."""

from __future__ import annotations

import datetime as dt
import io
import re
import sqlite3
import zipfile
from pathlib import Path

import pypdf
import pytest

from liaison.clock import FixedClock
from liaison.enums import Entity
from liaison.errors import Conflict, DatabaseCorrupt, PermissionDenied, ValidationError
from liaison.letters.content import LetterContent
from liaison.letters.render import render_pdf
from liaison.models import Case, ListQuery, StaffDraft, Trader, TraderDraft
from liaison.office import Office
from tests.core import letter_cases as lc


def pdf_text(data: bytes) -> str:
    """All pages' text with every run of white space as one space (lines wrap anywhere)."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


# What each kind must say beyond the common skeleton, in each language.
EXPECTED = {
    ("CARGO_STATUS", "en"): [
        "Cargo status",
        "Status of each container",
        "Discharged at Mombasa",
        "30/11/2026",
        "Lodge the customs declaration",
        "Maersk Kampala / 246W",
    ],
    ("CARGO_STATUS", "fr"): [
        "Situation de la marchandise",
        "Débarqué à Mombasa",
        "30/11/2026",
        "Déposer la déclaration en douane",
        "mise à la consommation",
    ],
    ("STORAGE_WARNING", "en"): [
        "Free storage ends on 30 November 2026",
        "9 days",
        "USD 30.00 per container per day",
        "2 days left",
        "What to do to avoid storage charges",
    ],
    ("STORAGE_WARNING", "fr"): [
        "Fin du magasinage gratuit le 30 novembre 2026",
        "9 jours",
        "USD 30.00 par conteneur et par jour",
        "encore 2 jours",
    ],
    ("LONG_STAY_AUCTION_RISK", "en"): [
        "section 42",
        "21 days",
        "30 days",
        "22 November 2026",
        "22 December 2026",
        "cc: KPA Mombasa",
    ],
    ("LONG_STAY_AUCTION_RISK", "fr"): [
        "article 42",
        "21 jours",
        "30 jours",
        "22 novembre 2026",
        "22 décembre 2026",
        "Copie : KPA Mombasa",
    ],
    ("DOCS_MISSING", "en"): [
        "Documents required",
        "Commercial invoice",
        "Missing",
        "Received",
        "Packing list",
        "3 December 2026",
    ],
    ("DOCS_MISSING", "fr"): [
        "Documents requis",
        "Facture commerciale",
        "Manquant",
        "Reçu",
        "3 décembre 2026",
    ],
    ("RELEASED_READY", "en"): [
        "ready for collection",
        "Released on 26 November 2026",
        "Issued, no. DO-55/2026",
        "RECTS",
    ],
    ("RELEASED_READY", "fr"): [
        "prête à l’enlèvement",
        "Mainlevée le 26 novembre 2026",
        "Émis, n° DO-55/2026",
    ],
    ("ARRIVAL_CLOSURE", "en"): [
        "Timeline",
        "20 November 2026",
        "15 days",
        "Crossed the Uganda–Rwanda border",
        "Gatuna",
    ],
    ("ARRIVAL_CLOSURE", "fr"): ["Chronologie", "20 novembre 2026", "15 jours", "Gatuna"],
}
SKELETON = {
    "en": [
        "Kigali, 28 November 2026",
        "Dear Sir or Madam,",
        "Yours faithfully,",
        "Information as recorded on",
        "not a customs release, a delivery order or a gate pass",
        "Peter Otieno",
        "TIN: 103456789",
        "Attention: Jeanne Mukamana",
    ],
    "fr": [
        "Kigali, le 28 novembre 2026",
        "Madame, Monsieur,",
        "salutations distinguées",
        "Informations telles qu’enregistrées le",
        "ne vaut ni mainlevée douanière",
        "Peter Otieno",
        "NIF (TIN) : 103456789",
        "Objet :",
    ],
}
BUILDERS = {
    "CARGO_STATUS": lc.storage_case,
    "STORAGE_WARNING": lc.storage_case,
    "LONG_STAY_AUCTION_RISK": lc.auction_case,
    "DOCS_MISSING": lc.documents_case,
    "RELEASED_READY": lc.released_case,
    "ARRIVAL_CLOSURE": lc.arrived_case,
}


@pytest.mark.parametrize(("kind", "language"), sorted(EXPECTED))
def test_every_case_kind_says_what_it_must(
    desk_office: Office, owner: Trader, kind: str, language: str
) -> None:
    case = BUILDERS[kind](desk_office, owner)
    letter, changes = desk_office.letters.issue(kind, case_id=case.id, language=language)
    text = pdf_text(desk_office.letters.pdf(letter.id))
    boxes = desk_office.tracking.containers(case.id)
    must = [letter.ref, case.ref, case.bl_number, owner.legal_name, letter.short_hash]
    must += [f"{b.number[:4]} {b.number[4:10]} {b.number[10]}" for b in boxes]
    must += SKELETON[language] + EXPECTED[(kind, language)]
    assert [m for m in must if m not in text] == []
    assert re.search(r"Page 1 (of|sur) \d", text)
    assert letter.language == language and letter.kind == kind
    assert changes.ids == ((Entity.LETTERS, letter.id),)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_inquiry_acknowledgement(desk_office: Office, owner: Trader, language: str) -> None:
    case = lc.documents_case(desk_office, owner)
    inquiry = lc.inquiry(desk_office, owner, case)
    letter, _ = desk_office.letters.issue("ACK_INQUIRY", inquiry_id=inquiry.id, language=language)
    text = pdf_text(desk_office.letters.pdf(letter.id))
    due = {"en": "3 December 2026", "fr": "3 décembre 2026"}[language]
    needed = {"en": "Documents still needed", "fr": "Documents encore nécessaires"}[language]
    for must in (
        inquiry.ref,
        "Status of my steel shipment",
        "Where are my containers?",
        due,
        needed,
        case.ref,
        "Jean-Baptiste Habimana",
        letter.ref,
    ):
        assert must in text
    assert letter.inquiry_id == inquiry.id and letter.case_id == case.id


def test_language_defaults_to_the_traders_and_falls_back_to_the_office(
    desk_office: Office, owner: Trader
) -> None:
    case = lc.storage_case(desk_office, owner)  # owner prefers French
    letter, _ = desk_office.letters.issue("CARGO_STATUS", case_id=case.id)
    assert letter.language == "fr"
    other = lc.trader(desk_office, "Umurava Import Export", tin="104567890", language="rw")
    case2 = lc.case(desk_office, other, first_serial=800100)
    assert desk_office.letters.default_language(case_id=case2.id) == "en"  # no rw texts yet
    with pytest.raises(ValidationError) as info:
        desk_office.letters.issue("CARGO_STATUS", case_id=case2.id, language="de")
    assert info.value.field == "language"


def test_preview_is_marked_and_uses_no_number(desk_office: Office, owner: Trader) -> None:
    case = lc.storage_case(desk_office, owner)
    data = desk_office.letters.preview("STORAGE_WARNING", case_id=case.id, language="en")
    text = pdf_text(data)
    assert "DRAFT (no number)" in text and "KPA/KGL/LTR" not in text
    assert desk_office.store.scalar("SELECT count(*) FROM letters") == 0
    assert desk_office.store.scalar("SELECT count(*) FROM counters WHERE name = 'letter'") == 0
    letter, _ = desk_office.letters.issue("STORAGE_WARNING", case_id=case.id)
    assert letter.ref == "KPA/KGL/LTR/2026/0001"


def test_a_kind_that_does_not_apply_is_refused_without_using_a_number(
    desk_office: Office, owner: Trader
) -> None:
    case = lc.case(desk_office, owner)  # nothing discharged yet
    for kind in ("STORAGE_WARNING", "LONG_STAY_AUCTION_RISK", "RELEASED_READY", "ARRIVAL_CLOSURE"):
        with pytest.raises(ValidationError) as info:
            desk_office.letters.issue(kind, case_id=case.id)
        assert (info.value.field, info.value.code) == ("kind", "not_applicable")
    with pytest.raises(ValidationError) as info:
        desk_office.letters.issue("ACK_INQUIRY", case_id=case.id)
    assert info.value.field == "inquiry_id"
    with pytest.raises(ValidationError) as info:
        desk_office.letters.issue("NO_SUCH_KIND", case_id=case.id)
    assert info.value.field == "kind"
    letter, _ = desk_office.letters.issue("CARGO_STATUS", case_id=case.id)
    assert letter.number == 1


def test_reprint_is_the_frozen_bytes_even_after_the_case_changed(
    desk_office: Office, owner: Trader
) -> None:
    case = lc.storage_case(desk_office, owner)
    letter, _ = desk_office.letters.issue("CARGO_STATUS", case_id=case.id, language="en")
    first = desk_office.letters.pdf(letter.id)
    lc.milestone(desk_office, case, "DECLARED", lc.TODAY, source="agent")
    desk_office.traders.update(
        owner.id, TraderDraft("Renamed Trading Ltd", tin="103456789"), owner.version
    )
    assert desk_office.letters.pdf(letter.id) == first
    # The content kept beside it rebuilds the very same bytes with the same logo.
    content = desk_office.letters.content(letter.id)
    assert render_pdf(content, desk_office.letters.logo()) == first
    assert LetterContent.from_json(content.canonical_json()) == content
    # A new letter says what is true now.
    newer, _ = desk_office.letters.issue("CARGO_STATUS", case_id=case.id, language="en")
    assert "Renamed Trading Ltd" in pdf_text(desk_office.letters.pdf(newer.id))
    assert "Renamed Trading Ltd" not in pdf_text(first)


def test_the_database_keeps_issued_letters_frozen(desk_office: Office, owner: Trader) -> None:
    case = lc.storage_case(desk_office, owner)
    letter, _ = desk_office.letters.issue("CARGO_STATUS", case_id=case.id)
    conn = desk_office.store.conn
    for sql in (
        "UPDATE letters SET pdf = X'255044462D00' WHERE id = ?",
        "UPDATE letters SET pdf_sha256 = 'a' || substr(pdf_sha256, 2) WHERE id = ?",
        "UPDATE letters SET subject = 'changed' WHERE id = ?",
        "DELETE FROM letters WHERE id = ?",
    ):
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(sql, (letter.id,))
    desk_office.letters.void(letter.id, "Wrong addressee", letter.version)
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(
            "UPDATE letters SET status = 'ISSUED', void_reason = NULL, voided_at = NULL, "
            "voided_by = NULL WHERE id = ?",
            (letter.id,),
        )


def test_a_damaged_stored_copy_is_refused(desk_office: Office, owner: Trader) -> None:
    case = lc.storage_case(desk_office, owner)
    letter, _ = desk_office.letters.issue("CARGO_STATUS", case_id=case.id)
    conn = desk_office.store.conn
    conn.execute("DROP TRIGGER letters_frozen")  # what a damaged disk could do
    conn.execute("UPDATE letters SET pdf = CAST(replace(pdf, 'Page', 'Pago') AS BLOB)")
    with pytest.raises(DatabaseCorrupt):
        desk_office.letters.pdf(letter.id)


def test_void_and_supersede(desk_office: Office, owner: Trader) -> None:
    case = lc.storage_case(desk_office, owner)
    letter, _ = desk_office.letters.issue("CARGO_STATUS", case_id=case.id)
    with pytest.raises(ValidationError) as info:
        desk_office.letters.void(letter.id, "   ", letter.version)
    assert info.value.field == "void_reason"
    with pytest.raises(Conflict):
        desk_office.letters.void(letter.id, "Stale", letter.version + 1)
    newer, changes = desk_office.letters.supersede(
        letter.id, "Container list corrected", letter.version
    )
    assert {(Entity.LETTERS, letter.id), (Entity.LETTERS, newer.id)} == set(changes.ids)
    old = desk_office.letters.get(letter.id)
    assert old.is_void and old.void_reason == "Container list corrected"
    assert newer.supersedes_id == letter.id and newer.number == 2 and not newer.is_void
    rows = {r.id: r for r in desk_office.letters.for_case(case.id)}
    assert rows[letter.id].superseded_by_ref == newer.ref
    with pytest.raises(ValidationError):
        desk_office.letters.supersede(letter.id, "Again", old.version)
    actions = [e.action for e in desk_office.history("letters", letter.id)]
    assert actions[:2] == ["void", "void"] and set(actions[2:]) == {"create"}
    assert desk_office.store.scalar("SELECT count(*) FROM letters") == 2  # nothing deleted


def test_viewers_cannot_issue_or_void(desk_office: Office, owner: Trader) -> None:
    case = lc.storage_case(desk_office, owner)
    letter, _ = desk_office.letters.issue("CARGO_STATUS", case_id=case.id)
    desk_office.staff.create(StaffDraft("vera", "Vera Viewer", "VV", "viewer", "viewer-pass-1"))
    desk_office.sign_in("vera", "viewer-pass-1")
    assert desk_office.letters.preview("CARGO_STATUS", case_id=case.id)[:5] == b"%PDF-"
    with pytest.raises(PermissionDenied):
        desk_office.letters.issue("CARGO_STATUS", case_id=case.id)
    with pytest.raises(PermissionDenied):
        desk_office.letters.void(letter.id, "no", letter.version)
    with pytest.raises(PermissionDenied):
        desk_office.letters.set_logo(lc_png())


def lc_png() -> bytes:
    from liaison.letters.logo import placeholder_logo

    return placeholder_logo()


def test_registry_search_and_filters(desk_office: Office, owner: Trader) -> None:
    case = lc.storage_case(desk_office, owner)
    other = lc.trader(desk_office, "Kigali Hardware Ltd", tin="105678901", language="en")
    case2 = lc.released_case(desk_office, other)
    a, _ = desk_office.letters.issue("CARGO_STATUS", case_id=case.id)
    b, _ = desk_office.letters.issue("RELEASED_READY", case_id=case2.id)
    desk_office.letters.void(a.id, "test", a.version)

    def refs(**filters: object) -> list[str]:
        return [r.ref for r in desk_office.letters.page(ListQuery(filters=filters, sort="ref"))]

    assert refs(text="0002") == [b.ref]
    assert refs(text="societe rwandaise") == [a.ref]  # accents and case do not matter
    assert refs(text=case2.ref.lower()) == [b.ref]
    assert refs(text="MAEU262345678 hardware") == [b.ref]  # every word must match
    assert refs(text="100%_\\") == []
    assert refs(status="VOID") == [a.ref]
    assert refs(kind="RELEASED_READY") == [b.ref]
    assert desk_office.letters.count(ListQuery(filters={"trader_id": other.id})) == 1
    # A merged duplicate's letters show under the trader it was merged into.
    desk_office.traders.merge(other.id, owner.id)
    assert {r.ref for r in desk_office.letters.for_trader(owner.id)} == {a.ref, b.ref}


def test_registry_filters_by_language_record_and_day(
    desk_office: Office, owner: Trader, clock: FixedClock
) -> None:
    case = lc.storage_case(desk_office, owner)
    inquiry = lc.inquiry(desk_office, owner)
    french, _ = desk_office.letters.issue("CARGO_STATUS", case_id=case.id, language="fr")
    clock.advance(days=2)  # issued on 30/11/2026
    english, _ = desk_office.letters.issue("ACK_INQUIRY", inquiry_id=inquiry.id, language="en")

    def refs(**filters: object) -> list[str]:
        return [r.ref for r in desk_office.letters.page(ListQuery(filters=filters, sort="ref"))]

    assert refs(language="fr") == [french.ref]
    assert refs(case_id=case.id) == [french.ref]
    assert refs(inquiry_id=inquiry.id) == [english.ref]
    assert refs(issued_from=dt.date(2026, 11, 29)) == [english.ref]
    assert refs(issued_from="2026-11-30", issued_to="2026-11-30") == [english.ref]
    assert refs(issued_to=dt.date(2026, 11, 28)) == [french.ref]  # the whole day, to its end
    assert refs(issued_to="2026-11-27") == []
    # A blank choice means any; a blank id does not.
    assert set(refs(kind="", status="", language="")) == {french.ref, english.ref}
    assert refs(case_id="") == []
    count = desk_office.letters.count(ListQuery(filters={"language": "en", "kind": "ACK_INQUIRY"}))
    assert count == 1


def test_verification_code(desk_office: Office, owner: Trader) -> None:
    case = lc.storage_case(desk_office, owner)
    letter, _ = desk_office.letters.issue("CARGO_STATUS", case_id=case.id)
    code = desk_office.letters.content(letter.id).verification_code()
    assert code == f"{letter.ref}|{letter.short_hash}"
    assert desk_office.letters.verify(code).id == letter.id
    with pytest.raises(ValidationError) as info:
        desk_office.letters.verify(f"{letter.ref}|000000000000")
    assert info.value.code == "mismatch"
    with pytest.raises(ValidationError):
        desk_office.letters.verify("hello")


def test_export_everything_carries_the_issued_pdfs(
    desk_office: Office, owner: Trader, tmp_path: Path
) -> None:
    case = lc.storage_case(desk_office, owner)
    letter, _ = desk_office.letters.issue("CARGO_STATUS", case_id=case.id)
    target = desk_office.exports.everything(tmp_path / "all.zip")
    with zipfile.ZipFile(target) as archive:
        assert archive.read("letters/KPA-KGL-LTR-2026-0001.pdf") == desk_office.letters.pdf(
            letter.id
        )


def test_officer_note_and_long_text(desk_office: Office, owner: Trader) -> None:
    case = lc.storage_case(desk_office, owner)
    note = "Please call Mr Habimana <b>today</b>.\nSecond line & more."
    letter, _ = desk_office.letters.issue("CARGO_STATUS", case_id=case.id, language="en", note=note)
    text = pdf_text(desk_office.letters.pdf(letter.id))
    assert "Note from the office" in text and "Please call Mr Habimana <b>today</b>." in text
    with pytest.raises(ValidationError) as info:
        desk_office.letters.issue("CARGO_STATUS", case_id=case.id, note="x" * 4001)
    assert info.value.field == "note"
    inquiry = lc.inquiry(desk_office, owner, description="word " * 3000)
    ack, _ = desk_office.letters.issue("ACK_INQUIRY", inquiry_id=inquiry.id, language="en")
    text = pdf_text(desk_office.letters.pdf(ack.id))
    hidden = len(desk_office.inquiries.get(inquiry.id).description or "") - 1500
    assert f"[… shortened: {hidden:,} more characters not printed]" in text
    assert ack.page_count <= 3


def test_logo_is_replaceable_and_checked(desk_office: Office, owner: Trader) -> None:
    case = lc.storage_case(desk_office, owner)
    with pytest.raises(ValidationError) as info:
        desk_office.letters.set_logo(b"GIF89a not a logo")
    assert info.value.field == "logo"
    with pytest.raises(ValidationError):
        desk_office.letters.set_logo(b"\x89PNG\r\n\x1a\n" + b"garbage" * 10)
    before = desk_office.letters.preview("CARGO_STATUS", case_id=case.id)
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 32), (200, 30, 30)).save(buffer, "PNG")
    desk_office.letters.set_logo(buffer.getvalue())
    assert desk_office.letters.has_custom_logo()
    after = desk_office.letters.preview("CARGO_STATUS", case_id=case.id)
    assert after != before
    desk_office.letters.clear_logo()
    assert desk_office.letters.preview("CARGO_STATUS", case_id=case.id) == before


def test_letters_of_other_years_number_from_one(desk_office: Office, owner: Trader) -> None:
    case: Case = lc.storage_case(desk_office, owner)
    desk_office.letters.issue("CARGO_STATUS", case_id=case.id)
    desk_office.clock.advance(days=40)  # type: ignore[attr-defined]
    letter, _ = desk_office.letters.issue("CARGO_STATUS", case_id=case.id)
    assert letter.ref == "KPA/KGL/LTR/2027/0001"
    assert desk_office.letters.get(letter.id).issued_at.startswith("2027-01-07")
    assert dt.date.fromisoformat(desk_office.letters.content(letter.id).issued_on).year == 2027
