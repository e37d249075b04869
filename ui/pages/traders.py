"""The traders list: every registered business, filtered by status and district, sorted in SQL;
New registers a trader through the trader dialog."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from liaison.enums import Entity, TraderStatus
from liaison.models import TraderRow
from ui.desk import Desk
from ui.dialogs.trader import DISTRICTS, TraderDialog
from ui.models.lazy import LazyTableModel
from ui.models.lists import traders_model
from ui.pages.listing import ListPage
from ui.widgets.choices import EnumCombo, ValueCombo


def tr(text: str) -> str:
    return QCoreApplication.translate("TradersPage", text)


class TradersPage(ListPage):
    kind = Entity.TRADERS
    watch = (Entity.TRADERS, Entity.CASES, Entity.INQUIRIES)
    flexible = ("legal_name", "trading_name")

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        self.title = tr("Traders")
        super().__init__(desk, parent)

    def make_model(self) -> LazyTableModel:
        return traders_model(self.office.traders, filters=self.filters())

    def build_filters(self) -> None:
        self.status = EnumCombo(TraderStatus, none=tr("Active and inactive"))
        self.add_filter("status", tr("Status"), self.status)
        self.district = ValueCombo()
        self.district.set_items([(d, d) for d in DISTRICTS], none=tr("Any district"))
        self.add_filter("district", tr("District"), self.district)

    def filters(self) -> dict[str, object]:
        if not hasattr(self, "status"):
            return {}
        return {"status": self.status.text_value(), "district": self.district.text_value()}

    def new_text(self) -> str:
        return tr("New trader…")

    def count_text(self, count: int) -> str:
        if count == 1:
            return tr("1 trader")
        return tr("{n} traders").format(n=f"{count:,}")

    def empty_text(self) -> str:
        return tr("No trader matches these filters.")

    def none_yet_text(self) -> str:
        return tr("No traders yet. Register the first one with “New trader…”.")

    def not_listed_text(self) -> str:
        return tr("That trader is not in the list: it does not match the filters.")

    def new_record(self) -> Any:
        if not self.desk.can_edit:
            return None
        dialog = TraderDialog(self.desk, self)
        dialog.submit_with(self.office.traders.create)
        dialog.saved.connect(self._created)
        dialog.open()
        return dialog

    def edit_record(self, record: TraderRow) -> Any:
        trader = self.office.traders.get(record.id)
        dialog = TraderDialog(self.desk, self, trader)
        dialog.submit_with(
            lambda draft: self.office.traders.update(trader.id, draft, dialog.record.version),
            reload=lambda: self.office.traders.get(trader.id),
        )
        dialog.open()
        return dialog

    def _created(self, result: Any) -> None:
        trader, _changes = result
        self.select_id(trader.id)
