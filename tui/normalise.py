"""Text normalisation for search: case, accents and punctuation folded; transliteration variants merged.

Names from Persian and Arabic reach English in many spellings (Ghaani, Qaani; Quds, Qods; Esmail, Ismail;
Soleimani, Suleimani). Rather than a list of known pairs, every word is reduced to a *skeleton* by a few general
rules that merge the letters transliterations disagree on: gh/kh/q/c/ck become k, dh becomes z, ph becomes f,
w becomes v; vowels are merged (e/i/y to i, o/u/ou/oo to u); doubled letters are collapsed and a final h dropped.
Query and index go through the same rules, so variants meet on the same skeleton.
"""

from __future__ import annotations

import re
import unicodedata

_STOPWORDS_TEXT = "a an and are as at be by for from in into is it its of on or the this that to was were with"
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())

_POSSESSIVE = re.compile(r"['’]s\b")
_NON_WORD = re.compile(r"[^a-z0-9]+")
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


def fold(text: str) -> str:
    """Lower case ASCII words separated by single spaces: accents, possessives, dots and punctuation removed."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = _POSSESSIVE.sub("", text).replace(".", "")  # "Iran's" -> "iran", "U.S." -> "us"
    return _NON_WORD.sub(" ", text).strip()


def skeleton(word: str) -> str:
    """The transliteration-neutral form of one folded word: Ghaani, Qaani and Ghani all give "kani"."""
    reduced = _DOUBLED.sub(r"\1", _SOUND.sub(lambda m: _SOUNDS[m.group()], word))
    if len(reduced) > 3 and reduced.endswith("h"):
        reduced = reduced[:-1]
    return reduced


def words(text: str) -> list[str]:
    """The skeletons of the words of `text` that carry meaning (stopwords dropped), in order."""
    return [skeleton(w) for w in fold(text).split() if w not in STOPWORDS]
