"""Subcommands about backups: ``backup [--to DIR]``, ``backups [--verify] [--dir DIR]``,
``restore FILE [--yes]`` (which also recovers a database too damaged to open)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from liaison.backup import BackupEntry, scan
from liaison.backup.recovery import recover_database
from liaison.cli import db_path, fail
from liaison.cli.common import open_office
from liaison.clock import KIGALI, SystemClock
from liaison.errors import DatabaseCorrupt, LiaisonError, NotOurDatabase

SHOWN_COUNTS = ("traders", "cases", "containers", "inquiries", "letters")


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    backup = commands.add_parser("backup", help="make a verified backup of the database now")
    backup.add_argument(
        "--to", type=Path, default=None, metavar="DIR", help="into this folder (default: setting)"
    )
    backup.set_defaults(func=run_backup)

    listing = commands.add_parser("backups", help="list the backups and their verification")
    listing.add_argument("--verify", action="store_true", help="fully verify each file now")
    listing.add_argument(
        "--dir", type=Path, action="append", default=None, metavar="DIR", help="list this folder"
    )
    listing.set_defaults(func=run_list)

    restore = commands.add_parser(
        "restore", help="replace the database by a backup (a safety copy is made first)"
    )
    restore.add_argument("file", type=Path, help="the backup file to restore")
    restore.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    restore.set_defaults(func=run_restore)


def run_backup(args: argparse.Namespace) -> int:
    office = open_office(args)
    try:
        result = office.backups.back_up(to=args.to)
    finally:
        office.close()
    made = result.backup
    print(f"ok: {made.path} ({made.bytes:,} bytes, verified, sha256 {made.sha256[:16]}…)")
    if result.second_copy:
        print(f"copy: {result.second_copy}")
    for path in result.pruned:
        print(f"pruned: {path.name}")
    if result.second_error:
        print(f"liaison: warning: second copy not made: {result.second_error}", file=sys.stderr)
    return 0


def _describe(entry: BackupEntry, state: str) -> str:
    when = entry.taken_at.astimezone(KIGALI).strftime("%Y-%m-%d %H:%M")
    counts = " ".join(f"{k}={entry.counts[k]}" for k in SHOWN_COUNTS if k in entry.counts)
    return f"{when}  {entry.kind.value:<6}  {entry.bytes:>13,}  {state:<10}  {counts}  {entry.path}"


def run_list(args: argparse.Namespace) -> int:
    if args.dir:
        entries = scan(args.dir)
    else:
        office = open_office(args)
        try:
            entries = office.backups.all()
        finally:
            office.close()
    if not entries:
        print("no backups found", file=sys.stderr)
        return 0
    bad = 0
    for entry in entries:
        state = entry.state.value
        if args.verify:
            from liaison.backup.verify import verify_file

            try:
                verify_file(entry.path)
                state = "ok"
            except LiaisonError as exc:
                state, bad = "DAMAGED", bad + 1
                print(f"liaison: {entry.path.name}: {exc}", file=sys.stderr)
        print(_describe(entry, state))
    return 1 if bad else 0


def run_restore(args: argparse.Namespace) -> int:
    target = db_path(args)
    if not args.yes:
        if not sys.stdin.isatty():
            return fail("restoring replaces the database: add --yes to confirm")
        answer = input(f"Replace the data in {target} by {args.file}? [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            return fail("not restored")
    try:
        office = open_office(args, quick_check=True)
    except (DatabaseCorrupt, NotOurDatabase) as exc:
        if isinstance(exc, NotOurDatabase) and target.stat().st_size > 0:
            raise
        recovered = recover_database(target, args.file, now=SystemClock().now())
        for path in recovered.set_aside:
            print(f"kept the damaged file as {path}")
        print(f"ok: restored {recovered.restored_from} into {target}")
        return 0
    try:
        result = office.backups.restore(args.file)
    finally:
        office.close()
    print(f"ok: restored {result.restored_from} into {target}")
    print(f"safety copy of the data before the restore: {result.safety_copy.path}")
    return 0
