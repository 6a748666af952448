"""The LLM's adaptation verdict, checked against the answer: it stands only when the
sentence it quotes is in the answer and it does not overturn a clear cue verdict (a
design changed, or said to be kept); otherwise the cue verdict of
:mod:`assistant.interview.adaptation` stands."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from assistant.interview.adaptation import QUOTE_WORDS, answer_sentences, salient_terms
from assistant.interview.spoken_numbers import join_thousands
from assistant.llm.ask import as_data, ask_json
from assistant.llm.local.engine import LocalModelError
from assistant.llm.port import ChatError, ChatModel
from assistant.report import AdaptationOut, Evidence, Report
from assistant.scoring.evidence import squash
from assistant.scoring.structure.cues import CueIndex, normalise_text
from assistant.scoring.structure.findings import first_words
from prompts import ConstraintChange
from prompts.templates import load_chat_prompt


class _Verdict(BaseModel):
    model_config = ConfigDict(extra="forbid")

    acknowledged: bool
    revised: bool
    quote: str = Field("", max_length=300)


JUDGE_FAILED = "The LLM could not judge adaptation"


def speaks_of(change: ConstraintChange, sentence: str) -> bool:
    """``sentence`` names a number or a distinctive word of the change, or a phrase an
    answer that adapts to it would use ("on device", "no recordings"; single keywords
    such as "retrain" or "features" are said of any design)."""
    said = normalise_text(join_thousands(sentence))
    numbers, words = salient_terms(change)
    tokens = set(said.split())
    stems = {w[:STEM] for w in tokens}
    phrases = [k for k in change.keywords if " " in k.strip()]
    return (
        any(n in tokens for n in numbers)
        or any(w[:STEM] in stems for w in words)
        or bool(phrases and CueIndex({"change": phrases}).hits(sentence))
    )


def overturns(cues: AdaptationOut, revised: bool) -> bool:
    """The LLM's ``revised`` would overturn a clear cue verdict: a change of course the
    cues found in the answer ("drop the device features, retrain, add 3DS step-up"), or
    the answer saying it keeps the design ("Everything else stays the same"). Its quote
    only proves the sentence is there, not what it shows: it decides where the cues are
    unsure (the change named with no visible change, or not taken up at all)."""
    if cues.revised:
        return not revised
    return (cues.kept or cues.held) and revised


STEM = 6
"""Letters two words share to be one ("recordings", "recorded")."""


def judge_adaptation(
    chat: ChatModel,
    change: ConstraintChange,
    report: Report,
    cues: AdaptationOut,
    *,
    timeout_s: float = 20.0,
) -> tuple[AdaptationOut, str | None]:
    """The LLM's verdict when its quote is in the answer; otherwise the cue verdict stands."""
    if cues.skipped:
        return cues, None  # nothing was said: nothing to ask about
    prompt = load_chat_prompt("llm-adaptation")
    answer = report.transcript.text
    try:
        verdict = ask_json(
            chat,
            prompt,
            {"change": change.say, "answer": as_data(answer[:6000])},
            _Verdict,
            timeout_s=timeout_s,
        )
    except Exception as exc:  # invalid twice, timeout, provider error
        if isinstance(exc, ChatError | LocalModelError):
            reason = str(exc)
        elif isinstance(exc, ValueError):  # pydantic's ValidationError is one: no class name
            reason = "its reply was not in the form asked, twice"
        else:
            reason = type(exc).__name__
        return cues, f"{JUDGE_FAILED} ({reason}); the cue verdict stands."
    quoted = bool(verdict.quote) and squash(verdict.quote) in squash(answer)
    if (verdict.quote and not quoted) or (verdict.acknowledged and not quoted):
        return cues, "The LLM's adaptation quote is not in the answer; the cue verdict stands."
    start, said = None, ""
    for text, t in answer_sentences(report):
        if verdict.quote and squash(verdict.quote) in squash(text):
            start, said = t, text
            break
    if verdict.acknowledged and not cues.acknowledged and not speaks_of(change, said):
        # "took it up" on a sentence that says nothing of the change ("If the top twenty
        # commands must work with no internet…" after "no recordings may be kept")
        return (
            cues,
            "The LLM's adaptation quote does not speak of the change; the cue verdict stands.",
        )
    if overturns(cues, verdict.acknowledged and verdict.revised):
        return cues, None
    quote = first_words(verdict.quote, QUOTE_WORDS)
    evidence = Evidence(quote=quote, start=start) if verdict.quote else cues.evidence
    return cues.model_copy(
        update={
            "acknowledged": verdict.acknowledged,
            "revised": verdict.revised and verdict.acknowledged,
            # took it up, by the LLM: whatever the design did, it was for the change
            "changed_otherwise": cues.changed_otherwise and not verdict.acknowledged,
            "evidence": evidence,
            "judged_by": "llm",
        }
    ), None
