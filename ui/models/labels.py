"""How the closed vocabularies of the core read to a person: statuses, categories, channels,
milestones, document types … each value of ``liaison.enums`` (and the milestone codes) worded
through ``tr()``.

The tables are built on first use, after the application has installed its translators.
"""

from __future__ import annotations

import functools
from enum import StrEnum

from PySide6.QtCore import QCoreApplication

from liaison import enums as e
from liaison.rules.stages import Milestone


def tr(text: str) -> str:
    return QCoreApplication.translate("labels", text)


@functools.cache
def _tables() -> dict[type[StrEnum], dict[str, str]]:
    M = Milestone
    return {
        e.Role: {
            e.Role.ADMIN: tr("Administrator"),
            e.Role.OFFICER: tr("Officer"),
            e.Role.VIEWER: tr("Viewer"),
            e.Role.SYSTEM: tr("System"),
        },
        e.Language: {
            e.Language.EN: tr("English"),
            e.Language.FR: tr("French"),
            e.Language.RW: tr("Kinyarwanda"),
            e.Language.SW: tr("Swahili"),
        },
        e.TraderStatus: {
            e.TraderStatus.ACTIVE: tr("Active"),
            e.TraderStatus.INACTIVE: tr("Inactive"),
            e.TraderStatus.MERGED: tr("Merged"),
        },
        e.InquiryStatus: {
            e.InquiryStatus.NEW: tr("New"),
            e.InquiryStatus.OPEN: tr("Open"),
            e.InquiryStatus.AWAITING_TRADER: tr("Awaiting trader"),
            e.InquiryStatus.AWAITING_EXTERNAL: tr("Awaiting external party"),
            e.InquiryStatus.RESOLVED: tr("Resolved"),
            e.InquiryStatus.CLOSED: tr("Closed"),
        },
        e.Channel: {
            e.Channel.WALK_IN: tr("Walk-in"),
            e.Channel.PHONE: tr("Phone"),
            e.Channel.EMAIL: tr("E-mail"),
            e.Channel.WHATSAPP: tr("WhatsApp"),
            e.Channel.LETTER: tr("Letter"),
            e.Channel.MEETING: tr("Meeting"),
            e.Channel.REFERRAL: tr("Referral"),
        },
        e.Category: {
            e.Category.CARGO_STATUS: tr("Cargo status"),
            e.Category.CHARGES_QUOTE: tr("Charges / quotation"),
            e.Category.STORAGE_WAIVER: tr("Storage waiver"),
            e.Category.DEMURRAGE_DETENTION: tr("Demurrage / detention"),
            e.Category.DELAY: tr("Delay"),
            e.Category.DOCUMENTATION: tr("Documents / procedure"),
            e.Category.LONG_STAY_AUCTION: tr("Long stay / auction"),
            e.Category.DAMAGE_LOSS: tr("Damage / loss"),
            e.Category.DEPOSIT_REFUND: tr("Deposit refund"),
            e.Category.COMPLAINT: tr("Complaint"),
            e.Category.TARIFF_INFO: tr("Tariff information"),
            e.Category.OTHER: tr("Other"),
        },
        e.Priority: {
            e.Priority.LOW: tr("Low"),
            e.Priority.NORMAL: tr("Normal"),
            e.Priority.HIGH: tr("High"),
            e.Priority.URGENT: tr("Urgent"),
        },
        e.CaseStatus: {
            e.CaseStatus.OPEN: tr("Open"),
            e.CaseStatus.ON_HOLD: tr("On hold"),
            e.CaseStatus.COMPLETED: tr("Completed"),
            e.CaseStatus.CANCELLED: tr("Cancelled"),
        },
        e.BlType: {e.BlType.MASTER: tr("Master B/L"), e.BlType.HOUSE: tr("House B/L")},
        e.Regime: {
            e.Regime.IM4: tr("IM4 — home consumption"),
            e.Regime.IM8: tr("IM8 — transit"),
            e.Regime.WT8: tr("WT8 — warehousing"),
            e.Regime.OTHER: tr("Other"),
        },
        e.InlandMode: {
            e.InlandMode.ROAD: tr("Road from Mombasa"),
            e.InlandMode.SGR_ICDN: tr("SGR to ICD Nairobi"),
            e.InlandMode.SGR_NICD: tr("SGR to Naivasha ICD"),
        },
        e.BorderKE: {
            e.BorderKE.MALABA: tr("Malaba"),
            e.BorderKE.BUSIA: tr("Busia"),
            e.BorderKE.OTHER: tr("Other"),
        },
        e.BorderRW: {
            e.BorderRW.GATUNA: tr("Gatuna"),
            e.BorderRW.KAGITUMBA: tr("Kagitumba"),
            e.BorderRW.OTHER: tr("Other"),
        },
        e.Destination: {
            e.Destination.KLP_MASAKA: tr("KLP Masaka"),
            e.Destination.GIKONDO: tr("Gikondo"),
            e.Destination.OTHER: tr("Other"),
        },
        e.TariffLocation: {
            e.TariffLocation.MSA: tr("Mombasa container yard"),
            e.TariffLocation.ICDN: tr("ICD Nairobi"),
            e.TariffLocation.NICD: tr("Naivasha ICD"),
        },
        e.TariffKind: {
            e.TariffKind.KPA_FREE_STORAGE: tr("KPA free storage"),
            e.TariffKind.LINE_FREE_DAYS: tr("Shipping line free days"),
        },
        e.DocType: {
            e.DocType.BL: tr("Bill of lading"),
            e.DocType.COMMERCIAL_INVOICE: tr("Commercial invoice"),
            e.DocType.PACKING_LIST: tr("Packing list"),
            e.DocType.CERTIFICATE_OF_ORIGIN: tr("Certificate of origin"),
            e.DocType.DECLARATION: tr("Customs declaration"),
            e.DocType.DELIVERY_ORDER: tr("Delivery order"),
            e.DocType.KPA_INVOICE: tr("KPA invoice"),
            e.DocType.RECEIPT: tr("Receipt"),
            e.DocType.PERMIT: tr("Permit"),
            e.DocType.RSB_COC: tr("RSB certificate of conformity"),
            e.DocType.PHYTO: tr("Phytosanitary certificate"),
            e.DocType.T1: tr("T1 transit document"),
            e.DocType.OTHER: tr("Other"),
        },
        e.DocStatus: {
            e.DocStatus.MISSING: tr("Missing"),
            e.DocStatus.RECEIVED: tr("Received"),
            e.DocStatus.VERIFIED: tr("Verified"),
            e.DocStatus.REJECTED: tr("Rejected"),
        },
        e.FollowUpKind: {
            e.FollowUpKind.CALL_TRADER: tr("Call the trader"),
            e.FollowUpKind.CHASE_KPA: tr("Chase KPA"),
            e.FollowUpKind.CHASE_SHIPPING_LINE: tr("Chase the shipping line"),
            e.FollowUpKind.CHASE_RRA: tr("Chase RRA"),
            e.FollowUpKind.CHASE_KRA: tr("Chase KRA"),
            e.FollowUpKind.SEND_LETTER: tr("Send a letter"),
            e.FollowUpKind.SITE_VISIT: tr("Site visit"),
            e.FollowUpKind.OTHER: tr("Other"),
        },
        e.FollowUpStatus: {
            e.FollowUpStatus.PENDING: tr("Pending"),
            e.FollowUpStatus.DONE: tr("Done"),
            e.FollowUpStatus.CANCELLED: tr("Cancelled"),
        },
        e.ReferralStatus: {
            e.ReferralStatus.SENT: tr("Sent"),
            e.ReferralStatus.ACKNOWLEDGED: tr("Acknowledged"),
            e.ReferralStatus.ANSWERED: tr("Answered"),
            e.ReferralStatus.NO_RESPONSE: tr("No response"),
            e.ReferralStatus.CANCELLED: tr("Cancelled"),
        },
        e.PartyKind: {
            e.PartyKind.KPA_DESK: tr("KPA desk"),
            e.PartyKind.KRA: tr("KRA"),
            e.PartyKind.RRA: tr("RRA"),
            e.PartyKind.KENTRADE: tr("KenTrade"),
            e.PartyKind.SHIPPING_LINE: tr("Shipping line"),
            e.PartyKind.RECTS: tr("RECTS centre"),
            e.PartyKind.NCTTCA: tr("NCTTCA"),
            e.PartyKind.TRANSPORTER: tr("Transporter"),
            e.PartyKind.AGENT: tr("Clearing agent"),
            e.PartyKind.OTHER: tr("Other"),
        },
        e.MilestoneSource: {
            e.MilestoneSource.TRADER: tr("Trader"),
            e.MilestoneSource.AGENT: tr("Clearing agent"),
            e.MilestoneSource.KWATOS: tr("KWATOS"),
            e.MilestoneSource.KPA_STAFF: tr("KPA staff"),
            e.MilestoneSource.RRA: tr("RRA"),
            e.MilestoneSource.SHIPPING_LINE: tr("Shipping line"),
            e.MilestoneSource.RECTS: tr("RECTS"),
            e.MilestoneSource.OTHER: tr("Other"),
        },
        Milestone: {
            M.DOCS_RECEIVED: tr("Documents received"),
            M.MANIFESTED: tr("Manifested"),
            M.VESSEL_ARRIVED: tr("Vessel arrived"),
            M.DISCHARGED: tr("Discharged"),
            M.DECLARED: tr("Declared"),
            M.TAXES_PAID: tr("Taxes paid"),
            M.BOND_DEBITED: tr("Bond debited"),
            M.VERIFICATION: tr("Verification"),
            M.CUSTOMS_RELEASED: tr("Customs released"),
            M.DO_ISSUED: tr("Delivery order issued"),
            M.PORT_CHARGES_PAID: tr("Port charges paid"),
            M.LOADED_TRUCK: tr("Loaded on truck"),
            M.LOADED_SGR: tr("Loaded on SGR"),
            M.AT_ICD: tr("At ICD"),
            M.LEFT_ICD: tr("Left ICD"),
            M.BORDER_KE_UG: tr("Crossed Kenya–Uganda border"),
            M.BORDER_UG_RW: tr("Crossed Uganda–Rwanda border"),
            M.ARRIVED_KIGALI: tr("Arrived in Kigali"),
            M.DELIVERED: tr("Delivered"),
            M.EMPTY_RETURNED: tr("Empty returned"),
            M.ON_HOLD: tr("On hold"),
            M.LONG_STAY: tr("Long stay"),
            M.AUCTION_RISK: tr("Auction risk"),
            M.INCIDENT: tr("Incident"),
        },
    }


def label(value: StrEnum | None) -> str:
    """The words for one value; empty for ``None``."""
    if value is None:
        return ""
    table = _tables().get(type(value))
    if table is None:
        return str(value)
    return table.get(value, str(value))


def choices(enum: type[StrEnum]) -> list[tuple[str, str]]:
    """(stored value, words) for every member, in the enum's order."""
    return [(member.value, label(member)) for member in enum]


def inquiry_action(target: e.InquiryStatus, current: e.InquiryStatus) -> str:
    """The button that moves an inquiry to ``target``: a verb, not the status name."""
    IS = e.InquiryStatus
    if target is IS.OPEN:
        if current in (IS.RESOLVED, IS.CLOSED):
            return tr("Reopen")
        return tr("Start work") if current is IS.NEW else tr("Resume work")
    return {
        IS.AWAITING_TRADER: tr("Wait for trader"),
        IS.AWAITING_EXTERNAL: tr("Wait for external party"),
        IS.RESOLVED: tr("Resolve…"),
        IS.CLOSED: tr("Close inquiry"),
        IS.NEW: tr("Mark new"),
    }[target]


def case_action(target: e.CaseStatus, current: e.CaseStatus) -> str:
    CS = e.CaseStatus
    if target is CS.OPEN:
        return tr("Resume") if current is CS.ON_HOLD else tr("Reopen")
    return {
        CS.ON_HOLD: tr("Put on hold"),
        CS.COMPLETED: tr("Complete"),
        CS.CANCELLED: tr("Cancel case"),
    }[target]


def audit_action(action: str) -> str:
    return {
        "create": tr("Created"),
        "update": tr("Changed"),
        "delete": tr("Removed"),
        "void": tr("Voided"),
        "merge": tr("Merged"),
        "transition": tr("Status"),
        "import": tr("Imported"),
        "export": tr("Exported"),
    }.get(action, action)
