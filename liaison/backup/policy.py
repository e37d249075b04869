"""When a backup is due and when Today should warn: pure functions of the backup status."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from liaison.clock import KIGALI

DAILY = dt.timedelta(hours=24)


@dataclass(frozen=True, slots=True)
class BackupStatus:
    folder: Path
    folder_problem: str  # empty when the folder can take a backup
    last_at: dt.datetime | None  # this database's newest backup whose file is still there
    last_file: Path | None
    changed_since: bool  # anything recorded since that backup's snapshot?
    max_age_hours: int  # the office's policy (setting backup_max_age_hours)
    now: dt.datetime

    @property
    def age_hours(self) -> float | None:
        if self.last_at is None:
            return None
        return (self.now - self.last_at).total_seconds() / 3600

    @property
    def warning_code(self) -> str | None:
        """``folder_unavailable``, ``never``, ``overdue`` or None (the UI words the code)."""
        if self.folder_problem:
            return "folder_unavailable"
        if self.last_at is None:
            return "never"
        age = self.age_hours
        if self.changed_since and age is not None and age > self.max_age_hours:
            return "overdue"
        return None


def backup_due(
    last_at: dt.datetime | None,
    changed_since: bool,
    now: dt.datetime,
    *,
    closing: bool = False,
    interval: dt.timedelta = DAILY,
) -> bool:
    """An automatic backup is due when something changed since the last one, and either the app
    is closing or the last one is at least ``interval`` old. A database never backed up is due."""
    if last_at is None:
        return True
    if not changed_since:
        return False
    return closing or now - last_at >= interval


def status_warning(status: BackupStatus) -> str | None:
    """The English fallback of Today's backup warning (the UI words ``warning_code`` itself)."""
    code = status.warning_code
    if code == "folder_unavailable":
        return f"Backups cannot be made: {status.folder_problem}"
    if code == "never":
        return "This database has never been backed up. Use Back up now, or close the app."
    if code == "overdue" and status.last_at is not None:
        when = status.last_at.astimezone(KIGALI).strftime("%d/%m/%Y %H:%M")
        hours = int(status.age_hours or 0)
        age = f"{hours // 24} days" if hours >= 48 else f"{hours} hours"
        return (
            f"The last good backup is from {when} ({age} ago); the office's policy is a backup "
            f"at least every {status.max_age_hours} hours."
        )
    return None
