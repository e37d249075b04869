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


@pytest.mark.parametrize(
    "text",
    [
        "a \u0301b",  # a mark right after a plain space (it marks the space, not the a)
        "x ¨y ´",  # letters whose decomposition begins with a space
        "a\x1cb c\x0bd e\x85f",  # white space that is a control character: dropped, no break
        "Société  GÉNÉRALE\u00a0d'Import-Export 2026 KGL C 00042",
        "CASE-2026-000010 Maersk Durban BÉATRICE GASANA MAEU242231620 265N",
        " é ",
        "e\u0301\u0316 \u0316\u0301x",  # marks put in canonical order within a piece
        "\u200b \u200b",
        "ΣΑΣ ﬁne ½",
        "\t\n",
    ],
)
def test_text_with_something_to_fold_gets_the_defined_key(text: str) -> None:
    """Outside printable ASCII the key is made piece by piece between plain spaces; it must be
    the key of the whole text by the definition."""
    fold = str.maketrans({"ı": "i", "ø": "o", "đ": "d", "ł": "l", "ß": "ss", "æ": "ae", "œ": "oe"})
    expected = re.sub(r"\s+", " ", _reference_key(text).translate(fold)).strip()
    assert search_key(text) == expected


def test_long_mixed_texts_get_the_defined_keys() -> None:
    """Texts like a case's search text: many plain words, a few with accents or odd spaces."""
    import random

    fold = str.maketrans({"ı": "i", "ø": "o", "đ": "d", "ł": "l", "ß": "ss", "æ": "ae", "œ": "oe"})
    words = ["MAEU242231620", "2026", "KGL", "c", "Kigali", "d'Huile", "-", "", "Société",
             "Béatrice", "ıø", "\u0301", "a\u00a0b", "\x1c", "x\u200by", "½", "Straße", "\t"]  # fmt: skip
    dice = random.Random(2026)
    for _ in range(2000):
        text = " ".join(dice.choice(words) for _ in range(dice.randint(1, 30)))
        expected = re.sub(r"\s+", " ", _reference_key(text).translate(fold)).strip()
        assert search_key(text) == expected, repr(text)


def test_a_date_is_stored_as_its_iso_text_however_often_it_comes() -> None:
    """db_value() remembers the text of the dates it met (a bounded number): the text is the
    date's own, each time, also once the remembered ones have been let go."""
    import random

    from liaison.db.rows import db_value
    from liaison.enums import InlandMode
    from liaison.rules.stages import Milestone

    dice = random.Random(9)
    for _ in range(12_000):  # more days than are remembered, each met several times
        day = dt.date(2015, 1, 1) + dt.timedelta(days=dice.randrange(6_000))
        text = db_value(day)
        assert text == day.isoformat() and type(text) is str
    moment = dt.datetime(2026, 11, 28, 9, 30)
    assert db_value(moment.date()) == "2026-11-28"
    assert db_value(moment) == "2026-11-28T09:30:00"  # a moment is not taken for its day
    stored = [db_value(x) for x in (Milestone.DELIVERED, InlandMode.SGR_NICD, True, 7, None, "x")]
    assert stored == ["DELIVERED", "sgr_nicd", 1, 7, None, "x"]
    assert [type(x) for x in stored] == [str, str, int, int, type(None), str]
