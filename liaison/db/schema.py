"""The DDL of migration 0001: every table, constraint, index, trigger and full-text index.

CHECK constraints are generated from the enums in ``liaison.enums`` and ``liaison.rules.stages``
so that the database refuses exactly what the services refuse (PROMISES P12).
"""

from __future__ import annotations

from enum import StrEnum

from liaison import enums as e
from liaison.rules.stages import Milestone

APPLICATION_ID = 0x4C44534B  # "LDSK"


def one_of(column: str, enum: type[StrEnum], *, nullable: bool = False) -> str:
    """``col = 'a' OR col = 'b' …`` rather than ``col IN ('a', 'b', …)``: the same rule, but SQLite
    evaluates an IN list in a CHECK about ten times slower per row (2.7 µs against 0.26 µs for
    24 values), which bulk imports and the demo pay on every insert."""
    check = " OR ".join(f"{column} = '{member.value}'" for member in enum)
    return f"CHECK ({column} IS NULL OR {check})" if nullable else f"CHECK ({check})"


def date_check(column: str) -> str:
    """Refuses '', words and impossible dates like 2024-02-30 (plain ``date(d) = d`` does not)."""
    return f"CHECK ({column} IS NULL OR date({column}, '+0 days') IS {column})"


def stamp_check(column: str) -> str:
    return f"CHECK ({column} IS NULL OR strftime('%Y-%m-%dT%H:%M:%SZ', {column}) IS {column})"


def time_check(column: str) -> str:
    return (
        f"CHECK ({column} IS NULL OR (length({column}) = 5 "
        f"AND time({column} || ':00') IS {column} || ':00'))"
    )


def text(column: str, max_length: int, *, required: bool = False) -> str:
    null = "NOT NULL" if required else ""
    empty = f"length({column}) > 0 AND " if required else f"{column} IS NULL OR "
    return f"{column} TEXT {null} CHECK ({empty}length({column}) <= {max_length})"


AUDIT_COLUMNS = f"""
    created_at TEXT NOT NULL {stamp_check("created_at")},
    created_by INTEGER NOT NULL REFERENCES staff(id),
    updated_at TEXT NOT NULL {stamp_check("updated_at")},
    updated_by INTEGER NOT NULL REFERENCES staff(id),
    version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1)"""

PHONE = "CHECK ({0} IS NULL OR ({0} GLOB '+[1-9]*' AND length({0}) BETWEEN 8 AND 16))"

# A row of these tables belongs to exactly one of a trader, an inquiry or a case.
ONE_OWNER = "CHECK ((trader_id IS NOT NULL) + (inquiry_id IS NOT NULL) + (case_id IS NOT NULL) = 1)"

OWNER_COLUMNS = """
    trader_id INTEGER REFERENCES traders(id),
    inquiry_id INTEGER REFERENCES inquiries(id),
    case_id INTEGER REFERENCES cases(id)"""


def initial_ddl() -> list[str]:
    return [
        f"""CREATE TABLE staff (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE CHECK (length(username) BETWEEN 2 AND 40
        AND username = lower(username) AND username NOT GLOB '*[^a-z0-9._-]*'),
    {text("full_name", 120, required=True)},
    {text("initials", 6, required=True)},
    role TEXT NOT NULL {one_of("role", e.Role)},
    password_hash TEXT,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    failed_sign_ins INTEGER NOT NULL DEFAULT 0 CHECK (failed_sign_ins >= 0),
    last_failed_at TEXT {stamp_check("last_failed_at")},
    last_sign_in_at TEXT {stamp_check("last_sign_in_at")},
    created_at TEXT NOT NULL {stamp_check("created_at")},
    updated_at TEXT NOT NULL {stamp_check("updated_at")},
    version INTEGER NOT NULL DEFAULT 1
) STRICT""",
        f"""CREATE TABLE settings (
    key TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 60),
    value TEXT NOT NULL CHECK (length(value) <= 4000),
    updated_at TEXT NOT NULL {stamp_check("updated_at")},
    updated_by INTEGER NOT NULL REFERENCES staff(id)
) STRICT""",
        """CREATE TABLE counters (
    name TEXT NOT NULL,
    year INTEGER NOT NULL CHECK (year = 0 OR year BETWEEN 2000 AND 2099),
    last_value INTEGER NOT NULL DEFAULT 0 CHECK (last_value >= 0),
    PRIMARY KEY (name, year)
) STRICT""",
        f"""CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL {stamp_check("at")},
    staff_id INTEGER NOT NULL REFERENCES staff(id),
    entity TEXT NOT NULL,
    entity_id INTEGER,
    action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'void', 'merge',
        'transition', 'sign_in', 'sign_in_failed', 'restore', 'import', 'export', 'backup')),
    field TEXT,
    old_value TEXT,
    new_value TEXT,
    reference TEXT
) STRICT""",
        "CREATE INDEX audit_log_entity ON audit_log(entity, entity_id, id)",
        "CREATE INDEX audit_log_staff ON audit_log(staff_id, id)",
        """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END""",
        """CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END""",
        f"""CREATE TABLE shipping_lines (
    id INTEGER PRIMARY KEY,
    {text("name", 120, required=True)} UNIQUE,
    {text("scac_prefixes", 60)},
    {text("local_agent", 120)},
    phone TEXT {PHONE.format("phone")},
    {text("email", 254)},
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),{AUDIT_COLUMNS}
) STRICT""",
        f"""CREATE TABLE parties (
    id INTEGER PRIMARY KEY,
    {text("name", 120, required=True)},
    kind TEXT NOT NULL {one_of("kind", e.PartyKind)},
    country TEXT CHECK (country IS NULL OR country IN ('RW', 'KE', 'UG', 'TZ', 'OTHER')),
    {text("contact_name", 120)},
    phone TEXT {PHONE.format("phone")},
    {text("email", 254)},
    rw_tin TEXT CHECK (rw_tin IS NULL OR (length(rw_tin) = 9 AND rw_tin NOT GLOB '*[^0-9]*')),
    ke_pin TEXT CHECK (ke_pin IS NULL OR length(ke_pin) = 11),
    {text("licence_no", 40)},
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),{AUDIT_COLUMNS},
    UNIQUE (kind, name)
) STRICT""",
        f"""CREATE TABLE traders (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    {text("legal_name", 200, required=True)},
    {text("trading_name", 200)},
    tin TEXT UNIQUE CHECK (tin IS NULL OR (length(tin) = 9 AND tin NOT GLOB '*[^0-9]*')),
    vat_registered INTEGER NOT NULL DEFAULT 0 CHECK (vat_registered IN (0, 1)),
    {text("business_sector", 80)},
    {text("district", 60)},
    {text("sector", 60)},
    {text("street", 200)},
    {text("po_box", 40)},
    phone TEXT {PHONE.format("phone")},
    phone_alt TEXT {PHONE.format("phone_alt")},
    whatsapp TEXT {PHONE.format("whatsapp")},
    email TEXT CHECK (email IS NULL OR (instr(email, '@') > 1 AND length(email) <= 254)),
    {text("contact_person", 120)},
    language TEXT NOT NULL DEFAULT 'en' {one_of("language", e.Language)},
    {text("notes", 4000)},
    status TEXT NOT NULL DEFAULT 'active' {one_of("status", e.TraderStatus)},
    merged_into_id INTEGER REFERENCES traders(id),
    search_text TEXT NOT NULL DEFAULT '',{AUDIT_COLUMNS},
    CHECK ((status = 'merged') = (merged_into_id IS NOT NULL))
) STRICT""",
        "CREATE INDEX traders_name ON traders(legal_name COLLATE NOCASE)",
        "CREATE INDEX traders_status_name ON traders(status, legal_name COLLATE NOCASE)",
        f"""CREATE TABLE cases (
    id INTEGER PRIMARY KEY,
    ref TEXT NOT NULL UNIQUE,
    trader_id INTEGER NOT NULL REFERENCES traders(id),
    {text("consignee_name", 200)},
    agent_id INTEGER REFERENCES parties(id),
    shipping_line_id INTEGER REFERENCES shipping_lines(id),
    {text("bl_number", 40, required=True)},
    bl_key TEXT NOT NULL,
    bl_type TEXT NOT NULL DEFAULT 'master' {one_of("bl_type", e.BlType)},
    {text("house_bl_number", 40)},
    {text("vessel_name", 80)},
    {text("voyage_no", 30)},
    {text("rotation_no", 30)},
    {text("manifest_no", 40)},
    {text("port_of_loading", 80)},
    eta TEXT {date_check("eta")},
    customs_regime TEXT {one_of("customs_regime", e.Regime, nullable=True)},
    {text("declaration_no", 40)},
    declaration_key TEXT NOT NULL DEFAULT '',
    {text("rctg_carnet_no", 40)},
    {text("delivery_order_no", 40)},
    {text("kpa_invoice_no", 40)},
    inland_mode TEXT NOT NULL DEFAULT 'road' {one_of("inland_mode", e.InlandMode)},
    border_exit_ke TEXT {one_of("border_exit_ke", e.BorderKE, nullable=True)},
    border_entry_rw TEXT {one_of("border_entry_rw", e.BorderRW, nullable=True)},
    destination TEXT {one_of("destination", e.Destination, nullable=True)},
    {text("cargo_description", 2000)},
    {text("hs_codes", 200)},
    packages INTEGER CHECK (packages IS NULL OR packages >= 0),
    gross_weight_kg INTEGER CHECK (gross_weight_kg IS NULL OR gross_weight_kg >= 0),
    status TEXT NOT NULL DEFAULT 'OPEN' {one_of("status", e.CaseStatus)},
    stage TEXT {one_of("stage", Milestone, nullable=True)},
    stage_on TEXT {date_check("stage_on")},
    container_count INTEGER NOT NULL DEFAULT 0 CHECK (container_count >= 0),
    opened_on TEXT NOT NULL {date_check("opened_on")},
    closed_on TEXT {date_check("closed_on")},
    assigned_to INTEGER REFERENCES staff(id),
    search_text TEXT NOT NULL DEFAULT '',{AUDIT_COLUMNS}
) STRICT""",
        "CREATE INDEX cases_trader ON cases(trader_id, id)",
        "CREATE INDEX cases_bl_key ON cases(bl_key)",
        "CREATE INDEX cases_declaration_key ON cases(declaration_key) WHERE declaration_key != ''",
        "CREATE INDEX cases_status_id ON cases(status, id)",
        "CREATE INDEX cases_stage_id ON cases(stage, id)",
        "CREATE INDEX cases_assigned ON cases(assigned_to, status, id)",
        "CREATE INDEX cases_opened ON cases(opened_on, id)",
        "CREATE INDEX cases_updated ON cases(updated_at, id)",
        "CREATE INDEX cases_shipping_line ON cases(shipping_line_id)",
        "CREATE INDEX cases_agent ON cases(agent_id)",
        f"""CREATE TABLE containers (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    number TEXT NOT NULL CHECK (length(number) = 11 AND number GLOB '[A-Z][A-Z][A-Z][UJZ][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
    {text("check_digit_override", 200)},
    {text("size_type", 4)},
    {text("seal_no", 40)},
    {text("eseal_no", 40)},
    gross_weight_kg INTEGER CHECK (gross_weight_kg IS NULL OR gross_weight_kg >= 0),
    stage TEXT {one_of("stage", Milestone, nullable=True)},
    stage_on TEXT {date_check("stage_on")},
    discharged_on TEXT {date_check("discharged_on")},
    released_on TEXT {date_check("released_on")},
    left_custody_on TEXT {date_check("left_custody_on")},
    delivered_on TEXT {date_check("delivered_on")},
    empty_returned_on TEXT {date_check("empty_returned_on")},
    kpa_free_days INTEGER CHECK (kpa_free_days IS NULL OR kpa_free_days >= 0),
    kpa_free_until TEXT {date_check("kpa_free_until")},
    line_free_days INTEGER CHECK (line_free_days IS NULL OR line_free_days >= 0),
    line_free_until TEXT {date_check("line_free_until")},
    auction_on TEXT {date_check("auction_on")},
    search_text TEXT NOT NULL DEFAULT '',{AUDIT_COLUMNS},
    UNIQUE (case_id, number)
) STRICT""",
        "CREATE INDEX containers_number ON containers(number)",
        # Today's lists: boxes still in KPA custody, by clock date.
        """CREATE INDEX containers_kpa_free_until ON containers(kpa_free_until)
    WHERE left_custody_on IS NULL AND kpa_free_until IS NOT NULL""",
        """CREATE INDEX containers_auction_on ON containers(auction_on)
    WHERE left_custody_on IS NULL AND released_on IS NULL AND auction_on IS NOT NULL""",
        f"""CREATE TABLE milestones (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    container_id INTEGER REFERENCES containers(id),
    code TEXT NOT NULL {one_of("code", Milestone)},
    occurred_on TEXT NOT NULL {date_check("occurred_on")},
    occurred_time TEXT {time_check("occurred_time")},
    {text("location", 120)},
    source TEXT NOT NULL DEFAULT 'kpa_staff' {one_of("source", e.MilestoneSource)},
    {text("note", 2000)},
    voided_at TEXT {stamp_check("voided_at")},
    voided_by INTEGER REFERENCES staff(id),
    {text("void_reason", 400)},{AUDIT_COLUMNS},
    CHECK ((voided_at IS NULL) = (void_reason IS NULL))
) STRICT""",
        "CREATE INDEX milestones_case ON milestones(case_id, occurred_on, id)",
        "CREATE INDEX milestones_container ON milestones(container_id) WHERE container_id IS NOT NULL",
        f"""CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    doc_type TEXT NOT NULL {one_of("doc_type", e.DocType)},
    {text("reference_no", 60)},
    status TEXT NOT NULL DEFAULT 'missing' {one_of("status", e.DocStatus)},
    received_on TEXT {date_check("received_on")},
    {text("note", 1000)},{AUDIT_COLUMNS}
) STRICT""",
        "CREATE INDEX documents_case ON documents(case_id, doc_type)",
        f"""CREATE TABLE inquiries (
    id INTEGER PRIMARY KEY,
    ref TEXT NOT NULL UNIQUE,
    trader_id INTEGER NOT NULL REFERENCES traders(id),
    {text("contact_name", 120)},
    received_at TEXT NOT NULL {stamp_check("received_at")},
    channel TEXT NOT NULL {one_of("channel", e.Channel)},
    category TEXT NOT NULL {one_of("category", e.Category)},
    {text("subject", 200, required=True)},
    {text("description", 20000)},
    priority TEXT NOT NULL DEFAULT 'normal' {one_of("priority", e.Priority)},
    status TEXT NOT NULL DEFAULT 'NEW' {one_of("status", e.InquiryStatus)},
    assigned_to INTEGER REFERENCES staff(id),
    due_on TEXT NOT NULL {date_check("due_on")},
    paused_since TEXT {date_check("paused_since")},
    first_response_at TEXT {stamp_check("first_response_at")},
    resolved_at TEXT {stamp_check("resolved_at")},
    closed_at TEXT {stamp_check("closed_at")},
    {text("resolution", 4000)},
    case_id INTEGER REFERENCES cases(id),
    search_text TEXT NOT NULL DEFAULT '',{AUDIT_COLUMNS},
    CHECK ((paused_since IS NOT NULL) = (status IN ('AWAITING_TRADER', 'AWAITING_EXTERNAL')))
) STRICT""",
        "CREATE INDEX inquiries_trader ON inquiries(trader_id, id)",
        "CREATE INDEX inquiries_status_due ON inquiries(status, due_on, id)",
        "CREATE INDEX inquiries_assigned ON inquiries(assigned_to, status, id)",
        "CREATE INDEX inquiries_case ON inquiries(case_id) WHERE case_id IS NOT NULL",
        "CREATE INDEX inquiries_received ON inquiries(received_at, id)",
        f"""CREATE TABLE notes (
    id INTEGER PRIMARY KEY,{OWNER_COLUMNS},
    {text("body", 20000, required=True)},{AUDIT_COLUMNS},
    {ONE_OWNER}
) STRICT""",
        "CREATE INDEX notes_trader ON notes(trader_id) WHERE trader_id IS NOT NULL",
        "CREATE INDEX notes_inquiry ON notes(inquiry_id) WHERE inquiry_id IS NOT NULL",
        "CREATE INDEX notes_case ON notes(case_id) WHERE case_id IS NOT NULL",
        f"""CREATE TABLE referrals (
    id INTEGER PRIMARY KEY,{OWNER_COLUMNS},
    party_id INTEGER NOT NULL REFERENCES parties(id),
    referred_on TEXT NOT NULL {date_check("referred_on")},
    channel TEXT NOT NULL {one_of("channel", e.Channel)},
    {text("their_reference", 60)},
    response_due_on TEXT {date_check("response_due_on")},
    responded_on TEXT {date_check("responded_on")},
    {text("response_summary", 4000)},
    status TEXT NOT NULL DEFAULT 'SENT' {one_of("status", e.ReferralStatus)},{AUDIT_COLUMNS},
    {ONE_OWNER}
) STRICT""",
        "CREATE INDEX referrals_inquiry ON referrals(inquiry_id) WHERE inquiry_id IS NOT NULL",
        "CREATE INDEX referrals_case ON referrals(case_id) WHERE case_id IS NOT NULL",
        "CREATE INDEX referrals_open_due ON referrals(response_due_on) WHERE status IN ('SENT', 'ACKNOWLEDGED')",
        f"""CREATE TABLE followups (
    id INTEGER PRIMARY KEY,{OWNER_COLUMNS},
    kind TEXT NOT NULL {one_of("kind", e.FollowUpKind)},
    {text("title", 200, required=True)},
    due_on TEXT NOT NULL {date_check("due_on")},
    due_time TEXT {time_check("due_time")},
    assigned_to INTEGER REFERENCES staff(id),
    status TEXT NOT NULL DEFAULT 'PENDING' {one_of("status", e.FollowUpStatus)},
    done_at TEXT {stamp_check("done_at")},
    {text("outcome", 4000)},{AUDIT_COLUMNS},
    {ONE_OWNER}
) STRICT""",
        "CREATE INDEX followups_status_due ON followups(status, due_on, id)",
        "CREATE INDEX followups_assigned ON followups(assigned_to, status, due_on)",
        "CREATE INDEX followups_trader ON followups(trader_id) WHERE trader_id IS NOT NULL",
        "CREATE INDEX followups_inquiry ON followups(inquiry_id) WHERE inquiry_id IS NOT NULL",
        "CREATE INDEX followups_case ON followups(case_id) WHERE case_id IS NOT NULL",
        f"""CREATE TABLE tariffs (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL {one_of("kind", e.TariffKind)},
    location TEXT {one_of("location", e.TariffLocation, nullable=True)},
    shipping_line_id INTEGER REFERENCES shipping_lines(id),
    free_days INTEGER NOT NULL CHECK (free_days BETWEEN 0 AND 365),
    daily_rate_minor INTEGER CHECK (daily_rate_minor IS NULL OR daily_rate_minor >= 0),
    currency TEXT NOT NULL DEFAULT 'USD' CHECK (currency IN ('USD', 'KES', 'RWF')),
    effective_from TEXT NOT NULL {date_check("effective_from")},
    effective_to TEXT {date_check("effective_to")},
    {text("source_note", 400)},{AUDIT_COLUMNS},
    CHECK (effective_to IS NULL OR effective_to >= effective_from),
    CHECK ((kind = 'kpa_free_storage') = (location IS NOT NULL))
) STRICT""",
        "CREATE INDEX tariffs_lookup ON tariffs(kind, location, effective_from)",
        # Full-text indexes over the search keys the services maintain (external content).
        *_fts("traders"),
        *_fts("inquiries"),
        *_fts("cases"),
        *_fts("containers"),
    ]


def _fts(table: str) -> list[str]:
    fts = f"{table}_fts"
    return [
        f"""CREATE VIRTUAL TABLE {fts} USING fts5(search_text, content='{table}',
    content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='2 3 4')""",
        f"""CREATE TRIGGER {table}_fts_ai AFTER INSERT ON {table} BEGIN
    INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text); END""",
        f"""CREATE TRIGGER {table}_fts_ad AFTER DELETE ON {table} BEGIN
    INSERT INTO {fts}({fts}, rowid, search_text) VALUES ('delete', old.id, old.search_text); END""",
        f"""CREATE TRIGGER {table}_fts_au AFTER UPDATE OF search_text ON {table} BEGIN
    INSERT INTO {fts}({fts}, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text); END""",
    ]
