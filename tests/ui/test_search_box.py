"""Global search in the toolbar: results as you type, grouped by kind; Enter or a double-click
opens the record through desk.open_record; whatever is typed, nothing breaks."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from liaison.enums import Entity
from liaison.models import CaseDraft, ContainerDraft, InquiryDraft, Trader
from liaison.office import Office
from ui.desk import Desk
from ui.search_box import SearchBox


@pytest.fixture
def box(qtbot: Any, desk: Desk) -> SearchBox:
    window = QWidget()
    window.resize(900, 600)
    qtbot.addWidget(window)
    search = SearchBox(desk, window, window)
    search.move(300, 10)
    with qtbot.waitExposed(window):
        window.show()
    search.setFocus()
    return search


@pytest.fixture
def cargo(office: Office, trader: Trader) -> dict[str, int]:
    case, _ = office.cases.create(
        CaseDraft(trader.id, "MEDU12345678"), [ContainerDraft("CSQU3054383")]
    )
    box = office.tracking.containers(case.id)[0]
    inquiry, _ = office.inquiries.create(InquiryDraft(trader.id, "Where is my Kigali cement?"))
    return {"case": case.id, "container": box.id, "inquiry": inquiry.id}


def type_and_wait(qtbot: Any, box: SearchBox, text: str) -> None:
    box.clear()
    if text.isascii():
        qtbot.keyClicks(box, text)
    else:  # QTest types ASCII only
        box.setText(text)
    qtbot.waitUntil(lambda: box.last_query == text, timeout=2000)


def test_a_container_typed_with_spaces_is_found_and_enter_opens_it(
    qtbot: Any, box: SearchBox, cargo: dict[str, int]
) -> None:
    type_and_wait(qtbot, box, "csqu 305438 3")
    assert box.results.isVisible()
    first = box.results.current_hit()
    assert first is not None and first.kind is Entity.CONTAINERS
    with qtbot.waitSignal(box.desk.open_record) as opened:
        qtbot.keyClick(box, Qt.Key.Key_Return)
    assert opened.args == ["containers", cargo["container"]]
    assert not box.results.isVisible()


def test_enter_before_the_pause_searches_at_once(
    qtbot: Any, box: SearchBox, cargo: dict[str, int]
) -> None:
    box.setText("CSQU3054383")  # pasted: no pause before Enter
    with qtbot.waitSignal(box.desk.open_record) as opened:
        qtbot.keyClick(box, Qt.Key.Key_Enter)
    assert opened.args == ["containers", cargo["container"]]


def test_results_are_grouped_by_kind_and_the_arrows_skip_the_headings(
    qtbot: Any, box: SearchBox, cargo: dict[str, int], trader: Trader
) -> None:
    type_and_wait(qtbot, box, "kigali")
    results = box.results
    headings = [
        results.item(r).text()
        for r in range(results.count())
        if results.item(r).data(Qt.ItemDataRole.UserRole) is None
    ]
    assert headings == ["Traders (1)", "Inquiries (1)"]
    assert results.current_hit().kind is Entity.TRADERS  # type: ignore[union-attr]
    assert "Kigali Hardware Ltd" in results.currentItem().text()
    assert trader.code in results.currentItem().text()  # the detail line
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert results.current_hit().kind is Entity.INQUIRIES  # type: ignore[union-attr]
    qtbot.keyClick(box, Qt.Key.Key_Down)  # stays on the last hit
    assert results.current_hit().id == cargo["inquiry"]  # type: ignore[union-attr]
    qtbot.keyClick(box, Qt.Key.Key_Up)
    assert results.current_hit().kind is Entity.TRADERS  # type: ignore[union-attr]


def test_double_click_opens_and_escape_closes_then_clears(
    qtbot: Any, box: SearchBox, cargo: dict[str, int]
) -> None:
    type_and_wait(qtbot, box, "MEDU 12 345678")
    results = box.results
    row = next(
        r
        for r in range(results.count())
        if getattr(results.item(r).data(Qt.ItemDataRole.UserRole), "kind", None) is Entity.CASES
    )
    with qtbot.waitSignal(box.desk.open_record) as opened:
        results.itemDoubleClicked.emit(results.item(row))
    assert opened.args == ["cases", cargo["case"]]
    box.start()
    assert results.isVisible()
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert not results.isVisible() and box.text() == "MEDU 12 345678"
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert box.text() == ""


@pytest.mark.parametrize("text", ['"', "NEAR(", "x-ray AND", "l'export", "*", "-", "\u200b"])
def test_whatever_is_typed_shows_a_list_not_an_error(
    qtbot: Any, box: SearchBox, answers: Any, cargo: dict[str, int], text: str
) -> None:
    type_and_wait(qtbot, box, text)
    assert answers.errors == []
    with qtbot.assertNotEmitted(box.desk.open_record):
        qtbot.keyClick(box, Qt.Key.Key_Return)
    if box.hits == []:
        assert box.results.count() == 1
        assert box.results.item(0).text() == "Nothing found for this text."
