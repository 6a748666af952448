""" "You named X but not Y" only where the sentence lacks Y.

A candidate was told "you named data and labels but not where the examples and labels
come from" after saying where they come from, "not what you would watch" under a quote
listing what is watched, "not which outcome" after naming the outcome, and that a model
picked with no word of why came "with reasons". The answers below were written for
these tests.
"""

from __future__ import annotations

import numpy as np

from assistant.scoring.structure.analysis import (
    analyse_structure,
    formulates,
    signpost_segments,
    substance_reader,
)
from assistant.scoring.structure.depth import StageDepth
from assistant.scoring.structure.depth_head import DepthHead, depth_features
from assistant.scoring.structure.findings import structure_feedback
from assistant.scoring.structure.scorers import CONCRETE_PHRASES
from assistant.scoring.structure.segments import split_segments, words_from_text
from assistant.scoring.structure.substance import defers_weighing
from rubrics import load_rubric

RUBRIC = load_rubric("ml-system-design")


def _analysed(lines: list[str], rows: list[dict[str, float]]):
    words, ends = words_from_text("\n".join(lines) + "\n")
    segments = split_segments(words, timed=False, line_ends=ends)
    assert len(segments) == len(rows), [s.text for s in segments]
    return analyse_structure(RUBRIC, segments, rows)


def _named_lines(a) -> list[str]:
    said = [f.message for f in structure_feedback(a, long_answer=True)]
    return [m for m in said if m.startswith("You named")]


def test_small_letter_notes_with_an_acronym_still_end_sentences_at_full_stops():
    """Typed notes in small letters were read as a transcript that capitalises (for its
    "XGBoost"), so a full stop before a small letter joined the sentences, and "for labels
    we'd use the fares riders accepted" was cut in two and lost the data stage."""
    said = (
        "okay so surge pricing. the model is an XGBoost regressor on recent demand. for labels "
        "we'd use the fares riders accepted last month, taken from the trip logs."
    )
    words, ends = words_from_text(said)
    segments = split_segments(words, timed=False, line_ends=ends)
    assert [s.text.split()[0] for s in segments] == ["okay", "the", "for"]
    assert not any(s.continues for s in segments)
    # a transcript that capitalises still carries a sentence on after "e.g."
    cased = "We rank by price, e.g. the cheapest first. Then we show ten."
    words, ends = words_from_text(cased)
    assert len(split_segments(words, timed=False, line_ends=ends)) == 2
    # …but a filler after a full stop opens a sentence, in small letters too: "uh, we
    # score…" joined the sentence before, and its monitoring was quoted from the opening
    cased = "We pick a logistic regression. uh, we score everyone nightly. Then we watch it."
    words, ends = words_from_text(cased)
    segments = split_segments(words, timed=False, line_ends=ends)
    assert [s.text.split()[0] for s in segments] == ["We", "uh,", "Then"]
    assert not any(s.continues for s in segments)


def test_a_sentence_naming_the_outcome_describes_impact():
    a = _analysed(
        [
            "I'd rank the rides with gradient boosted trees on the last ninety days of trips.",
            "That keeps riders and drivers on the app.",
        ],
        [{"model": 3.0}, {"impact": 3.0}],
    )
    assert a.stage("impact").depth == 2
    assert not any("which outcome" in m for m in _named_lines(a))
    # a goal anyone could say of any system names no outcome
    vague = _analysed(
        [
            "I'd rank the rides with gradient boosted trees on the last ninety days of trips.",
            "This will drive business value and keep users happy.",
        ],
        [{"model": 3.0}, {"impact": 3.0}],
    )
    assert vague.stage("impact").depth == 1


def test_an_outcome_the_depth_head_took_to_absent_is_still_described():
    """ "Trustworthy stars mean confident buyers and fewer returns." was told business and
    user impact "came up only in passing": the head had taken the stage to absent."""
    words, ends = words_from_text(
        "I'd rank the rides with gradient boosted trees on the last ninety days of trips.\n"
        "Honest prices mean fewer refunds and fewer cancellations.\n"
    )
    segments = split_segments(words, timed=False, line_ends=ends)
    rows = [{"model": 3.0}, {"impact": 3.0}]
    a = analyse_structure(RUBRIC, segments, rows, depth_head=_always_reads(0))
    assert a.stage("impact").depth == 2


def test_where_the_labels_come_from_and_what_is_watched_describe_their_stages():
    a = _analysed(
        [
            "For data we have the support tickets and the chat logs.",
            "After launch we'd watch the zero-result share per country.",
        ],
        [{"data": 3.0}, {"monitoring": 3.0}],
    )
    assert a.stage("data").depth == 2
    assert a.stage("monitoring").depth == 2
    assert _named_lines(a) == []
    # typed in the app: "user spam reports" names where the labels come from, as
    # "user reports" does
    reports = _analysed(
        ["Labels come from user spam reports and not-spam clicks."], [{"data": 3.0}]
    )
    assert reports.stage("data").depth == 2 and _named_lines(reports) == []
    vague = _analysed(
        ["For data we'd need good data.", "And we'd monitor it for drift."],
        [{"data": 3.0}, {"monitoring": 3.0}],
    )
    assert vague.stage("data").depth == 1 and vague.stage("monitoring").depth == 1


def test_scoring_each_new_item_as_it_comes_in_describes_serving():
    a = _analysed(
        ["When a new listing comes in we score it, and hide it above the line."],
        [{"deployment": 3.0}],
    )
    assert a.stage("deployment").depth == 2
    vague = _analysed(["Then we deploy it on some servers."], [{"deployment": 3.0}])
    assert vague.stage("deployment").depth == 1


def test_an_alert_on_a_share_that_doubles_is_a_rule_with_its_line():
    said = "i'd page the on-call when the refund share doubles in an hour."
    assert any(rx.search(said) for rx in CONCRETE_PHRASES["monitoring"])
    assert not any(rx.search("we'd keep an eye on it.") for rx in CONCRETE_PHRASES["monitoring"])


def _always_reads(level: int) -> DepthHead:
    """A head that reads every stage at ``level``."""
    ids = RUBRIC.stage_ids
    reader = substance_reader(RUBRIC)
    rules = {s: StageDepth(0, None) for s in ids}
    n = depth_features(ids, rules, [{}], [{}], [reader.read("x")]).shape[1]
    weights = np.zeros((n + 1, 4))
    weights[-1, level] = 5.0
    return DepthHead(RUBRIC.id, ids, np.zeros(n), np.ones(n), weights)


def test_the_head_does_not_lift_a_model_picked_with_no_reason_to_justified():
    head = _always_reads(3)
    reader = substance_reader(RUBRIC)

    def model_read(said: str) -> int:
        rules = {s: StageDepth(0, None) for s in RUBRIC.stage_ids}
        rules["model"] = StageDepth(2, 0, at_level=(0, 0))
        rows = [{"model": 3.0}]
        return head.reread(rules, rows, rows, [reader.read(said)], [said])["model"].level

    assert (
        model_read("I'd train a random forest on the last year of bookings, retrained weekly.") == 2
    )
    assert (
        model_read(
            "I'd train a random forest on the last year of bookings, because the hotel "
            "features are mostly categorical and sparse."
        )
        == 3
    )
    # a reason in plain words, with no "because": what the choice copes with, and the
    # option it beats
    said = (
        "Boosted trees cope with the mix of prices, dates and regions, and are easier to "
        "explain to the sales team than a neural network."
    )
    assert model_read(said) == 3


def test_an_opening_with_its_own_heading_or_its_inputs_and_outputs_frames_the_problem():
    assert formulates("Framing: ride prices for airport pickups, quoted within 300 ms at p95.")
    assert formulates("Receipt scanning: a phone photo in, the total and the shop out.")
    assert not formulates("Latency: 300 ms at p95 for the quote.")


def test_putting_the_weighing_off_is_no_option_set_against_another():
    assert defers_weighing("So there's a balance to strike between those two.")
    assert defers_weighing("there are obviously some tradeoffs between cost and speed.")
    assert not defers_weighing(
        "the tradeoff between accuracy and latency is worth it, so I'd take the small model."
    )


def test_a_stage_a_phrase_describes_is_quoted_from_that_sentence():
    """A fresh clone's spoken test found a covered stage with no quote: "the labels come
    from the search logs" made data described, but the sentence did not speak for data on
    its own, so the report had no evidence (and no time) for a covered stage."""
    for lines, rows, stage in [
        (["Labels come from user spam reports and not-spam clicks."], [{"data": 3.0}], "data"),
        (
            ["We rank rides.", "That keeps riders and drivers on the app."],
            [{"model": 3.0}, {"impact": 3.0}],
            "impact",
        ),
    ]:
        a = _analysed(lines, rows)
        found = a.stage(stage)
        assert found.covered and found.best == len(lines) - 1 and found.first is not None


def test_a_broad_model_family_is_not_told_it_named_no_model():
    """ "I guess we use a model, like a neural network" names a family too broad to be a
    choice; the item said "but not which model", denying what it quoted."""
    a = _analysed(
        [
            "For card fraud at checkout, I would first ask how many payments per second.",
            "I guess we use a model, like a neural network, and we measure accuracy.",
        ],
        [{"constraints": 2.0}, {"metrics": 2.8, "model": 2.5}],
    )
    assert a.stage("model").depth == 1
    (model,) = [m for m in _named_lines(a) if m.startswith("You named model choice")]
    assert "not which kind of neural network, trained on what" in model
    assert "which model" not in model


def test_a_long_sentence_is_quoted_for_a_stage_up_to_the_words_that_say_it():
    """The success metrics' short quote stopped at "…and we…", before the measure that
    was all the sentence said of them ("…and we measure accuracy.")."""
    a = _analysed(
        [
            "For card fraud at checkout, I would first ask how many payments per second.",
            "I guess we use a model, like a neural network, and then we evaluate it.",
        ],
        [{"constraints": 2.0}, {"metrics": 2.8, "model": 2.5}],
    )
    (metrics,) = [m for m in _named_lines(a) if m.startswith("You named success metrics")]
    assert "(“…we use a model, like a neural network, and then we evaluate…”)" in metrics
    # a stage said in the first words is quoted from the start, as before
    (model,) = [m for m in _named_lines(a) if m.startswith("You named model choice")]
    assert "(“I guess we use a model, like a neural network, and then…”)" in model


def test_a_result_that_says_what_happened_next_is_not_told_it_did_not():
    """ "As a result we shipped a week later with no spike in blocked good payments, and we
    now use shadow launches for every model." was told "You described result but not what
    it changed: the outcome against where you started, or what happened next"."""
    star = load_rubric("behavioral-star")
    said = [
        "I proposed a one week shadow launch and showed him last quarter's false positives.",
        "As a result we shipped a week later with no spike in blocked good payments, and we "
        "now use shadow launches for every model.",
    ]
    words, ends = words_from_text("\n".join(said) + "\n")
    segments = split_segments(words, timed=False, line_ends=ends)
    a = analyse_structure(star, segments, [{"action": 3.0}, {"result": 3.0}])
    assert a.stage("result").depth == 3
    lines = [f.message for f in structure_feedback(a, long_answer=False)]
    assert not any(m.startswith("You described result") for m in lines), lines
    # a result with nothing after it is still asked what it changed
    said[1] = "As a result we shipped a week later with no spike in blocked good payments."
    words, ends = words_from_text("\n".join(said) + "\n")
    segments = split_segments(words, timed=False, line_ends=ends)
    a = analyse_structure(star, segments, [{"action": 3.0}, {"result": 3.0}])
    assert a.stage("result").depth == 2


def test_a_one_word_topic_is_no_heading_for_the_remark_after_it():
    """ "Transformers. I really like going to the beach on weekends, and my favorite food
    is pizza with mushrooms." was told "Signposted structure came up only in passing",
    quoting the beach: the one word, read as signposting, headed the remark after it."""
    general = load_rubric("general")
    said = [
        "Transformers.",
        "I really like going to the beach on weekends, and my favorite food is pizza.",
    ]
    words, ends = words_from_text("\n".join(said) + "\n")
    segments = split_segments(words, timed=False, line_ends=ends)
    a = analyse_structure(general, segments, [{"structure": 1.5}, {}])
    assert not a.strengths[1]
    lines = [(f.message, f.evidence) for f in structure_feedback(a, long_answer=False)]
    assert not any(e is not None and "beach" in e.quote for _, e in lines), lines
    # a heading said in the stage's words still heads what follows
    said = ["One tradeoff.", "Contacting people who would have stayed anyway wastes money."]
    words, ends = words_from_text("\n".join(said) + "\n")
    segments = split_segments(words, timed=False, line_ends=ends)
    a = analyse_structure(RUBRIC, segments, [{"tradeoffs": 1.5}, {"impact": 1.2}])
    assert a.strengths[1].get("tradeoffs", 0) >= 1.2


def test_a_span_of_time_or_a_count_is_no_signpost():
    """ "For the first two months …" was counted as a signposted move, as "next week we
    ship it" would be: the word says when, or how many, not which part comes next."""
    said = [
        "For the first two months we only log the scores and block nothing.",
        "Next week the rules team reviews them.",
        "In the first week we shadow it.",
        "First, the data.",
        "Next, we pick a model.",
    ]
    words, ends = words_from_text("\n".join(said) + "\n")
    segments = split_segments(words, timed=False, line_ends=ends)
    assert signpost_segments(RUBRIC, segments) == [3, 4]
