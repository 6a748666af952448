"""Each stage of the design report is quoted from a sentence about that stage (issue 14,
evidence): a sentence on the model whose "so" also reads as a reason for the serving
("It outputs a fraud probability, so risk can set one threshold to block…") is not the
deployment's clearest moment when the answer says the deployment in a paragraph of its
own; a constraint that reads a little as impact ("Late food goes cold, so being late
hurts far more than being early.") is not the impact's; a stage is first said where a
sentence about it comes; and a feedback line on a stage quotes that stage."""

from __future__ import annotations

import pytest

from assistant.scoring.analyse import analyse_text
from assistant.settings import Settings
from tests.support.interviews import ml_spec

ANSWERS = [
    (
        "fraud-detection",
        [
            (
                "framing",
                "Let me frame it first. We need to score every card payment as it "
                "happens and decide whether to approve it, hold it for review, or block "
                "it. The goal is to stop fraud losses without annoying honest "
                "customers.",
            ),
            (
                "constraints",
                "Constraints: we see about five thousand payments a second at peak, and "
                "the decision must come back within fifty milliseconds. Chargebacks "
                "arrive weeks late, so labels are delayed.",
            ),
            (
                "metrics",
                "For success metrics, offline I would use precision and recall at the "
                "block threshold, because a blocked honest customer costs us the sale "
                "and their trust. Online, we track fraud losses in dollars and the "
                "false decline rate in an A/B test.",
            ),
            (
                "data",
                "Data: a year of payments with chargeback labels, merchant, device and "
                "amount. The trap is that a payment we blocked never gets a label, so I "
                "would keep a small random holdout that is approved anyway to see what "
                "we miss.",
            ),
            (
                "pipeline",
                "The pipeline streams payments through Kafka, a Flink job computes "
                "features such as the number of payments on the card in the last hour "
                "and the distance from the last location, and writes them to an online "
                "feature store.",
            ),
            (
                "model",
                "For the model I would use a gradient boosted tree rather than a deep "
                "network, because the features are tabular and trees are fast to serve. "
                "It outputs a fraud probability, so risk can set one threshold to block "
                "and a lower one to send to review.",
            ),
            (
                "deployment",
                "Deployment: the model is loaded in the payment service in shadow mode "
                "first, then rolled out to one percent of traffic, and if it times out "
                "the service falls back to the rules engine.",
            ),
            (
                "monitoring",
                "Monitoring: track the score distribution and the block rate per "
                "merchant every hour, because a shift means fraudsters changed tactics, "
                "and retrain weekly.",
            ),
            (
                "tradeoffs",
                "The main tradeoff is recall against false declines: a lower threshold "
                "catches more fraud, but blocks more honest customers, so I would tune "
                "it on the cost of each.",
            ),
            (
                "impact",
                "For impact, cutting fraud losses by ten percent is worth several "
                "million a year, and I would show it with the holdout test.",
            ),
            (
                "summary",
                "To sum up: a gradient boosted tree in the payment service, fast "
                "features from a stream, two thresholds, judged on losses and false "
                "declines.",
            ),
        ],
    ),
    (
        "food-delivery-eta",
        [
            (
                "framing",
                "The task is to predict, when a customer places a food order, how many "
                "minutes until it reaches their door, and to show that number in the "
                "app. The goal is that people trust the time we show.",
            ),
            (
                "constraints",
                "We get around two thousand orders a minute at dinner peak, and the "
                "estimate has to come back in under a hundred milliseconds. Late food "
                "goes cold, so being late hurts far more than being early.",
            ),
            (
                "metrics",
                "Offline I would measure mean absolute error in minutes and the share "
                "of orders that arrive more than ten minutes late, because lateness is "
                "what customers remember. Online we compare complaint rates and "
                "reorders between two groups of cities.",
            ),
            (
                "data",
                "We learn from six months of past deliveries: pickup and drop-off "
                "times, restaurant prep times, courier positions and weather. Orders "
                "that were cancelled have no arrival time, so I would leave them out of "
                "training instead of counting them as fast.",
            ),
            (
                "pipeline",
                "A nightly job rebuilds features such as the restaurant's average prep "
                "time over the last week and traffic speed per area, and a streaming "
                "job keeps the current number of open orders per restaurant fresh.",
            ),
            (
                "model",
                "For the model I would train a gradient boosted tree on these features "
                "instead of a graph neural network, because it is quick to train and "
                "easy to explain to operations. It predicts a range, so the app can "
                "show the upper end for busy restaurants.",
            ),
            (
                "deployment",
                "Serving: the model sits in the order service behind an internal "
                "endpoint, the app calls it at checkout, and if it does not answer in "
                "time the app shows the restaurant's usual delivery time.",
            ),
            (
                "monitoring",
                "Every day we watch the error per city and how often orders come late, "
                "and we retrain every week because menus and traffic keep changing.",
            ),
            (
                "tradeoffs",
                "The tradeoff is accuracy against simplicity: a graph model might be a "
                "little more accurate in dense cities, but the tree is cheaper to run "
                "and far easier to debug, so I would keep the tree.",
            ),
            (
                "impact",
                "If late deliveries drop by a fifth, complaints and refunds fall with "
                "them, which is worth a lot of money, and the city comparison shows it.",
            ),
            (
                "summary",
                "So in short: a tree that predicts a range, fresh prep and traffic "
                "features, served at checkout, judged on lateness.",
            ),
        ],
    ),
    (
        "subscription-churn",
        [
            (
                "framing",
                "We want to find, each week, the subscribers of our music service who "
                "are likely to cancel next month, so the retention team can call them. "
                "The point is to keep paying customers.",
            ),
            (
                "constraints",
                "The team can only call about two thousand people a week, so what "
                "matters is how many real cancellers are in the top two thousand.",
            ),
            (
                "metrics",
                "So I would measure precision in the top two thousand each week, and "
                "online the cancel rate of called people against a held back group that "
                "nobody calls.",
            ),
            (
                "data",
                "Labels come from cancellations: a subscriber who cancels within thirty "
                "days after the scoring date is a positive. I must only use data from "
                "before that date, otherwise the model learns from the future.",
            ),
            (
                "pipeline",
                "Every Sunday a batch job gathers listening hours, skips, payment "
                "failures and support tickets per subscriber, and writes one row per "
                "subscriber to a table.",
            ),
            (
                "model",
                "For the model I would use logistic regression first and then gradient "
                "boosted trees, because the data is one table and the team needs to see "
                "why someone is flagged. It gives a probability, so the team can sort "
                "the list and call from the top.",
            ),
            (
                "deployment",
                "Deployment is simple: the batch job scores everyone on Sunday night "
                "and puts the top two thousand into the call list in the CRM by Monday "
                "morning.",
            ),
            (
                "monitoring",
                "We check every week that the share of cancellers in the list stays "
                "stable, because a drop means the behaviour changed, and retrain every "
                "month.",
            ),
            (
                "tradeoffs",
                "The tradeoff is explainability against a bit of accuracy: trees may "
                "beat logistic regression slightly, but the team trusts a list they can "
                "read, so I would start simple.",
            ),
            (
                "impact",
                "If each call saves one customer in ten, that is two hundred "
                "subscribers a week, which is real revenue, and the held back group "
                "proves it.",
            ),
            (
                "summary",
                "To wrap up: a weekly batch, a simple model, a call list of two "
                "thousand, judged on precision at the top and on saved subscribers.",
            ),
        ],
    ),
]
"""Answers of one paragraph to a stage: (question, [(stage, paragraph), ...])."""


@pytest.fixture(scope="module")
def spec():
    return ml_spec().as_whole()


def _report(spec, question, paragraphs):
    text = "\n\n".join(p for _, p in paragraphs)
    return analyse_text(text, Settings(), structure=spec, question=question)


def _paragraph_of(quote: str, paragraphs) -> list[str]:
    said = quote.strip("\u2026").strip()[:40]
    return [stage for stage, p in paragraphs if said in p]


@pytest.mark.parametrize(("question", "paragraphs"), ANSWERS, ids=[q for q, _ in ANSWERS])
def test_each_stage_is_quoted_from_its_own_paragraph(spec, question, paragraphs):
    report = _report(spec, question, paragraphs)
    wrong = []
    for s in report.structure.stages:
        shown = s.depth_evidence or s.evidence
        if shown is not None and s.id not in _paragraph_of(shown.quote, paragraphs):
            wrong.append((s.id, shown.quote))
    assert not wrong


CENSORED = (
    "Let me start by framing it. We need a forecast of units sold for every product in "
    "every store for each of the next fourteen days, and the forecast drives the daily "
    "supplier orders.\n\nData: three years of daily sales, prices, promotions, holidays "
    "and weather. The big trap is that a zero after a sellout is not zero demand, it is "
    "censored demand, so I would join inventory snapshots and mask or impute the hours "
    "where the product was out of stock.\n\nFor the model I would train one global "
    "gradient boosted tree model across all series rather than fifty million separate "
    "ARIMA models, because a global model borrows strength across products and is far "
    "cheaper to maintain.\n\nTo sum up: one global quantile model, trained nightly on "
    "censored-aware sales, judged on waste and stockouts."
)
"""A data sentence that reads a little as a recap ("…so I would join inventory
snapshots…"), well before the only recap."""


RECAPS = [(q, "\n\n".join(p for _, p in ps)) for q, ps in ANSWERS if q != "food-delivery-eta"]
"""(The delivery answer's "…and far easier to debug, so I would keep the tree." reads as a
recap of its own, and is first said there.)"""


@pytest.mark.parametrize(
    ("question", "text"),
    [*RECAPS, ("demand-forecasting", CENSORED)],
    ids=[q for q, _ in RECAPS] + ["censored"],
)
def test_the_closing_recap_is_first_said_where_it_comes(spec, question, text):
    """A sentence on another stage that reads a little as a recap does not make the
    summary "first 33% in"."""
    report = analyse_text(text, Settings(), structure=spec, question=question)
    stages = {s.id: s for s in report.structure.stages}
    recap = text.rsplit("\n\n", 1)[1]
    assert stages["summary"].first_at_share >= text.index(recap) / len(text) - 0.05


@pytest.mark.parametrize(("question", "paragraphs"), ANSWERS, ids=[q for q, _ in ANSWERS])
def test_one_sentence_is_not_the_quote_of_three_stages(spec, question, paragraphs):
    report = _report(spec, question, paragraphs)
    quotes = [
        (s.depth_evidence or s.evidence).quote
        for s in report.structure.stages
        if s.depth_evidence or s.evidence
    ]
    assert max(quotes.count(q) for q in quotes) < 2
