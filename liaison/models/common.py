"""Shapes shared by every area: the Changes summary, list queries and pages, audit entries."""

from __future__ import annotations

from dataclasses import dataclass, field

from liaison.enums import Entity


@dataclass(frozen=True, slots=True)
class Changes:
    """What a use case changed: the UI reloads only what these flags name."""

    entities: frozenset[Entity] = frozenset()
    ids: tuple[tuple[Entity, int], ...] = ()

    @staticmethod
    def of(*entities: Entity, ids: tuple[tuple[Entity, int], ...] = ()) -> Changes:
        return Changes(frozenset(entities), ids)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.entities | other.entities, self.ids + other.ids)

    def touches(self, *entities: Entity) -> bool:
        return bool(self.entities.intersection(entities))

    def __bool__(self) -> bool:
        return bool(self.entities)


@dataclass(frozen=True, slots=True)
class ListQuery:
    """A list request: filters by name, one sort column, a window of rows. All done in SQL."""

    filters: dict[str, object] = field(default_factory=dict)
    sort: str = "id"
    descending: bool = True
    offset: int = 0
    limit: int = 200


@dataclass(frozen=True, slots=True)
class Page[T]:
    rows: list[T]
    offset: int


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    at: str
    staff_id: int
    staff_name: str
    entity: str
    entity_id: int | None
    action: str
    field: str | None
    old_value: str | None
    new_value: str | None
    reference: str | None


@dataclass(frozen=True, slots=True)
class SearchHit:
    kind: Entity  # TRADERS, INQUIRIES, CASES or CONTAINERS
    id: int
    title: str  # the reference or name to show first
    detail: str  # a second line: trader, B/L, status…
    case_id: int | None = None  # for a container: the case to open
