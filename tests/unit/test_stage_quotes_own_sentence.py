"""A stage's clearest moment and where it was first said are a sentence about that
stage (issue 14, evidence). Answers written with one clear sentence a stage
(``data/one_sentence_a_stage``: a ``question:`` line, then ``stage: sentence`` lines):
a piece cut from a sentence on another stage ("…but loses a little recall, which the
reranker partly wins back." ends a tradeoff) is neither the success metrics' quote nor
where they first came up; a sentence that reads as another stage as much ("I would check
the bias of the forecasts per region every week, since a steady overforecast fills the
bins.") is not where the summary was first said; and a stage whose own sentence only
names it is quoted there, not from a sentence on another stage that lends it a reading
("We train it every day on the new data." for the model)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.scoring.analyse import analyse_text
from assistant.settings import Settings
from tests.support.interviews import ml_spec

DATA = Path(__file__).parent / "data" / "one_sentence_a_stage"


def _answer(name: str) -> tuple[str, list[tuple[str, str]]]:
    """The question and the (stage, sentence) lines of one written answer."""
    head, *lines = (DATA / f"{name}.txt").read_text().splitlines()
    sentences = [line.split(": ", 1) for line in lines if line.strip()]
    return head.split(": ", 1)[1], [(stage, text) for stage, text in sentences]


@pytest.fixture(scope="module")
def spec():
    return ml_spec().as_whole()


def _report(spec, question, sentences):
    text = " ".join(t for _, t in sentences)
    return analyse_text(text, Settings(), structure=spec, question=question)


def _sentence_of(quote: str, sentences) -> str | None:
    said = quote.strip("\u2026 ").rstrip(".")[:50]
    return next((stage for stage, t in sentences if said in t), None)


def _sentence_at(share: float, sentences) -> str:
    """The stage of the sentence the word at ``share`` of the answer is in."""
    words = sum(len(t.split()) for _, t in sentences)
    at, seen = share * words, 0
    for stage, t in sentences:
        seen += len(t.split())
        if at < seen - 0.5:
            return stage
    return sentences[-1][0]


EVERY_STAGE = ["df_a", "df_b", "spam_b", "vs_c", "ctr_a", "df_c", "vs_b"]
"""Answers whose every stage the report reads from its own sentence. The first four had
a stage quoted or first said elsewhere: df_a's and df_b's summary first said in the
monitoring and impact sentences, df_b's pipeline in the constraints one, spam_b's impact
quoted from "…because that is either an attack or a mistake." (the end of the
monitoring sentence), vs_c's framing from its success metrics; the last three did not
(and must not start)."""


@pytest.mark.parametrize("name", EVERY_STAGE)
def test_each_stage_is_quoted_and_first_said_in_its_own_sentence(spec, name):
    question, sentences = _answer(name)
    report = _report(spec, question, sentences)
    wrong = []
    for s in report.structure.stages:
        if s.depth == 0:
            continue
        shown = s.depth_evidence or s.evidence
        if shown is not None and _sentence_of(shown.quote, sentences) != s.id:
            wrong.append((s.id, "quote", shown.quote))
        if s.first_at_share is not None and _sentence_at(s.first_at_share, sentences) != s.id:
            wrong.append((s.id, "first", s.first_at_share))
    assert not wrong


TRADEOFF_TAILS = [
    "Tradeoffs: a bigger encoder improves recall on cluttered photos but costs latency and "
    "GPU money; product quantisation cuts index memory by about four times but loses a "
    "little recall, which the reranker partly wins back.",
    "The tradeoff I would accept is on the index: compressing the vectors makes it four "
    "times smaller and far cheaper to host, but it loses some precision on near "
    "duplicates, which the reranker mostly recovers.",
    "On tradeoffs, a larger transformer catches more matches in cluttered photos yet "
    "doubles the serving cost and the latency, and quantising the index saves memory but "
    "drops a bit of recall at twenty, which a second pass partly wins back.",
]
"""One tradeoff sentence, three ways: each runs long enough to be cut, and its last piece
reads as a success metric on its own."""

PHOTO_SEARCH = [
    (
        "framing",
        "Let me frame it first: a shopper photographs a lamp, and within a second we show "
        "products from our catalogue that look like it and can be bought now.",
    ),
    (
        "metrics",
        "Success metrics: offline, recall at twenty of the exact product on a held-out "
        "set of real user photos; online, the share of photo searches that lead to an "
        "add to cart in an A/B test.",
    ),
    (
        "model",
        "The model is a vision transformer trained with a contrastive loss, chosen over a "
        "classifier because the catalogue changes every day.",
    ),
    ("tradeoffs", ""),
    (
        "summary",
        "To sum up: crop, embed with a contrastive transformer, search a quantised index, "
        "and rerank by stock and price.",
    ),
]


@pytest.mark.parametrize("tradeoff", TRADEOFF_TAILS, ids=["heading", "accept", "on-tradeoffs"])
def test_the_tail_of_a_tradeoff_is_no_success_metric(spec, tradeoff):
    sentences = [(k, t or tradeoff) for k, t in PHOTO_SEARCH]
    report = _report(spec, "visual-search", sentences)
    stages = {s.id: s for s in report.structure.stages}
    metrics, summary = stages["metrics"], stages["summary"]
    assert _sentence_of((metrics.depth_evidence or metrics.evidence).quote, sentences) == (
        "metrics"
    )
    assert _sentence_at(metrics.first_at_share, sentences) == "metrics"
    assert _sentence_at(summary.first_at_share, sentences) == "summary"


CLICKS = [
    "So we want to predict whether a reader clicks a sponsored post. I would gather the "
    "impression logs and the click logs and join them to get labels. Features would be "
    "reader features, post features and context like the device. For the model I would use "
    "a deep neural network, something like DeepFM, because it handles sparse features "
    "well. We train it every day on the new data. Then we deploy the model behind a "
    "service that the auction calls, and we check the click-through rate after launch. We "
    "measure AUC offline. We should also monitor it over time and retrain if needed. "
    "That's my design.",
    "So we need to predict clicks on ads. I would join the impression logs with the click "
    "logs to get labels. Features are user features, ad features and context. For the "
    "model I would use a neural network, maybe a deep and cross network, because it "
    "learns feature crosses. We train it every day on the new data. Then we deploy the "
    "model behind an API for the auction, and we check the click-through rate after "
    "launch. We measure AUC offline. We should monitor it over time. That is my design.",
]


@pytest.mark.parametrize("text", CLICKS, ids=["deepfm", "deep-and-cross"])
def test_the_model_is_quoted_from_its_own_sentence(spec, text):
    """The model's described depth came from "We train it every day on the new data.",
    a sentence on the pipeline and the data; the model's own sentence names it, and
    shows it."""
    report = analyse_text(text, Settings(), structure=spec, question="ad-click-prediction")
    model = next(s for s in report.structure.stages if s.id == "model")
    assert model.depth == 2  # the depth stands: only the quote changes
    assert model.depth_evidence.quote.startswith("For the model I would use")


@pytest.mark.parametrize("name", ["vs_a", "vs_c"])
def test_the_framing_is_quoted_from_the_opening(spec, name):
    """An opening that says the question back only names the framing; the sentence that
    lends it its described depth is the impact's (vs_a) or the metrics' (vs_c)."""
    question, sentences = _answer(name)
    report = _report(spec, question, sentences)
    framing = next(s for s in report.structure.stages if s.id == "framing")
    assert _sentence_of(framing.depth_evidence.quote, sentences) == "framing"
