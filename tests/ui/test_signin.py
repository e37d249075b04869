"""Signing in: wrong passwords, the lockout message, a database without an administrator."""

from __future__ import annotations

from typing import Any

from liaison.models import StaffDraft
from liaison.office import Office
from tests.conftest import ADMIN_PASSWORD
from ui.signin import FirstAdminDialog, SignInDialog


def dialog_for(qtbot: Any, office: Office) -> SignInDialog:
    office.sign_out()
    dialog = SignInDialog(office)
    qtbot.addWidget(dialog)
    return dialog


def test_the_right_password_signs_in(qtbot: Any, office: Office) -> None:
    dialog = dialog_for(qtbot, office)
    assert dialog.staff_combo.text_value() == "admin"
    dialog.password.setText(ADMIN_PASSWORD)
    with qtbot.waitSignal(dialog.accepted):
        dialog.sign_in_button.click()
    assert office.actor.username == "admin"
    assert dialog.password.text() == ""  # not kept in the widget


def test_a_wrong_password_says_so_and_keeps_the_dialog_open(qtbot: Any, office: Office) -> None:
    dialog = dialog_for(qtbot, office)
    dialog.password.setText("not the password")
    dialog.sign_in_button.click()
    assert dialog.result() == 0
    assert not dialog.message.isHidden()
    assert "Wrong staff member or password" in dialog.message.text()
    assert dialog.password.text() == ""
    assert dialog.password.property("invalid") is True
    assert office.actor.role == "system"  # nobody signed in
    dialog.password.setText(ADMIN_PASSWORD)
    dialog.sign_in_button.click()
    assert dialog.result() == 1 and office.actor.username == "admin"


def test_repeated_failures_show_the_lockout_message(qtbot: Any, office: Office) -> None:
    dialog = dialog_for(qtbot, office)
    for _ in range(3):
        dialog.password.setText("guess")
        dialog.sign_in_button.click()
        assert "Wrong staff member or password" in dialog.message.text()
    dialog.password.setText(ADMIN_PASSWORD)  # even the right one must wait now
    dialog.sign_in_button.click()
    assert dialog.result() == 0
    assert "paused after too many wrong passwords" in dialog.message.text()
    assert "seconds" in dialog.message.text()
    assert office.actor.role == "system"


def test_only_active_staff_are_offered(qtbot: Any, office: Office) -> None:
    gone, _ = office.staff.create(StaffDraft("gone", "Gone Away", "GA", "officer", "password-9"))
    office.staff.create(StaffDraft("kalisa", "Jean Kalisa", "JK", "viewer", "password-9"))
    office.staff.set_active(gone.id, False)
    dialog = dialog_for(qtbot, office)
    offered = [dialog.staff_combo.itemData(i) for i in range(dialog.staff_combo.count())]
    assert sorted(offered) == ["admin", "kalisa"]
    assert dialog.no_admin.isHidden() and dialog.banner is None


def test_a_database_without_an_administrator_offers_to_create_one(
    qtbot: Any, db_path: Any, clock: Any, monkeypatch: Any
) -> None:
    from tests.conftest import fast_hasher

    bare = Office.create(db_path.with_name("bare.db"), clock=clock, hasher=fast_hasher())
    try:
        dialog = SignInDialog(bare)
        qtbot.addWidget(dialog)
        assert not dialog.no_admin.isHidden()
        assert not dialog.sign_in_button.isEnabled()

        def fill_and_save(self: FirstAdminDialog) -> int:
            values = {
                "username": "amina",
                "full_name": "Amina Uwase",
                "initials": "AU",
                "password": "long-enough-1",
                "password_again": "long-enough-2",
            }
            for name, value in values.items():
                self.fields[name].setText(value)
            self.save()
            assert self.form.messages().keys() == {"password_again"}
            self.fields["password_again"].setText("long-enough-1")
            self.save()
            return int(self.result())

        monkeypatch.setattr(FirstAdminDialog, "exec", fill_and_save)
        dialog.create_admin_button.click()
        assert dialog.no_admin.isHidden()
        assert dialog.staff_combo.text_value() == "amina"
        dialog.password.setText("long-enough-1")
        dialog.sign_in_button.click()
        assert bare.actor.username == "amina" and bare.actor.is_admin
    finally:
        bare.close()
