"""How strongly a finding is described: "a bit", "very", "severe", "unbearable", "won't stop"..."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span

from bot.detect.duration import long_durations
from bot.detect.text import Tokenizer, phrase_hits, sentence_bounds, starts_phrase
from bot.triage.lexicon import Cues

# An intensity word that is also an everyday word ("so yes I'm tired", "tired so I went to bed")
# counts this close before the finding ("so tired", "so very tired").
ADJACENT_WORDS = 2
PHRASE_TAIL = 4  # how far past the window a phrase of RUN_ON that starts inside it may run
# ...this class only: "been going over an hour" (not "headache, I can't bear the noise")
RUN_ON = frozenset(("unstoppable",))
_NOT_GOING_ON = frozenset(("ago", "finished"))
# This class is read from how long, in numbers ("50 min", "for 2 hours"), not from words: at least
# context_cues.yml `bleed_long_minutes`, the one threshold for a bleed that went on long.
BY_DURATION = "long"
PAST_REACH = 3  # how far before a bleed a word may tell it in the past ("I had a nosebleed")
# A phrase of these classes that starts with a phrase of the class named ("so bad I can't bear") may run
# on to its sentence's end: its first words already say how strong (context_cues.yml `intensity_led`).
LED_BY = {"extreme": "severe"}
IT_REACH = 5  # in the next sentence, how far after "it" the words that it goes on may start
# A message with no finding of its own that says how strong "it" now is ("its unbearable now", "the pain
# is very strong ... 10 from 10", "I can't bear it") says it of what was told before. Read: a phrase of
# these classes that opens its clause, is said of "it" or "the pain" (one of _IT_WORDS, with only
# `intensity_led.after` words or _LINKS between) or is a _BORNE verb before "it", and that ends its
# clause or is followed by `intensity_led.followed_by` or _AFTER. A review (stop 59) broke a first
# version 20 times in 58 with what-ifs, denials and strong words about something else ("the wait on the
# phone is unbearable", "my knee pain is unbearable now", "the itch is so bad", "it's really bad timing").
TOLD_OF_IT = frozenset(("severe", "extreme", "unstoppable"))
_IT_WORDS = frozenset(("it", "its", "pain", "ache", "hurts", "hurting", "worse"))
_OWNERS = frozenset(("the", "my", "this", "that", "her", "his", "their", "our"))  # "the pain", not "knee pain"
_LINKS = frozenset(("so", "really", "very", "the", "absolutely", "totally", "literally", "as", "still", "even"))
_AFTER = frozenset(("with", "i", "im", "i'm", "he", "she", "and", "at", "from", "tonight", "today", "rn", "atm"))
_BORNE = frozenset(("bear", "stand", "take"))  # "I can't bear it" (not "the worst it's ever been")
_CLAUSE_ENDS = frozenset((",", ".", ";", "!", "but", "and", "-", "...", "…"))
# Not a message that asks, supposes, fears or passes it on ("what if it becomes unbearable?", "I'm scared
# it'll get unbearable", "my friend said it's agony"), nor one that says it eases; not in a clause told
# in the past unless it says "now" ("it was bad before but now it's unbearable" is now).
_NOT_TOLD = frozenset(
    (
        "?",
        "if",
        "when",
        "whether",
        "will",
        "'ll",
        "would",
        "'d",
        "might",
        "could",
        "may",
        "should",
        "scared",
        "afraid",
        "worried",
        "said",
        "says",
        "told",
        "heard",
        "read",
    )
)
_EASING = frozenset(
    (
        "settled",
        "settling",
        "eased",
        "easing",
        "easier",
        "better",
        "gone",
        "fine",
        "calmer",
        "calming",
        "stopped",
        "over",
    )
)
_PAST = frozenset(("was", "were", "had", "earlier", "yesterday", "ago", "before", "used"))
_STILL_DENIED_UNLESS = frozenset(("now", "anymore", "longer"))  # "not mild anymore, it's unbearable"
_DENIAL_REACH = 3
# What follows these after a finding, with a verb of change, is how strong it might get, not how strong it
# is ("if it gets unbearable", "in case it becomes severe"); not a condition on when it is strong ("if I
# move, unbearable", "unless I lie still"), nor "as if" or "even if" ("pain as if my chest is crushed").
_CONDITIONS = (("if",), ("in", "case"), ("incase",))
_NOT_A_CONDITION_AFTER = frozenset(("as", "even"))
_CHANGES = frozenset(("gets", "get", "got", "becomes", "become", "goes", "go", "turns", "turn", "starts", "ever"))
_CHANGE_REACH = 3


def _condition_after(words: Sequence[str], position: int, end: int) -> int:
    """Where a condition of change starts between `position` and `end` (`end` if none does)."""
    for p in range(position, end):
        for c in _CONDITIONS:
            if (
                tuple(words[p : p + len(c)]) == c
                and not (p > 0 and words[p - 1] in _NOT_A_CONDITION_AFTER)
                and _CHANGES.intersection(words[p + len(c) : min(end, p + len(c) + _CHANGE_REACH)])
            ):
                return p
    return end


class IntensityReader:
    def __init__(self, cues: Cues, tokenizer: Tokenizer):
        self.window = cues.intensity_window
        self.long_minutes = cues.bleed_long_minutes
        self.not_continuous = tokenizer.phrases(cues.bleed_not_continuous)
        self.duration_joins = tokenizer.phrases(cues.bleed_duration_joins)
        self.duration_ends = tokenizer.phrases(cues.bleed_duration_ends)
        self.told_past = frozenset(cues.bleed_told_past)
        # A word of `bleed_not_continuous` does not count after a denial ("hasn't stopped"); "bled" does
        # not count after has/have ("it's bled for an hour"), and a denial does not cancel it ("not bled since").
        self.perfect = frozenset(cues.bleed_still_going_before)
        self.not_continuous_cancelled_by = {"bled": self.perfect}
        self.negation = cues.negation
        self.phrases = {name: tokenizer.phrases(words) for name, words in cues.intensity.items()}
        self.adjacent = set(tokenizer.phrases(cues.intensity_adjacent))
        self.leading = {
            name: [
                p
                for p in self.phrases.get(name, ())
                if any(len(p) > len(q) and p[: len(q)] == q for q in self.phrases.get(lead, ()))
            ]
            for name, lead in LED_BY.items()
        }
        self.led_after = frozenset(cues.intensity_led.get("after", ()))
        self.led_followed_by = frozenset(cues.intensity_led.get("followed_by", ()))
        denied = cues.intensity_denied
        self.deniable = frozenset(denied.get("words", ()))
        self.denials = tokenizer.phrases(denied.get("by", ()))
        self.fillers = frozenset(denied.get("fillers", ()))

    def intensities(self, words: Sequence[str], span: Span, sentence: tuple[int, int]) -> tuple[str, ...]:
        """The intensity classes named near the finding (within the window, in its sentence) or inside it,
        or in a phrase that starts in the window and runs on (RUN_ON, LED_BY); never in a condition
        after it ("my stomach hurts, if it gets unbearable what do i do")."""
        told = (sentence[0], _condition_after(words, span.end, sentence[1]))
        start = max(told[0], span.start - self.window)
        end = min(told[1], span.end + self.window)
        # A phrase of these classes that starts in the window counts whole ("been going over an hour").
        run_on = min(told[1], span.end + self.window + PHRASE_TAIL)
        named = tuple(
            name
            for name, phrases in self.phrases.items()
            if self._near(words, start, run_on if name in RUN_ON else end, phrases, span, told)
            or self._runs_on(words, end, name, span, told)
            or any(
                starts_phrase(words, p, phrases) and not self._denied(words, p, sentence)
                for p in range(span.start, span.end)
            )
            or (name in RUN_ON and self._goes_on_after(words, sentence, phrases))
        )
        # BY_DURATION has no words of its own: read whether or not the cues file lists the class.
        return (*named, BY_DURATION) if self._long_near(words, run_on, span, sentence) else named

    def told_of_it(self, words: Sequence[str]) -> tuple[str, ...]:
        """The classes of TOLD_OF_IT a message says of "it" or the pain, now (see TOLD_OF_IT)."""
        if _NOT_TOLD.intersection(words) or _EASING.intersection(words):
            return ()
        links = self.led_after | _LINKS
        follows = self.led_followed_by | _AFTER
        named: list[str] = []
        for name in sorted(TOLD_OF_IT):
            for p, n in phrase_hits(words, 0, len(words), self.phrases.get(name, [])):
                start = max((i + 1 for i in range(p) if words[i] in _CLAUSE_ENDS), default=0)
                end = next((i for i in range(p + n, len(words)) if words[i] in _CLAUSE_ENDS), len(words))
                clause = words[start:end]
                if _PAST.intersection(clause) and "now" not in clause:
                    continue
                q = p - 1
                while q >= start and words[q] in links and words[q] not in _IT_WORDS:
                    q -= 1
                # "10 from 10" opening its clause; "can't bear it"; said of "it" or "the pain" (not "knee pain")
                anchored = (
                    q < start
                    or (p + n < len(words) and words[p + n] == "it" and words[p + n - 1] in _BORNE)
                    or (
                        words[q] in _IT_WORDS
                        and not (words[q] in ("pain", "ache") and q > start and words[q - 1] not in _OWNERS)
                    )
                )
                ends_it = p + n == end or words[p + n] in follows
                denials = [i for i in range(max(start, q - _DENIAL_REACH), p) if words[i] in self.negation]
                denied = bool(denials) and not _STILL_DENIED_UNLESS.intersection(words[denials[-1] : p])
                if anchored and ends_it and not denied:
                    named.append(name)
                    break
        return tuple(named)

    def _long_near(self, words: Sequence[str], end: int, span: Span, sentence: tuple[int, int]) -> bool:
        """A duration of at least `bleed_long_minutes` right after a bleed told as going on now, joined
        to it by nothing but `bleed_duration_joins` and followed by its sentence's end or one of
        `bleed_duration_ends`, in a message that does not say the bleed stopped, is over or came and went."""
        if self._told_past(words, span, sentence):
            return False
        told = any(
            self._joined(words, span.end, p)
            and (p + n >= sentence[1] or starts_phrase(words, p + n, self.duration_ends))
            for p, n in long_durations(words, span.end, min(end, sentence[1]), self.long_minutes)
        )
        return told and not any(
            p == 0 or words[p - 1] not in self.not_continuous_cancelled_by.get(words[p], self.negation)
            for p, _ in phrase_hits(words, 0, len(words), self.not_continuous)
        )

    def _told_past(self, words: Sequence[str], span: Span, sentence: tuple[int, int]) -> bool:
        """The bleed told in the past, in the finding or just before it ("nose was bleeding", "had a
        nosebleed"); not "I've had a nosebleed for an hour now"."""
        before = max(sentence[0], span.start - PAST_REACH)
        return any(
            words[p] in self.told_past and not (p > 0 and words[p - 1] in self.perfect) for p in range(before, span.end)
        )

    def _joined(self, words: Sequence[str], position: int, duration: int) -> bool:
        """Only joining words ("for", "about", "going"...) from `position` up to the duration."""
        while position < duration:
            joins = [len(j) for j in self.duration_joins if tuple(words[position : position + len(j)]) == j]
            if not joins:
                return False
            position += max(joins)
        return position == duration

    def _runs_on(self, words: Sequence[str], end: int, name: str, span: Span, sentence: tuple[int, int]) -> bool:
        """A leading phrase of the class that starts in the window, after nothing but linking words, and
        ends past it, at its sentence's end or before a word that ends what it says."""
        leading = self.leading.get(name)
        return bool(leading) and any(
            p < end < p + n
            and (p + n == sentence[1] or words[p + n] in self.led_followed_by)
            and all(w in self.led_after for w in words[span.end : p])
            for p, n in phrase_hits(words, span.end, sentence[1], leading or [])
        )

    def _denied(self, words: Sequence[str], position: int, sentence: tuple[int, int]) -> bool:
        """Whether the intensity word at `position` is one read only when not denied right before it
        ("no longer mild", "not mild at all")."""
        if words[position] not in self.deniable:
            return False
        ends = (
            (position, position - 1) if position > sentence[0] and words[position - 1] in self.fillers else (position,)
        )
        # ...not "whether or not": no denial
        return any(
            end - len(denial) >= sentence[0]
            and tuple(words[end - len(denial) : end]) == denial
            and (end - len(denial) == sentence[0] or words[end - len(denial) - 1] != "or")
            for end in ends
            for denial in self.denials
        )

    @staticmethod
    def _goes_on_after(words: Sequence[str], sentence: tuple[int, int], phrases: list) -> bool:
        """The next sentence says "it" goes on ("My nose started to bleed. I pinched it, but it has
        been going ever since, nearly an hour now"): a bleed told in one sentence, how long in the next."""
        if sentence[1] + 1 >= len(words):
            return False
        following = sentence_bounds(words, sentence[1] + 1)
        # Not when that sentence counts from something else or says it stopped ("It's been an hour now
        # since the GP rang", "it was nearly an hour ago", "It has stopped").
        told = words[following[0] : following[1]]
        if any(
            w in _NOT_GOING_ON
            or (w == "since" and (i == 0 or told[i - 1] != "ever"))
            or (w == "stopped" and (i == 0 or told[i - 1] not in ("not", "never")))
            for i, w in enumerate(told)
        ):
            return False
        for position in range(*following):
            if words[position] != "it":
                continue
            reach = min(following[1], position + 1 + IT_REACH + PHRASE_TAIL)
            if any(p <= position + IT_REACH for p, _ in phrase_hits(words, position + 1, reach, phrases)):
                return True
        return False

    def _near(
        self, words: Sequence[str], start: int, end: int, phrases: list, span: Span, sentence: tuple[int, int]
    ) -> bool:
        return any(
            p < span.end + self.window
            and (tuple(words[p : p + n]) not in self.adjacent or span.start - ADJACENT_WORDS <= p < span.end)
            and not self._denied(words, p, sentence)
            for p, n in phrase_hits(words, start, end, phrases)
        )
