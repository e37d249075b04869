"""Backup files on disk: their names, their manifests, and the list of what a folder holds.

A backup is ``liaison-desk-YYYYMMDD-HHMMSSZ[-N]-KIND.db`` (UTC, so names sort by time) with a
manifest ``….db.json`` beside it, written before the backup gets its final name: size, SHA-256,
schema, row counts and when it was verified. A folder is therefore self-describing: the list, the
retention and the start-up recovery need neither the live database nor a log inside it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

OWNER_FILE = 0o600
OWNER_FOLDER = 0o700
PREFIX = "liaison-desk-"
PARTIAL = ".partial"
MANIFEST = ".json"
NAME_RE = re.compile(r"^liaison-desk-(\d{8})-(\d{6})Z(?:-(\d{1,4}))?-(auto|manual|safety)\.db$")


class BackupKind(StrEnum):
    AUTO = "auto"  # made by the app on close or daily
    MANUAL = "manual"  # Back up now, or `liaison backup`
    SAFETY = "safety"  # the copy of the live database made before a restore


class BackupState(StrEnum):
    VERIFIED = "verified"  # verified when made; manifest and size agree
    UNCHECKED = "unchecked"  # no manifest (copied by hand?): verify before trusting it
    MISMATCH = "mismatch"  # the file is not the one the manifest describes


@dataclass(frozen=True, slots=True)
class BackupEntry:
    """One backup file as the list shows it."""

    path: Path
    taken_at: dt.datetime  # UTC
    kind: BackupKind
    bytes: int
    state: BackupState
    counts: dict[str, int] = field(default_factory=dict)
    schema: str = ""
    sha256: str = ""
    sequence: int = 0  # a second backup within the same second is -1, -2 …

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def verified(self) -> bool:
        return self.state is BackupState.VERIFIED


def backup_name(taken_at: dt.datetime, kind: BackupKind, folder: Path) -> str:
    """The first free final name in ``folder`` for a backup taken at ``taken_at``."""
    stamp = taken_at.astimezone(dt.UTC).strftime("%Y%m%d-%H%M%SZ")
    for n in range(0, 10_000):
        suffix = f"-{n}" if n else ""
        name = f"{PREFIX}{stamp}{suffix}-{kind.value}.db"
        taken = [folder / name, folder / (name + PARTIAL), folder / (name + MANIFEST)]
        if not any(p.exists() for p in taken):
            return name
    raise FileExistsError(f"No free backup name in {folder}")


def parse_name(name: str) -> tuple[dt.datetime, BackupKind, int] | None:
    match = NAME_RE.match(name)
    if match is None:
        return None
    taken = dt.datetime.strptime(match[1] + match[2], "%Y%m%d%H%M%S").replace(tzinfo=dt.UTC)
    return taken, BackupKind(match[4]), int(match[3] or 0)


def manifest_path(path: Path) -> Path:
    return path.with_name(path.name + MANIFEST)


def write_owner_only(path: Path, data: bytes) -> None:
    """Write a new file readable by its owner only, and flush it to the disk (P14)."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, OWNER_FILE)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def write_manifest(path: Path, manifest: dict[str, Any]) -> None:
    target = manifest_path(path)
    with contextlib.suppress(FileNotFoundError):
        target.unlink()
    write_owner_only(target, json.dumps(manifest, indent=2, sort_keys=True).encode())


def read_manifest(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(manifest_path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def entry_for(path: Path) -> BackupEntry | None:
    """The list entry of one final-named backup file (None for anything else)."""
    parsed = parse_name(path.name)
    if parsed is None:
        return None
    try:
        size = path.stat().st_size
    except OSError:
        return None
    taken_at, kind, sequence = parsed
    manifest = read_manifest(path)
    if manifest is None:
        return BackupEntry(path, taken_at, kind, size, BackupState.UNCHECKED, sequence=sequence)
    counts = manifest.get("counts")
    state = BackupState.VERIFIED if manifest.get("bytes") == size else BackupState.MISMATCH
    return BackupEntry(
        path,
        taken_at,
        kind,
        size,
        state,
        counts={str(k): int(v) for k, v in counts.items()} if isinstance(counts, dict) else {},
        schema=str(manifest.get("schema", "")),
        sha256=str(manifest.get("sha256", "")),
        sequence=sequence,
    )


def scan(folders: Iterable[Path]) -> list[BackupEntry]:
    """Every backup in these folders, newest first; unreachable folders are skipped."""
    entries: list[BackupEntry] = []
    seen: set[Path] = set()
    for folder in folders:
        try:
            resolved = folder.resolve()
            if resolved in seen or not folder.is_dir():
                continue
            seen.add(resolved)
            names = sorted(os.listdir(folder))
        except OSError:
            continue
        for name in names:
            entry = entry_for(folder / name)
            if entry is not None:
                entries.append(entry)
    entries.sort(key=lambda e: (e.taken_at, e.sequence, e.name), reverse=True)
    return entries


STALE_AFTER_S = 3600.0


def _old_enough(path: Path, now: float, min_age_s: float) -> bool:
    try:
        return now - path.stat().st_mtime >= min_age_s
    except OSError:
        return False


def leftovers(folder: Path, now: float, min_age_s: float = STALE_AFTER_S) -> list[Path]:
    """Partial files of a backup killed midway and manifests whose backup is gone. Only those
    untouched for ``min_age_s``: another process may be writing a backup right now."""
    try:
        names = set(os.listdir(folder))
    except OSError:
        return []
    found = []
    for name in sorted(names):
        if not name.startswith(PREFIX):
            continue
        partial = name.endswith(PARTIAL)
        orphan = name.endswith(MANIFEST) and name[: -len(MANIFEST)] not in names
        if (partial or orphan) and _old_enough(folder / name, now, min_age_s):
            found.append(folder / name)
    return found
