# zhengwu — two commands on a fresh machine with Python 3.11+: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ADDR ?= 127.0.0.1:8000
PYTEST_ARGS ?=

.PHONY: demo test test-slow lint format locale install clean bench

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is required") if sys.version_info < (3, 11) else None'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

locale: $(STAMP)
	$(BIN)/zhengwu compile_locale

demo: locale
	$(BIN)/zhengwu demo --addr $(ADDR)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: locale lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The long-running tests kept out of `make test` (marked slow: demo loads, crawls, fault and load
# tests); .ci/run runs both.
test-slow: locale
	$(BIN)/python -m pytest -m slow $(PYTEST_ARGS)

# Every benchmark at full size, one results table (benchmarks/README.md); BENCH_ARGS=--quick etc.
bench: locale
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) var build dist src/*.egg-info
