"""Adaptation verdicts (issue 15, item 6): a paraphrased adaptation is recognised by what
the answer is about, and words the design already had, or the change's own words said
back, do not make a revision."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.interview.adaptation import judge_texts
from assistant.interview.changes import anticipated, figures, pick_change
from assistant.interview.spoken_numbers import number_text, times
from assistant.interview.view import split_sentences
from assistant.report import Evidence
from prompts import ConstraintChange, load_question
from tests.support.interviews import ml_spec


@pytest.fixture(scope="module")
def embedder():
    return ml_spec().embedder


def verdict(question_id: str, change_id: str, first: str, reply: str, embedder, rivals=True):
    q = load_question(question_id)
    change = next(c for c in q.constraint_changes if c.id == change_id)
    others = [c.say for c in q.constraint_changes if c.id != change_id] if rivals else []
    return judge_texts(
        change,
        split_sentences(reply),
        split_sentences(first),
        context=q.words,
        embedder=embedder,
        alternatives=others,
    )


ADS_FIRST = (
    "For each request we score about five hundred candidate ads with a deep and cross network "
    "over user, ad and context features, served on CPU behind the auction."
)
ADS_PARAPHRASE = (
    "So the scoring step now gets well under half the time it had, for the same pile of "
    "candidates. The deep network per ad won't fit, so I'd precompute the ad side embeddings "
    "ahead of time and score with a dot product, and only run the full network on the top fifty."
)


def test_an_answer_about_this_change_more_than_any_other_takes_it_up(embedder):
    """No number, no word of the change, and the first answer was about scoring 500 ads
    too: what tells is that the reply is nearer the 10 ms change than any other the
    question could have brought."""
    v = verdict("ad-click-prediction", "latency-10ms", ADS_FIRST, ADS_PARAPHRASE, embedder)
    assert v.acknowledged and v.revised
    # without the other changes to compare with, the paraphrase is not recognised
    alone = verdict(
        "ad-click-prediction", "latency-10ms", ADS_FIRST, ADS_PARAPHRASE, embedder, rivals=False
    )
    assert not alone.acknowledged


def test_an_answer_about_something_else_is_not_taken_for_the_change(embedder):
    reply = (
        "On metrics, I'd look at revenue per thousand requests and advertiser return, and I'd "
        "switch half the traffic to the new model for a week."
    )
    v = verdict("ad-click-prediction", "latency-10ms", ADS_FIRST, reply, embedder)
    assert not v.revised


@pytest.mark.parametrize(
    "reply",
    [
        "I would measure it with calibration and log loss offline, and run an online experiment "
        "on revenue per thousand impressions, because the auction uses the probability times "
        "the bid.",
        "Calibration is still the most important thing here, because the auction multiplies "
        "the probability by the bid.",
    ],
)
def test_an_answer_about_the_question_is_not_taken_for_a_change_that_names_it(reply, embedder):
    """The 10 ms change opens "The auction is getting squeezed": an answer about the
    auction and calibration, with nothing on time, was nearer that change than the
    question's others, and was told it took the change up (the first one also that it
    changed the design)."""
    v = verdict("ad-click-prediction", "latency-10ms", ADS_FIRST, reply, embedder)
    assert not v.acknowledged and not v.revised


def test_an_answer_that_names_the_question_s_people_is_not_taken_for_the_change(embedder):
    """A helper's churn session: after "Product wants to show a save offer the moment
    someone opens the cancel page", an answer on labels and features was told it took the
    change up and changed the design. "someone watched" matched the change's "someone",
    and "people who cancel" read as a paraphrase of it through "cancel", a word of the
    question itself."""
    first = (
        "I'd train gradient boosted trees on viewing history and payments to predict who "
        "will cancel next month, and give the list to the retention team every week."
    )
    reply = (
        "Sure. One thing I want to add is about the labels. People who pause their "
        "subscription are not the same as people who cancel, so I would treat a pause as "
        "its own class. For features, I would use how many hours someone watched in the "
        "last four weeks, whether their card payment failed recently, and how many support "
        "tickets they opened."
    )
    v = verdict("churn-prediction", "in-app-realtime", first, reply, embedder)
    assert not v.acknowledged and not v.revised
    adapts = (
        "Then a weekly list is too late. I would add a small scoring service that reads the "
        "features we precompute nightly from a cache and answers in under 100 ms."
    )
    v = verdict("churn-prediction", "in-app-realtime", first, adapts, embedder)
    assert v.acknowledged and v.revised


def test_remedies_the_design_already_had_are_not_a_revision(embedder):
    first = (
        "User embeddings are computed in a daily job and kept in a cache next to the ranker, "
        "and a deep and cross network scores about five hundred candidate ads per request."
    )
    reply = (
        "Ten milliseconds, fine. We look up the cached user embeddings and score all five "
        "hundred ads in one batch with the deep and cross network."
    )
    v = verdict("ad-click-prediction", "latency-10ms", first, reply, embedder)
    assert v.acknowledged and not v.revised
    new = reply.replace("We look up the cached user embeddings", "I'd cache the ad embeddings")
    assert verdict("ad-click-prediction", "latency-10ms", ADS_FIRST, new, embedder).revised


def test_the_change_said_back_is_not_a_design(embedder):
    first = (
        "We forecast demand per store and product for tomorrow with one gradient boosted "
        "model, and a nightly job writes the forecasts for ordering."
    )
    echo = "Okay, so the bakery wants updated numbers several times through the day."
    kept = echo + " I'd keep the same model and the same once-a-night job as planned."
    v = verdict("demand-forecasting", "intraday", first, kept, embedder)
    assert v.acknowledged and not v.revised
    # a cap said back ("a cap of two a day") is the change, not a design
    notif = load_question("notification-ranking")
    cap = next(c for c in notif.constraint_changes if c.id == "daily-cap")
    said = judge_texts(
        cap,
        ["Okay, a cap of two a day.", "We send when the expected value is positive."],
        ["We send when the expected value is positive, up to five a day."],
        embedder=embedder,
    )
    assert said.acknowledged and not said.revised


DUP_FIRST = (
    "When a listing comes in we compute a text embedding and a photo hash, look up the nearest "
    "listings from the same seller in an index, and a small classifier compares the top "
    "twenty. It runs inside the posting service."
)


def test_a_design_shown_to_meet_the_change_with_its_own_figures_needs_no_revision(embedder):
    """ "Within 300 ms" answered with the design's own timings set against it: nothing had
    to change, and saying so with the figures is an answer (it was told the design did
    not change and pushed). Keeping the design without figures, or figures that miss the
    budget, are not."""
    change = ("duplicate-listings", "at-posting-time", DUP_FIRST)
    met = (
        "Within 300 ms is fine: the photo hash and text embedding take about 40 ms, the index "
        "lookup 20 ms and the classifier on twenty candidates another 30 ms, so I'd keep the "
        "design as it is."
    )
    v = verdict(*change, met, embedder)
    assert v.acknowledged and not v.revised and v.held == 0
    for reply in (
        "300 ms is fine, I'd keep the design as it is.",  # no figure of its own
        "Within 300 ms is impossible: today the comparison alone takes 500 ms, so I'd keep "
        "the design as it is.",  # its figures miss the budget
        "I'd keep the same model and features as before.",
    ):
        assert verdict(*change, reply, embedder).held is None, reply


DUP_AT_POSTING = (
    "The goal is to stop one item being listed twice. We check each new listing while the "
    "seller is posting, and the whole check has to finish under 300 milliseconds so it never "
    "slows the form. The pipeline hashes the photos, embeds the title, looks up the nearest "
    "listings from the same seller in an index and runs a classifier on the top twenty."
)
DESIGNED = frozenset({"framing", "constraints", "pipeline", "model", "deployment"})


def test_a_change_the_answer_already_designed_for_is_not_made(embedder):
    """ "Catch duplicates while the seller is posting, within 300 ms" after an answer that
    checks at posting time under 300 milliseconds is no change: the interviewer picks
    another. It bit hardest on this answer, and is picked once the figure is not said."""
    q = load_question("duplicate-listings")
    sentences = split_sentences(DUP_AT_POSTING)
    at_posting = next(c for c in q.constraint_changes if c.id == "at-posting-time")
    assert anticipated(at_posting, sentences, embedder) == 1
    for seed in range(4):
        assert pick_change(q, seed, DESIGNED, [], DUP_AT_POSTING).id == "at-posting-time"
        picked = pick_change(q, seed, DESIGNED, [], DUP_AT_POSTING, sentences, embedder)
        assert picked is not None and picked.id != "at-posting-time"
    # the same words without the figure, or with another one, leave the change to make
    for other in ("quickly", "under two seconds"):
        said = DUP_AT_POSTING.replace("under 300 milliseconds", other)
        assert anticipated(at_posting, split_sentences(said), embedder) is None, other
    # a figure that matches in a sentence about something else is not the change
    unrelated = ["Reviewers look at about 300 ms worth of audio per clip for the captions."]
    assert anticipated(at_posting, unrelated, embedder) is None
    # every change already designed for: none is made
    all_said = [
        *sentences,
        "Automatic removal only above 99.5% precision, the rest goes to a reviewer.",
    ]
    done = ["cross-language"]
    assert pick_change(q, 0, DESIGNED, done, " ".join(all_said), all_said, embedder) is None


def test_figures_are_read_with_their_units():
    assert figures("within 300 ms at p99") == {("300", "ms")}
    assert figures("three hundred milliseconds") == {("300", "ms")}
    assert figures("thirty milliseconds, 99.5 percent precise") == {("30", "ms"), ("99.5", "%")}
    assert figures("every 2 hours, 1.5x the price") == {("2", "h"), ("1.5", "x")}
    assert figures("10,000 reviews a day") == set()  # a count is not a limit


DUP_FIRST = (
    "We compare each new listing against the catalogue with a cross-encoder in a nightly batch."
)


def test_a_change_s_number_said_in_words_takes_it_up(embedder):
    """ "within 300 ms", answered "in three hundred milliseconds" (a typed answer, or a
    transcript that spelled it out); another number does not count."""
    reply = (
        "Then I'd answer in {} milliseconds: a hashed image lookup first, "
        "the cross-encoder only offline."
    )
    said = verdict(
        "duplicate-listings", "at-posting-time", DUP_FIRST, reply.format("three hundred"), embedder
    )
    assert said.acknowledged and said.evidence == 0
    other = verdict(
        "duplicate-listings", "at-posting-time", DUP_FIRST, reply.format("four hundred"), embedder
    )
    assert not other.acknowledged


def test_a_number_with_a_thousands_comma_is_one_number(embedder):
    """ "about 3,000 reviews a day" is 3000, not a 3 and a 000 that any "every 3 days" or
    "000" matches."""
    first = "Analysts review the flagged payments in a queue, and their decisions become labels."
    stray = verdict(
        "fraud-detection",
        "review-team-halved",
        first,
        "We retrain every 3 days and keep the 000 bucket.",
        embedder,
    )
    assert not stray.acknowledged
    said = verdict(
        "fraud-detection",
        "review-team-halved",
        first,
        "With three thousand reviews a day, people only see the top of the queue.",
        embedder,
    )
    assert said.acknowledged


def test_numbers_are_read_as_digits_whether_spoken_or_written():
    from assistant.interview.spoken_numbers import number_text

    assert number_text("three hundred milliseconds") == "300 milliseconds"
    assert number_text("twenty five ms, fifty thousand a day") == "25 ms 50000 a day"
    assert number_text("about 10,000 reviews, 1,234,567 rows") == "about 10000 reviews 1234567 rows"
    assert number_text("latencies of 50, 100 and 200 ms") == "latencies of 50 100 and 200 ms"
    assert number_text("one model, twenty 5 ms") == "one model 20 5 ms"
    assert number_text("two thousand five hundred QPS") == "2500 qps"
    assert number_text("two hundred thousand, 2000 500 times") == "200000 2000 500 times"
    assert number_text("two thousand and five hundred") == "2000 and 500"
    # a decimal said aloud (played outside the repo: "ninety nine point seven percent"
    # did not show a design meeting 99.5 %, where "99.7%" did)
    assert number_text("ninety nine point seven percent, zero point nine eight") == (
        "99.7 percent 0.98"
    )
    assert number_text("one point five seconds; the point is two models") == (
        "1.5 seconds the point is 2 models"
    )


def test_a_revision_is_quoted_by_the_sentence_that_changes_course(embedder):
    """Played outside the repo: "changed the design: yes" quoted "The drive to the customer
    was leaning on where the courier is right now." (the old design), and in another
    session "Um, so five minutes."; the quote shows the change of course now."""
    first = (
        "The live estimate uses where the courier is right now from their GPS, every few "
        "seconds, with a gradient boosted tree for the kitchen and the drive."
    )
    reply = (
        "Okay, that hurts us in two places. The drive to the customer was leaning on where "
        "the courier is right now. So for the updates I'd stop treating the last point as "
        "where they are, and instead snap it to the road and move it forward along the "
        "route at the usual speed for that hour. And I'd lean more on the order's own "
        "events, picked up and arrived, which still come in on time."
    )
    v = verdict("eta-prediction", "gps-loss", first, reply, embedder)
    assert v.acknowledged and v.revised
    quoted = split_sentences(reply)[v.evidence]
    assert "instead snap it to the road" in quoted, quoted


def test_an_answer_that_keeps_the_design_in_the_design_s_own_words_did_not_revise_it(embedder):
    """Played outside the repo: after "strong suggestions in the first minute after
    sign-up", an answer that said the design covers it, then went over the nightly job
    and its monitoring again, was told it "changed the design" (quoting the monitoring),
    and the interviewer never pushed. Planning what the design already did is no change."""
    first = (
        "Candidates come from friends of friends and people at the same company or school. "
        "A nightly Spark job computes the two-hop candidates for every member and keeps the "
        "top few hundred by mutual connections. Gradient boosted trees rank them, and the "
        "scores go into a key-value store. I'd monitor the acceptance rate by country and "
        "watch that suggestions don't concentrate on a few super connectors."
    )
    reply = (
        "Sure. I think the design I described covers it. The nightly Spark job computes "
        "friends of friends for every member, the trees rank them on mutual connections and "
        "shared schools, and the scores go into the key-value store, so the member gets "
        "their suggestions from there. I'd keep monitoring the acceptance rate by country "
        "and the concentration on super connectors, and retrain the trees daily."
    )
    v = verdict("people-you-may-know", "new-member-cold-start", first, reply, embedder)
    assert v.acknowledged and not v.revised
    assert v.kept == "I think the design I described covers it."
    assert split_sentences(reply)[v.evidence] == v.kept


CHURN_FIRST = (
    "For features, I'd use viewing hours per week, billing events like failed payments, and "
    "support tickets. The model would be gradient boosted trees. Then we score everyone in "
    "a daily batch job and send the list each morning."
)
CHURN_KEEP = (
    "Hmm. I would keep the design as it is. The features I use are weekly viewing hours, "
    "which is an aggregate engagement number, not the viewing history of titles, so I think "
    "it's allowed. I'd confirm with legal, but the model and the daily batch stay the same."
)


def test_a_plan_or_a_remedy_beside_keeping_the_design_is_no_revision(embedder):
    """Played outside the repo: after "viewing history can only be used for
    recommendations", an answer that keeps the design, arguing its weekly aggregate is
    allowed, was told it "changed the design" (quoting the aggregate sentence: a remedy
    word). "I'd confirm with legal, but … stay the same" ends on keeping, not on a plan."""
    v = verdict("churn-prediction", "no-viewing-history", CHURN_FIRST, CHURN_KEEP, embedder)
    assert v.acknowledged and not v.revised
    assert v.kept == "I would keep the design as it is."
    # a change of course later in the answer still revises it
    turned = CHURN_KEEP + " Instead of viewing hours I'd use billing and support features only."
    v = verdict("churn-prediction", "no-viewing-history", CHURN_FIRST, turned, embedder)
    assert v.acknowledged and v.revised
    assert split_sentences(turned)[v.evidence].startswith("Instead of viewing hours")


FRAUD_FIRST = (
    "Most of the lift is in features: velocity counts, distance from the previous "
    "transaction, merchant category and the device fingerprint. We retrain every couple "
    "of weeks as labels mature."
)


@pytest.mark.parametrize("model", [True, False], ids=["sentence model", "cues only"])
def test_the_change_taken_away_in_the_design_own_words_is_heard(embedder, model):
    """After "a new privacy law bans device fingerprinting", a design that had named the
    device fingerprint answered "without device fingerprinting we drop those features…":
    its words were the design's, not new, so it read as not taking the change up (and, since
    adapting counts in the score, cost the session 15 points)."""
    reply = (
        "Right, so without device fingerprinting we drop those features and lean on card "
        "history and merchant risk instead. I would retrain without them and run the new "
        "model in shadow for two weeks."
    )
    v = verdict(
        "fraud-detection", "no-device-fingerprint", FRAUD_FIRST, reply, embedder if model else None
    )
    assert v.acknowledged and v.revised
    # the design's words said again, with nothing taken away, are still not heard
    kept = "We keep the device fingerprint and the velocity counts, and retrain as before."
    v = verdict(
        "fraud-detection", "no-device-fingerprint", FRAUD_FIRST, kept, embedder if model else None
    )
    assert not v.revised


DATA = Path(__file__).parent / "data" / "adaptation"
"""Played sessions, written by a candidate checking the verdicts: the design, then the
answer to the change (``NAME-a1.txt``, ``NAME-a2.txt``)."""


@pytest.mark.parametrize(
    "name, question_id, change_id",
    [
        ("s02", "ad-click-prediction", "no-user-ids"),
        ("s19", "speech-assistant", "no-recordings"),
    ],
)
def test_a_change_that_takes_something_away_is_answered_by_taking_it_out(
    embedder, name, question_id, change_id
):
    """ "That takes out the biggest part of my feature set…", "That removes my whole
    training data loop…": the design had used the change's words, so nothing of the
    change was new in the answer, and a redesign read as a miss (15 points off, more
    than a candidate who refused the change lost)."""
    first, reply = ((DATA / f"{name}-a{i}.txt").read_text() for i in (1, 2))
    v = verdict(question_id, change_id, first, reply, embedder)
    assert v.acknowledged and v.revised


def test_time_to_spare_meets_the_change(embedder):
    """ "…about 90 ms at p99, which leaves more than 200 ms to spare inside 300 ms" was read
    as falling short ("more than"), and the held design cost 10 points."""
    first, reply = ((DATA / f"s11-a{i}.txt").read_text() for i in (1, 2))
    v = verdict("duplicate-listings", "at-posting-time", first, reply, embedder)
    assert v.acknowledged and (v.held is not None or v.revised)
    assert v.kept is None or "to spare" not in v.kept


def test_a_change_s_word_of_time_said_in_other_words_takes_it_up(embedder):
    """Played outside the repo: after "Product wants the playlist refreshed daily and
    reacting to today's listening", a redesign with a light job "each night" on what
    they played that day was told it did not take the change up (-10)."""
    first = (
        "Every Monday morning each listener gets thirty songs they have not heard. A "
        "weekend batch job builds candidates from collaborative filtering and audio "
        "embeddings, and a ranker orders them by the chance of a save."
    )
    reply = (
        "Instead of one big weekend job, I would split it in two. The heavy candidate "
        "generation stays weekly. Then each night a light job re-ranks each person's "
        "candidates using what they played that day, and swaps out songs they already heard."
    )
    v = verdict("music-playlist", "daily-refresh", first, reply, embedder)
    assert v.acknowledged and v.revised
    # said before the change, the same words show nothing new
    said = first + " A light job re-ranks them each night."
    v = verdict("music-playlist", "daily-refresh", said, reply, embedder, rivals=False)
    assert not v.acknowledged


def test_a_design_shown_to_meet_the_change_with_figures_said_in_words_needs_no_revision(
    embedder,
):
    first = (
        "An embedding index finds near duplicates, and a classifier scores each pair; "
        "pairs above a threshold are removed automatically, and the rest go to human "
        "review instead."
    )
    reply = (
        "I would keep the design as it is, because it already only removes when it is very "
        "sure. Above a score of zero point nine eight the audit sample shows ninety nine "
        "point seven percent precision, which is above the ninety nine point five percent "
        "asked for, and everything below that goes to human review instead of being removed."
    )
    v = verdict("duplicate-listings", "no-false-removals", first, reply, embedder)
    assert v.acknowledged and not v.revised and v.held == 1


def test_a_shorter_retelling_takes_up_the_retell_twist_however_it_opens():
    """Played outside the repo (tests/eval/outside): "give me the same story again in one
    minute" met by a 150-word retelling of every part was told "did not take up the twist"
    (−10) when "Sure, in short." was heard as "Cheer and shot."; the same words typed
    passed. The retelling is judged as one, not by its opening words."""
    from assistant.interview.adaptation import check_adaptation
    from assistant.scoring.analyse import StructureSpec, analyse_text
    from assistant.scoring.structure.embedder import MiniLMEmbedder
    from assistant.scoring.structure.scorers import build_scorer
    from assistant.settings import Settings
    from rubrics import load_rubric

    question = load_question("behavioural-conflict")
    (twist,) = [c for c in question.constraint_changes if c.retell]
    rubric = load_rubric(question.rubric)
    scorer, method = build_scorer(rubric, MiniLMEmbedder())
    spec = StructureSpec(rubric, scorer, method)
    outside = Path(__file__).parents[1] / "eval" / "outside"
    first = analyse_text(
        (outside / "behavioural-conflict-strong.txt").read_text(), Settings(), structure=spec
    )
    retold = analyse_text(
        (outside / "behavioural-conflict-retold.txt").read_text(), Settings(), structure=spec
    )
    verdict = check_adaptation(twist, retold, earlier=[first], design=False)
    assert verdict.acknowledged and verdict.revised
    # the first telling again, at full length, is no retelling
    again = check_adaptation(twist, first, earlier=[first], design=False)
    assert not again.revised


def test_one_word_of_a_change_said_in_passing_does_not_take_it_up(embedder):
    """Played outside the repo (tests/eval/outside): after "Labels and artists demand that
    new artists get real exposure", an answer about refreshing the playlist daily ("…a
    light ranker that runs on demand") was judged "took it up: yes; changed the design:
    yes" on the one word "demand". A change of several distinctive words is taken up by
    saying two of them."""
    folder = Path(__file__).parents[1] / "eval" / "outside" / "music-playlist-ignored-change"
    first = " ".join((folder / f"answer-{n}.txt").read_text() for n in (1, 2))
    reply = (folder / "answer-3.txt").read_text()
    ignored = verdict("music-playlist", "artist-fairness", first, reply, embedder)
    assert not ignored.acknowledged and not ignored.revised
    taken = verdict(
        "music-playlist",
        "artist-fairness",
        first,
        "To give new artists real exposure I'd reserve five of the thirty slots for "
        "exploration, scored by an audio embedding so a track with no plays can be picked.",
        embedder,
    )
    assert taken.acknowledged and taken.revised


FIRSTS = {
    "churn-prediction": CHURN_FIRST,
    "fraud-detection": (
        "Features include the amount, merchant category, the card's spending velocity and "
        "device fingerprint signals like a new device for this card. For the model I'd use "
        "gradient boosted trees served next to the payment API."
    ),
    "ad-click-prediction": (
        "We score about five hundred candidate ads per request with a deep and cross network. "
        "User features come from the persistent user id: the last thirty days of clicks and "
        "the categories they browsed. We retrain daily on the click logs."
    ),
    "speech-assistant": (
        "Audio is streamed to our servers, where a speech model turns it into text and an "
        "intent classifier maps it to a command. We keep a sample of user recordings, have "
        "them transcribed by annotators, and retrain the speech model each month on them."
    ),
}
PRIVACY_CHANGES = {
    "churn-prediction": "no-viewing-history",
    "fraud-detection": "no-device-fingerprint",
    "ad-click-prediction": "no-user-ids",
    "speech-assistant": "no-recordings",
}


@pytest.mark.parametrize(
    "question_id, reply",
    [
        (
            "churn-prediction",
            "Right, privacy is really important, so we would make sure the system is fully "
            "compliant with the new rule and talk to the legal team about it.",
        ),
        (
            "churn-prediction",
            "Good point. We would make sure we respect the new rule, and I'd check with our "
            "privacy team and legal counsel before launch.",
        ),
        (
            "churn-prediction",
            "Right, so we'd need to be compliant with that rule. I'd set up a meeting with legal "
            "and the privacy office to review it.",
        ),
        (
            "fraud-detection",
            "Understood. We would make sure we are fully compliant with the new law and loop in "
            "legal and the privacy officer before launch.",
        ),
        (
            "fraud-detection",
            "Okay, we will take that seriously and ensure full compliance going forward, and "
            "talk to legal about the details.",
        ),
        (
            "ad-click-prediction",
            "That's a serious regulation, so we would make sure the system is fully compliant "
            "and talk to the privacy team about it.",
        ),
        (
            "ad-click-prediction",
            "Sure, we'll work closely with legal and stay compliant with the regulation from now "
            "on.",
        ),
        (
            "speech-assistant",
            "Privacy is really important to us, so we would make sure we are fully compliant "
            "with the ruling and run it past legal.",
        ),
        (
            "speech-assistant",
            "Of course. We'll respect the ruling and ensure our data handling follows it, with "
            "legal signing off.",
        ),
    ],
)
def test_a_promise_to_comply_is_no_change_to_the_design(embedder, question_id, reply):
    """Played in the app: after "A new privacy rule means viewing history can only be used
    for recommendations", "…we would make sure the system is fully compliant with the new
    rule and talk to the legal team about it" was told it "changed the design" (a plan with
    three new words in it), so it was neither pushed nor charged. Promising to comply, or to
    ask legal, takes the change up and changes nothing."""
    change = PRIVACY_CHANGES[question_id]
    v = verdict(question_id, change, FIRSTS[question_id], reply, embedder)
    assert v.acknowledged and not v.revised


@pytest.mark.parametrize(
    "question_id, reply",
    [
        (
            "churn-prediction",
            "To stay compliant, I'd drop the viewing history features and retrain the trees on "
            "billing and support data only.",
        ),
        (
            "churn-prediction",
            "I'd talk to legal about whether aggregate engagement counts are allowed, and "
            "meanwhile retrain the model without viewing history, using billing and support "
            "features.",
        ),
        (
            "churn-prediction",
            "Legal would need to sign off, but the design change is clear: we remove every "
            "viewing feature from the churn pipeline and use login counts and payment failures "
            "instead.",
        ),
        (
            "fraud-detection",
            "We'd make sure we're compliant by removing the device signals from the feature "
            "store, then lean more on velocity counters and merchant risk and check recall on a "
            "holdout month.",
        ),
        (
            "fraud-detection",
            "Legal is right, so the device fingerprint features go away; in their place I'd add "
            "behavioural signals like typing speed at checkout that we collect with consent.",
        ),
        (
            "ad-click-prediction",
            "I'd check with legal which aggregates are allowed, but the plan is to switch to "
            "cohort level features and session signals instead of the per user history.",
        ),
        (
            "speech-assistant",
            "To comply, we stop keeping any recordings: we'd train on synthetic speech and "
            "licensed datasets, and use federated learning on device for adaptation.",
        ),
        (
            "speech-assistant",
            "Legal will want proof, so I'd delete the annotation pipeline and move to text only "
            "logs of the recognised commands, plus an opt in program with paid speakers.",
        ),
    ],
)
def test_a_design_change_said_with_compliance_still_changes_the_design(
    embedder, question_id, reply
):
    """...while a redesign that speaks of compliance or legal on the way is still one."""
    change = PRIVACY_CHANGES[question_id]
    v = verdict(question_id, change, FIRSTS[question_id], reply, embedder)
    assert v.acknowledged and v.revised


@pytest.mark.parametrize(
    "reply",
    [
        "Actually, thinking about it more, I would replace the gradient boosted trees with a "
        "survival model, because many recent subscribers have not had a chance to cancel yet "
        "and a survival model handles that censoring properly. I would also move scoring from "
        "nightly to weekly to cut compute cost, since the list does not change much from day "
        "to day.",
        "Thinking about it again, I'd switch the label to cancellations within sixty days "
        "instead of thirty, since many people cancel at the end of a billing cycle.",
        "One thing I'd change: instead of scoring everyone nightly, we would score only people "
        "whose renewal date is within two weeks, which cuts compute a lot.",
        "Actually I'd replace the trees with a logistic regression, because the retention team "
        "wants to see why each person is on the list.",
    ],
)
def test_a_design_changed_for_another_reason_is_not_read_as_kept(embedder, reply):
    """Played in the app: after the privacy rule on viewing history, an answer that swapped
    the trees for a survival model (because of censoring) and scored weekly was told the
    design was "kept as it was": "handles that censoring" and "does not change much", said
    as reasons, read as keeping the design. It changed, just not for the change."""
    v = verdict("churn-prediction", "no-viewing-history", CHURN_FIRST, reply, embedder)
    assert not v.acknowledged and not v.revised
    assert v.changed and v.kept is None
    assert v.evidence is not None  # the report quotes the change it did make


@pytest.mark.parametrize(
    "reply",
    [
        "The design stays the same, since we never used viewing history for marketing anyway.",
        "Since nothing in that rule touches my model, I keep the model and the features as "
        "they are.",
        "I think the design holds up as it is. We keep the same gradient boosted trees and the "
        "same features as before, because they work.",
    ],
)
def test_keeping_the_design_beside_a_reason_is_still_kept(embedder, reply):
    v = verdict("churn-prediction", "no-viewing-history", CHURN_FIRST, reply, embedder)
    assert not v.revised and not v.changed and v.kept is not None


TRANSACTIONS_DESIGN = (
    "For every payment we compute features on the fly: we query the card's last ninety days "
    "of transactions from the database, aggregate them, and call a merchant risk service. "
    "The model is a deep neural network with embeddings for the merchant and card, served on "
    "a GPU service."
)
DEVICE_DESIGN = (
    "I'd train a gradient boosted tree on past payments with chargebacks as the label, using "
    "the amount, the merchant category and whether the device was seen before, served behind "
    "an API next to the payment service."
)
UNTOUCHED = (
    "That doesn't touch this design: none of our features come from the device. They are the "
    "card's transaction history and the merchant risk score, so the model and the pipeline "
    "stay as they are."
)


def test_a_change_that_takes_away_what_the_design_never_used_is_met_by_saying_so(embedder):
    """S39: "none of our features come from the device", after a design built on
    transaction history, had been charged 10 points as a design kept "without showing how
    it meets the new requirement"; said after a design that used the device, it is untrue
    and still not met."""
    args = ("fraud-detection", "no-device-fingerprint")
    v = verdict(*args, TRANSACTIONS_DESIGN, UNTOUCHED, embedder)
    assert v.acknowledged and v.held is not None and not v.revised
    untrue = verdict(*args, DEVICE_DESIGN, UNTOUCHED, embedder)
    assert untrue.held is None and untrue.kept


def test_keeping_some_parts_beside_a_change_of_course_still_revises(embedder):
    """...while a sentence that takes something out and keeps the rest changes the design."""
    first = (
        "Candidates come from friends of friends and from uploaded address books, then a "
        "gradient boosted model ranks the top few hundred, precomputed every night."
    )
    reply = (
        "For EU members I'd drop the address book candidates and keep the friends of friends "
        "features."
    )
    v = verdict("people-you-may-know", "address-book-ban", first, reply, embedder)
    assert v.revised and v.kept is None


def test_a_design_shown_unaffected_in_words_is_not_praised_for_figures(embedder):
    """The report praised every design shown to meet a change for doing so "with its own
    figures"; "none of our features come from the device" has none. The praise says what
    the answer did; figures are named only where the quote holds one."""
    from assistant.interview.adaptation import check_adaptation
    from assistant.practice.session_report import adaptation_cost, adaptation_feedback
    from tests.support.interviews import report_of

    spec = ml_spec()
    q = load_question("fraud-detection")
    change = next(c for c in q.constraint_changes if c.id == "no-device-fingerprint")
    out = check_adaptation(
        change,
        report_of(UNTOUCHED, spec),
        q.words,
        earlier=[report_of(TRANSACTIONS_DESIGN, spec)],
        embedder=embedder,
    )
    assert out.held and adaptation_cost([out]) == 0
    (said,) = adaptation_feedback([out])
    assert said.severity == "good" and "already meets" in said.message
    assert "figure" not in said.message, said.message
    shown = out.model_copy(
        update={"evidence": Evidence(quote="The hash takes 40 ms, well inside it.", start=None)}
    )
    (said,) = adaptation_feedback([shown])
    assert "with its own figures" in said.message


ADS_USER_ID_DESIGN = (
    "I'd train a deep and cross network on the user id, the user's recent clicks and the ad "
    "id, with embeddings refreshed every hour, served behind the auction."
)


@pytest.mark.parametrize(
    "args, first, reply",
    [
        (
            ("ad-click-prediction", "no-user-ids"),
            ADS_USER_ID_DESIGN,
            "I'd argue with that one. People accepted our terms when they signed up, so the new "
            "regulation doesn't affect us, and I'd keep the model exactly as it is with the user "
            "id embeddings.",
        ),
        (
            ("fraud-detection", "no-device-fingerprint"),
            DEVICE_DESIGN,
            "Cardholders agreed to it in our terms, so that privacy law does not apply to us. I "
            "would leave the device signals and the trees as they are.",
        ),
        (
            ("fraud-detection", "no-device-fingerprint"),
            DEVICE_DESIGN,
            "Honestly, the fingerprinting ban won't touch our company, so everything stays as it "
            "is.",
        ),
        (
            ("ad-click-prediction", "no-user-ids"),
            ADS_USER_ID_DESIGN,
            "That rule doesn't touch our model, so I'd keep the user id embeddings.",
        ),
        (
            ("ad-click-prediction", "no-user-ids"),
            ADS_USER_ID_DESIGN,
            "We don't use persistent identifiers for targeting anyway, so I'd keep the model "
            "exactly as it is.",
        ),
    ],
    ids=["consented", "agreed", "our-company", "keeps-the-ids", "untrue-of-the-user-id"],
)
def test_arguing_the_change_away_without_figures_keeps_the_design(embedder, args, first, reply):
    """Seen by a tester: "Our users consented, so the regulation does not apply to us, and I
    would keep the model exactly as it is with the user id features" was judged "no need:
    shown to meet it" and praised for showing "with its own figures" that the design meets
    the rule: not pushed, not charged. Saying the rule does not apply to *us* argues the
    change away; it shows nothing about what the design uses. Only the design shown not to
    use what the change takes away ("none of our features come from the device") meets it,
    and only when it is true of the design: one built on "the user id" uses "persistent user
    identifiers"."""
    v = verdict(*args, first, reply, embedder)
    assert v.held is None and not v.revised and v.kept is not None
    assert v.outcome == "kept"


@pytest.mark.parametrize(
    "reply",
    [
        "I would keep the address book features exactly as they are.",
        "Honestly, I'd keep every one of the uploaded address book features just as they are.",
        "We'd leave the address book import and its graph features in the EU exactly as it is.",
        "Fine, but I'd keep the uploaded address book features.",
    ],
)
def test_keeping_the_affected_parts_in_many_words_is_no_change(embedder, reply):
    """Seen by a tester: "I would keep the address book features exactly as they are", after
    the address-book ban, was told it "changed the design: yes": it names two of the
    change's remedies ("address book", "features"), and "keep … as they are" was not read
    as keeping once more than a few words stood between them. A sentence that keeps the
    design as it is never changes it, whatever words of the change it names."""
    first = (
        "Candidates come from friends of friends and from uploaded address books, then a "
        "gradient boosted model ranks the top few hundred, precomputed every night."
    )
    v = verdict("people-you-may-know", "address-book-ban", first, reply, embedder)
    assert not v.revised and not v.changed and v.kept is not None
    assert v.outcome == "kept"


def test_viewing_history_unused_by_the_churn_model_needs_no_change(embedder):
    """S19: the answer lists the model's features, none from viewing."""
    first = (
        "I'd use uplift modelling on usage, billing history, support tickets and past offer "
        "experiments, run weekly as a batch job that writes the target list to the CRM."
    )
    reply = (
        "That one doesn't affect us. None of the model's features come from what people "
        "watch: it uses logins per week, billing history and support tickets. Viewing history "
        "only feeds the recommender, which is a separate system."
    )
    v = verdict("churn-prediction", "no-viewing-history", first, reply, embedder)
    assert v.held is not None and not v.revised


def test_a_change_that_takes_away_nothing_the_design_named_is_not_made(embedder):
    """S39: "Legal says a new privacy law bans device fingerprinting" was made on a design
    that never named a device."""
    q = load_question("fraud-detection")
    for first, made in ((TRANSACTIONS_DESIGN, False), (DEVICE_DESIGN, True)):
        options = set()
        for seed in range(12):
            picked = pick_change(q, seed, frozenset(), [], first, split_sentences(first), embedder)
            options.add(picked.id if picked else None)
        assert ("no-device-fingerprint" in options) is made, options


def test_the_first_answer_said_again_does_not_take_the_change_up(embedder):
    """S09: a replay of the design, with no word of Germany or German, was told it "named
    the new requirement" (the replay is about job matching, as the change is)."""
    first = (
        "We want to recommend jobs to people looking for work so that they apply and, better, "
        "get hired. I'd measure applications per recommendation shown, and later the hire "
        "rate, because applications alone can be spam. "
        "Data: profiles, resumes, job posts, and the history of views and applies. First we "
        "get candidate jobs with a two tower model that embeds the person and the job, then a "
        "ranker with features like title match, location, salary and skills overlap predicts "
        "the chance of apply. We retrain daily and serve the top twenty from a precomputed "
        "list updated every hour. I'd pick the two tower approach because the job catalogue "
        "is millions of posts and brute force scoring is too slow."
    )
    replay = (
        "As I said, candidate jobs come from a two tower model that embeds the person and the "
        "job, then a ranker with features like title match, location, salary and skills "
        "overlap predicts the chance of apply. We retrain daily and serve the top twenty from "
        "a precomputed list updated every hour."
    )
    v = verdict("job-matching", "new-country", first, replay, embedder)
    assert not v.acknowledged and not v.revised


def test_a_design_using_user_ids_still_meets_the_rule_against_identifiers():
    """The design names "the user id": a rule against "persistent user identifiers" bites
    (the interviewer evaluation's ads-model-first had lost that change)."""
    from assistant.interview.changes import takes_nothing

    q = load_question("ad-click-prediction")
    change = next(c for c in q.constraint_changes if c.id == "no-user-ids")
    first = (
        "I'd train a deep and cross network on the user id, the ad id and the user's recent "
        "clicks, served behind the auction."
    )
    assert not takes_nothing(change, first, q.words)
    assert takes_nothing(change, "I'd rank ads by the page's words and the ad text.", q.words)


SEARCH_FIRST = (
    "We rank products for a search query to maximise purchases, measured by NDCG at 10 offline "
    "and conversion per search online. Retrieval uses BM25 and an embedding index, then a "
    "LambdaMART ranker over the top 500 with query, product and user features from a feature "
    "store, within 60 ms. The product index is refreshed from the inventory stream, and out of "
    "stock items are filtered before ranking."
)
HARMFUL_FIRST = (
    "We classify each post as harmful or fine, judged by recall at a fixed precision per "
    "policy. A multilingual transformer scores text and a vision model scores images, served "
    "on GPUs behind the upload service, with reviewers labelling the borderline cases."
)


def test_a_design_that_meets_the_change_in_other_units_met_it(embedder):
    """Seen by a tester: "the index gets stock within 30 seconds" after "stock must be
    reflected within 1 minute" was told it kept the design and pushed; "in under 2
    seconds, well inside the minute" after "cut within 60 seconds" was told it did not
    take the change up. A time of the design's own inside the change's, in any unit,
    meets it; one outside it does not."""
    stock = ("search-ranking", "stock-freshness", SEARCH_FIRST)
    v = verdict(*stock, "The inventory stream reaches the index within 30 seconds.", embedder)
    assert v.acknowledged and not v.revised and v.held == 0
    slow = "Stock changes take about 5 minutes to reach the index, so that's covered."
    assert verdict(*stock, slow, embedder).held is None
    live = ("harmful-content", "live-video", HARMFUL_FIRST)
    reply = (
        "Our classifiers already score a frame sample in under 2 seconds, well inside the minute."
    )
    assert verdict(*live, reply, embedder).acknowledged
    from assistant.interview.adaptation import time_limit
    from assistant.interview.spoken_numbers import inside, number_text

    # 50 ms against 0.05 s, a minute against 60 seconds; a quote that must hold for 5
    # minutes allows no time at all
    q = {
        c.id: c
        for x in ("query-autocomplete", "dynamic-pricing")
        for c in load_question(x).constraint_changes
    }
    assert time_limit(q["price-stability"]) is None
    assert inside(number_text("it takes 0.05 s"), 0.05) and inside(number_text("50 ms"), 0.05)
    assert not inside(number_text("it takes 0.06 s"), 0.05)
    assert inside(number_text("within a minute"), 60) and not inside(number_text("two minutes"), 60)


def test_a_retelling_reads_the_same_to_the_interviewer_and_the_report_however_it_opens():
    """Seen by a tester: "give me the same story again in one minute" met by a shorter
    retelling. Opened with "Sure." the report said it took the twist up while the
    interviewer pushed "Which part of your design does that break…"; opened with "Sure,
    short version." neither did, and the report quoted another sentence. The retelling
    is judged as one by both, with the same quote."""
    from assistant.interview.adaptation import check_adaptation
    from assistant.interview.changes import verdict_after
    from assistant.interview.moves import Move
    from assistant.interview.planner import OfflinePlanner, PlannerState
    from assistant.interview.view import AnswerView
    from assistant.scoring.analyse import StructureSpec, analyse_text
    from assistant.scoring.structure.embedder import MiniLMEmbedder
    from assistant.scoring.structure.scorers import build_scorer
    from assistant.settings import Settings
    from rubrics import load_rubric

    question = load_question("behavioural-conflict")
    (twist,) = [c for c in question.constraint_changes if c.retell]
    rubric = load_rubric(question.rubric)
    embedder = MiniLMEmbedder()
    scorer, method = build_scorer(rubric, embedder)
    spec = StructureSpec(rubric, scorer, method)
    outside = Path(__file__).parents[1] / "eval" / "outside"
    text = (outside / "behavioural-conflict-retold.txt").read_text()
    assert text.startswith("Sure. ")
    first = analyse_text(
        (outside / "behavioural-conflict-strong.txt").read_text(), Settings(), structure=spec
    )
    planner = OfflinePlanner(question, rubric, embedder=embedder)
    said = Move(
        kind="new_constraint", target=twist.id, why="-", question=twist.say, source="planner"
    )
    quotes = set()
    for opening in ("Sure. ", "Sure, short version. ", "Short version. "):
        retold = analyse_text(opening + text.removeprefix("Sure. "), Settings(), structure=spec)
        report = check_adaptation(twist, retold, earlier=[first], embedder=embedder, design=False)
        views = [AnswerView.of(first), AnswerView.of(retold)]
        heard = verdict_after(question, twist, views, embedder)
        assert report.revised and heard.revised, opening
        move = planner.choose(PlannerState([said], views, 3))
        assert move.target != twist.id, (opening, move.question)
        quotes.add(report.evidence.quote if report.evidence else None)
    assert len(quotes) == 1 and "Two years ago" in quotes.pop()


SPAM_FIRST = (
    "A cheap sender reputation check on IP and domain rejects the obvious senders, then a "
    "gradient boosted tree on header features, link domains and a small text model scores "
    "what passes. Thresholds are tuned for very few false positives on legitimate mail."
)
SPAM_HOLDS_UP = (
    "I think the design holds up. The gradient boosted tree on headers and text is fast, the "
    "reputation check catches most of the volume, and the band in the middle protects "
    "legitimate mail. I'd keep tuning the thresholds on the false positive rate and retrain "
    "weekly."
)


@pytest.mark.parametrize("tail", ["", " and retrain weekly"])
def test_saying_the_design_holds_up_keeps_it_whatever_is_kept_up_after(embedder, tail):
    """hI S02: "I think the design holds up … I'd keep tuning the thresholds … and retrain
    weekly" read "changed the design: yes" (cost 0): "keep tuning", said as "tuned"
    before, and "weekly" made a plan. Without the three last words it read as lip service."""
    reply = SPAM_HOLDS_UP.replace(" and retrain weekly", tail)
    v = verdict("spam-filter", "llm-spam-wave", SPAM_FIRST, reply, embedder)
    assert v.kept is not None and not v.revised


def test_a_design_that_holds_up_but_drops_a_part_is_revised(embedder):
    reply = (
        "The core design holds up, but I'd drop the text model and lean on sender age, "
        "sending bursts and link domains instead."
    )
    v = verdict("spam-filter", "llm-spam-wave", SPAM_FIRST, reply, embedder)
    assert v.revised


PARKING_FIRST = (
    "I'd predict occupancy per block for each fifteen minute slot with a gradient boosted "
    "model. A batch job every five minutes precomputes the probability for every block and "
    "writes it to a cache, so the app just does a lookup."
)
PARKING_100MS = ConstraintChange(
    id="latency-100ms",
    say="The app team says the answer must come back within 100 ms, including the map lookup.",
    keywords=["cache", "precompute", "lookup", "batch"],
    stages=["deployment"],
)


def parking(reply: str, embedder):
    return judge_texts(
        PARKING_100MS,
        split_sentences(reply),
        split_sentences(PARKING_FIRST),
        context="Predict the chance of finding a free parking spot near a destination.",
        embedder=embedder,
    )


@pytest.mark.parametrize(
    "limit",
    ["A tenth of a second is plenty for us.", "Well under a tenth of a second, easily."],
)
def test_a_limit_met_in_words_with_figures_in_the_next_sentence_is_held(embedder, limit):
    """hI T1: "A tenth of a second is plenty for us. The request path is one cache read of
    about five milliseconds, plus the map lookup, which takes about forty, so we're near
    fifty in total. Nothing needs to change." was pushed and charged 10 points: "a tenth of
    a second" was read as "a second", "plenty" was no word of meeting it, and the figures
    were in the next sentence."""
    reply = (
        f"{limit} The request path is one cache read of about five milliseconds, plus the "
        "map lookup, which takes about forty, so we're near fifty in total. Nothing needs to "
        "change."
    )
    v = parking(reply, embedder)
    assert v.acknowledged and not v.revised and v.held == 0


def test_a_limit_met_in_words_is_not_held_by_figures_that_miss_it(embedder):
    reply = (
        "A tenth of a second is plenty for us. The map lookup alone takes about two hundred "
        "milliseconds. Nothing needs to change."
    )
    assert parking(reply, embedder).held is None


@pytest.mark.parametrize(
    ("said", "seconds"),
    [
        ("a tenth of a second", 0.1),
        ("half a second", 0.5),
        ("a quarter of a minute", 15.0),
        ("one and a half seconds", 1.5),
        ("ninety milliseconds", 0.09),
    ],
)
def test_a_part_of_a_unit_is_read_as_its_time(said, seconds):
    assert times(number_text(said)) == pytest.approx([seconds])


def test_a_design_shown_to_meet_the_change_once_pushed_costs_what_a_late_change_does():
    """hI T1: pushed, the candidate said "Five milliseconds for the cache read plus forty
    for the map is well under one hundred milliseconds", and the report still said "kept
    the design as it was without showing how it meets the new requirement; show with
    figures that it does" (−10)."""
    from assistant.interview.adaptation import credit_push
    from assistant.practice.session_report import adaptation_cost, adaptation_feedback
    from assistant.report import AdaptationOut, Evidence
    from assistant.report.format import adaptation_verdict

    kept = AdaptationOut(
        constraint="latency-100ms",
        said=PARKING_100MS.say,
        acknowledged=True,
        revised=False,
        kept=True,
        evidence=Evidence(quote="Nothing needs to change.", start=None),
    )
    shown = "Five milliseconds for the cache read plus forty for the map is well under 100 ms."
    pushed = kept.model_copy(
        update={"kept": False, "held": True, "evidence": Evidence(quote=shown, start=None)}
    )
    out = credit_push(kept, pushed)
    assert adaptation_verdict(out) == ("yes", "no, then shown to meet it once pushed")
    assert adaptation_cost([out]) == 5 == adaptation_cost([kept]) - 5
    (said,) = adaptation_feedback([out])
    assert "only once the interviewer pushed" in said.message and said.evidence.quote == shown


FRAUD_FIRST = (
    "We score every payment with a gradient boosted tree on card, merchant and velocity "
    "features, served from a feature store, and the whole check takes about a hundred "
    "milliseconds."
)


def test_a_percentile_is_not_a_figure_of_the_design(embedder):
    """The change "fraud scoring now gets 30 ms at p99" was read as setting 30 and 99, and
    "p99" as the number 99: "That's fine, our p99 is already well under that" (no figure
    at all, after a design that takes a hundred milliseconds) was judged shown with
    figures to meet the change, and was not pushed. A real figure inside the limit still
    shows it."""
    from assistant.interview.adaptation import salient_terms
    from assistant.interview.spoken_numbers import numbers_in

    q = load_question("fraud-detection")
    change = next(c for c in q.constraint_changes if c.id == "latency-30ms")
    assert salient_terms(change, q.words)[0] == ["30"]
    unshown = "That's fine, our p99 is already well under that, so nothing changes."
    v = verdict("fraud-detection", "latency-30ms", FRAUD_FIRST, unshown, embedder)
    assert v.held is None and not v.revised and v.kept is not None
    shown = "We're at twenty milliseconds at p99, well within thirty, so nothing changes."
    assert verdict("fraud-detection", "latency-30ms", FRAUD_FIRST, shown, embedder).held == 0
    # "p99 under 50 ms" is a 50 ms limit on the 99th percentile, however it is said
    for said in (
        "p99 under 50 ms",
        "p ninety nine under fifty milliseconds",
        "the 99th percentile is under 50 ms",
        "P95 within 50 ms",
    ):
        norm = number_text(said)
        assert numbers_in(norm) == ["50"] and times(norm) == pytest.approx([0.05])
        assert figures(said) == {("50", "ms")}


def test_a_design_already_inside_a_time_limit_is_not_handed_it_as_a_change(embedder):
    """hI S25/S26/T1 (parking): "Because we precompute every five minutes, the request
    path is a cache read, well under fifty milliseconds" was followed by "the answer must
    come back within 100 ms… How does your design change?", and the candidate was then
    charged for keeping the design. A time of the design's own said to fit inside a
    change's limit designs for it, as its figure said back does; a time said without
    fitting, over the limit, or about something else does not."""
    q = load_question("duplicate-listings")
    at_posting = next(c for c in q.constraint_changes if c.id == "at-posting-time")
    inside = DUP_AT_POSTING.replace(
        "under 300 milliseconds", "in well under a hundred milliseconds"
    )
    sentences = split_sentences(inside)
    assert anticipated(at_posting, sentences, embedder) == 1
    for seed in range(4):
        picked = pick_change(q, seed, DESIGNED, [], inside, sentences, embedder)
        assert picked is not None and picked.id != "at-posting-time"
    fraud = load_question("fraud-detection")
    budget = next(c for c in fraud.constraint_changes if c.id == "latency-30ms")
    fits = (
        "The model is a small tree ensemble in memory, so scoring a payment takes about ten "
        "milliseconds, well under the budget."
    )
    assert anticipated(budget, [fits], embedder) == 0
    for other in (
        fits.replace(", well under the budget", ""),  # a time, not said to fit
        fits.replace("ten", "a hundred"),  # over the 30 ms
        "Alerts fire within ten milliseconds of the error rate jumping.",  # another thing
    ):
        assert anticipated(budget, [other], embedder) is None, other


@pytest.mark.parametrize(
    "reply",
    [
        "I'd keep the persistent ids away from the model and score ads on the page and the "
        "session only.",
        "Keeping the user identifiers out of the features, I would rank on the page and "
        "the session only.",
    ],
)
def test_keeping_something_away_from_the_model_is_a_change_not_the_design_kept(embedder, reply):
    """ "I'd keep them away from the model" read as keeping the model: the answer that
    takes the ids out of the design was judged to keep it, and pushed."""
    from assistant.interview.adaptation import keeps_design

    assert not keeps_design(reply)
    assert keeps_design("I would keep the model as it is.")
    v = verdict("ad-click-prediction", "no-user-ids", ADS_FIRST, reply, embedder)
    assert v.revised and v.kept is None


def _retelling_twist(embedder):
    """The conflict story's one-minute retelling twist, and a STAR scorer to read answers."""
    from assistant.scoring.analyse import StructureSpec
    from assistant.scoring.structure.scorers import build_scorer
    from rubrics import load_rubric

    question = load_question("behavioural-conflict")
    (twist,) = [c for c in question.constraint_changes if c.retell]
    rubric = load_rubric(question.rubric)
    scorer, method = build_scorer(rubric, embedder)
    return question, twist, StructureSpec(rubric, scorer, method)


STORY_FIRST = (
    "Two years ago our search lead wanted to roll a new ranking model out to every market at "
    "once, and I wanted to check it on one market first. My job was to get the team to one "
    "launch plan before the holiday freeze. I sat down with her, heard that she feared "
    "missing the freeze, and offered a five day canary in Portugal with a rollback switch. "
    "The canary caught a bug that dropped clicks by four percent, we fixed it, and the full "
    "launch went out two days late without incident. Since then I ask what deadline someone "
    "is protecting before I argue for more testing."
)
STORY_TERSE = (
    "Short version: search lead wanted the ranker everywhere, I wanted one market. Offered "
    "her a five day canary in Portugal, caught a bug worth four percent of clicks, shipped "
    "two days late. Lesson: ask about the deadline."
)


def test_a_terse_retelling_that_keeps_the_story_s_parts_takes_up_the_twist(embedder):
    """Seen by a tester: "give me the same story again in one minute" met by a 49-word
    retelling of the situation, the action and the result, each said in a clause, was
    told "adapted the answer: no" (−10), because no part reached a stage's depth of its
    own; the same story in fuller sentences passed. A short telling that says the first
    one's parts again is what the twist asks for, to the report and the interviewer."""
    from assistant.interview.adaptation import check_adaptation
    from assistant.interview.changes import verdict_after
    from assistant.interview.view import AnswerView
    from assistant.scoring.analyse import analyse_text
    from assistant.settings import Settings

    question, twist, spec = _retelling_twist(embedder)
    first = analyse_text(STORY_FIRST, Settings(), structure=spec)
    terse = analyse_text(STORY_TERSE, Settings(), structure=spec)
    report = check_adaptation(twist, terse, earlier=[first], embedder=embedder, design=False)
    heard = verdict_after(question, twist, [AnswerView.of(first), AnswerView.of(terse)], embedder)
    assert report.acknowledged and report.revised
    assert heard.revised
    # the result alone, however short, is not the story again
    result = analyse_text(
        "The canary caught a bug and we launched two days late.", Settings(), structure=spec
    )
    report = check_adaptation(twist, result, earlier=[first], embedder=embedder, design=False)
    assert not report.revised


DRIFT_FIRST = (
    "I'll explain data drift to a new analyst on the fraud team, because it is why a good "
    "model quietly gets worse. I'll give the idea, an example, and what to do. Data drift is "
    "when the inputs the model sees in production stop looking like the data it was trained "
    "on. The model still answers confidently, so nothing crashes; the answers just get less "
    "right. For example, after a big retailer launched buy now pay later, a third of our card "
    "payments came from a checkout flow the model had never seen, and our fraud catch rate "
    "fell from eighty to sixty percent in six weeks. So the lesson: compare this week's "
    "inputs with the training data every week, and retrain when they part ways."
)


def test_a_short_version_that_says_the_explanation_s_parts_takes_up_the_twist(embedder):
    """Seen by a tester: "Give me the thirty-second version." met by a crisp version of the
    explanation (the definition, how it goes wrong, what to do), with no example and no
    opening for the listener, was told "took it up: no, adapted the answer: no" (−10); only
    a version that said "Short version: … For example …" passed. The parts of the first
    telling said again, briefly, are what the twist asks for, to the report and the
    interviewer; one of them alone is not."""
    from assistant.interview.adaptation import check_adaptation
    from assistant.interview.changes import verdict_after
    from assistant.interview.view import AnswerView
    from assistant.scoring.analyse import StructureSpec, analyse_text
    from assistant.scoring.structure.scorers import build_scorer
    from assistant.settings import Settings
    from rubrics import load_rubric

    question = load_question("general-teach-concept")
    (twist,) = [c for c in question.constraint_changes if c.retell]
    rubric = load_rubric(question.rubric)
    scorer, method = build_scorer(rubric, embedder)
    spec = StructureSpec(rubric, scorer, method)
    first = analyse_text(DRIFT_FIRST, Settings(), structure=spec)
    short = analyse_text(
        "Drift is when production inputs stop looking like the training data. Nothing crashes "
        "and the model stays confident, it is just less often right. So compare each week's "
        "inputs to the training set and retrain when they diverge.",
        Settings(),
        structure=spec,
    )
    report = check_adaptation(twist, short, earlier=[first], embedder=embedder, design=False)
    heard = verdict_after(question, twist, [AnswerView.of(first), AnswerView.of(short)], embedder)
    assert report.acknowledged and report.revised
    assert heard.revised
    # the definition alone is one part of the explanation, not the explanation again
    definition = analyse_text(
        "Drift is when production inputs stop looking like the training data.",
        Settings(),
        structure=spec,
    )
    report = check_adaptation(twist, definition, earlier=[first], embedder=embedder, design=False)
    assert not report.revised


NOTIFY_FIRST = (
    "I'd rank each user's candidate notifications with gradient boosted trees that predict "
    "an open within a day and the risk of a disable, send the best ones in a few batches a "
    "day, and retrain every week. Success is next-day opens, with the disable rate as a "
    "guardrail."
)


@pytest.mark.parametrize(
    "reply",
    [
        "That target feels wrong for a shopping app, so I'd keep optimising for next-day opens "
        "and take the tradeoff to leadership.",
        "Ninety day actives move too slowly to learn from. I'd stick with next-day opens as our "
        "objective.",
        # an answer about a change not made (the daily cap) given to this one
        "I don't think that cap makes sense for us; I'd keep sending whatever the ranker picks.",
        "I don't think that cap is a good idea. Our opt out rate is low, so I'd keep sending "
        "whatever the ranker picks.",
    ],
    ids=[
        "keeps-optimising-the-old-target",
        "sticks-with-the-old-target",
        "argues-another-change",
        "argues-another-change-apart",
    ],
)
def test_keeping_the_objective_the_change_replaces_keeps_the_design(embedder, reply):
    """Seen by a tester: after "We now judge success on 90-day active users, not next-day
    opens", an answer that argued against the new target and kept optimising the old one
    was told "changed the design: yes", with no push and no cost: the change's own words
    said back, and the argument's words, read as a plan. Going on as the design did, or
    keeping what the change replaces, keeps the design."""
    v = verdict("notification-ranking", "long-term-objective", NOTIFY_FIRST, reply, embedder)
    assert not v.revised and v.kept is not None
    assert v.outcome == "kept"


@pytest.mark.parametrize(
    "reply",
    [
        "I would keep next-day opens as a guardrail and train a survival model on 90-day activity.",
        "Since 90-day activity comes late, I'd keep opens as a proxy, and calibrate it against "
        "a long term holdout.",
        "I'd keep training the ranker weekly, now on a 90-day retention label from a holdout.",
    ],
)
def test_keeping_the_old_objective_beside_the_new_one_still_revises(embedder, reply):
    v = verdict("notification-ranking", "long-term-objective", NOTIFY_FIRST, reply, embedder)
    assert v.acknowledged and v.revised


def test_going_on_as_before_is_no_plan_whatever_words_of_the_change_it_names(embedder):
    """ "I'd keep training on clicks and show advertisers the click numbers" after "we need
    conversion predictions, not just clicks" was a plan: "keep" counted as one of its new
    words. Going on is no part of a plan; a real one still revises."""
    first = (
        "I'd score five hundred candidate ads with a deep and cross network on user and ad "
        "features, trained on click logs, served on CPU in 25 ms."
    )
    keeps = "I'd keep training on clicks and show advertisers the click numbers."
    v = verdict("ad-click-prediction", "optimise-conversions", first, keeps, embedder)
    assert not v.revised
    adds = (
        "I'd keep predicting clicks, and add a second head that predicts conversion given a "
        "click, trained on delayed purchase labels."
    )
    v = verdict("ad-click-prediction", "optimise-conversions", first, adds, embedder)
    assert v.revised


def test_an_argument_against_another_change_did_not_take_this_one_up(embedder):
    """ "I don't think that cap is a good idea. Two a day is too few for active users…"
    given to "We now judge success on 90-day active users…" was kept and charged but read
    "took it up: yes": its second sentence is near the 90-day change in meaning ("active
    users"), though the answer argues against a cap only another change brings. An
    argument against this change itself still took it up."""
    other = (
        "I don't think that cap is a good idea. Two a day is too few for active users, and "
        "our opt out rate is already low, so I'd keep sending what the model picks."
    )
    v = verdict("notification-ranking", "long-term-objective", NOTIFY_FIRST, other, embedder)
    assert not v.acknowledged and v.outcome == "kept"
    this = (
        "Ninety day actives move too slowly to learn from. I'd stick with next-day opens as "
        "our objective."
    )
    v = verdict("notification-ranking", "long-term-objective", NOTIFY_FIRST, this, embedder)
    assert v.acknowledged and v.outcome == "kept"


@pytest.mark.parametrize(
    ("question", "change", "first", "reply"),
    [
        (
            "ad-click-prediction",
            "optimise-conversions",
            "I'd score five hundred candidate ads with a deep and cross network on user and ad "
            "features, trained on click logs, served on CPU in 25 ms.",
            "I'd keep training on clicks and show advertisers the click numbers.",
        ),
        (
            "music-playlist",
            "artist-fairness",
            "We build a daily playlist per user from a two tower model over listening history, "
            "ranked by predicted skips, refreshed weekly.",
            "I'd keep ranking by predicted skips; established artists are what people want.",
        ),
    ],
    ids=["advertisers", "artists"],
)
def test_naming_who_asked_for_a_change_brings_nothing_of_it(
    embedder, question, change, first, reply
):
    """ "Advertisers now want…", "Labels and artists demand…": an answer that keeps the
    design and names them ("show advertisers the click numbers") read "changed the
    design: no" rather than "kept as it was", as if naming who asked brought something
    of the change. It keeps the design."""
    v = verdict(question, change, first, reply, embedder)
    assert not v.revised and v.outcome == "kept", v


DEVICE_FIRST = (
    "I'd score each payment with gradient boosted trees on the amount, the merchant, the "
    "card's velocity and the device fingerprint, which catches most account takeovers."
)


@pytest.mark.parametrize(
    "reply",
    [
        "I would check with our lawyers whether fraud is exempt, and until they reply I'd keep "
        "the device signals and write that decision down.",
        "Let's wait for the compliance team to confirm. Meanwhile we keep fingerprinting "
        "devices, and I'd document why.",
    ],
    ids=["keeps-the-banned-signals-until-told", "keeps-fingerprinting-meanwhile"],
)
def test_keeping_what_a_ban_takes_away_keeps_the_design(embedder, reply):
    """Seen by a tester: "…I would ask legal to confirm the exemption, and until they
    answer I would keep the device features and log that decision." after "a new privacy
    law bans device fingerprinting" was "changed the design: yes", with no push and no
    cost: asking someone and writing something down read as a plan. Keeping what a ban
    takes away keeps the design, whatever is done beside it."""
    v = verdict("fraud-detection", "no-device-fingerprint", DEVICE_FIRST, reply, embedder)
    assert not v.revised and v.outcome == "kept", v


@pytest.mark.parametrize(
    "reply",
    [
        "I'd drop the device fingerprint and keep the velocity features, adding the IP "
        "country and how old the account is.",
        "Until legal confirms, I'd keep the device features out of the model and lean on card "
        "velocity and merchant history instead.",
    ],
)
def test_keeping_other_parts_beside_dropping_what_a_ban_takes_still_revises(embedder, reply):
    v = verdict("fraud-detection", "no-device-fingerprint", DEVICE_FIRST, reply, embedder)
    assert v.revised, v


def twist_verdict(question_id: str, change_id: str, first: str, reply: str, embedder):
    q = load_question(question_id)
    change = next(c for c in q.constraint_changes if c.id == change_id)
    return judge_texts(
        change,
        split_sentences(reply),
        split_sentences(first),
        context=q.words,
        embedder=embedder,
        alternatives=[c.say for c in q.constraint_changes if c.id != change_id],
        design=False,
    )


TRADEOFF_FIRST = (
    "We had to choose between batch scoring once a night and scoring every order in real time "
    "for our fraud checks. Real time scoring caught roughly twice as many stolen cards in the "
    "first hour, but it needed a streaming feature store that our two engineers could not run. "
    "We picked the nightly batch job, with a simple rule list for the riskiest orders, because "
    "we could build it in three weeks. Looking back, ship what the team can run."
)


@pytest.mark.parametrize(
    "reply",
    [
        # no word of the twist ("argue", "the case for", "alternative"...): the rejected
        # option named, and reasons given in its favour
        "Real time scoring stops stolen cards within minutes, while the thief is still "
        "shopping, and twice as many caught is money we never refund. The streaming store is "
        "a one off cost that a managed service would carry for us.",
        "The strongest version for streaming: every order checked as it happens, so a stolen "
        "card is blocked on the first purchase, not the tenth.",
    ],
    ids=["names-it", "names-its-trait"],
)
def test_arguing_for_the_option_turned_down_takes_up_the_twist(embedder, reply):
    """Seen by a tester: "Argue the option you didn't pick as convincingly as you can."
    answered by a good argument for the option the first answer turned down was told "took
    it up: no, changed it for other reasons" (−10) unless it opened "Arguing for the option I
    didn't pick". Which option was turned down is known from the first answer."""
    v = twist_verdict("general-explain-tradeoff", "other-side", TRADEOFF_FIRST, reply, embedder)
    assert v.acknowledged and v.revised


def test_arguing_for_the_option_picked_again_does_not_take_up_the_twist(embedder):
    reply = (
        "I'd still go with the nightly batch job and the rule list: three weeks to build, and "
        "nothing the team cannot run."
    )
    v = twist_verdict("general-explain-tradeoff", "other-side", TRADEOFF_FIRST, reply, embedder)
    assert not v.revised


CONFLICT_FIRST = (
    "Our lead analyst wanted to drop the old pricing model at once, and I wanted to keep it "
    "running beside the new one for a month. I booked an hour with her, showed the error rates "
    "of both by region, and we agreed to run them side by side. After four weeks the old model "
    "was still better in two regions, so we kept it there. What stayed with me is that a test "
    "we both trust settles an argument faster than opinions."
)


def test_a_story_told_again_without_being_wrong_does_not_take_up_the_twist(embedder):
    """Seen by a tester: "Let's say it later turned out you were the one who was wrong. How
    would that change the story?" answered with the same story, the candidate right, was
    told "took it up: yes, adapted: yes", because stories say the twist's words anyway
    ("learned", "evidence"). An answer that never takes the premise did not take it up."""
    reply = (
        "I would still book the hour with her and bring the error rates by region. We ran both "
        "models for a month and the evidence settled it. I learned to agree on the test before "
        "arguing about the result."
    )
    v = twist_verdict("behavioural-conflict", "you-were-wrong", CONFLICT_FIRST, reply, embedder)
    assert not v.acknowledged and not v.revised


@pytest.mark.parametrize(
    "reply",
    [
        "If the side by side run had shown I was wrong, I would have told her first and then "
        "the team, switched the regions to the new model that week, and written down what I "
        "had misjudged about the old one.",
        "Say the new model had won everywhere: that was my mistake, so I would have retired the "
        "old model early and thanked her in the review.",
    ],
    ids=["says-wrong", "says-mistake"],
)
def test_a_story_that_takes_the_premise_takes_up_the_twist(embedder, reply):
    v = twist_verdict("behavioural-conflict", "you-were-wrong", CONFLICT_FIRST, reply, embedder)
    assert v.acknowledged


def test_the_option_turned_down_may_be_named_only_where_both_were_weighed(embedder):
    """ "We had to choose between…" names both options: it does not say which was taken, so
    the one turned down, named only there, is still the one the twist asks for."""
    first = (
        "We had to choose between a hand written rules engine and a gradient boosted classifier "
        "for flagging refunds. We went with the rules engine because auditors could read every "
        "rule. Lesson: explainability can outweigh accuracy."
    )
    reply = (
        "A gradient boosted classifier would flag far more bad refunds, and its scores can be "
        "explained with feature attributions, so auditors still get reasons."
    )
    v = twist_verdict("general-explain-tradeoff", "other-side", first, reply, embedder)
    assert v.acknowledged and v.revised


def test_half_of_a_big_number_is_read_as_a_number():
    """ "half a million" was "50 a million" in every caller of ``number_text`` (facts,
    changes, assumptions) until one of them turned it back; half of a second is still
    what :func:`times` reads."""
    from assistant.interview.spoken_numbers import number_text

    assert number_text("about half a million new uploads a day") == (
        "about 0.5 million new uploads a day"
    )
    assert number_text("two and a half billion rows, a half million users") == (
        "2.5 billion rows 0.5 million users"
    )
    assert times(number_text("half a second, one and a half minutes")) == [0.5, 90.0]


PLAYLIST_FIRST = (
    "Each week every listener gets thirty songs they have not heard. Candidates come from "
    "collaborative filtering embeddings and from an audio embedding space, and a gradient "
    "boosted ranker orders them on the listener's skip history. It runs as a weekly batch."
)


@pytest.mark.parametrize(
    "reply",
    [
        "We disagree: pushing unheard artists will lower saves and raise skips. We would leave "
        "the ranker unchanged and let the audio embedding candidates bring new artists in, as "
        "they do today.",
        "I don't agree with that one. Boosting unknown artists would cut listening time and "
        "drop retention for established artists. I would keep the ranker as it is.",
    ],
)
def test_a_refusal_argued_in_the_change_s_own_words_is_no_revision(reply, embedder):
    """Played in the app: "I disagree with that. … pushing unknown artists will raise skips.
    I would keep the ranker as it is…" was credited "took it up, changed the design", no
    push, no cost: "raise" in the reason against the change read as a change of course.
    What the change would cause is no revision; the answer kept the design, quoted where it
    says so."""
    v = verdict("music-playlist", "artist-fairness", PLAYLIST_FIRST, reply, embedder)
    assert not v.revised and v.outcome == "kept", v
    assert "ranker" in split_sentences(reply)[v.evidence]


def test_turning_a_change_down_and_making_another_still_revises(embedder):
    """ "I don't agree with a quota…, because it would raise skips. Instead I would add an
    exploration slot…" turns the change down and makes a change of its own: a revision,
    quoted by the change made, not the reason against the quota."""
    reply = (
        "I don't agree with a fixed quota for labels, because it would raise skips. Instead I "
        "would add an exploration slot that boosts new artists, and watch fairness and skips "
        "on it."
    )
    v = verdict("music-playlist", "artist-fairness", PLAYLIST_FIRST, reply, embedder)
    assert v.revised, v
    assert "exploration slot" in split_sentences(reply)[v.evidence]


STORY_LONGER = STORY_FIRST + (
    " Also, to add more detail: before that meeting I spent two days pulling the query logs "
    "and building a small dashboard, so that everyone could see where the new ranker put out "
    "of stock items first. The result of the canary convinced the search lead, and I decided "
    "to write the rollback plan down for the next launch too. The outcome was a launch "
    "checklist that the whole team still uses, and my manager asked me to present it at the "
    "quarterly review, which I did, with the numbers from the canary and the bug we caught."
)


def test_a_longer_telling_of_the_story_does_not_take_up_a_shorter_retelling(embedder):
    """Seen by a tester: "give me the same story again in one minute" met by the same story
    at more length ("Also, to add more detail, …", 293 words after 203) was "took it up:
    yes, adapted the answer: yes", 87 with nothing charged, by its words ("result", "I
    decided", "the outcome"). Told longer than the first telling and than the minute
    holds, it adapted to nothing, to the report and to the interviewer alike."""
    from assistant.interview.adaptation import check_adaptation
    from assistant.interview.changes import verdict_after
    from assistant.interview.view import AnswerView
    from assistant.scoring.analyse import analyse_text
    from assistant.settings import Settings

    question, twist, spec = _retelling_twist(embedder)
    first = analyse_text(STORY_FIRST, Settings(), structure=spec)
    longer = analyse_text(STORY_LONGER, Settings(), structure=spec)
    assert len(STORY_LONGER.split()) > twist.answer_s * 2.5
    report = check_adaptation(twist, longer, earlier=[first], embedder=embedder, design=False)
    heard = verdict_after(question, twist, [AnswerView.of(first), AnswerView.of(longer)], embedder)
    assert not report.revised and not heard.revised
    # the terse retelling still takes it up, after a skipped opening too: the first
    # telling is the first answer with words in it ("Let's start smaller" asked for it)
    terse = analyse_text(STORY_TERSE, Settings(), structure=spec)
    skipped = analyse_text("", Settings(), structure=spec)
    report = check_adaptation(
        twist, terse, earlier=[skipped, first], embedder=embedder, design=False
    )
    views = [AnswerView.of(skipped), AnswerView.of(first), AnswerView.of(terse)]
    assert report.revised and verdict_after(question, twist, views, embedder).revised
