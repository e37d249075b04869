"""Staff accounts: usernames stay unique, every edit is written with its audit rows (a password
only as "changed"), and an edit made on a stale copy is refused."""

from __future__ import annotations

import pytest

from liaison.errors import Conflict, ValidationError
from liaison.models import Staff, StaffDraft
from liaison.office import Office


@pytest.fixture
def eric(office: Office) -> Staff:
    record, _ = office.staff.create(
        StaffDraft("eric", "Eric Habimana", "EH", "officer", "officer-pass-1")
    )
    return record


def changes(office: Office, staff_id: int) -> list[tuple[str, str | None, str | None, str | None]]:
    """The account's audit rows, oldest first: (action, field, before, after)."""
    entries = reversed(office.history("staff", staff_id))
    return [(e.action, e.field, e.old_value, e.new_value) for e in entries]


def draft(staff: Staff, **changed: str) -> StaffDraft:
    values = {
        "username": staff.username,
        "full_name": staff.full_name,
        "initials": staff.initials,
        "role": str(staff.role),
    } | changed
    return StaffDraft(**values)  # type: ignore[arg-type]


def test_a_username_is_taken_once(office: Office, eric: Staff) -> None:
    with pytest.raises(ValidationError) as taken:
        office.staff.create(StaffDraft("ERIC ", "Another Eric", "AE", "viewer", "viewer-pass-1"))
    assert (taken.value.field, taken.value.code) == ("username", "username_taken")
    with pytest.raises(ValidationError) as renamed:
        office.staff.update(office.actor.id, draft(office.actor, username="eric"), 1)
    assert renamed.value.code == "username_taken"
    # Keeping one's own username is no clash.
    same, _ = office.staff.update(eric.id, draft(eric, full_name="Eric N. Habimana"), eric.version)
    assert same.username == "eric" and same.full_name == "Eric N. Habimana"


def test_every_edit_is_audited_and_a_password_never_shown(office: Office, eric: Staff) -> None:
    edited, _ = office.staff.update(eric.id, draft(eric, initials="ENH"), eric.version)
    assert edited.version == eric.version + 1
    office.staff.update(eric.id, draft(edited), edited.version)  # nothing changed: no row
    office.staff.set_active(eric.id, False)
    office.staff.set_active(eric.id, False)  # already inactive: no row
    office.staff.set_password(eric.id, "brand-new-pass")
    assert changes(office, eric.id)[-3:] == [
        ("update", "initials", "EH", "ENH"),
        ("update", "active", "1", "0"),
        ("update", "password", "(hidden)", "(changed)"),
    ]
    assert all(e.staff_name == "Amina Uwase" for e in office.history("staff", eric.id))
    hashes = office.store.scalar("SELECT count(*) FROM audit_log WHERE new_value LIKE '$argon2%'")
    assert hashes == 0
    assert office.staff.get(eric.id).version == eric.version + 3


def test_an_edit_on_a_stale_copy_is_refused(office: Office, eric: Staff) -> None:
    office.staff.update(eric.id, draft(eric, full_name="Eric Habimana Jr"), eric.version)
    before = changes(office, eric.id)
    with pytest.raises(Conflict):
        office.staff.update(eric.id, draft(eric, initials="XX"), eric.version)
    assert changes(office, eric.id) == before
    assert office.staff.get(eric.id).initials == "EH"
