"""The session report: each answer was judged on its own (its report is in its turn);
the session's pacing and structure cover all answers laid end to end, order is judged
on the main answer, and adaptation to each requirement change gets its feedback.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.interview.session import Interview
from assistant.report import AdaptationOut, FeedbackItem, Report
from assistant.scoring.analyse import StructureSpec, Transcribed, analyse_session
from assistant.settings import Settings


def session_report(
    interview: Interview,
    recordings: Sequence[Transcribed],
    settings: Settings,
    structure: StructureSpec | None,
) -> Report:
    """Pacing and structure over all answers laid end to end, plus the interview."""
    report = analyse_session(
        recordings, settings, structure=structure, question=interview.planner.question.id
    )
    out = interview.report()
    feedback = report.feedback
    structure_out = report.structure
    first = out.turns[0].answer if out.turns else None
    if structure_out is not None and first is not None and first.structure is not None:
        # order is judged on the main answer: a later answer to a follow-up is not
        # expected to restate the problem or end with a summary
        structure_out = structure_out.model_copy(
            update={"order_findings": first.structure.order_findings}
        )
        feedback = [f for f in feedback if f.metric != "structure.order"] + [
            f for f in first.feedback if f.metric == "structure.order"
        ]
    return report.model_copy(
        update={
            "interview": out,
            "structure": structure_out,
            "feedback": feedback + adaptation_feedback(out.adaptation),
        }
    )


def adaptation_feedback(items: Sequence[AdaptationOut]) -> list[FeedbackItem]:
    feedback = []
    for a in items:
        if a.acknowledged and a.revised:
            feedback.append(
                FeedbackItem(
                    metric="adaptation",
                    severity="good",
                    message=f"After the change ({a.constraint}) the answer took up the new "
                    "requirement and changed the design.",
                    evidence=a.evidence,
                )
            )
        elif a.acknowledged:
            feedback.append(
                FeedbackItem(
                    metric="adaptation",
                    severity="warning",
                    message=f"After the change ({a.constraint}) the answer named the new "
                    "requirement but the design did not visibly change; say what you "
                    "would do differently and what it costs.",
                    evidence=a.evidence,
                )
            )
        else:
            feedback.append(
                FeedbackItem(
                    metric="adaptation",
                    severity="warning",
                    message=f"The answer after the change ({a.constraint}) did not take up the new "
                    f"requirement: \u201c{a.said}\u201d",
                    evidence=a.evidence,
                )
            )
    return feedback
