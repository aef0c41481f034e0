"""Text folding, one fold per purpose, and the transliteration skeletons search matches names by.

- `fold_for_matching`: the matcher's fold (align, locate). Lower case, punctuation as spaces, and the same length
  as the text, so that a span found in the folded text is the span to highlight in the original.
- `fold_words`: words to compare (search, the names check, dated expressions): lower case, accents, possessives,
  dots and punctuation gone, single spaces. Offsets are not kept.
- `fold_layout`: a text's layout (line endings, trailing spaces, surrounding blank lines) folded, its words and
  case kept: what makes two copies of an article the same text.

Names from Persian and Arabic reach English in many spellings (Ghaani, Qaani; Quds, Qods; Esmail, Ismail;
Soleimani, Suleimani). Rather than a list of known pairs, every word is reduced to a *skeleton* by a few general
rules that merge the letters transliterations disagree on: gh/kh/q/c/ck become k, dh becomes z, ph becomes f,
w becomes v; vowels are merged (e/i/y to i, o/u/ou/oo to u); doubled letters are collapsed and a final h dropped.
Query and index go through the same rules, so variants meet on the same skeleton.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_MATCH_NON_WORD = re.compile(r"[^\w\s]|_")  # one character at a time, so offsets are kept; whitespace stays as is
_STOPWORDS_TEXT = "a an and are as at be by for from in into is it its of on or the this that to was were with"
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())

_POSSESSIVE = re.compile(r"['’]s\b")
_NON_WORD = re.compile(r"[\W_]+")  # letters of any script and digits are kept
_WORD_RUN = re.compile(r"[^\W_]+")  # what _NON_WORD leaves: a word
# Combining marks (accents) and Arabic vowel signs, dropped after NFKD decomposition.
_MARKS = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u064b-\u065f\u0670]+")
_SOUND = re.compile(r"kh|gh|ck|ch|ph|dh|ou|oo|ee|[qceyow]")
_SOUNDS = {
    "kh": "k",
    "gh": "k",
    "ck": "k",
    "ch": "ch",  # kept, so that its c does not become k
    "ph": "f",
    "dh": "z",
    "ou": "u",
    "oo": "u",
    "ee": "i",
    "q": "k",
    "c": "k",
    "e": "i",
    "y": "i",
    "o": "u",
    "w": "v",
}
_DOUBLED = re.compile(r"(.)\1+")


class _MatchFoldTable(dict[int, int]):
    """str.translate's table for `fold_for_matching`: each character met is looked up once, then remembered."""

    def __missing__(self, code: int) -> int:
        value = 32 if _MATCH_NON_WORD.match(chr(code)) else code
        if len(self) < 65536:  # texts in every script at once would otherwise grow it without end
            self[code] = value
        return value


_MATCH_FOLD_TABLE = _MatchFoldTable()


def fold_for_matching(text: str) -> str:
    """Lowercase, punctuation as spaces; same length as `text`, so offsets carry over."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters (e.g. "İ") lower to two
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered.translate(_MATCH_FOLD_TABLE)


def fold_layout(text: str) -> str:
    """The text with its layout folded: the same words whatever the line endings and trailing spaces."""
    return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").strip().split("\n"))


def fold_words(text: str) -> str:
    """Lower case words separated by single spaces: accents, possessives, dots and punctuation removed."""
    return _NON_WORD.sub(" ", _fold_letters(text)).strip()


def _fold_letters(text: str) -> str:
    """Lower case, accents, possessives and dots removed; the other punctuation is still there."""
    if not text.isascii():
        text = _MARKS.sub("", unicodedata.normalize("NFKD", text))
    return _POSSESSIVE.sub("", text.lower()).replace(".", "")  # "Iran's" -> "iran", "U.S." -> "us"


@lru_cache(maxsize=100_000)
def skeleton(word: str) -> str:
    """The transliteration-neutral form of one folded word: Ghaani, Qaani and Ghani all give "kani"."""
    reduced = _DOUBLED.sub(r"\1", _SOUND.sub(lambda m: _SOUNDS[m.group()], word))
    if len(reduced) > 3 and reduced.endswith("h"):
        reduced = reduced[:-1]
    return reduced


def words(text: str) -> list[str]:
    """The skeletons of the words of `text` that carry meaning (stopwords dropped), in order."""
    # The words of fold_words, found at once rather than by replacing punctuation with spaces and splitting
    return [skeleton(w) for w in _WORD_RUN.findall(_fold_letters(text)) if w not in STOPWORDS]
