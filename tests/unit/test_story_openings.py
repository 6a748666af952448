"""A story that sets its scene in plain words opens on its situation.

A tester's conflict story opening "Two years ago I was the only data person on a team of
six, and our product lead wanted…" was told "No situation". A story's scene is said in
many ways besides "at my last job": what the story was ("This was in my first job…"),
a time said loosely ("a while ago", "there was a time"), who the teller was there ("I
was the only analyst in a company of twenty"). The story was written for these tests.
"""

from __future__ import annotations

import pytest

from assistant.scoring.analyse import StructureSpec, analyse_text
from assistant.scoring.structure.analysis import sets_scene
from assistant.scoring.structure.scorers import build_scorer
from assistant.settings import Settings
from prompts import load_questions
from rubrics import load_rubric
from tests.support.sentences import shared_embedder

STAR = load_rubric("behavioral-star")

REST = (
    "I thought we could lose a lot of sign-ups if it was wrong, and it was my job to tell "
    "the team what the numbers said. So I asked her for half an hour, showed her how last "
    "year's redesign had dropped sign-ups for a month, and offered to run a simple split "
    "test that would take only two weeks. She agreed, and I set it up with the engineer and "
    "checked the numbers every morning. The new page turned out to lose eight percent of "
    "sign-ups, so we kept the old one and fixed the two things people complained about. "
    "Since then I always bring an old example and a cheap test when I disagree with someone "
    "senior."
)

OPENINGS = [
    "This was in my first job out of university, at a small bank, where our product lead "
    "wanted to launch a new pricing page without any test.",
    "So, a while ago, I was working as the only analyst in a company of twenty people, and "
    "the product lead wanted to launch a new pricing page without any test.",
    "There was a time our product lead wanted to ship a new pricing page without any test; "
    "I was the only data person on the team of six.",
    "I was the only data person on a team of six, and our product lead wanted to launch a "
    "new pricing page without any test, because she was sure it would work.",
    "Some years back I was one of two analysts at a travel site, and our product lead wanted "
    "to launch a new pricing page without any test.",
    "It was two years ago, I was the only data person on a team of six, and our product "
    "lead wanted to launch a new pricing page without any test.",
]


@pytest.fixture(scope="module")
def spec() -> StructureSpec:
    scorer, method = build_scorer(STAR, shared_embedder())
    texts = {q.id: q.asked for q in load_questions().values()}
    return StructureSpec(STAR, scorer, method, question_texts=texts, whole=True)


@pytest.mark.parametrize("opening", OPENINGS)
def test_a_scene_set_in_plain_words_is_the_situation(spec, opening):
    said = f"{opening} {REST}"
    read = analyse_text(said, Settings(), structure=spec, question="behavioural-conflict")
    assert read.structure.stage("situation").depth >= 2
    assert "no_opening" not in {o.kind for o in read.structure.order_findings}


@pytest.mark.parametrize(
    "opening",
    [
        "I think conflict is normal, and good teams talk about it openly.",
        "I was really annoyed when our product lead wanted to launch without a test.",
        "I was the one who had to tell the product lead the numbers.",
        "It was a hard conversation, honestly.",
    ],
)
def test_an_opinion_or_a_feeling_sets_no_scene(opening):
    assert not sets_scene(opening)
