"""Opening a clearance case with its containers, and editing a case: the dialog returns a
``CaseDraft`` (and, when opening, the ``ContainerDraft`` list). The core writes the case and its
boxes all or nothing, so a wrong box refuses the whole case and the dialog marks that box."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from liaison.enums import BlType, BorderKE, BorderRW, Destination, InlandMode, PartyKind, Regime
from liaison.errors import ValidationError, ValidationErrors
from liaison.models import Case, CaseDraft, ContainerDraft, Trader
from ui.desk import Desk
from ui.dialogs.base import DraftDialog, guard_wheel
from ui.dialogs.inquiry import fixed_label, staff_combo
from ui.widgets.choices import EnumCombo, IdCombo
from ui.widgets.container import ContainerNumberField
from ui.widgets.dates import DateField
from ui.widgets.forms import error_label, on_change, set_marked
from ui.widgets.pickers import TraderPicker
from ui.widgets.text import line_edit, long_text
from ui.wording import error_text

SIZE_TYPES = ("22G1", "42G1", "45G1", "22R1", "45R1", "22U1", "42U1", "22P1", "42P1", "22T1")


def tr(text: str) -> str:
    return QCoreApplication.translate("CaseDialog", text)


def size_type_combo() -> QComboBox:
    combo = QComboBox()
    combo.setEditable(True)
    combo.addItem("")
    combo.addItems(list(SIZE_TYPES))
    edit = combo.lineEdit()
    assert edit is not None
    edit.setMaxLength(4)
    combo.setToolTip(tr("ISO size/type code, e.g. 22G1 (20 ft general), 45G1 (40 ft high cube)"))
    return combo


class ContainerRow(QWidget):
    """One box on a new case: number (checked live), size/type, seal; its own error line."""

    removed = Signal(object)
    changed = Signal()

    def __init__(self, number: int) -> None:
        super().__init__()
        self.field = ContainerNumberField()
        self.size_type = size_type_combo()
        self.seal = line_edit(40, placeholder=tr("Seal no."))
        self.remove = QPushButton(tr("Remove"))
        self.remove.clicked.connect(lambda: self.removed.emit(self))
        self.caption = QLabel()
        self.error = error_label()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 6)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(2)
        top = Qt.AlignmentFlag.AlignTop
        grid.addWidget(self.caption, 0, 0, top)
        grid.addWidget(self.field, 0, 1, top)
        grid.addWidget(self.size_type, 0, 2, top)
        grid.addWidget(self.seal, 0, 3, top)
        grid.addWidget(self.remove, 0, 4, top)
        grid.addWidget(self.error, 1, 1, 1, 4)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 2)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.set_number(number)
        for widget in (self.field, self.size_type, self.seal):
            on_change(widget, self.clear)
            on_change(widget, self.changed.emit)

    def set_number(self, number: int) -> None:
        self.caption.setText(f"{number}.")

    def draft(self) -> ContainerDraft:
        return ContainerDraft(
            number=self.field.number(),
            check_digit_override=self.field.reason(),
            size_type=self.size_type.currentText(),
            seal_no=self.seal.text(),
        )

    def is_blank(self) -> bool:
        return not (self.field.number().strip() or self.seal.text().strip())

    def mark(self, field_name: str, message: str) -> None:
        target = {
            "check_digit_override": self.field.override_edit,
            "size_type": self.size_type,
            "seal_no": self.seal,
        }.get(field_name, self.field.number_edit)
        set_marked(target, True)
        self.error.setText(message)
        self.error.show()

    def clear(self) -> None:
        for widget in (
            self.field.number_edit,
            self.field.override_edit,
            self.size_type,
            self.seal,
        ):
            set_marked(widget, False)
        self.error.hide()

    @property
    def marked(self) -> bool:
        return not self.error.isHidden()


@dataclass(frozen=True)
class NewCase:
    """What the dialog hands back when opening a case: the case and its boxes."""

    case: CaseDraft
    containers: tuple[ContainerDraft, ...]


class CaseDialog(DraftDialog):
    def __init__(
        self,
        desk: Desk,
        parent: QWidget | None,
        *,
        case: Case | None = None,
        trader: Trader | None = None,
    ) -> None:
        title = tr("Edit case {ref}").format(ref=case.ref) if case else tr("Open a clearance case")
        super().__init__(desk, parent, title, scroll=True)
        self.setMinimumWidth(720)
        self.record = case
        office = desk.office
        f = self.form
        self.trader_id = case.trader_id if case else (trader.id if trader else None)
        self.trader_picker: TraderPicker | None = None
        if self.trader_id is not None:
            owner = office.traders.get(self.trader_id)
            f.add("trader_id", tr("Trader"), fixed_label(f"{owner.legal_name} · {owner.code}"))
        else:
            self.trader_picker = TraderPicker(office)
            f.add("trader_id", tr("Trader *"), self.trader_picker)
        f.add_heading(tr("Shipment"))
        self.bl = f.add("bl_number", tr("Bill of lading *"), line_edit(40))
        self.bl_type = f.add("bl_type", tr("B/L type"), EnumCombo(BlType))
        self.house_bl = f.add("house_bl_number", tr("House B/L"), line_edit(40))
        self.line = IdCombo()
        self.line.set_items(
            [(line.id, line.name) for line in office.lookups.shipping_lines()], none=tr("—")
        )
        f.add("shipping_line_id", tr("Shipping line"), self.line)
        self.vessel = f.add("vessel_name", tr("Vessel"), line_edit(80))
        self.voyage = f.add("voyage_no", tr("Voyage"), line_edit(30))
        self.rotation = f.add("rotation_no", tr("KPA rotation"), line_edit(30))
        self.manifest = f.add("manifest_no", tr("Manifest"), line_edit(40))
        self.loading = f.add("port_of_loading", tr("Port of loading"), line_edit(80))
        self.eta = f.add("eta", tr("ETA"), DateField(today=self.today()))
        self.consignee = f.add("consignee_name", tr("Consignee on B/L"), line_edit(200))
        f.add_heading(tr("Customs and route"))
        self.regime = f.add("customs_regime", tr("Regime"), EnumCombo(Regime, none=tr("—")))
        self.declaration = f.add("declaration_no", tr("Declaration"), line_edit(40))
        self.carnet = f.add("rctg_carnet_no", tr("RCTG carnet"), line_edit(40))
        self.delivery_order = f.add("delivery_order_no", tr("Delivery order"), line_edit(40))
        self.kpa_invoice = f.add("kpa_invoice_no", tr("KPA invoice"), line_edit(40))
        self.agent = IdCombo()
        self.agent.set_items(
            [(p.id, p.name) for p in office.lookups.parties(PartyKind.AGENT.value)], none=tr("—")
        )
        f.add("agent_id", tr("Clearing agent"), self.agent)
        self.mode = f.add("inland_mode", tr("Inland route"), EnumCombo(InlandMode))
        self.exit_ke = f.add(
            "border_exit_ke", tr("Exit from Kenya"), EnumCombo(BorderKE, none=tr("—"))
        )
        self.entry_rw = f.add(
            "border_entry_rw", tr("Entry to Rwanda"), EnumCombo(BorderRW, none=tr("—"))
        )
        self.destination = f.add(
            "destination", tr("Destination"), EnumCombo(Destination, none=tr("—"))
        )
        f.add_heading(tr("Cargo"))
        self.cargo = f.add("cargo_description", tr("Description"), long_text(2000, lines=2))
        self.hs = f.add("hs_codes", tr("HS codes"), line_edit(200))
        self.packages = f.add("packages", tr("Packages"), line_edit(16))
        self.weight = f.add("gross_weight_kg", tr("Gross weight (kg)"), line_edit(16))
        self.assigned = f.add("assigned_to", tr("Assigned to"), staff_combo(desk, tr("Nobody yet")))
        self.opened = DateField(today=self.today())
        self.rows: list[ContainerRow] = []
        self.add_row_button: QPushButton | None = None
        if case is None:
            f.add("opened_on", tr("Opened on"), self.opened, note=tr("Leave empty for today."))
            f.add_heading(tr("Containers"))
            self.rows_box = QVBoxLayout()
            self.rows_box.setContentsMargins(0, 0, 0, 0)
            self.rows_box.setSpacing(0)
            holder = QWidget()
            holder.setLayout(self.rows_box)
            f.add_wide(holder)
            self.add_container_row()
            self.add_row_button = QPushButton(tr("Add another container"))
            self.add_row_button.clicked.connect(self._another_row)
            f.add_wide(self.add_row_button)
            self.assigned.set_value(office.actor.id)
        else:
            self.load(case)
        self.ready()

    # -- containers -----------------------------------------------------------------------------
    def add_container_row(self) -> ContainerRow:
        row = ContainerRow(len(self.rows) + 1)
        row.removed.connect(self._remove_row)
        self.rows.append(row)
        self.rows_box.addWidget(row)
        guard_wheel(row, self.wheel_guard)
        if self.add_row_button is not None:  # Tab goes through the boxes, then to this button
            QWidget.setTabOrder(row.remove, self.add_row_button)
        return row

    def _another_row(self) -> None:
        """The button: a new row, with the focus in its number, ready for typing."""
        row = self.add_container_row()
        row.field.number_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        QTimer.singleShot(0, lambda: self._show_row(row))

    def _remove_row(self, row: ContainerRow) -> None:
        self.rows.remove(row)
        row.setParent(None)
        row.deleteLater()
        for number, other in enumerate(self.rows, start=1):
            other.set_number(number)

    def _filled_rows(self) -> list[ContainerRow]:
        return [row for row in self.rows if not row.is_blank()]

    def route_error(self, error: ValidationError) -> bool:
        filled = self._filled_rows()
        if error.row and 0 < error.row <= len(filled):
            filled[error.row - 1].mark(error.field, error.message)
            return True
        if error.field == "number" and error.code == "duplicate":
            numbers = [row.field.check().number for row in filled]
            for row, number in zip(filled, numbers, strict=True):
                if numbers.count(number) > 1:
                    row.mark("number", error.message)
            return True
        return False

    def refused(self, exc: ValidationError | ValidationErrors) -> None:
        """Say which box is wrong (the list is at the bottom of a long form) and show it."""
        errors = exc.errors if isinstance(exc, ValidationErrors) else [exc]
        filled = self._filled_rows()
        lines = []
        for error in errors:
            text = error_text(error)
            if 0 < error.row <= len(filled):
                shown = self.rows.index(filled[error.row - 1]) + 1
                text = tr("Container {n}: {problem}").format(n=shown, problem=error.message)
            lines.append(text)
        self.form.banner.setText("\n".join(lines))
        marked = [row for row in self.rows if row.marked]
        if marked and not self.form.messages():
            marked[0].field.number_edit.setFocus()
            # Once the error lines are laid out, bring the box into view.
            QTimer.singleShot(0, lambda: self._show_row(marked[0]))

    def _show_row(self, row: ContainerRow) -> None:
        if self.scroll_area is not None and row in self.rows:
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest.value)
            self.scroll_area.ensureWidgetVisible(row, 0, 24)

    # -- values ---------------------------------------------------------------------------------
    def load(self, record: Case) -> None:
        self.record = record
        self.bl.setText(record.bl_number)
        self.bl_type.set_value(record.bl_type.value)
        self.house_bl.setText(record.house_bl_number or "")
        self.line.set_value(record.shipping_line_id)
        self.vessel.setText(record.vessel_name or "")
        self.voyage.setText(record.voyage_no or "")
        self.rotation.setText(record.rotation_no or "")
        self.manifest.setText(record.manifest_no or "")
        self.loading.setText(record.port_of_loading or "")
        self.eta.set_date(record.eta)
        self.consignee.setText(record.consignee_name or "")
        self.regime.set_value(record.customs_regime.value if record.customs_regime else None)
        self.declaration.setText(record.declaration_no or "")
        self.carnet.setText(record.rctg_carnet_no or "")
        self.delivery_order.setText(record.delivery_order_no or "")
        self.kpa_invoice.setText(record.kpa_invoice_no or "")
        self.agent.set_value(record.agent_id)
        self.mode.set_value(record.inland_mode.value)
        self.exit_ke.set_value(record.border_exit_ke.value if record.border_exit_ke else None)
        self.entry_rw.set_value(record.border_entry_rw.value if record.border_entry_rw else None)
        self.destination.set_value(record.destination.value if record.destination else None)
        self.cargo.setPlainText(record.cargo_description or "")
        self.hs.setText(record.hs_codes or "")
        self.packages.setText("" if record.packages is None else str(record.packages))
        self.weight.setText("" if record.gross_weight_kg is None else str(record.gross_weight_kg))
        self.assigned.set_value(record.assigned_to)

    def case_draft(self) -> CaseDraft:
        trader_id = self.trader_picker.trader_id() if self.trader_picker else self.trader_id
        return CaseDraft(
            trader_id=trader_id,
            bl_number=self.bl.text(),
            bl_type=self.bl_type.text_value(),
            consignee_name=self.consignee.text(),
            agent_id=self.agent.id(),
            shipping_line_id=self.line.id(),
            house_bl_number=self.house_bl.text(),
            vessel_name=self.vessel.text(),
            voyage_no=self.voyage.text(),
            rotation_no=self.rotation.text(),
            manifest_no=self.manifest.text(),
            port_of_loading=self.loading.text(),
            eta=self.eta.text(),
            customs_regime=self.regime.text_value(),
            declaration_no=self.declaration.text(),
            rctg_carnet_no=self.carnet.text(),
            delivery_order_no=self.delivery_order.text(),
            kpa_invoice_no=self.kpa_invoice.text(),
            inland_mode=self.mode.text_value(),
            border_exit_ke=self.exit_ke.text_value(),
            border_entry_rw=self.entry_rw.text_value(),
            destination=self.destination.text_value(),
            cargo_description=self.cargo.toPlainText(),
            hs_codes=self.hs.text(),
            packages=self.packages.text(),
            gross_weight_kg=self.weight.text(),
            assigned_to=self.assigned.id(),
            opened_on=self.opened.text() if self.record is None else "",
        )

    def draft(self) -> CaseDraft | NewCase:
        if self.record is not None:
            return self.case_draft()
        boxes = tuple(row.draft() for row in self._filled_rows())
        return NewCase(self.case_draft(), boxes)


def create_case(office: Any, new: NewCase) -> Any:
    """The use case behind the new-case dialog: the case and its boxes in one transaction."""
    return office.cases.create(new.case, list(new.containers))
