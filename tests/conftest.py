"""Shared fixtures: the real bundled speech model and recordings with known truth."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from assistant.main import quiet_dependencies
from assistant.settings import Settings
from speech.models import resolve_model
from speech.transcriber import FasterWhisperTranscriber
from tests.support.synth import espeak_available

quiet_dependencies()  # the tests' own processes phone home no more than thinkaloud does


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    """No test reads or writes the real user's config or data."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("THINKALOUD_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("THINKALOUD_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("THINKALOUD_MODELS_DIR", str(home / "models"))
    for var in list(os.environ):
        if var.startswith("THINKALOUD_") and var not in (
            "THINKALOUD_CONFIG_DIR",
            "THINKALOUD_DATA_DIR",
            "THINKALOUD_MODELS_DIR",
        ):
            monkeypatch.delenv(var)


@pytest.fixture(scope="session")
def transcriber() -> FasterWhisperTranscriber:
    """The real bundled tiny.en model, loaded once for the whole run."""
    t = FasterWhisperTranscriber(resolve_model(None), cpu_threads=2)
    t.load()
    return t


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def synth_dir(tmp_path_factory) -> Path:
    if not espeak_available():
        pytest.fail("espeak-ng is required for the speech tests: run `make test` (installs it)")
    return tmp_path_factory.mktemp("speech")
