"""The big lists page by page: the true row count, Ctrl+End to the last row, every row equal to
the plain SQL at its offset in several orders (pages in the far half read backwards), pages deep
in the middle read only where the scrolling stops, memory bounded however far one scrolls, and a
refresh after an edit that keeps the place and the selection."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from liaison.db.queries import CASE_SORTS
from liaison.models import ListQuery
from liaison.office import Office
from tests.ui.list_pages import all_cases_by, shown
from ui.desk import Desk
from ui.models.base import IdRole, RecordRole
from ui.models.lazy import PAGES_AT_ONCE, LazyTableModel
from ui.models.lists import case_columns, cases_model
from ui.pages.cases import CasesPage
from ui.widgets.tables import make_table

ALL = {"status": ""}


class Recorder:
    """A list source that notes every page query it passes on."""

    def __init__(self, service: Any) -> None:
        self.service = service
        self.asked: list[ListQuery] = []

    def page(self, query: ListQuery) -> list[Any]:
        self.asked.append(query)
        return self.service.page(query)

    def count(self, query: ListQuery) -> int:
        return int(self.service.count(query))


def plain_ids(office: Office, sort: str, descending: bool, where: str = "") -> list[int]:
    """The case ids in the order one plain query gives (no window, no reversing)."""
    direction = "DESC" if descending else "ASC"
    order = ", ".join(f"{part} {direction}" for part in CASE_SORTS[sort].split(","))
    sql = f"SELECT c.id FROM cases c JOIN traders t ON t.id = c.trader_id {where} ORDER BY {order}"
    return [row[0] for row in office.store.conn.execute(sql)]


def names(desk: Desk) -> Any:
    staff = desk.office.lookups.staff_names()
    return lambda staff_id: staff.get(staff_id, "") if staff_id else ""


def show_table(qtbot: Any, model: LazyTableModel) -> Any:
    view = make_table()
    view.setModel(model)
    qtbot.addWidget(view)
    view.resize(900, 400)
    view.show()
    qtbot.waitExposed(view)
    return view


def visible_rows(view: Any) -> range:
    top = view.rowAt(0)
    bottom = view.rowAt(view.viewport().height() - 1)
    bottom = view.model().rowCount() - 1 if bottom < 0 else bottom
    return range(top, bottom + 1)


@pytest.fixture
def big_desk(tmp_path: Path, clock: Any) -> Iterator[Desk]:
    """A demo office of 3,000 cases."""
    from liaison.demo import create_demo_database
    from tests.conftest import fast_hasher

    path = tmp_path / "big.db"
    create_demo_database(path, cases=3000, clock=clock, hasher=fast_hasher())
    office = Office.open(path, clock=clock, hasher=fast_hasher())
    office.sign_in("admin", "demo-admin")
    yield Desk(office)
    office.close()


@pytest.mark.parametrize(
    "sort", ["ref", "trader_name", "vessel_name", "container_count", "stage_on", "assigned_to"]
)
def test_every_row_is_the_plain_sql_row_at_its_offset_both_ways(demo_desk: Desk, sort: str) -> None:
    office = demo_desk.office
    source = Recorder(office.cases)
    model = LazyTableModel(
        source, case_columns(names(demo_desk)), sort=sort, filters=ALL, page_size=70
    )
    for descending in (False, True):
        model.set_sort(sort, descending)
        expected = plain_ids(office, sort, descending)
        assert model.rowCount() == len(expected) >= 1000
        source.asked.clear()
        shown = [model.index(row, 0).data(IdRole) for row in range(model.rowCount())]
        assert shown == expected
        # The near half was read forwards, the far half backwards from the end.
        forwards = [q for q in source.asked if q.descending == descending]
        backwards = [q for q in source.asked if q.descending != descending]
        assert forwards and backwards
        assert all(q.offset < len(expected) / 2 for q in backwards)
        pages = -(-len(expected) // 70)
        assert len(source.asked) == pages - 1  # each page read once (the first with the sort)
    # A few rows jumped to directly (no page read before them) agree as well.
    model.set_sort(sort, False)
    expected = plain_ids(office, sort, False)
    for row in (len(expected) - 1, len(expected) // 2, 69, 70, len(expected) - 71, 0):
        record = model.record(row)
        assert record.id == expected[row]
        column = model.sort_column()
        assert model.index(row, column).data() == model.columns[column].text(record)


def test_the_row_count_is_the_filtered_count(demo_desk: Desk) -> None:
    office = demo_desk.office
    model = cases_model(office.cases, names(demo_desk), filters=ALL)
    counted: list[int] = []
    model.counted.connect(counted.append)
    for filters in (
        {"status": "active"},
        {"status": "COMPLETED"},
        {"stage": "DISCHARGED"},
        {"status": "active", "assigned_to": office.actor.id},
        {"stage": "none"},
    ):
        model.set_filters(filters)
        expected = office.cases.count(ListQuery(filters=filters))
        assert model.rowCount() == model.total == expected
        assert counted[-1] == expected
        if expected:  # the last row is the filter's last, not any case's
            last = model.record(expected - 1)
            wanted = office.cases.page(ListQuery(filters=filters, descending=False, limit=1))
            assert last.id == wanted[0].id


def test_ctrl_end_makes_the_last_row_current_and_shows_it_at_once(
    qtbot: Any, demo_desk: Desk
) -> None:
    office = demo_desk.office
    page = all_cases_by(qtbot, demo_desk, "trader_name")
    expected = plain_ids(office, "trader_name", False)
    model = page.model
    assert model.rowCount() == len(expected)
    before = model.queries

    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    page.view.viewport().repaint()
    current = page.view.currentIndex()
    assert current.row() == len(expected) - 1
    record = current.data(RecordRole)
    assert record.id == expected[-1]
    bar = page.view.verticalScrollBar()
    assert bar.value() == bar.maximum() > 0
    # The rows at the end were read while painting (none waits), and only they: no page
    # between the top and the end was read.
    assert model.wanted_pages() == []
    assert 1 <= model.queries - before <= PAGES_AT_ONCE
    trader = page.model.column_of("trader_name")
    for row in visible_rows(page.view):
        assert model.index(row, trader).data() == model.record(row).trader_name != ""
    assert page.selected_record().id == expected[-1]

    qtbot.keyClick(page.view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert page.view.currentIndex().row() == 0
    assert page.selected_record().id == expected[0]


def test_a_page_deep_in_the_middle_is_read_where_the_scrolling_stops(
    qtbot: Any, demo_desk: Desk, qtmodeltester: Any
) -> None:
    office = demo_desk.office
    # quick_ms=0: no page is taken for cheap, so only the first and last pages are read at once.
    model = LazyTableModel(
        office.cases,
        case_columns(names(demo_desk)),
        sort="vessel_name",
        filters=ALL,
        page_size=50,
        near_rows=50,
        quick_ms=0,
    )
    expected = plain_ids(office, "vessel_name", True)
    view = show_table(qtbot, model)
    bar = view.verticalScrollBar()
    before = model.queries
    for step in range(2, 13):  # a thumb dragged down through the list
        bar.setValue(bar.maximum() * step // 24)
        view.viewport().repaint()
        rows = visible_rows(view)
        assert model.index(rows[0], 0).data() is None  # not read yet: an empty row for now
    assert model.queries == before  # nothing read while the thumb moves
    assert len(model.wanted_pages()) > PAGES_AT_ONCE
    qtbot.waitUntil(lambda: not model.wanted_pages())  # the pause
    view.viewport().repaint()
    assert 1 <= model.queries - before <= PAGES_AT_ONCE  # only where it stopped
    for row in visible_rows(view):
        assert model.index(row, 0).data(IdRole) == expected[row]
        assert model.index(row, 0).data() == model.record(row).ref
    qtmodeltester.check(model)


def test_memory_stays_flat_however_far_the_view_scrolls(qtbot: Any, big_desk: Desk) -> None:
    office = big_desk.office
    model = LazyTableModel(
        office.cases,
        case_columns(names(big_desk)),
        sort="trader_name",
        descending=False,
        filters=ALL,
        page_size=100,
        cached_pages=4,
    )
    total = model.rowCount()
    assert total == office.cases.count(ListQuery()) >= 3000
    expected = plain_ids(office, "trader_name", False)
    view = show_table(qtbot, model)
    bar = view.verticalScrollBar()
    seen: set[int] = set()
    largest = 0
    value = 0
    while True:  # page by page, down to the end, as the user would with Page Down
        bar.setValue(value)
        view.viewport().repaint()
        model.fetch_wanted()
        view.viewport().repaint()
        for row in visible_rows(view):
            assert model.index(row, 0).data(IdRole) == expected[row]
            seen.add(row)
        largest = max(largest, len(model.cached_pages()))
        if value >= bar.maximum():
            break
        value = min(bar.maximum(), value + bar.pageStep())
    assert seen == set(range(total))  # every row was shown once scrolled to
    assert largest <= model.cache_bound == 4
    queries = model.queries
    for row in range(total - 1, -1, -1):  # and all the way back, row by row
        assert model.index(row, 0).data(IdRole) == expected[row]
    assert len(model.cached_pages()) <= 4
    assert model.queries - queries <= -(-total // 100)  # each page read at most once more


def test_an_edit_elsewhere_refreshes_the_list_in_place(qtbot: Any, demo_desk: Desk) -> None:
    office = demo_desk.office
    page = shown(qtbot, CasesPage(demo_desk))  # active cases (open or on hold), newest first
    model = page.model
    active = office.cases.count(ListQuery(filters={"status": "active"}))
    qtbot.keyClick(page.view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.view, Qt.Key.Key_Up)
    qtbot.keyClick(page.view, Qt.Key.Key_Up)
    page.view.viewport().repaint()
    chosen = page.selected_record()
    assert page.view.currentIndex().row() == active - 3
    bar = page.view.verticalScrollBar()
    at = bar.value()
    status = model.column_of("status")

    # Put the chosen case on hold: it stays in the list and shows its new status in place.
    case = office.cases.get(chosen.id)
    if case.status.value == "ON_HOLD":
        demo_desk.call(None, office.cases.set_status, case.id, "OPEN", case.version)
        case = office.cases.get(chosen.id)
    demo_desk.call(None, office.cases.set_status, case.id, "ON_HOLD", case.version)
    page.view.viewport().repaint()
    assert model.total == active and page.count_label.text() == f"{active:,} cases"
    assert page.selected_record().id == chosen.id
    assert model.index(active - 3, status).data() == "On hold"
    assert bar.value() == at

    # Cancel a case shown above it: the list loses a row, the choice moves up with its case.
    above = model.record(active - 10)
    victim = office.cases.get(above.id)
    demo_desk.call(None, office.cases.set_status, victim.id, "CANCELLED", victim.version)
    page.view.viewport().repaint()
    assert model.total == active - 1
    assert page.count_label.text() == f"{active - 1:,} cases"
    assert page.selected_record().id == chosen.id
    assert page.view.currentIndex().row() == active - 4
    assert model.row_of(victim.id) == -1
    assert bar.value() == bar.maximum()  # still at the end of the (shorter) list

    # The chosen case is cancelled too: it leaves the list and nothing stays chosen.
    case = office.cases.get(chosen.id)
    demo_desk.call(None, office.cases.set_status, case.id, "CANCELLED", case.version)
    assert model.total == active - 2
    assert page.selected_record() is None


def test_typing_in_the_list_searches_only_the_rows_in_memory(demo_desk: Desk) -> None:
    office = demo_desk.office
    model = cases_model(office.cases, names(demo_desk), filters=ALL)
    queries = model.queries
    ref = model.record(5).ref
    found = model.match(model.index(0, 0), Qt.ItemDataRole.DisplayRole, ref.lower())
    assert [index.row() for index in found] == [5]
    deep = model.total // 2  # not in memory: not found, and not read to look for it
    far = office.cases.page(ListQuery(filters=ALL, offset=deep, limit=1))[0].ref
    assert model.match(model.index(0, 0), Qt.ItemDataRole.DisplayRole, far) == []
    assert model.queries == queries


def test_rows_gone_since_the_count_are_counted_again(qtbot: Any, demo_desk: Desk) -> None:
    office = demo_desk.office
    trader_id = office.store.conn.execute(
        "SELECT trader_id FROM cases WHERE status IN ('OPEN', 'ON_HOLD') "
        "GROUP BY trader_id HAVING count(*) >= 6 ORDER BY count(*) LIMIT 1"
    ).fetchone()[0]
    mine = {"status": "active", "trader_id": trader_id}
    model = LazyTableModel(
        office.cases, case_columns(names(demo_desk)), filters=mine, page_size=2, cached_pages=2
    )
    counted: list[int] = []
    model.counted.connect(counted.append)
    before = model.total
    # Another desk cancels all but three of the trader's cases; this list was not told.
    for row in office.cases.page(ListQuery(filters=mine, descending=False, limit=before - 3)):
        case = office.cases.get(row.id)
        office.cases.set_status(case.id, "CANCELLED", case.version)
    assert model.rowCount() == before  # still the old count
    assert model.index(2, 0).data(IdRole) is not None  # the third row is still there ...
    assert model.index(3, 0).data(IdRole) is None  # ... the fourth is not: the page was short
    qtbot.waitUntil(lambda: model.rowCount() == 3)
    assert counted == [3]
    remaining = [r.id for r in office.cases.page(ListQuery(filters=mine))]
    assert [model.index(row, 0).data(IdRole) for row in range(3)] == remaining
