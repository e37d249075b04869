"""The cases file of an import: rows → checked cases with their containers.

``plan_cases`` checks each row alone (no database); ``resolve_cases`` then finds the traders,
shipping lines and staff the rows name, groups the rows of one case (same trader, same B/L key),
and refuses contradictions and duplicates. The column list is documented in
``liaison.services.imports``.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from liaison.errors import ValidationError, ValidationErrors
from liaison.models import CaseDraft, ContainerDraft
from liaison.models.transfer import ImportProblem
from liaison.rules import identifiers as ids
from liaison.services.case_rules import REFERENCE_FIELDS, validate_case, validate_container
from liaison.services.import_files import SourceRow, problems_of

TRADER_COLUMNS = ("trader_tin", "trader_code")
CASE_FIELDS = (
    "bl_number",
    "bl_type",
    "consignee_name",
    "house_bl_number",
    "vessel_name",
    "voyage_no",
    "rotation_no",
    "manifest_no",
    "port_of_loading",
    "eta",
    "customs_regime",
    "declaration_no",
    "rctg_carnet_no",
    "delivery_order_no",
    "kpa_invoice_no",
    "inland_mode",
    "border_exit_ke",
    "border_entry_rw",
    "destination",
    "cargo_description",
    "hs_codes",
    "packages",
    "gross_weight_kg",
    "opened_on",
)
LOOKUP_COLUMNS = ("shipping_line", "assigned_to")
CONTAINER_COLUMNS = (
    "container_number",
    "check_digit_override",
    "size_type",
    "seal_no",
    "eseal_no",
    "container_weight_kg",
)
# Compared by their keys: "MEDU 12 345678" and "medu12345678" are one B/L.
IDENTIFIER_FIELDS = frozenset({"bl_number", *REFERENCE_FIELDS})
CASE_COLUMNS = (*TRADER_COLUMNS, *CASE_FIELDS, *LOOKUP_COLUMNS, *CONTAINER_COLUMNS)
CONTAINER_RENAME = {"number": "container_number", "gross_weight_kg": "container_weight_kg"}
_CODE = re.compile(r"^TRD0*(\d{1,6})$")


@dataclass
class RowPlan:
    row: SourceRow
    tin: str | None
    code: str | None
    bl_key: str
    case_values: dict[str, Any] | None  # None when the row's case columns were refused
    container: dict[str, Any] | None
    trader_id: int | None = None


@dataclass
class PlannedCase:
    values: dict[str, Any]
    lines: list[int]
    containers: list[tuple[int, dict[str, Any]]] = field(default_factory=list)


def plan_cases(source: list[SourceRow], problems: list[ImportProblem]) -> list[RowPlan]:
    """Each row checked on its own; refusals are added to ``problems``."""
    plans = []
    for row in source:
        cells = row.cells
        errors: list[ImportProblem] = []
        tin = _check(errors, row.line, ids.clean_tin, cells.get("trader_tin"), "trader_tin")
        code = _check(errors, row.line, _clean_code, cells.get("trader_code"), "trader_code")
        if not tin and not code and not any(p.field in TRADER_COLUMNS for p in errors):
            errors.append(ImportProblem(row.line, "trader_tin", "Give the trader's TIN or code."))
        try:
            typed: dict[str, Any] = {name: cells.get(name, "") for name in CASE_FIELDS}
            draft = CaseDraft(0, **typed)
            case_values: dict[str, Any] | None = validate_case(draft)
        except (ValidationError, ValidationErrors) as exc:
            errors += problems_of(exc, row.line)
            case_values = None
        bl = _check([], row.line, ids.clean_reference, cells.get("bl_number"), "bl_number")
        container = _plan_container(row, errors)
        problems += errors
        if bl:
            plans.append(RowPlan(row, tin, code, ids.identifier_key(bl), case_values, container))
    return plans


def _check(errors: list[ImportProblem], line: int, fn: Any, value: str | None, name: str) -> Any:
    try:
        return fn(value, name)
    except ValidationError as exc:
        errors.append(ImportProblem(line, name, exc.message))
        return None


def _clean_code(value: str | None, field_name: str) -> str | None:
    if not value or not value.strip():
        return None
    match = _CODE.match(ids.compact(value))
    if not match:
        raise ValidationError(field_name, "A trader code looks like TRD-000123.", code="format")
    return f"TRD-{int(match[1]):06d}"


def _plan_container(row: SourceRow, errors: list[ImportProblem]) -> dict[str, Any] | None:
    cells = row.cells
    if not cells.get("container_number"):
        if any(cells.get(name) for name in CONTAINER_COLUMNS):
            errors.append(
                ImportProblem(row.line, "container_number", "The container number is missing.")
            )
        return None
    draft = ContainerDraft(
        cells["container_number"],
        check_digit_override=cells.get("check_digit_override", ""),
        size_type=cells.get("size_type", ""),
        seal_no=cells.get("seal_no", ""),
        eseal_no=cells.get("eseal_no", ""),
        gross_weight_kg=cells.get("container_weight_kg", ""),
    )
    try:
        return validate_container(draft)
    except (ValidationError, ValidationErrors) as exc:
        errors += problems_of(exc, row.line, CONTAINER_RENAME)
        return None


def resolve_cases(
    conn: sqlite3.Connection, plans: list[RowPlan], problems: list[ImportProblem]
) -> list[PlannedCase]:
    """The cases the rows make, checked against the database (inside the write transaction)."""
    _resolve_traders(conn, plans, problems)
    lines = _lookups(conn)
    groups: dict[tuple[int, str], list[RowPlan]] = {}
    for plan in plans:
        if plan.trader_id is not None:
            groups.setdefault((plan.trader_id, plan.bl_key), []).append(plan)
    existing = _existing_cases(conn, {key for _, key in groups})
    cases = []
    for (trader_id, bl_key), members in groups.items():
        case = _merge(trader_id, members, lines, problems)
        if case is None:
            continue
        ref = existing.get((trader_id, bl_key))
        if ref:
            reason = f"This trader already has case {ref} with this B/L."
            problems.append(ImportProblem(case.lines[0], "bl_number", reason))
        cases.append(case)
    return cases


def _resolve_traders(
    conn: sqlite3.Connection, plans: list[RowPlan], problems: list[ImportProblem]
) -> None:
    tins = sorted({p.tin for p in plans if p.tin})
    codes = sorted({p.code for p in plans if p.code})
    select = "SELECT id, code, tin, status, merged_into_id, legal_name FROM traders WHERE"
    by_tin = {
        r["tin"]: r
        for r in conn.execute(
            f"{select} tin IN (SELECT value FROM json_each(?))", (json.dumps(tins),)
        )
    }
    by_code = {
        r["code"]: r
        for r in conn.execute(
            f"{select} code IN (SELECT value FROM json_each(?))", (json.dumps(codes),)
        )
    }
    for plan in plans:
        line = plan.row.line
        found = None
        if plan.tin:
            found = by_tin.get(plan.tin)
            if found is None:
                problems.append(ImportProblem(line, "trader_tin", f"No trader has TIN {plan.tin}."))
                continue
        if plan.code:
            other = by_code.get(plan.code)
            if other is None:
                problems.append(ImportProblem(line, "trader_code", f"No trader {plan.code}."))
                continue
            if found is not None and found["id"] != other["id"]:
                reason = f"TIN {plan.tin} is {found['code']}, not {plan.code}."
                problems.append(ImportProblem(line, "trader_code", reason))
                continue
            found = other
        if found is None:
            continue
        if found["status"] == "merged":
            keep = conn.execute(
                "SELECT code FROM traders WHERE id = ?", (found["merged_into_id"],)
            ).fetchone()
            reason = f"{found['code']} was merged into {keep[0]}; use that trader."
            problems.append(ImportProblem(line, "trader_code", reason))
            continue
        plan.trader_id = int(found["id"])


def _lookups(conn: sqlite3.Connection) -> dict[str, dict[str, int]]:
    """Shipping lines by name, by the abbreviation in brackets, by the first word of the name
    or by SCAC code (when that names one line only); active staff by username."""
    names: dict[str, set[int]] = {}
    for row in conn.execute("SELECT id, name, scac_prefixes FROM shipping_lines"):
        name = row["name"].casefold()
        keys = {name, name.split()[0], *re.findall(r"\(([^)]+)\)", name)}
        keys.update(p.strip().casefold() for p in (row["scac_prefixes"] or "").split(","))
        for key in keys - {""}:
            names.setdefault(key.strip(), set()).add(row["id"])
    shipping = {key: next(iter(found)) for key, found in names.items() if len(found) == 1}
    staff = {
        row["username"]: row["id"]
        for row in conn.execute(
            "SELECT id, username FROM staff WHERE active = 1 AND role != 'system'"
        )
    }
    return {"shipping_line": shipping, "assigned_to": staff}


def _existing_cases(conn: sqlite3.Connection, keys: set[str]) -> dict[tuple[int, str], str]:
    found = conn.execute(
        "SELECT trader_id, bl_key, ref FROM cases WHERE bl_key IN (SELECT value FROM json_each(?))",
        (json.dumps(sorted(keys)),),
    )
    return {(row[0], row[1]): row[2] for row in found}


def _merge(
    trader_id: int,
    members: list[RowPlan],
    lookups: dict[str, dict[str, int]],
    problems: list[ImportProblem],
) -> PlannedCase | None:
    """One case from its rows: the first value of each case column, no contradictions, no
    container twice, the names looked up."""
    chosen: dict[str, tuple[str, int, Any]] = {}  # column → (as typed, line, compared value)
    containers: list[tuple[int, dict[str, Any]]] = []
    seen_boxes: dict[str, int] = {}
    lines = [plan.row.line for plan in members]
    for plan in members:
        line = plan.row.line
        for column in (*CASE_FIELDS, *LOOKUP_COLUMNS):
            typed = plan.row.cells.get(column, "")
            if not typed:
                continue
            if plan.case_values is not None and column in IDENTIFIER_FIELDS:
                compared = ids.identifier_key(plan.case_values[column])
            elif plan.case_values is not None and column in plan.case_values:
                compared = plan.case_values[column]
            else:
                compared = typed.casefold()
            if column not in chosen:
                chosen[column] = (typed, line, compared)
            elif chosen[column][2] != compared:
                reason = (
                    f"Differs from line {chosen[column][1]} of the same case ({chosen[column][0]})."
                )
                problems.append(ImportProblem(line, column, reason))
        if plan.container is not None:
            number = plan.container["number"]
            if number in seen_boxes:
                reason = f"Container {number} is also on line {seen_boxes[number]} of this case."
                problems.append(ImportProblem(line, "container_number", reason))
            else:
                seen_boxes[number] = line
                containers.append((line, plan.container))
    resolved: dict[str, int | None] = {}
    for column in LOOKUP_COLUMNS:
        typed = chosen[column][0] if column in chosen else ""
        resolved[column] = (
            lookups[column].get(" ".join(typed.casefold().split())) if typed else None
        )
        if typed and resolved[column] is None:
            what = "shipping line" if column == "shipping_line" else "active staff username"
            problems.append(
                ImportProblem(chosen[column][1], column, f"Not a known {what}: {typed}.")
            )
    if any(plan.case_values is None for plan in members):
        return PlannedCase({"bl_number": chosen["bl_number"][0]}, lines)
    merged: dict[str, Any] = {
        name: chosen[name][0] if name in chosen else "" for name in CASE_FIELDS
    }
    draft = CaseDraft(
        trader_id,
        shipping_line_id=resolved["shipping_line"],
        assigned_to=resolved["assigned_to"],
        **merged,
    )
    try:
        return PlannedCase(validate_case(draft), lines, containers)
    except (ValidationError, ValidationErrors) as exc:
        problems.extend(problems_of(exc, lines[0]))
        return PlannedCase({"bl_number": chosen["bl_number"][0]}, lines)
