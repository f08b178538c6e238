"""outsourcing-etl: contract PDFs and vendor SLA reports into a warehouse of outsourcing KPIs."""

__version__ = "0.1.0"
