"""The question's own subject is no stage: in "Design a system that watches thousands of
business metrics … and alerts the right team", an answer's "metrics" are the things
watched, not how success is measured, and its "alert" is what the system sends, not how
it is kept healthy. A stage cue made only of the question's words adds nothing to its
stage; the sentence still speaks for the stage by its other cues and by what it means."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.scoring.structure.cues import CueIndex, normalise_text, word_form
from assistant.scoring.structure.scorers import cue_weight
from rubrics import Rubric

_INDEXES: dict[str, CueIndex] = {}


def _index(rubric: Rubric) -> CueIndex:
    index = _INDEXES.get(rubric.id)
    if index is None:
        index = _INDEXES[rubric.id] = CueIndex({s.id: s.cues for s in rubric.stages})
    return index


MEASURING_STAGES = frozenset({"metrics", "monitoring"})
"""Stages whose words are also what a system is about when it watches numbers ("metrics",
"alerts"). Other stages' words in a question are another sense of the word, and still
their stage in an answer: a product "feature" in the question, the model's "features" in
the answer; a "streaming service", a "streaming job"."""


def subject_cues(rubric: Rubric, question_text: str) -> dict[str, frozenset[str]]:
    """For each stage of :data:`MEASURING_STAGES`, its one-word cues said in the question."""
    asked = {word_form(w) for w in normalise_text(question_text).split()}
    if not asked:
        return {}
    out = {}
    for st in rubric.stages:
        if st.id not in MEASURING_STAGES:
            continue
        said = frozenset(
            c
            for c in st.cues
            if len(words := normalise_text(c).split()) == 1 and word_form(words[0]) in asked
        )
        if said:
            out[st.id] = said
    return out


def without_subject_cues(
    rubric: Rubric,
    texts: Sequence[str],
    rows: Sequence[dict[str, float]],
    question_text: str,
) -> list[dict[str, float]]:
    """``rows`` (one per sentence of ``texts``) less what the question's own words gave
    each stage as cues."""
    subject = subject_cues(rubric, question_text)
    if not subject:
        return list(rows)
    index = _index(rubric)
    out = []
    for text, row in zip(texts, rows, strict=True):
        hits = index.hits(text)
        row = dict(row)
        for stage, cues in subject.items():
            taken = sum(cue_weight(c) for c in hits.get(stage, ()) if c in cues)
            if taken and stage in row:
                left = row[stage] - taken
                if left > 0:
                    row[stage] = left
                else:
                    del row[stage]
        out.append(row)
    return out
