"""A list page's window state, kept between sessions in the QSettings group the main window
gives: the header (column order, widths, hidden columns), whether columns still fit themselves,
the order, and the filters."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings

from ui.pages.filters import restore_filters, save_filters

if TYPE_CHECKING:
    from ui.pages.listing import ListPage


def save_list_state(page: ListPage, settings: QSettings) -> None:
    settings.setValue("header", page.view.horizontalHeader().saveState())
    settings.setValue("autoFit", page.fitter.auto)  # False once the user sized a column
    settings.setValue("sort", page.model.sort_key)
    settings.setValue("descending", page.model.descending)
    save_filters(settings, page.filter_widgets)


def restore_list_state(page: ListPage, settings: QSettings) -> None:
    state = settings.value("header", QByteArray(), type=QByteArray)
    if isinstance(state, QByteArray) and not state.isEmpty():
        page.fitter.auto = False  # (restoring may sort, and so reload, before it returns)
        page.view.horizontalHeader().restoreState(state)
        page.fitter.auto = bool(settings.value("autoFit", False, type=bool))
    with page.restoring():
        restore_filters(settings, page.filter_widgets)
    sort = str(settings.value("sort", page.model.sort_key, type=str))
    descending = bool(settings.value("descending", page.model.descending, type=bool))
    if any(column.sort == sort for column in page.model.columns):
        page.model.set_sort(sort, descending)
    page.apply_filters()
    page.show_sort()
    page.fitter.fit(measure=False)
