"""Two instances on one database (P3, P5): both keep working, a write waits for the lock instead
of failing, an edit of a record changed meanwhile by the other process is refused, the other
instance's changes are visible to a cheap poll, and a restore with another instance open leaves a
healthy database."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from liaison.errors import Conflict
from liaison.models import Trader, TraderDraft
from liaison.office import Office
from tests.core.backup_children import spawn


def test_two_processes_writing_at_once_both_succeed_without_duplicates(
    office: Office, db_path: Path
) -> None:
    children = [spawn("traders", db_path, seed, 120, 0.002) for seed in (1, 2)]
    for child in children:
        child.ready()
    mine = [office.traders.create(TraderDraft(f"Parent Trader {n}"))[0].id for n in range(60)]
    acked: list[int] = []
    refused: list[str] = []
    for child in children:
        out, err = child.finish()
        assert child.returncode == 0, err
        acked += [int(line.split()[1]) for line in out.splitlines() if line.startswith("trader")]
        refused += [line for line in out.splitlines() if line.startswith("refused")]
    assert refused == []  # no "database is locked": every write waited for its turn
    assert len(acked) == 240
    ids = set(acked) | set(mine)
    assert len(ids) == 300
    codes = [r[0] for r in office.store.all("SELECT code FROM traders ORDER BY code")]
    assert codes == [f"TRD-{n:06d}" for n in range(1, 301)]  # no duplicate, no gap
    office.check(full=True)


def test_an_edit_of_a_record_changed_by_the_other_process_is_refused(
    office: Office, trader: Trader, db_path: Path
) -> None:
    opened = office.traders.get(trader.id)  # the form shows version 1
    other = spawn("edit", db_path, trader.id, opened.version, "Changed Elsewhere Ltd")
    out, err = other.finish()
    assert out.strip() == f"saved {opened.version + 1}", err
    with pytest.raises(Conflict, match="Someone else changed this record"):
        office.traders.update(trader.id, TraderDraft("My Stale Edit Ltd"), opened.version)
    assert office.traders.get(trader.id).legal_name == "Changed Elsewhere Ltd"
    # And the other way round: the other process holding the old version is refused too.
    office.traders.update(trader.id, TraderDraft("Fresh Edit Ltd"), opened.version + 1)
    late = spawn("edit", db_path, trader.id, opened.version + 1, "Late Edit Ltd")
    out, _ = late.finish()
    assert out.strip() == "conflict"
    assert office.traders.get(trader.id).legal_name == "Fresh Edit Ltd"


def test_a_poll_sees_the_other_process_commit(office: Office, db_path: Path) -> None:
    seen = office.data_version()
    time.sleep(0.01)
    assert office.data_version() == seen  # nothing happened: nothing to refresh
    child = spawn("traders", db_path, 5, 1)
    _, err = child.finish()
    assert child.returncode == 0, err
    assert office.data_version() != seen


def test_a_write_waits_for_the_other_instances_lock(office: Office, db_path: Path) -> None:
    other = Office.open(db_path)
    released = threading.Event()

    def hold_the_lock() -> None:
        with other.store.write():
            released.wait(timeout=10)
            time.sleep(0.3)

    holder = threading.Thread(target=hold_the_lock)
    holder.start()
    time.sleep(0.1)
    released.set()
    trader, _ = office.traders.create(TraderDraft("Waited Patiently Ltd"))  # no DatabaseBusy
    holder.join()
    other.close()
    assert trader.code == "TRD-000001"


def test_restore_with_another_instance_writing_leaves_a_healthy_database(
    office: Office, db_path: Path
) -> None:
    office.traders.create(TraderDraft("Before The Backup Ltd"))
    backup = office.backups.back_up().backup.path
    child = spawn("traders", db_path, 9, 1_000_000)
    child.ready()
    time.sleep(0.3)
    try:
        result = office.backups.restore(backup)
        time.sleep(0.3)  # the other instance goes on writing after the restore
    finally:
        out, err = child.finish(kill=True)
    assert "Traceback" not in err, err
    acked = [int(line.split()[1]) for line in out.splitlines() if line.startswith("trader")]
    assert acked
    office.check(full=True)
    assert result.counts["traders"] == 1
    names = [r[0] for r in office.store.all("SELECT legal_name FROM traders ORDER BY id")]
    assert names[0] == "Before The Backup Ltd"
    assert len(names) > 1  # the other instance kept saving after the restore
    fresh = Office.open(db_path, quick_check=True)
    fresh.check(full=True)
    fresh.close()
