"""The office settings dialog: letterhead details, the signatory, response times per priority and
the clock warnings. Kept in the database (so they are backed up); saved through
``office.settings.update``, which names any refused setting so the dialog marks that field."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QWidget

from liaison import paths
from liaison.enums import Language
from liaison.rules.identifiers import format_phone
from ui import prompts
from ui.desk import Desk
from ui.dialogs.base import DraftDialog
from ui.widgets.choices import EnumCombo
from ui.widgets.text import LongTextEdit, line_edit, long_text

TEXT_KEYS = (
    "backup_dir",
    "backup_second_dir",
    "office_name",
    "office_address",
    "office_phone",
    "office_email",
    "office_po_box",
    "signatory_name",
    "signatory_title",
)
NUMBER_KEYS = (
    "sla_days_urgent",
    "sla_days_high",
    "sla_days_normal",
    "sla_days_low",
    "storage_warning_days",
    "auction_threshold_days",
    "auction_notice_days",
    "backup_max_age_hours",
)


def tr(text: str) -> str:
    return QCoreApplication.translate("OfficeSettings", text)


class FolderField(QWidget):
    """A folder typed or chosen (prompts.choose_folder); empty means the default."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.edit = line_edit(400)
        self.changed = self.edit.textEdited
        choose = QPushButton(tr("Choose…"))
        choose.setAutoDefault(False)
        choose.clicked.connect(self._choose)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(choose)
        self.setFocusProxy(self.edit)

    def _choose(self) -> None:
        chosen = prompts.choose_folder(self, self.title, self.edit.text())
        if chosen is not None:
            self.edit.setText(str(chosen))
            self.edit.textEdited.emit(self.edit.text())


class OfficeSettingsDialog(DraftDialog):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent, tr("Office Settings"), scroll=True)
        self.setObjectName("officeSettingsDialog")
        self.setMinimumWidth(640)
        f = self.form
        self.fields: dict[str, QWidget] = {}
        f.add_heading(tr("Letterhead"))
        self._text("office_name", tr("Office name *"), 400)
        address = long_text(400, lines=3)
        address.setFixedHeight(address.fontMetrics().lineSpacing() * 4 + 16)
        self.fields["office_address"] = f.add("office_address", tr("Address"), address)
        self._text("office_phone", tr("Phone"), 40)
        self._text("office_email", tr("E-mail"), 200)
        self._text("office_po_box", tr("P.O. Box"), 100)
        self.language = f.add(
            "default_language", tr("Default letter language"), EnumCombo(Language)
        )
        f.add_heading(tr("Signatory of letters"))
        self._text("signatory_name", tr("Name"), 400)
        self._text("signatory_title", tr("Title"), 400)
        f.add_heading(tr("Response times (days to answer an inquiry, by priority)"))
        for key, caption in (
            ("sla_days_urgent", tr("Urgent")),
            ("sla_days_high", tr("High")),
            ("sla_days_normal", tr("Normal")),
            ("sla_days_low", tr("Low")),
        ):
            self._number(key, caption)
        f.add_heading(tr("Clocks"))
        self._number(
            "storage_warning_days",
            tr("Warn before free storage ends (days)"),
            tr("Today lists containers whose free storage ends within this many days."),
        )
        self._number(
            "auction_threshold_days",
            tr("Auction threshold (days after discharge)"),
            tr("EAC CMA s.42: 21 days. Change only if the law changes."),
        )
        self._number("auction_notice_days", tr("Auction notice (days)"))
        f.add_heading(tr("Backups"))
        for key, caption, note in (
            (
                "backup_dir",
                tr("Backup folder"),
                tr("Empty: {folder}. A USB disk or a second drive is safer.").format(
                    folder=paths.default_backup_dir()
                ),
            ),
            ("backup_second_dir", tr("Second copy to"), tr("Optional.")),
        ):
            folder = FolderField(tr("Choose the folder for backups"))
            self.fields[key] = folder.edit
            f.add(key, caption, folder, marks=[folder.edit], note=note)
        self._number(
            "backup_max_age_hours",
            tr("Warn when the last backup is older than (hours)"),
        )
        self.submit_with(lambda values: self.office.settings.update(values))
        self.load(self.office.settings.all())
        self.ready()

    def _text(self, key: str, caption: str, limit: int) -> None:
        self.fields[key] = self.form.add(key, caption, line_edit(limit))

    def _number(self, key: str, caption: str, note: str = "") -> None:
        edit = line_edit(4)
        edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("00000") + 24)
        self.fields[key] = self.form.add(key, caption, edit, note=note)

    def load(self, record: dict[str, str]) -> None:
        for key in (*TEXT_KEYS, *NUMBER_KEYS):
            value = record.get(key, "")
            if key == "office_phone" and value:
                value = format_phone(value)
            widget = self.fields[key]
            if isinstance(widget, LongTextEdit):
                widget.setPlainText(value)
            elif isinstance(widget, QLineEdit):
                widget.setText(value)
        self.language.set_value(record.get("default_language", Language.EN.value))

    def draft(self) -> dict[str, str]:
        values: dict[str, str] = {}
        for key, widget in self.fields.items():
            values[key] = (
                widget.toPlainText() if isinstance(widget, LongTextEdit) else widget.text()  # type: ignore[attr-defined]
            )
        values["default_language"] = self.language.text_value()
        return values
