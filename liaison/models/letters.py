"""Issued status letters: the registry record, its list row, and what a batch issued."""

from __future__ import annotations

from dataclasses import dataclass

from liaison.enums import Language


@dataclass(frozen=True, slots=True)
class Letter:
    """One issued letter. The PDF itself comes from ``office.letters.pdf(id)``."""

    id: int
    ref: str
    year: int
    number: int
    kind: str
    language: Language
    template_version: str
    trader_id: int
    case_id: int | None
    inquiry_id: int | None
    subject: str
    status: str  # ISSUED or VOID
    supersedes_id: int | None
    void_reason: str | None
    voided_at: str | None
    voided_by: int | None
    pdf_sha256: str
    pdf_size: int
    page_count: int
    content_sha256: str
    issued_at: str
    issued_by: int
    version: int

    @property
    def is_void(self) -> bool:
        return self.status == "VOID"

    @property
    def short_hash(self) -> str:
        return self.content_sha256[:12]


@dataclass(frozen=True, slots=True)
class LetterRow:
    """One line of the letters registry (joined with trader, case, inquiry and staff)."""

    id: int
    ref: str
    kind: str
    language: Language
    status: str
    subject: str
    trader_id: int
    trader_name: str
    case_id: int | None
    case_ref: str | None
    inquiry_id: int | None
    inquiry_ref: str | None
    issued_at: str
    issued_by_name: str
    supersedes_id: int | None
    superseded_by_ref: str | None
    page_count: int


@dataclass(frozen=True, slots=True)
class BatchOutcome:
    """What a batch did for one case: the letter's reference, or why none was issued."""

    case_id: int
    case_ref: str
    letter_id: int | None = None
    ref: str | None = None
    problem: str | None = None


@dataclass(frozen=True, slots=True)
class BatchResult:
    kind: str
    outcomes: tuple[BatchOutcome, ...]
    cancelled: bool
    seconds: float

    @property
    def issued(self) -> tuple[BatchOutcome, ...]:
        return tuple(o for o in self.outcomes if o.letter_id is not None)

    @property
    def skipped(self) -> tuple[BatchOutcome, ...]:
        return tuple(o for o in self.outcomes if o.letter_id is None)
