"""One call from a transcript to the report's structure section and its feedback."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace

from assistant.report import FeedbackItem, StructureOut
from assistant.scoring.structure.analysis import (
    Probe,
    StructureAnalysis,
    analyse_structure,
    positions_of,
)
from assistant.scoring.structure.depth_head import DepthHead
from assistant.scoring.structure.findings import (
    first_at_quoted,
    structure_feedback,
    structure_out,
)
from assistant.scoring.structure.scorers import StageScorer
from assistant.scoring.structure.segments import Segment, mended, said_once, split_segments
from rubrics import Rubric
from speech.words import Word

LONG_ANSWER_WORDS = 150


def analyse_answer(
    words: Sequence[Word],
    rubric: Rubric,
    scorer: StageScorer,
    *,
    method: str,
    timed: bool,
    pause_onsets: Sequence[float] = (),
    line_ends: frozenset[int] = frozenset(),
    question_text: str = "",
    depth_head: DepthHead | None = None,
    probed: Sequence[Probe] = (),
    reached: Sequence[tuple[int, int, str, int]] = (),
    answer_starts: Collection[int] = (),
) -> tuple[StructureOut, list[FeedbackItem]]:
    """``question_text`` is what was asked: saying it back adds nothing to a stage;
    ``depth_head`` reads the depth rules' levels again (None: the rules alone);
    ``probed``: answers to follow-ups on a stage;
    ``reached``: (first word, end word, stage, level) each answer of a session reached
    on its own, which the session keeps;
    ``answer_starts``: the first word of each answer after the first in a session."""
    segments = split_segments(
        mended(words, question_text) if timed else words,
        timed=timed,
        breaks=pause_onsets,
        line_ends=line_ends,
        answer_starts=answer_starts,
    )
    if answer_starts:
        starts = set(answer_starts)
        segments = [replace(s, opens_answer=s.first in starts) for s in segments]
    analysis = analysis_of(segments, rubric, scorer, question_text, depth_head, probed, reached)
    positions = positions_of(analysis.segments)
    out = structure_out(analysis, method, positions)
    feedback = structure_feedback(analysis, long_answer=len(words) >= LONG_ANSWER_WORDS)
    return first_at_quoted(analysis, out, feedback, positions), feedback


def analysis_of(
    segments: Sequence[Segment],
    rubric: Rubric,
    scorer: StageScorer,
    question_text: str = "",
    depth_head: DepthHead | None = None,
    probed: Sequence[Probe] = (),
    reached: Sequence[tuple[int, int, str, int]] = (),
) -> StructureAnalysis:
    """The structure of an answer cut into ``segments``, each read by ``scorer``; a
    sentence of an answer to a follow-up on a stage is read as mainly about that stage
    when it speaks of it or takes up what was asked (``probed``). A sentence that repeats
    an earlier one is left out (:func:`said_once`): it adds nothing the first did not."""
    segments = said_once(segments)
    readings = scorer.read(segments)
    return analyse_structure(
        rubric,
        segments,
        readings.in_context,
        alone=readings.alone,
        quote_from=readings.quote_from,
        question_text=question_text,
        depth_head=depth_head,
        probed=probed,
        reached=reached,
        clauses=readings.clauses,
        clause_stages=readings.clause_stages,
    )
