"""The closed vocabularies of the office: statuses, channels, categories, places.

Values are stored in the database as these strings and checked there by CHECK constraints built
from the same enums (see ``db.schema``), so the two cannot drift apart.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    OFFICER = "officer"
    VIEWER = "viewer"
    SYSTEM = "system"  # the command line and automatic jobs; cannot sign in


class Language(StrEnum):
    EN = "en"
    FR = "fr"
    RW = "rw"
    SW = "sw"


class TraderStatus(StrEnum):
    ACTIVE = "active"
    INACTIVE = "inactive"
    MERGED = "merged"


class InquiryStatus(StrEnum):
    NEW = "NEW"
    OPEN = "OPEN"
    AWAITING_TRADER = "AWAITING_TRADER"
    AWAITING_EXTERNAL = "AWAITING_EXTERNAL"
    RESOLVED = "RESOLVED"
    CLOSED = "CLOSED"


class Channel(StrEnum):
    WALK_IN = "walk_in"
    PHONE = "phone"
    EMAIL = "email"
    WHATSAPP = "whatsapp"
    LETTER = "letter"
    MEETING = "meeting"
    REFERRAL = "referral"


class Category(StrEnum):
    CARGO_STATUS = "cargo_status"
    CHARGES_QUOTE = "charges_quote"
    STORAGE_WAIVER = "storage_waiver"
    DEMURRAGE_DETENTION = "demurrage_detention"
    DELAY = "delay"
    DOCUMENTATION = "documentation_procedure"
    LONG_STAY_AUCTION = "long_stay_auction"
    DAMAGE_LOSS = "damage_loss"
    DEPOSIT_REFUND = "deposit_refund"
    COMPLAINT = "complaint"
    TARIFF_INFO = "tariff_info"
    OTHER = "other"


class Priority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class CaseStatus(StrEnum):
    OPEN = "OPEN"
    ON_HOLD = "ON_HOLD"
    COMPLETED = "COMPLETED"
    CANCELLED = "CANCELLED"


class BlType(StrEnum):
    MASTER = "master"
    HOUSE = "house"


class Regime(StrEnum):
    IM4 = "IM4"  # home consumption
    IM8 = "IM8"  # transit
    WT8 = "WT8"  # warehousing
    OTHER = "OTHER"


class InlandMode(StrEnum):
    ROAD = "road"
    SGR_ICDN = "sgr_icdn"  # SGR to ICD Nairobi (Embakasi)
    SGR_NICD = "sgr_nicd"  # SGR to Naivasha ICD


class BorderKE(StrEnum):
    MALABA = "MALABA"
    BUSIA = "BUSIA"
    OTHER = "OTHER"


class BorderRW(StrEnum):
    GATUNA = "GATUNA"
    KAGITUMBA = "KAGITUMBA"
    OTHER = "OTHER"


class Destination(StrEnum):
    KLP_MASAKA = "KLP_MASAKA"
    GIKONDO = "GIKONDO"
    OTHER = "OTHER"


class TariffLocation(StrEnum):
    MSA = "MSA"  # Mombasa container yard
    ICDN = "ICDN"  # ICD Nairobi (Embakasi)
    NICD = "NICD"  # Naivasha ICD


class TariffKind(StrEnum):
    KPA_FREE_STORAGE = "kpa_free_storage"
    LINE_FREE_DAYS = "line_free_days"


class DocType(StrEnum):
    BL = "bl"
    COMMERCIAL_INVOICE = "commercial_invoice"
    PACKING_LIST = "packing_list"
    CERTIFICATE_OF_ORIGIN = "certificate_of_origin"
    DECLARATION = "declaration"
    DELIVERY_ORDER = "delivery_order"
    KPA_INVOICE = "kpa_invoice"
    RECEIPT = "receipt"
    PERMIT = "permit"
    RSB_COC = "rsb_coc"
    PHYTO = "phyto"
    T1 = "t1"
    OTHER = "other"


class DocStatus(StrEnum):
    MISSING = "missing"
    RECEIVED = "received"
    VERIFIED = "verified"
    REJECTED = "rejected"


class FollowUpKind(StrEnum):
    CALL_TRADER = "call_trader"
    CHASE_KPA = "chase_kpa"
    CHASE_SHIPPING_LINE = "chase_shipping_line"
    CHASE_RRA = "chase_rra"
    CHASE_KRA = "chase_kra"
    SEND_LETTER = "send_letter"
    SITE_VISIT = "site_visit"
    OTHER = "other"


class FollowUpStatus(StrEnum):
    PENDING = "PENDING"
    DONE = "DONE"
    CANCELLED = "CANCELLED"


class ReferralStatus(StrEnum):
    SENT = "SENT"
    ACKNOWLEDGED = "ACKNOWLEDGED"
    ANSWERED = "ANSWERED"
    NO_RESPONSE = "NO_RESPONSE"
    CANCELLED = "CANCELLED"


class PartyKind(StrEnum):
    KPA_DESK = "kpa_desk"
    KRA = "kra"
    RRA = "rra"
    KENTRADE = "kentrade"
    SHIPPING_LINE = "shipping_line"
    RECTS = "rects"
    NCTTCA = "ncttca"
    TRANSPORTER = "transporter"
    AGENT = "agent"
    OTHER = "other"


class MilestoneSource(StrEnum):
    TRADER = "trader"
    AGENT = "agent"
    KWATOS = "kwatos"
    KPA_STAFF = "kpa_staff"
    RRA = "rra"
    SHIPPING_LINE = "shipping_line"
    RECTS = "rects"
    OTHER = "other"


class Entity(StrEnum):
    """What a change touched; the UI refreshes by these."""

    STAFF = "staff"
    SETTINGS = "settings"
    TRADERS = "traders"
    INQUIRIES = "inquiries"
    NOTES = "notes"
    REFERRALS = "referrals"
    CASES = "cases"
    CONTAINERS = "containers"
    MILESTONES = "milestones"
    DOCUMENTS = "documents"
    FOLLOWUPS = "followups"
    TARIFFS = "tariffs"
    PARTIES = "parties"
    LETTERS = "letters"
    BACKUPS = "backups"
