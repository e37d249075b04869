"""Logging and editing an inquiry (an ``InquiryDraft``), and moving it to another status (a note,
and the resolution when it is being resolved)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QWidget

from liaison.enums import Category, Channel, InquiryStatus, Priority, Role
from liaison.models import Inquiry, InquiryDraft, Trader
from ui.desk import Desk
from ui.dialogs.base import DraftDialog
from ui.models.labels import inquiry_action, label
from ui.widgets.choices import EnumCombo, IdCombo, staff_items
from ui.widgets.dates import DateField
from ui.widgets.pickers import TraderPicker
from ui.widgets.text import line_edit, long_text

NOTE_LIMIT = 20_000
RESOLUTION_LIMIT = 4000


def tr(text: str) -> str:
    return QCoreApplication.translate("InquiryDialog", text)


def fixed_label(text: str) -> QLabel:
    shown = QLabel(text)
    shown.setTextFormat(Qt.TextFormat.PlainText)
    shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return shown


def staff_combo(desk: Desk, none: str) -> IdCombo:
    """Active staff who can take work (viewers cannot be assigned anything)."""
    staff = [s for s in desk.office.staff.all(include_inactive=False) if s.role is not Role.VIEWER]
    combo = IdCombo()
    combo.set_items(staff_items(staff), none=none)
    return combo


class InquiryDialog(DraftDialog):
    """New inquiry (from a trader, a case, or the list page) or an edit of one."""

    def __init__(
        self,
        desk: Desk,
        parent: QWidget | None,
        *,
        inquiry: Inquiry | None = None,
        trader: Trader | None = None,
        case_id: int | None = None,
    ) -> None:
        title = (
            tr("Edit inquiry {ref}").format(ref=inquiry.ref) if inquiry else tr("Log an inquiry")
        )
        super().__init__(desk, parent, title, scroll=True)
        self.record = inquiry
        self.case_id = case_id if inquiry is None else inquiry.case_id
        f = self.form
        self.trader_picker: TraderPicker | None = None
        self.trader_id: int | None = trader.id if trader else None
        if inquiry is not None:
            self.trader_id = inquiry.trader_id
            owner = desk.office.traders.get(inquiry.trader_id)
            f.add("trader_id", tr("Trader"), fixed_label(f"{owner.legal_name} · {owner.code}"))
        elif trader is not None:
            f.add("trader_id", tr("Trader"), fixed_label(f"{trader.legal_name} · {trader.code}"))
        else:
            self.trader_picker = TraderPicker(desk.office)
            f.add("trader_id", tr("Trader *"), self.trader_picker)
        self.subject = f.add("subject", tr("Subject *"), line_edit(200))
        self.channel = f.add("channel", tr("Received by"), EnumCombo(Channel))
        self.category = f.add("category", tr("Category"), EnumCombo(Category))
        self.priority = f.add(
            "priority", tr("Priority"), EnumCombo(Priority, value=Priority.NORMAL)
        )
        self.contact = f.add("contact_name", tr("Contact person"), line_edit(120))
        self.assigned = f.add("assigned_to", tr("Assigned to"), staff_combo(desk, tr("Nobody yet")))
        today = self.today()
        self.received = DateField(today=today)
        if inquiry is None:
            f.add(
                "received_on",
                tr("Received on"),
                self.received,
                note=tr("Leave empty for now; give the day if it came in earlier."),
            )
        self.due = f.add(
            "due_on",
            tr("Answer due"),
            DateField(today=today),
            note=tr("Leave empty to use the response time of the priority."),
        )
        self.description = f.add("description", tr("Details"), long_text(20_000, lines=6))
        if inquiry is not None:
            self.load(inquiry)
        else:
            self.assigned.set_value(desk.office.actor.id)
        self.ready()

    def load(self, record: Inquiry) -> None:
        self.record = record
        self.subject.setText(record.subject)
        self.channel.set_value(record.channel.value)
        self.category.set_value(record.category.value)
        self.priority.set_value(record.priority.value)
        self.contact.setText(record.contact_name or "")
        self.assigned.set_value(record.assigned_to)
        self.due.set_date(record.due_on)
        self.description.setPlainText(record.description or "")

    def draft(self) -> InquiryDraft:
        trader_id = self.trader_picker.trader_id() if self.trader_picker else self.trader_id
        return InquiryDraft(
            trader_id=trader_id,
            subject=self.subject.text(),
            channel=self.channel.text_value(),
            category=self.category.text_value(),
            description=self.description.toPlainText(),
            priority=self.priority.text_value(),
            contact_name=self.contact.text(),
            assigned_to=self.assigned.id(),
            case_id=self.case_id,
            due_on=self.due.text(),
            received_on=self.received.text() if self.record is None else "",
        )


@dataclass(frozen=True)
class TransitionDraft:
    target: str
    note: str
    resolution: str


class TransitionDialog(DraftDialog):
    """Confirm a status move; ask for the resolution when resolving, a note otherwise."""

    def __init__(
        self, desk: Desk, parent: QWidget | None, inquiry: Inquiry, target: InquiryStatus
    ) -> None:
        action = inquiry_action(target, inquiry.status)
        super().__init__(
            desk, parent, f"{inquiry.ref} — {action.rstrip('…')}", save_text=action.rstrip("…")
        )
        self.record = inquiry
        self.target = target
        f = self.form
        move = tr("{old} → {new}").format(old=label(inquiry.status), new=label(target))
        f.add("status", tr("Status"), fixed_label(move))
        self.resolution = long_text(RESOLUTION_LIMIT, lines=4)
        if target is InquiryStatus.RESOLVED:
            f.add("resolution", tr("Resolution *"), self.resolution)
        self.note = f.add(
            "note",
            tr("Note"),
            long_text(NOTE_LIMIT, lines=3),
            note=tr("Optional; kept with the inquiry's notes."),
        )
        self.ready()

    def load(self, record: Inquiry) -> None:
        self.record = record

    def draft(self) -> TransitionDraft:
        return TransitionDraft(
            self.target.value, self.note.toPlainText(), self.resolution.toPlainText()
        )


class LinkCaseDialog(DraftDialog):
    """Link the inquiry to one of its trader's cases (or unlink it)."""

    def __init__(self, desk: Desk, parent: QWidget | None, inquiry: Inquiry) -> None:
        super().__init__(desk, parent, tr("Link {ref} to a case").format(ref=inquiry.ref))
        self.record = inquiry
        cases = desk.office.cases.for_trader(inquiry.trader_id)
        self.case = IdCombo()
        self.case.set_items(
            [(c.id, f"{c.ref} · {c.bl_number} · {label(c.status)}") for c in cases],
            none=tr("No case"),
        )
        self.case.set_value(inquiry.case_id)
        self.form.add("case_id", tr("Case"), self.case)
        if not cases:
            self.form.add("none", "", fixed_label(tr("This trader has no cases yet.")))
        self.ready()

    def load(self, record: Inquiry) -> None:
        self.record = record
        self.case.set_value(record.case_id)

    def draft(self) -> int | None:
        return self.case.id()
