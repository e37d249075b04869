"""The office settings kept in the database (so they are backed up), with their defaults."""

from __future__ import annotations

DEFAULT_SETTINGS: dict[str, str] = {
    "office_name": "Kenya Ports Authority — Kigali Liaison Office",
    "office_address": "Kigali, Rwanda",
    "office_phone": "",
    "office_email": "",
    "office_po_box": "",
    "signatory_name": "",
    "signatory_title": "Liaison Officer",
    "default_language": "en",
    "sla_days_urgent": "1",
    "sla_days_high": "2",
    "sla_days_normal": "5",
    "sla_days_low": "10",
    "storage_warning_days": "3",
    "auction_threshold_days": "21",
    "auction_notice_days": "30",
    "backup_dir": "",
    "backup_second_dir": "",
    "backup_max_age_hours": "26",
    "is_demo": "0",
}
