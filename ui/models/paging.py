"""What the lazy list model leans on besides Qt: what a list source offers, what reading a page
cost at which depth (so that the next page is read at once when that is cheap, or else when the
scrolling pauses), a cell's text matched the way Qt's ``match`` flags ask, and filters cleaned
of empty choices."""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from typing import Any, Protocol, runtime_checkable

from PySide6.QtCore import Qt

from liaison.models import ListQuery

MatchFlag = Qt.MatchFlag


class ListSource(Protocol):
    """What a list service offers (traders, inquiries, cases, follow-ups, letters)."""

    def page(self, query: ListQuery) -> list[Any]: ...

    def count(self, query: ListQuery) -> int: ...


@runtime_checkable
class Positions(Protocol):
    """A list service that can also say where a record stands in a list (its row, counted in
    SQL) without reading the rows before it: ``None`` when the record is not in that list."""

    def position(self, query: ListQuery, record_id: int) -> int | None: ...


class PageCosts:
    """Page reads in the current order: (depth, milliseconds), where the depth is how many rows
    lie between the page and the nearer end of the list. Reading is taken for quick near either
    end, or no deeper than a page read quickly before, or deeper in proportion (a deep ``OFFSET``
    costs about in proportion to its depth, and less where an index answers the order)."""

    def __init__(self, near_rows: int, quick_ms: float, floor: int) -> None:
        self.near_rows = max(0, near_rows)
        self.quick_ms = quick_ms
        self.floor = max(1, floor)  # the depth a page near an end is counted at
        self._seen: deque[tuple[int, float]] = deque(maxlen=32)

    def clear(self) -> None:
        self._seen.clear()

    def note(self, depth: int, ms: float) -> None:
        self._seen.append((max(depth, self.floor), ms))

    def quick(self, depth: int) -> bool:
        if depth < self.near_rows:
            return True
        return any(ms * max(depth, seen) / seen < self.quick_ms for seen, ms in self._seen)


def text_matches(shown: Any, value: Any, flags: MatchFlag) -> bool:
    """Whether a cell's data matches ``value`` as ``flags`` say (starts with, contains, ends with,
    or equals; regular expressions and wildcards are taken as "starts with")."""
    if shown is None:
        return False
    sensitive = bool(flags & MatchFlag.MatchCaseSensitive)
    candidate = str(shown) if sensitive else str(shown).casefold()
    wanted = str(value) if sensitive else str(value).casefold()
    kind = MatchFlag(flags.value & 0x0F)
    if kind == MatchFlag.MatchContains:
        return wanted in candidate
    if kind == MatchFlag.MatchEndsWith:
        return candidate.endswith(wanted)
    if kind in (MatchFlag.MatchExactly, MatchFlag.MatchFixedString):
        return candidate == wanted
    return candidate.startswith(wanted)


def cleaned(filters: Mapping[str, object]) -> dict[str, object]:
    """An empty choice ("any", "all") is no filter at all, not a filter for the empty value."""
    return {key: value for key, value in filters.items() if value is not None and value != ""}
