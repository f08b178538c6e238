# The Airflow image with this project's locked dependencies, as Airflow's docs recommend for extra packages
# (instead of _PIP_ADDITIONAL_REQUIREMENTS at every start). Used by docker-compose.yml.
FROM apache/airflow:3.3.2-python3.11

USER root
# Tesseract reads scanned contracts (see etl/pdf_document.py)
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends tesseract-ocr && rm -rf /var/lib/apt/lists/*

USER airflow
COPY --chown=airflow:root requirements.lock pyproject.toml README.md /opt/outsourcing-etl/
COPY --chown=airflow:root etl /opt/outsourcing-etl/etl
# the image's own Airflow stays: the lock pins the same apache-airflow version
RUN pip install --no-cache-dir -r /opt/outsourcing-etl/requirements.lock \
    && pip install --no-cache-dir --no-deps -e /opt/outsourcing-etl
