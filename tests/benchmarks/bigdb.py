"""A large office database for the benchmarks, cached between runs.

``liaison.demo.build_demo`` fills it; should the generator be missing or fail, ``fill_directly``
writes plausible rows straight into the tables (one transaction, ``executemany``), with the search
texts built by the services' own functions so that search sees what real use would store.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import random
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from stdnum import iso6346

import liaison
from liaison.clock import FixedClock
from liaison.db.migrations import known_migration_names
from liaison.errors import LiaisonError
from liaison.office import Office
from liaison.rules.identifiers import identifier_key
from liaison.rules.text import search_key
from liaison.services.case_rules import case_search_text, container_search_text
from liaison.services.traders import trader_search_text
from tests.conftest import fast_hasher

NOW = dt.datetime(2026, 11, 28, 7, 0, tzinfo=dt.UTC)
STAMP = "2026-11-28T07:00:00Z"
CACHE_VERSION = "1"

PEOPLE = [
    "Mugisha",
    "Uwase",
    "Niyonzima",
    "Habimana",
    "Nyiramana",
    "Mukamana",
    "Hakizimana",
    "Ndayisaba",
    "Uwimana",
    "Bizimana",
    "Nsengimana",
    "Karenzi",
    "Gatete",
    "Umutoni",
    "Iradukunda",
    "Ishimwe",
    "Tuyishime",
    "Munyaneza",
    "Kayitesi",
    "Mutesi",
    "Nkurunziza",
    "Rukundo",
    "Ingabire",
    "Murekatete",
    "Ntwari",
    "Cyusa",
    "Gasana",
    "Kamanzi",
    "Rutayisire",
    "Sibomana",
]
PLACES = [
    "Kigali",
    "Nyabugogo",
    "Kimironko",
    "Remera",
    "Gikondo",
    "Musanze",
    "Rubavu",
    "Huye",
    "Muhanga",
    "Rwamagana",
]
GOODS = [
    "Hardware",
    "Cement",
    "Rice",
    "Textiles",
    "Électronique",
    "Matériaux",
    "Pharmacie",
    "Auto-Parts",
    "Cosmétiques",
    "Quincaillerie",
    "Alimentation",
    "Général",
    "Sugar",
    "Steel",
    "Solar",
]
PATTERNS = (
    "Ets {p} & Fils",
    "{p} Trading Ltd",
    "Société Rwandaise de {g}",
    "{c} {g} Ltd",
    "{p} Import Export",
    "Umurava {g}",
    "{p} et Frères SARL",
    "L'Entreprise {p}",
    "{p} {g} Company",
)
OWNERS = [
    "MSKU",
    "MRKU",
    "MAEU",
    "MEDU",
    "MSCU",
    "CMAU",
    "CMDU",
    "HLXU",
    "HLCU",
    "CBHU",
    "COSU",
    "ONEU",
    "EGHU",
    "PCIU",
    "TGHU",
    "TCLU",
]
VESSELS = [
    "MSC Aurora",
    "Maersk Kampala",
    "CMA CGM Tage",
    "Cosco Shanghai",
    "Northern Jaguar",
    "Kota Lestari",
]


def database(cases: int = 100_000, seed: int = 1) -> Path:
    """The path of a database with ``cases`` cases, built once and kept in the temp folder
    (rebuilt when the generator or the schema changes)."""
    folder = Path(tempfile.gettempdir()) / "liaison-bench"
    folder.mkdir(exist_ok=True)
    path = folder / f"office-{cases}-{seed}-{_fingerprint()}.db"
    if path.exists():
        return path
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    office = Office.create(partial, clock=FixedClock(NOW), hasher=fast_hasher())
    try:
        try:
            from liaison.demo import build_demo

            build_demo(office, cases=cases, seed=seed)
        except (ImportError, LiaisonError, sqlite3.Error) as exc:
            # The figures are about search and lists, not the generator: still measure.
            print(f"\n(the demo generator failed: {exc!r}; filling the tables directly)")
            fill_directly(office, cases=cases, seed=seed)
        office.store.conn.execute("ANALYZE")
    finally:
        office.close()
    os.replace(partial, path)
    return path


def _fingerprint() -> str:
    """What the cached file depends on: the generator's source and the migrations."""
    digest = hashlib.sha256(CACHE_VERSION.encode())
    root = Path(liaison.__file__).parent
    for source in sorted([*root.glob("demo/*.py"), root / "demo.py", root / "db/schema.py"]):
        if source.exists():
            digest.update(source.read_bytes())
    for name in sorted(known_migration_names()):
        digest.update(name.encode())
    return digest.hexdigest()[:12]


def _container(rng: random.Random) -> str:
    head = rng.choice(OWNERS) + f"{rng.randrange(1_000_000):06d}"
    return head + iso6346.calc_check_digit(head)


def _bl(rng: random.Random) -> str:
    kind = rng.randrange(4)
    if kind == 0:
        return f"MAEU{rng.randrange(10**9):09d}"
    if kind == 1:
        return f"MEDU{rng.choice('ABCDEFGHJK')}{rng.randrange(10)}{rng.randrange(10**6):06d}"
    if kind == 2:
        letters = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(3))
        return f"CMDU{letters}{rng.randrange(10**7):07d}"
    return f"HLCUDAR{rng.randrange(10**9):09d}"


def fill_directly(office: Office, *, cases: int, seed: int) -> None:
    rng = random.Random(seed)
    staff = 1
    audit = {"created_at": STAMP, "created_by": staff, "updated_at": STAMP, "updated_by": staff}
    n_traders = max(1, cases // 5)
    traders: list[dict[str, Any]] = []
    tins = rng.sample(range(100_000_000, 200_000_000), n_traders)
    for number in range(1, n_traders + 1):
        name = rng.choice(PATTERNS).format(
            p=rng.choice(PEOPLE), g=rng.choice(GOODS), c=rng.choice(PLACES)
        )
        values = {
            "legal_name": f"{name} {number}" if number % 7 == 0 else name,
            "tin": str(tins[number - 1]),
            "district": rng.choice(PLACES),
            "phone": f"+25078{rng.randrange(10**7):07d}",
        }
        code = f"TRD-{number:06d}"
        traders.append(
            {"code": code, **values, "search_text": trader_search_text(values, code), **audit}
        )
    case_rows: list[dict[str, Any]] = []
    box_rows: list[dict[str, Any]] = []
    for number in range(1, cases + 1):
        ref = f"CASE-2026-{number:06d}"
        bl = _bl(rng)
        values: dict[str, Any] = {
            "trader_id": rng.randrange(1, n_traders + 1),
            "bl_number": bl,
            "bl_key": identifier_key(bl),
            "vessel_name": rng.choice(VESSELS),
            "manifest_no": f"2026MBA{rng.randrange(10**5):05d}",
            "declaration_no": f"C {rng.randrange(10**6)}" if rng.random() < 0.6 else None,
        }
        values["declaration_key"] = identifier_key(values["declaration_no"])
        boxes = [_container(rng) for _ in range(rng.choice((1, 2, 3, 3, 4, 5)))]
        boxes = list(dict.fromkeys(boxes))
        case_rows.append(
            {
                "ref": ref,
                **values,
                "opened_on": "2026-06-01",
                "container_count": len(boxes),
                "search_text": case_search_text(values, ref),
                **audit,
            }
        )
        for box in boxes:
            box_values = {"number": box, "seal_no": f"ML-KE{rng.randrange(10**7):07d}"}
            box_rows.append(
                {
                    "case_id": number,
                    **box_values,
                    "search_text": container_search_text(box_values),
                    **audit,
                }
            )
    inquiries = [
        {
            "ref": f"INQ-2026-{number:06d}",
            "trader_id": rng.randrange(1, n_traders + 1),
            "received_at": STAMP,
            "channel": "phone",
            "category": "cargo_status",
            "subject": (subject := f"Where is my {rng.choice(GOODS).lower()} container?"),
            "due_on": "2026-12-01",
            "search_text": search_key(f"INQ-2026-{number:06d} INQ2026{number:06d} {subject}"),
            **audit,
        }
        for number in range(1, cases // 2 + 1)
    ]
    with office.store.write() as conn:
        for table, records in (
            ("traders", traders),
            ("cases", case_rows),
            ("containers", box_rows),
            ("inquiries", inquiries),
        ):
            columns = list(records[0])
            conn.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
                f"({', '.join('?' for _ in columns)})",
                [[record.get(c) for c in columns] for record in records],
            )
