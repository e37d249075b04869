"""Global search: one box that finds cases, containers, traders and inquiries (PROMISES P10).

How a query is read
- The typed text is folded by ``rules.text.search_key`` exactly like the stored search texts
  (case, accents, dotted/dotless I, zero-width and other invisible characters), then split into
  word tokens. Every token is quoted for FTS5, so no typed text is ever FTS syntax: ``"``, ``AND``,
  ``-x``, ``NEAR(``, ``col:val`` and ``l'export`` are plain words. No token: no hits, no error.
- The last token is a prefix (``kig`` finds ``Kigali``) once it has ``MIN_PREFIX`` characters;
  the tokens before it must match whole words.
- A query of several tokens also matches the tokens written together, so ``CSQU 305438 3`` and
  ``MEDU-12-345678`` find the compact numbers stored for containers and B/Ls.
- Exact identifiers are looked up first through their indexes: a container number (owner code
  and serial; the check digit may be missing or mistyped), a B/L or declaration number (any
  spacing, dashes or case), a case or inquiry reference, a trader's TIN or code. Those hits head
  their group.

Order of the results (a choice, documented here): hits are grouped by kind in the fixed order
cases, containers, traders, inquiries, except that a kind holding an exact-identifier hit moves to
the front (a pasted container number shows its container first). Within a kind: exact hits, then
bm25 rank when the match set is small (at most ``RANK_CEILING`` rows), else newest first — ranking
a huge prefix set (``ms*`` over 300,000 containers) would cost far more than it tells.

Merged traders are never offered; their cases and inquiries moved to the trader they were merged
into.

Speed (``make bench``, 100,000 demo cases, 300,000 containers, 20,000 traders): identifiers
under 1 ms, a trader name as typed about 7 ms median. The costs that remain are FTS5's: a short
prefix merges the lists of every word it starts (``2026*``), and bm25 reads each word's whole
list to weigh it (``enterprises``); per-kind LIMITs and ``RANK_CEILING`` bound the rest.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from liaison.enums import Entity
from liaison.models import SearchHit
from liaison.rules import identifiers as ids
from liaison.rules.text import search_key
from liaison.services.base import Service

KIND_ORDER = (Entity.CASES, Entity.CONTAINERS, Entity.TRADERS, Entity.INQUIRIES)
MIN_PREFIX = 2  # a one-character prefix matches nearly everything and ranks nothing useful
MAX_TOKENS = 12  # beyond this a "query" is a pasted paragraph; its head is enough
MAX_QUERY_CHARS = 400
RANK_CEILING = 400  # rank by bm25 only when at most this many rows match
MAX_LIMIT = 200

# Word characters as FTS5's unicode61 tokenizer sees them (letters and digits; no underscore).
_WORD = re.compile(r"[^\W_]+")
_CONTAINER = re.compile(r"^[A-Z]{3}[UJZ][0-9]{6,7}$")
_TIN = re.compile(r"^[0-9]{9}$")
_CASE_REF = re.compile(r"^CASE(\d{4})(\d{6})$")
_INQUIRY_REF = re.compile(r"^INQ(\d{4})(\d{6})$")
_TRADER_CODE = re.compile(r"^TRD(\d{6})$")


def query_tokens(text: str | None) -> list[str]:
    """The word tokens of a typed query, folded like the stored search texts."""
    return _WORD.findall(search_key(_readable(text)))[:MAX_TOKENS]


def _readable(text: str | None) -> str:
    """The head of the text, without what cannot be stored as UTF-8 (lone surrogates from a
    broken paste)."""
    return (text or "")[:MAX_QUERY_CHARS].encode("utf-8", "ignore").decode("utf-8")


def _quoted(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def match_expression(text: str | None) -> str | None:
    """The FTS5 MATCH expression for a typed query, or ``None`` when there is nothing to find.

    ``Yves Ntaganda Ent`` → ``("yves" "ntaganda" "ent"*) OR "yves ntaganda ent"* OR
    "yvesntagandaent"*``: every word anywhere, or the words written together. The phrase
    alternative matches nothing more; it lifts the rank of rows holding the words in the typed
    order (the name typed, rather than a name plus a contact person of that name). A
    one-character last token is matched whole."""
    tokens = query_tokens(text)
    if not tokens:
        return None
    prefix = "*" if len(tokens[-1]) >= MIN_PREFIX else ""
    words = [_quoted(t) for t in tokens]
    words[-1] += prefix
    if len(tokens) == 1:
        return words[0]
    phrase = _quoted(" ".join(tokens)) + prefix
    joined = _quoted("".join(tokens)) + "*"
    return f"({' '.join(words)}) OR {phrase} OR {joined}"


@dataclass(frozen=True, slots=True)
class _Kind:
    fts: str
    # Rows of the kind that may be offered (merged traders may not).
    join: str = ""
    where: str = ""


_KINDS = {
    Entity.CASES: _Kind("cases_fts"),
    Entity.CONTAINERS: _Kind("containers_fts"),
    Entity.TRADERS: _Kind(
        "traders_fts", "JOIN traders t ON t.id = f.rowid", "AND t.status != 'merged'"
    ),
    Entity.INQUIRIES: _Kind("inquiries_fts"),
}

_DETAILS = {
    Entity.CASES: (
        "SELECT c.id, c.ref, c.bl_number, t.legal_name FROM cases c "
        "JOIN traders t ON t.id = c.trader_id WHERE c.id IN ({marks})"
    ),
    Entity.CONTAINERS: (
        "SELECT k.id, k.number, k.case_id, c.ref, t.legal_name FROM containers k "
        "JOIN cases c ON c.id = k.case_id JOIN traders t ON t.id = c.trader_id "
        "WHERE k.id IN ({marks})"
    ),
    Entity.TRADERS: (
        "SELECT t.id, t.code, t.legal_name, t.tin FROM traders t "
        "WHERE t.id IN ({marks}) AND t.status != 'merged'"
    ),
    Entity.INQUIRIES: (
        "SELECT i.id, i.ref, i.subject, t.legal_name FROM inquiries i "
        "JOIN traders t ON t.id = i.trader_id WHERE i.id IN ({marks})"
    ),
}


class SearchService(Service):
    def __call__(
        self, text: str, *, limit_per_kind: int = 10, kinds: tuple[Entity, ...] | None = None
    ) -> list[SearchHit]:
        return self.search(text, limit_per_kind=limit_per_kind, kinds=kinds)

    def search(
        self, text: str, *, limit_per_kind: int = 10, kinds: tuple[Entity, ...] | None = None
    ) -> list[SearchHit]:
        """Hits for what a person typed, grouped by kind (see the module docstring); ``[]`` for
        empty, blank or punctuation-only text. Never raises on the text itself."""
        text = _readable(text)
        expression = match_expression(text)
        if expression is None:
            return []
        limit = max(1, min(int(limit_per_kind), MAX_LIMIT))
        wanted = [k for k in KIND_ORDER if kinds is None or k in kinds]
        exact = self._exact_ids(text, wanted)
        several_words = len(query_tokens(text)) > 1
        groups: list[tuple[bool, list[SearchHit]]] = []
        for kind in wanted:
            first = exact.get(kind, [])
            ranked = self._ranked_ids(
                kind, expression, limit + len(first), several_words=several_words
            )
            ordered = list(dict.fromkeys([*first, *ranked]))[:limit]
            if ordered:
                groups.append((bool(first), self._hits(kind, ordered)))
        groups.sort(key=lambda group: not group[0])  # stable: exact kinds first, else fixed order
        return [hit for _, hits in groups for hit in hits]

    # -- exact identifiers ------------------------------------------------------------------
    def _exact_ids(self, text: str, kinds: Sequence[Entity]) -> dict[Entity, list[int]]:
        key = ids.identifier_key(search_key(text))
        if not key or len(key) > 40:
            return {}
        found: dict[Entity, list[int]] = {}
        if Entity.CASES in kinds:
            # The declaration index is partial (non-empty keys): say so, or it is not used.
            sql = (
                "SELECT id FROM cases WHERE bl_key = ? UNION SELECT id FROM cases "
                "WHERE declaration_key = ? AND declaration_key != ''"
            )
            params: list[object] = [key, key]
            case_ref = _CASE_REF.match(key)
            if case_ref:
                sql += " UNION SELECT id FROM cases WHERE ref = ?"
                params.append(f"CASE-{case_ref[1]}-{case_ref[2]}")
            found[Entity.CASES] = self._ids(sql + " ORDER BY id DESC LIMIT 50", params)
        if Entity.CONTAINERS in kinds and _CONTAINER.match(key):
            # Owner code and serial decide; a mistyped or missing check digit still finds the
            # box (the number itself first).
            found[Entity.CONTAINERS] = self._ids(
                "SELECT id FROM containers WHERE number BETWEEN ? AND ? "
                "ORDER BY number = ? DESC, id DESC LIMIT 50",
                [key[:10] + "0", key[:10] + "9", key],
            )
        if Entity.TRADERS in kinds:
            code = _TRADER_CODE.match(key)
            if _TIN.match(key) or code:
                found[Entity.TRADERS] = self._ids(
                    "SELECT id FROM traders WHERE (tin = ? OR code = ?) AND status != 'merged'",
                    [key, f"TRD-{code[1]}" if code else ""],
                )
        inquiry_ref = _INQUIRY_REF.match(key)
        if Entity.INQUIRIES in kinds and inquiry_ref:
            found[Entity.INQUIRIES] = self._ids(
                "SELECT id FROM inquiries WHERE ref = ?",
                [f"INQ-{inquiry_ref[1]}-{inquiry_ref[2]}"],
            )
        return {kind: found_ids for kind, found_ids in found.items() if found_ids}

    def _ids(self, sql: str, params: Sequence[object]) -> list[int]:
        return [int(row[0]) for row in self.store.all(sql, params)]

    # -- full text --------------------------------------------------------------------------
    def _ranked_ids(
        self, kind: Entity, expression: str, limit: int, *, several_words: bool = False
    ) -> list[int]:
        spec = _KINDS[kind]
        if several_words:
            return self._scored_ids(spec, expression, limit)
        newest = [
            int(row[0])
            for row in self.store.all(
                f"SELECT f.rowid FROM {spec.fts} f {spec.join} WHERE {spec.fts} MATCH ? "
                f"{spec.where} ORDER BY f.rowid DESC LIMIT ?",
                (expression, RANK_CEILING + 1),
            )
        ]
        if len(newest) > RANK_CEILING or len(newest) <= 1:
            return newest[:limit]  # too many to rank: newest first
        # Ranked without the join (measured: twice as fast); rows the join refused are
        # dropped here, so a filtered kind is ranked whole rather than cut by LIMIT first.
        allowed = set(newest)
        ranked = self.store.all(
            f"SELECT rowid FROM {spec.fts} WHERE {spec.fts} MATCH ? "
            f"ORDER BY bm25({spec.fts}), rowid DESC LIMIT ?",
            (expression, -1 if spec.join else limit),
        )
        return [row[0] for row in ranked if row[0] in allowed][:limit]

    def _scored_ids(self, spec: _Kind, expression: str, limit: int) -> list[int]:
        """Several words match few rows, but each common word (``jean``, ``de``) has a long
        list that every pass reads again: one pass, newest first, scoring each row as it goes
        (measured: 11 ms against 15 for "Jean de Dieu Ingabire Enter"). One word, often a short
        prefix, can match thousands: scoring them all would cost more than a second pass over
        the few that are ranked (``Je``: 6 ms against 2.5), so it takes the path above."""
        rows = [
            (int(row[0]), float(row[1]))
            for row in self.store.all(
                f"SELECT f.rowid, bm25({spec.fts}) FROM {spec.fts} f {spec.join} "
                f"WHERE {spec.fts} MATCH ? {spec.where} ORDER BY f.rowid DESC LIMIT ?",
                (expression, RANK_CEILING + 1),
            )
        ]
        if len(rows) > RANK_CEILING:
            return [row_id for row_id, _ in rows[:limit]]  # too many to rank: newest first
        rows.sort(key=lambda row: (row[1], -row[0]))  # best score first, then newest
        return [row_id for row_id, _ in rows[:limit]]

    # -- what the list shows ----------------------------------------------------------------
    def _hits(self, kind: Entity, ordered: list[int]) -> list[SearchHit]:
        marks = ", ".join("?" for _ in ordered)
        rows = {row[0]: row for row in self.store.all(_DETAILS[kind].format(marks=marks), ordered)}
        hits = []
        for row_id in ordered:
            row = rows.get(row_id)
            if row is not None:
                hits.append(_hit(kind, row))
        return hits


def _hit(kind: Entity, row: Any) -> SearchHit:
    if kind is Entity.CASES:
        return SearchHit(kind, row["id"], row["ref"], f"{row['legal_name']} · {row['bl_number']}")
    if kind is Entity.CONTAINERS:
        title = ids.format_container(row["number"])
        detail = f"{row['ref']} · {row['legal_name']}"
        return SearchHit(kind, row["id"], title, detail, row["case_id"])
    if kind is Entity.TRADERS:
        detail = f"{row['code']} · {row['tin']}" if row["tin"] else row["code"]
        return SearchHit(kind, row["id"], row["legal_name"], detail)
    return SearchHit(kind, row["id"], row["ref"], f"{row['subject']} · {row['legal_name']}")
