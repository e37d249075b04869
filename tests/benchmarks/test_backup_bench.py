"""``make bench``, safety part: a backup of a ~200 MB office database beside the sqlite3 command
line tool's own ``.backup`` of the same file in the same run (target: copy under 1.3× the tool),
and the longest stall of a Qt event loop while the backup runs in the worker (target: under
100 ms). Figures are printed; wall-clock times are never asserted."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QElapsedTimer, QTimer

from liaison.backup import BackupKind
from liaison.backup.snapshot import make_backup
from liaison.backup.verify import verify_file
from liaison.clock import FixedClock
from liaison.office import Office
from tests.benchmarks import bigdb
from tests.conftest import fast_hasher
from tests.core.backup_children import pad_database
from ui.backup import worker

TARGET_BYTES = 200 * 1024 * 1024
ROUNDS = 3


def office_of_200_mb() -> Path:
    """100,000 cases written straight into the tables (the benchmarks' shared filler), padded
    with audit rows to 200 MB; built once and kept in the temp folder."""
    folder = Path(tempfile.gettempdir()) / "liaison-bench"
    folder.mkdir(exist_ok=True)
    path = folder / f"backup-200mb-{bigdb._fingerprint()}.db"
    if path.exists():
        return path
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    office = Office.create(partial, clock=FixedClock(bigdb.NOW), hasher=fast_hasher())
    try:
        bigdb.fill_directly(office, cases=100_000, seed=1)
    finally:
        office.close()
    missing = TARGET_BYTES - partial.stat().st_size
    if missing > 0:
        pad_database(partial, missing // 470 + 1000)
    os.replace(partial, path)
    return path


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("bench") / "office.db"
    shutil.copyfile(office_of_200_mb(), copy)  # a closed file: a byte copy is a good copy
    return copy


def cli_backup(source: Path, target: Path) -> float:
    target.unlink(missing_ok=True)
    started = time.perf_counter()
    subprocess.run(["sqlite3", str(source), f".backup '{target}'"], check=True)
    return time.perf_counter() - started


@pytest.mark.bench
def test_backup_time_beside_the_sqlite3_tool(big: Path, tmp_path: Path) -> None:
    if shutil.which("sqlite3") is None:
        pytest.skip("the sqlite3 command-line tool is not installed (make sysdeps)")
    size_mb = big.stat().st_size / 2**20
    cli_backup(big, tmp_path / "warm.db")  # both read a warm page cache
    tool, copy, check, total = [], [], [], []
    for n in range(ROUNDS):
        tool.append(cli_backup(big, tmp_path / f"cli-{n}.db"))
        folder = tmp_path / f"ours-{n}"
        folder.mkdir()
        started = time.perf_counter()
        made = make_backup(
            big,
            folder,
            kind=BackupKind.MANUAL,
            taken_at=FixedClock(bigdb.NOW).now(),
        )
        total.append(time.perf_counter() - started)
        copy.append(made.copy_seconds)
        check.append(made.verify_seconds)
        assert made.verification.counts["cases"] == 100_000
        (tmp_path / f"cli-{n}.db").unlink()
        shutil.rmtree(folder)
    t, c, v, a = (statistics.median(x) for x in (tool, copy, check, total))
    print(
        f"\nBackup of a {size_mb:.0f} MB database (median of {ROUNDS}):"
        f"\n  sqlite3 .backup (tool)           {t:7.2f} s"
        f"\n  ours: online copy                {c:7.2f} s   ratio {c / t:4.2f}  (target < 1.3)"
        f"\n  ours: verify (integrity, counts) {v:7.2f} s"
        f"\n  ours: whole backup               {a:7.2f} s   ratio {a / t:4.2f}"
    )


@pytest.mark.bench
def test_event_loop_stall_while_backing_up(qtbot: Any, big: Path, tmp_path: Path) -> None:
    office = Office.open(big, clock=FixedClock(bigdb.NOW), hasher=fast_hasher())
    try:
        plan = office.backups.plan(kind=BackupKind.MANUAL, to=tmp_path)
        gaps: list[int] = []
        clock = QElapsedTimer()
        ticker = QTimer()
        ticker.setInterval(5)

        def tick() -> None:
            gaps.append(clock.restart())

        ticker.timeout.connect(tick)
        backups = office.backups
        task = worker.Task(lambda progress, cancel: backups.run(plan, progress=progress))
        progress_reports: list[int] = []
        task.signals.progress.connect(lambda done, total: progress_reports.append(done))
        clock.start()
        ticker.start()
        started = time.perf_counter()
        with qtbot.waitSignal(task.signals.finished, timeout=300_000) as done:
            worker.start(task)
        seconds = time.perf_counter() - started
        ticker.stop()
        result = done.args[0]
        verify_file(result.backup.path, full=False)
        print(
            f"\nEvent loop while a {big.stat().st_size / 2**20:.0f} MB backup runs in the worker "
            f"({seconds:.2f} s, {len(progress_reports)} progress reports):"
            f"\n  longest stall {max(gaps)} ms (target < 100 ms), median tick "
            f"{statistics.median(gaps)} ms over {len(gaps)} ticks of 5 ms"
        )
        assert gaps and progress_reports
    finally:
        office.close()
