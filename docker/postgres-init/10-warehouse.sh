#!/bin/bash
# Runs once, when the PostgreSQL volume is first created: the warehouse gets its own database and owner,
# apart from Airflow's metadata database.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<SQL
create role "${WAREHOUSE_USER}" login password '${WAREHOUSE_PASSWORD}';
create database "${WAREHOUSE_DB}" owner "${WAREHOUSE_USER}";
SQL
