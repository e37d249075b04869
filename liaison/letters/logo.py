"""The letterhead logo: the neutral placeholder shipped in ``resources/``, the check that an
office's own image is a PNG or JPEG that reportlab can draw, and drawing it with its PDF image
prepared once per process."""

from __future__ import annotations

import copy
import functools
import hashlib
import io
from importlib import resources
from typing import Any

from reportlab.lib.boxstuff import aspectRatioFix
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas

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


@functools.lru_cache(maxsize=2)
def prepared_logo(logo: bytes) -> Any:
    """The logo as a PDF image object, decoded and compressed once. ``canvas.drawImage`` does
    both again for every document (a fair part of a letter's rendering time); the name is the
    one it would give, so the PDF is the same."""
    reader = ImageReader(io.BytesIO(logo))
    pixels = reader.getRGBData()
    alpha = reader._dataA  # its transparency, if any, known once the pixels are read
    mask_data = alpha.getRGBData() if alpha else b"auto"
    name = hashlib.md5(pixels + mask_data, usedforsecurity=False).hexdigest()
    image = pdfdoc.PDFImageXObject(name, reader, mask="auto")
    image.name = name
    return image


def draw_logo(canvas: Canvas, logo: bytes, x: float, y: float, size: float) -> None:
    """``canvas.drawImage(logo, x, y, size, size, preserveAspectRatio=True, anchor="c",
    mask="auto")`` with the image prepared once per process: each document gets a copy of the
    prepared object (its compressed bytes shared), registered the way drawImage registers it."""
    prepared = prepared_logo(logo)
    doc = canvas._doc
    registered = doc.getXObjectName(prepared.name)
    if registered not in doc.idToObject:
        image = copy.copy(prepared)
        canvas._setXObjects(image)
        doc.Reference(image, registered)
        doc.addForm(prepared.name, image)
        soft_mask = getattr(prepared, "_smask", None)
        if soft_mask is not None:
            del image._smask
            mask_name = doc.getXObjectName(soft_mask.name)
            if mask_name in doc.idToObject:
                image.smask = pdfdoc.PDFObjectReference(mask_name)
            else:
                mask = copy.copy(soft_mask)
                canvas._setXObjects(mask)
                image.smask = doc.Reference(mask, mask_name)
    canvas._currentPageHasImages = 1
    x, y, width, height, _ = aspectRatioFix(
        True, "c", x, y, size, size, prepared.width, prepared.height
    )
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(width, height)
    canvas.doForm(prepared.name)
    canvas.restoreState()
