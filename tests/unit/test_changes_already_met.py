"""A requirement change is not put to a candidate whose design already meets it: each
change in the question bank lists what an answer meeting it would say (``met_by``), and
a design that says it gets another change or another move. Typed answers, the real
offline interviewer, the bundled sentence model."""

from __future__ import annotations

import pytest

from assistant.app.context import AppContext
from assistant.interview.changes import pick_change
from tests.support.sentences import sharing_embedder
from tests.unit.test_interviewer_listens import session_moves


@pytest.fixture(scope="module")
def ctx() -> AppContext:
    return sharing_embedder(AppContext.load())


def changes_put(ctx, question: str, design: str) -> list[str]:
    """The changes a four-move session puts to ``design``."""
    _, moves = session_moves(ctx, question, [design, "ok", "ok", "ok"], max_moves=4)
    return [m.target for m in moves if m.kind == "new_constraint"]


PYMK = (
    "We suggest people a member may know, and success is accepted invitations. Candidates come "
    "from friends of friends, ranked by a gradient boosted model on mutual connections and "
    "shared schools, served from a list precomputed daily and measured in an A/B test. {}"
)
DUPES = (
    "We find listings that are the same item posted twice. I would embed the title and photos, "
    "look up the nearest listings in an index and compare the top twenty with a classifier, "
    "run in batch every hour. {}"
)
NOTIFY = (
    "We decide which notification to send each user and when. A gradient boosted tree trained "
    "on past sends scores them in a batch every hour, and the label is whether the user opened "
    "it. {}"
)


@pytest.mark.parametrize(
    "question, change, design",
    [
        (
            "people-you-may-know",
            "new-member-cold-start",
            PYMK.format(
                "I would use the address book and the company to find candidates before there "
                "are any connections."
            ),
        ),
        (
            "people-you-may-know",
            "new-member-cold-start",
            PYMK.format("For new members with no connections yet, we suggest their coworkers."),
        ),
        (
            "people-you-may-know",
            "new-member-cold-start",
            PYMK.format("Right at sign up we ask for their school and suggest classmates."),
        ),
        (
            "duplicate-listings",
            "no-false-removals",
            DUPES.format(
                "Metric is precision, because removing a real listing hurts the seller, so send "
                "uncertain one to human."
            ),
        ),
        (
            "duplicate-listings",
            "no-false-removals",
            DUPES.format(
                "We only remove automatically at high confidence; the rest goes to manual review."
            ),
        ),
        (
            "notification-ranking",
            "long-term-objective",
            NOTIFY.format(
                "But I care about whether people stay active after a month, not only opens."
            ),
        ),
        (
            "notification-ranking",
            "long-term-objective",
            NOTIFY.format("I would check long-term retention in a holdout, not just opens."),
        ),
    ],
)
def test_a_change_the_design_already_meets_is_not_put(ctx, question, change, design):
    """Seen in the app: "strong suggestions in the first minute after sign-up" was put to a
    candidate who had said how to suggest people before there are any connections;
    "automatic removals must be at least 99.5% precise" after "metric is precision… send
    uncertain one to human"; "90-day active users, not next-day opens" after "whether people
    stay active after a month"."""
    assert change not in changes_put(ctx, question, design)


@pytest.mark.parametrize(
    "question, change, design",
    [
        ("people-you-may-know", "new-member-cold-start", PYMK.format("")),
        ("duplicate-listings", "no-false-removals", DUPES.format("We remove every match.")),
        ("notification-ranking", "long-term-objective", NOTIFY.format("Opens are the goal.")),
    ],
)
def test_a_design_that_does_not_meet_the_change_still_gets_it(ctx, question, change, design):
    """The same designs without the part that meets the change: with every other change
    made, it is the one left to make, not taken as met."""
    q = ctx.question(question)
    sentences = [s.strip() + "." for s in design.split(".") if s.strip()]
    others = [c.id for c in q.constraint_changes if c.id != change]
    left = pick_change(q, 0, frozenset(), others, design, sentences, None)
    assert left is not None and left.id == change, left


def test_every_design_change_says_what_meets_it(ctx):
    """Every change on a design question, and every twist that an earlier answer could
    already have met, lists what an answer meeting it would say."""
    retell = {"one-minute", "sixty-seconds", "thirty-seconds", "quantify"}
    missing = [
        f"{q.id}:{c.id}"
        for q in ctx.questions.values()
        for c in q.constraint_changes
        if not c.met_by and c.id not in retell
    ]
    assert not missing, missing
