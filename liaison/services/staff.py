"""Staff accounts and signing in. Passwords are argon2 hashes, never stored or logged in clear;
repeated failed sign-ins slow further tries."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Mapping
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from liaison.clock import parse_stamp
from liaison.db import rows
from liaison.enums import Entity, Role
from liaison.errors import AuthenticationFailed, NotFound, ValidationError
from liaison.models import Changes, Staff, StaffDraft
from liaison.rules.text import clean_text
from liaison.services.base import Collector, Service, choice

MIN_PASSWORD = 8
FREE_TRIES = 3
MAX_WAIT_SECONDS = 300


def lockout_seconds(failures: int) -> int:
    """No wait for the first few mistakes, then 2, 4, 8 … seconds, at most five minutes."""
    if failures < FREE_TRIES:
        return 0
    return int(min(MAX_WAIT_SECONDS, 2 ** (failures - FREE_TRIES + 1)))


def check_password(password: str | None, field: str = "password") -> str:
    if password is None or len(password) < MIN_PASSWORD:
        raise ValidationError(
            field, f"A password needs at least {MIN_PASSWORD} characters.", code="password_short"
        )
    if len(password) > 1000:
        raise ValidationError(field, "That password is too long.", code="too_long")
    return password


class StaffService(Service):
    def __init__(self, ctx: object, hasher: PasswordHasher) -> None:
        super().__init__(ctx)  # type: ignore[arg-type]
        self.hasher = hasher

    def all(self, *, include_inactive: bool = True) -> list[Staff]:
        where = "role != 'system'" + ("" if include_inactive else " AND active = 1")
        return [
            rows.to_record(Staff, r)
            for r in self.store.all(
                f"SELECT * FROM staff WHERE {where} ORDER BY full_name COLLATE NOCASE"
            )
        ]

    def get(self, staff_id: int) -> Staff:
        row = self.store.one("SELECT * FROM staff WHERE id = ?", (staff_id,))
        if row is None:
            raise NotFound(f"No staff member with id {staff_id}.")
        return rows.to_record(Staff, row)

    def system(self) -> Staff:
        row = self.store.one("SELECT * FROM staff WHERE role = 'system' ORDER BY id LIMIT 1")
        assert row is not None, "every office database has its system account"
        return rows.to_record(Staff, row)

    def has_admin(self) -> bool:
        return bool(
            self.store.scalar("SELECT count(*) FROM staff WHERE role = 'admin' AND active = 1")
        )

    def _validate(self, draft: StaffDraft, *, new: bool) -> dict[str, object]:
        c = Collector()
        username = (draft.username or "").strip().lower()
        if not 2 <= len(username) <= 40 or any(
            ch not in "abcdefghijklmnopqrstuvwxyz0123456789._-" for ch in username
        ):
            c.add(
                "username",
                "2–40 characters: letters a–z, digits, dot, dash or underscore.",
                "username",
            )
        values = {
            "username": username,
            "full_name": c.check(
                clean_text, draft.full_name, "full_name", required=True, max_length=120
            ),
            "initials": c.check(
                clean_text, (draft.initials or "").upper(), "initials", required=True, max_length=6
            ),
            "role": c.check(choice, Role, draft.role, "role"),
        }
        if values["role"] is Role.SYSTEM:
            c.add("role", "Choose admin, officer or viewer.", "choice")
        if new:
            c.check(check_password, draft.password)
        c.raise_if_any()
        return values

    def create(self, draft: StaffDraft, *, first_admin: bool = False) -> tuple[Staff, Changes]:
        """Admins add accounts. ``first_admin`` is the one exception: the welcome dialog creates
        the first admin of a new office database, and only while it has none."""
        if first_admin:
            if self.has_admin():
                raise ValidationError(
                    "username", "This office already has an administrator.", code="exists"
                )
            actor = self.system()
        else:
            actor = self.require_admin()
        values = self._validate(draft, new=True)
        if first_admin:
            values["role"] = Role.ADMIN
        stamp = self.now()
        with self.store.write() as conn:
            self._check_username_free(conn, values["username"])
            values["password_hash"] = self.hasher.hash(draft.password or "")
            staff_id = rows.insert(
                conn, "staff", values | {"created_at": stamp, "updated_at": stamp}
            )
            logged = {k: (None, v) for k, v in values.items() if k != "password_hash"}
            rows.audit(
                conn,
                at=stamp,
                staff_id=actor.id,
                entity="staff",
                entity_id=staff_id,
                action="create",
                changes=logged,
            )
        return self.get(staff_id), Changes.of(Entity.STAFF)

    def update(
        self, staff_id: int, draft: StaffDraft, expected_version: int
    ) -> tuple[Staff, Changes]:
        actor = self.require_admin()
        values = self._validate(draft, new=False)
        stamp = self.now()
        with self.store.write() as conn:
            old = rows.fetch(conn, "staff", staff_id, "staff member")
            if old["role"] == "system":
                raise ValidationError(
                    "username", "The system account cannot be edited.", code="system"
                )
            if values["username"] != old["username"]:
                self._check_username_free(conn, values["username"])
            if old["role"] == "admin" and values["role"] is not Role.ADMIN:
                self._keep_an_admin(conn, staff_id)
            changed = rows.diff(old, values)
            if changed:
                self._write(conn, staff_id, values, expected_version, stamp, actor.id, changed)
        return self.get(staff_id), Changes.of(Entity.STAFF)

    def set_active(self, staff_id: int, active: bool) -> tuple[Staff, Changes]:
        actor = self.require_admin()
        stamp = self.now()
        with self.store.write() as conn:
            old = rows.fetch(conn, "staff", staff_id, "staff member")
            if not active and old["role"] == "admin":
                self._keep_an_admin(conn, staff_id)
            if bool(old["active"]) != active:
                changed = {"active": (old["active"], int(active))}
                self._write(conn, staff_id, {"active": active}, None, stamp, actor.id, changed)
        return self.get(staff_id), Changes.of(Entity.STAFF)

    def set_password(
        self, staff_id: int, new_password: str, *, current_password: str | None = None
    ) -> None:
        """An admin resets anyone's password; others change their own, giving the current one."""
        actor = self.ctx.actor
        check_password(new_password, "new_password")
        stamp = self.now()
        with self.store.write() as conn:
            row = rows.fetch(conn, "staff", staff_id, "staff member")
            if not actor.is_admin:
                if actor.id != staff_id:
                    raise ValidationError(
                        "new_password", "You can only change your own password.", code="denied"
                    )
                if not self._verify(row["password_hash"], current_password or ""):
                    raise ValidationError(
                        "current_password", "The current password is wrong.", code="wrong"
                    )
            values = {"password_hash": self.hasher.hash(new_password), "failed_sign_ins": 0}
            hidden = {"password": ("(hidden)", "(changed)")}
            self._write(conn, staff_id, values, None, stamp, actor.id, hidden)

    def authenticate(self, username: str, password: str) -> Staff:
        """The signed-in staff member, or AuthenticationFailed (the same message whether the
        name or the password was wrong; a wait after repeated failures)."""
        stamp = self.now()
        now = self.ctx.clock.now()
        with self.store.write() as conn:
            row = conn.execute(
                "SELECT * FROM staff WHERE username = ? AND role != 'system'",
                ((username or "").strip().lower(),),
            ).fetchone()
            if row is None or not row["active"]:
                raise AuthenticationFailed("Wrong username or password.")
            wait = lockout_seconds(row["failed_sign_ins"])
            if wait and row["last_failed_at"]:
                left = wait - (now - parse_stamp(row["last_failed_at"])) / dt.timedelta(seconds=1)
                if left > 0:
                    raise AuthenticationFailed(
                        f"Too many wrong passwords. Try again in {int(left) + 1} seconds.",
                        code="locked_out",
                    )
            accepted = self._verify(row["password_hash"], password or "")
            if accepted:
                conn.execute(
                    "UPDATE staff SET failed_sign_ins = 0, last_sign_in_at = ? WHERE id = ?",
                    (stamp, row["id"]),
                )
            else:
                conn.execute(
                    "UPDATE staff SET failed_sign_ins = failed_sign_ins + 1, "
                    "last_failed_at = ? WHERE id = ?",
                    (stamp, row["id"]),
                )
            rows.audit(
                conn,
                at=stamp,
                staff_id=row["id"],
                entity="staff",
                entity_id=row["id"],
                action="sign_in" if accepted else "sign_in_failed",
            )
        if not accepted:  # raised after COMMIT, so the failure counts
            raise AuthenticationFailed("Wrong username or password.")
        staff = self.get(row["id"])
        self.ctx.actor = staff
        return staff

    def _verify(self, hashed: str | None, password: str) -> bool:
        if not hashed:
            return False
        try:
            return bool(self.hasher.verify(hashed, password))
        except (VerificationError, InvalidHashError):
            return False

    def _check_username_free(self, conn: sqlite3.Connection, username: object) -> None:
        if conn.execute("SELECT 1 FROM staff WHERE username = ?", (username,)).fetchone():
            raise ValidationError("username", "That username is taken.", code="username_taken")

    def _write(
        self,
        conn: sqlite3.Connection,
        staff_id: int,
        values: dict[str, object],
        version: int | None,
        stamp: str,
        actor_id: int,
        changes: Mapping[str, tuple[Any, Any]],
    ) -> None:
        """Update the account (at ``version`` when given) and audit ``changes`` as the actor's
        edit. Accounts keep no ``updated_by``, so not ``rows.update_audited``."""
        sets = ", ".join(f"{k} = ?" for k in values)
        params = [rows.db_value(v) for v in values.values()] + [stamp, staff_id]
        sql = f"UPDATE staff SET {sets}, updated_at = ?, version = version + 1 WHERE id = ?"
        if version is not None:
            sql += " AND version = ?"
            params.append(version)
        if conn.execute(sql, params).rowcount == 0:
            from liaison.errors import Conflict

            raise Conflict("Someone else changed this account meanwhile; reopen it.")
        rows.audit(
            conn,
            at=stamp,
            staff_id=actor_id,
            entity="staff",
            entity_id=staff_id,
            action="update",
            changes=changes,
        )

    def _keep_an_admin(self, conn: object, staff_id: int) -> None:
        others = conn.execute(  # type: ignore[attr-defined]
            "SELECT count(*) FROM staff WHERE role = 'admin' AND active = 1 AND id != ?",
            (staff_id,),
        ).fetchone()[0]
        if not others:
            raise ValidationError(
                "role", "The office needs at least one active administrator.", code="last_admin"
            )
