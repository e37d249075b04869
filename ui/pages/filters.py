"""The values of a list page's filter widgets (value lists, check boxes, dates): read, set back,
and kept in QSettings between sessions as text (read back with ``type=``)."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QCheckBox, QWidget

from ui.widgets.choices import ValueCombo
from ui.widgets.dates import DateField

Widgets = Mapping[str, QWidget]


def filter_value(widget: QWidget) -> object:
    if isinstance(widget, ValueCombo):
        return widget.value()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, DateField):
        return widget.text()
    return None


def set_filter_value(widget: QWidget, value: object) -> None:
    if isinstance(widget, ValueCombo):
        widget.set_value(value)
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif isinstance(widget, DateField):
        widget.edit.setText(str(value or ""))


def save_filters(settings: QSettings, widgets: Widgets) -> None:
    settings.beginGroup("filters")
    settings.remove("")
    for name, widget in widgets.items():
        if isinstance(widget, ValueCombo):
            settings.setValue(name, widget.text_value())
        elif isinstance(widget, QCheckBox | DateField):
            settings.setValue(name, filter_value(widget))
    settings.endGroup()


def restore_filters(settings: QSettings, widgets: Widgets) -> None:
    settings.beginGroup("filters")
    for name, widget in widgets.items():
        if not settings.contains(name):
            continue
        if isinstance(widget, ValueCombo):
            saved = settings.value(name, "", type=str)
            for index in range(widget.count()):
                data = widget.itemData(index)
                if ("" if data is None else str(data)) == saved:
                    widget.setCurrentIndex(index)
                    break
        elif isinstance(widget, QCheckBox):
            widget.setChecked(settings.value(name, False, type=bool))
        elif isinstance(widget, DateField):
            widget.edit.setText(settings.value(name, "", type=str))
    settings.endGroup()
