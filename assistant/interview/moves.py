"""What the interviewer can do on its turn, and why."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

MoveKind = Literal["follow_up", "new_constraint", "clarification", "challenge", "wrap_up"]
Source = Literal["planner", "llm", "fallback", "bank"]


class Move(BaseModel):
    """One interviewer turn."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    kind: MoveKind | Literal["ask"]
    """``ask`` is the opening question; the rest are the interviewer's moves."""
    target: str
    """Rubric stage id, constraint id or fact topic the move aims at."""
    why: str
    """Why this move now: the gap, the choice or the question it responds to."""
    question: str
    """What the interviewer says."""
    source: Source
    """Who worded it: the question bank, the offline planner, an LLM, or the planner
    standing in after the LLM failed."""
    answered: str = ""
    """Fact topics the turn answers before its own question, "+"-joined ("unknown": no
    fact covers what was asked); empty when the candidate asked nothing."""
    reopens: bool = False
    """The move hands the opening question back, after answers that only put questions
    to the interviewer: its answer has the question's own time, and a live session does
    not count it against its moves."""
    hands_back: bool = False
    """The move puts the change the candidate only asked about to them again, after the
    reply: a live session does not count it against its moves, as asking costs no
    answer."""
    reply: str = ""
    """What the turn said first, in answer to the candidate's question (the facts, that
    none covers it, or the change as it stands), as it opens ``question``; empty when
    the candidate asked nothing."""

    @property
    def targets(self) -> list[str]:
        """``target`` split: a re-anchor aims at several stages at once."""
        return self.target.split("+")

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.target)


class LLMMove(BaseModel):
    """The JSON an LLM interviewer must reply with."""

    model_config = ConfigDict(extra="forbid")

    kind: MoveKind = Field(description="the move")
    target: str = Field(description="rubric stage id, constraint id or fact topic", max_length=60)
    question: str = Field(
        description="what the interviewer says, at most two sentences", max_length=400
    )
    why: str = Field(description="one sentence: why this move now", max_length=200)
    # question before why: a streamed reply can be spoken while the reason is written
