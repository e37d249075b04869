"""Clearance cases, their containers, milestones, documents checklist, and free-day tariffs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from liaison.enums import (
    BlType,
    BorderKE,
    BorderRW,
    CaseStatus,
    Destination,
    DocStatus,
    DocType,
    InlandMode,
    MilestoneSource,
    Regime,
    TariffKind,
    TariffLocation,
)
from liaison.rules.stages import Milestone


@dataclass(frozen=True, slots=True)
class Case:
    id: int
    ref: str
    trader_id: int
    consignee_name: str | None
    agent_id: int | None
    shipping_line_id: int | None
    bl_number: str
    bl_type: BlType
    house_bl_number: str | None
    vessel_name: str | None
    voyage_no: str | None
    rotation_no: str | None
    manifest_no: str | None
    port_of_loading: str | None
    eta: dt.date | None
    customs_regime: Regime | None
    declaration_no: str | None
    rctg_carnet_no: str | None
    delivery_order_no: str | None
    kpa_invoice_no: str | None
    inland_mode: InlandMode
    border_exit_ke: BorderKE | None
    border_entry_rw: BorderRW | None
    destination: Destination | None
    cargo_description: str | None
    hs_codes: str | None
    packages: int | None
    gross_weight_kg: int | None
    status: CaseStatus
    stage: Milestone | None
    stage_on: dt.date | None
    container_count: int
    opened_on: dt.date
    closed_on: dt.date | None
    assigned_to: int | None
    created_at: str
    created_by: int
    updated_at: str
    updated_by: int
    version: int


@dataclass(frozen=True, slots=True)
class CaseDraft:
    trader_id: int | None
    bl_number: str
    bl_type: str = BlType.MASTER.value
    consignee_name: str = ""
    agent_id: int | None = None
    shipping_line_id: int | None = None
    house_bl_number: str = ""
    vessel_name: str = ""
    voyage_no: str = ""
    rotation_no: str = ""
    manifest_no: str = ""
    port_of_loading: str = ""
    eta: str | dt.date = ""
    customs_regime: str = ""
    declaration_no: str = ""
    rctg_carnet_no: str = ""
    delivery_order_no: str = ""
    kpa_invoice_no: str = ""
    inland_mode: str = InlandMode.ROAD.value
    border_exit_ke: str = ""
    border_entry_rw: str = ""
    destination: str = ""
    cargo_description: str = ""
    hs_codes: str = ""
    packages: str | int = ""
    gross_weight_kg: str | int = ""
    assigned_to: int | None = None
    opened_on: str | dt.date = ""  # empty: today


@dataclass(frozen=True, slots=True)
class CaseRow:
    """One line of the case list (joined with the trader and the nearest clock)."""

    id: int
    ref: str
    trader_id: int
    trader_name: str
    bl_number: str
    vessel_name: str | None
    status: CaseStatus
    stage: Milestone | None
    stage_on: dt.date | None
    container_count: int
    opened_on: dt.date
    assigned_to: int | None
    updated_at: str


@dataclass(frozen=True, slots=True)
class Container:
    id: int
    case_id: int
    number: str
    check_digit_override: str | None
    size_type: str | None
    seal_no: str | None
    eseal_no: str | None
    gross_weight_kg: int | None
    stage: Milestone | None
    stage_on: dt.date | None
    discharged_on: dt.date | None
    released_on: dt.date | None
    left_custody_on: dt.date | None
    delivered_on: dt.date | None
    empty_returned_on: dt.date | None
    kpa_free_days: int | None
    kpa_free_until: dt.date | None
    line_free_days: int | None
    line_free_until: dt.date | None
    auction_on: dt.date | None
    version: int


@dataclass(frozen=True, slots=True)
class ContainerDraft:
    number: str
    check_digit_override: str = ""
    size_type: str = ""
    seal_no: str = ""
    eseal_no: str = ""
    gross_weight_kg: str | int = ""


@dataclass(frozen=True, slots=True)
class MilestoneRecord:
    id: int
    case_id: int
    container_id: int | None
    code: Milestone
    occurred_on: dt.date
    occurred_time: str | None
    location: str | None
    source: MilestoneSource
    note: str | None
    voided_at: str | None
    void_reason: str | None
    created_at: str
    created_by: int


@dataclass(frozen=True, slots=True)
class MilestoneDraft:
    code: str
    occurred_on: str | dt.date
    occurred_time: str = ""
    container_ids: tuple[int, ...] = ()  # empty: the whole case (every box)
    location: str = ""
    source: str = MilestoneSource.KPA_STAFF.value
    note: str = ""


@dataclass(frozen=True, slots=True)
class Document:
    id: int
    case_id: int
    doc_type: DocType
    reference_no: str | None
    status: DocStatus
    received_on: dt.date | None
    note: str | None
    version: int


@dataclass(frozen=True, slots=True)
class DocumentDraft:
    doc_type: str
    status: str = DocStatus.MISSING.value
    reference_no: str = ""
    received_on: str | dt.date = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class Tariff:
    id: int
    kind: TariffKind
    location: TariffLocation | None
    shipping_line_id: int | None
    free_days: int
    daily_rate_minor: int | None
    currency: str
    effective_from: dt.date
    effective_to: dt.date | None
    source_note: str | None
    version: int

    def applies_on(self, day: dt.date) -> bool:
        return self.effective_from <= day and (
            self.effective_to is None or day <= self.effective_to
        )


@dataclass(frozen=True, slots=True)
class TariffDraft:
    kind: str
    free_days: str | int
    effective_from: str | dt.date
    location: str = ""
    shipping_line_id: int | None = None
    daily_rate: str = ""  # major units as typed, e.g. "30" or "30.50"
    currency: str = "USD"
    effective_to: str | dt.date = ""
    source_note: str = ""
