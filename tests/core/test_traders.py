"""Trader use cases: validation naming fields, audit rows, optimistic locking, merge."""

from __future__ import annotations

import pytest

from liaison.errors import Conflict, PermissionDenied, ValidationError, ValidationErrors
from liaison.models import Trader, TraderDraft
from liaison.office import Office
from tests.conftest import fast_hasher


def test_create_stores_clean_values_and_audits(office: Office) -> None:
    trader, changes = office.traders.create(
        TraderDraft(
            "  Nyiramana   Trading ", tin="102 345 678", phone="0788 123 456", email="info@ny.rw"
        )
    )
    assert trader.code == "TRD-000001"
    assert (trader.legal_name, trader.tin, trader.phone) == (
        "Nyiramana Trading",
        "102345678",
        "+250788123456",
    )
    assert changes.entities
    fields = {e.field for e in office.history("traders", trader.id)}
    assert {"legal_name", "tin", "phone", "email"} <= fields
    assert all(e.staff_name == "Amina Uwase" for e in office.history("traders", trader.id))


def test_every_bad_field_is_named_and_nothing_is_stored(office: Office) -> None:
    with pytest.raises(ValidationErrors) as info:
        office.traders.create(
            TraderDraft("", tin="12", phone="0712345678", email="x@", language="de")
        )
    assert {e.field for e in info.value.errors} == {
        "legal_name",
        "tin",
        "phone",
        "email",
        "language",
    }
    assert office.store.scalar("SELECT count(*) FROM traders") == 0
    assert office.store.scalar("SELECT count(*) FROM audit_log WHERE entity = 'traders'") == 0


def test_tin_is_unique_with_a_message_naming_the_holder(office: Office, trader: Trader) -> None:
    with pytest.raises(ValidationError) as info:
        office.traders.create(TraderDraft("Another Ltd", tin=trader.tin or ""))
    assert info.value.field == "tin"
    assert trader.legal_name in info.value.message


def test_update_records_old_and_new_and_refuses_stale_versions(
    office: Office, trader: Trader
) -> None:
    draft = TraderDraft(
        trader.legal_name, tin=trader.tin or "", phone="0722 000 111", language="fr"
    )
    updated, _ = office.traders.update(trader.id, draft, trader.version)
    assert updated.version == trader.version + 1
    entry = next(e for e in office.history("traders", trader.id) if e.field == "phone")
    assert (entry.old_value, entry.new_value) == ("+250788123456", "+250722000111")
    with pytest.raises(Conflict):
        office.traders.update(trader.id, TraderDraft("Stale Ltd"), trader.version)
    assert office.traders.get(trader.id).legal_name == trader.legal_name


def test_viewer_cannot_change_anything(office: Office, trader: Trader) -> None:
    from liaison.models import StaffDraft

    office.staff.create(StaffDraft("viewer", "Vera Viewer", "VV", "viewer", "password1"))
    office.sign_in("viewer", "password1")
    with pytest.raises(PermissionDenied):
        office.traders.create(TraderDraft("X Ltd"))
    with pytest.raises(PermissionDenied):
        office.traders.update(trader.id, TraderDraft("Y"), trader.version)


def test_merge_moves_records_and_keeps_the_duplicate(office: Office, trader: Trader) -> None:
    from liaison.models import CaseDraft

    dup, _ = office.traders.create(TraderDraft("KIGALI HARDWARE LIMITED"))
    office.cases.create(CaseDraft(dup.id, "MAEU123456789"))
    office.traders.merge(dup.id, trader.id)
    assert office.cases.for_trader(trader.id)[0].bl_number == "MAEU123456789"
    merged = office.traders.get(dup.id)
    assert (merged.status, merged.merged_into_id) == ("merged", trader.id)
    with pytest.raises(ValidationError):
        from liaison.models import CaseDraft as D

        office.cases.create(D(dup.id, "MAEU000000001"))


def test_sign_in_slows_down_after_repeated_failures(office: Office, clock) -> None:  # type: ignore[no-untyped-def]
    from liaison.errors import AuthenticationFailed

    for _ in range(3):
        with pytest.raises(AuthenticationFailed):
            office.sign_in("admin", "wrong password")
    with pytest.raises(AuthenticationFailed) as info:
        office.sign_in("admin", "correct horse")  # right password, but must wait
    assert info.value.code == "locked_out"
    clock.advance(seconds=5)
    assert office.sign_in("admin", "correct horse").username == "admin"
    stored = office.store.scalar("SELECT password_hash FROM staff WHERE username = 'admin'")
    assert stored.startswith("$argon2") and "correct horse" not in stored
    assert fast_hasher() is not None
