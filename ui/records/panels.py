"""The tabs a trader, an inquiry and a case all have: notes, follow-ups, referrals to outside
parties, and history from the audit log. Each works on the record's owner (``{"case_id": 7}``,
…) through the Office façade and reloads itself when asked."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QPlainTextEdit, QSplitter, QVBoxLayout, QWidget

from liaison.clock import today
from liaison.enums import FollowUpStatus, ReferralStatus
from liaison.errors import LiaisonError
from liaison.models import AuditEntry, FollowUp, FollowUpRow, Note, Referral
from liaison.rules.identifiers import format_container
from ui.desk import Desk
from ui.dialogs.base import DraftDialog
from ui.dialogs.work import (
    FollowUpDialog,
    ReferralDialog,
    RescheduleDialog,
    ResponseDialog,
    TextDialog,
    note_dialog,
)
from ui.models.details import (
    history_columns,
    note_columns,
    owner_followup_columns,
    referral_columns,
)
from ui.records.base import TablePanel

Owner = dict[str, int]


def tr(text: str) -> str:
    return QCoreApplication.translate("RecordPanels", text)


class NotesPanel(QWidget):
    """Notes newest first; the selected note is shown whole below the list."""

    def __init__(self, desk: Desk, owner: Owner, about: Callable[[], str]) -> None:
        super().__init__()
        self.desk, self.owner, self.about = desk, owner, about
        self.table = TablePanel(note_columns(), empty=tr("No notes yet."))
        self.add_button = self.table.add_button(tr("Add note…"), self.add_note)
        self.table.finish_buttons()
        self.reader = QPlainTextEdit()
        self.reader.setReadOnly(True)
        self.reader.setPlaceholderText(tr("Choose a note to read it whole."))
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.reader)
        split.setSizes([300, 160])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self.table.view.selectionModel().currentRowChanged.connect(lambda *_: self._show())
        self.add_button.setEnabled(desk.can_edit)

    def reload(self) -> int:
        notes = self.desk.office.notes.for_owner(**self.owner)
        self.table.set_records(notes)
        self._show()
        return len(notes)

    def _show(self) -> None:
        note: Note | None = self.table.selected()
        self.reader.setPlainText(note.body if note else "")

    def add_note(self) -> Any:
        if not self.desk.can_edit:
            return None
        dialog = note_dialog(self.desk, self.window(), self.about())
        dialog.submit_with(lambda body: self.desk.office.notes.add(body, **self.owner))
        dialog.open()
        return dialog


class FollowUpsPanel(TablePanel):
    def __init__(self, desk: Desk, owner: Owner, about: Callable[[], str]) -> None:
        self.names: dict[int, str] = {}
        super().__init__(
            owner_followup_columns(self.name_of, lambda: today(desk.office.clock)),
            empty=tr("No follow-ups scheduled."),
        )
        self.desk, self.owner, self.about = desk, owner, about
        self.schedule_button = self.add_button(tr("Schedule follow-up…"), self.schedule)
        self.done_button = self.add_button(tr("Done…"), self.complete)
        self.reschedule_button = self.add_button(tr("Reschedule…"), self.reschedule)
        self.cancel_button = self.add_button(tr("Cancel…"), self.cancel)
        self.edit_button = self.add_button(tr("Edit…"), self.edit)
        self.finish_buttons()

    def name_of(self, staff_id: int | None) -> str:
        return self.names.get(staff_id, "") if staff_id is not None else ""

    def reload(self) -> int:
        self.names = self.desk.office.lookups.staff_names()
        rows = self.desk.office.followups.for_owner(**self.owner)
        self.set_records(rows)
        return sum(1 for r in rows if r.status is FollowUpStatus.PENDING)

    def selection_changed(self) -> None:
        row: FollowUpRow | None = self.selected()
        pending = row is not None and row.status is FollowUpStatus.PENDING
        editing = self.desk.can_edit
        self.schedule_button.setEnabled(editing)
        for button in (self.done_button, self.reschedule_button, self.cancel_button):
            button.setEnabled(editing and pending)
        self.edit_button.setEnabled(editing and pending)

    def schedule(self) -> Any:
        if not self.desk.can_edit:
            return None
        dialog = FollowUpDialog(self.desk, self.window(), dict(self.owner), about=self.about())
        dialog.submit_with(self.desk.office.followups.create)
        dialog.open()
        return dialog

    def _pending(self) -> Any:
        row: FollowUpRow | None = self.selected()
        if row is None or row.status is not FollowUpStatus.PENDING or not self.desk.can_edit:
            return None
        return self.desk.office.followups.get(row.id)

    def complete(self) -> Any:
        return self._ask(
            lambda followup: TextDialog(
                self.desk,
                self.window(),
                tr("Done — {what}").format(what=followup.title),
                field="outcome",
                caption=tr("Outcome *"),
                save_text=tr("Mark done"),
                intro=tr("What came of it?"),
            ),
            self.desk.office.followups.complete,
        )

    def cancel(self) -> Any:
        return self._ask(
            lambda followup: TextDialog(
                self.desk,
                self.window(),
                tr("Cancel — {what}").format(what=followup.title),
                field="reason",
                caption=tr("Why is it no longer needed? *"),
                save_text=tr("Cancel follow-up"),
                lines=3,
            ),
            self.desk.office.followups.cancel,
        )

    def reschedule(self) -> Any:
        return self._ask(
            lambda _followup: RescheduleDialog(self.desk, self.window(), self.selected()),
            self.desk.office.followups.reschedule,
        )

    def _ask(
        self, dialog_for: Callable[[FollowUp], DraftDialog], act: Callable[[int, Any, int], Any]
    ) -> DraftDialog | None:
        """Open ``dialog_for`` the selected pending follow-up; what it is given (an outcome, a
        reason, a new date) goes to ``act(id, answer, version)``."""
        followup = self._pending()
        if followup is None:
            return None
        dialog = dialog_for(followup)
        dialog.submit_with(lambda answer: act(followup.id, answer, followup.version))
        dialog.open()
        return dialog

    def edit(self) -> Any:
        followup = self._pending()
        if followup is None:
            return None
        dialog = FollowUpDialog(self.desk, self.window(), dict(self.owner), followup=followup)
        service = self.desk.office.followups
        dialog.submit_with(
            lambda draft: service.update(followup.id, draft, dialog.record.version),
            reload=lambda: service.get(followup.id),
        )
        dialog.open()
        return dialog


class ReferralsPanel(TablePanel):
    def __init__(self, desk: Desk, owner: Owner, about: Callable[[], str]) -> None:
        super().__init__(
            referral_columns(lambda: today(desk.office.clock)), empty=tr("Not referred to anyone.")
        )
        self.desk, self.owner, self.about = desk, owner, about
        self.refer_button = self.add_button(tr("Refer to…"), self.refer)
        self.response_button = self.add_button(tr("Record response…"), self.record_response)
        self.finish_buttons()

    def reload(self) -> int:
        referrals = self.desk.office.referrals.for_owner(**self.owner)
        self.set_records(referrals)
        waiting = (ReferralStatus.SENT, ReferralStatus.ACKNOWLEDGED)
        return sum(1 for r in referrals if r.status in waiting)

    def selection_changed(self) -> None:
        referral: Referral | None = self.selected()
        final = (ReferralStatus.ANSWERED, ReferralStatus.CANCELLED)
        self.refer_button.setEnabled(self.desk.can_edit)
        self.response_button.setEnabled(
            self.desk.can_edit and referral is not None and referral.status not in final
        )

    def refer(self) -> Any:
        if not self.desk.can_edit:
            return None
        dialog = ReferralDialog(self.desk, self.window(), self.about())
        dialog.submit_with(lambda draft: self.desk.office.referrals.refer(draft, **self.owner))
        dialog.open()
        return dialog

    def record_response(self) -> Any:
        chosen: Referral | None = self.selected()
        if chosen is None or not self.desk.can_edit:
            return None
        service = self.desk.office.referrals
        referral = service.get(chosen.id)
        dialog = ResponseDialog(self.desk, self.window(), referral)
        dialog.submit_with(
            lambda r: service.record_response(
                referral.id,
                r.status,
                responded_on=r.responded_on,
                summary=r.summary,
                their_reference=r.their_reference,
                expected_version=dialog.record.version,
            ),
            reload=lambda: service.get(referral.id),
        )
        dialog.open()
        return dialog


STAFF_FIELDS = frozenset({"assigned_to", "created_by", "updated_by", "voided_by", "staff_id"})


class RecordNames:
    """What the ids kept in the audit log stand for, so the history reads "Amina Uwase" or
    "KPA Mombasa — Container Operations" rather than "2". Each id is looked up once per load."""

    def __init__(self, office: Any) -> None:
        self.office = office
        self._known: dict[tuple[str, str], str | None] = {}

    def forget(self) -> None:
        self._known.clear()

    def __call__(self, field: str, value: str) -> str | None:
        key = (field, value)
        if key not in self._known:
            try:
                self._known[key] = self._look_up(field, int(value))
            except (LiaisonError, ValueError):
                self._known[key] = None
        return self._known[key]

    def _look_up(self, field: str, record_id: int) -> str | None:
        office = self.office
        if field in STAFF_FIELDS:
            return office.lookups.staff_names().get(record_id)
        if field in ("party_id", "agent_id"):
            parties = office.lookups.parties(active_only=False)
            return next((p.name for p in parties if p.id == record_id), None)
        if field == "shipping_line_id":
            lines = office.lookups.shipping_lines(active_only=False)
            return next((line.name for line in lines if line.id == record_id), None)
        if field in ("trader_id", "merged_into_id"):
            trader = office.traders.get(record_id)
            return f"{trader.legal_name} · {trader.code}"
        if field == "case_id":
            return str(office.cases.get(record_id).ref)
        if field == "inquiry_id":
            return str(office.inquiries.get(record_id).ref)
        if field == "container_id":
            return format_container(office.tracking.container(record_id).number)
        return None


class HistoryPanel(TablePanel):
    """The audit log of the record (and of its parts), newest first. Loaded when shown."""

    def __init__(self, source: Callable[[], list[AuditEntry]], office: Any = None) -> None:
        self.names = RecordNames(office) if office is not None else None
        super().__init__(history_columns(self.names), empty=tr("No history."))
        self.source = source
        self.finish_buttons()
        self.stale = True

    def reload(self) -> None:
        if not self.isVisible():
            self.stale = True
            return
        self._load()

    def _load(self) -> None:
        if self.names is not None:
            self.names.forget()  # a trader or a party may have been renamed meanwhile
        self.set_records(sorted(self.source(), key=lambda entry: entry.id, reverse=True))
        self.stale = False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stale:
            self._load()
