"""Structure on spoken answers: held-out answers read by espeak-ng, transcribed by tiny.en."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from assistant.scoring.analyse import StructureSpec, score_recording
from assistant.scoring.structure.embedder import MiniLMEmbedder
from assistant.scoring.structure.scorers import build_scorer
from prompts import load_questions
from rubrics import load_rubric
from tests.support.synth import Say, Silence, synthesize

pytestmark = pytest.mark.model

EVAL = Path(__file__).parents[1] / "eval" / "answers"
SPOKEN = [
    "eta-strong-1",
    "search-medium-1",
    "fraud-weak-1",
    "harmful-strong-1",
    "ads-weak-1",
    "fraud-buzzword-1",
]


def script_of(text: str) -> list[Say | Silence]:
    script: list[Say | Silence] = [Silence(0.8)]
    for paragraph in (p.strip() for p in text.split("\n\n")):
        if paragraph:
            script += [Say(" ".join(paragraph.split()), 170), Silence(0.9)]
    return script


def test_spoken_answers_keep_their_structure(synth_dir, transcriber, settings):
    rubric = load_rubric("ml-system-design")
    scorer, method = build_scorer(rubric, MiniLMEmbedder())
    questions = {q.id: q.asked for q in load_questions().values()}
    # a recording scored whole, as `thinkaloud score` does
    spec = StructureSpec(rubric, scorer, method, question_texts=questions, whole=True)
    tp = fp = fn = 0
    scores: dict[str, list[int]] = {}
    for answer_id in SPOKEN:
        answer = tomllib.loads((EVAL / f"{answer_id}.toml").read_text())
        audio = synthesize(
            script_of(answer["text"]), synth_dir / f"{answer_id}.wav", noise_dbfs=-50
        )
        report = score_recording(
            audio.path, transcriber, settings, structure=spec, question=answer["question"]
        )
        pred = {s.id for s in report.structure.stages if s.covered}
        gold = set(answer["covered"])
        tp, fp, fn = tp + len(gold & pred), fp + len(pred - gold), fn + len(gold - pred)
        scores.setdefault(answer["quality"], []).append(report.structure.score)
        timed = [s for s in report.structure.stages if s.covered]
        assert all(s.first_at_s is not None and s.evidence.start is not None for s in timed)
        assert all(s.depth_evidence.start is not None for s in report.structure.stages if s.depth)
    p, r = tp / (tp + fp), tp / (tp + fn)
    f1 = 2 * p * r / (p + r)
    mean = {q: sum(v) / len(v) for q, v in scores.items()}
    print(f"spoken stage coverage: precision {p:.2f} recall {r:.2f} F1 {f1:.2f}; scores {scores}")
    assert f1 >= 0.75
    assert mean["strong"] > mean["medium"] > mean["weak"]
    # every stage named, none described: heard or read, naming is not covering
    assert max(scores["buzzword"]) <= 35 < min(scores["strong"])
