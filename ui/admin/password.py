"""Passwords: everyone changes their own (giving the current one); an administrator resets
someone else's. The password is never shown, logged or kept in the dialog after saving."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from liaison.errors import AuthenticationFailed, ValidationError
from liaison.models import Staff
from ui.desk import Desk
from ui.dialogs.base import DraftDialog
from ui.office_setup import password_edit


def tr(text: str) -> str:
    return QCoreApplication.translate("Passwords", text)


def check_same(password: str, again: str, field: str) -> None:
    if password != again:
        raise ValidationError(field, tr("The two passwords differ."), code="mismatch")


class ChangePasswordDialog(DraftDialog):
    """The signed-in person's own password."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent, tr("Change My Password"), save_text=tr("Change Password"))
        f = self.form
        self.current = f.add("current_password", tr("Current password"), password_edit())
        self.new = f.add(
            "new_password", tr("New password"), password_edit(), note=tr("At least 8 characters.")
        )
        self.again = f.add("new_password_again", tr("New password again"), password_edit())
        self.submit_with(self._change)
        self.ready()

    def load(self, record: object) -> None:
        return None

    def draft(self) -> tuple[str, str, str]:
        return (self.current.text(), self.new.text(), self.again.text())

    def _change(self, draft: tuple[str, str, str]) -> None:
        current, new, again = draft
        check_same(new, again, "new_password_again")
        actor = self.office.actor
        if actor.is_admin:
            # The core lets an administrator set any password without the current one; for
            # their own, ask for it anyway (someone else may be at an unlocked desk).
            try:
                self.office.sign_in(actor.username, current)
            except AuthenticationFailed as exc:
                if exc.code == "locked_out":
                    raise
                raise ValidationError(
                    "current_password", tr("The current password is wrong."), code="wrong"
                ) from exc
        self.office.staff.set_password(actor.id, new, current_password=current)
        for edit in (self.current, self.new, self.again):
            edit.clear()


class ResetPasswordDialog(DraftDialog):
    """An administrator sets a new password for a colleague who forgot theirs."""

    def __init__(self, desk: Desk, staff: Staff, parent: QWidget | None = None) -> None:
        super().__init__(
            desk,
            parent,
            tr("Reset the Password of {name}").format(name=staff.full_name),
            save_text=tr("Set Password"),
        )
        self.staff = staff
        f = self.form
        self.new = f.add(
            "new_password", tr("New password"), password_edit(), note=tr("At least 8 characters.")
        )
        self.again = f.add("new_password_again", tr("New password again"), password_edit())
        self.submit_with(self._reset)
        self.ready()

    def load(self, record: object) -> None:
        return None

    def draft(self) -> tuple[str, str]:
        return (self.new.text(), self.again.text())

    def _reset(self, draft: tuple[str, str]) -> None:
        new, again = draft
        check_same(new, again, "new_password_again")
        self.office.staff.set_password(self.staff.id, new)
        self.new.clear()
        self.again.clear()
