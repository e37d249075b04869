"""What the launch does without: pages are made the first time they are shown (and get their
saved columns, sort and filters back then), the sign-in dialog lists the demo sign-ins without
loading the demo generator, the core is imported before PySide6, and the version is looked up
only when it is asked for."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from liaison.demo_accounts import DEMO_ACCOUNTS
from ui.app import parse_args
from ui.crash import app_version
from ui.desk import Desk
from ui.main_window import MainWindow
from ui.page_set import PageSet
from ui.signin import SignInDialog

PAGES = ["today", "traders", "inquiries", "cases", "followups", "letters"]
ROOT = Path(__file__).resolve().parents[2]


def open_window(qtbot: Any, desk: Desk) -> MainWindow:
    window = MainWindow(desk, auto_backup=False)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    return window


def python(code: str) -> str:
    """Run ``code`` in a fresh interpreter (nothing imported yet); its output."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_only_today_is_made_with_the_window(qtbot: Any, desk: Desk) -> None:
    window = open_window(qtbot, desk)
    assert list(window.pages) == PAGES
    assert list(window.pages.built()) == ["today"]
    titles = [window.navigation.item(row).text() for row in range(window.navigation.count())]
    assert titles[1:] == ["Traders", "Inquiries", "Cases", "Follow-ups", "Letters"]
    go = [a.text() for a in window.menus.go_menu.actions() if not a.isSeparator()]  # type: ignore[union-attr]
    assert go[:6] == [window.pages.title(key) for key in PAGES]

    window.show_page("cases")
    assert list(window.pages.built()) == ["today", "cases"]
    cases = window.pages["cases"]
    assert window.stack.currentWidget() is cases
    qtbot.waitUntil(cases.isVisible)
    assert cases.title == window.pages.title("cases")  # type: ignore[attr-defined]


def test_a_page_made_on_first_show_gets_its_saved_layout_back(
    qtbot: Any, small_demo_desk: Desk
) -> None:
    first = open_window(qtbot, small_demo_desk)
    first.show_page("cases")
    page = first.pages["cases"]
    view, model = page.view, page.model  # type: ignore[attr-defined]
    hidden = model.column_of("trader_name")
    view.horizontalHeader().hideSection(hidden)
    view.sortByColumn(model.column_of("stage"), Qt.SortOrder.DescendingOrder)
    assert (model.sort_key, model.descending) == ("stage", True)
    first.show_page("today")
    first.close()

    again = open_window(qtbot, small_demo_desk)
    assert not again.pages.is_built("cases")  # Today was in front: Cases waits
    again.close()  # closed without Cases ever made: what it had saved stays

    last = open_window(qtbot, small_demo_desk)
    last.show_page("cases")
    page = last.pages["cases"]
    view, model = page.view, page.model  # type: ignore[attr-defined]
    qtbot.waitUntil(page.isVisible)
    assert view.horizontalHeader().isSectionHidden(hidden)
    assert (model.sort_key, model.descending) == ("stage", True)
    assert model.rowCount() > 0


def test_the_page_in_front_last_time_is_made_and_shown_first(
    qtbot: Any, small_demo_desk: Desk
) -> None:
    first = open_window(qtbot, small_demo_desk)
    first.show_page("followups")
    first.close()
    again = open_window(qtbot, small_demo_desk)
    assert again.current_key() == "followups"
    assert list(again.pages.built()) == ["today", "followups"]
    assert again.stack.currentWidget() is again.pages["followups"]


def test_new_record_on_a_page_not_made_yet_makes_it(
    qtbot: Any, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.pages.traders import TradersPage

    asked: list[QWidget] = []
    monkeypatch.setattr(TradersPage, "new_record", lambda self: asked.append(self))
    window = open_window(qtbot, desk)
    window.menus.actions["new_traders"].trigger()
    assert asked == [window.pages["traders"]]
    assert window.current_key() == "today"  # made, not brought to the front


def test_the_page_set_makes_each_page_once_and_only_when_asked(qapp: Any) -> None:
    made: list[str] = []
    told: list[str] = []
    pages = PageSet(lambda key, page: told.append(key))
    for key in ("a", "b"):
        pages.declare(key, key.upper(), lambda key=key: made.append(key) or QWidget())  # type: ignore[func-returns-value]
    assert "b" in pages and "c" not in pages and len(pages) == 2 and made == []
    first = pages["b"]
    assert pages["b"] is first and made == ["b"] == told
    assert list(pages.built()) == ["b"] and pages.title("a") == "A"
    with pytest.raises(KeyError):
        pages["c"]
    with pytest.raises(ValueError):
        pages.declare("a", "again", QWidget)


def test_the_sign_in_dialog_lists_the_demo_sign_ins(qtbot: Any, small_demo_desk: Desk) -> None:
    from liaison.demo import DEMO_ACCOUNTS as REEXPORTED

    assert REEXPORTED is DEMO_ACCOUNTS
    dialog = SignInDialog(small_demo_desk.office)
    qtbot.addWidget(dialog)
    table = dialog.demo_table
    assert table is not None
    shown = [tuple(table.item(r, c).text() for c in range(2)) for r in range(table.rowCount())]
    assert shown == [(user, password) for user, password, _ in DEMO_ACCOUNTS]
    table.cellClicked.emit(2, 0)
    assert dialog.staff_combo.text_value() == DEMO_ACCOUNTS[2][0]
    assert dialog.password.text() == DEMO_ACCOUNTS[2][1]


def test_the_sign_in_dialog_does_not_load_the_demo_generator() -> None:
    code = "import sys, ui.signin\nprint(sorted(m for m in sys.modules if m.startswith('liaison.demo')))"
    assert python(code) == "['liaison.demo_accounts']"


def test_the_core_is_imported_before_pyside6() -> None:
    code = (
        "import sys\n"
        "order = []\n"
        "sys.addaudithook(lambda event, args: order.append(args[0]) if event == 'import' else None)\n"
        "import ui.app\n"
        "print(order.index('liaison.office') < order.index('PySide6'))\n"
    )
    assert python(code) == "True"


def test_the_version_is_looked_up_when_asked_for(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as ended:
        parse_args(["--version"])
    assert ended.value.code == 0
    assert capsys.readouterr().out == f"Liaison Desk {app_version()}\n"
    code = (
        "from ui.app import app_version, make_application, parse_args\n"
        "parse_args(['--db', 'office.db'])\n"
        "make_application([])\n"
        "print(app_version.cache_info().currsize)\n"
    )
    assert python(code) == "0"  # starting did not look it up


def test_the_main_window_code_is_loaded_while_the_password_is_typed(tmp_path: Path) -> None:
    """The sign-in dialog shows without the main window's modules; while it waits for the
    password they are loaded (no office data is read), so Sign in leaves less to wait for."""
    code = (
        "import os, sys\n"
        "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        f"os.environ['XDG_CONFIG_HOME'] = {str(tmp_path / 'config')!r}\n"
        f"os.environ['LIAISON_DATA_DIR'] = {str(tmp_path / 'data')!r}\n"
        "from pathlib import Path\n"
        "from liaison.office import Office\n"
        "from liaison.models import StaffDraft\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from PySide6.QtTest import QTest\n"
        "app = QApplication([])\n"
        "from ui.launcher import Launcher\n"
        f"path = Path({str(tmp_path / 'o.db')!r})\n"
        "office = Office.create(path)\n"
        "office.staff.create(StaffDraft('amina', 'Amina Uwase', 'AU', 'admin', 'password-99'))\n"
        "office.close()\n"
        "launcher = Launcher(explicit_db=path, auto_backup=False)\n"
        "launcher.start()\n"
        "QTest.qWait(20)\n"
        "before = type(launcher.dialog).__name__, 'ui.main_window' in sys.modules\n"
        "QTest.qWait(600)\n"
        "print(before, 'ui.main_window' in sys.modules, launcher.window is None)\n"
        "launcher.shutdown()\n"
    )
    assert python(code) == "('SignInDialog', False) True True"
