"""A viewer reads everything and changes nothing: New/Edit and every status move are disabled,
and asking for a dialog opens none."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QPushButton

from liaison.models import CaseDraft, ContainerDraft, InquiryDraft
from ui.desk import Desk
from ui.pages.cases import CasesPage
from ui.pages.followups import FollowUpsPage
from ui.pages.inquiries import InquiriesPage
from ui.pages.traders import TradersPage
from ui.records import open_record_window

PAGES = [TradersPage, InquiriesPage, CasesPage, FollowUpsPage]


@pytest.fixture
def records(office: Any, trader: Any) -> dict[str, int]:
    """Made by the admin, before the viewer signs in."""
    case, _ = office.cases.create(
        CaseDraft(trader.id, "MAEU123456789"), [ContainerDraft("CSQU3054383")]
    )
    inquiry, _ = office.inquiries.create(InquiryDraft(trader.id, "Where is my box?"))
    return {"traders": trader.id, "cases": case.id, "inquiries": inquiry.id}


@pytest.mark.parametrize("page_class", PAGES)
def test_a_viewer_cannot_create_or_edit_from_a_list(
    qtbot: Any, records: dict[str, int], viewer_desk: Desk, page_class: Any
) -> None:
    page = page_class(viewer_desk)
    qtbot.addWidget(page)
    page.view.selectRow(0)
    assert not viewer_desk.can_edit
    assert not page.new_button.isEnabled()
    assert not page.edit_button.isEnabled()
    assert page.new_record() is None
    assert page.edit_selected() is None
    assert page.findChildren(QDialog) == []


@pytest.mark.parametrize("kind", ["traders", "cases", "inquiries"])
def test_a_viewer_sees_a_record_without_any_way_to_change_it(
    qtbot: Any, records: dict[str, int], viewer_desk: Desk, kind: str
) -> None:
    window = open_record_window(viewer_desk, kind, records[kind], None)
    qtbot.addWidget(window)
    if kind == "cases":
        window.containers.view.selectRow(0)  # type: ignore[attr-defined]
    enabled = [
        b.text()
        for b in window.findChildren(QPushButton)
        if b.isEnabled() and b.text() not in ("Open trader", "Open case", "Open", "Show in List")
    ]
    assert enabled == []
    assert getattr(window, "status_buttons", []) in ([], {})
    assert window.notes.add_note() is None  # type: ignore[attr-defined]
    assert window.followups.schedule() is None  # type: ignore[attr-defined]
    assert window.edit() is None  # type: ignore[attr-defined]
    assert window.findChildren(QDialog) == []
    assert window.history.source()  # type: ignore[attr-defined]
