"""Settings come from the injected environment only: the file, THINKALOUD_* variables of
the mapping handed in, then flags; nothing is read from the process's own environment."""

from __future__ import annotations

import threading

import pytest

from assistant.app.config import ConfigError, load_settings
from assistant.app.context import AppContext
from assistant.app.environment import Environment


@pytest.fixture
def home(tmp_path) -> dict[str, str]:
    """An environment whose config dir is empty (never the real user's)."""
    return {"THINKALOUD_CONFIG_DIR": str(tmp_path / "config")}


def test_the_process_environment_is_not_read(monkeypatch, home):
    monkeypatch.setenv("THINKALOUD_SLOW_WPM", "42")
    assert load_settings(environ=home).slow_wpm == 110.0
    assert load_settings(environ={**home, "THINKALOUD_SLOW_WPM": "42"}).slow_wpm == 42.0


def test_file_then_environment_then_flags(tmp_path):
    (tmp_path / "config.toml").write_text("slow_wpm = 90\nfast_wpm = 190\nmodel = 'a'\n")
    environ = {"THINKALOUD_CONFIG_DIR": str(tmp_path), "thinkaloud_fast_wpm": "200"}
    settings = load_settings(None, {"model": "b", "language": None}, environ=environ)
    assert (settings.slow_wpm, settings.fast_wpm, settings.model) == (90.0, 200.0, "b")
    assert settings.language == "en"  # a flag left unset changes nothing


def test_the_config_dir_comes_from_the_injected_environment(tmp_path):
    (tmp_path / "config.toml").write_text("min_pause_s = 0.3\n")
    ctx = AppContext.load(Environment(environ={"THINKALOUD_CONFIG_DIR": str(tmp_path)}))
    assert ctx.settings.min_pause_s == 0.3
    assert ctx.user_dirs("questions") == [tmp_path / "questions"]


def test_a_list_setting_is_json_and_a_bad_one_is_named(home):
    given = {**home, "THINKALOUD_LOCAL_MODELS": '["/m/a.gguf"]'}
    assert [str(p) for p in load_settings(environ=given).local_models] == ["/m/a.gguf"]
    with pytest.raises(ConfigError, match="THINKALOUD_LOCAL_MODELS='/m/a.gguf': not a JSON"):
        load_settings(environ={**home, "THINKALOUD_LOCAL_MODELS": "/m/a.gguf"})


@pytest.mark.parametrize(
    ("environ", "needle"),
    [
        ({"THINKALOUD_BEAM_SIZE": "0"}, "THINKALOUD_BEAM_SIZE='0': "),
        # a rule across settings names the one given, not "settings:" (nor its default)
        (
            {"THINKALOUD_MIN_PAUSE_S": "3"},
            r"^THINKALOUD_MIN_PAUSE_S='3': pause thresholds must satisfy .* \(here 3, 1 and 2\)$",
        ),
        ({"THINKALOUD_FAST_WPM": "90"}, r"^THINKALOUD_FAST_WPM='90': the pace range .*110 and 90"),
    ],
)
def test_a_bad_value_names_where_it_came_from(home, environ, needle):
    with pytest.raises(ConfigError, match=needle):
        load_settings(environ={**home, **environ})


def test_a_rule_across_settings_names_each_key_given_and_where(home, tmp_path):
    config = tmp_path / "config.toml"
    config.write_text("min_pause_s = 1.5\nlong_pause_s = 1\n")
    with pytest.raises(ConfigError) as info:
        load_settings(config, environ=home)
    assert str(info.value).startswith(f"{config}: min_pause_s, long_pause_s: pause thresholds")
    environ = {**home, "THINKALOUD_THINKING_PAUSE_S": "0.5"}
    with pytest.raises(ConfigError) as info:
        load_settings(config, {"slow_wpm": 100}, environ=environ)  # slow_wpm: no rule broken
    said = str(info.value)
    assert said.startswith(f"{config}: min_pause_s, long_pause_s; THINKALOUD_THINKING_PAUSE_S=")
    assert "(here 1.5, 0.5 and 1)" in said and "slow_wpm" not in said


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("min_pause = 0.3\n", "unknown setting 'min_pause' (did you mean 'min_pause_s'? known: "),
        ("[llm]\nmodel = 'x'\n", "unknown setting 'llm' (known: model, compute_type, "),
    ],
)
def test_an_unknown_setting_is_said_with_the_known_ones(home, tmp_path, text, said):
    """It read "Extra inputs are not permitted", the validator's words."""
    config = tmp_path / "config.toml"
    config.write_text(text)
    with pytest.raises(ConfigError) as info:
        load_settings(config, environ=home)
    assert str(info.value).startswith(f"{config}: ") and said in str(info.value)
    assert "data_dir" in str(info.value) and "Extra inputs" not in str(info.value)


def test_loading_is_reentrant(home):
    """Overrides travel with the call, not through shared state: threads loading with
    different flags each get their own."""
    seen: dict[int, set[float]] = {}

    def load(n: int) -> None:
        seen[n] = {load_settings(None, {"slow_wpm": n}, environ=home).slow_wpm for _ in range(50)}

    threads = [threading.Thread(target=load, args=(n,)) for n in range(60, 66)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen == {n: {float(n)} for n in range(60, 66)}
    assert load_settings(environ=home).slow_wpm == 110.0


def test_a_relative_folder_in_a_config_file_is_beside_the_file(tmp_path, monkeypatch):
    """Played outside the repo: `data_dir = "relative/dir"` made a new session store in
    whatever folder thinkaloud ran from, so the sessions seemed to vanish from another."""
    from tests.support.cli import run

    monkeypatch.delenv("THINKALOUD_DATA_DIR")  # the test home's; the file's is wanted
    cfg = tmp_path / "cfg" / "c.toml"
    cfg.parent.mkdir()
    cfg.write_text('data_dir = "relative/dir"\nlocal_models = ["m/own.gguf"]\n')
    answer = tmp_path / "answer.txt"
    answer.write_text("I'd rank by predicted open probability with gradient boosted trees.\n")
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    monkeypatch.chdir(first)
    code, _, err = run(
        "--config", str(cfg), "practice", "--question", "notification-ranking",
        "--answer", str(answer),
    )  # fmt: skip
    assert code == 0, err
    monkeypatch.chdir(second)
    code, out, err = run("--config", str(cfg), "history", "--json")
    assert code == 0, err
    assert len(__import__("json").loads(out)) == 1
    assert (cfg.parent / "relative" / "dir").is_dir()
    assert not (first / "relative").exists() and not (second / "relative").exists()
    settings = load_settings(cfg, environ={})
    assert settings.local_models == [cfg.parent / "m" / "own.gguf"]
