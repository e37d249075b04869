"""Numbering and freezing. The reference ``KPA/KGL/LTR/YYYY/NNNN`` comes from the year's
``letter`` counter, bumped inside the caller's ``BEGIN IMMEDIATE`` transaction (unique and
gapless across instances: a rolled-back transaction returns its number). The issued letter is
stored with its exact PDF bytes, their SHA-256 and its content JSON; database triggers keep them
unchanged for ever. Voiding only marks the letter, with a reason.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3

from liaison.db import rows
from liaison.errors import ValidationError
from liaison.letters import builder, store
from liaison.letters.content import LetterContent, sha256_text
from liaison.letters.facts import LetterFacts

_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
AUDITED = ("kind", "language", "trader_id", "case_id", "inquiry_id", "supersedes_id", "pdf_sha256")


def letter_ref(year: int, number: int) -> str:
    return f"KPA/KGL/LTR/{year}/{number:04d}"


def count_pages(pdf: bytes) -> int:
    """Pages of a PDF we rendered ourselves (reportlab writes one ``/Type /Page`` per page)."""
    return max(1, len(_PAGE.findall(pdf)))


def number_and_build(conn: sqlite3.Connection, facts: LetterFacts) -> LetterContent:
    """Take the next number of the issue year and write the content under it."""
    year = facts.today.year
    return builder.build(facts, letter_ref(year, rows.next_number(conn, "letter", year)))


def store_letter(
    conn: sqlite3.Connection,
    facts: LetterFacts,
    content: LetterContent,
    pdf: bytes,
    *,
    staff_id: int,
    stamp: str,
    supersedes: int | None,
) -> int:
    """Insert the frozen letter and its audit row; returns the letter's id."""
    if content.ref is None:
        raise ValueError("a draft cannot be stored")
    year, number = (int(p) for p in content.ref.rsplit("/", 2)[1:])
    canonical = content.canonical_json()
    record = {
        "ref": content.ref,
        "year": year,
        "number": number,
        "kind": facts.kind,
        "language": facts.language,
        "template_version": content.template_version,
        "trader_id": facts.trader.id,
        "case_id": facts.case.id if facts.case else None,
        "inquiry_id": facts.inquiry.id if facts.inquiry else None,
        "subject": content.subject[:2000],
        "supersedes_id": supersedes,
        "pdf": pdf,
        "pdf_sha256": hashlib.sha256(pdf).hexdigest(),
        "pdf_size": len(pdf),
        "page_count": count_pages(pdf),
        "content_json": canonical,
        "content_sha256": sha256_text(canonical),
        "issued_at": stamp,
        "issued_by": staff_id,
        "search_text": store.letter_search_text(facts, content.ref, content.subject),
        "created_at": stamp,
        "created_by": staff_id,
        "updated_at": stamp,
        "updated_by": staff_id,
    }
    letter_id = rows.insert(conn, "letters", record)
    rows.audit(
        conn,
        at=stamp,
        staff_id=staff_id,
        entity="letters",
        entity_id=letter_id,
        action="create",
        changes={k: (None, record[k]) for k in AUDITED if record[k] is not None},
        reference=content.ref,
    )
    return letter_id


def void_letter(
    conn: sqlite3.Connection,
    letter_id: int,
    reason: str,
    expected_version: int,
    *,
    staff_id: int,
    stamp: str,
) -> sqlite3.Row:
    """Mark an issued letter void (optimistic lock on its version); returns the row as it was."""
    old = rows.fetch(conn, "letters", letter_id, "letter")
    if old["status"] == "VOID":
        raise ValidationError("void_reason", f"Letter {old['ref']} is already void.", code="void")
    patch = {"status": "VOID", "void_reason": reason, "voided_at": stamp, "voided_by": staff_id}
    rows.update_versioned(
        conn, "letters", letter_id, patch, expected_version, stamp=stamp, staff_id=staff_id
    )
    rows.audit(
        conn,
        at=stamp,
        staff_id=staff_id,
        entity="letters",
        entity_id=letter_id,
        action="void",
        changes={"status": ("ISSUED", "VOID"), "void_reason": (None, reason)},
        reference=old["ref"],
    )
    return old
