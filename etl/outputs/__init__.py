"""What people read after a run: the KPI summary table and the self-contained HTML report.

May import: the shared modules, etl.load (the warehouse connection).
"""
