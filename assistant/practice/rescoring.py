"""Scoring a session that was interrupted, from the audio the store kept.

A complete session is judged again only when asked (``again``: its saved report was
judged from a transcript that lost words, or another speech model is in use now); it stays
complete. An answer whose file
holds nothing (the session was killed the instant the file was made: a 44-byte WAV, an
empty text) falls back to the newest earlier take of the same answer that holds
something, or is left out with a notice; the other answers are still scored.
"""

from __future__ import annotations

import re
from pathlib import Path

from assistant.interview.adaptation import credit_push, push_after, verdict_at
from assistant.practice.session import (
    FOLLOW_UP_BUDGET_S,
    answer_budget_s,
    cut_note,
    judged_part,
    unasked_note,
)
from assistant.practice.session_report import (
    Answer,
    adapted,
    answer_offsets,
    answers_report,
    asked_of,
    claims_taken_back,
    main_answer_order,
    probed_stages,
    reached_depths,
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
from sessions.store import AnswerRow, Store, StoreError
from sessions.wav_sink import HEADER_BYTES
from speech.errors import AudioDecodeError
from speech.transcriber import Transcriber

RESCORABLE = ("interrupted", "recovered")


class RescoreRefused(StoreError):
    """The session is not one to rescore (complete, or still being recorded): the
    command asks for something that cannot be done, a usage error."""

    exit_code = 2


_TAKE = re.compile(r"(answer-\d+)(?:-take\d+)?")


def rescore_session(
    store: Store,
    session_id: str,
    settings: Settings,
    *,
    transcriber: Transcriber,
    structure: StructureSpec | None,
    question: Question | None,
    again: bool = False,
) -> Report:
    """Transcribe and judge every answer the session kept, and save the result as the
    session's report (status ``recovered``; a complete one judged ``again`` stays
    complete). ``question`` is the session's question, if it is still known (a user's
    own question included)."""
    row, saved = store.session(session_id)
    complete = row.status == "complete"
    if row.status not in RESCORABLE and not (complete and again):
        if row.status == "recording":
            raise RescoreRefused(
                f"session {session_id} is still being recorded by another thinkaloud; "
                "rescore it once that one has ended"
            )
        raise RescoreRefused(
            f"session {session_id} is complete: its report stands as it was saved "
            f"(`thinkaloud rescore {session_id} --again` judges it once more from the "
            f"answers kept; `thinkaloud show {session_id}` shows it)"
        )
    answers = [a for a in store.answers(session_id) if a.skipped or _takes(store, session_id, a)]
    if not answers:
        raise AudioDecodeError(
            f"session {session_id} kept no answer to score (it was left before anything "
            "was said or typed)"
        )
    turns: list[TurnOut] = []
    given: list[Answer] = []
    left_out: list[int] = []
    cut_off: set[int] = set()  # turns whose answer the session's end cut off
    cut_notes: list[str] = []  # typed answers too long to judge whole
    for a in answers:
        if a.skipped:  # the question stays in the conversation, with no answer
            report = analyse_text("", settings, structure=structure, question=row.question_id)
            given.append("")  # as the session itself counts a skip
        else:
            asked = structure
            if a.move:
                asked = asked_of(structure, a.move["kind"], a.move["target"], a.move["question"])
            elif a.idx == 0:  # the opening question, kept without its move
                asked = asked_of(structure, "ask", row.question_id or "", "")
            # each answer against its own budget, as in the session: a first answer cut
            # short is then a fragment for history and trends
            budget = FOLLOW_UP_BUDGET_S if a.idx else (question.budget_s if question else None)
            if a.idx and a.move and question:
                budget = answer_budget_s(
                    question,
                    a.move["kind"],
                    a.move["target"],
                    reopens=a.move.get("reopens", False),
                )
            scored = _score_answer(store, session_id, a, settings, transcriber, asked, row, budget)
            if scored is None:
                left_out.append(a.idx + 1)
                continue
            answer, report, duration, note = scored
            given.append(answer)
            if note is not None:
                cut_notes.append(note)
            status = "interrupted" if a.status == "interrupted" else "complete"
            if status == "interrupted":
                cut_off.add(len(turns))
            store.finish_answer(
                a.id, duration, report.model_dump(mode="json", by_alias=True), status
            )
        move = a.move or {
            "kind": "ask",
            "target": row.question_id or "answer",
            "why": "the interview question",
            "question": question.asked if question else "",
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
                answered=move.get("answered", ""),
            )
        )
    set_aside = [str(p) for a in answers if (p := store.set_aside(session_id, a)) is not None]
    if not any(given) and set_aside:  # typed for a question, then skipped: never judged
        raise AudioDecodeError(
            f"session {session_id}: no question was answered, so there is nothing to "
            "score; what was typed before a skip is kept, not judged: " + ", ".join(set_aside)
        )
    if not any(given):  # nothing but skips and empty takes
        raise AudioDecodeError(
            f"session {session_id}: every answer it kept is empty (it stopped as the "
            "recording began); there is nothing to score"
        )
    adaptation = []
    unjudged: list[int] = []
    if question is not None:
        changes = {c.id: c for c in question.constraint_changes}
        offsets = answer_offsets(given)
        embedder = structure.embedder if structure is not None else None
        shape = [(t.move, t.target, t.answer is not None) for t in turns]
        answers = [t.answer for t in turns]
        for i, (t, at) in enumerate(zip(turns, offsets, strict=True)):
            if t.move != "new_constraint" or t.target not in changes or t.answer is None:
                continue
            change = changes[t.target]
            j = push_after(shape, i)
            first = verdict_at(question, change, answers, i, embedder)
            k = i
            if first.asked and j is not None:
                # as the session judged it: a question about the change, answered, and
                # the answer after that reply is the one that adapts, or does not
                k, j, at = j, None, offsets[j]
                after = verdict_at(question, change, answers, k, embedder, since=i)
                first = after.model_copy(update={"asked": True})
            pushed = (
                None
                if j is None
                else verdict_at(question, change, answers, j, embedder, pushed=True)
            )
            verdict = credit_push(first, pushed)
            if k in cut_off and not verdict.revised:
                # 9 s of an answer the window closed on: what it did not get to say is
                # not charged as a change ignored
                unjudged.append(k + 1)
                continue
            adaptation.append(shifted_evidence(verdict, at, offsets[j] if j is not None else 0.0))
    report = answers_report(
        given, settings, structure, row.question_id, probed_stages(turns), reached_depths(turns)
    )
    adaptation = claims_taken_back(
        adaptation,
        given,
        settings,
        structure,
        row.question_id,
        probed_stages(turns),
        reached_depths(turns),
    )
    # what the changes left unmet costs as in a session that ended normally: the verdict
    # showed "changed the design: no" with no cost and nothing in the feedback
    ordered, feedback = main_answer_order(
        report.structure,
        report.feedback,
        turns,
        len(given),
        structure,
        dict(enumerate(answer_offsets(given))),
    )
    costed, feedback = adapted(
        ordered,
        feedback,
        adaptation,
        design=question.is_design if question is not None else True,
    )
    report = report.model_copy(
        update={
            "structure": costed,
            "feedback": feedback,
            "interview": InterviewOut(
                question=row.question_id or "",
                title=row.question_title or "",
                interviewer=row.interviewer or "offline",
                turns=turns,
                adaptation=adaptation,
                closing=_closing(saved) if complete else "",
                # quit between answers, or while a finished one was judged, cuts
                # nothing short: a 42 s answer given whole read "not scored (cut short)"
                cut_short=not complete and bool(cut_off),
                notices=[
                    "This session was judged again from the answers that were kept."
                    if complete
                    else "This session was interrupted; it was scored from the answers that "
                    "were kept."
                ]
                + _left_out(left_out)
                + cut_notes
                + _unasked(store, session_id)
                + [
                    f"Answer {n} was cut off when the session ended before it changed the "
                    "design, so it is not judged for adapting to the change."
                    for n in unjudged
                ],
            ),
        }
    )
    store.finish_session(
        session_id,
        report.model_dump(mode="json", by_alias=True),
        status="complete" if complete else "recovered",
    )
    return report


def _unasked(store: Store, session_id: str) -> list[str]:
    """Words typed after the last answer, for a question that never came: kept beside
    the answers, named, never judged as one."""
    path = store.unasked_file(session_id)
    return [unasked_note(path)] if path.is_file() else []


def _closing(saved: dict | None) -> str:
    """The interviewer's closing words of a saved report ("" where it has none)."""
    interview = (saved or {}).get("interview") or {}
    return str(interview.get("closing") or "")


def _takes(store: Store, session_id: str, a: AnswerRow) -> list[Path]:
    """The files that may hold answer ``a``: the one the store names, then the earlier
    takes of the same answer beside it (recorded or typed), newest first; only files
    inside the session's folder."""
    found = [a.audio_path] if a.audio_path.is_file() else []
    match = _TAKE.fullmatch(a.audio_path.stem)
    if match is None:
        return found
    folder = a.audio_path.parent
    siblings = [
        p
        for p in folder.glob(f"{match.group(1)}*")
        if p != a.audio_path
        and p.suffix in (".wav", ".txt")
        and _TAKE.fullmatch(p.stem)
        and _TAKE.fullmatch(p.stem).group(1) == match.group(1)
        and store.answer_file(session_id, str(p.relative_to(store.data_dir))) is not None
        and p.is_file()
    ]
    return found + sorted(siblings, key=lambda p: p.stat().st_mtime_ns, reverse=True)


def _score_answer(store, session_id, a, settings, transcriber, structure, row, budget_s):
    """(the answer, its report, its length, a note when a typed answer was too long to
    judge whole) from the newest take that holds something; None when every take is
    empty or cannot be decoded."""
    for path in _takes(store, session_id, a):
        if path.suffix == ".txt":  # a typed answer
            text = path.read_text(encoding="utf-8", errors="replace")
            if not text.strip():
                continue
            judged = judged_part(text)
            report = analyse_text(judged, settings, structure=structure, question=row.question_id)
            return judged, report, 0.0, cut_note(a.idx + 1, text, judged)
        if path.stat().st_size <= HEADER_BYTES:
            continue  # the header alone: killed the instant the take began
        try:
            t = transcribe_recording(path, transcriber, settings)
        except AudioDecodeError:
            continue
        report = analyse_transcribed(
            t, settings, structure=structure, question=row.question_id, budget_s=budget_s
        )
        return t, report, t.duration_s, None
    return None


def _left_out(numbers: list[int]) -> list[str]:
    if not numbers:
        return []
    if len(numbers) == 1:
        return [f"Answer {numbers[0]} held nothing (it stopped as it began) and is left out."]
    listed = ", ".join(map(str, numbers[:-1])) + f" and {numbers[-1]}"
    return [f"Answers {listed} held nothing (they stopped as they began) and are left out."]
