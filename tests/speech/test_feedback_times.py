"""Where a filler's and a long silence's ▶ plays from, on real speech (espeak-ng, heard by
the bundled tiny.en): the moment itself, not the sentence before it.

A filler said after a 4 s pause had its quote, and its ▶, begin in the sentence before
the pause ("0:07 “…end in purchase. Umm, for label…”" for an "um" at 0:13): Enter in the
app played 3-5 s of that sentence and the silence before the "um"."""

from __future__ import annotations

import json

import pytest

from assistant.scoring.pacing_feedback import LEAD_S
from tests.support.cli import run
from tests.support.synth import Say, Silence, synthesize

pytestmark = pytest.mark.model

FIRST = "The goal is more searches that end in a purchase."
SCRIPTS = {
    "after a 4 s pause": [FIRST, 4.0, "Um, for labels I would use clicks and purchases."],
    "after a 2.5 s pause": [FIRST, 2.5, "Um, the labels come from clicks and purchases."],
}


@pytest.mark.parametrize("name", list(SCRIPTS))
def test_a_filler_plays_from_itself_and_its_quote_does_not_reach_back_over_a_pause(name, synth_dir):
    script = [Silence(0.5)]
    for part in SCRIPTS[name]:
        script.append(Silence(part) if isinstance(part, float) else Say(part, 140))
    truth = synthesize([*script, Silence(0.8)], synth_dir / f"filler-after-pause-{name}.wav")
    code, out, err = run("score", str(truth.path), "--question", "search-ranking", "--json")
    assert code == 0, err
    report = json.loads(out)
    fillers = report["fillers"]["items"]
    assert fillers, report["transcript"]
    (said,) = [f for f in report["feedback"] if f["metric"] == "fillers" and f.get("evidence")]
    heard = min(f["start"] for f in fillers)
    assert heard - LEAD_S - 0.01 <= said["evidence"]["start"] <= heard + 0.01, (said, fillers)
    assert "purchase." not in said["evidence"]["quote"], said  # the sentence before the pause
    (silence,) = [p for p in report["pacing"]["pauses"] if p["duration"] >= 2.0]
    (item,) = [f for f in report["feedback"] if f["metric"] == "pauses" and f.get("evidence")]
    before = max(w["start"] for w in report["transcript"]["words"] if w["end"] <= silence["start"])
    assert before - LEAD_S - 0.01 <= item["evidence"]["start"] <= before + 0.01, (item, silence)
