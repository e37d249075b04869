"""The tracking tabs of a case: its containers with their clocks coloured by urgency, the
milestone timeline (record for the whole case or chosen boxes, void with a reason), and the
documents checklist (mark received, verified, missing or rejected)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox

from liaison.clock import today
from liaison.enums import DocStatus
from liaison.models import Case, Container, Document, DocumentDraft, MilestoneRecord
from liaison.rules.clocks import Urgency
from liaison.rules.identifiers import format_container
from ui import prompts
from ui.desk import Desk
from ui.dialogs.tracking import ContainerDialog, DocumentDialog, MilestoneDialog
from ui.dialogs.work import TextDialog
from ui.models.base import date_text
from ui.models.details import (
    box_auction_urgency,
    container_columns,
    document_columns,
    kpa_urgency,
    milestone_columns,
)
from ui.models.labels import label
from ui.models.look import days_phrase
from ui.records.base import TablePanel

CaseOf = Callable[[], Case]


def tr(text: str) -> str:
    return QCoreApplication.translate("CaseTracking", text)


def warning_days(desk: Desk) -> int:
    return desk.office.settings.number("storage_warning_days")


def box_count(n: int, total: int | None = None) -> str:
    """A count of boxes: "1 box", "2 boxes", or "1 of 3 boxes" when only some are meant."""
    if total is not None and n != total:
        return tr("{n} of {total} boxes").format(n=n, total=total)
    return tr("1 box") if n == 1 else tr("{n} boxes").format(n=n)


def clock_summary(boxes: list[Container], day: dt.date, warning: int) -> tuple[str, Urgency]:
    """One line on the worst clock of the case's boxes, and how urgent it is."""
    auction = [b for b in boxes if box_auction_urgency(b, day) is Urgency.AUCTION]
    if auction:
        since = min(b.auction_on for b in auction if b.auction_on)
        return (
            tr("{boxes} past the 21-day auction threshold (since {day}).").format(
                boxes=box_count(len(auction), len(boxes)), day=date_text(since)
            ),
            Urgency.AUCTION,
        )
    by_urgency: dict[Urgency, list[Container]] = {}
    for box in boxes:
        by_urgency.setdefault(kpa_urgency(box, day, warning), []).append(box)
    for urgency, text in (
        (Urgency.EXPIRED, tr("KPA free storage ended {when} for {boxes}: charges accruing.")),
        (Urgency.LAST_DAY, tr("KPA free storage ends {when} for {boxes}.")),
        (Urgency.SOON, tr("KPA free storage ends {when} for {boxes}.")),
        (Urgency.RUNNING, tr("KPA free storage runs until {day} ({when}).")),
    ):
        chosen = by_urgency.get(urgency)
        if chosen:
            until = min(b.kpa_free_until for b in chosen if b.kpa_free_until)
            return (
                text.format(
                    when=days_phrase(until, day), boxes=box_count(len(chosen)), day=date_text(until)
                ),
                urgency,
            )
    if boxes and all(b.left_custody_on for b in boxes):
        return tr("Every box has left KPA custody."), Urgency.NONE
    return tr("No clock running yet (not discharged)."), Urgency.NONE


class ContainersPanel(TablePanel):
    def __init__(self, desk: Desk, case_of: CaseOf) -> None:
        self.desk = desk
        self.case_of = case_of
        self._warning = warning_days(desk)
        super().__init__(
            container_columns(lambda: today(desk.office.clock), lambda: self._warning),
            empty=tr("No containers on this case yet."),
        )
        self.add_box_button = self.add_button(tr("Add container…"), self.add_container)
        self.edit_box_button = self.add_button(tr("Edit…"), self.edit_container)
        self.remove_box_button = self.add_button(tr("Remove"), self.remove_container)
        self.milestone_button = self.add_button(
            tr("Record milestone for this box…"), self.record_for_selected
        )
        self.finish_buttons()

    def reload(self) -> list[Container]:
        self._warning = warning_days(self.desk)
        boxes = self.desk.office.tracking.containers(self.case_of().id)
        self.set_records(boxes)
        return boxes

    def selection_changed(self) -> None:
        chosen = self.selected() is not None
        editing = self.desk.can_edit
        self.add_box_button.setEnabled(editing)
        for button in (self.edit_box_button, self.remove_box_button, self.milestone_button):
            button.setEnabled(editing and chosen)

    def add_container(self) -> Any:
        if not self.desk.can_edit:
            return None
        case = self.case_of()
        dialog = ContainerDialog(self.desk, self.window(), case)
        dialog.submit_with(lambda draft: self.desk.office.tracking.add_container(case.id, draft))
        dialog.saved.connect(lambda result: self.select_id(result[0].id))
        dialog.open()
        return dialog

    def edit_container(self) -> Any:
        box: Container | None = self.selected()
        if box is None or not self.desk.can_edit:
            return None
        tracking = self.desk.office.tracking
        dialog = ContainerDialog(
            self.desk, self.window(), self.case_of(), tracking.container(box.id)
        )
        dialog.submit_with(
            lambda draft: tracking.update_container(box.id, draft, dialog.record.version),
            reload=lambda: tracking.container(box.id),
        )
        dialog.open()
        return dialog

    def remove_container(self) -> Any:
        box: Container | None = self.selected()
        if box is None or not self.desk.can_edit:
            return None
        question = tr(
            "Remove container {number} from this case? Only do this for a box entered by mistake."
        ).format(number=format_container(box.number))
        if not prompts.confirm(self.window(), question, yes=tr("Remove")):
            return None
        return self.desk.call(
            self.window(), self.desk.office.tracking.remove_container, box.id, box.version
        )

    def record_for_selected(self) -> Any:
        box: Container | None = self.selected()
        if box is None:
            return None
        return record_milestone(
            self.desk, self.window(), self.case_of(), self.model.records(), (box.id,)
        )


def record_milestone(
    desk: Desk, parent: Any, case: Case, boxes: list[Container], chosen: tuple[int, ...] = ()
) -> Any:
    if not desk.can_edit:
        return None
    dialog = MilestoneDialog(desk, parent, case, boxes, chosen=chosen)
    dialog.submit_with(lambda draft: desk.office.tracking.record_milestone(case.id, draft))
    dialog.open()
    return dialog


class MilestonesPanel(TablePanel):
    """The timeline, oldest first. Voided entries stay visible (greyed) when asked for."""

    def __init__(self, desk: Desk, case_of: CaseOf, boxes: Callable[[], list[Container]]) -> None:
        self.desk = desk
        self.case_of = case_of
        self.boxes = boxes
        super().__init__(
            milestone_columns(self.box_number), empty=tr("No milestones recorded yet.")
        )
        self.record_button = self.add_button(tr("Record milestone…"), self.record)
        self.void_button = self.add_button(tr("Void…"), self.void)
        self.show_void = QCheckBox(tr("Show voided"))
        self.show_void.toggled.connect(lambda _on: self.reload())
        self.buttons.addWidget(self.show_void)
        self.finish_buttons()

    def box_number(self, container_id: int | None) -> str:
        if container_id is None:
            return tr("Whole case")
        for box in self.boxes():
            if box.id == container_id:
                return format_container(box.number)
        return ""

    def reload(self) -> int:
        rows = self.desk.office.tracking.milestones(
            self.case_of().id, include_voided=self.show_void.isChecked()
        )
        self.set_records(rows)
        return sum(1 for m in rows if m.voided_at is None)

    def selection_changed(self) -> None:
        chosen: MilestoneRecord | None = self.selected()
        editing = self.desk.can_edit
        self.record_button.setEnabled(editing)
        self.void_button.setEnabled(editing and chosen is not None and chosen.voided_at is None)

    def record(self) -> Any:
        return record_milestone(self.desk, self.window(), self.case_of(), self.boxes())

    def void(self) -> Any:
        chosen: MilestoneRecord | None = self.selected()
        if chosen is None or chosen.voided_at is not None or not self.desk.can_edit:
            return None
        dialog = TextDialog(
            self.desk,
            self.window(),
            tr("Void milestone — {what} of {day}").format(
                what=label(chosen.code), day=date_text(chosen.occurred_on)
            ),
            field="void_reason",
            caption=tr("Why is it wrong? *"),
            limit=400,
            save_text=tr("Void"),
            intro=tr(
                "A voided milestone stays on the record but no longer counts for the stage and clocks."
            ),
            lines=3,
        )
        tracking = self.desk.office.tracking
        dialog.submit_with(lambda reason: tracking.void_milestone(chosen.id, reason))
        dialog.open()
        return dialog


class DocumentsPanel(TablePanel):
    def __init__(self, desk: Desk, case_of: CaseOf) -> None:
        self.desk = desk
        self.case_of = case_of
        super().__init__(document_columns(), activated=lambda _d: self.edit_document())
        self.status_buttons = {
            DocStatus.RECEIVED: self.add_button(
                tr("Received"), lambda: self.mark(DocStatus.RECEIVED)
            ),
            DocStatus.VERIFIED: self.add_button(
                tr("Verified"), lambda: self.mark(DocStatus.VERIFIED)
            ),
            DocStatus.MISSING: self.add_button(tr("Missing"), lambda: self.mark(DocStatus.MISSING)),
            DocStatus.REJECTED: self.add_button(
                tr("Rejected"), lambda: self.mark(DocStatus.REJECTED)
            ),
        }
        self.edit_doc_button = self.add_button(tr("Edit…"), self.edit_document)
        self.add_doc_button = self.add_button(tr("Add document…"), self.add_document)
        self.finish_buttons()

    def reload(self) -> int:
        documents = self.desk.office.tracking.documents(self.case_of().id)
        self.set_records(documents)
        return sum(1 for d in documents if d.status is DocStatus.MISSING)

    def selection_changed(self) -> None:
        chosen: Document | None = self.selected()
        editing = self.desk.can_edit
        for status, button in self.status_buttons.items():
            button.setEnabled(editing and chosen is not None and chosen.status is not status)
        self.edit_doc_button.setEnabled(editing and chosen is not None)
        self.add_doc_button.setEnabled(editing)

    def mark(self, status: DocStatus) -> Any:
        chosen: Document | None = self.selected()
        if chosen is None or not self.desk.can_edit:
            return None
        keeps_date = status in (DocStatus.RECEIVED, DocStatus.VERIFIED)
        draft = DocumentDraft(
            doc_type=chosen.doc_type.value,
            status=status.value,
            reference_no=chosen.reference_no or "",
            received_on=(chosen.received_on or "") if keeps_date else "",
            note=chosen.note or "",
        )
        result = self.desk.call(
            self.window(),
            self.desk.office.tracking.save_document,
            self.case_of().id,
            draft,
            chosen.id,
            chosen.version,
        )
        if result is None:
            self.reload()
        return result

    def edit_document(self) -> Any:
        chosen: Document | None = self.selected()
        if chosen is None or not self.desk.can_edit:
            return None
        case = self.case_of()
        dialog = DocumentDialog(self.desk, self.window(), case, chosen)
        tracking = self.desk.office.tracking
        dialog.submit_with(
            lambda draft: tracking.save_document(case.id, draft, chosen.id, dialog.record.version)
        )
        dialog.open()
        return dialog

    def add_document(self) -> Any:
        if not self.desk.can_edit:
            return None
        case = self.case_of()
        dialog = DocumentDialog(self.desk, self.window(), case)
        dialog.submit_with(lambda draft: self.desk.office.tracking.save_document(case.id, draft))
        dialog.open()
        return dialog
