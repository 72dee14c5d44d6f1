"""Other medicines with azathioprine, by name: the table (data/clinical/medicines.yml), finding
the names in a message, and the reply. Pure Python: the Rasa server finds the names, the action
server writes the reply, and both read the same table.

A name is found as a whole word or phrase, any case; a misspelling of a name of six letters or
more is found by spelling distance ("ibuprofin", "trimethoprin"). A medicine the assistant's
lookup of other medicines knows but the table does not is reported as unknown, never as safe.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from rapidfuzz import fuzz

from bot.triage.lexicon import CLINICAL_DIR, SOURCE_KEYS, shown_sources

MEDICINES_FILE = CLINICAL_DIR / "medicines.yml"
LEVELS = ("avoid", "specialist", "tell_pharmacist", "not_listed")
# Spelling distance for names of this many letters or more (rapidfuzz ratio, 0-100): "ibuprofin"
# is ibuprofen, "prednisone" is not prednisolone (both are listed, so exact names win first).
FUZZY_MIN_LETTERS = 6
FUZZY_MIN_RATIO = 85
_WORD = re.compile(r"[a-z][a-z0-9']+")  # a hyphen separates: "sulfamethoxazole-trimethoprim"


@dataclass(frozen=True)
class Medicine:
    key: str
    label: str
    names: tuple[str, ...]
    level: str
    what_happens: str
    what_to_do: str
    source: str


@dataclass(frozen=True, eq=False)
class MedicineTable:
    levels: dict[str, str]
    unknown: str
    never_yourself: str
    medicines: tuple[Medicine, ...]
    taking_together: tuple[str, ...] = ()
    only_named: str = ""

    def asks_about_taking_together(self, text: str) -> bool:
        return bool(self.taking_together) and bool(_phrase_pattern(self.taking_together).search(text))

    def by_key(self, key: str) -> Medicine:
        return next(m for m in self.medicines if m.key == key)


def parse_medicines(raw: dict) -> MedicineTable:
    medicines = []
    for entry in raw["medicines"]:
        medicine = Medicine(
            key=str(entry["key"]),
            label=str(entry["label"]),
            names=tuple(str(n).lower() for n in entry["names"]),
            level=str(entry["level"]),
            what_happens=str(entry["what_happens"]).strip(),
            what_to_do=str(entry["what_to_do"]).strip(),
            source=str(entry["source"]),
        )
        if medicine.level not in LEVELS:
            raise ValueError(f"{medicine.key}: unknown level {medicine.level!r}")
        if not all(key.strip() in SOURCE_KEYS for key in medicine.source.split(",")):
            raise ValueError(f"{medicine.key}: unknown source {medicine.source!r}")
        medicines.append(medicine)
    levels = {str(k): str(v) for k, v in raw["levels"].items()}
    if set(levels) != set(LEVELS):
        raise ValueError(f"levels must be exactly {LEVELS}")
    return MedicineTable(
        levels,
        str(raw["unknown"]),
        str(raw["never_yourself"]),
        tuple(medicines),
        tuple(str(c).lower() for c in raw.get("asks_about_taking_together") or ()),
        str(raw["only_named"]),
    )


@cache
def load_medicines(path: Path = MEDICINES_FILE) -> MedicineTable:
    return parse_medicines(yaml.safe_load(path.read_text(encoding="utf-8")))


@dataclass(frozen=True)
class NamedMedicines:
    found: tuple[Medicine, ...]  # in the order the message names them
    unknown: tuple[str, ...]  # names of medicines the table does not have, as typed

    def __bool__(self) -> bool:
        return bool(self.found or self.unknown)

    def as_payload(self) -> dict[str, list[str]]:
        return {"found": [m.key for m in self.found], "unknown": list(self.unknown)}


@cache
def _phrase_pattern(names: Iterable[str]) -> re.Pattern[str]:
    ordered = sorted(set(names), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in ordered) + r")(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class _Matcher:
    pattern: re.Pattern[str]
    owner: dict[str, Medicine]
    # Only onto a name that needs care: a near miss read as "usually fine" could be another
    # medicine altogether ("penicillamine" is not penicillin).
    fuzzy_names: tuple[tuple[str, Medicine], ...]


@cache
def _matcher(table: MedicineTable) -> _Matcher:
    owner = {name: medicine for medicine in table.medicines for name in medicine.names}
    fuzzy = tuple(
        (name, m)
        for name, m in owner.items()
        if len(name) >= FUZZY_MIN_LETTERS and " " not in name and m.level in ("avoid", "specialist")
    )
    return _Matcher(_phrase_pattern(tuple(owner)), owner, fuzzy)


def named_medicines(
    text: str, table: MedicineTable, others: Collection[str] = (), english: frozenset[str] = frozenset()
) -> NamedMedicines:
    """The table's medicines the text names, and other known medicine names it has no entry for.

    `others`: names of medicines in general, lower case (the NLU lookup of other medicines), to tell an
    unknown medicine from an ordinary word. `english`: everyday words, never read as a
    misspelt name ("station" is not "statin").
    """
    matcher = _matcher(table)
    pattern, owner = matcher.pattern, matcher.owner
    found: dict[str, tuple[int, Medicine]] = {}
    covered: list[tuple[int, int]] = []
    for match in pattern.finditer(text):
        medicine = owner[match.group(0).lower()]
        found.setdefault(medicine.key, (match.start(), medicine))
        covered.append(match.span())
    unknown: list[tuple[int, str]] = []
    for word in _WORD.finditer(text.lower()):
        if any(start <= word.start() < end for start, end in covered):
            continue
        token = word.group(0).strip("'-")
        if token in others and token not in owner:
            unknown.append((word.start(), token))
            continue
        if len(token) < FUZZY_MIN_LETTERS or token in english:
            continue
        best = max(matcher.fuzzy_names, key=lambda item: fuzz.ratio(token, item[0]))
        if fuzz.ratio(token, best[0]) >= FUZZY_MIN_RATIO and abs(len(token) - len(best[0])) <= 2:
            found.setdefault(best[1].key, (word.start(), best[1]))
    return NamedMedicines(
        tuple(m for _, m in sorted(found.values(), key=lambda item: item[0])),
        tuple(dict.fromkeys(name for _, name in sorted(unknown))),
    )


def medicine_reply(named: NamedMedicines, table: MedicineTable) -> str:
    """One paragraph per medicine named, most cautious level first; then the unknown ones."""
    order = {level: rank for rank, level in enumerate(LEVELS)}
    parts = []
    for medicine in sorted(named.found, key=lambda m: order[m.level]):
        parts.append(
            f"{medicine.label.capitalize()}: {table.levels[medicine.level]}. {medicine.what_happens} "
            f"{medicine.what_to_do} {shown_sources(f'Source: {medicine.source}.')}"
        )
    for name in named.unknown:
        parts.append(f"{name.capitalize()}: {table.unknown}")
    if any(m.level in ("avoid", "specialist") for m in named.found):
        parts.append(table.never_yourself)
    parts.append(table.only_named)
    return "\n\n".join(parts)


def payload_medicines(payload: object, table: MedicineTable) -> NamedMedicines:
    """The names back from `NamedMedicines.as_payload` (keys the table no longer has are dropped)."""
    if not isinstance(payload, dict):
        return NamedMedicines((), ())
    keys = {m.key for m in table.medicines}
    found = tuple(table.by_key(k) for k in payload.get("found") or () if k in keys)
    unknown = tuple(str(n) for n in payload.get("unknown") or ())
    return NamedMedicines(found, unknown)
