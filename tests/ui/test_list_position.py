"""A list finds any record, even one not read into memory: its place counted in SQL equals its
index in the plain ordered query (every sort of every list, both ways, filters, NULLs and ties
under NOCASE); the page selects it and centres it, reading only the page that holds it; a new
case from the Cases page is chosen in the list; a record the filters leave out is reported in
the status bar; a record chosen while the page is hidden is centred once it shows; a refresh
keeps a selection that is out of memory without moving the view; a stale count is redone."""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow

from liaison.db import queries
from liaison.models import CaseDraft, ListQuery
from liaison.office import Office
from tests.ui.list_pages import all_cases_by, shown
from ui.desk import Desk
from ui.dialogs.case import CaseDialog
from ui.models.lazy import LazyTableModel
from ui.models.lists import case_columns
from ui.pages.cases import CasesPage
from ui.pages.list_place import row_in_view

Filters = list[dict[str, object]]
GOOD = "CSQU3054383"  # a container number with a right check digit
LISTS: list[tuple[str, queries.ListShape, Callable[[Mapping[str, object]], queries.Where]]] = [
    ("traders", queries.TRADERS, queries.trader_where),
    ("cases", queries.CASES, queries.case_where),
    ("inquiries", queries.INQUIRIES, queries.inquiry_where),
    ("followups", queries.FOLLOWUPS, queries.followup_where),
]


def roughen(office: Office) -> None:
    """NULLs and ties that differ only in letter case where the lists sort (the demo has few):
    written straight into the tables, as data from an older version or an import could be."""
    conn = office.store.conn
    for sql in (
        "UPDATE traders SET tin = NULL WHERE id % 4 = 0",
        "UPDATE traders SET status = 'inactive' WHERE id % 5 = 0",
        "UPDATE traders SET legal_name = upper((SELECT legal_name FROM traders WHERE id = 2)) "
        "WHERE id % 7 = 3",
        "UPDATE traders SET legal_name = lower((SELECT legal_name FROM traders WHERE id = 2)) "
        "WHERE id % 7 = 5",
        "UPDATE cases SET vessel_name = NULL WHERE id % 6 = 0",
        "UPDATE cases SET vessel_name = upper(vessel_name) WHERE id % 6 = 1",
        "UPDATE cases SET vessel_name = lower(vessel_name) WHERE id % 6 = 2",
        "UPDATE cases SET stage = NULL, stage_on = NULL WHERE id % 9 = 0",
        "UPDATE cases SET assigned_to = NULL WHERE id % 8 = 0",
        "UPDATE inquiries SET subject = upper(subject) WHERE id % 3 = 0",
        "UPDATE inquiries SET assigned_to = NULL WHERE id % 5 = 0",
        "UPDATE followups SET due_time = NULL WHERE id % 3 = 0",
        "UPDATE followups SET due_time = '09:00' WHERE id % 3 = 1",
        "UPDATE followups SET title = upper(title) WHERE id % 4 = 0",
        "UPDATE followups SET assigned_to = NULL WHERE id % 5 = 0",
    ):
        conn.execute(sql)
    # Every kind of trouble is really there.
    for sql in (
        "SELECT count(*) FROM traders WHERE tin IS NULL",
        "SELECT count(*) FROM cases WHERE vessel_name IS NULL",
        "SELECT count(*) FROM cases WHERE stage_on IS NULL",
        "SELECT count(*) FROM followups WHERE due_time IS NULL",
        "SELECT count(*) FROM (SELECT lower(legal_name) FROM traders GROUP BY 1 "
        "HAVING count(DISTINCT legal_name) > 1)",
        "SELECT count(*) FROM (SELECT due_on FROM followups GROUP BY 1 HAVING count(*) > 2)",
    ):
        assert conn.execute(sql).fetchone()[0] > 0, sql


def filters_of(office: Office, name: str) -> Filters:
    staff = office.actor.id
    return {
        "traders": [{}, {"status": "inactive"}, {"district": "Gasabo"}],
        "cases": [{}, {"status": "active"}, {"stage": "none"}, {"assigned_to": staff}],
        "inquiries": [{}, {"status": "active"}, {"priority": "high"}],
        "followups": [{}, {"status": "PENDING"}, {"due_from": "2026-11-20"}],
    }[name]


def plain_ids(
    office: Office,
    shape: queries.ListShape,
    where_of: Callable[[Mapping[str, object]], queries.Where],
    sort: str,
    descending: bool,
    filters: Mapping[str, object],
) -> list[int]:
    """The ids in the list's order by one plain query: every row, no window, no counting."""
    direction = "DESC" if descending else "ASC"
    order = ", ".join(f"{part} {direction}" for part in shape.sorts[sort].split(","))
    where, params = where_of(filters)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    sql = f"SELECT {shape.key} FROM {shape.table} {shape.joins} {clause} ORDER BY {order}"
    return [row[0] for row in office.store.conn.execute(sql, params)]


@pytest.mark.parametrize(("name", "shape", "where_of"), LISTS, ids=[n for n, _, _ in LISTS])
def test_the_position_is_the_index_in_the_plain_ordered_query(
    small_demo_desk: Desk, name: str, shape: queries.ListShape, where_of: Any
) -> None:
    office = small_demo_desk.office
    roughen(office)
    service = getattr(office, name)
    table = shape.table.split()[0]
    every_id = [row[0] for row in office.store.conn.execute(f"SELECT id FROM {table}")]
    chooser = random.Random(f"{name}-positions")
    checked = outside = 0
    for filters in filters_of(office, name):
        for sort in shape.sorts:
            for descending in (False, True):
                expected = plain_ids(office, shape, where_of, sort, descending, filters)
                assert service.count(ListQuery(filters=filters)) == len(expected)
                ids = {*chooser.sample(every_id, min(40, len(every_id))), *expected[:2]}
                ids |= set(expected[-2:]) | {max(every_id) + 1}
                query = ListQuery(filters=filters, sort=sort, descending=descending)
                where = {record_id: row for row, record_id in enumerate(expected)}
                for record_id in sorted(ids):
                    found = service.position(query, record_id)
                    assert found == where.get(record_id), (filters, sort, descending, record_id)
                    checked += 1
                    outside += found is None
    assert checked > 500 and 0 < outside < checked  # in and out of the filtered lists


def test_a_deep_record_is_selected_centred_reading_only_its_page(
    qtbot: Any, demo_desk: Desk
) -> None:
    office = demo_desk.office
    page = all_cases_by(qtbot, demo_desk, "vessel_name")
    where = queries.case_where
    expected = plain_ids(office, queries.CASES, where, "vessel_name", False, {})
    row = len(expected) * 3 // 5  # far from the top and from the end: not in memory
    target = expected[row]
    assert page.model.row_of(target) == -1
    before = page.model.queries

    assert page.select_id(target)
    page.view.viewport().repaint()
    assert page.model.queries - before == 1  # the page that holds it, and only it
    assert page.view.currentIndex().row() == row
    assert page.selected_record().id == target
    assert page.view.selectionModel().selectedRows()[0].row() == row
    assert row_in_view(page.view, row)
    middle = page.view.viewport().height() / 2
    centre = page.view.rowViewportPosition(row) + page.view.rowHeight(row) / 2
    assert abs(centre - middle) <= page.view.rowHeight(row)
    assert page.edit_button.isEnabled() and page.open_button.isEnabled()
    # Keys go on from there: the next row is the next in the order.
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Down)
    assert page.selected_record().id == expected[row + 1]


def test_a_record_chosen_while_the_page_is_hidden_is_centred_when_shown(
    qtbot: Any, demo_desk: Desk
) -> None:
    office = demo_desk.office
    page = CasesPage(demo_desk)  # not shown yet (another page is in front)
    qtbot.addWidget(page)
    page.resize(1280, 700)
    expected = plain_ids(
        office, queries.CASES, queries.case_where, "ref", True, {"status": "active"}
    )
    row = len(expected) // 2
    assert page.select_id(expected[row])
    page.show()
    qtbot.waitExposed(page)
    assert page.view.currentIndex().row() == row
    assert row_in_view(page.view, row)
    middle = page.view.viewport().height() / 2
    centre = page.view.rowViewportPosition(row) + page.view.rowHeight(row) / 2
    assert abs(centre - middle) <= page.view.rowHeight(row)


def in_window(qtbot: Any, page: Any) -> QMainWindow:
    window = QMainWindow()
    window.setCentralWidget(page)
    qtbot.addWidget(window)
    window.resize(1280, 700)
    window.show()
    qtbot.waitExposed(window)
    return window


def new_case(qtbot: Any, page: CasesPage, trader: Any, bl: str) -> int:
    """Open a case through the page's dialog; the id the desk was asked to open."""
    dialog = page.new_record()
    assert isinstance(dialog, CaseDialog) and dialog.trader_picker is not None
    dialog.trader_picker.set_trader(trader[0], trader[1])
    qtbot.keyClicks(dialog.bl, bl)
    qtbot.keyClicks(dialog.rows[0].field.number_edit, GOOD)
    with qtbot.waitSignal(page.desk.open_record) as opened:
        dialog.save_button.click()
    assert opened.args[0] == "cases"
    return int(opened.args[1])


def test_a_case_opened_from_the_cases_page_is_chosen_in_the_list(
    qtbot: Any, demo_desk: Desk
) -> None:
    office = demo_desk.office
    page = CasesPage(demo_desk)
    window = in_window(qtbot, page)
    page.status.set_value(None)
    header = page.view.horizontalHeader()
    header.setSortIndicator(page.model.column_of("trader_name"), Qt.SortOrder.AscendingOrder)
    # A trader whose cases sit in the middle of the order: the new case lands deep in the list.
    names = office.store.conn.execute(
        "SELECT t.id, t.legal_name FROM cases c JOIN traders t ON t.id = c.trader_id "
        "ORDER BY t.legal_name COLLATE NOCASE, c.id"
    ).fetchall()
    trader = names[len(names) // 2]

    created = new_case(qtbot, page, trader, "MSCU 778899001")
    expected = plain_ids(office, queries.CASES, queries.case_where, "trader_name", False, {})
    row = expected.index(created)
    assert 200 < row < len(expected) - 200
    assert page.model.total == len(expected)
    assert page.selected_record().id == created
    assert page.view.currentIndex().row() == row
    assert row_in_view(page.view, row)
    assert window.statusBar().currentMessage() == ""


def test_a_record_the_filters_leave_out_is_reported_in_the_status_bar(
    qtbot: Any, demo_desk: Desk
) -> None:
    office = demo_desk.office
    page = CasesPage(demo_desk)  # active cases only
    window = in_window(qtbot, page)
    told: list[str] = []
    page.notice.connect(told.append)
    completed = office.cases.page(ListQuery(filters={"status": "COMPLETED"}, limit=1))[0]
    page.view.selectRow(3)
    chosen = page.selected_record()

    assert not page.select_id(completed.id)
    wanted = "That case is not in the list: it does not match the filters."
    assert window.statusBar().currentMessage() == wanted
    assert told == [wanted]
    assert page.selected_record().id == chosen.id  # the choice stays as it was

    # A new case while only completed ones are listed: saved and opened, but not listed.
    window.statusBar().clearMessage()
    page.status.set_value("COMPLETED")
    trader = office.store.conn.execute("SELECT id, legal_name FROM traders LIMIT 1").fetchone()
    created = new_case(qtbot, page, trader, "MSCU 778899002")
    assert office.cases.get(created).status.value == "OPEN"
    assert page.model.row_of(created) == -1
    assert window.statusBar().currentMessage() == wanted
    assert told == [wanted, wanted]


class SmallPagesCasesPage(CasesPage):
    """The Cases page with small pages and a small cache, so that a page leaves memory soon."""

    def make_model(self) -> LazyTableModel:
        staff = self.office.lookups.staff_names()
        return LazyTableModel(
            self.office.cases,
            case_columns(lambda staff_id: staff.get(staff_id, "") if staff_id else ""),
            sort="ref",
            filters=self.filters(),
            page_size=50,
            cached_pages=2,
        )


def test_a_refresh_keeps_a_choice_out_of_memory_and_the_view_where_it_is(
    qtbot: Any, demo_desk: Desk
) -> None:
    office = demo_desk.office
    page = shown(qtbot, SmallPagesCasesPage(demo_desk))
    active = office.cases.page(ListQuery(filters={"status": "active"}, limit=5000))
    target = active[len(active) // 2]
    assert page.select_id(target.id)
    page.view.scrollToBottom()  # the last pages are shown and read: its page leaves memory
    qtbot.waitUntil(lambda: page.model.row_of(target.id) == -1)
    page.view.scrollToTop()
    qtbot.waitUntil(lambda: 0 in page.model.cached_pages())
    bar = page.view.verticalScrollBar()
    assert bar.value() == 0 and not row_in_view(page.view, len(active) // 2)

    # A case above it is cancelled elsewhere: the list loses a row, the choice moves up with
    # its case, and the view stays at the top.
    victim = office.cases.get(active[0].id)
    demo_desk.call(None, office.cases.set_status, victim.id, "CANCELLED", victim.version)
    assert page.model.total == len(active) - 1
    assert page.selected_record().id == target.id
    assert page.view.currentIndex().row() == len(active) // 2 - 1
    assert bar.value() == 0


def test_a_stale_count_is_counted_again_to_find_a_new_record(demo_desk: Desk) -> None:
    office = demo_desk.office
    model = LazyTableModel(
        office.cases,
        case_columns(lambda _id: ""),
        sort="ref",
        descending=False,  # the newest case is the last row
        filters={"status": "active"},
    )
    before = model.total
    trader = office.store.conn.execute("SELECT id FROM traders LIMIT 1").fetchone()[0]
    case, _ = office.cases.create(CaseDraft(trader, "MSCU 778899003"))  # another desk: not told
    assert model.total == before
    assert model.locate(case.id) == before  # beyond the old count: counted again
    assert model.total == before + 1
    assert model.record(before).id == case.id
