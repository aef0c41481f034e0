"""Tie events to the words that report them: anchor quotes, find corroborating paragraphs, locate any text.

Pure core: rapidfuzz over the corpus paragraphs, never Textual.

- Anchoring: a source's quote is matched against the content paragraphs of the article it names with
  `fuzz.partial_ratio_alignment` on case- and punctuation-folded text. Folding keeps every character's offset,
  so the alignment is the span to highlight in the original paragraph.
- Corroboration, two routes: the event's title, summary and quotes form a probe scored against the paragraphs of
  the other articles with `fuzz.token_set_ratio` (the same words); and each of them is scored by the cosine of its
  rare words, weighted by IDF (a paraphrase keeps the names and rare words). An inverted index (numpy arrays of
  postings, added up for the whole corpus at once) and bounds on the shared tokens narrow the first route's
  candidates (`CorpusIndex.candidates`); the second walks the rare words' postings. Both are exact but for
  token_set_ratio's third term: benchmarks/merge_bench.py measures the recall of both against exhaustive scoring.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
from rapidfuzz import fuzz, process

from . import reportdate
from .aside import Aside, cores, forked_pool
from .corpus import Corpus
from .model import Article, DateValue, Event, Paragraph, Passage, Source
from .normalise import STOPWORDS, fold_for_matching
from .sentences import sentence_spans

ANCHOR_THRESHOLD = 80.0  # partial_ratio of a quote against its paragraph; bundled quotes score 100
CORROBORATION_THRESHOLD = 75.0  # token_set_ratio of an event's probe; calibrated in benchmarks/calibrate.py
RARE_WORDS_THRESHOLD = 22.5  # rare-word cosine of the closest of the event's parts; calibrated likewise
CORROBORATION_MIN_WORDS = 8  # shorter paragraphs (headings, captions) score high on any probe naming their words
CONTENT_WORDS_MIN = 2  # words of the event a suggestion must share beyond names and stopwords; calibrated likewise
DAY_NAMED_RELIEF = 5.0  # the rare-word cosine a paragraph naming the event's very day may lack; calibrated likewise
QUOTED_MIN_WORDS = (
    4  # a quotation in an event's title or summary this long (two words beyond stopwords) is its source's
)
HEADLINE_MAX_WORDS = 12  # a paragraph this short without a closing full stop reads as a headline or a dateline
CORROBORATION_LIMIT = 10  # passages kept per event, best first
COMMON_FRACTION = 0.01  # tokens in more paragraphs than this share weigh nothing in the rare-word cosine
COMMON_MIN_DOCS = 50
TERM3_MARGIN = 5.0  # keep candidates this far below the threshold on the first two terms: the third may lift them
CORROBORATE_SCORER = fuzz.token_set_ratio

ProgressFn = Callable[[str, float], None]


@dataclass(frozen=True)
class Unanchored:
    """A source whose quote matched nothing above threshold; `best` is the closest candidate, if any."""

    event_id: str
    source: Source
    best: Passage | None


def _word_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a span to whole words and trim surrounding spaces and punctuation."""
    while start > 0 and text[start - 1].isalnum() and start < end:
        start -= 1
    while end < len(text) and text[end].isalnum() and end > start:
        end += 1
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    if end < len(text) and text[end] in "\"'”’.!?)]" and end > start:
        end += 1  # keep a closing quote or full stop the quote ended with
    return start, end


def align(query: str, article: str, paragraph: Paragraph, curated: bool) -> Passage:
    """The best span of `query` in `paragraph`, with its score."""
    folded_query, folded_text = fold_for_matching(query).strip(), fold_for_matching(paragraph.text)
    if not folded_query or not folded_text.strip():
        return Passage(article, paragraph.number, 0, 0, "", 0.0, curated)
    if len(folded_text.strip()) < len(folded_query):
        # partial_ratio would look for the paragraph inside the quote: a heading scores 100 on any quote naming it
        start, end = _word_span(paragraph.text, 0, len(paragraph.text))
        score = fuzz.ratio(folded_query, folded_text.strip())
        return Passage(article, paragraph.number, start, end, paragraph.text[start:end], score, curated)
    found = fuzz.partial_ratio_alignment(folded_query, folded_text)
    if found is None:
        return Passage(article, paragraph.number, 0, 0, "", 0.0, curated)
    start, end = _word_span(paragraph.text, found.dest_start, found.dest_end)
    return Passage(article, paragraph.number, start, end, paragraph.text[start:end], found.score, curated)


def anchor(source: Source, article: Article, index: CorpusIndex | None = None) -> Passage | None:
    """The best passage for a source's quote in its article (above threshold or not); None for an empty article.

    Every content paragraph is scored like `align` scores it (cheaply, without the alignment); the best is aligned.
    `index`, when given, supplies the folded paragraphs.
    """
    paragraphs = article.content_paragraphs
    if not paragraphs:
        return None
    query = fold_for_matching(source.quote).strip()
    texts = index.article_texts(article.id) if index is not None else [fold_for_matching(p.text) for p in paragraphs]
    if query:  # partial_ratio is 100 exactly where the query is in the text: the first such paragraph is kept
        for position, text in enumerate(texts):
            if query in text and len(text.strip()) >= len(query):
                return align(source.quote, article.id, paragraphs[position], curated=True)
    best, best_score = 0, -1.0
    for position, text in enumerate(texts):
        stripped = text.strip()
        cutoff = max(best_score, 0.0)  # only a better paragraph counts: the scorers may stop early below it
        if len(stripped) < len(query):
            score = fuzz.ratio(query, stripped, score_cutoff=cutoff)
        else:
            score = fuzz.partial_ratio(query, text, score_cutoff=cutoff)
        if score > best_score:
            best, best_score = position, score
            if score == 100:  # the first perfect paragraph is the one kept in any case
                break
    return align(source.quote, article.id, paragraphs[best], curated=True)


@dataclass(frozen=True)
class Statistics:
    """What the corpus says of its words: how many content paragraphs, and how many of them hold each token.

    The common tokens, the rare words' weights and the candidate bounds derive from these alone, so a paragraph
    is judged the same in any index built on the same statistics: an article added to a merge is matched alone.
    """

    paragraphs: int
    frequency: dict[str, int]


@dataclass(frozen=True)
class _Ref:
    article: str
    paragraph: Paragraph


_NO_POSTINGS = np.zeros(0, np.int32)
_NEVER = dt.date.max.toordinal()  # the publication day of an article whose day is unknown


class _DateMarks(NamedTuple):
    """What `CorpusIndex.may_name` knows of the paragraphs' dates from their tokens alone, found on first use.

    Which were written on a day unknown (any day may be theirs to report); which may count days back or from another
    (`reportdate.FAR_TOKENS`); which hold a figure; which may name a day by its numerals, with its year
    (`reportdate.NAMED_TOKENS`); which hold a word that counts back without a year or a day of the month
    (`reportdate.yearless_token`); for each month word, the paragraphs holding a token that may name it
    (`reportdate.month_token_words`), and those holding any such token.
    """

    unknown_day: np.ndarray
    counting: np.ndarray
    figures: np.ndarray
    named: list[tuple[str, np.ndarray]]
    yearless: np.ndarray
    months: dict[str, np.ndarray]
    any_month: np.ndarray


class _DaysRead(NamedTuple):
    """What `CorpusIndex.may_name` knows of the paragraphs' dates once it has read them, as `reportdate._may_name`
    reads them (`reportdate.day_marks`), those whose tokens say they may hold a figure, count days, reach back
    without a year or name a month: by each figure, those that name its year or count from it; those that name days
    at any distance; the days each counts back to; how far back each reaches without a year; by each month, those
    that name it without its year; how far back those months may lie."""

    figures: dict[str, np.ndarray]
    at_any_distance: np.ndarray
    back: np.ndarray  # rows of (position, least, most): the paragraph may name the days least to most days before it
    yearless: np.ndarray  # the days before its publication a paragraph reaches without a year, 0 for most
    months: dict[str, np.ndarray]
    month_reach: np.ndarray  # by position: how far back the months it names may lie (`reportdate.DayMarks`)

    def counted_back(self, after: np.ndarray, since: np.ndarray) -> np.ndarray:
        """The positions of the paragraphs that count back to a day of the event: `after` and `since` are the days
        from its last and first day to each paragraph's publication."""
        positions, least, most = self.back[:, 0], self.back[:, 1], self.back[:, 2]
        return positions[(after[positions] <= most) & (since[positions] >= least)]


READ_ASIDE_MIN = 2000  # paragraphs to read before a helper process shares the reading (it costs ~20 ms)


@dataclass
class _DaysFound:
    """`_DaysRead` of some paragraphs, as lists (by position, ascending)."""

    figures: dict[str, list[int]] = field(default_factory=dict)
    any_distance: list[int] = field(default_factory=list)
    back: list[tuple[int, int, int]] = field(default_factory=list)
    yearless: dict[int, int] = field(default_factory=dict)
    months: dict[str, list[int]] = field(default_factory=dict)
    month_reach: dict[int, int] = field(default_factory=dict)

    def then(self, later: _DaysFound) -> _DaysFound:
        """These and `later`, paragraphs that all come after these."""
        return _DaysFound(
            _joined(self.figures, later.figures),
            self.any_distance + later.any_distance,
            self.back + later.back,
            self.yearless | later.yearless,
            _joined(self.months, later.months),
            self.month_reach | later.month_reach,
        )


def _joined(first: dict[str, list[int]], then: dict[str, list[int]]) -> dict[str, list[int]]:
    joined = {key: list(found) for key, found in first.items()}
    for key, found in then.items():
        joined.setdefault(key, []).extend(found)
    return joined


def _days_of(refs: Sequence[_Ref], counting: np.ndarray, figures: np.ndarray, positions: Iterable[int]) -> _DaysFound:
    """What the paragraphs at `positions` may name, as `reportdate._may_name` reads them (`reportdate.day_marks`): read
    whole where `counting` says they may count days; else their figures (where `figures` says they hold one) and
    the months they name, all that such a paragraph is judged by."""
    found = _DaysFound()
    for position in positions:
        text = refs[position].paragraph.text
        if counting[position]:
            marks = reportdate.day_marks(text)
        else:
            marks = reportdate.uncounted_marks(text, bool(figures[position]))
        for figure in marks.figures:
            found.figures.setdefault(figure, []).append(position)
        if marks.any_distance:
            found.any_distance.append(position)
        found.back.extend((position, least, most) for least, most in marks.counted_back)
        if marks.yearless:
            found.yearless[position] = marks.yearless
        for month in marks.months:
            found.months.setdefault(month, []).append(position)
        if marks.months and marks.month_reach != reportdate.MONTH_REACH_DAYS:
            found.month_reach[position] = marks.month_reach
    return found


def _weight(token: str) -> int:
    return len(token) + 1  # its characters and a separating space in token_set_ratio's joined strings


@dataclass(frozen=True)
class Tokens:
    """Each content paragraph's words as an index reads them, in corpus order: the costly part of indexing."""

    weights: list[int]  # of its tokens, each counted once (`_weight`)
    word_counts: list[int]
    short: list[bool]  # never suggested: too short, or a headline, byline, dateline or bare attribution
    postings: dict[str, np.ndarray]  # token -> the positions of the paragraphs holding it, ascending


def read_tokens(corpus: Corpus, texts: Sequence[str]) -> Tokens:
    """The tokens of the corpus's content paragraphs, folded as `texts` (in corpus order)."""
    weights, word_counts, short = [], [], []
    postings: defaultdict[str, list[int]] = defaultdict(list)
    position = 0
    for article in corpus.articles:
        title = fold_for_matching(article.title).split()
        for paragraph in article.content_paragraphs:
            words = texts[position].split()
            token_set = set(words)
            word_counts.append(len(words))
            weights.append(sum(map(len, token_set)) + len(token_set))
            # `not_evidence_alone`, on the words already folded
            short.append(len(words) < CORROBORATION_MIN_WORDS or words == title or _furniture(paragraph.text))
            for token in token_set:
                postings[token].append(position)
            position += 1
    return Tokens(weights, word_counts, short, {token: np.array(found, np.int32) for token, found in postings.items()})


class CorpusIndex:
    """The content paragraphs of a corpus, folded, with an inverted index of their tokens.

    `postings` maps every token to the paragraphs holding it, as an array: `candidates` adds up, for every
    paragraph at once, the weight of the tokens it shares with an event, and rules out before any rapidfuzz
    scoring the paragraphs whose shared tokens are too few to reach the threshold.
    """

    def __init__(
        self,
        corpus: Corpus,
        threshold: float = CORROBORATION_THRESHOLD,
        statistics: Statistics | None = None,
        tokens: Tokens | None = None,
    ) -> None:
        """`tokens`, when given, are `read_tokens` of this corpus (from `indexcache`): its words are not read again."""
        self.refs: list[_Ref] = []
        self.texts: list[str] = []
        self.spans: dict[str, range] = {}  # article id -> positions of its content paragraphs
        self.position_of: dict[tuple[str, int], int] = {}  # (article id, paragraph number) -> position
        self.published: list[dt.date | None] = []  # the last day each paragraph's article may have been written
        for article in corpus.articles:
            first = len(self.texts)
            published = article.published.last_day if article.published is not None else None
            for paragraph in article.content_paragraphs:
                self.published.append(published)
                self.position_of[article.id, paragraph.number] = len(self.texts)
                self.refs.append(_Ref(article.id, paragraph))
                self.texts.append(fold_for_matching(paragraph.text))
            self.spans[article.id] = range(first, len(self.texts))
        self.tokens = read_tokens(corpus, self.texts) if tokens is None else tokens
        self.weights, self.word_counts = self.tokens.weights, self.tokens.word_counts
        self.short, self.postings = self.tokens.short, self.tokens.postings
        if statistics is None:
            statistics = Statistics(len(self.texts), {token: len(found) for token, found in self.postings.items()})
        self.statistics = statistics
        self.frequency = statistics.frequency
        size = statistics.paragraphs
        self.common = max(COMMON_MIN_DOCS, int(COMMON_FRACTION * size))
        # Rare-word weights (squared inverse document frequency) of the tokens in at most `common` paragraphs, and
        # each paragraph's norm over them, for `rare_word_cosine`.
        self.unknown_weight = math.log(1 + size) ** 2
        self.rare_weights = {
            token: math.log((1 + size) / (1 + count)) ** 2
            for token, count in self.frequency.items()
            if count <= self.common and count < size  # a token in every paragraph weighs nothing
        }
        squares = np.zeros(len(self.texts))
        for token, weight in self.rare_weights.items():
            if (positions := self.postings.get(token)) is not None:
                squares[positions] += weight
        self._norms = np.sqrt(squares)
        self.norms: list[float] = self._norms.tolist()
        self._weights = np.array(self.weights, np.int64)
        self._short = np.array(self.short, bool)
        self._published = np.array([_NEVER if day is None else day.toordinal() for day in self.published], np.int64)
        self._word_candidates: dict[int, frozenset[str]] = {}
        self._last_allowed: tuple[object, np.ndarray] = (None, _NO_POSTINGS)
        self._last_at_any_distance: tuple[object, np.ndarray] = (None, _NO_POSTINGS)  # `may_name`'s, by year
        self._last_naming_a_month: tuple[object, np.ndarray] = (None, _NO_POSTINGS)  # by month
        self._lacking_positions: dict[str, np.ndarray] | None = None
        self._marks: _DateMarks | None = None
        self._days_read: _DaysRead | None = None
        self._rows: tuple[dict[str, int], np.ndarray] | None = None
        self.threshold = threshold - 0.5  # rapidfuzz rounds nothing, but stay on the safe side of float error

    def suggestible(self, happened: dt.date) -> np.ndarray:
        """Which paragraphs may be suggested for an event of that day: not too short nor a headline or byline
        (`short`), and not in an article written before it (that would forecast it, not report it)."""
        return ~self._short & (self._published >= happened.toordinal())

    def allowed(self, event_date: DateValue) -> np.ndarray:
        """`suggestible` and `may_name` for an event of that date: a new array, the caller's to change. Events come
        in date order, several on a day: the last date's is kept."""
        key = event_date.first_day, reportdate.event_days(event_date)
        last_key, mask = self._last_allowed
        if last_key != key:
            mask = self.suggestible(event_date.first_day) & self.may_name(event_date)
            self._last_allowed = key, mask
        return mask.copy()

    def may_name(self, event_date: DateValue) -> np.ndarray:
        """Which paragraphs `reportdate.may_report` may accept for an event of that date without tagging them: the
        others it refuses. Written more than REPORT_WINDOW_DAYS after the event, a paragraph reports it only if it
        names its day, which takes a year, a decade or a name of it in figures or words, or a count of days that
        reaches it ("two years later", "30 months ago", "last month"), or, within MONTH_REACH_DAYS, its month
        (`reportdate._may_name`). A paragraph is judged by its tokens, which rules out none that may report the
        event; once the index has `read_days`, every paragraph whose tokens hold a figure, a count of days, a word
        that reaches back without a year or a month is judged as `reportdate._may_name` judges it: exactly (a test
        checks it), so that a paragraph kept need not be judged again (`days_read`)."""
        first, last = reportdate.event_days(event_date)
        after = self._published - last.toordinal()
        figures, event_months = reportdate.event_marks(first, last)
        marks, read = self._date_marks(), self._days_read
        # What depends on the event's years and months alone is the same for the next events (they come in order)
        key, at_any_distance = self._last_at_any_distance
        if key != figures:
            at_any_distance = marks.unknown_day.copy()
            if read is None:
                for year, holding in marks.named:
                    if year in figures:
                        at_any_distance |= holding
                at_any_distance |= marks.counting | self._holding(reportdate.figure_tokens(first, last))
                at_any_distance |= marks.any_month & self._holding(reportdate.paired_year_tokens(first, last))
            else:
                at_any_distance[read.at_any_distance] = True
                for figure in figures:
                    if (positions := read.figures.get(figure)) is not None:
                        at_any_distance[positions] = True
            self._last_at_any_distance = figures, at_any_distance
        key, naming_a_month = self._last_naming_a_month
        if key != event_months:
            naming_a_month = np.zeros(len(self.texts), bool)
            for month in event_months:
                if (positions := (marks.months if read is None else read.months).get(month)) is not None:
                    naming_a_month[positions] = True
            self._last_naming_a_month = event_months, naming_a_month
        keep = (after <= reportdate.REPORT_WINDOW_DAYS) | at_any_distance
        if read is None:  # its tokens do not say whether it quotes: its months as far back as a text that quotes
            farther = marks.counting | marks.figures | marks.yearless
            month_reach = np.where(farther, reportdate.PAIRED_MONTH_REACH_DAYS, reportdate.YEARLESS_REACH_DAYS)
            keep |= marks.yearless & (after <= reportdate.YEARLESS_REACH_DAYS)
        else:
            month_reach = read.month_reach
            keep |= after <= read.yearless
            keep[read.counted_back(after, self._published - first.toordinal())] = True
        return keep | (naming_a_month & (after <= month_reach))

    def _date_marks(self) -> _DateMarks:
        if self._marks is None:
            counting = np.zeros(len(self.texts), bool)
            for row in reportdate.FAR_TOKENS:
                counting |= self._holding_all(row)
            named = [(year, self._holding_all(row)) for year, row in reportdate.NAMED_TOKENS]
            yearless = self._holding(token for token in self.postings if reportdate.yearless_token(token))
            months: defaultdict[str, list[np.ndarray]] = defaultdict(list)
            for token, positions in self.postings.items():
                for month in reportdate.month_token_words(token):
                    months[month].append(positions)
            months_found = {month: np.concatenate(found) for month, found in months.items()}
            figures = self._holding(token for token in self.postings if any(map(str.isdigit, token)))
            any_month = self._holding(token for token in self.postings if reportdate.month_token_words(token))
            self._marks = _DateMarks(
                self._published == _NEVER, counting, figures, named, yearless, months_found, any_month
            )
        return self._marks

    @property
    def days_read(self) -> bool:
        """Whether `may_name` is exactly `reportdate._may_name` (and the report window): once the days are read."""
        return self._days_read is not None

    def read_days(self) -> None:
        """Read what the paragraphs' tokens say of the days they may name (`_DaysRead`), once: worth its cost (some
        0.6 s of CPU for 2,000 articles) in a merge of thousands of events, which `may_name` then spares thousands
        of paragraphs to tag; its helper processes, forked after, share it. Where there is a core to spare, a helper
        process reads the later half of the paragraphs meanwhile."""
        if self._days_read is not None:
            return
        marks = self._date_marks()
        counting = (marks.counting | marks.yearless) & ~marks.unknown_day
        read = np.flatnonzero((counting | marks.figures | marks.any_month) & ~marks.unknown_day).tolist()
        half = len(read) // 2 if len(read) >= READ_ASIDE_MIN and cores() > 1 else len(read)
        reading = functools.partial(_days_of, self.refs, counting, marks.figures)
        later = Aside(functools.partial(reading, read[half:])) if half < len(read) else None
        found = reading(read[:half])
        if later is not None:
            found = found.then(later.result())
        yearless = np.zeros(len(self.texts), np.int64)
        yearless[list(found.yearless)] = list(found.yearless.values())
        month_reach = np.full(len(self.texts), reportdate.MONTH_REACH_DAYS, np.int64)
        month_reach[list(found.month_reach)] = list(found.month_reach.values())
        self._days_read = _DaysRead(
            {figure: np.array(positions, np.intp) for figure, positions in found.figures.items()},
            np.array(found.any_distance, np.intp),
            np.array(found.back, np.int64).reshape(-1, 3),
            yearless,
            {month: np.array(positions, np.intp) for month, positions in found.months.items()},
            month_reach,
        )
        self._last_at_any_distance = self._last_naming_a_month = (None, _NO_POSTINGS)  # judged anew
        self._last_allowed = (None, _NO_POSTINGS)

    def _lacking(self) -> dict[str, np.ndarray]:
        """The tokens in more than half the paragraphs, each with the positions of the paragraphs without it."""
        if self._lacking_positions is None:
            self._lacking_positions = {}
            for token, positions in self.postings.items():
                if 2 * len(positions) > len(self.texts):
                    lacking = np.ones(len(self.texts), bool)
                    lacking[positions] = False
                    self._lacking_positions[token] = np.flatnonzero(lacking).astype(np.int32)
        return self._lacking_positions

    def _holding_all(self, row: Iterable[Iterable[str]]) -> np.ndarray:
        """Which paragraphs hold, of each set of tokens, one."""
        holding = np.ones(len(self.texts), bool)
        for tokens in row:
            holding &= self._holding(tokens)
        return holding

    def _holding(self, tokens: Iterable[str]) -> np.ndarray:
        """Which paragraphs hold one of the tokens."""
        mask = np.zeros(len(self.texts), bool)
        for token in tokens:
            if (positions := self.postings.get(token)) is not None:
                mask[positions] = True
        return mask

    def word_candidates(self, position: int) -> frozenset[str]:
        """`word_candidates` of a paragraph, computed once: every event weighing it as evidence asks."""
        found = self._word_candidates.get(position)
        if found is None:
            found = self._word_candidates[position] = word_candidates(
                self.refs[position].paragraph.text, self.texts[position]
            )
        return found

    def quoting(self, quotation: str) -> np.ndarray:
        """The paragraphs that may hold a folded quotation word for word: those holding its two rarest words, in order
        (`holds` says which do)."""
        rarest = sorted(set(quotation.split()), key=lambda t: (self.frequency.get(t, 0), t))[:2]
        postings = [self.postings.get(token) for token in rarest]
        if not postings or any(found is None for found in postings):
            return _NO_POSTINGS
        if len(postings) == 1:
            return postings[0]  # type: ignore[return-value]
        return np.intersect1d(postings[0], postings[1], assume_unique=True)  # each posting holds a paragraph once

    def holds(self, position: int, quotation: str) -> bool:
        """Whether a paragraph holds a folded quotation word for word."""
        return _phrase(quotation).search(self.texts[position]) is not None

    def article_texts(self, article_id: str) -> list[str]:
        """The folded content paragraphs of one article, in order."""
        span = self.spans[article_id]
        return self.texts[span.start : span.stop]

    def rare_word_cosine(self, words: Iterable[str], position: int) -> float:
        """0-100: the cosine of `words` and a paragraph as sets of their rare tokens weighted by IDF squared.

        A paraphrase keeps the names and rare words of what it reports and changes the rest; the common tokens (in
        more than `common` paragraphs) are left out, so scoring walks only short postings.
        """
        shared = set(words).intersection(self.texts[position].split())
        dot = sum(self.rare_weights.get(t, 0.0) for t in shared)
        return 100.0 * dot / (self._query_norm(words) * self.norms[position]) if dot else 0.0

    def rare_words_weigher(self, tokens: set[str]) -> Callable[[str], float]:
        """A function of a folded text: the rare weight of the `tokens` it holds."""
        weights = {t: self.rare_weights[t] for t in tokens if t in self.rare_weights}
        return lambda text: sum(weights.get(t, 0.0) for t in set(text.split()))

    def _query_norm(self, words: Iterable[str]) -> float:
        """The norm of a query's rare words; a word the corpus lacks is as rare as can be."""
        weights = self.rare_weights
        return math.sqrt(sum(weights.get(t, 0.0) if t in self.frequency else self.unknown_weight for t in set(words)))

    def prefix(self, tokens: Iterable[str], fraction: float = 0.5) -> list[str]:
        """The rarest of `tokens` holding just over `fraction` of their weight."""
        ordered = sorted(set(tokens), key=lambda t: (self.frequency.get(t, 0), t))
        total = sum(_weight(t) for t in ordered)
        taken, weight = [], 0
        for token in ordered:
            taken.append(token)
            weight += _weight(token)
            if weight > fraction * total:
                break
        return taken

    def candidates(
        self,
        parts: Sequence[Sequence[str]],
        rare_threshold: float = RARE_WORDS_THRESHOLD,
        within: np.ndarray | None = None,
    ) -> Candidates:
        """What may corroborate an event whose parts (title, summary, quotes) are these tokens, by both routes.

        The postings of every token of the probe are walked, for all paragraphs at once: the weight each shares
        with the probe, and each part's dot product of rare words, are exact. `within`, when given, says which
        paragraphs may be candidates (those the event's date allows, say): the others are left out.
        """
        probe = {token for part in parts for token in part}
        if not probe:
            return Candidates([], {}, {})
        probe_weight = sum(_weight(t) for t in probe)
        if within is None:
            everyone = np.arange(len(self.texts))
            shared = self._shared_everywhere(probe)
        else:  # a few percent of the corpus, as a rule: the weights are added up for those alone
            everyone = np.flatnonzero(within)
            shared = self._shared_within(probe, everyone, within)
        reach = self._same_words(shared, self._weights[everyone], probe_weight - 1)
        same_words = everyone[reach]
        low, high = same_words_bounds(shared[reach], self._weights[same_words], probe_weight)
        positions = same_words.tolist()
        bounds = dict(zip(positions, zip(low.tolist(), high.tolist(), strict=True), strict=True))
        return Candidates(positions, self._rare_words(parts, rare_threshold, within), bounds)

    def _shared_everywhere(self, probe: set[str]) -> np.ndarray:
        """The weight of the probe's tokens each paragraph holds, for every paragraph: one pass over every posting
        (whole numbers, exact in floating point). A token in most paragraphs ("the") counts for all of them, less
        those that lack it: the shorter list is walked."""
        everywhere = 0
        walked, weights = [], []
        for token in probe:
            if (positions := self.postings.get(token)) is not None:
                if (lacking := self._lacking().get(token)) is None:
                    walked.append(positions)
                    weights.append(_weight(token))
                else:
                    everywhere += _weight(token)
                    walked.append(lacking)
                    weights.append(-_weight(token))
        repeated = np.repeat(np.array(weights, float), [len(found) for found in walked])
        walked_at = np.concatenate(walked or [_NO_POSTINGS], dtype=np.intp)  # as bincount reads them: no copy
        return np.bincount(walked_at, repeated, minlength=len(self.texts)) + everywhere

    def _shared_within(self, probe: set[str], positions: np.ndarray, within: np.ndarray) -> np.ndarray:
        """`_shared_everywhere` at these positions (ascending; those `within` holds) alone: a common token is looked
        up in its row of `_common_rows` at each, the postings of the others (short) are placed among them."""
        rows, matrix = self._common_rows()
        common, common_weights, short, weights = [], [], [], []
        for token in probe:
            if (row := rows.get(token)) is not None:
                common.append(row)
                common_weights.append(_weight(token))
            elif (found := self.postings.get(token)) is not None:
                short.append(found)
                weights.append(_weight(token))
        shared = np.zeros(len(positions))
        if common:  # each common token's row read at the positions, all in one take
            at = np.array(common)[:, None] * len(self.texts) + positions[None, :]
            shared += np.array(common_weights, float) @ matrix.ravel().take(at.ravel()).reshape(at.shape)
        if short:
            walked_at = np.concatenate(short)
            held = within[walked_at]
            repeated = np.repeat(np.array(weights, float), [len(found) for found in short])[held]
            shared += np.bincount(np.searchsorted(positions, walked_at[held]), repeated, minlength=len(positions))
        return shared

    def _common_rows(self) -> tuple[dict[str, int], np.ndarray]:
        """The most common tokens (in more than one paragraph in COMMON_ROW_SHARE, COMMON_ROWS_BYTES at most), each
        with a row saying which paragraphs hold it: most of the postings an event's tokens would walk."""
        if self._rows is None:
            size = len(self.texts)
            common = sorted((t for t, p in self.postings.items() if len(p) * COMMON_ROW_SHARE > size), key=self._rank)
            common = common[: COMMON_ROWS_BYTES // max(1, size)]
            matrix = np.zeros((len(common), size), np.uint8)
            for row, token in enumerate(common):
                matrix[row, self.postings[token]] = 1
            self._rows = {token: row for row, token in enumerate(common)}, matrix
        return self._rows

    def _rank(self, token: str) -> tuple[int, str]:
        return -len(self.postings[token]), token

    def _same_words(self, shared: np.ndarray, weights: np.ndarray, probe_length: int) -> np.ndarray:
        """Which paragraphs, sharing `shared` with the probe and of these token `weights`, may make token_set_ratio
        reach the threshold.

        token_set_ratio's first two terms compare the sorted intersection `sect` with `sect` followed by one side's
        other tokens: 200 * len(sect) / (len(sect) + len(side)); its third compares both sides' other tokens.
        The shared weight is exact, and the first two terms must reach the threshold less TERM3_MARGIN. The margin
        is no proof for the third term: benchmarks/merge_bench.py measures the recall against exhaustive scoring.
        """
        factor = same_words_factor(self.threshold - TERM3_MARGIN)  # sect >= factor * side
        need = factor * np.minimum(weights - 1, probe_length)  # of the shorter side
        return (shared - 1 >= need) & (shared > 1)

    def _rare_words(
        self, parts: Sequence[Sequence[str]], threshold: float, within: np.ndarray | None = None
    ) -> dict[int, float]:
        """Paragraphs whose `rare_word_cosine` with one of the parts reaches `threshold`, with the best cosine.

        Exact: every rare token is walked. For a part, cosine >= threshold exactly when its dot product over the
        part's `need` (the threshold times its norm) reaches the paragraph's norm; the best part has the largest.
        """
        walked = []  # (part, [(token, its postings)]): a token known to the statistics may be absent from this corpus
        for part in parts:
            rare = [t for t in set(part) if t in self.rare_weights]
            postings = [(t, positions) for t in rare if (positions := self.postings.get(t)) is not None]
            if rare:
                walked.append((part, postings))
        # Only the paragraphs holding a rare token can score: the sums are kept for those alone (rare tokens have
        # short postings), each added up in the same order as over the whole corpus.
        if within is not None:  # and only those within
            walked = [(part, [(t, found[within[found]]) for t, found in postings]) for part, postings in walked]
        held = [found for _, postings in walked for _, found in postings]
        touched = np.unique(np.concatenate(held)) if held else _NO_POSTINGS
        best = np.zeros(len(touched))
        for part, postings in walked:
            dot = np.zeros(len(touched))
            for token, positions in postings:
                dot[np.searchsorted(touched, positions)] += self.rare_weights[token]
            np.maximum(best, dot / (threshold / 100.0 * self._query_norm(part)), out=best)
        norms = self._norms[touched]
        kept = (best > 0) & (best >= norms * (1 - 1e-9))  # no rare token: ratio 0
        cosines = threshold * best[kept] / norms[kept]
        return dict(zip(touched[kept].tolist(), cosines.tolist(), strict=True))


@dataclass(frozen=True)
class Candidates:
    """What the index finds for one event, before any rapidfuzz scoring."""

    same_words: list[int]  # positions whose token_set_ratio with the event may reach the threshold
    rare_words: dict[int, float]  # position -> its best rare-word cosine with a part, when it reaches the threshold
    bounds: dict[int, tuple[float, float]]  # position in same_words -> (lower, upper) bound of its token_set_ratio


def same_words_bounds(shared: np.ndarray, weights: np.ndarray, probe_weight: int) -> tuple[np.ndarray, np.ndarray]:
    """The lower and upper bounds of token_set_ratio for paragraphs of these `weights` sharing `shared` with a probe.

    token_set_ratio is 100 when one side's tokens are all shared; otherwise its first two terms follow from the
    weights exactly (the lower bound), and its third cannot exceed what the length difference of the two sides'
    other tokens allows. Every paragraph shares more than one character's weight (`_same_words`).
    """
    s, q, p = shared, weights, probe_weight
    low = 100.0 * np.maximum(1 - (p - s) / (s + p - 2), 1 - (q - s) / (s + q - 2))
    third = 100.0 * (1 - np.abs(p - q) / (p + q - 2))
    whole = (s >= p) | (s >= q)
    return np.where(whole, 100.0, low), np.where(whole, 100.0, np.maximum(low, third))


def same_words_factor(threshold: float) -> float:
    """token_set_ratio's first two terms reach `threshold` when the tokens shared weigh at least this share of a
    side's: 200 * sect / (sect + side) >= threshold."""
    return threshold / (200.0 - threshold)


def event_probe(event: Event) -> tuple[str, list[list[str]]]:
    """An event folded for matching: all it says as one text (title, summary, quotes), and each part's tokens."""
    folded = [fold_for_matching(part) for part in event_parts(event)]
    return " ".join(folded), [part.split() for part in folded]


def event_parts(event: Event) -> list[str]:
    """The texts of an event that each may be all another article reports of it: title, summary and quotes."""
    return [text for text in (event.title, event.summary, *(s.quote for s in event.sources)) if text.strip()]


_QUOTATION = re.compile(r'["“]([^"“”]+)["”]')


@functools.lru_cache(maxsize=4096)
def _phrase(quotation: str) -> re.Pattern[str]:
    """A folded quotation as a pattern of folded text: its words in order, whatever the spaces between them."""
    return re.compile(r"(?<!\S)" + r"\s+".join(map(re.escape, quotation.split())) + r"(?!\S)")


def event_quotations(event: Event) -> list[str]:
    """The quotations of an event's title and summary (in double quotation marks), folded as a paragraph's words
    are: the very words of a source that the event cites, when they are at least QUOTED_MIN_WORDS words, two of them
    beyond stopwords ("the talks go on in Vienna", not "in recent days")."""
    found = []
    for text in (event.title, event.summary):
        for quoted in _QUOTATION.findall(text):
            words = fold_for_matching(quoted).split()
            if len(words) >= QUOTED_MIN_WORDS and len(set(words) - STOPWORDS) >= 2:
                found.append(" ".join(words))
    return list(dict.fromkeys(found))


def rare_words_on_common_scale(cosine: float) -> float:
    """A rare-word cosine on token_set_ratio's scale: its threshold becomes CORROBORATION_THRESHOLD, 100 stays 100.

    Passages found either way are ranked together, and `score` means the same for both.
    """
    top = 100.0 - RARE_WORDS_THRESHOLD
    return CORROBORATION_THRESHOLD + (100.0 - CORROBORATION_THRESHOLD) * (cosine - RARE_WORDS_THRESHOLD) / top


def corroborate(
    event: Event,
    index: CorpusIndex,
    curated: Iterable[Passage],
    threshold: float = CORROBORATION_THRESHOLD,
    exhaustive: bool = False,
    rare_words_threshold: float = RARE_WORDS_THRESHOLD,
) -> list[Passage]:
    """Passages of other articles that report the event, best first.

    A paragraph reports it when the whole event's token_set_ratio reaches `threshold` (the same words) or when one
    of its parts' `rare_word_cosine` reaches `rare_words_threshold` (the same names and rare words, in a paraphrase),
    shares CONTENT_WORDS_MIN of the event's own words, and its dates allow it to speak of the event's day
    (`reportdate.may_report`). A paragraph that names the event's very day ("on February 29": its dates tie it to the
    event as no word can) needs DAY_NAMED_RELIEF less cosine and one content word fewer (one at least). A paragraph
    that holds, word for word, a quotation of the event's title or summary (`event_quotations`: the words of a
    source the event cites) needs no cosine: the event's own words and its dates suffice.
    Searched: every article except, for an event whose sources all cite one article, that article (its other
    paragraphs elaborate, they do not corroborate). Curated and rejected paragraphs are never suggested.
    `exhaustive` scores every paragraph instead of the index's candidates (for calibration and measurement).
    """
    cited = {s.article for s in event.sources}
    excluded = index.spans.get(next(iter(cited)), range(0)) if len(cited) == 1 else range(0)
    taken = {index.position_of.get((p.article, p.paragraph), -1) for p in curated}
    taken.update(rejected_positions(event, index))
    probe, parts = event_probe(event)
    allowed = index.allowed(event.date)
    allowed[excluded.start : excluded.stop] = False
    allowed[[i for i in taken if i >= 0]] = False
    probe_tokens = {token for part in parts for token in part}
    own = _OwnWords(probe_tokens)

    may_name = True if index.days_read else None  # every paragraph asked is one `allowed` keeps: so it may

    @functools.cache  # names alone are not enough: `words` of the event's own words, on the event's day
    def evidence(i: int, words: int = CONTENT_WORDS_MIN) -> bool:
        text, published = index.refs[i].paragraph.text, index.published[i]
        dated = reportdate.may_report_unread(event.date, text, published, may_name)  # the cheap checks first
        if dated is False or not _shares(own, index.word_candidates(i), words):
            return False
        return dated or reportdate.by_named_days(event.date, text, published)

    def rare_evidence(i: int) -> bool:  # a paraphrase: its rare words, fewer if it names the event's very day
        if cosines[i] >= rare_words_threshold:
            return evidence(i)
        text = index.refs[i].paragraph.text
        return evidence(i, max(1, CONTENT_WORDS_MIN - 1)) and reportdate.names_the_day(
            event.date, text, index.published[i]
        )

    def in_scope(positions: Iterable[int]) -> list[int]:
        found = np.fromiter(positions, np.int64)
        return found[allowed[found]].tolist()

    everything = range(len(index.texts))
    rare_threshold = rare_words_threshold - (DAY_NAMED_RELIEF if reportdate.dated_to_the_day(event.date) else 0.0)
    if exhaustive:
        same_words = in_scope(everything)
        cosines = {i: max((index.rare_word_cosine(part, i) for part in parts), default=0.0) for i in everything}
    else:
        found = index.candidates(parts, rare_threshold, allowed)
        same_words, cosines = in_scope(found.same_words), found.rare_words
        same_words = _contenders(
            same_words, found.bounds, cosines, in_scope, (threshold, rare_words_threshold), evidence
        )
    # The best CORROBORATION_LIMIT of each kind among the paragraphs that are evidence, so that a paragraph dropped
    # for lack of the event's own words never takes the place of one that is kept (as it would in an added article).
    found_same = process.extract(
        probe, [index.texts[i] for i in same_words], scorer=CORROBORATE_SCORER, score_cutoff=threshold, limit=None
    )
    same_words_scores: dict[int, float] = {}
    for _, score, n in found_same:
        if len(same_words_scores) == CORROBORATION_LIMIT:
            break
        if evidence(same_words[n]):
            same_words_scores[same_words[n]] = score
    scores = dict(same_words_scores)
    rare_words = in_scope(i for i, cosine in cosines.items() if cosine >= rare_threshold)
    rare_words.sort(key=lambda i: (-cosines[i], i))
    for position in _first(CORROBORATION_LIMIT, rare_words, rare_evidence):
        scores[position] = max(scores.get(position, 0.0), round(rare_words_on_common_scale(cosines[position]), 6))
    quotations = event_quotations(event)
    found = [index.quoting(quotation) for quotation in quotations]
    candidates = found[0] if len(found) == 1 else np.unique(np.concatenate(found)) if found else _NO_POSTINGS

    def quotes(i: int) -> bool:
        return i not in scores and any(index.holds(i, q) for q in quotations) and evidence(i)

    quoting = set(_first(CORROBORATION_LIMIT, candidates[allowed[candidates]].tolist(), quotes))
    for position in quoting:
        cosine = max(index.rare_word_cosine(part, position) for part in parts)
        scores[position] = round(rare_words_on_common_scale(cosine), 6)
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:CORROBORATION_LIMIT]
    passages = []
    for position, score in ranked:
        ref = index.refs[position]
        if position in quoting:  # the sentence that holds the quotation, else the one with most rare words
            weigh = index.rare_words_weigher(probe_tokens)
            closeness = functools.partial(_quoting_closeness, quotations, weigh)
        elif score > same_words_scores.get(position, 0.0):  # found by its rare words: the sentence with most of them
            closeness = index.rare_words_weigher(probe_tokens)
        else:
            closeness = functools.partial(CORROBORATE_SCORER, probe)
        start, end = _best_sentence(ref.paragraph.text, index.texts[position], closeness)
        passages.append(
            Passage(ref.article, ref.paragraph.number, start, end, ref.paragraph.text[start:end], score, False)
        )
    return passages


_ATTRIBUTION = re.compile(
    r"\b(?:said|says|tweeted|tweets|wrote|writes|added|adds|stated|states|posted|posts|noted|declared|announced|"
    r"explained|warned|told(?:\s+\w+){1,3}|according\s+to(?:\s+\w+){1,3})\W*$",
    re.IGNORECASE,
)
_CLOSED = re.compile(r"[.!?:;…][\"'”’)\]]*\s*$")
_NAME = re.compile(r"\b[A-Z][\w'’.-]*")


def not_evidence_alone(title: str, text: str) -> bool:
    """A paragraph that reports nothing on its own: the headline, a byline or dateline, a bare attribution.

    A headline (the article's title, or a short paragraph without a closing full stop; a dateline with it) names
    the story without reporting it; "X, an adviser to Y, tweeted:" introduces words that are not in it.
    """
    return fold_for_matching(text).split() == fold_for_matching(title).split() or _furniture(text)


def _furniture(text: str) -> bool:
    """`not_evidence_alone` but for the title: a byline or dateline, a headline-like line, a bare attribution."""
    stripped = text.strip()
    if re.match(r"(?i)by\s+[A-Z]", stripped) and len(text) < 80:
        return True
    if not _CLOSED.search(stripped) and len(stripped.split()) <= HEADLINE_MAX_WORDS:
        return True
    return stripped.endswith(":") and _ATTRIBUTION.search(stripped[:-1]) is not None


def content_words(probe_tokens: set[str], text: str, folded: str) -> set[str]:
    """The paragraph's words the event shares (`dismissed` for `dismiss`: the same first six letters; `jobs` for
    `job`), beyond names (capitalised in the paragraph), numbers and stopwords."""
    return _shared_words(_OwnWords(probe_tokens), word_candidates(text, folded))


def word_candidates(text: str, folded: str) -> frozenset[str]:
    """The paragraph's words that may be an event's own: not names (capitalised in it), numbers, stopwords or
    words of two letters. The same for every event: `CorpusIndex.word_candidates` keeps them."""
    names = {token for name in _NAME.findall(text) for token in fold_for_matching(name).split()}
    words = {t for t in set(folded.split()) - names - STOPWORDS if len(t) > 2}
    if any(map(str.isdigit, set(folded))):  # most paragraphs hold no digit: their words need no look
        words = {t for t in words if not any(map(str.isdigit, t))}
    return frozenset(words)


class _OwnWords:
    """An event's words as `_shared_words` looks a paragraph's up: its tokens, their first six letters, and the
    words whose plural or past they are (`cut` for `cuts`, `announce` for `announced`)."""

    def __init__(self, tokens: set[str]) -> None:
        self.tokens = tokens
        self.stems = {t[:6] for t in tokens}
        self.bare = {t[:-1] for t in tokens if t[-1:] in ("s", "d")} | {t[:-2] for t in tokens if t.endswith("ed")}

    def shares(self, word: str) -> bool:
        """Whether the event shares the word: the same first six letters, or a plural or past of its own word, or
        the word of its own plural or past."""
        return word[:6] in self.stems or word in self.bare or word[:-1] in self.tokens or word[:-2] in self.tokens


def _shared_words(own: _OwnWords, words: Iterable[str]) -> set[str]:
    """Of `words`, those the event shares: the same first six letters, or a plural or past of its own word, or the
    word of its own plural or past."""
    return set(filter(own.shares, words))


def _shares(own: _OwnWords, words: frozenset[str], count: int) -> bool:
    """Whether the event shares `count` of these (distinct) words (`_shared_words`): looked no further than needed."""
    return next(itertools.islice(filter(own.shares, words), count - 1, None), None) is not None


def _first(count: int, ordered: Iterable[int], keep: Callable[[int], bool]) -> list[int]:
    """The first `count` items of `ordered` that `keep` accepts: `keep` is asked no further than needed."""
    return list(itertools.islice(filter(keep, ordered), count))


def rejected_positions(event: Event, index: CorpusIndex) -> set[int]:
    """The paragraphs holding a suggestion the user rejected for this event: found by its words, not its number,
    so that a rejection survives paragraphs being added or renumbered."""
    positions = set()
    for rejected in event.rejected:
        words = " ".join(fold_for_matching(rejected.quote).split())
        for position in index.spans.get(rejected.article, ()):
            if words and words in " ".join(index.texts[position].split()):
                positions.add(position)
    return positions


def _contenders(
    positions: list[int],
    bounds: dict[int, tuple[float, float]],
    cosines: dict[int, float],
    in_scope: Callable[[Iterable[int]], list[int]],
    thresholds: tuple[float, float],
    evidence: Callable[[int], bool],
) -> list[int]:
    """The same-words candidates that may still rank among the best CORROBORATION_LIMIT, in order.

    Where wire copy repeats a paragraph in hundreds of articles, hundreds reach the threshold; the bounds on their
    scores (`Candidates.same_words_bounds`) and the rare-word scores settle most without scoring: a paragraph
    whose best possible score is below the CORROBORATION_LIMIT-th best certain one cannot be kept. Only paragraphs
    that are `evidence` (sharing the event's own words) count as certain: the others are dropped later.
    """
    if not bounds or len(positions) <= CORROBORATION_LIMIT:
        return positions
    threshold, rare_threshold = thresholds
    rare = {i: rare_words_on_common_scale(cosines[i]) for i in in_scope(cosines) if cosines[i] >= rare_threshold}
    certain = dict(rare)
    for i in positions:
        low = bounds[i][0]
        if low >= threshold and low > certain.get(i, 0.0):
            certain[i] = low
    best = _first(CORROBORATION_LIMIT, sorted(certain, key=certain.__getitem__, reverse=True), evidence)
    if len(best) < CORROBORATION_LIMIT:
        return positions
    bar = max(threshold, certain[best[-1]]) - 1e-6  # float error: margin
    return [i for i in positions if bounds[i][1] >= bar]


def _quoting_closeness(quotations: list[str], weigh: Callable[[str], float], folded: str) -> float:
    """How close a folded sentence is to an event that it may quote: holding a quotation first, then rare words."""
    return weigh(folded) + (1e9 if any(_phrase(q).search(folded) for q in quotations) else 0.0)


def _best_sentence(text: str, folded_text: str, closeness: Callable[[str], float]) -> tuple[int, int]:
    """The span of the paragraph's sentence closest to the event by `closeness` (of folded text): what to highlight.

    `folded_text` is `fold_for_matching(text)`: folding keeps offsets, so each sentence's folded form is a slice of it.
    """
    return max(sentence_spans(text), key=lambda span: closeness(folded_text[span[0] : span[1]]))


@dataclass(frozen=True)
class MergeResult:
    passages: dict[str, tuple[Passage, ...]]  # event id -> curated passages first, then corroborating, best first
    unanchored: tuple[Unanchored, ...]
    index: CorpusIndex | None = field(default=None, compare=False)  # kept for `locate`; never cached


COMMON_ROW_SHARE = 64  # a token in more than one paragraph in this many has a row in `CorpusIndex._common_rows`
COMMON_ROWS_BYTES = 32 * 2**20  # those rows' size at most: the most common tokens first
READ_DAYS_MIN_EVENTS = 2000  # a merge of this many events reads the paragraphs' days first (`read_days`)
PARALLEL_MIN_EVENTS = 200  # fewer events are matched in this process alone: a helper process costs ~50 ms
MATCH_BATCH = 25  # events matched at a time, here or by a helper: small enough to keep both busy to the end
PROGRESS_STEPS = 50


def merge(
    corpus: Corpus,
    events: Iterable[Event],
    progress: ProgressFn | None = None,
    statistics: Statistics | None = None,
    index: CorpusIndex | None = None,
) -> MergeResult:
    """Anchor every source of every event and find the corroborating passages.

    `statistics`, when given, are the corpus statistics to judge words by (those of an earlier version of the
    corpus, for an incremental merge); by default the corpus's own. `index`, when given, is this corpus indexed on
    those statistics. On a machine with several cores, helper processes (forked, so they share the index without
    copying it) match a share of the events each.
    """
    events = list(events)
    report = progress or (lambda _stage, _fraction: None)
    if index is None:
        report("Indexing the corpus", 0.05)
        index = CorpusIndex(corpus, statistics=statistics)
    if len(events) >= READ_DAYS_MIN_EVENTS:
        index.read_days()  # before helpers are forked: they share it
    matched = _match_all(events, corpus, index, report)
    passages = {event.id: found for event, (found, _missed) in zip(events, matched, strict=True)}
    unanchored = tuple(u for _found, missed in matched for u in missed)
    report("Matched", 1.0)
    return MergeResult(passages, unanchored, index)


Matched = tuple[tuple[Passage, ...], list[Unanchored]]
_shared: tuple[list[Event], Corpus, CorpusIndex] | None = None  # what forked helpers inherit


def _match_range(start: int, stop: int) -> list[Matched]:
    assert _shared is not None
    events, corpus, index = _shared
    return [match_event(event, corpus, index) for event in events[start:stop]]


def _helpers(events: int) -> int:
    if events < PARALLEL_MIN_EVENTS:
        return 0
    return max(0, min(cores(), events // PARALLEL_MIN_EVENTS) - 1)


def _match_all(events: list[Event], corpus: Corpus, index: CorpusIndex, report: ProgressFn) -> list[Matched]:
    """match_event for every event, in order, in batches shared with helper processes as they go.

    The helpers take batches from the front and this process from the back, each as soon as it is free, so the
    work is balanced whatever each batch costs (an early event has more articles to search) and however busy this
    process is (the explorer draws meanwhile). A batch a helper could not match (it died) is matched here.
    """
    global _shared
    batches = [(start, min(start + MATCH_BATCH, len(events))) for start in range(0, len(events), MATCH_BATCH)]
    futures: dict[int, Future[list[Matched]]] = {}
    pool = None
    helpers = _helpers(len(events))
    if helpers:
        _shared = (events, corpus, index)
        try:
            pool = forked_pool(helpers)
            futures = {n: pool.submit(_match_range, *batch) for n, batch in enumerate(batches)} if pool else {}
        except (OSError, BrokenProcessPool):  # no process could be started, or one died at once: all is matched here
            futures = {}
    results: dict[int, list[Matched]] = {}
    reported = [-1]  # the last step of progress reported: at most PROGRESS_STEPS reports, each one redraws the UI

    def match_here(n: int) -> None:
        done = sum(
            stop - start
            for m, (start, stop) in enumerate(batches)
            if m in results or (m in futures and futures[m].done() and not futures[m].cancelled())
        )
        if (step := done * PROGRESS_STEPS // max(1, len(events))) > reported[0]:
            reported[0] = step
            report(f"Matching events ({done}/{len(events)})", 0.1 + 0.9 * done / max(1, len(events)))
        start, stop = batches[n]
        results[n] = [match_event(event, corpus, index) for event in events[start:stop]]

    try:
        for n in reversed(range(len(batches))) if futures else range(len(batches)):
            if n in futures and not futures[n].cancel():
                break  # a helper has this batch, and every batch before it
            match_here(n)
        for n, future in futures.items():
            if n not in results:
                try:
                    results[n] = future.result()
                except (OSError, BrokenProcessPool):  # a helper that died: its batch is matched here
                    match_here(n)
        return [matched for n in range(len(batches)) for matched in results[n]]
    finally:
        _shared = None
        if pool is not None:
            pool.shutdown(wait=True)


def match_event(event: Event, corpus: Corpus, index: CorpusIndex) -> Matched:
    """One event's passages (curated, then corroborating) and its sources that anchor nowhere."""
    curated: list[Passage] = []
    unanchored: list[Unanchored] = []
    for source in event.sources:
        article = corpus.get(source.article)
        best = anchor(source, article, index) if article is not None else None
        if best is None or best.score < ANCHOR_THRESHOLD:
            unanchored.append(Unanchored(event.id, source, best))
        elif all((p.article, p.paragraph, p.start) != (best.article, best.paragraph, best.start) for p in curated):
            curated.append(best)
    return (*curated, *corroborate(event, index, curated)), unanchored


def extend_corroboration(
    event: Event, passages: Sequence[Passage], added: CorpusIndex, rank: Callable[[Passage], tuple[int, int]]
) -> tuple[Passage, ...]:
    """An event's passages once the articles of `added` (an index on the merge's statistics) join the corpus.

    The paragraphs of the added articles are judged as a full merge judges them (`Statistics`), and the best
    CORROBORATION_LIMIT of old and new are kept in a full merge's order: score, then place in the corpus (`rank`).
    """
    curated = [p for p in passages if p.curated]
    found = corroborate(event, added, curated)
    if not found:
        return tuple(passages)
    others = [p for p in passages if not p.curated]
    ranked = sorted([*others, *found], key=lambda p: (-p.score, rank(p)))[:CORROBORATION_LIMIT]
    return (*curated, *ranked)


def _idf(index: CorpusIndex, token: str) -> float:
    return math.log((1 + len(index.texts)) / (1 + index.frequency.get(token, 0)))


def coverage(query_tokens: list[str], paragraph_tokens: set[str], index: CorpusIndex) -> float:
    """0-100: the share of the query's information (IDF-weighted tokens) found in the paragraph.

    A token counts when present, when it starts or ends a paragraph word (account/accountable), or when it is a
    typo of one (ratio >= 80).
    """
    total = found = 0.0
    for token in query_tokens:
        weight = _idf(index, token)
        total += weight
        if token in paragraph_tokens:
            found += weight
        elif len(token) >= 4 and (
            any(len(w) >= 4 and (w.startswith(token) or token.startswith(w)) for w in paragraph_tokens)
            or process.extractOne(token, paragraph_tokens, scorer=fuzz.ratio, score_cutoff=80) is not None
        ):
            found += weight * 0.9
    return 100.0 * found / total if total else 0.0


def locate(text: str, index: CorpusIndex, limit: int = 10) -> list[Passage]:
    """The paragraphs that best match any text (a paraphrase, a half-remembered quote), best first.

    Candidates are the best paragraphs by partial_ratio (a quote, even with typos), by token_set_ratio and by
    shared rare words; each is scored by the mean of partial_ratio and `coverage` (the query's words, weighted by
    rarity, found in the paragraph: a paraphrase keeps the names and rare words). The passage's span and text are the
    aligned words, as for every passage.
    """
    query = fold_for_matching(text).strip()
    if not query or not index.texts:
        return []
    pool = max(50, limit * 5)
    chosen: set[int] = set()
    for scorer in (fuzz.partial_ratio, fuzz.token_set_ratio):
        chosen.update(position for _, _, position in process.extract(query, index.texts, scorer=scorer, limit=pool))
    query_tokens = list(dict.fromkeys(query.split()))
    shared: Counter[int] = Counter()
    for token in index.prefix(query_tokens):  # the query's rarer half: a paraphrase keeps its rare words
        if (positions := index.postings.get(token)) is not None:
            shared.update(positions.tolist())
    chosen.update(position for position, _ in shared.most_common(pool))
    scored = []
    for position in chosen:
        partial = fuzz.partial_ratio(query, index.texts[position])
        words = set(index.texts[position].split())
        scored.append(((partial + coverage(query_tokens, words, index)) / 2, position))
    scored.sort(key=lambda item: (-item[0], item[1]))
    results = []
    for score, position in scored[:limit]:
        ref = index.refs[position]
        span = align(text, ref.article, ref.paragraph, curated=False)
        results.append(Passage(ref.article, ref.paragraph.number, span.start, span.end, span.text, score, False))
    return results
