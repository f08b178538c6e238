-- Deprecated: renamed mart_service_credit_lineage (2026-12-05). A view under the old name keeps users' SQL working until
-- its deprecation date in _deprecated.yml; read mart_service_credit_lineage.
select * from {{ ref('mart_service_credit_lineage') }}
