"""The reading that every kind with a list page shares (traders, inquiries, cases, follow-ups):
one record by id, a page of its list with sort and filters done in SQL, the list's count, and a
record's place in it. A service names its table, record types and list once, in a ``Listing``."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from liaison.db import rows
from liaison.db.positions import list_position
from liaison.db.queries import ListShape, Params, Where
from liaison.errors import NotFound
from liaison.models import ListQuery
from liaison.services.base import Service


@dataclass(frozen=True)
class Listing[R, L]:
    table: str  # "cases"
    noun: str  # as in "No case with id 5."
    record: type[R]  # the whole record (get)
    row: type[L]  # a row of the list (page)
    shape: ListShape
    where: Callable[[Mapping[str, object]], Where]  # the list's filters as SQL
    sql: Callable[..., tuple[str, Params]]  # the list's query: (query, *, count)


class ListedService[R, L](Service):
    listing: Listing[R, L]

    def get(self, record_id: int) -> R:
        row = self.store.one(f"SELECT * FROM {self.listing.table} WHERE id = ?", (record_id,))
        if row is None:
            raise NotFound(f"No {self.listing.noun} with id {record_id}.")
        return rows.to_record(self.listing.record, row)

    def page(self, query: ListQuery) -> list[L]:
        """One window of the list ``query`` describes: its sort, direction, filters and window."""
        sql, params = self.listing.sql(query, count=False)
        return rows.to_records(self.listing.row, self.store.all(sql, params))

    def count(self, query: ListQuery) -> int:
        sql, params = self.listing.sql(query, count=True)
        return int(self.store.scalar(sql, params))

    def position(self, query: ListQuery, record_id: int) -> int | None:
        """The row of a record in the list ``query`` describes (its order and filters), from 0;
        None when it is not in that list."""
        listing = self.listing
        return list_position(self.store, listing.shape, listing.where, query, record_id)


class ReferencedService[R, L](ListedService[R, L]):
    """A kind whose records also carry a reference number (``CASE-2026-000123``)."""

    def by_ref(self, ref: str) -> R:
        row = self.store.one(
            f"SELECT * FROM {self.listing.table} WHERE ref = ?", (ref.strip().upper(),)
        )
        if row is None:
            raise NotFound(f"No {self.listing.noun} {ref}.")
        return rows.to_record(self.listing.record, row)
