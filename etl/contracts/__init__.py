"""Contract PDFs: terms (parties, dates, charges, renewal), clauses, engagement type and the service-level
schedule, each value with its page, source text and confidence.

May import: the shared modules only.
"""
