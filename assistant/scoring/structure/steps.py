"""Sentences that walk through a process: a run of steps ("First we take every ad…",
"Then we clean the text…", "Then we…") or one sentence that chains actions ("…we turn
speech into text, keep the first ten seconds, blank out names, and add what we know").

Said in plain words, each step reads as the material it handles (the ads, the text): the
run as a whole says how that material flows, which is a stage of its own (a rubric's
stage with ``steps``)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.scoring.structure.quotes import is_question
from assistant.scoring.structure.segments import Segment, sentence_end

STEP_RUN = 3
"""Sentences in a row that each open on a step ("First we…", "Then we…") make a process."""
ACTION_CHAIN = 3
"""Actions one sentence chains ("we clean…, keep…, and add…") that make a process."""

_STEP = re.compile(
    r"^(?:(?:and|so|okay|ok|um|uh|well)[,]?\s+)*(?:first(?:ly)?|then|next|after that|"
    r"afterwards|after this|finally|second(?:ly)?|third(?:ly)?|last(?:ly)?)\b,?\s+"
    r"(?:we|we'd|we'll|i|i'd|i'll|it|you|they)\b"
)
_VERB = (
    r"(?:take|clean|strip|turn|keep|blank out|add|drop|remove|filter|join|count|compute|pull|"
    r"check|fill|build|make|look up|save|store|split|cut|merge|normali[sz]e|tokeni[sz]e|"
    r"embed|hash|mask|convert|resize|extract|aggregate|group|dedupe|attach|tag|lowercase|"
    r"trim|sort|write|load|parse|transcribe|chunk|fetch|collect|log|bucket|encode|scale|"
    r"crop)(?:s|es)?"
)
_FIRST_ACTION = re.compile(
    rf"\b(?:we|i|it|we'd|i'd|we'll|i'll)\s+(?:then\s+|first\s+|also\s+)?{_VERB}\b"
)
_NEXT_ACTION = re.compile(rf",\s+(?:and\s+|then\s+|and then\s+)?{_VERB}\b")


def _low(text: str) -> str:
    return text.lower().replace("’", "'")


def opens_on_step(text: str) -> bool:
    """``text`` opens on a step of a process: "Then we clean the text…"."""
    return bool(_STEP.search(_low(text)))


def chained_actions(text: str) -> int:
    """How many actions ``text`` chains after its doer: "we strip boilerplate, keep the
    title and lead, and embed it" chains three (0 when it names no doer doing one)."""
    low = _low(text)
    first = _FIRST_ACTION.search(low)
    if first is None:
        return 0
    return 1 + len(_NEXT_ACTION.findall(low, first.end()))


def process_sentences(segments: Sequence[Segment]) -> list[int]:
    """The segments that walk through a process: each of a run of :data:`STEP_RUN`
    sentences or more that open on a step (with the pieces of them cut for length), and
    each sentence that chains :data:`ACTION_CHAIN` actions or more."""
    out: set[int] = set()
    run: list[int] = []
    opened = 0

    def close() -> None:
        if opened >= STEP_RUN:
            out.update(run)

    for i, seg in enumerate(segments):
        if seg.continues:
            if run:
                run.append(i)
            continue
        if opens_on_step(seg.text) and not is_question(seg.text):
            run.append(i)
            opened += 1
        else:
            close()
            run, opened = [], 0
        whole = " ".join(s.text for s in segments[i : sentence_end(segments, i)])
        if not is_question(seg.text) and chained_actions(whole) >= ACTION_CHAIN:
            out.add(i)
    close()
    return sorted(out)


_DEED_VERB = (
    r"(?:made|wrote|wrote up|drafted|prepared|put together|created|built|rebuilt|set up|"
    r"ran|re-ran|reran|asked|called|emailed|messaged|met|organi[sz]ed|arranged|scheduled|"
    r"booked|invited|proposed|suggested|offered|compared|tested|measured|checked|reviewed|"
    r"traced|profiled|benchmarked|prototyped|analy[sz]ed|documented|mapped|showed|shared|"
    r"sent|presented|explained|walked|talked|spoke|reached out|listened|interviewed|"
    r"negotiated|escalated|paired|pulled|moved|added|split|replaced|switched|rewrote|fixed|"
    r"repaired|trained|retrained|deployed|rolled out|rolled back|shipped|designed|"
    r"implemented|volunteered|sat down|went through|went back|looked into|dug into|"
    r"gathered|collected|labell?ed|cleaned|wrote down|brought)"
)
DEED = re.compile(
    r"(?:^|[,;:]\s*)(?:(?:so|and|then|and then|so then|after that|next|first|finally|"
    r"also|um|uh|well)[,]?\s+)*i\s+(?:(?:also|then|first|quickly|personally|immediately|"
    r"eventually|finally|actually|just|even|next|later)\s+)?" + _DEED_VERB + r"\b"
)
"""A step the teller says they took: "I made a small comparison document…", "I also
asked another senior engineer…", "…, so I set up a shadow test" (not "I would ask", not
"I learned" or "I thought")."""


def took_a_step(text: str) -> bool:
    """``text`` says a step the teller took themselves."""
    return bool(DEED.search(_low(text)))
