"""How backup states, times and warnings read to the user (through tr())."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication

from liaison.backup import BackupKind, BackupState, BackupStatus
from liaison.clock import KIGALI
from liaison.office import Office


def tr(text: str) -> str:
    return QCoreApplication.translate("backup", text)


def when(moment: dt.datetime) -> str:
    return moment.astimezone(KIGALI).strftime("%d/%m/%Y %H:%M")


def size(count: int) -> str:
    if count >= 1024 * 1024:
        return tr("{0:.1f} MB").format(count / (1024 * 1024))
    return tr("{0:,} KB").format(max(1, count // 1024))


def kind_label(kind: BackupKind) -> str:
    return {
        BackupKind.AUTO: tr("Automatic"),
        BackupKind.MANUAL: tr("Manual"),
        BackupKind.SAFETY: tr("Before a restore"),
    }[kind]


def state_label(state: BackupState) -> str:
    return {
        BackupState.VERIFIED: tr("Verified"),
        BackupState.UNCHECKED: tr("Not checked"),
        BackupState.MISMATCH: tr("Changed since made"),
    }[state]


def status_warning_text(status: BackupStatus) -> str | None:
    code = status.warning_code
    if code == "folder_unavailable":
        return tr("Backups cannot be made: the backup folder {0} cannot be reached.").format(
            status.folder
        )
    if code == "never":
        return tr("This database has never been backed up.")
    if code == "overdue" and status.last_at is not None:
        return tr(
            "The last good backup is from {0}; the office's policy is every {1} hours."
        ).format(when(status.last_at), status.max_age_hours)
    return None


def backup_warning_text(office: Office) -> str | None:
    """Today's backup warning, or None when backups are fine."""
    return status_warning_text(office.backups.status())


def last_backup_text(status: BackupStatus) -> str:
    """For the status bar."""
    if status.folder_problem:
        return tr("Backup folder unreachable")
    if status.last_at is None:
        return tr("No backup yet")
    return tr("Last backup {0}").format(when(status.last_at))
