"""Schema migrations: sqlite-utils ``Migrations``, append-only, each with an explicit name.

Never edit an applied migration; add a new one (a name and a function in ``STEPS``).
``known_migration_names`` lets the opener refuse a database written by a newer build (P6).

Opening an up-to-date database only compares names (``pending_names``), so sqlite-utils (a tenth
of a second to import) is loaded only when a migration is to be applied: ``migrations()`` builds
the ``Migrations`` set on first use, and ``MIGRATIONS`` is that same object.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database, Migrations

MIGRATION_SET = "liaison"
MIGRATIONS_TABLE = "_sqlite_migrations"  # where sqlite-utils records what it applied


def _initial(db: Database) -> None:
    from liaison.db.schema import initial_ddl

    for statement in initial_ddl():
        db.execute(statement)


def _letters(db: Database) -> None:
    from liaison.letters.schema import letters_ddl

    for statement in letters_ddl():
        db.execute(statement)


# Orders the lists offer that no index of 0001 answers: without these a page in the middle of
# 100,000 cases sorted by vessel, box count or stage date took 170-200 ms (1-7 ms with them).
LIST_INDEXES = (
    "CREATE INDEX IF NOT EXISTS cases_vessel ON cases(vessel_name COLLATE NOCASE, id)",
    "CREATE INDEX IF NOT EXISTS cases_container_count ON cases(container_count, id)",
    "CREATE INDEX IF NOT EXISTS cases_stage_on ON cases(stage_on, id)",
    "CREATE INDEX IF NOT EXISTS inquiries_due ON inquiries(due_on, id)",
    "CREATE INDEX IF NOT EXISTS followups_due ON followups(due_on, due_time, id)",
)


def _list_indexes(db: Database) -> None:
    for statement in LIST_INDEXES:
        db.execute(statement)


STEPS: tuple[tuple[str, Callable[[Database], None]], ...] = (
    ("0001_initial", _initial),
    ("0002_letters", _letters),
    ("0003_list_indexes", _list_indexes),
)


@functools.cache
def migrations() -> Migrations:
    """The sqlite-utils migration set, built (and sqlite-utils imported) on first use."""
    from sqlite_utils import Migrations

    built = Migrations(MIGRATION_SET)
    for name, step in STEPS:
        built(name=name)(step)
    return built


def __getattr__(name: str) -> Migrations:
    if name == "MIGRATIONS":
        return migrations()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def known_migration_names() -> set[str]:
    return {name for name, _ in STEPS}


def latest_migration() -> str:
    return STEPS[-1][0]


def applied_names(conn: sqlite3.Connection) -> list[str]:
    """The migrations this database has had, in the order they were applied."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?", (MIGRATIONS_TABLE,)
    ).fetchone()
    if not exists:
        return []
    return [
        row[0]
        for row in conn.execute(
            f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY id",
            (MIGRATION_SET,),
        )
    ]


def pending_names(applied: Iterable[str]) -> list[str]:
    """Ours not yet applied, in order (what sqlite-utils' ``pending`` would list)."""
    done = set(applied)
    return [name for name, _ in STEPS if name not in done]
