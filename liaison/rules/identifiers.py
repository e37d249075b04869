"""Identifiers the corridor uses: ISO 6346 containers, Rwanda TIN, phones, KRA PIN, B/L numbers.

Each ``clean_*`` function takes what a person typed and returns the canonical stored form, or
raises ``ValidationError`` naming the field. The libraries do the standard parts (python-stdnum for
ISO 6346 and the KRA PIN, phonenumbers for telephone numbers); only Rwanda's TIN rule is ours,
since stdnum has no Rwanda module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from liaison.errors import ValidationError

# phonenumbers and stdnum are imported where they are used: loading them is a few percent of the
# desk's start-up, and opening the office needs neither.

_SPACES = re.compile(r"[\s\-./_]+")
_CONTAINER_SHAPE = re.compile(r"^[A-Z]{3}[UJZ][0-9]{7}$")
_TIN = re.compile(r"^[0-9]{9}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def compact(value: str) -> str:
    """Upper-case and drop spaces, dashes, dots, slashes and underscores."""
    if value.isascii() and value.isprintable():
        # The usual case, without the regular expression: printable ASCII holds no white
        # space but the plain space, and only letters and digits hold nothing to drop.
        if not value.isalnum():
            for dropped in " -./_":
                if dropped in value:
                    value = value.replace(dropped, "")
        return value.upper()
    return _SPACES.sub("", value).upper()


@dataclass(frozen=True)
class ContainerCheck:
    """The outcome of checking a container number as typed."""

    number: str  # compacted, upper-case
    shape_ok: bool
    check_digit_ok: bool
    expected_check_digit: str | None

    @property
    def ok(self) -> bool:
        return self.shape_ok and self.check_digit_ok


def check_container(value: str) -> ContainerCheck:
    number = compact(value)
    if not _CONTAINER_SHAPE.match(number):
        return ContainerCheck(number, False, False, None)
    from stdnum import iso6346

    expected = iso6346.calc_check_digit(number[:10])
    return ContainerCheck(number, True, number[10] == expected, expected)


def clean_container_number(
    value: str, override_reason: str | None = None, field: str = "number"
) -> str:
    """A valid ISO 6346 number, or one with a wrong check digit *and* a stated override reason."""
    result = check_container(value)
    if not result.number:
        raise ValidationError(field, "A container number is required.", code="required")
    if not result.shape_ok:
        raise ValidationError(
            field,
            "A container number is 4 letters (owner code ending in U, J or Z) and 7 digits, "
            "e.g. CSQU 305438 3.",
            code="container_format",
        )
    if not result.check_digit_ok and not (override_reason or "").strip():
        raise ValidationError(
            field,
            f"Check digit {result.number[10]} is wrong (ISO 6346 gives "
            f"{result.expected_check_digit}). Correct the number or give an override reason.",
            code="container_check_digit",
        )
    return result.number


def format_container(number: str) -> str:
    """``CSQU3054383`` → ``CSQU 305438 3`` (the way it is painted on the box)."""
    return f"{number[:4]} {number[4:10]} {number[10:]}" if len(number) == 11 else number


def tin_warning(tin: str) -> str | None:
    """A soft warning: Rwandan TINs have historically started with 1 or 0."""
    return None if tin[:1] in ("1", "0") else "Rwandan TINs usually begin with 1 or 0."


def clean_tin(value: str | None, field: str = "tin") -> str | None:
    if value is None or not value.strip():
        return None
    tin = compact(value)
    if not _TIN.match(tin):
        raise ValidationError(field, "A Rwanda TIN is exactly 9 digits.", code="tin_format")
    return tin


def clean_kra_pin(value: str | None, field: str = "kra_pin") -> str | None:
    if value is None or not value.strip():
        return None
    from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength
    from stdnum.ke import pin as ke_pin

    try:
        return str(ke_pin.validate(value))
    except (InvalidFormat, InvalidLength, InvalidChecksum, InvalidComponent):
        raise ValidationError(
            field,
            "A KRA PIN is A or P, 9 digits and a letter, e.g. P051365947M.",
            code="kra_pin_format",
        ) from None


def clean_phone(value: str | None, field: str = "phone", region: str = "RW") -> str | None:
    """Store E.164. National numbers are read as Rwandan; '+' numbers of any country are kept."""
    if value is None or not value.strip():
        return None
    import phonenumbers

    try:
        parsed = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is None or not phonenumbers.is_valid_number(parsed):
        raise ValidationError(
            field,
            "Not a valid phone number. Rwandan numbers look like 0788 123 456 or +250 788 123 456.",
            code="phone_format",
        )
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def format_phone(e164: str | None) -> str:
    if not e164:
        return ""
    import phonenumbers

    try:
        parsed = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def clean_email(value: str | None, field: str = "email") -> str | None:
    if value is None or not value.strip():
        return None
    email = value.strip()
    if not _EMAIL.match(email) or len(email) > 254:
        raise ValidationError(field, "Not a valid e-mail address.", code="email_format")
    return email


def clean_reference(value: str | None, field: str, *, max_length: int = 40) -> str | None:
    """B/L, declaration, manifest and similar numbers: upper-case, inner spaces kept single."""
    if value is None or not value.strip():
        return None
    text = " ".join(value.split()).upper()
    if len(text) > max_length:
        raise ValidationError(
            field, f"At most {max_length} characters (this has {len(text)}).", code="too_long"
        )
    return text


def identifier_key(value: str | None) -> str:
    """The lookup key of an identifier: compacted, so spacing and dashes never matter."""
    return compact(value) if value else ""
