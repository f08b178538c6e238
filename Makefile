# Two commands for a newcomer: `make demo`, then `make test`. Everything installs into .venv from the lock.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
# the Airflow UI's port for `make airflow` (`make airflow AIRFLOW_PORT=8081`)
AIRFLOW_PORT ?= 8080
# the day the marts are measured to (`make demo AS_OF=2025-12-31`); over the bundled samples, whose months run
# through 2025-12, the day after them, else later months would all read "no report"; over your own inbox
# (OUTSOURCING_ETL_INBOX set), today
AS_OF ?= $(or $(OUTSOURCING_ETL_AS_OF),$(if $(OUTSOURCING_ETL_INBOX),,2026-01-01))
# the process group `make airflow` starts, for `make stop`
AIRFLOW_GROUP := $(CURDIR)/.airflow/standalone.pgid
AIRFLOW_ENV := PATH="$(CURDIR)/$(BIN):$$PATH" AIRFLOW_HOME="$(CURDIR)/.airflow" \
	AIRFLOW__CORE__DAGS_FOLDER="$(CURDIR)/dags" AIRFLOW__CORE__LOAD_EXAMPLES=False \
	AIRFLOW__CORE__PARALLELISM=4 GX_ANALYTICS_ENABLED=False AIRFLOW__API__PORT=$(AIRFLOW_PORT) \
	AIRFLOW__API__BASE_URL=http://localhost:$(AIRFLOW_PORT) \
	AIRFLOW__CORE__EXECUTION_API_SERVER_URL=http://localhost:$(AIRFLOW_PORT)/execution/

.PHONY: install system-deps demo test test-fast lint airflow stop samples docs eval report bench clean

$(VENV)/.installed: requirements.lock requirements-nodeps.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	# bytecode compiled once at install: with PYTHONDONTWRITEBYTECODE set (as on CI machines) every import of
	# Great Expectations or Airflow would otherwise compile from source, about 3 s each time
	$(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python -r requirements.lock
	$(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python --no-deps -r requirements-nodeps.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $@

## From Debian's packages when missing (needs root): Tesseract OCR reads scanned contracts; Chromium renders
## the HTML report in its test
system-deps:
	@missing=""; command -v tesseract >/dev/null || missing="$$missing tesseract-ocr"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "Please install:$$missing (sudo apt-get install$$missing)" >&2; exit 1; fi; fi

install: $(VENV)/.installed system-deps

## Run the pipeline DAG once through Airflow over samples/ into data/outsourcing.duckdb; print the KPIs
demo: install
	$(BIN)/outsourcing-etl run $(if $(AS_OF),--as-of $(AS_OF))

## The whole test suite, after the linters (what CI runs); two workers, each taking whole test files
test: install lint
	$(BIN)/python -m pytest -n 2 --dist loadfile --no-loadscope-reorder

## The unit tests of every stage and the DAGs' integrity, without running Airflow, dbt or database servers: the
## loop to run while editing, on two workers, each property-based test on a fifth of its examples
test-fast: install
	$(BIN)/python -m pytest -m "not e2e and not airflow_services and not bench and not evaluation and not slow" \
		-q -n 2 --hypothesis-profile=fast

## ruff's rules (pyflakes, imports, bugbear, Airflow 3) and its formatter, as configured in pyproject.toml
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	cd warehouse && ../$(BIN)/sqlfluff lint models --disable-progress-bar

## Airflow UI on http://localhost:$(AIRFLOW_PORT) with the project's DAGs (stop with Ctrl-C, then `make stop`)
airflow: install
	mkdir -p .airflow
	test -f .airflow/simple_auth_manager_passwords.json.generated || \
		echo '{"admin": "admin"}' > .airflow/simple_auth_manager_passwords.json.generated
	$(AIRFLOW_ENV) $(BIN)/airflow db migrate >/dev/null
	$(AIRFLOW_ENV) $(BIN)/airflow pools set outsourcing_warehouse 1 "one warehouse writer at a time" >/dev/null
	# `make demo` may have registered the DAGs paused; paused-at-creation does not reach DAGs that exist
	$(AIRFLOW_ENV) $(BIN)/airflow dags reserialize >/dev/null 2>&1
	$(AIRFLOW_ENV) $(BIN)/airflow dags unpause --treat-dag-id-as-regex -y '^outsourcing_' >/dev/null 2>&1
	@echo "Airflow on http://localhost:$(AIRFLOW_PORT) (admin / admin). Stop: Ctrl-C, or 'make stop' from another shell."
	@# its own process group (setsid), recorded, so that stopping ends exactly what this started, workers included
	@$(AIRFLOW_ENV) OUTSOURCING_ETL_AS_OF=$(AS_OF) AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS=admin:admin \
		AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION=False setsid $(BIN)/airflow standalone & pid=$$!; \
		echo $$pid > $(AIRFLOW_GROUP); trap '$(MAKE) --no-print-directory stop; exit 130' INT TERM; wait $$pid

## Stop what `make airflow` started: the process group it recorded, SIGTERM, then SIGKILL after 10 s; checks that
## nothing of the group is left. Other processes, other users' Airflow included, are never touched
stop:
	@if [ ! -f $(AIRFLOW_GROUP) ]; then echo "no Airflow started by make airflow here"; exit 0; fi; \
	group=$$(cat $(AIRFLOW_GROUP)); \
	pkill -TERM -g $$group 2>/dev/null; pkill -TERM -s $$group 2>/dev/null; \
	for i in $$(seq 1 20); do pgrep -g $$group >/dev/null || pgrep -s $$group >/dev/null || break; sleep 0.5; done; \
	pkill -KILL -g $$group 2>/dev/null; pkill -KILL -s $$group 2>/dev/null; sleep 0.5; \
	if pgrep -g $$group >/dev/null || pgrep -s $$group >/dev/null; then \
		echo "still running from make airflow:"; ps -o pid,args -s $$group; exit 1; fi; \
	rm -f $(AIRFLOW_GROUP); echo "Airflow stopped (process group $$group)"

## Regenerate the bundled sample inbox and its ground truth
samples: install
	$(BIN)/python samples/generate.py

## The HTML KPI report of the demo warehouse
report: install
	$(BIN)/outsourcing-etl report --out data/outsourcing_report.html

## Score contract extraction on the development part of the CUAD gold sets in ../shared (the sealed part stays sealed)
eval: install
	$(BIN)/outsourcing-etl eval-contracts --gold ../shared/cuad/gold.jsonl --gold ../shared/cuad-broad/gold.jsonl

## dbt documentation site for the warehouse models (after `make demo`)
docs: install
	OUTSOURCING_ETL_WAREHOUSE="$(CURDIR)/data/outsourcing.duckdb" $(BIN)/dbt docs generate \
		--project-dir warehouse --profiles-dir warehouse --target-path "$(CURDIR)/data/outsourcing_dbt/target"

## Benchmarks against baselines measured in the same run (writes bench/results.json and docs/benchmarks.md's table)
bench: install
	$(BIN)/python bench/run.py
	$(BIN)/python bench/report.py --write-docs

clean:
	rm -rf data .airflow warehouse/target warehouse/logs
