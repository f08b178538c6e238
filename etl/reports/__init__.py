"""Vendor reports in their own layouts (CSV, XLSX, PDF, JSON) read into measurements; values in the
contract's unit; report metric names matched to the contract's schedule.

May import: the shared modules only.
"""
