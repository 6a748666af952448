"""The verdict on the answer after a requirement change, through the real interview: the
offline planner, the bundled sentence model, the session's verdict and what it costs,
for answers of every kind on three questions (several phrasings each). An answer that
names how it meets the change (pushback first or not, in plain words, in any tense)
changed the design; "it already handles it" with nothing to show is a design kept; one
that shows it with figures meets it; a refusal took the change up and kept the design;
an answer that never touches the change did not take it up."""

from __future__ import annotations

import pytest

from assistant.practice.session_report import adaptation_cost, adaptation_feedback
from assistant.report.format import adaptation_verdict
from tests.support import interviews
from tests.support.interviews import ml_spec


@pytest.fixture(scope="module")
def spec():
    return ml_spec()


VIDEO = (
    "So, for up next, I think the goal is people watch more time and they are happy. We have "
    "the history of each user, which videos he watch and how long. First we take candidate "
    "from videos similar, for example same channel or same topic, maybe one thousand. After "
    "we rank with a model, I think gradient boosting, because it is fast, maybe 10 "
    "milliseconds for a thousand videos. We check with A/B "
    "test if watch time go up. We cannot score 800 million. So the candidate part use "
    "precomputed lists, for each video we store the 500 similar videos computed at night, and "
    "we look them up in a cache, that is 5 milliseconds. Then the ranker score only these 500 "
    "on CPU, around 20 milliseconds."
)
SEARCH = (
    "This is a shop search: the number I watch is how many searches end in a purchase. We "
    "learn from old searches, a click and a purchase is a good example, and I correct for "
    "position bias. First we find about five hundred products that match the words with "
    "BM25, then a LambdaMART model sorts them on price, sales, reviews and title match. It "
    "must answer in 200 milliseconds, so product features are computed at night. Offline we "
    "check NDCG, then an A/B test on purchases per search, and we retrain every week."
)
FRAUD = (
    "For each payment we approve, block or send to review. I'd measure recall at a fixed "
    "false decline rate. Labels are chargebacks joined back to the payments. Features: card "
    "velocity over the last hour and day, merchant risk and the amount. A streaming job keeps "
    "the counts in a feature store, and gradient boosted trees score each payment in a few "
    "milliseconds. Payments above a threshold are blocked, and the uncertain band goes to a "
    "team of 40 analysts."
)
DESIGNS = {
    "video-recommendation": VIDEO,
    "search-ranking": SEARCH,
    "fraud-detection": FRAUD,
}


def after_change(spec, question_id: str, change_id: str, reply: str):
    """The design answer, the change, ``reply`` to it: the session's verdict on the change,
    and the move the interviewer makes next."""
    verdict, nxt = interviews.after_change(
        spec, question_id, change_id, DESIGNS[question_id], reply
    )
    return verdict, nxt is not None and (nxt.kind, nxt.target) == ("follow_up", change_id)


ADAPTS = [
    # pushback first, then a way of meeting it
    (
        "video-recommendation",
        "traffic-10x",
        "Honestly I'd push back a bit, ten times is a lot to plan for. But if it is real, I "
        "would autoscale the ranker an hour before kickoff and, if it still overloads, shed "
        "load by serving the cached similar-video list without ranking.",
    ),
    (
        "video-recommendation",
        "traffic-10x",
        "I am not sure we need that much, but okay: the ranker gets more replicas before the "
        "match, and when the queue grows we degrade gracefully to the cached list.",
    ),
    (
        "search-ranking",
        "sponsored-mix",
        "I don't love it, shoppers hate ads. Still, I would keep the organic ranking and "
        "reserve every fourth slot for a paid product, chosen by bid times the chance it gets "
        "bought.",
    ),
    (
        "fraud-detection",
        "review-team-halved",
        "I'd push back, halving the team will let fraud through. But if it has to be, I would "
        "send only the top 3,000 riskiest payments a day to review, ranked by expected loss, "
        "and auto-block above a higher threshold.",
    ),
    # plain words, said as what we do
    (
        "video-recommendation",
        "traffic-10x",
        "The lookups are cheap, so the cache is fine. For the ranker I scale out to ten times "
        "the machines before big games and fall back to the most popular videos if it is "
        "still too slow.",
    ),
    (
        "search-ranking",
        "sponsored-mix",
        "We rank the normal products like before. Then every fourth place we put one "
        "sponsored product, the one with the best bid times chance to buy, and we check that "
        "purchases per search stay the same.",
    ),
    (
        "search-ranking",
        "sponsored-mix",
        "I'd run a small auction for the sponsored items and insert the winner in positions "
        "four, eight and twelve, and watch revenue and purchases per search.",
    ),
    (
        "fraud-detection",
        "review-team-halved",
        "Then the uncertain band must shrink. I rank the payments by amount times fraud score "
        "and only the top 3,000 a day go to the analysts; the rest above the line get blocked "
        "automatically.",
    ),
]


@pytest.mark.parametrize("question,change,reply", ADAPTS)
def test_an_answer_that_says_how_it_meets_the_change_changed_the_design(
    spec, question, change, reply
):
    verdict, pushed = after_change(spec, question, change, reply)
    assert adaptation_verdict(verdict) == ("yes", "yes")
    assert adaptation_cost([verdict]) == 0 and not pushed


KEPT = [
    (
        "video-recommendation",
        "traffic-10x",
        "I would not change the design, it already handles it.",
    ),
    ("video-recommendation", "traffic-10x", "Nothing really changes, the system can take it."),
    ("search-ranking", "sponsored-mix", "That's fine, the design already handles it."),
    (
        "fraud-detection",
        "review-team-halved",
        "I would keep everything as it is, the design already handles that.",
    ),
]


@pytest.mark.parametrize("question,change,reply", KEPT)
def test_a_design_said_to_handle_the_change_with_nothing_to_show_is_kept(
    spec, question, change, reply
):
    """ "It already handles it" was "no need: shown to meet it", at no cost, whenever an
    earlier answer had said the change's number in any sense ("10 milliseconds" for "10
    times normal")."""
    verdict, pushed = after_change(spec, question, change, reply)
    assert adaptation_verdict(verdict)[1] == "no, kept as it was"
    assert not verdict.held and adaptation_cost([verdict]) == 10 and pushed


def test_a_design_shown_with_figures_to_meet_the_change_needs_no_change(spec):
    verdict, pushed = after_change(
        spec,
        "fraud-detection",
        "review-team-halved",
        "That's already covered: the uncertain band is about 2,000 payments a day, which is "
        "under the 3,000 reviews a day the 20 analysts can do.",
    )
    assert adaptation_verdict(verdict) == ("yes", "no need: shown to meet it")
    assert adaptation_cost([verdict]) == 0 and not pushed


REFUSED = [
    (
        "video-recommendation",
        "traffic-10x",
        "Honestly building for ten times the traffic is a waste of money, I would argue "
        "against it.",
    ),
    (
        "video-recommendation",
        "traffic-10x",
        "I disagree with that, we should not redesign for a few games a year.",
    ),
    (
        "search-ranking",
        "sponsored-mix",
        "Honestly I think mixing ads into search is a bad idea for shoppers and I would argue "
        "against it with the product team.",
    ),
    (
        "search-ranking",
        "sponsored-mix",
        "I disagree with that, paid products in the results will hurt trust.",
    ),
    (
        "fraud-detection",
        "review-team-halved",
        "I disagree with that, cutting the review team is a bad idea and I would argue against it.",
    ),
]


@pytest.mark.parametrize("question,change,reply", REFUSED)
def test_a_refusal_took_the_change_up_and_kept_the_design(spec, question, change, reply):
    """ "…a bad idea, I would argue against it with the product team" read "took it up: no;
    changed it for other reasons", as if arguing were a design change."""
    verdict, pushed = after_change(spec, question, change, reply)
    took, design = adaptation_verdict(verdict)
    # kept, and said to be argued against: "no, kept as it was" read as if it were missed
    assert took == "yes" and design.startswith("no, argued against it") and verdict.kept
    assert not verdict.changed_otherwise and adaptation_cost([verdict]) == 10 and pushed


ARGUED = [
    (
        "video-recommendation",
        "traffic-10x",
        "I'd push back on that: big games are maybe 40 hours a year, so paying for ten times "
        "the servers all year costs far more than a few slow lists.",
        "figures",
    ),
    (
        "search-ranking",
        "sponsored-mix",
        "I would push back: in our last test, ads in the top 4 cut purchases per search by 6%, "
        "so I'd keep the results organic.",
        "figures",
    ),
    (
        "video-recommendation",
        "traffic-10x",
        "I disagree with that, we should not redesign for a few games a year.",
        "reason",
    ),
    (
        "search-ranking",
        "sponsored-mix",
        "I disagree with that, paid products in the results will hurt trust.",
        "reason",
    ),
    ("video-recommendation", "traffic-10x", "I disagree with that.", "no reason"),
    (
        "fraud-detection",
        "review-team-halved",
        "I disagree with that, cutting the review team is a bad idea and I would argue against it.",
        "no reason",
    ),
]


@pytest.mark.parametrize("question,change,reply,backed", ARGUED)
def test_a_refusal_says_how_it_was_argued(spec, question, change, reply, backed):
    """A refusal argued with a reason read "no, kept as it was", like an answer that never
    saw the change; the verdict and the feedback say it was argued against, and whether
    figures held the reason up ("cutting the review team is a bad idea" is the change said
    back and a refusal: no reason)."""
    verdict, _ = after_change(spec, question, change, reply)
    assert verdict.argued == backed
    said = {"figures": "with figures", "reason": "with a reason", "no reason": "with no reason"}
    assert said[backed] in adaptation_verdict(verdict)[1]
    (item,) = adaptation_feedback([verdict])
    assert "argued against" in item.message or "without a reason" in item.message
    assert "(−10 on structure)" in item.message


def test_a_claim_that_the_design_copes_is_not_an_argument(spec):
    reply = "I would not change the design, it already handles it."
    verdict, _ = after_change(spec, "video-recommendation", "traffic-10x", reply)
    assert verdict.argued == "" and adaptation_verdict(verdict)[1] == "no, kept as it was"


IGNORED = [
    (
        "video-recommendation",
        "traffic-10x",
        "I would also add the time of day as a feature and try a two tower model later.",
    ),
    (
        "search-ranking",
        "sponsored-mix",
        "I would also add more features about the user, like their past purchases and their "
        "favourite brands, and try a neural ranker later to see if it beats the trees.",
    ),
    (
        "search-ranking",
        "sponsored-mix",
        "For monitoring I would watch zero result searches and retrain every week.",
    ),
    (
        "fraud-detection",
        "review-team-halved",
        "I would also add the email domain and the shipping address as features.",
    ),
]


@pytest.mark.parametrize("question,change,reply", IGNORED)
def test_an_answer_that_never_touches_the_change_is_not_credited(spec, question, change, reply):
    verdict, pushed = after_change(spec, question, change, reply)
    assert not verdict.acknowledged and not verdict.revised and not verdict.held
    assert adaptation_cost([verdict]) == 10 and pushed
