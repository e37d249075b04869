"""The DDL of migration 0002_letters: the registry of issued letters and the letterhead logo.

An issued letter is frozen: triggers refuse any change to its PDF, hashes, content, reference or
addressee, refuse bringing a void letter back, and refuse DELETE. Only the void columns (and the
audit columns) may change, once.
"""

from __future__ import annotations

from liaison import enums as e
from liaison.db.schema import AUDIT_COLUMNS, one_of, stamp_check

FROZEN_COLUMNS = (
    "ref",
    "year",
    "number",
    "kind",
    "language",
    "template_version",
    "trader_id",
    "case_id",
    "inquiry_id",
    "subject",
    "supersedes_id",
    "pdf",
    "pdf_sha256",
    "pdf_size",
    "page_count",
    "content_json",
    "content_sha256",
    "issued_at",
    "issued_by",
    "search_text",
)
HEX64 = "length({0}) = 64 AND {0} NOT GLOB '*[^0-9a-f]*'"


def letters_ddl() -> list[str]:
    changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in FROZEN_COLUMNS)
    return [
        f"""CREATE TABLE letters (
    id INTEGER PRIMARY KEY,
    ref TEXT NOT NULL UNIQUE CHECK (ref = 'KPA/KGL/LTR/' || year || '/' || printf('%04d', number)),
    year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2099),
    number INTEGER NOT NULL CHECK (number >= 1),
    kind TEXT NOT NULL CHECK (length(kind) BETWEEN 2 AND 40 AND kind NOT GLOB '*[^A-Z_]*'),
    language TEXT NOT NULL {one_of("language", e.Language)},
    template_version TEXT NOT NULL CHECK (length(template_version) BETWEEN 1 AND 64),
    trader_id INTEGER NOT NULL REFERENCES traders(id),
    case_id INTEGER REFERENCES cases(id),
    inquiry_id INTEGER REFERENCES inquiries(id),
    subject TEXT NOT NULL CHECK (length(subject) BETWEEN 1 AND 2000),
    status TEXT NOT NULL DEFAULT 'ISSUED' CHECK (status IN ('ISSUED', 'VOID')),
    supersedes_id INTEGER REFERENCES letters(id),
    void_reason TEXT CHECK (void_reason IS NULL OR length(void_reason) BETWEEN 1 AND 400),
    voided_at TEXT {stamp_check("voided_at")},
    voided_by INTEGER REFERENCES staff(id),
    pdf BLOB NOT NULL CHECK (typeof(pdf) = 'blob' AND substr(pdf, 1, 5) = X'255044462D'),
    pdf_sha256 TEXT NOT NULL CHECK ({HEX64.format("pdf_sha256")}),
    pdf_size INTEGER NOT NULL CHECK (pdf_size = length(pdf)),
    page_count INTEGER NOT NULL CHECK (page_count >= 1),
    content_json TEXT NOT NULL CHECK (json_valid(content_json)),
    content_sha256 TEXT NOT NULL CHECK ({HEX64.format("content_sha256")}),
    issued_at TEXT NOT NULL {stamp_check("issued_at")},
    issued_by INTEGER NOT NULL REFERENCES staff(id),
    search_text TEXT NOT NULL DEFAULT '',{AUDIT_COLUMNS},
    UNIQUE (year, number),
    CHECK (case_id IS NOT NULL OR inquiry_id IS NOT NULL),
    CHECK ((status = 'VOID') = (void_reason IS NOT NULL)),
    CHECK ((void_reason IS NULL) = (voided_at IS NULL) AND (voided_at IS NULL) = (voided_by IS NULL)),
    CHECK (supersedes_id IS NULL OR supersedes_id != id)
) STRICT""",
        "CREATE INDEX letters_trader ON letters(trader_id, id)",
        "CREATE INDEX letters_case ON letters(case_id, id) WHERE case_id IS NOT NULL",
        "CREATE INDEX letters_inquiry ON letters(inquiry_id, id) WHERE inquiry_id IS NOT NULL",
        "CREATE INDEX letters_kind ON letters(kind, id)",
        "CREATE INDEX letters_status ON letters(status, id)",
        "CREATE UNIQUE INDEX letters_supersedes ON letters(supersedes_id) WHERE supersedes_id IS NOT NULL",
        f"""CREATE TRIGGER letters_frozen BEFORE UPDATE ON letters WHEN {changed}
BEGIN SELECT RAISE(ABORT, 'an issued letter cannot be changed; void it and issue a new one'); END""",
        """CREATE TRIGGER letters_void_is_final BEFORE UPDATE ON letters
WHEN OLD.status = 'VOID' AND (NEW.status IS NOT 'VOID' OR NEW.void_reason IS NOT OLD.void_reason
    OR NEW.voided_at IS NOT OLD.voided_at OR NEW.voided_by IS NOT OLD.voided_by)
BEGIN SELECT RAISE(ABORT, 'a void letter stays void'); END""",
        """CREATE TRIGGER letters_no_delete BEFORE DELETE ON letters
BEGIN SELECT RAISE(ABORT, 'letters are never deleted; void them'); END""",
        f"""CREATE TABLE letterhead_logo (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    image BLOB NOT NULL CHECK (typeof(image) = 'blob' AND length(image) BETWEEN 1 AND 2000000),
    media_type TEXT NOT NULL CHECK (media_type IN ('image/png', 'image/jpeg')),
    sha256 TEXT NOT NULL CHECK ({HEX64.format("sha256")}),
    updated_at TEXT NOT NULL {stamp_check("updated_at")},
    updated_by INTEGER NOT NULL REFERENCES staff(id)
) STRICT""",
    ]
