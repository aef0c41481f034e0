from __future__ import annotations

from tui.sentences import sentence_at, sentence_spans


def _sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text)]


def test_spans_are_sentences_without_surrounding_space() -> None:
    text = '  Blinken spoke on Sunday. "The talks go on," he said.  Mr. Smith and U.S. Senators disagreed!  '
    assert _sentences(text) == [
        "Blinken spoke on Sunday.",
        '"The talks go on," he said.',
        "Mr. Smith and U.S. Senators disagreed!",
    ]


def test_a_quote_closed_mid_sentence_is_no_boundary() -> None:
    text = '"Israel\'s enemies," the senators said. "We also urge you."'
    assert _sentences(text) == ['"Israel\'s enemies," the senators said.', '"We also urge you."']


def test_text_without_a_boundary_is_one_sentence() -> None:
    assert sentence_spans("") == [(0, 0)]
    assert _sentences("no full stop here") == ["no full stop here"]


def test_sentence_at_an_offset() -> None:
    text = "One. Two three. Four."
    assert [sentence_at(text, text.index(word)) for word in ("One", "three", "Four")] == ["One.", "Two three.", "Four."]
