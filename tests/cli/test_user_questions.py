"""A question the user wrote (in <config dir>/questions/) works everywhere a shipped one
does: practice, rescore and the LLM judge."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from sessions.store import Store
from tests.support.cli import run
from tests.support.openai_server import serving

SHIPPED = Path(__file__).parents[2] / "prompts" / "questions" / "fraud-detection.toml"


@pytest.fixture
def my_question() -> str:
    """The fraud question under a new id, as the user's own file."""
    folder = Path(os.environ["THINKALOUD_CONFIG_DIR"]) / "questions"
    folder.mkdir(parents=True)
    text = SHIPPED.read_text().replace('id = "fraud-detection"', 'id = "my-fraud"', 1)
    assert 'id = "my-fraud"' in text
    (folder / "my-fraud.toml").write_text(text)
    return "my-fraud"


@pytest.mark.model
def test_a_session_on_a_users_question_can_be_rescored(my_question):
    from assistant.practice.samples import sample_answers

    first, second = (str(p) for p in sample_answers())
    code, out, err = run(
        "practice", "--question", my_question, "--answer", first, "--answer", second, "--json"
    )
    assert code == 0, err
    assert json.loads(out)["interview"]["question"] == my_question
    code, out, err = run("history", "--json")
    (session,) = json.loads(out)
    store = Store.open(Path(os.environ["THINKALOUD_DATA_DIR"]))
    store.interrupt(session["id"])  # as if quit mid-answer: rescore judges it again
    store.close()
    code, out, err = run("rescore", session["id"], "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["interview"]["question"] == my_question
    assert [a["constraint"] for a in report["interview"]["adaptation"]]  # the change was found


def test_the_llm_judge_knows_a_users_question(my_question, tmp_path):
    answer = tmp_path / "answer.txt"
    answer.write_text(
        "First let me restate the problem: we flag fraudulent card payments in real time. "
        "I would train gradient boosted trees on past transactions."
    )
    grades = {"stages": [{"id": "framing", "covered": True, "quote": "restate the problem"}]}
    with serving(["good"], reply=grades) as url:
        code, out, err = run(
            "score", "--transcript", str(answer), "--question", my_question, "--json",
            "--judge", "--llm", "openai/judge", "--llm-api-base", url,
        )  # fmt: skip
    assert code == 0, err
    structure = json.loads(out)["structure"]
    assert structure["method"] == "llm (openai/judge)"
    framing = next(s for s in structure["stages"] if s["id"] == "framing")
    assert framing["covered"] and framing["evidence"]["quote"] == "restate the problem"


def test_a_half_written_question_file_leaves_the_other_commands_working(my_question):
    """Played as a new user: one broken file of the user's own made every command exit 7,
    `score` on an unrelated transcript included. It is left out with a warning; asked
    for by its id it is refused with its problems."""
    folder = Path(os.environ["THINKALOUD_CONFIG_DIR"]) / "questions"
    (folder / "draft.toml").write_text('id = "draft"\ntitle = "Draft"\n')
    answer = Path(os.environ["THINKALOUD_CONFIG_DIR"]).parent / "answer.txt"
    answer.write_text("We frame the problem first: who is harmed by a missed fraud.")
    code, out, err = run("score", "--transcript", str(answer))
    assert code == 0, err
    assert "warning: left out" in err and "draft.toml" in err and "Field required" in err
    code, out, err = run("questions", "--json")
    assert code == 0 and my_question in out and '"draft"' not in out
    code, out, err = run("practice", "--question", "draft", "--answer", str(answer))
    assert code == 7 and "draft.toml" in err.splitlines()[-1]


def test_a_users_question_is_named_by_its_title_in_the_report(my_question, tmp_path):
    """Played outside the repo: `score` and `show` headed the report with the question's
    id ("my-fraud"), not its title, for a question of the user's own."""
    answer = tmp_path / "answer.txt"
    answer.write_text("We flag fraudulent card payments in real time with boosted trees.\n")
    code, out, err = run("practice", "--question", my_question, "--answer", str(answer))
    assert code == 0, err
    for argv in (
        ("score", "--transcript", str(answer), "--question", my_question),
        ("show", "last"),
    ):
        code, out, err = run(*argv)
        assert code == 0, err
        (head,) = [line for line in out.splitlines() if "Question " in line]
        assert "Card fraud at checkout" in head and my_question not in head, (argv, head)
