"""Opening a database checks its migrations by name, without sqlite-utils (loaded only when a
migration is due), and a database a migration behind gets it when opened."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from sqlite_utils import Database, Migrations

from liaison.db import migrations as migrations_module
from liaison.db.connection import applied_migrations, create_store, open_store
from liaison.db.migrations import (
    STEPS,
    known_migration_names,
    latest_migration,
    migrations,
    pending_names,
)
from liaison.db.schema import APPLICATION_ID

ROOT = Path(__file__).resolve().parents[2]


def python(code: str) -> str:
    """Run ``code`` in a fresh interpreter (nothing imported yet); its output."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_opening_an_up_to_date_database_does_not_load_sqlite_utils(tmp_path: Path) -> None:
    path = tmp_path / "office.db"
    create_store(path).close()
    code = (
        "import sys\n"
        "from liaison.db.connection import applied_migrations, open_store\n"
        f"store = open_store({str(path)!r})\n"
        "print(len(applied_migrations(store.conn)), 'sqlite_utils' in sys.modules)\n"
        "store.db\n"  # asked for, the sqlite-utils view of the same connection is there
        "print('sqlite_utils' in sys.modules)\n"
    )
    assert python(code).split() == [str(len(STEPS)), "False", "True"]


def test_a_database_a_migration_behind_gets_it_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "older.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    older = Migrations(migrations_module.MIGRATION_SET)
    first_name, first_step = STEPS[0]
    older(name=first_name)(first_step)
    older.apply(Database(conn))
    conn.close()

    store = open_store(path)
    try:
        assert applied_migrations(store.conn) == [name for name, _ in STEPS]
        assert store.scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'letters'") == 1
        assert pending_names(applied_migrations(store.conn)) == []
    finally:
        store.close()


def test_the_names_and_the_sqlite_utils_set_agree() -> None:
    names = [name for name, _ in STEPS]
    assert [m.name for m in migrations()._migrations] == names
    assert migrations_module.MIGRATIONS is migrations()
    assert known_migration_names() == set(names) and latest_migration() == names[-1]
    assert pending_names(names[:1]) == names[1:]
    assert pending_names(["9999_from_elsewhere", *names]) == []
