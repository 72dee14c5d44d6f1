"""Every region has every number the replies need."""

from dataclasses import fields

import pytest

from bot.regions import RegionContacts, load_regions
from bot.settings import REGIONS


@pytest.mark.parametrize("code", REGIONS)
def test_each_region_has_every_contact_filled(code):
    contacts = load_regions()[code]
    for field in fields(RegionContacts):
        assert str(getattr(contacts, field.name)).strip(), f"{code}: {field.name} is empty"


def test_emergency_numbers_are_the_documented_ones():
    regions = load_regions()
    assert [regions[c].emergency_number for c in ("uk", "us", "eu")] == ["999", "911", "112"]
    assert "116 123" in regions["uk"].crisis_line
    assert "1-800-222-1222" in regions["us"].poison_advice
    assert "988" in regions["us"].crisis_line
