"""Scoring contract extraction against gold labels (CUAD), and the eval-contracts command behind it.
Production code never imports this package.

May import: the shared modules, etl.contracts.
"""
