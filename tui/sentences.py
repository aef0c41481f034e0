"""Sentence boundaries in paragraph text, as offsets: for the statement around a date and the words to highlight."""

from __future__ import annotations

import itertools
import re

from .corpus import trim_span

_ABBREVIATION = re.compile(r"(?:\b[A-Za-z]\.|\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Prof|Gen|Gov|Sen|Rep|No|vs|Inc|Corp|Ltd)\.)$")
# A full stop, question or exclamation mark, any closing quotes or brackets, space, then what may open a sentence.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`, in order, whitespace trimmed; "U.S. Senators" is not a boundary."""
    spans, start = [], 0
    for boundary in _SENTENCE_END.finditer(text):
        if _ABBREVIATION.search(text, max(0, boundary.start() - 6), boundary.start()):
            continue  # "U.S. Senators", "Dr. Rafizadeh"
        spans.append(trim_span(text, start, boundary.start()))
        start = boundary.end()
    spans.append(trim_span(text, start, len(text)))
    return spans


def sentence_at(text: str, offset: int) -> str:
    """The sentence of `text` that holds `offset` (or, in the space between two, the one before)."""
    spans = sentence_spans(text)
    for (start, end), following in itertools.pairwise(spans):
        if offset < following[0]:
            return text[start:end]
    start, end = spans[-1]
    return text[start:end]
