"""Interviews played on typed answers: the held-out answers and a session runner."""

from __future__ import annotations

import tomllib
from pathlib import Path

from assistant.interview.planner import OfflinePlanner
from assistant.interview.session import Interview, OfflineInterviewer
from assistant.scoring.analyse import StructureSpec, analyse_text
from assistant.scoring.structure.embedder import MiniLMEmbedder
from assistant.scoring.structure.scorers import build_scorer
from assistant.settings import Settings
from prompts import load_question, load_questions
from rubrics import load_rubric

EVAL = Path(__file__).parents[1] / "eval" / "answers"
RUBRIC = load_rubric("ml-system-design")


def ml_spec() -> StructureSpec:
    """The analysis as the app builds it: it knows each question's title and prompt."""
    scorer, method = build_scorer(RUBRIC, MiniLMEmbedder())
    texts = {q.id: q.asked for q in load_questions().values()}
    return StructureSpec(RUBRIC, scorer, method, question_texts=texts)


def report_of(text: str, spec):
    return analyse_text(text, Settings(), structure=spec)


def eval_answer(answer_id: str) -> dict:
    return tomllib.loads((EVAL / f"{answer_id}.toml").read_text())


def run_session(
    question_id: str,
    texts: list[str],
    spec,
    *,
    seed: int = 0,
    interviewer=None,
    max_moves: int | None = None,
) -> Interview:
    question = load_question(question_id)
    planner = OfflinePlanner(question, RUBRIC, seed=seed, embedder=spec.embedder)
    interview = Interview(
        planner,
        interviewer or OfflineInterviewer(planner),
        max_moves=max_moves or len(texts) - 1,
    )
    interview.opening()
    for text in texts:
        if interview.answered(report_of(text, spec)) is None:
            break
    return interview
