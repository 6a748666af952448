"""Never claim an omission that was not made (issue 15, item 4): the interviewer reads
what the answers said about each stage, in any words, before saying something was left
out, and states what was said when it probes a stage mentioned in passing."""

from __future__ import annotations

import pytest

from assistant.interview.clarify import clarifying_questions
from assistant.interview.planner import OfflinePlanner, PlannerState
from assistant.interview.stage_evidence import Said, already_answered, read_stages
from assistant.interview.view import AnswerView
from assistant.scoring.analyse import analyse_text
from assistant.settings import Settings
from prompts import load_question
from tests.support.interviews import RUBRIC, ml_spec, report_of

ABSENCE = ("not in any answer", "no answer so far weighed", "before settling", "not on the table")

STRONG_PLAIN = (
    "We show each job seeker the openings they are most likely to apply to and hear back from. "
    "I'd judge it offline by recall of the jobs people applied to the next week, and online by "
    "applications that got a recruiter reply. Applications that got a reply are positives, and "
    "jobs shown but skipped are negatives. A text model reading resume and job post together "
    "understands skills well but costs a lot per pair, while an embedding match is cheap but "
    "misses synonyms; I'd use the embeddings to pick a few hundred jobs and rank those. With "
    "forty million seekers the lists are computed in a nightly batch job and written to a key "
    "value store that the app reads."
)


@pytest.fixture(scope="module")
def spec():
    return ml_spec()


def view(text: str, spec) -> AnswerView:
    return AnswerView.of(report_of(text, spec))


def test_stages_said_in_plain_words_are_not_missing(spec):
    said = read_stages([view(STRONG_PLAIN, spec)], RUBRIC.stage_ids)
    for stage in ("framing", "data", "constraints", "tradeoffs", "deployment"):
        assert said[stage].level > Said.NOTHING, stage
    assert said["monitoring"].level == Said.NOTHING
    assert said["data"].sentence and "?" not in said["data"].sentence


def test_figures_that_are_not_limits_and_the_questions_own_words_are_not_evidence(spec):
    # "the first ten seconds" defines a label, it sets no limit; "churn" in a churn
    # question is the topic, not business impact
    text = (
        "We predict which subscribers will churn. A video abandoned in the first ten seconds "
        "is a negative example, "
        "and I'd train a two tower model on that."
    )
    q = load_question("churn-prediction")
    # as in a session: the analysis knows what was asked, and "We predict which
    # subscribers will churn" mostly says it back
    heard = AnswerView.of(analyse_text(text, Settings(), structure=spec, question=q.id))
    said = read_stages([heard], RUBRIC.stage_ids, q.words)
    assert said["constraints"].level == Said.NOTHING
    assert said["impact"].level == Said.NOTHING
    assert read_stages([heard], RUBRIC.stage_ids)["impact"].level > Said.NOTHING


def test_a_rhetorical_question_is_evidence_only_with_its_answer(spec):
    asked = "How would I know it works? Offline by precision among the top few percent of the list."
    said = read_stages([view(asked, spec)], ["metrics"])["metrics"]
    assert said.level > Said.NOTHING and said.sentence.endswith("list.")
    alone = read_stages([view("How would I know it works?", spec)], ["metrics"])["metrics"]
    assert alone.sentence is None or not alone.sentence.endswith("?")


def test_a_strong_answer_in_plain_words_meets_no_claim_of_an_omission(spec):
    """A whole session on the strong answer: no move says a stage it covered is missing,
    no tradeoff challenge although the word 'tradeoff' never came up, and the first probe
    goes to what is really missing."""
    q = load_question("job-matching")
    planner = OfflinePlanner(q, RUBRIC, embedder=spec.embedder)
    views = [view(STRONG_PLAIN, spec)]
    moves = []
    for left in (5, 4, 3):
        move = planner.choose(PlannerState(moves, views, left))
        moves.append(move)
        views.append(view("I'd need to think about that more.", spec))
    assert moves[0].targets == ["monitoring"] and "not in any answer" in moves[0].why
    for m in moves:
        assert not (m.kind == "challenge" and m.target == "tradeoffs")
        if any(a in m.why for a in ABSENCE):
            assert not set(m.targets) & {"framing", "data", "constraints", "deployment"}, m.why


def test_a_stage_said_in_passing_is_probed_with_the_candidates_words(spec):
    """The probe quotes the sentence its question follows on from; a sentence that only
    shares a cue word with the stage is not quoted, and nothing is called missing."""
    q = load_question("fraud-detection")
    planner = OfflinePlanner(q, RUBRIC, embedder=spec.embedder)
    base = "We decide for each payment whether to approve it. Labels are chargebacks. "
    served = "The model is served while the payment waits."
    unrelated = "It ships to the first merchants next quarter."
    for text, quoted in ((base + unrelated + " " + served, served), (base + unrelated, None)):
        views = [view(text, spec)]
        said = read_stages(views, ["deployment"], planner.context)["deployment"]
        assert said.level == Said.IN_PASSING
        move = planner.probes._follow_up(PlannerState([], views, 4), 0, "deployment", said)
        assert not any(a in move.why for a in ABSENCE)
        if quoted:
            assert "said in passing" in move.why and quoted[:40] in move.question
        else:
            assert "\u201c" not in move.question and "merchants" not in move.question


def test_a_bank_question_the_answer_already_answers_is_not_asked(spec):
    q = load_question("spam-filter")
    text = (
        "Losing a real email is far worse than letting spam through, so I'd fix the false "
        "positive rate on legitimate mail at one in ten thousand and maximise spam caught."
    )
    asks = [f.ask for f in q.follow_ups if f.stage == "metrics"]
    views = [view(text, spec)]
    answered = already_answered(asks, views, spec.embedder)
    assert [a for a in answered if a.startswith("How would you set the threshold")]
    planner = OfflinePlanner(q, RUBRIC, embedder=spec.embedder)
    assert not set(planner.probes._asks("metrics", PlannerState([], views, 4))) & answered
    assert (
        already_answered(asks, [view("I'd use a gradient boosted model.", spec)], spec.embedder)
        == set()
    )


def test_a_bank_question_answered_in_other_words_is_not_asked(spec):
    """The duplicate-listings answer narrows the pairs with an index lookup before the
    expensive comparison: close to "how would you narrow down candidate pairs?" in what
    it does, not in meaning to the sentence model (0.57). Two of the words an answer to
    it would use, in one sentence, answer it; one of them, or a sentence on another
    stage, does not."""
    q = load_question("duplicate-listings")
    narrow = next(f for f in q.follow_ups if "candidate pairs" in f.ask)
    asks = [f.ask for f in q.follow_ups if f.stage == "pipeline"]
    by = {f.ask: f.answered_by for f in q.follow_ups}
    said = (
        "When a listing comes in, we compute a text embedding and a photo hash, look up the "
        "nearest existing listings from the same seller in an index, and only then run the "
        "expensive comparison on the top twenty candidates."
    )
    assert already_answered(asks, [view(said, spec)], spec.embedder) == set()
    assert already_answered(asks, [view(said, spec)], spec.embedder, by) == {narrow.ask}
    planner = OfflinePlanner(q, RUBRIC, embedder=spec.embedder)
    state = PlannerState([], [view(said, spec)], 4)
    assert narrow.ask not in planner.probes._asks("pipeline", state)
    for other in (
        "We'd keep an index of every listing.",  # one of the words
        "The classifier compares the title, the photos and the price of the two listings.",
    ):
        assert narrow.ask not in already_answered(asks, [view(other, spec)], spec.embedder, by)


def test_a_bank_question_answered_over_two_sentences_is_not_asked(spec):
    """Played outside the repo: the candidate said "One risk is that the feature keeps
    suggesting the same popular people, who get even more invitations. I'd watch how
    concentrated the invitations received are…", and the interviewer quoted it back and
    asked "How could this feature create a rich-get-richer loop, and how would you spot
    it?". Each sentence holds one of the words an answer would use; the two hold two."""
    q = load_question("people-you-may-know")
    loop = next(f for f in q.follow_ups if "rich-get-richer" in f.ask)
    by = {f.ask: f.answered_by for f in q.follow_ups}
    first = "One risk is that the feature keeps suggesting the same popular people."
    second = "I'd watch how concentrated the invitations received are, and cap it per day."
    assert loop.ask not in already_answered([loop.ask], [view(first, spec)], None, by)
    assert loop.ask not in already_answered([loop.ask], [view(second, spec)], None, by)
    both = view(f"{first} {second}", spec)
    assert already_answered([loop.ask], [both], None, by) == {loop.ask}
    # two sentences far apart do not make one answer
    apart = view(f"{first} The ranker is a logistic regression on pair features. {second}", spec)
    assert already_answered([loop.ask], [apart], None, by) == set()


def test_a_randomised_rollout_with_no_offer_answers_how_the_saving_is_shown(spec):
    """Played outside the repo: after "I measure the subscribers saved per thousand
    offers, in a randomized rollout where a slice of high risk users get no offer", the
    first probe was "How would you show that the model actually saved subscribers?"."""
    q = load_question("churn-prediction")
    saved = next(f for f in q.follow_ups if "saved subscribers" in f.ask)
    by = {f.ask: f.answered_by for f in q.follow_ups}
    said = (
        "I measure the number of subscribers saved per thousand offers, in a randomized "
        "rollout where a slice of high risk users get no offer."
    )
    assert already_answered([saved.ask], [view(said, spec)], None, by) == {saved.ask}
    plain = "I measure the number of subscribers saved per thousand offers."
    assert already_answered([saved.ask], [view(plain, spec)], None, by) == set()


def test_a_question_about_the_task_itself_answered_at_once_is_rhetorical():
    assert (
        clarifying_questions("So what is the job? A shopper snaps a photo and we match it.") == []
    )
    assert clarifying_questions("What's the goal here? Keeping subscribers who would cancel.") == []
    # a question that wants a fact is still put to the interviewer
    assert clarifying_questions("What's the latency budget? I'd use trees.") == [
        "What's the latency budget?"
    ]
    assert clarifying_questions("What is the goal?") == ["What is the goal?"]
    # what the thing is for, with the candidate's opening words, answered at once
    purpose = (
        "Okay, so what is the playlist for? Every Monday each listener gets thirty songs "
        "they have not heard."
    )
    assert clarifying_questions(purpose) == []
    assert clarifying_questions("What is the latency budget for this? I'd use trees.") == [
        "What is the latency budget for this?"
    ]


def test_a_faint_signal_of_the_analysis_does_not_stop_the_re_anchor(spec):
    """The analysis may read "card velocity and device features" as naming a metric, at
    most faintly; no metric was said in words, so a model-first answer is still asked how
    it would know the model works."""
    text = (
        "So I would go with gradient boosted trees on the transaction history, with the "
        "amount, the merchant category, card velocity and device features like the "
        "fingerprint. We train on last year's labelled payments and score every payment."
    )
    q = load_question("fraud-detection")
    planner = OfflinePlanner(q, RUBRIC, embedder=spec.embedder)
    views = [view(text, spec)]
    said = read_stages(views, ["metrics"], planner.context)["metrics"]
    assert said.level <= Said.IN_PASSING and not said.in_words
    move = planner.choose(PlannerState([], views, 5))
    assert "metrics" in move.targets and move.question.startswith("Before we go further")
    said_it = view(text + " I'd measure recall at a fixed false decline rate.", spec)
    assert "metrics" not in planner.choose(PlannerState([], [said_it], 5)).targets


def test_a_statement_run_into_the_next_question_still_answers_the_last_one(spec):
    """The speech model often joins an answer to the next rhetorical question with a
    comma: "...people coming back next week, where do labels come from?" still answers
    "what does success look like?", so no re-anchor asks for a metric."""
    text = (
        "So what does success look like for a feed? I'd say comments, shares and long reads, "
        "and people coming back next week, where do labels come from? From the impression "
        "logs, each shown post labelled with what the person did with it."
    )
    said = read_stages([view(text, spec)], ["metrics"])["metrics"]
    assert said.in_words and said.sentence.endswith("next week.")
    assert "labels" not in said.sentence
    whole = "I'd say comments and shares, where do labels come from?"  # too short a head
    assert read_stages([view(whole, spec)], ["metrics"])["metrics"].level == Said.NOTHING


def test_a_stage_said_in_a_misheard_sentence_is_not_called_missing_nor_quoted(spec):
    """Its cue was heard, the rest of the sentence barely: the stage may have been said,
    so no omission is claimed, and nothing of the sentence is quoted back."""
    from dataclasses import replace

    from assistant.interview.view import Sentence

    q = load_question("fraud-detection")
    planner = OfflinePlanner(q, RUBRIC, embedder=spec.embedder)
    text = (
        "I'd measure E colan frog at a fixed rate of good payments declined. I would go with "
        "gradient boosted trees on the card history and score every payment."
    )
    heard = view(text, spec)
    assert "metrics" not in planner.choose(PlannerState([], [heard], 5)).targets
    misheard = tuple(
        Sentence(s.text, frozenset({"e", "colan", "frog"}), 0.3 if "frog" in s.text else 0.0)
        for s in heard.sentences
    )
    unsure = replace(heard, sentences=misheard)
    said = read_stages([unsure], ["metrics"], planner.context)["metrics"]
    assert said.in_words and said.sentence is None and not said.shown_by
    move = planner.choose(PlannerState([], [unsure], 5))
    assert "metrics" not in move.targets and "frog" not in move.question
    # the same words heard with confidence are quoted; misheard, never, however deep
    assert "frog" not in str(planner.probes._depth(PlannerState([], [unsure], 5), 0, []))


def test_a_label_defined_with_a_figure_is_described_whatever_the_analysis_read(spec):
    """ "What counts as a churner? Someone who cancels within thirty days, from the billing
    records" defines the label, with a window and a source; the sentence model may read it
    as framing, but no probe may call the labels said in passing. The same words without
    a figure are still only said in passing."""
    q = load_question("churn-prediction")
    defined = (
        "What are we after? Keeping members who would otherwise leave. What counts as a "
        "churner? Someone who cancels within the next thirty days, taken from the billing "
        "records. And the model? Gradient boosted trees on viewing time."
    )
    said = read_stages([view(defined, spec)], RUBRIC.stage_ids, q.words)
    assert said["data"].level == Said.COVERED and "thirty days" in said["data"].sentence
    # opening on a question answered at once frames the problem: never called missing
    assert said["framing"].level > Said.NOTHING
    named = "I'd use gradient boosted trees. Labels come from the billing records."
    assert read_stages([view(named, spec)], ["data"], q.words)["data"].level == Said.IN_PASSING


def test_a_nightly_batch_that_scores_everyone_is_how_the_model_runs(spec):
    """ "We'd score everyone every night and the retention team calls the top few
    thousand" says how the model is served (a batch); the interviewer claimed serving was
    in no answer and asked how the model serves requests."""
    said = read_stages(
        [
            view(
                "I'd train a gradient boosted model on watch hours and payment failures. We'd "
                "score everyone every night and the retention team calls the top few thousand.",
                spec,
            )
        ],
        ["deployment"],
    )
    assert said["deployment"].level != Said.NOTHING


def test_a_depth_ask_the_candidate_already_answered_is_not_put(spec):
    """Played outside the repo: right after "The 20 million and the 200 thousand come from
    what you told me about the business. If they were ten times bigger, the batch job
    still works.", the interviewer asked "Where does that number come from, and what in
    your design changes if it is ten times bigger?"."""
    q = load_question("churn-prediction")
    planner = OfflinePlanner(q, RUBRIC, embedder=spec.embedder)
    first = (
        "We have 20 million subscribers and the team can afford 200,000 offers a month. "
        "I'd train gradient boosted trees on weekly viewing hours and billing events, "
        "because the data is tabular. We score everyone in a nightly batch job and send "
        "the list each morning."
    )
    second = (
        "The 20 million and the 200 thousand come from what you told me about the business. "
        "If they were ten times bigger, the batch job still works."
    )
    asked = planner.probes._depth(PlannerState([], [view(first, spec)], 5), 0, [])
    assert asked.target == "constraints" and "ten times bigger" in asked.question
    views = [view(first, spec), view(second, spec)]
    after = planner.probes._depth(PlannerState([], views, 5), 0, [])
    assert after is None or "ten times bigger" not in after.question


@pytest.mark.parametrize(
    "said",
    [
        "For data we have viewing history, billing events, support tickets and app usage, and "
        "the label is whether someone cancels within thirty days of the snapshot date.",
        "A subscriber counts as churned if they cancel in the thirty days after the snapshot date.",
        "The label is one when the account lapses within the ninety days after the cutoff.",
        "We label someone a churner if their plan is not renewed in the next sixty days, using "
        "a ninety day observation window before that.",
    ],
)
def test_a_label_window_said_in_words_answers_how_the_label_is_defined(spec, said):
    """Played in the app: after "the label is whether someone cancels within thirty days of
    the snapshot date", the interviewer asked "How exactly do you define the churn label,
    and over what window?": its words for an answer were written "30 day", and "thirty days"
    was not read as one."""
    question = load_question("churn-prediction")
    label = next(f for f in question.follow_ups if f.ask.startswith("How exactly do you define"))
    by = {label.ask: label.answered_by}
    assert already_answered([label.ask], [view(said, spec)], None, by) == {label.ask}
    # a label with no window is not an answer
    plain = "For data we have viewing history and billing events, and cancellations as labels."
    assert already_answered([label.ask], [view(plain, spec)], None, by) == set()


def test_an_either_or_question_is_not_asked_after_the_answer_picked_a_side(spec):
    """Seen by a tester: "Would you precompute suggestions nightly or compute them on
    request?" came after the candidate had said "we compute the suggestions ahead of
    time". Naming one of the options answers an either-or question; a sentence that
    names neither leaves it open."""
    q = load_question("people-you-may-know")
    ask = next(f.ask for f in q.follow_ups if "on request" in f.ask)
    planner = OfflinePlanner(q, RUBRIC, embedder=spec.embedder)
    design = (
        "Candidates come from friends of friends and shared employers. A boosted tree ranks "
        "them on mutual connections."
    )
    for said, asked in (
        (
            f"{design} We compute the suggestions ahead of time and keep them in a store.",
            False,
        ),
        (f"{design} Suggestions are computed on request, when the member opens the page.", False),
        (f"{design} The suggestions are kept in a key value store.", True),
    ):
        state = PlannerState([], [view(said, spec)], 5)
        assert (ask in planner.probes._asks("tradeoffs", state)) is asked, said


def test_a_question_about_labels_quotes_no_sentence_about_features(spec):
    """Seen by a tester: "You said “We train on three months of click logs, with features
    like the ad's past click rate…”. Why label it that way, and when would those labels
    mislead you?" The sentence names no label: the probe asks where the labels come from,
    quoting nothing; a sentence that says what the labels are is still quoted."""
    from assistant.interview.moves import Move

    q = load_question("ad-click-prediction")
    planner = OfflinePlanner(q, RUBRIC, embedder=spec.embedder)
    others = "+".join(s for s in RUBRIC.stage_ids if s != "data")
    asked = Move(kind="follow_up", target=others, why="-", question="-", source="planner")
    model = " A deep and cross network predicts the click probability, served on CPU."
    features = (
        "We train on three months of click logs, with features like the ad's past click rate, "
        "the user's recent categories and the slot position."
    )
    move = planner.probes._depth(PlannerState([asked], [view(features + model, spec)], 5), 1, [])
    assert move is not None and move.target == "data"
    assert "\u201c" not in move.question and "labels come from" in move.question, move.question
    labels = (
        "We train on three months of click logs, where a click within the session is a positive "
        "and an ad shown without a click is a negative."
    )
    move = planner.probes._depth(PlannerState([asked], [view(labels + model, spec)], 5), 1, [])
    assert move is not None and move.target == "data"
    assert "positive" in move.question and "label it that way" in move.question, move.question


@pytest.mark.parametrize(
    ("question", "said"),
    [
        (
            "video-recommendation",
            "The target is whether the user watched at least thirty seconds of a video we showed.",
        ),
        (
            "notification-ranking",
            "We train on whether the user opened the notification within two hours, and an "
            "opt out after it counts as a strong negative.",
        ),
    ],
)
def test_a_label_told_in_other_words_is_not_asked_for(spec, question, said):
    """The label said in words the bank does not list ("the target is whether the user
    watched…", "we train on whether the user opened…") was quoted back and asked "What
    counts as a positive example: …?" / "What is the training label: …?". The probe on
    the data asks something else; a design that says nothing of its label is still asked."""
    q = load_question(question)
    planner = OfflinePlanner(q, RUBRIC, embedder=spec.embedder)
    label_ask = next(f.ask for f in q.follow_ups if f.stage == "data")
    design = "Features are the user's history and the item's age, and I would train a ranker. "
    told = [view(design + said, spec)]
    assert label_ask not in planner.probes._asks("data", PlannerState([], told, 4))
    stages = read_stages(told, ["data"], planner.context)
    move = planner.probes._follow_up(PlannerState([], told, 4), 0, "data", stages["data"])
    assert label_ask not in move.question, move.question
    silent = [view(design + "Labelled data is scarce at first.", spec)]
    assert label_ask in planner.probes._asks("data", PlannerState([], silent, 4))


def test_a_label_question_with_a_second_part_waits_for_that_part(spec):
    """A label told without its window does not answer "how exactly do you define the
    churn label, and over what window?"; with the window it does. A question that first
    sets out a difficulty ("Hires are rarely reported. What label would you train on,
    and what bias does that bring?") is not answered by the label alone."""
    from assistant.interview.label_said import label_said

    churn = "How exactly do you define the churn label, and over what window?"
    assert not label_said(churn, ["We label a subscriber as churned when they cancel."])
    assert label_said(churn, ["We label a subscriber as churned when they cancel within 30 days."])
    pairs = "What is a positive and what is a negative example for training?"
    assert not label_said(pairs, ["A suggestion counts as a positive when it is accepted."])
    assert label_said(pairs, ["Accepted ones are positives, and ignored ones are negatives."])
    hires = "Hires are rarely reported. What label would you train on, and what bias does it bring?"
    assert not label_said(hires, ["We train on whether the recruiter replied."])


@pytest.mark.parametrize(
    ("question_id", "said"),
    [
        (
            "general-explain-project",
            "We rebuilt the fraud rules as a gradient boosted model on card and merchant history. "
            "Adding the time since the card's last payment alone lifted recall by seven points. "
            "Once it was live, chargebacks per thousand orders went down eighteen percent.",
        ),
        (
            "general-explain-project",
            "I moved the forecast to a weekly model per store, and waste came down 12% in the "
            "pilot stores.",
        ),
        (
            "general-explain-tradeoff",
            "We chose the nightly batch over the streaming job. Once it ran, the cloud bill was "
            "40% lower than the streaming quote, and nobody noticed the staler scores.",
        ),
    ],
    ids=["lifted-and-went-down", "came-down-percent", "percent-lower"],
)
def test_a_result_said_with_how_much_it_moved_answers_the_ask_for_a_number(question_id, said, spec):
    """Seen by a tester: after "…lifted NDCG by four points. In the A/B test bookings per
    search went up six percent…", the first follow-up was "Can you give me one number that
    shows it worked?": the answer's words were not among the few the question lists. A
    result said with how much it moved answers every bank question that asks for one."""
    from rubrics import load_rubric

    q = load_question(question_id)
    (wants,) = [f for f in q.follow_ups if "number" in f.ask]
    planner = OfflinePlanner(q, load_rubric(q.rubric), seed=0)
    state = PlannerState([], [view(said, spec)], 5)
    assert wants.ask not in planner.probes._asks(wants.stage, state)
    # a figure that moved nothing, or a goal, is no result: the question is still asked
    for other in (
        "We rebuilt the fraud rules as a gradient boosted model that scores two million "
        "payments an hour, each in under fifty milliseconds.",
        "Our goal was to lift recall by seven points, and we wanted chargebacks to go down "
        "eighteen percent.",
    ):
        state = PlannerState([], [view(other, spec)], 5)
        assert wants.ask in planner.probes._asks(wants.stage, state), other


def test_a_bank_question_whose_own_words_the_answer_states_is_not_asked(spec):
    """Seen by a tester: "Features like engagement so far on a post need to be fresh within
    seconds from a streaming pipeline; user interests can be a day old." was met with
    "Going back to “…”: Which features need to be fresh within seconds, and which can be a
    day old?" The statement says what the question asks, in its own words; one that
    holds only a few of them does not."""
    q = load_question("feed-ranking")
    fresh = next(f for f in q.follow_ups if "fresh within seconds" in f.ask)
    said = (
        "Counts of likes on a post in its first hour need to be fresh within seconds, while "
        "a member's long-term interests can be a day old."
    )
    assert fresh.ask in already_answered([fresh.ask], [view(said, spec)], None)
    planner = OfflinePlanner(q, RUBRIC, embedder=spec.embedder)
    state = PlannerState([], [view(said, spec)], 4)
    assert fresh.ask not in planner.probes._asks(fresh.stage, state)
    half = "Some features need to be fresh, so they come from a stream."
    assert already_answered([fresh.ask], [view(half, spec)], None) == set()


@pytest.mark.parametrize(
    "reading",
    [
        "I read it as a page edit that shows up in the index only hours after someone saved it.",
        "I take it to mean a page edit that shows up in the index only hours after it was saved.",
        "By arriving late I understand a page edit that reaches the index hours after saving.",
    ],
)
def test_a_probe_does_not_quote_the_candidates_reading_of_the_interviewers_words(spec, reading):
    """Seen by a tester: asked "What do you mean by arrives late here?", told to take it
    the way they understand it, the candidate said "I read it as an edit reaching the index
    hours after it was made." The next probe was "Going back to “I read it as an edit…”:
    Why serve it that way…?": the candidate's reading of the interviewer's words, quoted
    as a design choice. A design sentence is still quoted."""
    from assistant.interview.moves import Move
    from assistant.interview.probes import quotable

    q = load_question("rag-assistant")
    planner = OfflinePlanner(q, RUBRIC, embedder=spec.embedder)
    first = (
        "The assistant answers staff questions from the wiki and tickets, with links. I split "
        "pages by headings into chunks, embed them, and keep a vector index that is updated "
        "from the change feed. At query time I retrieve the top chunks and a language model "
        "writes the answer with citations."
    )
    asked = Move(kind="follow_up", target="pipeline", why="-", question="-", source="planner")
    state = PlannerState([asked], [view(first, spec), view(reading, spec)], 6)
    move = planner.probes._depth(state, 2, [])
    assert move is not None and reading[:30] not in move.question, move.question
    assert not quotable(reading, "Why?")
    assert quotable("I would read the events from the change feed as they arrive.", "Why?")
    assert quotable("I would take the top fifty chunks as candidates for the reranker.", "Why?")
