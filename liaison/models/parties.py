"""Staff members, traders, shipping lines and external parties."""

from __future__ import annotations

from dataclasses import dataclass

from liaison.enums import Language, PartyKind, Role, TraderStatus


@dataclass(frozen=True, slots=True)
class Staff:
    id: int
    username: str
    full_name: str
    initials: str
    role: Role
    active: bool
    last_sign_in_at: str | None
    version: int

    @property
    def can_edit(self) -> bool:
        return self.active and self.role in (Role.ADMIN, Role.OFFICER, Role.SYSTEM)

    @property
    def is_admin(self) -> bool:
        return self.active and self.role in (Role.ADMIN, Role.SYSTEM)


@dataclass(frozen=True, slots=True)
class StaffDraft:
    username: str
    full_name: str
    initials: str
    role: str = Role.OFFICER.value
    password: str | None = None  # only when creating or resetting


@dataclass(frozen=True, slots=True)
class Trader:
    id: int
    code: str
    legal_name: str
    trading_name: str | None
    tin: str | None
    vat_registered: bool
    business_sector: str | None
    district: str | None
    sector: str | None
    street: str | None
    po_box: str | None
    phone: str | None
    phone_alt: str | None
    whatsapp: str | None
    email: str | None
    contact_person: str | None
    language: Language
    notes: str | None
    status: TraderStatus
    merged_into_id: int | None
    created_at: str
    created_by: int
    updated_at: str
    updated_by: int
    version: int

    @property
    def display_name(self) -> str:
        if self.trading_name and self.trading_name != self.legal_name:
            return f"{self.legal_name} ({self.trading_name})"
        return self.legal_name


@dataclass(frozen=True, slots=True)
class TraderDraft:
    legal_name: str
    trading_name: str = ""
    tin: str = ""
    vat_registered: bool = False
    business_sector: str = ""
    district: str = ""
    sector: str = ""
    street: str = ""
    po_box: str = ""
    phone: str = ""
    phone_alt: str = ""
    whatsapp: str = ""
    email: str = ""
    contact_person: str = ""
    language: str = Language.EN.value
    notes: str = ""


@dataclass(frozen=True, slots=True)
class TraderRow:
    """One line of the traders list."""

    id: int
    code: str
    legal_name: str
    trading_name: str | None
    tin: str | None
    phone: str | None
    district: str | None
    status: TraderStatus
    open_cases: int
    open_inquiries: int


@dataclass(frozen=True, slots=True)
class ShippingLine:
    id: int
    name: str
    scac_prefixes: str | None
    local_agent: str | None
    phone: str | None
    email: str | None
    active: bool


@dataclass(frozen=True, slots=True)
class Party:
    id: int
    name: str
    kind: PartyKind
    country: str | None
    contact_name: str | None
    phone: str | None
    email: str | None
    active: bool
