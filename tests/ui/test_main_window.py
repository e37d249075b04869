"""The main window: pages and shortcuts, what each role may use, the status bar, refresh,
window state restored between runs, and the DEMO marking."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from liaison.enums import Entity
from liaison.models import StaffDraft, TraderDraft
from liaison.office import Office
from ui.desk import Desk
from ui.main_window import MainWindow

PAGES = ["today", "traders", "inquiries", "cases", "followups", "letters"]
EDIT_ACTIONS = ["new", "new_traders", "new_inquiries", "new_cases", "new_followups", "new_letters"]
ADMIN_ACTIONS = ["office_settings", "tariffs", "staff"]


def open_window(qtbot: Any, desk: Desk) -> MainWindow:
    window = MainWindow(desk, auto_backup=False)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    return window


def acting(office: Office, role: str) -> Desk:
    office.staff.create(StaffDraft(f"{role}1", f"An {role.title()}", "AN", role, "password-99"))
    office.sign_in(f"{role}1", "password-99")
    return Desk(office)


def test_pages_are_in_the_navigation_and_today_comes_first(qtbot: Any, desk: Desk) -> None:
    window = open_window(qtbot, desk)
    assert list(window.pages) == PAGES
    assert window.current_key() == "today"
    assert [window.navigation.item(i).text() for i in range(6)][1:] == [
        "Traders",
        "Inquiries",
        "Cases",
        "Follow-ups",
        "Letters",
    ]
    assert window.user_label.text() == "Signed in: Amina Uwase (Administrator)"
    assert window.db_label.text() == "Database: office.db"
    assert window.banner is None and not window.windowTitle().startswith("DEMO")


def test_ctrl_number_switches_pages_and_ctrl_k_goes_to_search(qtbot: Any, desk: Desk) -> None:
    window = open_window(qtbot, desk)
    with qtbot.waitActive(window):
        window.activateWindow()
    for number, key in enumerate(PAGES, start=1):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier)
        assert window.current_key() == key
        assert window.stack.currentWidget() is window.pages[key]
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.search_box


@pytest.mark.parametrize(
    ("role", "can_edit", "is_admin"),
    [("viewer", False, False), ("officer", True, False), ("admin", True, True)],
)
def test_each_role_sees_only_what_it_may_use(
    qtbot: Any, office: Office, role: str, can_edit: bool, is_admin: bool
) -> None:
    desk = acting(office, role)
    window = open_window(qtbot, desk)
    window.show_page("traders")
    actions = window.menus.actions
    assert [actions[name].isEnabled() for name in EDIT_ACTIONS] == [can_edit] * 6
    assert [actions[name].isEnabled() for name in ADMIN_ACTIONS] == [is_admin] * 3
    assert window.menus.admin_menu.menuAction().isVisible() is is_admin
    for always in ("refresh", "find", "search", "sign_out", "change_password", "quit", "backups"):
        assert actions[always].isEnabled()


def test_a_viewer_cannot_reach_a_create_dialog_by_any_route(
    qtbot: Any, office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = acting(office, "viewer")
    window = open_window(qtbot, desk)
    opened: list[str] = []
    for key in PAGES:
        monkeypatch.setattr(window.pages[key], "new_record", lambda k=key: opened.append(k))
    window.show_page("cases")
    window.menus.actions["new"].trigger()
    window.new_record()
    window.new_record_on("traders")
    assert opened == []


def test_new_makes_a_record_on_the_current_page_but_not_on_today(
    qtbot: Any, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, desk)
    opened: list[str] = []
    for key in PAGES:
        monkeypatch.setattr(window.pages[key], "new_record", lambda k=key: opened.append(k))
    assert not window.menus.actions["new"].isEnabled()  # Today makes nothing itself
    window.show_page("inquiries")
    assert window.menus.actions["new"].isEnabled()
    window.menus.actions["new"].trigger()
    window.menus.actions["new_cases"].trigger()
    assert opened == ["inquiries", "cases"]


def test_refresh_reloads_everything(qtbot: Any, desk: Desk) -> None:
    window = open_window(qtbot, desk)
    with qtbot.waitSignal(desk.data_changed) as changed:
        window.menus.actions["refresh"].trigger()
    assert changed.args[0].entities == frozenset(Entity)


def test_window_state_is_restored_next_time(qtbot: Any, desk: Desk) -> None:
    window = open_window(qtbot, desk)
    size = (737, 577)
    window.resize(*size)
    window.splitter.setSizes([230, 507])
    window.show_page("cases")
    window.pages["today"].mine.setChecked(True)  # type: ignore[attr-defined]
    sizes = window.splitter.sizes()
    window.close()
    settings = QSettings()
    assert settings.value("mainWindow/page", "", type=str) == "cases"
    assert settings.value("pages/today/mineOnly", False, type=bool) is True

    again = open_window(qtbot, desk)
    assert again.current_key() == "cases"
    qtbot.waitUntil(lambda: again.splitter.sizes() == sizes)
    assert (again.width(), again.height()) == size
    assert again.pages["today"].mine.isChecked()  # type: ignore[attr-defined]


def test_a_demo_database_is_marked_on_every_window(qtbot: Any, tmp_path: Path, clock: Any) -> None:
    from liaison.demo import create_demo_database
    from tests.conftest import fast_hasher

    path = tmp_path / "demo.db"
    create_demo_database(path, cases=40, clock=clock, hasher=fast_hasher())
    office = Office.open(path, clock=clock, hasher=fast_hasher())
    try:
        office.sign_in("officer", "demo-officer")
        desk = Desk(office)
        window = open_window(qtbot, desk)
        assert window.banner is not None and not window.banner.isHidden()
        assert "DEMO" in window.banner.text()
        assert window.windowTitle().startswith("DEMO · ")
        window.setWindowTitle("demo.db — Liaison Desk")  # a retitle keeps the mark
        assert window.windowTitle() == "DEMO · demo.db — Liaison Desk"
        assert window.demo_marker is not None
        from PySide6.QtWidgets import QWidget

        other = QWidget(window, Qt.WindowType.Window)
        other.setWindowTitle("CASE-2026-000001")
        window.demo_marker.mark(other)
        assert other.windowTitle() == "DEMO · CASE-2026-000001"
        from PySide6.QtWidgets import QDialog

        dialog = QDialog(window)  # any dialog, marked when it comes to the front
        dialog.setWindowTitle("Schedule a follow-up")
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(lambda: dialog.windowTitle() == "DEMO · Schedule a follow-up")
        dialog.close()
        window.close()
        assert not window.windowTitle().startswith("DEMO")  # unmarked once the window is gone
    finally:
        office.close()


def test_records_open_in_their_own_windows_which_close_with_the_main_window(
    qtbot: Any, desk: Desk, trader: Any, answers: Any
) -> None:
    window = open_window(qtbot, desk)
    desk.open_record.emit("traders", trader.id)
    [record] = window.record_windows()
    assert record.isVisible() and record.isWindow()
    desk.open_record.emit("traders", trader.id)  # asked again: the same window, raised
    assert window.record_windows() == [record]
    desk.open_record.emit("cases", 999_999)  # gone meanwhile: a plain message, no crash
    assert len(answers.errors) == 1 and "Traceback" not in answers.errors[0]
    window.close()
    assert not record.isVisible()


def test_the_navigation_shows_todays_count_whatever_page_is_in_front(
    qtbot: Any, desk: Desk, office: Office, trader: Any
) -> None:
    import datetime as dt

    from liaison.models import FollowUpDraft

    office.followups.create(FollowUpDraft("Call back", dt.date(2026, 11, 28), trader_id=trader.id))
    window = MainWindow(desk, auto_backup=False)
    qtbot.addWidget(window)
    window.show_page("cases")
    with qtbot.waitExposed(window):
        window.show()
    today_item = window.navigation.item(0)
    qtbot.waitUntil(lambda: today_item.text() == "Today  (1)")
    desk.announce(
        office.followups.create(
            FollowUpDraft("Chase KPA", dt.date(2026, 11, 28), trader_id=trader.id)
        )
    )
    assert today_item.text() == "Today  (2)"


def test_backups_run_by_themselves_and_before_the_office_closes(
    qtbot: Any, desk: Desk, office: Office, trader: Any
) -> None:
    from liaison import paths

    folder = paths.default_backup_dir()
    window = MainWindow(desk)  # automatic backups on
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    qtbot.waitUntil(lambda: window.backup_label.text().startswith("Last backup"), timeout=20_000)
    qtbot.waitUntil(lambda: window.watch.backups is not None and not window.watch.backups.running)
    first = sorted(p.name for p in folder.iterdir() if p.suffix != ".partial")
    assert first  # the database had never been backed up: one was made at once
    today = window.pages["today"]
    qtbot.waitUntil(lambda: today.warnings.isHidden())  # type: ignore[attr-defined]

    desk.announce(office.traders.create(TraderDraft("New Ltd")))
    window.close()  # something changed since: a backup before the office is closed
    after = sorted(p.name for p in folder.iterdir() if p.suffix != ".partial")
    assert set(after) - set(first)  # a new one (retention may have let the older one go)


def test_changes_from_another_instance_refresh_the_views(
    qtbot: Any, desk: Desk, office: Office, db_path: Path, clock: Any
) -> None:
    from liaison.models import TraderDraft
    from tests.conftest import ADMIN_PASSWORD, fast_hasher

    window = open_window(qtbot, desk)
    with qtbot.assertNotEmitted(desk.data_changed):
        assert not window.watch.check_others()
    desk.announce(office.traders.create(TraderDraft("Ours Ltd")))  # our own: already announced
    assert not window.watch.check_others()

    other = Office.open(db_path, clock=clock, hasher=fast_hasher())  # a second desk
    try:
        other.sign_in("admin", ADMIN_PASSWORD)
        other.traders.create(TraderDraft("Theirs Ltd"))
    finally:
        other.close()
    with qtbot.waitSignal(desk.data_changed) as changed:
        assert window.watch.check_others()
    assert changed.args[0].entities == frozenset(Entity)


def test_show_in_list_chooses_the_record_in_its_list(qtbot: Any, small_demo_desk: Desk) -> None:
    """A record window's Show in List (button or Ctrl+L) brings the main window's list of its
    kind forward with the record chosen."""
    desk = small_demo_desk
    window = open_window(qtbot, desk)
    ids = [
        row[0]
        for row in desk.office.store.conn.execute(
            "SELECT id FROM cases WHERE status IN ('OPEN', 'ON_HOLD') ORDER BY id"
        )
    ]
    case_id = ids[len(ids) // 3]
    desk.open_record.emit("cases", case_id)
    [record] = window.record_windows()
    assert window.current_key() == "today"
    record.list_button.click()  # type: ignore[attr-defined]
    assert window.current_key() == "cases"
    page = window.pages["cases"]
    assert page.selected_record().id == case_id  # type: ignore[attr-defined]
    trader_id = page.selected_record().trader_id  # type: ignore[attr-defined]
    desk.open_record.emit("traders", trader_id)
    trader_window = next(w for w in window.record_windows() if w is not record)
    qtbot.waitExposed(trader_window)
    trader_window.activateWindow()
    qtbot.waitUntil(trader_window.isActiveWindow)
    focus = QApplication.focusWidget() or trader_window
    qtbot.keyClick(focus, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "traders"
    assert window.pages["traders"].selected_record().id == trader_id  # type: ignore[attr-defined]
