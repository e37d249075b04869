"""Office settings kept in the database (letterhead, signatory, response times, backups)."""

from __future__ import annotations

from liaison.db.settings_defaults import DEFAULT_SETTINGS
from liaison.enums import Entity, Language, Priority
from liaison.errors import ValidationError
from liaison.models import Changes
from liaison.rules import identifiers as ids
from liaison.rules.text import clean_text
from liaison.services.base import Collector, Service, choice, whole_number

NUMBER_LIMITS = {
    "sla_days_urgent": 60,
    "sla_days_high": 60,
    "sla_days_normal": 90,
    "sla_days_low": 180,
    "storage_warning_days": 30,
    "auction_threshold_days": 90,
    "auction_notice_days": 120,
    "backup_max_age_hours": 24 * 31,
}


class SettingsService(Service):
    def all(self) -> dict[str, str]:
        values = dict(DEFAULT_SETTINGS)
        values.update(
            {r["key"]: r["value"] for r in self.store.all("SELECT key, value FROM settings")}
        )
        return values

    def get(self, key: str) -> str:
        return self.all()[key]

    def number(self, key: str) -> int:
        return int(self.get(key))

    def sla_days(self) -> dict[Priority, int]:
        values = self.all()
        return {p: int(values[f"sla_days_{p.value}"]) for p in Priority}

    def is_demo(self) -> bool:
        return self.get("is_demo") == "1"

    def update(self, changes: dict[str, str]) -> Changes:
        actor = self.require_admin()
        cleaned = self.validate(changes)
        stamp = self.now()
        from liaison.db import rows

        with self.store.write() as conn:
            current = {
                r["key"]: r["value"] for r in conn.execute("SELECT key, value FROM settings")
            }
            changed = {k: (current.get(k), v) for k, v in cleaned.items() if current.get(k) != v}
            for key, value in cleaned.items():
                conn.execute(
                    "INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value, "
                    "updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                    (key, value, stamp, actor.id),
                )
            if changed:
                rows.audit(
                    conn,
                    at=stamp,
                    staff_id=actor.id,
                    entity="settings",
                    entity_id=None,
                    action="update",
                    changes=changed,
                )
        return Changes.of(Entity.SETTINGS) if changed else Changes()

    def validate(self, changes: dict[str, str]) -> dict[str, str]:
        """Cleaned values, or every field error at once; stores nothing."""
        c = Collector()
        cleaned: dict[str, str] = {}
        for key, raw in changes.items():
            if key not in DEFAULT_SETTINGS:
                c.add(key, "Unknown setting.", "unknown")
                continue
            value: object
            if key in NUMBER_LIMITS:
                value = c.check(whole_number, raw, key, maximum=NUMBER_LIMITS[key])
                if value is None and not any(e.field == key for e in c.errors):
                    c.add(key, "A number is required.", "required")
            elif key == "office_phone":
                value = c.check(ids.clean_phone, raw, key)
            elif key == "office_email":
                value = c.check(ids.clean_email, raw, key)
            elif key == "default_language":
                value = c.check(choice, Language, raw, key)
            elif key == "is_demo":
                value = "1" if str(raw) in ("1", "true", "True") else "0"
            elif key == "office_address":
                value = c.check(clean_text, raw, key, max_length=400, multiline=True)
            else:
                value = c.check(clean_text, raw, key, max_length=400)
            cleaned[key] = "" if value is None else str(value)
        c.raise_if_any()
        if "office_name" in cleaned and not cleaned["office_name"]:
            raise ValidationError("office_name", "The office name is required.", code="required")
        return cleaned
