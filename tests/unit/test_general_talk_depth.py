"""General talk earns no depth.

A sentence can sound reasoned and commit to nothing: that the problem matters and a
mistake hurts someone ("…because it affects the experience of everyone who uses the
inbox"), two sides of a tradeoff named and none taken ("We consider the tradeoffs between
precision and recall."), a choice whose only reason is that the other option costs too
much (a reasoned choice, but nothing is given up for it), a family praised ("because large
language models understand context much better than older models") or the question's own
figures said back ("The output would be the next seven days of bookings for each hotel.").
Each had read as described or justified, and a vague answer beat a medium one. Sentences
that do say something keep their depth."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.scoring.analyse import analyse_text
from assistant.scoring.structure.analysis import substance_reader
from assistant.settings import Settings
from prompts import load_questions
from rubrics import load_rubric
from tests.support.interviews import RUBRIC, ml_spec

QUESTIONS = {q.id: q.asked for q in load_questions().values()}


def _sentence(text: str, question: str):
    return substance_reader(RUBRIC, QUESTIONS.get(question, question)).read(text)


@pytest.fixture(scope="module")
def spec():
    return ml_spec().as_whole()


def _read(text: str, spec, question: str):
    return analyse_text(text, Settings(), structure=spec, question=question)


# 1. that a mistake hurts someone, given as the reason for nothing in particular
@pytest.mark.parametrize(
    ("said", "question"),
    [
        (
            "Spam is a big problem for email services, and it is important to get it right "
            "because it affects the experience of everyone who uses the inbox.",
            "spam-filter",
        ),
        (
            "This decision has to be made carefully so that we don't upset honest customers.",
            "fraud-detection",
        ),
        (
            "It is a sensitive problem because mistakes affect real people and the business.",
            "fraud-detection",
        ),
        (
            "Fraud is a serious issue for any payment company, since it damages the "
            "reputation and loses customers.",
            "fraud-detection",
        ),
        (
            "Getting this right is really important, since a bad filter hurts the trust "
            "users have in the product.",
            "spam-filter",
        ),
        (
            "Pricing is a sensitive topic because mistakes here hurt everyone and damage the "
            "brand.",
            "dynamic-pricing",
        ),
    ],
)
def test_a_reason_that_only_says_mistakes_hurt_is_named(said, question):
    sub = _sentence(said, question)
    assert sub.level <= 1, sub
    assert not sub.reason, sub


@pytest.mark.parametrize(
    ("said", "question", "level"),
    [
        (
            "Precision matters most, because every false block loses the merchant a sale and "
            "annoys the customer.",
            "fraud-detection",
            3,
        ),
        (
            "I'd retrain the text model weekly because spammers change their wording within days.",
            "spam-filter",
            3,
        ),
        (
            "Borderline scores go to a review queue so that moderators only see the cases "
            "the model is unsure of.",
            "harmful-content",
            3,
        ),
    ],
)
def test_a_reason_with_a_mechanism_still_justifies(said, question, level):
    assert _sentence(said, question).level == level


FRAUD = (
    "{X}\n"
    "The data is six months of card payments, with chargebacks as labels.\n"
    "I'd train XGBoost on amount, merchant, device and the card's recent history.\n"
    "Payments over a score of 0.9 are blocked, and the ones between 0.6 and 0.9 go to an "
    "analyst queue.\n"
)


@pytest.mark.parametrize(
    "said",
    [
        "This decision has to be made carefully so that we don't upset honest customers.",
        "Fraud is a serious issue for any payment company, since it damages the reputation "
        "and loses customers.",
    ],
)
def test_general_importance_frames_nothing(spec, said):
    """Said as the opening, it had read as framing described or justified: no stage is
    described by it."""
    report = _read(FRAUD.replace("{X}", said), spec, "fraud-detection")
    for stage in report.structure.stages:
        if stage.depth >= 2:
            assert stage.depth_evidence.quote != said, stage


# 2. a classic pair named, no side taken
@pytest.mark.parametrize(
    "said",
    [
        "We consider the tradeoffs between precision and recall.",
        "We will balance speed and accuracy.",
        "There is a tradeoff between cost and quality that we need to think about.",
        "We have to weigh precision against recall.",
        "Of course there is a trade-off between false positives and false negatives here.",
        "The main tradeoff is between precision and recall.",
        "We should find the sweet spot between catching spam and keeping real mail.",
        "Precision versus recall is the classic tradeoff here.",
    ],
)
def test_a_pair_named_is_at_most_named(spec, said):
    sub = _sentence(said, "spam-filter")
    assert sub.level <= 1, sub
    text = SPAM + "One tradeoff.\n" + said + "\n"
    report = _read(text, spec, "spam-filter")
    trade = report.structure.stage("tradeoffs")
    assert trade.depth <= 1, (trade.depth, trade.depth_evidence)
    metrics = report.structure.stage("metrics")
    assert metrics.depth <= 1 or metrics.depth_evidence.quote != said, metrics


SPAM = (
    "For data we have the messages users mark as spam and the headers of every email.\n"
    "I'd train gradient boosted trees on sender reputation, links and word counts.\n"
    "Scores above 0.9 go to the spam folder and the rest to the inbox.\n"
)


@pytest.mark.parametrize(
    ("said", "depth"),
    [
        (
            "The tradeoff is precision against recall; we lean to precision, so only very "
            "confident scores go to the spam folder.",
            2,
        ),
        (
            "The tradeoff is catching spam against losing real mail. We lean towards real "
            "mail, so only very confident scores go to the spam folder.",
            3,
        ),
        (
            "A stricter threshold catches more spam but loses more real mail, and losing real "
            "mail is worse.",
            2,
        ),
    ],
)
def test_a_side_taken_keeps_the_tradeoff(spec, said, depth):
    text = SPAM + "One tradeoff.\n" + said + "\n"
    trade = _read(text, spec, "spam-filter").structure.stage("tradeoffs")
    assert trade.depth >= depth, (trade.depth, trade.depth_evidence)


# 3. a choice with one reason: the other option costs too much
COMMENTS = (
    "So the goal is to flag harmful comments on a video site before many people see them.\n"
    "There are maybe fifty thousand new comments a minute.\n"
    "For data we have comments that moderators removed in the past, as labels.\n"
    "I'd measure precision and recall on a held-out month of moderator decisions.\n"
    "One tradeoff.\n"
    "{X}\n"
    "The scores go to a queue where moderators look at the borderline ones.\n"
)


@pytest.mark.parametrize(
    "said",
    [
        "We use a small model first and a big model only on the hard cases because running "
        "the big one on everything would be too expensive.",
        "A cheap linear model looks at every comment and only the unclear ones go to a "
        "transformer, since the transformer on all fifty thousand a minute would cost far "
        "too much.",
        "Running a transformer on every comment is too slow, so a keyword filter goes first "
        "and the transformer only sees what it flags.",
        "We pick DistilBERT rather than a large model because the large one does not fit "
        "the latency budget.",
    ],
)
def test_a_choice_with_one_reason_is_no_tradeoff(spec, said):
    report = _read(COMMENTS.replace("{X}", said), spec, "harmful-content")
    trade = report.structure.stage("tradeoffs")
    assert trade.depth <= 1, (trade.depth, trade.depth_evidence)


@pytest.mark.parametrize(
    "said",
    [
        "We use a small model first and a big model only on the hard cases because the big "
        "one on everything would be too expensive, but we lose a little recall on comments "
        "the small one is wrongly sure of.",
        "A transformer reads sarcasm better but is too slow for every comment, so a keyword "
        "filter goes first, even though it misses some coded insults.",
    ],
)
def test_a_choice_that_says_what_it_gives_up_is_a_tradeoff(spec, said):
    report = _read(COMMENTS.replace("{X}", said), spec, "harmful-content")
    trade = report.structure.stage("tradeoffs")
    assert trade.depth >= 2, (trade.depth, trade.depth_evidence)


# 4. a family praised, the question said back
@pytest.mark.parametrize(
    "said",
    [
        "I'd use an LLM to classify the messages because large language models understand "
        "context much better than older models.",
        "We'd train a deep neural network because deep learning is state of the art.",
        "I'd fine-tune BERT, since transformers are much more powerful than traditional methods.",
        "We train a neural network on the messages because neural networks capture complex "
        "non-linear patterns in the data.",
        "I'd go with XGBoost because gradient boosting is the best for this.",
        "We use a transformer because it understands the meaning of the text better.",
    ],
)
def test_a_reason_that_praises_the_family_does_not_justify(said):
    sub = _sentence(said, "spam-filter")
    assert sub.level <= 2, sub
    assert not sub.reason and not sub.comparison, sub


@pytest.mark.parametrize(
    "said",
    [
        "I'd fine-tune DistilBERT because spammers write the same offer in hundreds of "
        "spellings and word counts miss them.",
        "We use a small transformer because it runs in 20 ms on a CPU.",
        "I'd use BERT because large language models understand context, and spam often "
        "hides in an innocent-looking first line.",
        "We'd use gradient boosted trees because the features are counts and reputations, "
        "and they need no scaling.",
    ],
)
def test_a_reason_about_the_problem_still_justifies_the_model(said):
    assert _sentence(said, "spam-filter").level == 3


HOTELS = "hotel-bookings"
ASKED = (
    "Design a system that forecasts the number of bookings for each hotel for each of the "
    "next seven days, so revenue managers can plan staff and prices."
)
BOOKINGS = (
    "For data we have three years of past bookings, cancellations, prices and local events "
    "per hotel.\n"
    "{X}\n"
    "I'd train LightGBM on lag features of bookings, the day of the week and holidays.\n"
    "Forecasts are written to a table every night and the dashboard reads them.\n"
)


@pytest.mark.parametrize(
    "said",
    [
        "The output would be the next seven days of bookings for each hotel.",
        "So we predict the bookings for each hotel for the next 7 days.",
        "We forecast bookings for each hotel for the next seven days.",
    ],
)
def test_the_question_said_back_describes_nothing(spec, said):
    """The question's own figure ("the next seven days") is the question said back, not a
    figure of the answer's."""
    assert _sentence(said, ASKED).level <= 1
    hotels = replace(spec, question_texts={**spec.question_texts, HOTELS: ASKED})
    report = _read(BOOKINGS.replace("{X}", said), hotels, HOTELS)
    for stage in report.structure.stages:
        if stage.depth >= 2:
            assert stage.depth_evidence.quote != said, stage


def test_a_figure_of_the_answers_own_still_describes():
    said = (
        "The output is one number per hotel per day, the expected bookings, plus a low and "
        "a high estimate."
    )
    assert _sentence(said, ASKED).level == 2
    said = "We forecast the next seven days every night from the last 90 days of bookings."
    assert _sentence(said, ASKED).level == 2


# in a story, how someone felt is the teller's reason, not general talk
@pytest.mark.parametrize(
    "said",
    [
        "I showed him the numbers alone first, not in the team meeting, because I did not "
        "want him to feel embarrassed.",
        "I called the customer myself before the email went out, so that she would not feel "
        "hurt or upset.",
    ],
)
def test_a_feeling_is_a_reason_in_a_story(said):
    story = substance_reader(load_rubric("behavioral-star"), QUESTIONS["behavioural-conflict"])
    assert story.read(said).reason
    # the same words given as the reason of a design choice say only that a mistake hurts
    assert not _sentence(said, "fraud-detection").reason
