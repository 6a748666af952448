"""A bigger speech model from the package registry: Whisper base, shipped as two data
packages whose pieces of model.bin are joined on first use (``--model base``)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from speech.errors import ModelError
from speech.models import JOINED, join_model, resolve_model
from tests.support.cli import one_error_line, run
from tests.support.synth import Say, Silence, synthesize

BASE = JOINED["base"]


@pytest.fixture(scope="module")
def joined(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("models")


def test_the_base_model_is_joined_once_checked_and_reused(joined):
    first = resolve_model("base", joined)
    model = first.path / "model.bin"
    assert first.name == "base" and model.stat().st_size == BASE.size
    assert {p.name for p in first.path.iterdir()} >= {"config.json", "vocabulary.txt"}
    assert [p.name for p in joined.iterdir()] == [first.path.name]  # no work folder left
    stamp = model.stat().st_mtime_ns
    again = resolve_model("base", joined)
    assert again.path == first.path and model.stat().st_mtime_ns == stamp  # not joined again


def test_an_interrupted_or_damaged_join_is_done_again(tmp_path):
    stale = tmp_path / f".whisper-base-{BASE.version}.x1y2"  # a join killed midway
    stale.mkdir()
    (stale / "model.bin").write_bytes(b"\0" * 1000)
    damaged = tmp_path / f"whisper-base-{BASE.version}"
    damaged.mkdir()
    (damaged / "model.bin").write_bytes(b"\0" * 1000)  # cut short
    folder = join_model(BASE, tmp_path)
    assert folder == damaged and (folder / "model.bin").stat().st_size == BASE.size
    assert not stale.exists()


def test_pieces_that_do_not_match_the_checksum_leave_nothing_behind(tmp_path):
    wrong = replace(BASE, sha256="0" * 64)
    with pytest.raises(ModelError, match="checksum"):
        join_model(wrong, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_a_joined_model_that_is_not_installed_says_how_to_install_it(tmp_path):
    missing = replace(BASE, packages=("thinkaloud_no_such_part1", "thinkaloud_no_such_part2"))
    with pytest.raises(ModelError, match="not installed.*pip install thinkaloud-no-such-part1"):
        join_model(missing, tmp_path)


@pytest.mark.model
def test_an_answer_scored_with_the_base_model(joined, tmp_path):
    """End to end through the command, the joined model kept in the configured folder."""
    wav = tmp_path / "answer.wav"
    synthesize(
        [
            Silence(0.6),
            Say("I would start with a simple baseline, then measure precision and recall."),
            Silence(0.6),
        ],
        wav,
        noise_dbfs=-50,
    )
    code, out, err = run(
        "score", str(wav), "--model", "base", "--json", THINKALOUD_MODELS_DIR=str(joined)
    )
    assert code == 0, err
    report = json.loads(out)
    assert report["model"] == "base"
    said = report["transcript"]["text"].lower()
    assert all(w in said for w in ("start", "measure", "precision", "recall"))
    assert [p.name for p in joined.iterdir()] == [f"whisper-base-{BASE.version}"]


def test_base_not_installed_is_one_line_with_the_install_command(tmp_path, monkeypatch):
    """What a user without the packages sees: one line, the command that installs them."""
    import speech.models

    missing = replace(BASE, packages=("thinkaloud_no_such_part1", "thinkaloud_no_such_part2"))
    monkeypatch.setitem(speech.models.JOINED, "base", missing)
    wav = tmp_path / "a.wav"
    synthesize([Say("Hello there.")], wav)
    code, _, err = run("score", str(wav), "--model", "base", THINKALOUD_MODELS_DIR=str(tmp_path))
    assert code == 6
    assert "make speech-base" in one_error_line(err)


def test_the_models_list_says_which_speech_models_are_ready(tmp_path, monkeypatch):
    import speech.models

    code, out, err = run("models", THINKALOUD_MODELS_DIR=str(tmp_path))
    assert code == 0, err
    assert "tiny.en  bundled    ready" in out
    assert (
        "base     registry   ready" in out and "joined into the models folder on first use" in out
    )
    resolve_model("base", tmp_path)
    _, out, _ = run("models", THINKALOUD_MODELS_DIR=str(tmp_path))
    assert str(tmp_path / f"whisper-base-{BASE.version}") in out
    missing = replace(BASE, packages=("thinkaloud_no_such_part1", "thinkaloud_no_such_part2"))
    monkeypatch.setitem(speech.models.JOINED, "base", replace(missing, version="0"))
    _, out, _ = run("models", THINKALOUD_MODELS_DIR=str(tmp_path))
    assert "base     registry   not ready" in out and "make speech-base" in out
