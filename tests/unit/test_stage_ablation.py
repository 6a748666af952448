"""A stage is described only by sentences of its own: take out every sentence a strong
answer says about one stage and that stage is at most named, not described by a
sentence that belongs to another stage and lends it a reading (a data sentence read as
monitoring, a model-size weighing read as constraints). Answers from the development
split (``tests/eval/dev``), cut as ``benchmarks/structure_accuracy.py --ablation`` cuts
them. The first test is an open defect (``--ablation``: 155 of 241 stages of 22 strong
answers stay described without their own sentences)."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path

import pytest

from assistant.scoring.analyse import analyse_text
from assistant.settings import Settings
from tests.support.interviews import ml_spec

DEV = Path(__file__).resolve().parents[1] / "eval" / "dev"


@pytest.fixture(scope="module")
def spec():
    return replace(ml_spec(), whole=True)


def answer(answer_id: str) -> dict:
    return tomllib.loads((DEV / f"{answer_id}.toml").read_text())


def depth_of(answer_id: str, stage: str, spec, *, without: str | None = None) -> int:
    a = answer(answer_id)
    text = "\n".join(s["text"] for s in a["sentences"] if without not in s["stages"])
    texts = spec.question_texts
    if "asked" in a and a["question"] not in texts:
        spec = replace(spec, question_texts={**texts, a["question"]: a["asked"]})
    report = analyse_text(text, Settings(), structure=spec, question=a["question"])
    assert report.structure is not None
    return report.structure.stage(stage).depth


# (answer, stage): with the stage's own sentences gone, a sentence of another stage
# described it: a pipeline schedule as the model, a data sentence as monitoring, the
# model's two steps as the data, a base rate by contract month as the model
ABLATED = [
    ("address-correction-strong-1", "model"),
    ("call-sentiment-plain-strong-1", "monitoring"),
    ("contract-risk-strong-1", "data"),
    ("churn-prediction-strong-1", "model"),
]


@pytest.mark.xfail(
    strict=True,
    reason="open: a sentence of another stage still describes it; holding a described stage "
    "to 0.65 of the sentence's main stage fixed these four, but took the second stage from "
    "concise two-stage sentences (an alert rule in a serving sentence, a volume inside "
    "another point, a concise answer's framing)",
)
@pytest.mark.parametrize(("answer_id", "stage"), ABLATED)
def test_a_stage_without_its_sentences_is_not_described(answer_id, stage, spec):
    assert depth_of(answer_id, stage, spec, without=stage) <= 1


@pytest.mark.parametrize(("answer_id", "stage"), ABLATED)
def test_the_whole_answer_keeps_the_stage_described(answer_id, stage, spec):
    assert depth_of(answer_id, stage, spec) >= 2
