"""The columns of a record's small lists: each free-storage clock coloured and explained by its own
dates, dates sorted as dates (not as day-first text), and Today's sections reading their own
columns."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt

from liaison.clock import FixedClock
from liaison.models import CaseDraft, Container, ContainerDraft, Trader
from liaison.office import Office
from liaison.rules.clocks import Urgency
from ui.models.base import RIGHT, Column, cell
from ui.models.details import container_columns, note_columns
from ui.models.look import URGENCY_COLOURS
from ui.models.small import RecordListModel
from ui.pages.today_sections import section_specs

TODAY = dt.date(2026, 11, 28)
TIP = Qt.ItemDataRole.ToolTipRole
BACKGROUND = Qt.ItemDataRole.BackgroundRole


def a_box(office: Office, trader: Trader, **dates: dt.date | None) -> Container:
    case, _ = office.cases.create(
        CaseDraft(trader.id, "MAEU123456789"), [ContainerDraft("CSQU3054383")]
    )
    return dataclasses.replace(office.tracking.containers(case.id)[0], **dates)  # type: ignore[arg-type]


def columns_by_key(columns: list[Column]) -> dict[str, Column]:
    return {column.key: column for column in columns}


def test_each_free_storage_clock_reads_its_own_dates(office: Office, trader: Trader) -> None:
    box = a_box(
        office,
        trader,
        discharged_on=dt.date(2026, 11, 20),
        kpa_free_until=dt.date(2026, 11, 29),  # KPA: the last free day is tomorrow
        line_free_until=dt.date(2026, 11, 25),  # the line's free days ended 3 days ago
        left_custody_on=None,
        empty_returned_on=None,
    )
    columns = columns_by_key(container_columns(lambda: TODAY, lambda: 3))
    kpa, line = columns["kpa_free_until"], columns["line_free_until"]
    assert (kpa.text(box), line.text(box)) == ("29/11/2026", "25/11/2026")
    assert cell(kpa, box, BACKGROUND) == URGENCY_COLOURS[Urgency.SOON].background
    assert cell(line, box, BACKGROUND) == URGENCY_COLOURS[Urgency.EXPIRED].background
    assert "KPA free storage ends tomorrow." in cell(kpa, box, TIP)
    assert "Shipping line free days ended 3 days ago: charges are accruing." in cell(line, box, TIP)

    # Leaving KPA custody stops the KPA clock only; returning the empty stops the line's.
    gone = dataclasses.replace(box, left_custody_on=dt.date(2026, 11, 27))
    assert "KPA free storage: clock stopped." in cell(kpa, gone, TIP)
    assert cell(kpa, gone, BACKGROUND) is None
    assert "ended 3 days ago" in cell(line, gone, TIP)
    returned = dataclasses.replace(gone, empty_returned_on=dt.date(2026, 11, 28))
    assert "Shipping line free days: clock stopped." in cell(line, returned, TIP)
    # A warning window of one day: two days before the end is not yet a worry.
    calm = columns_by_key(container_columns(lambda: TODAY - dt.timedelta(days=1), lambda: 1))
    assert cell(calm["kpa_free_until"], box, BACKGROUND) is None
    assert "KPA free storage ends in 2 days." in cell(calm["kpa_free_until"], box, TIP)


@pytest.mark.parametrize(
    "key", ["discharged_on", "released_on", "left_custody_on", "delivered_on", "auction_on"]
)
def test_dates_sort_as_dates(office: Office, trader: Trader, qtmodeltester: Any, key: str) -> None:
    later = a_box(office, trader, **{key: dt.date(2026, 5, 1)})
    earlier = dataclasses.replace(later, id=later.id + 1, **{key: dt.date(2026, 4, 23)})
    undated = dataclasses.replace(later, id=later.id + 2, **{key: None})
    model = RecordListModel(container_columns(lambda: TODAY, lambda: 3), [later, undated, earlier])
    qtmodeltester.check(model)
    column = model.column_of(key)
    model.sort(column, Qt.SortOrder.AscendingOrder)  # 23/04 before 01/05, the empty one last
    assert [model.index(r, column).data() for r in range(3)] == ["23/04/2026", "01/05/2026", ""]


def test_moments_sort_in_time(office: Office, trader: Trader, clock: FixedClock) -> None:
    office.notes.add("Called the agent", trader_id=trader.id)  # 28/11/2026
    clock.advance(days=3)
    office.notes.add("Agent called back", trader_id=trader.id)  # 01/12/2026
    model = RecordListModel(note_columns(), office.notes.for_owner(trader_id=trader.id))
    column = model.column_of("created_at")
    model.sort(column, Qt.SortOrder.AscendingOrder)
    assert [model.record(r).body for r in range(2)] == ["Called the agent", "Agent called back"]
    assert model.index(0, column).data() == "28/11/2026 09:00"


def test_todays_sections_read_their_own_columns() -> None:
    specs = {spec.key: spec for spec in section_specs()}
    titles = {key: [c.title for c in spec.columns] for key, spec in specs.items()}
    assert titles["overdue_followups"] == ["Due", "Late", "Follow-up", "For", "Trader"]
    assert titles["unanswered_inquiries"][-2:] == ["Answer by", "Time"]
    assert titles["overdue_referrals"][-2:] == ["Answer was due", "Late"]
    assert titles["storage_expiring"] == [
        "Container",
        "Trader",
        "Case · B/L",
        "Free until",
        "Clock",
    ]
    assert titles["auction_risk"] == ["Container", "Trader", "Case · B/L", "Threshold", "Past"]
    for spec in specs.values():
        keys = [c.key for c in spec.columns]
        assert len(keys) == len(set(keys))  # a saved layout names each column once
        for column in spec.columns:
            assert (column.align == RIGHT) == (column.key == "days")
