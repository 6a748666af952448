"""``thinkaloud practice`` on typed answers to a requirement change, as a tester played
them: the verdict and what it costs. An answer that names a way of meeting the change
("autoscale", "load shedding", a sponsored product in slots 4, 8 and 12) changed the
design, pushback first or not; "it already handles it" with nothing to show is a design
kept; a refusal took the change up and kept the design; an answer about something else
did not take it up; and the answer that adapts never scores below the one that ignores."""

from __future__ import annotations

import json

from assistant.report.contract import AdaptationOut
from assistant.report.format import adaptation_verdict
from tests.support.cli import run

VIDEO = [
    "So, for up next, I think the goal is people watch more time and they are happy. We have "
    "the history of each user, which videos he watch and how long. I make a model which take "
    "the current video and the user history and give score for each other video. First we "
    "take candidate from videos similar, for example same channel or same topic, maybe one "
    "thousand. After we rank with a model, I think gradient boosting, because it is fast. We "
    "need answer fast because the video is finish and the next must appear. We check with A/B "
    "test if watch time go up.",
    "Logistic regression is more fast but it cannot learn the interaction between features, "
    "like user likes sport only in the evening. Gradient boosting learn this. What I give up "
    "is it is more hard to explain and a little more slow, but still ok, maybe 10 "
    "milliseconds for thousand videos.",
    "If people find good next video they stay longer, so more ads are shown and more money. "
    "Also they are happy and come back tomorrow.",
    "We cannot score 800 million. So the candidate part use precomputed lists, for each video "
    "we store the 500 similar videos computed at night, and we look them up in a cache, that "
    "is 5 milliseconds. Then the ranker score only these 500 on CPU, around 20 milliseconds. "
    "Total is far under 200.",
]
ASKS = (
    "Is this spike on all the platform or only for people watching the sports games? And how "
    "many minutes before the game do we know?"
)
SCALES = (
    "I think we do not need to change a lot, because my candidate lists are precomputed and "
    "cached, the cache can take 10 times. What breaks is the ranker on CPU, 600,000 requests a "
    "second is too much. So during the big game, I autoscale the ranker some minutes before "
    "the game starts, and if it is still too much we do load shedding: we skip the ranker and "
    "show the cached list directly, a little worse but still fast."
)
BARE = "I would not change the design, it already handles it."
VIDEO_SUMMARY = (
    "Summary: cached candidate lists per video, a gradient boosting ranker on CPU, A/B test "
    "on watch time, and for the sports spike autoscaling and a fallback to the cached list. "
    "Next I would add a two tower model for new videos."
)

SEARCH = (
    'ok so this is a shop search. someone types "red running shoes" and we have to put the '
    "best products at the top. first thing i want to know is what best means for the shop. i "
    "think it is people buying, not only clicking, so the number i watch is how many searches "
    "end in a purchase, and also i watch that we do not show stuff out of stock.\n"
    "where do we learn from? from old searches. if somebody clicked a product and bought it, "
    "that is a good example. if we showed it and nobody clicked, that is a weak bad example. "
    "but careful, things at the top get clicked just because they are on top, so i would "
    "correct for that, for example by putting a few random ones higher sometimes and see.\n"
    "how it works: first step is cheap, we find maybe five hundred products that match the "
    "words, with normal text search like bm25. second step we sort these five hundred with a "
    "model that learns to rank, like lambdamart, with things like price, how many people "
    "bought it, the reviews, and how well the title match the words. i take the tree model "
    "first because it is fast and easy to debug, later maybe a neural one.\n"
    "it must answer in like 200 milliseconds, so the features of products we compute before, "
    "at night, and only the query features live.\n"
    "to check it, first offline with ndcg on old searches, then a/b test on purchases per "
    "search. and after, we watch if the clicks go down or the zero result searches go up, and "
    "retrain every week."
)
UNSURE = "I'm not sure, I would need to think about that more."
PUSHES_BACK = (
    "I would push back a little: sponsored products are an ads problem, not a ranking one. But "
    "if product insists, I'd rank organic results as before, then put the best sponsored "
    "product in slots 4, 8 and 12, picked by bid times predicted purchase chance, and I'd "
    "watch that purchases per search do not drop."
)
IGNORES = (
    "I would also add more features about the user, like their past purchases and their "
    "favourite brands, and try a neural ranker later to see if it beats the trees."
)
REFUSES = (
    "Honestly I think mixing ads into search is a bad idea for shoppers and I would argue "
    "against it with the product team."
)


def practice(tmp_path, question: str, *texts: str) -> dict:
    args = []
    for i, text in enumerate(texts):
        path = tmp_path / f"answer-{i + 1}.txt"
        path.write_text(text, encoding="utf-8")
        args += ["--answer", str(path)]
    code, out, err = run(
        "practice",
        "--question",
        question,
        *args,
        "--json",
        "--no-save",
        THINKALOUD_DATA_DIR=str(tmp_path / "data"),
    )
    assert code == 0, err
    return json.loads(out)


def the_change(report: dict) -> AdaptationOut:
    (item,) = report["interview"]["adaptation"]
    return AdaptationOut.model_validate(item)


def test_autoscaling_and_shedding_load_after_asking_about_the_spike_changed_the_design(
    tmp_path,
):
    """Played by a tester: after asking about the sports spike, "I autoscale the ranker some
    minutes before the game starts, and if it is still too much we do load shedding" was
    "changed the design: no, kept as it was" (−10), on its opening "we do not need to
    change a lot"; without that sentence "took it up: no" (the words of the question asked
    about it, "the sports games", were taken for words of the design)."""
    report = practice(tmp_path, "video-recommendation", *VIDEO, ASKS, SCALES, VIDEO_SUMMARY)
    turns = report["interview"]["turns"]
    assert [t["move"] for t in turns[4:6]] == ["new_constraint", "follow_up"]
    assert turns[4]["target"] == "traffic-10x"
    change = the_change(report)
    assert adaptation_verdict(change) == ("yes (asked about it first)", "yes")
    assert change.evidence is not None and "autoscale the ranker" in change.evidence.quote
    assert report["structure"]["adaptation_cost"] == 0
    # ...and so without its first sentence
    report = practice(
        tmp_path, "video-recommendation", *VIDEO, ASKS, SCALES.split(". ", 1)[1], VIDEO_SUMMARY
    )
    assert adaptation_verdict(the_change(report)) == ("yes (asked about it first)", "yes")


def test_it_already_handles_it_with_nothing_to_show_is_a_design_kept(tmp_path):
    """ "I would not change the design, it already handles it." was "no need: shown to meet
    it" at no cost: the 10 of "10 milliseconds for thousand videos" was taken for the
    change's "10 times normal"."""
    report = practice(tmp_path, "video-recommendation", *VIDEO, ASKS, BARE, VIDEO_SUMMARY)
    change = the_change(report)
    assert not change.held and not change.revised and change.kept
    assert adaptation_verdict(change)[1] == "no, kept as it was"
    assert report["structure"]["adaptation_cost"] == 10 + change.claim_points
    adapted = practice(tmp_path, "video-recommendation", *VIDEO, ASKS, SCALES, VIDEO_SUMMARY)
    assert adapted["structure"]["score"] > report["structure"]["score"]


CLAIMS = (
    "Our system is already designed for scale with caching and horizontal scaling, so a ten "
    "times spike is fine, nothing needs to change."
)
PRECOMPUTES = (
    "For the big games, most people will watch the same few sports videos, so I'd precompute "
    "the up-next lists for those videos before kickoff and serve them straight from the edge "
    "cache, and only the long tail still goes to the ranker."
)


def test_a_claim_that_earns_stages_scores_clearly_below_a_real_adaptation(tmp_path):
    """Played by a tester: "already designed for scale with caching and horizontal scaling,
    so a ten times spike is fine" earned a monitoring stage the design never reached and
    scored 41 after its 10 points, against 42 for precomputing the lists before kickoff.
    What the claim earned is taken back, and said so."""
    claims = practice(tmp_path, "video-recommendation", *VIDEO, ASKS, CLAIMS, VIDEO_SUMMARY)
    change = the_change(claims)
    assert adaptation_verdict(change)[1] == "no, kept as it was" and change.claim_points > 0
    assert claims["structure"]["adaptation_cost"] == 10 + change.claim_points
    (item,) = [f for f in claims["feedback"] if f["metric"] == "adaptation"]
    assert f"the {change.claim_points} point" in item["message"]
    adapts = practice(tmp_path, "video-recommendation", *VIDEO, ASKS, PRECOMPUTES, VIDEO_SUMMARY)
    assert adaptation_verdict(the_change(adapts))[1] == "yes"
    assert adapts["structure"]["score"] >= claims["structure"]["score"] + 5


def test_an_answer_about_something_else_does_not_take_the_change_up(tmp_path):
    """With no question asked, the change after the third answer is "10% of impressions must
    go to videos under 48 hours old from small creators"; an answer on precomputed
    similar-video lists and 20 ms on CPU was "took it up: yes; changed the design: yes"."""
    report = practice(tmp_path, "video-recommendation", *VIDEO[:3], VIDEO[3], SCALES, VIDEO_SUMMARY)
    turns = report["interview"]["turns"]
    assert (turns[3]["move"], turns[3]["target"]) == ("new_constraint", "creator-fairness")
    change = the_change(report)
    assert not change.acknowledged and not change.revised
    assert not change.revised_after_push  # the push's answer is about the sports spike
    assert report["structure"]["adaptation_cost"] == 10


def test_pushing_back_then_adapting_scores_above_ignoring_and_a_refusal_is_a_design_kept(
    tmp_path,
):
    """Search ranking, "sponsored products blended into organic results, at most one in
    every four slots": the answer that pushed back and then put a sponsored product in
    slots 4, 8 and 12 was "kept as it was" (29), below the one that ignored the change (37);
    the refusal read "changed it for other reasons" though nothing changed."""
    adapts = practice(tmp_path, "search-ranking", SEARCH, UNSURE, PUSHES_BACK, UNSURE)
    assert adapts["interview"]["turns"][2]["target"] == "sponsored-mix"
    change = the_change(adapts)
    assert adaptation_verdict(change) == ("yes", "yes")
    assert "slots 4, 8 and 12" in change.evidence.quote
    assert adapts["structure"]["adaptation_cost"] == 0
    ignores = practice(tmp_path, "search-ranking", SEARCH, UNSURE, IGNORES, UNSURE)
    assert not the_change(ignores).acknowledged
    assert ignores["structure"]["adaptation_cost"] == 10
    assert adapts["structure"]["score"] > ignores["structure"]["score"]
    refuses = practice(tmp_path, "search-ranking", SEARCH, UNSURE, REFUSES, UNSURE)
    change = the_change(refuses)
    assert adaptation_verdict(change) == (
        "yes",
        "no, argued against it, with a reason but no figures",
    )
    assert not change.changed_otherwise and "argue against it" in change.evidence.quote
    assert refuses["structure"]["adaptation_cost"] == 10
