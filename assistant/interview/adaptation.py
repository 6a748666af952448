"""Did the answer after a constraint change take it up, and change the design?

*Acknowledged*: the answer names the new requirement - one of its numbers
("30 ms"), or a distinctive word from what the interviewer said ("privacy",
"fingerprinting"). *Revised*: the answer uses the design vocabulary the change
calls for (the change's keywords: "cache", "precompute", "smaller model"...),
at least two of them, or one plus real coverage of a stage the change affects.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field

from assistant.interview.view import AnswerView
from assistant.llm.ask import as_data, ask_json
from assistant.llm.local.engine import LocalModelError
from assistant.llm.port import ChatError, ChatModel
from assistant.report import AdaptationOut, Evidence, Report
from assistant.scoring.evidence import squash
from assistant.scoring.structure.cues import CueIndex, normalise_text
from prompts import ConstraintChange
from prompts.templates import load_chat_prompt

_STOP = set(
    "about after again against because before being below between could doing during every "
    "their there these those through under until while which would should where what with "
    "your yours from have that this will into just them they then than were been more most "
    "other some such only same very also each does only over both once here when".split()
)


def salient_terms(change: ConstraintChange, context: str = "") -> tuple[list[str], list[str]]:
    """Numbers and distinctive words of what the interviewer said; words of ``context``
    (the question itself: "fraud", "payments") say nothing about the change."""
    said = normalise_text(change.say)
    common = set(normalise_text(context).split()) | _STOP
    numbers = sorted(set(re.findall(r"\d+(?:\.\d+)?", said)))
    words = [w for w in said.split() if len(w) >= 5 and w.isalpha() and w not in common]
    return numbers, list(dict.fromkeys(words))


def check_adaptation(change: ConstraintChange, report: Report, context: str = "") -> AdaptationOut:
    view = AnswerView.of(report)
    numbers, words = salient_terms(change, context)
    sentences = _sentences(report)
    said_text = normalise_text(change.say)
    # a keyword the interviewer said ("30", "latency", "kids") shows the change was heard,
    # not that the design changed: only the others count as revising
    design = [k for k in change.keywords if f" {normalise_text(k).strip()} " not in said_text]
    index = CueIndex(
        {"said": words + [k for k in change.keywords if k not in design], "design": design}
    )
    first_ack: int | None = None
    first_design: int | None = None
    design_terms: set[str] = set()
    acknowledged = False
    for i, (text, _start) in enumerate(sentences):
        norm = normalise_text(text)
        hits = index.hits(text)
        mentions_number = any(
            re.search(rf"(?<![\d.]){re.escape(n)}(?![\d.])", norm) for n in numbers
        )
        if mentions_number or hits.get("said"):
            acknowledged = True
            first_ack = i if first_ack is None else first_ack
        if hits.get("design"):
            design_terms |= set(hits["design"])
            first_design = i if first_design is None else first_design
    affected = [s for s in change.stages if s in view.covered]
    revised = len(design_terms) >= 2 or (len(design_terms) == 1 and bool(affected))
    pick = first_ack if first_ack is not None else first_design
    evidence = None
    if pick is not None:
        text, start = sentences[pick]
        evidence = Evidence(quote=text, start=start)
    return AdaptationOut(
        constraint=change.id,
        said=change.say,
        acknowledged=acknowledged,
        revised=revised,
        evidence=evidence,
    )


def _sentences(report: Report) -> list[tuple[str, float | None]]:
    """The answer's sentences with their start times, from the report's words."""
    out: list[tuple[str, float | None]] = []
    current: list[str] = []
    start: float | None = None
    for w in report.transcript.words:
        if not current:
            start = w.start
        current.append(w.text)
        if w.text.rstrip("\"')").endswith((".", "?", "!")) or len(current) >= 30:
            out.append((" ".join(current), start))
            current = []
    if current:
        out.append((" ".join(current), start))
    return out


class _Verdict(BaseModel):
    model_config = ConfigDict(extra="forbid")

    acknowledged: bool
    revised: bool
    quote: str = Field("", max_length=300)


JUDGE_FAILED = "The LLM could not judge adaptation"


def judge_adaptation(
    chat: ChatModel,
    change: ConstraintChange,
    report: Report,
    cues: AdaptationOut,
    *,
    timeout_s: float = 20.0,
) -> tuple[AdaptationOut, str | None]:
    """The LLM's verdict when its quote is in the answer; otherwise the cue verdict stands."""
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
        reason = str(exc) if isinstance(exc, ChatError | LocalModelError) else type(exc).__name__
        return cues, f"{JUDGE_FAILED} ({reason}); the cue verdict stands."
    quoted = bool(verdict.quote) and squash(verdict.quote) in squash(answer)
    if (verdict.quote and not quoted) or (verdict.acknowledged and not quoted):
        return cues, "The LLM's adaptation quote is not in the answer; the cue verdict stands."
    start = None
    for text, t in _sentences(report):
        if verdict.quote and squash(verdict.quote) in squash(text):
            start = t
            break
    evidence = Evidence(quote=verdict.quote, start=start) if verdict.quote else cues.evidence
    return cues.model_copy(
        update={
            "acknowledged": verdict.acknowledged,
            "revised": verdict.revised and verdict.acknowledged,
            "evidence": evidence,
            "judged_by": "llm",
        }
    ), None
