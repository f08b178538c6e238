"""dbt: building and testing the warehouse models (warehouse/) and generating their documentation.

May import: the shared modules, etl.load.
"""
