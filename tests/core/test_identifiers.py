"""Table-driven tests of the identifier rules: ISO 6346, TIN, phones, KRA PIN, references."""

from __future__ import annotations

import pytest

from liaison.errors import ValidationError
from liaison.rules import identifiers as ids


@pytest.mark.parametrize(
    ("typed", "number", "shape_ok", "digit_ok", "expected"),
    [
        ("CSQU3054383", "CSQU3054383", True, True, "3"),
        ("csqu 305438 3", "CSQU3054383", True, True, "3"),
        ("TEXU-307007-9", "TEXU3070079", True, True, "9"),
        ("TEXU3070070", "TEXU3070070", True, False, "9"),
        ("MSKU6011672", "MSKU6011672", True, True, "2"),
        ("CSQX3054383", "CSQX3054383", False, False, None),  # category letter must be U, J or Z
        ("CSQU305438", "CSQU305438", False, False, None),
        ("", "", False, False, None),
    ],
)
def test_container_check(
    typed: str, number: str, shape_ok: bool, digit_ok: bool, expected: str | None
) -> None:
    result = ids.check_container(typed)
    assert (result.number, result.shape_ok, result.check_digit_ok) == (number, shape_ok, digit_ok)
    assert result.expected_check_digit == expected


def test_wrong_check_digit_is_refused_without_reason_and_kept_with_one() -> None:
    with pytest.raises(ValidationError) as info:
        ids.clean_container_number("TEXU3070070")
    assert info.value.field == "number"
    assert info.value.code == "container_check_digit"
    assert "9" in info.value.message
    assert ids.clean_container_number("TEXU3070070", "painted so on the box") == "TEXU3070070"


def test_malformed_container_is_refused_even_with_a_reason() -> None:
    with pytest.raises(ValidationError) as info:
        ids.clean_container_number("ABC123", "whatever")
    assert info.value.code == "container_format"


def test_format_container() -> None:
    assert ids.format_container("CSQU3054383") == "CSQU 305438 3"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("102345678", "102345678"), (" 102 345 678 ", "102345678"), ("", None), (None, None)],
)
def test_tin_accepted(typed: str | None, stored: str | None) -> None:
    assert ids.clean_tin(typed) == stored


@pytest.mark.parametrize("typed", ["12345678", "1234567890", "10234567A", "TIN102345"])
def test_tin_refused(typed: str) -> None:
    with pytest.raises(ValidationError) as info:
        ids.clean_tin(typed)
    assert info.value.field == "tin"


def test_tin_warning_is_soft() -> None:
    assert ids.tin_warning("102345678") is None
    assert ids.tin_warning("502345678") is not None


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0788123456", "+250788123456"),
        ("0788 123 456", "+250788123456"),
        ("+250 722 123 456", "+250722123456"),
        ("0732123456", "+250732123456"),
        ("0252595500", "+250252595500"),
        ("+254 712 345678", "+254712345678"),  # a Kenyan agent keeps its own country
        ("", None),
    ],
)
def test_phone_accepted(typed: str, stored: str | None) -> None:
    assert ids.clean_phone(typed) == stored


@pytest.mark.parametrize("typed", ["0712345678", "12345", "not a phone", "+250 788"])
def test_phone_refused(typed: str) -> None:
    with pytest.raises(ValidationError) as info:
        ids.clean_phone(typed, field="whatsapp")
    assert info.value.field == "whatsapp"


@pytest.mark.parametrize(
    ("typed", "ok"),
    [("P051365947M", True), ("p051365947m", True), ("X051365947M", False), ("P05136594M", False)],
)
def test_kra_pin(typed: str, ok: bool) -> None:
    if ok:
        assert ids.clean_kra_pin(typed) == typed.upper()
    else:
        with pytest.raises(ValidationError):
            ids.clean_kra_pin(typed)


@pytest.mark.parametrize(
    ("typed", "ok"),
    [("a@b.rw", True), ("info@kigali-imports.co.rw", True), ("a@b", False), ("no at", False)],
)
def test_email(typed: str, ok: bool) -> None:
    if ok:
        assert ids.clean_email(typed) == typed
    else:
        with pytest.raises(ValidationError):
            ids.clean_email(typed)


def test_references_are_upper_cased_and_keyed_without_spacing() -> None:
    assert ids.clean_reference(" medu  12 345678 ", "bl_number") == "MEDU 12 345678"
    assert ids.identifier_key("MEDU-12 345.678") == "MEDU12345678"
    with pytest.raises(ValidationError) as info:
        ids.clean_reference("X" * 41, "bl_number")
    assert info.value.code == "too_long"


def test_the_ascii_shortcuts_give_the_same_keys_as_the_general_rule() -> None:
    """compact() and search_key() take a shortcut for printable ASCII; it must give exactly
    what the general rule gives, whatever mix of separators, white space and letters."""
    import random
    import re

    from liaison.rules.identifiers import compact
    from liaison.rules.text import search_key

    separators = re.compile(r"[\s\-./_]+")
    spaces = re.compile(r"\s+")
    alphabet = " \t\n\x0b\x0c\r\x1c\x1f-./_aZ9é\u00a0\u2003"
    dice = random.Random(7)
    for _ in range(20_000):
        text = "".join(dice.choice(alphabet) for _ in range(dice.randint(0, 12)))
        assert compact(text) == separators.sub("", text).upper(), repr(text)
        if text.isascii() and text.isprintable():
            assert search_key(text) == spaces.sub(" ", text.lower()).strip(), repr(text)


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("MAEU242231620", "MAEU242231620"),  # letters and digits only: nothing to drop
        ("medu12ab", "MEDU12AB"),
        ("2026 KGL C 07484", "2026KGLC07484"),
        ("KPA/INV/26/758786", "KPAINV26758786"),
        ("a_b.c-d e", "ABCDE"),
        ("ÉA-1", "ÉA1"),  # letters beyond ASCII take the general rule
        ("Straße 1", "STRASSE1"),
        ("x\u00a0y", "XY"),
        ("", ""),
    ],
)
def test_identifier_keys(typed: str, key: str) -> None:
    assert ids.compact(typed) == key
    assert ids.identifier_key(typed) == key


def test_compact_of_letters_and_digits_only_is_the_general_rule() -> None:
    """compact() hands printable ASCII letters and digits back upper-cased, untouched."""
    import random
    import re

    separators = re.compile(r"[\s\-./_]+")
    alphabet = "aZ9q0 -._/"
    dice = random.Random(11)
    for _ in range(5_000):
        text = "".join(
            dice.choice(alphabet[: dice.choice((5, 10))]) for _ in range(dice.randint(0, 9))
        )
        assert ids.compact(text) == separators.sub("", text).upper(), repr(text)
