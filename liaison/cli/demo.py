"""``liaison demo``: build the demo office into a new (or empty) database and show its sign-ins."""

from __future__ import annotations

import argparse
import sys

from liaison.cli import db_path
from liaison.cli.common import open_office
from liaison.demo import DEMO_ACCOUNTS, MAX_CASES, DemoSummary, build_demo, create_demo_database


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = commands.add_parser(
        "demo",
        help="fill a new or empty database with a realistic demo office",
        description="Build a demo office (traders, cases, containers, inquiries, follow-ups) "
        "into the database given by --db. The file is created if missing; a database that "
        "already holds traders or cases is refused.",
    )
    demo.add_argument(
        "--cases", type=_case_count, default=2000, help="clearance cases to make (default 2000)"
    )
    demo.add_argument(
        "--seed", type=int, default=1, help="the same seed and date give the same office"
    )
    demo.set_defaults(func=run_demo)


def _case_count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 1 <= value <= MAX_CASES:
        raise argparse.ArgumentTypeError(f"between 1 and {MAX_CASES:,}")
    return value


def run_demo(args: argparse.Namespace) -> int:
    path = db_path(args)
    progress = _progress if sys.stderr.isatty() else None
    summary: DemoSummary
    if not path.exists() or path.stat().st_size == 0:
        summary = create_demo_database(
            path, cases=args.cases, seed=args.seed, progress=progress, workers=None
        )
    else:
        office = open_office(args)
        try:
            summary = build_demo(
                office, cases=args.cases, seed=args.seed, progress=progress, workers=None
            )
        finally:
            office.close()
    print(f"Demo office built in {path}:")
    for line in summary.lines():
        print(line)
    print("Demo sign-ins (username / password / role):")
    width = max(len(user) for user, _, _ in DEMO_ACCOUNTS)
    for user, password, role in DEMO_ACCOUNTS:
        print(f"  {user:<{width}}  {password:<14}  {role}")
    return 0


def _progress(step: str) -> None:
    print(f"  … {step}", file=sys.stderr, flush=True)
