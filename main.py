"""Liaison Desk desktop app: the composition root (arguments, logging, Office, Qt window)."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from ui.app import run

    return run(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    raise SystemExit(main())
