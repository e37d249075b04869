"""The demo's people: staff accounts, external parties (clearing agents, transporters, the
shipping lines' Mombasa agents) and Rwandan traders, a few of them duplicates already merged."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from liaison.demo import vocabulary as v
from liaison.demo.base import Bulk, Calendar, Dice, Weighted
from liaison.enums import Language, PartyKind, Role
from liaison.services.traders import trader_search_text

STAFF_COLUMNS = (
    "username", "full_name", "initials", "role", "password_hash", "active", "created_at",
    "updated_at",
)  # fmt: skip
PARTY_COLUMNS = (
    "name", "kind", "country", "contact_name", "phone", "email", "rw_tin", "ke_pin", "active",
    "created_at", "created_by", "updated_at", "updated_by",
)  # fmt: skip
TRADER_COLUMNS = (
    "id", "code", "legal_name", "trading_name", "tin", "vat_registered", "business_sector",
    "district", "sector", "street", "po_box", "phone", "phone_alt", "whatsapp", "email",
    "contact_person", "language", "notes", "status", "merged_into_id", "search_text",
    "created_at", "created_by", "updated_at", "updated_by",
)  # fmt: skip

MOBILE_PREFIXES = Weighted([("78", 45), ("79", 20), ("72", 25), ("73", 10)])
LANGUAGES = Weighted([(Language.EN, 40), (Language.FR, 25), (Language.RW, 30), (Language.SW, 5)])
PATTERNS = Weighted(v.TRADER_PATTERNS)
WIDE = Weighted(v.WIDE_PATTERNS)
DISTRICTS = Weighted([((name, sectors), weight) for name, sectors, weight in v.DISTRICTS])
SECTORS = tuple(sector for _, sectors, _ in v.DISTRICTS for sector in sectors)
TRADER_NOTES = (
    "Regular importer; prefers letters in French.",
    "Usually sends his clearing agent to the office.",
    "Ask for the accountant when calling about charges.",
    "Imports mostly before the holiday season.",
)


def ascii_slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "".join(ch for ch in folded if ch.isalnum())


def rwandan_mobile(dice: Dice) -> str:
    return f"+250{MOBILE_PREFIXES.draw(dice)}{dice.between(0, 9_999_999):07d}"


@dataclass(slots=True)
class StaffIds:
    """The demo staff by role, for ``created_by`` and assignments."""

    admin: int
    officers: list[int]  # officers and the admin: who handles cases and inquiries

    def officer(self, dice: Dice) -> int:
        return dice.pick(self.officers)


def load_staff(
    bulk: Bulk, cal: Calendar, accounts: tuple[tuple[str, str, str], ...], hashes: dict[str, str]
) -> StaffIds:
    stamp = cal.now_stamp
    values: list[tuple[object, ...]] = []
    for username, _, role in accounts:
        full_name, initials = v.DEMO_STAFF_NAMES.get(username, (username.title(), username[:2]))
        values.append(
            (username, full_name, initials.upper(), role, hashes[username], 1, stamp, stamp)
        )
    for username, full_name, initials in v.EXTRA_OFFICERS:
        values.append((username, full_name, initials, Role.OFFICER, None, 1, stamp, stamp))
    bulk.insert("staff", STAFF_COLUMNS, values)
    ids = {
        r[0]: (r[1], r[2])
        for r in bulk.conn.execute("SELECT username, id, role FROM staff WHERE role != 'system'")
    }
    names = [row[0] for row in values]
    officers = [ids[n][0] for n in names if ids[n][1] in (Role.OFFICER, Role.ADMIN)]
    admin = next(ids[n][0] for n in names if ids[n][1] == Role.ADMIN)
    return StaffIds(admin=admin, officers=officers)


def load_parties(bulk: Bulk, cal: Calendar, dice: Dice, staff: StaffIds, agents: int) -> None:
    """Clearing agents (Rwandan and Kenyan), transporters and the lines' Mombasa agents."""
    stamp = cal.now_stamp
    by = staff.admin
    values: list[tuple[object, ...]] = []
    rw_agents = [*v.AGENTS]
    for number in range(max(0, agents - len(v.AGENTS))):
        rw_agents.append(f"{dice.pick(v.KINYARWANDA_WORDS)} Clearing Agency {number + 2}")
    tins = dice.sample(range(100_000_000, 200_000_000), len(rw_agents))
    for name, tin in zip(rw_agents, tins, strict=True):
        contact = f"{dice.pick(v.GIVEN_NAMES)} {dice.pick(v.SURNAMES)}"
        email = f"ops.{ascii_slug(name)[:20]}@{dice.pick(v.EMAIL_DOMAINS)}"
        values.append(
            (name, PartyKind.AGENT, "RW", contact, rwandan_mobile(dice), email, str(tin), None)
        )
    for name in v.KENYAN_AGENTS:
        pin = f"P05{dice.between(0, 9_999_999):07d}{chr(65 + dice.between(0, 25))}"
        values.append((name, PartyKind.AGENT, "KE", None, None, None, None, pin))
    for name in v.TRANSPORTERS:
        values.append(
            (name, PartyKind.TRANSPORTER, "RW", None, rwandan_mobile(dice), None, None, None)
        )
    for style in v.LINES.values():
        values.append(
            (style.agent_name, PartyKind.SHIPPING_LINE, "KE", None, None, None, None, None)
        )
    bulk.insert("parties", PARTY_COLUMNS, [(*row, 1, stamp, by, stamp, by) for row in values])


@dataclass(slots=True)
class TraderProfile:
    legal_name: str
    trading_name: str | None
    tin: str | None
    vat: bool
    business_sector: str
    district: str
    sector: str
    street: str | None
    po_box: str | None
    phone: str
    phone_alt: str | None
    whatsapp: str | None
    email: str | None
    contact_person: str | None
    language: Language
    notes: str | None
    status: str
    weight: float  # share of the cases; 0 for a trader who only asks questions
    merged_into: int | None = None  # index of the kept trader
    first_day: int | None = None  # first case opened
    created_day: int = 0
    id: int = 0
    code: str = ""
    case_count: int = field(default=0)


def _business_name(dice: Dice, patterns: Weighted[str] = PATTERNS) -> tuple[str, str]:
    goods = dice.pick(v.GOODS_WORDS)
    given = dice.pick(v.GIVEN_NAMES)
    name = patterns.draw(dice).format(
        s=dice.pick(v.SURNAMES),
        t=dice.pick(v.SURNAMES),
        g=given,
        i="".join(f"{part[0]}." for part in given.split(" ") if part[0].isupper()),
        k=dice.pick(v.KINYARWANDA_WORDS),
        w=goods,
        f=dice.pick(v.FRENCH_TRADES),
        c=dice.pick(v.FRENCH_GOODS),
        p=dice.pick(v.PLACE_WORDS),
    )
    return name, v.SECTORS_BY_GOODS.get(goods, "General trading")


def _unique(name: str, seen: set[str], dice: Dice) -> str:
    """On a clash: names from the wide patterns, then the same business in another place, then
    a numbered branch."""
    base, tries = name, 0
    while name in seen:
        tries += 1
        if tries <= 5:
            name = _business_name(dice, WIDE)[0]
        elif tries <= 8:
            name = f"{base} ({dice.pick(SECTORS)})"
        else:
            name = f"{base} {tries - 7}"
    return name


def make_traders(dice: Dice, count: int) -> list[TraderProfile]:
    """``count`` traders with unique names and TINs (9 digits starting with 1), plus a few
    duplicates typed in again later and merged into the original."""
    tins = dice.sample(range(100_000_000, 200_000_000), count)
    seen: set[str] = set()
    traders: list[TraderProfile] = []
    for index in range(count):
        name, sector = _business_name(dice)
        name = _unique(name, seen, dice)
        seen.add(name)
        district, sectors = DISTRICTS.draw(dice)
        given, surname = dice.pick(v.GIVEN_NAMES), dice.pick(v.SURNAMES)
        prefix = v.STREET_PREFIX.get(district)
        street = f"{prefix} {dice.between(1, 400)} {dice.pick(v.STREET_KINDS)}" if prefix else None
        town = "Kigali" if prefix else district
        phone = rwandan_mobile(dice)
        language = LANGUAGES.draw(dice)
        if name.startswith(("Société", "Entreprise", "Ets", "Quincaillerie", "Dépôt")):
            language = Language.FR if dice.chance(0.7) else language
        email = None
        if dice.chance(0.75):
            local = dice.pick((ascii_slug(name)[:24], f"{ascii_slug(given)}.{ascii_slug(surname)}"))
            email = f"{local}@{dice.pick(v.EMAIL_DOMAINS)}"
        traders.append(
            TraderProfile(
                legal_name=name,
                trading_name=(
                    f"{dice.pick(v.KINYARWANDA_WORDS)} {dice.pick(v.GOODS_WORDS)}"
                    if dice.chance(0.2)
                    else None
                ),
                tin=None if dice.chance(0.02) else str(tins[index]),
                vat=dice.chance(0.6),
                business_sector=sector,
                district=district,
                sector=dice.pick(sectors),
                street=street if dice.chance(0.8) else None,
                po_box=f"P.O. Box {dice.between(100, 9999)} {town}" if dice.chance(0.35) else None,
                phone=phone,
                phone_alt=rwandan_mobile(dice) if dice.chance(0.2) else None,
                whatsapp=phone if dice.chance(0.5) else None,
                email=email,
                contact_person=f"{given} {surname}" if dice.chance(0.8) else None,
                language=language,
                notes=dice.pick(TRADER_NOTES) if dice.chance(0.05) else None,
                status="inactive" if dice.chance(0.03) else "active",
                weight=0.0 if dice.chance(0.15) else 1 / (0.03 + dice.random()),
            )
        )
    for _ in range(count // 200 if count >= 10 else 0):
        original_index = dice.between(0, count - 1)
        original = traders[original_index]
        variant = original.legal_name.replace(" & ", " et ").replace(" Ltd", "")
        if variant == original.legal_name:
            variant = f"{original.legal_name} Ltd"
        if variant in seen:
            continue
        seen.add(variant)
        traders.append(
            TraderProfile(
                **{
                    **{name: getattr(original, name) for name in _COPIED},
                    "legal_name": variant,
                    "tin": None,
                    "status": "merged",
                    "weight": 0.0,
                    "merged_into": original_index,
                    "notes": "Registered twice; merged into the first record.",
                }
            )
        )
    return traders


_COPIED = (
    "trading_name", "vat", "business_sector", "district", "sector", "street", "po_box", "phone",
    "phone_alt", "whatsapp", "email", "contact_person", "language",
)  # fmt: skip


def load_traders(
    bulk: Bulk,
    cal: Calendar,
    dice: Dice,
    staff: StaffIds,
    traders: list[TraderProfile],
) -> None:
    """Give each trader a registration date before its first case, then ids and TRD- codes in
    that order (the counter continues from there)."""
    for trader in traders:
        if trader.first_day is not None:
            trader.created_day = trader.first_day - dice.between(0, 90)
        else:
            trader.created_day = cal.today - dice.between(0, 300)
    for trader in traders:
        if trader.merged_into is not None:
            original = traders[trader.merged_into]
            trader.created_day = min(cal.today, original.created_day + dice.between(1, 60))
    order = sorted(range(len(traders)), key=lambda i: (traders[i].created_day, i))
    first_id = bulk.next_id("traders")
    number = bulk.counter("trader", 0)
    for position, index in enumerate(order):
        traders[index].id = first_id + position
        traders[index].code = f"TRD-{number + position + 1:06d}"
    bulk.insert(
        "traders", TRADER_COLUMNS, (_trader_row(traders, i, cal, dice, staff) for i in order)
    )
    bulk.set_counter("trader", 0, number + len(traders))


def _trader_row(
    traders: list[TraderProfile], index: int, cal: Calendar, dice: Dice, staff: StaffIds
) -> tuple[object, ...]:
    t = traders[index]
    values = {
        "legal_name": t.legal_name,
        "trading_name": t.trading_name,
        "tin": t.tin,
        "contact_person": t.contact_person,
        "district": t.district,
        "phone": t.phone,
        "phone_alt": t.phone_alt,
        "whatsapp": t.whatsapp,
    }
    merged_into = traders[t.merged_into].id if t.merged_into is not None else None
    stamp = cal.stamp(t.created_day, dice)
    by = staff.officer(dice)
    return (
        t.id, t.code, t.legal_name, t.trading_name, t.tin, int(t.vat), t.business_sector,
        t.district, t.sector, t.street, t.po_box, t.phone, t.phone_alt, t.whatsapp, t.email,
        t.contact_person, t.language.value, t.notes, t.status, merged_into,
        trader_search_text(values, t.code), stamp, by, stamp, by,
    )  # fmt: skip


def trader_picker(traders: list[TraderProfile]) -> Callable[[Dice], int]:
    """Draws the index of the trader a new case belongs to: a few big importers, many small."""
    table = Weighted((i, t.weight) for i, t in enumerate(traders) if t.weight > 0)
    return table.draw
