"""Every shipped rubric and question loads and hangs together; broken files fail in one line."""

from __future__ import annotations

import ast
import inspect
import textwrap
from collections import Counter
from importlib.resources import files
from pathlib import Path

import pytest
from pydantic import BaseModel

import prompts
import rubrics
from assistant.settings import Settings
from prompts import (
    ConstraintChange,
    Fact,
    FollowUp,
    Question,
    QuestionError,
    load_question,
    load_questions,
)
from rubrics import Rubric, RubricError, Stage, load_rubric, load_rubrics

ML_STAGES = (
    "framing",
    "constraints",
    "metrics",
    "data",
    "pipeline",
    "model",
    "deployment",
    "monitoring",
    "tradeoffs",
    "impact",
    "summary",
)

DESIGN_IDS = {
    "fraud-detection", "feed-ranking", "video-recommendation", "ad-click-prediction",
    "harmful-content", "search-ranking", "eta-prediction", "visual-search",
    "query-autocomplete", "people-you-may-know", "duplicate-listings", "rag-assistant",
    "spam-filter", "churn-prediction", "dynamic-pricing", "notification-ranking",
    "music-playlist", "job-matching", "demand-forecasting", "speech-assistant",
    "review-summarisation", "anomaly-detection-metrics",
}  # fmt: skip
BEHAVIOURAL_IDS = {"behavioural-conflict", "behavioural-failure", "behavioural-ambiguity"}
GENERAL_IDS = {"general-explain-project", "general-explain-tradeoff", "general-teach-concept"}


@pytest.fixture(scope="module")
def shipped_rubrics() -> dict[str, Rubric]:
    return load_rubrics()


@pytest.fixture(scope="module")
def shipped_questions() -> dict[str, Question]:
    return load_questions()


# --- shipped rubrics -------------------------------------------------------------------


def test_shipped_rubrics_load(shipped_rubrics: dict[str, Rubric]) -> None:
    assert {"ml-system-design", "behavioral-star", "general"} <= set(shipped_rubrics)
    for rid, rubric in shipped_rubrics.items():
        assert rubric.id == rid
        assert load_rubric(rid) == rubric


def test_ml_system_design_stages_are_exact(shipped_rubrics: dict[str, Rubric]) -> None:
    rubric = shipped_rubrics["ml-system-design"]
    assert rubric.stage_ids == ML_STAGES
    positions = {s.id: s.position for s in rubric.stages}
    assert positions == {
        "framing": "early", "constraints": "early", "metrics": "early",
        "data": "middle", "pipeline": "middle", "model": "middle",
        "deployment": "late", "monitoring": "late", "tradeoffs": "anywhere",
        "impact": "anywhere", "summary": "late",
    }  # fmt: skip
    assert len(rubric.model_names) >= 25
    assert {"xgboost", "two tower", "transformer", "logistic regression"} <= set(rubric.model_names)
    assert rubric.signposts and rubric.tradeoff_cues


def test_other_rubric_stages(shipped_rubrics: dict[str, Rubric]) -> None:
    assert shipped_rubrics["behavioral-star"].stage_ids == (
        "situation", "task", "action", "result", "reflection",
    )  # fmt: skip
    assert shipped_rubrics["general"].stage_ids == ("framing", "structure", "example", "summary")


def test_cues_point_to_one_stage_each(shipped_rubrics: dict[str, Rubric]) -> None:
    for rubric in shipped_rubrics.values():
        counts = Counter(cue for stage in rubric.stages for cue in stage.cues)
        assert [c for c, n in counts.items() if n > 1] == [], rubric.id


def test_cues_are_not_generic(shipped_rubrics: dict[str, Rubric]) -> None:
    too_generic = {"the", "we", "i", "a", "so", "and", "system", "then", "it", "about"}
    for rubric in shipped_rubrics.values():
        for stage in rubric.stages:
            assert not too_generic & set(stage.cues), (rubric.id, stage.id)


def attribute_docstrings(model: type[BaseModel]) -> dict[str, str]:
    """The docstring under each field of ``model``'s class body, read from its source
    (the models do not parse their own source at import: that slowed app start)."""
    body = ast.parse(textwrap.dedent(inspect.getsource(model))).body[0].body
    found = {}
    for field, doc in zip(body, body[1:], strict=False):
        if (
            isinstance(field, ast.AnnAssign)
            and isinstance(doc, ast.Expr)
            and isinstance(doc.value, ast.Constant)
            and isinstance(doc.value.value, str)
        ):
            found[field.target.id] = doc.value.value.strip()
    return found


@pytest.mark.parametrize(
    "model", [Stage, Rubric, Fact, ConstraintChange, FollowUp, Question, Settings]
)
def test_every_field_has_a_docstring(model: type[BaseModel]) -> None:
    docs = attribute_docstrings(model)
    for name in model.model_fields:
        assert docs.get(name), f"{model.__name__}.{name} has no docstring"


# --- shipped questions -----------------------------------------------------------------


def test_shipped_questions_load_and_count(shipped_questions: dict[str, Question]) -> None:
    by_rubric = Counter(q.rubric for q in shipped_questions.values())
    assert by_rubric["ml-system-design"] >= 22
    assert by_rubric["behavioral-star"] >= 3
    assert by_rubric["general"] >= 3
    assert DESIGN_IDS | BEHAVIOURAL_IDS | GENERAL_IDS <= set(shipped_questions)
    assert {q for q in DESIGN_IDS if shipped_questions[q].is_design} == DESIGN_IDS
    assert {shipped_questions[q].rubric for q in BEHAVIOURAL_IDS} == {"behavioral-star"}
    assert {shipped_questions[q].rubric for q in GENERAL_IDS} == {"general"}


def test_question_ids_match_file_names(shipped_questions: dict[str, Question]) -> None:
    folder = files("prompts") / "questions"
    stems = sorted(
        f.name.removesuffix(".toml") for f in folder.iterdir() if f.name.endswith(".toml")
    )
    assert list(shipped_questions) == stems  # ordered by file name, ids unique
    assert all(q.id == qid for qid, q in shipped_questions.items())


def test_questions_point_at_real_stages(
    shipped_questions: dict[str, Question], shipped_rubrics: dict[str, Rubric]
) -> None:
    for q in shipped_questions.values():
        stage_ids = shipped_rubrics[q.rubric].stage_ids
        assert all(f.stage in stage_ids for f in q.follow_ups), q.id
        assert all(s in stage_ids for c in q.constraint_changes for s in c.stages), q.id


def test_question_minimums(shipped_questions: dict[str, Question]) -> None:
    for q in shipped_questions.values():
        assert len(q.constraint_changes) >= 3, q.id
        assert len({c.id for c in q.constraint_changes}) == len(q.constraint_changes), q.id
        if q.is_design:
            assert len(q.facts) >= 3 and len(q.follow_ups) >= 4, q.id
            assert 240 <= q.budget_s <= 480, q.id
            assert len({f.stage for f in q.follow_ups}) >= 3, q.id
        else:
            assert len(q.follow_ups) >= 2, q.id
            assert 120 <= q.budget_s <= 180, q.id


def test_load_one_question() -> None:
    q = load_question("fraud-detection")
    assert q.rubric == "ml-system-design" and q.title


def test_unknown_ids_list_what_is_known() -> None:
    with pytest.raises(RubricError) as rubric_err:
        load_rubric("nope")
    assert str(rubric_err.value).startswith("unknown rubric 'nope' (known: ")
    assert "ml-system-design" in str(rubric_err.value)
    assert rubric_err.value.exit_code == 2  # `--rubric nope` is a usage error (it was 7)
    with pytest.raises(QuestionError) as question_err:
        load_question("nope")
    assert "unknown question 'nope'" in str(question_err.value)


def test_errors_exit_with_code_7() -> None:
    assert rubrics.RubricError.exit_code == 7
    assert prompts.QuestionError.exit_code == 7


# --- broken user files -----------------------------------------------------------------

STAGE = """
[[stages]]
id = "{id}"
title = "Stage {id}"
meaning = "What stage {id} covers."
weight = {weight}
position = "early"
good = ["one thing", "another thing"]
phrasings = ["one", "two", "three", "four", "five"]
cues = ["c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9", "c10", "c11", "c12"]
"""


def rubric_text(rid: str = "mine", ids: tuple[str, ...] = ("alpha", "beta"), weight: str = "1.0"):
    head = f'id = "{rid}"\ntitle = "Mine"\ndescription = "A test rubric."\n'
    stages = [STAGE.format(id=sid, weight="1.0") for sid in ids]
    stages[-1] = STAGE.format(id=ids[-1], weight=weight)
    return head + "".join(stages)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def load_error(error: type[Exception], load, folder: Path) -> str:
    """The one-line message ``load([folder])`` fails with."""
    with pytest.raises(error) as err:
        load([folder])
    message = str(err.value)
    assert "\n" not in message
    return message


def rubric_error(folder: Path) -> str:
    return load_error(RubricError, load_rubrics, folder)


def test_user_rubric_loads(tmp_path: Path) -> None:
    write(tmp_path, "mine.toml", rubric_text())
    mine = load_rubric("mine", [tmp_path])
    assert mine.stage_ids == ("alpha", "beta")
    assert mine.signposts == [] and mine.model_names == []
    assert "mine" in load_rubrics([tmp_path])


def test_user_rubric_overrides_shipped(tmp_path: Path) -> None:
    write(tmp_path, "general.toml", rubric_text("general", ("only",)))
    assert load_rubric("general", [tmp_path]).stage_ids == ("only",)
    assert load_rubrics([tmp_path])["general"].stage_ids == ("only",)
    assert load_rubric("general").stage_ids != ("only",)


def test_missing_extra_dir_is_skipped(tmp_path: Path) -> None:
    assert load_rubrics([tmp_path / "absent"]).keys() == load_rubrics().keys()


def test_toml_syntax_error(tmp_path: Path) -> None:
    path = write(tmp_path, "mine.toml", rubric_text().replace('title = "Mine"', "title = "))
    message = rubric_error(tmp_path)
    assert message.startswith(f"{path}: not valid TOML")
    assert "line 2" in message


@pytest.mark.parametrize(
    ("edit", "key", "words"),
    [
        (
            lambda t: t.replace('meaning = "What stage alpha covers."\n', ""),
            "stages.0.meaning",
            "Field required",
        ),
        (
            lambda t: t.replace('title = "Stage beta"', 'title = "Stage beta"\ncolour = "red"'),
            "stages.1.colour",
            "Extra inputs are not permitted",
        ),
        (
            lambda t: t.replace('title = "Mine"', 'title = "Mine"\nsignpost = ["first"]'),
            "signpost",
            "Extra inputs",
        ),
        (lambda t: t.replace('"c12"]\n', '"C12"]\n', 1), "stages.0.cues.11", "lowercase"),
        (lambda t: t.replace('id = "mine"', 'id = "other"'), "id", "must match the file name"),
    ],
    ids=["missing-key", "extra-key", "extra-top-level-key", "uppercase-cue", "id-mismatch"],
)
def test_invalid_rubric_names_file_and_key(tmp_path: Path, edit, key: str, words: str) -> None:
    path = write(tmp_path, "mine.toml", edit(rubric_text()))
    message = rubric_error(tmp_path)
    assert message.startswith(f"{path}: {key}: ")
    assert words in message


@pytest.mark.parametrize(
    ("weight", "words"),
    [
        ('"heavy"', "valid number"),
        ("-0.5", "greater than 0"),
        ("0", "greater than 0"),
    ],
)
def test_bad_weight(tmp_path: Path, weight: str, words: str) -> None:
    path = write(tmp_path, "mine.toml", rubric_text(ids=("alpha", "beta", "gamma"), weight=weight))
    message = rubric_error(tmp_path)
    assert message.startswith(f"{path}: stages.2.weight: ")
    assert words in message


def test_duplicate_stage_id(tmp_path: Path) -> None:
    path = write(tmp_path, "mine.toml", rubric_text(ids=("alpha", "beta", "alpha")))
    message = rubric_error(tmp_path)
    assert message.startswith(f"{path}: stages: ")
    assert "duplicate stage id 'alpha'" in message


def test_load_rubric_reports_broken_user_file(tmp_path: Path) -> None:
    path = write(tmp_path, "mine.toml", rubric_text(weight='"heavy"'))
    with pytest.raises(RubricError, match="stages.1.weight") as err:
        load_rubric("mine", [tmp_path])
    assert str(path) in str(err.value)


QUESTION = """
id = "mine"
title = "My question"
prompt = "Explain something."
rubric = "{rubric}"
topic = "communication"
difficulty = "easy"
budget_s = 120

[[constraint_changes]]
id = "one"
say = "Shorter, please."
keywords = ["short", "brief", "quick", "summary"]
stages = ["summary"]

[[constraint_changes]]
id = "two"
say = "Add an example."
keywords = ["example", "for instance", "imagine", "like"]
stages = ["example"]

[[constraint_changes]]
id = "three"
say = "Who is it for?"
keywords = ["audience", "users", "who", "for"]
stages = ["framing"]

[[follow_ups]]
stage = "example"
ask = "Give me an example."

[[follow_ups]]
stage = "{stage}"
ask = "Sum it up."
"""


def question_error(folder: Path) -> str:
    return load_error(QuestionError, load_questions, folder)


def test_user_question_loads(tmp_path: Path) -> None:
    write(tmp_path, "mine.toml", QUESTION.format(rubric="general", stage="summary"))
    questions = load_questions([tmp_path])
    assert "mine" in questions and not questions["mine"].is_design
    assert load_question("mine", [tmp_path]).follow_ups[1].stage == "summary"


def test_question_with_unknown_rubric(tmp_path: Path) -> None:
    path = write(tmp_path, "mine.toml", QUESTION.format(rubric="nope", stage="summary"))
    message = question_error(tmp_path)
    assert message.startswith(f"{path}: rubric: unknown rubric 'nope' (known: ")


def test_every_problem_of_a_question_file_is_named_at_once(tmp_path: Path) -> None:
    """A half-written question of the user's own was refused with its first problem
    "(and 2 more problems)", so it took a run for each."""
    path = write(
        tmp_path,
        "mine.toml",
        'id = "mine"\ntitle = "Mine"\nrubric = "ml-system-design"\ntopic = "recs"\n'
        'difficulty = "medium"\nbudget_s = 300\nprompt = "Design a podcast recommender."\n',
    )
    message = question_error(tmp_path)
    assert message.startswith(f"{path}: ") and "\n" not in message
    for key in ("facts", "constraint_changes", "follow_ups"):
        assert f"{key}: " in message, message
    assert "more problem" not in message


def test_a_question_file_that_cannot_be_used_is_left_out_of_the_bank(tmp_path: Path) -> None:
    """One half-written file of the user's own made every command exit 7, scoring an
    unrelated recording included. Asked to, the bank leaves it out and says why; one with
    a shipped question's name leaves the shipped one in place."""
    write(tmp_path, "mine.toml", 'id = "mine"\ntitle = "Mine"\n')
    write(tmp_path, "fraud-detection.toml", 'id = "fraud-detection"\n')
    write(
        tmp_path,
        "ok.toml",
        QUESTION.format(rubric="general", stage="summary").replace('id = "mine"', 'id = "ok"'),
    )
    skipped: list[str] = []
    questions = load_questions([tmp_path], skipped=skipped)
    assert "mine" not in questions and "ok" in questions
    assert questions["fraud-detection"].title == load_questions()["fraud-detection"].title
    assert len(skipped) == 2 and all("Field required" in p for p in skipped), skipped
    with pytest.raises(QuestionError):
        load_questions([tmp_path])  # not asked to leave anything out
    with pytest.raises(QuestionError):
        load_question("mine", [tmp_path])


def test_follow_up_with_unknown_stage(tmp_path: Path) -> None:
    path = write(tmp_path, "mine.toml", QUESTION.format(rubric="general", stage="wrapup"))
    message = question_error(tmp_path)
    assert message.startswith(f"{path}: follow_ups.1.stage: unknown stage 'wrapup'")
    with pytest.raises(QuestionError, match="follow_ups.1.stage"):
        load_question("mine", [tmp_path])


def test_constraint_change_with_unknown_stage(tmp_path: Path) -> None:
    text = QUESTION.format(rubric="general", stage="summary").replace(
        'stages = ["framing"]', 'stages = ["framing", "pipeline"]'
    )
    path = write(tmp_path, "mine.toml", text)
    message = question_error(tmp_path)
    assert message.startswith(f"{path}: constraint_changes.2.stages.1: unknown stage 'pipeline'")


def test_question_on_user_rubric(tmp_path: Path) -> None:
    rubric_dir, question_dir = tmp_path / "rubrics", tmp_path / "questions"
    rubric_dir.mkdir()
    question_dir.mkdir()
    write(rubric_dir, "mine.toml", rubric_text(ids=("framing", "example", "summary")))
    write(question_dir, "mine.toml", QUESTION.format(rubric="mine", stage="summary"))
    question_error(question_dir)  # not known without the user's rubrics
    questions = load_questions([question_dir], rubrics=load_rubrics([rubric_dir]))
    assert questions["mine"].rubric == "mine"


@pytest.mark.parametrize(
    ("edit", "key", "words"),
    [
        (lambda t: t.replace("budget_s = 120", 'budget_s = "long"'), "budget_s", "valid integer"),
        (
            lambda t: t.replace('difficulty = "easy"', 'difficulty = "brutal"'),
            "difficulty",
            "'easy', 'medium' or 'hard'",
        ),
        (
            lambda t: t.replace('rubric = "general"', 'rubric = "ml-system-design"'),
            "facts",
            "at least 3 facts",
        ),
        (
            lambda t: t.replace('id = "two"', 'id = "one"'),
            "constraint_changes",
            "duplicate constraint change id 'one'",
        ),
        (
            lambda t: t.replace(
                'keywords = ["short", "brief", "quick", "summary"]', 'keywords = ["short"]'
            ),
            "constraint_changes.0.keywords",
            "at least 4",
        ),
    ],
    ids=["wrong-type", "bad-literal", "design-needs-facts", "duplicate-change", "few-keywords"],
)
def test_invalid_question_names_file_and_key(tmp_path: Path, edit, key: str, words: str) -> None:
    path = write(tmp_path, "mine.toml", edit(QUESTION.format(rubric="general", stage="summary")))
    message = question_error(tmp_path)
    assert message.startswith(f"{path}: {key}: ")
    assert words in message
