"""Registering and editing a trader: the dialog returns a ``TraderDraft``."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QCompleter, QLabel, QWidget

from liaison.enums import Language
from liaison.models import Trader, TraderDraft
from liaison.rules.identifiers import compact, format_phone, tin_warning
from ui.desk import Desk
from ui.dialogs.base import DraftDialog
from ui.widgets.choices import EnumCombo
from ui.widgets.text import line_edit, long_text

# Rwanda's thirty districts, offered as suggestions (a trader abroad may type another place).
DISTRICTS = (
    "Gasabo", "Kicukiro", "Nyarugenge",
    "Burera", "Gakenke", "Gicumbi", "Musanze", "Rulindo",
    "Gisagara", "Huye", "Kamonyi", "Muhanga", "Nyamagabe", "Nyanza", "Nyaruguru", "Ruhango",
    "Bugesera", "Gatsibo", "Kayonza", "Kirehe", "Ngoma", "Nyagatare", "Rwamagana",
    "Karongi", "Ngororero", "Nyabihu", "Nyamasheke", "Rubavu", "Rusizi", "Rutsiro",
)  # fmt: skip


def tr(text: str) -> str:
    return QCoreApplication.translate("TraderDialog", text)


class TraderDialog(DraftDialog):
    def __init__(self, desk: Desk, parent: QWidget | None, trader: Trader | None = None) -> None:
        title = tr("Edit trader") if trader else tr("Register a trader")
        super().__init__(desk, parent, title, scroll=True)
        self.record = trader
        f = self.form
        self.legal_name = f.add("legal_name", tr("Legal name *"), line_edit(200))
        self.trading_name = f.add("trading_name", tr("Trading name"), line_edit(200))
        self.tin = f.add(
            "tin", tr("TIN"), line_edit(20, placeholder=tr("9 digits, e.g. 102345678"))
        )
        self.tin_note = QLabel()
        self.tin_note.setTextFormat(Qt.TextFormat.PlainText)
        self.tin_note.setProperty("role", "note")
        self.tin_note.setProperty("level", "warning")
        self.tin_note.hide()
        f.rows["tin"].holder.layout().insertWidget(1, self.tin_note)
        self.tin.textChanged.connect(self._check_tin)
        self.vat = f.add("vat_registered", "", QCheckBox(tr("Registered for VAT")))
        self.phone = f.add("phone", tr("Phone"), line_edit(30, placeholder="0788 123 456"))
        self.phone_alt = f.add("phone_alt", tr("Other phone"), line_edit(30))
        self.whatsapp = f.add("whatsapp", tr("WhatsApp"), line_edit(30))
        self.email = f.add("email", tr("E-mail"), line_edit(254))
        self.contact = f.add("contact_person", tr("Contact person"), line_edit(120))
        self.language = f.add(
            "language",
            tr("Letter language"),
            EnumCombo(Language, value=desk.office.settings.get("default_language")),
        )
        self.sector_of_business = f.add("business_sector", tr("Business"), line_edit(80))
        self.district = QComboBox()
        self.district.setEditable(True)
        self.district.addItem("")
        self.district.addItems(list(DISTRICTS))
        self.district.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        edit = self.district.lineEdit()
        assert edit is not None
        edit.setMaxLength(60)
        completer = self.district.completer()
        if completer is not None:
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            completer.setFilterMode(Qt.MatchFlag.MatchStartsWith)
        f.add("district", tr("District"), self.district)
        self.sector = f.add("sector", tr("Sector"), line_edit(60))
        self.street = f.add("street", tr("Street / building"), line_edit(200))
        self.po_box = f.add("po_box", tr("P.O. Box"), line_edit(40))
        self.notes = f.add("notes", tr("Notes"), long_text(4000, lines=3))
        if trader is not None:
            self.load(trader)
        self.ready()

    def _check_tin(self, text: str) -> None:
        tin = compact(text)
        warning = tin_warning(tin) if len(tin) == 9 and tin.isdigit() else None
        self.tin_note.setText(tr("Rwandan TINs usually begin with 1 or 0.") if warning else "")
        self.tin_note.setVisible(bool(warning))

    def load(self, record: Trader) -> None:
        self.record = record
        self.legal_name.setText(record.legal_name)
        self.trading_name.setText(record.trading_name or "")
        self.tin.setText(record.tin or "")
        self.vat.setChecked(record.vat_registered)
        self.phone.setText(format_phone(record.phone))
        self.phone_alt.setText(format_phone(record.phone_alt))
        self.whatsapp.setText(format_phone(record.whatsapp))
        self.email.setText(record.email or "")
        self.contact.setText(record.contact_person or "")
        self.language.set_value(record.language.value)
        self.sector_of_business.setText(record.business_sector or "")
        self.district.setCurrentText(record.district or "")
        self.sector.setText(record.sector or "")
        self.street.setText(record.street or "")
        self.po_box.setText(record.po_box or "")
        self.notes.setPlainText(record.notes or "")

    def draft(self) -> TraderDraft:
        return TraderDraft(
            legal_name=self.legal_name.text(),
            trading_name=self.trading_name.text(),
            tin=self.tin.text(),
            vat_registered=self.vat.isChecked(),
            business_sector=self.sector_of_business.text(),
            district=self.district.currentText(),
            sector=self.sector.text(),
            street=self.street.text(),
            po_box=self.po_box.text(),
            phone=self.phone.text(),
            phone_alt=self.phone_alt.text(),
            whatsapp=self.whatsapp.text(),
            email=self.email.text(),
            contact_person=self.contact.text(),
            language=self.language.text_value(),
            notes=self.notes.toPlainText(),
        )
