"""The lazy list models: rows arrive window by window, sorting and filtering happen in SQL, and
every model passes Qt's model tester (before and after fetching more, and after sorting)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt

from liaison.models import ListQuery
from ui.desk import Desk
from ui.models.base import IdRole, RecordRole
from ui.models.lazy import LazyTableModel
from ui.models.lists import (
    cases_model,
    followup_columns,
    followups_model,
    inquiries_model,
    traders_model,
)

ALL_CASES = {"status": ""}  # the filter bar's "All": no status filter


def _names(desk: Desk) -> Any:
    names = desk.office.lookups.staff_names()
    return lambda staff_id: names.get(staff_id, "") if staff_id else ""


def _today(desk: Desk) -> Any:
    from liaison.clock import today

    return lambda: today(desk.office.clock)


def test_a_thousand_cases_arrive_in_windows_as_the_view_asks(
    demo_desk: Desk, qtmodeltester: Any
) -> None:
    office = demo_desk.office
    total = office.cases.count(ListQuery())
    assert total >= 1000
    model = cases_model(office.cases, _names(demo_desk), filters=ALL_CASES)
    assert model.total == total
    assert model.rowCount() == 200  # only the first window was read
    assert model.queries == 1
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 400
    assert model.queries == 2
    qtmodeltester.check(model)  # (the tester fetches more itself, as a view would)
    assert model.rowCount() % 200 == 0 and model.rowCount() < total
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == total
    assert not model.canFetchMore(QModelIndex())
    ids = [model.index(row, 0).data(IdRole) for row in range(model.rowCount())]
    assert len(set(ids)) == total  # no window overlapped another, none was skipped


def test_sorting_asks_the_database_so_the_first_row_is_the_true_first(
    demo_desk: Desk, qtmodeltester: Any
) -> None:
    office = demo_desk.office
    model = cases_model(office.cases, _names(demo_desk), filters=ALL_CASES)
    trader_column = model.column_of("trader_name")
    model.sort(trader_column, Qt.SortOrder.AscendingOrder)
    assert model.rowCount() == 200
    first = model.index(0, 0).data(RecordRole)
    every_name = sorted(
        (row.trader_name.casefold(), row.id)
        for row in office.cases.page(ListQuery(filters=ALL_CASES, limit=5000))
    )
    # The first row is the first of ALL cases, though only 200 rows are loaded.
    assert (first.trader_name.casefold(), first.id) == every_name[0]
    qtmodeltester.check(model)
    model.sort(trader_column, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)
    last = model.index(0, 0).data(RecordRole)
    assert last.trader_name.casefold() == every_name[-1][0]
    assert model.index(0, trader_column).data() == last.trader_name


def test_a_column_sql_cannot_sort_leaves_the_order_alone(small_demo_desk: Desk) -> None:
    model = traders_model(small_demo_desk.office.traders)
    before = [model.index(row, 0).data() for row in range(5)]
    queries = model.queries
    model.sort(model.column_of("phone"), Qt.SortOrder.AscendingOrder)
    assert model.queries == queries
    assert [model.index(row, 0).data() for row in range(5)] == before


def test_filters_go_into_the_query_and_the_count_follows(small_demo_desk: Desk) -> None:
    office = small_demo_desk.office
    model = cases_model(office.cases, _names(small_demo_desk), filters=ALL_CASES)
    counted: list[int] = []
    model.counted.connect(counted.append)
    model.set_filters({"status": "COMPLETED"})
    expected = office.cases.count(ListQuery(filters={"status": "COMPLETED"}))
    assert 0 < expected < model.total + office.cases.count(ListQuery(filters={"status": "OPEN"}))
    assert counted == [expected]
    assert model.total == expected
    statuses = {
        model.index(row, 0).data(RecordRole).status.value for row in range(model.rowCount())
    }
    assert statuses == {"COMPLETED"}


def test_refresh_keeps_what_was_scrolled_to(small_demo_desk: Desk) -> None:
    office = small_demo_desk.office
    columns = followup_columns(_names(small_demo_desk), _today(small_demo_desk))
    window = office.followups.count(ListQuery()) // 4
    model = LazyTableModel(office.followups, columns, sort="due_on", window=window)
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 3 * window
    model.refresh()
    assert model.rowCount() == 3 * window
    assert model.queries == 3 + 1  # three windows, then one query for the rows kept


@pytest.mark.parametrize("make", ["traders", "inquiries", "followups"])
def test_the_other_lists_pass_the_model_tester(
    small_demo_desk: Desk, qtmodeltester: Any, make: str
) -> None:
    desk = small_demo_desk
    office = desk.office
    if make == "traders":
        model = traders_model(office.traders)
    elif make == "inquiries":
        model = inquiries_model(office.inquiries, _names(desk), _today(desk))
    else:
        model = followups_model(office.followups, _names(desk), _today(desk))
    assert model.rowCount() > 0
    qtmodeltester.check(model)
    if model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
        qtmodeltester.check(model)
    for column in range(model.columnCount()):
        if model.columns[column].sort:
            model.sort(column, Qt.SortOrder.DescendingOrder)
            qtmodeltester.check(model)
            break


def test_overdue_follow_ups_are_shown_in_red(small_demo_desk: Desk) -> None:
    office = small_demo_desk.office
    model = followups_model(
        office.followups,
        _names(small_demo_desk),
        _today(small_demo_desk),
        filters={"status": "PENDING"},
    )
    today = _today(small_demo_desk)()
    due = model.column_of("due_on")
    colours = {
        model.index(row, 0).data(RecordRole).due_on < today: model.index(row, due).data(
            Qt.ItemDataRole.ForegroundRole
        )
        for row in range(model.rowCount())
    }
    assert colours[True] is not None and colours[True].name() == "#b71c1c"
