"""The answer being typed, kept on disk as it is typed: one file per answer whether it is
then sent, skipped or left in the box, a real SQLite store."""

from __future__ import annotations

import pytest

from assistant.app.context import AppContext
from sessions.store import Store
from tests.support.sentences import sharing_embedder
from tests.unit.test_practice_session import start


@pytest.fixture(scope="module")
def ctx() -> AppContext:
    return sharing_embedder(AppContext.load())


def typed_so_far(session, text: str) -> None:
    session.keep_draft(text)
    session.flush_draft()


def folder(store: Store, session) -> list[str]:
    return sorted(p.name for p in store.session_folder(session.saved_as).iterdir())


def test_a_draft_then_sent_is_one_file_holding_what_was_sent(ctx, tmp_path):
    store = Store.open(tmp_path)
    session = start(ctx, store)
    session.opening()
    typed_so_far(session, "We would")
    typed_so_far(session, "We would log every payment")
    assert folder(store, session) == ["answer-01.txt"]
    assert (store.session_folder(session.saved_as) / "answer-01.txt").read_text() == (
        "We would log every payment"
    )
    sent = "We would log every payment and its chargeback, then train on it."
    session.keep_typed(sent)
    typed_so_far(session, "")  # the box emptied as it was sent: the answer stays whole
    session.answer_text(sent)
    assert folder(store, session) == ["answer-01.txt"]  # no second take beside it
    answer = store.answers(session.saved_as)[0]
    assert answer.audio_path.name == "answer-01.txt"
    assert (store.session_folder(session.saved_as) / "answer-01.txt").read_text() == sent


def test_a_draft_left_in_the_box_is_kept_as_the_interrupted_answer(ctx, tmp_path):
    store = Store.open(tmp_path)
    session = start(ctx, store)
    session.opening()
    typed_so_far(session, "We would hold out the last month")
    assert session.stop_midway() == session.saved_as
    (row,) = store.sessions()
    assert (row.status, row.answers) == ("interrupted", 1)


def test_a_draft_typed_then_cleared_keeps_nothing(ctx, tmp_path):
    store = Store.open(tmp_path)
    session = start(ctx, store)
    session.opening()
    typed_so_far(session, "We would")
    typed_so_far(session, "")
    assert session.stop_midway() is None  # nothing answered: nothing kept, as before
    assert store.sessions() == []


def test_a_skipped_draft_is_kept_under_a_name_never_read_as_an_answer(ctx, tmp_path):
    """What was typed for a skipped question stays on disk (it was deleted with the
    skip), as ``answer-01-skipped.txt``: not the answer file, not one of the session's
    answers; the next answer's draft is its own file; nothing typed, no file."""
    store = Store.open(tmp_path)
    session = start(ctx, store)
    session.opening()
    typed_so_far(session, "Not sure where to start")
    session.skip(set_aside="Not sure where to start\nmaybe the labels")
    typed_so_far(session, "Label a month by hand")
    session.skip(set_aside=" \n ")  # only spaces: nothing to keep
    assert folder(store, session) == ["answer-01-skipped.txt"]
    kept = store.session_folder(session.saved_as) / "answer-01-skipped.txt"
    assert kept.read_text() == "Not sure where to start\nmaybe the labels"
    answers = store.answers(session.saved_as)
    assert [a.skipped for a in answers] == [True, True]
    assert kept not in [a.audio_path for a in answers]
    assert session.set_aside and session.stop_midway() == session.saved_as
