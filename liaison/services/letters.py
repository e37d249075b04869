"""Status letters: preview, issue (numbered and frozen in one transaction), list, reprint, void,
supersede, verify, batch issue, and the letterhead logo.

Issuing takes the next number of the year's ``letter`` counter inside ``BEGIN IMMEDIATE``, renders
the PDF and stores its exact bytes with their SHA-256 and the content JSON in the same transaction
(see ``liaison.letters.freeze``): two instances never share a number, a failure gives its number
back (no gaps), and a reprint years later is the stored bytes, checked against their hash.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Iterator

from liaison.db import rows
from liaison.db.positions import list_position
from liaison.enums import Entity
from liaison.errors import DatabaseCorrupt, NotFound, ValidationError
from liaison.letters import builder, freeze, store, templates
from liaison.letters.content import LetterContent, parse_verification_code
from liaison.letters.facts import LetterFacts
from liaison.letters.files import export_name, letter_filename
from liaison.models import BatchResult, CaseRow, Changes, Letter, LetterRow, ListQuery
from liaison.rules.text import clean_text
from liaison.services.base import Service

NOTE_LIMIT = 4000
LETTER_COLUMNS = ", ".join(Letter.__dataclass_fields__)


def render_pdf(content: LetterContent, logo: bytes | None = None) -> bytes:
    """reportlab is loaded with the first letter rendered, not whenever the office is opened
    (it was a fifth of the desk's start-up)."""
    from liaison.letters.render import render_pdf as render

    return render(content, logo)


class LetterService(Service):
    # -- what can be written ------------------------------------------------------------------
    def kinds(self, *, needs: str | None = None, language: str = "en") -> list[tuple[str, str]]:
        """(code, title) of every kind, or only of those about a ``case`` or an ``inquiry``."""
        pack = templates.pack(language if language in templates.languages() else "en")
        return [
            (code, pack.kind(code)["title"])
            for code, spec in templates.kinds().items()
            if needs is None or spec.needs == needs
        ]

    def kind_needs(self, kind: str) -> str:
        return templates.kind_spec(kind).needs

    def offered(
        self, *, case_id: int | None = None, inquiry_id: int | None = None, language: str = "en"
    ) -> list[tuple[str, str]]:
        """(code, title) of the kinds to offer for this case or inquiry (an inquiry's linked case
        counts): a complaint acknowledgement only for a complaint, a referral letter only where
        a referral is recorded, an incident notice only for a case with a live incident."""
        pack = templates.pack(language if language in templates.languages() else "en")
        facts = self.gather_facts(self.store.conn, "", pack.code, case_id, inquiry_id, None)
        return [(code, pack.kind(code)["title"]) for code in builder.offered(facts, pack)]

    def languages(self) -> list[tuple[str, str]]:
        """(code, name) of every language with letter texts."""
        return list(templates.languages().items())

    def default_language(self, *, case_id: int | None = None, inquiry_id: int | None = None) -> str:
        """The trader's preferred language when texts exist for it, else the office default."""
        if case_id is not None:
            trader_id = self.store.scalar("SELECT trader_id FROM cases WHERE id = ?", (case_id,))
        else:
            sql = "SELECT trader_id FROM inquiries WHERE id = ?"
            trader_id = self.store.scalar(sql, (inquiry_id,))
        preferred = self.store.scalar("SELECT language FROM traders WHERE id = ?", (trader_id,))
        available = templates.languages()
        if preferred in available:
            return str(preferred)
        office = store.settings(self.store.conn).get("default_language", "en")
        return office if office in available else "en"

    def candidates(self, kind: str) -> list[CaseRow]:
        """The open cases a batch of this kind would write to (e.g. boxes near expiry)."""
        spec = templates.kind_spec(kind)
        if spec.needs != "case" or spec.batch is None:
            return []
        warning = store.settings(self.store.conn).get("storage_warning_days") or "3"
        found = store.batch_candidates(
            self.store.conn, spec.batch, today=self.today(), warning_days=int(warning)
        )
        return [rows.to_record(CaseRow, r) for r in found]

    # -- preview and issue ----------------------------------------------------------------------
    def _language(self, language: str | None, case_id: int | None, inquiry_id: int | None) -> str:
        if language:
            templates.pack(language)  # refuses a language without texts, naming the field
            return language
        return self.default_language(case_id=case_id, inquiry_id=inquiry_id)

    @staticmethod
    def clean_note(note: str | None) -> str | None:
        return clean_text(note, "note", max_length=NOTE_LIMIT, multiline=True)

    def gather_facts(
        self,
        conn: sqlite3.Connection,
        kind: str,
        language: str,
        case_id: int | None,
        inquiry_id: int | None,
        note: str | None,
        shared: store.SharedFacts | None = None,
    ) -> LetterFacts:
        if kind:  # no kind: the facts of a record, to see which kinds apply (``offered``)
            templates.kind_spec(kind)
        return store.gather(
            conn,
            kind,
            language,
            case_id=case_id,
            inquiry_id=inquiry_id,
            today=self.today(),
            issuer_name=self.ctx.actor.full_name,
            note=note,
            shared=shared,
        )

    def logo(self) -> bytes:
        """The office's own logo if one was set, else the neutral placeholder."""
        from liaison.letters.logo import placeholder_logo

        return store.logo(self.store.conn) or placeholder_logo()

    def preview(
        self,
        kind: str,
        *,
        case_id: int | None = None,
        inquiry_id: int | None = None,
        language: str | None = None,
        note: str = "",
    ) -> bytes:
        """The letter as it would be issued, marked DRAFT, without a number (none is used)."""
        lang = self._language(language, case_id, inquiry_id)
        conn = self.store.conn
        facts = self.gather_facts(conn, kind, lang, case_id, inquiry_id, self.clean_note(note))
        return render_pdf(builder.build(facts, None), self.logo())

    def issue(
        self,
        kind: str,
        *,
        case_id: int | None = None,
        inquiry_id: int | None = None,
        language: str | None = None,
        note: str = "",
    ) -> tuple[Letter, Changes]:
        actor = self.require_editor()
        lang = self._language(language, case_id, inquiry_id)
        text = self.clean_note(note)
        logo = self.logo()
        with self.store.write() as conn:
            facts = self.gather_facts(conn, kind, lang, case_id, inquiry_id, text)
            letter_id = self._issue_in(conn, facts, logo, actor.id, supersedes=None)
        return self.get(letter_id), self._changes(letter_id)

    def _issue_in(
        self,
        conn: sqlite3.Connection,
        facts: LetterFacts,
        logo: bytes,
        staff_id: int,
        *,
        supersedes: int | None,
    ) -> int:
        """Inside the caller's write transaction: check, number, build, render, store, audit."""
        builder.check_applicable(facts, templates.pack(facts.language))
        content = freeze.number_and_build(conn, facts)
        pdf = render_pdf(content, logo)
        return freeze.store_letter(
            conn, facts, content, pdf, staff_id=staff_id, stamp=self.now(), supersedes=supersedes
        )

    @staticmethod
    def _changes(letter_id: int) -> Changes:
        return Changes.of(Entity.LETTERS, ids=((Entity.LETTERS, letter_id),))

    # -- the registry ---------------------------------------------------------------------------
    def get(self, letter_id: int) -> Letter:
        row = self.store.one(f"SELECT {LETTER_COLUMNS} FROM letters WHERE id = ?", (letter_id,))
        if row is None:
            raise NotFound(f"No letter with id {letter_id}.")
        return rows.to_record(Letter, row)

    def by_ref(self, ref: str) -> Letter:
        sql = f"SELECT {LETTER_COLUMNS} FROM letters WHERE ref = ?"
        row = self.store.one(sql, (ref.strip().upper(),))
        if row is None:
            raise NotFound(f"No letter {ref}.")
        return rows.to_record(Letter, row)

    def page(self, query: ListQuery) -> list[LetterRow]:
        """Filters: text (reference, trader, case, inquiry, B/L, subject), kind, status,
        language, trader_id (with traders merged into it), case_id, inquiry_id,
        issued_from/issued_to."""
        sql, params = store.letter_list(query, count=False)
        return [rows.to_record(LetterRow, r) for r in self.store.all(sql, params)]

    def count(self, query: ListQuery) -> int:
        sql, params = store.letter_list(query, count=True)
        return int(self.store.scalar(sql, params))

    def position(self, query: ListQuery, record_id: int) -> int | None:
        """The row of a letter in the registry list ``query`` describes (its order and
        filters), from 0; None when it is not in that list."""
        return list_position(self.store, store.LETTERS, store.letter_where, query, record_id)

    def for_case(self, case_id: int, limit: int = 500) -> list[LetterRow]:
        return self.page(ListQuery(filters={"case_id": case_id}, limit=limit))

    def for_trader(self, trader_id: int, limit: int = 500) -> list[LetterRow]:
        return self.page(ListQuery(filters={"trader_id": trader_id}, limit=limit))

    def for_inquiry(self, inquiry_id: int, limit: int = 500) -> list[LetterRow]:
        return self.page(ListQuery(filters={"inquiry_id": inquiry_id}, limit=limit))

    def pdf(self, letter_id: int) -> bytes:
        """The frozen copy, byte for byte as issued; refused if it no longer matches its hash."""
        row = self.store.one("SELECT ref, pdf, pdf_sha256 FROM letters WHERE id = ?", (letter_id,))
        if row is None:
            raise NotFound(f"No letter with id {letter_id}.")
        data = bytes(row["pdf"])
        if hashlib.sha256(data).hexdigest() != row["pdf_sha256"]:
            raise DatabaseCorrupt(
                f"The stored copy of letter {row['ref']} is damaged (its hash does not match)."
            )
        return data

    def file_name(self, letter_id: int) -> str:
        """A safe file name for saving the letter: reference plus a slug of the trader's name."""
        row = self.store.one(
            "SELECT l.ref, t.legal_name FROM letters l JOIN traders t ON t.id = l.trader_id "
            "WHERE l.id = ?",
            (letter_id,),
        )
        if row is None:
            raise NotFound(f"No letter with id {letter_id}.")
        return letter_filename(row["ref"], row["legal_name"])

    def content(self, letter_id: int) -> LetterContent:
        """What the letter says, as data (the canonical JSON kept beside the PDF)."""
        text = self.store.scalar("SELECT content_json FROM letters WHERE id = ?", (letter_id,))
        if text is None:
            raise NotFound(f"No letter with id {letter_id}.")
        return LetterContent.from_json(text)

    def verify(self, code: str) -> Letter:
        """The letter a QR code (``REF|hash``) points to, if the hash matches what was issued.
        The caller shows its status: a void letter verifies but says it is void."""
        parsed = parse_verification_code(code)
        if parsed is None:
            raise ValidationError(
                "code", "This is not a Liaison Desk verification code.", code="format"
            )
        letter = self.by_ref(parsed[0])
        if letter.short_hash != parsed[1]:
            raise ValidationError(
                "code", f"The code does not match letter {letter.ref}.", code="mismatch"
            )
        return letter

    def exported_pdfs(self) -> Iterator[tuple[str, bytes]]:
        """Every issued letter, void ones too, as (name inside an export, frozen PDF bytes); one
        at a time, so an export of years of letters does not hold them all in memory."""
        for row in self.store.all("SELECT id, ref FROM letters ORDER BY id"):
            yield export_name(row["ref"]), self.pdf(row["id"])

    # -- void and supersede ---------------------------------------------------------------------
    def void(self, letter_id: int, reason: str, expected_version: int) -> tuple[Letter, Changes]:
        """Nothing is deleted: a wrong letter is marked void with a reason and stays listed."""
        actor = self.require_editor()
        why = clean_text(reason, "void_reason", required=True, max_length=400) or ""
        with self.store.write() as conn:
            freeze.void_letter(
                conn, letter_id, why, expected_version, staff_id=actor.id, stamp=self.now()
            )
        return self.get(letter_id), self._changes(letter_id)

    def supersede(
        self,
        letter_id: int,
        reason: str,
        expected_version: int,
        *,
        language: str | None = None,
        note: str = "",
    ) -> tuple[Letter, Changes]:
        """Void the letter and issue its replacement (same kind, same case or inquiry, today's
        facts) in one transaction; the new letter points at the one it replaces."""
        actor = self.require_editor()
        why = clean_text(reason, "void_reason", required=True, max_length=400) or ""
        text = self.clean_note(note)
        logo = self.logo()
        with self.store.write() as conn:
            old = freeze.void_letter(
                conn, letter_id, why, expected_version, staff_id=actor.id, stamp=self.now()
            )
            lang = self._language(language or old["language"], None, None)
            kind, case_id, inquiry_id = old["kind"], old["case_id"], old["inquiry_id"]
            facts = self.gather_facts(conn, kind, lang, case_id, inquiry_id, text)
            new_id = self._issue_in(conn, facts, logo, actor.id, supersedes=letter_id)
        return self.get(new_id), self._changes(new_id) | self._changes(letter_id)

    # -- batch ------------------------------------------------------------------------------------
    def issue_batch(
        self,
        kind: str,
        case_ids: list[int] | tuple[int, ...],
        *,
        language: str | None = None,
        note: str = "",
        progress: Callable[[int, int], None] | None = None,
        should_stop: Callable[[], bool] | None = None,
        workers: int | None = None,
    ) -> BatchResult:
        """One letter of ``kind`` per case, rendered in worker processes (see
        ``liaison.letters.batch``). ``progress(done, total)`` is called after each chunk;
        ``should_stop()`` is asked between chunks, so a cancelled batch leaves only whole,
        numbered letters. Cases the kind does not apply to are listed as skipped."""
        from liaison.letters.batch import run_batch

        self.require_editor()
        return run_batch(
            self,
            kind,
            list(case_ids),
            language=language,
            note=self.clean_note(note),
            progress=progress,
            should_stop=should_stop,
            workers=workers,
        )

    # -- letterhead logo ----------------------------------------------------------------------------
    def set_logo(self, image: bytes) -> Changes:
        """Replace the letterhead logo (PNG or JPEG, up to 2 MB). It is kept in the database so
        backups carry it; letters already issued keep the logo they were printed with."""
        from liaison.letters.logo import image_type

        actor = self.require_admin()
        media = image_type(image)
        stamp = self.now()
        digest = hashlib.sha256(image).hexdigest()
        with self.store.write() as conn:
            old = conn.execute("SELECT sha256 FROM letterhead_logo WHERE id = 1").fetchone()
            conn.execute(
                "INSERT INTO letterhead_logo (id, image, media_type, sha256, updated_at, "
                "updated_by) VALUES (1, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                "image = excluded.image, media_type = excluded.media_type, "
                "sha256 = excluded.sha256, updated_at = excluded.updated_at, "
                "updated_by = excluded.updated_by",
                (image, media, digest, stamp, actor.id),
            )
            self._audit_logo(conn, stamp, actor.id, old[0] if old else None, digest)
        return Changes.of(Entity.SETTINGS)

    def clear_logo(self) -> Changes:
        """Back to the neutral placeholder."""
        actor = self.require_admin()
        stamp = self.now()
        with self.store.write() as conn:
            old = conn.execute("SELECT sha256 FROM letterhead_logo WHERE id = 1").fetchone()
            if old is None:
                return Changes()
            conn.execute("DELETE FROM letterhead_logo WHERE id = 1")
            self._audit_logo(conn, stamp, actor.id, old[0], None)
        return Changes.of(Entity.SETTINGS)

    def has_custom_logo(self) -> bool:
        return store.logo(self.store.conn) is not None

    @staticmethod
    def _audit_logo(
        conn: sqlite3.Connection, stamp: str, staff_id: int, old: str | None, new: str | None
    ) -> None:
        rows.audit(
            conn,
            at=stamp,
            staff_id=staff_id,
            entity="settings",
            entity_id=None,
            action="update",
            changes={"letterhead_logo": (old, new)},
        )
