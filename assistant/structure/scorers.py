"""How strongly each segment serves each rubric stage.

:class:`CueScorer` counts the rubric's cue phrases in a segment: a distinct
cue adds 1, a cue of two words or more adds 1.5 (it is more specific). The
scorer protocol lets a different method (an embedding model, an LLM judge)
stand in without the analysis changing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from assistant.structure.cues import CueIndex
from assistant.structure.segments import Segment
from rubrics import Rubric


class StageScorer(Protocol):
    def score(self, segments: Sequence[Segment]) -> list[dict[str, float]]:
        """For each segment, stage id -> strength (absent or 0 when not served)."""
        ...


def cue_weight(cue: str) -> float:
    return 1.5 if len(cue.split()) > 1 else 1.0


class CueScorer:
    def __init__(self, rubric: Rubric) -> None:
        self.rubric = rubric
        self.index = CueIndex({s.id: s.cues for s in rubric.stages})

    def score(self, segments: Sequence[Segment]) -> list[dict[str, float]]:
        out = []
        for seg in segments:
            hits = self.index.hits(seg.text)
            out.append({stage: sum(cue_weight(c) for c in cues) for stage, cues in hits.items()})
        return out

    def cues_in(self, segment: Segment) -> dict[str, list[str]]:
        return self.index.hits(segment.text)


def build_scorer(rubric: Rubric) -> tuple[StageScorer, str]:
    """The best scorer available for ``rubric``, and its name for the report."""
    return CueScorer(rubric), "cues"
