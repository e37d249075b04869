"""The error types the core raises.

Known errors carry a machine-readable ``code`` (and, for validation, the ``field``) so that the UI
and the CLI can word them in the user's language. Anything that is not a ``LiaisonError`` is a bug.
"""

from __future__ import annotations


class LiaisonError(Exception):
    """Base of every known error. ``code`` is stable; ``message`` is an English fallback."""

    code = "error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        return self.message


class ValidationError(LiaisonError):
    """Input refused by a rule. ``field`` names the draft field, ``code`` the rule broken."""

    code = "invalid"

    def __init__(self, field: str, message: str, *, code: str = "invalid", row: int = 0) -> None:
        super().__init__(message, code=code)
        self.field = field
        self.row = row

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class ValidationErrors(LiaisonError):
    """Several validation errors at once (a form, or an import file)."""

    code = "invalid"

    def __init__(self, errors: list[ValidationError]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


class NotFound(LiaisonError):
    code = "not_found"


class Conflict(LiaisonError):
    """The record was changed by someone else since it was read (optimistic lock)."""

    code = "conflict"


class PermissionDenied(LiaisonError):
    code = "permission_denied"


class AuthenticationFailed(LiaisonError):
    code = "authentication_failed"


class DatabaseError(LiaisonError):
    """Known trouble with the database file itself."""

    code = "database"


class DatabaseMissing(DatabaseError):
    code = "database_missing"


class DatabaseBusy(DatabaseError):
    code = "database_busy"


class DatabaseReadOnly(DatabaseError):
    code = "database_read_only"


class DiskFull(DatabaseError):
    code = "disk_full"


class DatabaseCorrupt(DatabaseError):
    code = "database_corrupt"


class NotOurDatabase(DatabaseError):
    code = "not_our_database"


class SchemaTooNew(DatabaseError):
    code = "schema_too_new"
