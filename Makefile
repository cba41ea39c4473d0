VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install run test lint typecheck quality train bench clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# With a token in the environment or in .env the Telegram bot starts; without one, the terminal chat.
run: install
	@if [ -n "$$BOT_TOKEN" ] || grep -Eq '^[[:space:]]*BOT_TOKEN=[^[:space:]]+' .env 2>/dev/null; then \
		$(VENV)/bin/accords-bot run; \
	else \
		echo "No BOT_TOKEN set: starting the terminal chat (see README, 'Telegram')."; \
		$(VENV)/bin/accords-bot chat; \
	fi

lint: install
	$(VENV)/bin/ruff check bot tests benchmarks
	$(VENV)/bin/ruff format --check bot tests benchmarks

typecheck: install
	$(VENV)/bin/mypy

test: lint typecheck
	$(VENV)/bin/pytest

# Every public question set scored by `accords-bot eval`: one table, then the confidence's reliability.
quality: install
	$(PY) -m benchmarks.quality

# Fit the confidence model on the training sets of benchmarks/quality.py: bot/confidence-weights.txt.
train: install
	$(PY) -m benchmarks.train

bench: install
	$(PY) -m pip install --quiet -e '.[dev,bench]'
	$(PY) -m benchmarks

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
