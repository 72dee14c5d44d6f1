"""How strongly a finding is described: "a bit", "very", "severe", "unbearable", "won't stop"..."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span

from bot.detect.text import Tokenizer, phrase_hits, starts_phrase
from bot.triage.lexicon import Cues

# An intensity word that is also an everyday word ("so yes I'm tired", "tired so I went to bed")
# counts this close before the finding ("so tired", "so very tired").
ADJACENT_WORDS = 2
UNSTOPPABLE = "unstoppable"
HOURS = frozenset(("hour", "hours", "hr", "hrs", "h"))
# "2 hours ago", "an hour after my tablet": when, not how long.
WHEN = frozenset(("ago", "after", "before", "later", "earlier", "since"))
# "took 25 minutes to stop", "took 20 min to quit", "stopped after 40 mins": it did stop.
STOPPED = frozenset(("stopped", "stop", "stops", "settled", "eased", "took"))


class IntensityReader:
    def __init__(self, cues: Cues, tokenizer: Tokenizer):
        self.window = cues.intensity_window
        self.phrases = {name: tokenizer.phrases(words) for name, words in cues.intensity.items()}
        self.adjacent = set(tokenizer.phrases(cues.intensity_adjacent))
        self.unstoppable_minutes = cues.unstoppable_minutes

    def intensities(self, words: Sequence[str], span: Span, sentence: tuple[int, int]) -> tuple[str, ...]:
        """The intensity classes named near the finding (within the window, in its sentence) or inside it."""
        start = max(sentence[0], span.start - self.window)
        end = min(sentence[1], span.end + self.window)
        return tuple(
            name
            for name, phrases in self.phrases.items()
            if self._near(words, start, end, phrases, span)
            or any(starts_phrase(words, p, phrases) for p in range(span.start, span.end))
            or (name == UNSTOPPABLE and self._going_on_long(words, start, end))
        )

    def _going_on_long(self, words: Sequence[str], start: int, end: int) -> bool:
        """A time that says it won't stop, in numbers: "for 45 minutes", "2 hrs" (the words say it
        too: "half an hour", "over an hour")."""
        for position in range(start, min(end, len(words) - 1)):
            number, unit = words[position], words[position + 1]
            if not number.isdigit() or (words[position + 2 : position + 3] and words[position + 2] in WHEN):
                continue
            if words[position + 2 : position + 4] == ["to", "stop"] or any(
                w in STOPPED for w in words[max(start, position - 3) : position]
            ):
                continue
            if unit in HOURS or (unit.startswith("min") and int(number) >= self.unstoppable_minutes):
                return True
        return False

    def _near(self, words: Sequence[str], start: int, end: int, phrases: list, span: Span) -> bool:
        return any(
            tuple(words[p : p + n]) not in self.adjacent or span.start - ADJACENT_WORDS <= p < span.end
            for p, n in phrase_hits(words, start, end, phrases)
        )
