"""How audible an explanation's plan was: the depth of a rubric's roadmap stage.

A roadmap is not described by the substance of one sentence, as a design stage is, but
by what the answer does with its parts: 0 no move between parts is marked; 1 moves are
marked with no plan behind them ("first…", "on the buy side…"), or a plan is gestured at
and never given ("a few key pieces"), or given and never followed; 2 a plan that lists
its parts ("three things: what drift is, an example, and how you'd spot it") followed by
moves or by its parts in turn, or, with no plan said, a run of moves that each lead into
something said; 3 that plan returned to: its parts said again late in the answer, or
counted back ("so that's the two parts: …") wherever the close falls (the end of the
first of a session's answers is early in the whole).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.scoring.structure.depth import StageDepth
from assistant.scoring.structure.quotes import is_fragment, is_question
from assistant.scoring.structure.segments import Segment, sentence_end
from assistant.scoring.structure.substance import Substance, content_words

_PLAN = re.compile(
    r"\b(?:i'll|i will|i'm going to|i am going to|i'm gonna|let me|we'll|we will|i want to)"
    r" (?:do|cover|go through|go over|walk (?:you )?through|take you through|break (?:it|this) "
    r"(?:down )?into|split (?:it|this) into)\b"
    # "I'll explain data drift: what it is, an everyday example, and how you'd spot it"
    r"|\b(?:i'll|i will|let me|i'm going to|i am going to|i want to) (?:explain|describe|"
    r"talk (?:you )?through|talk about|tell you about|show you)\b[^:.?!]{0,40}:"
    r"|\b(?:the|my) plan is\b|\broadmap\b|\bhere's the plan\b|\bin (?:two|three|four) "
    r"(?:parts|steps|pieces)\b"
    r"|\b(?:two|three|four|five|a few|a couple of) (?:\w+ )?"
    r"(?:things|parts|steps|points|pieces|bits|aspects|dimensions|factors"
    r"|questions|ideas|sections|halves|angles|sides|areas|stages|options)\b"
)
"""Words that announce the plan of an explanation."""
_WH = r"(?:what|how|why|when|where|which|whether)"
_WH_LIST = re.compile(
    rf"\b{_WH}\b[^,;?]{{0,60}}[,;]\s*(?:and\s+)?{_WH}\b[^,;?]{{0,60}}[,;]?\s*(?:and\s+)?{_WH}\b"
)
"""Three parts said as questions in one sentence: "what goes wrong without one, how the
store fixes it, and when it's worth the bother"."""
_SAYS = re.compile(
    r"\b(?:i'll|i will|i'm going to|i am going to|let me|we'll|i want to) (?:say|tell you|"
    r"show you|give you|explain|cover|go through)\b"
)
"""A plan said as what the speaker will say, with its parts listed after it: "I'll say what
it is, give you a story that makes it stick, and then how you'd notice it"."""
_WH_PART = re.compile(rf"^\s*(?:and\s+)?(?:then\s+)?{_WH}\b")
_LABEL = re.compile(
    r"^(?:(?:so|and|ok|okay|now|then|right|alright)\W+)*"
    r"(?!(?:so|and|ok|okay|now|then|right|alright)\s*:)(?:[a-z][\w'-]*\s+){0,3}[a-z][\w'-]*"
    r"\s*:\s*\w"
)
"""A part of an explanation opened with a short heading and a colon: "the problem: each
of the forty shops…", "what I made: a model that…", "how you'd notice: compare…"."""


def opens_on_label(text: str) -> bool:
    """``text`` opens with a heading of a few words and a colon, as a move to a part."""
    return bool(_LABEL.match(_plain(text)))


_PLAIN_MOVE = re.compile(
    r"^(?:(?:so|and|now|okay|ok|then|right|well)\W+)*(?:"
    # "To fix it, you give it more data…", "To catch this early, …", "To build it, …": the
    # part said as its purpose, set off by a comma ("I had to fix it" moves nowhere)
    r"to (?:[a-z]+ ){1,2}?(?:it|this|that|them|these|those)\b[^,.;:?!]{0,30}[,:]"
    # "The way you notice it is…", "The way to fix that: …"
    r"|the (?:way|way that|place|moment|time) (?:you|we|to|i) (?:\w+ ){0,2}?(?:it|this|that|them)\b"
    # "For example, a decision tree…": the move to the case
    r"|(?:for example|for instance|as an example|here's an example|to give (?:you )?an example)\b"
    # the part named as it begins: "What I gave up was that accuracy", "What we did next
    # was…", "The hard part was not the model", "The catch is…"
    r"|what (?:i|we) (?:\w+ ){1,2}?(?:was|is)\b"
    r"|the (?:(?:hard|hardest|tricky|trickiest|difficult|interesting|surprising|other|flip|"
    r"down|up)\s*)?(?:part|side|bit|catch|cost|price|upshot|downside|upside)\s+(?:was|is)\b"
    # the move to what it taught: "If I did it again, I'd…", "Looking back, …"
    r"|(?:if (?:i|we) did it again|if (?:i|we) (?:had to )?do it again|next time|looking back|"
    r"in hindsight)\s*,"
    r")"
)
"""A move to the next part of an explanation in plain words, with no "first" or "next"."""


def opens_on_move(text: str) -> bool:
    """``text`` opens by moving to another part in plain words (:data:`_PLAIN_MOVE`)."""
    return bool(_PLAIN_MOVE.match(_plain(text).lstrip(" \"'(")))


_BETWEEN = re.compile(r"[,;:]|\band then\b|\bthen\b|\band finally\b|\bfinally\b|\band\b")
MAX_PART_WORDS = 10
"""A listed part is a short phrase ("how you'd spot it"); a longer run is a sentence
going on, not a list."""
CLOSE_SHARE = 0.6
"""A plan is said before this share of the answer, and a close that only says its parts
again (without counting them back) after it."""
RUN_OF_MOVES = 3
"""Moves, each into something said, that show a plan even when none was announced."""
_COUNTED_BACK = re.compile(
    r"^(?:\W*(?:ok|okay|so|and|right|yeah|um|uh)\W+)*(?:that's|those are|these are|that was|"
    r"there you have|those were) (?:it )?(?:the|my|our)\b"
)
"""A close that counts the parts back: "so that's the three bits…", "that's the what,
the where-from and the what-for"."""
_COUNT_BACK_ANYWHERE = re.compile(
    r"\b(?:that's|those are|these are|those were) (?:the|my|our) (?:two|three|four|five)\b"
)


_SUMMING = r"(?:to sum (?:it )?up|to summari[sz]e|in summary|to recap|recapping|in short|overall)"
_COUNTED_LIST = re.compile(
    r"^(?:\W*(?:ok|okay|so|and|right|yeah|um|uh|well)\W+)*"
    rf"(?:{_SUMMING}\W+)?(?:(?:the|those|these|my|our)\s+)?"
    r"(two|three|four|five)\s+(?:\w+\s+)?(?:things|parts|steps|points|pieces|bits|ideas)"
    r"(?:\s+to (?:remember|take away|keep in mind))?\s*[:,]"
)
"""A close that gives the count of the plan's parts and lists them: "So, three things:
memorising, the price example, and the held out check", "So to recap the three parts:
two options…; a hard budget…; and the small model…". The parts may be said in new words
(what each came to), so the count and the list show the return, not the words."""


_FILLER = re.compile(r"\(\w+\)\s*|\b(?:um+|uh+|erm|er)\b,?\s*")
"""A filler as the transcript shows it ("the (um) plan is"), or typed: no word of a plan."""


def _plain(text: str) -> str:
    return _FILLER.sub("", text.lower().replace("’", "'"))


def plan_parts(text: str) -> list[frozenset[str]] | None:
    """The parts a sentence announces as its plan, each as the stems of its words; an
    empty list for a plan gestured at with no parts given; None when the sentence
    announces no plan."""
    low = _plain(text)
    # "lifted it by four points", "four points of relevance": a measure, not a plan
    found = [
        m
        for m in _PLAN.finditer(low)
        if not low[: m.start()].endswith(("by ", "by about ", "by roughly ", "by around "))
        and not low[m.end() :].startswith(" of")
    ]
    listed = _WH_LIST.search(low)
    says = _SAYS.search(low)
    if listed and "?" not in low:
        rest = low[listed.start() :]
    elif not found and says and "?" not in low:
        # parts said as what will be said, most of them as questions: "what it is, …,
        # and then how you'd notice it"; anything else ("let me give you an example: …")
        # announces no plan
        pieces = _listed(low[says.end() :])
        if len(pieces) < 3 or sum(bool(_WH_PART.match(p)) for p in pieces) < 2:
            return None
        return [frozenset(_stem(w) for w in content_words(p)) for p in pieces]
    elif found:
        rest = low[found[-1].end() :].lstrip(" :,-")
    else:
        return None
    # a part said in small words only ("what we do about it") is a part all the same,
    # though none of its words can show it said again
    parts = [frozenset(_stem(w) for w in content_words(p)) for p in _listed(rest)]
    return parts if len(parts) >= 2 else []


_COUNTED = {"two": 2, "three": 3, "four": 4, "five": 5}

_OUTLINE_ITEM = re.compile(
    r"^\W*(?:(?:and|so|ok|okay|then)\W+)?(?P<mark>first(?:ly)?|second(?:ly)?|third(?:ly)?|"
    r"fourth(?:ly)?|next|then|after that|finally|lastly)\b[\s,:;-]*(?P<part>[^.?!]*?)[\s.!]*$"
)
"""One item of a plan said as a run of short signposted sentences: "Second, an example."."""
OUTLINE_PART_WORDS = 6
"""An outline's item names a part ("how to spot it", "why it happens"); a longer one
says something of its own ("First, overfitting is when a model learns the noise"), which
is a move into a part, not a plan of them."""


def _outline(segments: Sequence[Segment], i: int, heard: Sequence[int]) -> list[frozenset[str]]:
    """The parts of a plan said as an outline, one short signposted sentence to a part,
    from sentence ``i`` on: "First, what it is. Second, an example. Third, how to spot
    it." lists its parts as surely as "I'll cover three things: …" does (it was told it
    gave no parts in order, beside praise for its three signposts). None for fewer than
    two items in a row, or a run that does not open on "first"."""
    parts: list[frozenset[str]] = []
    j = i
    while j in heard and not segments[j].continues:
        m = _OUTLINE_ITEM.match(_plain(segments[j].text))
        if m is None or (not parts and not m.group("mark").startswith("first")):
            break
        words = m.group("part").split()
        if not words or len(words) > OUTLINE_PART_WORDS:
            break
        parts.append(frozenset(_stem(w) for w in content_words(m.group("part"))))
        j += 1
    return parts if len(parts) >= 2 else []


def _parts_next(text: str, following: str) -> list[frozenset[str]]:
    """The parts of a plan that ends its sentence on a count ("I'll cover three
    things."), said as a bare list in the next sentence with about as many pieces; none
    when the next sentence says something of its own ("First, it matters a lot.")."""
    low = _plain(text).rstrip(" .:!…")
    ends = [m for m in _PLAN.finditer(low) if m.end() == len(low)]
    count = next((_COUNTED[w] for m in ends for w in m.group(0).split() if w in _COUNTED), 0)
    nxt = _plain(following)
    if not count or "?" in nxt or re.match(r"\W*(?:first|firstly|so|and|then)\b", nxt):
        return []
    pieces = [p for p in _BETWEEN.split(nxt) if re.search(r"\w", p)]
    listed = _listed(nxt)
    if len(listed) != len(pieces) or abs(len(listed) - count) > 1:
        return []  # a long piece: a sentence going on, not a list
    parts = [frozenset(_stem(w) for w in content_words(p)) for p in listed]
    return parts if len(parts) >= 2 else []


def _listed(rest: str) -> list[str]:
    """The short pieces ``rest`` opens with, as a list is said, up to the first long one."""
    pieces = []
    for piece in _BETWEEN.split(rest):
        if not re.search(r"\w", piece):
            continue
        if len(piece.split()) > MAX_PART_WORDS:
            break
        pieces.append(piece)
    return pieces


def _stem(word: str) -> str:
    """Looser than the substance reader's stem: a part said back may be said in another
    form ("what each one means" … "what they mean")."""
    w = word.strip("'").removesuffix("'s")
    for suffix in ("ing", "ed", "es", "s"):
        if len(w) > len(suffix) + 2 and w.endswith(suffix):
            return w[: -len(suffix)]
    return w


def _said(text: str) -> set[str]:
    return {_stem(w) for w in content_words(text)}


def _parts_said(text: str, parts: Sequence[frozenset[str]]) -> int:
    said = _said(text)
    return sum(1 for p in parts if p & said)


MOVE_WORDS = 12
"""A sentence read as a move of its own is short: "so what does the store do about it?",
"ok, how the folds work"; a longer one is a part of the answer, not the step into it."""


def moves_of(
    segments: Sequence[Segment], signposts: Sequence[int], read_as_move: Sequence[bool]
) -> list[int]:
    """The sentences that mark a move to another part: a signpost where a clause begins,
    or a short sentence the stage reader reads as a move, or a short question the
    speaker asks and answers ("And what did that cost?"); never a piece too short to
    stand on its own."""
    return [
        i
        for i, seg in enumerate(segments)
        if not is_fragment(seg)
        and (
            i in signposts
            or (
                len(seg.text.split()) <= MOVE_WORDS and (read_as_move[i] or _asks_self(i, segments))
            )
        )
    ]


def _asks_self(i: int, segments: Sequence[Segment]) -> bool:
    """A question in the middle of the answer that the next sentence answers."""
    return (
        0 < i < len(segments) - 1
        and is_question(segments[i].text)
        and not is_question(segments[i + 1].text)
    )


def roadmap_depth(
    segments: Sequence[Segment],
    substances: Sequence[Substance],
    moves: Sequence[int],
    positions: Sequence[float],
) -> StageDepth:
    """The roadmap stage's depth. ``moves``: the sentences that mark a move to another
    part (a signpost where a clause begins, or a sentence read as a move of its own,
    such as the speaker's own question "so when do you care about which?");
    ``positions``: where each sentence starts, as a share of the answer."""
    heard = [i for i in range(len(segments)) if not substances[i].garbled]
    moves = [i for i in moves if not substances[i].garbled]
    plan: int | None = None
    parts: list[frozenset[str]] = []
    gesture: int | None = None
    for i in heard:
        if segments[i].continues:
            continue  # read with the start of its sentence
        found = plan_parts(_whole(segments, i))
        if found is None and positions[i] < CLOSE_SHARE:
            outline = _outline(segments, i, heard)
            if outline and _taken_up(i + len(outline) - 1, outline, segments, heard):
                # an outline counts as a plan once its parts follow it in turn: a run
                # of signposted steps ("First, we log clicks. Then, we train.") is not
                plan, parts = i, outline
                break
        if found is None or positions[i] >= CLOSE_SHARE:
            continue
        if not found and i + 1 in heard:
            # "I'll cover three things. What drift is, an example, and how you'd spot
            # it.": the speech model put a full stop between the plan and its parts
            found = _parts_next(segments[i].text, segments[i + 1].text)
        if found:
            plan, parts = i, found
            break
        if gesture is None:
            gesture = i
    if plan is not None:
        # followed: a move marked after the plan, or its parts taken up in turn
        after = [i for i in moves if i > plan]
        if not after and not _taken_up(plan, parts, segments, heard):
            return StageDepth(1, plan, at_level=(plan,))
        # the close says the parts again; a close that counts them back ("so that's the
        # two parts: …") is one wherever it falls (the end of the first of several
        # answers in a session is not late in all of them)
        back = [
            i
            for i in heard
            if i > plan
            and (
                _counted_back(segments[i].text)
                and (not after or i > after[0])
                or positions[i] >= CLOSE_SHARE
                and (
                    _parts_said(segments[i].text, parts) >= 2
                    or _lists_count_of(segments[i].text, len(parts))
                )
            )
        ]
        if back:
            return StageDepth(3, back[-1], at_level=(plan, plan, back[-1]))
        return StageDepth(2, plan, at_level=(plan, plan))
    leading = [i for i in moves if _leads_on(i, substances)]
    if len(leading) >= RUN_OF_MOVES:
        return StageDepth(2, leading[0], at_level=(leading[0], leading[0]))
    counted = _counted(_whole(segments, gesture)) if gesture is not None else 0
    if gesture is not None and counted and len([i for i in moves if i > gesture]) >= counted:
        # "There are two sides to this." then "On one side…", "On the other side…": the
        # parts counted, then a move into each (what each part says is the other stages'
        # to judge). A plan that counts nothing ("I'll break it down into a few key
        # areas.") followed by moves is still only named: the moves may lead on nothing
        return StageDepth(2, gesture, at_level=(gesture, gesture))
    first = min([*moves, *([gesture] if gesture is not None else [])], default=None)
    if first is None:
        return StageDepth(0, None)
    return StageDepth(1, first, at_level=(first,))


_COUNT_OF_PARTS = re.compile(
    r"\b(two|three|four|five) (?:\w+ )?(?:things|parts|steps|points|pieces|bits|sides|halves|"
    r"questions|ideas|sections|angles|options)\b"
)


def _counted(text: str) -> int:
    """How many parts ``text`` says there are ("There are two sides to this": 2), or 0."""
    m = _COUNT_OF_PARTS.search(_plain(text))
    return _COUNTED[m.group(1)] if m else 0


def _whole(segments: Sequence[Segment], i: int) -> str:
    """Sentence ``i`` with the pieces a long run-on was cut into after it: "…a little tool
    i made at a hospital where i worked, i'll tell you what the problem was, | what i
    made and then how it went, …" holds its plan across the cut."""
    return " ".join(s.text for s in segments[i : sentence_end(segments, i)])


def _taken_up(
    plan: int, parts: Sequence[frozenset[str]], segments: Sequence[Segment], heard: Sequence[int]
) -> bool:
    """The parts of the plan come up after it, each later than the one before."""
    said = {i: _said(segments[i].text) for i in heard if i > plan}  # once a sentence
    at = plan
    taken = 0
    for part in parts:
        nxt = next((i for i in said if i > at and part & said[i]), None)
        if nxt is None:
            continue
        at, taken = nxt, taken + 1
    return taken >= 2


def _counted_back(text: str) -> bool:
    low = _plain(text)
    if _COUNT_BACK_ANYWHERE.search(low):
        return True
    opener = _COUNTED_BACK.search(low)
    return bool(opener) and len(_listed(low[opener.end() :])) >= 2


def _lists_count_of(text: str, n_parts: int) -> bool:
    """``text`` opens by counting about ``n_parts`` parts and goes on to list them."""
    low = _plain(text)
    m = _COUNTED_LIST.match(low)
    if m is None or abs(_COUNTED[m.group(1)] - n_parts) > 1:
        return False
    return len(_listed(low[m.end() :])) >= 2


def _leads_on(i: int, substances: Sequence[Substance]) -> bool:
    """The move leads into something said: its own sentence, or the next, is specific."""
    return not substances[i].generic or (i + 1 < len(substances) and not substances[i + 1].generic)
