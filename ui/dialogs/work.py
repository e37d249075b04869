"""Dialogs for the work kept against a trader, an inquiry or a case: a follow-up
(``FollowUpDraft``), a note, a referral to an outside party (``ReferralDraft``) and its response,
and the short ones that ask one thing (a reason, an outcome, a new due date)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QPushButton, QWidget

from liaison.enums import Channel, FollowUpKind, PartyKind, ReferralStatus
from liaison.models import FollowUp, FollowUpDraft, FollowUpRow, Referral, ReferralDraft
from ui.desk import Desk
from ui.dialogs.base import DraftDialog
from ui.dialogs.inquiry import fixed_label, staff_combo
from ui.models.labels import label
from ui.widgets.choices import EnumCombo, IdCombo, ValueCombo
from ui.widgets.dates import DateField
from ui.widgets.forms import on_change, with_button
from ui.widgets.pickers import TraderPicker
from ui.widgets.text import line_edit, long_text

NOTE_LIMIT = 20_000
TEXT_LIMIT = 4000
Owner = dict[str, int]  # {"trader_id": 3} or {"inquiry_id": …} or {"case_id": …}


def tr(text: str) -> str:
    return QCoreApplication.translate("WorkDialogs", text)


class FollowUpDialog(DraftDialog):
    """Schedule a follow-up on a record (or edit a pending one)."""

    def __init__(
        self,
        desk: Desk,
        parent: QWidget | None,
        owner: Owner,
        *,
        followup: FollowUp | None = None,
        about: str = "",
    ) -> None:
        title = tr("Edit follow-up") if followup else tr("Schedule a follow-up")
        super().__init__(desk, parent, f"{title} — {about}" if about else title)
        self.owner = owner
        self.record = followup
        f = self.form
        self.owner_picker: TraderPicker | None = None
        if not owner and followup is None:
            self.owner_picker = TraderPicker(desk.office)
            f.add("owner", tr("For trader *"), self.owner_picker)
            f.alias("trader_id", "owner")
        self.title_edit = f.add("title", tr("What *"), line_edit(200))
        self.kind = f.add("kind", tr("Kind"), EnumCombo(FollowUpKind))
        self.due = f.add("due_on", tr("Due on *"), DateField(today=self.today()))
        self.time = f.add("due_time", tr("Time"), line_edit(5, placeholder=tr("HH:MM")))
        self.assigned = f.add("assigned_to", tr("Assigned to"), staff_combo(desk, tr("Nobody")))
        if followup is not None:
            self.load(followup)
        else:
            self.assigned.set_value(desk.office.actor.id)
        self.ready()

    def load(self, record: FollowUp) -> None:
        self.record = record
        self.title_edit.setText(record.title)
        self.kind.set_value(record.kind.value)
        self.due.set_date(record.due_on)
        self.time.setText(record.due_time or "")
        self.assigned.set_value(record.assigned_to)

    def draft(self) -> FollowUpDraft:
        owner = self.owner if self.record is None else {}
        if self.owner_picker is not None:
            picked = self.owner_picker.trader_id()
            owner = {"trader_id": picked} if picked is not None else {}
        return FollowUpDraft(
            title=self.title_edit.text(),
            due_on=self.due.text(),
            kind=self.kind.text_value(),
            due_time=self.time.text(),
            assigned_to=self.assigned.id(),
            trader_id=owner.get("trader_id"),
            inquiry_id=owner.get("inquiry_id"),
            case_id=owner.get("case_id"),
        )


class TextDialog(DraftDialog):
    """Asks for one piece of text: a note, a reason to void, the outcome of a follow-up…"""

    def __init__(
        self,
        desk: Desk,
        parent: QWidget | None,
        title: str,
        *,
        field: str,
        caption: str,
        limit: int = TEXT_LIMIT,
        save_text: str | None = None,
        intro: str = "",
        lines: int = 5,
    ) -> None:
        super().__init__(desk, parent, title, save_text=save_text)
        if intro:
            self.form.add("intro", "", fixed_label(intro))
        self.text = self.form.add(field, caption, long_text(limit, lines=lines))
        self.ready()

    def load(self, record: object) -> None:
        return None

    def draft(self) -> str:
        return self.text.toPlainText()


def note_dialog(desk: Desk, parent: QWidget | None, about: str) -> TextDialog:
    return TextDialog(
        desk,
        parent,
        tr("Add a note — {about}").format(about=about),
        field="body",
        caption=tr("Note *"),
        limit=NOTE_LIMIT,
        save_text=tr("Add note"),
        lines=8,
    )


class RescheduleDialog(DraftDialog):
    def __init__(self, desk: Desk, parent: QWidget | None, followup: FollowUpRow) -> None:
        super().__init__(desk, parent, tr("Reschedule — {what}").format(what=followup.title))
        self.due = self.form.add("due_on", tr("New due date *"), DateField(today=self.today()))
        self.due.set_date(followup.due_on)
        self.ready()

    def load(self, record: object) -> None:
        return None

    def draft(self) -> str:
        return self.due.text()


def party_text(name: str, kind: str) -> str:
    """A party as the list shows it: its kind after the name, unless the name says it already
    ("NCTTCA", not "NCTTCA (NCTTCA)")."""
    return name if kind.casefold() in name.casefold() else f"{name} ({kind})"


class ReferralDialog(DraftDialog):
    """Refer the matter to an outside party (a KPA desk, KRA, RRA, a shipping line…)."""

    def __init__(self, desk: Desk, parent: QWidget | None, about: str) -> None:
        super().__init__(desk, parent, tr("Refer — {about}").format(about=about))
        f = self.form
        self.party = IdCombo()
        self._fill_parties()
        self.new_party_button = QPushButton(tr("New party…"))
        self.new_party_button.clicked.connect(self.new_party)
        chooser = with_button(self.party, self.new_party_button)
        f.add("party_id", tr("Referred to *"), chooser, marks=[self.party])
        on_change(self.party, lambda: f.clear_error("party_id"))
        self.referred = f.add(
            "referred_on",
            tr("Referred on"),
            DateField(today=self.today()),
            note=tr("Leave empty for today."),
        )
        self.channel = f.add("channel", tr("By"), EnumCombo(Channel, value=Channel.EMAIL))
        self.reference = f.add("their_reference", tr("Their reference"), line_edit(60))
        self.due = f.add(
            "response_due_on",
            tr("Answer expected by"),
            DateField(today=self.today()),
            note=tr("Leave empty for five days after the referral."),
        )
        self.ready()

    def _fill_parties(self) -> None:
        parties = self.desk.office.lookups.parties()
        self.party.set_items(
            [(p.id, party_text(p.name, label(p.kind))) for p in parties], none=tr("Choose…")
        )

    def new_party(self) -> PartyDialog:
        """An office, desk or company the office has not dealt with before."""
        dialog = PartyDialog(self.desk, self)
        dialog.submit_with(
            lambda d: self.desk.office.lookups.add_party(
                d.name,
                d.kind,
                country=d.country,
                phone=d.phone,
                email=d.email,
                contact_name=d.contact_name,
            )
        )
        dialog.saved.connect(self._party_added)
        dialog.open()
        return dialog

    def _party_added(self, result: Any) -> None:
        party, _changes = result
        self._fill_parties()
        self.party.set_value(party.id)

    def load(self, record: object) -> None:
        return None

    def draft(self) -> ReferralDraft:
        return ReferralDraft(
            party_id=self.party.id(),
            referred_on=self.referred.text(),
            channel=self.channel.text_value(),
            their_reference=self.reference.text(),
            response_due_on=self.due.text(),
        )


@dataclass(frozen=True)
class PartyDraft:
    name: str
    kind: str
    country: str
    phone: str
    email: str
    contact_name: str


class PartyDialog(DraftDialog):
    def __init__(self, desk: Desk, parent: QWidget | None) -> None:
        super().__init__(desk, parent, tr("New outside party"))
        f = self.form
        self.name = f.add("name", tr("Name *"), line_edit(120))
        self.kind = f.add("kind", tr("Kind"), EnumCombo(PartyKind, value=PartyKind.KPA_DESK))
        self.country = ValueCombo()
        self.country.set_items(
            [
                ("RW", tr("Rwanda")),
                ("KE", tr("Kenya")),
                ("UG", tr("Uganda")),
                ("TZ", tr("Tanzania")),
                ("OTHER", tr("Other")),
            ],
            none=tr("—"),
        )
        f.add("country", tr("Country"), self.country)
        self.contact = f.add("contact_name", tr("Contact person"), line_edit(120))
        self.phone = f.add("phone", tr("Phone"), line_edit(30))
        self.email = f.add("email", tr("E-mail"), line_edit(254))
        self.ready()

    def load(self, record: object) -> None:
        return None

    def draft(self) -> PartyDraft:
        return PartyDraft(
            self.name.text(),
            self.kind.text_value(),
            self.country.text_value(),
            self.phone.text(),
            self.email.text(),
            self.contact.text(),
        )


@dataclass(frozen=True)
class ResponseDraft:
    status: str
    responded_on: str
    summary: str
    their_reference: str


class ResponseDialog(DraftDialog):
    """What the party did with a referral: acknowledged, answered, no response, withdrawn."""

    def __init__(self, desk: Desk, parent: QWidget | None, referral: Referral) -> None:
        super().__init__(
            desk, parent, tr("Response from {party}").format(party=referral.party_name)
        )
        self.record = referral
        f = self.form
        RS = ReferralStatus
        offered = [RS.ACKNOWLEDGED, RS.ANSWERED, RS.NO_RESPONSE, RS.CANCELLED]
        self.status = f.add(
            "status",
            tr("Outcome"),
            EnumCombo(RS, only=[s for s in offered if s is not referral.status], value=RS.ANSWERED),
        )
        self.responded = f.add(
            "responded_on",
            tr("Answered on"),
            DateField(today=self.today()),
            note=tr("Leave empty for today."),
        )
        self.reference = f.add("their_reference", tr("Their reference"), line_edit(60))
        self.reference.setText(referral.their_reference or "")
        self.summary = f.add("summary", tr("Their answer"), long_text(TEXT_LIMIT, lines=5))
        self.ready()

    def load(self, record: Referral) -> None:
        self.record = record

    def draft(self) -> ResponseDraft:
        return ResponseDraft(
            self.status.text_value(),
            self.responded.text(),
            self.summary.toPlainText(),
            self.reference.text(),
        )
