"""How known errors and field names read to the user, in the user's language.

The core raises codes and field names; this module words them through ``tr()``. An unknown code
falls back to the core's English message (which never contains markup or user-typed text as markup).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from liaison.errors import LiaisonError, ValidationError, ValidationErrors


def tr(text: str) -> str:
    return QCoreApplication.translate("wording", text)


def error_text(exc: LiaisonError) -> str:
    """A plain sentence for a known error."""
    if isinstance(exc, ValidationErrors):
        return "\n".join(error_text(e) for e in exc.errors)
    if isinstance(exc, ValidationError):
        return f"{field_label(exc.field)}: {exc.message}"
    titles = {
        "conflict": tr("Someone else changed this record after you opened it."),
        "database_busy": tr("The database is busy in another window or program. Try again."),
        "database_read_only": tr("The database file is read-only; nothing can be saved."),
        "disk_full": tr("The disk is full; nothing was saved."),
        "database_corrupt": tr("The database file is damaged."),
        "permission_denied": tr("Your account cannot do this."),
    }
    title = titles.get(exc.code)
    return f"{title}\n\n{exc.message}" if title and title != exc.message else exc.message


def field_label(field: str) -> str:
    """A field name as a person reads it; unknown names are made readable."""
    labels = {
        "legal_name": tr("Legal name"),
        "trading_name": tr("Trading name"),
        "tin": tr("TIN"),
        "phone": tr("Phone"),
        "phone_alt": tr("Other phone"),
        "whatsapp": tr("WhatsApp"),
        "email": tr("E-mail"),
        "language": tr("Letter language"),
        "bl_number": tr("Bill of lading"),
        "number": tr("Container number"),
        "check_digit_override": tr("Override reason"),
        "occurred_on": tr("Date"),
        "due_on": tr("Due date"),
        "subject": tr("Subject"),
        "trader_id": tr("Trader"),
        "username": tr("Username"),
        "password": tr("Password"),
        # traders
        "vat_registered": tr("VAT registered"),
        "business_sector": tr("Business"),
        "district": tr("District"),
        "sector": tr("Sector"),
        "street": tr("Street"),
        "po_box": tr("P.O. Box"),
        "contact_person": tr("Contact person"),
        "notes": tr("Notes"),
        "status": tr("Status"),
        # cases and tracking
        "case_id": tr("Case"),
        "bl_type": tr("B/L type"),
        "house_bl_number": tr("House B/L"),
        "consignee_name": tr("Consignee"),
        "agent_id": tr("Clearing agent"),
        "shipping_line_id": tr("Shipping line"),
        "vessel_name": tr("Vessel"),
        "voyage_no": tr("Voyage"),
        "rotation_no": tr("KPA rotation"),
        "manifest_no": tr("Manifest"),
        "port_of_loading": tr("Port of loading"),
        "eta": tr("ETA"),
        "customs_regime": tr("Customs regime"),
        "declaration_no": tr("Declaration"),
        "rctg_carnet_no": tr("RCTG carnet"),
        "delivery_order_no": tr("Delivery order"),
        "kpa_invoice_no": tr("KPA invoice"),
        "inland_mode": tr("Inland route"),
        "border_exit_ke": tr("Exit from Kenya"),
        "border_entry_rw": tr("Entry to Rwanda"),
        "destination": tr("Destination"),
        "cargo_description": tr("Cargo"),
        "hs_codes": tr("HS codes"),
        "packages": tr("Packages"),
        "gross_weight_kg": tr("Gross weight (kg)"),
        "assigned_to": tr("Assigned to"),
        "opened_on": tr("Opened on"),
        "container_id": tr("Container"),
        "container_ids": tr("Containers"),
        "size_type": tr("Size/type"),
        "seal_no": tr("Seal"),
        "eseal_no": tr("RECTS e-seal"),
        "code": tr("Milestone"),
        "occurred_time": tr("Time"),
        "location": tr("Where"),
        "source": tr("Source"),
        "note": tr("Note"),
        "void_reason": tr("Reason to void"),
        "doc_type": tr("Document"),
        "reference_no": tr("Reference"),
        "received_on": tr("Received on"),
        # inquiries and work
        "inquiry_id": tr("Inquiry"),
        "channel": tr("Received by"),
        "category": tr("Category"),
        "priority": tr("Priority"),
        "description": tr("Details"),
        "contact_name": tr("Contact person"),
        "resolution": tr("Resolution"),
        "owner": tr("Record"),
        "party_id": tr("Referred to"),
        "referred_on": tr("Referred on"),
        "their_reference": tr("Their reference"),
        "response_due_on": tr("Answer expected by"),
        "responded_on": tr("Answered on"),
        "summary": tr("Their answer"),
        "title": tr("What"),
        "kind": tr("Kind"),
        "due_time": tr("Time"),
        "outcome": tr("Outcome"),
        "reason": tr("Reason"),
        "body": tr("Note"),
        # staff, office settings and tariffs (administration)
        "full_name": tr("Full name"),
        "initials": tr("Initials"),
        "role": tr("Role"),
        "password_again": tr("Password again"),
        "current_password": tr("Current password"),
        "new_password": tr("New password"),
        "new_password_again": tr("New password again"),
        "path": tr("File"),
        "office_name": tr("Office name"),
        "office_address": tr("Address"),
        "office_phone": tr("Office phone"),
        "office_email": tr("Office e-mail"),
        "office_po_box": tr("P.O. Box"),
        "signatory_name": tr("Signatory"),
        "signatory_title": tr("Signatory's title"),
        "default_language": tr("Default letter language"),
        "sla_days_urgent": tr("Response time, urgent"),
        "sla_days_high": tr("Response time, high"),
        "sla_days_normal": tr("Response time, normal"),
        "sla_days_low": tr("Response time, low"),
        "storage_warning_days": tr("Storage warning"),
        "auction_threshold_days": tr("Auction threshold"),
        "auction_notice_days": tr("Auction notice"),
        "free_days": tr("Free days"),
        "daily_rate": tr("Charge per day"),
        "currency": tr("Currency"),
        "effective_from": tr("In force from"),
        "effective_to": tr("In force until"),
        "source_note": tr("Source"),
    }
    return labels.get(field, field.replace("_", " ").capitalize())
