"""Reference data a new office database starts with: the system account, default settings,
the corridor's shipping lines and external parties, and free-day tariffs from DOMAIN.md §2.5.

Tariff values change over time: they are rows with effective dates that an admin edits, never
constants in code. The seed is what public sources report; the office should confirm it.
"""

from __future__ import annotations

import datetime as dt

from liaison.db.connection import Store
from liaison.db.settings_defaults import DEFAULT_SETTINGS

SYSTEM_USERNAME = "system"

SHIPPING_LINES = [
    ("Maersk", "MAEU,MRKU,MSKU"),
    ("Mediterranean Shipping Company (MSC)", "MEDU,MSCU"),
    ("CMA CGM", "CMDU,CMAU"),
    ("Hapag-Lloyd", "HLCU,HLXU"),
    ("COSCO Shipping", "COSU,CBHU"),
    ("Ocean Network Express (ONE)", "ONEY,ONEU"),
    ("Evergreen", "EGLV,EGHU"),
    ("PIL Pacific International Lines", "PCIU"),
]

PARTIES = [
    ("KPA Mombasa — Customer Service", "kpa_desk", "KE"),
    ("KPA Mombasa — Container Operations", "kpa_desk", "KE"),
    ("KPA ICD Nairobi (Embakasi)", "kpa_desk", "KE"),
    ("KPA Naivasha ICD", "kpa_desk", "KE"),
    ("Kenya Revenue Authority — Customs", "kra", "KE"),
    ("Rwanda Revenue Authority — Customs", "rra", "RW"),
    ("KenTrade (Kenya National Single Window)", "kentrade", "KE"),
    ("RECTS monitoring centre, Kigali", "rects", "RW"),
    ("NCTTCA", "ncttca", "KE"),
]

# (location, free_days, daily rate in US cents after the free period, from, to, source)
KPA_FREE_STORAGE = [
    ("MSA", 9, 3000, "2000-01-01", "2020-05-17", "KPA tariff, transit imports (normal 9 days)"),
    ("MSA", 14, 3000, "2020-05-18", "2021-06-30", "KPA notice 18 May 2020 (COVID extension)"),
    ("MSA", 9, 3000, "2021-07-01", None, "KPA tariff, transit imports (back to 9 days)"),
    ("ICDN", 9, 3000, "2000-01-01", "2020-05-17", "KPA tariff, ICD Nairobi transit imports"),
    ("ICDN", 14, 3000, "2020-05-18", "2021-06-30", "KPA notice 18 May 2020 (COVID extension)"),
    ("ICDN", 9, 3000, "2021-07-01", None, "KPA tariff, ICD Nairobi (back to 9 days)"),
    ("NICD", 30, 3000, "2000-01-01", None, "KPA, Naivasha ICD transit imports: 30 days"),
]
LINE_FREE_DAYS = 14  # typical shipping-line free period; per-line rules override it
LINE_DAILY_RATE = 2500  # USD 25 per container per day (2020-21 reports)


def seed_reference_data(store: Store) -> None:
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    with store.write() as conn:
        conn.execute(
            "INSERT INTO staff (username, full_name, initials, role, active, created_at, "
            "updated_at) VALUES (?, 'Liaison Desk (system)', 'SYS', 'system', 1, ?, ?)",
            (SYSTEM_USERNAME, now, now),
        )
        system_id = conn.execute(
            "SELECT id FROM staff WHERE username = ?", (SYSTEM_USERNAME,)
        ).fetchone()[0]
        audit = (now, system_id, now, system_id)
        conn.executemany(
            "INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)",
            [(key, value, now, system_id) for key, value in DEFAULT_SETTINGS.items()],
        )
        conn.executemany(
            "INSERT INTO shipping_lines (name, scac_prefixes, created_at, created_by, "
            "updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)",
            [(name, prefixes, *audit) for name, prefixes in SHIPPING_LINES],
        )
        conn.executemany(
            "INSERT INTO parties (name, kind, country, created_at, created_by, updated_at, "
            "updated_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(name, kind, country, *audit) for name, kind, country in PARTIES],
        )
        conn.executemany(
            "INSERT INTO tariffs (kind, location, free_days, daily_rate_minor, currency, "
            "effective_from, effective_to, source_note, created_at, created_by, updated_at, "
            "updated_by) VALUES ('kpa_free_storage', ?, ?, ?, 'USD', ?, ?, ?, ?, ?, ?, ?)",
            [row + audit for row in KPA_FREE_STORAGE],
        )
        conn.execute(
            "INSERT INTO tariffs (kind, location, free_days, daily_rate_minor, currency, "
            "effective_from, source_note, created_at, created_by, updated_at, updated_by) "
            "VALUES ('line_free_days', NULL, ?, ?, 'USD', '2000-01-01', ?, ?, ?, ?, ?)",
            (
                LINE_FREE_DAYS,
                LINE_DAILY_RATE,
                "Typical shipping-line free period (2020-21)",
                *audit,
            ),
        )
