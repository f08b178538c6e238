"""From staged records to the warehouse: canonical frames, Great Expectations validation, quarantine,
the raw tables' schema, the file registry, the run log, and the one-transaction load (DuckDB or PostgreSQL).

May import: the shared modules, etl.reports (metric matching and unit conversion).
"""
