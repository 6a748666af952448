"""Behavioural stories read against the STAR rubric: its own stage head, a closing lesson
judged like any other stage (not as a recap), and the held-out stories' actions found."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from assistant.scoring.analyse import StructureSpec, analyse_text
from assistant.scoring.structure.analysis import substance_reader
from assistant.scoring.structure.heads import StageHead, head_path, load_head
from assistant.scoring.structure.scorers import build_scorer
from assistant.scoring.structure.substance import offered_removed
from assistant.settings import Settings
from prompts import load_questions
from rubrics import load_rubric
from tests.support.interviews import explained, ml_spec
from tests.support.sentences import shared_embedder

STORIES = Path(__file__).parents[1] / "eval" / "stories"
STAR = load_rubric("behavioral-star")


@pytest.fixture(scope="module")
def spec() -> StructureSpec:
    return ml_spec(STAR).as_whole()


def stories(split: str) -> list[dict]:
    return [tomllib.loads(p.read_text()) for p in sorted((STORIES / split).glob("*.toml"))]


def scored(answer: dict, spec: StructureSpec, question: str | None = None):
    """A labelled answer typed, to its own question (or ``question``): what it asked is
    known to the analysis, as the app knows the bank's."""
    question = question or answer["question"]
    if question not in spec.question_texts and "asked" in answer:
        spec = replace(spec, question_texts={**spec.question_texts, question: answer["asked"]})
    text = " ".join(s["text"] for s in answer["sentences"])
    report = analyse_text(text, Settings(), structure=spec, question=question)
    assert report.structure is not None
    return report


def read(story: dict, spec: StructureSpec):
    return {s.id: s for s in scored(story, spec).structure.stages}


def test_stories_are_read_by_their_own_head_and_its_floor_survives_saving(tmp_path):
    """The STAR head ships, fits the rubric's stages, and is trusted from its own
    probability floor; the system-design head, saved before heads had a floor, keeps the
    one it was tuned at."""
    head = load_head(STAR.id, STAR.stage_ids)
    assert head is not None and head.min_probability == 0.7
    design = load_rubric("ml-system-design")
    assert load_head(design.id, design.stage_ids).min_probability == 0.4
    assert "min_probability" not in np.load(head_path(design.id)).files
    again = StageHead("x", ("a", "b"), np.ones((2, 3)), np.zeros(2), False, 0.55)
    again.save(tmp_path / "x.head.npz")
    with np.load(tmp_path / "x.head.npz") as data:
        assert float(data["min_probability"]) == 0.55


def test_a_concrete_lesson_closing_a_story_is_described_not_only_named(spec):
    """The last STAR stage is a lesson, not a recap of the story: "now, when a finding
    goes against what a team believes, I design the validation test with them" is a
    concrete change of practice (it read as only named while judged as a recap)."""
    story = next(s for s in stories("dev") if s["id"] == "data-disagreed-strong-1")
    assert read(story, spec)["reflection"].depth >= 2
    assert STAR.stages[-1].recap is False
    assert load_rubric("ml-system-design").stages[-1].recap is None  # a summary: a recap


def story_told(text: str, spec: StructureSpec, question: str = "behavioural-conflict"):
    report = analyse_text(text, Settings(), structure=spec, question=question)
    assert report.structure is not None
    return report, {s.id: s for s in report.structure.stages}


@pytest.mark.parametrize(
    ("close", "lesson"),
    [
        # what is done now, in few words of its own: the lesson and its practice at once
        ("We are still friends, and now we always agree on a benchmark before a migration.", 3),
        ("We get on fine, and now we always load test a migration.", 3),
        # a change named, nothing said of what is done
        ("Since then I communicate better with everyone.", 1),
    ],
)
def test_a_lesson_said_as_what_is_now_done_is_not_told_it_lacks_one(spec, close, lesson):
    """Played in the app: "We still work together, and now we always agree on a test
    before a rewrite." was told "You named reflection … but not the specific lesson, and
    what you now do differently": it had too few words for a described sentence, and
    only a described one could be lifted by saying what is now done."""
    story = (
        "Two years ago a teammate wanted to move our nightly reports to a new database "
        "engine, and I thought it was too risky. My task was to keep the reports on time "
        "through the audit at the end of March. I asked him to run a one week trial on a "
        "copy of the data, and I wrote down the numbers we would compare. The trial was "
        "only twelve percent faster and lost two reports, so we kept the old engine and "
        "passed the audit. "
    )
    report, stages = story_told(story + close, spec)
    assert stages["reflection"].depth == lesson, stages["reflection"]
    said = [f.message for f in report.feedback]
    told_lacking = any("named reflection" in m and "what you now do" in m for m in said)
    assert told_lacking == (lesson < 2), said


def test_every_strong_held_out_story_is_credited_with_its_actions(spec):
    """Strong stories, written blind to the detector and never tuned on, walk through
    what the candidate did; each is credited with action (two of four were not by
    similarity to the rubric's examples alone)."""
    strong = [s for s in stories("held-out") if s["quality"] == "strong"]
    assert len(strong) == 4
    for story in strong:
        assert read(story, spec)["action"].covered, story["id"]


@pytest.mark.parametrize(
    "cliche",
    [
        "I saw it as my responsibility to empower them and unlock their full potential.",
        "I took ownership, showed initiative and was proactive, and it was a win-win.",
        "It was a fast-paced team and I brought my passion and a collaborative mindset.",
    ],
)
def test_a_story_told_in_cliches_describes_nothing(cliche):
    """What any story says of its teller names a stage at most: "empowered them",
    "took ownership", "a win-win" are not a concrete step, person or number."""
    reader = substance_reader(STAR, "Tell me about a time you helped a teammate grow.")
    assert reader.read(cliche).level == 1


def test_buzzword_stories_stay_far_below_strong_ones(spec):
    """The development stories told in empty sentences score 35 or less, and under
    every strong development story."""
    scores = {}
    for story in stories("dev"):
        if story["quality"] in ("strong", "buzzword"):
            scores.setdefault(story["quality"], []).append(scored(story, spec).structure.score)
    assert len(scores["buzzword"]) >= 6
    assert max(scores["buzzword"]) <= 35 < min(scores["strong"])


# --- timed explanations (the general rubric) --------------------------------------------

GENERAL = load_rubric("general")


def explanations(split: str) -> list[dict]:
    folder = STORIES.parent / "explanations" / split
    return [tomllib.loads(p.read_text()) for p in sorted(folder.glob("*.toml"))]


def test_explanations_have_a_head_and_their_summary_is_judged_as_a_point_landed():
    """The general rubric's head ships with its own floor, and its summary restates the
    main point: it is not asked to go back over the other stages as a design recap is."""
    head = load_head(GENERAL.id, GENERAL.stage_ids)
    assert head is not None and head.min_probability == 0.6
    assert GENERAL.stages[-1].id == "summary" and GENERAL.stages[-1].recap is False


def test_every_held_out_explanation_said_in_empty_sentences_scores_under_every_strong_one():
    """Explanations written blind to the detector and never tuned on: an answer that only
    gestures at each part ("There are a few key points. For example, it matters a lot")
    scores under every strong explanation (one scored 40, above a strong one at 34, when
    stages were found by similarity to the rubric's examples alone)."""
    scorer, method = build_scorer(GENERAL, shared_embedder())
    texts = {q.id: q.asked for q in load_questions().values()}
    spec = StructureSpec(GENERAL, scorer, method, question_texts=texts, whole=True)
    scores: dict[str, list[int]] = {}
    for answer in explanations("held-out"):
        scores.setdefault(answer["quality"], []).append(scored(answer, spec).structure.score)
    assert len(scores["strong"]) == 4 and len(scores["buzzword"]) == 2
    assert max(scores["buzzword"]) < min(scores["strong"])


def test_a_lesson_said_as_what_the_teller_took_from_it_is_heard_in_a_story_alone():
    """A story typed in the app, not in the repo: its lesson ("What I took from it is…;
    now I write that rule into every proposal") ran past 28 words, was cut, and read as
    an action, so the interviewer asked what the candidate would do differently."""
    story = (
        "Two years ago I was the senior data scientist on a search ranking team. A colleague "
        "wanted to replace our boosted ranker with a transformer six weeks before the "
        "holidays. My job was to keep search conversion up through the peak. I proposed an "
        "interleaving test for two weeks on five percent of traffic, and I wrote a one page "
        "doc with the latency numbers. The test showed a 0.4 percent lift, inside the noise, "
        "so we kept the boosted ranker for the holidays. What I took from it is to turn a "
        "disagreement into a test with a rule we both sign before seeing the numbers; now I "
        "write that rule into every proposal."
    )
    scorer, method = build_scorer(STAR, shared_embedder())
    spec = StructureSpec(STAR, scorer, method)  # one turn of a session, not a whole answer
    report = analyse_text(story, Settings(), structure=spec, question="behavioural-conflict")
    reflection = next(s for s in report.structure.stages if s.id == "reflection")
    assert reflection.covered and "What I took from it" in reflection.evidence.quote


def test_stories_and_explanations_are_not_asked_for_a_design_reason():
    """ "You described task but not why: tie the choice to a constraint, a metric or an
    option you turned down" is design talk: a story is asked what made the task hard or
    why the steps, an explanation for the parts of its roadmap or a return to them."""
    from assistant.scoring.structure.findings import JUSTIFY

    cases = [
        (STAR, "behavioural-failure", stories("held-out")),
        (GENERAL, "general-explain-tradeoff", explanations("held-out")),
    ]
    said = []
    for rubric, question, answers in cases:
        scorer, method = build_scorer(rubric, shared_embedder())
        spec = StructureSpec(rubric, scorer, method, whole=True)
        for answer in answers:
            report = scored(answer, spec, question)
            said += [f.message for f in report.feedback if " but not " in f.message]
    assert said and not any(JUSTIFY in m for m in said)
    # a roadmap is asked for its parts (named) or a return to them (described)
    roadmap = [m for m in said if "signposted structure" in m]
    assert roadmap and all(
        "the parts you will take" in m or "return to your plan" in m for m in roadmap
    )
    assert any("what made it hard" in m or "the options you weighed" in m for m in said)
    # the stage table's "what is missing" speaks the same words as the feedback
    for rubric, question, answers in cases:
        scorer, method = build_scorer(rubric, shared_embedder())
        spec = StructureSpec(rubric, scorer, method, whole=True)
        for answer in answers:
            for stage in scored(answer, spec, question).structure.stages:
                assert stage.missing != JUSTIFY, (answer["id"], stage.id)


# --- the roadmap of an explanation -------------------------------------------------------

DRIFT = (
    "I'll explain data drift, because it's the reason a model that looked great at launch "
    "quietly gets worse, and as an analyst you'll be the first to notice it in the numbers. "
    "I'll cover three things: what drift is, an example, and how you'd spot it. First, what "
    "it is. A model learns patterns from the data it was trained on. Drift means the data "
    "coming in today no longer looks like that training data, so the patterns it learned "
    "stop holding. Second, an example. Say we trained a fraud model on card payments from "
    "2023. In 2024 a lot of customers moved to paying with their phones, so the share of "
    "mobile payments went from ten percent to sixty percent. The model had barely seen "
    "those, so it starts missing fraud there, and nobody changed a line of code. Third, how "
    "you spot it. You compare this week's inputs with the training data, for example the "
    "share of mobile payments, and you watch the model's accuracy once the real answers "
    "come in. When either moves a lot, we retrain on recent data. "
)
SUMMED_UP = (
    "So to sum up: drift is the world changing under the model, and the fix is to watch "
    "the inputs and retrain before customers feel it."
)
RETURNED = (
    "So that's the three: what drift is, the phone payments example, and how you spot it "
    "early, and the fix is to retrain on recent data before customers feel it."
)


@pytest.fixture(scope="module")
def general() -> StructureSpec:
    return ml_spec(GENERAL).as_whole()


def test_a_plan_that_lists_its_parts_and_is_followed_is_a_described_roadmap(general):
    """A drift explanation typed in the app, not in the repo, scored 63: its plan ("I'll
    cover three things: what drift is, an example, and how you'd spot it") followed by
    "First… Second… Third…" read as a roadmap only named, the feedback asked for "the
    parts you will take, in order" while quoting them, the moves themselves ("First, what
    it is.") were called sentences that say nothing specific, and a summary could never
    earn its whole weight, though it has no reason to give."""
    report, stages = explained(DRIFT + SUMMED_UP, general)
    roadmap = stages["structure"]
    assert roadmap.depth_label == "described" and roadmap.covered
    assert roadmap.depth_evidence.quote.startswith("I'll cover three things")
    assert roadmap.evidence.quote.startswith("I'll cover three things")
    assert roadmap.missing.startswith("a return to your plan")
    assert stages["summary"].depth_label == "described" and stages["summary"].missing is None
    messages = [f.message for f in report.feedback]
    assert not any("named signposted structure" in m for m in messages)
    assert not any("without saying anything specific" in m for m in messages)
    assert any("a return to your plan" in m for m in messages)
    assert report.structure.score >= 75


OUTLINED = (
    "I'll explain precision and recall for someone who reads our weekly reports. First, "
    "what each one means. Then, a story from our spam filter. Finally, when to prefer "
    "which. Precision is the share of flagged emails that really were spam, and recall is "
    "the share of all the spam we caught. Last spring our spam filter flagged two hundred "
    "emails, one hundred and eighty of them spam, but it missed another ninety, so "
    "precision was ninety percent and recall only sixty seven. You prefer precision when a "
    "false alarm is expensive, like blocking a customer's invoice, and recall when a miss "
    "costs more."
)


def test_an_outline_said_one_short_signposted_sentence_to_a_part_is_a_plan(general):
    """Played in the app: "First, what it is. Second, an example. Third, how to spot it.",
    then each part in turn, was told "You named signposted structure … but not the parts
    you will take, in order", beside "✓ 3 signposted transitions made the structure easy
    to follow": the outline lists its parts as surely as "I'll cover three things: …"."""
    report, stages = explained(OUTLINED, general)
    roadmap = stages["structure"]
    assert roadmap.depth_label == "described", roadmap
    assert roadmap.depth_evidence.quote == "First, what each one means."
    messages = [f.message for f in report.feedback]
    assert not any("named signposted structure" in m for m in messages), messages
    # steps said one to a sentence are moves into parts, not an outline of them
    steps = (
        "Drift is important. First, drift matters a lot for models. Then, you watch the "
        "data coming in every week. Finally, you retrain the model on recent data."
    )
    assert explained(steps, general)[1]["structure"].depth_label == "named"


def test_a_close_that_says_the_parts_again_is_a_roadmap_returned_to(general):
    _, plain = explained(DRIFT + SUMMED_UP, general)
    report, stages = explained(DRIFT + RETURNED, general)
    roadmap = stages["structure"]
    assert roadmap.depth_label == "justified" and roadmap.missing is None
    assert roadmap.depth_evidence.quote.startswith("So that's the three")
    assert report.structure.score > explained(DRIFT + SUMMED_UP, general)[0].structure.score
    assert plain["structure"].depth == 2


def test_moves_with_no_plan_behind_them_only_name_a_roadmap(general):
    """ "First… then… finally…" over empty sentences marks moves with no plan: named.
    With no move marked at all there is no roadmap."""
    moves = (
        "Drift is important. First, drift matters a lot for models. Next, it is a big "
        "problem for the data. Finally, you should always watch for it."
    )
    _, stages = explained(moves, general)
    assert stages["structure"].depth_label == "named"
    flat = (
        "Drift happens when the data a model sees changes after training. A fraud model "
        "trained on card payments misses fraud in phone payments it rarely saw. Teams "
        "compare recent inputs with the training data and retrain when they move."
    )
    _, stages = explained(flat, general)
    assert stages["structure"].depth == 0


@pytest.mark.parametrize(
    ("sentence", "parts"),
    [
        ("I'll cover three things: what drift is, an example, and how you'd spot it.", 3),
        ("so the plan is i'll say what each one means then give you an example", 2),
        ("The interesting part is what goes wrong, how the store fixes it, and when to buy.", 3),
        ("There are a few key pieces to this.", 0),
        ("There are two parts: what it looks like, and what we do about it.", 2),
        ("The (um) plan is I'll say what each one means and give you a little example", 2),
        ("I'll explain data drift, because it's why a model that looked great gets worse.", None),
        # played outside the repo: the plan after a colon was missed, and the close
        # "So that's the three: …" was told "The answer did not end with summary" (34)
        ("I'll explain data drift: what it is, an everyday example, and how you'd spot it.", 3),
        ("Let me explain why: the data moved.", 0),
        ("So what does the store actually do about it?", None),
        # a plan said as what will be said, most parts as questions (hC's teach-plain)
        (
            "I'll say what it is, give you a story that makes it stick, and then how you'd "
            "notice it.",
            3,
        ),
        ("Let me give you an example: a fraud model, trained on 2023, and retrained.", None),
        ("It lifted NDCG by about four points on our labelled queries.", None),
        ("The four points of relevance were real.", None),
    ],
)
def test_a_plan_is_read_for_the_parts_it_lists(sentence, parts):
    from assistant.scoring.structure.roadmap import plan_parts

    found = plan_parts(sentence)
    assert (None if found is None else len(found)) == parts


def test_a_plan_counted_back_at_the_end_of_the_first_answer_holds_over_the_session(general):
    """A session's answers are judged laid end to end: the first answer's close ("So
    that's the two parts: …") comes early in the whole, and the roadmap it returned to
    read as only described in the report of a typed session (not in the repo)."""
    first = (
        "Let me explain overfitting, since it's the most common reason a model that looks "
        "brilliant in testing disappoints once it's live. There are two parts: what it looks "
        "like, and what we do about it. So what does it look like? Imagine a student who "
        "memorises last year's exam answers: they score 100 percent on that paper and fail "
        "the new one. And what do we do about it? We hold back a test set the model never "
        "sees, and we stop training when the test score stops improving. So that's the two "
        "parts: what overfitting looks like, and what we do about it."
    )
    later = [
        "Last year our churn model scored 0.93 AUC offline but only 0.71 in the first month "
        "live, because it had learned quirks of one promotion in the training months.",
        "In short: overfitting is a model memorising its training data instead of learning "
        "the pattern; keep a held-out test set and compare the two scores.",
        "I'd open with the churn story next time, because a real failure lands faster.",
    ]
    _, alone = explained(first, general)
    _, session = explained("\n\n".join([first, *later]), general)
    assert alone["structure"].depth_label == session["structure"].depth_label == "justified"
    assert session["structure"].depth_evidence.quote.startswith("So that's the two parts")


def test_a_result_measured_against_where_it_started_is_justified(spec):
    """ "You described result but not what it changed: the outcome against where you
    started", quoting "Before the trial a picker walked about two kilometres per shift;
    after it, about one point six, and the late-order rate fell from six percent to four"
    (a typed session, not in the repo)."""
    from assistant.scoring.structure.depth import measures_change

    story = (
        "Last spring our head of operations asked me to use AI to make the warehouse better, "
        "with no more detail than that. It was on me to turn that into something we could "
        "ship in a quarter. I spent the first week asking pickers what slowed them down, and "
        "I proposed a weekly slotting list that moves the fifty fastest items near the "
        "packing desks. Before the trial a picker walked about two kilometres per shift; "
        "after it, about one point six, and the late-order rate fell from six percent to "
        "four. What I took from it is to find one measurable bottleneck before any model."
    )
    report = analyse_text(story, Settings(), structure=spec, question="behavioural-ambiguity")
    result = next(s for s in report.structure.stages if s.id == "result")
    assert result.depth_label == "justified" and "fell from six" in (result.depth_evidence.quote)
    assert not any("not what it changed" in f.message for f in report.feedback)
    assert measures_change("walking time per order dropped by eighteen percent")
    assert not measures_change("I worked there from 2019 to 2021 on search.")
    assert not measures_change("we moved from batch scoring to streaming")
    # a story typed outside the repo measured its result against a control group and
    # against what was promised, and was told it did not say what changed
    assert measures_change(
        "the targeted group churned about six percent less than the control, against the "
        "twelve percent we had promised"
    )
    assert measures_change("conversion was three points higher than the holdout")
    assert not measures_change("it went much better than before")
    assert not measures_change("we had twelve people, more than the last team")


def test_a_close_that_gives_the_short_version_is_not_an_opening_said_late(general):
    """An explanation that opens with the bare topic and lands with "So the short
    version: …" (typed, not in the repo) was told "Framing came only later (77% of the
    way in)": its close was read as the opening said late."""
    answer = (
        "Okay, precision versus recall. So what's precision? It's how often the model is "
        "right when it raises a flag. If our fraud model flags a hundred payments and ninety "
        "are really fraud, precision is ninety percent. And what's recall? It's how much of "
        "the real fraud we catch at all. If there were two hundred frauds that day and we "
        "caught ninety, recall is forty-five percent. So which one matters? It depends on "
        "which mistake costs more: a missed fraud costs us the money, a false flag annoys a "
        "good customer. So the short version: precision is how trustworthy the flags are, "
        "recall is how much we catch, and you tune between them by what each mistake costs."
    )
    report, _ = explained(answer, general)
    kinds = {o.kind: o for o in report.structure.order_findings}
    assert "late_start" not in kinds and "no_opening" in kinds
    assert kinds["no_opening"].evidence.quote == "Okay, precision versus recall."


def test_a_plan_whose_parts_the_speech_model_put_in_the_next_sentence(general):
    """As tiny.en heard the drift explanation in the app: "I'll cover three things. What
    drift is an example, and how you'd (uh) part it." The plan read as only gestured at
    and the interviewer asked "Say more about signposted structure."."""
    heard = (
        "I'll explain data drift, because it's the reason a model that looked great at launch "
        "quietly gets worse. I'll cover three things. What drift is an example, and how you'd "
        "(uh) part it. First, what it is. A model learns patterns from the data it was "
        "trained on. Drift means the data coming in today no longer looks like that training "
        "data, so the patterns it learns stop holding. Say we train the fraud model on card "
        "payments from 2023. In 2024 a lot of customers moved to paying with their phones, so "
        "the share of mobile payments went from 10 % to 60 %. Third, how you spot it. You "
        "compare this week's inputs with the training data, and you watch the model accuracy "
        "once the real answers come in. To sum up, drift is the world changing under the "
        "model, and the fix is to watch the inputs and retrain before customers feel it."
    )
    _, stages = explained(heard, general)
    assert stages["structure"].depth >= 2
    assert stages["structure"].depth_evidence.quote == "I'll cover three things."
    from assistant.scoring.structure.roadmap import _parts_next

    assert len(_parts_next("I'll cover three things.", "What drift is, an example.")) == 2
    assert not _parts_next("There are three things to know.", "First, it matters, a lot.")
    assert not _parts_next("There are a few things.", "Data, models, and deployment.")
    assert not _parts_next(
        "I'll cover three things.", "Drift is what happens when the data a model sees changes."
    )


def test_the_concept_picked_from_the_question_is_the_answer_s_own_topic(general):
    """Written for this test. The question offers "overfitting, precision versus recall,
    or data drift"; a precision-and-recall explanation typed from outside the repo scored
    51, its opening and its summary only named, because every "precision" and "recall"
    counted as the question said back. The option picked is what the answer is about;
    said back with nothing of the speaker's own, it still adds nothing."""
    text = (
        "I'll explain precision and recall, the two numbers printed beside every "
        "classifier on our dashboards.\n"
        "Precision says how often a flag is right; recall says how many of the real "
        "cases got flagged.\n"
        "Say a model flags fifty loans and forty are truly risky, out of eighty risky "
        "loans in all: precision is eighty percent, recall only half.\n"
        "So in short: precision is trust in a flag, recall is coverage of the cases.\n"
    )
    _, stages = explained(text, general)
    assert stages["framing"].depth >= 2, stages["framing"]
    assert stages["summary"].depth >= 2, stages["summary"]
    _, said_back = explained("Precision versus recall matters a lot.\n" * 2, general)
    assert said_back["framing"].depth <= 1


@pytest.mark.parametrize(
    ("asked", "kept", "dropped"),
    [
        (
            "Pick one of these and teach it to me: overfitting, precision versus recall, "
            "or data drift.",
            "teach",
            "recall",
        ),
        (
            "Tell me about a tradeoff you made, for example speed against accuracy or cost "
            "against quality. Explain both sides.",
            "both",
            "accuracy",
        ),
    ],
)
def test_options_a_question_offers_are_not_its_own_words(asked, kept, dropped):
    left = offered_removed(asked)
    assert kept in left and dropped not in left
    design = "Design the spam filter: every message goes to the inbox, spam or is rejected."
    assert offered_removed(design) == design  # a list that is no choice stays the question


def test_a_lesson_carried_into_how_the_teller_works_now_is_justified(spec):
    """Written for this test, after a spoken story typed outside the repo ("…so now I
    always ask what the other person is afraid of before I argue for my option") was
    told it gave no "what you now do differently because of it". A reflection with the
    practice it changed is justified; a change named with nothing done is not."""
    from assistant.scoring.structure.depth import changes_practice

    story = (
        "Two years ago our fraud team and I disagreed about shipping a new payments model "
        "before the holiday freeze. I owned the model and had to get sign-off from the risk "
        "lead. I set up a two-week shadow run that scored live payments without acting on "
        "them and shared the daily false-positive counts with her. The shadow run caught a "
        "currency bug, we fixed it, and the model shipped a week before the freeze with "
        "chargebacks down by a fifth. What I took from it is to put the numbers in front "
        "of the doubter early; these days every model I hand over starts with a "
        "two-week shadow run and a daily error report."
    )
    report = analyse_text(story, Settings(), structure=spec, question="behavioural-conflict")
    reflection = next(s for s in report.structure.stages if s.id == "reflection")
    assert reflection.depth_label == "justified", reflection
    assert "these days" in reflection.depth_evidence.quote
    read = substance_reader(load_rubric("behavioral-star"), "").read
    vague = "Since then I communicate better."
    assert not changes_practice(vague, read(vague))


@pytest.mark.parametrize(
    "task",
    [
        "It was on me to decide what we would build, and I had about six weeks before the "
        "director's budget meeting.",
        "My job was to cut the false alarms in half, and the hard part was that the two "
        "teams who used them wanted different things.",
        "I owned the pricing model and had promised a new version before the spring sale.",
        "My goal was to cut stockouts on our top two hundred products without increasing "
        "overstock.",
        # cut for length after "before the spring"
        "On our three-person team I owned the delivery time estimates for the whole city and "
        "all of its restaurants, and I had promised a new model before the spring marketing "
        "push.",
    ],
)
def test_a_task_said_with_its_deadline_or_what_made_it_hard_is_justified(spec, task):
    """Session 35's stories were told "You described task but not what made it hard: the
    deadline, the stakes or what stood in your way" quoting a task that said its deadline
    ("…six weeks before the director's budget meeting") or its hard part ("…and the hard
    part was that three different people meant three different things")."""
    from assistant.scoring.structure.depth import states_stakes

    story = (
        "At my last company I worked on the analytics team of a grocery delivery app. "
        f"{task} I interviewed the six people who used the reports, wrote down what each "
        "one decided with them, and built the smallest version first. The late deliveries "
        "fell from nine percent to five within a month. Since then every project I start "
        "opens with a list of the decisions it has to support."
    )
    report = analyse_text(story, Settings(), structure=spec, question="behavioural-ambiguity")
    assert next(s for s in report.structure.stages if s.id == "task").depth == 3
    assert not any("not what made it hard" in f.message for f in report.feedback)
    assert not states_stakes("My job was to build the dashboard for the sales team.")
    assert not states_stakes("I had two colleagues on the project.")


def test_a_plan_after_a_colon_is_followed_and_counted_back(general):
    """Played outside the repo (tests/eval/outside): "I'll explain data drift: what it
    is, an everyday example, and how you would spot it", then "First… Second… Third…",
    closed by "So that's the three: …", scored 34 and was told "The answer did not end
    with summary" while that close was quoted."""
    text = (STORIES.parent / "outside" / "general-teach-colon-plan.txt").read_text()
    report, stages = explained(text, general)
    assert stages["structure"].depth_label == "justified"
    assert stages["summary"].covered
    assert not any("did not end with summary" in f.message for f in report.feedback)


def test_a_story_that_opens_on_when_and_where_has_its_scene_set(spec):
    """Played outside the repo (tests/eval/outside): "In my second year at an insurance
    company I led the rollout of a claims triage model…" was read as the task alone and
    told "No situation in the answer" and "did not open with situation", quoting it."""
    from assistant.scoring.structure.analysis import sets_scene

    text = (STORIES.parent / "outside" / "behavioural-failure-scene-in-task.txt").read_text()
    report = analyse_text(text, Settings(), structure=spec, question="behavioural-failure")
    assert report.structure.stage("situation").covered
    assert not any("situation" in f.message and "No " in f.message for f in report.feedback)
    assert sets_scene("Two years ago, at a small payments startup, our fraud model…")
    assert not sets_scene("I led the rollout and owned the launch plan.")


def test_a_plan_in_a_run_on_sentence_cut_for_length_is_still_a_plan(general):
    """Written outside the repo (tests/eval/outside), as speech: "…a little tool i made at
    a hospital where i worked, i'll tell you what the problem was, what i made and then
    how it went, and…" was cut for length between its parts, and the plan was lost:
    "No signposts", structure 22."""
    text = (STORIES.parent / "outside" / "general-project-run-on-plan.txt").read_text()
    report = analyse_text(text, Settings(), structure=general, question="general-explain-project")
    roadmap = report.structure.stage("structure")
    assert roadmap.covered and "i'll tell you what" in roadmap.depth_evidence.quote


def test_an_explanation_opened_with_a_walk_through_is_framed(general):
    """Written outside the repo: "I'd like to walk you through a fraud model I built…,
    pitched at someone who hasn't seen our system" was told "No framing in the answer"
    and "did not open with framing"; only "I'll explain…" was heard as an opening."""
    rest = (
        "I'll cover three things: the problem, what I built, and how it turned out. "
        "First, the problem. A clinic lost about forty appointments a week to no-shows. "
        "Second, what I built. A small model that texts a reminder to the patients most "
        "likely to miss, two days ahead. Third, how it turned out. No-shows fell by a "
        "third in two months. So that's the three parts: the problem, the reminders, and "
        "a third fewer empty slots."
    )
    for opening in (
        "I'd like to walk you through a reminder model I built for a clinic, pitched at "
        "someone who has never seen our booking system.",
        "Let me tell you about a reminder model I built for a clinic, for someone who has "
        "never seen our booking system.",
    ):
        report = analyse_text(
            f"{opening} {rest}", Settings(), structure=general, question="general-explain-project"
        )
        assert report.structure.stage("framing").depth >= 1, opening
        said = [f.message for f in report.feedback]
        assert not any("did not open with framing" in m or "No framing" in m for m in said)
        if "pitched at" in opening:  # who it is for, and what: described
            assert report.structure.stage("framing").covered


@pytest.mark.parametrize("lead", ["To sum up,", "So the main point is,", "So the takeaway is,"])
def test_a_close_that_says_the_point_in_plain_words_is_a_described_summary(general, lead):
    """Written outside the repo: "To sum up, neither number is enough on its own, so
    whenever someone tells you one, ask for the other one too." was told it only named
    the summary ("The point is, …" that the answer did not end with one); only a recap
    that named precision and recall again counted."""
    body = (
        "I'll explain precision and recall for a spam filter, for someone new to the team. "
        "Precision is how much of what the filter moved was really spam. Recall is how much "
        "of the spam it caught. For example, if two hundred spam emails came in and it "
        "caught ninety, recall is forty-five percent."
    )
    point = (
        "neither number is enough on its own, so whenever someone tells you one, ask for the other"
    )
    said = f"{body} {lead} {point} one too."
    report = analyse_text(said, Settings(), structure=general, question="general-teach-concept")
    assert report.structure.stage("summary").depth == 2
    assert not any("did not end with summary" in f.message for f in report.feedback)
    # saying it sums up, with no point of its own, still only names the close
    bare = analyse_text(
        f"{body} To sum up, that's it.",
        Settings(),
        structure=general,
        question="general-teach-concept",
    )
    assert bare.structure.stage("summary").depth <= 1


STEPS_TAKEN = (
    "Last spring I was on the four-person pricing team at a car rental company, and our "
    "demand model had started overpricing weekend rentals. My job was to fix it before the "
    "summer season, six weeks away, without touching the serving code during a release "
    "freeze. {who} compared the model's weekend prices with competitors' prices for a month "
    "and found a holiday feature that a data migration had broken, so rather than retrain "
    "from scratch, {who_lower} repaired the feature upstream and re-ran the existing "
    "training job. Weekend conversion went from nine percent back up to thirteen percent "
    "within two weeks. {close}"
)


@pytest.mark.parametrize(
    "close",
    [
        "These days, after any data migration, I compare every feature's values with the "
        "week before, before I do anything else.",
        "Looking back, I learned that data checks matter a lot.",
    ],
)
def test_steps_the_teller_took_are_the_action_however_the_story_closes(spec, close):
    """Written outside the repo: "I compared the model's weekend prices with competitors'
    … I repaired the feature upstream and re-ran the existing training job" was read as
    no stage at all, so the action hung on the closing sentence's wording (0 to 3, the
    score 42 to 90), and "These days, after any data migration, I compare…" was read as
    an action, not the lesson it is."""
    text = STEPS_TAKEN.format(who="I", who_lower="I", close=close)
    report = analyse_text(text, Settings(), structure=spec, question="behavioural-failure")
    assert report.structure.stage("action").depth >= 2
    if close.startswith("These days"):
        assert report.structure.stage("reflection").depth >= 2
        assert not any("did not end with reflection" in f.message for f in report.feedback)


OVERFITTING = (
    "I'll teach you overfitting, since you'll review model results and need to spot it. "
    "Three parts: what it is, an example, and how to catch it. What it is: a model that "
    "memorises its training data instead of learning patterns that carry over to new data. "
    "An example: a house price model had an error of two thousand euros on the houses it "
    "trained on, but forty thousand on new listings, because it had learned quirks like one "
    "street's odd sale. It's like a student who memorised last year's exam answers. How to "
    "catch it: always compare the score on held out data with the training score; a big gap "
    "means overfitting. {close}"
)


@pytest.mark.parametrize(
    "close",
    [
        "So, three things: memorising, the price example, and the held out check.",
        "So to recap the three parts: memorising, a price model that failed on new houses, "
        "and comparing held out and training scores.",
    ],
)
def test_a_close_that_counts_the_parts_back_in_new_words_returns_to_the_plan(general, close):
    """Written outside the repo: "So, three things: memorising, the price example, and the
    held out check." closed a three-part plan and was told "The answer did not end with
    summary", quoting that very sentence (-5), and that the roadmap lacked "a return to
    your plan as you close" (67): only a close repeating the plan's own words counted."""
    report, stages = explained(OVERFITTING.format(close=close), general)
    assert stages["structure"].depth_label == "justified"
    assert stages["structure"].depth_evidence.quote == close
    assert stages["summary"].covered
    said = [f.message for f in report.feedback]
    assert not any("did not end with summary" in m or "a return to your plan" in m for m in said)


@pytest.mark.parametrize(
    ("sentence", "parts", "back"),
    [
        ("So, three things: memorising, the price example, and the held out check.", 3, True),
        ("So: three parts, one idea, match on what stays the same, and next steps.", 3, True),
        ("So the three things to remember: precision, recall, and the cost of each.", 3, True),
        ("So, to sum up the three parts: a slow step, a classifier, and faster tickets.", 3, True),
        # a count that is not the plan's, or no list after it, is no return to it
        ("So, two things: precision and recall, and the cost of each.", 4, False),
        ("So three things went wrong that week.", 3, False),
        ("Three parts of the system were slow, and we fixed them.", 3, False),
    ],
)
def test_a_close_is_read_as_counting_the_plan_back(sentence, parts, back):
    from assistant.scoring.structure.roadmap import _lists_count_of

    assert _lists_count_of(sentence, parts) is back


@pytest.mark.parametrize(
    "task",
    [
        "I was leading the retrain, due in a month.",
        "I led the retrain, which was meant to be live within a month.",
        "My part was to lead the retrain, and it was due in a month.",
    ],
)
def test_a_task_said_as_what_the_teller_led_is_a_task(spec, task):
    """Written outside the repo: "I was leading the retrain, due in a month." and "I led a
    hotel ranking model that was meant to raise bookings by five percent…" were told "No
    task in the answer"; only "My job was to…" was heard as the teller's own task."""
    text = (
        "At my last company, two years ago, a teammate wanted to label our fraud training "
        "data with the rules engine's decisions instead of confirmed chargebacks, and I "
        f"disagreed, because the model would just learn to copy the rules. {task} So I "
        "suggested we train both versions and compare them on last quarter's chargebacks "
        "rather than argue. The chargeback labelled model caught eighteen percent more "
        "fraud at the same false alarm rate, so we went with it. What I learned is that a "
        "quick, fair experiment ends an argument faster than any meeting, and I now propose "
        "one as soon as a disagreement starts."
    )
    report = analyse_text(text, Settings(), structure=spec, question="behavioural-conflict")
    assert report.structure.stage("task").depth >= 1
    assert not any("No task" in f.message for f in report.feedback)


def test_an_opening_that_says_i_will_explain_is_framing(general):
    """hC's repro: the opening "I will explain data drift, since you'll be looking at our
    models' numbers…" was told "No framing in the answer" and "The answer did not open
    with framing; it went straight to something else", quoting that same sentence."""
    text = (
        "I will explain data drift, since you'll be looking at our models' numbers and "
        "you'll hear people blame drift all the time. A model learns from the past, and "
        "drift is when the world it sees today stops looking like the world it learned "
        "from. For example, our email model was trained before the phone app launched, and "
        "its open rate fell from twenty two percent to fifteen once younger customers "
        "joined. So, in short, drift means the world moved and the model didn't."
    )
    report, stages = explained(text, general)
    assert stages["framing"].depth >= 1
    said = [f.message for f in report.feedback]
    assert not any("No framing" in m or "did not open with framing" in m for m in said)


BAKERY = (
    "okay so the thing I'm proudest of is a tool that told a chain of bakeries how much "
    "bread to bake each morning. I'll keep it simple since you don't need the maths: they "
    "were throwing away about a fifth of everything they baked. let me tell you what the "
    "problem was, what I made, and what happened.\n\n"
    "the problem: each of the forty shops guessed how much to bake based on the manager's "
    "gut, and on a rainy day those guesses were way off.\n\n"
    "what I made: a model that looks at the last few weeks of sales for each shop, plus "
    "the weather forecast and the calendar, and suggests a number for each kind of bread "
    "the evening before.\n\n"
    "what happened: waste went from about twenty percent down to twelve percent in six "
    "months, and the shops ran out of bread less often too.\n\n"
    "{close}"
)


@pytest.mark.parametrize(
    "close",
    [
        "so the short of it is, a simple guess each evening cut waste by almost half.",
        "to sum up, a simple guess each evening cut waste by almost half.",
    ],
)
def test_parts_opened_with_a_short_heading_are_signposted(general, close):
    """Written outside the repo: an explanation that moved "the problem: … what I made: …
    what happened: …" was told "No signposts (“first”, “next”, “to sum up”)", and so was
    one whose close said "to sum up" (the JSON had signposts 0)."""
    report = analyse_text(
        BAKERY.format(close=close),
        Settings(),
        structure=general,
        question="general-explain-project",
    )
    assert report.structure.signposts >= 3
    assert not any(f.message.startswith("No signposts") for f in report.feedback)
    assert report.structure.stage("structure").covered


def test_a_word_before_a_colon_is_no_heading():
    from assistant.scoring.structure.roadmap import opens_on_label

    assert opens_on_label("what I'd take away: a smaller gain is often the better deal")
    assert opens_on_label("so, the problem: each shop guessed")
    assert not opens_on_label("So: precision for automatic removal, humans for recall.")
    assert not opens_on_label("Precision went up to 40%: a good week.")


def test_to_sum_up_is_a_signpost_of_an_explanation():
    """hC's repro: an explanation whose close says "to sum up" was told "No signposts
    (“first”, “next”, “to sum up”)": the words the message asks for were not on the
    rubric's list."""
    from assistant.scoring.structure.analysis import signpost_segments
    from assistant.scoring.structure.segments import Segment

    said = ["The gain was small.", "So to sum up, the cheaper option was the right one."]
    segments = [Segment(0, 3, said[0], None, None), Segment(4, 13, said[1], None, None)]
    assert signpost_segments(GENERAL, segments) == [1]


DRIFT_PLAIN = (
    "alright so let me explain data drift, since you'll be looking at our models' numbers "
    "and you'll hear people blame drift all the time. I'll say what it is, give you a story "
    "that makes it stick, and then how you'd notice it.\n\n"
    "what it is: a model learns from the past, and drift is when the world it sees today "
    "stops looking like the world it learned from.\n\n"
    "a story: we had a model that guessed which customers would open a discount email. "
    "after our phone app came out, loads of younger customers joined, and within two months "
    "the open rate on the emails fell from twenty two percent to fifteen.\n\n"
    "how you'd notice: compare the inputs each week against what the model was trained on, "
    "and watch whether its hit rate is slipping.\n\n"
    "so, in short, drift means the world moved and the model didn't, and the fix is to keep "
    "checking the inputs and retrain when they wander off."
)
DELIVERY_PLAIN = (
    "okay so um, this was at a food delivery company where I worked on the team that "
    "predicts delivery times. a colleague of mine, Tom, wanted to move all our "
    "predictions to run live at the moment the order is placed, and I thought it was "
    "the wrong call, because our live system was already slow at dinner time and it "
    "would make the app lag for people ordering.\n\nit was my call to make in the end, "
    "since I looked after the prediction service, and I had maybe two weeks before "
    "our next planning meeting, and Tom was pretty dug in, he'd already told his "
    "manager it was happening.\n\nso what I did was book an hour with him, just the two "
    "of us, and I asked him what problem he was trying to fix. turned out he was "
    "worried the times were wrong when a restaurant got suddenly busy, which was "
    "fair, the numbers were off by like ten minutes at peak. so we looked at the logs "
    "together, and we found the live version would only matter for about one order in "
    "ten, the ones at really busy places. so I suggested a middle way: keep the quick "
    "precomputed times for most orders and only work it out live for the busy "
    "restaurants. Tom built the busy restaurant bit and I handled the speed "
    "testing.\n\nthe late deliveries that customers complained about went down by about "
    "a fifth, and the app didn't get any slower at dinner time. Tom and I ended up "
    "pairing on the next two projects.\n\nwhat I'd take from it is that when someone's "
    "dug in, there's usually a real worry under it, and if you find that worry you "
    "can often give them what they need without the part you're scared of. I'd have "
    "that one to one chat sooner next time instead of arguing in the team channel."
)


@pytest.mark.parametrize(
    ("text", "question"),
    [
        # "drift is when the world it sees today stops looking like…" says the point in a
        # sentence; said without the subject, the opening only touches the framing
        (
            DRIFT_PLAIN.replace("and drift is when the world", "and the world"),
            "general-teach-concept",
        ),
        # "this was at a food delivery company where I worked on the team that predicts
        # delivery times" sets the scene (what the story was, where); said as what the
        # team did, the opening only touches it
        (
            DELIVERY_PLAIN.replace(
                "this was at a food delivery company where I worked on the team that "
                "predicts delivery times.",
                "my team predicted delivery times for a food delivery company.",
            ),
            "behavioural-conflict",
        ),
    ],
    ids=["explanation", "story"],
)
def test_every_order_finding_that_takes_points_is_shown(general, spec, text, question):
    """hC: "The answer touched framing only in passing as it opened" took 5 points from
    five answers and was never shown: it was dropped because the item "You named framing
    (…) but not…" quotes the same sentence. Every order finding that takes points is in
    the feedback; that one is told as what it adds, the cost to the order."""
    s = general if question.startswith("general") else spec
    report = analyse_text(text, Settings(), structure=s, question=question)
    shown = [f for f in report.feedback if f.metric == "structure.order"]
    kept = report.structure.order_findings
    assert len(shown) == len(kept) >= 1
    opening = [f for f in shown if "also counts against the order" in f.message]
    assert opening and opening[0].message.startswith("Opening on ")
    assert not any("as it opened" in f.message for f in shown)


@pytest.mark.parametrize(
    "close",
    [
        "so the short of it is, a simple guess each evening that people could understand cut "
        "waste by almost half.",
        "what I'd take away: a simple guess each evening that people could understand cut "
        "waste by almost half.",
    ],
)
def test_a_plain_word_close_lands_the_explanation(general, close):
    """Written outside the repo: "so the short of it is, … cut waste by almost half" and
    "what I'd take away: a smaller gain for a much lower cost is often the better deal"
    were told "The answer did not end with summary" (-5, and the summary's weight lost),
    quoting them, and "the thing I'm proudest of is a tool that told a chain of bakeries…"
    was told "Framing came only later (32% of the way in)": only stock phrases ("to sum
    up", "the project I") counted."""
    report = analyse_text(
        BAKERY.format(close=close),
        Settings(),
        structure=general,
        question="general-explain-project",
    )
    assert report.structure.stage("summary").covered
    said = [f.message for f in report.feedback]
    assert not any("did not end with summary" in m or "came only later" in m for m in said)


OUTSIDE = STORIES.parent / "outside"


def _outside(name: str) -> str:
    return (OUTSIDE / name).read_text()


def _stages(report) -> dict:
    return {s.id: s for s in report.structure.stages}


def _messages(report) -> list[str]:
    return [f.message for f in report.feedback]


def test_a_stage_said_in_everyday_words_is_heard(spec, general):
    """Session 37's tester (tests/eval/outside): strong answers in ordinary words were
    told a stage was missing. "So this is about a choice I made…" opened an explanation
    and "So basically: …" closed it (23/100, "No framing", "did not end with summary");
    "We passed the audit with zero findings, down from three the year before, and Tom and
    I co-own the model card now" was "No result in the answer"; "i was the one who had to
    rebuild the forecast…" was "No task in the answer"."""
    report = analyse_text(
        _outside("general-tradeoff-plain-words.txt"),
        Settings(),
        structure=general,
        question="general-explain-tradeoff",
    )
    stages = _stages(report)
    assert stages["framing"].covered and stages["summary"].covered
    assert stages["summary"].depth_evidence.quote.startswith("So basically")
    kinds = {o.kind for o in report.structure.order_findings}
    assert not kinds & {"no_opening", "no_close"}
    assert report.structure.score >= 60

    report = scored_text(_outside("behavioural-conflict-concise-result-and-after.txt"), spec)
    result = _stages(report)["result"]
    assert result.depth_label == "justified" and "down from three" in result.depth_evidence.quote
    assert not any(m.startswith("No result") for m in _messages(report))

    report = scored_text(_outside("behavioural-conflict-plain-was-the-one.txt"), spec)
    task = _stages(report)["task"]
    assert task.covered and "i was the one who had to" in task.depth_evidence.quote
    assert not any(m.startswith("No task") for m in _messages(report))


def scored_text(text: str, spec: StructureSpec, question: str = "behavioural-conflict"):
    report = analyse_text(text, Settings(), structure=spec, question=question)
    assert report.structure is not None
    return report


@pytest.mark.parametrize(
    "lesson",
    [
        # the practice in the sentence after the lesson
        "What I learned is to check label freshness first. Now on every project I check "
        "the label dates before I touch the model.",
        "The lesson for me was to check label freshness before anything else. I do that on "
        "every project now, even if it's just ten minutes with the label dates.",
    ],
)
def test_what_the_teller_now_does_said_after_the_lesson_justifies_it(spec, lesson):
    """Session 37 (tests/eval/outside, and the tester's two-sentence repro): "What I
    learned is that offline numbers that look too good are a warning, not a win. Now on
    every project I write down…" was told "You named reflection … but not the specific
    lesson, and what you now do differently"; joined by ", so now" the same words were
    justified."""
    story = (
        "About a year ago I was on the payments team at a bank, six of us, and our fraud "
        "model was blocking too many good customers before the holidays. My job was to cut "
        "false blocks by half in four weeks. I rebuilt the features from the raw logs and I "
        "retrained the model with the new labels, because the old labels were two months "
        "stale. As a result, false blocks fell from four percent to two percent in the "
        f"first week. {lesson}"
    )
    report = scored_text(story, spec, "behavioural-failure")
    assert _stages(report)["reflection"].depth_label == "justified"
    assert not any("what you now do differently" in m for m in _messages(report))
    report = scored_text(
        _outside("behavioural-failure-lesson-then-practice.txt"), spec, "behavioural-failure"
    )
    assert _stages(report)["reflection"].depth_label == "justified"


def test_a_lesson_whose_practice_comes_past_the_cut_of_its_sentence_is_justified(spec):
    """Session 37 (tests/eval/outside): "…that I was too attached to my own design, and
    these days | I do the comparison before I even state my opinion." was a reflection
    only named: the sentence was cut for length, and neither piece said enough alone."""
    report = scored_text(_outside("behavioural-conflict-shuffled-these-days.txt"), spec)
    assert _stages(report)["reflection"].depth_label == "justified"


def test_where_the_teller_is_now_is_no_change_of_practice():
    """ "Right now I'm a data analyst on the marketing team" (a weak story in
    tests/eval/stories/dev) says where the teller is, not what they now do differently."""
    from assistant.scoring.structure.depth import says_practice

    assert not says_practice("Right now I'm a data analyst on the marketing team.")
    assert not says_practice("We use the seasonal model right now.")
    assert says_practice("Now on every project I write down what is known at prediction time.")
    assert says_practice("i do that a lot now, i look for the friendly person first.")


def test_a_closing_summary_is_not_quoted_as_the_answer_not_ending_with_one(general):
    """Session 37: "The answer did not end with summary." quoted the closing line itself
    ("so, yeah, the one thing to take away: …", "So quality against cost, and here the
    cost side won because of the waiting time."), 5 points off each time."""
    for name, question in [
        ("general-teach-plain-takeaway-close.txt", "general-teach-concept"),
        ("general-tradeoff-shuffled-so-close.txt", "general-explain-tradeoff"),
    ]:
        report = analyse_text(_outside(name), Settings(), structure=general, question=question)
        assert not any("did not end with summary" in m for m in _messages(report)), name
        assert _stages(report)["summary"].covered, name


def test_a_result_measured_past_the_cut_of_a_long_sentence_is_justified(spec):
    """Session 37 (tests/eval/outside): "…moved our feature store to the new format two
    months later, and our training jobs went from six hours to forty minutes" was told
    "not what it changed": the quote was cut before the words that said it."""
    report = scored_text(_outside("behavioural-influence-shuffled.txt"), spec)
    assert _stages(report)["result"].depth_label == "justified"
    assert not any("not what it changed" in m for m in _messages(report))


def test_empty_sentences_are_not_credited(spec, general):
    """Session 37: "failure is an opportunity to grow… growth mindset, take ownership"
    and "the most important thing was communication…" were reflections described, and
    "Okay, I'll talk about precision versus recall." (the question's topic, no audience,
    no reason) a framing justified."""
    for name, question in [
        ("behavioural-failure-buzzwords.txt", "behavioural-failure"),
        ("behavioural-influence-vague.txt", "behavioural-conflict"),
    ]:
        report = scored_text(_outside(name), spec, question)
        assert _stages(report)["reflection"].depth <= 1, name
    report, stages = explained(_outside("general-teach-medium-topic-only.txt"), general)
    assert stages["framing"].depth <= 1
    read = substance_reader(GENERAL, "").read
    assert read("Okay, I'll talk about precision versus recall.").level == 1


def test_parts_counted_then_moved_into_are_a_roadmap_and_a_vague_remark_is_none(general):
    """Session 37: "There are two sides to this" followed by "On one side… On the other
    side…" was told "named… but not the parts you will take, in order, and a word as you
    move" though both the parts and the moves are there; and "I usually go with whatever
    the team needs." was credited as a signposted structure."""
    report, stages = explained(_outside("general-teach-medium-topic-only.txt"), general)
    assert stages["structure"].depth_label == "described"
    assert not any("named signposted structure" in m for m in _messages(report))
    report = analyse_text(
        _outside("general-tradeoff-plain-words.txt"),
        Settings(),
        structure=general,
        question="general-explain-tradeoff",
    )
    assert _stages(report)["structure"].covered
    report = analyse_text(
        _outside("general-tradeoff-weak-whatever.txt"),
        Settings(),
        structure=general,
        question="general-explain-tradeoff",
    )
    assert _stages(report)["structure"].depth == 0
    quoted = [f.evidence.quote for f in report.feedback if f.evidence is not None]
    assert not any("whatever the team needs" in q for q in quoted)


def test_only_an_opening_says_what_the_answer_is_about(general):
    """Session 38: "It's about finding the sweet spot, staying lean rather than
    gold-plating…" near the end of an answer was read as the answer saying what it is
    about, and its "rather than" made it a framing justified: an empty answer rose by 15
    points. "It's about…" frames only as the answer opens; later it points back at what
    was said. "This is a tradeoff between…" names the subject wherever it is said (a
    framing told late is framing out of order)."""
    slogan = (
        "Okay, caching at the edge. We put a small cache in front of the ranking service, "
        "keyed by the user's city and the hour, and it answers about sixty percent of "
        "requests in under ten milliseconds. The rest go to the full model, which takes "
        "around two hundred milliseconds. The cache entries expire after fifteen minutes, "
        "because prices change during the day. It's about finding the sweet spot, staying "
        "lean rather than gold-plating, and shipping quickly. So that was the cache."
    )
    report = analyse_text(
        slogan, Settings(), structure=general, question="general-explain-tradeoff"
    )
    framing = _stages(report)["framing"]
    assert framing.depth <= 1
    quote = framing.depth_evidence.quote if framing.depth_evidence else ""
    assert "sweet spot" not in quote
    told_late = (
        "We kept the rules engine for the first year and only then moved to a model. The "
        "rules caught about half the bad refunds and never blocked a good customer, while "
        "the first model caught seventy percent but blocked two in a hundred good ones. "
        "Wait, let me step back. This is a tradeoff between catching more fraud and "
        "annoying honest customers on our refunds desk, and I bring it up because it shows "
        "how I weigh a cost the business sees against one the customer feels. We picked "
        "the rules because a blocked honest customer calls support, and every call cost us "
        "more than the average bad refund."
    )
    report = analyse_text(
        told_late, Settings(), structure=general, question="general-explain-tradeoff"
    )
    framing = _stages(report)["framing"]
    assert framing.covered and framing.depth_evidence.quote.startswith("This is a tradeoff")


def test_a_plan_that_counts_no_parts_is_named_however_many_moves_follow(general):
    """Session 38: "I'll break it down into a few areas." followed by "First… Next…
    Then… Finally…", each move leading on nothing, was a roadmap described (+15 on an
    empty answer). Only parts counted ("There are two sides to this") and then moved
    into describe the roadmap without their parts named."""
    report, stages = explained(
        "So latency for product people. I'll break it down into a few areas. First, "
        "latency is really all about the experience people have. Next, it's super "
        "important to be efficient and do things the right way. Then there's the question "
        "of priorities and what matters most to the business. Finally, you always keep the "
        "customer in mind. So latency really matters.",
        general,
    )
    assert stages["structure"].depth == 1


SIGNED_OFF = (
    "Okay so data drift. The model was trained on last year's traffic and the inputs move "
    "away from that over time, new devices, new regions, new prices. You notice it when the "
    "live score distribution stops looking like the one from training. The usual levers are "
    "fresh labels, a rolling window for training, and alerts on the input features."
)
VAGUE_DRIFT = (
    "Okay so data drift. The model learns from the past and the world keeps changing over "
    "time, so the model gets a bit worse. It really depends on the situation, and there are "
    "lots of tools for it. Teams handle it in different ways."
)


@pytest.mark.parametrize(
    ("body", "close"),
    [
        # a sign-off: "so yeah" ends the talk, it does not say the point again
        (
            SIGNED_OFF,
            "So yeah, that's drift, basically retrain monthly and compare histograms against "
            "launch week.",
        ),
        # a plain "So …" that says again only words anyone says of any answer
        (
            VAGUE_DRIFT,
            "So really, the model needs watching over time, staying vigilant and making sure "
            "it stays healthy in production.",
        ),
    ],
    ids=["so-yeah", "general-words"],
)
def test_a_sign_off_restates_no_point(general, body, close):
    """Session 38: "So yeah, …" was taken as a close that lands the answer, and so was a
    plain "So …" whose words said again were "model" and "time": weak explanations'
    sign-offs became summaries described (+15). Every "so yeah" close in the development
    answers is a sign-off (labelled named)."""
    report, stages = explained(f"{body} {close}", general)
    assert stages["summary"].depth <= 1


def test_a_close_in_the_words_the_question_offered_lands(general):
    """ "So sometimes you have to take speed over accuracy…" closes an answer to "…for
    example speed against accuracy…": words anyone says ("speed", "accuracy") say the
    point again when they are what the question asked about."""
    report = analyse_text(
        "I want to talk about a tradeoff from my last job, between speed and accuracy. We "
        "scanned parcels on a conveyor, and a big vision model read the labels better, but "
        "it was too slow for the belt. So we chose the small model, a little less accurate "
        "but three times faster, because the belt cannot wait for the model. So sometimes "
        "you have to take speed over accuracy, because the belt never stops.",
        Settings(),
        structure=general,
        question="general-explain-tradeoff",
    )
    summary = _stages(report)["summary"]
    assert summary.covered and "speed over accuracy" in summary.depth_evidence.quote


def test_what_a_choice_depends_on_is_said_not_hedged():
    """Session 38: "depends" was made general talk with "pros and cons" (session 37), and
    a system-design opening that says what its target depends on and picks one lost its
    description. "It depends." alone still says nothing."""
    read = substance_reader(load_rubric("ml-system-design"), "").read
    assert read("Well it depends on the shop, but let us say clicks, saves, orders.").level >= 2
    assert read("Honestly it depends.").level == 1


SCENE_BY_PLACE = (
    "{opening} I had a disagreement with our product manager about whether to launch the "
    "new churn model before the renewal season. She wanted it live in two weeks and I "
    "thought the calibration was still off for small customers. I rebuilt the evaluation "
    "on the last two renewal cycles and showed her where it went wrong. We launched a month "
    "later and the churn forecast error for small customers fell from twelve percent to "
    "five. I learned to bring the evidence to the first meeting, not the third."
)


@pytest.mark.parametrize(
    "opening",
    [
        "So in my last job",
        "At the insurance company where I worked before,",
        "On the pricing team I was on,",
        "When I joined the analytics group at a telecom,",
    ],
)
def test_a_story_that_opens_on_where_it_happened_has_its_scene_set(spec, opening):
    """Written outside the repo: "So in my last job I had a disagreement with a colleague
    about which database to use…" was told "No situation in the answer" and "did not open
    with situation", quoting that very sentence: the sentence reader heard no stage in it,
    and only a time word ("Two years ago I had…") set the scene. Where it happened sets it
    as well as when."""
    text = SCENE_BY_PLACE.format(opening=opening)
    report = analyse_text(text, Settings(), structure=spec, question="behavioural-conflict")
    assert report.structure.stage("situation").covered
    assert not any("did not open with situation" in m for m in _messages(report))
    assert not any(m.startswith("No situation") for m in _messages(report))


ONE_STEP_A_SENTENCE = (
    "Last spring our team had to pick a vendor for labelling medical images, and a "
    "colleague and I disagreed about which one. {steps} In the end we went with the "
    "cheaper vendor for the easy images and kept the other one for the hard cases. I "
    "learned that it helps to write the options down before arguing about them."
)


@pytest.mark.parametrize(
    "steps, described",
    [
        (
            "I made a spreadsheet with the price per image and the error rate of each "
            "vendor on our own pilot batch. I also asked the radiologist on our project "
            "for her opinion.",
            True,
        ),
        (
            "I then sent both vendors the same two hundred tricky scans. After that I "
            "compared their labels against our senior radiologist's.",
            True,
        ),
        ("I talked to people. I asked around.", False),
    ],
)
def test_steps_said_one_to_a_sentence_describe_the_action_together(spec, steps, described):
    """Written outside the repo: "I made a small comparison document with the pros and
    cons of each option, like the latency, the cost and how easy it is to operate. I also
    asked another senior engineer for his opinion." was "No action in the answer", while
    one sentence that chained three steps was action described. A concrete step counts in
    a sentence of its own, and two of them describe what the teller did; steps with
    nothing concrete in them do not."""
    text = ONE_STEP_A_SENTENCE.format(steps=steps)
    report = analyse_text(text, Settings(), structure=spec, question="behavioural-conflict")
    action = report.structure.stage("action")
    assert (action.depth >= 2) is described
    if described:
        assert not any(m.startswith("No action") for m in _messages(report))


SCENE_WITH_OR_WITHOUT_STAKES = (
    "Two years ago I was the only data scientist at a small online pharmacy, {scene} "
    "My job was to decide whether our new reorder reminder model was ready for the winter "
    "flu season. I ran it in shadow for three weeks next to the old rules and compared "
    "the reminders each one would have sent. It caught about a fifth more patients who "
    "were about to run out, so we switched in November and missed refills fell from nine "
    "percent to six. I learned to run a shadow test before any switch like that."
)


@pytest.mark.parametrize(
    "scene, justified",
    [
        ("so most of my projects were decided by the head of operations.", False),
        ("and the team was small because the company was only two years old.", False),
        ("and a missed refill could leave thousands of patients without their medicine.", True),
    ],
)
def test_a_scene_is_justified_by_what_was_at_stake_not_by_any_reason(spec, scene, justified):
    """The situation is justified by why it mattered ("what was at stake, and for
    whom"): "…at a regional logistics company, so most projects get decided by my
    manager" was read as a situation justified, for the "so" in it; 18 of 60 hand-labelled
    stories were read a level deeper on the situation than their labels, and "…two weeks
    before Black Friday, when a bad model could block thousands of real customers" was
    read no deeper than one without it."""
    text = SCENE_WITH_OR_WITHOUT_STAKES.format(scene=scene)
    report = analyse_text(text, Settings(), structure=spec, question="behavioural-failure")
    situation = report.structure.stage("situation")
    assert situation.covered
    assert (situation.depth == 3) is justified


def test_an_opening_on_where_it_happened_describes_the_scene_in_few_words(spec):
    """Written outside the repo: "At the bank where I worked before, I had a disagreement
    with a colleague about which database to use…" was a situation only named, where "So
    in my last job I had…" was described: "the bank where I worked" is one word of its
    own, "my last job" two, and a described sentence needs five. The place is as concrete
    as the time."""
    text = (
        "At the clinic where I worked before, I had an argument with a colleague about which "
        "survey tool to use for our patients. She wanted the paper forms kept and I wanted a "
        "tablet app. I ran both for a month on the two wards. The tablet app got twice as many "
        "answers, and we kept it. I learned to test instead of arguing."
    )
    report = analyse_text(text, Settings(), structure=spec, question="behavioural-conflict")
    assert report.structure.stage("situation").depth == 2


def explained_to(text: str, spec: StructureSpec, question: str):
    return explained(text, spec, question)


TRADEOFF_BODY = (
    " A streaming job would have updated each card's spending profile within seconds. A "
    "nightly batch cost about a tenth as much to run. We kept the nightly batch for most "
    "features and streamed only the count of payments in the last hour, because card "
    "testing attacks happen within minutes."
)


@pytest.mark.parametrize(
    ("opening", "close"),
    [
        (
            "The choice was freshness against cost for our fraud features.",
            "The lesson: pay for freshness only where the signal changes faster than the refresh.",
        ),
        (
            "We had to pick between streaming and a nightly batch for our fraud features.",
            "What I took away: pay for freshness only where the signal changes faster than "
            "the refresh.",
        ),
        (
            "Let me take the freshness against cost tradeoff in our fraud features.",
            "Lesson learned: pay for freshness only where the signal changes faster than "
            "the refresh.",
        ),
        (
            "Our choice came down to streaming against a nightly batch for the fraud features.",
            "Looking back, the lesson is simple: pay for freshness only where the signal "
            "changes faster than the refresh.",
        ),
    ],
)
def test_an_explanation_that_opens_on_its_subject_and_closes_on_its_lesson_has_both(
    general, opening, close
):
    """Played in the app: "The tradeoff was … in our product search." opening an answer to
    "Explain a tradeoff you made" was told "No framing" and "it went straight to something
    else", and "The lesson: …" closing it "No summary", though the question's own probe
    asks for the lesson. The opening says what the answer is about; the close says its
    point again."""
    text = opening + TRADEOFF_BODY + " " + close
    report, stages = explained_to(text, general, "general-explain-tradeoff")
    framing, summary = stages["framing"], stages["summary"]
    assert framing.depth >= 1 and framing.depth_evidence.quote == opening, framing
    assert summary.depth_label == "described", summary
    assert summary.depth_evidence.quote == close
    messages = [f.message for f in report.feedback]
    assert not any(m.startswith(("No framing", "No summary")) for m in messages), messages
    assert not any("went straight to something else" in m for m in messages), messages


OVERFIT_LESSON = (
    "I'll explain overfitting for an analyst who works in spreadsheets. Imagine "
    "fitting a curve through twelve monthly sales numbers. A wiggly curve passes "
    "through every point and still predicts next month badly, while a straight line "
    "misses a few points and predicts better. "
)
"""A lesson on overfitting with no close yet: the closes below are judged after it."""


def closes_read_as(general, *, described, named) -> None:
    """Each close after :data:`OVERFIT_LESSON` reaches the summary level it is listed under."""
    for level, closes in (("described", described), ("named", named)):
        for close in closes:
            _, stages = explained(OVERFIT_LESSON + close, general)
            assert stages["summary"].depth_label == level, (close, stages["summary"])


def test_a_close_said_in_plain_words_restates_the_point_and_a_hedge_does_not(general):
    """ "The one thing to remember: always check on data the model has not seen." closing a
    lesson on overfitting was told it did not give the main point again: most of its words
    are ones anyone uses ("data", "model"), yet it says a point. A close that puts the
    point off ("it really depends on what your team needs") or only says the topic matters
    still restates nothing."""
    closes_read_as(
        general,
        described=(
            "The one thing to remember: always test a fit on months it has never seen.",
            "Remember: a perfect fit on old numbers is a warning sign, not a win.",
        ),
        named=(
            "In short, it really depends on what your team needs.",
            "The lesson is that it always depends on the situation.",
            "So to sum up, both curves have their pros and cons, really.",
        ),
    )


def test_a_close_that_gives_a_rule_with_its_limit_restates_the_point(general):
    """ "So the one thing to remember: judge a model only on data it has not seen." closing
    a lesson on overfitting was "named summary … but not the main point again", 16 points
    under the same close with the topic word said again: a rule with the limit on it
    ("only", "never", "before") is the point, in four plain words. A short close with no
    limit, or one that puts the point off, still restates nothing."""
    closes_read_as(
        general,
        described=(
            "So the one thing to remember: check a model only on data it has not used.",
            "The one thing to remember: do not judge a model on data it was built on.",
        ),
        named=(
            "So the one thing to remember: keep curves simple.",
            "The one thing to remember: it is not that hard.",
            "In short, it really depends on what your team needs, not on the tool.",
        ),
    )


OWN_CASE = (
    "The tradeoff I'd pick is freshness against cost. Last spring our team had to choose how "
    "often to rebuild the search index for the shop. Rebuilding every hour was fresher, new "
    "listings showed up almost at once, but the cluster bill was much higher and the nightly "
    "job was far cheaper to run. We kept the nightly rebuild and pushed only price changes "
    "through as they happened, because shoppers complained about wrong prices, not about "
    "missing new items. It went well and nobody missed the hourly rebuild."
)


def test_a_tradeoff_told_as_a_case_of_ones_own_has_its_example(general):
    """An answer to "Explain a tradeoff you made" that is one case from the teller's own
    work, told as how the two options turned out, was told "No concrete example in the
    answer" and covered none of its stages: only a "for example" or a figure counted. How
    the options did in one's own case is the example the listener can picture."""
    report, stages = explained_to(OWN_CASE, general, "general-explain-tradeoff")
    example = stages["example"]
    assert example.depth >= 2, example
    assert "was fresher" in example.depth_evidence.quote, example
    messages = [f.message for f in report.feedback]
    assert not any(m.startswith("No concrete example") for m in messages), messages


def test_talk_of_what_was_always_better_is_no_example(general):
    """...but a habit said in the past ("It was always better to keep things simple in my
    experience") is no case of one's own: no example, and no credit for naming one."""
    text = (
        "So tradeoffs, you always have them, like cost and quality. It was always better "
        "to keep things simple in my experience. Sometimes you spend more and sometimes "
        "less. I usually talk to the team and we pick what matters most. It depends on "
        "the business really, so that's the main thing."
    )
    report, stages = explained_to(text, general, "general-explain-tradeoff")
    assert stages["example"].depth == 0, stages["example"]
    assert report.structure.score <= 5, report.structure.score


def test_what_was_cheaper_in_general_is_no_case_of_ones_own(general):
    """...nor is a general rule said in the past ("Historically, batch processing was
    much cheaper for large reporting jobs at most companies"): no example."""
    text = (
        "Batch or streaming is a common tradeoff. Historically, batch processing was much "
        "cheaper for large reporting jobs at most companies. Streaming matters when "
        "decisions must happen in seconds. So pick by how fast the decision is."
    )
    _, stages = explained_to(text, general, "general-explain-tradeoff")
    assert stages["example"].depth == 0, stages["example"]
