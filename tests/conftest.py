"""Shared fixtures: a fresh office database per test, a fixed clock, a fast password hasher.

Qt runs offscreen; the variable is set here before anything can import PySide6.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from argon2 import PasswordHasher

from liaison.clock import FixedClock
from liaison.models import StaffDraft, TraderDraft
from liaison.office import Office

# 2026-11-28 09:00 in Kigali.
NOW = dt.datetime(2026, 11, 28, 7, 0, tzinfo=dt.UTC)
ADMIN_PASSWORD = "correct horse"


def fast_hasher() -> PasswordHasher:
    """Real argon2 with small costs, so tests that sign in stay quick."""
    return PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture(autouse=True)
def _isolated_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test touches the real user's data folder."""
    data = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("LIAISON_DATA_DIR", str(data))
    monkeypatch.delenv("LIAISON_DB", raising=False)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "office.db"


@pytest.fixture
def office(db_path: Path, clock: FixedClock) -> Iterator[Office]:
    """A new office database with one admin, signed in."""
    office = Office.create(db_path, clock=clock, hasher=fast_hasher())
    office.staff.create(
        StaffDraft("admin", "Amina Uwase", "AU", "admin", ADMIN_PASSWORD), first_admin=True
    )
    office.sign_in("admin", ADMIN_PASSWORD)
    yield office
    office.close()


@pytest.fixture
def trader(office: Office):  # type: ignore[no-untyped-def]
    record, _ = office.traders.create(
        TraderDraft("Kigali Hardware Ltd", tin="102345678", phone="0788123456", language="fr")
    )
    return record
