"""Today: what needs someone's attention on the office's calendar date.

Sections: pending follow-ups overdue and due today; new inquiries nobody has answered yet;
referrals whose response is late; boxes still in KPA custody whose free storage ends within the
warning window (or has ended, while the box is not yet past the auction threshold); and boxes in
custody, not released by customs, on or past the auction threshold.

Each section is one indexed query with a cap (``SECTION_LIMIT``), so Today stays fast on a
database of hundreds of thousands of containers: the container sections walk the partial indexes
``containers_kpa_free_until`` and ``containers_auction_on``. Every section names its index with
``INDEXED BY``: a missing index is an error rather than a silent full scan, and the plan does not
change when ``ANALYZE`` statistics appear (with them, the planner preferred walking all inquiries
by date to sorting the few new ones).

"Mine" (``staff_id``) keeps the work assigned to that person or to nobody (unassigned work is
everyone's): follow-ups and inquiries by their assignee, containers by their case's assignee,
referrals by who sent them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from liaison.clock import today as office_today
from liaison.enums import Entity
from liaison.models import Agenda, AgendaItem
from liaison.rules.clocks import AUCTION_THRESHOLD_DAYS
from liaison.services.base import Context
from liaison.services.settings import SettingsService

SECTION_LIMIT = 200
Query = tuple[str, list[Any]]

# The owner of a follow-up or referral (alias x): its reference, trader name and trader id.
_OWNER_JOINS = (
    "LEFT JOIN traders t ON t.id = x.trader_id "
    "LEFT JOIN inquiries i ON i.id = x.inquiry_id "
    "LEFT JOIN cases c ON c.id = x.case_id "
    "LEFT JOIN traders tt ON tt.id = COALESCE(x.trader_id, i.trader_id, c.trader_id)"
)
_OWNER_COLUMNS = (
    "x.trader_id, x.inquiry_id, x.case_id, COALESCE(c.ref, i.ref, t.code) AS owner_ref, "
    "tt.legal_name AS owner_name, tt.id AS owner_trader_id"
)
_FOLLOWUPS = (
    f"SELECT x.id, x.title, x.due_on, {_OWNER_COLUMNS} "
    f"FROM followups x INDEXED BY followups_status_due {_OWNER_JOINS} "
    "WHERE x.status = 'PENDING' AND x.due_on {op} ?{mine} "
    "ORDER BY x.due_on, x.due_time, x.id LIMIT ?"
)
_INQUIRIES = (
    "SELECT i.id, i.ref, i.subject, i.due_on, i.trader_id, i.case_id, t.legal_name AS trader_name "
    "FROM inquiries i INDEXED BY inquiries_status_due JOIN traders t ON t.id = i.trader_id "
    "WHERE i.status = 'NEW' AND i.first_response_at IS NULL{mine} "
    "ORDER BY i.received_at, i.id LIMIT ?"
)
_REFERRALS = (
    f"SELECT x.id, x.response_due_on, x.their_reference, p.name AS party_name, {_OWNER_COLUMNS} "
    "FROM referrals x INDEXED BY referrals_open_due JOIN parties p ON p.id = x.party_id "
    f"{_OWNER_JOINS} "
    "WHERE x.status IN ('SENT', 'ACKNOWLEDGED') AND x.response_due_on < ?{mine} "
    "ORDER BY x.response_due_on, x.id LIMIT ?"
)
_BOX_COLUMNS = (
    "SELECT b.id, b.number, b.case_id, b.kpa_free_until, b.auction_on, c.ref AS case_ref, "
    "c.bl_number, c.trader_id, t.legal_name AS trader_name FROM containers b INDEXED BY {index} "
    "JOIN cases c ON c.id = b.case_id JOIN traders t ON t.id = c.trader_id "
)
_STORAGE = (
    _BOX_COLUMNS.format(index="containers_kpa_free_until")
    + "WHERE b.left_custody_on IS NULL AND b.kpa_free_until IS NOT NULL "
    "AND b.kpa_free_until BETWEEN ? AND ? AND (b.auction_on IS NULL OR b.auction_on > ?) "
    "AND c.status != 'CANCELLED'{mine} ORDER BY b.kpa_free_until, b.id LIMIT ?"
)
_AUCTION = (
    _BOX_COLUMNS.format(index="containers_auction_on")
    + "WHERE b.left_custody_on IS NULL AND b.released_on IS NULL AND b.auction_on IS NOT NULL "
    "AND b.auction_on <= ? AND c.status != 'CANCELLED'{mine} ORDER BY b.auction_on, b.id LIMIT ?"
)


def section_queries(
    today: dt.date,
    *,
    staff_id: int | None = None,
    warning_days: int = 3,
    auction_days: int = AUCTION_THRESHOLD_DAYS,
    min_free_days: int = 0,
    limit: int = SECTION_LIMIT,
) -> dict[str, Query]:
    """The SQL and parameters of each section (public so a test can read their query plans)."""
    day = today.isoformat()

    def mine(column: str) -> tuple[str, list[Any]]:
        if staff_id is None:
            return "", []
        return f" AND ({column} = ? OR {column} IS NULL)", [staff_id]

    f_mine, f_args = mine("x.assigned_to")
    i_mine, i_args = mine("i.assigned_to")
    r_mine, r_args = mine("x.created_by")
    c_mine, c_args = mine("c.assigned_to")
    horizon = (today + dt.timedelta(days=warning_days)).isoformat()
    # Only a bound for the index walk (the auction_on test decides): a box not yet at its
    # auction date was discharged at most ``auction_days - 1`` days ago, and its free storage
    # ends ``free_days - 1`` days after discharge, free_days being at least the smallest of any
    # KPA rule. Without it the walk would wade through every stale box still marked in custody.
    earliest = (today - dt.timedelta(days=auction_days - min_free_days)).isoformat()
    return {
        "overdue_followups": (
            _FOLLOWUPS.format(op="<", mine=f_mine),
            [day, *f_args, limit],
        ),
        "due_today_followups": (
            _FOLLOWUPS.format(op="=", mine=f_mine),
            [day, *f_args, limit],
        ),
        "unanswered_inquiries": (_INQUIRIES.format(mine=i_mine), [*i_args, limit]),
        "overdue_referrals": (_REFERRALS.format(mine=r_mine), [day, *r_args, limit]),
        "storage_expiring": (
            _STORAGE.format(mine=c_mine),
            [earliest, horizon, day, *c_args, limit],
        ),
        "auction_risk": (_AUCTION.format(mine=c_mine), [day, *c_args, limit]),
    }


def _days(today: dt.date, due: dt.date) -> int:
    """Days past ``due`` (> 0), or left before it (<= 0)."""
    return (today - due).days


def _owned_item(
    kind: Entity, row: Any, title: str, detail: str, due_text: str, today: dt.date
) -> AgendaItem:
    """A follow-up or referral line: it opens its owner (trader, inquiry or case)."""
    due = dt.date.fromisoformat(due_text)
    return AgendaItem(
        kind=kind,
        record_id=row["id"],
        ref=row["owner_ref"] or "",
        title=title,
        detail=detail,
        due=due,
        days=_days(today, due),
        case_id=row["case_id"],
        inquiry_id=row["inquiry_id"],
        trader_id=row["owner_trader_id"],
    )


class AgendaService:
    """Read-only; anyone signed in may see Today."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.settings = SettingsService(ctx)
        # Other areas add a line to Today's warnings (e.g. "no backup for 3 days") through these.
        self.warning_sources: list[Callable[[], str | None]] = []

    def queries(self, day: dt.date, *, staff_id: int | None = None) -> dict[str, Query]:
        """The section queries ``today`` runs, with the office's settings."""
        settings = self.settings.all()
        return section_queries(
            day,
            staff_id=staff_id,
            warning_days=int(settings["storage_warning_days"]),
            # The longer of the rule's threshold and the office's setting, so the bound holds.
            auction_days=max(AUCTION_THRESHOLD_DAYS, int(settings["auction_threshold_days"])),
            min_free_days=int(
                self.ctx.store.scalar(
                    "SELECT coalesce(min(free_days), 0) FROM tariffs "
                    "WHERE kind = 'kpa_free_storage'"
                )
            ),
        )

    def today(self, *, staff_id: int | None = None) -> Agenda:
        """Today's agenda for the whole office, or for one staff member ("mine")."""
        day = office_today(self.ctx.clock)
        queries = self.queries(day, staff_id=staff_id)
        found = {name: self.ctx.store.all(sql, params) for name, (sql, params) in queries.items()}

        def followup(row: Any) -> AgendaItem:
            return _owned_item(
                Entity.FOLLOWUPS, row, row["title"], row["owner_name"] or "", row["due_on"], day
            )

        def referral(row: Any) -> AgendaItem:
            detail = " · ".join(p for p in (row["owner_name"], row["their_reference"]) if p)
            return _owned_item(
                Entity.REFERRALS, row, row["party_name"], detail, row["response_due_on"], day
            )

        def inquiry(row: Any) -> AgendaItem:
            due = dt.date.fromisoformat(row["due_on"])
            return AgendaItem(
                kind=Entity.INQUIRIES,
                record_id=row["id"],
                ref=row["ref"],
                title=row["subject"],
                detail=row["trader_name"],
                due=due,
                days=_days(day, due),
                case_id=row["case_id"],
                inquiry_id=row["id"],
                trader_id=row["trader_id"],
            )

        def box(column: str) -> Callable[[Any], AgendaItem]:
            def make(row: Any) -> AgendaItem:
                due = dt.date.fromisoformat(row[column])
                return AgendaItem(
                    kind=Entity.CONTAINERS,
                    record_id=row["id"],
                    ref=row["number"],
                    title=row["trader_name"],
                    detail=f"{row['case_ref']} · {row['bl_number']}",
                    due=due,
                    days=_days(day, due),
                    case_id=row["case_id"],
                    trader_id=row["trader_id"],
                )

            return make

        warnings = [text for text in (source() for source in self.warning_sources) if text]
        return Agenda(
            today=day,
            overdue_followups=[followup(r) for r in found["overdue_followups"]],
            due_today_followups=[followup(r) for r in found["due_today_followups"]],
            unanswered_inquiries=[inquiry(r) for r in found["unanswered_inquiries"]],
            overdue_referrals=[referral(r) for r in found["overdue_referrals"]],
            storage_expiring=[box("kpa_free_until")(r) for r in found["storage_expiring"]],
            auction_risk=[box("auction_on")(r) for r in found["auction_risk"]],
            warnings=warnings,
        )
