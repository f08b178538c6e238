"""The inbox: which files are there, which are new or changed (by sha256), and one file's extraction
staged as JSON for the load. Bad input never raises here: it becomes a staged outcome with a reason.

May import: the shared modules, etl.contracts, etl.reports, etl.tickets.
"""
