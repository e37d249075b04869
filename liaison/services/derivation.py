"""Derived state of a case: each box's stage, event dates and clocks, and the case's stage,
worked out from its (non-voided) milestones and the tariffs in force. Never typed by anyone.

Shared by the tracking and case services, tariff changes (recompute every affected case), the
importer and the demo generator, so every path derives the same way.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from operator import itemgetter
from typing import Any

from liaison.db import rows
from liaison.enums import InlandMode
from liaison.errors import ValidationError
from liaison.models import Tariff
from liaison.rules.clocks import clocks_from
from liaison.rules.stages import LEFT_KPA_CUSTODY, Milestone, furthest, slowest
from liaison.services.case_rules import container_search_text

M = Milestone


def insert_container(
    conn: sqlite3.Connection,
    case_id: int,
    values: dict[str, Any],
    staff_id: int,
    stamp: str,
    ref: str,
) -> int:
    if conn.execute(
        "SELECT 1 FROM containers WHERE case_id = ? AND number = ?", (case_id, values["number"])
    ).fetchone():
        raise ValidationError(
            "number", f"{values['number']} is already on this case.", code="duplicate"
        )
    record = {"case_id": case_id, **values, "search_text": container_search_text(values)}
    return rows.insert_audited(
        conn,
        "containers",
        record,
        stamp=stamp,
        staff_id=staff_id,
        changes={k: (None, v) for k, v in values.items() if v},
        reference=ref,
    )


def load_tariffs(conn: sqlite3.Connection) -> list[Tariff]:
    return rows.to_records(Tariff, conn.execute("SELECT * FROM tariffs").fetchall())


def recompute_case(
    conn: sqlite3.Connection, case_id: int, tariffs: list[Tariff] | None = None
) -> None:
    """Derive each box's stage, event dates and clocks, and the case's stage, from the milestones
    (never typed). Writes only derived columns, so no audit rows and no version bump."""
    case = conn.execute(
        "SELECT inland_mode, shipping_line_id FROM cases WHERE id = ?", (case_id,)
    ).fetchone()
    events = conn.execute(
        "SELECT container_id, code, occurred_on FROM milestones WHERE case_id = ? "
        "AND voided_at IS NULL ORDER BY occurred_on, id",
        (case_id,),
    ).fetchall()
    boxes = conn.execute("SELECT id FROM containers WHERE case_id = ?", (case_id,)).fetchall()
    tariffs = load_tariffs(conn) if tariffs is None else tariffs
    stages: list[Milestone | None] = []
    for (box_id,) in boxes:
        mine = [
            (Milestone(ev["code"]), dt.date.fromisoformat(ev["occurred_on"]))
            for ev in events
            if ev["container_id"] in (None, box_id)
        ]
        derived = derive_box(
            mine, tariffs, InlandMode(case["inland_mode"]), case["shipping_line_id"]
        )
        stages.append(derived["stage"])
        conn.execute(
            "UPDATE containers SET " + ", ".join(f"{k} = ?" for k in derived) + " WHERE id = ?",
            [rows.db_value(v) for v in derived.values()] + [box_id],
        )
    case_events = [
        (Milestone(ev["code"]), dt.date.fromisoformat(ev["occurred_on"])) for ev in events
    ]
    stage = slowest(stages) if boxes else furthest([code for code, _ in case_events])
    stage_on = max((day for code, day in case_events if code == stage), default=None)
    conn.execute(
        "UPDATE cases SET stage = ?, stage_on = ?, container_count = ? WHERE id = ?",
        (rows.db_value(stage), rows.db_value(stage_on), len(boxes), case_id),
    )


_DAY = itemgetter(1)


def derive_box(
    events: list[tuple[Milestone, dt.date]],
    tariffs: list[Tariff],
    mode: InlandMode,
    line_id: int | None,
) -> dict[str, Any]:
    """One box's stage (the furthest of its milestones) and the day it was reached, the first
    day of each milestone the clocks and the lists show, and its clocks from the tariffs."""
    stage = furthest([code for code, _ in events])
    # Each milestone's first and last day, from the events in date order.
    by_day = sorted(events, key=_DAY)
    first = dict(reversed(by_day))
    gone = [day for code in LEFT_KPA_CUSTODY if (day := first.get(code)) is not None]
    discharged_on = first.get(M.DISCHARGED)
    clocks = clocks_from(discharged_on, tariffs, inland_mode=mode, shipping_line_id=line_id)
    return {
        "stage": stage,
        "stage_on": None if stage is None else dict(by_day).get(stage),
        "discharged_on": discharged_on,
        "released_on": first.get(M.CUSTOMS_RELEASED),
        "left_custody_on": min(gone) if gone else None,
        "delivered_on": first.get(M.DELIVERED),
        "empty_returned_on": first.get(M.EMPTY_RETURNED),
        "kpa_free_days": clocks.kpa_free_days,
        "kpa_free_until": clocks.kpa_free_until,
        "line_free_days": clocks.line_free_days,
        "line_free_until": clocks.line_free_until,
        "auction_on": clocks.auction_on,
    }
