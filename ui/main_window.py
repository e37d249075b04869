"""The main window: navigation between the pages, menus and toolbar built from actions, the
global search box, the status bar, the DEMO banner, record windows, and the window state kept in
QSettings between runs.

Today is made with the window (its count shows in the navigation whatever page is in front); every
other page is made the first time it is shown or asked for (``ui.page_set``), and its saved
state (columns, sort, filters) is restored then.

The window does not decide what happens after sign-out or when another database is chosen: it
emits ``sign_out_requested`` / ``open_database_requested`` and the Launcher carries on.
"""

from __future__ import annotations

import logging
from typing import Protocol

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from liaison.enums import Entity
from liaison.errors import LiaisonError
from liaison.models import Changes
from ui import prompts
from ui.banner import DemoMarker, demo_banner
from ui.desk import Desk
from ui.main_menus import MenuBuilder
from ui.models.labels import label
from ui.page_set import PageSet, standard_pages
from ui.screen import resize_to_fit
from ui.search_box import SearchBox
from ui.watch import Watch
from ui.wording import error_text

log = logging.getLogger("liaison.ui")

GROUP = "mainWindow"
NAVIGATION_STYLE = """
QListWidget#navigation { font-size: 11pt; padding-top: 6px; }
QListWidget#navigation::item { padding: 7px 10px; }
"""


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


class Page(Protocol):
    """What the window needs of a page (the contract of every ui.pages module)."""

    title: str

    def new_record(self) -> None: ...
    def restore_state(self, settings: QSettings) -> None: ...
    def save_state(self, settings: QSettings) -> None: ...


class MainWindow(QMainWindow):
    sign_out_requested = Signal()
    open_database_requested = Signal()
    closed = Signal()

    def __init__(
        self, desk: Desk, parent: QWidget | None = None, *, auto_backup: bool = True
    ) -> None:
        super().__init__(parent)
        self.desk = desk
        self.office = desk.office
        # False when only the person changes (sign-out): the office stays open, no backup yet.
        self.closes_office = True
        self.pages = PageSet(self._page_built)
        self._page_items: dict[str, QListWidgetItem] = {}
        self._restored = False
        self._restored_from: QSettings | None = None  # pages made later restore from here
        self.is_demo = self.office.settings.is_demo()
        self.demo_marker = DemoMarker(self) if self.is_demo else None
        self.setObjectName("mainWindow")
        self.setWindowTitle(self._title())
        resize_to_fit(self, 1280, 760)

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setStyleSheet(NAVIGATION_STYLE)
        self.navigation.setMinimumWidth(120)
        self.navigation.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.stack = QStackedWidget()
        # A page wider than a small screen scrolls instead of pushing the window off the screen.
        self.page_area = QScrollArea()
        self.page_area.setObjectName("pageArea")
        self.page_area.setWidgetResizable(True)
        self.page_area.setFrameShape(QFrame.Shape.NoFrame)
        self.page_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no empty stop for Tab
        self.page_area.setWidget(self.stack)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.navigation)
        self.splitter.addWidget(self.page_area)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.banner: QLabel | None = None
        if self.is_demo:
            self.banner = demo_banner(central)
            layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.search_box = SearchBox(desk, self)
        self.menus = MenuBuilder(self)
        self._build_pages()
        navigation = self.navigation_width()
        self.splitter.setSizes([navigation, self.width() - navigation])
        self.menus.build()
        self._build_status_bar()
        self.watch = Watch(desk, auto_backup=auto_backup, parent=self)
        self.watch.last_backup_changed.connect(self.set_last_backup)
        self.watch.backup_failed.connect(self._backup_failed)

        self.navigation.currentRowChanged.connect(self._row_changed)
        self.desk.open_record.connect(self.open_record)
        self.desk.show_in_list.connect(self.show_in_list)
        self.desk.data_changed.connect(self._data_changed)
        self.show_page("today")

    # -- pages ----------------------------------------------------------------------------
    def _build_pages(self) -> None:
        for key, title, factory in standard_pages():
            self.pages.declare(key, title, lambda make=factory: make(self.desk))
            self._add_navigation(key, title)
        self.pages.make("today")  # now: the navigation shows its count from the start

    def add_page(self, key: str, page: QWidget) -> None:
        """Add a page, made already, to the navigation."""
        title = str(getattr(page, "title", key))
        self.pages.add(key, title, page)
        self._add_navigation(key, title)

    def _add_navigation(self, key: str, title: str) -> None:
        item = QListWidgetItem(title)
        item.setData(Qt.ItemDataRole.UserRole, key)
        self.navigation.addItem(item)
        self._page_items[key] = item
        self.menus.add_go_action(key, title)

    def _page_built(self, key: str, page: QWidget) -> None:
        """A page has just been made: into the stack, and its saved state back."""
        count_changed = getattr(page, "count_changed", None)
        if key == "today" and count_changed is not None:
            count_changed.connect(self._today_count)
        in_front = self.navigation.currentItem() is not None and self.current_key() == key
        policy = QSizePolicy.Policy.Preferred if in_front else QSizePolicy.Policy.Ignored
        page.setSizePolicy(policy, policy)
        self.stack.addWidget(page)
        if self._restored_from is not None:
            self._restore_page(self._restored_from, key, page)

    def navigation_width(self) -> int:
        """Wide enough for the longest page name (Today with its count), and no wider: the
        lists need the room on a small screen."""
        self.navigation.ensurePolished()
        metrics = self.navigation.fontMetrics()
        texts = [self.navigation.item(row).text() for row in range(self.navigation.count())]
        texts.append(self._page_items["today"].text() + "  (8888)")
        widest = max(metrics.horizontalAdvance(text) for text in texts)
        return widest + 2 * 10 + 2 * self.navigation.frameWidth() + 16  # item padding, air

    def current_key(self) -> str:
        item = self.navigation.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else "today"

    def current_page(self) -> QWidget:
        return self.pages[self.current_key()]

    @Slot(str)
    def show_page(self, key: str) -> None:
        if key not in self.pages:
            return
        self.navigation.setCurrentItem(self._page_items[key])

    @Slot(int)
    def _row_changed(self, row: int) -> None:
        if row < 0:
            return
        key = self.current_key()
        shown = self.pages[key]  # made now if this is its first time in front
        # Only the page in front counts for the window's minimum size.
        for other, page in self.pages.built().items():
            policy = QSizePolicy.Policy.Preferred if other == key else QSizePolicy.Policy.Ignored
            page.setSizePolicy(policy, policy)
        self.stack.setCurrentWidget(shown)
        self.menus.page_changed(shown)

    @Slot(int)
    def _today_count(self, count: int) -> None:
        title = self.pages.title("today")
        self._page_items["today"].setText(f"{title}  ({count})" if count else title)

    @Slot()
    def new_record(self) -> None:
        page = self.current_page()
        if self.desk.can_edit and getattr(page, "creates_records", True):
            page.new_record()  # type: ignore[attr-defined]

    @Slot(str)
    def new_record_on(self, key: str) -> None:
        if self.desk.can_edit and key in self.pages:
            self.pages[key].new_record()  # type: ignore[attr-defined]

    # -- records --------------------------------------------------------------------------
    @Slot(str, int)
    def open_record(self, kind: str, record_id: int) -> None:
        from ui.records import open_record_window

        try:
            window = open_record_window(self.desk, kind, record_id, self)
        except LiaisonError as exc:
            prompts.error(self, error_text(exc))
            return
        if self.demo_marker is not None:
            self.demo_marker.mark(window)

    @Slot(str, int)
    def show_in_list(self, kind: str, record_id: int) -> None:
        """Bring the list of ``kind`` forward with the record chosen (the status bar says so
        when the list's filters leave it out)."""
        if kind not in self.pages:
            return
        self.show_page(kind)
        self.pages[kind].select_id(record_id)  # type: ignore[attr-defined]
        self.raise_()
        self.activateWindow()

    def record_windows(self) -> list[QWidget]:
        return [
            w
            for w in self.findChildren(QWidget)
            if w.isWindow() and w.isVisible() and w is not self
        ]

    # -- refresh --------------------------------------------------------------------------
    @Slot()
    def refresh_all(self) -> None:
        """F5: every page and record window reloads everything."""
        self.desk.data_changed.emit(Changes.of(*Entity))

    @Slot(object)
    def _data_changed(self, changes: Changes) -> None:
        if changes.touches(Entity.STAFF, Entity.SETTINGS):
            self._update_status()

    # -- status bar -----------------------------------------------------------------------
    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.db_label = QLabel()
        self.db_label.setTextFormat(Qt.TextFormat.PlainText)
        self.user_label = QLabel()
        self.user_label.setTextFormat(Qt.TextFormat.PlainText)
        self.backup_label = QLabel()
        self.backup_label.setTextFormat(Qt.TextFormat.PlainText)
        bar.addWidget(self.db_label, 1)
        bar.addPermanentWidget(self.backup_label)
        bar.addPermanentWidget(self.user_label)
        self._update_status()

    def _update_status(self) -> None:
        path = self.office.path
        self.db_label.setText(tr("Database: {name}").format(name=path.name if path else "—"))
        self.db_label.setToolTip(str(path) if path else "")
        actor = self.office.actor
        self.user_label.setText(
            tr("Signed in: {name} ({role})").format(name=actor.full_name, role=label(actor.role))
        )

    @Slot(str)
    def _backup_failed(self, reason: str) -> None:
        self.statusBar().showMessage(tr("Backup failed: {reason}").format(reason=reason), 15_000)

    @Slot(str)
    def set_last_backup(self, text: str) -> None:
        """For the backup controller: a short, already worded line ("Last backup: …")."""
        self.backup_label.setText(text)

    def _title(self) -> str:
        path = self.office.path
        name = path.name if path else ""
        # The file first, the app's name last: as Qt itself writes titles, so it does not
        # add "— Liaison Desk" a second time.
        return tr("{file} — Liaison Desk").format(file=name) if name else tr("Liaison Desk")

    # -- window state ---------------------------------------------------------------------
    def restore_state(self, settings: QSettings | None = None) -> None:
        settings = settings or QSettings()
        settings.beginGroup(GROUP)
        geometry = settings.value("geometry", QByteArray(), type=QByteArray)
        state = settings.value("state", QByteArray(), type=QByteArray)
        splitter = settings.value("splitter", QByteArray(), type=QByteArray)
        page = settings.value("page", "today", type=str)
        settings.endGroup()
        if geometry:
            self.restoreGeometry(geometry)
        if state:
            self.restoreState(state)
        if splitter:
            # Applied once the window is laid out at its restored size; before that the
            # splitter would squeeze the navigation to fit whatever size it has now.
            QTimer.singleShot(0, self, lambda: self.splitter.restoreState(splitter))
        for key, widget in self.pages.built().items():
            self._restore_page(settings, key, widget)
        self._restored_from = settings
        self.show_page(page if page in self.pages else "today")
        self._restored = True

    @staticmethod
    def _restore_page(settings: QSettings, key: str, page: QWidget) -> None:
        settings.beginGroup(f"pages/{key}")
        try:
            page.restore_state(settings)  # type: ignore[attr-defined]
        finally:
            settings.endGroup()

    def save_state(self, settings: QSettings | None = None) -> None:
        settings = settings or QSettings()
        settings.beginGroup(GROUP)
        settings.setValue("geometry", self.saveGeometry())
        settings.setValue("state", self.saveState())
        settings.setValue("splitter", self.splitter.saveState())
        settings.setValue("page", self.current_key())
        settings.endGroup()
        for key, widget in self.pages.built().items():  # pages never made keep what they had
            settings.beginGroup(f"pages/{key}")
            widget.save_state(settings)  # type: ignore[attr-defined]
            settings.endGroup()
        settings.sync()

    # -- events ---------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        if not self._restored:
            self.restore_state()
        if self.demo_marker is not None:
            self.demo_marker.install()
        super().showEvent(event)
        if not self.watch.poll.isActive():
            self.watch.start()

    def closeEvent(self, event: QCloseEvent) -> None:
        for window in self.record_windows():
            if not window.close():  # e.g. unsaved typing the user wants to keep
                event.ignore()
                return
        self.save_state()
        if self.closes_office:
            self.watch.before_closing_office(self)
        self.watch.stop()
        if self.demo_marker is not None:
            self.demo_marker.uninstall()
        super().closeEvent(event)
        self.closed.emit()

    def add_action(self, action: QAction) -> None:
        """Actions live on the window so their shortcuts work whatever has focus."""
        self.addAction(action)

    @staticmethod
    def shortcut(key: QKeySequence.StandardKey, fallback: str = "") -> list[QKeySequence]:
        keys = QKeySequence.keyBindings(key)
        return keys or ([QKeySequence(fallback)] if fallback else [])
