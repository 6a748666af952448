"""Scoring a session that was interrupted, from the audio the store kept."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.interview.adaptation import check_adaptation
from assistant.report import InterviewOut, Report, TurnOut
from assistant.scoring.analyse import analyse_session, analyse_transcribed, transcribe_recording
from sessions.store import Store, StoreError

if TYPE_CHECKING:
    from assistant.cli import Environment
    from assistant.settings import Settings


def rescore_session(store: Store, session_id: str, settings: Settings, env: Environment) -> Report:
    from assistant.cli import build_transcriber, structure_spec

    row, _ = store.session(session_id)
    answers = [a for a in store.answers(session_id) if a.audio_path.exists()]
    if not answers:
        raise StoreError(f"session {session_id} kept no audio to score")
    structure = structure_spec(None, row.question_id, env, settings.structure_method)
    transcriber = build_transcriber(settings)
    turns, recordings = [], []
    question = None
    if row.question_id:
        from prompts import load_question

        question = load_question(row.question_id)
    for a in answers:
        t = transcribe_recording(a.audio_path, transcriber, settings)
        recordings.append(t)
        report = analyse_transcribed(t, settings, structure=structure, question=row.question_id)
        store.finish_answer(a.id, t.duration_s, report.model_dump(mode="json", by_alias=True))
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
        adaptation = [
            check_adaptation(changes[t.target], t.answer, context)
            for t in turns
            if t.move == "new_constraint" and t.target in changes
        ]
    report = analyse_session(recordings, settings, structure=structure, question=row.question_id)
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
