"""The known errors of backups and restores, with stable codes the UI and the CLI word.

They are ``DatabaseError``s (known trouble with a database file) so the generic handlers show them
plainly; refusals of a restore candidate reuse ``NotOurDatabase``, ``DatabaseCorrupt`` and
``SchemaTooNew`` from ``liaison.errors``.
"""

from __future__ import annotations

from liaison.errors import DatabaseError


class BackupFolderUnavailable(DatabaseError):
    """The backup folder is missing (a USB disk unplugged), not a folder, or read-only."""

    code = "backup_folder_unavailable"


class BackupFailed(DatabaseError):
    """The copy could not be written or did not verify; nothing was left under a final name."""

    code = "backup_failed"


class BackupCancelled(DatabaseError):
    code = "backup_cancelled"


class RestoreRefused(DatabaseError):
    """A restore that cannot go ahead for a reason other than the candidate file itself (for
    example the candidate is the open database)."""

    code = "restore_refused"
