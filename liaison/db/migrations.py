"""Schema migrations: sqlite-utils ``Migrations``, append-only, each with an explicit name.

Never edit an applied migration; add a new one. ``known_migration_names`` lets the opener refuse a
database written by a newer build (P6).
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

from liaison.db.schema import initial_ddl
from liaison.letters.schema import letters_ddl

MIGRATIONS = Migrations("liaison")


@MIGRATIONS(name="0001_initial")
def _initial(db: Database) -> None:
    for statement in initial_ddl():
        db.execute(statement)


@MIGRATIONS(name="0002_letters")
def _letters(db: Database) -> None:
    for statement in letters_ddl():
        db.execute(statement)


def known_migration_names() -> set[str]:
    return {migration.name for migration in MIGRATIONS._migrations}


def latest_migration() -> str:
    return MIGRATIONS._migrations[-1].name
