"""The report contract: what ``thinkaloud score --json`` prints.

Other tools and our own tests read these names; change them only with a new
``schema`` version. ``assistant/report/schema/report.schema.json`` is generated from
these models (``python -m assistant.report``) and a test keeps it current.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_ID = "thinkaloud.report/2"
SCHEMA_IDS = ("thinkaloud.report/1", "thinkaloud.report/2")
"""Versions this code reads: /2 added depth per stage (``stages[].depth``, ``depth_label``,
``depth_evidence``, ``missing``) and ``structure.generic``; every field /2 added has a
default, so a saved /1 report still loads."""
SCHEMA_FILE = Path(__file__).parent / "schema" / "report.schema.json"

Severity = Literal["good", "info", "warning"]
DepthLabel = Literal["absent", "named", "described", "justified"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, use_attribute_docstrings=True)


class AudioInfo(_Model):
    path: str
    """The recording as given on the command line."""
    duration_s: float
    """Length of the decoded audio."""
    truncated: bool = False
    """The file ended before its header said it would; what was there was scored."""
    speech_dbfs: float | None = None
    """How loud the speech is: its mean power in dB below full scale (None: not measured,
    or under half a second of speech). Over a session, the answer heard worst."""
    noise_dbfs: float | None = None
    """How loud the room is between the words: the median power of the pauses."""
    clipped_share: float | None = None
    """Share of the samples at full scale (an input level set too high)."""


class WordOut(_Model):
    text: str
    """The word as transcribed, with its punctuation."""
    start: float | None = None
    """Seconds from the start of the recording (None for typed transcripts)."""
    end: float | None = None
    probability: float | None = None
    """Whisper's confidence in the word, 0-1."""


class TranscriptOut(_Model):
    text: str
    words: list[WordOut]


class PaceWindowOut(_Model):
    start: float
    end: float
    wpm: float
    """Words per minute of talking time in the window (pauses left out); windows that are
    mostly silence are not listed."""


class PauseOut(_Model):
    start: float
    end: float
    duration: float
    kind: Literal["short", "thinking", "long"]
    """short < thinking threshold <= thinking < long threshold <= long."""
    position: Literal["sentence_boundary", "clause_boundary", "mid_clause"]
    """Where the pause fell, judged from the punctuation of the word before it."""


class BudgetOut(_Model):
    budget_s: float
    used_s: float
    """From the start of the recording to the end of the last speech."""
    remaining_s: float
    overrun_s: float


class PacingOut(_Model):
    words: int
    """Spoken words ("100" counts as two: one hundred)."""
    speaking_span_s: float
    """From the first speech onset to the end of the last speech."""
    words_per_minute: float
    articulation_wpm: float
    """Words per minute with every pause of at least the minimum pause length taken out."""
    time_to_first_word_s: float
    pace_windows: list[PaceWindowOut]
    long_pause_threshold_s: float
    pauses: list[PauseOut]
    budget: BudgetOut | None = None


class FillerItemOut(_Model):
    text: str
    """Canonical filler ("um", "you know") as found; "filled pause" for a hesitation
    sound heard in the audio whose shape named none of uh/um/hm."""
    start: float | None
    """When it was said, in seconds from the start of the recording (None for typed
    transcripts)."""
    end: float | None
    heard_in_audio: bool = False
    """Found in the audio (a held voiced sound where the speech model wrote no word),
    written "(uh)", "(um)", "(hm)" or "(hesitation)" in the transcript."""


class FillersOut(_Model):
    count: int
    per_minute: float | None
    """Per minute of speaking span (None without timings)."""
    percent_of_words: float
    by_word: dict[str, int]
    items: list[FillerItemOut]


class Evidence(_Model):
    quote: str
    """The words said, as transcribed."""
    start: float | None
    """When the quote begins, in seconds (None for typed transcripts)."""


class FeedbackItem(_Model):
    metric: str
    """What the item is about: pace, pauses, fillers, time_to_first_word, budget..."""
    severity: Severity
    message: str
    evidence: Evidence | None = None


class StageOut(_Model):
    id: str
    """Rubric stage id (for ml-system-design: framing, constraints, metrics, data, pipeline,
    model, deployment, monitoring, tradeoffs, impact, summary)."""
    title: str
    covered: bool
    """Enough was said about the stage to count it, not a passing word."""
    strength: float
    """How much of the answer served the stage (sum over sentences; 0 when never touched)."""
    first_at_s: float | None
    """When the stage first came up (None if never, or for typed transcripts)."""
    first_at_share: float | None
    """Where it first came up as a share of the answer, 0-1 (works without timings too)."""
    share: float
    """Share of the answer's time (or words) spent on the stage."""
    evidence: Evidence | None
    """The sentence that serves the stage most clearly."""
    depth: int = Field(default=0, ge=0, le=3)
    """How far the answer went on the stage: 0 absent, 1 named (mentioned with nothing
    specific), 2 described (a concrete choice, mechanism, number or example), 3 justified
    (a described choice tied to a constraint, a metric or a rejected alternative).
    ``covered`` is depth >= 2. Reports of schema /1 have no depth (read as 0)."""
    depth_label: DepthLabel = "absent"
    """``depth`` in words."""
    depth_evidence: Evidence | None = None
    """The sentence that reached ``depth`` (None when absent)."""
    missing: str | None = None
    """What the stage lacked to go one level deeper (None at depth 3)."""


class OrderFindingOut(_Model):
    kind: str
    """no_opening, late_start, model_first, late_<stage>, no_close."""
    message: str
    evidence: Evidence | None


class ModelNamesOut(_Model):
    named: list[str]
    """Model families named, in the order they came up."""
    with_reasons: int
    """How many of them came with a reason ("because...", "since...")."""


class StructureOut(_Model):
    rubric: str
    method: str
    """What decided the stages ("cues", "cues+minilm", "llm")."""
    score: int
    """0-100 from the rubric weights, less order penalties and, over a practice session,
    less ``adaptation_cost``."""
    stages: list[StageOut]
    order_findings: list[OrderFindingOut]
    signposts: int
    """Transitions that make the structure audible ("first", "next", "to summarise")."""
    tradeoffs: list[Evidence]
    """Where options were weighed against each other."""
    models: ModelNamesOut
    generic: list[Evidence] = []
    """Sentences that named a stage but said nothing specific ("there are tradeoffs"), or
    only said the question back; they earn a stage no more than a mention."""
    adaptation_cost: int = 0
    """Over a practice session, the points taken off for requirement changes the answers
    did not meet (the ``adaptation`` feedback says which); 0 for one answer."""

    def stage(self, stage_id: str) -> StageOut:
        return next(s for s in self.stages if s.id == stage_id)


class AdaptationOut(_Model):
    constraint: str
    """Id of the constraint change the interviewer made."""
    said: str
    """What the interviewer said."""
    acknowledged: bool
    """The next answer took up the new requirement (named it, or its numbers)."""
    revised: bool
    """The next answer changed the design for it (not only restated it)."""
    held: bool = False
    """The next answer changed nothing but showed, with figures of the design's own set
    against the change's, that the design already meets it."""
    evidence: Evidence | None
    """Where the answer responded to the change."""
    judged_by: Literal["cues", "llm"] = "cues"
    revised_after_push: bool = False
    """The next answer did not change the design, the answer to the interviewer's push
    on the change did."""
    push_evidence: Evidence | None = None
    """Where the answer to the push changed the design (or showed it meets the change)."""
    held_after_push: bool = False
    """The next answer neither changed the design nor showed it meets the change; the
    answer to the interviewer's push showed, with figures, that it does."""
    skipped: bool = False
    """The candidate skipped the answer after the change: nothing to judge."""
    kept: bool = False
    """The next answer said the design stays as it was, without changing it or showing
    that it meets the change."""
    argued: Literal["", "figures", "reason", "no reason"] = ""
    """The next answer argued against the change and kept the design: with figures of its
    own behind the reason ("figures"), with a reason ("reason"), or with none ("no
    reason"); "": it did not argue against it."""
    claim_points: int = 0
    """Points the next answer added to the session's structure score though it only claimed
    the design already meets the change ("it already handles it, we have monitoring and a
    fallback"): taken back with what the change costs, so that a claim never scores with
    a real adaptation."""
    changed_otherwise: bool = False
    """The next answer did not take the change up but changed the design all the same, for
    a reason of its own (not credited: the change was not met)."""
    changed_otherwise_after_push: bool = False
    """The answer to the interviewer's push on the change changed the design, but did not
    take the change up either."""
    asked: bool = False
    """The next answer only asked the interviewer about the change; the verdict is on the
    answer after the interviewer's reply (when there was one)."""


class TurnOut(_Model):
    move: Literal["ask", "follow_up", "new_constraint", "clarification", "challenge", "wrap_up"]
    target: str
    """Rubric stage id, constraint id or fact topic the move aims at."""
    why: str
    question: str
    """What the interviewer said."""
    source: Literal["bank", "planner", "llm", "fallback"]
    """Who worded it: the question bank, the offline planner, an LLM, or the planner
    standing in after the LLM failed."""
    answer: Report | None
    """The report on the answer that followed (None if the session ended first)."""
    answered: str = ""
    """Fact topics the interviewer answered at the start of this turn, before its own
    question ("latency+scale"; "unknown": no fact covered what was asked)."""


class InterviewOut(_Model):
    question: str
    """Question id."""
    title: str
    interviewer: str
    """``offline`` or the LLM model string."""
    turns: list[TurnOut]
    adaptation: list[AdaptationOut]
    closing: str
    notices: list[str] = []
    """Things the candidate should know (an LLM that failed and was replaced)."""
    cut_short: bool = False
    """The session was cut short (the app quit or killed) and scored later from the
    answers it kept: a first answer that used under a third of its budget then gets no
    structure score, in every front as in History."""


class Report(_Model):
    schema_: Literal["thinkaloud.report/1", "thinkaloud.report/2"] = Field(
        default=SCHEMA_ID, alias="schema"
    )
    """The contract version: /2 is written; /1 (saved before depth existed) still reads."""
    audio: AudioInfo | None
    """None when a typed transcript was scored."""
    model: str | None = None
    """The speech-to-text model that made the transcript."""
    speech_detected: bool
    transcript: TranscriptOut
    pacing: PacingOut | None
    """None without word timings (typed transcripts) or without speech."""
    fillers: FillersOut
    structure: StructureOut | None = None
    """Think-aloud structure against a rubric (None when not asked for)."""
    question: str | None = None
    """The question id the answer was given to, if known."""
    interview: InterviewOut | None = None
    """For a practice session: every turn, and how the answers adapted. The report's own
    pacing and structure then cover all answers together."""
    feedback: list[FeedbackItem]

    def to_json(self) -> str:
        return self.model_dump_json(by_alias=True, indent=2)


TurnOut.model_rebuild()


def json_schema() -> str:
    schema = Report.model_json_schema(by_alias=True)
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"
