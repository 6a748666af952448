"""Think-aloud structure: unit behaviour, and accuracy on the held-out labelled answers."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import numpy as np
import pytest

from assistant.report import SCHEMA_ID, Report
from assistant.scoring.analyse import StructureSpec, analyse_text
from assistant.scoring.structure.analysis import (
    analyse_structure,
    depth_points,
    positions_of,
    substance_reader,
)
from assistant.scoring.structure.cues import CueIndex
from assistant.scoring.structure.depth import says_it_lands
from assistant.scoring.structure.findings import structure_out
from assistant.scoring.structure.heads import with_neighbours
from assistant.scoring.structure.quotes import is_fragment, is_question, quotable
from assistant.scoring.structure.scorers import VOLUME, CueScorer, build_scorer
from assistant.scoring.structure.segments import Segment, split_segments, words_from_text
from assistant.scoring.structure.substance import SubstanceReader, quantities
from assistant.settings import Settings
from prompts import load_questions
from rubrics import load_rubric
from speech.words import Word
from tests.support.sentences import shared_embedder

EVAL = Path(__file__).parents[1] / "eval" / "answers"
FRESH = EVAL.parent / "fresh"
"""A second held-out split, written before the second round of tuning."""
RUBRIC = load_rubric("ml-system-design")
QUESTIONS = {q.id: q.asked for q in load_questions().values()}


@pytest.fixture(scope="module")
def embedder():
    return shared_embedder()


@pytest.fixture(scope="module")
def spec(embedder):
    scorer, method = build_scorer(RUBRIC, embedder)
    assert method == "cues+minilm"  # the shipped head fits the shipped rubric
    return StructureSpec(RUBRIC, scorer, method, question_texts=QUESTIONS)


def structure_of(text: str, spec: StructureSpec, question: str | None = None):
    return analyse_text(text, Settings(), structure=spec, question=question).structure


def stage_read(text: str, spec: StructureSpec, question: str, stage: str):
    """One stage of ``text`` read as an answer to ``question``."""
    return structure_of(text, spec, question).stage(stage)


# --- units -------------------------------------------------------------------------------


def test_cues_match_inflections_and_spoken_forms():
    index = CueIndex({"monitoring": ["monitor", "drift"], "tradeoffs": ["trade off"]})
    hits = index.hits("We'd be Monitoring drifts; the trade-offs are real.")
    assert hits == {"monitoring": ["monitor", "drift"], "tradeoffs": ["trade off"]}
    assert index.hits("the monitors ...") == {"monitoring": ["monitor"]}
    assert index.hits("nothing to see") == {}


def test_a_cue_with_a_contraction_matches_it_said_in_full():
    """ "I will explain data drift, since you'll be looking at our models' numbers…" was
    told "No framing in the answer" and "did not open with framing" while quoting that
    opening: the cue list holds "i'll explain", and "I will" matched nothing."""
    index = CueIndex({"framing": ["i'll explain", "i'm going to teach", "we're going to"]})
    assert index.hits("I will explain data drift") == {"framing": ["i'll explain"]}
    assert index.hits("so I am going to teach you") == {"framing": ["i'm going to teach"]}
    assert index.hits("We are going to look at it") == {"framing": ["we're going to"]}
    assert index.hits("I'll explain it") == {"framing": ["i'll explain"]}
    assert index.hits("the bill will explain it") == {}


def test_segments_break_at_sentences_pauses_and_long_run_ons():
    words = [
        Word(t, i * 0.3, i * 0.3 + 0.25, 0.9)
        for i, t in enumerate("First we frame it. Then the data and".split())
    ]
    words += [Word("labels", 10.0, 10.3, 0.9)]  # after a long silence
    segs = split_segments(words, breaks=[3.0])
    assert [s.text for s in segs] == ["First we frame it.", "Then the data and", "labels"]
    assert segs[1].start == pytest.approx(1.2)
    run_on = " ".join(["word"] * 60)
    assert all(s.n_words <= 28 for s in split_segments(words_from_text(run_on)[0], timed=False))


def test_a_filled_pause_heard_after_a_sentence_does_not_join_it_to_the_next():
    """A helper's rambling answer, recorded: "(um)", a filled pause found in the audio,
    written in small letters after "…the data we have." read as the sentence carrying on,
    and the two sentences about the data, joined, earned the stage nothing."""
    said = "So I guess the first thing would be the data we have. (um) Lots of past "
    said += "deliveries with a pickup time. and then some."
    words = [Word(t, i * 0.3, i * 0.3 + 0.25, 0.9) for i, t in enumerate(said.split())]
    texts = [s.text for s in split_segments(words)]
    assert texts[0] == "So I guess the first thing would be the data we have."
    assert texts[1].startswith("(um) Lots of past deliveries")
    # a small letter that was said still carries the sentence on ("time. and then some.")
    assert texts[1].endswith("pickup time. and then some.")


def test_a_long_sentence_is_not_cut_between_a_word_and_the_one_it_ties():
    """ "…and as an analyst you'll be the | first to notice it" was cut before "first",
    a word that may open a clause, and the opening of an explanation lost its point."""
    text = (
        "I'll explain data drift, because it's the reason a model that looked great at "
        "launch quietly gets worse, and as an analyst you'll be the first to notice it."
    )
    segs = split_segments(words_from_text(text)[0], timed=False)
    assert not any(s.text.endswith(" the") for s in segs)
    assert segs[0].text.startswith("I'll explain") and "the first" in segs[0].text
    # a connective after a word that ties nothing still opens a piece of a run-on
    run_on = " ".join(["word"] * 25) + " so " + " ".join(["more"] * 10)
    pieces = split_segments(words_from_text(run_on)[0], timed=False)
    assert pieces[1].text.startswith("so more")
    # past the longest a piece may be, a word the next one finishes still holds it
    held = (
        "A transformer over the whole viewing session would probably gain a little recall on "
        "long sessions, but at 20 ms per request and thousands of candidates it won't fit, "
        "so two towers it is."
    )
    segs = split_segments(words_from_text(held)[0], timed=False)
    assert segs[0].text.endswith("it won't fit,") and segs[1].text == "so two towers it is."


def test_a_long_sentence_is_not_cut_between_every_and_the_day_it_names():
    """A checker's typed answer: "…and longer term whether people come back every
    Monday." was cut after "every"; "Monday." opens with a capital, so it was read as a
    sentence of its own, a heading for the framing, and the "Constraints: …" sentence
    after it was quoted as the framing."""
    text = (
        "So I'd say the success metric is the share of playlist tracks that get saved or "
        "played to the end, and longer term whether people come back every Monday. "
        "Constraints: we have maybe a hundred million listeners."
    )
    segs = split_segments(words_from_text(text)[0], timed=False)
    assert not any(s.text == "Monday." for s in segs), [s.text for s in segs]
    assert any(s.text.endswith("come back every Monday.") for s in segs)


def test_a_quoted_question_or_an_abbreviation_does_not_end_the_sentence():
    """ "So in short: a jolt check …, an 'are you okay?' screen before any call, …" was
    cut at the quoted question, and the summary read as two pieces of other stages."""
    text = (
        "So in short: a jolt check on the watch, an 'are you okay?' screen before any "
        "call, e.g. a tap to cancel. Next, a check for lying still."
    )
    segs = split_segments(words_from_text(text)[0], timed=False)
    assert [s.text for s in segs] == [
        "So in short: a jolt check on the watch, an 'are you okay?' screen before any "
        "call, e.g. a tap to cancel.",
        "Next, a check for lying still.",
    ]
    # a transcript with no capitals has no small letter to go by: a full stop ends it
    lower = split_segments(words_from_text("we frame it. then the data.")[0], timed=False)
    assert [s.text for s in lower] == ["we frame it.", "then the data."]


def test_model_first_and_no_summary_are_found_with_evidence():
    text = (
        "i would use xgboost for this.\n"
        "we could also try a random forest or a neural net.\n"
        + "the features would be user history and item stats, counted over the last "
        "thirty days, the last week and the last day, for every user and every item.\n" * 4
    )
    words, ends = words_from_text(text)
    segs = split_segments(words, timed=False, line_ends=ends)
    a = analyse_structure(RUBRIC, segs, CueScorer(RUBRIC).score(segs))
    kinds = {o.kind for o in a.order}
    assert {"no_opening", "model_first", "no_close"} <= kinds
    model_first = next(o for o in a.order if o.kind == "model_first")
    assert "xgboost" in segs[model_first.segment].text


def test_naming_every_stage_in_general_words_earns_a_tenth_of_the_score(spec):
    """A long answer that names every stage and commits to nothing: each stage named
    earned a fifth of its weight, 20 points for the eleven, which lifted vague answers
    over medium ones that describe six stages and skip the rest (development answers:
    a weak answer over a medium one in 114 pairs; 75 at a tenth). A stage only named
    earns a tenth of its weight."""
    vague = (
        "So this is a really interesting problem and there's a lot we could do here.\n"
        "First we'd want to understand what the business actually needs from the playlist.\n"
        "There are going to be some limits on time and cost, like always.\n"
        "We'd need some good way to measure whether people like it.\n"
        "We have a lot of data about what people listen to, so we'd use that.\n"
        "Then there's a pipeline to get the data ready for the model.\n"
        "For the model I'd start with something standard and improve it over time.\n"
        "Then we deploy it and make sure it runs smoothly.\n"
        "We'd monitor it afterwards in case things change.\n"
        "Of course there are tradeoffs everywhere in a system like this.\n"
        "In the end it should help the business and keep users happy.\n"
        "So that's the overall plan: understand, build, deploy and keep improving.\n"
    )
    st = structure_of(vague, spec.as_whole(), "music-playlist")
    assert {s.depth for s in st.stages} == {1}, [(s.id, s.depth) for s in st.stages]
    # less its order findings, 5 points each but at most a quarter of the 10 it earned
    earned = depth_points(spec.rubric, {s.id: s.depth for s in st.stages})
    assert earned == pytest.approx(10)
    assert st.score == round(earned - min(5 * len(st.order_findings), earned / 4)), st.score


def test_a_stage_only_named_earns_less_in_a_rubric_of_many_stages():
    """Naming adds up over the eleven design stages, not over an explanation's four: at a
    tenth everywhere, a strong explanation (development answer explain-recall-strong-1)
    fell from 75 to 73 and tied its medium one."""
    from assistant.scoring.structure.analysis import depth_credit

    assert depth_credit(RUBRIC, 1) == 0.1
    for small in ("general", "behavioral-star"):
        assert depth_credit(load_rubric(small), 1) == 0.2
    assert [depth_credit(RUBRIC, d) for d in (0, 2, 3)] == [0.0, 0.7, 1.0]


def test_a_short_answer_is_not_told_a_stage_came_late_or_that_it_did_not_sum_up():
    """A 10-second answer in the app (not in the repo) was told "Constraints came late,
    halfway through your first answer at 0:06", and that it did not end with a summary:
    a sentence or two in, nothing is late, and there is little to sum up. The same
    stage after a longer stretch of other talk is late, and a longer answer is told."""
    opening = "so the problem is to decide at checkout whether a card payment is fraud.\n"
    limits = "i will assume about a thousand payments a second, answered within 100 ms.\n"
    model = (
        "i would train gradient boosted trees on the card history and the merchant and "
        "the amount and the device, with features from the last thirty days.\n"
    )

    def order(*lines: str) -> set[str]:
        words, ends = words_from_text("".join(lines))
        segs = split_segments(words, timed=False, line_ends=ends)
        rows = [
            {"framing": 3.0}
            if t.startswith("so the")
            else {"constraints": 3.0}
            if t.startswith("i will")
            else {"model": 3.0}
            for t in (seg.text for seg in segs)
        ]
        return {o.kind for o in analyse_structure(RUBRIC, segs, rows).order}

    assert not order(opening, limits) & {"late_constraints", "no_close"}
    assert {"late_constraints", "no_close"} <= order(opening, model, model, model, limits)


def test_a_late_stage_is_placed_where_the_stage_table_places_it():
    """Written outside the repo: an answer that framed the problem at the end was told
    "Problem framing came only later (47% of the way in)", quoting a sentence at 69 %
    under a stage table that said 69 %: the share came from a short piece beside it that
    only carried a trace of the framing, the quote from the first sentence that says it.
    The place, the quote and the table now agree. Whether a stage is late is still read
    from its first trace: an early trace of a constraint said in plain words keeps a
    "came late" away, as before."""
    model = (
        "i would train gradient boosted trees on the card history and the merchant and "
        "the amount and the device, with features from the last thirty days.\n"
    )
    trace = "and that is about two million a year.\n"
    framing = "so the problem is to decide at checkout whether a card payment is fraud.\n"
    limits = "i will assume about a thousand payments a second, answered within 100 ms.\n"
    words, ends = words_from_text(model * 3 + trace + model * 2 + framing + limits)
    segs = split_segments(words, timed=False, line_ends=ends)
    said = [s.text for s in segs]

    def row(t: str, alone: bool) -> dict[str, float]:
        if t.startswith("so the"):
            return {"framing": 3.0}
        if t.startswith("i will"):
            return {"constraints": 3.0}
        if t.startswith("and that"):  # a trace of the framing and the limits, beside them
            return {"impact": 2.0} if alone else {"impact": 2.0, "framing": 1.2, "constraints": 1.2}
        return {"model": 3.0}

    a = analyse_structure(
        RUBRIC,
        segs,
        [row(t, False) for t in said],
        alone=[row(t, True) for t in said],
    )
    late = next(o for o in a.order if o.kind == "late_start")
    at = said.index(framing.strip())
    assert late.segment == at
    shown = next(
        s for s in structure_out(a, "cues", positions_of(segs)).stages if s.id == "framing"
    )
    assert f"({shown.first_at_share:.0%} of the way in)" in late.message
    assert a.stage("framing").first < at  # the trace, which neither place nor quote uses
    assert "late_constraints" not in {o.kind for o in a.order}


def test_a_model_chosen_after_stages_only_named_is_not_said_to_come_before_them(spec):
    """ "We need good metrics." and "There are constraints." came first: "the model was
    chosen before any success metrics or constraints came up" was untrue."""
    text = (
        "We need good metrics for this.\n"
        "There are some constraints too.\n"
        "I would use xgboost on the order history, retrained weekly.\n"
    )
    out = structure_of(text, spec, "demand-forecasting")
    (model_first,) = [o for o in out.order_findings if o.kind == "model_first"]
    assert "came up" not in model_first.message
    assert "pinned down" in model_first.message and "only named before it" in model_first.message


def test_the_parts_of_the_problem_are_no_model_chosen_first(spec):
    """Written outside the repo: a strong answer's "I'd split it into wake word
    detection, speech recognition, understanding the request, …" was told "The model was
    chosen before any success metrics or constraints came up" (−5), and so was a medium
    one's "so the flow would be wake word detection on the device, then we send the
    audio to the cloud, …", a sentence cut for length whose second piece read as the
    model. Naming the parts frames the problem; a real choice still counts."""
    parts = (
        "The goal is a kiosk that answers shoppers' questions out loud within a second.\n"
        "I'd split it into wake word detection, speech recognition, intent classification, "
        "answer lookup, and speech synthesis.\n"
        "The hard limit is one second from the end of the question to the first word, on a "
        "small box with no graphics card.\n"
        "I'd judge it on the share of questions answered without a staff member stepping "
        "in.\n"
        "For hearing, a small streaming speech model on the box, chosen for its speed.\n"
    )
    out = structure_of(parts, spec, "speech-assistant")
    assert "model_first" not in {o.kind for o in out.order_findings}
    flow = (
        "so the flow would be the question heard on the box, then we send the text to the "
        "catalog service, look the product up, rank the matching answers by how often "
        "shoppers picked them before, then pick the best one, and then speak the reply "
        "back to the shopper in a friendly voice.\n"
        "The hard limit is one second from the end of the question to the first word.\n"
        "I'd judge it on the share of questions answered without a staff member.\n"
    )
    out = structure_of(flow, spec, "speech-assistant")
    assert "model_first" not in {o.kind for o in out.order_findings}
    chosen = "I'd use a small transformer to rank the answers.\n" + parts
    out = structure_of(chosen, spec, "speech-assistant")
    assert "model_first" in {o.kind for o in out.order_findings}


def test_a_model_stage_only_named_is_no_model_chosen_first(spec):
    """Written outside the repo: three buzzword answers ("For the model, we choose a
    suitable machine learning model … and train it carefully.") were told "The model was
    chosen before success metrics or constraints were pinned down", the 5 points an answer
    that really jumps to a model pays, and scored above two weak answers that made
    concrete (bad) choices. A model named by its family, or a model said with something
    specific, is still a choice made first."""
    said_before = (
        "First we frame the problem and understand what the business wants.\n"
        "Then we need to think about the constraints and the success metrics.\n"
    )
    after = "We deploy it and monitor it over time.\n"

    def kinds(model: str) -> set[str]:
        out = structure_of(said_before + model + after, spec, "demand-forecasting")
        return {o.kind for o in out.order_findings}

    assert "model_first" not in kinds("For the model, we pick a suitable algorithm and tune it.\n")
    assert "model_first" not in kinds("We choose the best state of the art model for this.\n")
    assert "model_first" in kinds("For the model, we pick gradient boosted trees and tune them.\n")
    opening = structure_of(
        "I would train a classifier on the last ninety days of orders for each store.\n"
        "Then we need to think about the constraints and the success metrics.\n" + after,
        spec,
        "demand-forecasting",
    )
    assert "model_first" in {o.kind for o in opening.order_findings}
    vague = structure_of(
        "I would pick the best model for this and train it properly.\n"
        "Then we need to think about the constraints and the success metrics.\n" + after,
        spec,
        "demand-forecasting",
    )
    assert "model_first" not in {o.kind for o in vague.order_findings}


def test_a_next_step_after_a_recap_s_list_lands_the_answer(spec):
    """Written outside the repo (tests/eval/outside): a concise answer closing "So:
    detect, embed, search, rerank; next, text refinement like "but in black"." was told
    the summary "came up only in passing": "next," was read as a next step only when it
    opened the sentence."""
    text = (EVAL.parent / "outside" / "visual-search-concise-recap.txt").read_text()
    summary = structure_of(text, spec.as_whole(), "visual-search").stage("summary")
    assert summary.depth == 2, summary


def test_a_stage_only_named_is_quoted_from_words_that_say_something(spec):
    """Of two sentences that only name framing, the closing remark was quoted: "You
    named problem framing ('I think that's basically it, yeah.')"."""
    text = (
        "Okay so for this I would train a model to predict which subscribers cancel next "
        "month.\n"
        "I'd use a random forest on their usage.\n"
        "Then we email the ones most likely to leave.\n"
        "I think that's basically it, yeah.\n"
    )
    framing = structure_of(text, spec, "churn-prediction").stage("framing")
    assert framing.depth == 1 and "basically it" not in framing.depth_evidence.quote


def test_accuracy_as_the_only_measure_is_called_out(spec):
    text = (
        "we train a classifier on last year's data and we want high accuracy.\n"
        "then we ship it behind an api.\n"
    )
    report = analyse_text(text, Settings(), structure=spec)
    item = next(f for f in report.feedback if f.metric == "structure.metrics")
    assert "accuracy" in item.message
    assert "high accuracy" in item.evidence.quote
    # written outside the repo: told "the only measure mentioned was accuracy" of a
    # sentence that names the users' thumbs up too
    text = (
        "we retrieve chunks and pass them to an llm.\n"
        "for evaluation i'd look at answer accuracy and user feedback like thumbs up.\n"
    )
    report = analyse_text(text, Settings(), structure=spec)
    said = [f.message for f in report.feedback if f.metric == "structure.metrics"]
    assert not any("only measure mentioned was accuracy" in m for m in said), said


def test_listing_models_without_reasons_is_breadth_not_depth(spec):
    text = (
        "we could use logistic regression, or xgboost, or a random forest, "
        "or a transformer, or maybe an lstm.\nany of them would do.\n"
    )
    report = analyse_text(text, Settings(), structure=spec)
    assert len(report.structure.models.named) >= 4
    assert any(f.metric == "structure.depth" for f in report.feedback)


def test_a_model_turned_down_is_no_entry_in_a_list_of_models(spec):
    """Written outside the repo: "I chose two towers rather than plain collaborative
    filtering because…" was told that three model families were named with a reason for
    one, and that choosing one would go further than a list."""
    text = (
        "Candidates come from an approximate nearest neighbour index over song embeddings.\n"
        "I chose a two tower model rather than plain collaborative filtering, because the "
        "audio tower can embed a track with zero plays.\n"
    )
    report = analyse_text(text, Settings(), structure=spec, question="music-playlist")
    assert "collaborative filtering" not in report.structure.models.named
    assert not any(f.metric == "structure.depth" for f in report.feedback)


@pytest.mark.parametrize(
    ("said", "question", "named"),
    [
        (
            "I'd rank candidates with gradient boosted trees rather than a graph neural "
            "network, because a few mutual-connection features carry the signal and trees "
            "are cheap to serve; a GNN over 300 million nodes is a bet for later.",
            "people-you-may-know",
            {"gradient boosted trees"},
        ),
        (
            "A two-tower text model retrieves 500 jobs, working for jobs with no clicks "
            "unlike collaborative filtering.",
            "job-matching",
            {"two tower", "two-tower"},
        ),
        (
            "I'd choose trees rather than a big cross encoder because the features are few "
            "and it scores 50 pairs in milliseconds.",
            "duplicate-listings",
            set(),
        ),
    ],
)
def test_one_model_chosen_over_another_is_no_list(spec, said, question, named):
    """Written outside the repo: each was told "3 model families were named … choosing
    one and explaining why goes further than a list": a GNN said again by its short
    name was one more family, and "unlike collaborative filtering", "rather than a big
    cross encoder" were options turned down."""
    report = analyse_text(said, Settings(), structure=spec, question=question)
    assert set(report.structure.models.named) <= named | {"trees"}
    assert not any(f.metric == "structure.depth" for f in report.feedback)


@pytest.mark.parametrize(
    ("said", "question", "left_out"),
    [
        (
            "I'd use LightGBM over the payment features. A neural network on the card's "
            "whole history might catch a bit more, but it is hard to make fast enough, so "
            "maybe later. Random forests would also work on this data.",
            "fraud-detection",
            "neural network",
        ),
        (
            "I'd rank with LightGBM on a LambdaMART objective. A cross-encoder transformer "
            "would be more accurate on the text but too slow per candidate.",
            "search-ranking",
            "cross encoder",
        ),
        (
            "I'd use a two-tower neural network, one tower a BERT encoder for the query.",
            "search-ranking",
            "neural network",
        ),
    ],
)
def test_a_model_ruled_out_or_said_twice_is_no_entry_in_a_list(spec, said, question, left_out):
    """Session 35's labelled answers were told "3 model families were named (decision
    tree, neural network, boosted trees) with a reason for 0" when the neural network was
    turned down for its speed ("…but it is hard to make fast enough, so maybe later"), and
    the same for "a two-tower neural network" (one model, said by two names) and "a
    cross-encoder transformer … too slow per candidate"."""
    report = analyse_text(said, Settings(), structure=spec, question=question)
    assert left_out not in report.structure.models.named
    assert not any("model families" in f.message for f in report.feedback)


def test_turning_the_ask_into_an_ml_task_is_no_model_chosen_first(spec):
    """Written outside the repo: "I'd treat it as image retrieval: embed the photo and
    find its nearest neighbours" frames the problem, and cost 5 points as "The model was
    chosen before any success metrics or constraints came up"."""
    opening = (
        "A shopper takes a photo of a lamp and we show similar products they can buy.\n"
        "I'd treat it as image retrieval: embed the photo and find its nearest neighbours "
        "in a catalogue index.\n"
    )
    rest = (
        "I'll assume fifty million products and a few hundred searches a second, within "
        "about half a second end to end.\n"
        "Success is purchases per visual search, and recall at twenty offline.\n"
    )
    report = analyse_text(opening + rest, Settings(), structure=spec, question="visual-search")
    assert not any("model was chosen before" in f.message for f in report.feedback)
    jumped = "I'd use a vision transformer with a contrastive loss for the embeddings.\n"
    report = analyse_text(jumped + rest, Settings(), structure=spec, question="visual-search")
    assert any("model was chosen before" in f.message for f in report.feedback)


def test_every_structure_feedback_item_cites_words_or_names_a_gap(spec):
    text = (EVAL / "search-medium-1.toml").read_text()
    report = analyse_text(tomllib.loads(text)["text"], Settings(), structure=spec)
    items = [f for f in report.feedback if f.metric.startswith("structure")]
    assert items
    for f in items:
        if f.evidence is not None:
            assert f.evidence.quote and f.evidence.quote.strip("…") in report.transcript.text
        else:  # nothing was said (on its own): the message names what is missing
            assert (
                f.metric in ("structure", "structure.signposts", "structure.tradeoffs")
                or f.message.startswith("No ")
                or "came up only in passing." in f.message
            )


def test_structure_section_follows_the_contract(spec):
    out = structure_of("let me clarify the goal first. we care about recall and latency.", spec)
    data = json.loads(out.model_dump_json())
    assert set(data) >= {"rubric", "score", "stages", "order_findings", "signposts", "tradeoffs"}
    assert [s["id"] for s in data["stages"]] == list(RUBRIC.stage_ids)
    for s in data["stages"]:
        assert set(s) >= {"id", "covered", "first_at_s", "share", "evidence"}
    assert 0 <= data["score"] <= 100


def test_a_head_reads_each_sentence_beside_its_neighbours():
    rows = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    read = with_neighbours(rows)
    assert read.shape == (3, 4)
    assert read[0, 2:].tolist() == [0.5, 0.5]  # itself and the one neighbour there is
    assert read[1, 2:].tolist() == pytest.approx([2 / 3, 2 / 3])  # itself and both
    assert with_neighbours(rows[:1])[0].tolist() == [1.0, 0.0, 1.0, 0.0]  # alone: itself


def test_a_plain_short_sentence_takes_its_stage_from_its_neighbours(spec):
    """ "And when." is framing only beside the sentence it finishes."""
    head = spec.scorer.head
    assert head is not None and head.neighbours
    alone = head.probabilities(spec.scorer.embedder.embed(["and when."]))
    framing = RUBRIC.stage_ids.index("framing")
    said = [
        "Let me step back: the decision is which of the candidate pushes, if any, each user "
        "gets today,",
        "and when.",
    ]
    beside = head.probabilities(spec.scorer.embedder.embed(said))
    # read alone, the same words would score exactly the same
    assert alone[0, framing] < 0.3 and beside[1, framing] > alone[0, framing] + 0.1


@pytest.mark.parametrize("question", ["eta-prediction", "fraud-detection"])
def test_a_sentence_about_something_else_earns_no_stage(spec, question):
    """An answer off the subject is not credited, nor quoted, as framing (or anything)."""
    for text in (
        "I really like going to the beach on weekends and my favourite food is pizza "
        "with mushrooms.",
        "We're planning a trip to Japan in April to see the cherry blossoms.",
    ):
        s = structure_of(text, spec, question)
        assert [(st.id, st.depth) for st in s.stages if st.depth or st.evidence] == [], text


def test_a_user_rubric_without_a_head_still_works(tmp_path, embedder):
    src = (Path(__file__).parents[2] / "rubrics" / "general.toml").read_text()
    (tmp_path / "pitch.toml").write_text(src.replace('id = "general"', 'id = "pitch"'))
    rubric = load_rubric("pitch", [tmp_path])
    scorer, method = build_scorer(rubric, embedder)
    assert method == "cues+minilm-prototypes"
    out = structure_of(
        "let me give you the short version first. there are three parts. for example, "
        "last month we cut costs by a third. to sum up, it works.",
        StructureSpec(rubric, scorer, method),
    )
    assert out.rubric == "pitch" and out.score > 0


# --- depth and substance -------------------------------------------------------------


def test_substance_tells_named_from_described_from_justified():
    read = SubstanceReader("Design the system that flags risky card payments.").read
    assert read("We need good metrics.").level == 1
    assert read("There are tradeoffs.").generic
    assert read("For data we use the data.").generic
    assert read("We alert when the weekly PSI of the score passes 0.2.").level == 2
    justified = read("We retrain weekly because chargebacks arrive 60 days late.")
    assert justified.level == 3 and justified.reason
    assert read("Trees rather than a deep model, since they score in a millisecond.").level == 3
    assert read("It is good because it is important.").level == 1  # a reason with nothing in it
    for schedule in ("each morning", "every night", "twice a day"):  # a schedule is specific
        assert read(f"Scores go to the CRM {schedule}.").quantities == 1
    # a round scale said in words is a number ("say a million"); a million alone is not
    assert read("How many listings a day are we talking, say a million?").level == 2
    assert read("We'd hand-label a few thousand of them.").quantities == 1
    # a rate over a stretch of time is a measure ("opt-outs per day")
    assert read("I'd keep an eye on opt-outs per day by notification type.").level == 2
    assert read("Sessions started from a push per user per week.").quantities == 1


def test_a_claim_of_fame_or_power_is_no_reason_for_a_choice():
    """Weak answers name-drop: "XGBoost, because it's the best for tabular data, everyone
    on Kaggle uses it", "a transformer, since those are state of the art", "collaborative
    filtering, because that's what Amazon does". Each read as a model justified, as if it
    were tied to the problem, and lifted weak answers towards medium ones."""
    read = SubstanceReader("Design a churn model for a streaming service.").read
    for said in (
        "I would use XGBoost, because it's the best for tabular data, everyone on Kaggle uses it.",
        "Or a transformer over the sessions, since those are state of the art for sequences now.",
        "Matrix factorization on customers and products, because that's what Amazon does.",
        "For the text I'd use GPT-4 over the tickets because it has the best quality.",
        "I'd fine-tune BERT on the support emails, since it's really powerful.",
    ):
        sub = read(said)
        assert not sub.reason and sub.level < 3, said
    # a reason tied to the problem still justifies, after a claim of fame or alone
    tied = read("XGBoost since it's the best for tabular data, so we score all users nightly.")
    assert tied.reason and tied.level == 3
    assert read("Trees over usage counts, because they are the best fit for sparse tables.").reason
    assert read("Gradient boosted trees, because the best results came from them offline.").reason


def test_a_consequence_joined_by_so_is_a_reason_but_so_as_an_opener_or_amount_is_not():
    """Spoken reasons are often joined by a bare "so" ("...millions of songs so you can't
    brute force it"); "So we..." opening a sentence, "a week or so" and "so many" are not."""
    read = SubstanceReader("").read
    said = "The catalogue holds tens of millions of songs so brute force scoring is out."
    assert read(said).reason and read(said).level == 3
    assert read("So we store the song embeddings in a nightly table.").level == 2
    assert not read("We retrain the ranking model every week or so on fresh plays.").reason
    assert not read("Listeners skip so many tracks in the first thirty seconds.").reason


def test_so_on_a_share_is_a_reason_and_a_cut_sentence_carries_on_with_its_so():
    """Session 35's labelled answers: "We only ever see how people react to the prices we
    showed, so on a small share of trips I'd nudge the price…" read as no reason (taken for
    "and so on"), and the piece a long sentence was cut into, "so at payment time we only
    do a key lookup.", read as a sentence that opens with "So" and moves on."""
    read = SubstanceReader("").read
    said = "We only see prices we showed, so on a small share of trips I'd nudge the price."
    assert read(said).reason
    assert not read("We keep clicks, carts, purchases, so on and so forth.").reason
    assert read("so at payment time we only do a key lookup.", carries_on=True).reason
    assert not read("So at payment time we only do a key lookup.").reason


@pytest.mark.parametrize(
    ("question", "said", "stage"),
    [
        (
            "fraud-detection",
            # cut for length after "Redis,"
            "Features: a streaming job counts payments and amounts per card, per device and "
            "per shop over the last hour and the last day, and keeps counts in Redis, so at "
            "payment time scoring is one key lookup.",
            "pipeline",
        ),
        (
            "dynamic-pricing",
            # cut for length after "because riders"
            "Success is completed rides per city hour, not revenue, with guardrails on "
            "waiting time and driver pay, measured in thirty-minute switchback experiments "
            "because riders and drivers share one market.",
            "metrics",
        ),
    ],
)
def test_a_reason_in_the_part_of_a_long_sentence_cut_off_still_justifies_it(
    spec, question, said, stage
):
    """Session 35: "You described data pipeline and features but not why" quoting a
    sentence cut for length just before "…so at payment time we only do a key lookup";
    "a reason, but a general one" for "…measured in switchback experiments because
    riders" cut from "and drivers share one market". The sentence is read whole."""
    opening = "We approve, block or review each card payment from one fraud score. "
    if question == "dynamic-pricing":
        opening = "We set a price multiplier per zone every minute. "
    structure = structure_of(opening + said + " The model is LightGBM.", spec.as_whole(), question)
    assert structure.stage(stage).depth == 3


def test_naming_a_specific_measure_describes_but_naming_metrics_or_accuracy_does_not(spec):
    """A specific measure is a concrete choice even said in passing ("and i guess
    precision too"); "metrics" and plain "accuracy" only name the stage."""
    read = substance_reader(RUBRIC).read
    assert read("and i guess precision too").level == 2
    assert read("We would track PR AUC offline.").level == 2
    assert read("We need the right metrics.").level == 1
    assert read("then we check the accuracy of it").level == 1
    weak = "i'd train xgboost on the matches.\nto check it works we'd measure the accuracy.\n"
    named = structure_of(weak, spec, "job-matching")
    picked = structure_of(weak + "and i guess precision too.\n", spec, "job-matching")
    before, after = ({s.id: s.depth for s in o.stages} for o in (named, picked))
    assert before["metrics"] == 1 and after["metrics"] == 2


def test_a_recap_announced_in_plain_words_is_a_described_summary(spec):
    """ "To pull it together:" says a recap is coming as "to summarise" does."""
    text = (
        "we rank episodes for a search box in a podcast app.\n"
        "we judge it by how many searches end in a listen of ten minutes or more.\n"
        "candidates come from keyword match and embeddings, a small tree model orders them.\n"
        "To pull it together: find candidates by words and meaning, order them with a small "
        "scorer judged on long listens, and relearn weekly.\n"
    )
    depth = {s.id: s.depth for s in structure_of(text, spec, "podcast-search").stages}
    assert depth["summary"] == 2


RECAP_BODY = (
    "we predict which parking bays near a stadium are free in the next fifteen minutes.\n"
    "success is the share of drivers who find the bay we showed still free.\n"
    "bay sensors report every thirty seconds and we keep a year of them.\n"
    "a gradient boosted tree over the last hour of sensor counts and the event calendar.\n"
    "it runs every minute and writes the answer to a cache the app reads.\n"
)


@pytest.mark.parametrize(
    "close",
    [
        "So to sum up: sensor counts every thirty seconds, a boosted tree refreshed every "
        "minute, and a cache the app reads.",
        "So summary, sensor counts every thirty seconds, a boosted tree refreshed every "
        "minute, and a cache the app reads.",
        "That's roughly the system.\nSensor counts every thirty seconds, a boosted tree "
        "refreshed every minute, and a cache the app reads.",
    ],
)
def test_a_recap_opened_by_saying_so_is_a_summary_however_it_is_punctuated(spec, close):
    """A recap lists the design's parts, so beside them it reads as pipeline and model:
    "To sum up:" (with a colon, not only a comma), a non-native "So summary," and a
    recap announced in a sentence of its own still say which stage it is."""
    out = structure_of(RECAP_BODY + close + "\n", spec, "parking-bays")
    summary = out.stage("summary")
    assert summary.depth == 2
    assert "cache the app reads" in summary.depth_evidence.quote
    assert not any(f.kind == "no_close" for f in out.order_findings)


def test_a_heading_said_alone_puts_the_next_sentence_on_its_stage(spec):
    """ "One tradeoff." heads what follows: the cost it weighs is the tradeoff, and the
    heading is not filler. A short remark ("That's really accurate.") heads nothing."""
    body = RECAP_BODY + (
        "One tradeoff.\n"
        "A fresher answer every ten seconds would cost five times the compute for a bay "
        "that rarely changes that fast.\n"
    )
    out = structure_of(body, spec, "parking-bays")
    trade = out.stage("tradeoffs")
    assert trade.depth >= 2 and "five times the compute" in trade.depth_evidence.quote
    assert not any("One tradeoff" in g.quote for g in out.generic)
    remark = structure_of(
        RECAP_BODY + "That's really accurate.\nWe also keep a year of sensor counts.\n",
        spec,
        "parking-bays",
    )
    metrics = remark.stage("metrics").depth_evidence
    assert metrics is None or "year" not in metrics.quote


def test_general_talk_is_named_however_long_it_runs():
    """Words of its own are not enough when most of a long sentence is general talk, and
    how a thing is done ("properly", "carefully") is not what is done."""
    read = SubstanceReader("").read
    talk = (
        "I think the first thing we really have to do here is to step back and properly "
        "understand what the learners and the business actually want out of this."
    )
    assert read(talk).level == 1
    assert read("We release it carefully and sensibly, quickly and properly.").level == 1
    said = (
        "Every night a job pulls the closed tickets from the help desk and strips out card numbers."
    )
    assert read(said).level == 2
    assert "anomaly" in read("We page someone on every anomaly in the refund queue.").specifics


def test_consultant_talk_names_a_stage_and_gives_no_reason():
    """Buzzwords say what a stage should be, not what was chosen: "so" after them joins
    no reason, while the same sentence shapes with a real choice still describe."""
    read = SubstanceReader("").read
    for talk in (
        "Data is the foundation here, so we need high-quality, clean data in large volumes.",
        "For the core, we'd leverage state-of-the-art NLP, something AI-powered.",
        "We'd define the right success metrics and align them with the business KPIs.",
        "Monitoring is critical, so we'd have dashboards and alerting for drift.",
        "Then we productionise it with best-practice CI/CD and a solid MLOps platform.",
        # from a buzzword answer typed outside the repo, read as a justified model
        "The architecture will be modular and extensible, so we can add new capabilities "
        "in the future.",
    ):
        assert read(talk).level == 1, talk
    chosen = "We'd alert on the weekly PSI of the score, so labels arriving 60 days late hurt less."
    assert read(chosen).level == 3
    assert read("We'd track the share of flagged games per rating band each week.").level == 2


def test_a_placeholder_for_a_choice_describes_nothing_but_a_choice_spelled_out_does():
    """ "Whatever is relevant" and "something fairly standard" hold the place of a choice
    not made, however many everyday words surround them; the same words followed by the
    choice itself ("something simple: a linear model...") still describe it."""
    read = SubstanceReader("").read
    for vague in (
        "Clubs collect a huge amount about their players these days, from training to the "
        "medical side, so we'd bring together whatever is relevant.",
        "For the approach itself, I'd start with something fairly standard and bring in "
        "more advanced techniques later.",
        "Then we'd need some way of knowing whether the forecasts hold up week to week.",
        "In terms of data we'd want to collect whatever information we can about the robots "
        "and how they move, and the layout of the warehouse,",
        # typed outside the repo: quoted as the model's clearest, justified moment
        "Actually, let me step back, because I jumped straight to the model.",
    ):
        assert not read(vague).described, vague
    # a self-correction that goes on to say the thing is read for what it says
    said = "Oh, I should have said what we predict: the chance this user clicks this ad slot."
    assert read(said).described
    spelled_out = (
        "I'd start with something simple: a linear model over word counts of the subject and body."
    )
    assert read(spelled_out).described
    free_choice = (
        "Some cities cap fares in emergencies, so whatever we build needs a ceiling per city."
    )
    assert read(free_choice).described


def test_a_reason_for_a_choice_the_sentence_never_states_is_no_description():
    """ "X because Y" describes X: when X says nothing of its own ("it's really important
    because..."), the concrete words of Y justify nothing that was chosen."""
    read = SubstanceReader("").read
    why_only = "It is really important here because spammers probe the filter and adapt."
    assert read(why_only).bare_choice and read(why_only).level == 1
    chosen = "We page the on-call analyst because spammers probe the filter and adapt."
    assert not read(chosen).bare_choice and read(chosen).level == 3
    reason_first = "Because spammers probe the filter and adapt, we retrain on fresh reports."
    assert read(reason_first).level >= 2
    assert not read(reason_first).answers_back  # its reason is for its own choice
    assert read("That's because spammers probe the filter and adapt.").answers_back
    assert read("Because spammers probe the filter and adapt.").answers_back
    assert not read(chosen).answers_back and not read(why_only).answers_back


def test_putting_the_weighing_off_weighs_nothing():
    """ "We'll strike the right balance" says a choice will be made, not which: two options
    named side by side describe at most; one weighed with its cost still justifies."""
    read = SubstanceReader("").read
    deferred = read(
        "Of course there are tradeoffs, like precision versus recall, "
        "and we'll strike the right balance."
    )
    assert not deferred.comparison and deferred.level <= 2
    assert (
        read(
            "Great question, deduplication is incredibly relevant in today's media landscape."
        ).level
        == 1
    )
    weighed = read(
        "I'd favour recall over precision, since a missed duplicate costs less than a merged story."
    )
    assert weighed.comparison and weighed.level == 3


def test_the_design_kept_as_it_was_describes_nothing_new():
    """Played outside the repo: after a requirement change, "We keep the XGBoost model and
    the same features, and we send the list every day like before." was quoted as the
    session's described pipeline, deployment and monitoring. Said again, it adds nothing."""
    read = SubstanceReader("").read
    kept = read(
        "We keep the XGBoost model and the same features, and we send the list every day "
        "like before."
    )
    assert kept.as_before and kept.level == 1
    # one model used in two places is no design kept
    one = read("Edits call the same model behind a small service, within 200 ms.")
    assert not one.as_before and one.level == 2


def test_a_budget_spelled_in_words_is_as_concrete_as_in_digits():
    """Written outside the repo: a typed "probably under fifty milliseconds" was told "not
    the numbers: how fast it must answer"; "under 50 milliseconds" was described."""
    read = SubstanceReader("").read
    for said in ("under fifty milliseconds", "under 50 milliseconds"):
        assert read(f"The main constraint is latency, probably {said}.").level == 2, said
    assert read("It is around five percent.").level == 1  # a figure alone: of what?


@pytest.mark.parametrize(
    "said",
    [
        "Approximate search gives up a little recall to hit the latency budget.",
        "Approximate search loses a little recall but stays within the latency budget.",
    ],
)
def test_what_a_choice_gives_up_said_of_the_choice_weighs_it(said):
    """Written outside the repo: told "No tradeoff was named" after what the approximate
    search pays for its speed; only "The tradeoff is…" had earned any credit."""
    from assistant.scoring.structure.scorers import WEIGHING

    assert SubstanceReader("").read(said).comparison
    assert WEIGHING.search(said.lower())


def test_a_users_trouble_is_no_cost_of_a_choice():
    """Written outside the repo: "…the answer is out there somewhere but you can't find
    it" was praised as "Options were weighed against each other"."""
    from assistant.scoring.structure.scorers import WEIGHING

    trouble = "it's frustrating when you know the answer is out there but you can't find it."
    assert not WEIGHING.search(trouble)
    assert WEIGHING.search("trees are cheaper, but we lose some recall.")


def test_an_option_taken_and_not_another_weighs_them(spec):
    """Written for this test. "…so I go with gradient boosted trees and not a large
    neural ranker" turns one option down for another as plainly as "rather than" does;
    it was told "No tradeoff was named". "and not" that only adds a word does not."""
    from assistant.scoring.structure.scorers import WEIGHING

    text = (
        "Pages must load in under 200 milliseconds, so the ranker has to be light. That is "
        "why I go with gradient boosted trees and not a large neural ranker."
    )
    report = analyse_text(text, Settings(), structure=spec, question="search-ranking")
    assert [e.quote for e in report.structure.tradeoffs] == [
        "That is why I go with gradient boosted trees and not a large neural ranker."
    ]
    assert WEIGHING.search("we keep the raw logs and not the audio, for privacy.")
    for said in (
        "we use it and not only for ranking.",
        "the model should be fast and not too heavy.",
        "we use a gbdt, and not because it is trendy.",
    ):
        assert not WEIGHING.search(said), said


def test_a_reason_that_carries_a_figure_is_not_called_general(spec):
    """Written outside the repo (tests/eval/outside, a helper's strong answer): "an
    hourly job aggregates query counts with time decay, so a breaking news query shows
    up within an hour" was told "You gave a reason for data pipeline and features, but a
    general one": the depth head had lowered it."""
    from dataclasses import replace

    text = (EVAL.parent / "outside" / "query-autocomplete-strong.txt").read_text()
    shipped = replace(spec, whole=True)  # with the depth head, as `score` reads it
    report = analyse_text(text, Settings(), structure=shipped, question="query-autocomplete")
    pipeline = report.structure.stage("pipeline")
    assert pipeline.depth == 3
    said = [f.message for f in report.feedback if f.metric == "structure.pipeline"]
    assert not any("a general one" in m for m in said), said


def test_saying_the_question_back_adds_nothing():
    question = "Design the system that flags risky card payments for merchants."
    echo = "So we design a system that flags risky card payments for the merchants."
    assert SubstanceReader(question).read(echo).level == 1
    assert SubstanceReader("").read(echo).level == 2  # the same words, unasked, say something


def test_an_opening_that_says_the_question_back_is_told_so(spec):
    """Written for this test: the opening restates what the question asks; the feedback
    says so, instead of "not what it decides" while it quotes what it decides."""
    text = (
        "Okay, so we're deciding, for each push notification we could send a user today, "
        "whether to send it and when.\n"
        "For the model, a gradient boosted tree predicting the open probability, because "
        "the features are counts and times.\n"
    )
    report = analyse_text(text, Settings(), structure=spec, question="notification-ranking")
    framing = next(f for f in report.feedback if f.metric == "structure.framing")
    assert framing.message.startswith("For problem framing you said the question back (“Okay")
    assert "in your own words, say who it is for" in framing.message
    assert framing.evidence.quote.startswith("Okay, so we're deciding")


def test_the_question_said_back_does_not_hide_a_clause_of_the_speaker_s_own(spec):
    """Played in the app: "the goal is to suggest people a member will actually connect
    with, and the success metric is accepted invitations per member, not invitations
    sent" credited framing alone: the sentence, read as the question said back, served
    only the opening, and the success metric said at 0 % was placed where a later
    sentence grazed it. Written for this test, in other words."""
    question = load_questions()["people-you-may-know"].asked
    reader = SubstanceReader(question)
    said = (
        "So we need to suggest people a member is likely to want to connect with, and "
        "we'd measure it by accepted invitations per member."
    )
    assert reader.read(said.split(", and")[0]).echo  # the first clause says it back
    assert not reader.read(said).echo
    # a sentence that says only the question back, in two clauses, is still an echo
    assert reader.read(
        "So we suggest people a member is likely to connect with, and we suggest them."
    ).echo
    report = analyse_text(
        said + "\nFor the model, a gradient boosted tree ranks friends of friends.\n",
        Settings(),
        structure=spec,
        question="people-you-may-know",
    )
    metrics = report.structure.stage("metrics")
    assert metrics.depth >= 1 and metrics.first_at_share == 0.0, metrics
    assert report.structure.stage("framing").depth >= 1


def test_words_every_question_uses_are_not_the_question_said_back(spec):
    """Written for this test: "we need to design a system for the customers that works"
    shares "design", "system" and "customers" with the ETA question, words any design
    question uses; it is empty talk, told what it lacks, not "you said the question
    back". Saying the question's own words back still is ("estimated time of arrival for
    food deliveries")."""
    question = load_questions()["eta-prediction"].asked
    reader = SubstanceReader(question)
    assert not reader.read("We need to design a system for the customers that works.").echo
    assert reader.read("So we predict the estimated time of arrival for food deliveries.").echo
    text = (
        "First, the framing: we need to design a system for the customers that works.\n"
        "For metrics, I'd track mean absolute error in minutes and the share of orders "
        "more than ten minutes late.\n"
        "I'd train a gradient boosted tree on past deliveries because it handles mixed "
        "tabular inputs and serves in a couple of milliseconds.\n"
    )
    report = analyse_text(text, Settings(), structure=spec, question="eta-prediction")
    framing = next(f for f in report.feedback if f.metric == "structure.framing")
    assert framing.message.startswith("You named problem framing (“First, the framing")


def test_a_stage_heading_in_the_questions_words_still_names_its_stage(spec):
    """Written for this test. Early in an answer, "For the data, the emails users move to
    the spam folder give us labels." says its data in the spam question's own words, and
    was read as saying the question back: the data stage it opens with went unheard
    ("No data in the answer")."""
    text = (
        "So the task is deciding, for each new message, whether a person would want to see "
        "it.\n"
        "For the data, the emails users move to the spam folder give us labels.\n"
        "For the model, a gradient boosted tree over sender and link features, because it "
        "scores a message in under a millisecond.\n"
        "Features come from a nightly job that counts, per sender, how many of their "
        "messages were reported in the last thirty days.\n"
        "We run it on every incoming message, inside the mail server, and reject the "
        "clearest cases before they are stored.\n"
        "Then we watch the share of mail moved back out of the spam folder each week, and "
        "retrain when it rises.\n"
        "The tradeoff is that a stricter threshold catches more junk but hides more real "
        "mail, and hidden real mail costs us more trust.\n"
    )
    data = stage_read(text, spec, "spam-filter", "data")
    assert data.depth >= 1
    assert data.evidence.quote.startswith("For the data, the emails users move")


def test_thanks_and_a_word_on_the_question_serve_no_stage(spec):
    """Written for this test: "Thank you for the question, I really like it." opening a
    weak answer was read as its model choice and its summary, so the stage table said the
    model came up at 0 %. Manners are no stage; a sentence that goes on to say something
    keeps what it says ("Good question: the problem is…")."""
    thanks = "Thank you for the question, I really like it.\n"
    weak = "I would just train a big neural network on all the data.\n"
    report = analyse_text(thanks + weak, Settings(), structure=spec, question="spam-filter")
    model = report.structure.stage("model")
    assert model.depth == 1 and model.first_at_share > 0
    assert report.structure.stage("summary").strength == 0
    said = "Good question: the problem is which of the new messages a person wants to read.\n"
    assert stage_read(said + weak, spec, "spam-filter", "framing").depth >= 1


@pytest.mark.parametrize(
    "close",
    [
        "Yes, I think that's all, thank you.",
        "I guess that's it, thanks for listening.",
        "Okay, that's everything, thank you for your time.",
    ],
)
def test_a_sign_off_serves_no_stage(spec, close):
    """Written for this test: a weak answer closed on a sign-off ("Yes, I think that's
    all, thank you.") was framed by it, and quoted for it. A sign-off says nothing of the
    design; a close that goes on to say something keeps what it says."""
    weak = (
        "I would just train a big neural network on all the emails.\n"
        "It learns what spam looks like and then it blocks it.\n"
    )
    report = analyse_text(weak + close + "\n", Settings(), structure=spec, question="spam-filter")
    quoted = [
        (st.id, ev.quote)
        for st in report.structure.stages
        for ev in (st.evidence, st.depth_evidence)
        if ev is not None and ev.quote.startswith(close[:12])
    ]
    assert quoted == []
    assert report.structure.stage("framing").depth == 0
    said = "That's it: we retrain it every week on the messages people report as spam.\n"
    report = analyse_text(weak + said, Settings(), structure=spec, question="spam-filter")
    assert any(
        ev is not None and ev.quote.startswith("That's it: we retrain")
        for st in report.structure.stages
        for ev in (st.evidence, st.depth_evidence)
    )


def test_tension_pairs_with_the_weighing_put_off_only_name_the_tradeoff(spec):
    """Written for this test: "There are tradeoffs of course, like false alarms versus
    missed duplicates, freshness versus latency, we'll balance them." was read as a
    tradeoff justified (two
    options set against each other), and lifted an answer of one empty sentence per stage
    above medium answers. No side is taken: the tradeoff is named. A sentence that says
    what is given up still weighs it."""
    text = (
        "We need to decide which listings are the same item, and do it fast.\n"
        "For the model we'll use a good deep learning model with embeddings.\n"
        "There are tradeoffs of course, like false alarms versus missed duplicates, "
        "freshness versus latency, we'll balance them.\n"
    )
    assert stage_read(text, spec, "duplicate-listings", "tradeoffs").depth == 1
    weighed = text.replace(
        "we'll balance them.",
        "and I give up a little recall to keep every check under 50 milliseconds.",
    )
    assert stage_read(weighed, spec, "duplicate-listings", "tradeoffs").depth == 3


@pytest.mark.parametrize("said", ["Transformers.", "Gradient boosting."])
def test_a_model_named_as_the_whole_answer_frames_nothing(spec, said):
    """Written for this test: a whole answer of one word naming a model was told it
    "touched problem framing only in passing as it opened"; it names a model, nothing
    more."""
    report = analyse_text(said + "\n", Settings(), structure=spec, question="visual-search")
    assert report.structure.stage("framing").first_at_share is None
    assert report.structure.stage("model").first_at_share is not None


def test_a_tradeoff_in_the_questions_words_mid_answer_is_named(spec):
    """Written for this test: "blocking fraud against blocking good customers" is the
    question's own tension, so it describes nothing, but said mid-answer it names the
    tradeoff: the feedback must not say that no tradeoff was named."""
    text = (
        "So we need to decide for each payment whether to approve, block or review it.\n"
        "It has to be fast, since it's in the checkout path, under about 200 milliseconds.\n"
        "Fraud is rare, so accuracy isn't a good metric; I'd use precision and recall.\n"
        "For the model I'd use XGBoost, since it works well on tabular data.\n"
        "Then we deploy it behind an API and monitor it.\n"
        "There's a tradeoff between blocking fraud and blocking good customers.\n"
        "That would save the company money.\n"
    )
    report = analyse_text(text, Settings(), structure=spec, question="fraud-detection")
    tradeoffs = report.structure.stage("tradeoffs")
    assert tradeoffs.depth == 1
    said = next(f for f in report.feedback if f.metric == "structure.tradeoffs")
    assert said.message.startswith("You named a tradeoff")
    assert said.evidence.quote.startswith("There's a tradeoff between blocking fraud")


def test_unsure_words_are_no_evidence_and_a_garbled_sentence_is_nothing():
    text = "we deploy it behind a canary on 5 percent of traffic"
    sure = SubstanceReader().read(text, [0.9] * len(text.split()))
    assert sure.level == 2
    guessed = SubstanceReader().read(text, [0.9, 0.2, 0.3, 0.9, 0.2, 0.2, 0.3, 0.9, 0.2, 0.3, 0.9])
    assert guessed.garbled and guessed.level == 0


def test_an_unsure_word_keeps_its_place_in_the_sentence():
    """Heard words of a development answer, written for this test (tiny.en heard "But"
    with 0.40). Dropped from the sentence, the unsure "But" left two words before "so",
    which reads as a sentence moving on, and the labels' reason was lost; kept as a
    blank, the reason is read from the words heard with confidence."""
    text = "But no label, so we label maybe 50,000 frames by hand."
    heard = [0.40] + [0.9] * (len(text.split()) - 1)
    sub = SubstanceReader().read(text, heard)
    assert not sub.garbled and sub.reason
    # the unsure word itself is still no evidence: "because" heard unsure gives no reason
    text = "We label 50,000 frames by hand because the cameras have no labels."
    heard = [0.9 if t != "because" else 0.3 for t in text.split()]
    assert not SubstanceReader().read(text, heard).reason


def test_a_garbled_sentence_never_earns_a_stage_on_its_own(spec):
    said = "then we deploy the model behind a canary rollout to five percent of traffic"
    sure = [Word(t, i * 0.3, i * 0.3 + 0.25, 0.95) for i, t in enumerate(said.split())]
    garbled = [Word(w.text, w.start, w.end, 0.25) for w in sure]
    segs = split_segments(sure)
    clear = analyse_structure(RUBRIC, segs, spec.scorer.score(segs))
    segs = split_segments(garbled)
    heard = analyse_structure(RUBRIC, segs, spec.scorer.score(segs))
    assert clear.stage("deployment").depth >= 2
    assert heard.stage("deployment").depth == 0 and not heard.stage("deployment").covered


def test_fillers_the_speech_model_was_unsure_of_do_not_garble_a_sentence(spec):
    """Written for this test. The filler prompt makes tiny.en write "um" and "uh", often
    with little confidence (9 of 31 in the development answers it heard were under the
    guard's bar): they say nothing either way about whether the sentence's own words
    were heard right. Counted, three unsure fillers and three unsure small words made
    the canary sentence "garbled", and the deployment it describes was lost."""
    said = "Um, uh, then we ship it behind a canary on five percent of traffic, um."
    unsure = {0, 1, 2, 5, 7, 14}  # Um, uh, then, it, a, um.
    words = [
        Word(t, i * 0.3, i * 0.3 + 0.25, 0.3 if i in unsure else 0.95)
        for i, t in enumerate(said.split())
    ]
    segs = split_segments(words)
    assert len(segs) == 1
    assert not substance_reader(RUBRIC).read(segs[0].text, segs[0].probabilities).garbled
    heard = analyse_structure(RUBRIC, segs, spec.scorer.score(segs))
    assert heard.stage("deployment").depth >= 2


def _heard(said: str) -> list[Word]:
    return [Word(t, i * 0.3, i * 0.3 + 0.25, 0.95) for i, t in enumerate(said.split())]


@pytest.mark.parametrize(
    ("written", "heard", "stage"),
    [
        # tiny.en writes "five percent" as "5 %" (its own word) and "a hundred" as "100"
        (
            "Once it works we ship it behind a canary on five percent of traffic.",
            "Once it works we ship it behind a canary on 5 % of traffic.",
            "deployment",
        ),
        (
            "We label maybe a hundred meetings by hand to start.",
            "We label maybe 100 meetings by hand to start.",
            "data",
        ),
    ],
)
def test_a_figure_heard_in_digits_describes_as_said_in_words(spec, written, heard, stage):
    """A spoken answer's figures are written by the speech model in digits: "on 5 % of
    traffic" held no quantity (the "%" was not read as "percent"), nor "maybe 100
    meetings" (a bare number reads as a mis-heard "one"), so the canary and the labelled
    sample were only named as heard, where the same words typed described them."""
    depths = []
    for said in (written, heard):
        segs = split_segments(_heard(said))
        depths.append(analyse_structure(RUBRIC, segs, spec.scorer.score(segs)).stage(stage).depth)
    assert depths[0] >= 2
    assert depths[1] == depths[0]


def test_quantities_as_the_speech_model_writes_them():
    assert quantities("keep 70 % of items") == ["70 %"]
    assert quantities("on 1% of traffic") == ["1%"]
    assert quantities("for 300 past meetings") == ["300"]
    assert quantities("maybe 20,000 series") == ["20,000"]
    assert quantities("maybe 100, 150 a day") == ["100", "150"]
    # a year, a small count, a number that names a thing are no quantity
    assert quantities("since 2019 we have had 12 of them") == []
    assert quantities("a unified student 360 view") == []


def test_thousands_written_in_digits_are_a_volume():
    """ "50,000 orders a day" is how tiny.en writes "fifty thousand orders a day": a
    volume the design lives within, whichever sentence says it."""
    assert VOLUME.search("fifty thousand orders a day")
    assert VOLUME.search("50,000 orders a day")
    assert VOLUME.search("about 500,000 users")
    assert not VOLUME.search("in 2019 the users")


def test_naming_every_stage_is_not_covering_them(spec):
    buzz = (
        "We need good metrics. The data matters a lot. We build a pipeline. Then we deploy "
        "and monitor it. There are tradeoffs. It drives impact."
    )
    out = structure_of(buzz, spec, "fraud-detection")
    named = {s.id for s in out.stages if s.depth == 1}
    assert {"metrics", "data", "pipeline", "tradeoffs", "impact"} <= named
    assert not any(s.covered for s in out.stages)
    assert out.score <= 25 and len(out.generic) >= 4
    for s in out.stages:
        assert s.covered == (s.depth >= 2)
        assert s.depth_label == ("absent", "named", "described", "justified")[s.depth]


def test_depth_comes_with_evidence_and_what_is_missing(spec):
    text = (
        "First the goal: flag risky card payments before the bank approves them.\n"
        "We monitor it for drift.\n"
        "I'd use gradient boosted trees on the velocity counts, because they score 500 "
        "payments in under 10 ms and the data is tabular.\n"
    )
    report = analyse_text(text, Settings(), structure=spec, question="fraud-detection")
    stages = {s.id: s for s in report.structure.stages}
    mon, model = stages["monitoring"], stages["model"]
    assert mon.depth == 1 and "monitor it for drift" in mon.depth_evidence.quote
    assert mon.missing == RUBRIC.stage("monitoring").details
    assert model.depth == 3 and "because" in model.depth_evidence.quote and model.missing is None
    item = next(f for f in report.feedback if f.metric == "structure.monitoring")
    assert item.message.startswith(
        "You named monitoring and iteration (\u201cWe monitor it for drift.\u201d) but not"
    )
    assert "what you would watch" in item.message
    assert item.evidence.quote == "We monitor it for drift."


def test_a_volume_said_inside_another_point_is_not_asked_for_again(spec):
    """Written for this test: the volume is said inside the framing sentence, and the
    feedback on the limits said "you named constraints but not the numbers" of an answer
    that gave one. It was then told to say the limits in a sentence of their own; a
    volume is now heard as the constraint it is, wherever it is said (concise answers
    say two stages a sentence)."""
    text = (
        "Before I design anything: who asks, and what happens when the answer is wrong? I'll "
        "assume employees asking about HR and IT policies, around five thousand questions a "
        "day, and a wrong answer about leave or expenses costs trust more than a missing one, "
        "so when unsure the assistant should say it doesn't know and link the page. Success "
        "for me is the share of questions answered correctly with a citation, checked weekly "
        "on a sample of two hundred real questions that HR staff grade, plus how often people "
        "still open a ticket afterwards. The documents live in the wiki and the ticket "
        "system; I'd split them by heading into pieces of a few hundred words, keep who may "
        "see each piece, and re-index every night. At question time I'd search the pieces by "
        "meaning and by keywords, keep the best eight the person may see, and have a hosted "
        "open model write the answer with citations only from those pieces. I'd run the "
        "model inside our own cloud because policies and tickets hold personal data. After "
        "launch I'd track thumbs-down, unanswered questions and answers citing pages older "
        "than a year, and review twenty bad answers every Friday."
    )
    whole = spec.as_whole()
    report = analyse_text(text, Settings(), structure=whole, question="rag-assistant")
    constraints = report.structure.stage("constraints")
    assert constraints.covered
    assert not any(f.metric == "structure.constraints" for f in report.feedback)
    # a weekday is a frequency: "every Friday" puts a number on what is watched
    assert report.structure.stage("monitoring").depth >= 2


# --- what may be quoted as evidence ----------------------------------------------------


def all_quotes(report: Report) -> list[str]:
    """Every sentence the structure part of ``report`` quotes."""
    st = report.structure
    quotes = [e.quote for s in st.stages for e in (s.evidence, s.depth_evidence) if e]
    quotes += [e.quote for e in [*st.tradeoffs, *st.generic]]
    quotes += [o.evidence.quote for o in st.order_findings if o.evidence]
    return quotes + [
        f.evidence.quote for f in report.feedback if f.metric.startswith("structure") and f.evidence
    ]


def test_segments_know_where_a_sentence_starts():
    long = " ".join(f"w{i}" for i in range(28)) + " on every scroll."
    words, ends = words_from_text(f"{long}\nthen we watch drift daily.\n")
    segs = split_segments(words, timed=False, line_ends=ends)
    assert [s.continues for s in segs] == [False, True, False]  # cut for length, then a line
    assert segs[1].text == "on every scroll."

    def said(*parts: tuple[str, float]) -> list[Word]:
        out, t = [], 0.0
        for text, gap in parts:
            for w in text.split():
                out.append(Word(w, t, t + 0.25, 0.9))
                t += 0.3
            t += gap
        return out

    # in a transcript that capitalises, a pause before a capital starts a sentence (the
    # full stop was only left out); before a lower-case word it breaks one
    cased = said(
        ("We score every payment", 1.0), ("Trees are fast here", 1.0), ("and cheap to run", 0)
    )
    assert [s.continues for s in split_segments(cased)] == [False, False, True]
    plain = said(("we score every payment", 1.0), ("and trees are fast", 0))
    assert [s.continues for s in split_segments(plain)] == [False, False]


def test_questions_pieces_and_two_words_are_not_quotable():
    for q in ("Is that fair?", "What do we learn from?", "how do we know it works", "is that ok"):
        assert is_question(q), q
    for s in ("We retrain weekly.", "what we do is retrain weekly on the last 60 days of orders"):
        assert not is_question(s), s
    read = SubstanceReader().read

    def seg(text: str, continues: bool = False) -> Segment:
        return Segment(0, len(text.split()) - 1, text, None, None, continues=continues)

    said = "we retrain every week on the last 60 days of orders"
    assert quotable(seg(said), read(said), 2)
    assert quotable(seg(said, continues=True), read(said), 2)  # a long piece stands alone
    piece = "on the last 60 days."
    assert not quotable(seg(piece, continues=True), read(piece), 1)  # a short one does not
    assert is_fragment(seg("two steps.")) and not quotable(seg("two steps."), read("two steps."), 1)
    assert quotable(seg("There are tradeoffs."), read("There are tradeoffs."), 1)  # naming it
    assert not quotable(seg("There are tradeoffs."), read("There are tradeoffs."), 2)
    asks = "are we the card issuer or the payment processor at authorization time?"
    assert quotable(seg(asks), read(asks), 2, opening=True)  # a clarifying question frames
    assert not quotable(seg(asks), read(asks), 2)
    assert not quotable(seg("Is that fair?"), read("Is that fair?"), 1, opening=True)


def test_a_stage_is_first_said_where_a_sentence_speaks_for_it():
    """A trace of metrics in an opening sentence about the model (a neighbour's reading)
    set where metrics were first said, so a strong answer told model first and metrics
    last escaped "Success metrics came late"."""
    text = (
        "i'd start with gradient boosted trees on the order history.\n"
        + "they train in minutes on the full year of orders, with the basket, the time "
        "of day, the store and the weather as features.\n"
        * 3
        + "offline i'd check recall at fifty on next week's orders, online the revenue per "
        "session in an a/b test.\n"
    )
    words, ends = words_from_text(text)
    segs = split_segments(words, timed=False, line_ends=ends)
    rows = [{"model": 3.0, "metrics": 0.4}, {"model": 3.0}, {"model": 3.0}, {"model": 3.0}]
    rows.append({"metrics": 3.0})
    a = analyse_structure(RUBRIC, segs, rows)
    assert a.stage("metrics").first == 4
    assert "late_metrics" in {o.kind for o in a.order}


def test_a_stage_only_its_neighbours_lend_is_not_credited():
    """Read beside a tradeoff, "Is that fair?" can look like one; read alone it says
    nothing: it is never quoted, and a stage nothing else says stays uncredited."""
    text = "we score each payment with gradient boosted trees in under 10 ms.\nis that fair?\n"
    words, ends = words_from_text(text)
    segs = split_segments(words, timed=False, line_ends=ends)
    in_context = [{"model": 3.0}, {"tradeoffs": 3.0}]
    alone = [{"model": 3.0}, {}]
    a = analyse_structure(RUBRIC, segs, in_context, alone=alone)
    trade = a.stage("tradeoffs")
    assert trade.mass > 0 and trade.depth == 0 and trade.best is None
    assert a.stage("model").depth >= 2 and a.stage("model").best == 0
    # even if the question read as a tradeoff on its own, it would not be quoted for one
    a = analyse_structure(RUBRIC, segs, in_context, alone=in_context)
    assert a.stage("tradeoffs").depth == 0 and a.stage("tradeoffs").best is None
    assert 1 not in a.tradeoffs and 1 not in a.generic


def test_the_tradeoff_is_quoted_not_the_question_after_it(spec):
    text = (
        "We flag risky card payments for the issuer, before the bank approves them.\n"
        "Gradient boosted trees score each payment in under 10 ms on the velocity counts.\n"
        "A sequence model over the card's history would catch more fraud, but it is heavier "
        "to serve and harder to explain, so I'd keep the trees.\n"
        "Is that fair?\n"
        "We retrain weekly because chargebacks arrive 60 days late.\n"
    )
    report = analyse_text(text, Settings(), structure=spec, question="fraud-detection")
    trade = report.structure.stage("tradeoffs")
    assert trade.depth >= 2
    assert trade.evidence.quote.startswith("A sequence model over the card's history")
    assert trade.depth_evidence.quote.startswith("A sequence model over the card's history")
    assert not any(q.startswith("Is that fair") for q in all_quotes(report))


def tradeoffs_of(text: str, spec, question: str):
    """The report of a typed ``text`` to ``question``, its Tradeoffs stage and the one
    feedback item on tradeoffs."""
    report = analyse_text(text, Settings(), structure=spec, question=question)
    (item,) = [f for f in report.feedback if f.metric == "structure.tradeoffs"]
    return report, report.structure.stage("tradeoffs"), item


def test_the_tradeoff_feedback_says_what_the_stage_table_shows(spec):
    """Written for this test. A choice set against another option with a reason for it is
    a reasoned model choice; the feedback praises no weighing the Tradeoffs row does not
    show, and asks what the choice gives up. Saying the cost makes it a tradeoff."""
    choice = (
        "We flag risky card payments at checkout, inside a 100 ms budget.\n"
        "I'd use gradient boosted trees rather than a deep sequence model because they are "
        "cheap to serve inside the 100 ms budget.\n"
        "They read velocity counts from a feature store that a streaming job keeps fresh.\n"
    )
    weighed = choice + (
        "A sequence model would catch more fraud rings, but it costs about 40 ms more per "
        "payment, so I'd give up that recall to stay inside the budget.\n"
    )
    for text, good in ((choice, False), (weighed, True)):
        report, trade, item = tradeoffs_of(text, spec, "fraud-detection")
        assert report.structure.tradeoffs  # options were set against each other
        assert trade.covered == good
        assert (item.severity == "good") == good
        assert item.evidence is not None
        if good:  # the sentence the Tradeoffs row quotes
            assert item.evidence.quote == trade.depth_evidence.quote
        else:
            assert "gives up" in item.message and "weighed" not in item.message
            assert item.evidence.quote.startswith("I'd use gradient boosted trees")


def test_a_tradeoff_only_named_is_not_called_missing(spec):
    """From a fresh clone's first evening: the Tradeoffs row quoted "The tradeoff is
    accuracy against latency." as named while the feedback said "No tradeoff was named"
    and suggested those very words."""
    text = (
        "We rank the posts in a user's feed so they spend time on content they value.\n"
        "For the model, a two-tower retrieval model and then a gradient boosted ranker.\n"
        "The tradeoff is accuracy against latency.\n"
        "We deploy with a shadow launch and monitor drift in the features every day.\n"
    )
    _, trade, item = tradeoffs_of(text, spec, "feed-ranking")
    assert trade.depth == 1
    assert "No tradeoff" not in item.message and "named a tradeoff" in item.message
    assert item.evidence.quote == "The tradeoff is accuracy against latency."


def test_one_cost_preferred_to_another_is_a_tradeoff(spec):
    """Written for this test, from a typed session: "I'd rather miss a few churners than
    waste calls" weighs one cost against the other; the feedback must not say that no
    tradeoff was named."""
    text = (
        "Each Monday the model picks which two thousand subscribers the retention team "
        "calls, and the goal is revenue saved per call.\n"
        "Calling someone who was staying anyway costs an agent hour, so I'd rather miss a "
        "few churners than waste calls.\n"
    )
    report, trade, item = tradeoffs_of(text, spec, "churn-prediction")
    assert report.structure.tradeoffs and trade.covered
    assert item.severity == "good", item.message
    assert "rather miss a few churners" in item.evidence.quote


def test_a_limit_conceded_and_a_cost_accepted_are_a_tradeoff(spec):
    """Written for this test, from a typed session under tmux: trees are fast "but they
    cannot learn from raw sequences", and a sequence model is added at "the higher serving
    cost". The feedback said no tradeoff was named."""
    text = (
        "I would start with gradient boosted trees on the transaction features.\n"
        "Boosted trees are fast and handle tabular features well, but they cannot learn from "
        "raw sequences of card activity.\n"
        "So for the card history I would add a small sequence model and accept the higher "
        "serving cost.\n"
    )
    _, trade, item = tradeoffs_of(text, spec, "fraud-detection")
    assert trade.covered, item.message
    assert item.severity == "good", item.message
    for plain in (  # a limit or a cost with nothing set against it weighs nothing
        "We accept the terms of the card networks and score every payment.\n",
        "The model is fast but we can add rules on top for known attacks.\n",
    ):
        report = analyse_text(plain, Settings(), structure=spec, question="fraud-detection")
        assert not report.structure.stage("tradeoffs").covered, plain


@pytest.mark.parametrize(
    ("question", "said", "quoted"),
    [
        (
            "search-ranking",
            "The tradeoff is that the neural retrieval costs more to serve but finds products "
            "with no word overlap.",
            "costs more to serve",
        ),
        (
            "ad-click-prediction",
            "A smaller distilled version of the deep network scores only the top fifty, in "
            "about five milliseconds. The trade-off is a small loss in accuracy, which I "
            "would check in an A/B test.",
            "small loss in accuracy",
        ),
    ],
)
def test_a_cost_said_of_the_choice_is_a_tradeoff(spec, question, said, quoted):
    """A helper's answers, written outside the repository: each says what the choice costs
    ("costs more to serve", "a small loss in accuracy"), and the feedback said it named no
    cost."""
    _, trade, item = tradeoffs_of(said + "\n", spec, question)
    assert trade.depth >= 2, item.message
    assert item.severity == "good" and quoted in item.evidence.quote, item.message


def test_an_option_turned_down_for_what_it_costs_is_a_tradeoff(spec):
    """Written for this test: the rejected model and its gain fill the sentence ("a
    transformer over the whole session would gain a little recall"), then what rules it
    out ("but at 20 ms per search it won't fit"). It is a tradeoff, not only talk of the
    model; naming a model that fits, with no cost said, is not."""
    opening = (
        "We rank the next video for a viewer in a 20 ms budget, and success is watch time "
        "per session.\n"
    )
    weighed = opening + (
        "A transformer over the whole viewing session would probably gain a little recall "
        "on long sessions, but at 20 ms per request and thousands of candidates it won't "
        "fit, so two towers with cached item vectors are the better deal for now.\n"
    )
    plain = opening + (
        "I'd use two towers with cached item vectors, since the item side can be computed "
        "nightly and looked up in memory.\n"
    )
    for text, good in ((weighed, True), (plain, False)):
        report = analyse_text(text, Settings(), structure=spec, question="video-recommendation")
        trade = report.structure.stage("tradeoffs")
        assert trade.covered == good, text
        if good:  # quoted where the option turned down is weighed
            assert trade.depth_evidence.quote.startswith("A transformer over the whole")


def test_a_sentence_that_names_its_stage_is_quoted_only_for_it(spec):
    """From a spoken answer typed outside the repo: "data-wise, … hours watched in the
    last few weeks and how that's trending" was the quote for monitoring, over the
    answer's own monitoring sentence, since "watched" and "trending" read as watching a
    model. A sentence that opens by naming its stage speaks for that stage."""
    text = (
        "we want to rank which subscribers the retention team calls each week.\n"
        "data-wise, you know, the strongest signals are viewing behaviour, so hours "
        "watched in the last few weeks and how that's trending, plus failed payments, "
        "because a failed card is the clearest warning we get.\n"
        "for monitoring, i'd watch the score distribution week over week and the churn "
        "rate of the top decile once the labels come in.\n"
    )
    report = analyse_text(text, Settings(), structure=spec, question="churn-prediction")
    stages = {s.id: s for s in report.structure.stages}
    for quote in (stages["monitoring"].evidence.quote, stages["monitoring"].depth_evidence.quote):
        assert quote.startswith("for monitoring"), quote
    assert stages["data"].depth_evidence.quote.startswith("data-wise")


def test_a_thin_reason_is_not_called_no_reason(spec):
    """Written for this test, from a typed session: "because the data is tabular" is too
    thin to justify the model, but the feedback must not say the candidate gave no reason
    while quoting their "because"."""
    text = (
        "The retention team can call two thousand people a week, so we rank who to call.\n"
        "I'd train gradient boosted trees on billing and login history because the data is "
        "tabular.\n"
    )
    report = analyse_text(text, Settings(), structure=spec, question="churn-prediction")
    model = report.structure.stage("model")
    assert model.depth == 2
    (item,) = [f for f in report.feedback if f.metric == "structure.model"]
    assert "because the data is tabular" in item.evidence.quote
    assert "gave a reason" in item.message and "not why" not in item.message, item.message


def test_watching_numbers_after_launch_is_monitoring(spec):
    """Written for this test: "we'd watch how many ... each month" is how people say they
    monitor a model, with no word of the monitoring vocabulary; "once it's out there"
    must not make it a deployment or framing sentence instead."""
    text = (
        "The scores go to the retention team's call list every Monday.\n"
        "Once it's out there we'd watch how many of the top hundred actually cancel each "
        "month, split by plan, since the mix of plans shifts every spring.\n"
    )
    report = analyse_text(text, Settings(), structure=spec, question="churn-prediction")
    stages = {s.id: s for s in report.structure.stages}
    assert stages["monitoring"].depth >= 2
    assert "we'd watch how many" in stages["monitoring"].depth_evidence.quote
    assert stages["framing"].depth == 0


def test_a_sentence_that_opens_by_naming_its_stage_is_on_that_stage():
    """ "For data, …", "On the serving side, …", "What counts as success: …": the candidate
    says which stage comes next. A stage word in the sentence's subject, or a time
    ("after launch:"), is no such opening."""
    scorer = CueScorer(RUBRIC)

    def opened(text: str) -> str | None:
        return next((k for k, rx in scorer.openers.items() if rx.match(text.lower())), None)

    assert opened("For data, every ride request and every driver ping.") == "data"
    assert opened("So on the serving side, a small box per region.") == "deployment"
    assert opened("In terms of latency, fifty milliseconds.") == "constraints"
    assert opened("What counts as success: most hidden listings are duplicates.") == "metrics"
    assert opened("Data-wise, we have two years of orders.") == "data"
    assert opened("Monitoring: the late share by city, weekly.") == "monitoring"
    assert opened("For data scientists, the notebook is enough.") is None
    assert opened("Data arrives every night.") is None
    assert opened("After launch: log every thumbs-down.") is None
    # said, without the comma
    assert opened("for features you'd have the show genre and the device") == "pipeline"
    assert opened("for the model itself i'd go with a two tower network") == "model"
    assert opened("For the model itself, a two tower network.") == "model"
    assert opened("for data scientists you'd want a notebook") is None
    # the topic as a sentence of its own heads what follows
    assert opened("Constraints.") == "constraints"
    assert opened("One tradeoff.") == "tradeoffs"
    assert opened("Now, deployment.") == "deployment"
    assert opened("The model is small.") is None
    # a recap said so, however it is punctuated
    assert opened("So to sum up: two towers and a ranker.") == "summary"
    assert opened("So summary, two towers and a ranker.") == "summary"
    assert opened("That's roughly the system.") == "summary"
    assert opened("Overall, latency must stay under 50 ms.") is None


def test_an_answer_that_signposts_its_stages_in_plain_words_covers_them(spec):
    """Written for this test: a data sentence with no data vocabulary but its opening
    ("For data, …"), between a cap on prices and a streaming job, is about data."""
    text = (
        "Regulators in some cities cap the multiplier at two times.\n"
        "For data, every ride request, every driver ping with its location every four "
        "seconds, and whether the rider took the price or walked away.\n"
        "The walk-aways matter most, because they tell us how sensitive demand is.\n"
        "Every minute a streaming job counts open requests and free drivers per hexagon cell.\n"
    )
    data = stage_read(text, spec, "dynamic-pricing", "data")
    assert data.depth >= 2
    assert data.depth_evidence.quote.startswith("For data, every ride request")


def test_a_stage_is_quoted_from_a_sentence_start_before_a_piece_of_another(spec):
    """Written for this test: the success measure is said in a long sentence; a piece cut
    from the middle of the lookup sentence ("…the top twenty candidates") reads as a
    measure too, at the same level. The quote is the sentence that says it from its
    start."""
    text = (
        "What counts as success: of the listings we hide, at least ninety five percent "
        "should really be duplicates, because hiding a real listing costs a seller "
        "money, and we want to catch most of the repeat posters, measured by how often "
        "buyers report duplicates.\n"
        "The signals are the title, the description, the photos and the seller account, "
        "plus past moderator decisions, which are our labels.\n"
        "When a listing comes in, we compute a text embedding and a photo hash, look up "
        "the nearest existing listings from the same seller or the same phone number in "
        "an index, and only then run the expensive comparison on the top twenty "
        "candidates. That keeps it fast, because comparing against every listing would "
        "be far too slow.\n"
        "The comparison itself is a small classifier on pairs: title similarity, photo "
        "distance, price difference, same category. I'd train it on moderator "
        "decisions.\n"
    )
    metrics = stage_read(text, spec, "duplicate-listings", "metrics")
    assert metrics.depth == 3
    assert metrics.depth_evidence.quote.startswith("What counts as success")


def test_a_sentence_that_opens_with_its_reason_justifies_the_one_before(spec):
    """Written for this test: "All of that because..." gives the reason for the two-step
    design said just before, though it reads as a constraint itself."""
    text = (
        "A light model trims ten thousand posts to five hundred, then a heavy multi-task "
        "network ranks those.\n"
        "All of that because running the heavy network on every post would blow the 100 ms "
        "budget many times over.\n"
    )
    model = stage_read(text, spec, "feed-ranking", "model")
    assert model.depth == 3
    assert model.depth_evidence.quote.startswith("A light model trims")


def test_a_reason_said_in_the_next_sentence_justifies_the_choice_before_it(spec):
    """Written for this test. The reason for a choice said in a sentence of its own: the
    answer to a "Why not …?" the candidate asks, with no "because", or a sentence that
    opens by saying why the choice matters. Both were told "described, but not why": the
    first was not read as a reason, the second was lowered by the depth head, which reads
    the chosen sentence alone."""
    why_not = (
        "We score each payment with a gradient boosted tree over the card's recent "
        "history. Why not a deep sequence model? It needs a GPU at checkout, and our "
        "budget is a few milliseconds per payment."
    )
    model = stage_read(why_not, spec, "fraud-detection", "model")
    assert model.depth == 3
    assert model.depth_evidence.quote.startswith("We score each payment")
    matters = (
        "We measure it with precision and recall. Precision matters most because a blocked "
        "honest buyer usually leaves the shop for good."
    )
    assert stage_read(matters, spec, "fraud-detection", "metrics").depth == 3
    # a "why" nobody answers, or a remark after it, justifies nothing
    unanswered = why_not.split("Why not")[0] + "Why not a deep sequence model? Good question."
    assert stage_read(unanswered, spec, "fraud-detection", "model").depth == 2


def test_a_question_answered_at_once_is_quoted_with_its_answer(spec):
    """ "Where do labels come from?" says nothing by itself and its answer may not name
    the stage: together they do, and they are quoted together."""
    text = (
        "So what does success look like for a feed? I'd say meaningful interactions, comments "
        "and shares and long reads, and people coming back next week. Where do labels come "
        "from? From the impression logs, each shown post labelled with what the person did "
        "with it. And what model? A multi-task network predicting like, comment, share and "
        "hide, combined into one score with weights we tune in experiments."
    )
    report = analyse_text(text, Settings(), structure=spec, question="feed-ranking")
    stages = {s.id: s for s in report.structure.stages}
    assert stages["framing"].depth >= 2  # the answer to the question frames the problem
    assert stages["framing"].depth_evidence.quote.startswith("So what does success look like")
    data = stages["data"].depth_evidence.quote
    assert data.startswith("Where do labels come from? From the impression logs")
    assert all(q.strip("…") in report.transcript.text for q in all_quotes(report))


def test_a_piece_of_a_long_sentence_is_never_quoted(spec):
    text = (
        "It's an online model service reading from the feature store, plus a cached "
        "per-restaurant estimate for the home screen refreshed every minute, so we don't "
        "score every store on every scroll.\n"
        "Then I'd watch late-rate by city and hour, and retrain weekly.\n"
    )
    words, ends = words_from_text(text)
    pieces = [s.text for s in split_segments(words, timed=False, line_ends=ends) if s.continues]
    assert pieces == ["on every scroll."]  # the sentence runs past the longest segment
    report = analyse_text(text, Settings(), structure=spec, question="eta-prediction")
    deploy = report.structure.stage("deployment")
    assert deploy.depth >= 2 and deploy.evidence.quote.startswith("It's an online model service")
    assert not any(q.startswith("on every scroll") for q in all_quotes(report))


def test_reports_of_schema_1_still_load():
    """Saved sessions hold /1 reports: they validate, with depth read as absent."""
    saved = json.loads((Path(__file__).parent / "data" / "report-v1.json").read_text())
    assert saved["schema"] == "thinkaloud.report/1"
    assert "depth" not in saved["structure"]["stages"][0]
    report = Report.model_validate(saved)
    assert report.schema_ == "thinkaloud.report/1"
    assert all(s.depth == 0 and s.depth_evidence is None for s in report.structure.stages)
    assert Report.model_validate_json(report.to_json()).schema_ == "thinkaloud.report/1"
    assert SCHEMA_ID == "thinkaloud.report/2"
    with pytest.raises(ValueError):
        Report.model_validate({**saved, "schema": "thinkaloud.report/3"})


# --- held-out evaluation ---------------------------------------------------------------


def load_eval(split: Path = EVAL) -> list[dict]:
    return [tomllib.loads(p.read_text()) for p in sorted(split.glob("*.toml"))]


def coverage_f1(answers, predict) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for a in answers:
        gold, pred = set(a["covered"]), predict(a)
        tp, fp, fn = tp + len(gold & pred), fp + len(pred - gold), fn + len(gold - pred)
    p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return p, r, 2 * p * r / max(p + r, 1e-9)


@pytest.mark.parametrize("split", [EVAL, FRESH], ids=["held-out", "fresh"])
def test_held_out_labels_are_consistent(split):
    for a in load_eval(split):
        assert set(a) <= {"id", "question", "quality", "covered", "depth", "text"}, a["id"]
        assert a["quality"] in ("strong", "medium", "weak", "buzzword")
        if "depth" in a:
            assert set(a["depth"]) == set(RUBRIC.stage_ids), a["id"]
            assert set(a["covered"]) == {k for k, v in a["depth"].items() if v >= 2}, a["id"]


def test_development_labels_give_every_answer_a_depth():
    """Thresholds are chosen on the development split, so it must judge coverage as the
    held-out splits do: at depth 2 or more, never from a stage merely named."""
    for path in sorted((EVAL.parent / "dev").glob("*.toml")):
        a = tomllib.loads(path.read_text())
        assert set(a["depth"]) == set(RUBRIC.stage_ids), a["id"]
        assert all(v in (0, 1, 2, 3) for v in a["depth"].values()), a["id"]
        assert a["depth"]["summary"] <= 2, a["id"]  # a recap is never justified
        said = {st for s in a["sentences"] for st in s["stages"]}
        assert {k for k, v in a["depth"].items() if v >= 2} <= said, a["id"]


@pytest.mark.parametrize(
    ("split", "min_f1", "min_exact", "max_off2"),
    [(EVAL, 0.85, 0.74, 0.07), (FRESH, 0.88, 0.77, 0.05)],
    ids=["held-out", "fresh"],
)
def test_held_out_answers_stage_coverage_depth_and_ranking(
    spec, split, min_f1, min_exact, max_off2
):
    """Measured, never tuned on: `benchmarks/structure_accuracy.py` prints the details.
    Each is a whole answer, judged as `thinkaloud score` judges one (the depth head reads
    the rules' levels again). The floors sit a few points under what was measured
    (held-out F1 0.89, depth exact 78.2 %, off by more than one 4.5 %; fresh 0.92,
    81.1 %, 2.3 %)."""
    answers = load_eval(split)
    assert len(answers) >= 12 and len({a["question"] for a in answers}) >= 6
    whole = spec.as_whole()
    results = {a["id"]: structure_of(a["text"], whole, a["question"]) for a in answers}
    p, r, f1 = coverage_f1(answers, lambda a: {s.id for s in results[a["id"]].stages if s.covered})
    by_quality: dict[str, list[int]] = {}
    for a in answers:
        by_quality.setdefault(a["quality"], []).append(results[a["id"]].score)
    pairs = [
        (a["depth"][s.id], s.depth)
        for a in answers
        if "depth" in a
        for s in results[a["id"]].stages
    ]
    exact = sum(g == d for g, d in pairs) / len(pairs)
    off2 = sum(abs(g - d) > 1 for g, d in pairs) / len(pairs)
    print(
        f"held-out stage coverage: precision {p:.2f} recall {r:.2f} F1 {f1:.2f}; depth exact "
        f"{exact:.0%}, off by >1 {off2:.0%}; scores {by_quality}"
    )
    assert f1 >= min_f1
    assert exact >= min_exact and off2 <= max_off2
    mean = {q: sum(v) / len(v) for q, v in by_quality.items()}
    assert mean["strong"] > mean["medium"] + 15 > mean["weak"] + 30
    assert max(by_quality["buzzword"]) <= 35
    assert min(by_quality["strong"]) - max(by_quality["buzzword"]) >= 30


def test_an_opening_that_touches_framing_is_not_called_no_framing():
    """Quoting "let me restate the problem" as evidence of "did not open with framing"
    contradicts itself: a passing restatement is called passing."""
    text = (
        "let me restate the problem.\n"
        "i would use xgboost on the transactions.\n"
        "the features would be the amount and the merchant.\n"
    )
    words, ends = words_from_text(text)
    segs = split_segments(words, timed=False, line_ends=ends)
    a = analyse_structure(RUBRIC, segs, CueScorer(RUBRIC).score(segs))
    assert a.stage("framing").mass > 0 and not a.stage("framing").covered
    opening = next(o for o in a.order if o.kind == "no_opening")
    assert "only in passing" in opening.message and "went straight" not in opening.message
    assert "restate" in segs[opening.segment].text


def test_a_remark_that_gives_nothing_serves_no_stage(spec):
    """A rambler's "I don't know. uh, that's it, I think." was quoted as their problem
    framing, and the report said they named it."""
    text = (
        "So for the model I would use a small BERT on the question and the documents.\n"
        "I don't know. uh, that's it, I think.\n"
    )
    report = analyse_text(text, Settings(), structure=spec, question="rag-assistant")
    for stage in report.structure.stages:
        quoted = " ".join(e.quote for e in (stage.evidence, stage.depth_evidence) if e is not None)
        assert "that's it" not in quoted and "don't know" not in quoted, stage.id


def test_an_opening_named_is_told_once(spec):
    """From a fresh clone's `make demo`: "You named problem framing (“let me restate the
    problem first.”) but not who it is for…" and "…touched problem framing only in passing
    at the start; say what the problem is… before designing at 0:01", both quoting the
    same sentence. The depth item says it; the order item is not repeated."""
    text = (
        "Okay, so let me restate the problem first.\n"
        "I would use gradient boosted trees on the card features, scored in real time.\n"
        "The features would be the amount, the merchant and the last hour's velocity.\n"
        "We deploy it behind the payment service and monitor drift every day.\n"
    )
    report = analyse_text(text, Settings(), structure=spec, question="fraud-detection")
    framing = [f for f in report.feedback if f.metric == "structure.framing"]
    assert framing and "restate the problem" in framing[0].evidence.quote
    assert report.structure.stage("framing").depth == 1
    # still an order finding, and it takes points, so it is shown (hC: the 5 points were
    # taken and never shown), told as what it adds: the cost to the order
    assert any(o.kind == "no_opening" for o in report.structure.order_findings)
    order = [f for f in report.feedback if f.metric == "structure.order"]
    opening = [f for f in order if "restate the problem" in f.evidence.quote]
    assert len(opening) == 1
    assert opening[0].message.startswith("Opening on problem framing only in passing")
    assert "counts against the order" in opening[0].message


def test_a_long_piece_of_a_run_on_sentence_is_quoted_as_a_piece(spec):
    """Speech written without full stops: monitoring is only said past the cut of a long
    sentence. The stage still earns its depth, and the quote shows it is a piece."""
    text = (
        "It's an online model service reading from the feature store, plus a cached "
        "per-restaurant estimate for the home screen refreshed every minute, so after "
        "launch I'd watch the late rate by city and hour against the estimate and alert "
        "when it drifts past two minutes because couriers stop trusting it\n"
    )
    words, ends = words_from_text(text)
    segs = split_segments(words, timed=False, line_ends=ends)
    assert [s.continues for s in segs] == [False, True]
    report = analyse_text(text, Settings(), structure=spec, question="eta-prediction")
    monitoring = report.structure.stage("monitoring")
    assert monitoring.depth >= 2
    quote = (monitoring.depth_evidence or monitoring.evidence).quote
    assert quote.startswith("…") and quote.removeprefix("…").rstrip("…") in text


def test_numbers_in_their_teens_said_in_words_are_quantities():
    """ "Walking time per order dropped by eighteen percent" held no number, so a story's
    result was quoted from another sentence ("forty percent" was one)."""
    from assistant.scoring.structure.substance import quantities

    for n in ("thirteen", "fourteen", "sixteen", "seventeen", "eighteen", "nineteen"):
        assert quantities(f"it dropped by {n} percent") == [f"{n} percent"]
    assert quantities("eight percent") == ["eight percent"]


def test_a_model_named_by_its_family_is_a_choice_of_model_and_of_nothing_else(spec):
    """Written for this test: "For the model, I'd use LightGBM." was told "You named
    model choice but not which model". A model family named is a concrete choice of
    model; "a neural network" still only names the stage, and an opening that names a
    model frames nothing."""
    named = "For the model, I'd use LightGBM.\n"
    assert stage_read(named, spec, "eta-prediction", "model").depth == 2
    vague = "For the model, I'd use a neural network.\n"
    assert stage_read(vague, spec, "eta-prediction", "model").depth == 1
    opening = (
        "I'd build a two-tower model for this.\n"
        "The towers take the user's history and the item's text.\n"
    )
    structure = structure_of(opening, spec, "video-recommendation")
    assert structure.stage("model").depth >= 2
    assert structure.stage("framing").depth <= 1


def test_a_scale_said_as_tens_of_millions_is_a_number():
    """ "The catalogue is big, tens of millions of products" was told "You named
    constraints but not the numbers", the number in the quote."""
    from assistant.scoring.structure.substance import quantities

    said = "The catalogue is big, tens of millions of products, hundreds of thousands a day."
    assert quantities(said) == ["tens of millions", "hundreds of thousands"]
    assert quantities("We have tens of products and dozens of ideas.") == []


def test_the_signpost_praise_and_the_empty_sentence_warning_quote_different_sentences(spec):
    """Played outside the repo: "Okay so first I want understand what is the problem." was
    the example of the signposts that made the answer easy to follow and, in the same
    report, of the sentences that said nothing specific."""
    text = (
        "Okay so first I want to understand what the problem is. We need good data here. "
        "The pipeline matters a lot. Next, the model is gradient boosted trees on forty "
        "features computed every hour from the payments log. After that, we serve it behind "
        "the checkout API in under a hundred milliseconds. Finally, we watch the chargeback "
        "rate every week and retrain when it climbs above half a percent."
    )
    report = analyse_text(text, Settings(), structure=spec, question="fraud-detection")
    said = {f.metric: f.evidence.quote for f in report.feedback if f.evidence}
    assert {"structure.depth", "structure.signposts"} <= set(said)
    assert said["structure.depth"] != said["structure.signposts"]


def test_next_to_says_where_a_thing_is_not_what_comes_next():
    """Written outside the repo: "…and store them in a vector index next to a BM25
    keyword index, with the access list on each chunk." was one of three "signposted
    transitions" that earned a "made the structure easy to follow" line: the long
    sentence was cut for length before "index next to", and the piece opened on "next"."""
    from assistant.scoring.structure.analysis import signpost_segments

    def signposted(text: str) -> list[str]:
        segs = split_segments(words_from_text(text)[0], timed=False)
        return [segs[i].text for i in signpost_segments(RUBRIC, segs)]

    beside = (
        "Every night a batch job reads the orders of the day, cleans the addresses, joins "
        "the weather of each region, and writes the rows into a feature table next to the "
        "raw order table, with the store id on each row. The model runs next to the "
        "checkout service. Next to that, we keep a short list of blocked cards."
    )
    assert signposted(beside) == []
    moves = "Next, the model is a tree ensemble. Next we look at the data. The next step is A/B."
    assert len(signposted(moves)) == 3


@pytest.mark.parametrize(
    ("piece", "said_before", "cue", "move"),
    [
        ("percent canary first.", "and a new model goes to a ten", "first", False),
        ("We test it offline first.", "", "first", False),
        ("second clip to the app", "we cut a ten", "second", False),
        ("three seconds at p95.", "", "second", False),
        ("second.", "at about a thousand requests per", "second", False),
        ("Okay so first.", "", "first", True),
        ("Second, the data.", "", "second", True),
        ("so first I would look at the data", "", "first", True),
        (
            "To pull it together: words and meaning, then a small scorer.",
            "",
            "pull it together",
            True,
        ),
        ("Next: the data.", "", "next", True),
    ],
)
def test_a_signpost_word_said_as_a_unit_or_as_beforehand_is_no_move(piece, said_before, cue, move):
    """Development answers and one written outside the repo counted "…goes to a ten |
    percent canary first." (a long sentence cut for length), "three seconds at p95." and
    "…per | second." as signposted transitions."""
    from assistant.scoring.structure.cues import opens_clause

    assert opens_clause(piece, cue, said_before) is move


def test_a_test_plan_with_no_measure_and_two_virtues_balanced_say_nothing_specific(spec):
    """Played outside the repo, a buzzword candidate's answer: "Offline we evaluate on
    historical data, online we A/B test." read as described success metrics (an A/B
    test counted as a named measure), and "we need to balance accuracy and efficiency"
    as options set against each other."""
    text = (
        "We would use the right metrics, both offline and online, and make sure they align "
        "with the business goals. Offline we evaluate on historical data, online we A/B "
        "test. For limits, it has to be fast and scalable and cost-effective, so we need to "
        "balance accuracy and efficiency."
    )
    found = structure_of(text, spec, "demand-forecasting")
    assert found.stage("metrics").depth <= 1
    assert found.tradeoffs == []
    measured = "Online we A/B test the forecast on the waste rate per store each week."
    assert stage_read(measured, spec, "demand-forecasting", "metrics").depth >= 2


def test_a_list_of_stages_or_tradeoffs_between_unnamed_options_weigh_nothing(spec):
    """Written outside the repo: two buzzword answers were told "You set one option
    against another here", quoting "To wrap up, we went through framing, constraints,
    metrics, …, tradeoffs and impact, which gives a complete end to end design." (the
    stage named in a list of stages) and "There are of course tradeoffs between the
    options, and we balance them depending on the requirements." (no option named)."""
    opening = (
        "The goal is to forecast next week's sales for each store so that orders waste "
        "less food. We need the forecast by Sunday night, for about two thousand stores. "
        "We judge it on the weekly waste rate and on stock-outs, measured per store. "
    )
    recap = (
        "To wrap up, we went through framing, constraints, metrics, data, pipeline, model, "
        "deployment, monitoring, tradeoffs and impact, which gives a complete design."
    )
    empty = (
        "There are of course tradeoffs between the options, and we balance them depending "
        "on the requirements. "
    )
    report = analyse_text(
        opening + empty + recap, Settings(), structure=spec, question="demand-forecasting"
    )
    assert report.structure.tradeoffs == []
    assert not any("one option against another" in f.message for f in report.feedback)
    weighed = (
        "A bigger sequence model would be a bit more accurate, but trees are cheaper and "
        "the weekly batch does not need more. "
    )
    found = structure_of(opening + weighed + recap, spec, "demand-forecasting")
    assert [t.quote for t in found.tradeoffs] == [weighed.strip()]


@pytest.mark.parametrize(
    ("said", "nothing"),
    [
        ("I'll cover the problem, the data, the model and the trade-offs.", True),
        ("There is a tradeoff between the two options.", True),
        ("There's a tradeoff between freshness and cost.", False),
        ("There are tradeoffs between the options: a transformer is accurate, a tree fast.", False),
        ("The tradeoff between the two options is that batch is stale but cheap.", False),
        ("Tradeoffs: model size, data freshness and serving cost.", False),
        ("There are tradeoffs, for example a bigger model is slower.", False),
        # written outside the repo: the README's empty sentence in other words
        (
            "Of course there are tradeoffs between the different options, and we choose "
            "depending on the situation.",
            True,
        ),
        (
            "There are tradeoffs between the options, and we choose small trees to stay "
            "under 50 ms.",
            False,
        ),
    ],
)
def test_what_a_tradeoff_word_weighs(said, nothing):
    from assistant.scoring.structure.substance import stage_labels
    from assistant.scoring.structure.weighing import weighs_nothing

    assert weighs_nothing(said, stage_labels(RUBRIC.stages)) is nothing


def test_questions_put_to_the_interviewer_first_do_not_make_the_stages_after_them_late(spec):
    """Played outside the repo: a candidate who opened with three questions and then
    framed the problem and its success measure was told success metrics "came late,
    after half the answer", and that the answer did not end with a recap."""
    asks = (
        "Before I design anything, a few questions. How many requests per second do we get "
        "at peak, and what is the latency budget per keystroke? What query logs do we have, "
        "and how far back? And is there a policy on offensive suggestions, for example "
        "about people's names? "
    )
    rest = (
        "Here is how I'd frame it: for each prefix the user has typed, return the top five "
        "completions they are most likely to want, so success is fewer keystrokes and more "
        "searches that end in a click. I'd measure keystrokes saved per search and the "
        "share of searches that used a suggestion, offline with mean reciprocal rank on "
        "held-out logs."
    )
    found = structure_of(asks + rest, spec, "query-autocomplete")
    assert found.stage("metrics").depth >= 2
    assert not [o.kind for o in found.order_findings if o.kind in ("late_metrics", "no_close")]
    # the same words said as statements about the scale do put the metrics off
    stalled = (
        "Let me think about the scale of this for a moment, since the traffic and the "
        "storage both matter a great deal here. "
    ) * 4
    told = structure_of(stalled + rest, spec, "query-autocomplete")
    assert "late_metrics" in [o.kind for o in told.order_findings]


@pytest.mark.parametrize(
    ("name", "question", "opening"),
    [
        ("visual-search-concise", "visual-search", "Visual search is image retrieval"),
        ("music-playlist-concise", "music-playlist", "is a ranking problem"),
    ],
)
def test_a_concise_answer_frames_the_task_and_closes_on_a_next_step(spec, name, question, opening):
    """Written outside the repo (tests/eval/outside, a helper's concise strong answers):
    an opening that frames the task with its limits in one sentence ("…is a ranking
    problem we can run as a weekend batch, since nobody waits on it live") was told "No
    problem framing" (the framing quoted was "Next, user-drawn crop boxes."), and a
    closing "Next, I'd tune that exploration share." was summary "in passing": 47 and
    61 for answers their writer put near 80."""
    from dataclasses import replace

    text = (EVAL.parent / "outside" / f"{name}.txt").read_text()
    shipped = replace(spec, whole=True)  # with the depth head, as `score` reads it
    report = analyse_text(text, Settings(), structure=shipped, question=question)
    framing = report.structure.stage("framing")
    assert framing.depth >= 2 and opening in framing.evidence.quote
    summary = report.structure.stage("summary")
    assert summary.depth == 2 and summary.evidence.quote.startswith("Next, ")


def test_what_a_choice_costs_then_buys_weighs_it():
    """Written outside the repo: "Down-weighting flooded jobs costs clicks but raises each
    seeker's hire chance" was told "No tradeoff was named"."""
    from assistant.scoring.structure.scorers import WEIGHING

    said = "Down-weighting flooded jobs costs clicks but raises each seeker's hire chance."
    assert WEIGHING.search(said.lower()) and SubstanceReader("").read(said).comparison


def test_a_cost_set_against_a_gain_in_plain_words_is_a_described_tradeoff(spec):
    """Played outside the repo, after "ranking now gets 40 ms": "We lose a bit of ranking
    quality in the first stage, but it fits the budget" was told "You set one option
    against another, but not what your choice gives up" (its words were few beside the
    question's own), while "We give up…, but we keep p99 under 40 ms" was described."""
    text = (
        "Ranking now gets 40 ms, so I would add a light first stage, a two tower dot "
        "product that cuts two thousand posts down to two hundred, and run the tree model "
        "only on those. We lose a bit of ranking quality in the first stage, but it fits "
        "the budget."
    )
    report = analyse_text(text, Settings(), structure=spec, question="feed-ranking")
    assert report.structure.stage("tradeoffs").depth >= 2
    said = [f.message for f in report.feedback if f.metric == "structure.tradeoffs"]
    assert not any("gives up" in m for m in said), said


def test_a_stage_one_clause_describes_is_described(spec):
    """Written outside the repo (tests/eval/outside, a concise strong answer): "The feed
    should put the posts a person will value first so they return daily; with 500 million
    daily users…" and "It runs on CPU servers with a Redis feature store, retrained daily,
    shadowed and then canaried at one percent; …" were told "Problem framing came up only
    in passing" and "Deployment and serving came up only in passing": each sentence was
    read for its other stage. Concise answers say two stages a sentence."""
    from dataclasses import replace

    text = (EVAL.parent / "outside" / "feed-ranking-concise.txt").read_text()
    shipped = replace(spec, whole=True)  # with the depth head, as `score` reads it
    report = analyse_text(text, Settings(), structure=shipped, question="feed-ranking")
    for stage in ("framing", "deployment"):
        assert report.structure.stage(stage).depth >= 2, stage
    said = [f.message for f in report.feedback]
    assert not any("came up only in passing" in m for m in said if "framing" in m.lower()), said


def test_naming_the_two_sides_of_a_tradeoff_is_not_praised_as_weighing_them(spec):
    """Written outside the repo: "There's a tradeoff between precision and recall here,
    which we'd tune." was praised "Options were weighed against each other here"; the
    answer named the two sides and took neither."""
    named = (
        "We'd train a text classifier on the reports the moderators already labelled. "
        "There's a tradeoff between precision and recall here, which we'd tune."
    )
    weighed = (
        "We'd train a text classifier on the reports the moderators already labelled. "
        "The tradeoff: precomputing is cheap and fast but stale, while scoring online is "
        "fresh but expensive, so I'd precompute and only go online for new posts."
    )
    for text, praised in ((named, False), (weighed, True)):
        report = analyse_text(text, Settings(), structure=spec, question="harmful-content")
        (item,) = [f for f in report.feedback if f.metric == "structure.tradeoffs"]
        assert item.message.startswith("Options were weighed") == praised, item.message


@pytest.mark.parametrize(
    ("said", "stage"),
    [
        # concise answers put the scale inside the framing sentence
        (
            "The goal is saving subscribers, not predicting churn: with twenty million "
            "subscribers and offers for two hundred thousand a month, a daily list is enough.",
            "constraints",
        ),
        ("Five hundred million posts a day far exceed what moderators can review.", "constraints"),
        (
            "Positives are invites that were accepted and negatives are ones left alone for "
            "a month, with mutual friends and shared schools as features.",
            "data",
        ),
        (
            "Summaries are cached, and I'd stop publishing if unsupported sentences pass "
            "three percent.",
            "monitoring",
        ),
    ],
)
def test_a_phrase_of_a_stage_s_own_shape_speaks_for_it_in_any_sentence(spec, said, stage):
    """Written outside the repo (concise strong answers): a volume said in the framing
    sentence, the examples the model learns from said as "positives are…", and what is
    done when a watched number crosses a line were each read as no stage, and the
    answers were told "No constraints", "No data", "No monitoring"."""
    from assistant.scoring.structure.scorers import FLOOR_STRENGTH
    from assistant.scoring.structure.serving import SERVES

    row: dict[str, float] = {}
    spec.scorer.cues.floor(row, said)
    assert row == {stage: FLOOR_STRENGTH} and FLOOR_STRENGTH >= SERVES


@pytest.mark.parametrize(
    "said",
    [
        "We have two million labelled examples from last year.",
        "False positives are costlier than false negatives here.",
        "We retrain it every week on the new labels.",
        "The model is a tree because it scores in a millisecond.",
    ],
)
def test_look_alikes_of_those_phrases_speak_for_no_stage_by_their_shape(spec, said):
    row: dict[str, float] = {}
    spec.scorer.cues.floor(row, said)
    assert row == {}


def test_an_option_s_virtue_and_its_cost_in_one_breath_weigh_options(spec):
    """Written outside the repo: "Auto-removal is fast but errs on satire, review is
    accurate but scarce, so I'd only auto-remove above ninety-eight percent precision."
    and "A high paging threshold means fewer false alarms but finds slow drifts a day
    later" were read as metrics and monitoring, and the answers told "No tradeoffs"."""
    from assistant.scoring.structure.scorers import WEIGHING

    for said in (
        "Auto-removal is fast but errs on satire, review is accurate but scarce.",
        "A high paging threshold means fewer false alarms but finds slow drifts a day later.",
        "Precomputing is cheap but stale, so new members get scored online.",
    ):
        assert WEIGHING.search(said.lower()), said
    for said in (
        "The rules are simple but effective.",
        "The model is simple but it works.",
        "The model is fast but we can add rules on top for known attacks.",
    ):
        assert not WEIGHING.search(said.lower()), said


def test_an_option_weighed_near_the_end_still_speaks_for_the_tradeoffs(spec):
    """Written outside the repo, a concise answer closing on "Product quantization cuts
    memory tenfold but loses some recall, which the reranker wins back." was told it
    named no tradeoff: "but loses" did not read as a cost, and in the answer's closing
    fifth the bonus for deployment (a stage expected late) left the tradeoffs under half
    of it, so the sentence no longer spoke for them."""
    from assistant.scoring.structure.scorers import WEIGHING

    assert WEIGHING.search("it cuts memory tenfold but loses some recall.")
    text = (
        "We need to flag duplicate listings within a second of upload, across forty million "
        "listings. Success is precision of ninety-five percent on a labelled sample, and fewer "
        "duplicate complaints a week. Training pairs come from listings that moderators merged, "
        "plus random pairs as negatives. A siamese encoder embeds each listing's text and "
        "photo, and an approximate nearest neighbour index returns close candidates. The index "
        "runs in memory on two CPU replicas behind the upload service, rolled out to ten percent "
        "first. Int8 quantization halves the memory but loses some recall, which a second-stage "
        "comparer wins back."
    )
    report = analyse_text(
        text, Settings(), structure=spec.as_whole(), question="duplicate-listings"
    )
    stages = {st.id: st for st in report.structure.stages}
    assert stages["tradeoffs"].depth >= 2
    assert "Int8 quantization" in stages["tradeoffs"].depth_evidence.quote


def test_an_alert_rule_in_a_sentence_about_serving_keeps_monitoring_described(spec):
    """Written outside the repo (tests/eval/outside): a concise answer's "Summaries are
    precomputed and served from cache, starting with one category, and we alert if the
    daily faithfulness sample drops below 95 percent." was told monitoring "came up only
    in passing": the rules read it as described, and the depth head, seeing a sentence
    mostly about serving, took it down to absent."""
    text = (EVAL.parent / "outside" / "review-summarisation-concise.txt").read_text()
    report = analyse_text(
        text, Settings(), structure=spec.as_whole(), question="review-summarisation"
    )
    monitoring = next(st for st in report.structure.stages if st.id == "monitoring")
    assert monitoring.depth >= 2
    assert "alert if" in monitoring.depth_evidence.quote
    said = [f.message for f in report.feedback]
    assert not any(m.startswith("Monitoring") and "in passing" in m for m in said), said


def test_an_opening_that_goes_on_past_the_question_is_not_said_back_and_hides_no_finding(spec):
    """Written outside the repo (tests/eval/outside): "Let me frame it first: every
    incoming message gets one of three outcomes, …, so I'd build it as one spam score with
    two thresholds rather than a single yes or no classifier" was told "For problem framing
    you said the question back" (the first piece of the long sentence is the question's
    words), and "The model was chosen before any success metrics…", which cost 5 points,
    was never shown: it quoted the same sentence as the framing item."""
    text = (EVAL.parent / "outside" / "spam-filter-framed-with-the-question.txt").read_text()
    report = analyse_text(text, Settings(), structure=spec.as_whole(), question="spam-filter")
    said = [f.message for f in report.feedback]
    assert not any("said the question back" in m for m in said), said
    kinds = {o.kind for o in report.structure.order_findings}
    assert "model_first" in kinds
    assert any(m.startswith("The model was chosen before") for m in said), said


def test_a_choice_over_another_option_is_not_praised_as_options_weighed(spec):
    """Session 35's labelled answers: "Fraud is very imbalanced, so I'd look at precision
    and recall instead of accuracy." and "…an elasticity model for acceptance versus
    price," were praised "Options were weighed against each other here": neither says
    what a choice costs. Where another sentence does weigh two options, that one is
    quoted; where none does, the candidate is told what the choice still lacks."""
    shipped = spec.as_whole()  # as `score` reads it
    chosen = (
        "For each card payment we approve, block or send it to review. "
        "For the model I'd use LightGBM on the payment features. "
        "Fraud is very imbalanced, so I'd look at precision and recall instead of accuracy."
    )
    report = analyse_text(chosen, Settings(), structure=shipped, question="fraud-detection")
    (item,) = [f for f in report.feedback if f.metric == "structure.tradeoffs"]
    assert not item.message.startswith("Options were weighed"), item.message
    weighed = chosen + (
        " A sequence model over the card's history might catch a little more fraud, but it "
        "is much harder to serve inside 150 milliseconds, so it waits for a later version."
    )
    report = analyse_text(weighed, Settings(), structure=shipped, question="fraud-detection")
    (item,) = [f for f in report.feedback if f.metric == "structure.tradeoffs"]
    assert item.message.startswith("Options were weighed"), item.message
    assert "instead of accuracy" not in item.evidence.quote


def test_a_stage_a_sentence_puts_figures_on_stays_described_whatever_the_head_reads(spec):
    """Session 37's tester (tests/eval/outside, a plain spoken answer): "each night: pull
    yesterday's sales from the tills around midnight, …, work out … the average of the
    last four weeks …" and "after launch we compare guesses against what actually sold
    every day by category, and if, say, dairy is off by more than fifteen percent three
    days in a row someone gets a message" were told the pipeline and monitoring "came up
    only in passing", quoting those sentences: the rules read them as described, and the
    depth head, seeing sentences read mostly as metrics, took both down to absent."""
    text = (EVAL.parent / "outside" / "demand-forecasting-plain-steps.txt").read_text()
    report = analyse_text(
        text, Settings(), structure=spec.as_whole(), question="demand-forecasting"
    )
    depth = {st.id: st.depth for st in report.structure.stages}
    assert depth["pipeline"] >= 2 and depth["monitoring"] >= 2, depth
    said = [f.message for f in report.feedback]
    assert not any("in passing" in m for m in said), said


def test_a_reason_in_the_rest_of_a_long_sentence_keeps_its_choice_justified(spec):
    """Session 37's tester: "the flow is, when a listing is created we, um, normalise the
    text, compute a perceptual hash of each photo and a text embedding, | then look up
    … so we only compare a few hundred pairs instead of the whole catalogue" was told
    "You described data pipeline and features but not why": the sentence was cut for
    length, and the depth head read its first piece alone, a choice with no reason."""
    text = (EVAL.parent / "outside" / "duplicate-listings-strong-spoken.txt").read_text()
    report = analyse_text(
        text, Settings(), structure=spec.as_whole(), question="duplicate-listings"
    )
    pipeline = next(st for st in report.structure.stages if st.id == "pipeline")
    assert pipeline.depth == 3
    said = [f.message for f in report.feedback]
    assert not any(m.startswith("You described data pipeline") for m in said), said


def test_an_end_to_end_model_is_no_recap(spec):
    """Session 37's tester: an answer with no close, ending on its impact, was praised
    for "Summary and next steps | described" quoting "I'd take that over an end-to-end
    audio model, because…": "end to end" is one of the recap's words, and it was read
    inside a model's name."""
    text = (EVAL.parent / "outside" / "call-routing-shuffled.txt").read_text()
    report = analyse_text(text, Settings(), structure=spec.as_whole())
    summary = next(st for st in report.structure.stages if st.id == "summary")
    assert summary.depth < 2
    said = [f.message for f in report.feedback]
    assert not any("end-to-end audio model" in m and "ummary" in m for m in said), said


@pytest.mark.parametrize(
    ("said", "kind"),
    [
        (
            "A fine-tuned DistilBERT plus account features beats an end-to-end audio model "
            "that needs more data and can't be explained.",
            "comparison",
        ),
        (
            "Offline I'd measure MRR of the finally submitted query per prefix, not "
            "suggestion clicks, which are position-biased.",
            "comparison",
        ),
        ("It sits next to the phone system and answers in a third of a second.", "budget"),
        ("It answers in half a second on ordinary machines.", "budget"),
    ],
)
def test_an_option_beaten_or_turned_down_and_a_share_of_a_second_are_read(said, kind):
    """Session 37's tester: the first two were told "You described model choice / success
    metrics but not why", and the third "…but not how predictions reach users, within
    what time"."""
    sub = substance_reader(RUBRIC).read(said)
    assert getattr(sub, kind)
    if kind == "budget":
        assert sub.level >= 2


def test_an_opening_that_bounds_what_is_shown_in_words_frames_the_task(spec):
    """Session 37's tester: "So autocomplete: as the user types a prefix, we show up to
    eight completions, and I'd frame the goal as saving people keystrokes …" was told
    "You named problem framing … but not who it is for" and lost 5 points for "Opening
    on problem framing only in passing": a bound said in words ("up to eight", "fewer
    than fifty users") was no quantity, so the opening read as named."""
    reader = substance_reader(RUBRIC)
    assert reader.read("we show up to eight completions").quantities == 1
    assert reader.read("drop queries seen by fewer than fifty distinct users").quantities == 1
    assert reader.read("there is more than one way").quantities == 0
    text = (EVAL.parent / "outside" / "query-autocomplete-reasoned.txt").read_text()
    report = analyse_text(
        text, Settings(), structure=spec.as_whole(), question="query-autocomplete"
    )
    framing = next(st for st in report.structure.stages if st.id == "framing")
    assert framing.depth >= 2
    said = [f.message for f in report.feedback]
    assert not any("only in passing" in m for m in said), said


# A plain answer for a spam filter whose middle walks through steps in everyday words.
PLAIN_STEPS_SPAM = (
    "We want to keep junk mail out of people's inboxes without losing the letters they "
    "actually wanted.\n"
    "We get about three billion messages a day, and each one has to be sorted in under "
    "a tenth of a second.\n"
    "We'd count how many real spam messages we catch, and how often someone digs a good "
    "letter back out of the junk folder.\n"
    "People hit the report button, and that gives us our yes and no examples.\n"
    "First we take each message as it lands, with the sender, the subject, the body and "
    "the links.\n"
    "Then we pull the links out and look up how old each web address is.\n"
    "Then we count how many people got the same text in the last hour.\n"
    "Then we hand all of that to the model.\n"
    "For the model I'd use boosted trees, because they are quick and we can see why "
    "they decided.\n"
    "It runs next to the mail servers and answers before the message is stored.\n"
    "Every day we look at how many letters people move out of junk, and if that doubles "
    "we retrain.\n"
    "To sum up: quick trees over sender, link and volume signals, checked every day.\n"
)
# The same middle said as one sentence that chains what is done to each message.
CHAINED_STEPS_SPAM = PLAIN_STEPS_SPAM.replace(
    "First we take each message as it lands, with the sender, the subject, the body and "
    "the links.\n"
    "Then we pull the links out and look up how old each web address is.\n"
    "Then we count how many people got the same text in the last hour.\n"
    "Then we hand all of that to the model.\n",
    "As a message lands we strip the tracking pixels, pull out every link, look up how old "
    "each web address is, and count how many people got the same text in the last hour.\n",
)


@pytest.mark.parametrize("text", [PLAIN_STEPS_SPAM, CHAINED_STEPS_SPAM], ids=["run", "chain"])
def test_steps_said_in_plain_words_are_the_pipeline(spec, text):
    """Session 37's tester: a pipeline said as "First we take every ad… Then we clean
    the text… Then we…", or as one sentence of actions ("we turn speech into text, keep
    the first ten seconds, blank out names…"), was told "Data pipeline and features came
    up only in passing": each step read as the data it handles. A run of steps is a
    process, and the pipeline is quoted from it."""
    report = analyse_text(text, Settings(), structure=spec.as_whole(), question="spam-filter")
    pipeline = report.structure.stage("pipeline")
    assert pipeline.depth >= 2, pipeline
    assert any(
        w in pipeline.depth_evidence.quote for w in ("we pull the links", "strip the tracking")
    ) or pipeline.depth_evidence.quote.startswith(("First we", "Then we")), pipeline
    said = [f.message for f in report.feedback]
    assert not any(m.startswith("Data pipeline and features came up") for m in said), said


def test_a_run_of_steps_or_a_chain_of_actions_is_a_process_and_a_plan_is_not():
    """Three "Then we…" sentences in a row are a process; two are not, nor is a plan of
    the answer said as "First I'd…" once, nor a sentence with one action."""
    from assistant.scoring.structure.steps import chained_actions, process_sentences

    def segs(text: str) -> list[Segment]:
        words, ends = words_from_text(text)
        return split_segments(words, timed=False, line_ends=ends)

    three = segs("First we take the mail.\nThen we clean it.\nThen we count links.\nDone.\n")
    assert process_sentences(three) == [0, 1, 2]
    two = segs("First we take the mail.\nThen we clean it.\nThe model is a tree.\n")
    assert process_sentences(two) == []
    assert chained_actions("we strip boilerplate, keep the title and lead, and embed it") == 3
    assert chained_actions("we keep a year of sensor counts, which is plenty") == 1


def test_the_model_s_operating_threshold_is_no_success_metric(spec):
    """Session 37's tester: a model-only answer was told "You described success metrics"
    for the sentence that says above which cosine similarity two listings count as one.
    That is how the model decides, not how anyone knows it works; a threshold said with a
    measure ("…set for 99 percent precision") still speaks for the metrics."""
    said = (
        "I would use a siamese network with a text encoder and an image encoder for each "
        "listing.\n"
        "When a new listing comes in we compute its similarity to nearby ones and anything "
        "above 0.88 cosine is marked as a copy.\n"
        "I'd train it with a contrastive loss on pairs that moderators already merged.\n"
        "For the image side I'd start from a pretrained checkpoint and freeze the first "
        "layers.\n"
    )
    report = analyse_text(
        said, Settings(), structure=spec.as_whole(), question="duplicate-listings"
    )
    assert report.structure.stage("metrics").depth < 2
    assert not any(f.message.startswith("You described success") for f in report.feedback)
    from assistant.scoring.structure.analysis import _operating_points

    row = {"metrics": 1.8, "model": 1.2}
    kept = _operating_points(RUBRIC, [row], ["we cut off at 0.9 similarity for 99% precision"])
    assert kept[0]["metrics"] == 1.8
    held = "so I'd set thresholds to keep false alarms under 1 percent"  # the rate is the metric
    assert _operating_points(RUBRIC, [row], [held])[0]["metrics"] == 1.8


def test_an_answer_that_ends_on_a_choice_and_its_impact_did_not_sum_up(spec):
    """Session 37's tester: a shuffled answer that ended on a weighed choice and its
    impact was never told it did not end with a summary, though every other answer with
    no close was: the weighed choice held a faint echo of a recap. A sentence at the end
    closes the answer only where the close is one of the things it mainly says."""
    said = (
        "I'd use boosted trees over sender history, link age and how many people got the "
        "same text, because they are quick and we can see why they decided.\n"
        "They run next to the mail servers, under twenty milliseconds a message, and "
        "anything the model is unsure about goes to the junk folder rather than being "
        "deleted.\n"
        "Every day we look at how many letters people move out of junk, and if that "
        "doubles in a week we retrain on the fresh reports.\n"
        "The labels come from the report button and from letters people rescue from junk, "
        "about two million a day.\n"
        "So, the actual problem: keep junk out of about three billion messages a day "
        "without losing the letters people wanted.\n"
        "Offline we'd measure precision and recall on a held-out week, and online how "
        "often a good letter lands in junk.\n"
        "Scoring right away instead of waiting for more people to report it gives up some "
        "accuracy for a quicker decision overall.\n"
        "And fewer lost letters means happier users.\n"
    )
    report = analyse_text(said, Settings(), structure=spec.as_whole(), question="spam-filter")
    kinds = [o.kind for o in report.structure.order_findings]
    assert "no_close" in kinds, kinds
    closed = said + "So overall: quick trees on sender and link signals, junk over deletion, "
    closed += "watched daily on rescued letters.\n"
    report = analyse_text(closed, Settings(), structure=spec.as_whole(), question="spam-filter")
    assert "no_close" not in [o.kind for o in report.structure.order_findings]
    # a recap that says the parts again reads mostly as those parts: said last, it closes
    parts = said + "So: trees served next to the mail servers under twenty milliseconds, a "
    parts += "canary rollout, and next, on-device checks.\n"
    report = analyse_text(parts, Settings(), structure=spec.as_whole(), question="spam-filter")
    assert "no_close" not in [o.kind for o in report.structure.order_findings]


AUTOCOMPLETE_BODY = (
    "As someone types, we suggest up to eight ways to finish the query, to save keystrokes "
    "and never show anything offensive.\n"
    "We serve about a hundred thousand keystrokes a second, each answered in under fifty "
    "milliseconds.\n"
    "{middle}\n"
    "The candidates sit in a prefix tree, and a small boosted-tree ranker orders them by "
    "recent popularity and the user's language.\n"
    "It runs in memory on the search front ends, so nothing leaves the data centre.\n"
    "Every day we look at how often people take a suggestion, and if it drops by a tenth we "
    "roll back the last rebuild.\n"
    "So: an hourly tree of popular queries, a small ranker, and a daily check on take-up.\n"
)


@pytest.mark.parametrize(
    ("middle", "stage"),
    [
        (
            "Each night we count every query from the last month, weight recent ones higher, "
            "and throw away any query fewer than a hundred different people typed, for privacy.",
            "pipeline",
        ),
        (
            "Offline I'd use mean reciprocal rank rather than precision at one, because "
            "precision at one ignores a good suggestion shown in second place.",
            "metrics",
        ),
    ],
    ids=["purpose", "named-alternative"],
)
def test_a_reason_tied_to_this_design_is_not_taken_for_a_general_one(spec, middle, stage):
    """Session 37's tester: "…drop queries seen by fewer than fifty distinct users for
    privacy" was told "described … but not why", and "WAPE rather than MAPE, because MAPE
    explodes on items that mostly sell zero" was told "You gave a reason …, but a general
    one". A purpose named after the step, and a reason that names the option turned down
    and its fault, are tied to this design: the stage stays justified."""
    text = AUTOCOMPLETE_BODY.format(middle=middle)
    report = analyse_text(
        text, Settings(), structure=spec.as_whole(), question="query-autocomplete"
    )
    assert report.structure.stage(stage).depth == 3
    title = RUBRIC.stage(stage).title.lower()
    said = [f.message for f in report.feedback]
    assert not any(
        m.startswith((f"You described {title}", f"You gave a reason for {title}")) for m in said
    ), said


def test_a_purpose_is_named_after_the_step_not_a_team_or_a_check():
    reader = substance_reader(RUBRIC)
    assert reader.read("we hash the user ids before storing them, for privacy").purpose
    assert not reader.read("we send the flagged ones to the privacy team").purpose
    assert not reader.read("the logs go for a safety review each month").purpose


CONCISE_ETA = (
    "We predict when a food order reaches the customer, shown at checkout and updated on "
    "the way.\n"
    "Forty thousand orders an hour at dinner peak, each estimate within fifty milliseconds.\n"
    "Mean absolute error in minutes, plus the share of orders later than promised by over "
    "ten minutes.\n"
    "Labels are actual drop-off times from courier phones; features are kitchen backlog, "
    "distance and live traffic.\n"
    "A LightGBM regressor over those, since the features are tabular and it is quick to "
    "retrain.\n"
    "It serves from memory beside the checkout service and re-estimates at each courier "
    "ping.\n"
    "We alert when the late share passes eight percent for an hour and retrain weekly.\n"
    "{close}\n"
    "So: LightGBM on kitchen, distance and traffic, served in memory, watched on late share.\n"
)


@pytest.mark.parametrize(
    ("close", "outcome"),
    [
        (
            "A two-minute buffer trades checkout conversion for fewer late orders.\n"
            "Fewer late orders mean fewer support tickets and more repeat customers.",
            "Fewer late orders mean",
        ),
    ],
)
def test_a_concise_tradeoff_and_impact_are_described_in_few_words(spec, close, outcome):
    """Session 37's tester: concise answers were told "No tradeoff was named" for "Hourly
    rebuilds trade review time for freshness.", and that the impact "came up only in
    passing" for "Fewer keystrokes means more successful searches…": a few plain words
    with no figure, which the depth head read as said in passing. "X trades A for B"
    weighs a cost, and "fewer A means more B" says what the design brings."""
    report = analyse_text(
        CONCISE_ETA.format(close=close),
        Settings(),
        structure=spec.as_whole(),
        question="eta-prediction",
    )
    trade, impact = report.structure.stage("tradeoffs"), report.structure.stage("impact")
    assert trade.depth >= 2 and "trades" in trade.depth_evidence.quote, trade
    assert impact.depth >= 2 and outcome in impact.depth_evidence.quote, impact
    said = [f.message for f in report.feedback]
    assert not any(m.startswith(("No tradeoff", "Business and user impact came")) for m in said)


SHUFFLED_FRAUD = (
    "I'd score each payment with gradient boosted trees over card history, merchant risk "
    "and device signals, because they handle mixed tabular features well and are quick to "
    "serve.\n"
    "It runs inline in the payment path, under thirty milliseconds at p99, and anything "
    "above the block score goes to a manual review queue.\n"
    "Labels come from chargebacks, which arrive up to ninety days later, plus analyst "
    "decisions on reviewed payments.\n"
    "Each hour we compare blocked rates by merchant against last week and page the risk "
    "team if the chargeback rate is above half a percent two days running.\n"
    "Oh, and I should say what we're actually solving: stop stolen cards being used at our "
    "merchants without blocking the honest buyers.\n"
    "Offline I'd measure recall at a fixed false positive rate, and online the chargeback "
    "rate and the share of good customers blocked.\n"
    "Blocking more catches more fraud but turns away good customers, so I'd set the line "
    "per merchant.\n"
)


def test_stages_said_out_of_their_place_are_still_heard(spec):
    """Session 37's tester (shuffled answers): "Every day we'd compare forecast to
    actuals by category and page the planning team if bias is above fifteen percent three
    days in a row" and "Oh and I should say what we're actually solving: …" were told
    monitoring and framing "came up only in passing". An alert on a number that "is
    above" a line is a monitoring rule, and "what we're actually solving" frames the
    problem wherever it is said; the late framing is still an order finding."""
    report = analyse_text(
        SHUFFLED_FRAUD, Settings(), structure=spec.as_whole(), question="fraud-detection"
    )
    monitoring = report.structure.stage("monitoring")
    assert monitoring.depth >= 2 and "page the risk team" in monitoring.depth_evidence.quote
    framing = report.structure.stage("framing")
    assert framing.depth >= 2 and "actually solving" in framing.depth_evidence.quote
    said = [f.message for f in report.feedback]
    assert not any(m.startswith(("Monitoring and", "Problem framing came up")) for m in said)
    assert "late_start" in [o.kind for o in report.structure.order_findings]


# written for this test: a delivery-time answer of over a hundred words, then a recap the
# speech model heard as "three monitor and career features, trained highly…"
ETA_BODY = (
    "The goal is to predict how long a delivery takes from the moment the order is placed. "
    "The estimate has to come back in a hundred milliseconds because it sits on the checkout "
    "page. For the metric I would use the mean absolute error in minutes and the share of "
    "orders more than ten minutes late. The labels are past orders with the restaurant prep "
    "time, the courier location, the distance and the time of day. For the model I would "
    "start with gradient boosted trees because they are cheap to serve and easy to debug. We "
    "deploy it behind a shadow test first, and we monitor the error by city every day and "
    "alert when it drifts more than twenty percent."
)


def _ending_misheard(last: str, heard: int):
    """The ETA answer heard clearly, then ``last``, of which only the first ``heard``
    words were heard with confidence: its sentences."""
    sure = _heard(ETA_BODY)
    end = sure[-1].end
    tail = [
        Word(t, end + 0.5 + i * 0.3, end + 0.75 + i * 0.3, 0.95 if i < heard else 0.2)
        for i, t in enumerate(last.split())
    ]
    return split_segments(sure + tail)


@pytest.mark.parametrize(
    ("last", "closes"),
    [
        (
            "So, to sum up, three monitor and career features, trained highly, measure non-liters.",
            True,
        ),
        ("Then three monitor and career features, trained highly, measure non-liters.", False),
    ],
)
def test_a_recap_the_speech_model_misheard_still_ends_the_answer(spec, last, closes):
    """The app told a candidate "Your first answer did not end with summary and next steps
    at 1:13" and quoted "So, to sum up, three monitor and career features…": the recap's
    words were misheard, so it served no stage, but it opens by saying it sums up. A
    misheard last sentence that says no such thing still leaves the answer unclosed."""
    segs = _ending_misheard(last, heard=4 if closes else 0)
    assert segs[-1].text.startswith(last.split()[0])
    a = analyse_structure(RUBRIC, segs, spec.scorer.score(segs))
    assert ("no_close" not in {o.kind for o in a.order}) == closes


def test_a_deed_with_no_object_of_its_own_earns_no_stage(spec):
    """Written for this test: "Then we process it." and "And we handle that." say nothing
    of what is done; read on their own, the sentence model guessed serving, and "You
    named deployment and serving (“Then we process it.”)" was the feedback. Saying what
    is done ("We monitor it.") still names its stage."""
    text = (
        "The goal is to find subscribers likely to cancel in the next thirty days so the "
        "retention team can call the top two thousand each week.\n"
        "We collect the data.\n"
        "Then we process it.\n"
        "I'd use gradient boosted trees because the features are tabular and the callers "
        "need each score explained.\n"
        "And we handle that.\n"
        "We monitor it.\n"
    )
    report = analyse_text(text, Settings(), structure=spec, question="churn-prediction")
    quoted = {s.id: s.depth_evidence.quote for s in report.structure.stages if s.depth_evidence}
    assert "Then we process it." not in quoted.values(), quoted
    assert "And we handle that." not in quoted.values(), quoted
    assert quoted["monitoring"] == "We monitor it."
    said = [f.evidence.quote for f in report.feedback if f.evidence is not None]
    assert not any(q in ("Then we process it.", "And we handle that.") for q in said), said


def test_a_stage_said_only_in_passing_is_not_quoted_from_a_sentence_about_another(spec):
    """Written for this test: "We'd use the customer data, like demographics and plan type
    and how often they watch." is about the data; beside its neighbours it leaves a trace
    of the impact, and "Business and user impact came up only in passing" quoted it. A
    stage said only in passing is quoted from a sentence about it, or not at all."""
    text = (
        "We want to find subscribers likely to cancel in the next month so the retention "
        "team can call them first.\n"
        "We'd use the customer data, like demographics and plan type and how often they "
        "watch.\n"
        "I'd train gradient boosted trees on that because the features are tabular.\n"
        "We measure precision in the top two thousand each week.\n"
    )
    whole = spec.as_whole()  # as `score` reads it
    report = analyse_text(text, Settings(), structure=whole, question="churn-prediction")
    impact = next(f for f in report.feedback if f.metric == "structure.impact")
    assert "only in passing" in impact.message
    assert impact.evidence is None or "customer data" not in impact.evidence.quote


@pytest.mark.parametrize(
    ("last", "heading"),
    [
        ("To sum up, I'm ooasted three on streaming features, measured eye-laid orders.", True),
        ("Then I'm ooasted three on streaming features, measured eye-laid orders.", False),
    ],
)
def test_a_misheard_recap_under_its_heading_is_not_reported_missing(spec, last, heading):
    """A checker's spoken ETA answer ended "To sum up, a boosted tree on streaming features,
    measured by late orders.", heard as "To sum up, I'm ooasted three on streaming
    features, measured eye-laid orders.": too unsure to earn a stage, and the report said
    "No summary and next steps in the answer". The heading was heard: the summary came up,
    though what it said was not. Mis-heard words with no heading still count for nothing."""
    segs = _ending_misheard(last, heard=3 if heading else 0)
    a = analyse_structure(RUBRIC, segs, spec.scorer.score(segs))
    assert (a.strengths[-1].get("summary", 0.0) > 0) == heading, a.strengths[-1]
    assert a.stage("summary").depth <= 1


def test_a_sentence_that_opens_on_its_own_stage_is_not_read_under_the_heading_before_it(spec):
    """Written for this test: a short sentence that names one stage heads what follows
    ("Next, the data."), but "Constraints: we have about a hundred million listeners…"
    says which stage it is on. Read under the heading before it, it gave the data stage a
    general reason and was quoted for it; a checker's typed answer had its framing quoted
    from its "Constraints: …" sentence the same way, under a stray "Monday."."""
    text = (
        "The goal is that listeners find new music they keep, not tracks they skip.\n"
        "Next, the data.\n"
        "Constraints: we have about a hundred million listeners and the playlist is built "
        "once a week offline, so latency is not a big deal.\n"
        "For data we have listening history, skips and saves.\n"
    )
    report = analyse_text(text, Settings(), structure=spec.as_whole(), question="music-playlist")
    stages = {s.id: s for s in report.structure.stages}
    assert stages["constraints"].depth_evidence.quote.startswith("Constraints:")
    assert stages["data"].depth_evidence.quote.startswith("For data")
    data = [f for f in report.feedback if f.metric == "structure.data" and f.evidence]
    assert data and all("Constraints:" not in f.evidence.quote for f in data)


@pytest.mark.parametrize(
    "said",
    [
        "We want to catch stolen cards before the payment clears, and success is the share of "
        "fraud dollars we stop at a half percent false alarm rate.",
        "We need to flag risky payments while the shopper waits, and I'd measure recall at a "
        "fixed false positive rate.",
    ],
)
def test_a_goal_said_as_what_we_want_frames_the_answer_beside_its_metric(spec, said):
    """ "We want to block fraudulent payments at checkout, and the metric is recall at a one
    percent false positive rate." got its metric and no framing: "the goal is to…" framed
    an answer, "we want to…" did not."""
    structure = structure_of(said, spec.as_whole(), "fraud-detection")
    assert structure.stage("framing").depth >= 1
    assert structure.stage("metrics").depth >= 2


@pytest.mark.parametrize(
    "said",
    [
        "The measure I'd use is accepted connections per member, not requests sent.",
        "I would track accepted connection requests per thousand suggestions shown.",
    ],
)
def test_a_metric_said_as_a_count_per_member_names_the_number(spec, said):
    """ "The success metric is accepted invitations per member, not invitations sent." was
    told "You named success metrics … but not which number you would compute": a count per
    member is the number."""
    report = analyse_text(
        said, Settings(), structure=spec.as_whole(), question="people-you-may-know"
    )
    assert report.structure.stage("metrics").depth >= 2
    assert not any("not which number" in f.message for f in report.feedback)


FORECAST_BODY = (
    "The goal is to forecast next week's sales of each product in each store so that orders "
    "waste less food. We need the forecast by Sunday night, for about two thousand stores. "
    "We judge it on the weekly waste rate and on stock-outs, measured per store. The data is "
    "three years of daily sales per product and store, with promotions and holidays. A "
    "gradient boosted tree model per product family predicts the week's units, trained every "
    "Sunday on the latest sales. The forecasts go into the ordering system as suggested "
    "orders that store managers can change. We watch the forecast error per store every "
    "week and alert when it drifts. "
)


@pytest.mark.parametrize(
    "weighed",
    [
        "The tradeoff is fewer stock-outs versus store managers' trust; we lean towards trust, "
        "so only confident forecasts become automatic orders.",
        "The tradeoff here is catching every sale against the managers' trust, and I chose "
        "their trust: only confident forecasts become automatic orders.",
    ],
)
def test_a_side_taken_between_two_named_sides_gives_up_the_other(spec, weighed):
    """Written outside the repo: "The tradeoff: recall versus seller trust, I lean precise."
    and "…precision versus reach; I chose a high bar for auto-removal…" were told "You set
    one option against another here, but not what your choice gives up": the side not
    taken is what the choice gives up, though no cost word (latency, money) is said."""
    text = FORECAST_BODY + weighed + " The impact is less waste and fewer empty shelves."
    report = analyse_text(text, Settings(), structure=spec, question="demand-forecasting")
    lines = [f for f in report.feedback if f.metric == "structure.tradeoffs"]
    assert lines and lines[0].severity == "good", lines
    assert lines[0].message.startswith("Options were weighed"), lines


def test_two_sides_named_with_none_taken_are_not_praised_as_weighed(spec):
    """...but two sides named with the choice put off take no side."""
    text = (
        FORECAST_BODY + "The tradeoff is fewer stock-outs versus store managers' trust, and "
        "we'll balance them later. The impact is less waste and fewer empty shelves."
    )
    report = analyse_text(text, Settings(), structure=spec, question="demand-forecasting")
    assert not any(f.message.startswith("Options were weighed") for f in report.feedback)


PRICED_ETA_BODY = (
    "The goal is to show customers a delivery time they can trust when they order. We have "
    "about two hundred milliseconds per request and four million orders a day. We judge it "
    "on mean absolute error and on the share of orders that arrive late. The data is courier "
    "GPS pings and past delivery timestamps. A gradient boosted tree model predicts each leg "
    "of the trip, retrained every night. We watch the error per city every day and alert "
    "when it drifts. "
)


@pytest.mark.parametrize(
    "priced",
    [
        "The tradeoff: padding the estimate costs some orders, but keeps trust.",
        "Showing a later time costs some orders, but keeps trust.",
    ],
)
def test_a_choice_priced_in_plain_words_is_a_tradeoff_weighed(spec, priced):
    """Written outside the repo: "Being a bit careful costs some orders, but keeps trust."
    was told "No tradeoff was named", and with "The tradeoff:" before it "You named a
    tradeoff, but not in full": the choice, what it costs and what it keeps are all said,
    in words that are each the question's or anyone's."""
    text = PRICED_ETA_BODY + priced + " The impact is fewer refunds."
    report = analyse_text(text, Settings(), structure=spec, question="eta-prediction")
    assert report.structure.stage("tradeoffs").depth >= 2
    lines = [f for f in report.feedback if f.metric == "structure.tradeoffs"]
    assert lines and lines[0].message.startswith("Options were weighed"), lines


SPAM_BODY = (
    "So for spam comments I would build a classifier that gives a probability that a comment "
    "is spam, for each kind, scams, ads, bots. The labels come from moderators' past "
    "decisions and from user flags. For text I'd use a small transformer, and then a "
    "classifier head on top. When a comment is posted we compute the embedding, run the "
    "classifier, and based on the score we hide it, queue it for review, or let it through. "
    "I would retrain the model every week with new labels. For evaluation I'd use precision "
    "and recall. We can put it behind a service that is called on every comment, and we "
    "should monitor it. "
)


@pytest.mark.parametrize(
    "close",
    [
        "So, summary: boosted trees per family, humans on shaky forecasts, waste as the north "
        "star.",
        "Recap: boosted trees per family, humans on shaky forecasts, waste as the north star.",
        "Bottom line: boosted trees per family and humans on shaky forecasts.",
    ],
)
def test_a_recap_under_a_heading_of_its_own_says_it_lands(close):
    """Written outside the repo: "So, summary: cascade, humans in the loop, prevalence as
    north star." was "named … but not a recap of the design", while the same recap opened
    by "So to summarise:" was described: a close named as a heading says it recaps, and
    with words of its own it describes the close (:func:`depth._close_level`)."""
    assert says_it_lands(close)
    assert not says_it_lands("Summary statistics go to the dashboard every morning.")


FORECAST_NO_METRICS = (
    "The goal is to forecast next week's sales of each product in each store so that orders "
    "waste less food. We need the forecast by Sunday night, for about two thousand stores. "
    "The data is three years of daily sales per product and store, with promotions and "
    "holidays. A gradient boosted tree model per product family predicts the week's units, "
    "trained every Sunday on the latest sales. "
)


@pytest.mark.parametrize(
    ("said", "depth"),
    [
        ("For evaluation we'd use MAPE and RMSE.", 1),
        ("We'll use the right metrics, like precision, recall and business KPIs.", 1),
        ("Offline I'd track MAPE per store and week, and online the waste rate.", 2),
    ],
)
def test_measures_named_and_nothing_else_name_the_metrics(spec, said, depth):
    """Written outside the repo: "we'll use the right metrics, precision, recall, business
    KPIs" and "For evaluation I'd use precision and recall." read as metrics described: a
    list of measure names says neither which number is computed where nor which mistake
    costs more. A word beside them that says where ("per store and week", "online") still
    describes them."""
    text = FORECAST_NO_METRICS + said + " The impact is less waste and fewer empty shelves."
    report = analyse_text(text, Settings(), structure=spec, question="demand-forecasting")
    assert min(report.structure.stage("metrics").depth, 2) == depth


def test_two_sides_in_one_sentence_and_the_side_taken_in_the_next_are_weighed(spec):
    """Heard from a recording outside the repo: "The trade-off here is precision versus
    reach." / "I chose a high bar …" (the speech model cut the sentence in two) was told
    "You set one option against another here, but not what your choice gives up": the
    side taken in the next sentence gives up the other, as it does in one sentence. Two
    sides followed by a weighing put off take none."""
    sides = "The tradeoff here is catching more spam versus hiding real comments. "
    taken = "I chose a high bar for hiding, since a wrongly hidden comment upsets a real person."
    for then, weighed in ((taken, True), ("We will balance them over time.", False)):
        report = analyse_text(
            SPAM_BODY + sides + then + " The impact is less spam seen.",
            Settings(),
            structure=spec,
            question="harmful-content",
        )
        lines = [f for f in report.feedback if f.metric == "structure.tradeoffs"]
        assert lines and lines[0].message.startswith("Options were weighed") == weighed, lines


@pytest.mark.parametrize("whole", [False, True], ids=["rules", "whole answer"])
def test_plain_sides_of_a_tradeoff_with_the_side_taken_next_weigh_as_one_sentence(spec, whole):
    """An engineer's answer outside the repo ended "The tradeoff is recall against user
    trust. We lean towards trust, so only very confident scores hide a comment." and was
    told "No tradeoff was named": the first sentence has one word of its own ("recall"),
    so it read as filler ("there are tradeoffs"), and the second alone weighs nothing.
    Said with ", and we lean" in one sentence it was justified. The side taken next is
    what the first sentence does, however plain its two sides."""
    spec = spec.as_whole() if whole else spec
    end = " The impact is less spam seen."
    two = "The tradeoff is recall against user trust. We lean towards trust, so only very "
    one = "The tradeoff is recall against user trust, and we lean towards trust, so only very "
    depths = []
    for said in (two, one):
        text = SPAM_BODY + said + "confident scores hide a comment." + end
        report = analyse_text(text, Settings(), structure=spec, question="harmful-content")
        depths.append(report.structure.stage("tradeoffs").depth)
        lines = [f for f in report.feedback if f.metric == "structure.tradeoffs"]
        assert not any(f.message.startswith("No tradeoff") for f in lines), lines
    assert depths[0] == 3
    # the rules read the one sentence alike; a depth head may read it lower, not under
    # described
    assert depths[1] == 3 if not whole else depths[1] >= 2
    # two plain sides and no side taken stay as they were: named at most
    said = "The tradeoff is recall against user trust. We retrain every week."
    text = SPAM_BODY + said + end
    report = analyse_text(text, Settings(), structure=spec, question="harmful-content")
    assert report.structure.stage("tradeoffs").depth <= 1
