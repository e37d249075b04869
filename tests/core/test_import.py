"""Importing traders and cases from CSV: the form's validation per row, all or nothing (or the
good rows with --skip-invalid), duplicates refused, one transaction with audit rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from liaison.enums import Entity
from liaison.errors import PermissionDenied, ValidationError, ValidationErrors
from liaison.models import StaffDraft, Trader, TraderDraft
from liaison.models.transfer import ImportProblem
from liaison.office import Office

TRADERS_CSV = (
    "\ufeffLegal Name;TIN;Phone;E-mail;VAT registered;Language;District\n"
    "Ets Mugisha & Fils;103 456 789;0788 111 222;info@mugisha.rw;oui;fr;Nyarugenge\n"
    '"Umurava ""Best"" Import Export";;+256 772 123456;;no;en;\n'
    ";;;;;;\n"
    "Société Générale de Rubavu;104-567-890;;;;rw;Rubavu\n"
)


def write(tmp_path: Path, text: str, name: str = "file.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def count(office: Office, sql: str) -> int:
    return int(office.store.scalar(sql))


def refused(exc: pytest.ExceptionInfo[ValidationErrors]) -> list[tuple[int, str]]:
    return [(e.row, e.field) for e in exc.value.errors]


# -- traders -------------------------------------------------------------------------------------


def test_traders_are_imported_with_codes_clean_values_and_audit(
    office: Office, tmp_path: Path
) -> None:
    report = office.imports.traders(write(tmp_path, TRADERS_CSV))
    assert (report.kind, report.imported, report.rows_read, report.problems) == (
        "traders",
        3,
        3,
        (),
    )
    assert report.changes.touches(Entity.TRADERS)
    first = office.traders.by_code("TRD-000001")
    assert first is not None
    assert (first.legal_name, first.tin, first.phone, first.vat_registered, first.language) == (
        "Ets Mugisha & Fils",
        "103456789",
        "+250788111222",
        True,
        "fr",
    )
    second = office.traders.by_code("TRD-000002")
    assert second is not None and second.legal_name == 'Umurava "Best" Import Export'
    assert second.phone == "+256772123456"
    third = office.traders.by_tin("104567890")
    assert third is not None and third.code == "TRD-000003"
    # Found by search like any trader; one audit row per trader and one for the file.
    assert [h.id for h in office.search.search("societe generale")] == [third.id]
    assert count(office, "SELECT count(*) FROM audit_log WHERE action = 'import'") == 4
    history = office.history("traders", first.id)
    assert [(a.action, a.new_value) for a in history] == [("import", "file.csv line 2")]
    # Later use continues the code sequence.
    later, _ = office.traders.create(TraderDraft("Next One"))
    assert later.code == "TRD-000004"


def test_any_bad_row_refuses_the_whole_file_and_lists_every_bad_row(
    office: Office, trader: Trader, tmp_path: Path
) -> None:
    text = (
        "legal_name,tin,phone,email,vat_registered\n"
        "Good One,105000001,,,\n"
        "Bad Tin,12345,,,\n"
        ",105000002,0712345678,not-an-email,maybe\n"
        "Twin,105000001,,,\n"
        "Already There,102345678,,,\n"
        "Good Two,,,,\n"
    )
    audit_before = count(office, "SELECT count(*) FROM audit_log")
    with pytest.raises(ValidationErrors) as exc:
        office.imports.traders(write(tmp_path, text))
    assert refused(exc) == [
        (3, "tin"),
        (4, "email"),
        (4, "legal_name"),
        (4, "phone"),
        (4, "vat_registered"),
        (5, "tin"),
        (6, "tin"),
    ]
    messages = {(e.row, e.field): e.message for e in exc.value.errors}
    assert messages[(5, "tin")] == "TIN 105000001 is also on line 2."
    assert "Kigali Hardware Ltd" in messages[(6, "tin")]
    assert count(office, "SELECT count(*) FROM traders") == 1
    assert count(office, "SELECT count(*) FROM audit_log") == audit_before
    assert count(office, "SELECT last_value FROM counters WHERE name = 'trader'") == 1


def test_skip_invalid_imports_the_good_rows_and_lists_the_skipped(
    office: Office, trader: Trader, tmp_path: Path
) -> None:
    text = "legal_name,tin\nGood One,105000001\nBad Tin,12345\nAlready There,102345678\nGood Two,\n"
    report = office.imports.traders(write(tmp_path, text), skip_invalid=True)
    assert report.imported == 2
    assert report.skipped_rows == 2
    assert [(p.line, p.field) for p in report.problems] == [(3, "tin"), (4, "tin")]
    assert all(isinstance(p, ImportProblem) for p in report.problems)
    names = [r[0] for r in office.store.all("SELECT legal_name FROM traders ORDER BY id")]
    assert names == ["Kigali Hardware Ltd", "Good One", "Good Two"]


def test_hostile_cells_are_stored_as_typed(office: Office, tmp_path: Path) -> None:
    text = (
        "legal_name,notes\n"
        '"=HYPERLINK(""http://x"",""click"")","line one\nline two"\n'
        "<b>Bold</b> & Co,@SUM(1+1)\n"
        "+250 Traders,-2+3\n"
        "Ets O'Brien; DROP TABLE traders;--,\n"
    )
    report = office.imports.traders(write(tmp_path, text))
    assert report.imported == 4
    stored = office.store.all("SELECT legal_name, notes FROM traders ORDER BY id")
    assert [tuple(r) for r in stored] == [
        ('=HYPERLINK("http://x","click")', "line one\nline two"),
        ("<b>Bold</b> & Co", "@SUM(1+1)"),
        ("+250 Traders", "-2+3"),
        ("Ets O'Brien; DROP TABLE traders;--", None),
    ]


def test_a_windows_spreadsheet_file_is_read(office: Office, tmp_path: Path) -> None:
    text = "legal_name\tdistrict\r\nSociété Kigali Électronique\tKicukiro\r\n"
    report = office.imports.traders(write(tmp_path, text, encoding="cp1252"))
    assert report.imported == 1
    assert office.store.scalar("SELECT legal_name FROM traders") == "Société Kigali Électronique"


@pytest.mark.parametrize(
    ("text", "field", "code"),
    [
        ("", "file", "empty"),
        ("legal_name,tin\n", "file", "empty"),
        ("legal_name,nickname\nA,B\n", "columns", "unknown_column"),
        ("tin,phone\n105000001,\n", "columns", "missing_column"),
        ("legal_name,Legal-Name\nA,B\n", "columns", "duplicate"),
        ("legal_name,legal_name\nA,B\n", "columns", "duplicate"),
    ],
)
def test_a_file_that_cannot_be_imported_names_why(
    office: Office, tmp_path: Path, text: str, field: str, code: str
) -> None:
    with pytest.raises(ValidationError) as exc:
        office.imports.traders(write(tmp_path, text))
    assert (exc.value.field, exc.value.code) == (field, code)
    assert count(office, "SELECT count(*) FROM traders") == 0


def test_a_missing_file_or_a_folder_is_refused(office: Office, tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as exc:
        office.imports.traders(tmp_path / "nowhere.csv")
    assert exc.value.code == "not_found"
    with pytest.raises(ValidationError) as exc:
        office.imports.traders(tmp_path)
    assert exc.value.code == "not_a_file"


def test_control_characters_and_binary_files_are_refused(office: Office, tmp_path: Path) -> None:
    text = 'legal_name,notes\nNul\x00Name,fine\nGood,"two\nlines"\nBell,ring\x07\n'
    with pytest.raises(ValidationErrors) as exc:
        office.imports.traders(write(tmp_path, text))
    assert refused(exc) == [(2, "legal_name"), (4, "notes")]
    assert exc.value.errors[0].message == "Contains an invisible control character (U+0000)."
    binary = tmp_path / "photo.csv"
    binary.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(ValidationError) as info:
        office.imports.traders(binary)
    assert info.value.code == "file_encoding"


def test_extra_cells_refuse_their_row(office: Office, tmp_path: Path) -> None:
    text = "legal_name,tin\nGood,105000001\nShifted,105000002,oops\n"
    with pytest.raises(ValidationErrors) as exc:
        office.imports.traders(write(tmp_path, text))
    assert refused(exc) == [(3, "columns")]


def test_a_viewer_cannot_import(office: Office, tmp_path: Path) -> None:
    office.staff.create(StaffDraft("vera", "Vera Viewer", "VV", "viewer", "viewer pass 1"))
    office.sign_in("vera", "viewer pass 1")
    with pytest.raises(PermissionDenied):
        office.imports.traders(write(tmp_path, TRADERS_CSV))


def test_two_thousand_traders_in_one_transaction(office: Office, tmp_path: Path) -> None:
    lines = ["legal_name,tin,phone"]
    lines += [f"Trader {n},{110000000 + n},078{n:07d}" for n in range(2000)]
    report = office.imports.traders(write(tmp_path, "\n".join(lines) + "\n"))
    assert report.imported == 2000
    assert count(office, "SELECT count(*) FROM traders WHERE code = 'TRD-002000'") == 1
    assert count(office, "SELECT count(DISTINCT at) FROM audit_log WHERE action = 'import'") == 1


# -- cases ---------------------------------------------------------------------------------------

CASES_HEADER = (
    "trader_tin,trader_code,bl_number,vessel_name,shipping_line,eta,container_number,size_type,"
    "seal_no,container_weight_kg\n"
)


def test_cases_are_grouped_by_bl_with_their_containers(
    office: Office, trader: Trader, tmp_path: Path
) -> None:
    text = CASES_HEADER + (
        "102 345 678,,MEDU 12 345678,MSC Aurora,MSC,12/12/2026,CSQU 305438 3,40HC,ML1,21000\n"
        ",TRD-000001,medu12345678,,,,TEXU3070079,20GP,,\n"
        "102345678,,MAEU 123456789,Maersk Kampala,Maersk,,,,,\n"
        "102345678,,medu-12-345678,MSC Aurora,,,MSKU6011672,,,\n"
    )
    report = office.imports.cases(write(tmp_path, text))
    assert (report.imported, report.containers, report.rows_read) == (2, 3, 4)
    first = office.cases.by_ref("CASE-2026-000001")
    assert (first.bl_number, first.vessel_name, first.container_count) == (
        "MEDU 12 345678",
        "MSC Aurora",
        3,
    )
    assert first.eta is not None and first.eta.isoformat() == "2026-12-12"
    msc = office.store.scalar("SELECT id FROM shipping_lines WHERE name LIKE 'Mediterranean%'")
    assert first.shipping_line_id == msc
    boxes = office.tracking.containers(first.id)
    assert [(b.number, b.size_type) for b in boxes] == [
        ("CSQU3054383", "40HC"),
        ("TEXU3070079", "20GP"),
        ("MSKU6011672", None),
    ]
    second = office.cases.by_ref("CASE-2026-000002")
    assert (second.bl_number, second.container_count) == ("MAEU 123456789", 0)
    # Each case got its documents checklist, like a case opened by hand.
    assert len(office.tracking.documents(second.id)) == 5
    assert [h.id for h in office.search.search("CSQU 305438 3")] == [boxes[0].id]
    assert count(office, "SELECT count(*) FROM audit_log WHERE action = 'import'") == 6


def test_case_rows_that_contradict_each_other_or_the_database_are_refused(
    office: Office, trader: Trader, tmp_path: Path
) -> None:
    office.imports.cases(write(tmp_path, CASES_HEADER + "102345678,,MAEU 999,,,,,,,\n", "a.csv"))
    text = CASES_HEADER + (
        "102345678,,MEDU 1,MSC Aurora,,,CSQU3054383,,,\n"
        "102345678,,MEDU 1,Other Vessel,,,CSQU 305438 3,,,\n"
        "102345678,,MAEU-999,,,,,,,\n"
        "999999999,,MEDU 2,,,,,,,\n"
        ",TRD-000009,MEDU 3,,,,,,,\n"
        "102345678,TRD-000009,MEDU 4,,,,,,,\n"
        ",,MEDU 5,,,,,,,\n"
        "102345678,,MEDU 6,,Unknown Line,31/02/2026,TEXU3070070,,,\n"
        "102345678,,,,,,TEXU3070079,,,\n"
    )
    with pytest.raises(ValidationErrors) as exc:
        office.imports.cases(write(tmp_path, text, "b.csv"))
    assert refused(exc) == [
        (3, "container_number"),
        (3, "vessel_name"),
        (4, "bl_number"),
        (5, "trader_tin"),
        (6, "trader_code"),
        (7, "trader_code"),
        (8, "trader_tin"),
        (9, "container_number"),
        (9, "eta"),
        (9, "shipping_line"),
        (10, "bl_number"),
    ]
    assert count(office, "SELECT count(*) FROM cases") == 1
    assert count(office, "SELECT count(*) FROM containers") == 0


def test_skip_invalid_never_imports_half_a_case(
    office: Office, trader: Trader, tmp_path: Path
) -> None:
    text = CASES_HEADER + (
        "102345678,,MEDU 1,,,,CSQU3054383,,,\n"
        "102345678,,MEDU 1,,,,TEXU3070070,,,\n"
        "102345678,,MEDU 2,,,,TEXU3070079,,,\n"
    )
    report = office.imports.cases(write(tmp_path, text), skip_invalid=True)
    assert (report.imported, report.containers, report.skipped_rows) == (1, 1, 2)
    assert [(p.line, p.field) for p in report.problems] == [
        (2, "bl_number"),
        (3, "container_number"),
    ]
    assert report.problems[0].reason.startswith("Skipped with line 3")
    assert office.store.scalar("SELECT bl_number FROM cases") == "MEDU 2"


def test_a_merged_trader_is_named_with_the_one_it_was_merged_into(
    office: Office, trader: Trader, tmp_path: Path
) -> None:
    duplicate, _ = office.traders.create(TraderDraft("Kigali Hardware Limited"))
    office.traders.merge(duplicate.id, trader.id)
    with pytest.raises(ValidationErrors) as exc:
        office.imports.cases(write(tmp_path, CASES_HEADER + f",{duplicate.code},MEDU 1,,,,,,,\n"))
    assert (
        exc.value.errors[0].message
        == f"{duplicate.code} was merged into {trader.code}; use that trader."
    )
