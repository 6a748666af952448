"""Untrusted text prints as it is: brackets in a transcript, a path, a title, an id or an
LLM reply are never read as rich markup (which crashed ``practice`` on "[/INST]" and
``score``, ``show`` and ``rescore`` on a path holding "[/x]")."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import numpy as np
import pytest

from sessions.store import Store
from tests.support.audio import write_wav
from tests.support.cli import run
from tests.support.history import add_interrupted
from tests.support.openai_server import serving
from tests.support.reports import interview_report, save

MARKUP = "[/INST] [bold red]loud[/] :smile: [link=http://example.com]x[/link] [/]"
SHIPPED = Path(__file__).parents[2] / "prompts" / "questions" / "fraud-detection.toml"


@pytest.fixture(autouse=True)
def _wide(monkeypatch):
    """A wide terminal, so rich neither folds nor truncates what is looked for."""
    monkeypatch.setenv("COLUMNS", "400")


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def silence(path: Path, seconds: float = 2.0) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_wav(path, np.zeros(int(seconds * 16000), dtype=np.float32))
    return path


def test_a_recording_whose_path_holds_brackets_is_scored(tmp_path):
    wav = silence(tmp_path / "take [/x] [bold]" / "answer [/INST].wav")
    code, out, err = run("score", str(wav))
    assert code == 0, err
    assert f"{wav} (0:02)" in out


@pytest.fixture
def marked_up(tmp_path) -> Path:
    """A data folder whose name, session titles, ids, answers and report all hold markup."""
    data = tmp_path / "data [/x]"
    store = Store.open(data)
    report = interview_report(tmp_path / "wavs", [f"I would start with {MARKUP} here."])
    sid = save(store, report)
    store.db.execute(
        "UPDATE sessions SET question_title=?, question_id=? WHERE id=?",
        (f"Title {MARKUP}", "fraud-detection", sid),
    )
    answer, path = store.new_answer(sid, 0, None)
    silence(path)
    store.finish_answer(answer, 2.0, {})
    store.close()
    return data


@pytest.mark.parametrize(
    "argv",
    [
        ["show", "last"],
        ["history"],
        ["export", "last", "--format", "md"],
        ["export", "last", "--format", "srt"],
    ],
)
def test_saved_sessions_print_their_text_as_it_is(marked_up, argv):
    code, out, err = run(*argv, THINKALOUD_DATA_DIR=str(marked_up))
    assert code == 0, err
    text = flat(out)
    assert "[/INST]" in text and "[bold red]loud[/]" in text and ":smile:" in text
    if argv[0] == "show":
        assert f"Title {MARKUP}" in text and "data [/x]" in text


def test_an_interrupted_session_under_a_bracketed_folder_is_rescored(tmp_path):
    data = tmp_path / "data [/x]"
    store, sid = add_interrupted(data, silence(tmp_path / "quiet [/INST].wav", 3.0))
    store.close()
    code, out, err = run("rescore", sid, THINKALOUD_DATA_DIR=str(data))
    assert code == 0, err
    assert "data [/x]" in flat(out)


def test_the_users_own_question_titles_are_listed_as_they_are(tmp_path):
    folder = Path(os.environ["THINKALOUD_CONFIG_DIR"]) / "questions"
    folder.mkdir(parents=True)
    text = SHIPPED.read_text().replace('id = "fraud-detection"', 'id = "mine"', 1)
    text = re.sub(r'(?m)^title = ".*"$', 'title = "Fraud [/INST] [bold]x[/]"', text, count=1)
    (folder / "mine.toml").write_text(text)
    code, out, err = run("questions")
    assert code == 0, err
    assert "Fraud [/INST] [bold]x[/]" in out


@pytest.mark.model
def test_an_llm_reply_full_of_markup_is_printed_as_it_is(tmp_path):
    reply = {  # the sample's one move is the owed requirement change: word it with markup
        "kind": "new_constraint",
        "target": "no-device-fingerprint",
        "why": "test the design [/INST]",
        "question": "A privacy law now bans device fingerprinting [/INST]. What [bold]changes[/]?",
    }
    with serving(["good"], reply=reply) as url:
        code, out, err = run(
            "practice", "--sample", "--llm", "openai/m", "--llm-api-base", url, "--no-save"
        )
    assert code == 0, err
    assert "fingerprinting [/INST]. What [bold]changes[/]?" in flat(out)
    code, out, err = run(
        "practice", "--sample", "--json", "--no-save", "--llm", "openai/m", "--llm-api-base", url
    )
    assert code == 0  # the server is gone now: the offline interviewer asks, one notice
    assert json.loads(out)["interview"]["turns"][1]["source"] == "fallback"
