"""Signing in: choose the staff member, type the password.

A wrong password gets one plain sentence (the same whether the name or the password was wrong);
after repeated failures the core makes people wait, and the dialog says so. A demo database says
plainly that it is one and lists the demo sign-ins. A database without an administrator (e.g. one
set up from the command line) offers to create the first one here.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSettings, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from liaison.demo_accounts import DEMO_ACCOUNTS
from liaison.enums import Role
from liaison.errors import AuthenticationFailed, LiaisonError
from liaison.models import StaffDraft
from liaison.office import Office
from ui.banner import demo_banner, demo_prefix
from ui.models.labels import label
from ui.office_setup import password_edit
from ui.widgets.choices import ValueCombo
from ui.widgets.forms import Form
from ui.widgets.text import line_edit
from ui.wording import error_text

LAST_USER_KEY = "signIn/lastUsername"


def tr(text: str) -> str:
    return QCoreApplication.translate("SignInDialog", text)


def demo_accounts() -> tuple[tuple[str, str, str], ...]:
    return tuple(DEMO_ACCOUNTS)


class SignInDialog(QDialog):
    OTHER_DATABASE = 2  # done() code: the user wants another database file

    def __init__(self, office: Office, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.office = office
        self.is_demo = office.settings.is_demo()
        self.setObjectName("signInDialog")
        title = tr("Sign In — Liaison Desk")
        self.setWindowTitle(demo_prefix() + title if self.is_demo else title)
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)

        self.banner: QLabel | None = None
        if self.is_demo:
            self.banner = demo_banner(self)
            layout.addWidget(self.banner)
        office_name = QLabel(office.settings.get("office_name"))
        office_name.setTextFormat(Qt.TextFormat.PlainText)
        office_name.setWordWrap(True)
        font = office_name.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        office_name.setFont(font)
        layout.addWidget(office_name)
        path = office.path
        where = QLabel(tr("Database: {file}").format(file=path.name if path else "—"))
        where.setTextFormat(Qt.TextFormat.PlainText)
        where.setToolTip(str(path) if path else "")
        where.setStyleSheet("color: #5f6368;")
        layout.addWidget(where)

        self.form = Form()
        self.staff_combo = ValueCombo()
        self.password = password_edit()
        self.form.add("username", tr("Staff member"), self.staff_combo)
        self.form.add("password", tr("Password"), self.password)
        layout.addWidget(self.form)
        self.message = QLabel()
        self.message.setObjectName("signInMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("QLabel#signInMessage { color: #b71c1c; }")
        self.message.hide()
        layout.addWidget(self.message)

        self.no_admin = QLabel(
            tr(
                "This office database has no administrator yet. Create the first one to "
                "start using it."
            )
        )
        self.no_admin.setTextFormat(Qt.TextFormat.PlainText)
        self.no_admin.setWordWrap(True)
        self.create_admin_button = QPushButton(tr("Create the Administrator…"))
        self.create_admin_button.clicked.connect(self.create_first_admin)
        layout.addWidget(self.no_admin)
        layout.addWidget(self.create_admin_button)

        self.demo_table: QTableWidget | None = None
        if self.is_demo:
            layout.addWidget(self._demo_sign_ins())

        buttons = QDialogButtonBox()
        self.sign_in_button = buttons.addButton(
            tr("Sign In"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.sign_in_button.clicked.connect(self.sign_in)
        other = buttons.addButton(
            tr("Open Another Database…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        other.setAutoDefault(False)
        other.clicked.connect(lambda: self.done(self.OTHER_DATABASE))
        quit_button = buttons.addButton(tr("Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        quit_button.setAutoDefault(False)
        quit_button.clicked.connect(self.reject)
        layout.addWidget(buttons)
        # Only once the box is inside the dialog does this make Sign In the dialog's default
        # button; made default before, a hidden button took Enter and nothing happened.
        self.sign_in_button.setDefault(True)
        self.reload_staff()

    # -- content --------------------------------------------------------------------------
    def _demo_sign_ins(self) -> QWidget:
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 8, 0, 0)
        heading = QLabel(tr("Demo sign-ins (click one to fill in):"))
        heading.setTextFormat(Qt.TextFormat.PlainText)
        box.addWidget(heading)
        accounts = demo_accounts()
        table = QTableWidget(len(accounts), 3)
        table.setObjectName("demoAccounts")
        table.setHorizontalHeaderLabels([tr("Username"), tr("Password"), tr("Role")])
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for row, (username, password, role) in enumerate(accounts):
            for column, text in enumerate((username, password, self._role(role))):
                table.setItem(row, column, QTableWidgetItem(text))
        table.setFixedHeight(
            table.horizontalHeader().sizeHint().height()
            + sum(table.rowHeight(r) for r in range(len(accounts)))
            + 2 * table.frameWidth()
        )
        table.cellClicked.connect(self._use_demo_account)
        box.addWidget(table)
        self.demo_table = table
        return holder

    @staticmethod
    def _role(role: str) -> str:
        try:
            return label(Role(role))
        except ValueError:
            return role

    def reload_staff(self) -> None:
        staff = [s for s in self.office.staff.all(include_inactive=False)]
        self.staff_combo.set_items((s.username, f"{s.full_name} ({s.username})") for s in staff)
        has_admin = self.office.staff.has_admin()
        self.no_admin.setVisible(not has_admin)
        self.create_admin_button.setVisible(not has_admin)
        self.sign_in_button.setEnabled(bool(staff))
        last = QSettings().value(LAST_USER_KEY, "", type=str)
        if last:
            self.staff_combo.set_value(last)
        self.password.setFocus()

    # -- actions --------------------------------------------------------------------------
    @Slot(int, int)
    def _use_demo_account(self, row: int, _column: int) -> None:
        username, password, _role = demo_accounts()[row]
        self.staff_combo.set_value(username)
        self.password.setText(password)
        self.password.setFocus()

    def choose(self, username: str) -> None:
        self.staff_combo.set_value(username)

    @Slot()
    def sign_in(self) -> None:
        username = self.staff_combo.text_value()
        try:
            self.office.sign_in(username, self.password.text())
        except AuthenticationFailed as exc:
            if exc.code == "locked_out":
                text = (
                    tr("Signing in is paused after too many wrong passwords.")
                    + "\n"
                    + str(exc.message)
                )
            else:
                text = tr("Wrong staff member or password. Check the password and try again.")
            self._refuse(text)
            return
        except LiaisonError as exc:
            self._refuse(error_text(exc))
            return
        self.password.clear()
        QSettings().setValue(LAST_USER_KEY, username)
        self.accept()

    def _refuse(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
        self.password.clear()
        self.form.mark("password", tr("Not accepted."))
        self.password.setFocus()
        self.adjustSize()

    @Slot()
    def create_first_admin(self) -> None:
        dialog = FirstAdminDialog(self.office, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload_staff()
            self.choose(dialog.username)


class FirstAdminDialog(QDialog):
    """The first administrator of a database that has none."""

    def __init__(self, office: Office, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.office = office
        self.username = ""
        self.setWindowTitle(tr("Create the Administrator"))
        self.form = Form()
        self.fields: dict[str, QLineEdit] = {
            "username": line_edit(40),
            "full_name": line_edit(120),
            "initials": line_edit(6),
            "password": password_edit(),
            "password_again": password_edit(),
        }
        captions = {
            "username": tr("Username"),
            "full_name": tr("Full name"),
            "initials": tr("Initials"),
            "password": tr("Password"),
            "password_again": tr("Password again"),
        }
        for name, widget in self.fields.items():
            self.form.add(name, captions[name], widget)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(buttons)

    @Slot()
    def save(self) -> None:
        self.form.clear_errors()
        values = {name: widget.text() for name, widget in self.fields.items()}
        if values["password"] != values["password_again"]:
            self.form.mark("password_again", tr("The two passwords differ."))
            return
        draft = StaffDraft(
            values["username"], values["full_name"], values["initials"], "admin", values["password"]
        )
        try:
            staff, _ = self.office.staff.create(draft, first_admin=True)
        except LiaisonError as exc:
            self.form.show_error(exc)
            return
        self.username = staff.username
        self.accept()
