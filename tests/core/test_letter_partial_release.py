"""A case released by customs for only some of its containers: the letter's facts say so, in
each language, instead of "Released" for the whole shipment (found using the desk: one box of
two released, and the cargo-status letter said the consignment was released)."""

from __future__ import annotations

import datetime as dt
import io
import re

import pypdf
import pytest

from liaison.office import Office
from tests.core import letter_cases as lc


def letter_text(office: Office, kind: str, language: str, case_id: int) -> str:
    data = office.letters.preview(kind, language=language, case_id=case_id)
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = " ".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize(
    ("language", "partly", "fully"),
    [
        ("en", "Partly released: 1 of 2 containers", "Released on"),
        ("fr", "Mainlevée partielle : 1 sur 2 conteneurs", "Mainlevée le"),
    ],
)
def test_a_partial_release_is_called_partial(
    office: Office, language: str, partly: str, fully: str
) -> None:
    record = lc.case(office, lc.trader(office), boxes=2)
    lc.milestone(office, record, "DISCHARGED", lc.TODAY - dt.timedelta(days=5))
    first, second = office.tracking.containers(record.id)
    lc.milestone(
        office, record, "CUSTOMS_RELEASED", lc.TODAY - dt.timedelta(days=1), containers=(first.id,)
    )
    text = letter_text(office, "CARGO_STATUS", language, record.id)
    assert partly in text
    assert fully not in text

    lc.milestone(office, record, "CUSTOMS_RELEASED", lc.TODAY, containers=(second.id,))
    text = letter_text(office, "CARGO_STATUS", language, record.id)
    assert fully in text  # every box released: the plain sentence again
    assert partly not in text


def test_the_french_free_storage_column_is_not_cut_inside_a_word(office: Office) -> None:
    record = lc.storage_case(office, lc.trader(office), boxes=1)
    text = letter_text(office, "CARGO_STATUS", "fr", record.id)
    assert "Fin de franchise KPA" in text
    assert "mag asinage" not in text
