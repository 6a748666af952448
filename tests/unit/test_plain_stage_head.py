"""Stages said in everyday words, and sentences that serve no stage, as the sentence model
reads them.

Testers' strong answers in plain words scored 13-30 points under the same content said in
the field's words: a boosted-tree model told as "many small yes-or-no rules, added up"
was "no model choice", a nightly job that gathers counts per product "no data pipeline",
and "I think this is what the big companies use" earned a weak answer its framing. The
shipped stage head learned from 93 development answers (``scripts/stage_head_answers.txt``)
and still misreads these shapes: heads retrained with seven more development answers in
plain and non-native words, with such empty sentences labelled as no stage, even weighted
six times, did not read them right either. The tests that still fail are marked
``xfail(strict=True)``: each passes while the defect stands and fails the day a head or a
rule fixes it, so the mark is taken off then. The answers below were written for these
tests and are in no training set.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from assistant.scoring.analyse import StructureSpec, analyse_text
from assistant.scoring.structure.scorers import build_scorer
from assistant.settings import Settings
from rubrics import load_rubric
from tests.support.sentences import shared_embedder

RUBRIC = load_rubric("ml-system-design")

BAKERY = "Design a system that tells each shop of a bakery chain how much bread to bake tomorrow."

OUTSIDE = Path(__file__).parents[1] / "eval" / "outside"
PLAIN = (OUTSIDE / "bakery-bread-plain.txt").read_text()
"""A strong answer in everyday words, one sentence a line."""
WEAK = (OUTSIDE / "bakery-bread-weak.txt").read_text()
"""A weak answer of thanks, boasts and a model named first."""


@pytest.fixture(scope="module")
def spec():
    scorer, method = build_scorer(RUBRIC, shared_embedder())
    # read as `thinkaloud score` reads a whole answer, with the depth head
    return StructureSpec(RUBRIC, scorer, method, question_texts={"bakery": BAKERY}).as_whole()


def _structure(text: str, spec: StructureSpec):
    return analyse_text(text, Settings(), structure=spec, question="bakery").structure


OPEN = "the stage head still misreads it (see the module docstring)"


@pytest.mark.parametrize(
    "stage",
    [
        # "The guess comes from hundreds of small questions about the day, ..., and each
        # answer pushes the number a little up or down." (boosted trees, plainly)
        pytest.param("model", marks=pytest.mark.xfail(strict=True, reason=OPEN)),
        # "Every evening after closing, for each shop, we add up what sold today per
        # hour, what went in the bin, ..." (read right today: a guard)
        "pipeline",
    ],
)
def test_a_stage_told_in_everyday_words_is_described(spec, stage):
    assert _structure(PLAIN, spec).stage(stage).depth >= 2


def test_a_greeting_is_no_stage_s_evidence(spec):
    """Read right today (a guard): "Thanks, that's a fun one." opens a strong answer."""
    s = _structure(PLAIN, spec)
    for st in s.stages:
        for ev in (st.evidence, st.depth_evidence):
            assert ev is None or "fun one" not in ev.quote, st.id


@pytest.mark.parametrize(
    "empty",
    [
        "Thank you very much for the question",  # thanks serve no stage (analysis)
        pytest.param(
            "big fan of machine learning", marks=pytest.mark.xfail(strict=True, reason=OPEN)
        ),
        "the big bakery chains in America",  # a claim about others serves no stage (manners)
        "that's all, thank you",  # a sign-off serves no stage (analysis)
    ],
)
def test_thanks_and_boasts_earn_a_weak_answer_no_stage(spec, empty):
    s = _structure(WEAK, spec)
    quoted = [
        (st.id, ev.quote)
        for st in s.stages
        for ev in (st.evidence, st.depth_evidence)
        if ev is not None and empty in ev.quote
    ]
    assert quoted == []


def test_a_weak_answer_that_opens_on_thanks_and_a_model_has_no_framing(spec):
    assert _structure(WEAK, spec).stage("framing").depth == 0


def test_the_stage_head_is_trained_on_the_answers_it_was_shipped_with():
    """`scripts/train_stage_head.py` trained on every development answer (189), a head
    measured three times and never shipped; it now trains on the 93 the shipped head was
    trained on, and reproduces its weights (checked when this was written: largest
    difference 0.0)."""
    root = Path(__file__).parents[2]
    spec = importlib.util.spec_from_file_location("train", root / "scripts" / "train_stage_head.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    ids = script.trained_on(RUBRIC.id)
    dev = root / "tests" / "eval" / "dev"
    assert len(ids) == 93
    assert all((dev / f"{i}.toml").is_file() for i in ids)
    assert "flight-delay-prediction-weak-1" not in ids  # of the 48 added after it
    assert script.trained_on("behavioral-star") is None


def test_the_depth_head_reads_as_unseen_the_answers_the_stage_head_never_saw():
    """`scripts/train_depth_head.py` took "the answers the shipped stage head saw" from
    git, as the development answers present when the head file was last written: 141,
    where the head was trained on 93 (48 were added before the commit that restored the
    93-answer head). It now reads the stage head's own list."""
    root = Path(__file__).parents[2]
    spec = importlib.util.spec_from_file_location("depth", root / "scripts" / "train_depth_head.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)

    class Dev:  # the answers a DevSet holds, without embedding them
        answers = [{"id": p.stem} for p in sorted((root / "tests" / "eval" / "dev").glob("*.toml"))]

    seen = script._head_answers(RUBRIC, Dev())
    assert seen == script.trained_on(RUBRIC.id) and len(seen) == 93
    story = load_rubric("behavioral-star")
    assert script._head_answers(story, Dev()) == {a["id"] for a in Dev.answers}


def _script(name: str):
    root = Path(__file__).parents[2]
    spec = importlib.util.spec_from_file_location(name, root / "scripts" / f"{name}.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    return script


@pytest.mark.parametrize("folds", [0, 5])
def test_the_depth_head_reads_each_answer_by_a_stage_head_that_never_saw_its_question(folds):
    """`scripts/train_depth_head.py --folds N` reads the development answers by N stage
    heads, each trained without a group of questions (``--folds 0``: one a question), so
    that the depth head learns from readings like the app's of a question it never saw."""
    import tomllib

    stage = _script("train_stage_head")
    depth = _script("train_depth_head")
    dev = object.__new__(stage.DevSet)  # the answers, without embedding them
    files = sorted((Path(__file__).parents[1] / "eval" / "dev").glob("*.toml"))
    dev.answers = [tomllib.loads(p.read_text()) for p in files]
    dev.head = lambda leave_out, among, start: frozenset(dev.kept(leave_out, among))
    seen = stage.trained_on(RUBRIC.id)
    shipped = frozenset(seen)

    heads = depth.fold_heads(dev, seen, shipped, folds)
    question = {a["id"]: a["question"] for a in dev.answers}
    told = {question[i] for i in seen}
    assert set(heads) == told  # every other question is read by the stage head itself
    assert len(set(heads.values())) == (folds or len(told))
    for q, learnt in heads.items():
        assert learnt <= shipped
        assert q not in {question[i] for i in learnt}
        # and only its group is left out: each head learns from most of the answers
        assert len(learnt) >= len(seen) * (1 - 1 / (folds or len(told))) - 8


def test_a_head_started_from_given_weights_ends_where_one_started_from_zero_does():
    """`scripts/train_stage_head.py --warm` starts Newton's method at the shipped head:
    the fit is convex, so it must end at the same head as a fit from zero (only sooner)."""
    import numpy as np

    from assistant.scoring.structure.heads import train_head

    rng = np.random.default_rng(3)
    x = rng.normal(size=(200, 6))
    y = (x[:, :2] + rng.normal(scale=0.5, size=(200, 2)) > 0).astype(float)
    cold = train_head("t", ("a", "b"), x, y, l2=1.0)
    # a head fitted on part of the rows: the shipped head before answers were added
    before = train_head("t", ("a", "b"), x[:120], y[:120], l2=1.0)
    assert not np.allclose(before.weights, cold.weights, atol=0.05)
    warm = train_head("t", ("a", "b"), x, y, l2=1.0, start=before)
    assert np.allclose(warm.weights, cold.weights, atol=1e-6)
    assert np.allclose(warm.bias, cold.bias, atol=1e-6)
