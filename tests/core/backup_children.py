"""Child processes for the crash, concurrency and backup tests (run as
``python -m tests.core.backup_children MODE DB [ARGS]``). Each prints one line per acknowledged
operation, flushed only after the service call returned, so the parent knows what was "saved"."""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from stdnum import iso6346

from liaison.errors import Conflict, LiaisonError
from liaison.models import CaseDraft, ContainerDraft, TraderDraft
from liaison.office import Office

ROOT = Path(__file__).resolve().parents[2]


class Child:
    """A child process whose acknowledgements are read without read-ahead: the first line is
    read byte by byte, so nothing is left in a Python buffer that ``finish`` would miss."""

    def __init__(self, *args: object) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.core.backup_children", *map(str, args)],
            cwd=ROOT,
            env=os.environ.copy(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            bufsize=0,
        )

    def ready(self) -> None:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()  # unbuffered: stops at the newline
        if line.strip() != b"ready":
            _, err = self.proc.communicate(timeout=30)
            raise AssertionError(f"child did not start: {line!r} {err.decode()}")

    def lines(self) -> Iterator[str]:
        assert self.proc.stdout is not None
        for raw in iter(self.proc.stdout.readline, b""):
            yield raw.decode()

    def finish(self, *, kill: bool = False, timeout: float = 120) -> tuple[str, str]:
        if kill:
            self.proc.kill()
        out, err = self.proc.communicate(timeout=timeout)
        return out.decode(), err.decode()

    @property
    def returncode(self) -> int | None:
        return self.proc.returncode


def spawn(*args: object) -> Child:
    return Child(*args)


def pad_database(db: Path, rows: int, size: int = 400) -> None:
    """Grow a database quickly with valid audit rows (for backups that take a while)."""
    conn = sqlite3.connect(db)
    with conn:
        conn.executemany(
            "INSERT INTO audit_log (at, staff_id, entity, action, field, new_value) "
            "VALUES ('2026-11-28T07:00:00Z', 1, 'padding', 'import', 'x', ?)",
            ((f"{n:08d}" + "x" * size,) for n in range(rows)),
        )
    conn.close()


def damage(db: Path, *, page: int = 3, pages: int = 2) -> None:
    """Overwrite whole pages in the middle of the file with garbage (a failing disk)."""
    with open(db, "r+b") as handle:
        handle.seek(4096 * page)
        handle.write(b"\xde\xad\xbe\xef" * 1024 * pages)


def container_number(rng: random.Random) -> str:
    body = "CSQU" + f"{rng.randrange(10**6):06d}"
    return body + iso6346.calc_check_digit(body)


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def save_cases(db: Path, seed: int, limit: int) -> None:
    """Create cases of 1–4 containers; print ``case ID N`` after each returns."""
    rng = random.Random(seed)
    office = Office.open(db)
    trader = office.traders.by_code("TRD-000001")
    assert trader is not None
    say("ready")
    for _ in range(limit):
        numbers = {container_number(rng) for _ in range(rng.randint(1, 4))}
        case, _ = office.cases.create(
            CaseDraft(trader.id, f"MAEU{rng.randrange(10**9):09d}"),
            [ContainerDraft(n) for n in sorted(numbers)],
        )
        say(f"case {case.id} {len(numbers)}")


def save_traders(db: Path, seed: int, limit: int, pause: float = 0.0) -> None:
    """Register traders; print ``trader ID`` after each returns (``refused CODE`` for a known
    error). ``pause`` seconds between saves: staff do not type a record every millisecond."""
    office = Office.open(db)
    say("ready")
    for n in range(limit):
        time.sleep(pause)
        try:
            trader, _ = office.traders.create(TraderDraft(f"Child {seed} Trader {n}"))
        except LiaisonError as exc:  # e.g. the record vanished under a restore: a known error
            say(f"refused {exc.code}")
            continue
        say(f"trader {trader.id}")


def edit_trader(db: Path, trader_id: int, version: int, name: str) -> None:
    """One edit with an expected version: prints ``saved V`` or ``conflict``."""
    office = Office.open(db)
    draft = TraderDraft(name)
    try:
        trader, _ = office.traders.update(trader_id, draft, version)
    except Conflict:
        say("conflict")
        return
    say(f"saved {trader.version}")


def back_up_forever(db: Path, folder: Path) -> None:
    office = Office.open(db)
    say("ready")
    while True:
        result = office.backups.back_up(to=folder)
        say(f"backup {result.backup.path.name}")


def main(argv: list[str]) -> None:
    mode, db = argv[0], Path(argv[1])
    if mode == "cases":
        save_cases(db, int(argv[2]), int(argv[3]))
    elif mode == "traders":
        save_traders(db, int(argv[2]), int(argv[3]), float(argv[4]) if len(argv) > 4 else 0.0)
    elif mode == "edit":
        edit_trader(db, int(argv[2]), int(argv[3]), argv[4])
    elif mode == "backup":
        back_up_forever(db, Path(argv[2]))
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main(sys.argv[1:])
