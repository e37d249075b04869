"""The record commands of ``liaison``: check, search, import and export, through ``main``."""

from __future__ import annotations

import json
import stat
import zipfile
from pathlib import Path

import pytest

from liaison.cli import main
from liaison.models import CaseDraft, ContainerDraft, Trader
from liaison.office import Office


@pytest.fixture
def db(office: Office, trader: Trader, db_path: Path) -> Path:
    office.cases.create(CaseDraft(trader.id, "MEDU 12 345678"), [ContainerDraft("CSQU3054383")])
    return db_path


def run(db: Path, *args: str) -> int:
    return main(["--db", str(db), *args])


def test_check(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(db, "check", "--quick") == 0
    assert capsys.readouterr().out.startswith(f"ok: {db}")


def test_search_prints_hits_under_kind_headings(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(db, "search", "csqu", "305438", "3") == 0
    assert capsys.readouterr().out.splitlines() == [
        "Containers",
        "  CSQU 305438 3  CASE-2026-000001 · Kigali Hardware Ltd",
    ]
    assert run(db, "search", "kigali") == 0
    out = capsys.readouterr().out.splitlines()
    assert out == ["Traders", "  Kigali Hardware Ltd  TRD-000001 · 102345678"]


def test_search_json_and_no_match(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(db, "search", "--json", "MEDU-12-345678") == 0
    assert json.loads(capsys.readouterr().out) == [
        {
            "kind": "cases",
            "id": 1,
            "title": "CASE-2026-000001",
            "detail": "Kigali Hardware Ltd · MEDU 12 345678",
            "case_id": None,
        }
    ]
    assert run(db, "search", '"', "NEAR(") == 0
    assert capsys.readouterr().out == "No matches.\n"
    assert run(db, "search", "--json", "nothing-like-this") == 0
    assert json.loads(capsys.readouterr().out) == []


def test_search_limit(db: Path, office: Office, capsys: pytest.CaptureFixture[str]) -> None:
    from liaison.models import TraderDraft

    for n in range(3):
        office.traders.create(TraderDraft(f"Kigali Store {n}"))
    assert run(db, "search", "--limit", "2", "--json", "kigali") == 0
    assert len(json.loads(capsys.readouterr().out)) == 2


def test_import_traders_all_or_nothing(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("legal_name,tin\nGood,105000001\nBad,12\n,105000003\n", encoding="utf-8")
    assert run(db, "import", "traders", str(bad)) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"liaison: nothing imported from {bad}:",
        "  line 3, tin: A Rwanda TIN is exactly 9 digits.",
        "  line 4, legal_name: This field is required.",
    ]
    assert run(db, "import", "traders", "--skip-invalid", str(bad)) == 0
    captured = capsys.readouterr()
    assert captured.out == f"Imported 1 trader(s) from {bad} (3 row(s) read).\n"
    assert captured.err.splitlines()[0] == "Skipped 2 row(s):"
    assert run(db, "search", "--json", "105000001") == 0
    assert json.loads(capsys.readouterr().out)[0]["title"] == "Good"


def test_import_cases(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "cases.csv"
    path.write_text(
        "trader_code,bl_number,container_number\n"
        "TRD-000001,MAEU 123456789,TEXU3070079\n"
        "TRD-000001,MAEU 123456789,MSKU6011672\n",
        encoding="utf-8",
    )
    assert run(db, "import", "cases", str(path)) == 0
    assert capsys.readouterr().out == (
        f"Imported 1 case(s) with 2 container(s) from {path} (2 row(s) read).\n"
    )


def test_import_of_a_missing_file_fails_with_the_reason(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(db, "import", "traders", str(tmp_path / "none.csv")) == 1
    assert capsys.readouterr().err == f"liaison: file: No file at {tmp_path / 'none.csv'}.\n"


def test_export_table_and_all(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(db, "export", "containers", "--format", "json") == 0
    written = Path(capsys.readouterr().out.strip())
    assert written.name.startswith("containers-") and written.suffix == ".json"
    assert json.loads(written.read_text(encoding="utf-8"))[0]["number"] == "CSQU3054383"
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    target = tmp_path / "everything.zip"
    assert run(db, "export", "all", "-o", str(target)) == 0
    assert capsys.readouterr().out == f"{target}\n"
    with zipfile.ZipFile(target) as archive:
        assert json.loads(archive.read("manifest.json"))["counts"]["containers"] == 1


def test_export_of_an_unknown_table_fails(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(db, "export", "passwords") == 1
    assert capsys.readouterr().err.startswith("liaison: table: No table 'passwords'. Tables: ")


def test_usage_errors_exit_2(db: Path) -> None:
    with pytest.raises(SystemExit) as exc:
        run(db, "import", "letters", "x.csv")
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        run(db, "export", "traders", "--format", "xlsx")
    assert exc.value.code == 2
