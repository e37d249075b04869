"""The SQL of letters: gathering a letter's facts, the registry list query, the cases a batch
picks, and the letterhead logo. Reads run on the connection they are given, so the issuing
transaction sees one consistent state.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from liaison.db import rows
from liaison.db.queries import ListShape, Params, Where, add_filters, paged
from liaison.db.settings_defaults import DEFAULT_SETTINGS
from liaison.enums import MilestoneSource
from liaison.errors import NotFound, ValidationError
from liaison.letters.facts import LetterFacts
from liaison.letters.matters import ReferralFact
from liaison.models import (
    Case,
    Container,
    Document,
    Inquiry,
    ListQuery,
    MilestoneRecord,
    Tariff,
    Trader,
)
from liaison.rules.text import search_key

LETTER_SORTS = {
    "id": "l.id",
    "ref": "l.year,l.number",
    "issued_at": "l.issued_at,l.id",
    "kind": "l.kind,l.id",
    "status": "l.status,l.id",
    "language": "l.language,l.id",
    "trader_name": "t.legal_name COLLATE NOCASE,l.id",
    "case_ref": "c.ref,l.id",
    "subject": "l.subject COLLATE NOCASE,l.id",
}
CHOICES = ("kind", "status", "language")  # the registry's filters by one of a few values


def settings(conn: sqlite3.Connection) -> dict[str, str]:
    values = dict(DEFAULT_SETTINGS)
    values.update({r["key"]: r["value"] for r in conn.execute("SELECT key, value FROM settings")})
    return values


@dataclass(frozen=True, slots=True)
class SharedFacts:
    """What every letter prints the same: read once for all the letters of a transaction."""

    settings: dict[str, str]
    staff_names: dict[int, str]
    tariffs: tuple[Tariff, ...]

    @staticmethod
    def read(conn: sqlite3.Connection) -> SharedFacts:
        return SharedFacts(
            settings=settings(conn),
            staff_names={r[0]: r[1] for r in conn.execute("SELECT id, full_name FROM staff")},
            tariffs=tuple(rows.to_record(Tariff, r) for r in conn.execute("SELECT * FROM tariffs")),
        )


def _one(conn: sqlite3.Connection, sql: str, params: Any, what: str) -> sqlite3.Row:
    row: sqlite3.Row | None = conn.execute(sql, params).fetchone()
    if row is None:
        raise NotFound(f"No {what}.")
    return row


def gather(
    conn: sqlite3.Connection,
    kind: str,
    language: str,
    *,
    case_id: int | None,
    inquiry_id: int | None,
    today: dt.date,
    issuer_name: str,
    note: str | None,
    shared: SharedFacts | None = None,
) -> LetterFacts:
    """A snapshot of everything a letter about this case and/or inquiry may print. ``shared``:
    read beforehand in the same transaction (a batch reads it once per chunk)."""
    inquiry = None
    if inquiry_id is not None:
        row = _one(conn, "SELECT * FROM inquiries WHERE id = ?", (inquiry_id,), "such inquiry")
        inquiry = rows.to_record(Inquiry, row)
        if case_id is None:
            case_id = inquiry.case_id
    case = None
    if case_id is not None:
        case = rows.to_record(
            Case, _one(conn, "SELECT * FROM cases WHERE id = ?", (case_id,), "such case")
        )
    if case is None and inquiry is None:
        raise ValidationError(
            "case_id", "Choose the case or inquiry the letter is about.", code="required"
        )
    if case is not None and inquiry is not None and case.trader_id != inquiry.trader_id:
        raise ValidationError(
            "inquiry_id", "That inquiry is about another trader than the case.", code="mismatch"
        )
    trader_id = case.trader_id if case is not None else inquiry.trader_id  # type: ignore[union-attr]
    trader = rows.to_record(
        Trader, _one(conn, "SELECT * FROM traders WHERE id = ?", (trader_id,), "such trader")
    )
    containers: tuple[Container, ...] = ()
    milestones: tuple[MilestoneRecord, ...] = ()
    documents: tuple[Document, ...] = ()
    line = agent = None
    stamps = [trader.updated_at] + ([inquiry.updated_at] if inquiry else [])
    referrals = _referrals(conn, case, inquiry)
    stamps += [r.updated_at for r in referrals]
    source = None
    if case is not None:
        containers = tuple(
            rows.to_record(Container, r)
            for r in conn.execute(
                "SELECT * FROM containers WHERE case_id = ? ORDER BY id", (case.id,)
            )
        )
        milestones = tuple(
            rows.to_record(MilestoneRecord, r)
            for r in conn.execute(
                "SELECT * FROM milestones WHERE case_id = ? AND voided_at IS NULL "
                "ORDER BY occurred_on, coalesce(occurred_time, ''), id",
                (case.id,),
            )
        )
        documents = tuple(
            rows.to_record(Document, r)
            for r in conn.execute(
                "SELECT * FROM documents WHERE case_id = ? ORDER BY id", (case.id,)
            )
        )
        if case.shipping_line_id:
            line = conn.execute(
                "SELECT name FROM shipping_lines WHERE id = ?", (case.shipping_line_id,)
            ).fetchone()[0]
        if case.agent_id:
            agent = conn.execute(
                "SELECT name FROM parties WHERE id = ?", (case.agent_id,)
            ).fetchone()[0]
        doc_stamps = [
            r[0]
            for r in conn.execute("SELECT updated_at FROM documents WHERE case_id = ?", (case.id,))
        ]
        stamps += [case.updated_at, *doc_stamps]
        if milestones:
            newest = max(milestones, key=lambda m: (m.created_at, m.id))
            if newest.created_at >= max(stamps):
                source = newest.source
            stamps.append(newest.created_at)
    common = shared or SharedFacts.read(conn)
    return LetterFacts(
        kind=kind,
        language=language,
        today=today,
        settings=common.settings,
        trader=trader,
        issuer_name=issuer_name,
        case=case,
        inquiry=inquiry,
        containers=containers,
        milestones=milestones,
        documents=documents,
        tariffs=common.tariffs,
        staff_names=common.staff_names,
        shipping_line=line,
        agent=agent,
        recorded_at=max(stamps),
        recorded_source=MilestoneSource(source) if source else None,
        note=note,
        referrals=tuple(r.fact for r in referrals),
    )


@dataclass(frozen=True, slots=True)
class _Referral:
    fact: ReferralFact
    updated_at: str


REFERRALS = (
    "SELECT r.id, p.name AS party_name, p.kind AS party_kind, p.contact_name, p.phone, p.email, "
    "r.referred_on, r.channel, r.their_reference, r.response_due_on, r.responded_on, "
    "r.response_summary, r.status, r.updated_at FROM referrals r "
    "JOIN parties p ON p.id = r.party_id WHERE r.status != 'CANCELLED' AND "
)


def _referrals(
    conn: sqlite3.Connection, case: Case | None, inquiry: Inquiry | None
) -> list[_Referral]:
    """The referrals of the inquiry and of the case (not cancelled), oldest first."""
    found: list[sqlite3.Row] = []
    if inquiry is not None:
        found += conn.execute(REFERRALS + "r.inquiry_id = ?", (inquiry.id,)).fetchall()
    if case is not None:
        found += conn.execute(REFERRALS + "r.case_id = ?", (case.id,)).fetchall()
    found.sort(key=lambda r: (r["referred_on"], r["id"]))
    return [_Referral(rows.to_record(ReferralFact, r), r["updated_at"]) for r in found]


def letter_search_text(facts: LetterFacts, ref: str, subject: str) -> str:
    parts = [ref, facts.trader.legal_name, facts.trader.trading_name, facts.trader.code, subject]
    if facts.case is not None:
        parts += [facts.case.ref, facts.case.bl_number]
    if facts.inquiry is not None:
        parts.append(facts.inquiry.ref)
    return search_key(" ".join(p for p in parts if p))


LETTERS = ListShape(
    table="letters l",
    key="l.id",
    columns="l.id, l.ref, l.kind, l.language, l.status, l.subject, l.trader_id, "
    "t.legal_name AS trader_name, l.case_id, c.ref AS case_ref, l.inquiry_id, "
    "i.ref AS inquiry_ref, l.issued_at, s.full_name AS issued_by_name, l.supersedes_id, "
    "(SELECT n.ref FROM letters n WHERE n.supersedes_id = l.id) AS superseded_by_ref, "
    "l.page_count",
    joins="JOIN traders t ON t.id = l.trader_id LEFT JOIN cases c ON c.id = l.case_id "
    "LEFT JOIN inquiries i ON i.id = l.inquiry_id JOIN staff s ON s.id = l.issued_by",
    sorts=LETTER_SORTS,
    lookups={
        "t": "JOIN traders t ON t.id = l.trader_id",
        "c": "LEFT JOIN cases c ON c.id = l.case_id",
    },
)


def letter_list(query: ListQuery, *, count: bool) -> tuple[str, Params]:
    return paged(query, LETTERS, *letter_where(query.filters), count=count)


def letter_where(filters: Mapping[str, object]) -> Where:
    """The registry's filters as SQL conditions. A blank kind, status or language is no filter
    (any), as the registry page leaves it."""
    f = {key: value for key, value in filters.items() if value or key not in CHOICES}
    where: list[str] = []
    params: Params = []
    for token in search_key(str(f.get("text") or "")).split():
        escaped = token.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        where.append("l.search_text LIKE ? ESCAPE '\\'")
        params.append(f"%{escaped}%")
    add_filters(
        f,
        where,
        params,
        equal=(
            ("kind", "l.kind"),
            ("status", "l.status"),
            ("language", "l.language"),
            ("case_id", "l.case_id"),
            ("inquiry_id", "l.inquiry_id"),
        ),
        since=(("issued_from", "l.issued_at"),),
        until=(("issued_to", "substr(l.issued_at, 1, 10)"),),
    )
    if f.get("trader_id") is not None:
        # A merged duplicate's letters show under the trader it was merged into.
        where.append("l.trader_id IN (SELECT id FROM traders WHERE id = ? OR merged_into_id = ?)")
        params += [f["trader_id"], f["trader_id"]]
    return where, params


# How a batch picks its cases, by the rule a kind names in kinds.json. Only open cases.
_IN_CUSTODY = "x.left_custody_on IS NULL"
BATCH_RULES = {
    "open_cases": "1",
    "storage_due": f"EXISTS (SELECT 1 FROM containers x WHERE x.case_id = c.id AND {_IN_CUSTODY} "
    "AND x.kpa_free_until IS NOT NULL AND x.kpa_free_until <= :warn_until)",
    "auction_due": f"EXISTS (SELECT 1 FROM containers x WHERE x.case_id = c.id AND {_IN_CUSTODY} "
    "AND x.released_on IS NULL AND x.auction_on IS NOT NULL AND x.auction_on <= :today)",
    "released_in_custody": f"EXISTS (SELECT 1 FROM containers x WHERE x.case_id = c.id "
    f"AND {_IN_CUSTODY} AND x.released_on IS NOT NULL)",
    "documents_missing": "EXISTS (SELECT 1 FROM documents d WHERE d.case_id = c.id "
    "AND d.status IN ('missing', 'rejected'))",
    "arrived": "c.stage IN ('ARRIVED_KIGALI', 'DELIVERED', 'EMPTY_RETURNED')",
    "incident": "EXISTS (SELECT 1 FROM milestones m WHERE m.case_id = c.id "
    "AND m.code = 'INCIDENT' AND m.voided_at IS NULL)",
}


def batch_candidates(
    conn: sqlite3.Connection, rule: str, *, today: dt.date, warning_days: int, limit: int = 5000
) -> list[sqlite3.Row]:
    """Open cases a batch of this rule would write to, with the columns of a case list row."""
    sql = (
        "SELECT c.id, c.ref, c.trader_id, t.legal_name AS trader_name, c.bl_number, "
        "c.vessel_name, c.status, c.stage, c.stage_on, c.container_count, c.opened_on, "
        "c.assigned_to, c.updated_at FROM cases c JOIN traders t ON t.id = c.trader_id "
        f"WHERE c.status IN ('OPEN', 'ON_HOLD') AND {BATCH_RULES[rule]} ORDER BY c.id LIMIT :limit"
    )
    params = {
        "today": today.isoformat(),
        "warn_until": (today + dt.timedelta(days=warning_days)).isoformat(),
        "limit": limit,
    }
    return conn.execute(sql, params).fetchall()


def logo(conn: sqlite3.Connection) -> bytes | None:
    row = conn.execute("SELECT image FROM letterhead_logo WHERE id = 1").fetchone()
    return bytes(row[0]) if row else None
