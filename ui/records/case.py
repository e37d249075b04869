"""A clearance case's window: the header (reference, trader, B/L, vessel, stage with the next
step, status and its moves, the worst clock), then containers, milestones, documents, details,
inquiries, follow-ups, notes, referrals and history. A recorded milestone moves the stage and the
clocks at once, because every part reloads from the core when the Changes name it."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QPushButton, QScrollArea, QWidget

from liaison.enums import CaseStatus, Entity
from liaison.errors import NotFound
from liaison.models import Case, Changes, Container, ListQuery
from liaison.rules.identifiers import format_container
from liaison.rules.stages import STAGES
from liaison.rules.transitions import CASE_TRANSITIONS
from ui.desk import Desk
from ui.dialogs.case import CaseDialog
from ui.dialogs.inquiry import InquiryDialog
from ui.letters.views import LettersPanel
from ui.models.base import count_text, date_text
from ui.models.details import trader_inquiry_columns
from ui.models.labels import case_action, label
from ui.models.look import URGENCY_COLOURS
from ui.records.base import Facts, RecordWindow, TablePanel, touches
from ui.records.case_tracking import (
    ContainersPanel,
    DocumentsPanel,
    MilestonesPanel,
    clock_summary,
    record_milestone,
    warning_days,
)
from ui.records.panels import FollowUpsPanel, HistoryPanel, NotesPanel, ReferralsPanel

TRACKING = (Entity.CONTAINERS, Entity.MILESTONES, Entity.TARIFFS, Entity.SETTINGS)
STATUS_ORDER = (CaseStatus.OPEN, CaseStatus.ON_HOLD, CaseStatus.COMPLETED, CaseStatus.CANCELLED)
OWNER_FIELDS = ("case_id", "trader_id", "inquiry_id")


def tr(text: str) -> str:
    return QCoreApplication.translate("CaseWindow", text)


class CaseWindow(RecordWindow):
    kind = Entity.CASES
    default_size = (1120, 760)

    def __init__(self, desk: Desk, record_id: int, parent: QWidget | None = None) -> None:
        super().__init__(desk, record_id, parent)
        self.case: Case = self.office.cases.get(record_id)
        self.boxes: list[Container] = []
        owner = {"case_id": record_id}
        self.status_buttons: list[QPushButton] = []
        self.edit_button = self.add_action(tr("Edit…"), self.edit)
        self.milestone_button = self.add_action(tr("Record milestone…"), self.record_milestone)
        self.inquiry_button = self.add_action(tr("Log inquiry…"), self.new_inquiry)
        self.trader_button = self.add_action(
            tr("Open trader"),
            lambda: self.open_other(Entity.TRADERS, self.case.trader_id),
            editing=False,
        )
        self.actions.addStretch(1)
        self.list_button = self.add_show_in_list()

        self.containers = ContainersPanel(desk, lambda: self.case)
        self.milestones = MilestonesPanel(desk, lambda: self.case, lambda: self.boxes)
        self.documents = DocumentsPanel(desk, lambda: self.case)
        self.details = Facts(margin=12)
        details_scroll = QScrollArea()
        details_scroll.setWidgetResizable(True)
        details_scroll.setWidget(self.details)
        self.inquiries = TablePanel(
            trader_inquiry_columns(self.today),
            activated=lambda r: self.open_other(Entity.INQUIRIES, r.id),
            empty=tr("No inquiry is linked to this case."),
        )
        self.inquiries.finish_buttons()
        self.followups = FollowUpsPanel(desk, owner, self.about)
        self.notes = NotesPanel(desk, owner, self.about)
        self.referrals = ReferralsPanel(desk, owner, self.about)
        self.history = HistoryPanel(self._history, self.office)
        self.add_tab(self.containers, tr("Containers"))
        self.add_tab(self.milestones, tr("Milestones"))
        self.add_tab(self.documents, tr("Documents"))
        self.add_tab(details_scroll, tr("Details"))
        self.add_tab(self.inquiries, tr("Inquiries"))
        self.add_tab(self.followups, tr("Follow-ups"))
        self.add_tab(self.notes, tr("Notes"))
        self.add_tab(self.referrals, tr("Referrals"))
        self.letters = LettersPanel(desk, case_id=record_id)
        self.add_tab(self.letters, tr("Letters"))
        self.add_tab(self.history, tr("History"))
        self.load()

    def about(self) -> str:
        return self.case.ref

    def trader_code(self, trader_id: int) -> str:
        try:
            return self.office.traders.get(trader_id).code
        except NotFound:
            return str(trader_id)

    def _history(self) -> list[Any]:
        entries = list(self.office.history("cases", self.record_id))
        parts = (
            ("containers", self.boxes),
            ("milestones", self.milestones.model.records()),
            ("documents", self.documents.model.records()),
            ("referrals", self.referrals.model.records()),
            ("followups", self.followups.model.records()),
        )
        for entity, records in parts:
            for record in records:
                entries += self.office.history(entity, record.id)
        numbers = {box.id: format_container(box.number) for box in self.boxes}
        shown = []
        for entry in entries:
            if entry.entity != "cases" and entry.field in OWNER_FIELDS:
                continue  # "belongs to this case": true of every part shown here
            if entry.field == "container_id" and entry.new_value:
                number = numbers.get(int(entry.new_value), entry.new_value)
                entry = replace(entry, new_value=number)
            elif entry.field == "trader_id" and entry.new_value:
                entry = replace(entry, new_value=self.trader_code(int(entry.new_value)))
            shown.append(entry)
        return shown

    # -- loading --------------------------------------------------------------------------------
    def load(self) -> None:
        self.load_tracking()
        self.load_case()
        self.set_tab_count(self.documents, tr("Documents"), self.documents.reload())
        self.load_inquiries()
        self.set_tab_count(self.followups, tr("Follow-ups"), self.followups.reload())
        self.set_tab_count(self.notes, tr("Notes"), self.notes.reload())
        self.set_tab_count(self.referrals, tr("Referrals"), self.referrals.reload())

    def load_tracking(self) -> None:
        """Containers, milestones, and the case's stage and clocks derived from them."""
        self.boxes = self.containers.reload()
        self.set_tab_count(self.containers, tr("Containers"), len(self.boxes))
        self.set_tab_count(self.milestones, tr("Milestones"), self.milestones.reload())

    def load_case(self) -> None:
        c = self.case = self.office.cases.get(self.record_id)
        trader = self.office.traders.get(c.trader_id)
        self.setWindowTitle(tr("{ref} — case").format(ref=c.ref))
        self.title_label.setText(c.ref)
        self.subtitle_label.setText(f"{trader.legal_name} · {trader.code}")
        h = self.header
        h.set("bl", tr("Bill of lading"), c.bl_number)
        vessel = " / ".join(v for v in (c.vessel_name, c.voyage_no) if v)
        h.set("vessel", tr("Vessel / voyage"), vessel)
        h.set("stage", tr("Stage"), self._stage_text(c))
        h.set("status", tr("Status"), label(c.status))
        text, urgency = clock_summary(self.boxes, self.today(), warning_days(self.desk))
        chip = h.set("clocks", tr("Clocks"), text)
        look = URGENCY_COLOURS.get(urgency)
        if look is not None and look.background is not None and look.foreground is not None:
            chip.setStyleSheet(
                f"background: {look.background.name()}; color: {look.foreground.name()};"
                " padding: 0px 6px; border-radius: 3px;"
            )
        else:
            chip.setStyleSheet("")
        chip.setProperty("urgency", int(urgency))
        self._fill_details(c)
        self._status_buttons()
        editing = self.desk.can_edit
        for button in (self.edit_button, self.milestone_button, self.inquiry_button):
            button.setEnabled(editing)

    def _stage_text(self, c: Case) -> str:
        if c.stage is None:
            return tr("No milestone yet")
        text = f"{label(c.stage)} ({date_text(c.stage_on)})"
        next_step = STAGES[c.stage].next_step
        if next_step is not None:
            text += " — " + tr("next: {step}").format(step=label(next_step))
        return text

    def _fill_details(self, c: Case) -> None:
        names = self.office.lookups.staff_names()
        lines = {line.id: line.name for line in self.office.lookups.shipping_lines(False)}
        agents = {p.id: p.name for p in self.office.lookups.parties(active_only=False)}
        d = self.details
        for key, caption, value in (
            ("bl_type", tr("B/L type"), label(c.bl_type)),
            ("house_bl", tr("House B/L"), c.house_bl_number or ""),
            ("line", tr("Shipping line"), lines.get(c.shipping_line_id or 0, "")),
            ("vessel", tr("Vessel"), c.vessel_name or ""),
            ("voyage", tr("Voyage"), c.voyage_no or ""),
            ("rotation", tr("KPA rotation"), c.rotation_no or ""),
            ("manifest", tr("Manifest"), c.manifest_no or ""),
            ("loading", tr("Port of loading"), c.port_of_loading or ""),
            ("eta", tr("ETA"), date_text(c.eta)),
            ("consignee", tr("Consignee on B/L"), c.consignee_name or ""),
            ("regime", tr("Regime"), label(c.customs_regime)),
            ("declaration", tr("Declaration"), c.declaration_no or ""),
            ("carnet", tr("RCTG carnet"), c.rctg_carnet_no or ""),
            ("do", tr("Delivery order"), c.delivery_order_no or ""),
            ("kpa_invoice", tr("KPA invoice"), c.kpa_invoice_no or ""),
            ("agent", tr("Clearing agent"), agents.get(c.agent_id or 0, "")),
            ("mode", tr("Inland route"), label(c.inland_mode)),
            ("exit", tr("Exit from Kenya"), label(c.border_exit_ke)),
            ("entry", tr("Entry to Rwanda"), label(c.border_entry_rw)),
            ("destination", tr("Destination"), label(c.destination)),
            ("cargo", tr("Cargo"), c.cargo_description or ""),
            ("hs", tr("HS codes"), c.hs_codes or ""),
            ("packages", tr("Packages"), count_text(c.packages)),
            ("weight", tr("Gross weight (kg)"), count_text(c.gross_weight_kg)),
            ("opened", tr("Opened"), date_text(c.opened_on)),
            ("closed", tr("Closed"), date_text(c.closed_on)),
            ("assigned", tr("Assigned to"), names.get(c.assigned_to or 0, "")),
        ):
            d.set(key, caption, value)

    def _status_buttons(self) -> None:
        for button in self.status_buttons:
            self.actions.removeWidget(button)
            button.hide()  # at once: deleteLater only acts when the event loop runs
            button.deleteLater()
        self.status_buttons = []
        if not self.desk.can_edit:
            return
        current = self.case.status
        allowed = [s for s in STATUS_ORDER if s in CASE_TRANSITIONS[current]]
        for position, target in enumerate(allowed):
            button = QPushButton(case_action(target, current))
            button.clicked.connect(lambda _checked=False, goal=target: self.move_to(goal))
            self.actions.insertWidget(position, button)
            self.status_buttons.append(button)

    def load_inquiries(self) -> None:
        rows = self.office.inquiries.page(ListQuery(filters={"case_id": self.record_id}, limit=500))
        self.inquiries.set_records(rows)
        self.set_tab_count(self.inquiries, tr("Inquiries"), len(rows))

    def on_changes(self, changes: Changes) -> None:
        tracking = changes.touches(*TRACKING)
        if tracking:
            self.load_tracking()
        if (
            tracking
            or touches(changes, Entity.CASES, self.record_id)
            or changes.touches(Entity.STAFF, Entity.TRADERS)
        ):
            self.load_case()
        if changes.touches(Entity.DOCUMENTS):
            self.set_tab_count(self.documents, tr("Documents"), self.documents.reload())
        if changes.touches(Entity.INQUIRIES):
            self.load_inquiries()
        if changes.touches(Entity.FOLLOWUPS, Entity.STAFF):
            self.set_tab_count(self.followups, tr("Follow-ups"), self.followups.reload())
        if changes.touches(Entity.NOTES):
            self.set_tab_count(self.notes, tr("Notes"), self.notes.reload())
        if changes.touches(Entity.REFERRALS):
            self.set_tab_count(self.referrals, tr("Referrals"), self.referrals.reload())
        self.history.reload()

    def select(self, kind: str, record_id: int) -> None:
        if kind == Entity.CONTAINERS.value:
            self.tabs.setCurrentWidget(self.containers)
            self.containers.select_id(record_id)
        else:
            super().select(kind, record_id)

    # -- actions --------------------------------------------------------------------------------
    def move_to(self, target: CaseStatus) -> Any:
        if not self.desk.can_edit:
            return None
        result = self.desk.call(
            self, self.office.cases.set_status, self.record_id, target.value, self.case.version
        )
        if result is None:
            self.load_case()  # refused (e.g. changed elsewhere): show how it stands now
        return result

    def edit(self) -> Any:
        if not self.desk.can_edit:
            return None
        dialog = CaseDialog(self.desk, self, case=self.case)
        service = self.office.cases
        dialog.submit_with(
            lambda draft: service.update(self.record_id, draft, dialog.record.version),
            reload=lambda: service.get(self.record_id),
        )
        dialog.open()
        return dialog

    def record_milestone(self) -> Any:
        return record_milestone(self.desk, self, self.case, self.boxes)

    def new_inquiry(self) -> Any:
        if not self.desk.can_edit:
            return None
        trader = self.office.traders.get(self.case.trader_id)
        dialog = InquiryDialog(self.desk, self, trader=trader, case_id=self.record_id)
        dialog.submit_with(self.office.inquiries.create)
        dialog.open()
        return dialog
