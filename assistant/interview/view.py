"""What the interviewer knows about each answer: the words and the measured structure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from assistant.report import Report


@dataclass(frozen=True)
class AnswerView:
    text: str
    covered: frozenset[str] = frozenset()
    strength: dict[str, float] = field(default_factory=dict)
    models_named: tuple[str, ...] = ()
    tradeoffs: int = 0

    @classmethod
    def of(cls, report: Report) -> AnswerView:
        s = report.structure
        if s is None:
            return cls(report.transcript.text)
        return cls(
            text=report.transcript.text,
            covered=frozenset(x.id for x in s.stages if x.covered),
            strength={x.id: x.strength for x in s.stages},
            models_named=tuple(s.models.named),
            tradeoffs=len(s.tradeoffs),
        )


def cumulative(views: Sequence[AnswerView]) -> tuple[frozenset[str], dict[str, float]]:
    """Stages covered in any answer so far, and their summed strength."""
    covered: set[str] = set()
    strength: dict[str, float] = {}
    for v in views:
        covered |= v.covered
        for k, x in v.strength.items():
            strength[k] = strength.get(k, 0.0) + x
    return frozenset(covered), strength


def latest_named(views: Sequence[AnswerView]) -> str | None:
    """The model or component the candidate named most recently."""
    for v in reversed(views):
        if v.models_named:
            return v.models_named[0]
    return None
