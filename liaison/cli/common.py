"""Helpers the subcommands share: opening the Office as the chosen staff member."""

from __future__ import annotations

import argparse

from liaison.cli import db_path
from liaison.errors import NotFound
from liaison.office import Office


def open_office(args: argparse.Namespace, *, quick_check: bool = False) -> Office:
    office = Office.open(db_path(args), quick_check=quick_check)
    if args.as_user:
        match = [s for s in office.staff.all() if s.username == args.as_user.strip().lower()]
        if not match or not match[0].active:
            office.close()
            raise NotFound(f"No active staff member '{args.as_user}'.")
        office.act_as(match[0])
    return office
