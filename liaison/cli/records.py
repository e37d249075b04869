"""Subcommands about the records: check (import, export, search and demo join later)."""

from __future__ import annotations

import argparse

from liaison.cli.common import open_office
from liaison.db.connection import applied_migrations


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    check = commands.add_parser("check", help="full integrity check of the database")
    check.add_argument(
        "--quick", action="store_true", help="quick_check instead of integrity_check"
    )
    check.set_defaults(func=run_check)


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
