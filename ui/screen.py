"""Sizing top-level windows to the screen they open on: a default size chosen for a large
monitor must still fit an ordinary office screen (1366×768), title bar and task bar included."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# Room left for the window frame and title bar, and for a task bar the screen does not report.
FRAME_MARGIN = QSize(40, 80)


def fitted_size(widget: QWidget, width: int, height: int) -> QSize:
    """``width`` × ``height``, made smaller where the widget's screen has less room."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return QSize(width, height)
    room = screen.availableGeometry().size() - FRAME_MARGIN
    return QSize(min(width, room.width()), min(height, room.height()))


def resize_to_fit(widget: QWidget, width: int, height: int) -> None:
    widget.resize(fitted_size(widget, width, height))
