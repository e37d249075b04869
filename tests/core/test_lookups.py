"""Lookup lists: shipping lines, parties, staff names, and adding new ones."""

from __future__ import annotations

import pytest

from liaison.enums import PartyKind
from liaison.errors import PermissionDenied, ValidationError, ValidationErrors
from liaison.models import StaffDraft
from liaison.office import Office
from liaison.services.lookups import clean_scac_prefixes


def test_seeded_lists(office: Office) -> None:
    lines = office.lookups.shipping_lines()
    names = [line.name for line in lines]
    assert names == sorted(names, key=str.casefold) and "Maersk" in names
    kpa = office.lookups.parties("kpa_desk")
    assert kpa and all(p.kind is PartyKind.KPA_DESK for p in kpa)
    assert len(office.lookups.parties()) > len(kpa)
    with pytest.raises(ValidationError):
        office.lookups.parties("martians")


def test_staff_names_include_disabled_accounts(office: Office) -> None:
    officer, _ = office.staff.create(StaffDraft("jb", "Jean Bosco", "JB", "officer", "x" * 10))
    names = office.lookups.staff_names()
    assert names[officer.id] == "Jean Bosco"
    assert names[office.actor.id] == "Amina Uwase"


def test_add_party_validates_and_refuses_duplicates(office: Office) -> None:
    party, changes = office.lookups.add_party(
        "Bolloré Transport  Kigali",
        "transporter",
        country="rw",
        phone="0788 123 456",
        contact_name="Eric",
    )
    assert (party.name, party.country, party.phone) == (
        "Bolloré Transport Kigali",
        "RW",
        "+250788123456",
    )
    assert changes
    assert party in office.lookups.parties("transporter")
    with pytest.raises(ValidationError) as info:
        office.lookups.add_party("BOLLORE transport kigali", "transporter")
    assert (info.value.field, info.value.code) == ("name", "duplicate")
    # Same name, another kind: a different party.
    office.lookups.add_party("Bolloré Transport Kigali", "agent")
    with pytest.raises(ValidationErrors) as many:
        office.lookups.add_party("", "alien", country="FR", email="nope", phone="12")
    assert {e.field for e in many.value.errors} == {"name", "kind", "country", "email", "phone"}
    audited = {e.field for e in office.history("parties", party.id)}
    assert audited == {"name", "kind", "country", "phone", "contact_name"}


def test_add_shipping_line(office: Office) -> None:
    line, _ = office.lookups.add_shipping_line("Zim Integrated", "zimu; ZCSU zimu")
    assert line.scac_prefixes == "ZIMU,ZCSU"
    assert line in office.lookups.shipping_lines()
    created = {(e.action, e.field) for e in office.history("shipping_lines", line.id)}
    assert created == {("create", "name"), ("create", "scac_prefixes")}
    with pytest.raises(ValidationError) as info:
        office.lookups.add_shipping_line("maersk")
    assert info.value.code == "duplicate"
    viewer, _ = office.staff.create(StaffDraft("guest", "Guest", "GU", "viewer", "x" * 10))
    office.act_as(viewer)
    with pytest.raises(PermissionDenied):
        office.lookups.add_shipping_line("Another Line")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("", None), ("maeu", "MAEU"), ("MAEU, mrku,MSKU", "MAEU,MRKU,MSKU"), ("abcd abcd", "ABCD")],
)
def test_scac_prefixes_accepted(typed: str, stored: str | None) -> None:
    assert clean_scac_prefixes(typed) == stored


@pytest.mark.parametrize("typed", ["MAE", "MAEU1", "MA3U", "MAEU,TOOLONGX", "M-EU"])
def test_scac_prefixes_refused(typed: str) -> None:
    with pytest.raises(ValidationError) as info:
        clean_scac_prefixes(typed)
    assert info.value.field == "scac_prefixes"
