"""An optional LLM judge of stage coverage, checked against the transcript.

Off by default; the local analysis never needs it. When asked for, the LLM grades every
rubric stage and quotes the words that show it. A quote that is not in the transcript
drops that item (the local judgement stands for it). An invalid reply is retried once
with the error; a failure or timeout falls back to the local analysis with a notice.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field

from assistant.llm.ask import ask_json
from assistant.llm.port import ChatModel
from assistant.report import Evidence, StructureOut, WordOut
from assistant.report.format import counted
from assistant.scoring.evidence import squash
from assistant.scoring.structure.analysis import COVERED_MASS
from assistant.scoring.structure.depth import LEVELS
from prompts.templates import load_chat_prompt
from rubrics import Rubric

MAX_TRANSCRIPT_CHARS = 12_000


class StageGrade(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(max_length=60)
    covered: bool
    quote: str = Field("", max_length=300)


class Grades(BaseModel):
    model_config = ConfigDict(extra="forbid")

    stages: list[StageGrade]


def judge_structure(
    chat: ChatModel,
    rubric: Rubric,
    question: str,
    words_out: Sequence[WordOut],
    local: StructureOut,
    *,
    timeout_s: float = 20.0,
) -> tuple[StructureOut, str | None]:
    """The structure section with the LLM's verified grades, or the local one and a notice."""
    prompt = load_chat_prompt("llm-judge")
    transcript = " ".join(w.text for w in words_out)
    values = {
        "question": question or "(not given)",
        "rubric": "\n".join(f"- {s.id}: {' '.join(s.meaning.split())}" for s in rubric.stages),
        "transcript": transcript[:MAX_TRANSCRIPT_CHARS],
    }
    try:
        grades = ask_json(chat, prompt, values, Grades, timeout_s=timeout_s)
    except Exception as exc:  # invalid twice, timeout, refused connection, provider error
        reason = type(exc).__name__ if not str(exc) else " ".join(str(exc).split())[:160]
        return local, (
            f"The LLM judge ({chat.name}) could not be used ({reason}); the local analysis stands."
        )
    words = squash(transcript)
    by_id = {g.id: g for g in grades.stages}
    stages = []
    dropped = 0
    for s in local.stages:
        g = by_id.get(s.id)
        quote = g.quote.strip() if g else ""
        if g is None or (g.covered and (not quote or squash(quote) not in words)):
            dropped += g is not None
            stages.append(s)  # unverifiable: the local judgement stands
            continue
        evidence = s.evidence
        if g.covered:
            evidence = Evidence(quote=quote, start=_locate(words_out, quote))
        # covered means described: the judge's verdict moves the depth across that line
        depth = max(s.depth, 2) if g.covered else min(s.depth, 1)
        stages.append(
            s.model_copy(
                update={
                    "covered": g.covered,
                    "evidence": evidence,
                    "depth": depth,
                    "depth_label": LEVELS[depth],
                    "depth_evidence": s.depth_evidence if depth == s.depth else evidence,
                }
            )
        )
    weights = {s.id: s.weight for s in rubric.stages}
    earned = sum(
        weights[s.id] * (1.0 if s.covered else min(1.0, s.strength / COVERED_MASS) / 2)
        for s in stages
    )
    score = int(round(100 * earned / sum(weights.values())))
    out = local.model_copy(
        update={"stages": stages, "method": f"llm ({chat.name})", "score": score}
    )
    notice = (
        f"{counted(dropped, 'LLM grade')} quoted words not in the transcript and were dropped."
        if dropped
        else None
    )
    return out, notice


def _locate(words: Sequence[WordOut], quote: str) -> float | None:
    """When the quoted words begin in the transcript (None if untimed or not found)."""
    target = squash(quote).split()
    if not target:
        return None
    tokens = [squash(w.text) for w in words]
    for i in range(len(tokens)):
        joined: list[str] = []
        j = i
        while j < len(tokens) and len(joined) < len(target):
            joined += tokens[j].split()
            j += 1
        if joined[: len(target)] == target:
            return words[i].start
    return None
