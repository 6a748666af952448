"""Reports for the Report screen's tests, made by the real analysis: held-out answers
scored as typed text, or laid out in time as if spoken (a silent WAV of the right length
beside each), and an interview played by the offline interviewer on them; saved in a
real store when a test needs a session."""

from __future__ import annotations

import json
import tomllib
from functools import cache
from pathlib import Path

import numpy as np
from textual.geometry import Region

from assistant.app.build import structure_spec
from assistant.app.context import AppContext
from assistant.interview.planner import OfflinePlanner
from assistant.interview.session import Interview, OfflineInterviewer
from assistant.practice.session_report import session_report
from assistant.report import AudioInfo, Report
from assistant.scoring.analyse import StructureSpec, Transcribed, analyse_text, analyse_transcribed
from assistant.settings import Settings
from prompts import load_question
from sessions.store import Store
from speech.audio import SAMPLE_RATE
from speech.vad import SpeechRegion
from speech.words import Word
from tests.support.audio import write_wav
from tests.support.sentences import sharing_embedder

ANSWERS = Path(__file__).parents[1] / "eval" / "answers"
QUESTION = "fraud-detection"
CHANGE_REPLY = (
    "Right, so without device fingerprinting we drop those features and lean on card "
    "history, merchant risk and velocity counts instead. I would retrain without them, "
    "run the new model in shadow for two weeks and watch recall at our false decline "
    "budget, since we will probably lose some recall on account takeover."
)
CLARIFIED = (
    "Thanks, the issuer then. So the decision sits inside our authorization flow, and a "
    "step-up challenge is one of the three outcomes we can return."
)
DEPLOYED = (
    "The scoring service is stateless and sits inside the authorization call, with a rules "
    "layer on top that can override it for known bad merchants; if the model times out we "
    "fall back to the rules alone."
)
IMPACT = (
    "Every point of recall at the same false decline rate saves about two million dollars a "
    "year in fraud losses, and fewer false declines keep good customers from abandoning "
    "checkout."
)


def held_out(answer_id: str = "fraud-strong-1") -> str:
    return tomllib.loads((ANSWERS / f"{answer_id}.toml").read_text())["text"]


@cache
def fraud_spec() -> StructureSpec:
    return structure_spec(sharing_embedder(AppContext.load()), None, QUESTION)


def typed_report(text: str | None = None) -> Report:
    """A typed answer (no timings), scored against the fraud question's rubric."""
    return analyse_text(
        held_out() if text is None else text, Settings(), structure=fraud_spec(), question=QUESTION
    )


def spoken(text: str, wav: Path, *, wpm: float = 150.0, long_pause_every: int = 4) -> Transcribed:
    """``text`` timed as if said at about ``wpm`` (a little faster and slower by turns),
    with a breath after each sentence and a long pause after every ``long_pause_every``-th;
    a silent WAV of that length is written at ``wav``."""
    words: list[Word] = []
    regions: list[SpeechRegion] = []
    t = start = 0.6
    sentence = 0
    for token in text.split():
        step = 60.0 / (wpm * (1.0 + 0.06 * (sentence % 3 - 1)))
        words.append(Word(token, round(t, 3), round(t + step * 0.85, 3), 0.95))
        t += step
        if token.endswith((".", "?", "!")):
            sentence += 1
            regions.append(SpeechRegion(start, t))
            t += 2.6 if sentence % long_pause_every == 0 else 0.4
            start = t
    if words and words[-1].end > start:
        regions.append(SpeechRegion(start, t))
    duration = round(t + 0.6, 2)
    write_wav(wav, np.zeros(int(duration * SAMPLE_RATE), dtype=np.float32))
    return Transcribed(
        AudioInfo(path=str(wav), duration_s=duration), words, regions, duration, "canned"
    )


def interview_report(folder: Path, texts: list[str] | None = None) -> Report:
    """A practice session on the fraud question with the offline interviewer: each text
    is one spoken answer (its audio in ``folder``), and the session report over them."""
    moves = len(texts) if texts is not None else 6
    if texts is None:  # the wrap-up is asked and the session ends before its answer
        texts = [held_out(), CLARIFIED, DEPLOYED, IMPACT, CHANGE_REPLY]
    settings = Settings()
    spec = fraud_spec()
    question = load_question(QUESTION)
    planner = OfflinePlanner(question, spec.rubric, seed=0, embedder=spec.embedder)
    interview = Interview(planner, OfflineInterviewer(planner), max_moves=moves)
    interview.opening()
    recordings = []
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(texts):
        t = spoken(text, folder / f"answer-{i + 1:02d}.wav")
        recordings.append(t)
        report = analyse_transcribed(t, settings, structure=spec, question=QUESTION)
        if interview.answered(report) is None:
            break
    interview.end()
    return session_report(interview, recordings, settings, spec)


def save(store: Store, report: Report, created_at: str = "2026-11-03T20:00:00") -> str:
    """Keep ``report`` as a finished session made at ``created_at``; returns its id."""
    interview = report.interview
    session_id = store.new_session(
        question_id=report.question,
        question_title=interview.title if interview else None,
        rubric=report.structure.rubric if report.structure else None,
        interviewer=interview.interviewer if interview else None,
    )
    store.finish_session(session_id, json.loads(report.to_json()))
    store.db.execute("UPDATE sessions SET created_at=? WHERE id=?", (created_at, session_id))
    return session_id


def on_screen(app) -> str:
    """The whole terminal as the user sees it now, line by line (the compositor's
    output: what is scrolled away or cut off is not in it)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def shown(widget) -> str:
    """What ``widget`` draws, line by line, as plain text (its padding and border too: with
    its content's width alone, the last letter of a full line was cut off)."""
    width = widget.size.width + widget.styles.gutter.width
    height = widget.size.height + widget.styles.gutter.height
    return "\n".join(strip.text for strip in widget.render_lines(Region(0, 0, width, height)))


def flat(text: str) -> str:
    """Lines joined and spaces squeezed, for looking for phrases that may wrap."""
    return " ".join(text.split())
