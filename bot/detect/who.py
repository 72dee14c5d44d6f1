"""Whose finding it is: the person each finding is said of, and whether that person takes the medicine.

The reference's rule: a symptom reported for someone else who takes azathioprine counts as the
patient's. So a finding said of another person is set aside only when the message shows that
this person does not take it (the cases in data/clinical/context_cues.yml, `who`). Everything
uncertain counts: the writer's own findings, a finding whose clause names nobody ("friend has
covid, temp 38.5 this morning"), a pronoun that could stand for more than one person, and a
name the lists do not know ("Jacob is on aza. He has a fever").

Words are the detector's token norms ("im" -> "i", "am"; "doesn't" -> "does", "not").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.detect.text import SENTENCE_END, Phrase, Tokenizer, phrase_hits, sentence_bounds

Words = Sequence[str]
WRITER = "writer"
NEGATIONS = frozenset(("not", "never", "no", "n't", "nt"))
# "not" ... "on"/"take" ... "any medicine": how many words each step may skip.
NOT_ON_GAP = 3
# A possessive before a person's word names that person, not the writer ("my son", "her brother").
POSSESSIVES = frozenset(("my", "his", "her", "their", "our", "your"))
POSSESSIVE_REACH = 2  # "her older brother"
BEFORE_VERB = frozenset(("be", "been", "even", "ever", "actually", "really"))
JOINING = frozenset(("and", "or"))
# What may stand between a joining word and a finding it joins: "and a (really) high temperature".
GLUE = frozenset(("a", "an", "the", "some", "high", "bad", "really", "very", "little", "bit", "of", "slight", "mild"))
SHARED_BEFORE = frozenset(("both", "we", "us", "all", "each", "and", "so", "same", "either", "neither", "too", "also"))
SHARED_AFTER = frozenset(("too", "also", "both", "well", "all", "as", "so", "same"))
PRONOUN_OBJECTS = frozenset(("it", "them", "those", "these"))
SELVES = frozenset(("himself", "herself", "themselves", "myself", "either", "too", "at"))
PRONOUNS = {"he": "he", "him": "he", "his": "he", "she": "she", "her": "she", "hers": "she"}


@dataclass(frozen=True)
class Person:
    """`name`: a word of the lists ("son"), WRITER, or a pronoun no listed word stands behind
    ("he?"). `definite`: one person for certain (not a pronoun that could be two people)."""

    name: str
    definite: bool = True


@dataclass(frozen=True)
class _Reference:
    position: int
    person: Person


class WhoReader:
    def __init__(self, who: Mapping[str, Sequence[str]], tokenizer: Tokenizer):
        def phrases(key: str) -> list[Phrase]:
            return tokenizer.phrases(who.get(key, ()))

        self.always_counts = frozenset(who.get("always_counts", ()))
        self.gender: dict[Phrase, str] = {}
        for pronoun in ("he", "she", "either"):
            for phrase in phrases(pronoun):
                self.gender[phrase] = pronoun
        self.people = sorted(self.gender, key=len, reverse=True)
        self.contacts = frozenset(phrases("contacts"))
        self.writer = frozenset(w for phrase in phrases("writer") for w in phrase)
        self.well = phrases("well")
        self.medicine = frozenset(w for phrase in phrases("medicine") for w in phrase)
        self.not_on_verbs = frozenset(w for phrase in phrases("not_on_verbs") for w in phrase)
        self.not_on_objects = frozenset(w for phrase in phrases("not_on_objects") for w in phrase)
        self.stopped = phrases("stopped")
        self.clause_breaks = frozenset(w for phrase in phrases("clause_breaks") for w in phrase) | SENTENCE_END

    @property
    def enabled(self) -> bool:
        return bool(self.people)

    def read(self, words: Words) -> Whose:
        return Whose(self, list(words))

    # ---- people named --------------------------------------------------------------------

    def references(self, words: Words) -> list[_Reference]:
        """Every mention of a person, in order, with pronouns resolved where only one listed person
        of their kind was named before them."""
        found: list[_Reference] = []
        named: list[tuple[Phrase, str]] = []  # listed people so far, with their pronoun kind
        position = 0
        while position < len(words):
            person_here = self._person_at(words, position)
            if person_here is not None:
                named.append((person_here, self.gender[person_here]))
                found.append(_Reference(position, Person(" ".join(person_here))))
                position += len(person_here)
                continue
            word = words[position]
            owner_of_next = word in POSSESSIVES and any(
                self._person_at(words, p) is not None
                for p in range(position + 1, min(len(words), position + 1 + POSSESSIVE_REACH))
            )
            if word in self.writer and not owner_of_next:
                found.append(_Reference(position, Person(WRITER)))
            elif word in PRONOUNS and not owner_of_next:
                kind = PRONOUNS[word]
                candidates = {" ".join(p) for p, g in named if g in (kind, "either")}
                if len(candidates) == 1:
                    found.append(_Reference(position, Person(candidates.pop())))
                else:
                    found.append(_Reference(position, Person(f"{kind}?", definite=not candidates)))
            position += 1
        return found

    def _person_at(self, words: Words, position: int) -> Phrase | None:
        for phrase in self.people:
            if tuple(words[position : position + len(phrase)]) == phrase:
                return phrase
        return None


class Whose:
    """One message read for who is who."""

    def __init__(self, reader: WhoReader, words: list[str]):
        self.reader = reader
        self.words = words
        self.references = reader.references(words)
        self.not_on_it = [p for p in self._not_on_it_people() if p is not None]
        self.on_it = self._on_it_people()
        self.well = self._well_people()

    def someone_elses(self, start: int, row: str) -> bool:
        """Whether the finding whose first word is at `start` is said of someone who does not take
        the medicine."""
        if row in self.reader.always_counts:
            return False
        person = self._person_before(start, cross_breaks=False)
        # "my daughter noticed some purple marks on my tummy": the marks are the writer's.
        if person is None or not person.definite or self._people_after(start) - {person}:
            return False
        if person in self.not_on_it:
            return True
        # The writer, or a pronoun no listed person stands behind: only by saying so.
        if person.name == WRITER or person.name.endswith("?"):
            return False
        others_take_it = bool(self.on_it) and all(p is not None and p.definite for p in self.on_it)
        if others_take_it and person not in self.on_it:
            return True
        return (
            tuple(person.name.split()) in self.reader.contacts
            and person not in self.on_it
            and None not in self.on_it
            and any(p is not None and p.definite and p != person for p in self.well)
        )

    def _person_before(self, position: int, cross_breaks: bool) -> Person | None:
        """The latest person named before `position` in its sentence, or in its clause. An aside
        about someone ("My husband, who isn't on any tablets himself, has a tummy bug") is skipped,
        and so is an "and" that only joins findings ("a stinking cold and a temperature")."""
        sentence_start = sentence_bounds(self.words, min(position, len(self.words) - 1))[0] if self.words else 0
        named = {r.position: r.person for r in self.references}
        index = position - 1
        while index >= sentence_start:
            if index in named:
                return named[index]
            if self.words[index] in self.reader.clause_breaks:
                opening = self._aside_opening(index, sentence_start)
                if opening is not None:
                    index = opening - 1
                    continue
                joins = self.words[index] in JOINING and all(w in GLUE for w in self.words[index + 1 : position])
                if not cross_breaks and not joins:
                    return None
            index -= 1
        return None

    def _people_after(self, position: int) -> set[Person]:
        """The people named after `position` in its clause ("some purple marks on my tummy")."""
        end = sentence_bounds(self.words, min(position, len(self.words) - 1))[1] if self.words else 0
        named = {r.position: r.person for r in self.references}
        people = set()
        for index in range(position, end):
            if self.words[index] in self.reader.clause_breaks:
                break
            if index in named:
                people.add(named[index])
        return people

    def _aside_opening(self, comma: int, sentence_start: int) -> int | None:
        """Where the aside that `comma` closes opens: ", who ... ," or ", which ... ,"."""
        if self.words[comma] != ",":
            return None
        index = comma - 1
        while index >= sentence_start and self.words[index] not in self.reader.clause_breaks:
            index -= 1
        if (
            index >= sentence_start
            and self.words[index] == ","
            and self.words[index + 1 : index + 2] in (["who"], ["which"])
        ):
            return index
        return None

    def _not_on_it_people(self) -> list[Person | None]:
        """Who each statement that someone does not take the medicine is about: "not on any
        tablets", "hasn't been on aza", "doesn't take any medicine", "he doesn't take it.", "on
        warfarin, not aza". Not a dose missed or a way of taking it ("didn't take it today", "I
        don't take it with food"), and not someone who has stopped or not yet started ("she's not
        on it any more", "not on it yet")."""
        people: list[Person | None] = []
        words = self.words
        for position, word in enumerate(words):
            # "she takes nothing", "he's on nothing"
            takes_nothing = word == "nothing" and words[position - 1 : position] in (["takes"], ["take"], ["on"])
            if not takes_nothing and (word not in NEGATIONS or not self._says_not_on_it(position)):
                continue
            sentence = sentence_bounds(words, position)
            if phrase_hits(words, sentence[0], sentence[1], self.reader.stopped):
                continue
            people.append(self._person_before(position, cross_breaks=True))
        return people

    def _says_not_on_it(self, negation: int) -> bool:
        words = self.words
        after = words[negation + 1 : negation + 3]
        if after[:1] and after[0] in self.reader.medicine:
            return True  # "on warfarin, not aza"
        verb = negation + 1 + (1 if after[:1] and after[0] in BEFORE_VERB else 0)
        if verb >= len(words) or words[verb] not in self.reader.not_on_verbs:
            return False
        # "doesn't take", "never takes": a habit, not a dose missed ("didn't take it today").
        if words[verb] not in ("on", "taking", "prescribed") and not (
            words[negation] == "never" or words[negation - 1 : negation] in (["do"], ["does"])
        ):
            return False
        objects = words[verb + 1 : verb + 1 + NOT_ON_GAP]
        for offset, item in enumerate(objects):
            if item in PRONOUN_OBJECTS:
                # "he doesn't take it." but not "I don't take it with food".
                following = words[verb + 2 + offset] if verb + 2 + offset < len(words) else "."
                return following in self.reader.clause_breaks or following in SELVES
            if item in self.reader.not_on_objects:
                return True
        return False

    def _on_it_people(self) -> list[Person | None]:
        """Who each mention of taking the medicine is about ("I take azathioprine", "he's on aza",
        "my imuran"); None when no person is named before it in its sentence."""
        people: list[Person | None] = []
        words = self.words
        for position, word in enumerate(words):
            if word not in self.reader.medicine:
                continue
            before = words[max(0, position - NOT_ON_GAP) : position]
            if any(w in NEGATIONS for w in before):
                continue
            if position > 0 and words[position - 1] in POSSESSIVES:
                owner = words[position - 1]
                people.append(
                    Person(WRITER)
                    if owner == "my"
                    else self._person_before(position, cross_breaks=True)
                    if owner in PRONOUNS
                    else None
                )
                continue
            if not any(w in ("on", "take", "takes", "taking", "took", "taken") for w in before):
                continue
            # "my daughter and I are both on aza", "we're on it too": more than one person.
            start = sentence_bounds(words, position)[0]
            shared = any(w in SHARED_BEFORE for w in words[start:position]) or any(
                w in SHARED_AFTER for w in words[position + 1 : position + 3]
            )
            people.append(None if shared else self._person_before(position, cross_breaks=True))
        return people

    def _well_people(self) -> list[Person | None]:
        """Who is said to be well ("im fine" -> the writer; "he feels fine"); with nobody named
        before it in its sentence, the writer ("no symptoms at all")."""
        people: list[Person | None] = []
        for position, _ in phrase_hits(self.words, 0, len(self.words), self.reader.well):
            if any(w in NEGATIONS for w in self.words[max(0, position - 2) : position]):
                continue
            person = self._person_before(position, cross_breaks=False)
            people.append(person or Person(WRITER))
        return people
