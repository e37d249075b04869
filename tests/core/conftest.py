"""Fixtures the letters tests share: an office whose letterhead is filled in, and a trader."""

from __future__ import annotations

import pytest

from liaison.models import Trader
from liaison.office import Office
from tests.core import letter_cases as lc


@pytest.fixture
def desk_office(office: Office) -> Office:
    office.settings.update(
        {
            "office_phone": "0788300300",
            "office_email": "kigali@kpa.example",
            "office_po_box": "6133 Kigali",
            "signatory_name": "Peter Otieno",
        }
    )
    return office


@pytest.fixture
def owner(desk_office: Office) -> Trader:
    return lc.trader(desk_office)
