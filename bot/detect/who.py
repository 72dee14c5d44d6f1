"""Whose finding it is: the person each finding is said of, and whether that person takes the medicine.

The reference's rule: a symptom reported for someone else who takes azathioprine counts as the
patient's, and carers do not always say that the person they write about takes it. So a finding
is set aside only when the person it is said of is another named person (the subject of its
clause) and the message says plainly that this person takes no medicine, or not this one, with
nothing after it ("my husband has a temperature but he's not on any tablets"; not "not on any
other meds", "doesn't take them at night", "isn't on anything", "hasn't been taking it", nor in a
message that speaks of stopping or pausing it anywhere: "He's on nothing. He had his last tablet
on Monday").
Everything uncertain counts: the writer's own findings, a clause that names nobody ("friend has
covid, temp 38.5 this morning"), someone who noticed or was told ("my husband noticed my eyes
look yellow"), a pronoun that could stand for two people, a message in which someone the lists
cannot name takes it ("our Lily is on aza and she has a temp"), an emergency sign (whoever has
it needs the emergency number), and the rows in `always_counts` (exposure to an infection, an
overdose, a child swallowing tablets, a crisis).

Words are the detector's token norms ("im" -> "i", "am"; "doesn't" -> "does", "not"); `texts` are
the tokens as written, for names ("Jacob").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.detect.text import SENTENCE_END, Phrase, Tokenizer, phrase_hits, sentence_bounds

Words = Sequence[str]
WRITER = "writer"
NAME = "either"  # a name ("Jacob") can stand behind "he" or "she"
NEGATIONS = frozenset(("not", "never", "n't", "nt"))
# A possessive before a person's word names that person, not the writer ("my son", "her brother").
POSSESSIVES = frozenset(("my", "his", "her", "their", "our", "your"))
POSSESSIVE_REACH = 2  # "her older brother"
# Between "not" and "on"/"take": "isn't even on any tablets".
BEFORE_VERB = frozenset(("even", "actually", "really"))
# "not on any" + one of these, or nothing: all medicine.
ANY_MEDICINE = frozenset(("medicine", "medicines", "medication", "medications", "meds", "tablets", "pills", "drugs"))
# What may follow a statement that someone takes nothing: the end of the clause, or these.
STATEMENT_ENDS = frozenset(("at", "all", "himself", "herself", "themselves", "either", "whatsoever"))
JOINING = frozenset(("and", "or"))
# More than one person in a finding's clause: "we've both got", "all of us".
SHARED = frozenset(("both", "we", "us", "all", "too", "also"))
SHARED_AFTER = SHARED | frozenset(("same", "ditto", "as", "so", "everyone", "everybody", "household", "house"))
# What may stand between a joining word and a finding it joins: "and a (really) high temperature".
# ...and the words a reading is given with: "and a temperature of 38.4".
GLUE = frozenset(
    ("a", "an", "the", "some", "high", "bad", "really", "very", "little", "bit", "of", "slight", "mild")
) | frozenset(("temp", "temperature", "fever"))
PRONOUNS = {"he": "he", "him": "he", "his": "he", "she": "she", "her": "she", "hers": "she"}
TAKING = frozenset(("on", "take", "takes", "taking", "took", "taken"))


@dataclass(frozen=True)
class Person:
    """`name`: a word of the lists ("son"), a name ("jacob"), WRITER, or a pronoun nobody named
    stands behind ("he?"). `definite`: one person for certain (not a pronoun that could be two)."""

    name: str
    definite: bool = True


@dataclass(frozen=True)
class _Reference:
    position: int
    person: Person


class WhoReader:
    def __init__(self, who: Mapping[str, Sequence[str]], tokenizer: Tokenizer, other_medicines: Sequence[str] = ()):
        def phrases(key: str) -> list[Phrase]:
            return tokenizer.phrases(who.get(key, ()))

        def words(key: str) -> frozenset[str]:
            return frozenset(w for phrase in phrases(key) for w in phrase)

        self.always_counts = frozenset(who.get("always_counts", ()))
        self.gender: dict[Phrase, str] = {}
        for pronoun in ("he", "she", "either"):
            for phrase in phrases(pronoun):
                self.gender[phrase] = pronoun
        self.people = sorted(self.gender, key=len, reverse=True)
        self.writer = words("writer")
        self.medicine = words("medicine")
        self.similar_medicines = phrases("similar_medicines")
        self.stopped = phrases("stopped")
        self.stopped_in_sentence = phrases("stopped_in_sentence")
        self.not_all_medicine = words("not_all_medicine")
        self.statement_forms = phrases("statement_forms")
        self.told = words("told")
        # Medicines that are not this one nor a close relative (data/clinical/medicines.yml), one
        # word each: "she's on Benlysta, not Imuran".
        related = self.medicine | frozenset(w for phrase in self.similar_medicines for w in phrase)
        self.other_medicines = (
            frozenset(phrase[0] for phrase in tokenizer.phrases(other_medicines) if len(phrase) == 1) - related
        )
        self.clause_breaks = words("clause_breaks") | SENTENCE_END

    def read(self, words: Words, texts: Sequence[str] | None = None) -> Whose:
        return Whose(self, list(words), list(texts) if texts is not None else list(words))

    def person_at(self, words: Words, position: int) -> Phrase | None:
        for phrase in self.people:
            if tuple(words[position : position + len(phrase)]) == phrase:
                return phrase
        return None


class Whose:
    """One message read for who is who."""

    def __init__(self, reader: WhoReader, words: list[str], texts: list[str]):
        self.reader = reader
        self.words = words
        self.texts = texts
        self.references = self._references()
        self.named = {r.position: r for r in self.references}
        self.taken_at = self._on_it_people()  # position of each naming of the medicine -> who takes it
        self.on_it = list(self.taken_at.values())
        self.not_on_it = self._not_on_it_people()

    def someone_elses(self, start: int, row: str, level: str | None) -> bool:
        """Whether the finding whose first word is at `start` is said of someone who does not take
        the medicine. Never an emergency sign: whoever has it needs the emergency number."""
        if row in self.reader.always_counts or level == "emergency" or not self.not_on_it:
            return False
        reference = self._person_before(start, cross_breaks=False)
        if reference is None:
            return False
        person = reference.person
        if person.name == WRITER or person.name.endswith("?") or not person.definite:
            return False
        # "my daughter noticed some purple marks on my tummy", "told my husband about the chest pain",
        # "me and my husband have both got a temp"
        if self._people_after(start) - {person} or any(
            w in self.reader.told for w in self.words[reference.position : start]
        ):
            return False
        if self._clause_people(start) - {person} or any(w in SHARED for w in self._clause_words(start)):
            return False
        # "...a temp of 39 and I do too", "and so have I", "same as me", "so does my son": told after
        # it ("I'm the one on aza" is not).
        end = sentence_bounds(self.words, start)[1]
        after = range(start, end)
        if any(self.words[i] in SHARED_AFTER for i in after) or any(
            i in self.named and self.named[i].person not in (person, Person(WRITER)) for i in after
        ):
            return False
        # Someone the message cannot pin down takes it ("our Lily is on aza"), or this person does.
        if any(p is None or not p.definite or p == person for p in self.on_it):
            return False
        return person in self.not_on_it

    # ---- people named --------------------------------------------------------------------

    def _references(self) -> list[_Reference]:
        """Every mention of a person, in order, with "he"/"she" resolved where only one person of
        their kind was named before them; a name ("Jacob", "Lily") is such a person too."""
        words, reader = self.words, self.reader
        found: list[_Reference] = []
        named: list[tuple[str, str]] = []  # people so far, with the pronoun that can stand for them
        position = 0
        while position < len(words):
            listed = reader.person_at(words, position)
            if listed is not None:
                named.append((" ".join(listed), reader.gender[listed]))
                found.append(_Reference(position, Person(" ".join(listed))))
                position += len(listed)
                continue
            word = words[position]
            if self._is_name(position):
                named.append((word, NAME))
                found.append(_Reference(position, Person(word)))
                position += 1
                continue
            owner_of_next = word in POSSESSIVES and any(
                reader.person_at(words, p) is not None or self._is_name(p)
                for p in range(position + 1, min(len(words), position + 1 + POSSESSIVE_REACH))
            )
            if word in reader.writer and not owner_of_next:
                found.append(_Reference(position, Person(WRITER)))
            elif word in PRONOUNS and not owner_of_next:
                kind = PRONOUNS[word]
                candidates = {name for name, g in named if g in (kind, NAME)}
                if len(candidates) == 1:
                    found.append(_Reference(position, Person(candidates.pop())))
                else:
                    found.append(_Reference(position, Person(f"{kind}?", definite=not candidates)))
            position += 1
        return found

    def _is_name(self, position: int) -> bool:
        """A capitalised word inside a sentence that is no word the lists know ("our Jacob")."""
        text = self.texts[position] if position < len(self.texts) else ""
        if not (text[:1].isupper() and text[1:].islower() and text.isalpha()) or position == 0:
            return False
        word = self.words[position]
        known = word in self.reader.writer or word in PRONOUNS or word in self.reader.medicine
        # "she's on Benlysta": a medicine the table knows, not a person.
        medicine = word in self.reader.other_medicines and self.words[position - 1] in ("on", "takes", "taking")
        return not known and not medicine and self.words[position - 1] not in SENTENCE_END

    def _person_before(self, position: int, cross_breaks: bool) -> _Reference | None:
        """The latest person named before `position` in its sentence, or in its clause. An aside
        about someone ("My husband, who isn't on any tablets himself, has a tummy bug") is skipped,
        and so is an "and" that only joins findings ("a stinking cold and a temperature")."""
        if not self.words:
            return None
        sentence_start = sentence_bounds(self.words, min(position, len(self.words) - 1))[0]
        index = position - 1
        while index >= sentence_start:
            if index in self.named:
                return self.named[index]
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

    def _clause_words(self, position: int) -> list[str]:
        """The words of the clause before `position` ("me and my husband have both got")."""
        start = sentence_bounds(self.words, min(position, len(self.words) - 1))[0] if self.words else 0
        index = position - 1
        while index >= start and self.words[index] not in self.reader.clause_breaks - JOINING:
            index -= 1
        return self.words[index + 1 : position]

    def _clause_people(self, position: int) -> set[Person]:
        first = position - len(self._clause_words(position))
        return {self.named[i].person for i in range(first, position) if i in self.named}

    def _people_after(self, position: int) -> set[Person]:
        """The people named after `position` in its clause ("some purple marks on my tummy")."""
        end = sentence_bounds(self.words, min(position, len(self.words) - 1))[1] if self.words else 0
        people = set()
        for index in range(position, end):
            if self.words[index] in self.reader.clause_breaks:
                break
            if index in self.named:
                people.add(self.named[index].person)
        return people

    def _aside_opening(self, comma: int, sentence_start: int) -> int | None:
        """Where the aside that `comma` closes opens: ", who ... ,", ", which ... ," or "( ... )" right
        after the person it is about ("Her little sister (not on any meds) has a temp")."""
        if self.words[comma] == ")":
            index = comma - 1
            while index >= sentence_start and self.words[index] not in ("(", ")"):
                index -= 1
            # Only an aside about the person just named: not "He's looking after DS (7) who has".
            opens = index >= sentence_start and self.words[index] == "(" and index - 1 in self.named
            return index if opens else None
        if self.words[comma] != ",":
            return None
        index = comma - 1
        while index >= sentence_start and self.words[index] not in self.reader.clause_breaks:
            index -= 1
        opens = self.words[index + 1 : index + 2] in (["who"], ["which"])
        return index if index >= sentence_start and self.words[index] == "," and opens else None

    # ---- who takes it --------------------------------------------------------------------

    def _on_it_people(self) -> dict[int, Person | None]:
        """Who each mention of the medicine by name is about ("I take azathioprine", "he's on aza",
        "my imuran", "Lily's aza"); None when it names nobody or more than one person ("we're both
        on aza", "so is my daughter")."""
        people: dict[int, Person | None] = {}
        for position, word in enumerate(self.words):
            if word not in self.reader.medicine:
                continue
            before = self.words[max(0, position - 3) : position]
            if any(w in NEGATIONS for w in before) and any(w in TAKING for w in before):
                continue  # "he's not on aza", "he doesn't take aza": read as such a statement
            reference = self._person_before(position, cross_breaks=True)
            start = sentence_bounds(self.words, position)[0]
            shared = any(
                w in ("both", "we", "us", "and", "so", "same", "too", "also") for w in self.words[start:position]
            )
            shared = shared or any(
                w in ("too", "also", "both", "as", "so", "same") for w in self.words[position + 1 : position + 3]
            )
            people[position] = None if reference is None or shared else reference.person
        return people

    def _not_on_it_people(self) -> list[Person]:
        """Who each plain statement that someone takes no medicine, or not this one, is about:
        "he's not on any tablets", "doesn't take any medicine", "isn't on aza", "she takes
        nothing"; about a named person other than the writer, in a sentence that names the
        medicine nowhere else, says nothing of stopping or not yet starting, in a message that
        names none of the medicine's close relatives (mercaptopurine)."""
        # Stopping, pausing or not yet starting, said anywhere ("He's on nothing. He had his last
        # tablet on Monday"): they may still be affected.
        if phrase_hits(self.words, 0, len(self.words), self.reader.similar_medicines + self.reader.stopped):
            return []
        everything = not any(w in self.reader.not_all_medicine for w in self.words)
        people: list[Person] = []
        for position in range(len(self.words)):
            end = self._statement_end(position, everything)
            if end is None or not self._in_known_form(position, end):
                continue
            sentence = sentence_bounds(self.words, position)
            if phrase_hits(self.words, sentence[0], sentence[1], self.reader.stopped_in_sentence):
                continue
            reference = self._person_before(position, cross_breaks=True)
            if reference is None or reference.person.name == WRITER or not reference.person.definite:
                continue
            # The medicine named again in the sentence, for this person or for someone unknown: "Mum
            # isn't on imuran, she takes azathioprine" (not "he doesn't take anything, I'm the one
            # on Imuran").
            takers = [who for p, who in self.taken_at.items() if sentence[0] <= p < sentence[1]]
            if any(who is None or not who.definite or who == reference.person for who in takers):
                continue
            people.append(reference.person)
        return people

    def _statement_end(self, position: int, everything: bool) -> int | None:
        """Where a statement that someone takes no medicine, starting at `position`, ends: "not on
        any tablets", "doesn't take any medicine", "never takes any meds", "isn't on aza", and,
        when the message names no other medicine and nothing excepted (`everything`), "takes
        nothing", "isn't on anything". Nothing may follow it in its clause ("not on any other meds",
        "don't take them at night"). The caller keeps only statements that also contain one of the
        `statement_forms` ("he's not on", "does not take"), so "takes nothing" alone counts for
        nothing."""
        words = self.words
        if words[position] == "nothing" and words[position - 1 : position] in (["takes"], ["take"], ["on"]):
            return self._ends_here(position + 1) if everything else None
        if words[position] not in NEGATIONS:
            return None
        verb = position + 1
        while verb < len(words) and words[verb] in BEFORE_VERB:
            verb += 1
        if verb >= len(words):
            return None
        habit = words[position] == "never" or words[position - 1 : position] in (["do"], ["does"])
        if not (words[verb] == "on" or (words[verb] in ("take", "takes") and habit)):
            return None
        item = verb + 1
        if item < len(words) and words[item] in self.reader.medicine:
            return self._ends_here(item + 1)
        if words[item : item + 1] == ["any"] and item + 1 < len(words) and words[item + 1] in ANY_MEDICINE:
            return self._ends_here(item + 2)
        if words[item : item + 1] == ["anything"] and everything:
            return self._ends_here(item + 1)
        return None

    def _in_known_form(self, start: int, end: int) -> bool:
        """The statement contains one of the forms read before ("he's not on", "does not take"),
        and is not asked ("He isn't on anything?")."""
        sentence = sentence_bounds(self.words, start)
        # Said in brackets, it is not part of a question after them ("(she's not on anything) anything
        # I need to know?").
        closed = ")" in self.words[end : sentence[1]] and "(" in self.words[sentence[0] : start]
        if sentence[1] < len(self.words) and self.words[sentence[1]] == "?" and not closed:
            return False
        return any(
            position <= end and position + length > start
            for position, length in phrase_hits(
                self.words, max(0, start - 3), min(len(self.words), end + 3), self.reader.statement_forms
            )
        )

    def _ends_here(self, position: int) -> int | None:
        if position >= len(self.words) or self.words[position] in self.reader.clause_breaks:
            return position
        if self.words[position] in STATEMENT_ENDS and (
            self.words[position] != "at" or self.words[position + 1 : position + 2] == ["all"]
        ):
            return position + 1
        return None
