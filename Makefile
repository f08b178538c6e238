# Two commands for a newcomer: `make demo`, then `make test`. Everything installs into .venv from the lock.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
AIRFLOW_ENV := PATH="$(CURDIR)/$(BIN):$$PATH" AIRFLOW_HOME="$(CURDIR)/.airflow" \
	AIRFLOW__CORE__DAGS_FOLDER="$(CURDIR)/dags" AIRFLOW__CORE__LOAD_EXAMPLES=False \
	AIRFLOW__CORE__PARALLELISM=4 GX_ANALYTICS_ENABLED=False

.PHONY: install system-deps demo test airflow samples docs eval clean

$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip install --quiet --python $(BIN)/python -r requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $@

## Tesseract OCR reads scanned contracts; installed from Debian's packages when missing (needs root)
system-deps:
	@command -v tesseract >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing tesseract-ocr (for scanned PDFs)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr >/dev/null; \
	  else echo "Scanned PDFs need Tesseract OCR: sudo apt-get install tesseract-ocr" >&2; exit 1; fi; }

install: $(VENV)/.installed system-deps

## Run the pipeline DAG once through Airflow over samples/ into data/outsourcing.duckdb; print the KPIs
demo: install
	$(BIN)/outsourcing-etl run

## The whole test suite (what CI runs)
test: install
	$(BIN)/python -m pytest

## Airflow UI on http://localhost:8080 with the project's DAGs (stop with Ctrl-C)
airflow: install
	mkdir -p .airflow
	test -f .airflow/simple_auth_manager_passwords.json.generated || \
		echo '{"admin": "admin"}' > .airflow/simple_auth_manager_passwords.json.generated
	$(AIRFLOW_ENV) AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS=admin:admin \
		AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION=False $(BIN)/airflow standalone

## Regenerate the bundled sample inbox and its ground truth
samples: install
	$(BIN)/python samples/generate.py

## Score contract extraction against the CUAD gold labels in ../shared/cuad
eval: install
	$(BIN)/outsourcing-etl eval-contracts --gold ../shared/cuad/gold.jsonl

## dbt documentation site for the warehouse models (after `make demo`)
docs: install
	OUTSOURCING_ETL_WAREHOUSE="$(CURDIR)/data/outsourcing.duckdb" $(BIN)/dbt docs generate \
		--project-dir warehouse --profiles-dir warehouse --target-path "$(CURDIR)/data/outsourcing_dbt/target"

clean:
	rm -rf data .airflow warehouse/target warehouse/logs
