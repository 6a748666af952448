"""Layering and start-up cost: the layers point down (import-linter's contracts in
pyproject.toml), the core imports neither the UI nor anything heavy, and the committed
report schema is current."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from assistant.report import SCHEMA_FILE, json_schema

ROOT = Path(__file__).parents[2]
HEAVY = [
    "textual",
    "faster_whisper",
    "ctranslate2",
    "av",
    "litellm",
    "onnxruntime",
    "sounddevice",
    "pyttsx3",
    "cyllama",
]
EVERY_CORE_MODULE = """
import importlib, json, pkgutil, sys
names = []
for root in ("assistant", "speech", "sessions", "prompts", "rubrics"):
    names.append(root)
    package = importlib.import_module(root)
    for info in pkgutil.walk_packages(package.__path__, root + "."):
        if not info.name.startswith("assistant.tui") and not info.name.endswith("__main__"):
            names.append(info.name)
for name in names:
    importlib.import_module(name)
print(json.dumps({"modules": len(names), "heavy": [m for m in HEAVY if m in sys.modules]}))
"""


def test_the_import_contracts_hold():
    """cli | tui > app > practice > interview > scoring > llm > report | settings >
    adapters and data; textual only under assistant/tui; no cycles between packages."""
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint, "import-linter is missing: `make test` installs it"
    done = subprocess.run([lint, "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "3 kept, 0 broken" in done.stdout


def test_no_core_module_imports_the_ui_or_anything_heavy():
    """Every module outside assistant/tui imported in one fresh interpreter: textual, the
    speech and LLM runtimes, PortAudio and the voice load only when a command needs them."""
    code = f"HEAVY = {HEAVY!r}\n" + EVERY_CORE_MODULE
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    result = json.loads(out.stdout)
    assert result["modules"] > 60
    assert result["heavy"] == []


def test_starting_the_command_imports_nothing_heavy():
    code = f"import sys, assistant.main; print([m for m in {HEAVY!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_committed_report_schema_is_current():
    assert SCHEMA_FILE.read_text() == json_schema(), (
        "the report models changed: run `python -m assistant.report` and commit the schema"
    )
