"""Whether a message is about the medicine, health or the assistant at all.

Out of scope should rest on the absence of anything about these, not on a class trained on
sentences shaped like ours. The words come from the lookup tables the classifiers already use
(data/nlu/lookups/: azathioprine's and other medicines' names, health words), plus words about
tablets, doses and the assistant itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import yaml

from bot.settings import PROJECT_ROOT

LOOKUPS = PROJECT_ROOT / "data" / "nlu" / "lookups"
# Relevance words that are often not about health at all ("fish fingers", "the cold war", "my
# cat's eye", "back to the shop", "a bank appointment"): alone, they count only as someone's own
# ("my eye", "her back", "my left hand"), at the start of a sentence, or with another such word.
AMBIGUOUS_WORDS = frozenset(
    (
        "back",
        "cold",
        "appointment",
        "finger",
        "fingers",
        "eye",
        "eyes",
        "face",
        "hand",
        "hands",
        "head",
        "fit",
        "cut",
        "arm",
        "arms",
        "leg",
        "legs",
        "foot",
        "feet",
        "toe",
        "toes",
        "ear",
        "ears",
        "nose",
        "mouth",
        "lip",
        "lips",
        "neck",
        "tooth",
        "teeth",
        "joint",
        "bone",
        "bones",
    )
)
# What people call any medicine: "can I drink while taking my tablets", "is my medication ok with the
# flu jab". ("my tablet" may be a computer: a question then keeps its answer rather than be declined.)
MEDICINE_WORDS = (
    "tablet",
    "tablets",
    "pill",
    "pills",
    "meds",
    "medicine",
    "medicines",
    "medication",
    "medications",
    "dose",
    "doses",
    "dosage",
    "prescription",
    "prescribed",
    "drug",
    "drugs",
    "treatment",
    "vaccine",
    "vaccines",
    "vaccination",
    "jab",
    "jabs",
)


# Words the lookups do not hold: how people name their tablets, the body, and the assistant.
OWN_WORDS = (
    # mood and crisis words: never "out of scope"
    "depressed",
    "depression",
    "hopeless",
    "pointless",
    "suicidal",
    "alone",
    "life",
    "die",
    "dying",
    "dead",
    "hurt",
    "scared",
    "anxious",
    *MEDICINE_WORDS,
    "pharmacy",
    "pharmacist",
    "doctor",
    "doc",
    "docs",
    "gp",
    "nurse",
    "consultant",
    "specialist",
    "hospital",
    "clinic",
    "blood test",
    "blood tests",
    "lab",
    "labs",
    "germs",
    "bloods",
    "vax",
    "pregnant",
    "pregnancy",
    "breastfeeding",
    "alcohol",
    "booze",
    "sunscreen",
    "sun screen",
    "suncream",
    "sun cream",
    "sunblock",
    "sun block",
    "spf",
    "sunbed",
    "operation",
    "surgery",
    "dentist",
    "bot",
    "chatbot",
    "assistant",
    "robot",
    "imuran",
    "aza",
    "azathioprine",
    "azasan",
    "tpmt",
    # the medicine's family ("is SPF 30 enough for thiopurine patients?")
    "thiopurine",
    "thiopurines",
    # a dose made up for a missed one ("if I skip a day, do I double up?")
    "double up",
    "doubling up",
    "doubled up",
    "side effect",
    "tongue",
    "shoulder",
    "elbow",
    "wrist",
    "hip",
    "hips",
    "knee",
    "knees",
    "ankle",
    "joints",
    "muscle",
    "muscles",
    "lungs",
    "bladder",
    "bowel",
    "bowels",
    "period",
    "periods",
    "mole",
    "moles",
    "hurt",
    "hurts",
    "hurting",
    "injury",
    "injured",
    "wound",
    "swallowed",
    "overdose",
    "baby",
    "poorly",
    "ill",
    "unwell",
    "wrong with",
    "not right",
    "a cold",
    "feel",
    "feeling",
    "felt",
    "breathe",
    "breathing",
    "collapsed",
    "collapse",
    "unconscious",
    "seizure",
    "passed out",
    "blood",
    "bleeding",
    *AMBIGUOUS_WORDS,
)


@cache
def relevance_words(folder: Path = LOOKUPS, only: str | None = None) -> frozenset[str]:
    """The lookups' words (with OWN_WORDS), or with `only` the words of that one lookup file."""
    words = set() if only else set(OWN_WORDS)
    for path in sorted(folder.glob(only or "*.yml")):
        for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu") or ():
            for line in str(block.get("examples") or "").splitlines():
                line = line.strip()
                if line.startswith("- "):
                    words.add(line[2:].strip().lower())
    return frozenset(w for w in words if w)


def _any_of(words: Iterable[str]) -> re.Pattern[str]:
    """Any of the words or phrases, whole, in any case; the longest tried first."""
    alternatives = sorted((re.escape(w) for w in words), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE)


@cache
def _pattern() -> re.Pattern[str]:
    return _any_of(relevance_words())


# The medicine meant but not named, in a chat about one medicine: "can i just dry swallow it",
# "does the time i take it matter", "been on this for six years", "can i drink on this stuff".
_THE_MEDICINE_UNNAMED = re.compile(
    r"\b(?:take|taking|took|swallow|swallowing|crush|crushing|split|splitting|chew|chewing)\s+(?:it|them|this|these)\b"
    # ...not "take it back to the shop", "take it easy"
    r"(?!\s+(?:back|out|off|apart|away|home|easy|slow|personally|seriously)\b)"
    r"|\b(?:been|be|being|am|i'm|im|is|are|was|while|whilst|when)\s+on\s+(?:it|this|these|them)\b"
    r"|\bon\s+(?:this|these|that)\s+(?:stuff|drug|drugs|med|meds|one|tablets?|pills?)\b"
    # "is it bad for the eyes", "does it affect the teeth", "can it make the nose run"
    r"|\b(?:is|does|can|could|will|would|might|may)\s+(?:it|this|that)\s+(?:\w+\s+)?(?:bad for|good for|ok for|"
    r"okay for|safe for|affect|harm|damage|hurt|make|give|cause|mess with|do to|stain|be why)\b",
    re.IGNORECASE,
)


# "what is this stuff", "how does this stuff actually work": what a chat about one medicine calls it.
# A medicine meant, not a sign of relevance ("this stuff is sticky, how do I get it off the carpet").
_THIS_STUFF = re.compile(r"\bthis\s+stuff\b", re.IGNORECASE)


def names_a_medicine(text: str) -> bool:
    """Names azathioprine or another medicine (data/nlu/lookups/medicines.yml), a medicine in
    general ("my tablets", "the flu jab"), or means the medicine without naming it ("can I crush
    them", "been on this for years")."""
    if _THE_MEDICINE_UNNAMED.search(text) or _THIS_STUFF.search(text):
        return True
    return bool(_medicine_pattern().search(text))


@cache
def _medicine_pattern() -> re.Pattern[str]:
    words = relevance_words(LOOKUPS, "medicines.yml") | set(MEDICINE_WORDS)
    return _any_of(words)


# Someone's own ("my eye", "her left hand"), or the start of a sentence, where a report with its
# subject dropped begins ("ear blocked for a week", "Back keeps going into spasm").
_OWNED = re.compile(
    r"(?:\b(?:my|his|her|their|your|our|me|him|(?!(?:it|that|let|what|there|here|he|she|who|where|how)['’])\w+['’]s|\w+s['’])"
    r"\s+(?:\w+\s+)?"
    # ...after a greeting or a filler word and a comma: "hiya, ear blocked for a week"
    r"|(?:^|[.!?]\s*)(?:\w+(?:\s+\w+)?\s*[,-]\s*)?(?:\w+\s+)?)$",
    re.IGNORECASE,
)


# A dose told without naming anything: "is 50mg twice a day the same as 100mg once?"
_DOSE_AMOUNT = re.compile(
    r"\b\d+(?:\.\d+)?\s?(?:mg|mgs|milligrams?|mcg|micrograms?)\b"
    r"|\b(?:once|twice|three times|thrice|[123] ?(?:x|times)) (?:a|per|each) day\b|\b(?:once|twice) daily\b",
    re.IGNORECASE,
)


def is_relevant(text: str) -> bool:
    """Mentions the medicine (by name or as "it" taken or been on), another medicine, a dose,
    health, the body, health care, or the assistant."""
    if _THE_MEDICINE_UNNAMED.search(text) or _DOSE_AMOUNT.search(text):
        return True
    ambiguous = set()
    for match in _pattern().finditer(text):
        word = match.group(0).lower()
        if word not in AMBIGUOUS_WORDS or _OWNED.search(text[max(0, match.start() - 30) : match.start()]):
            return True
        ambiguous.add(word)
    return len(ambiguous) >= 2


# "back to normal", "back to herself": the word is not the body part there.
_NOT_NAMING_HEALTH = frozenset({"back"})


@cache
def _health_pattern() -> re.Pattern[str]:
    words = relevance_words(LOOKUPS, "health_words.yml") - _NOT_NAMING_HEALTH
    return _any_of(words)


# "her face went back to normal", "my appetite is back", "the colour's back in her cheeks"
_SOMETHING_NAMED_IS_OVER = re.compile(
    r"\b(?:my|his|her|their|the) \w+(?:'s|s'| is| are| was| were| went| has| have| had)\b(?: \w+){0,2}? "
    r"(?:back|fine|normal|better|settled|gone|ok|okay|cleared|clear|calmed|improved|good)\b",
    re.IGNORECASE,
)


def names_health(text: str) -> bool:
    """Names the body, a symptom or health care, or says that something named is over ("his wee is
    back to normal", "her face went back to normal"), not only how things are."""
    return bool(_health_pattern().search(text) or _SOMETHING_NAMED_IS_OVER.search(text.replace("’", "'")))


# Stopping the medicine: a FAQ question ("can I stop aza once I feel better?"), never a crisis.
_STOPPING = re.compile(
    r"\b(stop|stopping|stopped|quit|quitting|give up|giving up|gave up|come off|coming off|came off|get off|"
    r"getting off|taper|tapering|pause|pausing|ditch|ditching|drop|dropping|cut out|skip|skipping|wean|weaning)\b"
    r"(?:\W+\w+){0,4}?\W+(it|them|aza|azathioprine|imuran|azasan|tablets?|pills?|meds|medicines?|medication|"
    r"treatment|taking)\b(?!\s+(?:all|everything))",
    re.IGNORECASE,
)


def is_about_stopping_the_medicine(text: str) -> bool:
    return bool(_STOPPING.search(text))


_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


@cache
def _english() -> frozenset[str]:
    from bot.detect.spelling import english_words  # the dictionary symspellpy ships

    return english_words()


def is_mostly_unknown_words(text: str) -> bool:
    """Half or more of the words are in no English dictionary ("qwzx plonk vrrb", "azthiprn
    feevr"): not understood, which is not the same as out of scope."""
    words = _WORD.findall(text.lower())
    if not words:
        return False
    unknown = sum(word.replace("'", "") not in _english() and word not in _english() for word in words)
    return unknown * 2 >= len(words)
