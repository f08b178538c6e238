# The Airflow image with this project's locked dependencies, as Airflow's docs recommend for extra packages
# (instead of _PIP_ADDITIONAL_REQUIREMENTS at every start). Used by docker-compose.yml.
FROM apache/airflow:3.3.2-python3.11

USER root
# Tesseract reads scanned contracts (see etl/pdf_document.py)
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends tesseract-ocr && rm -rf /var/lib/apt/lists/*

# The code belongs to root and nobody may write it: tasks run as the airflow user (or AIRFLOW_UID), which can
# then neither change the package nor plant a DAG (docker-compose.yml mounts dags/ and the code read-only too)
COPY --chmod=555 requirements.lock pyproject.toml README.md /opt/outsourcing-etl/
COPY --chmod=555 etl /opt/outsourcing-etl/etl
ENV PYTHONPATH=/opt/outsourcing-etl

USER airflow
# the image's own Airflow stays: the lock pins the same apache-airflow version. The project itself is not
# installed into the airflow user's (writable) site-packages: PYTHONPATH finds it, and the CLI runs as
# `python -m etl`, which the outsourcing-etl command below wraps
RUN pip install --no-cache-dir -r /opt/outsourcing-etl/requirements.lock
USER root
RUN printf '#!/bin/sh\nexec python -m etl "$@"\n' > /usr/local/bin/outsourcing-etl && chmod 555 /usr/local/bin/outsourcing-etl
USER airflow
