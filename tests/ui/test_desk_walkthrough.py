"""What a walk through the desk in a real window turned up (besides the keyboard, see
test_keyboard): history that read "2" and "2026-11-28T23:39:39Z", wording ("1 letters",
"2 box(es)", "KenTrade (…) (KenTrade)"), windows taller than a 768-pixel screen, "Save as"
starting in the program's folder, a manual backup the status bar did not see, Issue left
disabled after typing a reference, a list left mid-way after a new filter, and no way back to
the database one had open after File › Open Database…"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import QWidget

from liaison.clock import FixedClock
from liaison.models import (
    CaseDraft,
    ContainerDraft,
    InquiryDraft,
    ReferralDraft,
)
from liaison.office import Office
from tests.conftest import ADMIN_PASSWORD, NOW, fast_hasher
from tests.core import letter_cases as lc
from tests.ui.conftest import Prompts
from ui import prompts
from ui.backup import worker
from ui.backup.dialog import BackupsDialog
from ui.desk import Desk
from ui.dialogs.work import party_text
from ui.launcher import Launcher
from ui.letters import pdf
from ui.letters.issue_dialog import IssueLetterDialog
from ui.pages.cases import CasesPage
from ui.pages.letters import LettersPage
from ui.records import open_record_window
from ui.records.case_tracking import clock_summary
from ui.screen import FRAME_MARGIN, fitted_size
from ui.signin import SignInDialog
from ui.watch import Watch
from ui.welcome import WelcomeDialog


def test_history_names_people_and_parties_and_shows_kigali_times(
    qtbot: Any, desk: Desk, trader: Any
) -> None:
    office = desk.office
    party = next(p for p in office.lookups.parties() if p.name.startswith("KPA Mombasa — C"))
    inquiry, _ = office.inquiries.create(
        InquiryDraft(trader.id, "Where is my cement?", assigned_to=office.actor.id)
    )
    referral, _ = office.referrals.refer(ReferralDraft(party.id), inquiry_id=inquiry.id)
    office.referrals.record_response(
        referral.id, "ANSWERED", summary="Discharged", expected_version=referral.version
    )
    window = open_record_window(desk, "inquiries", inquiry.id, None)
    qtbot.addWidget(window)
    panel = window.history  # type: ignore[attr-defined]
    window.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0)
    shown = {
        (panel.model.index(r, 4).data(), panel.model.index(r, 6).data())
        for r in range(panel.model.rowCount())
    }
    assert ("Referred to", "KPA Mombasa — Container Operations") in shown
    assert ("Assigned to", "Amina Uwase") in shown
    assert ("Trader", f"{trader.legal_name} · {trader.code}") in shown
    assert ("Inquiry", inquiry.ref) in shown
    received = next(after for field, after in shown if field == "Received at")
    assert received == "28/11/2026 09:00"  # 07:00 UTC, shown as Kigali time, day first
    assert not any(after and "T" in after and after.endswith("Z") for _, after in shown)


def test_a_party_is_not_named_twice() -> None:
    assert party_text("NCTTCA", "NCTTCA") == "NCTTCA"
    assert party_text("KenTrade (Kenya National Single Window)", "KenTrade") == (
        "KenTrade (Kenya National Single Window)"
    )
    assert party_text("Kenya Revenue Authority — Customs", "KRA") == (
        "Kenya Revenue Authority — Customs (KRA)"
    )


def test_the_clock_line_counts_boxes_in_words(desk: Desk, trader: Any) -> None:
    office = desk.office
    record = lc.case(office, trader, boxes=2)
    lc.milestone(office, record, "DISCHARGED", lc.TODAY - dt.timedelta(days=12))
    boxes = office.tracking.containers(record.id)
    text, _ = clock_summary(boxes, lc.TODAY, 3)
    assert "for 2 boxes: charges accruing" in text
    text, _ = clock_summary(boxes[:1], lc.TODAY, 3)
    assert "for 1 box:" in text
    late = lc.auction_case(office, trader)
    text, _ = clock_summary(office.tracking.containers(late.id), lc.TODAY, 3)
    assert text.startswith("2 boxes past the 21-day auction threshold")
    assert "(es)" not in text


def test_one_letter_is_one_letter(qtbot: Any, desk: Desk) -> None:
    page = LettersPage(desk)
    qtbot.addWidget(page)
    assert page.count_text(1) == "1 letter"
    assert page.count_text(2_500) == "2,500 letters"


def test_windows_fit_a_small_screen(qtbot: Any, desk: Desk, trader: Any) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    screen = widget.screen().availableGeometry()
    fitted = fitted_size(widget, 5000, 5000)
    assert fitted.width() == screen.width() - FRAME_MARGIN.width()
    assert fitted.height() == screen.height() - FRAME_MARGIN.height()
    assert fitted_size(widget, 300, 200).toTuple() == (300, 200)  # small enough: as asked
    case, _ = desk.office.cases.create(
        CaseDraft(trader.id, "MAEU123456789"), [ContainerDraft("CSQU3054383")]
    )
    window = open_record_window(desk, "cases", case.id, None)  # asks for 1120 × 760
    qtbot.addWidget(window)
    assert window.height() <= screen.height() - FRAME_MARGIN.height()
    assert window.width() <= screen.width()


def test_save_as_starts_in_documents_then_where_the_last_letter_went(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    chosen = tmp_path / "letters" / "KPA-1.pdf"
    chosen.parent.mkdir()

    def save_file(parent: Any, title: str, suggested: str = "", filter: str = "") -> Path:
        asked.append(suggested)
        return chosen

    monkeypatch.setattr(prompts, "save_file", save_file)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    start = Path(documents) if documents and Path(documents).is_dir() else Path.home()
    assert pdf.save_pdf(None, b"%PDF-1.4", "KPA-1.pdf") == chosen
    assert Path(asked[0]) == start / "KPA-1.pdf"  # not the folder the program started in
    assert chosen.read_bytes() == b"%PDF-1.4"
    pdf.save_pdf(None, b"%PDF-1.4", "KPA-2.pdf")
    assert Path(asked[1]) == chosen.parent / "KPA-2.pdf"


def test_a_backup_made_in_the_dialog_reaches_the_status_bar(
    qtbot: Any, desk: Desk, answers: Prompts, clock: FixedClock
) -> None:
    watch = Watch(desk, auto_backup=True)
    assert watch.backups is not None
    lines: list[str] = []
    watch.last_backup_changed.connect(lines.append)
    dialog = BackupsDialog(desk)
    qtbot.addWidget(dialog)
    clock.advance(hours=1)
    task = dialog.back_up_now()
    assert task is not None
    with qtbot.waitSignal(task.signals.finished, timeout=20_000):
        pass
    qtbot.waitUntil(lambda: dialog.task is None and worker.running() == 0, timeout=20_000)
    assert lines and lines[-1] == "Last backup 28/11/2026 10:00"
    watch.stop()


def test_the_integrity_check_counts_in_words(
    qtbot: Any, desk: Desk, answers: Prompts, trader: Any
) -> None:
    dialog = BackupsDialog(desk)
    qtbot.addWidget(dialog)
    dialog.check_database()
    qtbot.waitUntil(lambda: bool(answers.infos), timeout=20_000)
    qtbot.waitUntil(lambda: dialog.task is None and worker.running() == 0, timeout=20_000)
    assert answers.infos[-1].endswith("(1 trader, 0 cases).")


def test_a_typed_reference_makes_issue_possible(qtbot: Any, desk: Desk) -> None:
    record = lc.storage_case(desk.office, lc.trader(desk.office))
    dialog = IssueLetterDialog(desk)
    qtbot.addWidget(dialog)
    assert not dialog.issue_button.isEnabled()  # nothing to write about yet
    dialog.reference.setText(record.ref.lower())
    dialog.reference.returnPressed.emit()
    assert dialog.case_id == record.id
    assert dialog.issue_button.isEnabled()


def test_a_new_filter_shows_its_results_from_the_top(qtbot: Any, demo_desk: Desk) -> None:
    page = CasesPage(demo_desk)
    qtbot.addWidget(page)
    page.resize(1200, 500)
    page.show()
    qtbot.waitExposed(page)
    page.status.set_value(None)  # every case: a long list
    bar = page.view.verticalScrollBar()
    page.view.scrollToBottom()
    qtbot.waitUntil(lambda: bar.value() > 0)
    page.stage.set_value("DISCHARGED")
    assert bar.value() == 0
    page.stage.set_value(None)
    page.view.scrollToBottom()
    qtbot.waitUntil(lambda: bar.value() > 0)
    header = page.view.horizontalHeader()
    header.setSortIndicator(page.model.column_of("container_count"), Qt.SortOrder.AscendingOrder)
    assert bar.value() == 0


def test_open_database_offers_the_way_back(
    qtbot: Any, answers: Prompts, office: Office, db_path: Path
) -> None:
    office.close()
    flow = Launcher(
        explicit_db=db_path, clock=FixedClock(NOW), hasher=fast_hasher(), auto_backup=False
    )
    try:
        flow.start()
        assert isinstance(flow.dialog, SignInDialog)
        flow.dialog.done(SignInDialog.OTHER_DATABASE)  # "Open Another Database…"
        welcome = flow.dialog
        assert isinstance(welcome, WelcomeDialog)
        assert not welcome.back_to_button.isHidden()
        assert welcome.back_to_button.text() == "Back to office.db"
        welcome.back_to_button.click()
        assert isinstance(flow.dialog, SignInDialog)  # the same file, to sign in again
        assert flow.office is not None and flow.office.path == db_path
        flow.dialog.done(SignInDialog.OTHER_DATABASE)
        welcome = flow.dialog
        assert isinstance(welcome, WelcomeDialog)
        qtbot.addWidget(welcome)
        qtbot.keyClick(welcome, Qt.Key.Key_Escape)  # changed one's mind: not "quit"
        assert isinstance(flow.dialog, SignInDialog) and not flow.is_done
        flow.dialog.password.setText(ADMIN_PASSWORD)
        flow.dialog.sign_in_button.click()
        assert flow.window is not None and flow.office.path == db_path
    finally:
        flow.shutdown()


def test_a_first_run_welcome_has_no_way_back(qtbot: Any) -> None:
    dialog = WelcomeDialog(Path("office.db"))
    qtbot.addWidget(dialog)
    assert dialog.back_to_button.isHidden()
    assert dialog.previous is None
