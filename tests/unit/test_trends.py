"""Trends shaped for plotting: dates, baseline, a y axis from 0, ticks that fit."""

from __future__ import annotations

from datetime import UTC, timedelta, timezone

import pytest

from assistant.practice.trends import (
    change,
    session_time,
    tick_indices,
    trend_series,
    trends_data,
    y_ticks,
)
from sessions.store import Store
from tests.support.history import add_finished


def _data(tmp_path, count: int):
    store = Store.open(tmp_path / "data")
    for i in range(count):
        add_finished(
            store,
            f"2026-11-{i + 1:02d}T20:00:00+00:00",
            wpm=130 + 10 * i,
            fillers=4.0 - 0.5 * i,
            long_pauses=i,
            structure=50 + 10 * i,
        )
    return trends_data(store, 5)


def test_no_sessions_give_empty_series(tmp_path):
    series = trend_series(_data(tmp_path, 0))
    assert [s.column for s in series] == [
        "wpm",
        "fillers_per_min",
        "long_pauses_per_min",
        "structure_score",
    ]
    assert all(s.values == [] and s.latest is None for s in series)
    assert all(s.headline.endswith("no numbers yet") for s in series)


def test_one_session_is_a_point_without_a_trend(tmp_path):
    (wpm, *_) = trend_series(_data(tmp_path, 1), wpm_range=(110, 170), tz=UTC)
    assert wpm.values == [130.0] and wpm.x == [1] and wpm.dates == ["11-01"]
    assert wpm.baseline is None  # nothing before it to set it against
    assert wpm.headline == "Words per minute: 130 (one session: no trend yet)"
    assert wpm.direction == "aim for 110–170"


def test_several_sessions_in_date_order_against_the_baseline(tmp_path):
    series = {s.column: s for s in trend_series(_data(tmp_path, 7), tz=UTC)}
    fillers = series["fillers_per_min"]
    assert fillers.dates == [f"11-{d:02d}" for d in range(1, 8)]
    assert fillers.values == [4.0, 3.5, 3.0, 2.5, 2.0, 1.5, 1.0]
    # the median of the five before the latest: with the latest in it, "latest vs
    # baseline" understated every change (with --baseline 1 they were always equal)
    assert fillers.baseline == 2.5
    assert fillers.headline == "Fillers per minute: latest 1.0 vs baseline 2.5 (better)"
    assert fillers.direction == "lower is better"
    assert series["structure_score"].direction == "higher is better"
    assert series["structure_score"].y_ticks == [0, 25, 50, 75, 100]
    pauses = series["long_pauses_per_min"]
    assert pauses.values[-1] == 2.4  # 6 in a recording of 2.5 minutes
    assert pauses.y_ticks[0] == 0 and pauses.y_ticks[-1] >= 2.4


def test_long_pauses_are_set_against_the_length_of_the_session(tmp_path):
    """Played outside the repo: two long pauses in a 6-minute interview after one in a
    2-minute answer read "worse", when the candidate paused half as often."""
    store = Store.open(tmp_path / "data")
    add_finished(store, "2026-11-01T20:00:00+00:00", long_pauses=1, minutes=2.0)
    add_finished(store, "2026-11-02T20:00:00+00:00", long_pauses=2, minutes=6.0)
    pauses = trends_data(store, 5)["metrics"]["long_pauses_per_min"]
    assert [round(p["value"], 2) for p in pauses["series"]] == [0.5, 0.33]
    assert pauses["change"] == "better"
    assert pauses["label"] == "long pauses/min"


def test_dates_are_local_to_the_zone_given(tmp_path):
    late = timezone(timedelta(hours=-8))
    assert session_time("2026-11-02T03:00:00+00:00", late).strftime("%m-%d") == "11-01"
    assert session_time("2026-11-02T03:00:00").strftime("%m-%d %H") == "11-02 03"


def test_y_axis_starts_at_zero_with_headroom():
    assert y_ticks(152) == [0, 50, 100, 150, 200]
    assert y_ticks(0) == [0, 0.25, 0.5, 0.75, 1.0]
    assert y_ticks(3, integer=True) == [0, 1, 2, 3, 4]
    assert y_ticks(80, cap=100) == [0, 25, 50, 75, 100]


def test_tick_labels_thin_out_and_skip_repeated_days():
    labels = [f"11-{d:02d}" for d in range(1, 31)]
    picked = tick_indices(labels, 4)
    assert picked[0] == 0 and picked[-1] == 29 and len(picked) == 4
    assert tick_indices(["11-01", "11-01", "11-02"], 5) == [0, 2]
    assert tick_indices(["11-01"], 5) == [0]
    assert tick_indices([], 5) == []


def test_a_story_s_structure_is_set_against_stories_not_designs(tmp_path):
    """Played outside the repo: History put story, explanation and design scores on one
    structure line, so a story scoring 45 after one of 40 read "worse" against designs
    in the 70s."""
    store = Store.open(tmp_path / "data")
    for day, score in enumerate((70, 72, 74), 1):
        add_finished(store, f"2026-11-0{day}T20:00:00+00:00", structure=score)
    for day, score in ((4, 40), (5, 45)):
        add_finished(
            store,
            f"2026-11-0{day}T20:00:00+00:00",
            structure=score,
            question_id="behavioural-conflict",
            rubric="behavioral-star",
        )
    structure = trends_data(store, 5)["metrics"]["structure_score"]
    assert [p["value"] for p in structure["series"]] == [40, 45]
    assert (structure["baseline"], structure["change"]) == (40, "better")
    assert structure["label"] == "structure score, Behavioural story (STAR)"
    # a design after them is set against the designs again
    add_finished(store, "2026-11-06T20:00:00+00:00", structure=60)
    structure = trends_data(store, 5)["metrics"]["structure_score"]
    assert (structure["baseline"], structure["change"]) == (72, "worse")
    assert structure["label"] == "structure score, ML system design"


def test_each_rubric_keeps_its_structure_trend(tmp_path):
    """Played outside the repo: after one story, `trends` and History showed only
    "Structure score, Behavioural story (STAR): 65 (one session: no trend yet)"; the
    designs' trend of five sessions was gone until the next design."""
    store = Store.open(tmp_path / "data")
    for day, score in enumerate((60, 70, 80), 1):
        add_finished(store, f"2026-11-0{day}T20:00:00+00:00", structure=score)
    add_finished(
        store,
        "2026-11-04T20:00:00+00:00",
        structure=65,
        question_id="behavioural-conflict",
        rubric="behavioral-star",
    )
    series = trend_series(trends_data(store, 5), tz=UTC)
    structure = [s for s in series if s.column == "structure_score"]
    assert [s.label for s in structure] == [
        "structure score, Behavioural story (STAR)",  # the latest's kind first
        "structure score, ML system design",
    ]
    story, design = structure
    assert story.values == [65] and story.baseline is None
    assert design.values == [60, 70, 80] and (design.baseline, design.change) == (65, "better")
    assert design.y_ticks == [0, 25, 50, 75, 100]  # read as a structure score still


@pytest.mark.parametrize(
    ("latest", "baseline", "lower_better", "target", "said"),
    [
        (1.0, 2.5, True, None, "better"),
        (80.0, 70.0, False, None, "better"),
        (80.0, 70.0, True, None, "worse"),
        (2.04, 1.96, True, None, "the same"),  # both shown as 2.0
        (180.0, 150.0, False, (110.0, 170.0), "worse"),  # out of the range it was in
        (165.0, 120.0, False, (110.0, 170.0), "in range"),  # both in it
        (175.0, 200.0, False, (110.0, 170.0), "better"),  # nearer it
        (None, 150.0, False, None, None),
    ],
)
def test_the_latest_is_called_better_or_worse_than_the_baseline(
    latest, baseline, lower_better, target, said
):
    shown = ".1f" if target is None else ".0f"
    assert change(latest, baseline, lower_better, target, shown) == said


@pytest.mark.parametrize(
    ("column", "latest", "baseline", "said"),
    [
        # played outside the repo: each was called better or worse
        ("wpm", 170.7, 167.4, "the same"),
        ("wpm", 134.0, 175.0, "better"),  # into the range from "fast"
        ("wpm", 182.0, 169.0, "worse"),  # out of it
        ("wpm", 178.0, 174.0, "the same"),  # a few words a minute apart
        ("structure_score", 67, 68, "the same"),
        ("structure_score", 98, 68, "better"),
        ("fillers_per_min", 2.1, 1.9, "the same"),
        ("fillers_per_min", 3.0, 1.9, "worse"),
        ("long_pauses_per_min", 0.5, 0.4, "the same"),  # one more in ten minutes
        ("long_pauses_per_min", 0.8, 0.4, "worse"),
    ],
)
def test_a_difference_within_an_evening_s_noise_is_the_same(column, latest, baseline, said):
    from assistant.practice.trends import METRICS, NUMBER_FORMAT, SAME_WITHIN

    lower_better = METRICS[column][1]
    target = (110.0, 170.0) if column == "wpm" else None
    shown, within = NUMBER_FORMAT[column], SAME_WITHIN[column]
    assert change(latest, baseline, lower_better, target, shown, within) == said


def test_a_fragments_long_pauses_are_shown_but_stay_out_of_the_trend(tmp_path):
    """A session killed 30 s into a 6-minute question, recovered: its report says "1
    long pause" (4.3 s) and History showed "—"; the count is shown now, and the trends
    still set no rate from a fragment's few seconds."""
    import json

    store = Store.open(tmp_path / "data")
    whole = [
        add_finished(store, f"2026-11-0{d}T20:00:00+00:00", long_pauses=1, minutes=5.0)
        for d in (1, 2)
    ]
    cut = add_finished(store, "2026-11-03T20:00:00+00:00", long_pauses=1, minutes=0.5)
    (report_json,) = store.db.execute(
        "SELECT report_json FROM sessions WHERE id=?", (cut,)
    ).fetchone()
    report = json.loads(report_json)
    report["interview"] = {
        "cut_short": True,
        "turns": [{"answer": {"pacing": {"budget": {"budget_s": 360.0, "used_s": 30.0}}}}],
    }
    store.finish_session(cut, report, status="recovered")
    rows = {r.id: r for r in store.sessions()}
    assert rows[cut].long_pauses == 1 and rows[cut].structure_score is None
    assert store.fragments() == {cut}
    metrics = trends_data(store, 5)["metrics"]
    assert [p["session"] for p in metrics["long_pauses_per_min"]["series"]] == whole
    assert [p["session"] for p in metrics["wpm"]["series"]] == [*whole, cut]
