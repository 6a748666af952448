"""A weak answer gets one verdict: a report that does not score its structure does not
also say what caps the score, and the line that counts the stages covered says which
were only named, so "covered 0 of 11 stages" does not stand beside "You named model
choice (…)" as a second verdict."""

from __future__ import annotations

import re

import pytest

from tests.support.cli import run

WEAK = [
    # a design answer with fillers and no design
    "So, um, spam is bad, right? We would, like, look at the email and, uh, see if it looks "
    "like spam. Maybe words like free money. And then, um, we put it in the spam folder. I "
    "think a model could do it, like an AI. Yeah. That's kind of it I guess.",
    "Okay so, spam, yeah. We'd check the messages somehow and move the bad ones away. Some "
    "kind of AI could probably help with that. I think that's about it.",
]


@pytest.mark.parametrize("text", WEAK, ids=["free-money", "some-kind-of-ai"])
def test_an_unscored_answer_is_not_told_its_score_is_held(tmp_path, text):
    """ "Structure not scored (too little to judge) … covered 0 of 11 stages." stood above
    "! The score is held at 10 at most: …", for a score the report does not give."""
    answer = tmp_path / "weak.txt"
    answer.write_text(text + "\n")
    code, out, err = run(
        "score", "--transcript", str(answer), "--question", "spam-filter", COLUMNS="160"
    )
    assert code == 0, err
    flat = " ".join(out.replace("│", " ").split())
    assert "Structure not scored (too little to judge)" in flat, out
    assert "held at" not in flat, out


def test_stages_only_named_are_said_beside_the_stages_covered(tmp_path):
    answer = tmp_path / "weak.txt"
    answer.write_text(WEAK[0] + "\n")
    code, out, err = run(
        "score", "--transcript", str(answer), "--question", "spam-filter", COLUMNS="200"
    )
    assert code == 0, err
    flat = " ".join(out.replace("│", " ").split())
    assert "covered 0 of 11 stages; named only: " in flat, out
    named = flat.split("named only: ", 1)[1].split(".", 1)[0]
    # each stage the feedback says was named is in that list
    told = re.findall(r"You named ([a-z ]+?) \(", flat)
    assert told, out
    for stage in told:
        assert stage in named, (stage, named)
