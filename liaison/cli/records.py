"""Subcommands about the records: check, search, import and export.

``liaison search QUERY`` prints one line per hit under a heading per kind (``--json`` for a
machine); ``liaison import traders|cases FILE.csv`` refuses the whole file when a row is bad and
lists every bad row (exit 1), or with ``--skip-invalid`` imports the rest and lists the skipped
rows; ``liaison export TABLE|all --format csv|json [-o PATH]`` prints the path it wrote.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from liaison.cli.common import open_office
from liaison.db.connection import applied_migrations
from liaison.enums import Entity
from liaison.errors import ValidationError, ValidationErrors
from liaison.models.transfer import ImportProblem, ImportReport

HEADINGS = {
    Entity.CASES: "Cases",
    Entity.CONTAINERS: "Containers",
    Entity.TRADERS: "Traders",
    Entity.INQUIRIES: "Inquiries",
}


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    check = commands.add_parser("check", help="full integrity check of the database")
    check.add_argument(
        "--quick", action="store_true", help="quick_check instead of integrity_check"
    )
    check.set_defaults(func=run_check)

    search = commands.add_parser("search", help="find cases, containers, traders, inquiries")
    search.add_argument("query", nargs="+", help="what to look for (words are joined)")
    search.add_argument("--json", action="store_true", help="print the hits as JSON")
    search.add_argument(
        "--limit", type=int, default=10, metavar="N", help="at most N hits of each kind"
    )
    search.set_defaults(func=run_search)

    load = commands.add_parser("import", help="import traders or cases from a CSV file")
    load.add_argument("kind", choices=("traders", "cases"))
    load.add_argument("file", type=Path, help="the CSV file (columns: see README)")
    load.add_argument(
        "--skip-invalid",
        action="store_true",
        help="import the valid rows and list the skipped ones (default: all or nothing)",
    )
    load.set_defaults(func=run_import)

    export = commands.add_parser("export", help="export a table, or all of them as one ZIP")
    export.add_argument("table", help="a table name (traders, cases, …) or 'all'")
    export.add_argument("--format", choices=("csv", "json"), default="csv")
    export.add_argument(
        "-o",
        "--output",
        type=Path,
        default=None,
        metavar="PATH",
        help="the file to write (replaced if it exists); default: a new file in the exports folder",
    )
    export.set_defaults(func=run_export)


def run_check(args: argparse.Namespace) -> int:
    office = open_office(args)
    try:
        office.check(full=not args.quick)
        schema = applied_migrations(office.store.conn)[-1]
        print(
            f"ok: {office.path} (schema {schema}, integrity {'quick ' if args.quick else ''}check passed)"
        )
        return 0
    finally:
        office.close()


def run_search(args: argparse.Namespace) -> int:
    office = open_office(args)
    try:
        hits = office.search.search(" ".join(args.query), limit_per_kind=max(1, args.limit))
    finally:
        office.close()
    if args.json:
        records = [
            {
                "kind": hit.kind.value,
                "id": hit.id,
                "title": hit.title,
                "detail": hit.detail,
                "case_id": hit.case_id,
            }
            for hit in hits
        ]
        print(json.dumps(records, ensure_ascii=False, indent=2))
        return 0
    if not hits:
        print("No matches.")
        return 0
    kind = None
    width = max(len(hit.title) for hit in hits)
    for hit in hits:
        if hit.kind is not kind:
            kind = hit.kind
            print(HEADINGS.get(hit.kind, hit.kind.value.title()))
        print(f"  {hit.title:<{width}}  {hit.detail}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    office = open_office(args)
    try:
        load = office.imports.traders if args.kind == "traders" else office.imports.cases
        try:
            report = load(args.file, skip_invalid=args.skip_invalid)
        except ValidationErrors as exc:
            print(f"liaison: nothing imported from {args.file}:", file=sys.stderr)
            _print_problems(_problems(exc.errors))
            return 1
        except ValidationError as exc:
            if exc.row:
                print(f"liaison: nothing imported from {args.file}:", file=sys.stderr)
                _print_problems(_problems([exc]))
                return 1
            raise
    finally:
        office.close()
    print(_summary(report, args.file))
    if report.problems:
        print(f"Skipped {report.skipped_rows} row(s):", file=sys.stderr)
        _print_problems(list(report.problems))
    return 0


def _problems(errors: list[ValidationError]) -> list[ImportProblem]:
    return [ImportProblem(e.row, e.field, e.message) for e in errors]


def _print_problems(problems: list[ImportProblem]) -> None:
    for problem in problems:
        where = f"line {problem.line}" if problem.line else "file"
        print(f"  {where}, {problem.field}: {problem.reason}", file=sys.stderr)


def _summary(report: ImportReport, path: Path) -> str:
    if report.kind == "cases":
        what = f"{report.imported} case(s) with {report.containers} container(s)"
    else:
        what = f"{report.imported} trader(s)"
    return f"Imported {what} from {path} ({report.rows_read} row(s) read)."


def run_export(args: argparse.Namespace) -> int:
    office = open_office(args)
    try:
        if args.table.strip().lower() == "all":
            path = office.exports.everything(args.output, fmt=args.format)
        else:
            path = office.exports.table(args.table, args.format, args.output)
    finally:
        office.close()
    print(path)
    return 0
