"""Exports: one table as CSV or JSON, or everything as one ZIP with a manifest (P11, P14).

What is written, and how files are made safe, is in ``liaison.services.export_files``: tables
found rather than listed (tables added later come along), formulas neutralised in CSV, no
password hashes, owner-only files, a named path replaced whole, a default name (under
``paths.export_dir()``, stamped with the office's local time) never replacing anything.

- ``table`` reads the live database in rowid windows: other instances keep saving meanwhile.
- ``everything`` first copies the database with SQLite's backup API (the live file is locked for
  that copy only), then writes every table from the copy, so the files and the manifest's counts
  describe one moment. The ZIP holds ``TABLE.csv`` (or ``.json``) per table, the members that
  ``extra_members`` give, and ``manifest.json`` (app, version, schema migrations, counts,
  created_at, SHA-256 and size of every member).
- ``extra_members``: functions returning ``(name, bytes)`` pairs, e.g. the issued letters' PDFs
  (``letters/KPA-KGL-LTR-2026-0001.pdf``); names are relative POSIX paths (``..`` or an absolute
  path is refused). They read the live database after the copy: issued letters never change, so
  at most a letter issued during the export is in the ZIP without its row.
- Single tables are open to every account except ``staff``, ``audit_log`` and ``settings``
  (administrators); ``everything`` is for administrators. Every export writes an audit row
  (action ``export``, the path in ``reference``).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any, cast

from liaison import paths
from liaison.clock import KIGALI
from liaison.db import rows
from liaison.db.connection import applied_migrations
from liaison.errors import ValidationError
from liaison.services.base import Context, Service
from liaison.services.export_files import (
    Hashing,
    column_names,
    member_name,
    neutralise,
    output,
    snapshot,
    table_names,
    write_table,
)

FORMATS = ("csv", "json")
ADMIN_TABLES = frozenset({"staff", "audit_log", "settings"})
MANIFEST = "manifest.json"

ExtraMembers = Callable[[], Iterable[tuple[str, bytes]]]

__all__ = ["ADMIN_TABLES", "FORMATS", "ExportService", "ExtraMembers", "neutralise"]


class ExportService(Service):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.extra_members: list[ExtraMembers] = []

    def tables(self) -> list[str]:
        """The exportable tables, in the order they were created."""
        return table_names(self.store.conn)

    def columns(self, table: str) -> list[str]:
        return column_names(self.store.conn, self._check_table(table))

    def table(self, name: str, fmt: str = "csv", path: Path | str | None = None) -> Path:
        """Write one table; the path written."""
        table = self._check_table(name)
        fmt = _check_format(fmt)
        if table in ADMIN_TABLES:
            self.require_admin()
        default = self._default_name(table, fmt)
        with output(path, paths.export_dir(), default) as (target, out):
            count = write_table(self.store.conn, table, fmt, out, in_chunks=True)
        self._audit(table, {"rows": count, "format": fmt}, target)
        return target

    def everything(self, path: Path | str | None = None, fmt: str = "csv") -> Path:
        """One ZIP of every table, the extra members and a manifest; the path written."""
        self.require_admin()
        fmt = _check_format(fmt)
        default = self._default_name("office", "zip")
        with (
            snapshot(self.store.conn) as copy,
            output(path, paths.export_dir(), default) as (target, out),
            zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        ):
            manifest = self._manifest_head(fmt, copy)
            for table in table_names(copy):
                member = f"{table}.{fmt}"
                with archive.open(member, "w") as raw:
                    hashing = Hashing(raw)
                    count = write_table(copy, table, fmt, cast(IO[bytes], hashing), in_chunks=False)
                manifest["tables"][table] = {"file": member, "rows": count}
                manifest["counts"][table] = count
                manifest["members"][member] = hashing.summary()
            for member, data in self._extras(set(manifest["members"])):
                archive.writestr(member, data)
                manifest["members"][member] = {
                    "sha256": hashlib.sha256(data).hexdigest(),
                    "bytes": len(data),
                }
            archive.writestr(MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False))
        self._audit("all", {"rows": sum(manifest["counts"].values()), "format": fmt}, target)
        return target

    # -- parts ------------------------------------------------------------------------------
    def _check_table(self, name: str) -> str:
        known = self.tables()
        table = (name or "").strip().lower()
        if table not in known:
            raise ValidationError(
                "table", f"No table {name!r}. Tables: {', '.join(known)}.", code="unknown_table"
            )
        return table

    def _default_name(self, stem: str, ext: str) -> str:
        local = self.ctx.clock.now().astimezone(KIGALI)
        return f"{stem}-{local:%Y-%m-%d-%H%M%S}.{ext}"

    def _manifest_head(self, fmt: str, conn: sqlite3.Connection) -> dict[str, Any]:
        from importlib import metadata  # here: reading package metadata slows every launch

        try:
            version = metadata.version("liaison-desk")
        except metadata.PackageNotFoundError:
            version = "unknown"
        return {
            "app": "Liaison Desk",
            "app_version": version,
            "format": fmt,
            "created_at": self.now(),
            "created_by": self.ctx.actor.username,
            "schema": {"migrations": applied_migrations(conn)},
            "tables": {},
            "counts": {},
            "members": {},
        }

    def _extras(self, taken: set[str]) -> Iterator[tuple[str, bytes]]:
        for hook in self.extra_members:
            for name, data in hook():
                member = member_name(name)
                if member in taken or member == MANIFEST:
                    raise ValueError(f"export member {member!r} given twice")
                taken.add(member)
                yield member, bytes(data)

    def _audit(self, entity: str, facts: dict[str, Any], target: Path) -> None:
        actor = self.ctx.actor
        with self.store.write() as conn:
            rows.audit(
                conn,
                at=self.now(),
                staff_id=actor.id,
                entity=entity,
                entity_id=None,
                action="export",
                changes={name: (None, value) for name, value in facts.items()},
                reference=str(target),
            )


def _check_format(fmt: str) -> str:
    value = (fmt or "").strip().lower()
    if value not in FORMATS:
        raise ValidationError("format", "Choose csv or json.", code="choice")
    return value
