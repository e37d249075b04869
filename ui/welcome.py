"""The welcome dialog: shown when no office database is open (first run, or the last one could
not be opened). Three ways on, nothing ever created silently:

- create the office database (office details + the first administrator), at a path the user sees;
- open an existing database file;
- try the demo office, built in the background in the data folder and clearly marked DEMO.

After ``accept()``, ``chosen_path`` is the database to open; the Launcher opens it (and comes
back here with a message if it cannot).
"""

from __future__ import annotations

import logging
from pathlib import Path

from argon2 import PasswordHasher
from PySide6.QtCore import QCoreApplication, QElapsedTimer, Qt, QTimer, Slot
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from liaison import paths
from liaison.clock import Clock
from ui import prompts
from ui.demo_worker import DEMO_FILENAME, DemoBuild
from ui.office_setup import OfficeSetupForm

log = logging.getLogger("liaison.ui.welcome")

DEMO_CASES = 2000


def tr(text: str) -> str:
    return QCoreApplication.translate("WelcomeDialog", text)


def _label(text: str, *, bold: bool = False, scale: float = 1.0) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if bold or scale != 1.0:
        font = label.font()
        font.setBold(bold)
        font.setPointSizeF(font.pointSizeF() * scale)
        label.setFont(font)
    return label


class WelcomeDialog(QDialog):
    CHOICES, CREATE, DEMO = range(3)

    def __init__(
        self,
        target: Path,
        *,
        message: str = "",
        demo_cases: int = DEMO_CASES,
        clock: Clock | None = None,
        hasher: PasswordHasher | None = None,
        previous: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.target = target
        # The database just closed with File › Open Database…: offered first, so changing
        # one's mind is one click, not Quit.
        self.previous = previous if previous is not None and previous.exists() else None
        self.demo_cases = demo_cases
        self.clock = clock
        self.hasher = hasher
        self.chosen_path: Path | None = None
        self.how = ""  # "created", "opened" or "demo"
        self.build: DemoBuild | None = None
        self.setObjectName("welcomeDialog")
        self.setWindowTitle(tr("Welcome to Liaison Desk"))
        self.setMinimumWidth(620)

        self.pages = QStackedWidget()
        self.pages.addWidget(self._choices_page(message))
        self.pages.addWidget(self._create_page())
        self.pages.addWidget(self._demo_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

    # -- pages ----------------------------------------------------------------------------
    def _choices_page(self, message: str) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(_label(tr("Welcome to Liaison Desk"), bold=True, scale=1.5))
        self.message = _label(message)
        self.message.setObjectName("welcomeMessage")
        self.message.setStyleSheet(
            "QLabel#welcomeMessage { background: #fdecea; color: #7f1d1d; padding: 8px;"
            " border: 1px solid #f5c2c0; border-radius: 3px; }"
        )
        self.message.setVisible(bool(message))
        layout.addWidget(self.message)
        intro = (
            tr("Which database should Liaison Desk open?")
            if self.previous is not None
            else tr(
                "No office database is open. The office keeps all its traders, cases and "
                "letters in one database file on this computer. What would you like to do?"
            )
        )
        layout.addWidget(_label(intro))
        self.back_to_button = QCommandLinkButton(
            tr("Back to {name}").format(name=self.previous.name if self.previous else ""),
            tr("The database that was open: {path}").format(path=self.previous or ""),
        )
        self.back_to_button.clicked.connect(self.reopen_previous)
        self.back_to_button.setVisible(self.previous is not None)
        layout.addWidget(self.back_to_button)
        self.create_button = QCommandLinkButton(
            tr("Create the office database"),
            tr("Start a new, empty database for this office, with you as its administrator."),
        )
        self.create_button.clicked.connect(self.show_create)
        self.open_button = QCommandLinkButton(
            tr("Open an existing database file…"),
            tr("For example the office database copied from another computer."),
        )
        self.open_button.clicked.connect(self.open_existing)
        demo = paths.data_dir() / DEMO_FILENAME
        self.demo_open_button = QCommandLinkButton(
            tr("Open the demo office"),
            tr("The practice database made earlier, with invented traders and cases."),
        )
        self.demo_open_button.clicked.connect(self.open_demo)
        self.demo_open_button.setVisible(demo.exists())
        self.demo_button = QCommandLinkButton(
            tr("Try a fresh demo office") if demo.exists() else tr("Try the demo office"),
            tr(
                "Invented traders, cases and containers with live clocks, to practise on. "
                "It is a separate file, clearly marked DEMO; it never mixes with real data."
            ),
        )
        self.demo_button.clicked.connect(self.start_demo)
        for button in (self.create_button, self.open_button, self.demo_open_button):
            layout.addWidget(button)
        layout.addWidget(self.demo_button)
        layout.addStretch(1)
        buttons = QDialogButtonBox()
        quit_button = buttons.addButton(tr("Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        quit_button.clicked.connect(self.reject)
        layout.addWidget(buttons)
        return page

    def _create_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(_label(tr("Create the office database"), bold=True, scale=1.3))
        self.form = OfficeSetupForm(self.target)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        scroll.setMinimumHeight(460)
        layout.addWidget(scroll, 1)
        buttons = QDialogButtonBox()
        self.back_button = buttons.addButton(tr("Back"), QDialogButtonBox.ButtonRole.ResetRole)
        self.back_button.clicked.connect(self.show_choices)
        self.create_confirm = buttons.addButton(
            tr("Create Database"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.create_confirm.clicked.connect(self.create_database)
        layout.addWidget(buttons)
        return page

    def _demo_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(_label(tr("Building the demo office"), bold=True, scale=1.3))
        self.demo_status = _label(
            tr(
                "Inventing traders, cases, containers and their milestones. This takes a few "
                "seconds; the window stays usable."
            )
        )
        layout.addWidget(self.demo_status)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: the generator does not report steps
        layout.addWidget(self.progress)
        self.demo_step = _label("")
        self.demo_step.setStyleSheet("color: #5f6368;")
        layout.addWidget(self.demo_step)
        self.elapsed_label = _label("")
        layout.addWidget(self.elapsed_label)
        layout.addStretch(1)
        buttons = QDialogButtonBox()
        self.demo_back = QPushButton(tr("Back"))
        self.demo_back.setEnabled(False)
        self.demo_back.clicked.connect(self.show_choices)
        buttons.addButton(self.demo_back, QDialogButtonBox.ButtonRole.ResetRole)
        layout.addWidget(buttons)
        self.clock_timer = QTimer(self)
        self.clock_timer.setInterval(250)
        self.clock_timer.timeout.connect(self._show_elapsed)
        self.elapsed = QElapsedTimer()
        return page

    # -- choices --------------------------------------------------------------------------
    @Slot()
    def show_choices(self) -> None:
        self.pages.setCurrentIndex(self.CHOICES)

    @Slot()
    def show_create(self) -> None:
        self.pages.setCurrentIndex(self.CREATE)
        first = self.form.fields["office_name"]
        first.setFocus()
        # The link button that led here was the dialog's default while it had the focus, and
        # stays so once hidden: Enter in the form would then do nothing at all.
        self.create_confirm.setDefault(True)

    @Slot()
    def create_database(self) -> None:
        created = self.form.create(clock=self.clock, hasher=self.hasher)
        if created is not None:
            log.info("Created a new office database")
            self._finish(created, "created")

    @Slot()
    def open_existing(self) -> None:
        chosen = prompts.open_file(
            self,
            tr("Open an office database"),
            tr("Liaison Desk database (*.db *.sqlite *.sqlite3);;All files (*)"),
            str(self.target.parent),
        )
        if chosen is not None:
            self._finish(chosen, "opened")

    @Slot()
    def reopen_previous(self) -> None:
        if self.previous is not None:
            self._finish(self.previous, "previous")

    @Slot()
    def open_demo(self) -> None:
        self._finish(paths.data_dir() / DEMO_FILENAME, "demo")

    # -- the demo -------------------------------------------------------------------------
    @Slot()
    def start_demo(self) -> None:
        if self.build is not None:
            return
        self.pages.setCurrentIndex(self.DEMO)
        self.demo_back.setEnabled(False)
        self.demo_step.clear()
        self.progress.setRange(0, 0)
        self.demo_status.setText(
            tr(
                "Inventing traders, cases, containers and their milestones. This takes a few "
                "seconds; the window stays usable."
            )
        )
        self.elapsed.start()
        self.clock_timer.start()
        self.build = DemoBuild(
            paths.data_dir() / DEMO_FILENAME,
            self.demo_cases,
            self.clock,
            self.hasher,
            parent=self,
        )
        self.build.step.connect(self.demo_step.setText)
        self.build.done.connect(self._demo_done)
        self.build.failed.connect(self._demo_failed)
        self.build.finished.connect(self._demo_finished)
        self.build.start()

    def is_building(self) -> bool:
        return self.build is not None

    @Slot()
    def _show_elapsed(self) -> None:
        seconds = self.elapsed.elapsed() // 1000
        self.elapsed_label.setText(tr("{n} s so far").format(n=seconds))

    @Slot(object)
    def _demo_done(self, summary: object) -> None:
        log.info("Demo office built: %s", summary)
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.how = "demo"
        self.chosen_path = paths.data_dir() / DEMO_FILENAME

    @Slot(str)
    def _demo_failed(self, message: str) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.demo_status.setText(message)
        self.demo_back.setEnabled(True)

    @Slot()
    def _demo_finished(self) -> None:
        self.clock_timer.stop()
        build, self.build = self.build, None
        if build is not None:
            build.wait()
            build.deleteLater()
        if self.how == "demo" and self.chosen_path is not None:
            self.accept()

    # -- closing --------------------------------------------------------------------------
    def _finish(self, path: Path, how: str) -> None:
        self.chosen_path = path
        self.how = how
        self.accept()

    def reject(self) -> None:
        if self.build is not None:  # the demo is half-written: let it finish first
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.build is not None:
            event.ignore()
            return
        super().closeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.pages.currentIndex() == self.CREATE:
            self.show_choices()  # Escape in the form goes back, it does not quit the app
            return
        if (
            event.key() == Qt.Key.Key_Escape
            and self.previous is not None
            and self.pages.currentIndex() == self.CHOICES
        ):
            self.reopen_previous()  # changed one's mind about switching: not a reason to quit
            return
        super().keyPressEvent(event)
