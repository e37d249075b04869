"""The letter dialog and the batch dialog with the letters about a matter: a complaint
acknowledgement, a referral and an incident notice are offered only where they apply; replacing
one that no longer applies says what is missing."""

from __future__ import annotations

import io

import pypdf
import pytest

from liaison.models import Case, Trader
from liaison.office import Office
from tests.core import letter_cases as lc
from tests.ui.conftest import Prompts
from ui.desk import Desk
from ui.letters import reason
from ui.letters.batch import BatchLetterDialog
from ui.letters.issue_dialog import IssueLetterDialog
from ui.letters.views import LettersPanel
from ui.widgets.choices import ValueCombo


def items(combo: ValueCombo) -> list[str]:
    return [str(combo.itemData(i)) for i in range(combo.count())]


def shown_text(dialog: IssueLetterDialog) -> str:
    reader = pypdf.PdfReader(io.BytesIO(dialog.pane.data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.fixture
def owner(office: Office) -> Trader:
    return lc.trader(office)


@pytest.fixture
def incident(office: Office, owner: Trader) -> Case:
    return lc.incident_case(office, owner)


def test_new_kinds_are_offered_where_they_apply(
    qtbot, desk: Desk, owner: Trader, incident: Case, answers: Prompts
) -> None:  # type: ignore[no-untyped-def]
    office = desk.office
    plain = lc.storage_case(office, owner)
    panel = LettersPanel(desk, case_id=plain.id)
    qtbot.addWidget(panel)
    dialog = panel.write()
    assert isinstance(dialog, IssueLetterDialog)
    assert len(items(dialog.kind)) == 6 and "INCIDENT_NOTICE" not in items(dialog.kind)
    dialog.close()

    panel = LettersPanel(desk, case_id=incident.id)
    qtbot.addWidget(panel)
    dialog = panel.write()
    assert isinstance(dialog, IssueLetterDialog)
    assert items(dialog.kind)[-1] == "INCIDENT_NOTICE"
    assert dialog.language.value() == "fr"  # the trader's language
    dialog.kind.set_value("INCIDENT_NOTICE")
    assert "27 novembre 2026 à 14:30" in shown_text(dialog)
    with qtbot.waitSignal(desk.data_changed):
        letter = dialog.issue()
    assert letter is not None and letter.kind == "INCIDENT_NOTICE"
    assert letter.case_id == incident.id

    cargo = lc.inquiry(office, owner, plain)
    complaint = lc.complaint(office, owner, plain)
    dialog = IssueLetterDialog(desk, inquiry_id=cargo.id)
    qtbot.addWidget(dialog)
    assert "COMPLAINT_ACK" not in items(dialog.kind) and "ACK_INQUIRY" in items(dialog.kind)
    dialog = IssueLetterDialog(desk, inquiry_id=complaint.id)
    qtbot.addWidget(dialog)
    assert "COMPLAINT_ACK" in items(dialog.kind) and "REFERRAL" not in items(dialog.kind)

    party = lc.party(office)
    lc.referral(office, party_id=party.id, about=complaint)
    dialog = IssueLetterDialog(desk, inquiry_id=complaint.id)
    qtbot.addWidget(dialog)
    dialog.kind.set_value("REFERRAL")
    dialog.language.set_value("en")
    preview = shown_text(dialog)
    assert "RRA/TS/2026/0457" in preview and "What to bring or do" in preview
    assert "kind" not in dialog.form.messages()
    letter = dialog.issue()
    assert letter is not None and letter.kind == "REFERRAL"
    assert (letter.inquiry_id, letter.case_id) == (complaint.id, plain.id)


def test_replacing_a_letter_that_no_longer_applies_says_what_is_missing(
    qtbot, desk: Desk, incident: Case, answers: Prompts, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    office = desk.office
    letter, _ = office.letters.issue("INCIDENT_NOTICE", case_id=incident.id, language="en")
    for event in office.tracking.milestones(incident.id):
        if event.code == "INCIDENT":
            office.tracking.void_milestone(event.id, "Recorded on the wrong case")
    dialog = IssueLetterDialog(desk, supersede=letter)
    qtbot.addWidget(dialog)
    assert dialog.kind.value() == "INCIDENT_NOTICE"
    assert "kind" in dialog.form.messages()
    assert "No incident is recorded on this case" in dialog.pane.message.text()
    monkeypatch.setattr(reason, "ask_reason", lambda parent, question: "Incident withdrawn")
    assert dialog.issue() is None
    assert not office.letters.get(letter.id).is_void  # nothing voided when nothing replaces it


def test_the_batch_dialog_offers_incident_notices_for_cases_with_an_incident(
    qtbot, desk: Desk, owner: Trader, incident: Case
) -> None:  # type: ignore[no-untyped-def]
    lc.storage_case(desk.office, owner)
    dialog = BatchLetterDialog(desk, kind="INCIDENT_NOTICE")
    qtbot.addWidget(dialog)
    kinds = items(dialog.kind)
    assert "INCIDENT_NOTICE" in kinds
    assert "REFERRAL" not in kinds and "COMPLAINT_ACK" not in kinds  # about inquiries too
    listed = [dialog.cases.item(i).text() for i in range(dialog.cases.count())]
    assert len(listed) == 1 and listed[0].startswith(incident.ref)
    assert dialog.chosen() == [incident.id]
