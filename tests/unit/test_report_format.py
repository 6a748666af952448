"""How a report is put into words: move labels, what the score means, titles, dates,
answers in brief, and the pace chart's axes. Pure functions of the report contract."""

from __future__ import annotations

import re
import typing
from datetime import UTC, timedelta, timezone

import pytest

from assistant.report import (
    AdaptationOut,
    FillersOut,
    InterviewOut,
    ModelNamesOut,
    OrderFindingOut,
    Report,
    StageOut,
    StructureOut,
    TranscriptOut,
    TurnOut,
)
from assistant.report.format import (
    MOVE_LABELS,
    adaptation_line,
    adaptation_verdict,
    answer_summary,
    feedback_message,
    move_label,
    pace_ceiling,
    report_title,
    score_meaning,
    session_date,
    time_ticks,
)


def structure(score: int, covered: int, stages: int, order_problems: int) -> StructureOut:
    return StructureOut(
        rubric="ml-system-design",
        method="cues",
        score=score,
        stages=[
            StageOut(
                id=f"s{i}",
                title=f"Stage {i}",
                covered=i < covered,
                strength=1.0 if i < covered else 0.0,
                first_at_s=None,
                first_at_share=None,
                share=0.0,
                evidence=None,
            )
            for i in range(stages)
        ],
        order_findings=[
            OrderFindingOut(kind="model_first", message="model before metrics", evidence=None)
            for _ in range(order_problems)
        ],
        signposts=0,
        tradeoffs=[],
        models=ModelNamesOut(named=[], with_reasons=0),
    )


def report(text: str = "", *, question: str | None = None, interview=None) -> Report:
    return Report(
        audio=None,
        speech_detected=bool(text),
        transcript=TranscriptOut(text=text, words=[]),
        pacing=None,
        fillers=FillersOut(count=0, per_minute=None, percent_of_words=0.0, by_word={}, items=[]),
        question=question,
        interview=interview,
        feedback=[],
    )


def interview(title: str = "Card fraud at checkout", question: str = "fraud-detection"):
    return InterviewOut(
        question=question,
        title=title,
        interviewer="offline",
        turns=[],
        adaptation=[],
        closing="",
    )


# -- moves ---------------------------------------------------------------------------------


def test_every_move_the_contract_allows_has_a_label_in_words():
    kinds = typing.get_args(TurnOut.model_fields["move"].annotation)
    assert set(kinds) == set(MOVE_LABELS)
    for kind in kinds:
        label = move_label(kind)
        assert label == MOVE_LABELS[kind] and "_" not in label and label[0].isupper()
    assert move_label("new_constraint") == "New requirement"
    assert move_label("ask") == "Question"
    assert move_label("wrap_up") == "Wrap-up"


def test_a_move_kind_from_a_newer_report_is_spelled_out_not_shown_as_an_id():
    assert move_label("scope_change") == "Scope change"
    assert move_label("") == "Move"


# -- what the score means ------------------------------------------------------------------


def test_the_score_says_how_many_stages_were_covered_and_how_many_order_problems():
    assert (
        score_meaning(structure(63, 7, 11, 2))
        == "Structure 63/100: covered 7 of 11 stages; 2 order problems"
    )
    assert score_meaning(structure(80, 9, 11, 1)).endswith(
        "covered 9 of 11 stages; 1 order problem"
    )
    assert score_meaning(structure(100, 11, 11, 0)).endswith("; stages in a sensible order")
    assert score_meaning(structure(30, 1, 1, 0)).startswith(
        "Structure 30/100: covered 1 of 1 stage;"
    )


# -- titles and dates ----------------------------------------------------------------------


def test_the_title_is_the_question_title_else_the_stored_one_else_an_id_else_a_plain_name():
    assert report_title(report(interview=interview())) == "Card fraud at checkout"
    assert report_title(report(interview=interview(title="")), "Saved title") == "Saved title"
    assert report_title(report(interview=interview(title=""))) == "fraud-detection"
    assert report_title(report(question="feed-ranking")) == "feed-ranking"
    assert report_title(report()) == "Scored answer"


def test_a_stored_timestamp_reads_as_date_and_minutes_in_the_given_zone():
    assert session_date("2026-11-03T20:00:00+00:00", UTC) == "2026-11-03 20:00"
    assert session_date("2026-11-03T20:00:00+00:00", timezone(timedelta(hours=-5))) == (
        "2026-11-03 15:00"
    )
    assert session_date("2026-11-03T20:00:59") == "2026-11-03 20:00"  # no zone: as written
    assert session_date("yesterday") == "yesterday"


# -- answers in brief ----------------------------------------------------------------------


def test_an_answer_in_brief_is_its_start_on_one_line_cut_at_a_word():
    text = "We are the issuer.\n\n  So the decision sits   in the auth flow. " + "word " * 60
    brief = answer_summary(report(text))
    assert "\n" not in brief and "  " not in brief
    assert brief.startswith("We are the issuer. So the decision sits in the auth flow.")
    assert len(brief) <= 160 and brief.endswith("…")
    assert " ".join(text.split()).startswith(brief[:-1])
    assert brief[:-1].endswith("word")  # not cut inside a word
    assert answer_summary(report("Short answer.")) == "Short answer."


def test_no_answer_reads_no_answer():
    assert answer_summary(None) == "(no answer)"
    assert answer_summary(report("   ")) == "(no answer)"


def test_a_long_word_is_cut_rather_than_dropped():
    brief = answer_summary(report("x" * 500), limit=40)
    assert brief == "x" * 39 + "…"


# -- the pace chart's axes -----------------------------------------------------------------


def test_the_pace_axis_starts_at_zero_and_reaches_past_the_fastest_window():
    assert pace_ceiling([161.0, 163.0]) == 200.0  # 161 vs 163 stays a small step
    assert pace_ceiling([240.5, 120.0]) == 250.0
    assert pace_ceiling([], at_least=200.0) == 200.0
    assert pace_ceiling([90.0], at_least=210.0) == 250.0


@pytest.mark.parametrize("end", [0.0, 14.0, 59.0, 200.0, 600.0, 1234.0, 5000.0, 100000.0])
def test_time_ticks_are_round_few_and_read_as_clock_times(end):
    ticks = time_ticks(end)
    assert ticks[0] == (0.0, "0:00")
    assert 1 <= len(ticks) <= 6
    assert all(t <= end for t, _ in ticks)
    steps = {b - a for (a, _), (b, _) in zip(ticks, ticks[1:], strict=False)}
    assert len(steps) <= 1 and all(s % 15 == 0 for s in steps)
    assert all(":" in label for _, label in ticks)


def test_time_ticks_label_minutes_and_seconds():
    assert time_ticks(200.0) == [(0.0, "0:00"), (60.0, "1:00"), (120.0, "2:00"), (180.0, "3:00")]
    assert [label for _, label in time_ticks(50.0)] == ["0:00", "0:15", "0:30", "0:45"]


def test_format_imports_nothing_of_thinkaloud_but_the_report_contract():
    import ast
    from pathlib import Path

    import assistant.report.format as fmt

    ours = ("assistant", "speech", "sessions", "prompts", "rubrics")
    tree = ast.parse(Path(fmt.__file__).read_text())
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module)
        elif isinstance(node, ast.Import):
            imported |= {alias.name for alias in node.names}
    of_ours = {m for m in imported if m.split(".")[0] in ours}
    assert of_ours and all(m.startswith("assistant.report") for m in of_ours), of_ours


def change(**verdict) -> AdaptationOut:
    fields = {"acknowledged": False, "revised": False, "evidence": None}
    fields |= {"constraint": "latency-50ms", "said": "Now the p99 budget is 50 ms."} | verdict
    return AdaptationOut(**fields)


@pytest.mark.parametrize(
    ("verdict", "words"),
    [
        ({"acknowledged": True, "revised": True}, ("yes", "yes")),
        ({"acknowledged": True}, ("yes", "no")),
        ({}, ("no", "no")),
        ({"acknowledged": True, "held": True}, ("yes", "no need: shown to meet it")),
        ({"acknowledged": True, "revised_after_push": True}, ("yes", "no, then yes once pushed")),
        ({"skipped": True}, ("skipped", "skipped")),
    ],
)
def test_a_requirement_change_verdict_reads_the_same_in_every_view(verdict, words):
    a = change(**verdict)
    assert adaptation_verdict(a) == words
    line = adaptation_line(a)
    assert line.startswith("“Now the p99 budget is 50 ms.”")
    if a.skipped:
        assert line.endswith("skipped, not answered")
    else:
        assert line.endswith(f"took it up: {words[0]}; changed the design: {words[1]}")


def test_a_change_with_nothing_said_is_named_by_its_id():
    assert adaptation_line(change(said="")).startswith("latency-50ms took it up: no")


def test_the_printed_structure_never_says_no_options_were_weighed_beside_a_tradeoff():
    """`show` printed "0 options set against another" beside "✓ Options were weighed
    against each other": the count came from one reading, the tick from the stage."""
    import io

    from rich.console import Console

    from assistant.cli.render import render
    from tests.support.reports import typed_report

    report = typed_report()
    st = report.structure
    stages = [s.model_copy(update={"depth": 3}) if s.id == "tradeoffs" else s for s in st.stages]
    report = report.model_copy(
        update={"structure": st.model_copy(update={"stages": stages, "tradeoffs": []})}
    )
    out = io.StringIO()
    render(report, Console(file=out, width=120))
    assert "0 options set against another" not in out.getvalue()
    assert "1 option set against another" in out.getvalue()


def test_an_llm_the_offline_interviewer_took_over_from_is_named_with_it():
    """The report named only the LLM, as if it had asked every question; `show` named no
    interviewer at all."""
    import io

    from rich.console import Console

    from assistant.cli.render import render
    from assistant.report.format import interviewer_named
    from tests.support.reports import typed_report

    def turn(source: str) -> TurnOut:
        return TurnOut(
            move="follow_up", target="data", why="-", question="Q?", source=source, answer=None
        )

    asked = [turn("bank"), turn("llm"), turn("fallback")]
    interview = InterviewOut(
        question="fraud-detection",
        title="Card fraud",
        interviewer="openai/x",
        turns=asked,
        adaptation=[],
        closing="",
    )
    assert interviewer_named(interview) == "openai/x, then offline from question 3 of 3"
    alone = interview.model_copy(update={"turns": asked[:2]})
    assert interviewer_named(alone) == "openai/x"
    out = io.StringIO()
    render(typed_report().model_copy(update={"interview": interview}), Console(file=out, width=120))
    assert "Interviewer  openai/x, then offline from question 3 of 3" in out.getvalue()


@pytest.mark.parametrize(
    ("sources", "named"),
    [
        # the LLM asked again after the offline interviewer stood in: not "then offline
        # (2 of 7 questions)", which read as if it had been switched off after the third
        ("bank llm llm llm fallback fallback llm", "openai/x, offline for questions 5\u20136 of 7"),
        ("bank fallback llm fallback llm", "openai/x, offline for questions 2 and 4 of 5"),
        ("bank llm fallback llm", "openai/x, offline for question 3 of 4"),
        ("bank llm fallback fallback", "openai/x, then offline from question 3 of 4"),
        # the LLM was never heard from: the first question was the bank's, not the LLM's
        ("bank fallback fallback", "offline; openai/x asked no question"),
        ("bank fallback", "offline; openai/x asked no question"),
    ],
)
def test_the_report_says_which_questions_the_offline_interviewer_asked(sources, named):
    from assistant.report.format import interviewer_named

    turns = [
        TurnOut(move="follow_up", target="data", why="-", question="Q?", source=s, answer=None)
        for s in sources.split()
    ]
    interview = InterviewOut(
        question="fraud-detection",
        title="Card fraud",
        interviewer="openai/x",
        turns=turns,
        adaptation=[],
        closing="",
    )
    assert interviewer_named(interview) == named


@pytest.mark.parametrize(
    ("verdict", "words"),
    [
        ({"changed_otherwise": True}, ("no", "no, changed it for other reasons")),
        (
            {"kept": True, "changed_otherwise_after_push": True},
            ("no", "no, kept as it was; once pushed, changed it for other reasons"),
        ),
        (
            {"acknowledged": True, "changed_otherwise_after_push": True},
            ("yes", "no; once pushed, changed it for other reasons"),
        ),
    ],
)
def test_a_design_changed_for_another_reason_is_not_said_to_be_kept(verdict, words):
    """A survival model swapped in for the trees, after a privacy rule it did not take up,
    read "changed the design: no, kept as it was": the candidate would think the revision
    went unseen."""
    a = change(**verdict)
    assert adaptation_verdict(a) == words
    assert adaptation_line(a).endswith(f"took it up: {words[0]}; changed the design: {words[1]}")


@pytest.mark.parametrize(
    "said",
    [
        "Structure 0/100 on the ML system design rubric: covered 1 of 11 stages.",
        # played outside the repo: "Structure not scored (too little to judge) (3, less 10
        # for not adapting)" gave a number for a session it said it did not score
        "Structure 0/100 (3, less 10 for not adapting) on the ML system design rubric: "
        "covered 1 of 11 stages.",
    ],
)
def test_a_session_too_short_to_judge_gives_no_number_in_its_structure_line(said):
    shown = feedback_message(said, "structure", scored=False)
    assert shown.startswith("Structure not scored (too little to judge) on the ML system")
    assert not re.search(r"\d+/100|less \d+", shown), shown
    assert feedback_message(said, "structure", scored=True) == said


ORDER_ITEM = (
    "Opening on stage 0 only in passing (the item above) also counts against the order; "
    "say what the problem is first."
)


@pytest.mark.parametrize(
    ("before", "said"),
    [
        (["structure.s0"], "Opening on stage 0 only in passing (the item above) also"),
        (["structure.s0", "structure.tradeoffs"], "in passing (the item on stage 0 above) also"),
        (["structure.tradeoffs"], "Opening on stage 0 only in passing also counts"),
    ],
    ids=["right-above", "further-up", "gone"],
)
def test_the_item_above_is_the_item_above(before, said):
    """Played in the app: "Opening on problem framing only in passing (the item above)"
    stood under the tradeoff item (a session's answers merged moved the framing item 8
    items up, or another answer's depth took it away)."""
    from assistant.report import FeedbackItem
    from assistant.report.format import shown_feedback

    items = [FeedbackItem(metric=m, severity="warning", message=f"On {m}.") for m in before]
    items.append(FeedbackItem(metric="structure.order", severity="warning", message=ORDER_ITEM))
    r = report("words").model_copy(update={"structure": structure(40, 2, 3, 1), "feedback": items})
    for scored in (True, False):
        shown = [f.message for f in shown_feedback(r, scored)]
        (order,) = [m for m in shown if m.startswith("Opening on")]
        assert said in order, order
