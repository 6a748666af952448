"""The question bank: what the interviewer asks, knows, changes mid-answer and follows up on.

One question per TOML file in ``prompts/questions/``; users may add questions (or replace a
shipped one by id) with files in extra dirs. Each question names a rubric, and its follow-ups
and constraint changes name stages of that rubric; :func:`load_questions` checks both and
raises :class:`QuestionError` naming the file and the key.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from rubrics import Rubric, load_rubrics
from rubrics.toml_files import (
    Phrase,
    Slug,
    Source,
    Text,
    check_unique,
    fail,
    find_sources,
    read_model,
    unknown,
)

__all__ = [
    "DESIGN_RUBRIC",
    "ConstraintChange",
    "Fact",
    "FollowUp",
    "Pitfall",
    "Question",
    "QuestionError",
    "UnknownQuestionError",
    "load_question",
    "load_questions",
]

DESIGN_RUBRIC = "ml-system-design"
"""Questions on this rubric are design questions and must carry more facts and follow-ups."""

Difficulty = Literal["easy", "medium", "hard"]

_CONFIG = ConfigDict(extra="forbid", frozen=True)


class QuestionError(Exception):
    """A question file is missing, unreadable or invalid; the message names the file and key."""

    exit_code = 7


class UnknownQuestionError(QuestionError):
    """No question has that id: a usage error (see ``thinkaloud questions``)."""

    exit_code = 2


class Fact(BaseModel):
    """Something the interviewer knows and tells the candidate when asked about it."""

    model_config = _CONFIG

    topic: Text
    """What the fact is about (e.g. "scale", "latency", "labels", "budget")."""
    keywords: Annotated[list[Phrase], Field(min_length=3)]
    """Lowercase words a clarifying question about this topic would contain."""
    answer: Text
    """What the interviewer says in reply."""


class ConstraintChange(BaseModel):
    """A new requirement the interviewer injects mid-answer to test adaptation."""

    model_config = _CONFIG

    id: Slug
    """Lowercase slug, unique within the question."""
    say: Text
    """What the interviewer says to introduce the change."""
    keywords: Annotated[list[Phrase], Field(min_length=4)]
    """Lowercase words an answer that adapts to the change would likely use."""
    stages: Annotated[list[Slug], Field(min_length=1)]
    """Ids of the rubric stages the change mostly affects."""
    push: Text | None = None
    """What the interviewer asks when an answer takes the change in but keeps the design
    as it was (e.g. "What replaces the device signals?"); unset: a generic push."""
    met_by: list[Phrase] = []
    """Lowercase phrases that show an answer already does what the change asks for
    ("uplift", "persuadable" before "target the people the offer actually changes"):
    said before the change, it is no change, and another is chosen."""
    retell: bool = False
    """The change asks for the whole answer again, shorter ("Give me the thirty-second
    version"): a wrap-up right after it does not ask for a summary a second time."""
    answer_s: int | None = Field(default=None, gt=0, le=3600)
    """The time the change gives the answer to it, in seconds, when it names one ("You
    have one minute instead"): the clock and the report's time budget for that answer.
    Unset: the two minutes of any follow-up."""


class Pitfall(BaseModel):
    """A mistake that looks like coverage (99% accuracy on a 0.2% problem counts as
    naming a metric): when the answer says it, the interviewer challenges it."""

    model_config = _CONFIG

    id: Slug
    """Lowercase slug, unique within the question."""
    stage: Slug
    """Id of the rubric stage the mistake is in."""
    cues: Annotated[list[Phrase], Field(min_length=1)]
    """Lowercase phrases that say the mistake; a sentence holding one is quoted back."""
    unless: list[Phrase] = []
    """Lowercase phrases that show the candidate already sees the problem: a sentence
    (or, with ``scope = "answer"``, any answer) holding one does not trigger."""
    scope: Literal["sentence", "answer"] = "sentence"
    """Where ``unless`` is looked for."""
    say: Text
    """The challenge after the quote, with this question's numbers in it."""


class FollowUp(BaseModel):
    """A probing question aimed at one stage of the rubric."""

    model_config = _CONFIG

    stage: Slug
    """Id of the rubric stage the question probes."""
    ask: Text
    """The question, worded for this problem."""
    answered_by: list[Phrase] = []
    """Lowercase words and phrases an answer to ``ask`` would use: a sentence of the
    candidate's holding two different ones already answers it, however it is worded
    ("look up the nearest listings in an index, then compare the top twenty candidates"
    answers "how would you narrow down candidate pairs?")."""
    chosen_by: list[Phrase] = []
    """For an either-or ``ask`` ("precompute suggestions nightly or compute them on
    request?"), lowercase words that pick one of its options ("ahead of time", "on
    request"): a sentence holding one of them has made the choice the question asks for."""
    measured: bool = False
    """``ask`` wants a result and how much it moved ("Can you give me one number that
    shows it worked?"): a sentence saying one ("bookings per search went up six percent",
    "lifted NDCG by four points") answers it, whatever its words."""


def budget_words(seconds: int) -> str:
    """``seconds`` of answer time as the lists show it: "6 min", "2:30 min" (as the
    interview counts it down), "0:45 min"."""
    minutes, rest = divmod(int(seconds), 60)
    return f"{minutes} min" if not rest else f"{minutes}:{rest:02d} min"


class Question(BaseModel):
    """One interview question with everything the simulated interviewer needs."""

    model_config = _CONFIG

    id: Slug
    """Lowercase slug; must equal the file name without ``.toml``."""
    title: Text
    """Short name for menus and reports."""
    prompt: Text
    """What the interviewer says to open, in one to three sentences."""
    rubric: Slug
    """Id of the rubric the answer is scored against."""
    topic: Text
    """Problem area (e.g. "recommendation", "fraud & risk", "behavioural")."""
    difficulty: Difficulty
    """How hard the question usually is for the level it targets."""
    budget_s: int = Field(gt=0, le=3600)
    """Time budget for the first full answer, in seconds."""
    facts: list[Fact] = Field(default=[], validate_default=True)
    """What the interviewer reveals to clarifying questions (three or more for design)."""
    constraint_changes: Annotated[list[ConstraintChange], Field(min_length=3)]
    """New requirements the interviewer can inject; each should change the design."""
    follow_ups: list[FollowUp]
    """Probing questions (four or more for design questions, two or more otherwise); a
    stage may have several, asked in order."""
    priorities: list[Slug] = []
    """Rubric stages an experienced interviewer pushes on first for this question, once
    the objective, success metric and limits are on the table (serving within the
    latency budget first for ads, search, fraud...); unlisted stages follow by weight."""
    pitfalls: list[Pitfall] = []
    """Mistakes worth a challenge on this question."""

    @field_validator("facts")
    @classmethod
    def _enough_facts(cls, facts: list[Fact], info: ValidationInfo) -> list[Fact]:
        if info.data.get("rubric") == DESIGN_RUBRIC and len(facts) < 3:
            raise ValueError(f"a {DESIGN_RUBRIC} question needs at least 3 facts")
        return facts

    @field_validator("constraint_changes")
    @classmethod
    def _unique_changes(cls, changes: list[ConstraintChange]) -> list[ConstraintChange]:
        check_unique([c.id for c in changes], "constraint change id")
        return changes

    @field_validator("follow_ups")
    @classmethod
    def _enough_follow_ups(cls, follow_ups: list[FollowUp], info: ValidationInfo):
        need = 4 if info.data.get("rubric") == DESIGN_RUBRIC else 2
        if len(follow_ups) < need:
            raise ValueError(f"needs at least {need} follow-ups, found {len(follow_ups)}")
        return follow_ups

    def answer_budget_s(self, kind: str, target: str, *, reopens: bool = False) -> float | None:
        """The time budget of the answer to a move of ``kind`` aimed at ``target``: the
        opening question's own (also for a move that ``reopens`` it, handed back after
        only questions to the interviewer), a change's that names one (for the change and
        a push on it), else ``None`` (a follow-up's default)."""
        if kind == "ask" or reopens:
            return float(self.budget_s)
        if kind in ("new_constraint", "follow_up"):  # a follow-up aimed at a change pushes on it
            for c in self.constraint_changes:
                if c.id == target and c.answer_s is not None:
                    return float(c.answer_s)
        return None

    @property
    def budget_words(self) -> str:
        """The budget as the lists show it: "6 min", "2:30 min" (the interview screen
        counts down from 2:30, so "2 min" would be wrong)."""
        return budget_words(self.budget_s)

    @property
    def is_design(self) -> bool:
        """True for ML system-design questions."""
        return self.rubric == DESIGN_RUBRIC

    @property
    def asked(self) -> str:
        """The prompt on one line, as the interviewer says it: an answer that says it back
        adds nothing to a stage."""
        return " ".join(self.prompt.split())

    @property
    def words(self) -> str:
        """The question as the candidate met it, title and prompt on one line: its words
        are the topic ("churn" in a churn question), never evidence of a stage."""
        return " ".join(f"{self.title} {self.prompt}".split())


def _sources(extra_dirs: Sequence[Path | str]) -> dict[str, Source]:
    return find_sources(files("prompts") / "questions", extra_dirs, QuestionError)


def _checked(source: Source, rubrics: Mapping[str, Rubric]) -> Question:
    q = read_model(source, Question, QuestionError)
    rubric = rubrics.get(q.rubric)
    if rubric is None:
        msg = str(unknown(QuestionError, "rubric", q.rubric, rubrics))
        raise fail(QuestionError, source, "rubric", msg)
    known = ", ".join(rubric.stage_ids)
    for i, f in enumerate(q.follow_ups):
        if f.stage not in rubric.stage_ids:
            msg = f"unknown stage {f.stage!r} in rubric {rubric.id!r} (known: {known})"
            raise fail(QuestionError, source, f"follow_ups.{i}.stage", msg)
    for key, stage in [(f"priorities.{i}", s) for i, s in enumerate(q.priorities)] + [
        (f"pitfalls.{i}.stage", p.stage) for i, p in enumerate(q.pitfalls)
    ]:
        if stage not in rubric.stage_ids:
            msg = f"unknown stage {stage!r} in rubric {rubric.id!r} (known: {known})"
            raise fail(QuestionError, source, key, msg)
    for i, c in enumerate(q.constraint_changes):
        for j, stage in enumerate(c.stages):
            if stage not in rubric.stage_ids:
                msg = f"unknown stage {stage!r} in rubric {rubric.id!r} (known: {known})"
                raise fail(QuestionError, source, f"constraint_changes.{i}.stages.{j}", msg)
    return q


def load_questions(
    extra_dirs: Sequence[Path | str] = (),
    *,
    rubrics: Mapping[str, Rubric] | None = None,
    skipped: list[str] | None = None,
) -> dict[str, Question]:
    """Load every shipped question and every ``*.toml`` in ``extra_dirs``, in file-name order.

    ``rubrics`` defaults to the shipped rubrics; pass ``load_rubrics(user_dirs)`` when user
    questions name user rubrics. With ``skipped``, a file of the user's own that cannot
    be used is left out (a shipped question of its name stays) and its problem added
    there: one half-written question does not stop every command; without, it raises."""
    known = load_rubrics() if rubrics is None else rubrics
    shipped = _sources(())
    out = {}
    for qid, src in _sources(extra_dirs).items():
        try:
            out[qid] = _checked(src, known)
        except QuestionError as exc:
            if skipped is None or qid in shipped and src.path == shipped[qid].path:
                raise
            skipped.append(str(exc))
            if qid in shipped:
                out[qid] = _checked(shipped[qid], known)
    return out


def load_question(
    question_id: str,
    extra_dirs: Sequence[Path | str] = (),
    *,
    rubrics: Mapping[str, Rubric] | None = None,
) -> Question:
    """Load and check one question; a file in ``extra_dirs`` wins over a shipped one."""
    sources = _sources(extra_dirs)
    if question_id not in sources:
        raise unknown(UnknownQuestionError, "question", question_id, sources)
    known = load_rubrics() if rubrics is None else rubrics
    return _checked(sources[question_id], known)
