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
    }
    return labels.get(field, field.replace("_", " ").capitalize())
