"""Rubrics: the stages a good spoken answer moves through, and the words that reveal them.

Each rubric is a TOML file in this package (``ml-system-design.toml``, ...). Users may add
rubrics, or replace a shipped one by id, with files in extra dirs such as the config dir's
``rubrics/``. A broken file raises :class:`RubricError` naming the file and the key.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from rubrics.toml_files import (
    Phrase,
    Slug,
    Text,
    check_unique,
    find_sources,
    read_model,
    unknown,
)

__all__ = [
    "Position",
    "Rubric",
    "RubricError",
    "Stage",
    "load_rubric",
    "load_rubrics",
]

Position = Literal["early", "middle", "late", "anywhere"]

_CONFIG = ConfigDict(extra="forbid", frozen=True)


class RubricError(Exception):
    """A rubric file is missing, unreadable or invalid; the message names the file and key."""

    exit_code = 7


class UnknownRubricError(RubricError):
    """No rubric has that id (``--rubric nope``): a usage error, as an unknown question is."""

    exit_code = 2


class Stage(BaseModel):
    """One part of a well-built answer, with the evidence that it was covered."""

    model_config = _CONFIG

    id: Slug
    """Lowercase slug, unique within the rubric (e.g. ``metrics``)."""
    title: Text
    """Short name shown to the user (e.g. "Success metrics")."""
    meaning: Text
    """What covering this stage means, in a sentence or two."""
    weight: float = Field(gt=0)
    """Relative importance when stages are combined into one score."""
    position: Position
    """Where in a well-ordered answer the stage belongs; ``anywhere`` if order does not matter."""
    good: Annotated[list[Text], Field(min_length=2)]
    """What a strong treatment of the stage contains, one point per item."""
    phrasings: Annotated[list[Text], Field(min_length=5)]
    """Example sentences a candidate might say aloud for this stage."""
    cues: Annotated[list[Phrase], Field(min_length=12)]
    """Lowercase words or short phrases that signal the stage in a spoken transcript."""
    recap: bool | None = None
    """Its sentences go back over the answer (a summary): one is described when it
    recaps several stages or says it recaps, and it has no choice of its own to justify.
    None: the last stage is a recap when it belongs late. A closing reflection on a story
    is not a recap: it is judged like any other stage."""
    topics: list[Phrase] = []
    """Names a candidate opens a part of the answer with to say this stage comes next:
    "For data, …", "On the serving side, …", "Monitoring: …" (lowercase, no article)."""
    leads: list[Phrase] = []
    """Phrases a candidate opens a sentence with, before a comma or a colon, to say the
    sentence is on this stage ("To sum up: …", "In short, …", "So summary, …"), or says
    as a sentence of its own to say the next one is ("That's roughly the system.")."""
    justified: str | None = None
    """What a described stage lacks to be justified, as a clause said to the candidate:
    "You described action but not <justified>" (e.g. "why you chose those steps over
    the others you had"). None: the system-design wording (a constraint, a metric or an
    option turned down); empty: the stage has no reason to give (a roadmap), nothing is
    said."""
    measured_change: bool = False
    """An outcome measured against where it started ("fell from six percent to four",
    "dropped by eighteen percent") is the stage justified: a story's result."""
    practice_change: bool = False
    """A lesson said with how the teller works since ("since then every project I start
    has…", "now I always ask…") is the stage justified: a story's reflection."""
    stakes: bool = False
    """A goal said with its deadline or with what made it hard ("…and I had about six
    weeks before the director's budget meeting", "…and the hard part was that three
    people meant three things") is the stage justified: a story's task."""
    at_stake: bool = False
    """The stage is justified by what was at stake, said ("…two weeks before Black Friday,
    when a bad model could block thousands of real customers", "the board was asking
    questions every month"), not by any reason: "I was an analyst on the marketing team,
    so most projects get decided by my manager" sets the scene and puts nothing at stake.
    A story's situation."""
    deeds: bool = False
    """Steps the teller took, said one to a sentence ("I made a comparison document with
    the pros and cons of each option.", "I also asked another senior engineer for his
    opinion."), speak for the stage, and two or more of them describe it together, as one
    sentence that chains them does: a story's action."""
    restates: bool = False
    """A sentence that says it sums up ("To sum up, …", "The point is, …") and then says a
    point in words of its own describes the stage, figures or not: an explanation's
    close restates its point ("…neither number is enough on its own, so ask for the
    other one too")."""
    steps: bool = False
    """A run of step sentences ("First we take every ad…", "Then we clean the text…",
    "Then we…") or one sentence that chains actions ("we strip boilerplate, keep the
    title, and embed it") speaks for this stage, whatever material each step handles: it
    walks through a process (:mod:`assistant.scoring.structure.steps`)."""
    roadmap: bool = False
    """The stage is the answer's audible plan (a timed explanation's roadmap): its depth
    comes from a plan that lists the parts, the moves that follow it and a return to it
    at the close, not from what one sentence says
    (:mod:`assistant.scoring.structure.roadmap`)."""
    details: Text | None = None
    """What a stage that is only named lacks, as a clause said to the candidate: "You
    named monitoring but not <details>" (e.g. "what you would watch and what you would do
    when it fires"). Without it the feedback asks for a concrete choice, number or
    example."""
    details_named: Text | None = None
    """What a model stage lacks when its sentence names only a broad family ("we use a
    model, like a neural network"), with ``{family}`` for the family said: "You named
    model choice but not <details_named>" (e.g. "which kind of {family}, trained on
    what, …"). Without it, ``details``."""

    @property
    def top_level(self) -> int:
        """The deepest level the stage has: 2 (described) for one with no reason to
        give (``justified`` empty), where it earns the stage's whole weight; else 3."""
        return 2 if self.justified == "" else 3

    @field_validator("cues")
    @classmethod
    def _unique_cues(cls, cues: list[str]) -> list[str]:
        check_unique(cues, "cue")
        return cues

    @field_validator("topics")
    @classmethod
    def _unique_topics(cls, topics: list[str]) -> list[str]:
        check_unique(topics, "topic")
        return topics

    @field_validator("leads")
    @classmethod
    def _unique_leads(cls, leads: list[str]) -> list[str]:
        check_unique(leads, "lead")
        return leads


class Rubric(BaseModel):
    """A named set of stages plus the connective phrases that show structure and weighing."""

    model_config = _CONFIG

    id: Slug
    """Lowercase slug; must equal the file name without ``.toml``."""
    title: Text
    """Short name shown to the user."""
    description: Text
    """What kind of answer the rubric is for."""
    stages: Annotated[list[Stage], Field(min_length=1)]
    """Stages in the order a well-ordered answer would usually visit them."""
    signposts: list[Phrase] = []
    """Transition phrases that make the structure audible ("first", "moving on to")."""
    tradeoff_cues: list[Phrase] = []
    """Phrases that show options being weighed ("at the cost of", "on the other hand")."""
    open_with: Text = "say plainly what the answer is about before going into it."
    """What a good opening says, told to a candidate whose answer only touched the first
    stage in passing ("say what the problem is, for whom, and what success means")."""
    model_names: list[Phrase] = []
    """Lowercase names of model families a candidate may list (design rubrics only)."""
    measure_names: list[Phrase] = []
    """Lowercase names of specific measures ("ndcg", "pr auc"): naming one is a concrete
    choice, like naming a model family, where "metrics" or "accuracy" only names a stage."""
    named_credit: float = Field(default=0.2, ge=0, le=0.7)
    """Share of its weight a stage only named earns (described earns 0.7, justified all of
    it). A rubric of many stages sets it lower: eleven design stages named in one empty
    sentence each earned 20 points, and long, vague answers scored over medium ones."""

    @field_validator("stages")
    @classmethod
    def _unique_stage_ids(cls, stages: list[Stage]) -> list[Stage]:
        check_unique([s.id for s in stages], "stage id")
        return stages

    @property
    def stage_ids(self) -> tuple[str, ...]:
        """Stage ids in rubric order."""
        return tuple(s.id for s in self.stages)

    @property
    def recap_stage(self) -> str | None:
        """The closing stage's id when it is a recap (see :attr:`Stage.recap`), else None."""
        last = self.stages[-1]
        recap = last.position == "late" if last.recap is None else last.recap
        return last.id if recap else None

    def stage(self, stage_id: str) -> Stage:
        """The stage with ``stage_id``; :class:`KeyError` if there is none."""
        for s in self.stages:
            if s.id == stage_id:
                return s
        raise KeyError(stage_id)


def _sources(extra_dirs: Sequence[Path | str]):
    return find_sources(files("rubrics"), extra_dirs, RubricError)


def load_rubric(rubric_id: str, extra_dirs: Sequence[Path | str] = ()) -> Rubric:
    """Load one rubric; a file in ``extra_dirs`` wins over a shipped one with the same id."""
    sources = _sources(extra_dirs)
    if rubric_id not in sources:
        raise unknown(UnknownRubricError, "rubric", rubric_id, sources)
    return read_model(sources[rubric_id], Rubric, RubricError)


def load_rubrics(extra_dirs: Sequence[Path | str] = ()) -> dict[str, Rubric]:
    """Load every shipped rubric and every ``*.toml`` in ``extra_dirs``, keyed by id."""
    return {rid: read_model(src, Rubric, RubricError) for rid, src in _sources(extra_dirs).items()}
