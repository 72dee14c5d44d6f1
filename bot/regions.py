"""Emergency and advice numbers per deployment region, from data/clinical/regions.yml."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from bot.settings import PROJECT_ROOT, region_from_env

REGIONS_FILE = PROJECT_ROOT / "data" / "clinical" / "regions.yml"


@dataclass(frozen=True)
class RegionContacts:
    code: str
    name: str
    emergency_number: str
    emergency_service: str
    urgent_advice: str
    poison_advice: str
    crisis_line: str
    crisis_number: str


@cache
def load_regions(path: Path = REGIONS_FILE) -> dict[str, RegionContacts]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {code: RegionContacts(code=code, **fields) for code, fields in raw["regions"].items()}


def contacts_for(region: str) -> RegionContacts:
    return load_regions()[region]


def current_contacts(env: Mapping[str, str] = os.environ) -> RegionContacts:
    return contacts_for(region_from_env(env))
