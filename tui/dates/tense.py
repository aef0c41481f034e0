"""Which way from the publication date an expression points: the tense and modality of the clause that holds it.

A bare "May 25", "January", "Friday", "the summer", "the third quarter" or "the 25th" names a date on either side of
the publication. English says which by the verb that governs the expression: "will", "would", "could", "is due to",
"is expected to", "plans to", "scheduled for", and a schedule in the simple present ("the talks resume on Friday")
point ahead; a past tense, "ago", "last", "since" point back. The verb
nearest before the expression in its own clause decides; when the clause has none before it ("On Friday, the
ministers will meet"), the nearest one after it in the sentence does.

Reported speech: the reporting verb ("said", "told", "added that") governs only what is attached to it ("said on
Friday"); an expression inside the reported clause ("He said talks would resume on Friday") is governed by that
clause's own verb, whatever the tense of "said". A quotation opens a clause of its own too.
"""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

Direction = Literal["future", "past"]

_WIDTH = 200  # characters of the sentence looked at on each side

REPORTING = (
    r"said|says|say|told|tells|added|adds|announced|announces|stated|states|reported|reports|warned|warns|insisted"
    r"|insists|claimed|claims|explained|explains|noted|notes|wrote|writes|confirmed|confirms|acknowledged"
    r"|admitted|admits|argued|argues|asserted|declared|declares|predicted|predicts|suggested|suggests|indicated"
    r"|revealed|signalled|signaled|signals|believes|believed|thinks|thought|hopes|hoped|expects|expected"
    r"|announcing|saying|telling|adding|warning"
)
# After a reporting verb, the reported clause begins once a subject or "that" follows: "said (that) talks ...".
_REPORTING_WORDS = frozenset(REPORTING.split("|"))
_REPORTED = re.compile(rf"(?i)\b(?:{REPORTING})\b(?:\s*,)?(?P<obj>(?:\s+(?!that\b)\w+){{0,3}}?\s+that\b|)")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Cues. Modals are lower case ("may" the modal, never "May" the month); the rest in any case.
_MODALS = _words("will shall would could might should must can cannot won't wouldn't shan't couldn't can't may")
_BE = _words("is are am was were be been being")
_BE_AHEAD = _words("set scheduled expected slated planned due poised likely going about to")  # "is due"
_TO_AHEAD = _words(  # followed by "to": "plans to", "is expected to"
    "plan plans planning planned intend intends intended intending aim aims aimed aiming hope hopes hoped hoping seek"
    " seeks sought seeking want wants wanted agreed agrees agreeing decided decides promised promises vowed vows"
    " pledged pledges threatened threatens expect expects expected prepare prepares prepared preparing ready set due"
    " likely poised going scheduled slated tipped looking"
)
_AHEAD = _words("scheduled slated expected due upcoming forthcoming next coming")
# A schedule in the simple present points ahead without a future word: "the talks resume on Friday", "voting begins
# Monday", "the summit opens in June". Their past forms ("resumed", "began") are past cues like any other.
_SCHEDULE = _words(
    "begin begins start starts open opens reopen reopens resume resumes end ends close closes meet meets convene"
    " convenes reconvene reconvenes arrive arrives depart departs leave leaves expire expires launch launches"
    " kicks conclude concludes adjourn adjourns"
)
_PLURAL_SUBJECTS = _words("they we you i these those both all many some others")
# Most of these are nouns too ("its launch", "the end of", "since the start"): after these words they are.
_NOUN_AFTER = _words(
    "a an the its his her their our my your this these those each every no any some of after before since at for"
    " in on by with from into upon until till without within through during and or two three four five six seven"
    " eight nine ten several many few"
)  # ("fits and starts", "two launches")
_SCHEDULE_PHRASE = {  # a present verb that schedules only with its next word: "takes effect", "enters into force"
    "take": "effect place", "takes": "effect place", "come": "into", "comes": "into", "enter": "into",
    "enters": "into", "go": "into", "goes": "into", "kick": "off", "kicks": "off",
}  # fmt: skip
_PAST = _words(
    "was were had did said told met began begun took taken held made came went gone left saw seen gave given found"
    " got won lost fell rose struck spoke spoken wrote written sent paid led kept brought bought knew ran stood"
    " broke broken chose drove flew grew threw drew fought caught felt heard meant built spent shot sold"
    " became forgot hid slid swore tore wore woke bore beat bit ate sank sang rang shook stole swept"
    " withdrew withdrawn overthrew undertook forbade forgave froze frozen rode arose shrank sprang strove"
    " stuck swung understood upheld wound dealt fled fed bled bent lent sought taught"
    " cut hit put shut quit hurt spread cost let split cast burst"  # the same in the present: past in news
    " wasn't weren't hadn't didn't ago since earlier previously already once last past recently"
)
# After these, a participle or a bare verb carries no tense of its own: "will be held", "stay closed", "will cut",
# "to hit", "did not quit". The verb before it does.
_NO_TENSE_AFTER = _words(
    "stay stays remain remains keep keeps get gets be being been is are am"
    " will would could might should must can may to not shall"
)
_LETTERS = re.compile(r"[A-Za-z]+")
_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)*")


class Cue(NamedTuple):
    start: int
    future: bool


def _cues(text: str) -> list[Cue]:
    """The words of `text` that tell a tense, in order: future ("will", "is due", "plans to") or past."""
    matches = list(_WORD.finditer(text))
    words = [m.group() for m in matches]
    lowers = [word.lower() for word in words] + ["", ""]
    cues: list[Cue] = []
    i = 0
    while i < len(words):
        future, step = _cue_at(words, lowers, i)
        if future is not None:
            cues.append(Cue(matches[i].start(), future))
        i += step
    return cues


def _first_cue(text: str) -> bool | None:
    """Whether the first cue of `text` is future (True) or past (False); None when it has none."""
    words = _WORD.findall(text)
    lowers = [word.lower() for word in words] + ["", ""]
    i = 0
    while i < len(words):
        future, step = _cue_at(words, lowers, i)
        if future is not None:
            return future
        i += step
    return None


def _last_cue(words: list[str], lowers: list[str]) -> bool | None:
    """Whether the last cue of these words (and their lower-case forms) is future (True) or past (False), None when
    they have none: what `_cues` would end with, found from the end. A clause's verb is mostly near its end, so few
    words are looked at."""
    lowers = [*lowers, "", ""]
    taken: dict[int, bool] = {}
    for j in range(len(words) - 1, -1, -1):
        future, _ = _cue_at(words, lowers, j)
        if future is not None and not _taken(words, lowers, j, taken):
            return future
    return None


def _taken(words: list[str], lowers: list[str], j: int, memo: dict[int, bool]) -> bool:
    """Whether word `j` is read as part of a cue that starts before it ("expected" in "is expected"), so that the
    scan in `_cues` never looks at it alone."""
    if j not in memo:
        memo[j] = any(
            k >= 0 and _cue_at(words, lowers, k)[1] > j - k and not _taken(words, lowers, k, memo)
            for k in (j - 1, j - 2)
        )
    return memo[j]


def _cue_at(words: list[str], lowers: list[str], i: int) -> tuple[bool | None, int]:
    """The cue that word `i` starts when the scan reads it (True future, False past, None none) and how many words
    the cue takes."""
    word, lower = words[i], lowers[i]
    if lower not in _CUE_WORDS and not lower.endswith(("ed", "'ll")):
        return None, 1  # most words: none of the cues below can start here
    following = lowers[i + 1]
    if word in _MODALS or lower.endswith("'ll"):
        return True, 1
    if (
        (lower in _BE and following in _BE_AHEAD)
        or (lower in _TO_AHEAD and following == "to")
        or (lower in ("planned", "set") and following == "for")
    ):
        return True, 2
    if lower == "to" and following == "be" and lowers[i + 2] == "held":
        return True, 3
    if lower in _AHEAD or _schedules(lowers, i):
        return True, 1
    if lower in ("has", "have") and following == "been":
        return False, 2
    if (lower in _PAST or _past_form(word)) and not _after_no_tense(words, i):
        return False, 1
    return None, 1


def _past_form(word: str) -> bool:
    """A regular past or participle in lower case: "voted", "announced" (two letters at least before "ed")."""
    return len(word) > 3 and word.endswith("ed") and word.isalpha() and word.islower()


def _schedules(lowers: list[str], i: int) -> bool:
    """The word is a scheduling verb in the simple present: "resumes", "take effect" (not "its launch"). The plain
    form ("start", "end", "close") is a noun or an adjective as often ("a good start", "came close"): it counts only
    after a plural subject or a pronoun ("the talks resume", "ministers meet", "they begin")."""
    lower, following = lowers[i], lowers[i + 1]
    if lower not in _SCHEDULE and following not in _SCHEDULE_PHRASE.get(lower, "").split():
        return False
    previous = lowers[i - 1] if i else ""
    if (
        previous in _NOUN_AFTER
        or previous in _NO_TENSE_AFTER
        or previous.endswith(("'ll", "n't"))
        or previous.isdigit()
    ):
        return False
    return lower.endswith("s") or previous in _PLURAL_SUBJECTS or _plural(previous)


def _plural(word: str) -> bool:
    """A plural noun, as far as its ending tells: "talks", "ministers" (not "class", "year's" or "was")."""
    return len(word) > 3 and word.endswith("s") and not word.endswith("ss") and word.isalpha()


def _after_no_tense(words: list[str], i: int) -> bool:
    if i == 0:
        return False
    previous = words[i - 1]
    return previous in _NO_TENSE_AFTER or previous.endswith(("'ll", "n't"))


# The words a cue can start with (the regular pasts in "-ed" and "'ll" aside): most words are none of them.
_CUE_WORDS = (
    _MODALS | _BE | _TO_AHEAD | _AHEAD | _SCHEDULE | set(_SCHEDULE_PHRASE) | _PAST
    | {"planned", "set", "to", "has", "have"}
)  # fmt: skip

_UNTIL = re.compile(r"(?i)\b(?:until|till|through)\s+(?:the\s+)?$")
# Putting off points ahead whatever the tense: "was delayed until March", "postponed to June", "pushed back to".
_PUT_OFF = re.compile(
    r"(?i)\b(?:delayed|postponed|deferred|adjourned|extended|rescheduled|pushed\s+back|put\s+off|moved\s+back"
    r"|delay|postpone|defer|adjourn|extend|reschedule|push\s+back)(?:\s+\w+){0,3}?\s+(?:until|till|to|into|for)"
    r"\s+(?:the\s+)?(?:\w+\s+)?$"
)
_PUT_OFF_WORDS = _words(  # the words _PUT_OFF needs one of: where none is, the pattern is not tried
    "delayed postponed deferred adjourned extended rescheduled pushed put moved delay postpone defer adjourn extend"
    " reschedule push"
)
_PERFECT = re.compile(r"(?i)\b(?:has|have)\s+(?:\w+\s+)?$")
# Words that end a clause: a sentence end, a semicolon or colon, a dash, a quotation mark that opens or closes.
_CLAUSE_END = re.compile(r"[.!?;:]\s|[\"“”‘’]|\s[—–-]\s|\n")
# "to VERB" at the head of a clause, as in headlines: "Talks to resume on Friday", "Iran to hold elections in June".
_HEADLINE_TO = re.compile(
    r"^\W*(?!According\b|Due\b|Prior\b|Next\b|Close\b|Thanks\b|Owing\b|Up\b|Back\b|Compared\b)"
    r"(?:[A-Z][\w'-]*,?|of|and|the)(?:\s+(?:[A-Z][\w'-]*,?|of|and|the)){0,4}"
    r"\s+to\s+(?!(?:a|an|the|his|her|its|their|this|that|these|those|be)\b)[a-z]+\b"
)


def direction(text: str, start: int, end: int) -> Direction | None:
    """'future' or 'past' as the clause around text[start:end] says, or None when its verb does not say."""
    before = _clause_before(text, start)
    words = _WORD.findall(before)
    lowers = [word.lower() for word in words]
    said = frozenset(lowers)
    if not said.isdisjoint(_PUT_OFF_WORDS) and _PUT_OFF.search(before):
        return "future"
    if not said.isdisjoint(("until", "till", "through")) and _UNTIL.search(before):
        cues = _cues(before)  # "until Friday": ahead, unless the state it ends is told in the simple past only
        if any(c.future for c in cues):
            return "future"
        first = cues[0] if cues else None
        simple_past = first is not None and not first.future and not _PERFECT.search(before[: first.start])
        return "past" if simple_past else "future"
    last = _last_cue(words, lowers)
    if last is None and _HEADLINE_TO.match(before):
        return "future"
    if last is None:
        last = _first_cue(_clause_after(text, end))
    return None if last is None else "future" if last else "past"


def _clause_before(text: str, start: int) -> str:
    """The words of the expression's own clause before it."""
    window = text[max(0, start - _WIDTH) : start]
    ends = list(_CLAUSE_END.finditer(window))
    if ends:
        window = window[ends[-1].end() :]
    reported = _last_reported(window)
    if reported is not None:
        tail = window[reported.end() :]
        # A clause of its own after "that" or with a verb of its own; else attached to the reporting verb ("said on",
        # "told reporters on", "said in a statement on"), which governs it.
        if reported["obj"] or _last_cue(words := _WORD.findall(tail), [w.lower() for w in words]) is not None:
            return tail
    return window


def _last_reported(window: str) -> re.Match[str] | None:
    """The last match of _REPORTED in `window`, tried only at its reporting verbs, from the last one back (a match
    from an earlier verb that runs past a later one ends at the same "that": the later one's match is as good)."""
    if _REPORTING_WORDS.isdisjoint(_WORD.findall(window.lower())):
        return None  # most clauses: no reporting verb at all
    for word in reversed(list(_LETTERS.finditer(window))):
        if word.group().lower() in _REPORTING_WORDS and (found := _REPORTED.match(window, word.start())):
            return found
    return None


def _clause_after(text: str, end: int) -> str:
    window = text[end : end + _WIDTH]
    stop = _CLAUSE_END.search(window)
    return window[: stop.start()] if stop else window
