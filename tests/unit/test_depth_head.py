"""The depth head: a whole answer's depths, as the rules found them, read again."""

from __future__ import annotations

import tomllib
from pathlib import Path

import numpy as np
import pytest

from assistant.practice.session_report import answers_report, probed_words, session_report
from assistant.scoring.analyse import StructureSpec, analyse_text
from assistant.scoring.structure.analysis import substance_reader
from assistant.scoring.structure.depth import StageDepth, stage_depths
from assistant.scoring.structure.depth_head import (
    DepthHead,
    depth_features,
    load_depth_head,
    train_depth_head,
)
from assistant.scoring.structure.scorers import build_scorer
from assistant.scoring.structure.segments import split_segments, words_from_text
from assistant.settings import Settings
from prompts import load_questions
from rubrics import load_rubric
from tests.support.interviews import FORECAST, FORECAST_PRICED, run_session
from tests.support.sentences import shared_embedder

RUBRIC = load_rubric("ml-system-design")
EVAL = Path(__file__).parents[1] / "eval"

# a weak answer, written for this test: model first, every reason one that fits any design
WEAK = """For churn I would go straight to a deep learning model, since deep learning is really good at finding patterns in customer behaviour.
I'd use an LSTM over the sequence of what each customer did, because LSTMs are made for sequences.
We could also try XGBoost, because it wins most Kaggle competitions on tabular data.
To deal with the imbalance I'd use SMOTE so the classes are even.
I'd tune the learning rate and the number of layers with a grid search.
Then we pick whichever model gets the best accuracy on the test set.
"""  # noqa: E501


@pytest.fixture(scope="module")
def spec():
    scorer, method = build_scorer(RUBRIC, shared_embedder())
    texts = {q.id: q.asked for q in load_questions().values()}
    return StructureSpec(RUBRIC, scorer, method, question_texts=texts)


def depths(text: str, spec: StructureSpec, question: str) -> dict[str, int]:
    report = analyse_text(text, Settings(), structure=spec, question=question)
    return {s.id: s.depth for s in report.structure.stages}


def test_the_shipped_depth_head_reads_only_the_rubric_it_was_trained_for():
    assert load_depth_head(RUBRIC.id, RUBRIC.stage_ids) is not None
    assert load_depth_head(RUBRIC.id, RUBRIC.stage_ids[:-1]) is None  # an edited rubric
    assert load_depth_head("behavioural", RUBRIC.stage_ids) is None


def test_a_whole_answer_is_only_lowered_or_lifted_from_described_to_justified(spec):
    """The head never claims a stage no sentence shows: from absent or named it cannot
    rise, and a stage it lowers to absent quotes nothing."""
    whole = spec.as_whole()
    changed = 0
    for path in sorted((EVAL / "answers").glob("*.toml")):
        a = tomllib.loads(path.read_text())
        rules = depths(a["text"], spec, a["question"])
        report = analyse_text(a["text"], Settings(), structure=whole, question=a["question"])
        for s in report.structure.stages:
            assert s.depth <= rules[s.id] or (rules[s.id], s.depth) == (2, 3), (a["id"], s.id)
            assert (s.depth_evidence is None) == (s.depth == 0), (a["id"], s.id)
            changed += s.depth != rules[s.id]
    assert changed >= 10


def held_out(answer_id: str) -> dict:
    return tomllib.loads((EVAL / "answers" / f"{answer_id}.toml").read_text())


def test_a_stage_the_labels_do_not_see_is_taken_back(spec):
    """A held-out medium answer (never tuned on) whose labels say it has no pipeline: the
    rules read one, described; read again, it is gone."""
    a = held_out("video-medium-2")
    assert a["depth"]["pipeline"] == 0
    assert depths(a["text"], spec, a["question"])["pipeline"] == 2
    assert depths(a["text"], spec.as_whole(), a["question"])["pipeline"] <= 1


def test_a_lowered_reason_is_called_a_general_one(spec):
    a = held_out("feed-medium-1")
    rules = depths(a["text"], spec, a["question"])
    report = analyse_text(a["text"], Settings(), structure=spec.as_whole(), question=a["question"])
    general = [f for f in report.feedback if "but a general one" in f.message]
    assert general
    for f in general:
        stage = f.metric.removeprefix("structure.")
        assert rules[stage] == 3 and f.evidence is not None


def test_a_concise_answer_keeps_the_reasons_it_gives(spec):
    """Written for this test: a short answer with real reasons. How deep the rest of an
    answer goes is not read, so being short costs no stage its reason."""
    text = (
        "Two billion messages a day, each classified in under 50 ms at delivery.\n"
        "I'd use gradient boosted trees on sender reputation and link domains.\n"
        "A small transformer would catch more phishing, but it would blow the 50 ms "
        "budget at two billion a day, so I'd run it only on the uncertain middle band.\n"
    )
    assert depths(text, spec.as_whole(), "spam-filter")["tradeoffs"] == 3


def sentences_of(text: str):
    """The sentences of a typed ``text`` and what each one commits to."""
    words, ends = words_from_text(text)
    segs = split_segments(words, timed=False, line_ends=ends)
    reader = substance_reader(RUBRIC)
    return segs, [reader.read(s.text) for s in segs]


def test_a_lowered_stage_is_quoted_from_the_sentence_that_shows_the_lower_level():
    """Written for this test: the quantile sentence, mainly about the model, reaches
    justified for tradeoffs with its "rather than... because"; the sentence that weighs
    waste against empty shelves is described, and mainly about the tradeoff. Where the
    head reads the tradeoff as described, that sentence is the one to show."""
    text = (
        "I'd predict a few quantiles rather than one number, because fresh food should be "
        "ordered low and tins high.\n"
        "The big tradeoff is waste against empty shelves: ordering more means fewer empty "
        "shelves but more food in the bin.\n"
    )
    segs, subs = sentences_of(text)
    rows = [{"model": 2.4, "tradeoffs": 1.3}, {"tradeoffs": 4.0, "impact": 1.0}]
    trade = stage_depths(RUBRIC, segs, rows, subs)["tradeoffs"]
    assert (trade.level, trade.segment) == (3, 0)
    assert trade.read_at(3) == trade
    assert (trade.read_at(2).level, trade.read_at(2).segment) == (2, 1)
    assert (trade.read_at(1).level, trade.read_at(1).segment) == (1, 1)
    assert trade.read_at(0).segment is None


def test_a_stage_pinned_down_in_its_own_sentence_stays_described():
    """Written for this test: the rules reach justified for constraints in a framing
    sentence ("... on the checkout page, so ..."), and the head reads the stage as only
    named; the sentence mainly about constraints, with its numbers, still describes them
    and is the one quoted."""
    text = (
        "The customer sees it on the checkout page, so the whole answer has to come back "
        "before the page loads.\n"
        "We have two million orders a day in forty cities, and it must answer in under "
        "100 ms.\n"
    )
    segs, subs = sentences_of(text)
    rows = [{"framing": 2.5, "constraints": 1.5}, {"constraints": 3.0, "deployment": 1.0}]
    rules = stage_depths(RUBRIC, segs, rows, subs)
    assert (rules["constraints"].level, rules["constraints"].segment) == (3, 0)
    n = depth_features(RUBRIC.stage_ids, rules, rows, rows, subs).shape[1]
    weights = np.zeros((n + 1, 4))
    weights[-1, 1] = 10.0  # a head that reads every stage as named
    named = DepthHead(RUBRIC.id, RUBRIC.stage_ids, np.zeros(n), np.ones(n), weights)
    read = named.reread(rules, rows, rows, subs)
    assert (read["constraints"].level, read["constraints"].segment) == (2, 1)
    assert read["framing"].level == 1


def test_a_stage_lowered_from_justified_is_read_again_at_its_own_described_sentence():
    """Written for this test: the rules reach justified for the tradeoff in the quantile
    sentence, mainly about the model; the sentence that weighs waste against empty
    shelves, mainly about the tradeoff, describes it. A head that reads a level only off
    a sentence mainly about the stage reads the quantile sentence as showing no tradeoff
    at all; the described sentence still shows one, and is read on its own. (Heard
    answers hit this: a reason tiny.en ran into a piece of the next sentence reached
    justified there, and the head then took away the impact a whole sentence had
    described.)"""
    text = (
        "I'd predict a few quantiles rather than one number, because fresh food should be "
        "ordered low and tins high.\n"
        "The big tradeoff is waste against empty shelves: ordering more means fewer empty "
        "shelves but more food in the bin.\n"
    )
    segs, subs = sentences_of(text)
    rows = [{"model": 2.4, "tradeoffs": 1.3}, {"tradeoffs": 4.0, "impact": 1.0}]
    rules = stage_depths(RUBRIC, segs, rows, subs)
    assert (rules["tradeoffs"].level, rules["tradeoffs"].segment) == (3, 0)
    n = depth_features(RUBRIC.stage_ids, rules, rows, rows, subs).shape[1]
    mainly = 4 + len(RUBRIC.stage_ids) + 3 + 1  # the sentence is mainly about the stage
    weights = np.zeros((n + 1, 4))
    weights[mainly, 2] = 10.0  # described where the sentence is mainly about the stage
    weights[-1, 0] = 5.0  # absent otherwise
    head = DepthHead(RUBRIC.id, RUBRIC.stage_ids, np.zeros(n), np.ones(n), weights)
    read = head.reread(rules, rows, rows, subs)
    assert (read["tradeoffs"].level, read["tradeoffs"].segment) == (2, 1)
    assert read["model"].level == 2  # its sentence is mainly about the model


def test_a_time_budget_said_in_passing_still_describes_the_constraints():
    """A helper's answer, written outside the repository: "We have about 200 milliseconds,
    so the ranker uses precomputed product features" is mostly about the pipeline, and
    the head took the constraints away: the report said they came up only in passing. A
    number that is no budget ("the next 48 hours") is the head's to read."""
    budget = (
        "We have about 200 milliseconds, so the ranker uses precomputed product features "
        "from a feature store.\n"
    )
    horizon = "We forecast the next 48 hours, so the ranker uses precomputed features.\n"
    rows = [{"pipeline": 3.8, "constraints": 2.0, "deployment": 2.6}]
    for text, kept in ((budget, True), (horizon, False)):
        segs, subs = sentences_of(text)
        rules = stage_depths(RUBRIC, segs, rows, subs)
        assert rules["constraints"].level >= 2, text
        n = depth_features(RUBRIC.stage_ids, rules, rows, rows, subs).shape[1]
        weights = np.zeros((n + 1, 4))
        weights[-1, 0] = 10.0  # a head that reads every stage as absent
        absent = DepthHead(RUBRIC.id, RUBRIC.stage_ids, np.zeros(n), np.ones(n), weights)
        read = absent.reread(rules, rows, rows, subs)
        assert (read["constraints"].level == 2) == kept, text


def test_a_stage_is_quoted_from_its_own_sentence_not_from_the_recap(spec):
    """Written for this test: beside its neighbours, the recap speaks for monitoring more
    strongly than the monitoring sentence does, among three other stages. The monitoring
    sentence is the one quoted, and read again it stays described, as a sentence mainly
    about monitoring with numbers in it is."""
    text = (
        "The goal is to find subscribers likely to cancel next month so the retention "
        "team can call them first.\n"
        "We can only call about two thousand people a week, so precision in the top two "
        "thousand is what counts.\n"
        "The labels come from cancellations in the billing table, joined to twelve months"
        " of usage logs.\n"
        "A nightly batch job builds features like days since last login and support "
        "tickets per month.\n"
        "I'd use logistic regression first, then gradient boosted trees if the lift is "
        "worth it.\n"
        "Scores are written to the CRM every morning for the call list.\n"
        "For monitoring we track the weekly cancellation rate of the people we called and"
        " the score distribution, and alert the team when either moves by more than ten "
        "percent.\n"
        "So overall: nightly features, a simple ranked model, a daily call list and drift"
        " alerts on the scores.\n"
    )
    report = analyse_text(text, Settings(), structure=spec.as_whole(), question="churn")
    monitoring = report.structure.stage("monitoring")
    assert monitoring.depth >= 2
    assert monitoring.depth_evidence.quote.startswith("For monitoring we track")
    assert not [f for f in report.feedback if f.metric == "structure.monitoring"]


def test_a_recap_that_says_it_recaps_stays_described_in_a_weak_session(spec):
    """The development answers hold real recaps only in strong answers; a recap that says
    so ("to sum up: ...") keeps its level whatever the rest of the answer is like."""
    dev = EVAL / "dev" / "people-you-may-know-weak-1.toml"
    first = "\n".join(s["text"] for s in tomllib.loads(dev.read_text())["sentences"])
    wrap = "So to sum up: a graph model over the friend graph, judged on accepted invites.\n"
    text = "\n\n".join([first, wrap])
    assert depths(text, spec.as_whole(), "people-you-may-know")["summary"] == 2


def test_each_turn_is_judged_by_the_rules_and_the_session_as_a_whole(spec):
    """The interviewer acts on each turn as the rules read it (a turn answers a probe,
    not the question); the session report reads all the answers as one whole answer,
    and goes no less deep on a stage than the opening answer did on its own, or than a
    later answer did on the stage its move asked about."""
    later = "we'd track how many people cancel in the thirty days after a prediction.\n"
    interview = run_session("churn-prediction", [WEAK, later], spec)
    interview.end()
    answered = [t for t in interview.report().turns if t.answer is not None]
    turns = [t.answer.structure for t in answered]
    assert {s.id: s.depth for s in turns[0].stages} == depths(WEAK, spec, "churn-prediction")
    report = session_report(interview, [WEAK, later], Settings(), spec)
    together = depths(f"{WEAK}\n\n{later}", spec.as_whole(), "churn-prediction")
    asked = [
        None if i == 0 else set(t.target.split("+")) if t.move == "follow_up" else set()
        for i, t in enumerate(answered)
    ]
    kept = {
        k: max(
            [v]
            + [
                s.depth
                for t, a in zip(turns, asked, strict=True)
                for s in t.stages
                if s.id == k and s.depth >= 2 and (a is None or k in a)
            ]
        )
        for k, v in together.items()
    }
    assert {s.id: s.depth for s in report.structure.stages} == kept
    assert together != depths(f"{WEAK}\n\n{later}", spec, "churn-prediction")


def test_an_answer_to_a_follow_up_counts_for_the_stage_it_was_asked_about(spec):
    """After "what makes the nightly job the right call?", "the nightly batch is enough
    because..." justifies the pipeline, though read out of context it is mostly about
    deployment and the report said the pipeline was described "but not why"."""
    why = (
        "The nightly batch is enough because orders are only placed once each morning, so "
        "features fresher than a day would not change a single order."
    )
    asked = answers_report(
        [FORECAST, why],
        Settings(),
        spec,
        "demand-forecasting",
        [None, ("pipeline", "What makes the nightly job the right call?", "follow_up")],
    )
    pipeline = asked.structure.stage("pipeline")
    assert pipeline.depth == 3
    assert pipeline.depth_evidence.quote.startswith("The nightly batch is enough")
    unasked = answers_report([FORECAST, why], Settings(), spec, "demand-forecasting")
    pipeline = unasked.structure.stage("pipeline")
    assert pipeline.depth == 2
    assert pipeline.depth_evidence.quote.startswith("Every night a batch job")
    # a push on a requirement change aims at no stage
    pushed = answers_report(
        [FORECAST, why],
        Settings(),
        spec,
        "demand-forecasting",
        [None, ("compute-budget", "What would you cut?", "follow_up")],
    )
    assert pushed.structure == unasked.structure


def test_a_session_reads_the_answer_to_a_probe_as_said_of_its_stage(spec):
    """The session report knows which stage each follow-up asked about: "kilos binned per
    store each week against the control stores", said to "how would you know it works?",
    is a success measure; on its own it reads as something else."""
    kilos = (
        "Mainly kilos binned per store each week compared with the control stores, since "
        "finance already reports waste that way."
    )
    interview = run_session("demand-forecasting", [FORECAST_PRICED, kilos], spec, max_moves=3)
    interview.end()
    turn = interview.report().turns[1]
    assert (turn.move, turn.target) == ("follow_up", "metrics")
    report = session_report(interview, [FORECAST_PRICED, kilos], Settings(), spec)
    metrics = report.structure.stage("metrics")
    assert metrics.depth == 3 and metrics.depth_evidence.quote.startswith("Mainly kilos")
    unasked = answers_report([FORECAST_PRICED, kilos], Settings(), spec, "demand-forecasting")
    assert unasked.structure.stage("metrics").depth == 2


def test_an_answer_that_does_not_touch_the_stage_asked_about_earns_it_nothing(spec):
    """Written for this test: asked about monitoring, a sentence on the model answers
    something else, and the session report does not credit monitoring with it."""
    text = (
        "Each store's ordering system places orders every morning from a forecast per "
        "product and store.\n"
    )
    dodge = "I'd use XGBoost because it handles tabular data with missing values well."
    asked = answers_report(
        [text, dodge],
        Settings(),
        spec,
        "demand-forecasting",
        [None, ("monitoring", "How would you know the forecast has gone wrong?", "follow_up")],
    )
    assert asked.structure.stage("monitoring").depth == 0


BASICS = (
    "Before we go further into gradient boosting, let's pin down the basics. Tell me what "
    "exactly the system decides and what it is for; how you would know it works, in offline "
    "tests and once it is live; and the limits it must live within (latency, scale, cost)."
)


@pytest.mark.parametrize(
    ("later", "lent"),
    [
        (
            "We retrain the ranking model every Sunday night on the week's sales. "
            "That keeps the cost down.",
            ("framing", "metrics"),
        ),
        (
            "Stores get the forecast each morning from a batch job. "
            "Offline tests would take too long to set up.",
            ("framing",),
        ),
    ],
)
def test_a_follow_up_on_several_stages_lends_none_of_them_to_a_sentence(spec, later, lent):
    """Written for this test: asked what the system decides, how you would know it works
    and its limits in one follow-up, "That keeps the cost down." takes up a word of it
    ("cost") but says nothing of the framing or the metrics: the report named all three
    stages with it. The follow-up's words belong to all the stages it asked about, so
    they pick none; the stage the sentence speaks of still counts (the constraints)."""
    answers = ["Gradient boosting.", later]
    probed = [None, ("framing+metrics+constraints", BASICS, "follow_up")]
    asked = answers_report(answers, Settings(), spec, "demand-forecasting", probed)
    for stage in lent:
        assert asked.structure.stage(stage).depth == 0, stage
    constraints = asked.structure.stage("constraints")
    assert constraints.depth == 1 and constraints.evidence.quote in later


def test_probed_answers_are_found_by_their_words():
    answers = ["One two three.", "Four five.", "Six."]
    asked = "Why a nightly job?"
    assert probed_words(answers, [None, ("model+pipeline", asked, "follow_up"), None], RUBRIC) == (
        (3, 5, "model", asked, False),
        (3, 5, "pipeline", asked, False),
    )
    assert probed_words(answers, [], RUBRIC) == ()


def test_training_learns_the_levels_it_is_shown():
    """On features from which the level can be read, the trained head reads it back."""
    rng = np.random.default_rng(0)
    levels = rng.integers(0, 4, 400)
    x = np.hstack([np.eye(4)[levels], rng.normal(size=(400, 6))])
    head = train_depth_head("t", tuple("abcd"), x, levels)
    assert np.mean(head.levels(x) == levels) >= 0.95


def test_features_are_one_row_per_stage_with_the_rules_level_first(spec):
    from assistant.scoring.structure.depth import StageDepth

    stages = RUBRIC.stage_ids
    rules = {s: StageDepth(k % 4, None) for k, s in enumerate(stages)}
    x = depth_features(stages, rules, [{}], [{}], [])
    assert x.shape[0] == len(stages)
    assert list(x[:, :4].argmax(axis=1)) == [k % 4 for k in range(len(stages))]


def test_a_model_read_again_at_its_described_sentence_keeps_the_reason_said_in_plain_words():
    """Written for this test: the rules justify the model in a sentence mostly about
    serving, and the head lowers that below described; the model is then read again at
    the sentence that described it, which says why in plain words ("copes with") and
    which the head reads as justified. Read again, it is read as it would be had nothing
    gone deeper: with the sentences' words, so the plain-worded reason counts (it was
    read without them, and the model stayed described)."""
    text = (
        "We serve the scores from a nightly batch because the hotel team reads them each "
        "morning.\n"
        "A random forest copes with the mix of booking fields.\n"
    )
    segs, subs = sentences_of(text)
    said = [s.text for s in segs]
    rows = [{"deployment": 3.0, "model": 1.5}, {"pipeline": 3.0, "model": 1.6}]
    rules = {s: StageDepth(0, None) for s in RUBRIC.stage_ids}
    rules["model"] = StageDepth(3, 0, at_level=(1, 1, 0))
    n = depth_features(RUBRIC.stage_ids, rules, rows, rows, subs).shape[1]
    weights = np.zeros((n + 1, 4))
    weights[0, 0] = weights[1, 1] = 10.0  # absent and named stay
    weights[3, 1] = 10.0  # justified is read as named
    weights[2, 3] = 10.0  # described is read as justified
    head = DepthHead(RUBRIC.id, RUBRIC.stage_ids, np.zeros(n), np.ones(n), weights)
    on_its_own = head.reread({**rules, "model": rules["model"].read_at(2)}, rows, rows, subs, said)
    assert (on_its_own["model"].level, on_its_own["model"].segment) == (3, 1)
    read = head.reread(rules, rows, rows, subs, said)
    assert (read["model"].level, read["model"].segment) == (3, 1)
