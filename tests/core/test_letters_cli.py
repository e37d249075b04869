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
