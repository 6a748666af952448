"""Subtitles of an answer (`export --format srt|vtt`): cues in time order, none
overlapping the next, whatever the speech model's word stamps say."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from assistant.practice.exporting import to_subtitles
from assistant.scoring.analyse import analyse_transcribed
from assistant.settings import Settings
from tests.support.reports import spoken

ANSWER = (
    "We decide per payment whether to approve it. Chargebacks come sixty days later. "
    "Features come from a streaming job. A gradient boosted model scores each one. "
    "Yeah. We watch the score drift every week."
)
STAMP = re.compile(r"(\d\d):(\d\d):(\d\d)[,.](\d\d\d) --> (\d\d):(\d\d):(\d\d)[,.](\d\d\d)")


def cue_times(text: str) -> list[tuple[float, float]]:
    def s(h, m, sec, ms) -> float:
        return int(h) * 3600 + int(m) * 60 + int(sec) + int(ms) / 1000

    return [(s(*m.groups()[:4]), s(*m.groups()[4:])) for m in STAMP.finditer(text)]


@pytest.mark.parametrize("fmt", ["srt", "vtt"])
def test_a_word_stamped_inside_a_pause_keeps_the_cues_in_order(fmt, tmp_path):
    """Whisper stamped "yeah." as an instant 0.13 s before the end of the silence the voice
    detector heard: the pause's cue came after the word's, starting six seconds earlier."""
    t = spoken(ANSWER, tmp_path / "a.wav", long_pause_every=4)
    i = next(k for k, w in enumerate(t.words) if w.text == "Yeah.")
    at = t.words[i].start - 0.13
    t.words[i] = replace(t.words[i], start=at, end=at)
    report = analyse_transcribed(t, Settings())
    long = [p for p in report.pacing.pauses if p.kind != "short"]
    assert any(p.start < t.words[i].start < p.end for p in long)  # the word is in the pause
    text = to_subtitles(report, fmt)
    assert "Yeah." in text and "[pause" in text
    times = cue_times(text)
    assert len(times) >= 6
    assert all(a < b for a, b in times)
    assert all(b <= a2 for (_, b), (a2, _) in zip(times, times[1:], strict=False)), times
