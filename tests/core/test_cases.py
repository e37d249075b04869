"""Case use cases: all-or-nothing creation, containers, milestones, derived stage and clocks."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from liaison.errors import ValidationError
from liaison.models import CaseDraft, ContainerDraft, MilestoneDraft, Trader
from liaison.office import Office


def test_case_with_containers_is_one_transaction(office: Office, trader: Trader) -> None:
    case, _ = office.cases.create(
        CaseDraft(trader.id, "medu 12 345678", vessel_name="MSC Aurora"),
        [ContainerDraft("CSQU 305438 3"), ContainerDraft("TEXU3070079", size_type="45g1")],
    )
    assert case.ref == "CASE-2026-000001"
    assert case.bl_number == "MEDU 12 345678"
    assert case.container_count == 2
    assert office.tracking.documents(case.id)[0].doc_type == "bl"


def test_a_bad_container_refuses_the_whole_case(office: Office, trader: Trader) -> None:
    with pytest.raises(ValidationError) as info:
        office.cases.create(
            CaseDraft(trader.id, "MAEU123456789"),
            [ContainerDraft("CSQU3054383"), ContainerDraft("TEXU3070070")],
        )
    assert (info.value.field, info.value.row) == ("number", 2)
    for table in ("cases", "containers", "documents", "counters"):
        count = office.store.scalar(f"SELECT count(*) FROM {table} WHERE 1")
        assert count == 0 or table == "counters"
    # The failed attempt did not use up a number.
    case, _ = office.cases.create(CaseDraft(trader.id, "MAEU123456789"))
    assert case.ref.endswith("000001")


def test_failure_inside_the_transaction_rolls_everything_back(
    office: Office, trader: Trader, monkeypatch: pytest.MonkeyPatch
) -> None:
    from liaison.services import cases as cases_module

    def explode(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(cases_module, "recompute_case", explode)
    with pytest.raises(sqlite3.OperationalError):
        office.cases.create(CaseDraft(trader.id, "MAEU123456789"), [ContainerDraft("CSQU3054383")])
    for table in ("cases", "containers", "documents"):
        assert office.store.scalar(f"SELECT count(*) FROM {table}") == 0
    assert (
        office.store.scalar(
            "SELECT count(*) FROM audit_log WHERE entity IN ('cases', 'containers')"
        )
        == 0
    )


def test_milestones_derive_stage_and_clocks(office: Office, trader: Trader) -> None:
    case, _ = office.cases.create(
        CaseDraft(trader.id, "MAEU123456789"),
        [ContainerDraft("CSQU3054383"), ContainerDraft("TEXU3070079")],
    )
    boxes = office.tracking.containers(case.id)
    office.tracking.record_milestone(case.id, MilestoneDraft("DISCHARGED", "20/11/2026"))
    box = office.tracking.containers(case.id)[0]
    assert box.stage == "DISCHARGED"
    assert box.kpa_free_until == dt.date(2026, 11, 28)  # 9 days, discharge day is day 1
    assert box.auction_on == dt.date(2026, 12, 11)
    # One box leaves by truck: its KPA clock stops; the case stays at the slower box's stage.
    office.tracking.record_milestone(
        case.id, MilestoneDraft("LOADED_TRUCK", "27/11/2026", container_ids=(boxes[0].id,))
    )
    first, second = office.tracking.containers(case.id)
    assert (first.stage, first.left_custody_on) == ("LOADED_TRUCK", dt.date(2026, 11, 27))
    assert second.left_custody_on is None
    assert office.cases.get(case.id).stage == "DISCHARGED"


def test_voiding_a_milestone_undoes_its_effect_but_keeps_it(office: Office, trader: Trader) -> None:
    case, _ = office.cases.create(
        CaseDraft(trader.id, "MAEU123456789"), [ContainerDraft("CSQU3054383")]
    )
    records, _ = office.tracking.record_milestone(
        case.id, MilestoneDraft("DISCHARGED", "2026-11-20")
    )
    office.tracking.void_milestone(records[0].id, "typed on the wrong case")
    assert office.tracking.containers(case.id)[0].kpa_free_until is None
    assert office.tracking.milestones(case.id) == []
    assert len(office.tracking.milestones(case.id, include_voided=True)) == 1


def test_future_milestone_and_foreign_container_are_refused(office: Office, trader: Trader) -> None:
    case, _ = office.cases.create(CaseDraft(trader.id, "MAEU123456789"))
    with pytest.raises(ValidationError) as info:
        office.tracking.record_milestone(case.id, MilestoneDraft("DISCHARGED", "01/01/2027"))
    assert info.value.field == "occurred_on"
    with pytest.raises(ValidationError) as info:
        office.tracking.record_milestone(
            case.id, MilestoneDraft("DISCHARGED", "01/11/2026", container_ids=(999,))
        )
    assert info.value.field == "container_ids"


def test_wrong_check_digit_needs_an_override_reason(office: Office, trader: Trader) -> None:
    case, _ = office.cases.create(CaseDraft(trader.id, "MAEU123456789"))
    with pytest.raises(ValidationError) as info:
        office.tracking.add_container(case.id, ContainerDraft("TEXU3070070"))
    assert info.value.code == "container_check_digit"
    box, _ = office.tracking.add_container(
        case.id, ContainerDraft("TEXU3070070", check_digit_override="as on B/L")
    )
    assert box.check_digit_override == "as on B/L"
    with pytest.raises(ValidationError) as info:
        office.tracking.add_container(
            case.id, ContainerDraft("texu 307007 0", check_digit_override="again")
        )
    assert info.value.code == "duplicate"


def test_case_status_transitions(office: Office, trader: Trader) -> None:
    case, _ = office.cases.create(CaseDraft(trader.id, "MAEU123456789"))
    done, _ = office.cases.set_status(case.id, "COMPLETED", case.version)
    assert done.closed_on == dt.date(2026, 11, 28)
    with pytest.raises(ValidationError):
        office.cases.set_status(case.id, "ON_HOLD", done.version)
