"""How deep an answer went on each stage: 0 absent, 1 named, 2 described, 3 justified.

A stage's depth is the best level among the sentences that serve it: a sentence that
only names the stage ("we monitor it for drift") is level 1; one with a concrete choice,
mechanism, number or example is level 2; a described choice tied to a reason or set
against an alternative, in the same sentence or the next one, is level 3. A garbled
sentence serves no stage. The closing stage of a rubric (a recap) is described only by
a sentence that goes back over several stages or says what comes next; an opinion about
one part is not a recap, and a recap has no choice of its own to justify (2 at most).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.scoring.structure.cues import CueIndex
from assistant.scoring.structure.segments import Segment
from assistant.scoring.structure.substance import Substance
from rubrics import Rubric

LEVELS = ("absent", "named", "described", "justified")
SERVES = 0.9
"""Strength a sentence needs on a stage to speak for it."""
SERVES_SHARE = 0.5
"""...and it must be at least this share of the sentence's strongest stage."""
RECAP_STAGES = 2
"""Other stages a closing sentence must go back over to count as a recap."""
_AHEAD = re.compile(
    r"\b(?:next step|next steps|next i'd|next i would|with more time|given more time|"
    r"if i had more|after this|after that i'd|later i'd|i'd explore|i would explore|"
    r"i'd try|i would try|i'd look at|i would look at|i'd work on|i would work on|"
    r"i'd add|i would add|version two|v2|future|follow up|biggest risk|main risk|"
    r"open question|what i'd watch|to improve)\b"
)


@dataclass(frozen=True)
class StageDepth:
    level: int
    segment: int | None
    """The sentence that reached ``level`` (None when absent)."""


def serving(row: dict[str, float], stage: str) -> bool:
    v = row.get(stage, 0.0)
    top = max(row.values(), default=0.0)
    return v >= SERVES and v >= SERVES_SHARE * top


def _close_level(
    sub: Substance, row: dict[str, float], stage: str, text: str, cues: CueIndex
) -> int:
    """A recap goes back over several stages, or says it recaps (the stage's own cues)
    or what comes next, with something specific: then it is described. It has no choice
    of its own to justify, so it goes no deeper."""
    if sub.garbled:
        return 0
    others = sum(1 for k, v in row.items() if k != stage and v > 0)
    says_so = bool(_AHEAD.search(text.lower()) or cues.hits(text))
    if others >= RECAP_STAGES or (says_so and sub.described):
        return 2
    return 1


def stage_depths(
    rubric: Rubric,
    segments: Sequence[Segment],
    strengths: Sequence[dict[str, float]],
    substances: Sequence[Substance],
) -> dict[str, StageDepth]:
    close = rubric.stages[-1].id if rubric.stages[-1].position == "late" else None
    close_cues = CueIndex({close: rubric.stages[-1].cues} if close else {})
    out: dict[str, StageDepth] = {}
    for st in rubric.stages:
        best = StageDepth(0, None)
        best_strength = 0.0
        for i, row in enumerate(strengths):
            if not serving(row, st.id):
                continue
            sub = substances[i]
            if st.id == close:
                level = _close_level(sub, row, st.id, segments[i].text, close_cues)
            else:
                level = sub.level
                nxt = substances[i + 1] if i + 1 < len(substances) else None
                if (
                    level == 2
                    and nxt is not None
                    and not nxt.garbled
                    and (nxt.reason or nxt.comparison)
                    and _continues(strengths[i + 1], st.id)
                ):
                    level = 3
            strength = row.get(st.id, 0.0)
            if level > best.level or (level == best.level and level and strength > best_strength):
                best, best_strength = StageDepth(level, i), strength
        out[st.id] = best
    return out


def _continues(row: dict[str, float], stage: str) -> bool:
    """The next sentence carries on with ``stage`` (or with no stage in particular)."""
    top = max(row.values(), default=0.0)
    return top < SERVES or row.get(stage, 0.0) >= SERVES_SHARE * top
