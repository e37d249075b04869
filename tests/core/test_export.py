"""Exports (P11, P14): formulas neutralised in CSV, owner-only files, no silent overwrite, one
ZIP with a manifest whose counts and hashes match, tables found rather than listed."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sqlite3
import stat
import zipfile
from pathlib import Path

import pytest

from liaison import paths
from liaison.errors import PermissionDenied, ValidationError
from liaison.models import CaseDraft, ContainerDraft, StaffDraft, Trader, TraderDraft
from liaison.office import Office
from liaison.services.exports import neutralise

HOSTILE_NAMES = [
    '=HYPERLINK("http://evil","click")',
    "+SUM(1,2)",
    "-2+3",
    "@cmd",
    "\tTabbed",
    "\rReturn",
]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def read_csv(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


@pytest.fixture
def filled(office: Office, trader: Trader) -> Office:
    for name in HOSTILE_NAMES:
        office.traders.create(TraderDraft(name, notes="plain"))
    office.cases.create(
        CaseDraft(trader.id, "MEDU 12 345678"), [ContainerDraft("CSQU3054383", seal_no="=1+1")]
    )
    return office


def test_csv_neutralises_formulas_and_keeps_the_rest(filled: Office, tmp_path: Path) -> None:
    path = filled.exports.table("traders", "csv", tmp_path / "traders.csv")
    assert path == tmp_path / "traders.csv"
    table = read_csv(path)
    header, rows = table[0], table[1:]
    names = [row[header.index("legal_name")] for row in rows]
    # clean_text collapses the tab/CR lead-ins, so the stored names are the rest of the text.
    stored = [r[0] for r in filled.store.all("SELECT legal_name FROM traders ORDER BY id")]
    assert names == [neutralise(name) for name in stored]
    assert names[1:5] == ['\'=HYPERLINK("http://evil","click")', "'+SUM(1,2)", "'-2+3", "'@cmd"]
    # A phone number starts with + too: text, not a formula.
    assert rows[0][header.index("phone")] == "'+250788123456"
    assert rows[0][header.index("version")] == "1"
    assert "search_text" not in header


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@A1", "'@A1"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("a=1", "a=1"),
        ("", ""),
        (-5, -5),
        (None, None),
    ],
)
def test_neutralise(value: object, expected: object) -> None:
    assert neutralise(value) == expected


def test_json_is_written_as_stored(filled: Office, tmp_path: Path) -> None:
    path = filled.exports.table("containers", "json", tmp_path / "boxes.json")
    records = json.loads(path.read_text(encoding="utf-8"))
    assert [(r["number"], r["seal_no"], r["auction_on"]) for r in records] == [
        ("CSQU3054383", "=1+1", None)
    ]
    assert "search_text" not in records[0]
    empty = filled.exports.table("milestones", "json", tmp_path / "none.json")
    assert json.loads(empty.read_text(encoding="utf-8")) == []


def test_files_are_owner_only_and_a_named_file_is_replaced_whole(
    filled: Office, tmp_path: Path
) -> None:
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "out.csv"
    target.write_text("old content")
    target.chmod(0o644)
    filled.exports.table("cases", "csv", target)
    assert mode(target) == 0o600
    assert read_csv(target)[0][:2] == ["id", "ref"]
    assert [p.name for p in target.parent.iterdir()] == ["out.csv"]  # no partial file left


def test_default_names_never_overwrite(filled: Office) -> None:
    first = filled.exports.table("traders", "csv")
    second = filled.exports.table("traders", "csv")
    assert first.parent == second.parent == paths.export_dir()
    assert first.name == "traders-2026-11-28-090000.csv"
    assert second.name == "traders-2026-11-28-090000-2.csv"
    assert mode(first) == mode(second) == 0o600
    assert stat.S_IMODE(paths.export_dir().stat().st_mode) == 0o700


def test_staff_export_never_holds_password_hashes(filled: Office, tmp_path: Path) -> None:
    path = filled.exports.table("staff", "csv", tmp_path / "staff.csv")
    header = read_csv(path)[0]
    assert "password_hash" not in header
    assert "argon2" not in path.read_text(encoding="utf-8")
    assert "username" in header


@pytest.mark.parametrize(
    "name", ["traders_fts", "traders_fts_data", "counters", "_sqlite_migrations", "nope", ""]
)
def test_only_real_tables_can_be_exported(filled: Office, tmp_path: Path, name: str) -> None:
    with pytest.raises(ValidationError) as exc:
        filled.exports.table(name, "csv", tmp_path / "x.csv")
    assert exc.value.field == "table"
    assert not (tmp_path / "x.csv").exists()


def test_bad_format_and_bad_place_are_refused(filled: Office, tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as exc:
        filled.exports.table("traders", "xlsx", tmp_path / "x.xlsx")
    assert exc.value.field == "format"
    with pytest.raises(ValidationError) as exc:
        filled.exports.table("traders", "csv", tmp_path / "missing" / "x.csv")
    assert exc.value.code == "no_folder"
    with pytest.raises(ValidationError) as exc:
        filled.exports.table("traders", "csv", tmp_path)
    assert exc.value.code == "is_folder"


def test_everything_is_one_zip_whose_manifest_matches(filled: Office, tmp_path: Path) -> None:
    filled.exports.extra_members.append(
        lambda: [("letters/KPA-KGL-LTR-2026-0001.pdf", b"%PDF-1.7 fake")]
    )
    tables = filled.exports.tables()
    before = {t: filled.store.scalar(f'SELECT count(*) FROM "{t}"') for t in tables}
    path = filled.exports.everything(tmp_path / "office.zip")
    assert mode(path) == 0o600
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        members = set(archive.namelist())
        assert members == {*manifest["members"], "manifest.json"}
        for name, facts in manifest["members"].items():
            data = archive.read(name)
            assert hashlib.sha256(data).hexdigest() == facts["sha256"]
            assert len(data) == facts["bytes"]
        assert manifest["counts"] == before  # the export's own audit rows come after it
        for table, rows in manifest["counts"].items():
            text = archive.read(f"{table}.csv").decode("utf-8")
            assert len(list(csv.reader(io.StringIO(text)))) == rows + 1
        assert archive.read("letters/KPA-KGL-LTR-2026-0001.pdf") == b"%PDF-1.7 fake"
    assert manifest["app"] == "Liaison Desk"
    assert manifest["format"] == "csv"
    assert manifest["created_at"] == "2026-11-28T07:00:00Z"
    assert manifest["schema"]["migrations"][0] == "0001_initial"
    assert {"traders", "cases", "containers", "audit_log", "staff", "settings"} <= set(
        manifest["counts"]
    )
    assert not {"counters", "traders_fts", "_sqlite_migrations"} & set(manifest["counts"])


def test_a_table_added_later_comes_along(filled: Office, tmp_path: Path) -> None:
    filled.store.conn.execute("CREATE TABLE backup_log (id INTEGER PRIMARY KEY, note TEXT)")
    filled.store.conn.execute("INSERT INTO backup_log (note) VALUES ('=bad')")
    assert "backup_log" in filled.exports.tables()
    path = filled.exports.everything(tmp_path / "all.zip", fmt="json")
    with zipfile.ZipFile(path) as archive:
        assert json.loads(archive.read("backup_log.json")) == [{"id": 1, "note": "=bad"}]
        assert json.loads(archive.read("manifest.json"))["counts"]["backup_log"] == 1


@pytest.mark.parametrize("name", ["../evil.pdf", "/etc/passwd", "letters/../../x", "", "cases.csv"])
def test_extra_members_cannot_escape_or_collide(filled: Office, tmp_path: Path, name: str) -> None:
    filled.exports.extra_members.append(lambda: [(name, b"x")])
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(ValueError):
        filled.exports.everything(folder / "all.zip")
    assert list(folder.iterdir()) == []  # nothing half-written left behind


def test_exports_are_audited(filled: Office, tmp_path: Path) -> None:
    filled.exports.table("traders", "json", tmp_path / "t.json")
    filled.exports.everything(tmp_path / "all.zip")
    audit = filled.store.all(
        "SELECT entity, field, new_value, reference FROM audit_log WHERE action = 'export' "
        "ORDER BY id"
    )
    assert [tuple(r) for r in audit] == [
        ("traders", "rows", "7", str(tmp_path / "t.json")),
        ("traders", "format", "json", str(tmp_path / "t.json")),
        ("all", "rows", audit[2]["new_value"], str(tmp_path / "all.zip")),
        ("all", "format", "csv", str(tmp_path / "all.zip")),
    ]


def test_a_viewer_exports_records_but_not_staff_or_everything(
    filled: Office, tmp_path: Path
) -> None:
    filled.staff.create(StaffDraft("vera", "Vera Viewer", "VV", "viewer", "viewer pass 1"))
    filled.sign_in("vera", "viewer pass 1")
    assert filled.exports.table("cases", "csv", tmp_path / "c.csv").exists()
    with pytest.raises(PermissionDenied):
        filled.exports.table("staff", "csv", tmp_path / "s.csv")
    with pytest.raises(PermissionDenied):
        filled.exports.everything(tmp_path / "all.zip")


def test_a_table_is_read_in_windows_without_losing_rows(
    filled: Office, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from liaison.services import export_files

    monkeypatch.setattr(export_files, "CHUNK", 2)
    path = filled.exports.table("traders", "json", tmp_path / "t.json")
    codes = [r["code"] for r in json.loads(path.read_text(encoding="utf-8"))]
    assert codes == [f"TRD-{n:06d}" for n in range(1, 8)]
    rows = read_csv(filled.exports.table("traders", "csv", tmp_path / "t.csv"))
    assert [r[1] for r in rows[1:]] == codes


def test_other_instances_keep_saving_while_everything_is_written(
    filled: Office, db_path: Path, tmp_path: Path
) -> None:
    """The ZIP is written from a private copy: a second instance writing with almost no busy
    timeout is not blocked meanwhile, and its change is not in this export."""

    def hook() -> list[tuple[str, bytes]]:
        other = sqlite3.connect(db_path, timeout=0.05)
        try:
            with other:
                other.execute(
                    "INSERT INTO settings (key, value, updated_at, updated_by) "
                    "VALUES ('written_meanwhile', '1', '2026-11-28T07:00:00Z', 1)"
                )
        finally:
            other.close()
        return []

    filled.exports.extra_members.append(hook)
    path = filled.exports.everything(tmp_path / "all.zip")
    assert filled.settings.get("written_meanwhile") == "1"
    with zipfile.ZipFile(path) as archive:
        settings = archive.read("settings.csv").decode("utf-8")
    assert "auction_threshold_days" in settings
    assert "written_meanwhile" not in settings
