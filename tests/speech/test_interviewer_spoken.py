"""The interviewer on spoken sessions (issue 15, item 8): scenarios of the interviewer
evaluation read by espeak-ng and heard by the bundled tiny.en, as a candidate's
recordings would be. What speech must not cost: a claim that a stage the candidate
covered was left out (a stage said in a half-misheard sentence, a statement run into
the next rhetorical question), a requirement change before there is a design, an answer
to a question nobody asked. The whole table is `benchmarks/interviewer_eval.py --audio`."""

from __future__ import annotations

import pytest

from benchmarks.interviewer_eval import HELD_OUT, SCENARIOS, evaluate

pytestmark = pytest.mark.model

SPOKEN = {
    # asks itself what success is, then misheard: "I'd measure E. Colan frog…"
    SCENARIOS: {"fraud-rhetorical", "video-weak", "fraud-real-questions"},
    # a run-on into the next rhetorical question; a strong answer whose purpose
    # sentence tiny.en half mishears
    HELD_OUT: {"feed-rhetorical", "search-strong-rerank", "eta-model-first"},
}


@pytest.fixture(scope="module", params=list(SPOKEN), ids=["development", "held-out"])
def spoken(request, synth_dir, transcriber):
    folder = request.param
    return evaluate(
        folder, audio_dir=synth_dir / folder.name, only=SPOKEN[folder], transcriber=transcriber
    )


def test_speech_costs_no_false_omission_claim_and_no_forbidden_move(spoken):
    assert len(spoken.sessions) == 3
    rows = spoken.table()
    false, claims = rows["omission claims about a stage the answer covered"]
    assert claims > 0 and false == 0, [
        (s.scenario["id"], m.why) for s in spoken.sessions for m, _ in s.false_claims()
    ]
    assert rows["forbidden moves (incl. repeats, no wrap-up last)"][0] == 0, [
        (s.scenario["id"], s.forbidden()) for s in spoken.sessions
    ]
    assert rows["clarifications to non-questions"][0] == 0


def test_spoken_weak_answers_are_probed_where_a_real_interviewer_would(spoken):
    rows = spoken.table()
    first, graded = rows["first probe hits the most important gap (weak/medium/trap)"]
    assert graded > 0 and first == graded
    on_gap, probes = rows["probes on a labelled gap"]
    assert on_gap / probes >= 0.8
