"""Finding phrases in a message's words: every place each phrase starts and ends in the range."""

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.detect.text import phrase_hits

WORDS = st.sampled_from(["no", "not", "a", "fever", "high", "temp", ".", "it", "was"])


def every_phrase_everywhere(words, start, end, phrases):
    """The plain reading of the contract: try each phrase at each position, in order."""
    return [
        (position, len(phrase))
        for position in range(start, end)
        for phrase in phrases
        if position + len(phrase) <= end and tuple(words[position : position + len(phrase)]) == phrase
    ]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(WORDS, max_size=12),
    st.lists(st.lists(WORDS, max_size=3).map(tuple), max_size=6),
    st.integers(0, 12),
    st.integers(0, 12),
)
def test_the_hits_are_every_phrase_tried_everywhere(words, phrases, start, end):
    assert phrase_hits(words, start, end, phrases) == every_phrase_everywhere(words, start, end, phrases)


def test_a_phrase_must_end_inside_the_range():
    words = ["no", "high", "temp"]
    assert phrase_hits(words, 0, 2, [("high", "temp")]) == []
    assert phrase_hits(words, 0, 3, [("high", "temp"), ("no",)]) == [(0, 1), (1, 2)]
