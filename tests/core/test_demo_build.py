"""Building the demo: the full-text index comes back whole, worker processes change nothing, a
real office is never touched, a failed build leaves nothing, and the command line."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from liaison.cli import main
from liaison.clock import FixedClock
from liaison.demo import DEMO_ACCOUNTS, build_demo, create_demo_database
from liaison.demo.book import WorkWriter
from liaison.errors import LiaisonError, PermissionDenied
from liaison.models import StaffDraft
from liaison.office import Office
from liaison.rules.stages import Milestone
from tests.conftest import fast_hasher
from tests.core.test_demo import DEMO_TABLES, dump, rows, schema


def test_the_database_passes_the_check_and_keeps_its_schema(
    tmp_path: Path, clock: FixedClock
) -> None:
    office = Office.create(tmp_path / "o.db", clock=clock, hasher=fast_hasher())
    try:
        before = schema(office)
        summary = build_demo(office, cases=60, seed=4)
        assert schema(office) == before  # the full-text triggers are back, exactly as written
        office.check()
        for table in ("traders", "cases", "containers", "inquiries"):  # index = content
            office.store.conn.execute(
                f"INSERT INTO {table}_fts({table}_fts, rank) VALUES ('integrity-check', 1)"
            )
        trader = rows(
            office,
            "SELECT legal_name FROM traders WHERE legal_name LIKE 'Soci%' "
            "OR legal_name LIKE '%é%' ORDER BY id LIMIT 1",
        )
        box = rows(office, "SELECT number FROM containers ORDER BY id DESC LIMIT 1")[0][0]
        assert office.search.search(box)[0].title.replace(" ", "") == box
        if trader:
            plain = trader[0][0].replace("é", "e").upper()
            assert office.search.search(plain), plain
        counts = {
            r[0]: int(r[1])
            for r in rows(
                office,
                "SELECT entity, new_value FROM audit_log "
                "WHERE action = 'import' AND reference = 'demo'",
            )
        }
        assert counts == summary.counts
        for table in DEMO_TABLES[:-1]:
            assert counts[table] == office.store.scalar(f"SELECT count(*) FROM {table}")
    finally:
        office.close()


def test_cases_made_in_worker_processes_are_the_same(
    tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large demo makes its cases in chunks, in worker processes; each chunk has its own
    dice and starting numbers, so where it is made changes nothing."""
    from liaison.demo import chunks

    monkeypatch.setattr(chunks, "CHUNK", 40)
    made = []
    for name, workers in (("here.db", 0), ("pool.db", 1)):
        path = tmp_path / name
        create_demo_database(
            path, cases=130, seed=5, clock=clock, hasher=fast_hasher(), workers=workers
        )
        office = Office.open(path, clock=clock)
        try:
            made.append(dump(office))
            numbers = [r[0] for r in rows(office, "SELECT number FROM containers")]
            assert len(set(numbers)) == len(numbers)
            refs = [r[0] for r in rows(office, "SELECT ref FROM cases ORDER BY id")]
            assert refs == [f"CASE-2026-{n:06d}" for n in range(1, 131)]
        finally:
            office.close()
    assert made[0] == made[1]


# -- never mixed into a real office -------------------------------------------------------------
def test_refuses_a_database_that_holds_traders(office: Office, trader: object) -> None:
    before = schema(office), office.store.scalar("SELECT count(*) FROM staff")
    with pytest.raises(LiaisonError) as info:
        build_demo(office, cases=20)
    assert info.value.code == "not_empty"
    assert (schema(office), office.store.scalar("SELECT count(*) FROM staff")) == before
    assert not office.settings.is_demo()


def test_refuses_when_the_demo_sign_ins_are_taken_or_the_actor_is_no_admin(
    office: Office,
) -> None:
    with pytest.raises(LiaisonError, match="admin"):
        build_demo(office, cases=20)  # the office fixture's admin is called "admin"
    office.staff.create(StaffDraft("clerk", "Clerk", "CL", "officer", "password123"))
    office.sign_in("clerk", "password123")
    with pytest.raises(PermissionDenied):
        build_demo(office, cases=20)
    assert office.store.scalar("SELECT count(*) FROM traders") == 0


def test_a_failed_build_leaves_nothing_behind(
    tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(self: WorkWriter) -> None:
        raise RuntimeError("disk unplugged")

    monkeypatch.setattr(WorkWriter, "write_inquiries", explode)
    office = Office.create(tmp_path / "o.db", clock=clock, hasher=fast_hasher())
    try:
        before = schema(office), dump(office)
        with pytest.raises(RuntimeError):
            build_demo(office, cases=30)
        assert (schema(office), dump(office)) == before
    finally:
        office.close()
    path = tmp_path / "new.db"
    with pytest.raises(RuntimeError):
        create_demo_database(path, cases=30, clock=clock, hasher=fast_hasher())
    assert not path.exists()


def test_the_database_refuses_a_bad_row_and_the_whole_build_rolls_back(
    tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The schema's CHECKs still guard the bulk load: one milestone with an unknown source
    stops the build, and nothing of it stays."""
    from liaison.demo import clearance

    bad = dict(clearance.STATIC)
    bad[Milestone.DISCHARGED] = (*bad[Milestone.DISCHARGED][:2], "nobody", None)
    monkeypatch.setattr(clearance, "STATIC", bad)
    _refused(tmp_path, clock, "CHECK").close()


def _refused(tmp_path: Path, clock: FixedClock, failed: str) -> Office:
    """An office whose demo build failed on the database's ``failed`` constraint and left
    nothing behind (still open: the caller closes it)."""
    office = Office.create(tmp_path / "o.db", clock=clock, hasher=fast_hasher())
    try:
        before = schema(office), dump(office)
        with pytest.raises(sqlite3.IntegrityError, match=failed):
            build_demo(office, cases=40)
        assert (schema(office), dump(office)) == before
        assert not office.store.conn.in_transaction
    except BaseException:
        office.close()
        raise
    return office


def test_a_broken_reference_stops_the_build_and_keys_are_enforced_again(
    tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Foreign keys are checked once, before the commit, while the chunks' tables are copied
    in: a row naming a staff member who does not exist stops the build, nothing stays, and the
    connection enforces foreign keys again afterwards."""
    from liaison.demo import people

    monkeypatch.setattr(people.StaffIds, "officer", lambda self, dice: 9_999)
    office = _refused(tmp_path, clock, "FOREIGN KEY")
    try:
        conn = office.store.conn
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert [r[1] for r in conn.execute("PRAGMA database_list")] == ["main"]
        with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
            conn.execute("INSERT INTO notes (case_id, body, created_at, created_by, updated_at, "
                         "updated_by) VALUES (12345, 'x', '2026-01-01T00:00:00Z', 1, "
                         "'2026-01-01T00:00:00Z', 1)")  # fmt: skip
    finally:
        office.close()


# -- the command line ---------------------------------------------------------------------------
def test_the_demo_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "cli" / "office.db"
    assert main(["--db", str(path), "demo", "--cases", "25", "--seed", "7"]) == 0
    out = capsys.readouterr().out
    assert "cases" in out and " 25" in out
    for username, password, role in DEMO_ACCOUNTS:
        assert re.search(rf"{username}\s+{password}\s+{role}", out)
    office = Office.open(path)
    try:
        assert office.store.scalar("SELECT count(*) FROM cases") == 25
        assert office.settings.is_demo()
    finally:
        office.close()
    assert main(["--db", str(path), "demo", "--cases", "25"]) == 1
    err = capsys.readouterr().err
    assert "already holds" in err
    stranger = tmp_path / "notes.txt"
    stranger.write_text("not a database")
    assert main(["--db", str(stranger), "demo"]) == 1
    assert stranger.read_text() == "not a database"
    with pytest.raises(SystemExit) as usage:
        main(["--db", str(tmp_path / "x.db"), "demo", "--cases", "0"])
    assert usage.value.code == 2
    assert not (tmp_path / "x.db").exists()
