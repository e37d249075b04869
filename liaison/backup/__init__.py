"""Backups, restore and recovery of the office database (PROMISES P4–P8, P14).

``snapshot`` makes one verified backup, ``verify`` checks any file, ``catalog`` names and lists
backup files with their manifests, ``retention`` decides what to keep (pure), ``policy`` says
when a backup is due or overdue (pure), ``restore`` puts a backup back, ``service`` is
``office.backups``.
"""

from __future__ import annotations

from liaison.backup.catalog import BackupEntry, BackupKind, BackupState, scan
from liaison.backup.errors import (
    BackupCancelled,
    BackupFailed,
    BackupFolderUnavailable,
    RestoreRefused,
)
from liaison.backup.policy import BackupStatus
from liaison.backup.verify import Verification

__all__ = [
    "BackupCancelled",
    "BackupEntry",
    "BackupFailed",
    "BackupFolderUnavailable",
    "BackupKind",
    "BackupState",
    "BackupStatus",
    "RestoreRefused",
    "Verification",
    "scan",
]
