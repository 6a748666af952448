"""Sentences that say the word "tradeoff" and weigh nothing: the stage named in a list of
stages ("we went through framing, constraints, …, tradeoffs and impact"), or tradeoffs
between options the sentence never names ("there are of course tradeoffs between the
options, and we balance them depending on the requirements")."""

from __future__ import annotations

import re
from collections.abc import Collection

from assistant.scoring.structure.scorers import WEIGHING
from assistant.scoring.structure.substance import SubstanceReader, stem, weighs_a_cost

LISTED_STAGES = 3
"""Items of a list that are stage names, the tradeoffs among them, that make the list a
run through the stages (a plan or a recap) rather than the sides of a tradeoff."""

_TRADEOFF_WORD = re.compile(r"\btrade[\s-]?offs?\b")
_WORD = re.compile(r"[a-z][a-z'-]*")
_ITEM = re.compile(r"\s*(?:[,;:]|\band\b|\bor\b)\s*")
_LEAD = frozenset("the a an our its their then also finally lastly".split())

_UNNAMED = (
    r"(?:(?:the|these|those|all|our|some|different|various|several|many|multiple|both|two|"
    r"possible|available|usual|obvious)\s+)*(?:options?|approaches|choices|alternatives|methods|"
    r"solutions|models|designs|things|them|those|these|both|two|ones|components|parts|aspects|"
    r"requirements|factors|considerations)\b"
)
_NO_SIDES = re.compile(
    # "tradeoffs between the options", "trade-offs to consider between different approaches"
    r"\btrade[\s-]?offs?(?:\s+(?:to (?:consider|make|think about|weigh)|involved|here|there))?"
    rf"\s+(?:between|among|of|in)\s+{_UNNAMED}"
    # "there are of course tradeoffs, and …": no sides at all
    r"|\bthere(?:'s| is| are| will be)\s+(?:\w+\s+){0,3}?trade[\s-]?offs?"
    r"(?:\s+(?:to (?:consider|make|think about|weigh)|involved|here|there))?(?=\s*(?:[,.;!]|$))"
)
_HOW_ANY_CHOICE = (
    "choose chooses choosing chose chosen decide decides deciding decided depend depends "
    "depending dependent situation situations circumstance circumstances".split()
)
"""What is said of any choice beside tradeoffs whose options go unnamed: "…, and we
choose depending on the situation" weighs as little as "…, and we balance them depending
on the requirements"."""
_SIDED = re.compile(r"\b(?:but|while|whereas|though|although|rather than|instead of|versus|vs)\b")


def weighs_nothing(text: str, labels: Collection[str]) -> bool:
    """``text`` says "tradeoff" without weighing anything: as one stage in a list of the
    rubric's stages (``labels``: the words of their names), or of options it never names
    while the rest of it sets nothing against anything; or what it sets against what is
    the answer's own length, not a choice of the design (:data:`_OWN_COURSE`)."""
    low = " ".join(text.lower().replace("’", "'").split())
    return lists_stages(low, labels) or _no_sides(low, labels) or bool(_OWN_COURSE.search(low))


_OWN_COURSE = re.compile(
    # "each part could be more detailed depending on the time, but that's the overall
    # structure of how I would go about it": the answer's own depth set against its shape
    r"\b(?:could|can|would|might) (?:\w+ )?(?:be|go|get) (?:(?:a lot|much|a bit|far) )?"
    r"(?:more detailed|deeper|into more detail)\b[^.?!]*\bbut\b"
    r"|\bbut (?:that's|this is|that is|it's|those are) (?:the|my) (?:overall|general|basic|"
    r"rough|high[- ]level|main) (?:structure|idea|plan|picture|outline|shape|gist|approach)\b"
)
"""A "but" that sets what the answer could say against what it said, not one option of the
design against another ("…could be more detailed, but that's the overall structure")."""


def lists_stages(low: str, labels: Collection[str]) -> bool:
    """The tradeoffs are named as one item of a list of stage names ("…, monitoring,
    tradeoffs and impact")."""
    roots = {stem(w) for w in labels} | {"tradeoff"}
    items = [_WORD.findall(_TRADEOFF_WORD.sub("tradeoff", item)) for item in _ITEM.split(low)]
    named = [
        [w for w in words if w not in _LEAD]
        for words in items
        if words and all(w in _LEAD or stem(w) in roots for w in words)
    ]
    named = [words for words in named if words]
    return len(named) >= LISTED_STAGES and any("tradeoff" in words for words in named)


def _no_sides(low: str, labels: Collection[str]) -> bool:
    if not _NO_SIDES.search(low):
        return False
    rest = _NO_SIDES.sub(" ", low)
    if WEIGHING.search(rest) or weighs_a_cost(rest) or _SIDED.search(rest):
        return False
    return SubstanceReader("", [*labels, *_HOW_ANY_CHOICE]).read(rest).generic


_CHOICE = (
    r"\b(?:i|we)(?:'d|'ll| would| will| should| could)?\s+(?:(?:still|rather|probably|"
    r"definitely|actually|first|then)\s+)?(?:pick|picks|choose|chose|prefer|go with|go for|"
    r"went with|take|use|start with|keep|stick with|favou?r|opt for|lean towards|bet on)\b"
)
_OVER = (
    # "…over plain collaborative filtering", not "over time", "over the last 30 days",
    # "over three weeks" or "the average over all sessions"
    r"\bover\b(?!\s+(?:time|all|each|every|the (?:whole|full|entire|course|years?|weeks?|"
    r"days?|months?)\b|(?:the\s+)?(?:last|past|next|coming|first)\b|\d|(?:a|one|two|three|"
    r"four|five|six|seven|ten|twelve|several|many|few|a few)\s+(?:\w+\s+)?(?:seconds?|minutes?|"
    r"hours?|days?|nights?|weeks?|months?|quarters?|years?)\b))"
)
_SET_ASIDE = re.compile(
    rf"{_CHOICE}[^.?!;]{{0,80}}?(?:{_OVER}|\b(?:rather than|instead of|and not)\b|,\s*not\s+"
    r"(?:a|an|the|one|plain|just|only|some)\b"
    # a plan in phases, the other option put off: "I take the tree model first …, later
    # maybe a neural one"
    r"|\bfirst\b[^.?!;]{0,80}?\b(?:later|eventually)\b)"
)
_REASON = re.compile(
    r"\b(?:because|since|as (?:it|they|that|this)|given that|due to|so that|which means|"
    r"otherwise)\b"
)


def chosen_over(text: str) -> bool:
    """``text`` picks one option over another it names, with a reason: "I'd pick the
    two-tower model over plain collaborative filtering because new videos have no
    co-watch history", "I take the tree model first because it is fast and easy to debug,
    later maybe a neural one". One option is set against another, though what the choice
    gives up is not said; "I'd pick trees over a neural net." with no reason, or "we use
    the clicks over the last 30 days because…", sets nothing against anything."""
    low = " ".join(text.lower().replace("’", "'").split())
    found = _SET_ASIDE.search(low)
    return bool(found) and bool(_REASON.search(low, found.start()))
