# The two commands of the README. Each sets itself up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: score test lint docs clean check-wheel

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	touch $@ $(STAMP)

# Score the seed articles, write the committed scorecards under reports/, print the ranked table.
# --no-cache: the committed reports are always scored afresh and the user's cache is untouched.
SCORE_SEEDS := $(BIN)/reliability score seeds --as-of 2026-11-21 --no-cache
score: $(STAMP)
	$(SCORE_SEEDS) --format json -o reports/seeds.json
	$(SCORE_SEEDS) --format markdown -o reports/seeds.md
	$(SCORE_SEEDS) --format html -o reports/seeds.html
	$(SCORE_SEEDS) --format table

test: $(TEST_STAMP)
	$(BIN)/ruff check engine tests scripts
	$(BIN)/mypy --strict engine tests scripts
	$(BIN)/pytest

# Build the wheel, install it into a fresh venv outside the checkout, score seeds/ from another
# folder and compare the ranking with reports/seeds.json (what `make score` writes).
check-wheel: $(BIN)/python
	$(BIN)/python scripts/check_wheel.py

docs: $(STAMP)
	$(BIN)/reliability rules docs -o docs/RULES.md

clean:
	rm -rf $(VENV) build *.egg-info
