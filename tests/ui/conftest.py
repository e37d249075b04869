"""Fixtures for the window tests: a Desk over the core's ``office`` fixture, window state kept in
a temporary QSettings file per test, and message boxes answered without showing them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QSettings

from liaison.models import StaffDraft
from liaison.office import Office
from ui import prompts
from ui.desk import Desk


def pytest_configure(config: pytest.Config) -> None:
    # The offscreen platform cannot pass size hints to a window and warns whenever a shown
    # top-level widget's layout sets its minimum size: a limit of the test platform, not of ours.
    config.addinivalue_line("qt_log_ignore", "This plugin does not support propagateSizeHints")
    # Likewise it cannot stack windows: a record window already open is re-raised with raise().
    config.addinivalue_line("qt_log_ignore", r"This plugin does not support raise\(\)")


@pytest.fixture(autouse=True)
def _isolated_qsettings(tmp_path: Path, qapp: Any) -> Iterator[None]:
    """QSettings() in the code under test writes to a file of this test only."""
    QCoreApplication.setOrganizationName("LiaisonDeskTests")
    QCoreApplication.setApplicationName(f"desk-{tmp_path.name}")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qs"))
    yield


@pytest.fixture
def desk(office: Office) -> Desk:
    return Desk(office)


class Prompts:
    """Records every message the code under test would have shown; answers questions with
    ``answer`` (True: yes/discard)."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.infos: list[str] = []
        self.questions: list[str] = []
        self.discards = 0
        self.answer = True

    def error(self, parent: object, text: str, title: str | None = None) -> None:
        self.errors.append(text)

    def info(self, parent: object, text: str, title: str | None = None) -> None:
        self.infos.append(text)

    def confirm(self, parent: object, text: str, title: str | None = None, **_: object) -> bool:
        self.questions.append(text)
        return self.answer

    def ask_discard(self, parent: object) -> bool:
        self.discards += 1
        return self.answer


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Prompts:
    recorder = Prompts()
    for name in ("error", "info", "confirm", "ask_discard"):
        monkeypatch.setattr(prompts, name, getattr(recorder, name))
    return recorder


@pytest.fixture
def viewer_desk(office: Office) -> Desk:
    """The same office, signed in as a viewer (can read, cannot change anything)."""
    office.staff.create(StaffDraft("vera", "Vera Viewer", "VV", "viewer", "viewer-pass-1"))
    office.sign_in("vera", "viewer-pass-1")
    return Desk(office)


def _demo(path: Path, clock: Any, cases: int) -> Office:
    from liaison.demo import create_demo_database
    from tests.conftest import fast_hasher

    create_demo_database(path, cases=cases, clock=clock, hasher=fast_hasher())
    office = Office.open(path, clock=clock, hasher=fast_hasher())
    office.sign_in("admin", "demo-admin")
    return office


@pytest.fixture
def demo_desk(tmp_path: Path, clock: Any) -> Iterator[Desk]:
    """A fresh demo office of 1,200 cases (and their containers, inquiries, follow-ups…),
    signed in as its administrator: enough rows to see lazy fetching and SQL sorting at work."""
    office = _demo(tmp_path / "demo.db", clock, 1200)
    yield Desk(office)
    office.close()


@pytest.fixture
def small_demo_desk(tmp_path: Path, clock: Any) -> Iterator[Desk]:
    """A demo office of 250 cases: every list and record has realistic rows to show."""
    office = _demo(tmp_path / "demo.db", clock, 250)
    yield Desk(office)
    office.close()
