"""The demo office's data: repeatable for a seed and a day, valid by the services' own rules,
stages and clocks as the tracking service derives them, and something in every section of Today.
(Building it, refusing real offices and the command line: test_demo_build.py.)"""

from __future__ import annotations

import datetime as dt
import random
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import phonenumbers
import pytest
from stdnum import iso6346

from liaison.clock import FixedClock
from liaison.db.rows import db_value
from liaison.demo import DEMO_ACCOUNTS, create_demo_database
from liaison.demo import vocabulary as vocab
from liaison.demo.base import Dice, Weighted, check_digit
from liaison.models import CaseDraft, ContainerDraft, InquiryDraft, TraderDraft
from liaison.office import Office
from liaison.services.case_rules import (
    case_search_text,
    container_search_text,
    validate_case,
    validate_container,
)
from liaison.services.derivation import load_tariffs, recompute_case
from liaison.services.inquiries import inquiry_search_text, validate_inquiry
from liaison.services.traders import trader_search_text, validate_trader
from tests.conftest import NOW, fast_hasher

CASES = 200
TODAY = "2026-11-28"  # NOW in Kigali
DEMO_TABLES = (
    "traders",
    "cases",
    "containers",
    "milestones",
    "documents",
    "inquiries",
    "referrals",
    "followups",
    "notes",
    "counters",
)


def build(path: Path, clock: FixedClock, *, seed: int = 1, cases: int = CASES) -> Office:
    create_demo_database(path, cases=cases, seed=seed, clock=clock, hasher=fast_hasher())
    return Office.open(path, clock=clock, hasher=fast_hasher())


@pytest.fixture
def demo(tmp_path: Path, clock: FixedClock) -> Iterator[Office]:
    office = build(tmp_path / "demo.db", clock)
    yield office
    office.close()


def rows(office: Office, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
    return office.store.all(sql, params)


def dump(office: Office) -> dict[str, list[tuple[Any, ...]]]:
    """Everything the demo wrote; reference rows seeded at creation carry the wall clock, so
    only their content is compared."""
    data = {
        t: [tuple(r) for r in rows(office, f"SELECT * FROM {t} ORDER BY rowid")]
        for t in DEMO_TABLES
    }
    for name, sql in {
        "staff": "SELECT username, full_name, initials, role FROM staff ORDER BY id",
        "parties": "SELECT name, kind, country, contact_name, phone, email, rw_tin, ke_pin "
        "FROM parties ORDER BY id",
        "settings": "SELECT key, value FROM settings ORDER BY key",
        "audit": "SELECT at, staff_id, entity, action, field, new_value FROM audit_log "
        "WHERE reference = 'demo' ORDER BY id",
    }.items():
        data[name] = [tuple(r) for r in rows(office, sql)]
    return data


def schema(office: Office) -> set[tuple[str, str]]:
    return {
        (r[0], r[1])
        for r in rows(office, "SELECT name, sql FROM sqlite_schema WHERE sql IS NOT NULL")
    }


# -- repeatable ---------------------------------------------------------------------------------
def test_same_seed_and_day_give_the_same_office(tmp_path: Path, clock: FixedClock) -> None:
    first, second = build(tmp_path / "a.db", clock), build(tmp_path / "b.db", clock)
    other = build(tmp_path / "c.db", clock, seed=2)
    try:
        assert dump(first) == dump(second)
        changed = dump(other)
        for table in ("traders", "cases", "containers", "inquiries"):
            assert changed[table] != dump(first)[table]
    finally:
        for office in (first, second, other):
            office.close()


def test_dates_follow_the_office_clock(tmp_path: Path) -> None:
    """A demo built in February spans two years: each year's references start at 1 and the
    counters hold the highest number used, so real work continues the sequence."""
    later = FixedClock(dt.datetime(2027, 2, 15, 7, 0, tzinfo=dt.UTC))
    office = build(tmp_path / "d.db", later)
    try:
        opened = [r[0] for r in rows(office, "SELECT opened_on FROM cases")]
        assert max(opened) <= "2027-02-15" and min(opened) >= "2026-05-01"
        for name, prefix in (("case", "CASE"), ("inquiry", "INQ")):
            table = "cases" if name == "case" else "inquiries"
            for year in (2026, 2027):
                numbers = sorted(
                    int(r[0][-6:])
                    for r in rows(
                        office, f"SELECT ref FROM {table} WHERE ref LIKE ?", (f"{prefix}-{year}-%",)
                    )
                )
                assert numbers == list(range(1, len(numbers) + 1)) and numbers
                counter = office.store.scalar(
                    "SELECT last_value FROM counters WHERE name = ? AND year = ?", (name, year)
                )
                assert counter == numbers[-1]
        agenda = office.agenda.today()
        assert agenda.storage_expiring and agenda.auction_risk and agenda.overdue_followups
    finally:
        office.close()


# -- valid by the services' rules ---------------------------------------------------------------
def test_containers_pass_iso6346_or_carry_an_override_reason(demo: Office) -> None:
    boxes = rows(
        demo,
        "SELECT c.number, c.check_digit_override, s.name AS line FROM containers c "
        "JOIN cases k ON k.id = c.case_id JOIN shipping_lines s ON s.id = k.shipping_line_id",
    )
    assert len(boxes) >= 2 * CASES
    overridden = [b for b in boxes if b["check_digit_override"]]
    assert overridden, "the demo shows a box whose papers carry a wrong check digit"
    for box in boxes:
        valid = iso6346.is_valid(box["number"])
        assert valid == (box["check_digit_override"] is None), box["number"]
        assert iso6346.calc_check_digit(box["number"][:10]) != box["number"][10] or valid
        owners = vocab.LINES[box["line"]].owner_codes + vocab.LEASED_OWNER_CODES
        assert box["number"][:4] in owners
    assert len({b["number"] for b in boxes}) == len(boxes)
    per_case = [r[0] for r in rows(demo, "SELECT container_count FROM cases")]
    assert min(per_case) >= 1 and max(per_case) <= 6 and 2.5 <= sum(per_case) / len(per_case) <= 3.5


class _Drawn:
    """Dice draws given in advance."""

    def __init__(self, *draws: float) -> None:
        self.draws = list(draws)

    def random(self) -> float:
        return self.draws.pop(0)


def test_draws_span_their_whole_range_and_weights_fall_where_they_add_up() -> None:
    dice = Dice(1)
    dice.random = _Drawn(0.0, 0.9999999999999999, 0.5, 0.0, 0.9999999999999999).random
    assert [dice.between(-4, 4), dice.between(-4, 4), dice.between(1, 2)] == [-4, 4, 2]
    assert [dice.pick("abc"), dice.pick("abc")] == ["a", "c"]
    weighted = Weighted([("a", 1), ("b", 2), ("c", 1)])
    drawn = _Drawn(0.0, 0.2499, 0.25, 0.7499, 0.75, 0.9999999999999999, 1.0)
    assert [weighted.draw(drawn) for _ in range(7)] == ["a", "a", "b", "b", "c", "c", "c"]  # type: ignore[arg-type]
    # One seeded stream, drawn as documented: a demo stays the same from version to version.
    dice, mirror = Dice("same"), random.Random("same")
    for low, high in [(0, 9), (-4, 4), (1_000_000, 9_999_999), (3, 3)] * 500:
        assert dice.between(low, high) == low + int(mirror.random() * (high - low + 1))
        assert dice.chance(0.3) is (mirror.random() < 0.3)


def test_the_generators_check_digits_are_iso6346s() -> None:
    dice = random.Random(6346)
    owners = [c for line in vocab.LINES.values() for c in line.owner_codes]
    owners += [*vocab.LEASED_OWNER_CODES, "AAAU", "ZZZZ", "QQQJ"]
    for serial in [0, 999_999, *(dice.randrange(1_000_000) for _ in range(20_000))]:
        owner = dice.choice(owners)
        assert check_digit(owner, serial) == iso6346.calc_check_digit(f"{owner}{serial:06d}")


def test_traders_have_unique_tins_and_rwandan_e164_phones(demo: Office) -> None:
    traders = rows(demo, "SELECT * FROM traders")
    tins = [t["tin"] for t in traders if t["tin"]]
    assert len(tins) == len(set(tins)) and len(tins) >= 0.9 * len(traders) - 1
    assert all(re.fullmatch(r"1\d{8}", tin) for tin in tins)
    phones = [t[c] for t in traders for c in ("phone", "phone_alt", "whatsapp") if t[c]]
    for phone in phones:
        parsed = phonenumbers.parse(phone, None)
        assert phonenumbers.is_valid_number(parsed), phone
        assert phone == phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
        assert phone[:6] in ("+25078", "+25079", "+25072", "+25073")
    merged = [t for t in traders if t["status"] == "merged"]
    kept = {t["id"]: t for t in traders}
    assert all(kept[t["merged_into_id"]]["status"] != "merged" for t in merged)
    assert not rows(
        demo, "SELECT 1 FROM cases c JOIN traders t ON t.id = c.trader_id WHERE t.status = 'merged'"
    )
    assert {t["language"] for t in traders} >= {"en", "fr", "rw"}
    assert any("é" in t["legal_name"] or "'" in t["legal_name"] for t in traders)


def _same(stored: sqlite3.Row, values: dict[str, Any], skip: tuple[str, ...] = ()) -> None:
    for name, value in values.items():
        if name not in skip:
            assert stored[name] == db_value(value), (name, stored[name], value)


def test_rows_pass_the_services_validation_and_carry_their_search_keys(demo: Office) -> None:
    for t in rows(demo, "SELECT * FROM traders"):
        draft = TraderDraft(
            **{f: t[f] or "" for f in TraderDraft.__dataclass_fields__ if f != "vat_registered"},
            vat_registered=bool(t["vat_registered"]),
        )
        values = validate_trader(draft)
        _same(t, values)
        assert t["search_text"] == trader_search_text(values, t["code"])
    text_fields = [
        f
        for f in CaseDraft.__dataclass_fields__
        if f not in ("trader_id", "agent_id", "shipping_line_id", "assigned_to")
    ]
    for c in rows(demo, "SELECT * FROM cases"):
        draft = CaseDraft(
            trader_id=c["trader_id"],
            agent_id=c["agent_id"],
            shipping_line_id=c["shipping_line_id"],
            assigned_to=c["assigned_to"],
            **{f: "" if c[f] is None else c[f] for f in text_fields},
        )
        values = validate_case(draft)
        _same(c, values)
        assert c["search_text"] == case_search_text(values, c["ref"])
    for b in rows(demo, "SELECT * FROM containers"):
        fields = (
            "number",
            "check_digit_override",
            "size_type",
            "seal_no",
            "eseal_no",
            "gross_weight_kg",
        )
        values = validate_container(ContainerDraft(**{f: b[f] or "" for f in fields}))
        _same(b, values)
        assert b["search_text"] == container_search_text(values)
    for i in rows(demo, "SELECT * FROM inquiries"):
        fields = ("subject", "channel", "category", "description", "priority", "contact_name")
        draft = InquiryDraft(
            i["trader_id"],
            **{f: i[f] or "" for f in fields},
            assigned_to=i["assigned_to"],
            case_id=i["case_id"],
            due_on=i["due_on"],
        )
        values = validate_inquiry(draft)
        _same(i, values, skip=("received_on",))
        assert i["search_text"] == inquiry_search_text(values, i["ref"])


def test_status_columns_tell_one_story(demo: Office) -> None:
    now = NOW.strftime("%Y-%m-%dT%H:%M:%SZ")
    for i in rows(demo, "SELECT * FROM inquiries"):
        stamps = [i["received_at"], i["first_response_at"], i["resolved_at"], i["closed_at"]]
        present = [s for s in stamps if s]
        assert present == sorted(present) and present[-1] <= now, i["ref"]
        assert (i["first_response_at"] is None) == (i["status"] == "NEW")
        assert (i["resolved_at"] is not None) == (i["status"] in ("RESOLVED", "CLOSED"))
        assert (i["closed_at"] is not None) == (i["status"] == "CLOSED")
        assert bool(i["resolution"]) == (i["status"] in ("RESOLVED", "CLOSED"))
    for f in rows(demo, "SELECT * FROM followups"):
        assert (f["done_at"] is not None) == (f["status"] == "DONE")
        assert bool(f["outcome"]) == (f["status"] != "PENDING")
    for r in rows(demo, "SELECT * FROM referrals"):
        assert (r["responded_on"] is not None) == (r["status"] == "ANSWERED")
    assert not rows(demo, "SELECT 1 FROM milestones WHERE occurred_on > ?", (TODAY,))
    for table in ("traders", "cases", "milestones", "documents", "notes", "followups"):
        assert office_max(demo, table) <= now
    closed = rows(demo, "SELECT * FROM cases WHERE status IN ('COMPLETED', 'CANCELLED')")
    assert closed and all(c["opened_on"] <= c["closed_on"] <= TODAY for c in closed)


def office_max(office: Office, table: str) -> str:
    return str(office.store.scalar(f"SELECT max(max(created_at), max(updated_at)) FROM {table}"))


# -- derived, live, healthy ---------------------------------------------------------------------
def test_stages_and_clocks_are_what_the_tracking_service_derives(demo: Office) -> None:
    def derived() -> list[tuple[Any, ...]]:
        return [
            tuple(r)
            for r in rows(
                demo,
                "SELECT k.*, c.stage AS case_stage, c.stage_on AS case_stage_on, "
                "c.container_count FROM containers k JOIN cases c ON c.id = k.case_id ORDER BY k.id",
            )
        ]

    before = derived()
    with demo.store.write() as conn:
        tariffs = load_tariffs(conn)
        for (case_id,) in conn.execute("SELECT id FROM cases").fetchall():
            recompute_case(conn, case_id, tariffs)
    assert derived() == before
    stages = dict(rows(demo, "SELECT stage, count(*) FROM cases GROUP BY stage"))
    statuses = dict(rows(demo, "SELECT status, count(*) FROM cases GROUP BY status"))
    assert len(stages) >= 8, "cases are spread along the corridor"
    assert 0.4 * CASES <= statuses["COMPLETED"] <= 0.9 * CASES and statuses["OPEN"] >= 0.1 * CASES


def test_today_has_something_in_every_section(demo: Office) -> None:
    agenda = demo.agenda.today()
    assert agenda.overdue_followups and agenda.due_today_followups
    assert agenda.unanswered_inquiries and agenda.overdue_referrals
    assert agenda.storage_expiring and agenda.auction_risk
    today = dt.date(2026, 11, 28)
    assert any(
        today <= item.due <= today + dt.timedelta(days=3)
        for item in agenda.storage_expiring
        if item.due
    )


def test_real_work_continues_the_sequences(demo: Office) -> None:
    last_case = demo.store.scalar("SELECT max(ref) FROM cases WHERE ref LIKE 'CASE-2026-%'")
    last_code = demo.store.scalar("SELECT max(code) FROM traders")
    trader, _ = demo.traders.create(TraderDraft("Nouvelle Société SARL", tin="100000001"))
    case, _ = demo.cases.create(CaseDraft(trader.id, "MAEU299999999"))
    assert int(trader.code[-6:]) == int(last_code[-6:]) + 1
    assert int(case.ref[-6:]) == int(last_case[-6:]) + 1


def test_demo_is_marked_and_its_sign_ins_work(demo: Office) -> None:
    assert demo.settings.is_demo()
    assert "DEMO" in demo.settings.get("office_name")
    for username, password, role in DEMO_ACCOUNTS:
        assert demo.sign_in(username, password).role == role
    officers = rows(demo, "SELECT count(*) FROM staff WHERE role = 'officer'")[0][0]
    assert officers >= 4
    assigned = rows(demo, "SELECT count(DISTINCT assigned_to) FROM cases")[0][0]
    assert assigned >= 4
