"""Ticket exports from a vendor's ITSM tool (incident or case records, or event logs with many rows per
ticket): columns found by what they hold, one row per ticket in its last state, and the clock each ticket
ran on (calendar and business hours). The per-month service levels are computed from these rows in dbt.

May import: the shared modules only.
"""
