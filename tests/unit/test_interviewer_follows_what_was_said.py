"""The offline interviewer's follow-ups build on what the candidate said: a sentence that
already answers a stage's question is pushed on for what it leaves out, not asked for
again, and an answer of hesitation alone is met with time and a small first step, never
as off-topic and never with a follow-up on a story or a design not begun. Typed answers,
the real offline interviewer, the bundled sentence model."""

from __future__ import annotations

import pytest

from assistant.app.context import AppContext
from tests.support.interviews import live_session
from tests.support.sentences import sharing_embedder
from tests.unit.test_interviewer_listens import session_moves


@pytest.fixture(scope="module")
def ctx() -> AppContext:
    return sharing_embedder(AppContext.load())


def moves_of(ctx, question: str, answers: list[str], max_moves: int, seed: int = 0):
    return session_moves(ctx, question, answers, max_moves, seed)[1]


HESITATION = [
    "um... uh... so... hmm, let me think, er",
    "um, uh, er, hmm, well, like, you know",
    "Hmm. Give me a second. Uh, where do I start...",
    "Uh, sorry, let me think for a moment... hmm.",
]
OFF_TOPIC = "away from the question"


@pytest.mark.parametrize("said", HESITATION)
@pytest.mark.parametrize("question", ["behavioural-failure", "behavioural-conflict"])
def test_hesitation_before_a_story_gets_time_and_a_small_first_step(ctx, said, question):
    """Seen by a candidate: "um... uh... so... hmm, let me think, er" was told "That's away
    from the question, so let me bring us back. Let me pull on one thread. When did you
    first notice it was going wrong…?": no story was told, so there was no "it"."""
    moves = moves_of(ctx, question, [said, "I'm not sure."], max_moves=2)
    first = moves[0].question
    assert OFF_TOPIC not in first, first
    assert "Take your time" in first, first
    assert "pull on one thread" not in first and "first move" not in first, first


@pytest.mark.parametrize("said", HESITATION[:3])
@pytest.mark.parametrize("question", ["search-ranking", "fraud-detection"])
def test_hesitation_on_a_design_question_gets_one_small_first_step(ctx, said, question):
    """The same on a design question: "That's away from the question…" then three
    questions in one ("what exactly the system decides…; how you would know it works…;
    and the limits…"); now time to think, and one of them."""
    first = moves_of(ctx, question, [said, "ok", "ok"], max_moves=3)[0].question
    assert OFF_TOPIC not in first, first
    assert "Take your time" in first, first
    assert first.count(";") == 0, first


def test_hesitation_is_met_kindly_once_and_a_real_answer_is_not_hesitation(ctx):
    """Said twice, the question is simply put again (no second "take your time"); an
    answer that says something after "let me think" is an answer, followed up as one."""
    moves = moves_of(ctx, "search-ranking", [HESITATION[0], HESITATION[1], "ok"], max_moves=3)
    assert sum("Take your time" in m.question for m in moves) == 1, [m.question for m in moves]
    real = "Hmm, let me think. We rank products for a search with a boosted tree on click logs."
    first = moves_of(ctx, "search-ranking", [real, "ok"], max_moves=2)[0].question
    assert "Take your time" not in first, first


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_question_on_it_is_no_hesitation(ctx, seed):
    """ "Okay." alone is no hesitation to be kind about, nor a design: the question is put
    as before, from the problem."""
    first = moves_of(ctx, "search-ranking", ["Okay.", "ok"], max_moves=2, seed=seed)[0].question
    assert "Take your time" not in first, first


RS = (
    "Let me first check the goal: is the summary meant to help a shopper decide quickly, "
    "shown on the product page? I'll assume yes, for products with at least twenty "
    "reviews. Success for me is that shoppers who see the summary buy or return no more "
    "than others, so the business metric is conversion and return rate, and the quality "
    "metrics are faithfulness, meaning every claim in the summary is backed by reviews, "
    "and coverage of the main pros and cons. The data is the reviews themselves, with "
    "star ratings. I'd clean out spam and very short reviews, and group sentences by "
    "aspect, like battery, size, or delivery. The approach: first extract aspects and the"
    " sentiment per aspect with a small classifier, then have a language model write the "
    'summary only from the top sentences per aspect, with counts, like "most reviewers '
    "say the battery lasts two days, some complain about the strap\". I'd pick this "
    "extract-then-write design over letting a model read all reviews freely, because it "
    "is cheaper and it keeps the summary grounded, so it hallucinates less. Summaries are"
    " made offline in a batch job, refreshed when enough new reviews arrive, and cached, "
    "so the page does not wait on the model. To evaluate, I'd check faithfulness with an "
    "entailment model plus a human review of a sample, then an A/B test on conversion and"
    " returns."
    " {monitoring}"
)


@pytest.mark.parametrize(
    "monitoring",
    [
        "In production I'd watch for complaints, sudden sentiment shifts, and the share of "
        "summaries that fail the faithfulness check.",
        "After launch we alert when the share of summaries failing the faithfulness check "
        "goes up week over week.",
        "Once it is live I would keep an eye on buyer complaints about wrong summaries.",
        "I would track how many summaries fail the entailment check every day, on a dashboard.",
    ],
)
def test_a_sentence_that_says_what_is_watched_is_pushed_on_not_asked_for(ctx, monitoring):
    """Seen by a candidate: after "In production I'd watch for complaints, sudden
    sentiment shifts, and the share of summaries that fail the faithfulness check." the
    interviewer quoted it and asked "once it is live, how would you notice that it is
    getting worse?". What it leaves out is asked for: why, and what happens when it
    fires."""
    answers = [RS.format(monitoring=monitoring), "ok", "ok"]
    moves = moves_of(ctx, "review-summarisation", answers, max_moves=4)
    asked = " ".join(m.question for m in moves)
    assert "how would you notice that it is getting worse" not in asked, asked
    on_it = [m.question for m in moves if m.target == "monitoring"]
    assert all("fires" in q for q in on_it), on_it


IMPACT_ASK = "How does this design move the numbers the business or the users care about?"


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize(
    "question, answer",
    [
        (
            "video-recommendation",
            "The goal is satisfied watch time, measured by watch time plus a survey score, "
            "because watch time alone rewards clickbait. Labels: a watch over half the video "
            "is positive, a skip in ten seconds is negative. Candidates come from a two-tower"
            " model and co-watch lists, about a thousand, and a gradient boosted ranker "
            "orders them; I'd take trees over a big network because the ranker then runs on "
            "CPUs, so we don't depend on a GPU fleet and it's cheap. We keep 10 percent of "
            "the slots as an exploration slot for fresh videos from small creators, so new "
            "uploads get seen. For kids' profiles we use a non personalised ranking from "
            "content features only, no personal data. For serving, we cache the top lists of "
            "popular videos, autoscale the ranker for traffic spikes, and fall back to "
            "popular videos if the ranker is slow. We evaluate with recall and NDCG offline, "
            "then an A/B test, and monitor drift daily.",
        ),
        (
            "anomaly-detection-metrics",
            "Let me frame it: thousands of metrics, and the goal is to page the right team for "
            "real problems without waking people for noise. So my success metric is precision of "
            "pages, measured as the share of alerts that on-call marks as real, plus recall on "
            "past incidents, and time to detect. I'd use past incident tickets as positives and "
            "on-call feedback as labels. For each metric I'd forecast the expected value with a "
            "seasonal model and score how far the actual value is from it. I'd pick per-metric "
            "forecasts over one big deep model because on-call needs to understand why something "
            "fired. It runs as a streaming job every minute, and I'd monitor the page rate per "
            "team per week.",
        ),
        (
            "search-ranking",
            "What users care about is finding something to buy quickly, so the business metric "
            "is purchases per search, and offline I'd use NDCG on purchase labels. Labels come "
            "from click and purchase logs, corrected for position bias. I retrieve a thousand "
            "candidates with BM25 and embeddings, then a LambdaMART ranker orders them, which I "
            "pick over a neural ranker because it is fast on CPU, inside 60 ms. Features are "
            "computed nightly in a feature store. We run an A/B test on purchases per search, "
            "and I'd alert when the zero-result rate goes up.",
        ),
    ],
)
def test_an_answer_that_opens_with_its_goal_is_not_asked_what_it_moves(ctx, question, answer, seed):
    """Seen by a candidate, on three questions and every seed: after "The goal is satisfied
    watch time, measured by watch time plus a survey score…" the first move was "How does
    this design move the numbers the business or the users care about?", as if nothing
    had been said of it."""
    first = moves_of(ctx, question, [answer, "ok", "ok"], max_moves=4, seed=seed)[0]
    assert IMPACT_ASK not in first.question, first.question
    assert "impact: not in any answer" not in first.why, first.why


AMBIGUITY = (
    "In my last job, my manager say to me: make the search better. Nothing more. Is not "
    "clear what is better. {first} I find that most complaints are about no results when "
    "people write the name wrong. {goal} He agree. I build a spelling correction with the"
    " logs of what people type after, in two weeks. The zero result went down from eight "
    "percent to three percent. What I learn: when the task is not clear, I write the goal"
    " with a number and I ask the manager to agree before I start."
)


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize(
    "first, goal",
    [
        (
            "So first I go to talk with three people: the product owner, one support person, "
            "and I look the logs.",
            "So I propose to my manager: the goal is to reduce the zero result searches by half.",
        ),
        (
            "My first step was to sit with two support people and read a week of logs.",
            "I was responsible for cutting zero result searches by half.",
        ),
        (
            "I started by asking three colleagues what they expected.",
            "My job was to bring the zero result searches down by half before the summer.",
        ),
    ],
)
def test_a_story_that_told_its_task_and_first_step_is_not_asked_for_them(ctx, first, goal, seed):
    """Seen by a candidate (non-native wording): after "So first I go to talk with three
    people…" and "I propose to my manager: the goal is to reduce the zero result searches
    by half", the moves were "Say what you personally were responsible for…, including the
    goal…" and "What was the first concrete thing you did to reduce the uncertainty?"."""
    story = AMBIGUITY.format(first=first, goal=goal)
    moves = moves_of(ctx, "behavioural-ambiguity", [story, "I'm not sure.", "ok"], 3, seed=seed)
    asked = " ".join(m.question for m in moves)
    assert "first concrete thing you did" not in asked, asked
    assert "Say what you personally were responsible for" not in asked, asked
    assert not any("task: not in any answer" in m.why for m in moves), [m.why for m in moves]


FAILURE = (
    "Last year I led the rollout of a new fraud model at my company. I was the one "
    "responsible for the offline evaluation and for deciding when it was ready. Offline it "
    "beat the old model by a lot, so we launched it to all traffic at once. {hit} {first} "
    "The cause was my mistake: I had evaluated on data from before we launched in Brazil, so "
    "the model had never seen those payment patterns. I should have checked the evaluation "
    "data covered every market. After the rollback I added a check that breaks the "
    "evaluation down by country, and we now always launch to five percent of traffic first. "
    "The relaunch a month later cut fraud losses by twelve percent. Since then I start every "
    "project by asking which groups the test data is missing."
)


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize(
    "hit, first",
    [
        (
            "Two days later support told us that good customers in Brazil were being blocked.",
            "My first move was to roll back to the old model the same afternoon.",
        ),
        (
            "Within a day our customers complained that their cards were declined.",
            "I rolled it back that evening and told the support team what to say.",
        ),
        (
            "Real customers were blocked at checkout for a whole morning.",
            "First I switched the old model back on.",
        ),
    ],
)
def test_a_failure_that_hit_customers_gets_no_what_if_it_had(ctx, hit, first, seed):
    """Seen by a candidate: the twist "Imagine that failure had hit paying customers. What
    would you have done in the first hour?" after a story where it did, and the first
    move was told."""
    story = FAILURE.format(hit=hit, first=first)
    moves = moves_of(ctx, "behavioural-failure", [story, "I'm not sure.", "ok"], 3, seed=seed)
    asked = " ".join(m.question for m in moves)
    assert "had hit paying customers" not in asked, asked


def test_a_failure_that_never_reached_customers_still_gets_the_twist(ctx):
    """A failure caught inside the team is still asked what if it had reached customers."""
    story = FAILURE.format(
        hit="Two days later our own analysts saw in the weekly review that the block rate in "
        "Brazil had doubled.",
        first="My first move was to roll back to the old model the same afternoon.",
    )
    asked = [
        m.question
        for seed in (0, 1, 2)
        for m in moves_of(ctx, "behavioural-failure", [story, "I'm not sure.", "ok"], 3, seed=seed)
    ]
    assert any("had hit paying customers" in q for q in asked), asked


EXPLAINED = [
    "I'll explain overfitting. Imagine a student who prepares for an exam by memorising the "
    "answers to last year's paper, word for word. On the real exam, with new questions, they "
    "fail, because they learned the answers, not the subject. Overfitting means the same thing "
    "for a model: it learns the training examples so closely that it does badly on new data. "
    "To fix it you give the model less room to memorise: more data, a simpler model, or "
    "stopping early. So in short: a model that overfits has memorised the old exam instead of "
    "learning the subject.",
    "I'll explain gradient descent. Imagine you are on a foggy hill and want to reach the "
    "valley. You feel the slope under your feet and take a small step downhill, again and "
    "again. A model does the same with its error: it checks which way the error goes down and "
    "moves its weights a little that way. The step size matters: too big and you jump over the "
    "valley, too small and it takes forever. So in short: gradient descent is walking downhill "
    "on the error, one small step at a time.",
]


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("answer", EXPLAINED)
def test_an_explanation_that_has_ended_is_not_told_before_you_go_on(ctx, answer, seed):
    """Seen by a candidate: after a whole explanation ending "So in short: …" the first
    move was "Before you go on: what are the parts of your explanation, in order?"."""
    moves = moves_of(ctx, "general-teach-concept", [answer, "ok", "ok"], 3, seed=seed)
    asked = " ".join(m.question for m in moves)
    assert "before you go on" not in asked.lower(), asked


@pytest.mark.parametrize(
    "asked",
    [
        "Before I start: which one would you like, overfitting or precision versus recall? And "
        "does the new analyst know any statistics?",
        "Which concept do you want, overfitting or regularisation?",
        "Should I explain it for someone with no maths at all?",
    ],
)
def test_a_question_before_explaining_hands_the_floor_back(ctx, asked):
    """Seen by a candidate: after "Before I start: which one would you like…?" the reply
    went on "Let me pull on one thread. Before you go on: what are the parts of your
    explanation…?", when nothing had been explained yet."""
    first = moves_of(ctx, "general-teach-concept", [asked, "ok", "ok"], 3)[0].question
    assert "pull on one thread" not in first and "parts of your explanation" not in first, first
    assert "Over to you" in first, first


VIDEO = (
    "The goal is long-term satisfaction, measured by watch time guarded by survey ratings. "
    "{assumed} Candidates come from a two-tower model and a gradient boosted ranker orders "
    "them on CPU."
)
QUITE_DIFFERENT = "quite different"


@pytest.mark.parametrize(
    "assumed",
    [
        "I'll assume about 200 million daily users and a catalogue of a few hundred million "
        "videos.",
        "I assume several hundred million videos in the catalogue.",
        "I'll assume around five hundred million videos.",
    ],
)
def test_an_assumption_near_the_real_figure_is_not_called_quite_different(ctx, assumed):
    """Seen by a candidate: "a few hundred million videos" was met with "Good that you said
    your assumption out loud, because the real figure is quite different. About 800
    million videos": 800 million is a few hundred million."""
    first = moves_of(ctx, "video-recommendation", [VIDEO.format(assumed=assumed), "ok"], 2)[0]
    assert "800 million videos" in first.question, first.question
    assert QUITE_DIFFERENT not in first.question, first.question


@pytest.mark.parametrize(
    "assumed",
    [
        "I'll assume a few thousand videos in the catalogue.",
        "I assume about ten million videos.",
        "I'll assume a couple of hundred million videos.",
    ],
)
def test_an_assumption_far_from_the_real_figure_is_still_called_so(ctx, assumed):
    first = moves_of(ctx, "video-recommendation", [VIDEO.format(assumed=assumed), "ok"], 2)[0]
    assert QUITE_DIFFERENT in first.question, first.question


UNSURE = [
    "I'm not sure.",
    "Honestly, I don't know.",
    "No idea, sorry.",
    "Hmm... my mind is blank.",
    "I'm not sure, I would need to think about that more.",
]
NOTHING_TOLD = ("first move", "pull on one thread", "Before we move on", "step back", "You said")


@pytest.mark.parametrize("unsure", UNSURE)
@pytest.mark.parametrize(
    "question",
    ["behavioural-failure", "behavioural-conflict", "search-ranking", "general-teach-concept"],
)
def test_not_sure_after_a_smaller_start_gets_a_small_step_or_leave_to_move_on(
    ctx, unsure, question
):
    """Seen by a candidate: "um… uh… let me think", then "Take your time… pick one time it
    happened", then "I'm not sure." was followed by "Before we move on: when did you
    first notice it was going wrong, and what was your first move?" of a story never
    told. Now one small step and leave to move on; said again, the session is wrapped up
    without asking to sum up what was never said."""
    moves = moves_of(ctx, question, [HESITATION[0], unsure, UNSURE[4], "ok"], max_moves=3)
    said = [m.question for m in moves]
    second = said[1]
    assert not any(t in second for t in NOTHING_TOLD), said
    assert "we'll move on" in second and "small step" in second, said
    assert moves[2].kind == "wrap_up", said
    assert "sum up" not in said[2] and "summar" not in said[2], said


@pytest.mark.parametrize("unsure", UNSURE[:3])
def test_not_sure_as_the_first_answer_starts_smaller(ctx, unsure):
    """ "I'm not sure." alone is three words but no story: a smaller start, not a follow-up
    on what the candidate personally did."""
    first = moves_of(ctx, "behavioural-conflict", [unsure, "ok"], max_moves=2)[0].question
    assert "Let's start smaller" in first, first


@pytest.mark.parametrize(
    "answer",
    [
        "I'm not sure it was the right call, but I rolled the model back the same day.",
        "I don't know the exact number, but about a third of the orders were wrong.",
    ],
)
def test_not_sure_with_something_said_is_an_answer(ctx, answer):
    """A story begun with "I'm not sure…" is a story: no offer to move on."""
    moves = moves_of(ctx, "behavioural-failure", [HESITATION[0], answer, "ok"], max_moves=2)
    assert "we'll move on" not in moves[1].question, [m.question for m in moves]


def test_a_told_story_then_not_sure_is_followed_up_as_before(ctx):
    """Once a story was told, "I'm not sure." to one follow-up does not end the session."""
    story = (
        "Two years ago I built a demand forecast for our warehouses. I was responsible for the "
        "model. We switched all forty warehouses to it at once, and three weeks later the "
        "planners noticed the winter orders were far too low. I rolled those categories back "
        "the same day. What I learned: switch over in stages."
    )
    moves = moves_of(ctx, "behavioural-failure", [story, UNSURE[0], "ok", "ok"], max_moves=3)
    assert all("we'll move on" not in m.question for m in moves), [m.question for m in moves]
    assert moves[1].kind != "wrap_up", [m.question for m in moves]


FIRST_MOVE = "When did you first notice it was going wrong, and what was your first move?"
CHURN = (
    "Last spring I was the lead on our churn model. We shipped a new version to everyone at "
    "once, and a week later the retention team told us the discounts were going to loyal "
    "customers instead of the ones about to leave. {action} The wasted discounts stopped "
    "within two days. I learned to ship to a small group first; next time I would test on "
    "five percent of users before anyone else sees it."
)


@pytest.mark.parametrize(
    "action",
    [
        # the ambiguity question's words for a first step: "i called", "i asked"
        "I called the retention lead the next morning, we compared the score lists, and I "
        "switched the old model back in.",
        "I called the retention lead, and I asked for the old model back while we compared "
        "the lists.",
        # "i met", "i set up"
        "I met with the retention lead and I set up a comparison of the two score lists, then "
        "we put the old model back.",
    ],
)
def test_a_failures_first_move_told_in_another_storys_words_is_not_asked_for(ctx, action):
    """The words that counted as a failure story's first move were that question's own
    list: "I called the retention lead the next morning, we compared the score lists…"
    (words another story question lists for a first step) was asked "When did you first
    notice it was going wrong, and what was your first move?"."""
    story = CHURN.format(action=action)
    moves = moves_of(ctx, "behavioural-failure", [story, "ok", "ok", "ok"], max_moves=3)
    assert all(FIRST_MOVE.lower() not in m.question.lower() for m in moves), [
        m.question for m in moves
    ]


def test_a_failure_with_no_first_move_told_is_still_asked_for_it(ctx):
    story = CHURN.format(action="It was a bug in how the score was joined to the accounts.")
    moves = moves_of(ctx, "behavioural-failure", [story, "ok", "ok", "ok"], max_moves=3)
    assert any(FIRST_MOVE.lower() in m.question.lower() for m in moves), [m.question for m in moves]


FRAUD = (
    "I'd score every card payment with a gradient boosted tree trained on a year of "
    "chargebacks, with features like how many payments the card made in the last hour, the "
    "merchant's fraud history and the distance from the last payment. It runs inside the "
    "payment service, and payments above a threshold go to the review team."
)


@pytest.mark.parametrize(
    "asked",
    [
        "Could you clarify how often the merchants change their prices, is it every minute or "
        "every day?",
        "How many payments per second do we handle?",
        "Sorry, is there a latency limit? And how big is the review team?",
    ],
)
def test_a_question_while_a_probe_waits_gets_that_probe_again_and_costs_no_move(ctx, asked):
    """W3: after a probe, "Could you clarify how often the advertisers change their bids…?"
    was answered, then "Going back to “…”: how would you show it was your system that
    moved that number?", a new question, while the one waiting was dropped, and asking
    cost one of the session's answers. Now the waiting probe is put again, and the
    session is a move longer."""
    session = live_session(ctx, "fraud-detection", 4)
    probe = session.answer_text(FRAUD).move
    assert probe is not None and probe.kind in ("follow_up", "challenge"), probe
    planned = session.interview.max_moves
    move = session.answer_text(asked).move
    assert move is not None and move.reply, move
    assert probe.question in move.question, (probe.question, move.question)
    assert session.interview.max_moves == planned + 1, (planned, session.interview.max_moves)


def test_a_question_said_with_an_answer_is_followed_up_as_before(ctx):
    """An answer that says something and asks too is an answer: the next probe comes."""
    session = live_session(ctx, "fraud-detection", 4)
    probe = session.answer_text(FRAUD).move
    assert probe is not None
    planned = session.interview.max_moves
    move = session.answer_text(
        "I would retrain it every week on the newest chargebacks and watch the share of "
        "payments sent to review. How many payments per second do we handle?"
    ).move
    assert move is not None and probe.question not in move.question, move.question
    assert session.interview.max_moves == planned
