"""Free-day tariffs: the KPA free-storage rules per location and the shipping lines' free days,
each with the dates it is in force. Administrators add and correct them; the core recomputes
the clocks of every case a change touches."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from liaison.enums import Entity, TariffKind, TariffLocation
from liaison.models import Tariff, TariffDraft
from ui.admin.listing import RecordListDialog
from ui.desk import Desk
from ui.dialogs.base import DraftDialog
from ui.models.base import RIGHT, Column, date_text
from ui.models.labels import label
from ui.widgets.choices import EnumCombo, IdCombo, ValueCombo
from ui.widgets.dates import DateField
from ui.widgets.text import line_edit

CURRENCIES = ("USD", "KES", "RWF")


def tr(text: str) -> str:
    return QCoreApplication.translate("Tariffs", text)


def money(minor: int | None, currency: str) -> str:
    if minor is None:
        return ""
    return f"{currency} {minor // 100:,}.{minor % 100:02d}"


def major(minor: int | None) -> str:
    """Minor units back to what a person types: 3000 → "30", 3050 → "30.50"."""
    if minor is None:
        return ""
    whole, cents = divmod(minor, 100)
    return f"{whole}" if cents == 0 else f"{whole}.{cents:02d}"


class TariffsDialog(RecordListDialog):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        self.line_names = {
            line.id: line.name for line in desk.office.lookups.shipping_lines(active_only=False)
        }
        columns = [
            Column("kind", tr("Rule"), lambda t: label(t.kind)),
            Column("location", tr("Where"), lambda t: label(t.location) if t.location else ""),
            Column(
                "line",
                tr("Shipping line"),
                lambda t: (
                    self.line_names.get(t.shipping_line_id, "") if t.shipping_line_id else tr("any")
                ),
            ),
            Column("free_days", tr("Free days"), lambda t: str(t.free_days), align=RIGHT),
            Column(
                "rate",
                tr("Per day after"),
                lambda t: money(t.daily_rate_minor, t.currency),
                align=RIGHT,
            ),
            Column("from", tr("From"), lambda t: date_text(t.effective_from)),
            Column("to", tr("To"), lambda t: date_text(t.effective_to) or tr("in force")),
            Column("source", tr("Source"), lambda t: t.source_note or ""),
        ]
        super().__init__(
            desk,
            parent,
            tr("Free-Storage Tariffs"),
            tr(
                "The rule in force on a container's discharge date sets its free days. Add a new "
                "rule when KPA or a line announces a change (end the old rule the day before); "
                "correct a rule only if it was typed wrongly. Clocks are recomputed at once."
            ),
            columns,
            Entity.TARIFFS,
        )
        self.setObjectName("tariffsDialog")
        self.add_button(tr("Add Rule…"), self.add_rule)
        self.edit_button = self.add_button(tr("Edit…"), self.edit_rule, needs_selection=True)
        self.default_action = self.edit_rule
        self.reload()

    def reload(self) -> None:
        self.fill(self.office.tariffs.all())

    def add_rule(self) -> None:
        dialog = TariffDialog(self.desk, self)
        dialog.submit_with(lambda draft: self.office.tariffs.create(draft))
        dialog.exec()

    def edit_rule(self) -> None:
        tariff = self.selected()
        if tariff is None:
            return
        dialog = TariffDialog(self.desk, self, tariff)
        dialog.submit_with(
            lambda draft: self.office.tariffs.update(tariff.id, draft, dialog.version),
            reload=lambda: self.office.tariffs.get(tariff.id),
        )
        dialog.exec()


class TariffDialog(DraftDialog):
    def __init__(self, desk: Desk, parent: QWidget | None, tariff: Tariff | None = None) -> None:
        super().__init__(desk, parent, tr("Edit Tariff Rule") if tariff else tr("New Tariff Rule"))
        self.setMinimumWidth(600)
        self.version = tariff.version if tariff else 0
        f = self.form
        self.kind = f.add("kind", tr("Rule *"), EnumCombo(TariffKind))
        self.location = f.add(
            "location", tr("Where the boxes are stored"), EnumCombo(TariffLocation, none="—")
        )
        self.line = f.add("shipping_line_id", tr("Shipping line"), IdCombo())
        self.line.set_items(
            [(line.id, line.name) for line in desk.office.lookups.shipping_lines()],
            none=tr("Any line"),
        )
        self.free_days = f.add("free_days", tr("Free days *"), line_edit(3))
        self.rate = f.add(
            "daily_rate",
            tr("Charge per day after"),
            line_edit(12, placeholder=tr("e.g. 30 or 30.50")),
            note=tr("Indicative, per container."),
        )
        self.currency = f.add("currency", tr("Currency"), ValueCombo())
        self.currency.set_items((c, c) for c in CURRENCIES)
        self.starts = f.add("effective_from", tr("In force from *"), DateField(today=self.today()))
        self.ends = f.add(
            "effective_to",
            tr("In force until"),
            DateField(today=self.today()),
            note=tr("Leave empty while the rule is in force."),
        )
        self.source = f.add("source_note", tr("Source"), line_edit(400))
        self.kind.changed.connect(self._kind_changed)
        if tariff is not None:
            self.load(tariff)
        else:
            self.location.set_value(TariffLocation.MSA.value)
        self._kind_changed()
        self.ready()

    def _kind_changed(self) -> None:
        storage = self.kind.text_value() == TariffKind.KPA_FREE_STORAGE.value
        self.location.setEnabled(storage)
        self.line.setEnabled(not storage)

    def load(self, record: Tariff) -> None:
        self.version = record.version
        self.kind.set_value(record.kind.value)
        self.location.set_value(record.location.value if record.location else None)
        self.line.set_value(record.shipping_line_id)
        self.free_days.setText(str(record.free_days))
        self.rate.setText(major(record.daily_rate_minor))
        self.currency.set_value(record.currency)
        self.starts.set_date(record.effective_from)
        self.ends.set_date(record.effective_to)
        self.source.setText(record.source_note or "")
        self._kind_changed()

    def draft(self) -> TariffDraft:
        storage = self.kind.text_value() == TariffKind.KPA_FREE_STORAGE.value
        return TariffDraft(
            kind=self.kind.text_value(),
            free_days=self.free_days.text(),
            effective_from=self.starts.text(),
            location=self.location.text_value() if storage else "",
            shipping_line_id=None if storage else self.line.id(),
            daily_rate=self.rate.text(),
            currency=self.currency.text_value(),
            effective_to=self.ends.text(),
            source_note=self.source.text(),
        )
