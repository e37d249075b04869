"""What every service shares: the store, the injected clock, the acting staff member, and the
guard that lets only staff who may edit change anything."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from liaison.clock import Clock, today, utc_stamp
from liaison.db.connection import Store
from liaison.errors import PermissionDenied, ValidationError, ValidationErrors
from liaison.models import Staff


@dataclass
class Context:
    """Built once by the Office; ``actor`` changes when someone signs in."""

    store: Store
    clock: Clock
    actor: Staff


class Service:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    @property
    def store(self) -> Store:
        return self.ctx.store

    def now(self) -> str:
        return utc_stamp(self.ctx.clock)

    def today(self) -> dt.date:
        return today(self.ctx.clock)

    def require_editor(self) -> Staff:
        actor = self.ctx.actor
        if not actor.can_edit:
            raise PermissionDenied("Your account can view records but not change them.")
        return actor

    def require_admin(self) -> Staff:
        actor = self.ctx.actor
        if not actor.is_admin:
            raise PermissionDenied("Only an administrator can do this.")
        return actor

    def stamps(self, actor: Staff, stamp: str) -> dict[str, Any]:
        return {
            "created_at": stamp,
            "created_by": actor.id,
            "updated_at": stamp,
            "updated_by": actor.id,
        }


class Collector:
    """Collects every field error of a form so the user sees them all at once."""

    def __init__(self) -> None:
        self.errors: list[ValidationError] = []

    def check[T](self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except ValidationError as exc:
            self.errors.append(exc)
            return None

    def add(self, field: str, message: str, code: str = "invalid") -> None:
        self.errors.append(ValidationError(field, message, code=code))

    def raise_if_any(self) -> None:
        if len(self.errors) == 1:
            raise self.errors[0]
        if self.errors:
            raise ValidationErrors(self.errors)


def choice[E](enum: type[E], value: str | None, field: str, *, required: bool = True) -> E | None:
    """A value of a closed vocabulary, or a ValidationError naming the field."""
    if value is None or str(value).strip() == "":
        if required:
            raise ValidationError(field, "Choose a value.", code="required")
        return None
    try:
        return enum(str(value).strip())  # type: ignore[call-arg]
    except ValueError:
        allowed = ", ".join(str(getattr(m, "value", m)) for m in enum)  # type: ignore[attr-defined]
        raise ValidationError(field, f"Not one of: {allowed}.", code="choice") from None


def whole_number(value: str | int | None, field: str, *, maximum: int = 10**9) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = int(str(value).replace(",", "").replace(" ", ""))
    except ValueError:
        raise ValidationError(field, "Write a whole number.", code="number") from None
    if number < 0 or number > maximum:
        raise ValidationError(field, f"Must be between 0 and {maximum:,}.", code="number_range")
    return number
