"""An inquiry's window: what the trader asked, its status with buttons for only the moves the
core allows from here (``office.inquiries.allowed_transitions``), the resolution asked when
resolving, the link to a case, and its notes, referrals, follow-ups and history."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from liaison.enums import Entity, InquiryStatus
from liaison.models import Changes, Inquiry
from ui.desk import Desk
from ui.dialogs.inquiry import InquiryDialog, LinkCaseDialog, TransitionDialog
from ui.letters.views import LettersPanel
from ui.models.base import date_text, stamp_text
from ui.models.labels import inquiry_action, label
from ui.records.base import Facts, RecordWindow, plain_label, touches
from ui.records.panels import FollowUpsPanel, HistoryPanel, NotesPanel, ReferralsPanel
from ui.widgets.forms import FORM_STYLE


def tr(text: str) -> str:
    return QCoreApplication.translate("InquiryWindow", text)


class InquiryWindow(RecordWindow):
    kind = Entity.INQUIRIES

    def __init__(self, desk: Desk, record_id: int, parent: QWidget | None = None) -> None:
        super().__init__(desk, record_id, parent)
        self.setStyleSheet(FORM_STYLE)
        self.inquiry: Inquiry = self.office.inquiries.get(record_id)
        owner = {"inquiry_id": record_id}
        self.status_buttons: dict[InquiryStatus, QPushButton] = {}
        self.edit_button = self.add_action(tr("Edit…"), self.edit)
        self.link_button = self.add_action(tr("Link to case…"), self.link_case)
        self.trader_button = self.add_action(
            tr("Open trader"),
            lambda: self.open_other(Entity.TRADERS, self.inquiry.trader_id),
            editing=False,
        )
        self.case_button = self.add_action(
            tr("Open case"),
            lambda: self.open_other(Entity.CASES, self.inquiry.case_id),
            editing=False,
        )
        self.actions.addStretch(1)
        self.list_button = self.add_show_in_list()

        details = QWidget()
        box = QVBoxLayout(details)
        self.details = Facts()
        box.addWidget(self.details)
        box.addWidget(plain_label(tr("What the trader asked"), selectable=False))
        self.description = QPlainTextEdit()
        self.description.setReadOnly(True)
        box.addWidget(self.description, 1)
        self.notes = NotesPanel(desk, owner, self.about)
        self.referrals = ReferralsPanel(desk, owner, self.about)
        self.followups = FollowUpsPanel(desk, owner, self.about)
        self.history = HistoryPanel(self._history, self.office)
        self.add_tab(details, tr("Details"))
        self.add_tab(self.notes, tr("Notes"))
        self.add_tab(self.referrals, tr("Referrals"))
        self.add_tab(self.followups, tr("Follow-ups"))
        self.letters = LettersPanel(desk, inquiry_id=record_id)
        self.add_tab(self.letters, tr("Letters"))
        self.add_tab(self.history, tr("History"))
        self.load()

    def about(self) -> str:
        return self.inquiry.ref

    def _history(self) -> list[Any]:
        entries = list(self.office.history("inquiries", self.record_id))
        for referral in self.referrals.model.records():
            entries += self.office.history("referrals", referral.id)
        for followup in self.followups.model.records():
            entries += self.office.history("followups", followup.id)
        return entries

    # -- loading --------------------------------------------------------------------------------
    def load(self) -> None:
        self.load_inquiry()
        self.set_tab_count(self.notes, tr("Notes"), self.notes.reload())
        self.set_tab_count(self.referrals, tr("Referrals"), self.referrals.reload())
        self.set_tab_count(self.followups, tr("Follow-ups"), self.followups.reload())

    def load_inquiry(self) -> None:
        i = self.inquiry = self.office.inquiries.get(self.record_id)
        trader = self.office.traders.get(i.trader_id)
        names = self.office.lookups.staff_names()
        self.setWindowTitle(tr("{ref} — inquiry").format(ref=i.ref))
        self.title_label.setText(f"{i.ref} · {i.subject}")
        self.subtitle_label.setText(f"{trader.legal_name} · {trader.code}")
        self.header.set("status", tr("Status"), label(i.status))
        due = date_text(i.due_on)
        if i.paused_since is not None:
            due = tr("{due} (clock paused since {day})").format(
                due=due, day=date_text(i.paused_since)
            )
        elif i.status in (InquiryStatus.NEW, InquiryStatus.OPEN) and i.due_on < self.today():
            due = tr("{due} — overdue").format(due=due)
        self.header.set("due", tr("Answer due"), due)
        self.header.set("assigned", tr("Assigned to"), names.get(i.assigned_to or 0, ""))
        case_ref = self.office.cases.get(i.case_id).ref if i.case_id else ""
        self.header.set("case", tr("Case"), case_ref)
        d = self.details
        d.set("received", tr("Received"), stamp_text(i.received_at))
        d.set("channel", tr("Received by"), label(i.channel))
        d.set("category", tr("Category"), label(i.category))
        d.set("priority", tr("Priority"), label(i.priority))
        d.set("contact", tr("Contact person"), i.contact_name or "")
        d.set("first_response", tr("First answered"), stamp_text(i.first_response_at))
        d.set("resolved", tr("Resolved"), stamp_text(i.resolved_at))
        d.set("resolution", tr("Resolution"), i.resolution or "")
        self.description.setPlainText(i.description or "")
        self.case_button.setEnabled(i.case_id is not None)
        editing = self.desk.can_edit and i.status is not InquiryStatus.CLOSED
        self.edit_button.setEnabled(editing)
        self.link_button.setEnabled(editing)
        self._status_buttons()

    def _status_buttons(self) -> None:
        """One button per move the core allows from the current status, and no other."""
        for button in self.status_buttons.values():
            self.actions.removeWidget(button)
            button.hide()  # at once: deleteLater only acts when the event loop runs
            button.deleteLater()
        self.status_buttons = {}
        if not self.desk.can_edit:
            return
        allowed = self.office.inquiries.allowed_transitions(self.inquiry)
        for position, target in enumerate(allowed):
            button = QPushButton(inquiry_action(target, self.inquiry.status))
            button.clicked.connect(lambda _checked=False, goal=target: self.move_to(goal))
            self.actions.insertWidget(position, button)
            self.status_buttons[target] = button

    def on_changes(self, changes: Changes) -> None:
        if touches(changes, Entity.INQUIRIES, self.record_id) or changes.touches(Entity.STAFF):
            self.load_inquiry()
            self.history.reload()
        if changes.touches(Entity.NOTES):
            self.set_tab_count(self.notes, tr("Notes"), self.notes.reload())
        if changes.touches(Entity.REFERRALS):
            self.set_tab_count(self.referrals, tr("Referrals"), self.referrals.reload())
            self.history.reload()
        if changes.touches(Entity.FOLLOWUPS, Entity.STAFF):
            self.set_tab_count(self.followups, tr("Follow-ups"), self.followups.reload())
            self.history.reload()

    # -- actions --------------------------------------------------------------------------------
    def move_to(self, target: InquiryStatus) -> Any:
        """Resolving asks for the resolution; the other moves happen at once."""
        if not self.desk.can_edit:
            return None
        service = self.office.inquiries
        if target is InquiryStatus.RESOLVED:
            dialog = TransitionDialog(self.desk, self, self.inquiry, target)
            dialog.submit_with(
                lambda d: service.transition(
                    self.record_id,
                    d.target,
                    dialog.record.version,
                    note=d.note,
                    resolution=d.resolution,
                ),
                reload=lambda: service.get(self.record_id),
            )
            dialog.open()
            return dialog
        result = self.desk.call(
            self, service.transition, self.record_id, target.value, self.inquiry.version
        )
        if result is None:
            self.load_inquiry()  # refused (e.g. changed elsewhere): show how it stands now
        return result

    def edit(self) -> Any:
        if not self.desk.can_edit:
            return None
        dialog = InquiryDialog(self.desk, self, inquiry=self.inquiry)
        service = self.office.inquiries
        dialog.submit_with(
            lambda draft: service.update(self.record_id, draft, dialog.record.version),
            reload=lambda: service.get(self.record_id),
        )
        dialog.open()
        return dialog

    def link_case(self) -> Any:
        if not self.desk.can_edit:
            return None
        dialog = LinkCaseDialog(self.desk, self, self.inquiry)
        service = self.office.inquiries
        dialog.submit_with(
            lambda case_id: service.link_case(self.record_id, case_id, dialog.record.version),
            reload=lambda: service.get(self.record_id),
        )
        dialog.open()
        return dialog
