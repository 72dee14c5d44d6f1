# Azathioprine assistant: the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

export RASA_TELEMETRY_ENABLED := false
export PYTHONPATH := $(CURDIR)
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export TF_CPP_MIN_LOG_LEVEL := 2

VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
PYTEST := $(PY) -m pytest
INSTALLED := $(VENV)/.installed
MODEL := models/assistant.tar.gz
TRAINING_DATA := data/nlu data/rules data/stories
# The safety layer of the domain and the widget's constants are rendered from data/clinical/.
GENERATED := domain/safety.yml bot/web/static/clinical.js docs/clinical-basis.md
CLINICAL_DATA := $(wildcard data/clinical/*.yml) bot/triage/replies.py bot/render_domain.py
TRAINING_INPUTS := config.yml $(GENERATED) $(wildcard domain/*.yml) $(wildcard data/findings/*.yml) $(wildcard data/conversation/*.yml) \
	$(wildcard data/clinical/*.yml) $(shell find $(TRAINING_DATA) -name '*.yml' 2>/dev/null)
RESULTS := results

.PHONY: help setup domain train run test lint unit validate stories e2e browser-deps lock clean eval bench \
	cluster cluster-deps test-cluster bench-cluster compose

help:
	@echo "make run    set up if needed, train if data changed, start the assistant"
	@echo "make test   lint (ruff, mypy), unit tests, data validation, training, dialogue and end-to-end tests"
	@echo "make domain render the domain's safety layer and the widget's constants from data/clinical/"
	@echo "make eval   quality report: NLU, triage cases, dialogue (reports/eval/)"
	@echo "make bench  speed and memory against Rasa's starter bot (reports/bench/)"
	@echo "make cluster        PostgreSQL, Redis, an action server, two Rasa servers and nginx on one port"
	@echo "make test-cluster   persistence, ordering, failover and outages against that cluster"
	@echo "make bench-cluster  throughput through nginx: two Rasa servers against one"

setup: $(INSTALLED)

$(INSTALLED): requirements.lock .ci/setup-venv
	bash .ci/setup-venv
	touch $@

# Renders domain/safety.yml and clinical.js from the clinical data (bot/render_domain.py).
domain: $(GENERATED)

$(GENERATED) &: $(CLINICAL_DATA) | $(INSTALLED)
	$(PY) -m bot.render_domain

train: $(MODEL)

# Rebuilt only when the configuration, domain or training data changed.
$(MODEL): $(INSTALLED) $(TRAINING_INPUTS)
	$(RASA) train --config config.yml --domain domain --data $(TRAINING_DATA) \
		--out models --fixed-model-name assistant

run: setup train
	$(PY) -m bot.launcher

test: setup browser-deps
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory unit
	$(MAKE) --no-print-directory validate
	$(MAKE) --no-print-directory train
	$(MAKE) --no-print-directory stories
	$(MAKE) --no-print-directory e2e

lint: $(INSTALLED)
	$(VENV)/bin/ruff check bot actions tests
	$(VENV)/bin/ruff format --check bot actions tests
	$(VENV)/bin/mypy

unit: $(INSTALLED)
	$(PYTEST) tests/unit

# --fail-on-warnings misses the warnings Rasa prints while reading the data: check the log too.
validate: $(INSTALLED) $(GENERATED)
	@mkdir -p $(RESULTS)
	set -o pipefail; $(RASA) data validate --config config.yml --domain domain \
		--data $(TRAINING_DATA) --fail-on-warnings 2>&1 | tee $(RESULTS)/validate.log
	$(PY) .ci/check-warnings $(RESULTS)/validate.log

stories: $(MODEL)
	$(RASA) test core --model $(MODEL) --stories tests/stories --e2e \
		--fail-on-prediction-errors --out $(RESULTS)/stories

# One pytest session: the servers start once and every end-to-end test shares them.
e2e: $(MODEL) browser-deps
	$(PYTEST) tests/e2e tests/browser

# Quality report: NLU cross-validation and held-out set, triage cases over HTTP, dialogue stories.
# Writes reports/eval/ (summary.md for clinicians); the one-line JSON summary is printed last.
eval: $(MODEL)
	$(PY) -m bot.measure.evaluation

# Latency, throughput, memory, load and training time against Rasa's starter bot (cached in
# var/bench/baseline/). Writes reports/bench/; the one-line JSON summary is printed last.
bench: $(MODEL)
	$(PY) -m bot.measure.benchmark

# Browser tests drive Debian's Chromium (Playwright's own browser download does not work here).
browser-deps:
	@command -v chromium >/dev/null 2>&1 || bash .ci/install-chromium

# Regenerates requirements.lock from requirements.in in a throwaway venv.
lock:
	rm -rf /tmp/aza-lock-venv
	"$$(bash .ci/setup-venv --print-python)" -m venv /tmp/aza-lock-venv
	/tmp/aza-lock-venv/bin/pip install --quiet -r requirements.in
	{ echo "# Exact pins for every package, transitive ones included: pip freeze of a resolved"; \
	  echo "# install of requirements.in on Python 3.10 (regenerate with: make lock)."; \
	  /tmp/aza-lock-venv/bin/pip freeze; } > requirements.lock

clean:
	rm -rf models $(RESULTS) artifacts reports

# ---- the cluster: PostgreSQL, Redis, nginx and two Rasa servers (bot/cluster.py, deploy/) ----

cluster-deps:
	bash .ci/install-cluster-deps

cluster: setup train cluster-deps
	$(PY) -m bot.cluster

compose: $(INSTALLED)
	$(PY) -m bot.cluster --compose

test-cluster: setup train cluster-deps
	$(PYTEST) tests/cluster

bench-cluster: setup train cluster-deps
	@mkdir -p reports/bench
	$(PY) -m bot.measure.benchmark.cluster
