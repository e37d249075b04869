"""Drop-down lists over the core's vocabularies and lookups: a value is stored as the core's
string (or id), shown in words; an optional list can say "none"."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QWidget

from ui.models.labels import label


def tr(text: str) -> str:
    return QCoreApplication.translate("choices", text)


class ValueCombo(QComboBox):
    """Items carry a value (a string or an id); ``value()`` gives it back (None for "none")."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def set_items(self, items: Iterable[tuple[object, str]], *, none: str | None = None) -> None:
        keep = self.value()
        self.blockSignals(True)
        self.clear()
        if none is not None:
            self.addItem(none, None)
        for value, text in items:
            self.addItem(text, value)
        self.blockSignals(False)
        self.set_value(keep)

    def value(self) -> object:
        return self.currentData() if self.currentIndex() >= 0 else None

    def text_value(self) -> str:
        value = self.value()
        return "" if value is None else str(value)

    def set_value(self, value: object) -> None:
        for index in range(self.count()):
            if self.itemData(index) == value:
                self.setCurrentIndex(index)
                return
        if self.count():
            self.setCurrentIndex(0)


class EnumCombo(ValueCombo):
    def __init__(
        self,
        enum: type[StrEnum],
        parent: QWidget | None = None,
        *,
        none: str | None = None,
        only: Iterable[StrEnum] | None = None,
        value: object = None,
    ) -> None:
        super().__init__(parent)
        members = list(only) if only is not None else list(enum)
        self.set_items(((m.value, label(m)) for m in members), none=none)
        if value is not None:
            self.set_value(getattr(value, "value", value))


def staff_items(staff: Iterable[object]) -> list[tuple[object, str]]:
    return [(s.id, s.full_name) for s in staff]  # type: ignore[attr-defined]


class IdCombo(ValueCombo):
    """Records by id (staff, shipping lines, parties, cases)."""

    def id(self) -> int | None:
        value = self.value()
        return value if isinstance(value, int) else None
