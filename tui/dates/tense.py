"""Which way from the publication date an expression points: the tense and modality of the clause that holds it.

A bare "May 25", "January", "Friday", "the summer", "the third quarter" or "the 25th" names a date on either side of
the publication. English says which by the verb that governs the expression: "will", "would", "could", "is due to",
"is expected to", "plans to", "scheduled for" point ahead; a past tense, "ago", "last", "since" point back. The verb
nearest before the expression in its own clause decides; when the clause has none before it ("On Friday, the
ministers will meet"), the nearest one after it in the sentence does.

Reported speech: the reporting verb ("said", "told", "added that") governs only what is attached to it ("said on
Friday"); an expression inside the reported clause ("He said talks would resume on Friday") is governed by that
clause's own verb, whatever the tense of "said". A quotation opens a clause of its own too.
"""

from __future__ import annotations

import re
from typing import Literal

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
_REPORTED = re.compile(rf"(?i)\b(?:{REPORTING})\b(?:\s*,)?(?P<obj>(?:\s+(?!that\b)\w+){{0,3}}?\s+that\b|)")
# Cues, case-sensitive where English is: "may" the modal, never "May" the month.
_FUTURE_WORDS = (
    r"will|shall|would|could|might|should|must|can|cannot|won't|wouldn't|shan't|couldn't|can't|'ll|may"
    r"|(?i:(?:is|are|am|was|were|be|been|being)\s+(?:set|scheduled|expected|slated|planned|due|poised|likely"
    r"|going|about|to))"
    r"|(?i:(?:plans?|planning|planned|intends?|intended|intending|aims?|aimed|aiming|hopes?|hoped|hoping|seeks?"
    r"|sought|seeking|wants?|wanted|agreed|agrees|agreeing|decided|decides|promised|promises|vowed|vows|pledged"
    r"|pledges|threatened|threatens|expects?|expected|prepares?|prepared|preparing|ready|set|due|likely|poised"
    r"|going|scheduled|slated|tipped|looking)\s+to)"
    r"|(?i:scheduled|slated|expected|planned\s+for|set\s+for|due|upcoming|forthcoming|next|coming|to\s+be\s+held)"
)
_IRREGULAR_PAST = (
    r"was|were|had|did|said|told|met|began|begun|took|taken|held|made|came|went|gone|left|saw|seen|gave|given|found"
    r"|got|won|lost|fell|rose|struck|spoke|spoken|wrote|written|sent|paid|led|kept|brought|bought|knew|ran|stood"
    r"|broke|broken|chose|drove|flew|grew|threw|drew|fought|caught|felt|heard|meant|built|spent|shot|sold|told"
    r"|became|forgot|hid|slid|swore|tore|wore|woke|bore|beat|bit|ate|sank|sang|rang|shook|stole|struck|swept"
    r"|withdrew|withdrawn|overthrew|undertook|forbade|forgave|froze|frozen|rode|rose|arose|shrank|sprang|strove"
    r"|stuck|struck|swung|understood|upheld|won|wound|dealt|fled|fed|bled|bent|lent|sent|spent|sought|taught"
    r"|cut|hit|put|shut|quit|hurt|spread|cost|let|split|cast|burst"  # the same in the present: past in news
    r"|wasn't|weren't|hadn't|didn't|ago|since|earlier|previously|already|once|last|past|recently"
)
_PARTICIPLE_AFTER = ("stay", "stays", "remain", "remains", "keep", "keeps", "get", "gets", "be", "being")
# A participle after "be", "been", "stay", "remain" ... ("will be held", "stay closed") is not a past tense: the verb
# before it carries the tense.
_NOT_AFTER = "".join(rf"(?<!\b{w}\s)" for w in (*_PARTICIPLE_AFTER, "been", "is", "are", "am"))
# A bare verb after a modal, "to" or "not" ("will cut", "to hit", "did not quit") is not a past tense either.
_NOT_AFTER += "".join(
    rf"(?<!\b{w}\s)" for w in ("will", "would", "could", "might", "should", "must", "can", "may", "to", "not", "shall")
)
_NOT_AFTER += "(?<!'ll\\s)(?<!n't\\s)"
_CUE = re.compile(
    rf"(?<![\w'])(?:(?P<future>{_FUTURE_WORDS})|(?P<past>(?i:has|have)\s+been|{_NOT_AFTER}(?:(?i:{_IRREGULAR_PAST})"
    r"|[a-z]{2,}ed)))(?![\w'])"
)
_UNTIL = re.compile(r"(?i)\b(?:until|till|through)\s+(?:the\s+)?$")
# Putting off points ahead whatever the tense: "was delayed until March", "postponed to June", "pushed back to".
_PUT_OFF = re.compile(
    r"(?i)\b(?:delayed|postponed|deferred|adjourned|extended|rescheduled|pushed\s+back|put\s+off|moved\s+back"
    r"|delay|postpone|defer|adjourn|extend|reschedule|push\s+back)(?:\s+\w+){0,3}?\s+(?:until|till|to|into|for)"
    r"\s+(?:the\s+)?(?:\w+\s+)?$"
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
    if _PUT_OFF.search(before):
        return "future"
    cues = list(_CUE.finditer(before))
    if _UNTIL.search(before):  # "until Friday": ahead, unless the state it ends is told in the simple past only
        if any(c["future"] for c in cues):
            return "future"
        first = cues[0] if cues else None
        simple_past = first is not None and first["past"] and not _PERFECT.search(before[: first.start()])
        return "past" if simple_past else "future"
    if cues:
        return "future" if cues[-1]["future"] else "past"
    if _HEADLINE_TO.match(before):
        return "future"
    after = _clause_after(text, end)
    cue = _CUE.search(after)
    if cue:
        return "future" if cue["future"] else "past"
    return None


def _clause_before(text: str, start: int) -> str:
    """The words of the expression's own clause before it."""
    window = text[max(0, start - _WIDTH) : start]
    ends = list(_CLAUSE_END.finditer(window))
    if ends:
        window = window[ends[-1].end() :]
    reported = None
    for reported in _REPORTED.finditer(window):  # noqa: B007 - the last one is wanted
        pass
    if reported is not None:
        tail = window[reported.end() :]
        # A clause of its own after "that" or with a verb of its own; else attached to the reporting verb ("said on",
        # "told reporters on", "said in a statement on"), which governs it.
        if reported["obj"] or _CUE.search(tail):
            return tail
    return window


def _clause_after(text: str, end: int) -> str:
    window = text[end : end + _WIDTH]
    stop = _CLAUSE_END.search(window)
    return window[: stop.start()] if stop else window
