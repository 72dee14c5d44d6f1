"""Emergency and advice numbers per deployment region, from data/clinical/regions.yml."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

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
    family_doctor: str
    brand_names: str

    @classmethod
    def placeholders(cls) -> RegionContacts:
        """Every field as its placeholder ("{emergency_number}"): text rendered with these is
        filled in per region when it is sent (bot/nlg.py)."""
        return cls(**{name: "{" + name + "}" for name in cls.__dataclass_fields__})

    def values(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


@cache
def load_regions(path: Path = REGIONS_FILE) -> dict[str, RegionContacts]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {code: RegionContacts(code=code, **fields) for code, fields in raw["regions"].items()}


def contacts_for(region: str) -> RegionContacts:
    return load_regions()[region]


def current_contacts(env: Mapping[str, str] = os.environ) -> RegionContacts:
    return contacts_for(region_from_env(env))


REGION_METADATA_KEY = "region"


def region_of_message(message: Mapping[str, Any] | None, env: Mapping[str, str] = os.environ) -> str:
    """The region the Rasa server's web channel stamped on a message (its metadata).

    The channel stamps every message with the Rasa server's ASSISTANT_REGION, so the static
    replies and the actions give the same numbers even if the action server was deployed with
    another setting. A message that did not come through the channel (`rasa shell`, tests)
    falls back to this process's own setting.
    """
    metadata = (message or {}).get("metadata") or {}
    region = metadata.get(REGION_METADATA_KEY) if isinstance(metadata, Mapping) else None
    return region if region in load_regions() else region_from_env(env)


def contacts_of_message(message: Mapping[str, Any] | None) -> RegionContacts:
    return contacts_for(region_of_message(message))
