"""Bad settings, bad arguments and bad transcripts: each refused in one line with its
documented exit code (7 settings, 2 usage, 3 input) before any work, never read as
something else (an empty THINKALOUD_DATA_DIR was the current folder; THINKALOUD_LANGUAGE=xx
was decoded as English; a 5 MB transcript ran for 40 minutes)."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from assistant.scoring.analyse import MAX_TRANSCRIPT_BYTES, read_transcript
from assistant.settings import WHISPER_LANGUAGES
from speech.errors import InputUnusableError
from tests.support.cli import run
from tests.support.hardening import refused

ENV_CASES = [
    # (variable, value, argv, needle)
    ("THINKALOUD_DATA_DIR", "", ["history"], "THINKALOUD_DATA_DIR is set but empty"),
    ("THINKALOUD_DATA_DIR", "  ", ["delete", "last"], "empty"),
    ("THINKALOUD_CONFIG_DIR", "", ["questions"], "THINKALOUD_CONFIG_DIR is set but empty"),
    ("THINKALOUD_CONFIG", "", ["questions"], "THINKALOUD_CONFIG is set but empty"),
    ("THINKALOUD_MODELS_DIR", "", ["models"], "THINKALOUD_MODELS_DIR"),
    ("THINKALOUD_LLM_MODEL", "", ["questions"], "THINKALOUD_LLM_MODEL"),
    ("THINKALOUD_LANGUAGE", "xx", ["questions"], "not a language Whisper knows"),
    ("THINKALOUD_LANGUAGE", "english", ["questions"], "not a language Whisper knows"),
    ("THINKALOUD_LANGUAGE", "de", ["score", "--sample"], "knows English only"),
    ("THINKALOUD_LOCAL_MODELS", "not json", ["models"], "not a JSON list"),
    ("THINKALOUD_LOCAL_MODELS", '"one.gguf"', ["models"], "THINKALOUD_LOCAL_MODELS"),
    ("THINKALOUD_LOCAL_MODELS", '[""]', ["models"], "empty path"),
    ("THINKALOUD_LLM_TIMEOUT_S", "-1", ["questions"], "greater than 0"),
    ("THINKALOUD_LLM_TIMEOUT_S", "soon", ["questions"], "THINKALOUD_LLM_TIMEOUT_S"),
    ("THINKALOUD_VAD_THRESHOLD", "2", ["questions"], "less than 1"),
    ("THINKALOUD_CPU_THREADS", "-2", ["questions"], "greater than or equal to 0"),
    ("THINKALOUD_CPU_THREADS", "99999999999999", ["questions"], "less than or equal to 1024"),
    ("THINKALOUD_MAX_AUDIO_MINUTES", "inf", ["questions"], "finite number"),
    ("THINKALOUD_MAX_AUDIO_MINUTES", "1e400", ["questions"], "finite number"),
    ("THINKALOUD_LONG_PAUSE_S", "inf", ["questions"], "finite number"),
    ("THINKALOUD_STRUCTURE_METHOD", "magic", ["questions"], "THINKALOUD_STRUCTURE_METHOD"),
    ("THINKALOUD_KEEP_FILLERS", "perhaps", ["questions"], "THINKALOUD_KEEP_FILLERS"),
]


@pytest.mark.parametrize(("var", "value", "argv", "needle"), ENV_CASES)
def test_a_bad_environment_value_is_refused(tmp_path, monkeypatch, var, value, argv, needle):
    monkeypatch.chdir(tmp_path)  # an empty path must not become this folder
    monkeypatch.setenv(var, value)
    code, out, err = run(*argv)
    refused(code, err, 7, needle)
    assert out == "" and list(tmp_path.iterdir()) == []


CONFIG_CASES = [
    ('data_dir = ""\n', "data_dir: is empty"),
    ('language = "klingon"\n', "not a language Whisper knows"),
    ('local_models = [""]\n', "empty path"),
    ("favourite_colour = 'blue'\n", "favourite_colour: unknown setting 'favourite_colour'"),
    ("min_pause_s = 3\n", "min_pause_s: pause thresholds"),
    ("min_pause_s = -1\n", "min_pause_s: pause thresholds"),
    ("slow_wpm = -5\n", "slow_wpm: Input should be greater than 0"),
    ("slow_wpm = 200\nfast_wpm = 100\n", "slow_wpm, fast_wpm: the pace range"),
    ("llm_timeout_s = 0\n", "greater than 0"),
    ("data_dir = \n", "not valid TOML"),
]


@pytest.mark.parametrize(("text", "needle"), CONFIG_CASES)
def test_a_bad_config_file_is_named_with_its_key(tmp_path, monkeypatch, text, needle):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("THINKALOUD_DATA_DIR")  # the environment would win over the file
    config = tmp_path / "config.toml"
    config.write_text(text)
    code, out, err = run("--config", str(config), "questions")
    line = refused(code, err, 7, needle)
    assert f"{config}: " in line  # every bad value names the file it is in
    assert [p.name for p in tmp_path.iterdir()] == ["config.toml"]


def test_a_config_file_that_is_not_utf8_or_not_a_file(tmp_path):
    config = tmp_path / "config.toml"
    config.write_bytes(b"data_dir = '\xff\xfe'\n")
    code, _, err = run("--config", str(config), "questions")
    refused(code, err, 7, "cannot be read")
    code, _, err = run("--config", str(tmp_path), "questions")
    refused(code, err, 7, "is not a file")


def test_a_language_is_accepted_in_any_case_and_every_whisper_code_is_known():
    from faster_whisper.tokenizer import _LANGUAGE_CODES

    assert WHISPER_LANGUAGES == set(_LANGUAGE_CODES)
    code, _, err = run("questions", "--json", THINKALOUD_LANGUAGE="EN")
    assert code == 0, err


ARG_CASES = [
    (["trends", "--baseline", "-3"], "must be 1 or more"),
    (["trends", "--baseline", "0"], "must be 1 or more"),
    (["trends", "--baseline", "five"], "not a whole number"),
    (["history", "--limit", "-1"], "must be 1 or more"),
    (["export", "last", "--answer", "0"], "must be 1 or more"),
    (["score", "--sample", "--budget", "-5"], "not a duration"),
    (["score", "--sample", "--budget", "99999999999999999999m"], "24 hours or less"),
    (["show"], "the following arguments are required: id"),
    (["export", "last", "--format", "docx"], "invalid choice"),
]


@pytest.mark.parametrize(("argv", "needle"), ARG_CASES)
def test_a_bad_argument_is_a_usage_error(tmp_path, argv, needle):
    data = tmp_path / "data"
    code, out, err = run(*argv, THINKALOUD_DATA_DIR=str(data))
    refused(code, err, 2, needle)
    assert out == "" and not data.exists()


def _fifo(path: Path, data: bytes) -> Path:
    os.mkfifo(path)

    def feed() -> None:
        try:
            with path.open("wb") as fh:
                fh.write(data)
        except BrokenPipeError:  # the reader stopped at the limit, as it should
            pass

    threading.Thread(target=feed, daemon=True).start()
    return path


TRANSCRIPT_CASES = [
    ("latin-1", lambda p: _bytes(p / "a.txt", "caf\xe9 au lait".encode("latin-1")), "UTF-8"),
    ("utf-16", lambda p: _bytes(p / "a.txt", "framing first".encode("utf-16")), "UTF-8"),
    # with no byte-order mark it decoded with a NUL between letters and scored 0
    ("utf-16-le", lambda p: _bytes(p / "a.txt", "framing first".encode("utf-16-le")), "NUL"),
    # a recording given as a transcript was taken for UTF-16 text
    ("a WAV", lambda p: _bytes(p / "a.wav", b"RIFF\x24\x00\x00\x00WAVEfmt "), "a recording"),
    ("5 MB", lambda p: _bytes(p / "a.txt", b"we frame the problem. " * 240_000), "200 KB"),
    ("a pipe", lambda p: _fifo(p / "pipe", b"data data " * 30_000), "200 KB"),
    ("a folder", lambda p: p, "is a directory"),
    # it read /dev/zero to its limit and said "larger than 200 KB"
    ("a device", lambda p: Path("/dev/zero"), "a device, not a text file"),
    ("missing", lambda p: p / "nope.txt", "no such file"),
]


@pytest.mark.parametrize(("case", "make", "needle"), TRANSCRIPT_CASES)
def test_a_transcript_that_cannot_be_used_is_refused_at_once(tmp_path, case, make, needle):
    started = time.monotonic()
    code, out, err = run("score", "--transcript", str(make(tmp_path)))
    refused(code, err, 3, needle)
    assert out == ""
    assert time.monotonic() - started < 10  # before any work (5 MB took 40 minutes)


def test_a_byte_order_mark_is_not_part_of_the_text(tmp_path):
    """Notepad saves UTF-8 with a byte-order mark: a transcript kept it in its words and
    exports, and a settings file was refused as "Invalid statement (at line 1)"."""
    marked = _bytes(tmp_path / "a.txt", "\ufeffWe frame the problem first.".encode())
    assert read_transcript(marked) == "We frame the problem first."
    config = _bytes(tmp_path / "config.toml", "\ufeffmin_pause_s = 0.3\n".encode())
    code, out, err = run("--config", str(config), "score", "--transcript", str(marked))
    assert code == 0, err


def test_the_transcript_limit_is_exact(tmp_path):
    ok = _bytes(tmp_path / "ok.txt", b"a" * MAX_TRANSCRIPT_BYTES)
    assert len(read_transcript(ok)) == MAX_TRANSCRIPT_BYTES
    with pytest.raises(InputUnusableError):
        read_transcript(_bytes(tmp_path / "big.txt", b"a" * (MAX_TRANSCRIPT_BYTES + 1)))


def _bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
