"""What happens to a consignment, as dialogs: a container (``ContainerDraft``), a milestone for
the whole case or chosen boxes (``MilestoneDraft``), and a line of the documents checklist
(``DocumentDraft``)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from liaison.enums import DocStatus, DocType, MilestoneSource
from liaison.models import (
    Case,
    Container,
    ContainerDraft,
    Document,
    DocumentDraft,
    MilestoneDraft,
)
from liaison.rules.identifiers import format_container
from liaison.rules.stages import STAGES, Milestone
from ui.desk import Desk
from ui.dialogs.base import DraftDialog
from ui.dialogs.case import size_type_combo
from ui.models.labels import label
from ui.widgets.choices import EnumCombo, ValueCombo
from ui.widgets.container import ContainerNumberField
from ui.widgets.dates import DateField
from ui.widgets.text import line_edit, long_text


def tr(text: str) -> str:
    return QCoreApplication.translate("TrackingDialogs", text)


class ContainerDialog(DraftDialog):
    def __init__(
        self, desk: Desk, parent: QWidget | None, case: Case, container: Container | None = None
    ) -> None:
        title = (
            tr("Container {number}").format(number=format_container(container.number))
            if container
            else tr("Add a container to {ref}").format(ref=case.ref)
        )
        super().__init__(desk, parent, title)
        self.record = container
        f = self.form
        self.number = ContainerNumberField()
        f.add("number", tr("Container number *"), self.number, marks=[self.number.number_edit])
        f.rows["number"].marks.append(self.number.override_edit)
        f.alias("check_digit_override", "number")
        self.size_type = f.add("size_type", tr("Size/type"), size_type_combo())
        self.seal = f.add("seal_no", tr("Seal"), line_edit(40))
        self.eseal = f.add("eseal_no", tr("RECTS e-seal"), line_edit(40))
        self.weight = f.add("gross_weight_kg", tr("Gross weight (kg)"), line_edit(16))
        if container is not None:
            self.load(container)
        self.ready()

    def load(self, record: Container) -> None:
        self.record = record
        self.number.set_values(record.number, record.check_digit_override or "")
        self.size_type.setCurrentText(record.size_type or "")
        self.seal.setText(record.seal_no or "")
        self.eseal.setText(record.eseal_no or "")
        self.weight.setText("" if record.gross_weight_kg is None else str(record.gross_weight_kg))

    def draft(self) -> ContainerDraft:
        return ContainerDraft(
            number=self.number.number(),
            check_digit_override=self.number.reason(),
            size_type=self.size_type.currentText(),
            seal_no=self.seal.text(),
            eseal_no=self.eseal.text(),
            gross_weight_kg=self.weight.text(),
        )


def milestone_items() -> list[tuple[object, str]]:
    """Progress milestones in corridor order, then the exception events."""
    progress = [(code.value, label(code)) for code, info in STAGES.items() if info.rank]
    exceptions = [
        (code.value, tr("{what} (exception)").format(what=label(code)))
        for code, info in STAGES.items()
        if not info.rank
    ]
    return progress + exceptions


class MilestoneDialog(DraftDialog):
    """Record what happened, for the whole case (every box) or for chosen containers."""

    def __init__(
        self,
        desk: Desk,
        parent: QWidget | None,
        case: Case,
        containers: list[Container],
        *,
        chosen: tuple[int, ...] = (),
    ) -> None:
        super().__init__(desk, parent, tr("Record a milestone — {ref}").format(ref=case.ref))
        self.case = case
        f = self.form
        self.code = ValueCombo()
        self.code.set_items(milestone_items())
        next_step = STAGES[case.stage].next_step if case.stage else Milestone.DOCS_RECEIVED
        self.code.set_value(next_step.value if next_step else None)
        f.add("code", tr("Milestone *"), self.code)
        self.occurred = f.add("occurred_on", tr("Date *"), DateField(today=self.today()))
        self.time = f.add("occurred_time", tr("Time"), line_edit(5, placeholder=tr("HH:MM")))
        scope = QWidget()
        box = QVBoxLayout(scope)
        box.setContentsMargins(0, 0, 0, 0)
        self.whole = QRadioButton(tr("The whole case (every container)"))
        self.some = QRadioButton(tr("Only these containers:"))
        group = QButtonGroup(scope)
        group.addButton(self.whole)
        group.addButton(self.some)
        box.addWidget(self.whole)
        box.addWidget(self.some)
        self.boxes: list[tuple[int, QCheckBox]] = []
        for container in containers:
            check = QCheckBox(format_container(container.number))
            check.setChecked(container.id in chosen)
            check.toggled.connect(self._box_toggled)
            box.addWidget(check)
            self.boxes.append((container.id, check))
        self.some.setEnabled(bool(containers))
        (self.some if chosen else self.whole).setChecked(True)
        self.whole.toggled.connect(self._scope_changed)
        f.add("container_ids", tr("Applies to"), scope, marks=[scope])
        self.location = f.add("location", tr("Where"), line_edit(120))
        self.source = f.add(
            "source",
            tr("Source"),
            EnumCombo(MilestoneSource, value=MilestoneSource.KPA_STAFF),
        )
        self.note = f.add("note", tr("Note"), long_text(2000, lines=3))
        self._scope_changed()
        self.ready()

    def _scope_changed(self) -> None:
        for _id, check in self.boxes:
            check.setEnabled(self.some.isChecked())

    def _box_toggled(self, checked: bool) -> None:
        if checked and not self.some.isChecked():
            self.some.setChecked(True)

    def chosen_ids(self) -> tuple[int, ...]:
        if self.whole.isChecked():
            return ()
        return tuple(box_id for box_id, check in self.boxes if check.isChecked())

    def load(self, record: object) -> None:
        return None

    def draft(self) -> MilestoneDraft:
        return MilestoneDraft(
            code=self.code.text_value(),
            occurred_on=self.occurred.text(),
            occurred_time=self.time.text(),
            container_ids=self.chosen_ids(),
            location=self.location.text(),
            source=self.source.text_value(),
            note=self.note.toPlainText(),
        )

    def accept(self) -> None:
        if self.some.isChecked() and not self.chosen_ids():
            self.form.clear_errors()
            self.form.mark(
                "container_ids", tr("Tick at least one container, or choose the whole case.")
            )
            return
        super().accept()


class DocumentDialog(DraftDialog):
    """One line of the checklist: which document, its status, reference and receipt date."""

    def __init__(
        self, desk: Desk, parent: QWidget | None, case: Case, document: Document | None = None
    ) -> None:
        title = tr("Document — {ref}").format(ref=case.ref)
        super().__init__(desk, parent, title)
        self.record = document
        f = self.form
        self.doc_type = f.add("doc_type", tr("Document *"), EnumCombo(DocType))
        self.doc_type.setEnabled(document is None)
        self.status = f.add("status", tr("Status"), EnumCombo(DocStatus))
        self.reference = f.add("reference_no", tr("Reference"), line_edit(60))
        self.received = f.add(
            "received_on",
            tr("Received on"),
            DateField(today=self.today()),
            note=tr("Left empty, a received document counts as received today."),
        )
        self.note = f.add("note", tr("Note"), line_edit(1000))
        if document is not None:
            self.load(document)
        self.ready()

    def load(self, record: Document) -> None:
        self.record = record
        self.doc_type.set_value(record.doc_type.value)
        self.status.set_value(record.status.value)
        self.reference.setText(record.reference_no or "")
        self.received.set_date(record.received_on)
        self.note.setText(record.note or "")

    def draft(self) -> DocumentDraft:
        return DocumentDraft(
            doc_type=self.doc_type.text_value(),
            status=self.status.text_value(),
            reference_no=self.reference.text(),
            received_on=self.received.text(),
            note=self.note.text(),
        )
