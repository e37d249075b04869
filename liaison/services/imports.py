"""Importing traders and cases from CSV files: all rows checked first, then one transaction.

Every row goes through the same validation as a form (``validate_trader``, ``validate_case``,
``validate_container``). If any row is refused, nothing is written and ``ValidationErrors`` lists
every bad row (``row`` = the line, ``field`` = the column). With ``skip_invalid`` the good rows
are written and the report lists the skipped ones. The write is one ``BEGIN IMMEDIATE``
transaction with an audit row per record (action ``import``) and one for the file.

Traders file — one row per trader. Columns (headings are matched without regard to case, spaces
or dashes; only ``legal_name`` is required): legal_name, trading_name, tin, vat_registered
(yes/no, oui/non, 1/0), business_sector, district, sector, street, po_box, phone, phone_alt,
whatsapp, email, contact_person, language (en, fr, rw, sw), notes. A TIN already registered, or
twice in the file, refuses the row. Codes (TRD-…) are given in file order.

Cases file — one row per container; rows with the same trader and B/L form one case (a row with
no container number is a case without containers). The trader: ``trader_tin`` or
``trader_code`` (TRD-000123). Case columns: bl_number (required), bl_type, consignee_name,
shipping_line (a line's name or one of its SCAC codes), house_bl_number, vessel_name, voyage_no,
rotation_no, manifest_no, port_of_loading, eta, customs_regime, declaration_no, rctg_carnet_no,
delivery_order_no, kpa_invoice_no, inland_mode, border_exit_ke, border_entry_rw, destination,
cargo_description, hs_codes, packages, gross_weight_kg, opened_on, assigned_to (a username).
The rows of one case may repeat its case columns or leave them empty, but not contradict them.
Container columns: container_number, check_digit_override, size_type, seal_no, eseal_no,
container_weight_kg. A case whose trader already has a case with that B/L is refused, and so is
the same B/L for the same trader twice in the file; with ``skip_invalid`` a case with one bad row
is skipped whole (never half a case).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import Any

from liaison.db import rows as db_rows
from liaison.enums import Entity
from liaison.errors import ValidationError, ValidationErrors
from liaison.models import Changes, TraderDraft
from liaison.models.transfer import ImportProblem, ImportReport
from liaison.services.base import Service
from liaison.services.case_import import CASE_COLUMNS, PlannedCase, plan_cases, resolve_cases
from liaison.services.case_rules import case_search_text, container_search_text
from liaison.services.cases import DEFAULT_CHECKLIST
from liaison.services.derivation import load_tariffs, recompute_case
from liaison.services.import_files import SourceRow, problems_of, read_rows, yes_no
from liaison.services.traders import FIELDS as TRADER_COLUMNS
from liaison.services.traders import trader_search_text, validate_trader


class ImportService(Service):
    def traders(self, path: Path | str, *, skip_invalid: bool = False) -> ImportReport:
        actor = self.require_editor()
        source, problems = read_rows(path, TRADER_COLUMNS, required=("legal_name",))
        bad_lines = {p.line for p in problems}
        planned: list[tuple[int, dict[str, Any]]] = []
        first_line_of_tin: dict[str, int] = {}
        for row in source:
            if row.line in bad_lines:
                continue
            try:
                values = _validate_trader_row(row)
            except ValidationErrors as exc:
                problems += problems_of(exc, row.line)
                continue
            tin = values["tin"]
            if tin and tin in first_line_of_tin:
                reason = f"TIN {tin} is also on line {first_line_of_tin[tin]}."
                problems.append(ImportProblem(row.line, "tin", reason))
                continue
            if tin:
                first_line_of_tin[tin] = row.line
            planned.append((row.line, values))
        stamp = self.now()
        name = Path(path).name
        with self.store.write() as conn:
            taken = _existing(
                conn, "SELECT tin, code, legal_name FROM traders", "tin", first_line_of_tin
            )
            for line, values in planned:
                other = taken.get(values["tin"])
                if other is not None:
                    reason = (
                        f"TIN {values['tin']} is already registered to {other[2]} ({other[1]})."
                    )
                    problems.append(ImportProblem(line, "tin", reason))
            _refuse_or_skip(problems, skip_invalid)
            bad_lines = {p.line for p in problems}
            keep = [(line, values) for line, values in planned if line not in bad_lines]
            first = _take_numbers(conn, "trader", 0, len(keep))
            for offset, (line, values) in enumerate(keep):
                code = f"TRD-{first + offset:06d}"
                record = {"code": code, **values, "search_text": trader_search_text(values, code)}
                db_rows.insert_audited(
                    conn,
                    "traders",
                    record,
                    stamp=stamp,
                    staff_id=actor.id,
                    changes={"source": (None, f"{name} line {line}")},
                    action="import",
                    reference=code,
                )
            self._audit_file(conn, "traders", name, len(keep), stamp, actor.id)
        return ImportReport(
            kind="traders",
            imported=len(keep),
            problems=tuple(sorted(problems)),
            rows_read=len(source),
            skipped_rows=len(bad_lines),
            changes=Changes.of(Entity.TRADERS) if keep else Changes(),
        )

    def cases(self, path: Path | str, *, skip_invalid: bool = False) -> ImportReport:
        actor = self.require_editor()
        source, problems = read_rows(
            path, CASE_COLUMNS, required=("bl_number",), one_of=("trader_tin", "trader_code")
        )
        planned = plan_cases(source, problems)
        today = self.today()
        stamp = self.now()
        name = Path(path).name
        with self.store.write() as conn:
            cases = resolve_cases(conn, planned, problems)
            _refuse_or_skip(problems, skip_invalid)
            bad_lines = {p.line for p in problems}
            keep = [case for case in cases if not bad_lines.intersection(case.lines)]
            skipped = [case for case in cases if bad_lines.intersection(case.lines)]
            problems += _also_skipped(skipped, bad_lines)
            boxes = self._write_cases(conn, keep, name, today, stamp, actor.id)
            self._audit_file(conn, "cases", name, len(keep), stamp, actor.id)
        bad_lines = {p.line for p in problems}
        return ImportReport(
            kind="cases",
            imported=len(keep),
            problems=tuple(sorted(problems)),
            containers=boxes,
            rows_read=len(source),
            skipped_rows=len(bad_lines),
            changes=Changes.of(Entity.CASES, Entity.CONTAINERS, Entity.DOCUMENTS)
            if keep
            else Changes(),
        )

    def _write_cases(
        self,
        conn: sqlite3.Connection,
        cases: list[PlannedCase],
        name: str,
        today: dt.date,
        stamp: str,
        staff_id: int,
    ) -> int:
        for case in cases:
            case.values.setdefault("opened_on", today)
        years = sorted({case.values["opened_on"].year for case in cases})
        next_number = {
            year: _take_numbers(
                conn, "case", year, sum(1 for c in cases if c.values["opened_on"].year == year)
            )
            for year in years
        }
        tariffs = load_tariffs(conn)
        boxes = 0
        for case in cases:
            year = case.values["opened_on"].year
            ref = f"CASE-{year}-{next_number[year]:06d}"
            next_number[year] += 1
            record = {"ref": ref, **case.values, "search_text": case_search_text(case.values, ref)}
            case_id = db_rows.insert_audited(
                conn,
                "cases",
                record,
                stamp=stamp,
                staff_id=staff_id,
                changes={"source": (None, f"{name} line {case.lines[0]}")},
                action="import",
                reference=ref,
            )
            conn.executemany(
                "INSERT INTO documents (case_id, doc_type, status, created_at, created_by, "
                "updated_at, updated_by) VALUES (?, ?, 'missing', ?, ?, ?, ?)",
                [
                    (case_id, doc.value, stamp, staff_id, stamp, staff_id)
                    for doc in DEFAULT_CHECKLIST
                ],
            )
            for line, box in case.containers:
                values = {"case_id": case_id, **box, "search_text": container_search_text(box)}
                db_rows.insert_audited(
                    conn,
                    "containers",
                    values,
                    stamp=stamp,
                    staff_id=staff_id,
                    changes={"source": (None, f"{name} line {line}")},
                    action="import",
                    reference=ref,
                )
                boxes += 1
            recompute_case(conn, case_id, tariffs)
        return boxes

    def _audit_file(
        self,
        conn: sqlite3.Connection,
        entity: str,
        name: str,
        count: int,
        stamp: str,
        staff_id: int,
    ) -> None:
        db_rows.audit(
            conn,
            at=stamp,
            staff_id=staff_id,
            entity=entity,
            entity_id=None,
            action="import",
            changes={"rows": (None, count)},
            reference=name,
        )


def _validate_trader_row(row: SourceRow) -> dict[str, Any]:
    """The stored values of one traders-file row, or every error of the row at once."""
    cells = row.cells
    errors: list[ValidationError] = []
    try:
        vat = yes_no(cells.get("vat_registered", ""), "vat_registered")
    except ValidationError as exc:
        errors.append(exc)
        vat = False
    draft = TraderDraft(
        **{name: cells.get(name, "") for name in TRADER_COLUMNS if name != "vat_registered"},
        vat_registered=vat,
    )
    try:
        values = validate_trader(draft)
    except ValidationErrors as exc:
        errors += exc.errors
    except ValidationError as exc:
        errors.append(exc)
    if errors:
        raise ValidationErrors(errors)
    return values


def _existing(
    conn: sqlite3.Connection, select: str, column: str, keys: dict[str, int]
) -> dict[Any, sqlite3.Row]:
    """Rows of the database whose ``column`` is one of ``keys`` (one query, any number)."""
    found = conn.execute(
        f"{select} WHERE {column} IN (SELECT value FROM json_each(?))", (json.dumps(list(keys)),)
    ).fetchall()
    return {row[0]: row for row in found}


def _take_numbers(conn: sqlite3.Connection, name: str, year: int, count: int) -> int:
    """Reserve ``count`` consecutive numbers of a counter (inside the write transaction); the
    first of them."""
    if count == 0:
        return 0
    conn.execute(
        "INSERT OR IGNORE INTO counters (name, year, last_value) VALUES (?, ?, 0)", (name, year)
    )
    last = conn.execute(
        "UPDATE counters SET last_value = last_value + ? WHERE name = ? AND year = ? "
        "RETURNING last_value",
        (count, name, year),
    ).fetchone()[0]
    return int(last) - count + 1


def _refuse_or_skip(problems: list[ImportProblem], skip_invalid: bool) -> None:
    if problems and not skip_invalid:
        raise ValidationErrors(
            [
                ValidationError(p.field, p.reason, code="import_row", row=p.line)
                for p in sorted(problems)
            ]
        )


def _also_skipped(skipped: list[PlannedCase], bad_lines: set[int]) -> list[ImportProblem]:
    """Good rows of a case skipped because another row of the same case was refused."""
    extra = []
    for case in skipped:
        bad = min(bad_lines.intersection(case.lines))
        for line in case.lines:
            if line not in bad_lines:
                reason = f"Skipped with line {bad}: the same case (B/L {case.values['bl_number']})."
                extra.append(ImportProblem(line, "bl_number", reason))
    return extra
