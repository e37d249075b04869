"""A list page as the list tests use it: shown at a working size, and optionally holding all
cases in the order of one column, ascending."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from ui.desk import Desk
from ui.pages.cases import CasesPage


def shown(qtbot: Any, page: Any) -> Any:
    qtbot.addWidget(page)
    page.resize(1280, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


def all_cases_by(qtbot: Any, desk: Desk, column: str) -> CasesPage:
    page: CasesPage = shown(qtbot, CasesPage(desk))
    page.status.set_value(None)  # all cases
    header = page.view.horizontalHeader()
    header.setSortIndicator(page.model.column_of(column), Qt.SortOrder.AscendingOrder)
    return page
