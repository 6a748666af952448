"""The offline interviewer: its planner, the session flow, clarifying questions and
adaptation, on typed answers."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.interview.adaptation import check_adaptation, spoken_change
from assistant.interview.clarify import clarifying_questions, match_fact
from assistant.interview.planner import OfflinePlanner, PlannerState, answer_first
from assistant.interview.view import AnswerView
from prompts import load_question
from rubrics import load_rubric
from tests.support.interviews import (
    DUPLICATES,
    RUBRIC,
    eval_answer,
    ml_spec,
    report_of,
    run_session,
)


@pytest.fixture(scope="module")
def spec():
    return ml_spec()


# --- offline planner -------------------------------------------------------------------


WEAK = [
    "fraud-weak-1",
    "rag-weak-1",
    "ads-weak-1",
    "search-weak-1",
    "video-weak-1",
    "autocomplete-weak-1",
]


def test_follow_ups_target_the_real_gaps_of_weak_answers(spec):
    """Probes aim at stages the hand labels say are missing (the labels were written
    without the detector; a probe at a covered stage means the detector missed it)."""
    hits = probes_total = 0
    for answer_id in WEAK:
        answer = eval_answer(answer_id)
        gold_missing = set(RUBRIC.stage_ids) - set(answer["covered"])
        filler = "I would need to think about that more."
        interview = run_session(answer["question"], [answer["text"]] + [filler] * 4, spec)
        moves = interview.moves
        changes = {c.id for c in load_question(answer["question"]).constraint_changes}
        # a push on an ignored requirement change is not a probe on a stage
        probes = [
            m for m in moves if m.kind in ("follow_up", "challenge") and m.target not in changes
        ]
        assert probes, [m.kind for m in moves]
        hits += sum(any(t in gold_missing for t in m.targets) for m in probes)
        probes_total += len(probes)
        # a requirement change needs a design to change: a model and serving or data
        planner = interview.planner
        designed = planner.has_design(
            [AnswerView.of(t.answer) for t in interview.turns if t.answer]
        )
        assert sum(m.kind == "new_constraint" for m in moves) == (1 if designed else 0)
        assert len({m.key for m in moves}) == len(moves)  # never the same move twice
        assert all(m.why and m.question for m in moves)
    print(f"probes on real gaps: {hits}/{probes_total}")
    assert hits / probes_total >= 0.8


def test_a_stage_only_glimpsed_by_the_analysis_is_not_yet_a_design_to_change(spec):
    """The analysis may read "That's what they do." as serving, at depth 1: a model-first
    answer with nothing else has no design a requirement change could test. Serving named
    in its own words is one."""
    from assistant.interview.changes import has_design

    q = load_question("video-recommendation")
    model = (
        "Collaborative filtering is the way to go for this. "
        "Matrix factorization on the user video matrix. "
    )

    def glimpsed(text: str) -> AnswerView:
        view = AnswerView.of(report_of(model + text, spec))
        assert "deployment" not in view.covered
        return replace(view, depth={**view.depth, "deployment": 1})

    assert not has_design(q, [glimpsed("That's what they do.")])
    assert has_design(q, [glimpsed("It's served from a cache.")])


def test_a_model_only_named_in_buzzwords_is_no_design_to_change(spec):
    """Played outside the repo: an answer that named every stage in empty sentences ("Then
    we choose the right model for the problem…") was handed a requirement change, with
    no design to change; its "why" said it changed what the candidate had described."""
    from assistant.interview.changes import has_design

    q = load_question("demand-forecasting")
    buzz = (
        "The data matters a lot here, so we need good data and a robust data pipeline. "
        "Then we choose the right model for the problem, making sure it is scalable. "
        "Then we deploy it and monitor it, and we retrain it when needed."
    )
    assert not has_design(q, [AnswerView.of(report_of(buzz, spec))])
    named = buzz.replace("the right model for the problem", "gradient boosted trees")
    assert has_design(q, [AnswerView.of(report_of(named, spec))])


def test_the_first_follow_up_of_a_weak_answer_is_its_heaviest_gap(spec):
    answer = eval_answer("fraud-weak-1")
    interview = run_session("fraud-detection", [answer["text"], "ok", "ok"], spec)
    first = interview.moves[0]
    gaps = [s for s in RUBRIC.stages if s.id not in answer["covered"] and s.id != "summary"]
    heaviest = max(s.weight for s in gaps)
    assert first.kind in ("follow_up", "challenge")
    assert RUBRIC.stage(first.target).weight == heaviest


def test_a_limit_is_asked_where_it_comes_from_not_why_it_is_the_right_call(spec):
    """The scale said as "say a million" is a limit, not a choice: the depth probe on it
    asks where the number comes from and what changes if it grows, not "what makes that
    the right call"."""
    blocking = (
        "Blocking by seller account and phone number first, then nearest neighbours on the "
        "title and photo embeddings, and only the top twenty go to the pair classifier, "
        "because that keeps it under the posting latency."
    )
    # five moves: a five-minute session's change comes second, then pushes on the "ok"
    interview = run_session("duplicate-listings", [DUPLICATES, blocking, *["ok"] * 4], spec)
    probe = next(m for m in interview.moves if "described but not justified" in m.why)
    assert probe.target == "constraints"
    assert "say a million" in probe.question
    assert "Where does that number come from" in probe.question
    assert "right call" not in probe.question


def test_deterministic_for_a_seed(spec):
    texts = [eval_answer("search-medium-1")["text"], "ok then", "fine", "sure"]
    a = [m.question for m in run_session("search-ranking", texts, spec, seed=3).moves]
    b = [m.question for m in run_session("search-ranking", texts, spec, seed=3).moves]
    assert a == b


def test_clarifying_questions_are_answered_from_the_facts(spec):
    question = load_question("fraud-detection")
    text = (
        "Okay. Can I assume this runs in real time inside the payment? And how many "
        "payments per second do we see at peak? I'd start with a rules baseline."
    )
    asked = clarifying_questions(text)
    assert len(asked) == 2
    fact, _ = match_fact(asked, question.facts)
    assert fact.topic in ("latency", "scale")
    interview = run_session("fraud-detection", [text, "ok", "ok", "ok"], spec)
    first = interview.moves[0]
    assert first.answered == "latency+scale"  # a two-part question, both answered
    facts = {f.topic: f.answer for f in question.facts}
    # answered in one line, then the turn goes on to probe the answer
    assert first.question.split(". ", 1)[1].startswith(facts["latency"] + " " + facts["scale"])
    assert first.kind in ("follow_up", "challenge")
    probe = first.question.split(facts["scale"], 1)[1].strip()
    assert len(probe.split()) >= 5
    assert "latency" not in probe  # the limits were just given: not asked for again


def test_one_question_asking_two_things_gets_both_facts_in_its_order(spec):
    """ "How many payments do we see a second, and what is the latency budget?" got the
    latency budget only: a question was matched to one fact."""
    text = (
        "How many payments do we see a second, and what is the latency budget? "
        "I'd score each payment with gradient boosted trees."
    )
    interview = run_session("fraud-detection", [text, "ok", "ok"], spec)
    assert interview.moves[0].answered == "scale+latency"


def test_the_most_distinctive_keyword_picks_the_fact(spec):
    from assistant.interview.clarify import match_facts

    question = load_question("rag-assistant")
    asked = clarifying_questions("Can I assume some documents are restricted to some teams?")
    picked, _ = match_facts(asked, question.facts, context=question.words)
    assert picked and "permission" in picked[0][0].topic + " ".join(picked[0][0].keywords)


@pytest.mark.parametrize(
    ("question_id", "said", "wanted"),
    [
        # "spam" is the interview's own subject: it names no fact of its own
        (
            "spam-filter",
            "Which is worse for the business, a genuine message sent to the spam folder, "
            "or a spam message in the inbox?",
            ["cost of errors"],
        ),
        ("spam-filter", "What do users do when spam gets through to them?", ["labels"]),
        # "how much" is how it asks: a count per period is the volume, not the spam share
        ("spam-filter", "How much mail arrives every hour?", ["volume"]),
        (
            "spam-filter",
            "How much mail comes in each day, and what percent of it is spam?",
            ["volume", "spam rate"],
        ),
        # "how many posts" names the posts; its "how many" is not the user count's too
        ("feed-ranking", "How many posts can a person see when they open the app?", ["candidates"]),
        # questions one after another, ending the answer: each is put to the interviewer
        (
            "spam-filter",
            "What part of all that mail is spam? Where do the labels come from?",
            ["spam rate", "labels"],
        ),
        # ...but a count of the interview's own things is still the fact that counts them
        (
            "rag-assistant",
            "How many documents are there, and how many people will ask it questions?",
            ["corpus", "users"],
        ),
    ],
)
def test_each_part_gets_the_fact_of_what_it_names(spec, question_id, said, wanted):
    """s45 hT E6: on the spam filter any question saying "spam" or "how much" drew the
    45 % spam-share fact: which mistake is worse, where labels come from, how much mail a
    day; two parts asking volume and share got the share only. On feed ranking "how many
    posts…" got the user count."""
    from assistant.interview.clarify import match_facts

    question = load_question(question_id)
    asked = clarifying_questions(said)
    picked, _ = match_facts(asked, question.facts, context=question.words, embedder=spec.embedder)
    assert [f.topic for f, _ in picked] == wanted


def test_a_question_already_answered_is_not_met_with_no_figure(spec):
    text = "Can I assume this runs in real time inside the payment? I'd use trees."
    interview = run_session("fraud-detection", [text, text, "ok", "ok"], spec)
    answered = [m.answered for m in interview.moves]
    assert answered[:2] == ["latency", ""], answered


def test_a_question_no_fact_covers_gets_told_to_assume(spec):
    text = "Can I assume the merchants are all in one country? I'd use a tree model."
    interview = run_session("fraud-detection", [text, "ok", "ok"], spec)
    move = interview.moves[0]
    assert move.answered == "unknown" and move.kind != "clarification"
    assert move.question.startswith("I don't have a figure") and "assumption" in move.question


def test_a_constraint_change_comes_even_in_a_two_answer_session(spec):
    text = eval_answer("fraud-strong-1")["text"]
    interview = run_session("fraud-detection", [text, "ok"], spec)
    (move,) = interview.moves
    assert move.kind == "new_constraint"
    change = next(
        c for c in load_question("fraud-detection").constraint_changes if c.id == move.target
    )
    assert change.say.lower() in move.question.lower()


def test_follow_ups_reuse_the_candidates_words(spec):
    text = (
        "I would train xgboost on last year's transactions with chargebacks as labels, "
        "because trees work well on tabular data. We retrain weekly."
    )
    question = load_question("fraud-detection")
    planner = OfflinePlanner(question, RUBRIC)
    view = AnswerView.of(report_of(text, spec))
    assert "xgboost" in view.models_named
    said = []
    moves = []
    for _ in range(4):
        move = planner.choose(PlannerState(moves, [view], 5 - len(moves)))
        moves.append(move)
        said.append(move.question)
    assert any("XGBoost" in q for q in said), said  # as it is written


def test_adaptation_is_scored_from_the_next_answer(spec):
    change = next(
        c for c in load_question("fraud-detection").constraint_changes if c.id == "latency-30ms"
    )
    adapted = report_of(
        "With only 30 ms at p99 I would precompute the card aggregates and cache them in "
        "memory, and use a smaller model with fewer trees.",
        spec,
    )
    restated = report_of("Thirty milliseconds is tight. It is still a tree model.", spec)
    ignored = report_of("For monitoring I would track the fraud rate every day.", spec)
    q = load_question("fraud-detection")
    context = q.words
    a = check_adaptation(change, adapted, context)
    assert a.acknowledged and a.revised and "30 ms" in a.evidence.quote
    b = check_adaptation(change, restated, context)
    assert not b.revised
    c = check_adaptation(change, ignored, context)
    assert not c.acknowledged and not c.revised


def test_a_typed_answer_without_full_stops_is_quoted_from_its_start(spec):
    """A 2000-word typed answer with no full stop was quoted whole under "took up the
    twist": many screens of the report, 1300 lines of ``show``."""
    change = next(
        c for c in load_question("fraud-detection").constraint_changes if c.id == "latency-30ms"
    )
    said = (
        "with only 30 ms at p99 I would precompute the card aggregates and cache them in "
        "memory and use a smaller model with fewer trees "
    )
    long = report_of(said + "and then we would check the declines again " * 200, spec)
    a = check_adaptation(change, long, load_question("fraud-detection").words)
    assert a.revised and a.evidence is not None
    assert a.evidence.quote.startswith("with only 30 ms") and a.evidence.quote.endswith("…")
    assert len(a.evidence.quote.split()) <= 40


def test_naming_the_change_is_not_revising_the_design(spec):
    change = next(
        c for c in load_question("fraud-detection").constraint_changes if c.id == "latency-30ms"
    )
    q = load_question("fraud-detection")
    named = report_of(
        "OK, with the 30 ms p99 latency requirement I would keep the same design as before.", spec
    )
    result = check_adaptation(change, named, q.words)
    assert result.acknowledged and not result.revised


@pytest.mark.parametrize("moves", [1, 2], ids=["the one move left", "moves to spare"])
def test_a_skipped_question_is_not_met_with_a_challenge_on_a_design(spec, moves):
    """Nothing was said: the interviewer starts from the problem, not from a design,
    also when the one move left would be the requirement change (two recordings
    replayed, the first skipped, met a change "on a design never given")."""
    interview = run_session("fraud-detection", ["", "ok"], spec, max_moves=moves)
    first = interview.moves[0]
    assert first.kind == "follow_up" and first.targets[0] == "framing"
    assert "nothing answered yet" in first.why
    assert first.question.startswith("Let's start from the problem.")


@pytest.mark.parametrize("moves", [1, 2], ids=["the one move left", "two moves"])
def test_an_opening_that_stopped_before_any_design_is_not_met_with_a_change(spec, moves):
    """Replayed in the app (not in the repo): an answer stopped after "the problem is to
    decide at checkout whether a card payment is fraud, I will assume about a thousand
    payments a second" met "Legal says a new privacy law bans device fingerprinting, so
    you lose every device feature", on a design never given."""
    opening = (
        "So, um, the problem is to decide at checkout whether a card payment is fraud. "
        "Uh, I will assume about a thousand payments a second."
    )
    answers = [opening, "I'm not sure, I would have to think about that."]
    interview = run_session("fraud-detection", answers[: moves + 1], spec, max_moves=moves)
    assert interview.moves
    assert all(m.kind != "new_constraint" for m in interview.moves), interview.moves


def test_every_requirement_change_is_said_as_a_sentence():
    """ "Let me change one thing. at least 10% of impressions…": a change written after a
    "New requirement:" label was said from its lower-case word."""
    from assistant.interview.adaptation import spoken_change
    from prompts import load_questions

    for q in load_questions().values():
        for change in q.constraint_changes:
            said = spoken_change(change)
            assert said[:1].isupper() or said[:1].isdigit(), (q.id, said)


def test_a_change_the_answer_already_made_is_not_injected(spec):
    """A candidate who ranks by uplift is not handed "target the people the offer
    actually changes" as a new requirement (then told the next answer did not take it
    up): another change is chosen; without uplift, that change can still come."""
    plain = (
        "We predict who cancels in the next thirty days from viewing logs and payment "
        "failures with gradient boosted trees, scored nightly, and send offers to the top "
        "of the list."
    )
    uplift = plain.replace(
        "send offers to the top of the list",
        "rank by uplift rather than churn risk, because an offer only pays for people "
        "whose decision it changes",
    )
    # as the speech model heard it in a played session: "I would also add a lift model
    # later, because some people cancel no matter what we do"
    heard = plain.replace(
        "send offers to the top of the list",
        "send offers to the top of the list; I would also add a lift model later, because "
        "some people cancel no matter what we do",
    )
    question = load_question("churn-prediction")
    made = {
        text: [
            m.target
            for seed in range(8)
            for m in run_session(question.id, [text, "ok"], spec, seed=seed, max_moves=1).moves
            if m.kind == "new_constraint"
        ]
        for text in (plain, uplift, heard)
    }
    assert made[uplift] and "uplift-not-risk" not in made[uplift]
    assert made[heard] and "uplift-not-risk" not in made[heard]
    assert "uplift-not-risk" in made[plain]


@pytest.mark.parametrize(
    ("question_id", "design", "designed", "other", "change_id"),
    [
        (
            "ad-click-prediction",
            "We predict the chance of a click for each candidate ad with a deep and cross "
            "network on the user id, the user's history, the ad and the page, trained on "
            "logged impressions, and we score every candidate in one batch on CPU.",
            "For privacy I would not store persistent identifiers for anyone: I'd drop the "
            "user history features and move to the page, the time of day and what the "
            "session did so far, kept in memory only.",
            "We'd alert when the predicted click rate drifts from the real one by more "
            "than ten percent for any advertiser.",
            "no-user-ids",
        ),
        (
            "video-recommendation",
            "Candidates come from a two tower model over each viewer's personal watch "
            "history and subscriptions, and a multi task ranker orders them. We retrain "
            "daily and serve the ranker from an online service inside the latency budget.",
            "Kids' profiles would get no personal signals at all: I would recommend only "
            "from the video on screen, with content features and a hand-picked catalogue "
            "instead of the watch history.",
            "We'd watch watch time per session and the share of sessions that end right "
            "after an autoplay.",
            "kids-profile",
        ),
    ],
)
def test_a_change_the_candidate_just_designed_for_is_not_made(
    spec, question_id, design, designed, other, change_id
):
    """An answer that already changed the design for a change ("I'd drop the user
    history features…" for "you can no longer use persistent user identifiers") is not
    then handed that change as news: another change comes instead; after an answer
    that says nothing of it, the change can still come."""
    changes = {c.id for c in load_question(question_id).constraint_changes}
    assert change_id in changes

    def made(second: str) -> list[str]:
        return [
            m.target
            for seed in range(4)
            for m in run_session(question_id, [design, second, "ok", "ok"], spec, seed=seed).moves
            if m.kind == "new_constraint"
        ]

    after = made(designed)
    assert len(after) == 4 and change_id not in after  # another change, every time
    assert change_id in made(other)


def test_parts_announced_in_passing_are_not_asked_for_again():
    """An explanation that names its parts in one sentence, with no word between them
    later, reads as structure said in passing; the interviewer quoted that sentence and
    asked "what are the parts of your explanation, in order?" for what it had just
    quoted. It goes on to something else."""
    # as the speech model writes it down: commas for the colon, "Umm", a clause run on
    text = (
        "I explain the recommender I'm proudest of for a product manager. I will take three "
        "parts, the problem, what we tried, and what it did. Umm, new members saw the same "
        "ten shows every evening, and stopped opening the app. We mixed popular and brand "
        "new shows in one ranker. Trials turned into paid plans four percent more often. "
        "The main point, variety mattered more than accuracy."
    )
    _, moves = first_probes("general-explain-project", text)
    asked = " ".join(m.question for m in moves)
    assert "parts of your explanation" not in asked, asked


def test_a_design_that_trains_nothing_is_not_asked_for_its_training_labels(spec):
    """An LLM that writes a summary from review sentences trains nothing: the data probe
    asks what it works from, not "where do the training labels come from"; a design
    that trains a model is still asked about its labels."""
    prompted = (
        "The goal is a short summary of what buyers say, so shoppers decide faster, "
        "measured by conversion and by human ratings of faithfulness. An LLM writes one "
        "line per aspect from the most useful review sentences, with citations, and we "
        "regenerate the summaries every night for products with new reviews."
    )
    trained = prompted.replace(
        "An LLM writes",
        "We fine-tune a small summariser on summaries our editors wrote, and it writes",
    )

    def data_asks(text: str) -> list[str]:
        moves = run_session("review-summarisation", [text, "ok", "ok", "ok", "ok"], spec).moves
        return [m.question for m in moves if m.target == "data"]

    assert data_asks(prompted), "no probe on the data"
    assert not any("training labels" in q for q in data_asks(prompted))
    assert all("could be wrong with the data" in q for q in data_asks(prompted))
    assert any("training labels" in q for q in data_asks(trained))


def test_a_first_design_that_uses_what_a_change_takes_away_is_not_designed_for_it():
    """A first design that names a change's words while building on what the change takes
    away ("a logistic regression on the words of each message…, above ninety eight percent
    accuracy", before "spammers write unique messages with LLMs; our text features are
    losing accuracy") read, with nothing before it, as already designed for the change,
    and the change was never made. Designed for a change is turning from something."""
    from assistant.interview.changes import designed_for
    from assistant.scoring.structure.embedder import MiniLMEmbedder

    q = load_question("spam-filter")
    change = next(c for c in q.constraint_changes if c.id == "llm-spam-wave")
    embedder = MiniLMEmbedder()
    first = [
        "We classify each incoming email as spam or not.",
        "I would train a logistic regression on the words of each message and the sender's "
        "history, and we aim for very high accuracy, above ninety eight percent.",
        "It runs in the mail pipeline before delivery, and we retrain weekly on the "
        "messages users report.",
    ]
    assert not designed_for(change, [first], q.words, embedder)
    turned = [
        *first,
        "Because spammers now write every message fresh, I would not rely on the words of "
        "the message alone any more: I'd add sender reputation and link features instead.",
    ]
    assert designed_for(change, [first, turned[-1:]], q.words, embedder)


# --- issue 15: questions, assumptions, wording -------------------------------------------


@pytest.mark.parametrize(
    "assumption",
    [
        "I'll assume we see about three thousand payments a second at peak.",
        # as tiny.en hears it said aloud: "I'll" loses its "'ll"
        "I assume we see about 3,000 payments a second at peak.",
        "Okay, we assume about three thousand payments a second at peak.",
    ],
)
def test_a_stated_assumption_is_confirmed_or_corrected_from_the_facts(spec, assumption):
    text = f"{assumption} I'd score every payment with gradient boosted trees on card features."
    interview = run_session("fraud-detection", [text, "ok", "ok"], spec)
    move = interview.moves[0]
    fact = next(f.answer for f in load_question("fraud-detection").facts if f.topic == "scale")
    assert move.answered == "scale"
    assert move.question.startswith(f"Good that you said your assumption out loud. {fact}")


@pytest.mark.parametrize(
    ("question", "assumption", "told"),
    [
        ("fraud-detection", "I'll assume about a thousand payments a second at peak.", "4,000"),
        # played outside the repo: 100 million against 900 million was met in the words
        # that met "nine hundred million"
        ("people-you-may-know", "I assume around one hundred million members.", "900 million"),
    ],
)
def test_an_assumption_far_from_the_real_figure_is_told_so(spec, question, assumption, told):
    text = f"{assumption} I'd rank candidates with gradient boosted trees."
    interview = run_session(question, [text, "ok", "ok"], spec)
    move = interview.moves[0]
    assert move.question.startswith(
        "Good that you said your assumption out loud, because the real figure is quite different."
    ), move.question
    assert told in move.question


def test_questions_the_candidate_answers_or_does_not_put_to_the_interviewer_are_not_answered():
    assert clarifying_questions("So how do we handle the imbalance? We use class weights.") == []
    assert clarifying_questions("What model? A gradient boosted tree on card features.") == []
    assert clarifying_questions("What does success look like? I'd say recall at 1% FPR.") == []
    assert clarifying_questions("we score it with the card features?") == []  # a statement
    # an aside, not an assumption put to the interviewer
    assert clarifying_questions("The team, as I assume you know, retrains weekly.") == []
    # put to the interviewer, the candidate talking on or not
    asked = clarifying_questions(
        "Before I start, how many payments a second do we see? I'd start with rules."
    )
    assert asked == ["Before I start, how many payments a second do we see?"]
    assert clarifying_questions("Which model should I use?") == ["Which model should I use?"]


@pytest.mark.parametrize(
    "asked",
    [
        # how non-native speakers put a question (played interviews, not in the repo)
        "I can ask, how many listing are coming in one day?",
        "Please, how many listing is coming per day?",
        "Maybe you can tell me how many listing per day?",
        "My question is, how many listings come in per day?",
    ],
)
def test_a_question_announced_before_it_is_asked_is_put_to_the_interviewer(asked):
    text = f"{asked} I make small groups by city and category first."
    assert clarifying_questions(text) == [asked]
    assert clarifying_questions("Maybe how do we handle the imbalance? Class weights.") == []


def test_a_question_after_a_short_lead_in_is_put_to_the_interviewer_and_an_example_is_not():
    """Played outside the repo: "Before that, how many emails a day do we get, and what
    share is spam?" went unanswered (the interviewer moved on to serving), while the same
    question without "Before that," was answered. A "Like, how many…?" that explains the
    metric just named is no question to the interviewer."""
    led = "Before that, how many emails a day do we get, and what share is spam?"
    assert clarifying_questions(f"First I would ask about volume. {led} Then a model.") == [led]
    assert clarifying_questions("Latency, is that a hard limit? I'd aim for 50 ms.") == [
        "Latency, is that a hard limit?"
    ]
    explained = (
        "I guess precision and recall then? Like, how many of the people we flag actually "
        "cancel? That is what the team cares about."
    )
    assert clarifying_questions(explained) == []


def test_questions_after_a_lead_in_in_a_run_or_guessed_at_are_put_to_the_interviewer():
    """Played outside the repo: each of these went unanswered, and the interviewer later
    spoke of the very figure as known, or the candidate asked three times."""
    led = (
        "A few things I'd want to know first: how many videos are there, and how fast does "
        "the list need to show up? I'll guess hundreds of millions of videos."
    )
    assert clarifying_questions(led) == [
        "how many videos are there, and how fast does the list need to show up?",
        "I'll guess hundreds of millions of videos.",
    ]
    again = "I asked earlier and I'll ask again: is there a written policy for names? Anyway."
    assert clarifying_questions(again) == ["is there a written policy for names?"]
    run = (
        "How many requests a second do we get at peak? What query logs do we have, and how "
        "far back? I'd start with a trie."
    )
    assert len(clarifying_questions(run)) == 2
    guessed = "How many posts per day are we talking about? I think the scale is large."
    assert clarifying_questions(guessed) == [guessed.split("? ")[0] + "?"]
    # a question the candidate asks themselves and answers is still theirs
    assert clarifying_questions("What do we learn from? Every list we showed is logged.") == []


def test_every_question_in_a_list_gets_its_fact():
    """Played outside the repo: scale, latency, the logs and the naming policy asked at
    once got two answers; the policy was asked three times and never answered."""
    question = load_question("query-autocomplete")
    planner = OfflinePlanner(question, RUBRIC)
    text = (
        "Before I design anything, a few questions. How many autocomplete requests per "
        "second do we get at peak, and what is the latency budget per keystroke? What query "
        "logs do we have, and how far back? And is there a policy on offensive suggestions? "
        "I'd build a trie of popular completions per prefix."
    )
    move = planner.choose(PlannerState([], [AnswerView(text)], 4))
    assert move.answered.split("+") == ["traffic", "latency", "data", "safety"]


def test_a_question_gets_the_fact_of_the_thing_it_names_not_of_how_it_asks():
    """Played outside the repo: "How many moderators do we have?" was answered with the
    post volume ("how many" is a keyword of the volume fact), though the question has a
    fact on the moderators."""
    facts = load_question("harmful-content").facts
    assert match_fact(["How many moderators do we have?"], facts)[0].topic == "moderators"
    assert match_fact(["How many posts a day do we get?"], facts)[0].topic == "volume"


def test_a_choice_made_over_another_is_not_challenged_as_if_nothing_was_weighed(spec):
    """A helper's typed autocomplete session: "I picked a trie plus a light ranker over a
    neural generator because…" was followed by "which decision are you least sure of, and
    what is the alternative you rejected?", the challenge for an answer that weighed no
    options."""
    from assistant.interview.stage_evidence import weighs_options

    said = (
        "I picked a trie plus a light ranker over a neural generator because the generator "
        "cannot meet 50 ms and can produce unsafe text."
    )
    view = AnswerView.of(report_of(said, spec))
    assert weighs_options([view]) == [said]
    plain = "The trie is rebuilt every hour over the whole query log."
    assert weighs_options([AnswerView.of(report_of(plain, spec))]) == []


def test_the_model_challenged_is_one_chosen_not_one_only_mentioned_as_an_option(spec):
    """ "You went with a nearest neighbour" came from "BM25 and maybe an embedding-based
    nearest neighbour search": the names were listed in cue order, not as said."""
    from assistant.interview.view import latest_named

    text = (
        "For retrieval I'd use BM25 and maybe an embedding-based nearest neighbour search. "
        "Then a LambdaMART ranker on click features, each with its own boosted tree model."
    )
    view = AnswerView.of(report_of(text, spec))
    # in the order said; nearest neighbour search is how embeddings are searched, no family
    assert view.models_named == ("bm25", "lambdamart", "boosted tree")
    assert latest_named([view]) == "bm25"
    hedged = "We could maybe try BM25 first. The ranker is LambdaMART on click features."
    assert latest_named([AnswerView.of(report_of(hedged, spec))]) == "lambdamart"


def test_a_question_heard_with_a_doubtful_word_is_not_built_on(spec):
    from assistant.interview.view import Sentence

    question = load_question("fraud-detection")
    planner = OfflinePlanner(question, RUBRIC)
    text = "How many payments a second do we see at peak? I'd use trees on card history."
    view = AnswerView.of(report_of(text, spec))
    heard = planner.choose(PlannerState([], [view], 4))
    assert heard.answered == "scale"
    garbled = [
        Sentence(s.text, frozenset({"how", "many"}), 0.5 if s.text.endswith("?") else 0.0)
        for s in view.sentences
    ]
    unsure = planner.choose(PlannerState([], [replace(view, sentences=tuple(garbled))], 4))
    assert unsure.answered == ""


def test_change_moves_never_double_their_label_or_question_and_model_names_read_as_english():
    from assistant.interview.view import with_article
    from prompts import load_questions

    for q in load_questions().values():
        planner = OfflinePlanner(q, RUBRIC if q.is_design else load_rubric(q.rubric))
        for seed in range(2):
            planner.seed = seed
            for c in q.constraint_changes:
                said = planner._change(PlannerState([], [AnswerView(c.say)], 3), seed)
                assert said is not None
                lead = said.question.split(":")[0]
                assert "New requirement" not in said.question.replace(c.say, "") or lead == ""
                assert "New information: New" not in said.question
                twist = next(t for t in q.constraint_changes if t.id == said.target)
                if twist.say.rstrip().endswith("?"):  # a change that asks is not asked again
                    assert said.question.count("?") == twist.say.count("?"), said.question
                if not q.is_design:  # a twist is said as it is, not as a design to change
                    assert said.question.endswith(twist.say), said.question
                    assert "design" not in said.question.lower() + said.why, said
    assert with_article("deep neural network") == "a deep neural network"
    assert with_article("isolation forest") == "an isolation forest"
    assert with_article("xgboost") == "XGBoost" and with_article("bert") == "BERT"
    assert with_article("lstm") == "an LSTM"
    assert with_article("logistic regression") == "logistic regression"


def test_a_twist_the_explanation_already_met_is_not_the_one_asked():
    """An explanation that already put numbers on both sides of its tradeoff is not asked
    to "put numbers on both sides" (a typed answer, not in the repo, was); a design
    answer's change still bites hardest where the design leaned on what it removes."""
    from prompts import load_questions

    answer = (
        "We chose logistic regression over BERT: 88 percent against 91 percent accuracy, two "
        "milliseconds against 40 milliseconds per ticket, and no GPU cost, roughly 3000 "
        "dollars a month, about 30 tickets a day re-routed by hand."
    )
    q = load_questions()["general-explain-tradeoff"]
    planner = OfflinePlanner(q, load_rubric(q.rubric))
    for seed in range(4):
        planner.seed = seed
        said = planner._change(PlannerState([], [AnswerView(answer)], 3), seed)
        assert said is not None and said.target != "quantify", said


def test_the_wrap_up_asks_for_a_design_only_of_a_design_question():
    """A story ("a project that failed") or an explanation has no design to sum up."""
    from prompts import load_questions

    for q in load_questions().values():
        planner = OfflinePlanner(q, RUBRIC if q.is_design else load_rubric(q.rubric))
        for n in range(4):
            said = planner._wrap_up(PlannerState([], [AnswerView("We shipped it.")], 1), n)
            assert said.kind == "wrap_up"
            assert ("design" in said.question) == q.is_design, (q.id, said.question)


def test_a_misheard_cue_is_never_quoted_back_as_a_mistake():
    from assistant.interview.pitfalls import find_pitfalls
    from assistant.interview.view import Sentence

    pitfalls = load_question("fraud-detection").pitfalls
    said = "Our target would be 99% accuracy, that feels like a good bar."
    clear = AnswerView(said, sentences=(Sentence(said, frozenset({"bar"}), 0.1),))
    (hit,) = find_pitfalls(pitfalls, [clear])
    assert hit.pitfall.id == "accuracy-on-rare-fraud" and "99% accuracy" in hit.quote
    misheard = AnswerView(said, sentences=(Sentence(said, frozenset({"accuracy"}), 0.1),))
    assert find_pitfalls(pitfalls, [misheard]) == []


@pytest.mark.parametrize(
    "said",
    [
        "The tradeoff is that we give up some accuracy on sequence patterns.",
        "Trees would lose a bit of accuracy against a sequence model, which is fine here.",
        "We keep it fast at the cost of accuracy on rare merchants.",
    ],
)
def test_accuracy_named_as_what_a_choice_gives_up_is_no_mistake(spec, said):
    """Under tmux with a strong spoken answer (recall at a fixed false-positive rate): the
    interviewer said approving every payment is 99.8% accurate, over "we give up some
    accuracy on sequence patterns"."""
    from assistant.interview.pitfalls import find_pitfalls

    pitfalls = load_question("fraud-detection").pitfalls
    view = AnswerView.of(report_of(f"I'd use gradient boosted trees. {said}", spec))
    assert [h.pitfall.id for h in find_pitfalls(pitfalls, [view])] == []
    aimed = AnswerView.of(report_of("We aim for 99% accuracy on the payments.", spec))
    assert [h.pitfall.id for h in find_pitfalls(pitfalls, [aimed])] == ["accuracy-on-rare-fraud"]


def test_an_option_turned_down_for_its_cost_is_no_mistake():
    """Typed in the app under tmux at 80x24 (not in the repo): "A bigger transformer over
    user history would gain a bit of log loss, but at 25 ms it won't fit, so a small
    cross network is the better deal" was challenged with "How does that model score 500
    ads inside 25 ms?". Turning the option down is seeing the problem; choosing it is
    still the mistake."""
    from assistant.interview.pitfalls import find_pitfalls
    from assistant.interview.view import Sentence

    def view(said: str) -> AnswerView:
        return AnswerView(said, sentences=(Sentence(said, frozenset(), 0.0),))

    pitfalls = load_question("ad-click-prediction").pitfalls
    turned_down = (
        "A bigger transformer over user history would gain a bit of log loss, but at 25 ms "
        "it won't fit, so a small cross network is the better deal."
    )
    hits = find_pitfalls(pitfalls, [view(turned_down)])
    assert "transformer-per-candidate" not in {h.pitfall.id for h in hits}
    chosen = "I'd score every candidate ad with a transformer over the user's history."
    hits = find_pitfalls(pitfalls, [view(chosen)])
    assert "transformer-per-candidate" in {h.pitfall.id for h in hits}


def test_a_sentence_is_quoted_back_without_the_filled_pause_it_opened_with():
    """Under tmux, a push after a kept design read "You said “Uh, honestly, I would keep
    the same model…”"."""
    from assistant.interview.pitfalls import quote

    said = "Uh, honestly, I would keep the same model and the same features as before."
    assert quote(said) == "Honestly, I would keep the same model and the same features as before"
    assert quote("(uh) Um, so we keep it.") == "So we keep it"
    assert quote("Uh.") == "Uh"  # nothing else said: quoted as it is
    assert quote("Honestly, like, I would keep it.") == "Honestly, like, I would keep it"
    # a hesitation only the audio showed is not quoted as a word: played outside the repo,
    # "Going back to “Offline, I'd track precision at the top 200,000 (um)”" quoted one
    # the candidate never said
    assert quote("Offline, I'd track precision at the top 200,000 (um).") == (
        "Offline, I'd track precision at the top 200,000"
    )
    assert quote("We rank, (uh) then we send.") == "We rank, then we send"


def test_a_mistake_is_quoted_from_the_start_of_its_clause_without_the_next_question():
    """Typed or heard as one run-on, the statement holding the mistake is quoted alone,
    from the clause it is in: not "…ad features, and pick … a held out week, where
    does the…"."""
    from assistant.interview.pitfalls import find_pitfalls
    from assistant.interview.view import Sentence

    pitfalls = load_question("ad-click-prediction").pitfalls
    said = (
        "I think clicks, and then I'd just train a deep and wide network on the impression "
        "logs with user and ad features, and pick the version with the best accuracy on a "
        "held out week, where does the bid come in?"
    )
    answer = AnswerView(said, sentences=(Sentence(said),))
    (hit,) = find_pitfalls(pitfalls, [answer])
    assert hit.quote == "\u2026and pick the version with the best accuracy on a held out week"


@pytest.mark.parametrize(
    "question, said",
    [
        (
            "eta-prediction",
            "I'd judge it by mean absolute error and, more importantly, how often we are "
            "more than five minutes late.",
        ),
        ("demand-forecasting", "We'd use RMSE, and watch how often stores run out of a product."),
    ],
)
def test_a_symmetric_error_beside_the_costly_side_is_not_a_mistake(question, said):
    """Said with what the symmetric error misses (late deliveries, running out), it is no
    pitfall; said alone, it is."""
    from assistant.interview.pitfalls import find_pitfalls
    from assistant.interview.view import Sentence

    pitfalls = load_question(question).pitfalls
    assert find_pitfalls(pitfalls, [AnswerView(said, sentences=(Sentence(said),))]) == []
    alone = said.split(" and")[0].split(",")[0] + "."
    (hit,) = find_pitfalls(pitfalls, [AnswerView(alone, sentences=(Sentence(alone),))])
    assert hit.pitfall.id.startswith("symmetric-loss")


def test_a_design_changed_only_once_pushed_is_credited_as_such(spec):
    """The answer after the change keeps the design; the interviewer pushes; the answer to
    the push changes it. The report says both: not revised at first, revised once pushed,
    with where, and the feedback says to change the design in the first answer next time."""
    import tomllib
    from pathlib import Path

    from assistant.interview.moves import Move
    from assistant.interview.session import Interview, OfflineInterviewer, Turn
    from assistant.practice.session_report import adaptation_feedback

    eval_dir = Path(__file__).parents[1] / "eval" / "interviewer"

    def answers(name: str) -> list[str]:
        return [a["text"] for a in tomllib.loads((eval_dir / name).read_text())["answers"]]

    design, keeps = answers("adapt-fraud-device-keeps.toml")
    _, revises = answers("adapt-fraud-device-paraphrase.toml")
    planner = OfflinePlanner(load_question("fraud-detection"), RUBRIC, embedder=spec.embedder)
    interview = Interview(planner, OfflineInterviewer(planner), max_moves=4)
    change = next(c for c in planner.question.constraint_changes if c.id == "no-device-fingerprint")
    turns = [
        (planner.opening(), design),
        (
            Move(
                kind="new_constraint",
                target=change.id,
                why="-",
                question=change.say,
                source="planner",
            ),
            keeps,
        ),
        (
            Move(
                kind="follow_up",
                target=change.id,
                why="-",
                question="What replaces them?",
                source="planner",
            ),
            None,
        ),
    ]
    interview.turns = [Turn(m, report_of(t, spec) if t else None) for m, t in turns]
    (before,) = interview.adaptation()
    assert before.acknowledged and not before.revised and not before.revised_after_push
    interview.turns[-1].answer = report_of(revises, spec)
    (after,) = interview.adaptation()
    assert not after.revised and after.revised_after_push
    assert after.push_evidence is not None and after.push_evidence.quote in revises
    (item,) = adaptation_feedback([after])
    assert item.severity == "info" and "only once the interviewer pushed" in item.message


def test_a_design_changed_for_another_reason_is_said_so_not_kept_or_credited(spec):
    """Played in the app: an answer to a change that rebuilt the model for something else
    (and an answer to the push that did the same) read "changed the design: no, kept as
    it was", as if the revision went unseen. It is said as changed for other reasons, and
    still not credited."""
    import tomllib
    from pathlib import Path

    from assistant.interview.moves import Move
    from assistant.interview.session import Interview, OfflineInterviewer, Turn
    from assistant.practice.session_report import adaptation_cost, adaptation_feedback
    from assistant.report.format import adaptation_verdict

    eval_dir = Path(__file__).parents[1] / "eval" / "interviewer"
    design, keeps = [
        a["text"]
        for a in tomllib.loads((eval_dir / "adapt-fraud-device-keeps.toml").read_text())["answers"]
    ]
    other = (
        "Actually I'd move from gradient boosted trees to a small neural network on the "
        "sequence of a card's last fifty payments, because fraudsters now test cards with a "
        "run of tiny payments first."
    )
    planner = OfflinePlanner(load_question("fraud-detection"), RUBRIC, embedder=spec.embedder)
    interview = Interview(planner, OfflineInterviewer(planner), max_moves=4)
    change = next(c for c in planner.question.constraint_changes if c.id == "no-device-fingerprint")

    def move(kind: str, question: str) -> Move:
        return Move(kind=kind, target=change.id, why="-", question=question, source="planner")

    turns = [
        (planner.opening(), design),
        (move("new_constraint", change.say), other),
    ]
    interview.turns = [Turn(m, report_of(t, spec)) for m, t in turns]
    (a,) = interview.adaptation()
    assert not a.acknowledged and not a.revised and a.changed_otherwise and not a.kept
    assert adaptation_verdict(a) == ("no", "no, changed it for other reasons")
    assert a.evidence is not None and a.evidence.quote in other
    (item,) = adaptation_feedback([a])
    assert "changed the design, but for other reasons" in item.message
    assert adaptation_cost([a]) == 10  # the change was still not met
    # kept at first, then, pushed, rebuilt for something else
    turns[1] = (turns[1][0], keeps)
    turns.append((move("follow_up", "What replaces them?"), other))
    interview = Interview(planner, OfflineInterviewer(planner), max_moves=4)
    interview.turns = [Turn(m, report_of(t, spec)) for m, t in turns]
    (a,) = interview.adaptation()
    assert a.kept and not a.revised_after_push and a.changed_otherwise_after_push
    assert (
        adaptation_verdict(a)[1] == "no, kept as it was; once pushed, changed it for other reasons"
    )
    (item,) = adaptation_feedback([a])
    assert item.message.count("for other reasons") == 1 and adaptation_cost([a]) == 10


def test_a_twist_in_a_story_is_not_called_a_design_change():
    """A behavioural question's twist ("what would you have done in the first hour?") is
    met by adapting the story: the feedback, the exported report and the terminal say
    "adapted the answer" and "the twist", never "design" or "new requirement"."""
    from rich.console import Console

    from assistant.app.build import structure_spec
    from assistant.app.context import AppContext
    from assistant.cli.render import render
    from assistant.interview.moves import Move
    from assistant.interview.session import Interview, OfflineInterviewer, Turn
    from assistant.practice.exporting import to_markdown
    from assistant.practice.session_report import session_report
    from assistant.scoring.analyse import analyse_text
    from assistant.settings import Settings

    question = "behavioural-failure"
    story_spec = structure_spec(AppContext.load(), None, question)
    planner = OfflinePlanner(load_question(question), story_spec.rubric, seed=0)
    interview = Interview(planner, OfflineInterviewer(planner), max_moves=2)
    change = next(c for c in planner.question.constraint_changes if c.id == "customer-facing")
    story = (
        "Last year I owned a churn model. The retention team ignored its weekly scores, so I "
        "moved scoring to a nightly batch and added the top reasons for each score."
    )
    reply = (
        "With paying customers hit, in the first hour I would roll back to the old rule list, "
        "post a status note in the incident channel, and then find which customers got "
        "wrong calls so we could apologise the same day."
    )
    moves = [
        planner.opening(),
        Move(
            kind="new_constraint", target=change.id, why="-", question=change.say, source="planner"
        ),
    ]
    interview.turns = [
        Turn(m, analyse_text(t, Settings(), structure=story_spec, question=question))
        for m, t in zip(moves, [story, reply], strict=True)
    ]
    report = session_report(interview, [story, reply], Settings(), story_spec)
    (a,) = report.interview.adaptation
    assert a.acknowledged and a.revised
    (item,) = [f for f in report.feedback if f.metric == "adaptation"]
    assert item.message.endswith("the answer took up the twist and adapted to it.")
    console = Console(record=True, width=200)
    render(report, console)
    views = {
        "feedback": item.message,
        "markdown": to_markdown(report),
        "terminal": console.export_text(),
    }
    for view, text in views.items():
        assert "design" not in text.lower() and "new requirement" not in text, view
    assert "adapted the answer: yes" in views["markdown"]
    assert "Adapting to the twist" in views["terminal"]


def test_push_evidence_is_placed_in_the_answer_it_was_said_in():
    """Session times: the change's evidence moves by where its answer starts, the push's
    evidence by where the answer to the push starts."""
    from assistant.practice.session_report import shifted_evidence
    from assistant.report import AdaptationOut, Evidence

    verdict = AdaptationOut(
        constraint="c",
        said="s",
        acknowledged=True,
        revised=False,
        evidence=Evidence(quote="kept it", start=1.0),
        revised_after_push=True,
        push_evidence=Evidence(quote="changed it", start=2.0),
    )
    moved = shifted_evidence(verdict, 10.0, 30.0)
    assert (moved.evidence.start, moved.push_evidence.start) == (11.0, 32.0)
    assert shifted_evidence(verdict, 0.0).evidence.start == 1.0


def test_order_findings_of_the_main_answer_say_so_in_a_longer_session(spec):
    """The order is judged on the first answer; with more answers after it, the finding
    and its feedback say which answer they are about, and a summary given later (at the
    wrap-up) still closes the session."""
    import tomllib
    from pathlib import Path

    from assistant.practice.session_report import session_report
    from assistant.settings import Settings

    dev = Path(__file__).parents[1] / "eval" / "dev" / "people-you-may-know-weak-1.toml"
    first = "\n".join(s["text"] for s in tomllib.loads(dev.read_text())["sentences"])
    assert {"no_opening", "no_close"} <= {
        o.kind for o in report_of(first, spec).structure.order_findings
    }
    later = "we'd show the suggestions on the home page and track how many invites get accepted.\n"
    wrap = "So to sum up: a graph model over the friend graph, judged on accepted invites.\n"
    for texts, closed in (([first, later], False), ([first, later, wrap], True)):
        interview = run_session("people-you-may-know", texts, spec)
        interview.end()
        report = session_report(interview, texts, Settings(), spec)
        kinds = {o.kind: o.message for o in report.structure.order_findings}
        assert kinds["no_opening"].startswith("Your first answer ")
        assert ("no_close" in kinds) is not closed
        order = [f.message for f in report.feedback if f.metric == "structure.order"]
        assert len(order) == len(kinds)
        assert not any(m.startswith("The answer ") for m in order)


def test_a_close_said_early_in_the_only_answer_keeps_its_order_finding(spec):
    """Played outside the repo: a story that told its lesson early and ended on its task
    scored 70 with "1 order problem" shown, its depths worth 80: "did not end with
    reflection" cost 5 points and was dropped, because the lesson was in the answer. Only
    a close given in a later answer (the wrap-up) closes the session."""
    from assistant.practice.session_report import session_report
    from assistant.settings import Settings
    from tests.support.interviews import FORECAST

    lines = FORECAST.strip().splitlines()
    assert lines[-1].startswith("To sum up:")
    early = "\n".join([*lines[:2], lines[-1], *lines[2:-1]]) + "\n"
    alone = report_of(early, spec).structure
    assert "no_close" in {o.kind for o in alone.order_findings}
    interview = run_session("demand-forecasting", [early], spec)
    interview.end()
    report = session_report(interview, [early], Settings(), spec)
    assert report.structure.score == alone.score
    assert [o.kind for o in report.structure.order_findings] == [
        o.kind for o in alone.order_findings
    ]
    order = [f.message for f in report.feedback if f.metric == "structure.order"]
    assert "The answer did not end with summary and next steps." in order


def test_a_design_shown_to_meet_the_change_is_not_pushed(spec):
    """After "within 300 ms while posting", an answer that sets the design's own timings
    against the budget is not pushed on what changes; one that only keeps the design is."""
    second = (
        "The million a day is about three million new listings, so the index lookup has to "
        "stay under fifty milliseconds."
    )
    third = "The posting service calls the classifier and answers before the listing goes live."
    met = (
        "Within 300 ms is fine: the photo hash and text embedding take about 40 ms, the index "
        "lookup 20 ms, and the pair classifier on twenty candidates another 30 ms, so I would "
        "keep the design."
    )
    for fourth, pushed in ((met, False), ("I would keep the design exactly as it is.", True)):
        texts = [DUPLICATES, second, third, fourth, "ok", "ok"]
        interview = run_session("duplicate-listings", texts, spec)
        moves = [(m.kind, m.target) for m in interview.moves]
        change = next(i for i, (kind, _) in enumerate(moves) if kind == "new_constraint")
        assert (moves[change + 1] == ("follow_up", moves[change][1])) is pushed, moves


def test_a_twist_is_taken_up_by_doing_what_it_asks_once():
    """ "Give me the thirty-second version" answered "In short: overfitting is…" was
    reported as a twist not taken up (typed in the app, not in the repo): a design change
    is shown by two of its remedies, a twist on an explanation or a story by one of the
    things it asks. An answer that says the earlier one again, or talks of something
    else, still does not take it up."""
    from assistant.interview.adaptation import judge_texts
    from prompts import load_questions

    questions = load_questions()
    earlier = [
        "Let me explain overfitting, the reason a model that shines in testing disappoints live.",
        "It fits noise, say 99 percent accuracy on training data and 70 percent on customers.",
    ]

    def verdict(question: str, change: str, said: list[str]):
        q = questions[question]
        c = next(x for x in q.constraint_changes if x.id == change)
        others = [x.say for x in q.constraint_changes if x.id != change]
        return judge_texts(
            c, said, earlier, context=q.words, alternatives=others, design=q.is_design
        )

    short = [
        "In short: overfitting is a model memorising its training data instead of learning "
        "the pattern, so it looks great in tests and fails on new customers."
    ]
    assert verdict("general-teach-concept", "thirty-seconds", short).revised
    child = [
        "Imagine you learn one song by heart for a test, then the teacher plays a new song.",
        "That's what a model does when it overfits.",
    ]
    assert verdict("general-teach-concept", "child-level", child).acknowledged
    assert not verdict("general-teach-concept", "thirty-seconds", earlier[1:]).acknowledged
    off = ["My team likes coffee and the office is nice."]
    assert not verdict("general-teach-concept", "thirty-seconds", off).acknowledged


def test_after_a_shorter_retelling_the_wrap_up_asks_for_something_else():
    """ "Give me the thirty-second version", answered, then "give me the main point again
    in thirty seconds" asked for the same summary twice in a row."""
    from assistant.interview.moves import Move
    from prompts import load_questions

    for qid, change in [
        ("general-teach-concept", "thirty-seconds"),
        ("general-explain-project", "sixty-seconds"),
        ("behavioural-conflict", "one-minute"),
    ]:
        q = load_questions()[qid]
        twist = next(c for c in q.constraint_changes if c.id == change)
        assert twist.retell
        planner = OfflinePlanner(q, load_rubric(q.rubric), seed=0)
        asked = Move(
            kind="new_constraint", target=change, why="-", question=twist.say, source="planner"
        )
        for n in range(3):
            answered = PlannerState([asked], [AnswerView("Long."), AnswerView("In short: it.")], 1)
            said = planner._wrap_up(answered, n).question
            assert not any(w in said.lower() for w in ("sum up", "main point", "summar")), said
            assert "what would you change" in said
            unanswered = PlannerState([asked], [AnswerView("Long."), AnswerView("")], 1)
            assert "what would you change" not in planner._wrap_up(unanswered, n).question
    # another twist, and a design question, keep their own wrap-up
    q = load_questions()["general-teach-concept"]
    why = next(c for c in q.constraint_changes if c.id == "why-care")
    planner = OfflinePlanner(q, load_rubric(q.rubric), seed=0)
    moved = Move(kind="new_constraint", target=why.id, why="-", question=why.say, source="planner")
    state = PlannerState([moved], [AnswerView("Long."), AnswerView("It costs money.")], 1)
    assert "what would you change" not in planner._wrap_up(state, 0).question


def first_probes(question: str, answer: str):
    """The report of ``answer`` to a bank question read as the app reads it, and the
    offline interviewer's follow-up to it under three seeds."""
    from assistant.app.build import structure_spec
    from assistant.app.context import AppContext

    spec = structure_spec(AppContext.load(), None, question)
    planner = OfflinePlanner(load_question(question), spec.rubric, seed=0)
    report = report_of(answer, spec)
    view = AnswerView.of(report)
    moves = []
    for n in range(3):
        planner.seed = n
        moves.append(planner.probes.choose(PlannerState([planner.opening()], [view], 3), 1, []))
    return report, moves


def test_a_story_or_an_explanation_is_not_asked_for_what_it_just_gave():
    """A project explained with its numbers ("size returns dropped from thirty to
    twenty-two percent…, which saved roughly forty thousand euros a month", typed in the
    app, not in the repo) was quoted back and asked "Can you give me one number that
    shows it worked?". A bank question the answer already answers is not asked, and a
    stage of a story or an explanation is asked its own why, not a design call."""
    answer = (
        "The project I'm proudest of is the returns predictor I built at an online shoe shop, "
        "because it cut the cost of returns for the whole company. I'll go through what the "
        "problem was, what I built, and how it turned out. First, the problem: about thirty "
        "percent of shoes came back, mostly for size, and every return cost us around eight "
        "euros in shipping. Second, what I built: a model that looked at a customer's past "
        "orders and the brand's sizing and suggested a size on the product page. Third, how it "
        "turned out: size returns dropped from thirty to twenty-two percent over three months, "
        "which saved roughly forty thousand euros a month. So that's the problem, the size "
        "model, and the result."
    )
    _, moves = first_probes("general-explain-project", answer)
    for move in moves:
        assert move is None or "one number" not in move.question, move.question
        if move is not None and move.target == "example":
            assert "example show" in move.question and "right call" not in move.question


def test_a_plan_is_not_asked_why_it_is_the_right_call():
    """Typed in the app under tmux (not in the repo): an explanation whose plan ("I'll
    cover two things: what each one means, and how to pick between them") was followed
    and described was quoted back with "What makes that the right call here, and what
    would make you change it?". A plan is not a call to defend (it goes deeper by a
    return at the close), and a stage with no reason to give is complete once described:
    the interviewer asks about something else."""
    answer = (
        "I'll explain precision and recall, the two numbers printed beside every classifier "
        "on our fraud dashboards, and why accuracy hides what matters. I'll cover two things: "
        "what each one means, and how to pick between them. First, what they mean. Precision "
        "says how often a flag is right; recall says how many of the real fraud cases got "
        "flagged. Say the model flags fifty payments and forty are fraud, out of eighty "
        "frauds in all: precision is eighty percent, recall only half. Second, how to pick. "
        "If a false alarm blocks a good customer, push precision; if a missed fraud costs us "
        "the chargeback, push recall, and the threshold sets the balance. So in short: "
        "precision is trust in a flag, recall is coverage of the frauds."
    )
    report, moves = first_probes("general-teach-concept", answer)
    assert report.structure.stage("structure").depth == 2
    for move in moves:
        assert move is None or move.target != "structure", move.question


def test_a_project_retold_for_sales_with_an_everyday_picture_takes_up_the_twist():
    """ "Think of a good shop assistant who remembers…" after "explain the same project to
    someone from the sales team, with no jargon" was reported as the twist not taken up
    (typed in the app, not in the repo): the earlier answer had said "simple", so that
    word no longer counted, and "think of" was not among the twist's words."""
    from assistant.interview.adaptation import judge_texts

    q = load_question("general-explain-project")
    twist = next(c for c in q.constraint_changes if c.id == "non-technical")
    earlier = [
        "I chose a simple gradient boosted model over a neural net, since we had few orders.",
        "Size returns dropped from thirty to twenty-two percent over three months.",
    ]
    retold = [
        "Think of a good shop assistant who remembers that you always take a size up in one brand.",
        "Our tool did that for every customer on the website, so people got the right size "
        "the first time and sent fewer shoes back.",
    ]
    others = [c.say for c in q.constraint_changes if c.id != twist.id]
    verdict = judge_texts(
        twist, retold, earlier, context=q.words, alternatives=others, design=False
    )
    assert verdict.acknowledged and verdict.revised
    again = judge_texts(
        twist, earlier[1:], earlier, context=q.words, alternatives=others, design=False
    )
    assert not again.acknowledged


def test_a_story_missing_a_stage_is_asked_to_tell_it_not_what_it_would_do():
    """ "Let's talk about task. Say what you personally were responsible for… What would
    you do?" asked a story for a design decision."""
    from assistant.interview.stage_evidence import Said, StageSaid

    checked = set()
    for qid in ("behavioural-ambiguity", "general-teach-concept", "fraud-detection"):
        q = load_question(qid)
        rubric = RUBRIC if q.is_design else load_rubric(q.rubric)
        planner = OfflinePlanner(q, rubric, seed=0)
        stage = rubric.stages[1].id
        for n in range(4):
            state = PlannerState([planner.opening()], [AnswerView("We did it.")], 3)
            said = planner.probes._follow_up(state, n, stage, StageSaid(Said.NOTHING)).question
            if not any(f.stage == stage for f in q.follow_ups) and stage not in (
                planner.phrasings.stage_questions
            ):
                told = "What would you do?" in said or "How would you handle" in said
                assert told == q.is_design, (qid, said)
                checked.add(qid)
    assert "behavioural-ambiguity" in checked


def test_each_design_stage_has_its_own_why():
    """Played outside the repo: two probes in a row ended on the same words ("What makes
    that the right call here, and what would make you change it?"). Every design stage
    the interviewer may ask to go deeper on has a why of its own."""
    from prompts.templates import load_phrasings

    asks = load_phrasings().depth_asks
    rubric = load_rubric("ml-system-design")
    deeper = [s.id for s in rubric.stages if s.id not in ("framing", "summary")]
    assert all(s in asks for s in deeper), [s for s in deeper if s not in asks]
    assert len({asks[s] for s in deeper}) == len(deeper)


def test_the_number_probe_fits_the_sentence_it_quotes():
    """Played outside the repo: "You said “…batched on CPU, to stay inside the latency
    budget”. Where does that number come from…" (no number in it), and "that number"
    after a sentence with three."""
    from assistant.interview.probes import _fitting

    ask = "Where does that number come from, and what in your design changes if it is ten times bigger?"  # noqa: E501
    plain = "What makes that the right call here, and what would make you change it?"
    assert _fitting(ask, "Scoring is batched on CPU to stay inside the latency budget.", plain) == (
        plain
    )
    assert _fitting(ask, "We see about 250,000 requests a second at peak.", plain) == ask
    many = _fitting(ask, "Ten million members, and the page loads in under 200 ms.", plain)
    assert many.startswith("Where do those numbers come from") and "if they are ten" in many
    moved = "How would you show it was your system that moved that number?"
    assert _fitting(moved, "Online we watch the acceptance rate.", plain) == moved


def test_two_moves_in_a_row_never_open_alike():
    """Played outside the repo: "Let me ask you this." opened two turns running, and
    "Good that you said your assumption out loud." twice."""
    question = load_question("query-autocomplete")
    for seed in range(6):
        planner = OfflinePlanner(question, RUBRIC, seed=seed)
        said = [planner._say("follow_up", n, ask="Why?") for n in range(4)]
        assert all(a != b for a, b in zip(said, said[1:], strict=False)), said


def test_a_push_on_a_change_taken_in_but_not_acted_on_says_the_change_again(spec):
    """Played outside the repo: a push read "Before we move on: Which part of your design
    does that break…?", with nothing to say which change it meant."""
    import tomllib
    from pathlib import Path

    from assistant.interview.moves import Move

    eval_dir = Path(__file__).parents[1] / "eval" / "interviewer"
    path = eval_dir / "adapt-fraud-device-keeps.toml"
    design = tomllib.loads(path.read_text())["answers"][0]["text"]
    planner = OfflinePlanner(load_question("fraud-detection"), RUBRIC, embedder=spec.embedder)
    change = next(c for c in planner.question.constraint_changes if c.id == "no-device-fingerprint")
    said = Move(
        kind="new_constraint", target=change.id, why="-", question=change.say, source="planner"
    )
    heard = "Okay, losing device fingerprinting hurts: a lot of our signal came from the device."
    views = [AnswerView.of(report_of(t, spec)) for t in (design, heard)]
    state = PlannerState([said], views, 2)
    push = planner._push(state, 2, planner._verdict(state))
    assert push is not None and "described no change" in push.why
    assert push.question.startswith("Back to the change:"), push.question


def test_a_move_after_a_change_judges_the_answer_once(spec):
    """After a requirement change the planner judged the same answer two or three times
    a move (the push, whether the answer only asked, the reply to a question), each time
    asking the sentence model about the same sentences: each text is embedded once a
    move, and the move is the same."""
    import tomllib
    from collections import Counter
    from pathlib import Path

    from assistant.interview.moves import Move

    class Counting:
        def __init__(self) -> None:
            self.seen: Counter[str] = Counter()

        def embed(self, texts):
            self.seen.update(texts)
            return spec.embedder.embed(texts)

    eval_dir = Path(__file__).parents[1] / "eval" / "interviewer"
    design = tomllib.loads((eval_dir / "adapt-fraud-device-keeps.toml").read_text())
    question = load_question("fraud-detection")
    change = next(c for c in question.constraint_changes if c.id == "no-device-fingerprint")
    said = Move(
        kind="new_constraint", target=change.id, why="-", question=change.say, source="planner"
    )
    texts = [a["text"] for a in design["answers"]]
    views = [AnswerView.of(report_of(t, spec)) for t in texts]
    counting = Counting()
    planner = OfflinePlanner(question, RUBRIC, embedder=counting)
    move = planner.choose(PlannerState([said], views, 3))
    plain = OfflinePlanner(question, RUBRIC, embedder=spec.embedder)
    assert move == plain.choose(PlannerState([said], views, 3))
    assert counting.seen and max(counting.seen.values()) == 1, counting.seen.most_common(3)


CHURN_DESIGN = (
    "The retention team needs a daily list of subscribers likely to cancel in the next thirty "
    "days. I'd assume about twenty million subscribers. For data we have viewing history, "
    "billing events and support tickets, and the label is whether someone cancels within "
    "thirty days. A nightly pipeline builds features from the last ninety days. For the model "
    "I'd use gradient boosted trees, because the features are tabular. We score everyone each "
    "night and put the top two hundred thousand in a table the team reads in the morning."
)


@pytest.mark.parametrize(
    ("question_id", "design"),
    [
        ("churn-prediction", CHURN_DESIGN),
        ("duplicate-listings", eval_answer("dup-strong-1")["text"]),
        ("query-autocomplete", eval_answer("autocomplete-medium-1")["text"]),
        ("spam-filter", None),
    ],
)
@pytest.mark.parametrize("reply", ["keeps", "adapts"])
def test_a_five_minute_session_has_room_to_push_after_a_change(spec, question_id, design, reply):
    """Played in the app on churn (5 minutes, four moves): the change came third and the
    wrap-up fourth, so an answer that kept the design was charged without the push the
    README promises. The change now leaves room for it; an answer that adapts gets a probe
    there instead."""
    from assistant.interview.session import Interview, OfflineInterviewer
    from assistant.practice.session import planned_moves
    from assistant.settings import Settings

    question = load_question(question_id)
    if design is None:
        design = (
            "We get about five billion emails a day and each decision has to take under fifty "
            "milliseconds. Labels come from users marking spam and not spam. A nightly job "
            "builds features from sender reputation, links and the text. For the model I'd "
            "use gradient boosted trees on those features, served inside the mail pipeline."
        )
    moves = planned_moves(question, Settings())
    assert moves == 4
    planner = OfflinePlanner(question, RUBRIC, embedder=spec.embedder)
    interview = Interview(planner, OfflineInterviewer(planner), max_moves=moves)
    interview.opening()
    move = interview.answered(report_of(design, spec))
    answer_to_change = {
        "keeps": "I think the design holds up as it is. We keep the same model and the same "
        "features as before.",
    }
    change = None
    kinds = []
    while move is not None:
        kinds.append(move.kind)
        if move.kind == "new_constraint":
            change = next(c for c in question.constraint_changes if c.id == move.target)
            if reply == "keeps":
                text = answer_to_change["keeps"]
            else:  # the change said back, and the remedies it calls for
                remedies = " and ".join(change.keywords[:3])
                text = f"{change.say} So I would switch to {remedies} instead."
        elif move.kind == "wrap_up":
            text = "To sum up, that is the design."
        else:
            text = "I would watch precision every week and alert when it drops."
        move = interview.answered(report_of(text, spec))
    assert "new_constraint" in kinds and kinds[-1] == "wrap_up", kinds
    after = interview.moves[kinds.index("new_constraint") + 1]
    if reply == "keeps":
        assert after.kind == "follow_up" and after.target == change.id, kinds
    else:
        assert after.target != change.id, kinds  # a probe, or the wrap-up: nothing to push


PLAYED_CHURN = (
    "For framing, the retention team needs a daily list of subscribers likely to cancel in the "
    "next thirty days, so they can reach out each morning. {assumption} For data we have "
    "viewing history, billing events, support tickets and app usage, and the label is whether "
    "someone cancels within thirty days of the snapshot date. A nightly pipeline builds "
    "features from the last ninety days. For the model I'd start with gradient boosted trees "
    "rather than a sequence model, because the features are tabular and trees are cheap to "
    "train and easy to explain. We score everyone each night and put the top two hundred "
    "thousand in a table the team reads in the morning."
)


@pytest.mark.parametrize(
    "assumption",
    [
        "I'd assume about twenty million subscribers with roughly three percent cancelling a "
        "month.",
        "I'll assume around fifteen million subscribers, and about four percent of them cancel "
        "each month.",
    ],
)
def test_a_bank_question_does_not_quote_a_sentence_it_is_not_about(spec, assumption):
    """Played in the app: after a skipped follow-up the interviewer said "You said “I'd
    assume about twenty million subscribers…”. How would you show that the model actually
    saved subscribers, not just predicted them?": the sentence that had reached the metrics
    stage, quoted before a question it has nothing to do with. It is asked on its own."""
    design = PLAYED_CHURN.format(assumption=assumption)
    interview = run_session("churn-prediction", [design, "", "", "", "", ""], spec)
    probe = next(m for m in interview.moves if "saved subscribers" in m.question)
    assert "subscribers with" not in probe.question and "assume" not in probe.question, (
        probe.question
    )
    assert "\u201c" not in probe.question


def test_an_assumption_is_not_confirmed_with_a_fact_about_something_else(spec):
    """S05: "I'll assume at order time and then every minute while the courier drives" (how
    often the estimate updates) was met with "Good that you said your assumption out loud.
    Restaurant list pages show ETAs for 50 restaurants at once and must load in 200 ms"."""
    text = (
        "We tell a customer when their food will arrive. I'll assume at order time and then "
        "every minute while the courier drives. I'd use gradient boosted trees on the "
        "restaurant's recent cooking times, traffic and the courier's live location."
    )
    interview = run_session("eta-prediction", [text, "ok", "ok"], spec)
    move = interview.moves[0]
    assert move.answered != "latency" and "assumption out loud" not in move.question


LIP_SERVICE_FIRST = {
    "harmful-content": (
        "We classify each post as harmful or fine, judged by recall at a fixed precision per "
        "policy. A multilingual transformer scores text and a vision model scores images, "
        "served on GPUs behind the upload service, with reviewers labelling the borderline cases."
    ),
    "ad-click-prediction": (
        "For each request we score about five hundred candidate ads with a deep and cross "
        "network over user, ad and context features, served on CPU behind the auction, within "
        "25 ms."
    ),
    "demand-forecasting": (
        "We forecast each store's daily demand for every product with one global gradient "
        "boosted model, retrained once a night on two years of sales, with holidays and "
        "promotions as features."
    ),
}


@pytest.mark.parametrize(
    ("question_id", "change_id", "reply"),
    [
        ("harmful-content", "live-video", "Sure, one minute."),
        ("harmful-content", "live-video", "Okay, within a minute then."),
        ("ad-click-prediction", "latency-10ms", "Alright, the budget is now 10 ms instead of 25."),
        ("demand-forecasting", "intraday", "So forecasts every two hours instead of once a night."),
    ],
)
def test_lip_service_to_a_change_reads_the_same_everywhere(spec, question_id, change_id, reply):
    """Seen by testers: the new figure said back with nothing changed read "took it up:
    no" when said in other units ("one minute" for "within 60 seconds"), and "changed the
    design: yes" (no push, no cost) when set against the old one ("10 ms instead of 25").
    It is the change taken up and the design left as it was, in the report's table, its
    feedback and the interviewer's push alike."""
    from assistant.interview.moves import Move
    from assistant.practice.session_report import adaptation_outcome
    from assistant.report.format import adaptation_verdict

    question = load_question(question_id)
    change = next(c for c in question.constraint_changes if c.id == change_id)
    reports = [report_of(LIP_SERVICE_FIRST[question_id], spec), report_of(reply, spec)]
    verdict = check_adaptation(
        change,
        reports[1],
        question.words,
        earlier=reports[:1],
        embedder=spec.embedder,
        alternatives=question.constraint_changes,
    )
    assert adaptation_verdict(verdict) == ("yes", "no")
    assert adaptation_outcome(verdict) == "named"
    planner = OfflinePlanner(question, RUBRIC, embedder=spec.embedder)
    said = Move(
        kind="new_constraint", target=change.id, why="-", question=change.say, source="planner"
    )
    move = planner.choose(PlannerState([said], [AnswerView.of(r) for r in reports], 3))
    assert move.target == change.id and "took the change in" in move.why, move.why


def test_a_change_of_course_against_the_old_way_is_still_a_revision(spec):
    """ "Instead of once a night, I'd switch to…" changes course; only a change of course
    whose object is the change's own figure or words says it back."""
    question = load_question("demand-forecasting")
    change = next(c for c in question.constraint_changes if c.id == "intraday")
    reply = (
        "Instead of once a night, I'd switch to a light model that updates every two hours "
        "from the morning's sales."
    )
    reports = [report_of(LIP_SERVICE_FIRST["demand-forecasting"], spec), report_of(reply, spec)]
    verdict = check_adaptation(
        change,
        reports[1],
        question.words,
        earlier=reports[:1],
        embedder=spec.embedder,
        alternatives=question.constraint_changes,
    )
    assert verdict.acknowledged and verdict.revised


MUSIC = (
    "The product is a personalised playlist of thirty songs delivered every Monday. Candidate "
    "generation uses collaborative filtering embeddings, then a ranking model, gradient "
    "boosted trees, orders them. Everything runs as a weekly batch job on Sunday night and "
    "the playlists are written to a key value store the app reads on Monday."
)


@pytest.mark.parametrize(
    ("question_id", "change_id", "first", "ignores", "pushed"),
    [
        (
            "music-playlist",
            "daily-refresh",
            MUSIC,
            MUSIC,  # the design said again
            "Okay, concretely: a nightly rerank using today's plays from a streaming job, "
            "and the store rewritten each night.",
        ),
        (
            "notification-ranking",
            "quiet-hours-law",
            "For each candidate a gradient boosted model predicts the probability of an open, "
            "and we subtract a penalty for the probability of a disable; we send if the score "
            "clears a threshold. This runs in a streaming service that scores candidates as "
            "events arrive, batched per user every fifteen minutes.",
            "I'd stick with the open probability minus the disable penalty, it's a good objective.",
            "Right: a rule that holds marketing notifications between 9 pm and 8 am local "
            "time and re-scores them in the morning.",
        ),
    ],
    ids=["music-nightly-rerank", "notifications-quiet-hours"],
)
def test_a_design_described_in_answer_to_the_push_is_credited(
    spec, question_id, change_id, first, ignores, pushed
):
    """hI S22, S24, S38: asked "Which part of your design does that break, and what would
    you build in its place?", the candidate described what replaces it ("a nightly rerank
    using today's plays…", "a rule that holds marketing notifications between 9 pm and 8
    am…") and the report said the design was not changed (−10): with no "I'd" and no
    "instead", a description read as no plan."""
    from assistant.interview.moves import Move
    from assistant.interview.session import Interview, OfflineInterviewer, Turn
    from assistant.practice.session_report import adaptation_cost

    planner = OfflinePlanner(load_question(question_id), RUBRIC, embedder=spec.embedder)
    interview = Interview(planner, OfflineInterviewer(planner), max_moves=4)
    change = next(c for c in planner.question.constraint_changes if c.id == change_id)

    def move(kind: str, question: str) -> Move:
        return Move(kind=kind, target=change.id, why="-", question=question, source="planner")

    turns = [
        (planner.opening(), first),
        (move("new_constraint", change.say), ignores),
        (move("follow_up", "Which part of your design does that break?"), pushed),
    ]
    interview.turns = [Turn(m, report_of(t, spec)) for m, t in turns]
    (a,) = interview.adaptation()
    assert not a.revised and a.revised_after_push and adaptation_cost([a]) == 5
    assert a.push_evidence is not None and a.push_evidence.quote in pushed


SPAM_DESIGN = (
    "A cheap sender reputation check on IP and domain rejects the obvious senders, then a "
    "gradient boosted tree on header features, link domains and a small text model on the "
    "body scores what passes. It runs inline in the mail servers within a hundred "
    "milliseconds."
)
CHURN_DESIGN = (
    "Each week a gradient boosted model scores every subscriber on how likely they are to "
    "cancel next month, from viewing history, hours watched a week, payment failures and "
    "support tickets; the top scores get a retention offer."
)


def _reply_after_change(spec, question_id: str, change_id: str, design: str, asked: str):
    from assistant.interview.moves import Move
    from assistant.interview.state import PlannerState
    from assistant.interview.view import AnswerView

    planner = OfflinePlanner(load_question(question_id), RUBRIC, embedder=spec.embedder)
    change = next(c for c in planner.question.constraint_changes if c.id == change_id)
    moves = [
        planner.opening(),
        Move(
            kind="new_constraint", target=change.id, why="-", question=change.say, source="planner"
        ),
    ]
    answers = [AnswerView.of(report_of(t, spec)) for t in (design, asked)]
    reply, move = planner.choose_parts(PlannerState(moves, answers, 3))
    return change, reply, answer_first(reply, move).question


@pytest.mark.parametrize(
    ("question_id", "change_id", "design", "asked"),
    [
        (
            "spam-filter",
            "encrypted-content",
            SPAM_DESIGN,
            "Quick question before I answer: what share of mail will be encrypted, and do we "
            "still see the subject line and the headers for those messages?",
        ),
        (
            "churn-prediction",
            "no-viewing-history",
            CHURN_DESIGN,
            "Can I check what counts as viewing history here: is it only the titles watched, "
            "or also how many hours a week someone watches? Because the hours watched is my "
            "strongest feature.",
        ),
    ],
    ids=["share-encrypted", "what-counts-as-viewing-history"],
)
def test_a_question_about_the_change_is_answered_with_the_change(
    spec, question_id, change_id, design, asked
):
    """hI v1-S04: "what share of mail will be encrypted…?" was answered "About 45% of
    incoming mail is spam" ("share" is a word of the spam-rate fact). hI S14: "Can I check
    what counts as viewing history here: …? Because the hours watched is my strongest
    feature." was not heard as a question (the reason for asking read as its answer), and
    then answered with the subscriber count ("how many")."""
    change, reply, turn = _reply_after_change(spec, question_id, change_id, design, asked)
    assert reply is not None and reply.topics == change.id
    # the change as it stands, said once in the turn (the move after the reply puts it)
    assert turn.lower().count(change.say.lower()) == 1, turn


def test_small_talk_is_not_answered_as_a_missing_figure(spec):
    """hI S31: "Did you see the football last night?" got "I don't have a figure for that;
    make a reasonable assumption and say it out loud."."""
    from assistant.interview.clarify import small_talk
    from assistant.interview.state import PlannerState
    from assistant.interview.view import AnswerView

    q = load_question("general-teach-concept")
    planner = OfflinePlanner(q, load_rubric(q.rubric))
    assert small_talk("Did you see the football last night?", planner._topic)
    assert not small_talk("Do you know how many learners there are?", planner._topic)
    spam = OfflinePlanner(load_question("spam-filter"), RUBRIC, embedder=spec.embedder)
    said = "Did you have a nice weekend? Mine was great."
    state = PlannerState(
        [spam.opening()], [AnswerView.of(report_of(t, spec)) for t in (SPAM_DESIGN, said)], 3
    )
    reply, _ = spam.choose_parts(state)
    assert reply is None
    asked = "Is latency a hard limit here? I'd like to know before going on."
    state.answers[-1] = AnswerView.of(report_of(asked, spec))
    reply, _ = spam.choose_parts(state)
    assert reply is not None  # a real question still gets its answer, or "no figure"


@pytest.mark.parametrize("question_id", ["spam-filter", "feed-ranking"])
def test_small_talk_is_told_from_the_interview_by_whole_words(spec, question_id):
    """s37 fI: on spam-filter, "Did you see the football last night?" still got "I don't
    have a figure for that": "night" met the rubric's "nightly" (words cut to five
    letters). On feed-ranking it met a "last" of the question's: a word of when is no
    word of the interview."""
    from assistant.interview.clarify import content_stems, small_talk
    from assistant.interview.state import PlannerState
    from assistant.interview.view import AnswerView

    q = load_question(question_id)
    planner = OfflinePlanner(q, load_rubric(q.rubric), embedder=spec.embedder)
    assert small_talk("Did you see the football last night?", planner._topic)
    # word forms still meet: "latencies" is about the interview's "latency"
    assert content_stems("the latencies we planned") == content_stems("latency plan")
    assert not content_stems("the nightly job") & content_stems("last night")
    said = "Did you see the football last night? Unbelievable second half."
    design = SPAM_DESIGN if question_id == "spam-filter" else eval_answer("feed-strong-1")["text"]
    state = PlannerState(
        [planner.opening()], [AnswerView.of(report_of(t, spec)) for t in (design, said)], 5
    )
    reply, _ = planner.choose_parts(state)
    assert reply is None


ETA_DESIGN = (
    "The goal is to tell the customer, when they place a food order, how many minutes"
    " until it arrives, and update that as the order moves. I'd judge it by mean "
    "absolute error in minutes, but also by how often we're late by more than ten "
    "minutes, because being late hurts more than being early. Data: historical orders"
    " with the actual delivery time, restaurant prep times, courier GPS pings, and "
    "traffic by time of day. I'd break the ETA into prep time, courier pickup, and "
    "travel time, and predict each with a gradient boosted regressor. Features like "
    "the restaurant's recent prep times get computed every few minutes by a streaming"
    " job. The prediction is served by an API called at checkout and on every status "
    "change, which needs to answer within maybe fifty milliseconds. I'd start with a "
    "simple baseline of historical averages per restaurant and hour before the "
    "boosted model."
)
ETA_MONITORING = (
    "I'd track live error per city every fifteen minutes by comparing delivered "
    "orders with what we promised. If a city's share of orders late by ten minutes "
    "jumps, we alert and add a weather and traffic adjustment, and in the worst case "
    "we pad the ETA with a city-level correction until the model catches up."
)
ETA_ONCE_A_MINUTE = (
    "So we only get a location about once a minute now. Between fixes I'd interpolate"
    " along the route using typical road speeds, add a feature for how stale the last"
    " fix is, and retrain on history where I drop pings to one per minute so training"
    " matches serving. The ETA shown to the customer gets a wider range while we're "
    "between fixes."
)


def move_after_a_change(spec, question_id: str, change_id: str, follow_up: str, texts):
    """The planner's next move after an opening answer, a follow-up on monitoring
    (``follow_up``) and the question's change ``change_id``, answered with ``texts``:
    (the move, the change)."""
    from assistant.interview.moves import Move
    from assistant.interview.state import PlannerState
    from assistant.interview.view import AnswerView

    q = load_question(question_id)
    planner = OfflinePlanner(q, RUBRIC, embedder=spec.embedder)
    change = next(c for c in q.constraint_changes if c.id == change_id)
    moves = [
        planner.opening(),
        Move(kind="follow_up", target="monitoring", why="-", question=follow_up, source="bank"),
        Move(
            kind="new_constraint",
            target=change.id,
            why="-",
            question=f"Let me change one thing. {change.say} How does your design change?",
            source="planner",
        ),
    ]
    answers = [AnswerView.of(report_of(t, spec)) for t in texts]
    return planner.choose(PlannerState(moves, answers, 2)), change


def test_the_interviewers_own_figure_is_not_asked_where_it_comes_from(spec):
    """hI S12: after "courier GPS now arrives every 60 seconds at best", the answer "So we
    only get a location about once a minute now…" was met with "Where does that number
    come from, and what in your design changes if it is ten times bigger?"."""
    from assistant.interview.probes import given_by_interviewer

    move, change = move_after_a_change(
        spec,
        "eta-prediction",
        "gps-loss",
        "A big storm hits one city. How would you notice ETAs going wrong?",
        (ETA_DESIGN, ETA_MONITORING, ETA_ONCE_A_MINUTE),
    )
    assert "number come from" not in move.question
    assert "once a minute" not in move.question
    # a figure of the candidate's own is still theirs to defend
    assert not given_by_interviewer("We have about two million couriers.", change.say)
    assert given_by_interviewer(
        "I'll assume a budget of around a hundred and fifty milliseconds.",
        "The whole fraud check gets 150 ms at p99.",
    )
    # "p99" is no 99 of the interviewer's: the 80 ms is the candidate's own
    assert not given_by_interviewer(
        "I'd aim for a p99 under eighty milliseconds.", "The whole fraud check gets 150 ms at p99."
    )


CONFLICT = (
    "At my last job I disagreed with a colleague, Priya, about whether to ship a new "
    "ranking model before the holiday freeze. She wanted to ship because the offline "
    "metrics were up two percent. I was worried because we hadn't run an A/B test and"
    " the holiday traffic looked nothing like our training data. My task was to make "
    "a case without blocking her work. So I pulled the last two years of holiday "
    "data, showed that our offline metric had disagreed with the online one in both "
    "of those years, and proposed a one week test on five percent of traffic. We met,"
    " she agreed to the test, and it showed the new model actually lost revenue on "
    "gift searches. We shipped a fixed version in January. What I learned is to bring"
    " evidence to a disagreement instead of opinions."
)
DUPLICATES_FRAMED = (
    "We want to find listings on the marketplace that are the same item posted twice,"
    " either the same seller reposting or scammers copying photos. I'd measure "
    "precision of the pairs we flag, because removing a real listing hurts sellers, "
    "and recall on a hand labelled sample. For data I'd use titles, descriptions, "
    "prices, and the photos, with labels from moderators and from users who report "
    "duplicates. The pipeline: embed each image with a pretrained CNN and each title "
    "with a sentence encoder, put the embeddings in an approximate nearest neighbour "
    "index, and for every new listing fetch the top twenty candidates and compare "
    "them with a small classifier on similarity features. A nightly batch job "
    "rebuilds the index. Flagged pairs above a high threshold are merged "
    "automatically, the rest go to moderators. I'd monitor the share of flags "
    "moderators overturn each week."
)
RAG_HYBRID = (
    "So employees ask questions about internal policies and docs, and the assistant "
    "should answer with links to the sources. First I'd pin down success: answers "
    "that are correct and grounded, measured by a weekly human review of a sample, "
    "and whether people stop filing tickets to HR and IT for the same question. The "
    "corpus is wikis, PDFs, and ticket resolutions; we chunk them into a few hundred "
    "tokens each, embed them, and store them in a vector index, respecting each "
    "document's access permissions. At question time we retrieve the top ten chunks "
    "with hybrid search, BM25 plus embeddings, rerank them with a cross encoder, and "
    "pass the top five to a hosted LLM like GPT-4 with an instruction to answer only "
    "from the context and cite. Latency target a few seconds. The main risk is "
    "hallucination, so we check that every answer cites something and let users "
    "thumbs-down bad answers."
)
RAG_MONITORING = (
    "Each chunk carries the document's last modified date and owner. When two "
    "retrieved chunks disagree, we prefer the newer one, and we show the date next to"
    " each citation. Documents older than a year get flagged to their owners for "
    "review, and I'd track the share of answers citing a superseded page."
)
RAG_FIVE_MINUTES = (
    "So an edited page must be findable in under three hundred seconds. The nightly "
    "re-embedding won't do; I'd listen to the wiki's change events, re-chunk and re-"
    "embed just the edited document as soon as it changes, and upsert those chunks "
    "into the vector index and the BM25 index, deleting the old chunks. That takes "
    "seconds per document. I'd also add a freshness check that compares the index "
    "timestamp with the source every hour."
)


def test_a_story_probe_asks_for_more_in_the_stages_own_words(spec):
    """hI S27-S29: "Going back to “My task was to make a case without blocking her
    work”: Say more about task." (the stage's title, said as English). The sentence says
    what the task was, so what is asked is what it leaves out: what made it hard."""
    from assistant.interview.state import PlannerState
    from assistant.interview.view import AnswerView
    from assistant.scoring.analyse import StructureSpec
    from assistant.scoring.structure.scorers import build_scorer

    q = load_question("behavioural-conflict")
    rubric = load_rubric(q.rubric)
    scorer, method = build_scorer(rubric, spec.embedder)
    story = StructureSpec(rubric, scorer, method)
    planner = OfflinePlanner(q, rubric, embedder=spec.embedder)
    state = PlannerState([planner.opening()], [AnswerView.of(report_of(CONFLICT, story))], 4)
    move = planner.choose(state)
    assert move.target == "task"
    assert "say more about task" not in move.question.lower()
    assert "what made that hard" in move.question.lower(), move.question


def test_an_answer_that_framed_the_problem_first_is_not_told_it_went_to_the_model(spec):
    """hI S13-S16, S21-S26: "Before we go further into a CNN, let's pin down the basics."
    after an answer that framed the problem, gave a metric and described the data before
    naming the CNN (as the image embedder, in its fourth sentence)."""
    from assistant.interview.state import PlannerState
    from assistant.interview.view import AnswerView

    planner = OfflinePlanner(load_question("duplicate-listings"), RUBRIC, embedder=spec.embedder)
    view = AnswerView.of(report_of(DUPLICATES_FRAMED, spec))
    move = planner.choose(PlannerState([planner.opening()], [view], 4))
    assert move.target == "constraints"
    assert "go further into" not in move.question and "step back from" not in move.question
    assert "went to" not in move.why


def test_a_model_used_together_with_another_is_not_set_against_the_obvious_alternative(spec):
    """hI S19: "Why BM25 rather than the obvious alternative? What do you give up with
    it?" after "hybrid search, BM25 plus embeddings"."""

    move, _ = move_after_a_change(
        spec,
        "rag-assistant",
        "fresh-within-minutes",
        "How would you notice the assistant answering from an outdated document?",
        (RAG_HYBRID, RAG_MONITORING, RAG_FIVE_MINUTES),
    )
    assert move.kind == "challenge" and move.target == "tradeoffs"
    assert "BM25" not in move.question  # not "You went with BM25" either


@pytest.mark.parametrize(
    ("asked", "given", "rest"),
    [
        # the second part asks for a time in other words than "latency"
        (
            "One thing first: how much traffic comes in each second, and how long does "
            "click prediction get?",
            ["250,000", "25 ms"],
            False,
        ),
        # a part no fact covers is said to have none; the part with a fact is answered
        (
            "Before I design anything, how many ad requests per second are there, and what "
            "countries do we serve?",
            ["250,000"],
            True,
        ),
        # a part the candidate answers with their own assumption needs no "make one"
        (
            "Do we serve ads on the web or in the app? I'll assume the app, and how many "
            "ad requests per second do we get?",
            ["250,000"],
            False,
        ),
        # a choice between two readings asks one thing: a fact on either half answers it
        (
            "Do we get a few thousand ad requests per second, or is it much more than that?",
            ["250,000"],
            False,
        ),
    ],
)
def test_each_part_of_a_clarifying_question_gets_its_answer(spec, asked, given, rest):
    """A two-part question with one answerable part got only "I don't have a figure for
    that": the part with a fact is answered, and the other is said to have none."""
    interview = run_session("ad-click-prediction", [asked, "ok", "ok"], spec)
    move = interview.moves[0]
    assert all(figure in move.question for figure in given), move.question
    assert ("I don't have a figure for the rest" in move.question) is rest, move.question
    assert "I don't have a figure for that" not in move.question


@pytest.mark.parametrize(
    ("asked", "open_rest"),
    [
        ("How many ad requests per second are there, and do we serve more than one country?", True),
        ("How many ad requests per second are there, and should we cover video ads too?", True),
        ("How many ad requests per second are there, and how many advertisers bid?", False),
    ],
    ids=["does-yes-no", "should-yes-no", "how-many"],
)
def test_a_part_that_asks_yes_or_no_is_not_told_there_is_no_figure(spec, asked, open_rest):
    """ "Are there any legal limits on how high prices can go, and do drivers see the
    multiplier too?" got the cap fact and "I don't have a figure for the rest": the second
    part asks a yes or a no, not a figure. It is the candidate's to decide."""
    interview = run_session("ad-click-prediction", [asked, "ok", "ok"], spec)
    move = interview.moves[0]
    assert "250,000" in move.question, move.question
    assert ("The rest is yours to decide" in move.question) is open_rest, move.question
    assert ("I don't have a figure for the rest" in move.question) is not open_rest


@pytest.mark.parametrize(
    ("question", "asked", "given"),
    [
        ("churn-prediction", "What's the churn rate, and how long do people stay?", "3% cancel"),
        ("churn-prediction", "How long do people usually stay?", "3% cancel"),
        ("harmful-content", "What fraction of posts are harmful?", "0.05% of posts"),
    ],
)
def test_a_question_for_a_rate_gets_the_fact_that_states_it(spec, question, asked, given):
    """ "What's the churn rate, and how long do people stay?" was told "I don't have a
    figure for that": no keyword of the fact that says "roughly 3% cancel each month" is
    in it, and how long people stay is what a monthly rate of leaving tells. "What
    fraction of posts are harmful?" got the post volume. A rate asked for is answered by
    the fact that states a rate of what is asked, and a part that fact answers too is
    not said to have no figure."""
    move = run_session(question, [asked, "ok", "ok"], spec).moves[0]
    assert given in move.question, move.question
    assert "I don't have a figure" not in move.question, move.question


def test_a_question_about_the_change_and_a_figure_gets_both(spec):
    """ "Does that mean X, and how many searches a second do we get?" right after a
    change: the change stands as said, and the figure asked for is given (the figure
    was dropped because one of the question's words was another change's)."""
    design = (
        "I'd keep a prefix index of the most popular completions, rebuilt nightly from "
        "the query logs, and rank the top twenty by a small gradient boosted model in "
        "memory on each keystroke."
    )
    asked = (
        "Are the five minutes counted from the first search, and how many searches a "
        "second do we get?"
    )
    change, reply, turn = _reply_after_change(
        spec, "query-autocomplete", "trending-fast", design, asked
    )
    assert reply is not None
    assert turn.lower().count(spoken_change(change).lower()) == 1, turn
    assert "400,000" in reply.text, reply.text
    assert "I don't have a figure" not in reply.text


def test_a_question_about_another_change_is_not_answered_with_a_fact_about_something_else(spec):
    """hI v1-S04: the change was the LLM spam wave; the candidate asked "what share of mail
    will be encrypted…?" (the question's encryption change, never made) and heard "About
    45% of incoming mail is spam"."""
    asked = (
        "Quick question before I answer: what share of mail will be encrypted, and do we "
        "still see the subject line and the headers for those messages?"
    )
    _, reply, _ = _reply_after_change(spec, "spam-filter", "llm-spam-wave", SPAM_DESIGN, asked)
    assert reply is not None and "45%" not in reply.text and reply.topics == "unknown"


def test_the_part_of_a_question_not_yet_answered_is_answered(spec):
    """s37 fI, hI v1-S04 replayed: the message volume had been given (the candidate's
    assumption confirmed), so the second part of "what share of mail will be encrypted,
    and do we still see the subject line and the headers for those messages?" asked for
    it again, and that silenced the whole reply: the first part, which no fact covers,
    went unanswered. A question asked only again still gets no reply."""
    from assistant.interview.moves import Move
    from assistant.interview.state import PlannerState
    from assistant.interview.view import AnswerView

    planner = OfflinePlanner(load_question("spam-filter"), RUBRIC, embedder=spec.embedder)
    change = next(c for c in planner.question.constraint_changes if c.id == "llm-spam-wave")
    probe = Move(
        kind="follow_up", target="monitoring", why="-", question="-", source="planner"
    ).model_copy(update={"answered": "volume"})
    made = Move(
        kind="new_constraint", target=change.id, why="-", question=change.say, source="planner"
    )

    def reply_to(asked: str, moves: list[Move]):
        said = [SPAM_DESIGN] * len(moves) + [asked]
        answers = [AnswerView.of(report_of(t, spec)) for t in said]
        state = PlannerState([planner.opening(), *moves], answers, 3)
        assert "volume" in planner.revealed(state)
        reply, _ = planner.choose_parts(state)
        return reply

    reply = reply_to(
        "Quick question before I answer: what share of mail will be encrypted, and do we "
        "still see the subject line and the headers for those messages?",
        [probe, made],
    )
    assert reply is not None and reply.topics == "unknown" and "45%" not in reply.text
    assert "encrypted" in reply.why
    assert reply_to("Sorry, how many messages a day was that again?", [probe]) is None


NOTIF_DESIGN = (
    "We're deciding, for each user, which push notifications to send and when, out of "
    "many candidates like friend activity, recommendations, and reminders. Success in the"
    " short term is open rate, but I care more about not driving people to turn "
    "notifications off, so I'd track the disable rate and uninstalls as guardrails. Data "
    "is past sends with opens, dismissals, and disables. For each candidate a gradient "
    "boosted model predicts the probability of an open, and we subtract a penalty for the"
    " probability of a disable; we send if the score clears a threshold. This runs in a "
    "streaming service that scores candidates as events arrive, batched per user every "
    "fifteen minutes. I'd monitor daily open rates and disable rates per notification "
    "type."
)
NOTIF_LIMITS = (
    "About fifty million daily users with maybe twenty candidate notifications each per "
    "day. Scoring needs to stay under a hundred milliseconds per batch, and we only get "
    "one chance per event, so latency matters more than model size. A few hundred CPU "
    "machines is the budget."
)


@pytest.mark.parametrize(
    "reply",
    [
        # hI S24/S38: the change not taken up, the design changed for a reason of its own
        "I'd stick with the open probability minus the disable penalty, it's a good objective. "
        "Maybe I'd tune the threshold per notification type so we send fewer low-value ones "
        "overall.",
        # taken up and refused
        "A quiet-hours rule between nine at night and eight in the morning doesn't change "
        "much for us, I'd keep the design as it is.",
        # taken up, nothing changed
        "Okay, so no marketing notifications between 9 pm and 8 am local time.",
        # not taken up at all
        "On metrics, I'd also look at the click-through rate per notification type.",
    ],
    ids=["changed-otherwise", "kept", "named", "missed"],
)
def test_the_push_and_the_report_tell_the_same_verdict(spec, reply):
    """hI S24 and S38: the interviewer pushed "Going back to “I'd stick with the open
    probability…”: Which part of your design does that break?" because "the answer took
    the change in but kept the design as it was", while the report said "took it up: no;
    changed it for other reasons". The push now goes by the verdict the report gives: it
    says the candidate took the change in only where the report says so, and says the
    change again where they did not."""
    from assistant.interview.moves import Move
    from assistant.interview.state import PlannerState
    from assistant.report.format import adaptation_verdict

    question = load_question("notification-ranking")
    change = next(c for c in question.constraint_changes if c.id == "quiet-hours-law")
    reports = [report_of(t, spec) for t in (NOTIF_DESIGN, NOTIF_LIMITS, reply)]
    out = check_adaptation(
        change,
        reports[2],
        question.words,
        earlier=reports[:2],
        embedder=spec.embedder,
        alternatives=question.constraint_changes,
    )
    planner = OfflinePlanner(question, RUBRIC, embedder=spec.embedder)
    said = Move(
        kind="new_constraint", target=change.id, why="-", question=change.say, source="planner"
    )
    probe = Move(kind="follow_up", target="constraints", why="-", question="-", source="planner")
    state = PlannerState([probe, said], [AnswerView.of(r) for r in reports], 3)
    push = planner._push(state, 1, planner._verdict(state))
    assert push is not None and not out.revised and not out.held
    took, design = adaptation_verdict(out)
    assert ("took the change in" in push.why) == out.acknowledged == (took == "yes"), push.why
    assert ("kept the design" in push.why) == out.kept == (design == "no, kept as it was")
    assert ("other reasons" in push.why) == out.changed_otherwise
    assert ("other reasons" in design) == out.changed_otherwise
    # under tmux: "You said “I would keep the current design exactly as it is”. Which part
    # of your design does that break…?" read as if the answer broke it; the change is
    # said again between the two
    assert ("The change stands:" in push.question) == (out.kept and out.acknowledged)
    # a candidate who did not take the change up hears it again
    assert out.acknowledged or spoken_change(change).lower() in push.question.lower(), push.question


AWAY = (
    "Sorry, my mind wandered. I spent the morning repainting the kitchen and the dog kept "
    "walking through the wet paint, so the floor is a mess now."
)


def test_an_answer_about_something_else_is_called_so(spec):
    """hI S09: five answers about a long week and a cat under the sofa were met with
    "Before we move on: …" and "Give me a thirty-second summary of your design", as if
    they had been about the question. The interviewer now says the answer was away from
    the question before bringing the candidate back, and asks for no summary of a design
    never given; answers about the question never hear it."""
    from assistant.interview.state import PlannerState

    away = run_session("fraud-detection", [AWAY] * 4, spec)
    moves = away.moves
    assert len(moves) == 3
    assert all(m.question.startswith("That's away from the question") for m in moves)
    assert all("not about the question" in m.why for m in moves)
    planner = OfflinePlanner(load_question("fraud-detection"), RUBRIC, embedder=spec.embedder)
    views = [AnswerView.of(report_of(AWAY, spec))] * 4
    wrap_up = planner._wrap_up(PlannerState([planner.opening(), *moves], views, 1), 4)
    assert "design" not in wrap_up.question, wrap_up.question
    # in a played session one such answer was read as naming the data (hI S09's fourth)
    views[-1] = replace(views[-1], depth={**views[-1].depth, "data": 1})
    wrap_up = planner._wrap_up(PlannerState([planner.opening(), *moves], views, 1), 4)
    assert "design" not in wrap_up.question, wrap_up.question
    assert "no design was given" in wrap_up.why and "holds together" not in wrap_up.why
    on_topic = run_session(
        "fraud-detection",
        [
            eval_answer("fraud-weak-1")["text"],
            "I'd need to think about that more.",
            *["The model would be retrained every week on the chargebacks that came in."] * 2,
        ],
        spec,
    )
    assert not any("away from the question" in m.question for m in on_topic.moves)
    # one answer away from the question in an interview about it is called so on its own
    mixed = run_session(
        "fraud-detection", [eval_answer("fraud-strong-1")["text"], AWAY, AWAY], spec
    )
    assert "away from the question" not in mixed.moves[0].question
    assert mixed.moves[1].question.startswith("That's away from the question")


def test_an_answer_to_the_follow_up_is_not_called_away_from_the_question(spec):
    """Played in the app: to "What were you personally responsible for, as opposed to the
    team?", a story's answer that put the blame on another team was met with "That's away
    from the question, so let me bring us back.": it is far in meaning from the story
    question, but it answers the follow-up. An answer about something else still hears
    it, whatever was asked."""
    from assistant.app.build import structure_spec
    from assistant.app.context import AppContext
    from assistant.interview.moves import Move
    from assistant.scoring.analyse import analyse_text
    from assistant.settings import Settings

    question = load_question("behavioural-failure")
    story_spec = structure_spec(AppContext.load(), None, question.id)
    planner = OfflinePlanner(question, story_spec.rubric, seed=0, embedder=spec.embedder)
    story = (
        "Last spring I led a model to pick which shoppers get a discount code. We launched "
        "it in six weeks, and the codes went to people who would have bought anyway, so "
        "margin fell and we switched it off after a month."
    )
    probe = Move(
        kind="follow_up",
        target="task",
        why="-",
        question="What were you personally responsible for, as opposed to the team?",
        source="planner",
    )
    blame = (
        "Mostly the campaign team's doing, honestly. They kept the targeting to themselves "
        "and never asked us what the scores meant."
    )
    hobby = (
        "I really like going hiking in the mountains on weekends with my two dogs and my brother."
    )
    for said, away in ((blame, False), (hobby, True)):
        views = [
            AnswerView.of(analyse_text(t, Settings(), structure=story_spec, question=question.id))
            for t in (story, said)
        ]
        move = planner.choose(PlannerState([probe], views, 3))  # as the session keeps them
        assert move.question.startswith("That's away from the question") == away, move.question


REVIEWS_DESIGN = (
    "I would group the reviews of each product, pull out the aspects buyers mention with a "
    "small classifier, and have a mid-sized language model write the summary from those "
    "aspects in a nightly batch, about 300,000 products a night."
)
REVIEWS_MONITORING = (
    "I would sample summaries every week for human raters and check each claim against the "
    "reviews with an entailment model."
)


def asked_after_fake_reviews(spec, asked: str):
    """The move after ``asked``, put to the interviewer right after the review question's
    change "Trust and safety finds that 8% of reviews are fake…", and the change."""
    return move_after_a_change(
        spec,
        "review-summarisation",
        "fake-reviews",
        "How would you notice summaries getting worse?",
        (REVIEWS_DESIGN, REVIEWS_MONITORING, asked),
    )


def test_a_question_about_a_change_is_not_answered_by_a_fact_sharing_one_of_its_words(spec):
    """hT E15: "Do we get the fake labels from trust and safety…?" after "Trust and safety
    finds that 8% of reviews are fake" was answered with the risk fact ("Sellers will
    complain loudly…"), picked by its keyword "trust", a word of the change: the question
    is about the change, and the change as it stands is the answer."""
    move, change = asked_after_fake_reviews(
        spec,
        "Do we get the fake labels from trust and safety, or do we have to detect them ourselves?",
    )
    # the change as it stands, said once in the turn (the reply's or the move's own)
    assert "stands" in move.question, move
    assert move.question.lower().count(change.say.lower()) == 1, move.question
    assert "Sellers will complain" not in move.question, move.question


def test_a_fact_the_question_names_in_its_own_words_still_answers_beside_a_change(spec):
    """The change's words do not hide a fact asked for in other words: "…and how many new
    reviews come in a day?" after the same change is still told the review volume."""
    move, _ = asked_after_fake_reviews(
        spec,
        "Do we get the fake labels from trust and safety, and how many new reviews come in a day?",
    )
    assert "2 million new reviews a day" in move.reply, move


@pytest.mark.parametrize(
    ("said", "declines"),
    [
        (
            "I don't really have conflicts with colleagues. I get along with everyone, and "
            "when someone disagrees I just do what they want, so there is nothing to tell.",
            True,
        ),
        ("Honestly, I can't think of an example right now.", True),
        ("I've never really failed at anything that mattered.", True),
        (
            "I can't think of a big conflict, but there was one time my manager and I "
            "disagreed about a launch date.",
            False,
        ),
        ("Last year a data engineer and I disagreed about a holdout test.", False),
    ],
)
def test_an_answer_that_declines_to_tell_a_story_is_told_apart_from_one_that_tells_it(
    said, declines
):
    from assistant.interview.probes import declines_to_tell

    assert declines_to_tell(said) is declines
