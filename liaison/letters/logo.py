"""The letterhead logo: the neutral placeholder shipped in ``resources/``, and the check that an
office's own image is a PNG or JPEG that reportlab can draw."""

from __future__ import annotations

import io
from importlib import resources

from reportlab.lib.utils import ImageReader

from liaison.errors import ValidationError

LOGO_LIMIT = 2_000_000  # bytes (the database refuses more, too)


def placeholder_logo() -> bytes:
    return resources.files("resources").joinpath("logo-placeholder.png").read_bytes()


def image_type(image: bytes) -> str:
    """The media type of a usable logo, or a ValidationError on ``logo`` saying what is wrong."""
    if image.startswith(b"\x89PNG\r\n\x1a\n"):
        media = "image/png"
    elif image.startswith(b"\xff\xd8\xff"):
        media = "image/jpeg"
    else:
        raise ValidationError("logo", "The logo must be a PNG or JPEG image.", code="format")
    if len(image) > LOGO_LIMIT:
        raise ValidationError("logo", "The logo file is larger than 2 MB.", code="too_large")
    try:
        width, height = ImageReader(io.BytesIO(image)).getSize()
    except Exception:  # any decoder failure means the same thing to the user
        raise ValidationError(
            "logo", "This image file cannot be read.", code="unreadable"
        ) from None
    if width < 16 or height < 16:
        raise ValidationError(
            "logo", "The logo is too small (at least 16 × 16 pixels).", code="too_small"
        )
    return media
