"""The pipeline's steps as plain functions for the Airflow tasks (dags/ only declares them), the DAGs'
configuration, and running the DAGs locally with dag.test().

May import: any etl package except etl.evaluation.
"""
