"""The demo office from the welcome dialog: built in the background (the window keeps
answering), opened, marked DEMO on the sign-in dialog with the demo sign-ins, and on the main
window; a real database is never replaced by a demo."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer

from liaison import paths
from liaison.clock import FixedClock
from liaison.demo import DEMO_ACCOUNTS
from liaison.errors import LiaisonError
from liaison.models import ListQuery
from liaison.office import Office
from tests.conftest import NOW, fast_hasher
from ui.demo_worker import DEMO_FILENAME, build_demo_file
from ui.launcher import Launcher
from ui.main_window import MainWindow
from ui.signin import SignInDialog
from ui.welcome import WelcomeDialog


@pytest.fixture
def flow(qtbot: Any) -> Any:
    launcher = Launcher(
        clock=FixedClock(NOW), hasher=fast_hasher(), demo_cases=30, auto_backup=False
    )
    yield launcher
    launcher.shutdown()


def test_the_demo_is_built_in_the_background_and_marked_everywhere(
    qtbot: Any, flow: Launcher, answers: Any
) -> None:
    flow.start()
    welcome = flow.dialog
    assert isinstance(welcome, WelcomeDialog)
    assert welcome.demo_open_button.isHidden()  # no demo yet
    ticks: list[int] = []
    pulse = QTimer()
    pulse.timeout.connect(lambda: ticks.append(1))
    pulse.start(5)
    welcome.demo_button.click()
    assert welcome.pages.currentIndex() == WelcomeDialog.DEMO and welcome.is_building()
    welcome.reject()  # cannot walk away from a half-written demo
    assert welcome.isVisible()
    qtbot.waitUntil(lambda: isinstance(flow.dialog, SignInDialog), timeout=30_000)
    pulse.stop()
    assert ticks  # the event loop ran while the demo was being built

    demo = paths.data_dir() / DEMO_FILENAME
    assert demo.exists() and not demo.with_name(DEMO_FILENAME + ".partial").exists()
    assert not paths.default_db_path().exists()  # nothing else was created
    signin = flow.dialog
    assert signin.banner is not None and "DEMO" in signin.banner.text()
    assert signin.windowTitle().startswith("DEMO · ")
    table = signin.demo_table
    assert table is not None
    shown = [tuple(table.item(r, c).text() for c in range(2)) for r in range(table.rowCount())]
    assert shown == [(user, password) for user, password, _ in DEMO_ACCOUNTS]
    row = [user for user, _, _ in DEMO_ACCOUNTS].index("officer")
    table.cellClicked.emit(row, 0)
    assert signin.staff_combo.text_value() == "officer"
    signin.sign_in_button.click()
    window = flow.window
    assert isinstance(window, MainWindow)
    assert window.banner is not None and not window.banner.isHidden()
    assert window.windowTitle().startswith("DEMO · ")
    assert window.pages["today"].total() > 0  # type: ignore[attr-defined]
    assert answers.errors == []


def test_a_real_database_named_like_the_demo_is_never_replaced(
    tmp_path: Path, office: Office, db_path: Path, clock: FixedClock
) -> None:
    office.close()
    before = db_path.read_bytes()
    with pytest.raises(LiaisonError, match="not a demo database"):
        build_demo_file(db_path, cases=10, clock=clock, hasher=fast_hasher())
    assert db_path.read_bytes() == before


def test_a_fresh_demo_replaces_an_old_demo(tmp_path: Path, clock: FixedClock) -> None:
    path = tmp_path / DEMO_FILENAME
    build_demo_file(path, cases=10, clock=clock, hasher=fast_hasher())
    first = Office.open(path)
    try:
        cases = first.cases.count(ListQuery())
    finally:
        first.close()
    build_demo_file(path, cases=20, clock=clock, hasher=fast_hasher())
    again = Office.open(path)
    try:
        assert again.settings.is_demo()
        assert again.cases.count(ListQuery()) > cases
    finally:
        again.close()
