"""An explanation's example told over several sentences: an analogy or case opened in one
("Think of a fishing net.") and worked through in the next ("Precision is: of everything
in your net, how much is really fish and not old boots.", "A net with tiny holes catches
nearly all the fish, so recall is high…")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.scoring.structure.cues import word_form
from assistant.scoring.structure.depth import names_listener
from assistant.scoring.structure.segments import Segment, sentence_end
from assistant.scoring.structure.serving import SERVES, SERVES_SHARE
from assistant.scoring.structure.substance import STOP_WORDS, content_words

EXAMPLE = "example"
"""The stage an explanation's worked case serves."""

_OPENS_CASE = re.compile(
    r"^(?:(?:so|okay|ok|well|now|and|right|um|uh|just)\W+)*"
    # a short lead before it: "To make it concrete, think of…", "In everyday terms, picture…"
    r"(?:(?:to|in|for|as|at|on)\s+(?:[\w'-]+\s+){0,3}?[\w'-]+\s*[,:\u2014-]\s*)?"
    r"(?:(?:so|now|and|just)\W+)*(?:"
    r"imagine|picture|pretend|think of (?!(?:it|this|that) as (?:a |an |the )?(?:problem|"
    r"question|task|step|metric|number|tradeoff|trade-off|cost)\b)[\w'-]+|"
    r"think about (?:a|an|your|being|standing|walking|driving|cooking|playing|trying|having)|"
    r"say (?:you|we|i)|suppose|let's say|let us say|for example|for instance|take (?:a|an)\b|"
    r"(?:it's|it is) (?:a bit |a little |kind of )?like|here's an example|an example)\b"
)
"""A sentence that opens a case the listener can picture, wherever in the answer it comes:
"Think of a fishing net.", "Think of standing on a hill in thick fog…", "Think of it this
way: you are adjusting the shower…", "Imagine a student who…", "Picture a patient model
where…", "Say you have a million users…", "To make it concrete, picture…"."""
_PLAIN = frozenset(
    """
    imagine picture think like say suppose example instance take thing things someone
    something one way kind sort bit little lot lots really very much many
    """.split()
)
"""Words of a case's opening that say it is one, not what it is about."""
CARRIED = 4
"""Sentences after a case's opening that may carry it on, each saying one of its words
again ("net", "fish"); the first that says none of them ends it."""


def _words(text: str) -> set[str]:
    return {word_form(w) for w in content_words(text) if len(w) >= 3 and w not in _PLAIN}


def worked_cases(
    rubric_stage_ids: Sequence[str],
    segments: Sequence[Segment],
    rows: Sequence[dict[str, float]],
) -> list[dict[str, float]]:
    """``rows`` with the sentences that work an opened case through speaking for the
    example too: the case's opening, and each sentence after it (up to :data:`CARRIED`)
    that says a word of the case again. A case named and left ("Imagine a fishing net.
    Precision is the share of true positives.") carries nothing on."""
    out = [dict(r) for r in rows]
    if EXAMPLE not in rubric_stage_ids:
        return out
    i = 0
    while i < len(segments):
        low = segments[i].text.lower().replace("’", "'").lstrip(" \"'(")
        case = _words(low) if _OPENS_CASE.match(low) else set()
        if not case:
            i += 1
            continue
        _speak(out[i])
        j = i + 1
        if len(low.split()) <= SET_UP_WORDS and j < len(segments) and _sets_scene(segments[j].text):
            # "Think of a kitchen. The cook keeps salt and oil right by the stove…": a case
            # only named is set up by the sentence after it, in words of its own
            case |= _words(segments[j].text)
            _speak(out[j])
            j += 1
        # a scene told to the listener ("Think of it this way: you are adjusting the
        # shower…") goes on while they are still the one in it ("If you turn the tap…")
        told_to_you = bool(_YOU_IN_IT.search(low))
        while j < len(segments) and j <= i + CARRIED:
            said = _words(segments[j].text)
            if not said & case and not (told_to_you and _YOU_GO_ON.match(segments[j].text.lower())):
                break
            case |= said
            _speak(out[j])
            j += 1
        i = j
    return out


_YOU_IN_IT = re.compile(r"\byou(?:'re| are| were| have| had| can| take| stand| run| walk)\b")
"""A case the listener is put in: "…you are adjusting the shower", "Say you run a shop"."""
_YOU_GO_ON = re.compile(
    r"^\W*(?:(?:and|but|so|then|now|if|when|once|after that)\W+)*(?:you|your)\b"
    r"(?![^.?!]*\b(?:model|data|training|algorithm)\b)"
)
"""...and a sentence that keeps them in it, in words of the scene, not the subject's:
"If you turn the tap a huge amount each time…", not "You notice it when the training
error…"."""


LIST_WORDS = 12
"""A sentence this long or longer..."""
LIST_SHARE = 0.05
"""...with a share of small words ("a", "the", "is", "we") under this is a list of terms,
not a sentence: "…metric click latency user tradeoff user label label click impact…"."""
_WORD = re.compile(r"[a-z][a-z'-]*")


def lists_terms(text: str) -> bool:
    """``text`` strings terms together with none of the small words a sentence needs."""
    words = _WORD.findall(text.lower().replace("’", "'"))
    if len(words) < LIST_WORDS:
        return False
    return sum(w in STOP_WORDS for w in words) < LIST_SHARE * len(words)


def without_listed_cases(
    rubric_stage_ids: Sequence[str], said: Sequence[str], rows: Sequence[dict[str, float]]
) -> list[dict[str, float]]:
    """``rows`` less the example a list of terms lends a sentence (``said``: each
    sentence whole): a word salad pasted as an answer was told "You named concrete example
    (“…metric click latency user tradeoff…”)"; terms strung together are no case the
    listener can picture."""
    if EXAMPLE not in rubric_stage_ids:
        return list(rows)
    return [
        {k: v for k, v in row.items() if k != EXAMPLE} if lists_terms(text) else dict(row)
        for text, row in zip(said, rows, strict=True)
    ]


SET_UP_WORDS = 6
"""A case's opening this short only names the case ("Think of a kitchen.")..."""
_DEFINES = re.compile(r"^\W*(?:[\w'-]+\s+){0,3}?(?:is|are|means|refers)\b")
"""...and a sentence after it that says what something is ("Precision is the share of…")
goes back to the subject instead of setting the case up."""


def _sets_scene(text: str) -> bool:
    low = text.lower().replace("’", "'").strip()
    return not _DEFINES.match(low) and not low.endswith("?") and len(_words(low)) >= 3


def _speak(row: dict[str, float]) -> None:
    row[EXAMPLE] = max(row.get(EXAMPLE, 0.0), SERVES, SERVES_SHARE * max(row.values(), default=0))


FRAMING = "framing"
"""The stage an explanation's opening speaks for."""
_BOTH_SIDES = re.compile(
    r"\bbetween\s+(?P<one>(?:[\w'-]+\s+){1,8}?)(?:and|or|versus|vs|against)\s+"
    r"(?P<two>(?:[\w'-]+\s*){2,})"
    r"|\b(?P<three>(?:[\w'-]+\s+){1,4}?)(?:versus|vs|against)\s+(?P<four>(?:[\w'-]+\s*){2,})"
)
"""A choice said with both its sides: "between a more accurate model and a faster one",
"speed against accuracy in our product search"..."""
_CHOICE = re.compile(
    r"\b(?:trade ?-?offs?|choices?|chose|choose|decisions?|decided|dilemma|picked|pick|options?)\b"
)
"""...in a sentence that says it is about a choice..."""
_QUALITY = re.compile(
    r"\b(?:more|less|fewer|faster|slower|cheaper|pricier|bigger|smaller|simpler|safer|quicker|"
    r"better|worse|higher|lower|fresher|newer|older|easier|harder|fresh|cheap|fast|slow|quick|"
    r"accurate|accuracy|speed|latency|cost|simple|safe|precise|precision|recall|expensive|"
    r"reliable|flexible|robust|quality|freshness)\b"
)
"""...and what one side gains, not only the options' names ("between a more accurate model
and a faster one", not "a choice between batch and streaming processing")."""
SIDE_WORDS = 1
"""Words of its own each side needs ("a faster one": "faster")."""
_NOT_A_SIDE = frozenset("one ones thing things way ways option options".split())


def both_sides_named(
    depths: dict,
    announcing: frozenset[int],
    segments: Sequence[Segment],
    opening: Sequence[bool],
):
    """An explanation that opens on the choice it is about with both its sides ("A
    tradeoff I made was between a more accurate model and a faster one for our product
    search.") says its point in a sentence: the framing is described, not only named.
    "I'll talk about a tradeoff I made." names no side."""
    d = depths.get(FRAMING)
    if d is None or d.level >= 2:
        return depths
    for i in sorted(announcing | {0}):  # the first sentence opens on it, announced or not
        if i >= len(segments) or not opening[i] or segments[i].continues:
            continue
        low = segments[i].text.lower().replace("’", "'")
        found = _BOTH_SIDES.search(low)
        if found is None or not _CHOICE.search(low):
            continue
        sides = [s for s in found.groups() if s is not None]
        if all(len(_words(s) - _NOT_A_SIDE) >= SIDE_WORDS for s in sides) and any(
            _QUALITY.search(s) for s in sides
        ):
            return {**depths, FRAMING: type(d)(2, i, d.firm, d.asked, (i, i))}
    return depths


def listener_named(
    depths: dict,
    announcing: frozenset[int],
    segments: Sequence[Segment],
    opening: Sequence[bool],
):
    """An explanation that opens on its subject and whom it is for ("Okay, gradient
    descent, for someone who has never trained a model.", "So, the bias-variance tradeoff,
    aimed at a product manager.", "I'll explain overfitting to a new analyst.") frames it:
    what is explained and for whom is the framing described, however it is worded. Why it
    matters to that listener is still what justifies it; "Cross-validation, in plain
    words." names no listener and only names the framing."""
    d = depths.get(FRAMING)
    if d is None or d.level >= 2:
        return depths
    for i in sorted(announcing):
        if i >= len(segments) or not opening[i] or segments[i].continues:
            continue
        said = " ".join(s.text for s in segments[i : sentence_end(segments, i)])
        if names_listener(said):
            return {**depths, FRAMING: type(d)(2, i, d.firm, d.asked, (i, i))}
    return depths


_TIES_BACK = re.compile(
    r"\b(?:the same (?:thing|way|goes|happens|idea|story)|in the same way|just like (?:that|this|"
    r"the|our|your)|exactly (?:what|like that|like this)|same (?:with|for|goes for)|likewise"
    r"|(?:that's|that is|this is|which is) (?:exactly |just |precisely )?(?:what|how|why) "
    r"(?:a |an |the |our |your )?[\w-]+"
    r"|(?:that's|that is|this is) (?:a|an|the) (?:\w+ ){0,2}?(?:in a nutshell|in miniature|in "
    r"short)|(?:for|with) (?:a|an|the|our|your) (?:\w+ ){0,2}?model,? it's the same)\b"
)
"""A sentence that ties a case back to the point: "Overfitting means the same thing for a
model: …", "A model overfits the same way", "That's exactly what a cache does", "Same with
models: …"."""
TIE_AHEAD = 3
"""Sentences after the example's that may still tie it back."""
TIE_WORDS = 3
"""Words of its own the tie needs (not "Same thing." alone)."""


def tied_back(depths: dict, segments: Sequence[Segment], substances: Sequence) -> dict:
    """An example followed, within :data:`TIE_AHEAD` sentences, by one that says what it
    shows ("Overfitting means the same thing for a model: it learns the training examples
    so closely…") is justified: the example tied back to the point is what the rubric asks
    of it beyond the case itself."""
    d = depths.get(EXAMPLE)
    if d is None or d.level != 2 or d.segment is None:
        return depths
    case = _case_words(segments, d.segment)
    for j in range(d.segment + 1, min(d.segment + 1 + TIE_AHEAD, len(segments))):
        sub = substances[j]
        low = segments[j].text.lower().replace("’", "'")
        said = len(sub.specifics)
        if not sub.garbled and (
            (said >= TIE_WORDS and _TIES_BACK.search(low))
            or (said >= MAP_WORDS and _maps_case(low, case))
        ):
            at = (*d.at_level[:2], d.segment)
            return {**depths, EXAMPLE: type(d)(3, d.segment, d.firm, d.asked, at)}
    return depths


def _case_words(segments: Sequence[Segment], i: int) -> set[str]:
    """The words of the case sentence ``i`` belongs to: its own, and those of the
    sentences back to the one that opened the case (up to :data:`CARRIED` before it)."""
    words: set[str] = set()
    for j in range(i, max(i - CARRIED - 1, -1), -1):
        low = segments[j].text.lower().replace("’", "'").lstrip(" \"'(")
        words |= _words(low)
        if _OPENS_CASE.match(low):
            break
    return words


_IS = re.compile(r"\b(?:is|are|means)\b")
_CLAUSE_END = re.compile(r"[,;:.!?—]|\b(?:and|but|so|because|which|while)\b")
MAP_WORDS = 2
"""Words of its own a sentence that maps the subject onto the case needs: one for each
side ("A model's batch is that group of customers": "batch", "group")."""


def _maps_case(low: str, case: set[str]) -> bool:
    """The sentence says the subject is a part of the case: "A model's batch is that group
    of customers", "The learning rate is how far the model turns its tap", "A very simple
    model is like the first player": words of its own before "is", and words of the case
    after it."""
    found = _IS.search(low)
    if not found or not case:
        return False
    # what it is, up to the end of its clause: not "Overfitting is a common problem, and
    # many teams run into it every year" after a case of last year's exam paper
    said = _CLAUSE_END.split(low[found.end() :], maxsplit=1)[0]
    return bool(_words(low[: found.start()]) - case) and bool(_words(said) & case)
