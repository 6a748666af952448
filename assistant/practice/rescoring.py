"""Scoring a session that was interrupted, from the audio the store kept."""

from __future__ import annotations

from assistant.interview.adaptation import check_adaptation
from assistant.practice.session_report import (
    Answer,
    answer_offsets,
    answers_report,
    shifted_evidence,
)
from assistant.report import InterviewOut, Report, TurnOut
from assistant.scoring.analyse import (
    StructureSpec,
    analyse_text,
    analyse_transcribed,
    transcribe_recording,
)
from assistant.settings import Settings
from prompts import Question
from sessions.store import Store, StoreError
from speech.transcriber import Transcriber


def rescore_session(
    store: Store,
    session_id: str,
    settings: Settings,
    *,
    transcriber: Transcriber,
    structure: StructureSpec | None,
    question: Question | None,
) -> Report:
    """Transcribe and judge every answer the session kept, and save the result as the
    session's report (status ``recovered``). ``question`` is the session's question, if
    it is still known (a user's own question included)."""
    row, _ = store.session(session_id)
    answers = [a for a in store.answers(session_id) if a.audio_path.exists()]
    if not answers:
        raise StoreError(f"session {session_id} kept no audio to score")
    turns: list[TurnOut] = []
    given: list[Answer] = []
    for a in answers:
        if a.audio_path.suffix == ".txt":  # a typed answer
            text = a.audio_path.read_text(encoding="utf-8")
            given.append(text)
            report = analyse_text(text, settings, structure=structure, question=row.question_id)
            duration = 0.0
        else:
            t = transcribe_recording(a.audio_path, transcriber, settings)
            given.append(t)
            report = analyse_transcribed(t, settings, structure=structure, question=row.question_id)
            duration = t.duration_s
        store.finish_answer(a.id, duration, report.model_dump(mode="json", by_alias=True))
        move = a.move or {
            "kind": "ask",
            "target": row.question_id or "answer",
            "why": "the interview question",
            "question": " ".join(question.prompt.split()) if question else "",
            "source": "bank",
        }
        turns.append(
            TurnOut(
                move=move["kind"],
                target=move["target"],
                why=move["why"],
                question=move["question"],
                source=move["source"],
                answer=report,
            )
        )
    adaptation = []
    if question is not None:
        changes = {c.id: c for c in question.constraint_changes}
        context = f"{question.title} {question.prompt}"
        offsets = answer_offsets(given)
        adaptation = [
            shifted_evidence(check_adaptation(changes[t.target], t.answer, context), at)
            for t, at in zip(turns, offsets, strict=True)
            if t.move == "new_constraint" and t.target in changes
        ]
    report = answers_report(given, settings, structure, row.question_id)
    report = report.model_copy(
        update={
            "interview": InterviewOut(
                question=row.question_id or "",
                title=row.question_title or "",
                interviewer=row.interviewer or "offline",
                turns=turns,
                adaptation=adaptation,
                closing="",
                notices=[
                    "This session was interrupted; it was scored from the audio that was kept."
                ],
            )
        }
    )
    store.finish_session(
        session_id, report.model_dump(mode="json", by_alias=True), status="recovered"
    )
    return report
