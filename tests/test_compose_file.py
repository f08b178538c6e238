"""docker-compose.yml against the Compose Specification's JSON schema, and the stack a deployment needs.

Docker does not run on CI machines, so the file is checked here: the schema (shipped in the pinned
docker-compose 1.29.2 wheel, installed without its code's dependencies), then the services, healthchecks and
secrets this project relies on. The native stack in tests/dags/test_airflow_services.py runs the same
components (api-server, scheduler, dag-processor) against PostgreSQL.
"""

import json
import re
from importlib.metadata import distribution

import jsonschema
import pytest
import yaml

from tests.conftest import ROOT

COMPOSE = ROOT / "docker-compose.yml"
LONG_RUNNING = [
    "postgres",
    "redis",
    "airflow-apiserver",
    "airflow-scheduler",
    "airflow-dag-processor",
    "airflow-triggerer",
    "airflow-worker",
]


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


def test_compose_file_is_valid_against_the_compose_specification(compose):
    schema = json.loads(distribution("docker-compose").locate_file("compose/config/compose_spec.json").read_text())
    jsonschema.Draft201909Validator(schema).validate(compose)


def test_a_broken_file_fails_the_schema(compose):
    """The schema check can fail: a misspelt key is caught."""
    schema = json.loads(distribution("docker-compose").locate_file("compose/config/compose_spec.json").read_text())
    broken = json.loads(json.dumps(compose))
    broken["services"]["airflow-scheduler"]["healthchek"] = broken["services"]["airflow-scheduler"].pop("healthcheck")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft201909Validator(schema).validate(broken)


def test_every_component_of_airflow_3_with_celery_is_there_with_a_healthcheck(compose):
    services = compose["services"]
    assert set(LONG_RUNNING) | {"airflow-init"} <= set(services)
    for name in LONG_RUNNING:
        assert "healthcheck" in services[name], name
    assert services["airflow-worker"]["command"] == "celery worker"
    env = services["airflow-scheduler"]["environment"]
    assert env["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor"
    assert env["AIRFLOW__CELERY__BROKER_URL"].startswith("redis://")
    # Airflow services wait for a finished init (migrations, admin user, pool, warehouse tables)
    for name in ("airflow-apiserver", "airflow-scheduler", "airflow-dag-processor", "airflow-triggerer"):
        assert services[name]["depends_on"]["airflow-init"]["condition"] == "service_completed_successfully"


def test_init_migrates_creates_the_admin_the_pool_and_the_warehouse(compose):
    init = compose["services"]["airflow-init"]
    script = init["command"][-1]
    assert init["environment"]["_AIRFLOW_DB_MIGRATE"] == "true"
    assert init["environment"]["_AIRFLOW_WWW_USER_CREATE"] == "true"
    dag_source = (ROOT / "dags" / "outsourcing.py").read_text()
    pool = re.search(r'WAREHOUSE_POOL = "(\w+)"', dag_source).group(1)
    assert f"airflow pools set {pool} 1" in script
    assert "outsourcing-etl init-warehouse" in script
    # the warehouse has its own database, created on the PostgreSQL volume's first start
    postgres = compose["services"]["postgres"]
    assert "./docker/postgres-init:/docker-entrypoint-initdb.d:ro" in postgres["volumes"]
    assert "create database" in (ROOT / "docker" / "postgres-init" / "10-warehouse.sh").read_text()
    assert init["environment"]["OUTSOURCING_ETL_WAREHOUSE"].startswith("postgresql://")


def test_project_is_mounted_for_dags_code_and_inbox(compose):
    volumes = compose["services"]["airflow-scheduler"]["volumes"]
    assert "./dags:/opt/airflow/dags:ro" in volumes
    assert any(v.endswith(":/opt/outsourcing-etl/inbox") for v in volumes)
    assert any(v.startswith("./etl:") for v in volumes)


def test_secrets_come_from_env_and_the_example_names_every_one():
    text = COMPOSE.read_text()
    required = set(re.findall(r"\$\{(\w+):\?", text))
    assert {"POSTGRES_PASSWORD", "AIRFLOW_ADMIN_PASSWORD", "AIRFLOW_FERNET_KEY", "WAREHOUSE_PASSWORD"} <= required
    example = dict(
        line.split("=", 1)
        for line in (ROOT / ".env.example").read_text().splitlines()
        if line and not line.startswith("#")
    )
    assert required <= set(example)
    # no literal password anywhere in the compose file
    assert not re.search(r"(?i)password\W*[:=]\s*['\"]?(?!\$\{)\w", text)
    assert ".env" in (ROOT / ".gitignore").read_text().split()


def test_tasks_cannot_write_the_dags_or_the_code(compose):
    """#29: a reader tricked into writing a file must find dags/ and the package read-only, or the DAG
    processor would import what it wrote. Every mount of code is :ro, and the image gives the code to root."""
    volumes = compose["x-airflow-common"]["volumes"]
    targets = {volume: volume.split("}")[-1].split(":")[1] for volume in volumes}  # past ${INBOX_DIR:-...}
    assert {"/opt/airflow/dags", "/opt/outsourcing-etl/etl"} <= set(targets.values()), volumes
    for volume, target in targets.items():
        writable = not volume.endswith(":ro")
        if writable:
            assert target in ("/opt/outsourcing-etl/data", "/opt/outsourcing-etl/inbox", "/opt/airflow/logs"), volume
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "--chown=airflow" not in dockerfile
    copies = [line for line in dockerfile.splitlines() if line.startswith("COPY")]
    assert copies and all("--chmod=555" in line for line in copies), copies
    assert "pip install --no-cache-dir --no-deps -e" not in dockerfile  # an editable install the user could write


MULTIHOST = ROOT / "docker-compose.multihost.yml"
WORKER = ROOT / "docker-compose.worker.yml"


@pytest.mark.parametrize("path", [MULTIHOST, WORKER], ids=lambda p: p.name)
def test_the_several_hosts_files_are_valid_compose_files(path):
    schema = json.loads(distribution("docker-compose").locate_file("compose/config/compose_spec.json").read_text())
    jsonschema.Draft201909Validator(schema).validate(yaml.safe_load(path.read_text()))


def test_workers_on_several_hosts_hand_staged_files_over_object_storage(compose):
    """#36: every task sees the staging URL; the several-hosts overlay runs the S3 store and makes its bucket
    before Airflow starts; a worker on another host has the main worker's pipeline settings, must stage on
    object storage, and mounts code and DAGs read-only like every task."""
    main = compose["services"]["airflow-worker"]["environment"]
    assert main["OUTSOURCING_ETL_STAGING_URL"] == "${OUTSOURCING_ETL_STAGING_URL:-}"
    overlay = yaml.safe_load(MULTIHOST.read_text())["services"]
    assert overlay["airflow-init"]["depends_on"]["minio-init"]["condition"] == "service_completed_successfully"
    assert "mc mb --ignore-existing" in overlay["minio-init"]["command"][-1]
    assert overlay["redis"]["ports"]  # the broker reachable from the other hosts
    remote = yaml.safe_load(WORKER.read_text())["services"]["airflow-worker"]
    pipeline_settings = {k for k in main if k.startswith("OUTSOURCING_ETL_")}
    assert pipeline_settings <= set(remote["environment"]), pipeline_settings - set(remote["environment"])
    assert remote["environment"]["OUTSOURCING_ETL_STAGING_URL"].startswith("${OUTSOURCING_ETL_STAGING_URL:?")
    for volume in remote["volumes"]:
        target = volume.split("}")[-1].split(":")[1]
        assert volume.endswith(":ro") or target == "/opt/outsourcing-etl/data", volume
    example = (ROOT / ".env.example").read_text()
    for path in (MULTIHOST, WORKER):
        for name in set(re.findall(r"\$\{(\w+):\?", path.read_text())):
            assert f"\n{name}=" in example, f"{path.name} requires {name}, which .env.example does not name"
