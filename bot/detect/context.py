"""How a finding is meant, from the words around it: negated, hypothetical, general or asserted.

- negated ("no fever", "I haven't had any bruising", "my skin isn't yellow", "rash? nope");
- hypothetical ("what should I do if I get a fever?");
- general: a question or hearsay about the medicine, not about the person ("can aza cause
  bruising?", "my doctor said jaundice is a side effect");
- asserted: everything else, including hedged reports ("I think my eyes look yellow").
The cue words are clinical data: data/clinical/context_cues.yml.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping, Sequence
from datetime import date
from itertools import pairwise

from bot.detect.dropped import DroppedSubject
from bot.detect.duration import NOT_HOW_LONG, long_durations
from bot.detect.matching import Match
from bot.detect.text import Phrase, Tokenizer, phrase_hits, sentence_bounds, starts_phrase
from bot.triage.findings import ASSERTED, EXPLAINED, GENERAL, HYPOTHETICAL, NEGATED, RESOLVED
from bot.triage.lexicon import Cues

# Of a bleed that has stopped, "in 20 minutes" and "within the hour" say how long it went on.
_NOT_HOW_LONG_BLED = NOT_HOW_LONG - {"in", "within"}

Words = Sequence[str]
Bounds = tuple[int, int]
SHORT_SENTENCE = 6  # words: "Fine ever since." can close the sentence before it
TEMPERATURE_NEGATION_WINDOW = 2
MASKING_NEGATION_WINDOW = 3  # words before a fever-lowering medicine: "not taken any paracetamol"
# After a denial, these turn to the medicine that was taken ("no ibuprofen, just paracetamol").
NOT_DENIED_AFTER = frozenset(("just", "only", "but", "except", "and", "then", "so", "gave", "had", "took"))
# Between a denial and its verb: "can't even do", "wasn't able to finish", "haven't properly slept".
_BEFORE_THE_VERB = frozenset(("even", "really", "just", "actually", "properly", "ever", "be", "able", "to", "quite"))
_CLAUSE_ENDS = frozenset((",", ".", ";", "-", "–", "!", "?"))
_LIST_ORS = frozenset(("or", "nor"))
# Habits denied in a list beside actions: "I don't drink, smoke, self harm".
_HABITS = frozenset(("smoke", "vape", "gamble", "take", "do", "use", "drink"))
# Words that deny what follows them: "hasn't healed", "never went away" are not over.
_DENYING = frozenset(("n't", "nt", "not", "never"))
# ...skipping these: "hasn't fully healed", "not completely gone".
_BEFORE_OVER = frozenset(("fully", "completely", "totally", "properly", "really", "quite", "yet", "all", "entirely"))
# "keep" says something goes on now ("I keep getting them"), unless denied ("couldn't keep it down").
_KEEP = frozenset(("keep", "keeps"))
# An "if" that means "whether" ("I wanted to ask if...") asks; what follows a "but" and a new
# subject is a statement. A condition ("what if I get a rash but...") goes on past it.
_WHETHER = frozenset(("ask", "asking", "asked", "wondering", "wonder", "wondered", "know", "sure", "tell", "check"))
_CONTRASTS = frozenset(("but", "however", "although", "though", "whereas"))
_COMMAS = frozenset((",", "-", "–"))
_BACK_REFERENCES = frozenset(("it", "that", "this", "them", "those", "all"))
# A bracket that describes a person ("Oscar (11, liver tx 5 yrs ago)"): its times are not the finding's.
_ABOUT_A_PERSON = frozenset(("transplant", "tx", "kg", "kgs", "yo", "aged", "kilos"))
# ...and, in a run-on message, these before a new subject ("...or if it has to be the gp and also i
# keep getting out of breath").
_NEW_CLAUSE = frozenset(("also", "plus"))
# After a condition, a "because" (context_cues.yml `subject_dropped` `reasons`) gives why the person asks
# ("when should i call 999 because chest pain is really bad now"), unless it gives a cause ("because of
# the aza"), is what the condition is ("what if it's because..."), says what might be ("...if lips swell
# because it could be anaphylaxis"), or is about the person's mind or what they were told ("because i'm
# worried about chest pain", "cos i'm always getting told chest pain is serious"): a review (stop 59)
# found 19 such read as reports.
_BECAUSE_IN_CONDITION = frozenset(("'s", "is", "was", "it", "its", "that", "thats", "be"))  # right before it
_MIGHT_BE = frozenset(("could", "might", "may", "would", "can", "ca", "will", "'ll", "wo", "should", "'d", "maybe"))
_ABOUT_IT = frozenset(
    (
        "about",
        "whether",
        "worried",
        "worry",
        "worrying",
        "anxious",
        "scared",
        "afraid",
        "nervous",
        "confused",
        "sure",
        "told",
        "said",
        "says",
        "saying",
        "asking",
        "list",
        "plan",
        "covering",
        "reading",
    )
)
# ...and only when it tells the present ("because my dad had a heart attack" is a reason from the past).
_TELLS_NOW = frozenset(
    (
        "is",
        "are",
        "am",
        "'m",
        "'re",
        "now",
        "currently",
        "today",
        "tonight",
        "still",
        "been",
        "keeps",
        "keep",
        "have",
        "has",
        "got",
        "having",
        "rn",
    )
)
_TELLS_NOW_PAIRS = frozenset((("can", "not"), ("there", "'s")))  # "because i can't breathe", "cos there's blood"
# "I used to manage the hill, but these last few weeks...": the contrast tells now with one of these.
_NOW_AFTER_CONTRAST = frozenset(
    (
        "now",
        "these",
        "this",
        "lately",
        "recently",
        "have",
        "has",
        "'s",
        "is",
        "are",
        "am",
        "started",
        "starting",
        "keep",
        "keeps",
        "currently",
        "still",
    )
)
# "Up from" after these says where from, not why: "I can't get up from the sofa" (not "swelled up
# from the bang").
_GETTING_UP = frozenset(("get", "gets", "got", "getting", "stand", "stands", "stood", "standing", "sit", "sat", "rise"))
# Words before a finding's clause that still open it ("..., and now my face").
CLAUSE_OPENING = 2
# Words before a past time in which an event it dates may be told ("started taking the azathioprine about
# 3 months ago").
DATING_REACH = 6
# Words that tie a finding told before a dated event to that time ("a fever when I had my transplant").
_TIED_TO_A_TIME = frozenset(("when", "after", "during", "while", "following", "since", "before", "at"))
# "back in 2015": a year before this one is a distant past (the year itself is checked).
_YEAR = re.compile(r"(?:19|20)\d\d")
# "in the past 24hrs": a number and its unit written as one word.
_GLUED_UNIT = re.compile(r"\d+([a-z]+)")
# "at the start of 2020", "summer 2019": a year told after these places a message in the past.
_YEAR_OPENERS = frozenset(
    ("in", "of", "from", "during", "was", "summer", "winter", "spring", "autumn", "christmas")
) | {month.lower() for month in calendar.month_name[1:] + calendar.month_abbr[1:]}


class ContextReader:
    def __init__(self, cues: Cues, tokenizer: Tokenizer):
        self.cues = cues
        self.negation_words = {w for word in cues.negation for w in tokenizer.phrase(word)}
        self.pseudo_negation = tokenizer.phrases(cues.pseudo_negation)
        self.despair = tokenizer.phrases(cues.despair)
        self.negation_phrases = tokenizer.phrases(cues.negation_phrases)
        self.negation_after = tokenizer.phrases(cues.negation_after)
        self.conditional = tokenizer.phrases(cues.conditional)
        self.not_conditional = tokenizer.phrases(cues.not_conditional)
        self.question_starters = tokenizer.phrases(cues.question_starters)
        self.tag_questions = tokenizer.phrases(cues.tag_questions)
        self.information = tokenizer.phrases(cues.information)
        self.not_report = tokenizer.phrases(cues.not_report)
        self.topic_query_not = tokenizer.phrases(cues.topic_query_not)
        self.report_markers = [re.compile(p) for p in cues.report_markers]
        self.dropped_subject = DroppedSubject(cues.subject_dropped)
        self.reasons = frozenset(cues.subject_dropped["reasons"])
        # Years are read whole (`_years_before`); "in 20" is for the conversation's reading of "in 2021".
        self.distant_past = [p for p in tokenizer.phrases(cues.distant_past) if not p[-1].isdigit()]
        self.dating_events = frozenset(w for p in tokenizer.phrases(cues.dating_events) for w in p)
        self.times_of_day = frozenset(cues.times_of_day)
        self.past_hints = tokenizer.phrases(cues.past_hints)
        self.past_hints_not_after = frozenset(cues.past_hints_not_after)
        self.ages = {name: frozenset(words) for name, words in cues.age_gone_by.items()}
        self.not_past = {name: frozenset(words) for name, words in cues.not_a_past_time.items()}
        self.over = tokenizer.phrases(cues.over)
        self.whether = frozenset(cues.whether_now.get("whether", ()))
        self.now_people = frozenset(cues.whether_now.get("people", ()))
        self.mind_at_work = _ABOUT_IT | frozenset(cues.whether_now.get("mind", ()))
        self.current = tokenizer.phrases(cues.current)
        self.found_since = tokenizer.phrases(cues.found_since)
        self.goes_on = tokenizer.phrases(cues.goes_on)
        self.goes_on_reach = cues.goes_on_reach
        self.masked = tokenizer.phrases(cues.masked)
        self.because = tokenizer.phrases(cues.because)
        self.caused = tokenizer.phrases(cues.caused)
        self.ordinary_causes = tokenizer.phrases(cues.ordinary_causes)
        self.cause_denied_between = frozenset(cues.cause_denied_between)
        self.cause_doubted = tokenizer.phrases(cues.cause_doubted)
        self.injuries = tokenizer.phrases(cues.injuries)
        self.bleed_stopped = tokenizer.phrases(cues.bleed_stopped)
        self.not_explained = tokenizer.phrases(cues.not_explained)
        self.cause_not_enough = tokenizer.phrases(cues.cause_not_enough)
        self.bleed_not_explained = tokenizer.phrases(cues.bleed_long + cues.bleed_recurring + cues.bleed_inside)
        self.actions = frozenset(cues.negated_actions)
        self.listed_actions = self.actions | _HABITS

    def status(
        self,
        words: Words,
        match: Match,
        sentence: Bounds,
        explainable: bool = False,
        dated: bool = False,
        by_injury: bool = False,
        bleed: bool = False,
        own_causes: Sequence[Phrase] = (),
        persists: bool = False,
    ) -> str:
        """`dated`: the finding says when something began ("started it last month"), so a time in
        the past does not make it over. `by_injury`: a knock or fall told beside it explains it
        (a bruise; see `is_injury_explained`). `persists`: feeling fine does not undo it (tablets
        swallowed), so an "over" phrase ends it only in a message that places it in the past."""
        if self.is_negated(words, match, sentence):
            return NEGATED
        if self.is_hypothetical(words, match.span.start, sentence):
            return HYPOTHETICAL
        if self.is_general(words, sentence):
            return GENERAL
        if not dated and self.is_over(words, sentence, match, persists):
            return RESOLVED
        # A bleed that went on long, keeps happening or comes from inside is not explained.
        if bleed and self.bleed_unexplained(words, sentence):
            explainable = False
        # A bruise is explained by a cause only if nothing says it is more than that cause explains
        # ("a bruise nowhere near where the needle went in", "from the blood test, and one on his back").
        if (
            explainable
            and self.is_explained(words, sentence, by_a_knock=bleed, own_causes=own_causes)
            and not (by_injury and self.more_than_a_cause(words))
        ):
            return EXPLAINED
        if by_injury and self.is_injury_explained(words, sentence):
            return EXPLAINED
        if bleed and explainable and self.is_stopped_after_a_knock(words, sentence):
            return EXPLAINED
        return ASSERTED

    # ---- time, cause, who -------------------------------------------------------------------

    def _has(self, words: Words, bounds: Bounds, phrases: list[tuple[str, ...]]) -> bool:
        return bool(phrase_hits(words, bounds[0], bounds[1], phrases))

    def _masks(self, words: Words) -> bool:
        """A fever-lowering medicine taken, not denied ("no paracetamol since Sunday" hides nothing)."""
        for position, _ in phrase_hits(words, 0, len(words), self.masked):
            before = list(words[max(0, position - MASKING_NEGATION_WINDOW) : position])
            denied = [i for i, word in enumerate(before) if word in self.negation_words]
            # "no ibuprofen, just paracetamol": the denial is of something else.
            if not denied or any(word in NOT_DENIED_AFTER for word in before[denied[-1] + 1 :]):
                return True
        return False

    def _has_current(self, words: Words, bounds: Bounds) -> bool:
        """A word saying "now" that is not part of "fine now", "better now"..., nor a "keep" denied
        ("years ago I couldn't keep anything down": no "I keep getting them")."""
        covered = {p + i for p, n in phrase_hits(words, bounds[0], bounds[1], self.over) for i in range(n)}
        return any(
            p not in covered and not (words[p] in _KEEP and self._denied_just_before(words, p))
            for p, _ in phrase_hits(words, bounds[0], bounds[1], self.current)
        )

    def clause_end(self, words: Words, index: int, sentence_end: int) -> int:
        """Where the clause around `index` ends (as `clause_start`, looking forward)."""
        position = index + 1
        while position < sentence_end:
            word = words[position]
            following = words[position + 1] if position + 1 < len(words) else ""
            if word in self.cues.scope_breakers or (
                word in {",", "and", "-", "–", ":"} and following in self.cues.subjects
            ):
                return position
            position += 1
        return sentence_end

    def goes_on_here(self, words: Words, match: Match, sentence: Bounds) -> bool:
        """Said to go on right beside the finding: "can't stop shivering", "nosebleed won't stop"."""
        start, end = match.span.start, match.span.end
        return any(
            start - self.goes_on_reach <= position + length <= start or end <= position <= end + self.goes_on_reach
            for position, length in phrase_hits(words, sentence[0], sentence[1], self.goes_on)
        )

    def is_over(self, words: Words, sentence: Bounds, match: Match, persists: bool = False) -> bool:
        """A past episode that is over: placed in the distant past with nothing current in its
        sentence, or said to be over in its sentence or a short one right after it ("Fainted at
        a blood test in college. Fine ever since."). Never when a fever-lowering medicine was
        taken (it masks a fever), and never by words about another sentence's finding."""
        start = match.span.start
        clause = (self.clause_start(words, start, sentence[0]), self.clause_end(words, start, sentence[1]))
        if self._masks(words) or self._has_current(words, clause):
            return False
        # A denied "keep" is only past when nothing later in the sentence brings it back ("last month
        # he couldn't keep his tablets down and he still can't").
        if any(words[p] in _KEEP for p in range(*clause)) and self._has_current(words, (clause[0], sentence[1])):
            return False
        # The time can come before the finding ("Years ago, long before aza, I had an ulcer that
        # bled") or in its clause, never in a later clause ("...and I never had it as a kid"); and
        # nothing between it and the finding may bring it back to now ("last month ... and now").
        # ...nor a time in brackets that describe a person ("Oscar (11, liver tx 5 yrs ago) has a rash").
        past = self._past_times(words, (sentence[0], clause[1]), start, clause[0])
        if (
            past
            and not self._has_current(words, (past[-1][0], clause[1]))
            and not _habit_then_change(words, past[-1], start)
        ):
            return True
        # "swallowed one of my tablets when he was 2": an age gone by, for tablets swallowed only ("he
        # has a temp, when he was little he had fits" is about now).
        if persists and _when_young(words, sentence, self.ages) and not self._has_current(words, clause):
            return True
        # Said to go on right beside it ("can't stop shivering"): an ending phrase is about something else.
        if self.goes_on_here(words, match, sentence):
            return False
        # "Son swallowed one of my tablets, he seems fine now": fine now, but what he swallowed is
        # not undone; "...when he was 2, fine now" is a past episode.
        if persists and not self._placed_in_the_past(words, start, clause[0]):
            return False
        if self._says_over(words, sentence, before_now=(clause[0], start)):
            return True
        following = sentence_bounds(words, sentence[1] + 1) if sentence[1] + 1 < len(words) else None
        return (
            following is not None
            and following[1] - following[0] <= SHORT_SENTENCE
            and self._says_over(words, following)
            and not self._has_current(words, following)
        )

    def _past_times(self, words: Words, bounds: Bounds, finding: int, clause_start: int) -> list[tuple[int, int]]:
        """The past times in `bounds` that may place the finding at `finding` in the past, in order: not
        one in brackets that describe a person ("Oscar (11, liver tx 5 yrs ago) has a rash"), one that
        dates another event, a time of day, or one of `_not_a_past_time`."""
        return sorted(
            hit
            for hit in phrase_hits(words, bounds[0], bounds[1], self.distant_past)
            + _years_before(words, bounds[0], bounds[1])
            if not _in_a_persons_brackets(words, bounds[0], hit[0])
            and not self._dates_an_event(words, hit[0], finding)
            and not self._before_a_time_of_day(words, hit)
            and not self._not_a_past_time(words, hit, clause_start)
        )

    def _placed_in_the_past(self, words: Words, finding: int, clause_start: int) -> bool:
        """Anything in the message that places the finding at `finding` in the past: a past time (as
        `_past_times` reads them), a year after "of", "from"... ("at the start of 2020"), a hint of
        one ("back when", "in my teens" but not "I'm in my teens", "discharged him") or an age gone by."""
        whole = (0, len(words))
        return (
            bool(self._past_times(words, whole, finding, clause_start))
            or bool(_years_before(words, 0, len(words), _YEAR_OPENERS))
            or any(
                (position == 0 or words[position - 1] not in self.past_hints_not_after)
                and not self._dates_an_event(words, position, finding)
                for position, _ in phrase_hits(words, 0, len(words), self.past_hints)
            )
            or _when_young(words, whole, self.ages)
        )

    def _before_a_time_of_day(self, words: Words, hit: tuple[int, int]) -> bool:
        """ "once before breakfast": a phrase ending in "before", then a time of day."""
        end = hit[0] + hit[1]
        return words[end - 1] == "before" and end < len(words) and words[end] in self.times_of_day

    def _not_a_past_time(self, words: Words, hit: tuple[int, int], clause_start: int) -> bool:
        """A past phrase that places no past episode: "since last year" after a treatment and before
        the finding's clause (what began then goes on), "in the past 20 mins" (a short window up to
        now), "in May's room" (a name), "my son in year 2" (the school year he is in), "when I was a
        bit distracted" (a moment)."""
        lists = self.not_past
        position, length = hit
        end = position + length
        phrase = tuple(words[position:end])
        before = words[position - 1] if position > 0 else ""
        if before in lists["continuing"]:
            treatment = self.clause_start(words, position - 1, sentence_bounds(words, position)[0])
            return end <= clause_start and any(
                word in lists["continuing_what"] for word in words[treatment : position - 1]
            )
        if phrase[-1] == "past":
            following = end
            while (
                following < len(words)
                and following - end < 3
                and (words[following] in lists["window_fillers"] or words[following].isdigit())
            ):
                following += 1
            if following == len(words):
                return False
            glued = _GLUED_UNIT.fullmatch(words[following])
            return (glued[1] if glued else words[following]) in lists["windows"]
        if phrase[-1] in lists["names"] and phrase[0] != "back":
            return end + 1 < len(words) and words[end] == "'s" and words[end + 1] in lists["names_before"]
        if phrase[-2:] == ("in", "year"):
            return before in lists["school_year_after"]
        if phrase[-1] == "a":
            following = end
            while following < len(words) and words[following] in lists["degrees"]:
                following += 1
            return following < len(words) and words[following] in lists["moments"]
        return False

    def _dates_an_event(self, words: Words, position: int, finding: int) -> bool:
        """The past time at `position` dates an event told just before it ("had my transplant 2
        years ago", "started aza 3 months ago"), not the finding at `finding`; unless a word ties the
        finding told before it to that time ("I had a fever when I had my transplant 2 years ago")."""
        if finding < position and any(word in _TIED_TO_A_TIME for word in words[finding:position]):
            return False
        return any(word in self.dating_events for word in words[max(0, position - DATING_REACH) : position])

    def _says_over(self, words: Words, bounds: Bounds, before_now: Bounds | None = None) -> bool:
        """An "over" phrase that is not itself denied ("a sore that hasn't healed", "never went away").
        With `before_now` (the finding's clause start, and the finding): not one before the clause
        when a word saying "now" opens the finding's clause ("got my refill sorted, and now my face
        is swelling": what is over is something else), unless that word closes the phrase ("all
        sorted now, the nosebleed lasted 20 minutes")."""
        for position, length in phrase_hits(words, bounds[0], bounds[1], self.over):
            end = position + length
            if before_now is not None and end <= before_now[0]:
                opening = (max(end + 1, before_now[0] - CLAUSE_OPENING), before_now[1])
                if self._has_current(words, opening) or self._has(words, opening, self.found_since):
                    continue
            before = position - 1
            while before >= bounds[0] and words[before] in _BEFORE_OVER:
                before -= 1
            if before < bounds[0] or words[before] not in _DENYING:
                return True
        return False

    def is_explained(
        self, words: Words, sentence: Bounds, by_a_knock: bool = False, own_causes: Sequence[Phrase] = ()
    ) -> bool:
        """An ordinary cause given with a cause word ("from the blood test"), or one of the finding's
        own (`own_causes`: a pillow stiffens a neck, it does not make gums bleed); for a bleed
        (`by_a_knock`), a knock too ("nosebleed after bro elbowed me"): a knock explains no weakness
        or breathlessness."""
        causes = [*self.ordinary_causes, *own_causes, *(self.injuries if by_a_knock else ())]
        # The cause comes before a phrase that tells its effect ("blood draw left a bruise":
        # context_cues.yml `caused`), or follows its cause word ("from the coffee table"), or sits
        # right before it ("fall from bicycle"), or anywhere when the cause word points back to it
        # ("Blood test this morning, bruise on my arm from it"): "falls asleep on the sofa straight
        # after school" gives no cause for looking pale.
        if any(
            self._has(words, (sentence[0], p), causes)
            for p, _ in phrase_hits(words, *sentence, self.caused)
            if not self._cause_denied(words, p)
        ):
            return True
        return any(
            self._has(words, _where_the_cause_is(words, sentence, position, length), causes)
            for position, length in phrase_hits(words, *sentence, self.because)
            if not _where_from(words, position) and not self._cause_denied(words, position)
        )

    def _cause_denied(self, words: Words, position: int) -> bool:
        """A denial right before the cause word, or one `cause_denied_between` word before it, or a
        doubt (`cause_doubted`) ending right before it: "not from the gym", "don't think it's from the
        pillow" give no cause; "not long after the blood test" does."""
        before = list(words[max(0, position - 2) : position])
        if before and before[-1] in self.negation_words:
            return True
        if len(before) == 2 and before[1] in self.cause_denied_between and before[0] in self.negation_words:
            return True
        return any(
            p + length == position
            for p, length in phrase_hits(words, max(0, position - 6), position, self.cause_doubted)
        )

    def is_injury_explained(self, words: Words, sentence: Bounds) -> bool:
        """The bruise's sentence or the one next to it tells of a knock ("shin bruise, dishwasher door
        lol"; "Ugly bruise on my thigh. Walked right into the coffee table"), not denied ("she hasn't
        knocked them on anything"), and the message says nothing that makes it more than a knock
        explains ("bruises", "so easily", "all over", on the tummy or back, with bleeding gums)."""
        before = sentence_bounds(words, sentence[0] - 2) if sentence[0] >= 2 else sentence
        after = sentence_bounds(words, sentence[1] + 1) if sentence[1] + 1 < len(words) else sentence
        knocks = phrase_hits(words, 0, len(words), self.injuries)
        told = [
            position
            for position, length in knocks
            if before[0] <= position and position + length <= after[1] and not self._denied_just_before(words, position)
        ]
        # A word of the knock itself is not more than it ("where they drew blood": not a bleed).
        knock_words = {p + offset for p, length in knocks for offset in range(length)}
        more = any(
            knock_words.isdisjoint(range(p, p + length))
            for p, length in phrase_hits(words, 0, len(words), self.not_explained)
        )
        return bool(told) and not (more or self.more_than_a_cause(words))

    def is_stopped_after_a_knock(self, words: Words, sentence: Bounds) -> bool:
        """A bleed told beside a knock or a cut (its sentence or the next) that has stopped, neither
        denied ("hasn't stopped", "didn't knock it")."""
        after = sentence_bounds(words, sentence[1] + 1) if sentence[1] + 1 < len(words) else sentence
        bounds = (sentence[0], after[1])
        knocks = [p for p, _ in phrase_hits(words, *bounds, self.injuries) if not self._denied_just_before(words, p)]
        stopped = [
            p for p, _ in phrase_hits(words, *bounds, self.bleed_stopped) if not self._denied_just_before(words, p)
        ]
        return bool(knocks and stopped)

    def more_than_a_cause(self, words: Words) -> bool:
        """The message says there is more than the cause it gives explains (a second bruise, one
        somewhere else, one that grew)."""
        return any(
            not self._denied_just_before(words, position)
            for position, _ in phrase_hits(words, 0, len(words), self.cause_not_enough)
        )

    def _denied_just_before(self, words: Words, position: int) -> bool:
        """A negation word in the three words before ("hasn't knocked", "not getting bigger")."""
        return any(word in self.negation_words for word in words[max(0, position - 3) : position])

    def bleed_unexplained(self, words: Words, sentence: Bounds) -> bool:
        """A bleed that went on long ("stopped after an hour", "40 minutes"), keeps happening ("every
        time I brush") or comes from inside ("blood in my wee"): no cause explains it."""
        if self._has(words, sentence, self.bleed_not_explained):
            return True
        return bool(long_durations(words, sentence[0], sentence[1], self.cues.bleed_long_minutes, _NOT_HOW_LONG_BLED))

    # ---- negation --------------------------------------------------------------------------

    def clause_start(self, words: Words, index: int, sentence_start: int) -> int:
        """Where the clause around `index` begins: negation does not reach across "but",
        "although", or a comma / "and" followed by a new subject ("no fever, my gums bleed")."""
        position = index
        while position > sentence_start:
            word = words[position - 1]
            following = words[position] if position < len(words) else ""
            if word in self.cues.scope_breakers:
                return position
            if word in {",", "and", "-", "–", ":"} and following in self.cues.subjects:
                return position
            # An aside's denial stays in the aside: "my husband, who is not on any meds, has a temp of
            # 38.5" (a bracket's: see _bracket_closes_between).
            if word == "," and _closes_who_aside(words, position - 1, sentence_start):
                return position
            position -= 1
        return sentence_start

    def is_negated(self, words: Words, match: Match, sentence: Bounds) -> bool:
        span = match.span
        clause_start = self.clause_start(words, span.start, sentence[0])
        # A measured temperature is denied only right before it ("not 38 any more"), never by
        # another finding's negation in its clause ("neck won't bend, 38.7").
        window = TEMPERATURE_NEGATION_WINDOW if match.temperature is not None else self.cues.negation_window
        window_start = max(clause_start, span.start - window)
        # "not sure", "can't stop", "no better" contain negation words but negate nothing here; nor
        # does despair, wherever in the sentence it begins ("don't see the point any more my family
        # would be better off without me").
        pseudo = {
            p + offset
            for start, phrases in ((window_start, self.pseudo_negation), (sentence[0], self.despair))
            for p, length in phrase_hits(words, start, len(words), phrases)
            for offset in range(length)
        }
        # Negation inside a gapped match counts too ("my skin isn't yellow"); negations that are
        # part of the finding itself ("can't breathe", "doesn't fade") are pseudo-negations.
        inside_end = span.start if match.literal_negation else span.end
        denials = [
            position
            for position in range(window_start, inside_end)
            if position not in pseudo
            and (words[position] in self.negation_words or starts_phrase(words, position, self.negation_phrases))
            and not self._denies_an_action(words, position, span.start, span.end)
            and not _list_ended(words, position, span.start)
            and not _bracket_closes_between(words, position, span.start)
        ]
        # "can't walk to the shop without getting out of breath": two denials assert it.
        withouts = [p for p in denials if words[p] == "without"]
        if withouts:
            before = words[max(clause_start, withouts[-1] - self.cues.negation_window) : withouts[-1]]
            if any(word in _DENYING for word in before):
                denials = [p for p in denials if p > withouts[-1]]
        return bool(denials) or self._negated_after(words, span.end)

    def _denies_an_action(self, words: Words, position: int, start: int, end: int) -> bool:
        """The denial is of an action whose clause ends before the finding ("couldn't finish my walk,
        out of breath"), not of a list of findings ("I don't have a fever, cough or rash"), even one
        that starts with an action ("I don't drink, do drugs or self harm")."""
        verb = position + 1
        while verb < start and words[verb] in _BEFORE_THE_VERB:
            verb += 1
        between = list(words[verb + 1 : start])
        # "I don't drink, smoke, self harm, take drugs" is a list of actions too; "couldn't sleep,
        # crying, want to die" is not.
        commas = [i for i, w in enumerate(between) if w == ","]
        items = [between[i + 1] for i in commas if i + 1 < len(between)]
        in_a_list = (
            any(w in _LIST_ORS for w in between)
            or (len(commas) >= 2 and all(w in self.listed_actions for w in items))
            or (end < len(words) and words[end] in _LIST_ORS)
        )
        return (
            verb < start
            and not in_a_list
            and words[verb] in self.actions
            and any(words[p] in _CLAUSE_ENDS for p in range(verb + 1, start))
        )

    def _negated_after(self, words: Words, end: int) -> bool:
        """ "fever: no", "bruising - none", "rash? nope", "Fever no. Only asking."."""
        after = end
        while after < len(words) and words[after] in {":", "-", "?", ",", "–"}:
            after += 1
        if not starts_phrase(words, after, self.negation_after):
            return False
        # ...only when the "no" ends the clause: in "rash, no fever" it negates the fever; and not as a
        # question tag ("I have a rash no?").
        following = words[after + 1] if after + 1 < len(words) else "."
        if after == end and following == "?":
            return False
        return not following[:1].isalnum() or following in {"and", "but", "thanks"}

    # ---- hypotheticals -----------------------------------------------------------------------

    def is_hypothetical(self, words: Words, start: int, sentence: Bounds) -> bool:
        for position in range(sentence[0], start):
            if not starts_phrase(words, position, self.conditional):
                continue
            idiom_starts = range(max(sentence[0], position - 3), position + 1)
            if any(starts_phrase(words, p, self.not_conditional) for p in idiom_starts):
                continue
            # The condition ends at a comma followed by a new subject ("if it helps, I have..."); a
            # "whether" also at a "but" ("I wanted to ask if I can drink wine but also I've been itching").
            ends = _COMMAS | _CONTRASTS if position > 0 and words[position - 1] in _WHETHER else _COMMAS
            ends = ends | _NEW_CLAUSE
            broken = any(
                words[p] in ends and p + 1 < len(words) and words[p + 1] in self.cues.subjects
                for p in range(position, start)
            ) or self._now_after(words, position, start)
            if not broken and not _reason_for_asking(words, position, start, self.reasons):
                return True
        return False

    def _now_after(self, words: Words, condition: int, start: int) -> bool:
        """An "if" that means "whether" ("couldn't remember if I'd had it", "asked the chemist if it was
        ready") ends at "and now" + a person, which tells what is happening: "...and now I'm really shaky
        and I've thrown up twice". Not a true condition ("ring if you get a temp and now I'm checking every
        hour"), nor a mind at work after it ("and now I'm worried aza causes seizures"): reviews, stop 64."""
        if words[condition] != "if" or not self.whether.intersection(words[max(0, condition - 3) : condition]):
            return False
        for p in range(condition, start - 2):
            if words[p] == "and" and words[p + 1] == "now" and words[p + 2] in self.now_people:
                return not self.mind_at_work.intersection(words[p + 2 : start])
        return False

    # ---- questions about the medicine -------------------------------------------------------

    def is_question(self, words: Words, sentence: Bounds) -> bool:
        """Asks without reporting anything ("my lips are swollen??" reports)."""
        if self._has_report_marker(" " + " ".join(words[sentence[0] : sentence[1]]) + " "):
            return False
        return not self._reports_without_subject(words, sentence) and self._asks(words, sentence)

    def _asks(self, words: Words, sentence: Bounds) -> bool:
        """Ends asking or starts like a question."""
        return self._ends_asking(words, sentence) or self.starts_like_question(words, sentence)

    def _ends_asking(self, words: Words, sentence: Bounds) -> bool:
        """Ends with "?", unless a statement only ends with a tag before it ("gums bleeding, normal?")."""
        if not (sentence[1] < len(words) and words[sentence[1]] == "?"):
            return False
        if self.starts_like_question(words, sentence):
            return True
        # The whole message is this one statement and its tag.
        alone = not any(w[:1].isalnum() for w in (*words[: sentence[0]], *words[sentence[1] :]))
        for start, length in phrase_hits(words, sentence[0], sentence[1], self.tag_questions):
            told = [w for w in words[sentence[0] : start] if w[:1].isalnum()]
            if not alone or start + length != sentence[1] or len(told) < 2:
                continue
            # A one-word tag stands apart ("gums bleeding, normal?"); "tablet colour is normal?" asks.
            if length > 1 or not words[start - 1][:1].isalnum():
                return bool(self.cues.tag_blockers & set(told))
        return True

    def starts_like_question(self, words: Words, sentence: Bounds) -> bool:
        """Opens with a question word ("does", "can", "what"...); "can't keep anything down" does not."""
        first = _first_word(words, sentence)
        return starts_phrase(words, first, self.question_starters) and not (
            first + 1 < len(words) and words[first + 1] == "not"
        )

    def informs(self, words: Words, sentence: Bounds) -> bool:
        """Passes on information or hearsay ("I read that...", "the leaflet says", "a sign of")."""
        # "no sign of it stopping" is what the person sees, not what a sign of something is.
        return any(
            starts_phrase(words, p, self.information) and not (p > 0 and words[p - 1] == "no")
            for p in range(sentence[0], sentence[1])
        )

    def is_general(self, words: Words, sentence: Bounds) -> bool:
        """A question or hearsay about the medicine, with nothing saying it is happening to someone."""
        sentence_text = " " + " ".join(words[sentence[0] : sentence[1]]) + " "
        if self._has_report_marker(sentence_text):
            return False
        # "can't keep anything down" starts like a question but is a report with its subject dropped, as
        # is "what do i do lips are swelling" (what a leaflet says stays hearsay).
        reported = self._reports_without_subject(words, sentence)
        is_question = not reported and self._asks(words, sentence)
        is_information = self.informs(words, sentence)
        content = [w for w in words[sentence[0] : sentence[1]] if w[:1].isalnum()]
        is_topic_query = (
            not reported
            and len(content) <= self.cues.topic_query_max_words
            and any(w in self.cues.topic_words for w in content)
            and not phrase_hits(words, sentence[0], sentence[1], self.topic_query_not)
        )
        return is_question or is_information or is_topic_query

    def _reports_without_subject(self, words: Words, sentence: Bounds) -> bool:
        """ "what do i do lips are swelling up" (a blank line is no word: "what should i do\n\nlips are...")."""
        told = [w for w in words[sentence[0] : sentence[1]] if not w.isspace()]
        return self.dropped_subject.reports(" " + " ".join(told) + " ")

    def _has_report_marker(self, sentence_text: str) -> bool:
        cleaned = sentence_text
        for phrase in self.not_report:
            cleaned = cleaned.replace(" " + " ".join(phrase) + " ", " ")
        return any(marker.search(cleaned) for marker in self.report_markers)


def _habit_then_change(words: Words, past: tuple[int, int], finding: int) -> bool:
    """ "I used to manage the hill without a second thought, but these last few weeks I've had to stop
    to catch my breath": what someone used to do, set against the finding by a contrast that tells now
    (not "my mum used to take azathioprine but she had to stop, she got pancreatitis")."""
    position, length = past
    if tuple(words[position : position + length]) != ("used", "to"):
        return False
    turn = next((p for p in range(position + length, finding) if words[p] in _CONTRASTS), None)
    return turn is not None and bool(_NOW_AFTER_CONTRAST.intersection(words[turn:finding]))


def _reason_for_asking(words: Words, condition: int, start: int, reasons: frozenset[str]) -> bool:
    """One of `reasons` between the condition at `condition` and the finding at `start` that gives why
    the person asks (see `_BECAUSE_IN_CONDITION`)."""
    for p in range(condition + 1, start):
        if words[p] not in reasons or words[p - 1] in _BECAUSE_IN_CONDITION or words[p + 1] == "of":
            continue
        between = words[p + 1 : start]
        # "can't" is "can not": it tells, it does not suppose
        supposes = any(
            w in _MIGHT_BE and not (w in ("can", "ca") and i + 1 < len(between) and between[i + 1] in ("not", "n't"))
            for i, w in enumerate(between)
        )
        told = words[p + 1 : _clause_end(words, p + 1)]
        tells_now = bool(_TELLS_NOW.intersection(told)) or any(pair in _TELLS_NOW_PAIRS for pair in pairwise(told))
        if not supposes and not _ABOUT_IT.intersection(between) and tells_now:
            return True
    return False


def _clause_end(words: Words, start: int) -> int:
    """Where the clause starting at `start` ends: the next punctuation that ends one, "and" or "but"."""
    return next(
        (p for p in range(start, len(words)) if words[p] in {",", ".", "?", "!", ";", "and", "but"}), len(words)
    )


def _where_the_cause_is(words: Words, sentence: Bounds, position: int, length: int) -> Bounds:
    """Where the cause may be told around the cause word at `position`: anywhere in the sentence when
    the cause word points back ("from it"), otherwise after it or the word right before it ("from the
    coffee table", "fall from bicycle")."""
    if position + length < len(words) and words[position + length] in _BACK_REFERENCES:
        return sentence
    return (max(sentence[0], position - 1), sentence[1])


def _in_a_persons_brackets(words: Words, start: int, position: int) -> bool:
    """Whether `position` lies inside brackets, opened after `start`, that describe a person (an
    age, a weight, a transplant): not "My nosebleeds (before I started aza in 2020) went"."""
    opened = None
    for index in range(start, position):
        if words[index] == "(":
            opened = index
        elif words[index] == ")":
            opened = None
    if opened is None:
        return False
    inside = words[opened + 1 : words.index(")", position) if ")" in words[position:] else len(words)]
    return bool(_ABOUT_A_PERSON.intersection(inside)) or (bool(inside) and inside[0].isdigit())


def _years_before(
    words: Words, start: int, end: int, openers: frozenset[str] = frozenset(("in",))
) -> list[tuple[int, int]]:
    """ "back in 2019", "in 2021": where a year before this one follows "in" (or one of `openers`),
    as `phrase_hits` gives phrases."""
    this_year = date.today().year
    return [
        (position - 1, 2)
        for position in range(max(start, 1), end)
        if words[position - 1] in openers and _YEAR.fullmatch(words[position]) and int(words[position]) < this_year
    ]


def _when_young(words: Words, bounds: Bounds, ages: Mapping[str, frozenset[str]]) -> bool:
    """ "when she was 2", "when my nephew was little", "when he was a toddler", "he was 18 months
    when he...": an age gone by."""
    for position in range(bounds[0] + 1, bounds[1] - 1):
        if words[position] not in ("was", "were") or words[position - 1] in ages["not_before"]:
            continue
        age, following = words[position + 1], words[position + 2] if position + 2 < len(words) else ""
        number = (age.isdigit() or age in ages["numbers"]) and following not in ages["not_units"]
        if "when" in words[max(0, position - 4) : position]:
            if number or age in ages["young"] or (age in ("a", "an") and following in ages["after_a"]):
                return True
        elif number and "when" in words[position + 2 : position + 4]:
            return True
    return False


def _where_from(words: Words, position: int) -> bool:
    """ "Get up from the sofa": the "from" at `position` says where from, not why."""
    return (
        position > 1
        and words[position] == "from"
        and words[position - 1] == "up"
        and words[position - 2] in _GETTING_UP
    )


def _bracket_closes_between(words: Words, denial: int, start: int) -> bool:
    """The denial is inside brackets that close before the finding: "(not on any meds) has chest
    pain"; not "not (really) feverish"."""
    depth = 0
    for word in words[denial + 1 : start]:
        if word == "(":
            depth += 1
        elif word == ")":
            if depth == 0:
                return True
            depth -= 1
    return False


def _closes_who_aside(words: Words, comma: int, sentence_start: int) -> bool:
    """The comma at `comma` closes ", who ... ," or ", which ... ,"."""
    opening = comma - 1
    while opening > sentence_start and words[opening] != ",":
        opening -= 1
    return words[opening] == "," and opening < comma - 1 and words[opening + 1] in ("who", "which")


def _first_word(words: Words, sentence: Bounds) -> int:
    position = sentence[0]
    while position < sentence[1] and not words[position][:1].isalnum():
        position += 1
    return position


def _list_ended(words: Words, denial: int, start: int) -> bool:
    """A denied list "X or Y" has ended at a comma after its "or" ("no fever or chills, chest pain
    since this morning"); "no fever or chills, or a rash" goes on."""
    seen_or = False
    for position in range(denial + 1, start):
        word = words[position]
        if word in _LIST_ORS:
            seen_or = True
        elif seen_or and word in _CLAUSE_ENDS:
            following = words[position + 1] if position + 1 < len(words) else ""
            if following not in _LIST_ORS and following != "and":
                return True
    return False
