"""Requirement changes: when a design exists to change, which change bites hardest on
it, and whether the answer after a change revised the design.

A change comes once there is a design (a model and serving or data); the change picked
is the one that bites hardest on what the candidate built (its words already used, its
stages covered), then on the stages this question cares about that the answer skipped.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from assistant.interview.adaptation import Verdict, judge_texts, spoken_change
from assistant.interview.stage_evidence import read_stages
from assistant.interview.view import AnswerView, cumulative, deepest, latest_named
from assistant.scoring.structure.cues import CueIndex, normalise_text
from assistant.scoring.structure.embedder import Embedder
from prompts import ConstraintChange, Question

SERVING_OR_DATA = ("deployment", "pipeline", "data")
"""With a model and one of these on the table there is a design a new requirement can
change."""


def has_design(question: Question, answers: Sequence[AnswerView]) -> bool:
    """A model and at least serving or data are on the table (any answer at all, for a
    question that is not a design question)."""
    if not question.is_design:
        return any(a.text.strip() for a in answers)
    depth, _ = deepest(answers)
    covered, _ = cumulative(answers)
    model = "model" in covered or depth.get("model", 0) >= 1 or bool(latest_named(answers))
    if not model:
        return False
    # a stage the analysis only glimpsed ("that's what they do" read as serving) is
    # not yet a design: named, it must be named in the stage's own words
    said = read_stages(answers, SERVING_OR_DATA)

    def built(s: str) -> bool:
        return s in covered or depth.get(s, 0) >= 2 or (depth.get(s, 0) == 1 and said[s].in_words)

    return any(built(s) for s in SERVING_OR_DATA)


def pick_change(
    question: Question, seed: int, covered: frozenset[str], done: list[str], said: str = ""
) -> ConstraintChange | None:
    """The change that bites hardest on what the candidate built: most of its words
    already used (a candidate who leaned on device features loses them), then most of
    its stages covered, then the stages this question cares most about that the answer
    skipped; the seed breaks ties."""
    options = [c for c in question.constraint_changes if c.id not in done]
    if not options:
        return None
    rng = random.Random(f"{seed}:constraint")
    jitter = {c.id: rng.random() for c in options}
    said_norm = normalise_text(said)
    hits = CueIndex({c.id: c.keywords for c in options}).hits(said) if said else {}
    skipped = set(question.priorities) - covered

    def bite(c: ConstraintChange) -> tuple[float, float]:
        own = sum(
            f" {w} " in said_norm for w in normalise_text(spoken_change(c)).split() if len(w) >= 6
        )
        built = 2 * len(hits.get(c.id, [])) + own + len(set(c.stages) & covered)
        return built + 0.5 * len(set(c.stages) & skipped), jitter[c.id]

    return max(options, key=bite)


def verdict_after(
    question: Question,
    change: ConstraintChange,
    answers: Sequence[AnswerView],
    embedder: Embedder | None = None,
) -> Verdict:
    """How the latest of ``answers`` (given after ``change``) dealt with it."""
    latest = answers[-1]
    earlier = [s.text for a in answers[:-1] for s in a.sentences]
    return judge_texts(
        change,
        [s.text for s in latest.sentences],
        earlier,
        context=question.words,
        embedder=embedder,
        alternatives=[c.say for c in question.constraint_changes if c.id != change.id],
    )
