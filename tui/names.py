"""Names the articles mention that the actor registry lacks: suggestions for a curator completing events.yaml.

A name is a run of capitalised words ("Foundation for Defense of Democracies", "Iron Dome") or an @handle.
Capitals that do not make a name are set aside: a sentence's first word when it is a common word (a function
word, or one the articles also use in lower case) or, standing alone, is never capitalised mid-sentence; months
and weekdays; headlines in title case ("Why Is Twitter Letting ..."). A name is known when one actor's names,
aliases, titles and handles cover all its words, allowing for derived forms (Iranian, Israeli, Americans) and
transliterations.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from .model import Actor, Article
from .normalise import STOPWORDS, fold_words, words

_TOKEN = re.compile(r"[A-Z](?:\.[A-Z])+\.?|[A-Za-z][A-Za-z0-9]*(?:['’]s?\b)?")
_SKIPPED = re.compile(r"\S+@\S+|https?://\S+|#\w+")  # e-mail addresses, links, hashtags
_HANDLE = re.compile(r"(?<![\w@])@\w+")
_BOUNDARY = re.compile(r"[.!?:;\"“”(\[\]|/]")
_ABBREVIATIONS = frozenset({"dr", "mr", "mrs", "ms", "gen", "sen", "rep", "st", "jr", "u", "s"})
_CONNECTORS = frozenset({"of", "for", "de", "al", "bin", "ibn", "von", "van", "la", "le", "du"})
_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$")
# Words that start sentences without being names, whether or not an article also uses them in lower case.
_FUNCTION_TEXT = (
    "after also although amid amidst any all but both each even he her here his however i if instead many most "
    "my no not our she since so some such that their then there these they this those though we what when where "
    "which while who why yet you your"
)
_FUNCTION_WORDS = frozenset(_FUNCTION_TEXT.split())
_CALENDAR = frozenset(w.lower() for w in (*calendar.month_name[1:], *calendar.day_name, "Sept"))


@dataclass(frozen=True)
class NameSuggestion:
    """A name the articles mention that matches no actor, with where it first appears."""

    name: str
    count: int
    article: str
    paragraph: int


class _Token(NamedTuple):
    text: str
    initial: bool  # first word of a sentence
    possessive: bool
    after_space: bool  # only whitespace since the previous token


def missing_names(articles: Iterable[Article], actors: Iterable[Actor]) -> list[NameSuggestion]:
    """Names mentioned in the articles' own paragraphs that no actor covers, most mentioned first."""
    paragraphs = [(a.id, p) for a in articles for p in a.content_paragraphs]
    tokenised = [(article, p, list(_tokens(p.text))) for article, p in paragraphs]
    lower = {t.text.lower() for _, _, ts in tokenised for t in ts if t.text[0].islower()} | STOPWORDS | _FUNCTION_WORDS
    mid_capitals = {t.text for _, _, ts in tokenised for t in ts if not t.initial and t.text[0].isupper()}
    registry = _Registry(actors)
    found: dict[str, list[tuple[str, int]]] = {}
    for article, paragraph, tokens in tokenised:
        prose = [t for sentence in _sentences(tokens) if not _headline(sentence, lower) for t in sentence]
        names = [n for run in _runs(prose) for n in _names(run, lower, mid_capitals)]
        for name in names:
            if not registry.knows(name):
                found.setdefault(name, []).append((article, paragraph.number))
        for handle in _HANDLE.findall(paragraph.text):
            if not registry.knows_handle(handle):
                found.setdefault(handle, []).append((article, paragraph.number))
    suggestions = [NameSuggestion(name, len(places), *places[0]) for name, places in found.items()]
    return sorted(suggestions, key=lambda s: (-s.count, s.name.lower()))


def _tokens(text: str) -> Iterator[_Token]:
    text = _SKIPPED.sub(lambda m: " " * len(m.group()), _HANDLE.sub(lambda m: "." * len(m.group()), text))
    previous_end, previous = 0, ""
    for match in _TOKEN.finditer(text):
        gap = text[previous_end : match.start()]
        if gap == " ":  # the common case, made fast
            boundary, after_space = False, True
        else:
            if "." in gap and (len(previous) == 1 or previous.lower() in _ABBREVIATIONS or "." in previous[:-1]):
                gap = gap.replace(".", "", 1)  # "Dr. Jane", "U.S. Senators"
            boundary = bool(_BOUNDARY.search(gap))
            after_space = not gap.strip()
        word = match.group()
        possessive = "'" in word or "’" in word  # the token pattern admits an apostrophe only at the end
        bare = _POSSESSIVE.sub("", word) if possessive else word
        yield _Token(bare, previous_end == 0 or boundary, possessive, after_space)
        previous_end, previous = match.end(), word


def _sentences(tokens: list[_Token]) -> Iterator[list[_Token]]:
    sentence: list[_Token] = []
    for token in tokens:
        if token.initial and sentence:
            yield sentence
            sentence = []
        sentence.append(token)
    if sentence:
        yield sentence


def _headline(sentence: list[_Token], lower: set[str]) -> bool:
    """A title-case headline: six words or more, all capitalised but function words, common words among them."""
    if len(sentence) < 6 or any(t.text[0].islower() and t.text not in STOPWORDS for t in sentence):
        return False
    return any(t.text.lower() in lower for t in sentence[1:] if t.text.lower() not in STOPWORDS)


def _runs(tokens: list[_Token]) -> Iterator[list[_Token]]:
    """Runs of capitalised tokens, joined by spaces or by a lower-case connector between two capitals."""
    run: list[_Token] = []
    for i, token in enumerate(tokens):
        capital = token.text[:1].isupper() and token.text != "I"
        connector = (
            token.text in _CONNECTORS
            and run
            and token.after_space
            and i + 1 < len(tokens)
            and tokens[i + 1].after_space
            and tokens[i + 1].text[:1].isupper()
        )
        joins = run and token.after_space
        if (capital or connector) and (joins or not run):
            run.append(token)
            continue
        if run:
            yield run
        run = [token] if capital else []
    if run:
        yield run


def _names(run: list[_Token], lower: set[str], mid_capitals: set[str]) -> Iterator[str]:
    """The name-like parts of a run: title-case headlines, calendar words and a common first word removed.

    A possessive ends a name: "Israel's Iron Dome" holds two.
    """
    if any(t.text.lower() in STOPWORDS and t.text[0].isupper() for t in run[1:]):
        return  # a headline in title case, not a name
    part: list[_Token] = []
    for token in [*run, None]:
        if token is not None and token.text.lower() not in _CALENDAR:
            part.append(token)
            if not token.possessive:
                continue
        first = part[0] if part else None
        if first is not None and first.initial:
            word = first.text.lower()
            title = len(part) > 1 and part[1].text in _CONNECTORS  # "Secretary of State ..." is a title
            if (
                word in _FUNCTION_WORDS
                or (word in lower and not title)
                or (len(part) == 1 and first.text not in mid_capitals)
            ):
                part = part[1:]
        while part and part[0].text[0].islower():
            part = part[1:]
        while part and part[-1].text[0].islower():
            part.pop()
        if part:
            yield " ".join(t.text for t in part)
        part = []


class _Registry:
    """Which actors each word of the registry belongs to, to decide whether a name is already known."""

    def __init__(self, actors: Iterable[Actor]) -> None:
        actors = tuple(actors)
        self._owners: dict[str, set[int]] = {}
        for number, actor in enumerate(actors):
            for name in actor.all_names:
                for word in words(name):
                    self._owners.setdefault(word, set()).add(number)
        self._handles = {fold_words(h) for a in actors for h in a.handles}
        self._known: dict[str, bool] = {}

    def knows(self, name: str) -> bool:
        """One actor's names cover every word of `name`."""
        if name not in self._known:
            owners = [self._covering(w) for w in words(name)]
            self._known[name] = not owners or bool(set.intersection(*owners))
        return self._known[name]

    def knows_handle(self, handle: str) -> bool:
        return fold_words(handle) in self._handles

    def _covering(self, word: str) -> set[int]:
        """Actors with `word` among their words, or a word of four letters or more that it derives from (Iranian,
        Israelis: up to four letters added)."""
        found = set(self._owners.get(word, ()))
        for length in range(max(4, len(word) - 4), len(word)):
            found |= self._owners.get(word[:length], set())
        return found
