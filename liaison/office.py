"""The Office façade: the one object the UI, the CLI and scripts hold.

Built once, handed down explicitly. It owns the store, the injected clock and the acting staff
member, and exposes one service per area. Nothing here is global.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from argon2 import PasswordHasher

from liaison.backup.service import BackupService
from liaison.clock import Clock, SystemClock
from liaison.db import rows
from liaison.db.connection import Store, create_store, open_store, run_check
from liaison.models import AuditEntry, Staff
from liaison.services.agenda import AgendaService
from liaison.services.base import Context
from liaison.services.cases import CaseService
from liaison.services.followups import FollowUpService
from liaison.services.inquiries import InquiryService
from liaison.services.lookups import LookupService
from liaison.services.notes import NoteService
from liaison.services.referrals import ReferralService
from liaison.services.search import SearchService
from liaison.services.settings import SettingsService
from liaison.services.staff import StaffService
from liaison.services.tariffs import TariffService
from liaison.services.tracking import TrackingService
from liaison.services.traders import TraderService

if TYPE_CHECKING:
    from liaison.services.exports import ExportService
    from liaison.services.imports import ImportService
    from liaison.services.letters import LetterService


class Office:
    def __init__(
        self,
        store: Store,
        *,
        clock: Clock | None = None,
        hasher: PasswordHasher | None = None,
    ) -> None:
        self.store = store
        self.clock = clock or SystemClock()
        placeholder = Staff(0, "system", "system", "SYS", "system", True, None, 1)  # type: ignore[arg-type]
        self.ctx = Context(store=store, clock=self.clock, actor=placeholder)
        self.staff = StaffService(self.ctx, hasher or PasswordHasher())
        self.ctx.actor = self.staff.system()
        self.settings = SettingsService(self.ctx)
        self.traders = TraderService(self.ctx)
        self.cases = CaseService(self.ctx)
        self.tracking = TrackingService(self.ctx)
        self.inquiries = InquiryService(self.ctx)
        self.notes = NoteService(self.ctx)
        self.referrals = ReferralService(self.ctx)
        self.followups = FollowUpService(self.ctx)
        self.tariffs = TariffService(self.ctx)
        self.lookups = LookupService(self.ctx)
        self.agenda = AgendaService(self.ctx)
        self.search = SearchService(self.ctx)
        self.backups = BackupService(self.ctx)
        self.agenda.warning_sources.append(self.backups.warning)

    # Built on first use: their modules (PDF letters, file formats) are a tenth of a second of
    # every launch that the first screen does not need.
    @cached_property
    def letters(self) -> LetterService:
        from liaison.services.letters import LetterService

        return LetterService(self.ctx)

    @cached_property
    def imports(self) -> ImportService:
        from liaison.services.imports import ImportService

        return ImportService(self.ctx)

    @cached_property
    def exports(self) -> ExportService:
        from liaison.services.exports import ExportService

        exports = ExportService(self.ctx)
        exports.extra_members.append(self.letters.exported_pdfs)
        return exports

    # -- opening --------------------------------------------------------------------------------
    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        clock: Clock | None = None,
        quick_check: bool = False,
        hasher: PasswordHasher | None = None,
    ) -> Office:
        return cls(open_store(path, quick_check=quick_check), clock=clock, hasher=hasher)

    @classmethod
    def create(
        cls, path: Path | str, *, clock: Clock | None = None, hasher: PasswordHasher | None = None
    ) -> Office:
        return cls(create_store(path), clock=clock, hasher=hasher)

    def close(self) -> None:
        self.store.close()

    @property
    def path(self) -> Path | None:
        return self.store.path

    # -- who acts -------------------------------------------------------------------------------
    @property
    def actor(self) -> Staff:
        return self.ctx.actor

    def sign_in(self, username: str, password: str) -> Staff:
        return self.staff.authenticate(username, password)

    def sign_out(self) -> None:
        self.ctx.actor = self.staff.system()

    def act_as(self, staff: Staff) -> None:
        """For the command line and tests: act as a known account without a password."""
        self.ctx.actor = staff

    # -- history and health ---------------------------------------------------------------------
    def history(self, entity: str, entity_id: int, limit: int = 500) -> list[AuditEntry]:
        return [
            rows.to_record(AuditEntry, r)
            for r in self.store.all(
                "SELECT a.*, s.full_name AS staff_name FROM audit_log a JOIN staff s ON s.id = a.staff_id "
                "WHERE a.entity = ? AND a.entity_id = ? ORDER BY a.id DESC LIMIT ?",
                (entity, entity_id, limit),
            )
        ]

    def check(self, *, full: bool = True) -> None:
        """``integrity_check`` (or ``quick_check``) and the foreign keys; raises when damaged."""
        run_check(self.store.conn, full=full)

    def data_version(self) -> tuple[int, int]:
        """Cheap to poll: differs from the last value whenever this or another instance has
        committed a change (``PRAGMA data_version`` and the newest audit row)."""
        return self.backups.data_version()
