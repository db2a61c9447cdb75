# Two commands do all the set-up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: run init test lint format bench load clean-data

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements-dev.txt $(VENV)/.installed
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@

## run: create .venv, install, migrate, load demo data into an empty database, serve on :8501
run: init
	$(PY) -m streamlit run serve.py --server.port $(PORT)

init: $(VENV)/.installed
	$(PY) -m colead init

## test: install test tools and run the whole suite (unit, AppTest, browser)
test: $(VENV)/.dev-installed
	$(PY) -m pytest

## bench: every page's median rerun on demo and 10,000-talent data; the team proposal at 500 x 100;
##        a flood of public applications while staff work; a newsletter to 10,000 while staff work
bench: $(VENV)/.dev-installed
	$(PY) -m bench.pages $(ARGS)
	$(PY) -m bench.teams
	$(PY) -m bench.public_flood
	$(PY) -m bench.mail_send

## load: N = 1, 10, 25, 50 signed-in sessions over Streamlit's WebSocket protocol against the app
##       as `make run` serves it, beside an empty page (python -m bench.load --help)
load: $(VENV)/.dev-installed
	$(PY) -m bench.load $(ARGS)

lint: $(VENV)/.dev-installed
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(VENV)/.dev-installed
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .
