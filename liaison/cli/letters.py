"""``liaison letter``: issue a status letter for a case (or an inquiry) and print its reference,
or write the frozen copy of an issued letter again."""

from __future__ import annotations

import argparse
from pathlib import Path

from liaison.cli.common import open_office
from liaison.errors import ValidationError
from liaison.letters.files import write_file
from liaison.office import Office


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    letter = commands.add_parser(
        "letter",
        help="issue a status letter, or reprint an issued one",
        description="Issue a numbered status letter for a case (CASE-…) or an inquiry (INQ-…) "
        "and print its reference; or write the frozen copy of an issued letter with --reprint.",
    )
    letter.add_argument("target", nargs="?", metavar="CASE_REF", help="CASE-… or INQ-…")
    letter.add_argument("--kind", help="the kind of letter (see --kinds CASE_REF)")
    letter.add_argument("--lang", help="letter language (default: the trader's preference)")
    letter.add_argument("--note", default="", help="a paragraph from the office to add")
    letter.add_argument("-o", "--output", type=Path, help="also write the PDF to this file")
    letter.add_argument("--reprint", metavar="REF", help="an issued letter's reference")
    letter.add_argument(
        "--kinds",
        action="store_true",
        help="list the kinds of letters (with CASE_REF: those that can be written for it)",
    )
    letter.set_defaults(func=run_letter)


def run_letter(args: argparse.Namespace) -> int:
    office = open_office(args)
    try:
        if args.kinds:
            where = _where(office, args.target) if args.target else None
            kinds = office.letters.offered(language="en", **where) if where else None
            for code, title in kinds if kinds is not None else office.letters.kinds():
                needs = office.letters.kind_needs(code).replace("_", " ")
                print(f"{code:24} {title} ({needs})")
            return 0
        if args.reprint:
            if args.output is None:
                raise ValidationError("output", "--reprint needs -o FILE.pdf.", code="required")
            letter = office.letters.by_ref(args.reprint)
            write_file(args.output, office.letters.pdf(letter.id))
            status = " (VOID)" if letter.is_void else ""
            print(f"{letter.ref}{status} → {args.output}")
            return 0
        if not args.target or not args.kind:
            raise ValidationError(
                "kind", "Give CASE_REF and --kind (or --reprint REF).", code="usage"
            )
        kind = args.kind.strip().upper()
        where = _where(office, args.target)
        issued, _ = office.letters.issue(kind, language=args.lang, note=args.note, **where)
        if args.output is not None:
            write_file(args.output, office.letters.pdf(issued.id))
        print(issued.ref)
        return 0
    finally:
        office.close()


def _where(office: Office, target: str) -> dict[str, int]:
    """CASE-… or INQ-… → the id to write the letter for."""
    ref = target.strip().upper()
    if ref.startswith("INQ-"):
        return {"inquiry_id": office.inquiries.by_ref(ref).id}
    return {"case_id": office.cases.by_ref(ref).id}
