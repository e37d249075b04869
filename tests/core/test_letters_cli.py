"""``liaison letter``: issue from the command line, print the reference, reprint the frozen copy."""

from __future__ import annotations

from pathlib import Path

import pytest

from liaison.cli import main
from liaison.office import Office
from tests.core import letter_cases as lc


def test_issue_and_reprint(
    office: Office, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = lc.storage_case(office, lc.trader(office))
    first = tmp_path / "first.pdf"
    code = main(
        [
            "--db",
            str(db_path),
            "letter",
            case.ref.lower(),
            "--kind",
            "storage_warning",
            "--lang",
            "en",
            "-o",
            str(first),
        ]
    )
    assert code == 0
    ref = capsys.readouterr().out.strip()
    assert ref.startswith("KPA/KGL/LTR/")  # the system clock's year: the CLI has no fixed clock
    letter = office.letters.by_ref(ref)
    assert first.read_bytes() == office.letters.pdf(letter.id)
    again = tmp_path / "again.pdf"
    assert main(["--db", str(db_path), "letter", "--reprint", ref, "-o", str(again)]) == 0
    assert again.read_bytes() == first.read_bytes()
    assert main(["--db", str(db_path), "letter", "--kinds"]) == 0
    assert "LONG_STAY_AUCTION_RISK" in capsys.readouterr().out


def test_refusals_say_why(
    office: Office, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = lc.case(office, lc.trader(office))
    assert main(["--db", str(db_path), "letter", "CASE-2026-999999", "--kind", "CARGO_STATUS"]) == 1
    assert "No case" in capsys.readouterr().err
    assert main(["--db", str(db_path), "letter", case.ref, "--kind", "STORAGE_WARNING"]) == 1
    assert "free-storage clock" in capsys.readouterr().err
    assert main(["--db", str(db_path), "letter", "--reprint", "KPA/KGL/LTR/2026/0001"]) == 1
    assert "-o" in capsys.readouterr().err
    assert office.store.scalar("SELECT count(*) FROM letters") == 0


def test_kinds_offered_for_a_record_and_refusals_naming_what_is_missing(
    office: Office, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    owner = lc.trader(office)
    case = lc.case(office, owner)
    cargo = lc.inquiry(office, owner, case)
    complaint = lc.complaint(office, owner, case)
    db = ["--db", str(db_path), "letter"]
    assert main([*db, complaint.ref.lower(), "--kinds"]) == 0
    listed = capsys.readouterr().out
    assert "COMPLAINT_ACK" in listed and "CARGO_STATUS" in listed
    assert "INCIDENT_NOTICE" not in listed and "REFERRAL" not in listed
    assert main([*db, cargo.ref, "--kinds"]) == 0
    assert "COMPLAINT_ACK" not in capsys.readouterr().out
    assert main([*db, cargo.ref, "--kind", "complaint_ack"]) == 1
    assert "not as a complaint" in capsys.readouterr().err
    assert main([*db, case.ref, "--kind", "INCIDENT_NOTICE"]) == 1
    assert "No incident is recorded" in capsys.readouterr().err
    assert office.store.scalar("SELECT count(*) FROM letters") == 0
    assert main([*db, complaint.ref, "--kind", "complaint_ack", "--lang", "fr"]) == 0
    letter = office.letters.by_ref(capsys.readouterr().out.strip())
    assert (letter.kind, letter.inquiry_id, letter.case_id) == (
        "COMPLAINT_ACK",
        complaint.id,
        case.id,
    )
