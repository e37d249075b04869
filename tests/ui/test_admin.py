"""Administration: office settings, free-day tariffs, staff accounts and passwords, all through
the Office façade, with refusals marked on their fields; viewers and officers cannot use them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from liaison.enums import Entity, TariffLocation
from liaison.models import StaffDraft
from liaison.office import Office
from tests.conftest import ADMIN_PASSWORD
from ui.admin.password import ChangePasswordDialog, ResetPasswordDialog
from ui.admin.settings import OfficeSettingsDialog
from ui.admin.staff import StaffAccountDialog, StaffDialog
from ui.admin.tariffs import TariffDialog, TariffsDialog
from ui.desk import Desk


def test_office_settings_are_saved_and_a_bad_value_is_marked(
    qtbot: Any, desk: Desk, office: Office, answers: Any
) -> None:
    dialog = OfficeSettingsDialog(desk)
    qtbot.addWidget(dialog)
    assert dialog.fields["sla_days_normal"].text() == "5"  # type: ignore[attr-defined]
    dialog.fields["office_name"].setText("KPA Kigali Office")  # type: ignore[attr-defined]
    dialog.fields["sla_days_urgent"].setText("two")  # type: ignore[attr-defined]
    dialog.fields["office_phone"].setText("0788 300 400")  # type: ignore[attr-defined]
    dialog.accept()
    assert dialog.form.messages().keys() == {"sla_days_urgent"}
    assert "Response time, urgent" in dialog.form.banner.text()
    assert office.settings.get("office_name") != "KPA Kigali Office"  # nothing saved
    assert dialog.fields["sla_days_urgent"].text() == "two"  # type: ignore[attr-defined]
    dialog.fields["sla_days_urgent"].setText("2")  # type: ignore[attr-defined]
    with qtbot.waitSignal(desk.data_changed) as changed:
        dialog.accept()
    assert Entity.SETTINGS in changed.args[0].entities
    assert office.settings.get("office_name") == "KPA Kigali Office"
    assert office.settings.get("office_phone") == "+250788300400"
    assert office.settings.sla_days()["urgent"] == 2  # type: ignore[index]


def test_a_new_tariff_period_is_added_after_ending_the_current_one(
    qtbot: Any, desk: Desk, office: Office, answers: Any
) -> None:
    listing = TariffsDialog(desk)
    qtbot.addWidget(listing)
    before = listing.model.rowCount()
    current = next(
        t
        for t in office.tariffs.all()
        if t.location is TariffLocation.MSA and t.effective_to is None
    )
    new = TariffDialog(desk, listing)
    qtbot.addWidget(new)
    new.submit_with(lambda draft: office.tariffs.create(draft))
    new.free_days.setText("15")
    new.starts.edit.setText("01/12/2026")
    new.accept()  # overlaps the open-ended rule: refused, the clash named
    assert "effective_from" in new.form.messages() or new.form.banner.text()
    assert listing.model.rowCount() == before

    edit = TariffDialog(desk, listing, current)
    qtbot.addWidget(edit)
    edit.submit_with(lambda draft: office.tariffs.update(current.id, draft, edit.version))
    assert edit.free_days.text() == "9" and edit.rate.text() == "30"
    edit.ends.edit.setText("30/11/2026")
    edit.accept()
    assert edit.form.messages() == {}
    new.accept()
    assert new.form.messages() == {}
    assert listing.model.rowCount() == before + 1  # the list follows data_changed
    added = [t for t in office.tariffs.all() if t.effective_from == dt.date(2026, 12, 1)]
    assert [(t.free_days, t.location) for t in added] == [(15, TariffLocation.MSA)]


def test_a_bad_tariff_keeps_the_typing_and_marks_the_fields(
    qtbot: Any, desk: Desk, office: Office
) -> None:
    dialog = TariffDialog(desk, None)
    qtbot.addWidget(dialog)
    dialog.submit_with(lambda draft: office.tariffs.create(draft))
    dialog.free_days.setText("x9")
    dialog.rate.setText("thirty")
    dialog.accept()
    assert set(dialog.form.messages()) == {"free_days", "daily_rate", "effective_from"}
    assert dialog.free_days.text() == "x9" and dialog.rate.text() == "thirty"


def test_staff_accounts_add_edit_deactivate_and_reset(
    qtbot: Any, desk: Desk, office: Office, answers: Any
) -> None:
    listing = StaffDialog(desk)
    qtbot.addWidget(listing)
    add = StaffAccountDialog(desk, listing)
    qtbot.addWidget(add)
    add.submit_with(add.create)
    add.username.setText("eric")
    add.full_name.setText("Eric Habimana")
    add.initials.setText("EH")
    add.password.setText("officer-pass-1")  # type: ignore[union-attr]
    add.again.setText("officer-pass-2")  # type: ignore[union-attr]
    add.accept()
    assert add.form.messages().keys() == {"password_again"}
    add.again.setText("officer-pass-1")  # type: ignore[union-attr]
    add.accept()
    eric = next(s for s in office.staff.all() if s.username == "eric")
    assert eric.role == "officer"
    assert [s.username for s in listing.model.records()] == ["admin", "eric"]

    listing.select(eric.id)
    assert listing.active_button.isEnabled() and listing.active_button.text() == "Deactivate"
    listing.toggle_active()
    assert not office.staff.get(eric.id).active
    assert listing.active_button.text() == "Reactivate"
    listing.toggle_active()
    assert office.staff.get(eric.id).active

    reset = ResetPasswordDialog(desk, eric, listing)
    qtbot.addWidget(reset)
    reset.new.setText("short")
    reset.again.setText("short")
    reset.accept()
    assert "new_password" in reset.form.messages()
    reset.new.setText("brand-new-pass")
    reset.again.setText("brand-new-pass")
    reset.accept()
    assert reset.form.messages() == {} and reset.new.text() == ""
    assert office.sign_in("eric", "brand-new-pass").username == "eric"


def test_the_last_administrator_cannot_be_demoted(
    qtbot: Any, desk: Desk, office: Office, answers: Any
) -> None:
    me = office.actor
    edit = StaffAccountDialog(desk, None, me)
    qtbot.addWidget(edit)
    edit.submit_with(lambda draft: office.staff.update(me.id, draft, edit.version))
    edit.role.set_value("viewer")
    edit.accept()
    assert "role" in edit.form.messages()
    assert office.staff.get(me.id).role == "admin"


def test_changing_ones_own_password_needs_the_current_one(
    qtbot: Any, desk: Desk, office: Office
) -> None:
    dialog = ChangePasswordDialog(desk)
    qtbot.addWidget(dialog)
    dialog.current.setText("wrong one")
    dialog.new.setText("a-better-password")
    dialog.again.setText("a-better-password")
    dialog.accept()
    assert dialog.form.messages().keys() == {"current_password"}
    dialog.current.setText(ADMIN_PASSWORD)
    dialog.accept()
    assert dialog.form.messages() == {}
    office.sign_out()
    assert office.sign_in("admin", "a-better-password").username == "admin"


@pytest.mark.parametrize("role", ["viewer", "officer"])
def test_non_admins_cannot_act_in_the_admin_lists(
    qtbot: Any, office: Office, role: str, answers: Any
) -> None:
    office.staff.create(StaffDraft("someone", "Some One", "SO", role, "password-77"))
    office.sign_in("someone", "password-77")
    desk = Desk(office)
    for dialog in (StaffDialog(desk), TariffsDialog(desk)):
        qtbot.addWidget(dialog)
        dialog.view.selectRow(0)
        assert dialog.selected() is not None
        assert not any(button.isEnabled() for button in dialog.selection_buttons)
    settings = OfficeSettingsDialog(desk)
    qtbot.addWidget(settings)
    settings.fields["office_name"].setText("Changed")  # type: ignore[attr-defined]
    settings.accept()
    assert answers.errors and "administrator" in answers.errors[0]
    assert office.settings.get("office_name") != "Changed"


def test_the_backup_folder_is_chosen_in_the_settings(
    qtbot: Any, desk: Desk, office: Office, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui import prompts

    usb = tmp_path / "usb-disk"
    monkeypatch.setattr(prompts, "choose_folder", lambda *a, **k: usb)
    dialog = OfficeSettingsDialog(desk)
    qtbot.addWidget(dialog)
    assert dialog.fields["backup_dir"].text() == ""  # type: ignore[attr-defined]
    folder = dialog.fields["backup_dir"].parent()
    folder.findChild(type(dialog.save_button)).click()  # "Choose…"
    assert dialog.is_dirty()
    dialog.accept()
    assert office.settings.get("backup_dir") == str(usb)
    assert office.backups.folders()[0] == usb
