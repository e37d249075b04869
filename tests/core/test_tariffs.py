"""Tariff rules: money in minor units, no overlapping periods, admins only, and a change of
rule recomputes the clocks of the cases it touches in the same transaction."""

from __future__ import annotations

import datetime as dt

import pytest

from liaison.enums import Entity, TariffKind, TariffLocation
from liaison.errors import Conflict, PermissionDenied, ValidationError, ValidationErrors
from liaison.models import (
    Case,
    CaseDraft,
    ContainerDraft,
    MilestoneDraft,
    StaffDraft,
    Tariff,
    TariffDraft,
    Trader,
)
from liaison.office import Office
from liaison.services.tariffs import format_money, parse_money


@pytest.mark.parametrize(
    ("typed", "minor"),
    [("30", 3000), ("30.5", 3050), ("30.50", 3050), (" 1,250.00 ", 125000), ("0", 0), ("", None)],
)
def test_money_is_stored_in_minor_units(typed: str, minor: int | None) -> None:
    assert parse_money(typed, "daily_rate") == minor


@pytest.mark.parametrize("typed", ["30.505", "-1", "abc", "1e3x", "NaN", "Infinity", "2000000"])
def test_bad_money_is_refused(typed: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_money(typed, "daily_rate")
    assert info.value.field == "daily_rate"


def test_money_is_shown_with_its_currency() -> None:
    assert format_money(125050, "USD") == "USD 1,250.50"
    assert format_money(None, "USD") == ""


def msa_open_rule(office: Office) -> Tariff:
    return next(
        t
        for t in office.tariffs.all()
        if t.location is TariffLocation.MSA and t.effective_to is None
    )


def discharged_case(office: Office, trader: Trader, day: str, mode: str = "road") -> Case:
    case, _ = office.cases.create(
        CaseDraft(trader.id, "MAEU123456789", inland_mode=mode), [ContainerDraft("CSQU3054383")]
    )
    office.tracking.record_milestone(case.id, MilestoneDraft("DISCHARGED", day))
    return case


def test_all_is_ordered(office: Office) -> None:
    rules = office.tariffs.all()
    keys = [(t.kind.value, t.location.value if t.location else "", t.effective_from) for t in rules]
    assert keys == sorted(keys)
    assert {t.kind for t in rules} == {TariffKind.KPA_FREE_STORAGE, TariffKind.LINE_FREE_DAYS}


def test_an_overlapping_rule_is_refused_naming_the_other(office: Office) -> None:
    with pytest.raises(ValidationError) as info:
        office.tariffs.create(TariffDraft("kpa_free_storage", "15", "01/12/2026", location="MSA"))
    assert (info.value.field, info.value.code) == ("effective_from", "overlap")
    assert "MSA, 9 free days from 01/07/2021 (open-ended)" in info.value.message
    # Another location, or a line rule for one shipping line only, does not clash.
    line = office.lookups.shipping_lines()[0]
    office.tariffs.create(
        TariffDraft("line_free_days", 21, "2026-01-01", shipping_line_id=line.id, daily_rate="25")
    )
    with pytest.raises(ValidationError) as info:
        office.tariffs.create(
            TariffDraft("line_free_days", 10, "2026-06-01", "", line.id, effective_to="2026-07-01")
        )
    assert "shipping line, 21 free days from 01/01/2026" in info.value.message


def test_validation_names_every_field(office: Office) -> None:
    with pytest.raises(ValidationErrors) as info:
        office.tariffs.create(
            TariffDraft(
                "kpa_free_storage",
                "400",
                "01/12/2026",
                location="",
                daily_rate="x",
                currency="EUR",
                effective_to="30/11/2026",
                shipping_line_id=1,
            )
        )
    assert {e.field for e in info.value.errors} == {
        "location",
        "free_days",
        "daily_rate",
        "currency",
        "effective_to",
        "shipping_line_id",
    }
    with pytest.raises(ValidationError) as one:
        office.tariffs.create(TariffDraft("line_free_days", "14", "01/12/2030", location="MSA"))
    assert one.value.field == "location"
    with pytest.raises(ValidationError) as one:
        office.tariffs.create(
            TariffDraft("line_free_days", "14", "01/12/2030", shipping_line_id=999)
        )
    assert one.value.field == "shipping_line_id"


def test_only_an_admin_changes_tariffs(office: Office) -> None:
    officer, _ = office.staff.create(StaffDraft("jb", "Jean Bosco", "JB", "officer", "x" * 10))
    office.act_as(officer)
    assert office.tariffs.all()
    with pytest.raises(PermissionDenied):
        office.tariffs.create(TariffDraft("kpa_free_storage", "9", "01/01/2030", location="NICD"))
    rule = msa_open_rule(office)
    with pytest.raises(PermissionDenied):
        office.tariffs.update(
            rule.id, TariffDraft("kpa_free_storage", "10", "01/07/2021", "MSA"), rule.version
        )


def test_a_new_period_recomputes_the_clocks(office: Office, trader: Trader) -> None:
    case = discharged_case(office, trader, "20/11/2026")
    sgr = discharged_case(office, trader, "20/11/2026", mode="sgr_nicd")
    before = office.tracking.containers(case.id)[0]
    assert before.kpa_free_until == dt.date(2026, 11, 28)
    sgr_before = office.tracking.containers(sgr.id)[0]
    old = msa_open_rule(office)
    ended, _ = office.tariffs.update(
        old.id,
        TariffDraft(
            "kpa_free_storage",
            "9",
            "01/07/2021",
            "MSA",
            daily_rate="30",
            effective_to="31/10/2026",
            source_note=old.source_note or "",
        ),
        old.version,
    )
    assert ended.effective_to == dt.date(2026, 10, 31)
    # The box was discharged after the rule's new end: no rule applies to it any more.
    assert office.tracking.containers(case.id)[0].kpa_free_until is None
    new, changes = office.tariffs.create(
        TariffDraft("kpa_free_storage", "15", "01/11/2026", "MSA", daily_rate="35.50")
    )
    assert new.daily_rate_minor == 3550
    assert changes.entities == {Entity.TARIFFS, Entity.CONTAINERS, Entity.CASES}
    after = office.tracking.containers(case.id)[0]
    assert (after.kpa_free_days, after.kpa_free_until) == (15, dt.date(2026, 12, 4))
    assert office.tracking.containers(sgr.id)[0] == sgr_before
    box = office.tracking.containers(case.id)[0]
    assert office.tariffs.rule_for(box, office.cases.get(case.id)) == new
    fields = {e.field for e in office.history("tariffs", old.id) if e.action == "update"}
    assert fields == {"effective_to"}


def test_editing_a_rule_recomputes_and_checks_the_version(office: Office, trader: Trader) -> None:
    case = discharged_case(office, trader, "20/11/2026", mode="sgr_nicd")
    assert office.tracking.containers(case.id)[0].kpa_free_until == dt.date(2026, 12, 19)
    nicd = next(t for t in office.tariffs.all() if t.location is TariffLocation.NICD)
    draft = TariffDraft("kpa_free_storage", "20", "01/01/2000", "NICD", daily_rate="30")
    updated, _ = office.tariffs.update(nicd.id, draft, nicd.version)
    assert office.tracking.containers(case.id)[0].kpa_free_until == dt.date(2026, 12, 9)
    with pytest.raises(Conflict):
        office.tariffs.update(
            nicd.id, TariffDraft("kpa_free_storage", "25", "01/01/2000", "NICD"), nicd.version
        )
    assert office.tariffs.get(nicd.id) == updated
    same, nothing = office.tariffs.update(nicd.id, draft, updated.version)
    assert not nothing and same == updated


def test_rule_for_a_box_not_discharged_is_none(office: Office, trader: Trader) -> None:
    case, _ = office.cases.create(
        CaseDraft(trader.id, "MAEU123456789"), [ContainerDraft("CSQU3054383")]
    )
    box = office.tracking.containers(case.id)[0]
    assert office.tariffs.rule_for(box, case) is None
    office.tracking.record_milestone(case.id, MilestoneDraft("DISCHARGED", "15/03/2021"))
    box = office.tracking.containers(case.id)[0]
    rule = office.tariffs.rule_for(box, case)
    assert rule is not None and rule.free_days == 14  # the 2020-21 extension
    assert box.kpa_free_until == dt.date(2021, 3, 28)
