"""The letters registry finds any letter's place in its list (order and filters) in SQL, as the
other lists do: the place equals the letter's index in the plain ordered query, for every sort,
both directions and the registry's filters; a letter the filters leave out has none."""

from __future__ import annotations

from liaison.letters import store
from liaison.models import ListQuery
from liaison.office import Office
from tests.core import letter_cases as lc


def plain_ids(office: Office, sort: str, descending: bool, filters: dict[str, object]) -> list[int]:
    shape = store.LETTERS
    direction = "DESC" if descending else "ASC"
    order = ", ".join(f"{part} {direction}" for part in shape.sorts[sort].split(","))
    where, params = store.letter_where(filters)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    sql = f"SELECT {shape.key} FROM {shape.table} {shape.joins} {clause} ORDER BY {order}"
    return [row[0] for row in office.store.conn.execute(sql, params)]


def test_a_letters_place_is_its_index_in_the_plain_ordered_query(office: Office) -> None:
    owners = [
        lc.trader(office),
        lc.trader(office, "agri exports ltd", tin="104567890", language="en"),
        lc.trader(office, "Agri Exports Ltd", tin="105678901", language="en"),  # a case-only tie
    ]
    issued = []
    for n, owner in enumerate(owners):
        record = lc.storage_case(office, owner)
        for kind in ("CARGO_STATUS", "STORAGE_WARNING", "CARGO_STATUS"):
            letter, _ = office.letters.issue(kind, case_id=record.id, language=("en", "fr")[n % 2])
            issued.append(letter)
    first = office.letters.get(issued[0].id)
    office.letters.void(first.id, "Sent to the wrong address", first.version)
    ids = [letter.id for letter in issued]
    queries = [{}, {"status": "ISSUED"}, {"kind": "STORAGE_WARNING"}, {"text": "agri"}]
    checked = outside = 0
    for filters in queries:
        for sort in store.LETTERS.sorts:
            for descending in (False, True):
                expected = plain_ids(office, sort, descending, filters)
                query = ListQuery(filters=filters, sort=sort, descending=descending)
                assert office.letters.count(query) == len(expected)
                assert [r.id for r in office.letters.page(query)] == expected
                for letter_id in [*ids, max(ids) + 1]:
                    place = office.letters.position(query, letter_id)
                    wanted = expected.index(letter_id) if letter_id in expected else None
                    assert place == wanted, (filters, sort, descending, letter_id)
                    checked += 1
                    outside += place is None
    assert 0 < outside < checked
