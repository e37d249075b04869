"""Staff accounts, for administrators: add, edit (name, initials, role), deactivate or
reactivate, and reset a forgotten password. The core keeps at least one active administrator."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from liaison.enums import Entity, Role
from liaison.models import Staff, StaffDraft
from ui import prompts
from ui.admin.listing import RecordListDialog
from ui.admin.password import ResetPasswordDialog, check_same
from ui.desk import Desk
from ui.dialogs.base import DraftDialog
from ui.models.base import Column, stamp_text
from ui.models.labels import label
from ui.office_setup import password_edit
from ui.widgets.choices import EnumCombo
from ui.widgets.text import line_edit


def tr(text: str) -> str:
    return QCoreApplication.translate("StaffAccounts", text)


class StaffDialog(RecordListDialog):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        columns = [
            Column("name", tr("Name"), lambda s: s.full_name),
            Column("username", tr("Username"), lambda s: s.username),
            Column("initials", tr("Initials"), lambda s: s.initials),
            Column("role", tr("Role"), lambda s: label(s.role)),
            Column("active", tr("Account"), lambda s: tr("active") if s.active else tr("inactive")),
            Column("last", tr("Last signed in"), lambda s: stamp_text(s.last_sign_in_at)),
        ]
        super().__init__(
            desk,
            parent,
            tr("Staff Accounts"),
            tr(
                "Administrators manage accounts and settings; officers record the work; viewers "
                "can look but not change anything. Accounts are deactivated, never deleted, so "
                "the history keeps its names."
            ),
            columns,
            Entity.STAFF,
        )
        self.setObjectName("staffDialog")
        self.add_button(tr("Add…"), self.add_account)
        self.edit_button = self.add_button(tr("Edit…"), self.edit_account, needs_selection=True)
        self.active_button = self.add_button(
            tr("Deactivate"), self.toggle_active, needs_selection=True
        )
        self.password_button = self.add_button(
            tr("Reset Password…"), self.reset_password, needs_selection=True
        )
        self.default_action = self.edit_account
        self.reload()

    def reload(self) -> None:
        self.fill(self.office.staff.all())

    def selection_changed(self) -> None:
        staff = self.selected()
        self.active_button.setText(
            tr("Reactivate") if staff is not None and not staff.active else tr("Deactivate")
        )

    def add_account(self) -> None:
        dialog = StaffAccountDialog(self.desk, self)
        dialog.submit_with(dialog.create)
        dialog.exec()

    def edit_account(self) -> None:
        staff = self.selected()
        if staff is None:
            return
        dialog = StaffAccountDialog(self.desk, self, staff)
        dialog.submit_with(
            lambda draft: self.office.staff.update(staff.id, draft, dialog.version),
            reload=lambda: self.office.staff.get(staff.id),
        )
        dialog.exec()

    def toggle_active(self) -> None:
        staff: Staff | None = self.selected()
        if staff is None:
            return
        if staff.active and not prompts.confirm(
            self,
            tr(
                "Deactivate the account of {name}? They will no longer be able to sign in; "
                "their past work keeps their name."
            ).format(name=staff.full_name),
            yes=tr("Deactivate"),
        ):
            return
        self.desk.call(self, self.office.staff.set_active, staff.id, not staff.active)

    def reset_password(self) -> None:
        staff = self.selected()
        if staff is None:
            return
        dialog = ResetPasswordDialog(self.desk, staff, self)
        if dialog.exec():
            prompts.info(
                self,
                tr("The new password for {name} is set. Tell them in person.").format(
                    name=staff.full_name
                ),
            )


class StaffAccountDialog(DraftDialog):
    def __init__(self, desk: Desk, parent: QWidget | None, staff: Staff | None = None) -> None:
        super().__init__(
            desk, parent, tr("Edit Staff Account") if staff else tr("New Staff Account")
        )
        self.setMinimumWidth(560)
        self.version = staff.version if staff else 0
        f = self.form
        self.username = f.add(
            "username",
            tr("Username *"),
            line_edit(40),
            note=tr("Letters a–z, digits, dot, dash or underscore."),
        )
        self.full_name = f.add("full_name", tr("Full name *"), line_edit(120))
        self.initials = f.add("initials", tr("Initials *"), line_edit(6))
        self.role = f.add(
            "role",
            tr("Role *"),
            EnumCombo(Role, only=(Role.OFFICER, Role.VIEWER, Role.ADMIN)),
        )
        self.password = None
        self.again = None
        if staff is None:
            self.password = f.add(
                "password", tr("Password *"), password_edit(), note=tr("At least 8 characters.")
            )
            self.again = f.add("password_again", tr("Password again *"), password_edit())
        else:
            self.load(staff)
        self.ready()

    def load(self, record: Staff) -> None:
        self.version = record.version
        self.username.setText(record.username)
        self.full_name.setText(record.full_name)
        self.initials.setText(record.initials)
        self.role.set_value(record.role.value)

    def draft(self) -> StaffDraft:
        return StaffDraft(
            username=self.username.text(),
            full_name=self.full_name.text(),
            initials=self.initials.text(),
            role=self.role.text_value(),
            password=self.password.text() if self.password is not None else None,
        )

    def create(self, draft: StaffDraft) -> object:
        if self.password is not None and self.again is not None:
            check_same(self.password.text(), self.again.text(), "password_again")
        return self.office.staff.create(draft)
