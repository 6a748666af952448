"""The hardening corpus's shared data: a data folder holding one finished session."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from sessions.store import Store
from sessions.wav_sink import WavSink
from tests.support.reports import interview_report, save


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """A data folder with one finished session (a real report, one recorded answer)."""
    root = tmp_path_factory.mktemp("template")
    data = root / "data"
    store = Store.open(data)
    sid = save(store, interview_report(root / "wavs", ["We frame the problem first."]))
    answer, path = store.new_answer(sid, 0, None)
    sink = WavSink(path)
    sink.write(np.full(16000, 500, dtype=np.int16))
    sink.close()
    store.finish_answer(answer, 1.0, {})
    store.close()
    return data


@pytest.fixture
def data(template, tmp_path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(template, copy)
    return copy
