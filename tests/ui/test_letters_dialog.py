"""The letter dialog: preview without a number, issue with a number, print at 300 dpi to a PDF
printer, save, refusals marked on the field; supersede asks why."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest
from PySide6.QtPrintSupport import QPrinter

from liaison.office import Office
from tests.core import letter_cases as lc
from tests.ui.conftest import Prompts
from ui.desk import Desk
from ui.letters import pdf as pdf_module
from ui.letters import reason
from ui.letters.issue_dialog import IssueLetterDialog


@pytest.fixture
def storage(office: Office):  # type: ignore[no-untyped-def]
    return lc.storage_case(office, lc.trader(office))


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setFullPage(True)
    return printer


def test_preview_issue_print_and_save(
    qtbot, desk: Desk, storage, answers: Prompts, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    office = desk.office
    dialog = IssueLetterDialog(desk, case_id=storage.id, kind="STORAGE_WARNING")
    qtbot.addWidget(dialog)
    assert dialog.kind.value() == "STORAGE_WARNING" and dialog.language.value() == "fr"
    assert dialog.pane.page_count() >= 1
    preview = " ".join(
        p.extract_text() for p in pypdf.PdfReader(io.BytesIO(dialog.pane.data)).pages
    )
    assert "PROJET (sans numéro)" in preview  # the trader's French, marked as a draft
    assert office.store.scalar("SELECT count(*) FROM letters") == 0
    assert not dialog.print_button.isEnabled()
    dialog.language.set_value("en")
    with qtbot.waitSignal(desk.data_changed):
        letter = dialog.issue()
    assert letter is not None and letter.ref == "KPA/KGL/LTR/2026/0001"
    assert answers.questions  # asked before taking a number
    assert dialog.pane.data == office.letters.pdf(letter.id)
    assert not dialog.issue_button.isEnabled() and dialog.print_button.isEnabled()

    printed = tmp_path / "printed.pdf"
    monkeypatch.setattr(pdf_module, "ask_printer", lambda parent: pdf_printer(printed))
    assert dialog.print_letter() == letter.page_count
    pages = pypdf.PdfReader(io.BytesIO(printed.read_bytes())).pages
    assert len(pages) == letter.page_count
    image = next(iter(pages[0].images)).image
    assert image is not None and image.width >= 2400  # 300 dpi across an A4 page

    chosen = tmp_path / "out" / "letter"
    chosen.parent.mkdir()
    monkeypatch.setattr(pdf_module.prompts, "save_file", lambda *a, **k: chosen)
    opened: list[str] = []
    monkeypatch.setattr(
        pdf_module.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True
    )
    saved = dialog.save_letter()
    assert saved == chosen.with_name("letter.pdf") and saved.read_bytes() == office.letters.pdf(
        letter.id
    )
    assert dialog.folder_button.isEnabled()
    dialog.open_saved_folder()
    assert opened == [str(chosen.parent)]


def test_cancelling_the_question_issues_nothing(
    qtbot, desk: Desk, storage, answers: Prompts
) -> None:  # type: ignore[no-untyped-def]
    answers.answer = False
    dialog = IssueLetterDialog(desk, case_id=storage.id)
    qtbot.addWidget(dialog)
    assert dialog.issue() is None
    assert desk.office.store.scalar("SELECT count(*) FROM letters") == 0


def test_a_kind_that_does_not_apply_is_marked_on_the_field(
    qtbot, desk: Desk, answers: Prompts
) -> None:  # type: ignore[no-untyped-def]
    office = desk.office
    case = lc.case(office, lc.trader(office))  # nothing discharged
    dialog = IssueLetterDialog(desk, case_id=case.id, kind="STORAGE_WARNING")
    qtbot.addWidget(dialog)
    assert "kind" in dialog.form.messages()
    assert "free-storage clock" in dialog.pane.message.text()
    dialog.kind.set_value("CARGO_STATUS")
    assert "kind" not in dialog.form.messages() and dialog.pane.page_count() >= 1
    dialog.note.setPlainText("x" * 4001)
    dialog.issue()
    assert "note" in dialog.form.messages() and dialog.note.text() == "x" * 4001
    assert office.store.scalar("SELECT count(*) FROM letters") == 0


def test_typing_a_reference_and_superseding(
    qtbot, desk: Desk, storage, answers: Prompts, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    office = desk.office
    dialog = IssueLetterDialog(desk)
    qtbot.addWidget(dialog)
    dialog.reference.setText("case-2026-999999")
    dialog._find_target()
    assert "reference" in dialog.form.messages()
    dialog.reference.setText(storage.ref.lower())
    dialog._find_target()
    assert dialog.case_id == storage.id and dialog.kind.count() == 6
    first = dialog.issue()
    assert first is not None
    monkeypatch.setattr(reason, "ask_reason", lambda parent, question: "Wrong language")
    again = IssueLetterDialog(desk, supersede=first)
    qtbot.addWidget(again)
    assert not again.kind.isEnabled() and again.kind.value() == first.kind
    replacement = again.issue()
    assert replacement is not None and replacement.supersedes_id == first.id
    assert office.letters.get(first.id).void_reason == "Wrong language"


def test_viewers_can_preview_but_not_issue(qtbot, viewer_desk: Desk, answers: Prompts) -> None:  # type: ignore[no-untyped-def]
    office = viewer_desk.office
    admin = next(s for s in office.staff.all() if s.username == "admin")
    office.act_as(admin)
    case = lc.storage_case(office, lc.trader(office))
    office.sign_in("vera", "viewer-pass-1")
    dialog = IssueLetterDialog(viewer_desk, case_id=case.id)
    qtbot.addWidget(dialog)
    assert dialog.pane.page_count() >= 1
    assert not dialog.issue_button.isEnabled()
