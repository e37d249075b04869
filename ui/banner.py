"""The DEMO marking: a banner for the main window and dialogs of a demo database, and a marker
that prefixes the title of every window the app shows while a demo database is open, so that
invented data is never mistaken for the office's (record windows and dialogs included)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Slot
from PySide6.QtGui import QGuiApplication, QWindow
from PySide6.QtWidgets import QApplication, QLabel, QSizePolicy, QWidget

MARKED = "liaisonDemoMarked"


def tr(text: str) -> str:
    return QCoreApplication.translate("banner", text)


def demo_prefix() -> str:
    return tr("DEMO") + " · "


def demo_banner(parent: QWidget | None = None) -> QLabel:
    """A strip saying plainly that the data is invented; put it at the top of a window."""
    label = QLabel(
        tr(
            "DEMO DATABASE — every trader, case and letter here is invented for practice. "
            "Do not enter real office work."
        ),
        parent,
    )
    label.setObjectName("demoBanner")
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
    label.setStyleSheet(
        "QLabel#demoBanner { background: #f5b800; color: #1a1a1a; font-weight: bold;"
        " padding: 6px; border-bottom: 2px solid #b38600; }"
    )
    return label


class DemoMarker(QObject):
    """While installed, every top-level window's title starts with "DEMO · "."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._active = False

    def install(self) -> None:
        self._active = True
        app = QApplication.instance()
        if isinstance(app, QGuiApplication):
            app.focusWindowChanged.connect(self._window_focused)
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible():
                self.mark(widget)

    def uninstall(self) -> None:
        self._active = False
        app = QApplication.instance()
        if isinstance(app, QGuiApplication):
            app.focusWindowChanged.disconnect(self._window_focused)
        for widget in QApplication.topLevelWidgets():
            if widget.property(MARKED):
                widget.removeEventFilter(self)
                widget.setProperty(MARKED, False)
                title = widget.windowTitle()
                if title.startswith(demo_prefix()):
                    widget.setWindowTitle(title[len(demo_prefix()) :])

    def mark(self, widget: QWidget) -> None:
        """Prefix the title now and keep it prefixed when the window retitles itself."""
        if not self._active:
            return
        if not widget.property(MARKED):
            widget.setProperty(MARKED, True)
            widget.installEventFilter(self)
        self._prefix(widget)

    def _prefix(self, widget: QWidget) -> None:
        title = widget.windowTitle()
        if not title.startswith(demo_prefix()):
            widget.setWindowTitle(demo_prefix() + title)

    @Slot(QWindow)
    def _window_focused(self, window: QWindow | None) -> None:
        if window is None:
            return
        for widget in QApplication.topLevelWidgets():
            if widget.windowHandle() is window:
                self.mark(widget)
                return

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            self._active
            and event.type() == QEvent.Type.WindowTitleChange
            and isinstance(watched, QWidget)
        ):
            self._prefix(watched)
        return False
