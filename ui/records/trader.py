"""A trader's window: profile, inquiries, cases, follow-ups, notes and history, with the actions
that start new work for this trader (log an inquiry, open a case, schedule a follow-up)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QScrollArea, QWidget

from liaison.enums import Entity, TraderStatus
from liaison.models import Changes, Trader
from liaison.rules.identifiers import format_phone
from ui.desk import Desk
from ui.dialogs.case import CaseDialog, create_case
from ui.dialogs.inquiry import InquiryDialog
from ui.dialogs.trader import TraderDialog
from ui.letters.views import LettersPanel
from ui.models.details import trader_case_columns, trader_inquiry_columns
from ui.models.labels import label
from ui.records.base import Facts, RecordWindow, TablePanel, touches
from ui.records.panels import FollowUpsPanel, HistoryPanel, NotesPanel


def tr(text: str) -> str:
    return QCoreApplication.translate("TraderWindow", text)


class TraderWindow(RecordWindow):
    kind = Entity.TRADERS

    def __init__(self, desk: Desk, record_id: int, parent: QWidget | None = None) -> None:
        super().__init__(desk, record_id, parent)
        self.trader: Trader = self.office.traders.get(record_id)
        owner = {"trader_id": record_id}
        self.edit_button = self.add_action(tr("Edit…"), self.edit)
        self.inquiry_button = self.add_action(tr("Log inquiry…"), self.new_inquiry)
        self.case_button = self.add_action(tr("Open case…"), self.new_case)
        self.followup_button = self.add_action(
            tr("Schedule follow-up…"), lambda: self.followups.schedule()
        )
        self.note_button = self.add_action(tr("Add note…"), lambda: self.notes.add_note())
        self.status_button = self.add_action("", self.toggle_status)
        self.actions.addStretch(1)
        self.list_button = self.add_show_in_list()

        self.profile = Facts(margin=12)
        profile_scroll = QScrollArea()
        profile_scroll.setWidgetResizable(True)
        profile_scroll.setWidget(self.profile)
        self.inquiries = TablePanel(
            trader_inquiry_columns(self.today),
            activated=lambda r: self.open_other(Entity.INQUIRIES, r.id),
            empty=tr("No inquiries from this trader."),
        )
        self.inquiries.finish_buttons()
        self.cases = TablePanel(
            trader_case_columns(),
            activated=lambda r: self.open_other(Entity.CASES, r.id),
            empty=tr("No cases for this trader."),
        )
        self.cases.finish_buttons()
        self.followups = FollowUpsPanel(desk, owner, self.about)
        self.notes = NotesPanel(desk, owner, self.about)
        self.history = HistoryPanel(
            lambda: self.office.history("traders", self.record_id), self.office
        )
        self.add_tab(profile_scroll, tr("Profile"))
        self.add_tab(self.inquiries, tr("Inquiries"))
        self.add_tab(self.cases, tr("Cases"))
        self.add_tab(self.followups, tr("Follow-ups"))
        self.add_tab(self.notes, tr("Notes"))
        self.letters = LettersPanel(desk, trader_id=record_id)
        self.add_tab(self.letters, tr("Letters"))
        self.add_tab(self.history, tr("History"))
        self.load()

    def about(self) -> str:
        return f"{self.trader.legal_name} ({self.trader.code})"

    # -- loading --------------------------------------------------------------------------------
    def load(self) -> None:
        self.load_trader()
        self.load_inquiries()
        self.load_cases()
        self.load_followups()
        self.load_notes()

    def load_trader(self) -> None:
        t = self.trader = self.office.traders.get(self.record_id)
        self.setWindowTitle(tr("{name} — trader").format(name=t.legal_name))
        self.title_label.setText(t.display_name)
        self.subtitle_label.setText(f"{t.code} · {label(t.status)}")
        self.header.set("tin", tr("TIN"), t.tin or "")
        self.header.set("phone", tr("Phone"), format_phone(t.phone))
        self.header.set("language", tr("Letters in"), label(t.language))
        p = self.profile
        p.set("legal_name", tr("Legal name"), t.legal_name)
        p.set("trading_name", tr("Trading name"), t.trading_name or "")
        p.set("tin", tr("TIN"), t.tin or "")
        p.set("vat", tr("VAT registered"), tr("Yes") if t.vat_registered else tr("No"))
        p.set("business_sector", tr("Business"), t.business_sector or "")
        p.set("phone", tr("Phone"), format_phone(t.phone))
        p.set("phone_alt", tr("Other phone"), format_phone(t.phone_alt))
        p.set("whatsapp", tr("WhatsApp"), format_phone(t.whatsapp))
        p.set("email", tr("E-mail"), t.email or "")
        p.set("contact_person", tr("Contact person"), t.contact_person or "")
        p.set("district", tr("District"), t.district or "")
        p.set("sector", tr("Sector"), t.sector or "")
        p.set("street", tr("Street"), t.street or "")
        p.set("po_box", tr("P.O. Box"), t.po_box or "")
        p.set("language", tr("Letter language"), label(t.language))
        p.set("notes", tr("Notes"), t.notes or "")
        merged = t.status is TraderStatus.MERGED
        self.status_button.setText(
            tr("Reactivate") if t.status is TraderStatus.INACTIVE else tr("Mark inactive")
        )
        editing = self.desk.can_edit and not merged
        for button in self.edit_buttons:
            button.setEnabled(editing)

    def load_inquiries(self) -> None:
        rows = self.office.inquiries.for_trader(self.record_id)
        self.inquiries.set_records(rows)
        self.set_tab_count(self.inquiries, tr("Inquiries"), len(rows))

    def load_cases(self) -> None:
        rows = self.office.cases.for_trader(self.record_id)
        self.cases.set_records(rows)
        self.set_tab_count(self.cases, tr("Cases"), len(rows))

    def load_followups(self) -> None:
        self.set_tab_count(self.followups, tr("Follow-ups"), self.followups.reload())

    def load_notes(self) -> None:
        self.set_tab_count(self.notes, tr("Notes"), self.notes.reload())

    def on_changes(self, changes: Changes) -> None:
        if touches(changes, Entity.TRADERS, self.record_id):
            self.load_trader()
            self.history.reload()
        if changes.touches(Entity.INQUIRIES):
            self.load_inquiries()
        if changes.touches(Entity.CASES):
            self.load_cases()
        if changes.touches(Entity.FOLLOWUPS, Entity.STAFF):
            self.load_followups()
        if changes.touches(Entity.NOTES):
            self.load_notes()

    # -- actions --------------------------------------------------------------------------------
    def edit(self) -> Any:
        if not self.desk.can_edit:
            return None
        dialog = TraderDialog(self.desk, self, self.trader)
        service = self.office.traders
        dialog.submit_with(
            lambda draft: service.update(self.record_id, draft, dialog.record.version),
            reload=lambda: service.get(self.record_id),
        )
        dialog.open()
        return dialog

    def new_inquiry(self) -> Any:
        if not self.desk.can_edit:
            return None
        dialog = InquiryDialog(self.desk, self, trader=self.trader)
        dialog.submit_with(self.office.inquiries.create)
        dialog.saved.connect(lambda result: self.open_other(Entity.INQUIRIES, result[0].id))
        dialog.open()
        return dialog

    def new_case(self) -> Any:
        if not self.desk.can_edit:
            return None
        dialog = CaseDialog(self.desk, self, trader=self.trader)
        dialog.submit_with(lambda new: create_case(self.office, new))
        dialog.saved.connect(lambda result: self.open_other(Entity.CASES, result[0].id))
        dialog.open()
        return dialog

    def toggle_status(self) -> None:
        if not self.desk.can_edit:
            return
        target = (
            TraderStatus.ACTIVE
            if self.trader.status is TraderStatus.INACTIVE
            else TraderStatus.INACTIVE
        )
        result = self.desk.call(
            self, self.office.traders.set_status, self.record_id, target.value, self.trader.version
        )
        if result is None:
            self.load_trader()
