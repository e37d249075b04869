"""kill -9 through the service layer (P1, P2, P4): a child saves cases and acknowledges each after
the service returned; killed at random moments, every acknowledged save is there, no case is
half-written, and the file passes the integrity check. Backups taken while another process writes
hold every commit acknowledged before they began; a backup killed midway never leaves a bad file
under a final name."""

from __future__ import annotations

import random
import threading
import time
from pathlib import Path

import pytest

from liaison.backup.catalog import scan
from liaison.backup.verify import readonly, verify_file
from liaison.models import TraderDraft
from liaison.office import Office
from liaison.services.cases import DEFAULT_CHECKLIST
from tests.core.backup_children import pad_database, spawn


def kill_at_random(db: Path, seed: int, delay: float) -> tuple[dict[int, int], bool]:
    """One trial: acknowledged cases (id → containers), and whether a hot journal was left."""
    child = spawn("cases", db, seed, 1_000_000)
    child.ready()
    time.sleep(delay)
    out, _ = child.finish(kill=True)
    journal = Path(str(db) + "-journal")
    hot = journal.exists() and journal.stat().st_size > 0
    acked = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == "case":
            acked[int(parts[1])] = int(parts[2])
    return acked, hot


def check_whole(db: Path, acked: dict[int, int]) -> None:
    office = Office.open(db, quick_check=True)  # rolls back a hot journal first
    try:
        office.check(full=True)
        store = office.store
        for case_id, boxes in acked.items():
            row = store.one("SELECT container_count FROM cases WHERE id = ?", (case_id,))
            assert row is not None, f"acknowledged case {case_id} lost"
            assert row[0] == boxes
        # Every case present (acknowledged or not) is whole: containers, checklist, audit rows.
        bad = store.all(
            "SELECT c.id FROM cases c WHERE c.container_count != "
            "(SELECT count(*) FROM containers k WHERE k.case_id = c.id) "
            "OR (SELECT count(*) FROM documents d WHERE d.case_id = c.id) != ? "
            "OR NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity = 'cases' "
            "  AND a.entity_id = c.id AND a.action = 'create') "
            "OR (SELECT count(DISTINCT a.entity_id) FROM audit_log a WHERE a.entity = 'containers' "
            "  AND a.action = 'create' AND a.entity_id IN "
            "  (SELECT id FROM containers k WHERE k.case_id = c.id)) != c.container_count",
            (len(DEFAULT_CHECKLIST),),
        )
        assert [r[0] for r in bad] == []
        cases = store.scalar("SELECT count(*) FROM cases")
        counter = store.scalar(
            "SELECT coalesce(sum(last_value), 0) FROM counters WHERE name = 'case'"
        )
        assert counter == cases  # no number used twice, none lost
    finally:
        office.close()


@pytest.mark.parametrize(
    "trials", [pytest.param(24, id="24"), pytest.param(300, id="300", marks=pytest.mark.torture)]
)
def test_kill_9_never_loses_an_acknowledged_save(
    office: Office, db_path: Path, trials: int
) -> None:
    office.traders.create(TraderDraft("Kigali Hardware Ltd"))
    office.close()
    rng = random.Random(trials)
    acked: dict[int, int] = {}
    hot_journals = 0
    for trial in range(trials):
        new, hot = kill_at_random(db_path, trial, rng.uniform(0.0, 0.25))
        acked.update(new)
        hot_journals += hot
        check_whole(db_path, acked)
    print(
        f"\n{trials} kills: {len(acked)} acknowledged cases kept; {hot_journals} killed mid-commit"
    )
    assert acked  # the children did save something


def test_backups_while_another_process_writes_hold_every_acknowledged_save(
    office: Office, db_path: Path, tmp_path: Path
) -> None:
    office.traders.create(TraderDraft("Kigali Hardware Ltd"))
    pad_database(db_path, 5000)
    child = spawn("cases", db_path, 7, 1_000_000)
    child.ready()
    acked: list[int] = []
    lock = threading.Lock()

    def collect() -> None:
        for line in child.lines():
            if line.startswith("case "):
                with lock:
                    acked.append(int(line.split()[1]))

    reader = threading.Thread(target=collect, daemon=True)
    reader.start()
    try:
        checked = 0
        for _ in range(6):
            time.sleep(0.15)
            with lock:
                before = list(acked)
            made = office.backups.back_up(to=tmp_path).backup.path
            holds = verify_file(made)
            with readonly(made) as copy:
                present = {r[0] for r in copy.execute("SELECT id FROM cases")}
            assert set(before) <= present
            assert holds.counts["cases"] == len(present)
            checked += len(before)
    finally:
        child.proc.kill()
        reader.join(timeout=30)
        child.finish()  # closes the pipes
    assert checked > 0 and acked
    assert child.returncode != 0  # it was still writing when killed


def test_a_backup_killed_midway_never_leaves_a_bad_final_file(
    office: Office, db_path: Path, tmp_path: Path
) -> None:
    pad_database(db_path, 60_000)  # about 30 MB: the copy and its check take a while
    folder = tmp_path / "backups"
    folder.mkdir()
    rng = random.Random(3)
    for _ in range(8):
        child = spawn("backup", db_path, folder)
        child.ready()
        time.sleep(rng.uniform(0.05, 0.6))
        child.finish(kill=True)
    for entry in scan([folder]):
        verify_file(entry.path)  # every file under a final name is complete and healthy
        assert entry.verified
    office.check(full=True)
    leftovers = [p.name for p in folder.iterdir() if p.name.endswith(".partial")]
    print(f"\n{len(scan([folder]))} finished backups, {len(leftovers)} partial files left by kills")
