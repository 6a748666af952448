"""Layering and start-up cost: the core stays free of the UI and of heavy imports."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.report import SCHEMA_FILE, json_schema

CORE_MODULES = [
    "assistant",
    "assistant.cli",
    "assistant.scoring.analyse",
    "assistant.scoring.pacing",
    "assistant.scoring.fillers",
    "assistant.report",
    "assistant.settings",
    "speech.audio",
    "speech.transcriber",
    "speech.vad",
    "rubrics",
    "prompts",
    "assistant.interview.session",
    "assistant.interview.llm_interviewer",
    "assistant.llm.litellm_chat",
    "assistant.llm.local_chat",
    "assistant.practice.session",
    "assistant.app.context",
    "assistant.scoring.live",
    "assistant.cli.sessions",
    "sessions.store",
    "speech.recorder",
]
HEAVY = ["textual", "faster_whisper", "ctranslate2", "av", "litellm", "onnxruntime"]


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_modules_import_no_ui_and_nothing_heavy(module):
    code = f"import sys, {module}; print([m for m in {HEAVY!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout.replace("'", '"')) == []


def test_committed_report_schema_is_current():
    assert SCHEMA_FILE.read_text() == json_schema(), (
        "the report models changed: run `python -m assistant.report` and commit the schema"
    )


def test_only_the_tui_package_imports_textual():
    root = Path(__file__).parents[1]
    offenders = []
    for package in ("assistant", "speech", "sessions", "prompts", "rubrics"):
        for path in (root / package).rglob("*.py"):
            if "tui" in path.relative_to(root).parts:
                continue
            text = path.read_text()
            if "import textual" in text or "from textual" in text:
                offenders.append(str(path.relative_to(root)))
    assert offenders == []
