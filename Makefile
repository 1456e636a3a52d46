# Two commands do everything on a fresh machine: `make figures` and `make test`.
# Each creates .venv (if missing) and installs the pinned versions first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
STAMP  := $(VENV)/.installed-stamp
THE_SEED := seeds/putin_sends_trumps_messengers_packing.txt
SEED   := $(THE_SEED)
TABLES := data/processed/$(basename $(notdir $(SEED)))

.DEFAULT_GOAL := help
.PHONY: help install figures tables report test quick check lab notebooks lock clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 14

$(STAMP): pyproject.toml requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[test,dask,parquet]'
	@touch $(STAMP)

install: $(STAMP) ## create .venv and install the package with pinned dependencies

tables: $(STAMP) ## analyse the seed article into data/processed/<seed>/
	@test "$(SEED)" = "$(THE_SEED)" || { echo "error: data/processed/ holds the seed's committed tables; for another article use: make report ARTICLE=$(SEED)"; exit 2; }
	$(PY) -m analysis analyze $(SEED) --out $(TABLES)

figures: tables ## the main job: tables, then every report figure into figures/
	@test "$(SEED)" = "$(THE_SEED)" || { echo "error: figures/ and data/processed/ hold the seed's committed outputs; for another article use: make report ARTICLE=$(SEED)"; exit 2; }
	MPLBACKEND=Agg $(PY) -m analysis figures $(SEED) --out figures

report: $(STAMP) ## any article's report: make report ARTICLE=path/to/article.txt [OUT=dir] [CODEBOOK=file] [GOLD=file]
	@test -n "$(ARTICLE)" || { echo "error: give the article: make report ARTICLE=path/to/article.txt [OUT=dir]"; exit 2; }
	MPLBACKEND=Agg $(PY) -m analysis report "$(ARTICLE)" $(if $(OUT),--out "$(OUT)") $(if $(CODEBOOK),--codebook "$(CODEBOOK)") $(if $(GOLD),--gold "$(GOLD)")

NBVAL  := --nbval --nbval-current-env --nbval-sanitize-with notebooks/sanitize.cfg

# what `make test` must leave as it was: every tracked file's size and mtime, and git's view of the tree
TRACKED_STATE := { git ls-files -z | xargs -0 stat -c '%n %s %Y'; git status --porcelain; } 2>/dev/null | sha256sum

test: $(STAMP) ## run the whole test suite (2 processes, a file each): pytest on tests/ and nbval (strict) on notebooks/; fails if a tracked file changed
	@before=$$($(TRACKED_STATE)); \
	$(PY) -m pytest -n 2 --dist loadfile tests notebooks/*.ipynb $(NBVAL); status=$$?; \
	if [ "$$before" != "$$($(TRACKED_STATE))" ]; then \
	  echo "error: the test suite changed the working tree (it must not touch a tracked file):"; git status --short; exit 1; \
	fi; exit $$status

quick: $(STAMP) ## the test suite without the slow checks and the notebooks (for the edit-test loop)
	$(PY) -m pytest tests -m "not slow" -q

check: $(STAMP) ## lint and format check (ruff), and the layer test (imports point down, no cycle)
	$(BIN)/ruff check analysis tests benchmarks tools
	$(BIN)/ruff format --check analysis tests benchmarks tools
	$(PY) -m pytest tests/test_layers.py -q

LAB_FLAGS ?=
lab: $(STAMP) ## open JupyterLab on the notebooks (as root in a container: make lab LAB_FLAGS=--allow-root)
	$(BIN)/jupyter lab notebooks/ $(LAB_FLAGS)

notebooks: $(STAMP) ## re-execute every notebook in place (outputs committed, no timing metadata)
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace --ExecutePreprocessor.record_timing=False notebooks/*.ipynb

lock: $(STAMP) ## rewrite requirements.lock from the current .venv (after changing pyproject.toml)
	{ echo "# Exact versions (pip constraints file, used by make). Regenerate: make lock"; \
	  $(PY) -m pip freeze --exclude-editable; } > requirements.lock

clean: ## remove .venv and caches (not the committed outputs)
	rm -rf $(VENV) .pytest_cache .hypothesis *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
