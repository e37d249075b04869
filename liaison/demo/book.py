"""The office's work, made and written: the work about a run of cases is made beside the cases'
rows (``work_for_cases``, in a worker process for a large demo), the work about no case here
(``loose_work``); ``WorkWriter`` writes each at once except the inquiries and what hangs on them,
which wait until all are made, to be numbered in order of receipt."""

from __future__ import annotations

from collections.abc import Sequence

from liaison.demo.base import Bulk
from liaison.demo.clearance import CaseInfo
from liaison.demo.tasks import (
    FOLLOWUP_COLUMNS,
    NOTE_COLUMNS,
    case_tasks,
    inquiry_tasks,
    trader_tasks,
)
from liaison.demo.work import (
    INQUIRY_COLUMNS,
    MADE_INQUIRY,
    REFERRAL_COLUMNS,
    Row,
    WorkMaker,
    WorkRows,
)
from liaison.services.inquiries import inquiry_search_text

_SEARCHED_AT = INQUIRY_COLUMNS.index("search_text") - 2  # in a made row, after id and ref
_RECEIVED, _TRADER = MADE_INQUIRY.index("received_at"), MADE_INQUIRY.index("trader_id")
_SUBJECT, _DESCRIPTION = MADE_INQUIRY.index("subject"), MADE_INQUIRY.index("description")
_CONTACT = MADE_INQUIRY.index("contact_name")


def work_for_cases(maker: WorkMaker, cases: Sequence[CaseInfo]) -> WorkRows:
    """The work about ``cases``: the questions asked about them and their referrals, follow-ups
    and notes, the cases' own referrals, follow-ups and notes."""
    out = WorkRows()
    plans = maker.plan_case_inquiries(cases)
    maker.inquiries(plans, out)
    maker.case_referrals(cases, out)
    case_tasks(maker, cases, out)
    inquiry_tasks(maker, plans, out)
    return out


def loose_work(
    maker: WorkMaker, traders: Sequence[tuple[int, str, int]], questions: int
) -> WorkRows:
    """``questions`` inquiries about no case and what hangs on them, and the traders' own
    follow-ups and notes (``traders``: id, status and registration day, by index)."""
    out = WorkRows()
    plans = maker.plan_loose_inquiries(traders, questions)
    maker.inquiries(plans, out)
    inquiry_tasks(maker, plans, out)
    trader_tasks(maker, traders, out)
    return out


class WorkWriter:
    """Writes the work: rows owned by cases or traders at once; the inquiries, and the rows that
    hang on them, once all are made (``write_inquiries``), with ids and references in order of
    receipt."""

    def __init__(self, bulk: Bulk) -> None:
        self.bulk = bulk
        self.book = WorkRows()

    def add(self, work: WorkRows) -> None:
        bulk, book = self.bulk, self.book
        bulk.insert("referrals", REFERRAL_COLUMNS, work.referrals)
        bulk.insert("followups", FOLLOWUP_COLUMNS, work.followups)
        bulk.insert("notes", NOTE_COLUMNS, work.notes)
        base = len(book.inquiries)
        book.inquiries += work.inquiries
        for mine, made in (
            (book.inquiry_referrals, work.inquiry_referrals),
            (book.inquiry_followups, work.inquiry_followups),
            (book.inquiry_notes, work.inquiry_notes),
        ):
            mine += [(None, base + row[1], *row[2:]) for row in made] if base else made

    def write_inquiries(self) -> None:
        bulk, book = self.bulk, self.book
        made = book.inquiries
        order = sorted(range(len(made)), key=lambda i: (made[i][_RECEIVED], made[i][_TRADER], i))
        first_id = bulk.next_id("inquiries")
        ids = [0] * len(made)
        serials: dict[int, int] = {}
        rows: list[Row] = []
        for position, index in enumerate(order):
            row = made[index]
            year = int(row[_RECEIVED][:4])
            if year not in serials:
                serials[year] = bulk.counter("inquiry", year)
            serials[year] += 1
            ids[index] = inquiry_id = first_id + position
            ref = f"INQ-{year}-{serials[year]:06d}"
            values = {
                "subject": row[_SUBJECT],
                "description": row[_DESCRIPTION],
                "contact_name": row[_CONTACT],
            }
            search = inquiry_search_text(values, ref)
            rows.append((inquiry_id, ref, *row[:_SEARCHED_AT], search, *row[_SEARCHED_AT:]))
        bulk.insert("inquiries", INQUIRY_COLUMNS, rows)
        for year, last in serials.items():
            bulk.set_counter("inquiry", year, last)
        for table, columns, hanging in (
            ("referrals", REFERRAL_COLUMNS, book.inquiry_referrals),
            ("followups", FOLLOWUP_COLUMNS, book.inquiry_followups),
            ("notes", NOTE_COLUMNS, book.inquiry_notes),
        ):
            bulk.insert(table, columns, [(None, ids[r[1]], *r[2:]) for r in hanging])
