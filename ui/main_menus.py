"""The main window's actions, menus (File, Edit, View, Go, Records, Admin, Help) and toolbar.

Every command is a QAction with a standard shortcut where the platform has one; the same action
sits in a menu, maybe on the toolbar, and on the window (so its shortcut works wherever the focus
is). What a viewer or an officer may not do is disabled, and the Admin menu is hidden from them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QSizePolicy, QStyle, QToolBar, QWidget

from liaison import paths
from ui import prompts
from ui.crash import app_version

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


class MenuBuilder:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.actions: dict[str, QAction] = {}
        self.go_menu: QMenu | None = None

    # -- helpers --------------------------------------------------------------------------
    def action(
        self,
        name: str,
        text: str,
        slot: Callable[[], object],
        *,
        keys: list[QKeySequence] | None = None,
        tip: str = "",
        icon: QStyle.StandardPixmap | None = None,
    ) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(f"action_{name}")
        if keys:
            action.setShortcuts(keys)
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        if icon is not None:
            action.setIcon(self.window.style().standardIcon(icon))
        action.triggered.connect(slot)
        self.window.add_action(action)
        self.actions[name] = action
        return action

    @staticmethod
    def standard(key: QKeySequence.StandardKey, fallback: str = "") -> list[QKeySequence]:
        keys = list(QKeySequence.keyBindings(key))
        if fallback and not any(k.matches(QKeySequence(fallback)) for k in keys):
            keys.append(QKeySequence(fallback))
        return keys

    # -- building -------------------------------------------------------------------------
    def build(self) -> None:
        w = self.window
        desk = w.desk
        admin = desk.office.actor.is_admin
        sp = QStyle.StandardPixmap

        new = self.action(
            "new",
            tr("&New…"),
            w.new_record,
            keys=self.standard(QKeySequence.StandardKey.New, "Ctrl+N"),
            tip=tr("Create a record on the current page"),
            icon=sp.SP_FileIcon,
        )
        open_db = self.action(
            "open_database",
            tr("&Open Database…"),
            lambda: w.open_database_requested.emit(),
            keys=self.standard(QKeySequence.StandardKey.Open, "Ctrl+O"),
            tip=tr("Close this database and open or create another"),
        )
        sign_out = self.action(
            "sign_out",
            tr("Sign &Out / Switch User…"),
            lambda: w.sign_out_requested.emit(),
            keys=[QKeySequence("Ctrl+Shift+L")],
            tip=tr("Sign out so that someone else can sign in"),
        )
        close = self.action(
            "close",
            tr("&Close Window"),
            w.close,
            keys=self.standard(QKeySequence.StandardKey.Close, "Ctrl+W"),
        )
        quit_ = self.action(
            "quit",
            tr("&Quit"),
            w.close,
            keys=self.standard(QKeySequence.StandardKey.Quit, "Ctrl+Q"),
        )
        quit_.setMenuRole(QAction.MenuRole.QuitRole)
        backups = self.action(
            "backups",
            tr("&Backups…"),
            self.backups,
            tip=tr("Back up now, restore a backup, check the database"),
        )
        menu = w.menuBar().addMenu(tr("&File"))
        menu.addAction(new)
        menu.addSeparator()
        menu.addAction(open_db)
        menu.addAction(backups)
        self.file_menu = menu
        self.file_extra_anchor = menu.addSeparator()
        menu.addAction(sign_out)
        menu.addAction(close)
        menu.addAction(quit_)

        find = self.action(
            "find",
            tr("&Find…"),
            self.find,
            keys=self.standard(QKeySequence.StandardKey.Find, "Ctrl+F"),
            tip=tr("Search cases, containers, traders and inquiries"),
        )
        password = self.action("change_password", tr("Change My &Password…"), self.change_password)
        menu = w.menuBar().addMenu(tr("&Edit"))
        menu.addAction(find)
        menu.addSeparator()
        menu.addAction(password)

        refresh = self.action(
            "refresh",
            tr("&Refresh"),
            w.refresh_all,
            keys=self.standard(QKeySequence.StandardKey.Refresh, "F5"),
            tip=tr("Reload everything from the database"),
            icon=sp.SP_BrowserReload,
        )
        menu = w.menuBar().addMenu(tr("&View"))
        menu.addAction(refresh)
        menu.addSeparator()
        self.view_menu = menu

        self.go_menu = w.menuBar().addMenu(tr("&Go"))
        for key in w.pages:  # by title: pages not shown yet are not made for this
            self.add_go_action(key, w.pages.title(key))
        self.go_menu.addSeparator()
        search = self.action(
            "search",
            tr("&Search Everywhere…"),
            self.focus_search,
            keys=[QKeySequence("Ctrl+K")],
            tip=tr("Type a container, B/L, case, trader or inquiry"),
        )
        self.go_menu.addAction(search)

        menu = w.menuBar().addMenu(tr("&Records"))
        for key, text in (
            ("traders", tr("New &Trader…")),
            ("inquiries", tr("New &Inquiry…")),
            ("cases", tr("New &Case…")),
            ("followups", tr("New &Follow-up…")),
            ("letters", tr("New &Letter…")),
        ):
            menu.addAction(self.action(f"new_{key}", text, self._new_on(key)))
        self.records_menu = menu

        menu = w.menuBar().addMenu(tr("&Admin"))
        menu.addAction(
            self.action("office_settings", tr("&Office Settings…"), self.office_settings)
        )
        menu.addAction(self.action("tariffs", tr("Free-Storage &Tariffs…"), self.tariffs))
        menu.addAction(self.action("staff", tr("&Staff Accounts…"), self.staff_accounts))
        self.admin_menu = menu

        menu = w.menuBar().addMenu(tr("&Help"))
        menu.addAction(self.action("files", tr("Where Are My &Files?"), self.where_files))
        about = self.action("about", tr("&About Liaison Desk"), self.about)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        menu.addAction(about)
        self.help_menu = menu

        toolbar = QToolBar(tr("Main toolbar"), w)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addAction(new)
        toolbar.addAction(refresh)
        toolbar.addSeparator()
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        toolbar.addWidget(w.search_box)
        w.addToolBar(toolbar)
        self.toolbar = toolbar
        self.view_menu.addAction(toolbar.toggleViewAction())

        can_edit = desk.can_edit
        for name in (
            "new",
            "new_traders",
            "new_inquiries",
            "new_cases",
            "new_followups",
            "new_letters",
        ):
            self.actions[name].setEnabled(can_edit)
        for name in ("office_settings", "tariffs", "staff"):
            self.actions[name].setEnabled(admin)
        self.admin_menu.menuAction().setVisible(admin)

    def add_go_action(self, key: str, title: str) -> None:
        if self.go_menu is None:
            return
        number = len([n for n in self.actions if n.startswith("go_")]) + 1
        keys = [QKeySequence(f"Ctrl+{number}")] if number <= 9 else []
        action = self.action(f"go_{key}", title, lambda: self.window.show_page(key), keys=keys)
        before = next((a for a in self.go_menu.actions() if a.isSeparator()), None)
        if before is not None:
            self.go_menu.insertAction(before, action)
        else:
            self.go_menu.addAction(action)

    def _new_on(self, key: str) -> Callable[[], None]:
        return lambda: self.window.new_record_on(key)

    def page_changed(self, page: QWidget) -> None:
        new = self.actions.get("new")
        if new is not None:
            new.setEnabled(self.window.desk.can_edit and getattr(page, "creates_records", True))

    # -- slots ----------------------------------------------------------------------------
    @Slot()
    def find(self) -> None:
        focus = getattr(self.window.current_page(), "focus_filter", None)
        if callable(focus):
            focus()
        else:
            self.focus_search()

    @Slot()
    def focus_search(self) -> None:
        self.window.search_box.start()

    @Slot()
    def backups(self) -> None:
        from ui.backup.dialog import BackupsDialog

        BackupsDialog(self.window.desk, self.window).exec()

    @Slot()
    def change_password(self) -> None:
        from ui.admin.password import ChangePasswordDialog

        ChangePasswordDialog(self.window.desk, self.window).exec()

    @Slot()
    def office_settings(self) -> None:
        from ui.admin.settings import OfficeSettingsDialog

        OfficeSettingsDialog(self.window.desk, self.window).exec()

    @Slot()
    def tariffs(self) -> None:
        from ui.admin.tariffs import TariffsDialog

        TariffsDialog(self.window.desk, self.window).exec()

    @Slot()
    def staff_accounts(self) -> None:
        from ui.admin.staff import StaffDialog

        StaffDialog(self.window.desk, self.window).exec()

    @Slot()
    def where_files(self) -> None:
        path = self.window.office.path
        prompts.info(
            self.window,
            tr(
                "Office database:\n{db}\n\nData folder (backups, exports):\n{data}\n\n"
                "Log files:\n{logs}"
            ).format(db=path or "—", data=paths.data_dir(), logs=paths.log_dir()),
            tr("Where are my files?"),
        )

    @Slot()
    def about(self) -> None:
        prompts.info(
            self.window,
            tr(
                "Liaison Desk {version}\n\nCase manager of the Kenya Ports Authority's liaison "
                "office in Kigali: traders, inquiries, clearance cases, follow-ups and status "
                "letters, kept in one local database file."
            ).format(version=app_version()),
            tr("About Liaison Desk"),
        )
