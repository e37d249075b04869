"""The desk on an ordinary office screen (1366×768): every page fits beside the navigation without
scrolling sideways, the list tables show their columns without a horizontal scroll bar, and the
columns follow the table's width (long text columns giving way first) until the user sizes one.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QComboBox

from ui.desk import Desk
from ui.main_window import MainWindow
from ui.pages.cases import CasesPage
from ui.widgets.tables import FLEX_FLOOR, column_menu, share_width

PAGES = ["today", "traders", "inquiries", "cases", "followups", "letters"]
SCREEN_WIDTH = 1366
# What a maximised window gets of a 1366×768 screen once the task bar and title bar are drawn.
WINDOW = (1366, 698)


@pytest.fixture
def window(qtbot: Any, small_demo_desk: Desk) -> MainWindow:
    office = small_demo_desk.office
    newest = office.store.scalar("SELECT max(id) FROM cases")
    small_demo_desk.office.letters.issue("CARGO_STATUS", case_id=newest, language="fr")
    window = MainWindow(small_demo_desk, auto_backup=False)
    qtbot.addWidget(window)
    window.resize(*WINDOW)
    with qtbot.waitExposed(window):
        window.show()
    return window


def shown(qtbot: Any, window: MainWindow, key: str) -> Any:
    window.show_page(key)
    page = window.pages[key]
    qtbot.waitUntil(page.isVisible)
    qtbot.wait(10)  # the layout settles and the columns are fitted
    return page


@pytest.mark.parametrize("key", PAGES)
def test_every_page_fits_a_1366_pixel_screen(qtbot: Any, window: MainWindow, key: str) -> None:
    page = shown(qtbot, window, key)
    assert window.minimumSizeHint().width() <= SCREEN_WIDTH
    room = window.page_area.viewport().size()
    needs = page.minimumSizeHint()
    assert needs.width() <= room.width(), f"{key} needs {needs.width()} px, has {room.width()}"
    assert needs.height() <= room.height(), f"{key} needs {needs.height()} px high"
    assert window.page_area.horizontalScrollBar().maximum() == 0
    view = getattr(page, "view", None)
    if view is not None:  # a list page: rows, and every shown column in sight
        assert page.model.rowCount() > 0
        assert view.horizontalScrollBar().maximum() == 0, [
            view.horizontalHeader().sectionSize(c) for c in range(page.model.columnCount())
        ]
        for combo in page.findChildren(QComboBox):  # short enough to leave room for the others
            assert combo.width() <= 200


def test_the_filter_check_boxes_share_the_dates_row(qtbot: Any, window: MainWindow) -> None:
    page = shown(qtbot, window, "inquiries")
    second_row = [page.date_bar.itemAt(i).widget() for i in range(page.date_bar.count())]
    assert page.filter_widgets["mine"] in second_row
    assert page.filter_widgets["overdue"] in second_row
    assert page.filter_widgets["received_to"] in second_row


def test_columns_follow_the_width_until_the_user_sizes_one(qtbot: Any, window: MainWindow) -> None:
    page = shown(qtbot, window, "cases")
    header = page.view.horizontalHeader()
    trader, ref = page.model.column_of("trader_name"), page.model.column_of("ref")
    assert header.isSectionHidden(page.model.column_of("updated_at"))  # too many for 1366 px
    narrow = header.sectionSize(trader), header.sectionSize(ref)

    window.resize(1920, 1000)
    qtbot.waitUntil(lambda: header.sectionSize(trader) > narrow[0])
    assert header.sectionSize(ref) == narrow[1]  # references stay whole at any width
    shown_columns = [c for c in range(header.count()) if not header.isSectionHidden(c)]
    used = sum(header.sectionSize(c) for c in shown_columns)
    room = page.view.viewport().width()
    assert room - 2 <= used <= room  # the table takes the space, without scrolling
    wide = header.sectionSize(trader)

    header.resizeSection(ref, 260)  # the user sizes a column: from now on theirs
    window.resize(*WINDOW)
    qtbot.waitUntil(lambda: page.view.width() < 1300)
    qtbot.wait(10)
    assert (header.sectionSize(ref), header.sectionSize(trader)) == (260, wide)


def test_the_header_menu_hides_and_shows_columns_and_they_stay_so(
    qtbot: Any, window: MainWindow, small_demo_desk: Desk
) -> None:
    page = shown(qtbot, window, "cases")
    header = page.view.horizontalHeader()
    changed: list[bool] = []
    menu = column_menu(page.view, page, changed=lambda: changed.append(True))
    actions = {action.text(): action for action in menu.actions()}
    assert not actions["Last change"].isChecked() and actions["Trader"].isChecked()
    actions["Last change"].trigger()
    actions["Vessel"].trigger()
    menu.close()
    assert changed == [True, True]
    assert not header.isSectionHidden(page.model.column_of("updated_at"))
    assert header.isSectionHidden(page.model.column_of("vessel_name"))
    assert page.view.horizontalScrollBar().maximum() == 0  # refitted, and still no scrolling

    settings = QSettings()
    settings.beginGroup("pages/cases")
    page.save_state(settings)
    again = CasesPage(small_demo_desk)
    qtbot.addWidget(again)
    again.restore_state(settings)
    settings.endGroup()
    again_header = again.view.horizontalHeader()
    assert not again_header.isSectionHidden(again.model.column_of("updated_at"))
    assert again_header.isSectionHidden(again.model.column_of("vessel_name"))
    assert again.fitter.auto  # nobody sized a column: they keep fitting the width

    only = column_menu(again.view, again)
    for action in only.actions()[1:]:
        if action.isChecked():
            action.trigger()
    assert [a.isEnabled() for a in only.actions() if a.isChecked()] == [False]  # one stays
    only.close()


def test_flexible_columns_share_the_room_in_proportion_and_keep_a_floor() -> None:
    assert share_width([200, 100], [90, 90], 600) == [400, 200]  # spare room shared
    assert share_width([300, 100], [90, 90], 200) == [110, 90]  # the small one at its floor
    assert share_width([300, 200], [FLEX_FLOOR, FLEX_FLOOR], 250) == [150, 100]
    assert share_width([300, 200], [90, 90], 100) == [90, 90]  # the table scrolls instead
    assert share_width([], [], 500) == []
