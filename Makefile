# Two commands do all the set-up: `make run` and `make test` create .venv when needed and install the locked set
# (requirements/lock.txt: every package, direct and transitive, pinned with its hashes).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCK := requirements/lock.txt
UV_VERSION := 0.13.9
LATEST := .venv-latest

.PHONY: run test test-latest lint lock upgrade clean

$(STAMP): pyproject.toml $(LOCK)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/timeline

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The suite against the newest versions pyproject.toml's ranges allow, in a venv of its own: finds the next drift
# before a user does. CI runs the locked set (`make test`) only.
test-latest:
	rm -rf $(LATEST)
	$(PYTHON) -m venv $(LATEST)
	$(LATEST)/bin/python -m pip install --quiet --upgrade --upgrade-strategy eager -e '.[test]'
	$(LATEST)/bin/python -m pip freeze --exclude-editable
	TIMELINE_UNLOCKED=1 $(LATEST)/bin/python -m pytest -q

UV := .venv-lock/bin/uv
COMPILE = $(UV) pip compile pyproject.toml requirements/lock.in --extra test --universal --python-version 3.11 \
	--generate-hashes --output-file $(LOCK)

$(UV):
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet uv==$(UV_VERSION)

# After changing pyproject.toml's dependencies: resolve again, keeping every pin the ranges still allow.
lock: $(UV)
	$(COMPILE)

# Refresh every pin on purpose: the newest versions the ranges allow, for every platform and Python 3.11+.
# Commit the new lock on its own, after `make test` passes with it.
upgrade: $(UV)
	$(COMPILE) --upgrade

clean:
	rm -rf $(VENV) $(LATEST) .venv-lock *.egg-info .pytest_cache .ruff_cache
