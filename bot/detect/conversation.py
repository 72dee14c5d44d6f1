"""What a message says about the conversation so far: a correction, a new reading, an episode
that is over, a wish to start again, a dose taken. Words from data/clinical/conversation_cues.yml;
what they mean for the urgency is decided by the pure episode grading (bot/triage/episode.py).

A question says none of these ("Actually, can I drink alcohol on aza?" is a question, not a
correction), and an "over" phrase after a negation ("I don't feel better now") is not one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from bot.detect.context import NOT_DENIED_AFTER
from bot.detect.temperature import AGE_BEFORE, TEMPERATURE_WORDS, spelled_temperatures, to_celsius
from bot.triage import default_engine
from bot.triage.lexicon import CLINICAL_DIR, load_cues

CUES_FILE = CLINICAL_DIR / "conversation_cues.yml"
# An "over" phrase is negated by one of `ended_negated_by` within this many words before it.
NEGATION_WINDOW = 3


@dataclass(frozen=True)
class TurnCues:
    correction: bool = False  # takes back or corrects something said before
    remeasured: bool = False  # a reading taken again
    ended: bool = False  # something reported is over (only the findings the message names, unless `ended_all`)
    ended_all: bool = False  # it speaks of the person or the whole ("I'm fine now"), or the message is short
    ended_it: bool = False  # what is over is "it" or unnamed ("ok it went!!"), not something named
    masked: bool = False  # names a medicine that can hide a fever
    start_over: bool = False
    take_back_last: bool = False  # the answer to "which part was wrong?": the latest report
    takes_back_all: bool = False  # "wrong chat", "false alarm": nothing reported so far was real
    replaces: bool = False  # a correction whose findings replace the latest report's ("I said back, not neck")
    adds: bool = False  # a correction that adds to what was said ("I meant to say he ALSO has...")
    dose_taken: bool = False
    dose_repeat: bool = False  # the dose is another one ("again", "already")
    question: bool = False  # only asks: says nothing about the conversation
    topics: tuple[str, ...] = ()  # rows of the triage table a correction names by a word ("the reading")
    not_on_it: bool = False  # the person it was about does not take the medicine
    someone_else: bool = False  # ...and the writer, who does, is well or was not the one: all of it was theirs
    dated: bool = False  # the report was long ago and is over ("that was back in March, fine since")
    softens: bool = False  # a correction that only softens what was said ("I was being dramatic")
    reading_c: float | None = None  # a bare number that is a body temperature in a conversation about one
    # A correction word other than `keeps_reading` ("typo", "my mistake"), a denied number or someone else's.
    withdraws_reading: bool = False
    counted: tuple[str, ...] = ()  # rows of the triage table the tablets counted all there take back
    count_doubted: bool = False  # may say a count was wrong: counts again, or says one is missing or taken


def _phrases(words: list[str]) -> re.Pattern[str]:
    alternatives = sorted((re.escape(w.lower()).replace("'", "'?") for w in words), key=len, reverse=True)
    # "{n}": a number or none ("all {n} there": "all 28 there", "all there").
    alternatives = [a.replace(r"\ \{n\}\ ", r"\s+(?:\d+\s+)?") for a in alternatives]
    return re.compile(rf"(?<![\w'])(?:{'|'.join(alternatives)})(?![\w'])", re.IGNORECASE)


# A number that could be a body temperature, not followed by a unit that says it is something else.
_NOT_A_TEMPERATURE_UNIT = (
    r"mg|kg|g\b|%|mm|ml|lb|st|years?|yrs?|y/?o|months?|weeks?|days?|hours?|hrs?|mins?|minutes?|am|pm"
    r"|/10|out of|x|times|bpm|cm|k\b"
)
_NUMBER = re.compile(
    rf"(?<![\d.,:/£$-])(\d{{2,3}}(?:[.,]\d)?)(?!\d)(?![.,:/]\d)(?!\s*(?:{_NOT_A_TEMPERATURE_UNIT}))",
    re.IGNORECASE,
)
_WORD = re.compile(r"[\w']+")
_YEAR = re.compile(r"(?<![\w'])(?:19|20)\d\d(?![\w'])")
# An amount taken beyond the dose: a number or number word with "extra", or with "more" before what
# is counted, or "another" one ("three extra tablets", "an extra 150mg", "1 extra", "2 more tablets",
# "another one"); not the usual dose ("50 mg with breakfast"), "one more thing" or "double checked".
_AMOUNT = re.compile(
    r"\b(?:(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|couple)\s+"
    r"(?:extra\b|more\s+(?:tablets?|pills?|doses?|mg)\b)"
    r"|extra\s+\d+|another\s+(?:one|tablet|pill|dose|\d+))",
    re.IGNORECASE,
)
_ASIDE = re.compile(r"\([^)]*\)")
_CLAUSE = re.compile(r"[.,;!?\n]+|\s+(?:and|but|so|then)\s+", re.IGNORECASE)
_WORSE = re.compile(r"\b(?:worse|spreading|bigger|more)\b", re.IGNORECASE)
_WORSE_STILL = re.compile(r"\b(?:worse|worsening|spreading|spread|bigger)\b", re.IGNORECASE)
# "feels like it's not mine", "as if it wasn't me": a likeness, said of a sign, not a correction (not
# "I'd like to correct that").
_LIKENESS_BEFORE = re.compile(
    r"\b(?:(?:feels?|felt|feeling|looks?|looked|looking|seems?|seemed|sounds?|sounded) like|as if|as though)"
    r"(?:\s+[\w']+){0,2}\s*$",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"(?<=[.!?\n])\s+")
_LETTERS = re.compile(r"[a-z]+")
# A medicine denied ("no paracetamol", "haven't taken any calpol"), unless another word turns to it
# (`NOT_DENIED_AFTER`: "no ibuprofen, just paracetamol").
_DENIALS = frozenset(
    ("no", "not", "never", "without", "none", "nothing", "nt", "didnt", "havent", "hasnt", "hadnt", "dont", "doesnt")
)
# Contractions typed without the apostrophe ("hasnt gone away", "isnt better"): denials too.
_BARE_CONTRACTIONS = frozenset(
    (
        "isnt",
        "arent",
        "wasnt",
        "werent",
        "hasnt",
        "havent",
        "hadnt",
        "doesnt",
        "dont",
        "didnt",
        "cant",
        "couldnt",
        "wont",
        "wouldnt",
        "shouldnt",
        "aint",
    )
)
_SUFFIXES = ("ing", "ed", "es", "s", "y")
# Who a denial of taking the medicine is said of: the writer, or someone else by a pronoun (the
# relations and roles come from context_cues.yml's `who`).
_WRITER = frozenset(("i", "i'm", "im", "me", "i've", "ive", "i'd", "myself", "i'll"))
# "doesn't take it", "isn't on it" ending its clause (not "doesn't take it with food", "isn't on her own").
_DENIED_PRONOUN = re.compile(
    r"\b(?:doesn'?t|does not|don'?t|do not|isn'?t|is not|not)\s+(?:take|taking|on)\s+(?:it|them)\s*(?:[.,;!]|$)",
    re.IGNORECASE,
)
# Someone in the message does take it: "mum does", "I do.", "he takes imuran", "Mrs B is on azathioprine".
_AFFIRMS_TAKING = re.compile(
    r"(?<!n't )(?<!not )\b(?:takes|is on|'s on|are on)\s+(?:aza|azathioprine|imuran|azasan)\b"
    r"|\b[\w']+\s+(?:does|do)\s*(?:[.,;!]|$)",
    re.IGNORECASE,
)
# The pronouns that can stand for someone of each kind in the who-lists.
_HE = frozenset(("he", "him", "his", "he's", "hes"))
_SHE = frozenset(("she", "her", "hers", "she's", "shes"))
_PRONOUNS = {"he": _HE, "she": _SHE, "either": _HE | _SHE | {"they", "them"}}
# "not me" as a clause of its own: "my son have the 38, not me." (not "not me typing", "and not me").
_NOT_ME = re.compile(r"(?:^|[,.;:!?]\s*)not me(?=\s*(?:[.!;,?)]|$))", re.IGNORECASE)
_CASED_WORD = re.compile(r"[A-Za-z][\w'’]*")
# "2 WEEKS not years": the word before "not" stands for the word after it.
_SWAP = re.compile(r"(?<![\w'])(?P<new>\w+)\s*,?\s+not\s+(?P<old>\w+)(?![\w'])", re.IGNORECASE)
_SWAP_WORD = re.compile(r"(?<![\w'])\w+(?![\w'])")
# The last word of a text, after any spaces or commas ("it's stopped but" -> "but").
_LAST_WORD = re.compile(r"[\s,;]*\b([\w']+)[\s,;]*$")
# A sentence ends at a stop, not at a decimal point ("a temp of 38.5 and so do I").
_SENTENCE_END = re.compile(r"[.!?]+(?!\d)|\n")
_PRONOUNS_OF_OTHERS = ("he", "she", "they", "him", "her", "hers", "he's", "hes", "she's", "shes", "they're", "who")
# A word names a finding from this many letters ("rash", "sick", "temp"), or quoted in a correction
# of the words, from three ("red"); two words whose first five letters agree are one word
# ("nauseous", "nausea").
MIN_NAMING_LETTERS = 4
MIN_QUOTED_LETTERS = 3
COMMON_STEM_LETTERS = 5
# A message whose statements are this short besides its questions ("Ok thanks. What if...?") is a question.
SMALL_TALK_WORDS = 3
# "can we start over please": the phrase and at most this many other words.
START_OVER_EXTRA_WORDS = 3
# A reading "not" stands right before is the wrong one ("not 38.7", "not a hundred and one").
_DENIED_BEFORE = re.compile(r"\bnot\s+(?:a\s+)?$", re.IGNORECASE)
# After a count, a message that may say it was wrong: a number, the tablets named, "not there", "found".
_COUNT_DOUBT = re.compile(r"\d|miscount|\b(?:tablets?|pills?|not there|found|find)\b", re.IGNORECASE)
# A denied reading ("not 38.7", "not 101.3"): a decimal in a body temperature's range, not a count of
# minutes or a score ("not 40 mins ago", "not a 10").
_DENIED_NUMBER = re.compile(r"\bnot\s+(?:3[4-9]|4[0-3]|9[3-9]|10\d)[.,]\d(?![\d/%])", re.IGNORECASE)


@dataclass(frozen=True)
class ConversationCueReader:
    correction: re.Pattern[str]
    remeasured: re.Pattern[str]
    ended: re.Pattern[str]
    ended_negated_by: frozenset[str]
    ended_then_not: frozenset[str]
    ended_subjects: frozenset[str]
    person_subjects: frozenset[str]
    over_said_of_parts: frozenset[str]
    masking: re.Pattern[str]
    over_all: re.Pattern[str]
    short_message_words: int
    softens: re.Pattern[str]
    softened_words: re.Pattern[str]
    softened_by: re.Pattern[str]
    ended_unless: re.Pattern[str]
    learned_over_unless: re.Pattern[str]
    learned_over_unless_care: re.Pattern[str]
    left_behind_by: re.Pattern[str]
    back_to_normal_after: frozenset[str]
    reading_withdrawn: re.Pattern[str]
    keeps_reading: frozenset[str]
    start_over: re.Pattern[str]
    take_back_last: frozenset[str]
    takes_back_all: re.Pattern[str]
    sure_take_back_by: re.Pattern[str]
    sure_take_back_unless: re.Pattern[str]
    replaces: re.Pattern[str]
    adds: re.Pattern[str]
    dose: re.Pattern[str]
    not_taken: re.Pattern[str]
    usual_dose: re.Pattern[str]
    repeat: re.Pattern[str]
    not_a_reading_after: re.Pattern[str]
    past_reading: re.Pattern[str]
    topics: tuple[tuple[str, re.Pattern[str]], ...]
    amount_rows: frozenset[str]
    others_not_on_it: re.Pattern[str]
    taker_well: re.Pattern[str]
    others: frozenset[str]
    pronouns_of: dict[str, frozenset[str]]
    shared_words: re.Pattern[str]
    not_names: frozenset[str]
    not_all_medicine: frozenset[str]
    stopped: re.Pattern[str]
    stopped_now: re.Pattern[str]
    dated: re.Pattern[str]
    dated_unless: re.Pattern[str]
    dated_resolved: re.Pattern[str]
    dated_lead_in: frozenset[str]
    dated_since: re.Pattern[str]
    told_in_present: re.Pattern[str]
    naming_stop_words: frozenset[str]
    function_words: frozenset[str]
    swap_groups: tuple[frozenset[str], ...] = ()
    counted_rows: tuple[str, ...] = ()
    counting: re.Pattern[str] = re.compile(r"(?!)")
    all_there: re.Pattern[str] = re.compile(r"(?!)")
    missing: re.Pattern[str] = re.compile(r"(?!)")
    missing_denied_by: frozenset[str] = frozenset()
    count_unless: re.Pattern[str] = re.compile(r"(?!)")
    possessed: re.Pattern[str] = re.compile(r"(?!)")
    care_places: re.Pattern[str] = re.compile(r"(?!)")
    care_places_as_written: re.Pattern[str] = re.compile(r"(?!)")
    sent_home: re.Pattern[str] = re.compile(r"(?!)")
    sent_home_unless: re.Pattern[str] = re.compile(r"(?!)")
    sent_home_told: re.Pattern[str] = re.compile(r"(?!)")

    @classmethod
    def from_file(cls, path: Path = CUES_FILE) -> ConversationCueReader:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        dose = raw["dose_taken"]
        context = load_cues()  # the detector's own past, over and current phrases

        def alternatives(words: list[str]) -> str:
            return "|".join(re.escape(w) for w in words)

        gap = r"(?:\s+\w+){0,3}?\s+(?:my\s+|his\s+|her\s+|the\s+|an?\s+|another\s+)?"
        return cls(
            correction=_phrases(raw["correction"]),
            remeasured=_phrases(raw["remeasured"]),
            ended=_phrases(raw["ended"]),
            ended_negated_by=frozenset(w.lower() for w in raw["ended_negated_by"]),
            ended_then_not=frozenset(w.lower() for w in raw["ended_then_not"]),
            ended_subjects=frozenset(w.lower() for w in raw["ended_subjects"]),
            over_said_of_parts=frozenset(w.lower() for w in raw["over_said_of_parts"]),
            person_subjects=frozenset(w.lower() for w in raw["ended_subjects"] + raw["person_subjects"]),
            masking=_phrases(raw["masking"]),
            over_all=_phrases(raw["over_all"]),
            short_message_words=int(raw["short_message_words"]),
            softens=_phrases(raw["softens"]),
            softened_words=_phrases(raw["softened_words"]),
            # A denial word ending the words before a strong one, after a word character or a space
            # ("isn't" ends in "n't"), compiled once.
            softened_by=re.compile(rf"(?<![^\s\w])(?:{alternatives([w.lower() for w in raw['softened_by']])})(?=$|\s)"),
            ended_unless=_phrases(raw["ended_unless"]),
            learned_over_unless=_phrases(raw["learned_over_unless"]),
            learned_over_unless_care=_phrases(raw["learned_over_unless_care"]),
            left_behind_by=_phrases(raw["left_behind_by"]),
            back_to_normal_after=frozenset(w.lower() for w in raw["back_to_normal_after"]),
            reading_withdrawn=_phrases(list(context.reading_withdrawn)),
            keeps_reading=frozenset(w.lower() for w in raw["keeps_reading"]),
            start_over=_phrases(raw["start_over"]),
            take_back_last=frozenset(_bare(w) for w in raw["take_back_last"]),
            takes_back_all=_phrases(raw["takes_back_all"]),
            sure_take_back_by=_phrases(raw["sure_take_back_by"]),
            sure_take_back_unless=_phrases(raw["sure_take_back_unless"]),
            replaces=_phrases(raw["replaces"]),
            adds=_phrases(raw["adds"]),
            dose=re.compile(
                rf"\b(?:(?:{alternatives(dose['verbs'])}){gap}(?:{alternatives(dose['objects'])})"
                rf"|had{gap}(?:{alternatives(dose['had_objects'])}))\b",
                re.IGNORECASE,
            ),
            not_taken=_phrases(dose["not_taken"]),
            usual_dose=_phrases(dose["usual_dose"]),
            repeat=_phrases(raw["repeat_words"]),
            not_a_reading_after=re.compile(
                rf"\b(?:{alternatives(raw['not_a_reading_after'])})\b\W*(?:\w+\W+){{0,3}}$", re.IGNORECASE
            ),
            past_reading=_phrases(raw["past_reading"]),
            topics=tuple((row, _phrases(words)) for row, words in raw["correction_topics"].items()),
            amount_rows=frozenset(raw["amount_rows"]),
            others_not_on_it=_phrases(raw["someone_else"]["not_on_it"]),
            taker_well=_phrases(raw["someone_else"]["taker_well"]),
            others=frozenset(
                [
                    *_PRONOUNS_OF_OTHERS,
                    *(w.lower() for key in ("he", "she", "either") for w in context.who.get(key, ())),
                ]
            ),
            pronouns_of={
                w.lower(): _PRONOUNS[key] for key in ("he", "she", "either") for w in context.who.get(key, ())
            },
            shared_words=_phrases(raw["shared_words"]),
            not_names=frozenset(
                [
                    *(w.lower() for w in raw["not_names"]),
                    *(w.lower() for key in ("he", "she", "either", "writer") for w in context.who.get(key, ())),
                    *(w.lower() for w in context.who.get("medicine", ())),
                    *_WRITER,
                ]
            ),
            not_all_medicine=frozenset(w.lower() for w in context.who.get("not_all_medicine", ())),
            stopped=_phrases(list(context.who.get("stopped", ()))),
            stopped_now=_phrases(list(context.who.get("stopped_in_sentence", ()))),
            dated=_dated(
                raw["dated_back_references"], context.distant_past, int(raw["dated_gap_words"]), raw["dated_then"]
            ),
            dated_unless=_phrases(raw["dated_unless"]),
            dated_resolved=_phrases([*raw["dated_resolved"], *context.over]),
            dated_lead_in=frozenset(w.lower() for w in raw["dated_lead_in"]),
            dated_since=_phrases([raw["dated_resolved_since"]]),
            told_in_present=_phrases([*raw["told_in_present"], *context.current]),
            naming_stop_words=frozenset(_stem(w.lower()) for w in raw["naming_stop_words"]),
            function_words=frozenset(_stem(w.lower()) for w in raw["function_words"]),
            swap_groups=tuple(frozenset(w.lower() for w in group) for group in raw["swap_same_words"]),
            counted_rows=tuple(raw["counted"]["rows"]),
            counting=_phrases(raw["counted"]["counting"]),
            all_there=_phrases(raw["counted"]["all_there"]),
            missing=_phrases(raw["counted"]["missing"]),
            missing_denied_by=frozenset(w.lower() for w in raw["counted"]["missing_denied_by"]),
            count_unless=_phrases(raw["counted"]["unless"]),
            possessed=re.compile(
                rf"\b\w+'s\s+(?:{'|'.join(re.escape(w) for w in raw['counted']['possessed'])})\b", re.IGNORECASE
            ),
            care_places=_phrases(raw["sent_home"]["places"]),
            care_places_as_written=re.compile(
                rf"(?<![\w'])(?:{'|'.join(re.escape(w) for w in raw['sent_home']['places_as_written'])})(?![\w'])"
            ),
            sent_home=_phrases(raw["sent_home"]["home"]),
            sent_home_told=_phrases(raw["sent_home"]["told"]),
            sent_home_unless=re.compile(
                _phrases([w for w in raw["sent_home"]["unless"] if w != "?"]).pattern + r"|\?", re.IGNORECASE
            ),
        )

    def read(
        self, text: str, temperature_talk: bool = False, taken_back: bool = False, given_away: bool = True
    ) -> TurnCues:
        """`temperature_talk`: the conversation is about a temperature, so a bare number in body range
        ("ok its 38.9 now") is a reading. `taken_back`: the follow-up classifier heard a correction
        in words the cue list does not have; read the message as one. `given_away`: whether a denial
        that someone takes the medicine may give the latest report to them (the symptom extractor
        says not, for what counts whoever it is about)."""
        text = text.replace("’", "'")
        if _bare(text) in self.take_back_last:
            return TurnCues(take_back_last=True)
        # Only the sentences that are not questions say something about the conversation: "Ok
        # thanks. What should I do if it goes up to 38.5?" reports nothing.
        told = " ".join(part for part in _SENTENCE.split(text) if part.strip() and not part.rstrip().endswith("?"))
        if told != text.strip() and len(_WORD.findall(told)) <= SMALL_TALK_WORDS:
            # "What if one is missing?" after a count still doubts it.
            return TurnCues(question=True, count_doubted=self._count_doubted(text))
        text = told
        words = len(_WORD.findall(text))
        short = words <= self.short_message_words
        # "this isn't a false alarm", "ignore that, it's way worse": not taken back.
        takes_back_all = self._said(text, self.takes_back_all) and not _WORSE.search(text) and " but " not in text
        # "it's 37.8, not 38.7": a number denied is a correction of it.
        denied_number = bool(_DENIED_NUMBER.search(text))
        # "It isn't me, it's my neighbour, she takes nothing of the sort": a correction in all but the word.
        someone_else = given_away and bool(self.someone_else_named(text))
        # Correction words, not in a likeness ("my hand feels like it's not mine").
        corrections = [m.group(0).lower() for m in self.correction.finditer(text) if not _likeness(text, m)]
        correction = takes_back_all or denied_number or taken_back or someone_else or bool(corrections)
        remeasured = bool(self.remeasured.search(text))
        ended = self._ended(text)
        dose_taken = self._dose_taken(text)
        # "That was back in March, nothing since": dated and said to be over, nothing still going.
        dated = (
            self._dates_the_report(text)
            and (ended or self._said(text, self.dated_resolved) or bool(self.dated_since.search(text)))
            and not (self._not_over(text) or self.dated_unless.search(text))
        )
        ended_it = ended and self._over(text, self.ended, subjects=self.ended_subjects)
        counted = self._counted_all_there(text)
        # "forget what I said, it's much worse" does not start afresh.
        start_over = None if _WORSE.search(text) or self._not_over(text) else self.start_over.search(text)
        return TurnCues(
            correction=correction,
            # "I was being dramatic, it's not unbearable": not when it says it is worse after all.
            softens=correction and self._softens(text),
            remeasured=remeasured,
            ended=ended,
            ended_all=ended and self._over(text, self.over_all, subjects=self.person_subjects),
            ended_it=ended_it,
            masked=self._masks(text),
            # Only the phrase itself ("can we start over?"): "forget what I said, it's much worse" is not.
            start_over=start_over is not None
            and words - len(_WORD.findall(start_over.group(0))) <= START_OVER_EXTRA_WORDS,
            takes_back_all=takes_back_all,
            replaces=correction and bool(self.replaces.search(text)),
            adds=bool(self.adds.search(text)),
            dose_taken=dose_taken,
            dose_repeat=dose_taken and bool(self.repeat.search(text)),
            topics=tuple(
                row
                for row, words in self.topics
                if correction and words.search(text) and not (row in self.amount_rows and self._said(text, _AMOUNT))
            ),
            # Only a correction in the cue words says someone else is not on it: the classifier's
            # reading of "he doesn't take it, mum does" is too little to give a report away.
            someone_else=someone_else,
            # A correction with the medicine denied of someone ("that reading was my son's, he's not on
            # aza"); the same forms as `someone_else` (a review found "Dad isn't on his own" taking an
            # emergency back).
            not_on_it=given_away
            and (someone_else or (correction and not taken_back and self._denied_of_another(text))),
            dated=dated,
            reading_c=self._reading(text, short) if (temperature_talk or correction or remeasured) else None,
            withdraws_reading=denied_number
            or someone_else
            or bool(self.reading_withdrawn.search(text))
            or any(word not in self.keeps_reading for word in corrections),
            counted=self.counted_rows if counted else (),
            count_doubted=not counted and (correction or self._count_doubted(text)),
        )

    def _count_doubted(self, text: str) -> bool:
        """May say a count was wrong: counts again, gives a number, names the tablets, says one is not
        there, found or missing, or taken, in any words not denied in its clause."""
        return bool(self.counting.search(text) or _COUNT_DOUBT.search(text)) or self._missing_said(text, [])

    def _missing_said(self, text: str, allowed: list[tuple[int, int]]) -> bool:
        """A missing or taken phrase outside `allowed`, not denied just before it nor by its clause's
        first word ("none of the foil is broken")."""
        for match in self.missing.finditer(text):
            if any(start <= match.start() < end for start, end in allowed):
                continue
            # Only its own clause: "No wait, she swallowed one" is not denied by the "No".
            clause = _clause_words_before(text, match.start())
            before = clause[-NEGATION_WINDOW:]
            if not any(w in self.missing_denied_by or w.endswith("n't") for w in [*before, *clause[:1]]):
                return True
        return False

    def _counted_all_there(self, text: str) -> bool:
        """The tablets counted and none missing: a counting word, an all-there phrase not denied nor
        put as a condition, nothing said to be missing or taken, no doubt, plan, other box, person or
        time, and no number but the all-there one."""
        if not self.counting.search(text) or self.count_unless.search(text) or self.possessed.search(text):
            return False
        phrases = [m.span() for m in self.all_there.finditer(text) if not self._negated(text, m)]
        if not phrases:
            return False
        if self._missing_said(text, phrases):  # "none missing" is the all-there phrase itself
            return False
        # One number at most, the count itself ("all 28 there"; not "28 there but the box said 30").
        return len(set(re.findall(r"\d+", text))) <= 1

    def _softens(self, text: str) -> bool:
        """A correction that takes the strength out of what was said and nothing else: a softening
        word not denied ("I was being dramatic", not "I'm not overreacting"), a strong word denied
        ("it's not unbearable"), no strong word said again undenied, nothing worse."""
        if _WORSE_STILL.search(text):
            return False
        softening = [m for m in self.softens.finditer(text) if not self._denied_before(text, m.start(), 2)]
        strong = list(self.softened_words.finditer(text))
        denied = [m for m in strong if self._denied_before(text, m.start(), 3)]
        return bool(softening and denied and len(denied) == len(strong))

    def _denied_before(self, text: str, start: int, words: int) -> bool:
        """A denial in the `words` words before `start` ("not", "isn't", "wasn't", "no longer")."""
        return bool(self.softened_by.search(" ".join(_WORD.findall(text[:start].lower())[-words:])))

    def _dose_taken(self, text: str) -> bool:
        """A dose taken, said in a clause that does not deny or ask it ("my partner didn't know and
        gave him another dose": the "didn't" is about knowing; "I didn't take it" is no dose)."""
        if self.usual_dose.search(text):
            return False
        for clause in _CLAUSE.split(_ASIDE.sub(" ", text)):
            if self.dose.search(clause) and not self.not_taken.search(clause):
                return True
        return False

    def _denied_of_another(self, text: str) -> bool:
        """In a correction, the medicine denied of someone ("no wait it wasn't me, my husband doesn't
        take it"), and nobody in the message said to take it ("he don't take aza, mum does"; "he
        don't take azathioprine, he takes imuran")."""
        if _AFFIRMS_TAKING.search(text):
            return False
        return any(self._denies_the_medicine(text, m) for m in self.others_not_on_it.finditer(text)) or bool(
            _DENIED_PRONOUN.search(text)
        )

    @staticmethod
    def _denies_the_medicine(text: str, denial: re.Match[str]) -> bool:
        """ "not on anything for the temperature" is about other medicines."""
        return not (
            denial.group(0).lower().endswith("anything")
            and re.match(r"\s*(?:for|to|yet|because|since)\b", text[denial.end() :], re.IGNORECASE)
        )

    @staticmethod
    def raised(celsius: float) -> bool:
        """A reading in one of red_flags.yml's temperature bands (raised or higher)."""
        return default_engine().lexicon.temperature_finding(celsius) is not None

    def _writer_well(self, text: str) -> bool:
        """The writer says they are well or were not the one ("I'm fine", "..., not me."), and after a
        bare "not me" gives no raised reading ("the 38.6 was my husband's, not me. Then I checked.
        38.6.")."""
        if self._said(text, self.taker_well):
            return True
        return any(
            not any(self.raised(celsius) for _, celsius in self._readings(text[m.end() :], short=False))
            for m in _NOT_ME.finditer(text)
        )

    def _sentence_words(self, text: str, position: int) -> list[str]:
        """The words of the sentence around `position` (a character offset), without a "not me"."""
        sentence = _NOT_ME.sub(" ", _sentence_around(text, position).replace("’", "'"))
        return [w.removesuffix("'s") for w in _WORD.findall(sentence.lower())]

    def speaks_of_writer(self, text: str, position: int) -> bool:
        """Whether the sentence around `position` (a character offset) speaks of the writer or of
        more than one ("I'm fine apart from night sweats", "a new lump in my neck", "temp
        38.9 here too", "we've all got it"; not "my husband has a cold", nor a "not me")."""
        words = self._sentence_words(text, position)
        if self.shared_words.search(" ".join(words)):
            return True
        for index, word in enumerate(words):
            if word in _WRITER:
                return True
            # "my neck", not "my (little) sister"
            if word in ("my", "mine", "our") and not set(words[index + 1 : index + 3]) & self.others:
                return True
        return False

    def given_to(self, text: str) -> str:
        """Who the message gives the report to, as a relation where it names one ("my brother ... he's
        not on any medication" -> "brother"), else the word before the denial ("he"), or ""."""
        person = self.someone_else_named(text)
        if person not in _PRONOUNS:
            return person
        denial = next(self.others_not_on_it.finditer(text), None)
        before = _WORD.findall(text[: denial.start() if denial else len(text)].lower())
        for word in reversed(before):
            word = word.removesuffix("'s")
            if person in self.pronouns_of.get(word, ()):
                return word
        return person

    def _names_someone(self, text: str) -> bool:
        """Whether the text names someone by a name or title ("Jacob has a cold", "Mr Patel"): a
        capitalised word that is not a common word, a person's word of the who-lists or the medicine."""
        return any(
            t[:1].isupper() and t.lower().removesuffix("'s") not in self.not_names for t in _CASED_WORD.findall(text)
        )

    def said_of(self, text: str, position: int, person: str) -> bool:
        """Whether the sentence around `position` speaks of `person` (the word a report was given away
        to: "husband", "she") and of nobody else: not of the writer or of more than one, and naming
        no other person ("Mum's temperature is 38.5 though" after giving the report to Dad)."""
        if self.speaks_of_writer(text, position) or self._names_someone(_sentence_around(text, position)):
            return False
        words = set(self._sentence_words(text, position))
        named = {w.removesuffix("'s") for w in _WORD.findall(text.lower().replace("’", "'"))} & set(self.pronouns_of)
        if person in _PRONOUNS:
            # Only "he" or "she" names them: the sentence says it, and the message names nobody it
            # could also stand for ("the cough is her visitor's, she's not on aza. The patient herself
            # has a temperature").
            pronouns = set(_PRONOUNS[person])
            return (
                bool(words & pronouns)
                and not words & self.others - pronouns - {"who"}
                and not any(person in self.pronouns_of[w] for w in named)
                # ...nor anyone by name anywhere ("the cough is Noah's, he's not on any tablets").
                and not self._names_someone(text)
            )
        own = {person} | set(self.pronouns_of.get(person, frozenset()))
        if not words & own or (words & self.others) - own - {"who"}:
            return False
        if person in words:
            return True
        # Only a pronoun: not when the message names someone else it could stand for ("it's my
        # brother, he's not on any tablets. Dad's the one on aza. He's got yellow eyes").
        pronouns = words & own
        return not any(pronouns & self.pronouns_of[w] for w in named - {person})

    def people_in(self, text: str) -> set[str]:
        """The people a message names by a relation or role ("dad", "my wife", "her carer")."""
        return {w.removesuffix("'s") for w in _WORD.findall(text.lower())} & (self.others - set(_PRONOUNS_OF_OTHERS))

    def someone_else_named(self, text: str) -> str:
        """Who the message gives what was reported to, by the word before the denial ("wife", "dad",
        "she"), or "": someone else's, who does not take the medicine, and the writer is well or was
        not the one: a denial of taking it whose nearest person before it in its sentence
        is someone else (not "I'm not on it yet"), with nothing after it that leaves other medicines
        ("doesn't take anything else") and no stopping or time in its sentence ("not on it any more")."""
        # ...and nobody in the message is said to take it ("not me, it's Dad and he's on aza").
        if not self._writer_well(text) or _AFFIRMS_TAKING.search(text):
            return ""
        for match in self.others_not_on_it.finditer(text):
            sentence_start = max(text.rfind(mark, 0, match.start()) for mark in ".!?\n") + 1
            ends = [i for i in (text.find(mark, match.end()) for mark in ".!?\n") if i >= 0]
            sentence = text[sentence_start : min(ends, default=len(text))]
            rest = re.split(r"[,;:(]|\bbut\b", text[match.end() : min(ends, default=len(text))])[0]
            if self.stopped.search(sentence) or self.stopped_now.search(rest):
                continue
            if not self._denies_the_medicine(text, match):
                continue
            # "he doesn't take azathioprine, only me" says who does; "only him", "anything else" do not.
            if any(word in self.not_all_medicine for word in _WORD.findall(sentence.lower()) if word != "only") or (
                re.search(r"\bonly\s+(?:him|her|them|he|she|they)\b", sentence, re.IGNORECASE)
            ):
                continue
            for word in reversed(_WORD.findall(text[sentence_start : match.start()].lower())):
                person = word.removesuffix("'s")
                if person in _WRITER:
                    break
                if person in self.others:
                    return person
        return ""

    def _dates_the_report(self, text: str) -> bool:
        """A past date whose back-reference starts its sentence or follows only lead-in words: what
        it dates is the report before, not something the message names first."""
        for match in self.dated.finditer(text):
            sentence = re.split(r"[.!?:;\n]", text[: match.start()])[-1]
            if all(word in self.dated_lead_in for word in _WORD.findall(sentence.lower())):
                return True
        return False

    def swapped(self, text: str, report: str) -> str | None:
        """The latest report with the unit of time a correction swaps ("typo, 2 WEEKS not years") put
        right, or None: no "X not Y" of two units in the correction, or Y (or a word of its group)
        is not in the report exactly once."""
        for match in _SWAP.finditer(text.replace("’", "'")):
            new, old = match.group("new"), match.group("old").lower()
            same, instead = self._same_unit(old), self._same_unit(new.lower())
            if same is None or instead is None or same == instead:
                continue
            places = [m for m in _SWAP_WORD.finditer(report) if m.group(0).lower() in same]
            if len(places) == 1:
                place = places[0]
                return f"{report[: place.start()]}{new}{report[place.end() :]}"
        return None

    def _same_unit(self, word: str) -> frozenset[str] | None:
        """The words that stand for the same unit of time as `word` ("yrs", "years"); None for any
        other word."""
        return next((group for group in self.swap_groups if word in group), None)

    def without_left_behind(self, text: str, spans: Iterable[tuple[int, int]]) -> tuple[str, str] | None:
        """The message without what it says is left ("The sickness has stopped. I'm still a touch
        queasy" -> "The sickness has stopped. I'm"): for each span, its sentence from the first word
        of its clause that leads in to what is left (`left_behind_by`: "still", "only", "apart
        from"), or from the last such word before it, or the whole sentence; and what was taken out.
        None when a part taken out says something is not over ("But it's come back on her legs"):
        what is left may be what was reported."""
        text = text.replace("’", "'")
        cut: list[tuple[int, int]] = []
        for start, end in spans:
            first, last = _sentence_bounds(text, start)
            # From the first lead-in word of the clause that holds it ("it's stopped, but I'm still a
            # bit queasy" from "but"), or the whole sentence.
            leads = [m.start() for m in self.left_behind_by.finditer(text, first, start)]
            in_clause = [lead for lead in leads if not re.search(r"[,;]", text[lead:start])]
            cut.append((min(in_clause, default=max(leads, default=first)), max(last, end)))
        kept, taken, position = [], [], 0
        for start, end in sorted(cut):
            if start > position:
                kept.append(text[position:start])
            if end > position:
                taken.append(text[max(start, position) : end])
            position = max(position, end)
        kept.append(text[position:])
        removed = " ".join(taken)
        if any(not self.left_behind_by.fullmatch(m.group(0)) for m in self._not_over_phrases(removed)):
            return None
        rest = " ".join(part.strip() for part in kept if part.strip()).rstrip(" ,;")
        # "it's stopped but just a bit queasy": a lead-in word before the one cut from ("but") goes too.
        while (trailing := _LAST_WORD.search(rest)) and self.left_behind_by.fullmatch(trailing.group(1)):
            rest = rest[: trailing.start()].rstrip(" ,;")
        return rest, removed

    def told_now(self, report: str) -> bool:
        """A report told in the present or as recent ("I've got crushing chest pain", "this
        morning"): "that was last year" after it dates an earlier episode like it, not this one."""
        return bool(self.told_in_present.search(report.replace("’", "'")))

    def says_sign_not_real(self, text: str) -> bool:
        """Says in so many words that the sign was not real ("it came straight off with a wipe",
        "negative", "nothing there"), not denied ("it doesn't wash off"), with no detail swapped or
        anything left standing ("I meant", "the ones on her legs didn't")."""
        text = text.replace("’", "'")
        return not self.sure_take_back_unless.search(text) and any(
            not self._negated(text, match) for match in self.sure_take_back_by.finditer(text)
        )

    def names_a_topic(self, text: str) -> bool:
        """Names the temperature or the dose by a word ("my temperature is back to normal"): what is
        over is that, not everything."""
        return any(words.search(text) for _, words in self.topics)

    def naming_words(self, text: str) -> list[str]:
        """The words a finding was reported in ("really sore throat"), as stems, for a later message to
        name it by."""
        return sorted({_stem(w) for w in _LETTERS.findall(text.lower()) if len(w) >= MIN_QUOTED_LETTERS})

    def over_subjects(self, text: str) -> list[list[str]]:
        """What each "over" phrase of the message is said of: the words that could name a finding in
        its clause before it ("the spots on my face have cleared up" -> spots, face)."""
        text = text.replace("’", "'")
        ignored = self.function_words | self.naming_stop_words
        subjects = []
        for phrases in (self.ended, self.over_all):
            for match in phrases.finditer(text):
                clause = re.split(r"[.!?:;,\n]|\band\b|\bbut\b", text[: match.start()], flags=re.IGNORECASE)[-1]
                subjects.append(
                    [w for w in self.naming_words(clause) if len(w) >= MIN_NAMING_LETTERS and w not in ignored]
                )
        return subjects

    def names(self, text: str, words: Iterable[str], quoted: bool = False) -> bool:
        """Whether the message names a finding by one of the words it was reported in: "her throat's
        been fine" names "a sore throat". `quoted`: a correction of the words themselves ("DOWN?? meant
        IN") may quote any word but a function word; otherwise only a word that can name a finding
        on its own counts."""
        ignored = self.function_words if quoted else self.function_words | self.naming_stop_words
        shortest = MIN_QUOTED_LETTERS if quoted else MIN_NAMING_LETTERS
        own = [w for w in self.naming_words(text) if len(w) >= shortest and w not in ignored]
        theirs = [w for w in words if len(w) >= shortest and w not in ignored]
        return any(_same_stem(a, b) for a in own for b in theirs)

    def topic_rows(self, text: str) -> set[str]:
        """Rows of the triage table the message names by a word ("the temperature")."""
        return {row for row, words in self.topics if words.search(text)}

    def parts_said_over(self, text: str) -> list[str]:
        """The parts of the body an "over" phrase is said of, in the clause before it ("legs feel fine
        now" -> legs, "Ear's fine now" -> ear): that part is fine, not everything reported."""
        text = text.replace("’", "'")
        clauses = [
            _clause_words_before(text, m.start()) for m in self.ended.finditer(text) if not self._negated(text, m)
        ]
        words = [word.removesuffix("'s") for clause in clauses for word in clause]
        return [word for word in words if word in self.over_said_of_parts]

    def may_be_over(self, text: str) -> bool:
        """Whether a learned reading that the episode is over may apply: nothing still going, coming
        back or excepted ("all cleared up apart from..."), no help awaited, nobody asleep, and no
        "over" phrase denied ("hasn't gone away at all"): the message says in so many words that it
        is not over, whatever else it sounds like."""
        text = text.replace("’", "'")
        return not (self._says_not_over(text) or self.learned_over_unless_care.search(text))

    def _says_not_over(self, text: str) -> bool:
        """Something still going, excepted or back, help awaited, someone asleep, a prediction, or an
        "over" phrase denied: what no learned reading of an ending overrides."""
        return bool(self._not_over(text) or self.learned_over_unless.search(text) or self._denies_over(text))

    def sent_home_from_care(self, text: str) -> bool:
        """Whether the message says emergency care has finished and sent the person home ("Home from
        the ER now, EKG and troponin normal, discharged at 2am"), every sentence telling of the care or
        that all is well, with nothing still going, awaited, excepted, doubted or asked
        (conversation_cues.yml `sent_home`), and no "over" phrase denied."""
        text = text.replace("’", "'")
        sentences = [s for s in re.split(r"[.!;\n]+", text) if _WORD.search(s)]
        return bool(
            not _YEAR.search(text)
            and (self.care_places.search(text) or self.care_places_as_written.search(text))
            and self.sent_home.search(text)
            and all(self.sent_home_told.search(s) or self.sent_home.search(s) for s in sentences)
            and not self.sent_home_unless.search(text)
            and not self._says_not_over(text)
        )

    def _denies_over(self, text: str) -> bool:
        return any(
            self._negated(text, match) for phrases in (self.ended, self.over_all) for match in phrases.finditer(text)
        )

    def _negated(self, text: str, match: re.Match[str]) -> bool:
        """Denied, hoped for or put in the future by a word just before ("hasn't gone", "hope it clears")."""
        before = _WORD.findall(text[: match.start()].lower())[-NEGATION_WINDOW:]
        return any(_negates(word, self.ended_negated_by) for word in before)

    def _ended(self, text: str) -> bool:
        return not self._not_over(text) and (self._over(text, self.ended) or self._over(text, self.over_all))

    def _not_over_phrases(self, text: str) -> list[re.Match[str]]:
        """The phrases that say something is still going, excepted or back ("still", "apart from",
        "it's come back"); not one ending in "back" that a result word follows ("bloods came back
        fine", "came back negative"). "It's back to normal" stays one: "back to" can be "back to how
        it was"."""
        return [
            m
            for m in self.ended_unless.finditer(text)
            if not (
                m.group(0).lower().endswith("back")
                and (_WORD.findall(text[m.end() :].lower())[:1] or [""])[0] in self.back_to_normal_after
            )
        ]

    def _not_over(self, text: str) -> bool:
        return bool(self._not_over_phrases(text))

    def _masks(self, text: str) -> bool:
        """A fever-lowering medicine taken: not "no paracetamol since Sunday" or "I've not taken any
        paracetamol", but "he'd had calpol" and "no ibuprofen, just paracetamol"."""
        for match in self.masking.finditer(text):
            before = _WORD.findall(text[: match.start()].lower())[-NEGATION_WINDOW:]
            denied = [i for i, word in enumerate(before) if word in _DENIALS or word.endswith("n't")]
            if not denied or any(word in NOT_DENIED_AFTER for word in before[denied[-1] + 1 :]):
                return True
        return False

    def _said(self, text: str, phrases: re.Pattern[str]) -> bool:
        """A phrase not negated just before ("this isn't a false alarm"), nor a likeness ("my hand
        feels like it's not mine" is a sign, not someone else's report)."""
        return any(not (self._negated(text, match) or _likeness(text, match)) for match in phrases.finditer(text))

    def _over(self, text: str, phrases: re.Pattern[str], subjects: frozenset[str] | None = None) -> bool:
        """An "over" phrase that is not negated, hoped for or put in the future; with `subjects`, one
        whose clause names nothing but these words before it ("ok it went away", "Update: resolved";
        not "my temperature is back to normal")."""
        for match in phrases.finditer(text):
            clause = _clause_words_before(text, match.start()) if subjects is not None else []
            if subjects is not None and any(word not in subjects for word in clause):
                continue
            after = _WORD.findall(text[match.end() :].lower())[:2]
            if self._negated(text, match):
                continue
            if any(word in self.ended_then_not for word in after):
                continue
            return True
        return False

    def _reading(self, text: str, short: bool) -> float | None:
        """The last body temperature written as a bare number or in words ("thirty six point two"):
        a decimal, or a whole number beside a temperature word or alone in a short message; not an
        age ("he is 40"), not oxygen or a pulse ("sats 96"), not a reading from days before."""
        found = self._readings(text, short)
        return round(max(found)[1], 1) if found else None

    def _readings(self, text: str, short: bool) -> list[tuple[int, float]]:
        found: list[tuple[int, float]] = []
        for start, _end, value in spelled_temperatures(text):
            if _DENIED_BEFORE.search(text[:start]):
                continue  # "ninety eight point one, not a hundred and one": the wrong one
            celsius = to_celsius(value, None)
            if celsius is not None:
                found.append((start, celsius))
        for match in _NUMBER.finditer(text):
            before, around = text[: match.start()], text[max(0, match.start() - 40) : match.end() + 25]
            whole = not re.search(r"[.,]", match.group(1))
            if self.not_a_reading_after.search(before) or self.past_reading.search(around):
                continue
            if _DENIED_BEFORE.search(before):
                continue  # "not 38.7": the wrong one
            if whole and (AGE_BEFORE.search(before) or not (short or TEMPERATURE_WORDS.search(around))):
                continue
            celsius = to_celsius(float(match.group(1).replace(",", ".")), None)
            if celsius is not None and 34 <= celsius <= 43:
                found.append((match.start(), celsius))
        return found


# A year, not a time on the 24-hour clock or a start ("at 2030", "around 2000", "since 2019").
_NOT_A_CLOCK = "".join(rf"(?<!\b{w}\s)" for w in ("at", "around", "about", "by", "until", "till", "since", "from"))


def _dated(
    back_references: list[str], distant_past: Iterable[str], gap_words: int, then: Iterable[str]
) -> re.Pattern[str]:
    """ "That was back in March", "this was all last month": a back-reference, then a distant past
    within a few words that deny nothing ("that was not last month"), ending its clause or followed
    by one of `then`; not "that was last month's" (a result of then, with today's to follow), nor
    "that was last year I got started on it" (the date is of what follows). "in 20" takes the rest
    of a year ("in 2015"), "back in" one word ("back in Jan"); a year alone is one too ("that was
    2019 btw, not now")."""

    def alternatives(words: Iterable[str]) -> str:
        return "|".join(sorted((re.escape(w.lower()) for w in words), key=len, reverse=True))

    gap = rf"(?:(?!not\b|never\b|n't\b)[\w']+\s+){{0,{gap_words}}}?"
    ends = rf"(?=\s*(?:$|[^\w\s']|(?:{alternatives(then)})(?![\w'])))"
    return re.compile(
        rf"(?<![\w'])(?:{alternatives(back_references)})\s+{gap}(?:(?:{alternatives(distant_past)})(?:(?<=\bin)\s+[\w']+)?\d*|{_NOT_A_CLOCK}(?:19|20)\d\d)(?![\w']){ends}",
        re.IGNORECASE,
    )


def _likeness(text: str, match: re.Match[str]) -> bool:
    """A phrase said in a likeness ("feels like it's not mine"): about a sign, not the conversation."""
    return bool(_LIKENESS_BEFORE.search(text[: match.start()]))


def _stem(word: str) -> str:
    """ "shivers", "shivering" -> "shiver"; "itchy" -> "itch": close enough to compare."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_NAMING_LETTERS:
            return word[: -len(suffix)]
    return word


def _same_stem(a: str, b: str) -> bool:
    """The same word ("temp", "temperature"; "nauseous", "nausea"), not one that only starts alike."""
    short, long = sorted((a, b), key=len)
    if long.startswith(short):
        return True
    return a[:COMMON_STEM_LETTERS] == b[:COMMON_STEM_LETTERS] and min(len(a), len(b)) >= COMMON_STEM_LETTERS


def _negates(word: str, negations: frozenset[str]) -> bool:
    """ "not", "don't", "hasnt", "nothing's", "I'd", "he'll": a denial, a condition or a future."""
    return word.split("'")[0] in negations or word in _BARE_CONTRACTIONS or word.endswith(("n't", "'d", "'ll"))


def _sentence_bounds(text: str, position: int) -> tuple[int, int]:
    """Where the sentence that holds `position` starts and ends; a decimal point ends none."""
    start, end = 0, len(text)
    for stop in _SENTENCE_END.finditer(text):
        if stop.end() <= position:
            start = stop.end()
        elif stop.start() >= position:
            end = stop.start()
            break
    return start, end


def _clause_words_before(text: str, position: int) -> list[str]:
    """The words of the clause before `position`, back to the last punctuation mark, lower-cased."""
    return _WORD.findall(re.split(r"[.!?:;,\n]", text[:position])[-1].lower())


def _sentence_around(text: str, position: int) -> str:
    """The sentence that holds `position` (a character offset); a decimal point ends none."""
    start, end = _sentence_bounds(text, position)
    return text[start:end]


def _bare(text: str) -> str:
    return " ".join(_WORD.findall(text.lower().replace("’", "'")))


@lru_cache(maxsize=1)
def default_cue_reader() -> ConversationCueReader:
    return ConversationCueReader.from_file()
