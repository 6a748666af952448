"""What the planner sees at each turn."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.interview.moves import Move
from assistant.interview.view import AnswerView


@dataclass
class PlannerState:
    """What the planner sees: the moves so far and every answer (first one included)."""

    moves: list[Move]
    answers: list[AnswerView]
    moves_left: int
    """Interviewer moves still allowed, this one included."""

    @property
    def used(self) -> set[tuple[str, str]]:
        return {m.key for m in self.moves}

    @property
    def injected(self) -> list[str]:
        return [m.target for m in self.moves if m.kind == "new_constraint"]

    @property
    def targeted(self) -> set[str]:
        return {t for m in self.moves if m.kind in ("follow_up", "challenge") for t in m.targets}

    @property
    def total(self) -> int:
        return len(self.moves) + self.moves_left
