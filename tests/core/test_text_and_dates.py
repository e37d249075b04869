"""Search keys, text length rules and day-first dates."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from liaison.errors import ValidationError
from liaison.rules.dates import clean_time, day_first, parse_date
from liaison.rules.text import clean_text, search_key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kigali", "KİGALİ"),
        ("Société", "SOCIETE"),
        ("So\u200bciété", "societe"),
        ("  Nyarugenge   Market ", "nyarugenge market"),
        ("ﬁne", "fine"),  # ligature, folded by NFKD
        ("Straße", "strasse"),
        ("Kıgali", "kigali"),  # dotless ı
    ],
)
def test_search_keys_match(a: str, b: str) -> None:
    assert search_key(a) == search_key(b)


def test_search_key_keeps_distinct_words_distinct() -> None:
    assert search_key("Kigali") != search_key("Kagali")


def test_clean_text_refuses_instead_of_truncating() -> None:
    with pytest.raises(ValidationError) as info:
        clean_text("x" * 201, "legal_name")
    assert info.value.field == "legal_name"
    assert "201" in info.value.message
    assert clean_text("  a   b ", "f") == "a b"
    assert clean_text("line 1\r\nline 2", "f", multiline=True) == "line 1\nline 2"
    assert clean_text("   ", "f") is None
    with pytest.raises(ValidationError):
        clean_text("   ", "f", required=True)


@pytest.mark.parametrize(
    ("typed", "date"),
    [
        ("28/11/2026", dt.date(2026, 11, 28)),
        ("1/2/2026", dt.date(2026, 2, 1)),  # day first: 1 February
        ("01.02.2026", dt.date(2026, 2, 1)),
        ("2026-02-01", dt.date(2026, 2, 1)),
        (dt.date(2026, 5, 4), dt.date(2026, 5, 4)),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(typed: str | dt.date | None, date: dt.date | None) -> None:
    assert parse_date(typed, "eta") == date


@pytest.mark.parametrize(
    "typed", ["30/02/2024", "2024-02-30", "yesterday", "13/13/2026", "1/1/1999"]
)
def test_parse_date_refuses(typed: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_date(typed, "eta")
    assert info.value.field == "eta"


def test_required_date() -> None:
    with pytest.raises(ValidationError) as info:
        parse_date("", "due_on", required=True)
    assert info.value.code == "required"


def test_day_first_display() -> None:
    assert day_first("2026-11-28") == "28/11/2026"
    assert day_first(None) == ""


@pytest.mark.parametrize(("typed", "stored"), [("9:05", "09:05"), ("14h30", "14:30"), ("", None)])
def test_clean_time(typed: str, stored: str | None) -> None:
    assert clean_time(typed, "t") == stored


@pytest.mark.parametrize("typed", ["24:00", "12:60", "noon"])
def test_clean_time_refuses(typed: str) -> None:
    with pytest.raises(ValidationError):
        clean_time(typed, "t")


def _reference_key(text: str) -> str:
    """The search key by its definition, without the ASCII shortcut."""
    import re
    import unicodedata

    kept = "".join(
        ch
        for ch in unicodedata.normalize("NFKD", text)
        if unicodedata.category(ch) not in ("Mn", "Me", "Cf", "Cc", "Co") or ch in "\t\n\r"
    )
    return re.sub(r"\s+", " ", kept.casefold()).strip()


def test_the_ascii_shortcut_gives_the_same_keys() -> None:
    import random
    import string

    rng = random.Random(7)
    alphabet = string.printable
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert search_key(text) == _reference_key(text), repr(text)


def test_the_remembered_character_table_gives_the_defined_keys() -> None:
    import random

    fold = str.maketrans({"ı": "i", "ø": "o", "đ": "d", "ł": "l", "ß": "ss", "æ": "ae", "œ": "oe"})
    rng = random.Random(11)
    # Plain, accented and folded letters, combining and enclosing marks, zero-width and other
    # format characters, controls (kept and dropped), private use, odd spaces.
    alphabet = (
        "aZ9 -Éçñüİıøßœ\u0301\u0327\u20dd\u200b\u200d\ufeff\t\n\r\x00\x07\ue000\u00a0\u2003ﬁ½"
    )
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 25)))
        expected = re.sub(r"\s+", " ", _reference_key(text).translate(fold)).strip()
        assert search_key(text) == expected, repr(text)
