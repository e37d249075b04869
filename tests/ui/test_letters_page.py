"""The Letters page and the batch dialog: search the registry, see the frozen copy, void with a
reason, history; a batch runs in a worker with progress, and cancelling leaves whole letters."""

from __future__ import annotations

import datetime as dt

import pytest

from liaison.office import Office
from tests.core import letter_cases as lc
from tests.ui.conftest import Prompts
from ui.desk import Desk
from ui.letters import reason
from ui.letters.batch import BatchLetterDialog
from ui.letters.views import LettersPanel, history_text
from ui.pages.letters import LettersPage


@pytest.fixture
def issued(office: Office):  # type: ignore[no-untyped-def]
    owner = lc.trader(office)
    other = lc.trader(office, "Kigali Hardware Ltd", tin="105678901", language="en")
    first = lc.storage_case(office, owner)
    second = lc.released_case(office, other)
    a, _ = office.letters.issue("CARGO_STATUS", case_id=first.id)
    b, _ = office.letters.issue("RELEASED_READY", case_id=second.id)
    return first, second, a, b


def test_registry_search_view_and_void(
    qtbot, qtmodeltester, desk: Desk, issued, answers: Prompts, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    first, _second, a, b = issued
    page = LettersPage(desk)
    qtbot.addWidget(page)
    qtmodeltester.check(page.model)
    assert page.model.rowCount() == 2 and page.model.record(0).ref == b.ref  # newest first
    page.search.setText("hardware")
    with qtbot.waitSignal(page.model.counted, timeout=2000):
        pass
    assert [page.model.record(r).ref for r in range(page.model.rowCount())] == [b.ref]
    page.search.clear()
    page.search.returnPressed.emit()
    page.view.selectRow(1)
    assert page.selected().ref == a.ref
    assert page.pane.data == desk.office.letters.pdf(a.id)
    assert page.buttons["void"].isEnabled()
    monkeypatch.setattr(reason, "ask_reason", lambda parent, question: "Sent to the wrong trader")
    with qtbot.waitSignal(desk.data_changed):
        assert page.void_selected()
    assert desk.office.letters.get(a.id).is_void
    page.view.selectRow(page.model.row_of(a.id))
    assert not page.buttons["void"].isEnabled() and page.buttons["print"].isEnabled()
    assert "Sent to the wrong trader" in history_text(desk, a.id)
    opened: list[tuple[str, int]] = []
    desk.open_record.connect(lambda kind, record_id: opened.append((kind, record_id)))
    page.open_selected()
    assert opened == [("cases", first.id)]


def test_viewers_see_letters_but_cannot_void_or_batch(qtbot, viewer_desk: Desk) -> None:  # type: ignore[no-untyped-def]
    page = LettersPage(viewer_desk)
    qtbot.addWidget(page)
    assert not page.new_button.isEnabled() and not page.buttons["batch"].isEnabled()
    assert not page.buttons["void"].isEnabled()


def test_panel_lists_a_cases_letters_and_follows_changes(qtbot, desk: Desk, issued) -> None:  # type: ignore[no-untyped-def]
    first, _second, a, _b = issued
    panel = LettersPanel(desk, case_id=first.id)
    qtbot.addWidget(panel)
    assert [panel.model.record(r).ref for r in range(panel.model.rowCount())] == [a.ref]
    trader_panel = LettersPanel(desk, trader_id=a.trader_id)
    qtbot.addWidget(trader_panel)
    assert trader_panel.model.rowCount() == 1 and trader_panel.write_button.isEnabled()
    result = desk.office.letters.issue("STORAGE_WARNING", case_id=first.id)
    desk.announce(result)
    assert panel.model.rowCount() == 2
    panel.view.selectRow(0)
    viewer = panel.open_selected()
    assert viewer is not None and viewer.pane.page_count() >= 1
    viewer.close()


def batch_cases(office: Office, count: int) -> list[int]:
    owner = lc.trader(office)
    ids = []
    for i in range(count):
        case = lc.case(office, owner, boxes=1, first_serial=300000 + i, bl=f"MEDU9K{i:06d}")
        lc.milestone(office, case, "DISCHARGED", lc.TODAY - dt.timedelta(days=7))
        ids.append(case.id)
    return ids


def test_batch_runs_in_a_worker_with_progress(qtbot, desk: Desk, answers: Prompts) -> None:  # type: ignore[no-untyped-def]
    ids = batch_cases(desk.office, 10)
    dialog = BatchLetterDialog(desk, kind="STORAGE_WARNING")
    qtbot.addWidget(dialog)
    assert dialog.chosen() == ids  # the kind picks the cases whose free storage ends soon
    dialog.kind.set_value("LONG_STAY_AUCTION_RISK")
    assert dialog.chosen() == []  # none is past the 21-day threshold
    dialog.kind.set_value("STORAGE_WARNING")
    dialog.cases.item(0).setCheckState(dialog.cases.item(0).checkState().Unchecked)
    assert "Issue 9 letters" in dialog.issue_button.text()
    with qtbot.waitSignal(dialog.done, timeout=60000) as done:
        worker = dialog.start()
        assert worker is not None and dialog.progress is not None
        assert dialog.progress.minimumDuration() == 0
    result = done.args[0]
    assert len(result.issued) == 9 and not result.cancelled
    assert "9 letters issued." in dialog.summary.text()
    assert desk.office.store.scalar("SELECT count(*) FROM letters") == 9


def test_cancelled_batch_leaves_whole_numbered_letters(qtbot, desk: Desk, answers: Prompts) -> None:  # type: ignore[no-untyped-def]
    ids = batch_cases(desk.office, 24)
    dialog = BatchLetterDialog(desk, ids, kind="CARGO_STATUS")
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.done, timeout=120000) as done:
        worker = dialog.start()
        assert worker is not None
        worker.signals.progress.connect(lambda *_: dialog.cancel())
    result = done.args[0]
    assert result.cancelled and 0 < len(result.issued) < 24
    numbers = [r[0] for r in desk.office.store.all("SELECT number FROM letters ORDER BY number")]
    assert numbers == list(range(1, len(result.issued) + 1))
    assert "Cancelled" in dialog.summary.text()
