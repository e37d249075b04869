"""The ``liaison`` command: argparse over the Office façade.

Each area registers its subcommands from its own module (``COMMAND_MODULES``). Exit codes:
0 done, 1 refused or failed (the reason on stderr), 2 usage.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from liaison.errors import LiaisonError
from liaison.paths import default_db_path

COMMAND_MODULES = (
    "liaison.cli.records",
    "liaison.cli.backups",
    "liaison.cli.letters",
    "liaison.cli.demo",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="liaison",
        description="Liaison Desk — the KPA Kigali liaison office's case manager (command line).",
    )
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        help="the office database (default: LIAISON_DB, else office.db in the user data folder)",
    )
    parser.add_argument(
        "--as",
        dest="as_user",
        default=None,
        metavar="USERNAME",
        help="act as this staff member in the audit log (default: the system account)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(commands)
    return parser


def db_path(args: argparse.Namespace) -> Path:
    return Path(args.db) if args.db else default_db_path()


def fail(message: str) -> int:
    print(f"liaison: {message}", file=sys.stderr)
    return 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except LiaisonError as exc:
        return fail(str(exc))
    except KeyboardInterrupt:
        return fail("interrupted")
    except BrokenPipeError:
        return 0
