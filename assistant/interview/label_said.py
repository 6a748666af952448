"""A question that asks what the training label is, and a sentence that already says it.

"What is the training label: opened, opened and purchased, or not disabled?" was asked
of a candidate who had said "The label is an open within two hours…", quoting that very
sentence. The bank's ``answered_by`` words name the *better* answers ("composite",
"multi task"); a label told in any words answers the question all the same: "we label a
session as fraud when a chargeback arrives", "the target is whether the user clicked",
"an opt out counts as a strong negative", "we train on whether the user opened it".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.interview.spoken_numbers import number_text

_ASKS_LABEL = re.compile(
    r"^(?:what(?: is|'s| are) (?:the |your |a )?(?:training )?(?:labels?|targets?|positives?)"
    r"|what counts as (?:a |an )?(?:positive|negative)"
    r"|what (?:label|target) would you (?:train on|use|pick)"
    r"|how (?:exactly )?(?:do|would) you define (?:the |a |your )?(?:[\w-]+ )?(?:label|target))\b"
)
"""The part of a question that asks what the label is."""

_OPTIONS = re.compile(r"^[^:]*:")
"""The options a question offers after its colon ("…label: opened, or not disabled?")."""

_WINDOW_ASK = re.compile(r"^(?:and )?(?:over|within|in) what (?:window|time|period)\b")
"""A second part asking over what time the label is read."""

_NEGATIVE_ASK = re.compile(r"^(?:and )?what (?:is|are|counts as) (?:a |an )?negatives?\b")
"""A second part asking for the negatives too."""

_SAYS_LABEL = re.compile(
    r"\b(?:the|our|my) (?:training |main )?(?:labels?|targets?) (?:is|are|will be|would be|"
    r"becomes?)\b"
    r"|\blabel(?:s|l?ed|l?ing)?\b[^.?!]{0,60}?\b(?:when|if|whether|once|as (?:a |an )?"
    r"(?:positive|negative))\b"
    r"|\bcounts? as (?:a |an )?(?:strong |weak |hard |clear )?(?:positive|negative)s?\b"
    r"|\b(?:is|are) (?:a |an |our )?(?:strong |weak |hard )?(?:positive|negative)s?\b"
    r"|\b(?:a |the )?(?:positive|negative)s? (?:is|are|means?)\b"
    r"|\btrain(?:ed|s|ing)? (?:the model |it |a model |them )?(?:on|to predict) whether\b"
)
"""A sentence that says what the label is, in any words."""

_SAYS_NEGATIVE = re.compile(r"\bnegatives?\b|\bnot (?:spam|fraud|churn\w*|relevant)\b")
_DURATION = re.compile(
    r"\b(?:within|over|in|after|for) (?:the (?:next |first |last )?)?(?:\d+|an?|one) ?"
    r"(?:hours?|days?|weeks?|months?|years?)\b"
)
"""A time span the label is read over ("within thirty days", "in the next month")."""


def _question(ask: str) -> str | None:
    """``ask`` when it is one question; None when it first sets out a difficulty ("Most
    spam is filtered before anyone sees it. Where do your training labels come from?"):
    a label told plainly does not meet it."""
    sentences = re.split(r"(?<=[.?!])\s+", ask.strip().lower())
    return sentences[0] if len(sentences) == 1 else None


def _parts(ask: str) -> list[str] | None:
    """The second parts of a label question (a window, the negatives), or None: ``ask``
    is no label question, or it asks more than a label tells ("…, and what bias does
    that bring?")."""
    question = _question(ask)
    m = _ASKS_LABEL.match(question) if question else None
    if question is None or m is None:
        return None
    rest = question[m.end() :]
    rest = _OPTIONS.sub("", rest) if ":" in rest else rest
    parts = [p.strip(" ?") for p in re.split(r",\s*|\s+and\s+", rest) if p.strip(" ?")]
    # "what is a positive and what is a negative example": the first part's own words
    wanted = [p for p in parts if _WINDOW_ASK.match(p) or _NEGATIVE_ASK.match(p)]
    if ":" in question:
        return wanted
    others = [p for p in parts if p not in wanted and not p.startswith(("example", "for "))]
    return None if any(_asking(p) for p in others) else wanted


def _asking(part: str) -> bool:
    return bool(re.match(r"^(?:and )?(?:what|how|why|which|where|when|who)\b", part))


def label_said(ask: str, statements: Sequence[str]) -> bool:
    """One of ``statements`` (or two in a row) says the label ``ask`` asks for: its
    window with it when the question asks over what time, the negatives too when it asks
    for them."""
    wanted = _parts(ask)
    if wanted is None:
        return False
    lows = [s.lower() for s in statements]
    texts = [*lows, *(f"{a} {b}" for a, b in zip(lows, lows[1:], strict=False))]
    for text in texts:
        if not _SAYS_LABEL.search(text):
            continue
        if any(_WINDOW_ASK.match(p) for p in wanted) and not _DURATION.search(number_text(text)):
            continue
        if any(_NEGATIVE_ASK.match(p) for p in wanted) and not _SAYS_NEGATIVE.search(text):
            continue
        return True
    return False
