"""What a letter says, as pure data: every word already chosen and translated, nothing to look up.

The builder makes a ``LetterContent`` from the records; the renderer lays it out. Issued letters
keep its canonical JSON beside the PDF, and the QR code carries a short hash of that JSON, so a
printed letter can be checked against the registry.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

BLOCK_TYPES = ("heading", "p", "facts", "table", "list", "quote")


@dataclass(frozen=True, slots=True)
class Run:
    """A piece of text in one weight. Text is printed literally (the renderer escapes it)."""

    text: str
    bold: bool = False


Text = tuple[Run, ...]


@dataclass(frozen=True, slots=True)
class Block:
    """One part of the body. ``heading``/``p``/``quote``: ``texts`` holds one paragraph;
    ``list``: one paragraph per item; ``facts``: ``rows`` of (label, value); ``table``:
    ``header`` and ``rows`` of cells, ``columns`` naming each column (for widths)."""

    type: str
    texts: tuple[Text, ...] = ()
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    columns: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Letterhead:
    name: str
    lines: tuple[str, ...]  # address, then the contact line


@dataclass(frozen=True, slots=True)
class LetterContent:
    kind: str
    language: str
    template_version: str
    ref: str | None  # None: a preview, not issued
    issued_on: str  # ISO date
    title: str  # the kind's title, for the PDF's metadata
    letterhead: Letterhead
    references: tuple[tuple[str, str], ...]  # (label, value): our ref, your ref, case
    date_line: str
    addressee: tuple[str, ...]  # first line is the name
    subject_label: str
    subject: str
    salutation: str
    blocks: tuple[Block, ...]
    recorded_line: str
    disclaimer: str
    closing: str
    signatory: tuple[str, ...]  # name, title, office
    cc_label: str
    cc: tuple[str, ...]
    page_label: str  # "Page {page} of {pages}"
    verify_label: str
    draft_label: str

    @property
    def is_draft(self) -> bool:
        return self.ref is None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able data (what ``dataclasses.asdict`` gives, built directly: it is done
        for every letter of a batch)."""
        data = {name: getattr(self, name) for name in self.__dataclass_fields__}
        data["letterhead"] = {"name": self.letterhead.name, "lines": self.letterhead.lines}
        data["blocks"] = [
            {
                "type": b.type,
                "texts": [[{"text": r.text, "bold": r.bold} for r in t] for t in b.texts],
                "header": b.header,
                "rows": b.rows,
                "columns": b.columns,
            }
            for b in self.blocks
        ]
        return data

    def canonical_json(self) -> str:
        return json.dumps(self.to_dict(), sort_keys=True, ensure_ascii=False, separators=(",", ":"))

    def digest(self) -> str:
        return sha256_text(self.canonical_json())

    def short_hash(self) -> str:
        return self.digest()[:12]

    def verification_code(self) -> str:
        """What the QR code carries: the reference and the short content hash."""
        return f"{self.ref or 'DRAFT'}|{self.short_hash()}"

    @staticmethod
    def from_json(text: str) -> LetterContent:
        data = json.loads(text)
        blocks = tuple(
            Block(
                type=b["type"],
                texts=tuple(tuple(Run(r["text"], r["bold"]) for r in t) for t in b["texts"]),
                header=tuple(b["header"]),
                rows=tuple(tuple(row) for row in b["rows"]),
                columns=tuple(b["columns"]),
            )
            for b in data["blocks"]
        )
        head = data["letterhead"]
        return LetterContent(
            kind=data["kind"],
            language=data["language"],
            template_version=data["template_version"],
            ref=data["ref"],
            issued_on=data["issued_on"],
            title=data["title"],
            letterhead=Letterhead(head["name"], tuple(head["lines"])),
            references=tuple((a, b) for a, b in data["references"]),
            date_line=data["date_line"],
            addressee=tuple(data["addressee"]),
            subject_label=data["subject_label"],
            subject=data["subject"],
            salutation=data["salutation"],
            blocks=blocks,
            recorded_line=data["recorded_line"],
            disclaimer=data["disclaimer"],
            closing=data["closing"],
            signatory=tuple(data["signatory"]),
            cc_label=data["cc_label"],
            cc=tuple(data["cc"]),
            page_label=data["page_label"],
            verify_label=data["verify_label"],
            draft_label=data["draft_label"],
        )


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_verification_code(code: str) -> tuple[str, str] | None:
    """``REF|hash`` → (ref, hash), or None when it is not one of ours."""
    ref, sep, short = code.strip().partition("|")
    if not sep or len(short) != 12 or any(c not in "0123456789abcdef" for c in short):
        return None
    return ref.strip(), short
