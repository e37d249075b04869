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


def test_the_model_counts_every_case_and_reads_only_the_pages_asked_for(
    demo_desk: Desk, qtmodeltester: Any
) -> None:
    office = demo_desk.office
    total = office.cases.count(ListQuery())
    assert total >= 1000
    model = cases_model(office.cases, _names(demo_desk), filters=ALL_CASES)
    assert model.total == total
    assert model.rowCount() == total  # the scroll bar spans the whole list
    assert model.queries == 1 and model.cached_pages() == [0]  # only the first page was read
    assert not model.canFetchMore(QModelIndex())  # nothing left to "fetch more": it is all there
    qtmodeltester.check(model)
    assert len(model.cached_pages()) <= model.cache_bound
    ids = [model.index(row, 0).data(IdRole) for row in range(model.rowCount())]
    assert len(set(ids)) == total  # no page overlapped another, none was skipped


def test_sorting_asks_the_database_so_the_first_row_is_the_true_first(
    demo_desk: Desk, qtmodeltester: Any
) -> None:
    office = demo_desk.office
    model = cases_model(office.cases, _names(demo_desk), filters=ALL_CASES)
    trader_column = model.column_of("trader_name")
    queries = model.queries
    model.sort(trader_column, Qt.SortOrder.AscendingOrder)
    assert model.queries == queries + 1 and model.cached_pages() == [0]
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
    total = office.followups.count(ListQuery())
    size = total // 4
    model = LazyTableModel(office.followups, columns, sort="due_on", page_size=size)
    shown = model.index(2 * size + 1, 0)
    assert shown.data() is not None  # the view scrolled to the third page: it was read
    model.index(0, 0).data()  # and back to the top
    queries = model.queries
    model.refresh()
    assert model.rowCount() == total
    assert model.cached_pages() == [2, 0]  # the pages in view, read again; nothing else
    assert model.queries == queries + 2


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
